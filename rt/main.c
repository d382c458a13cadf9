/*
 * main.c - entry of executables built by `pogo build`: main() hands over to the main of
 * the program descriptor the build emitted (pg_go_main for Go modules, pg_wasi_main for
 * WASI commands, pg_plain_main below for modules that need no host imports).
 *
 * Plain modules: instantiate, run the `_start` export, report a trap and exit. Exit
 * codes: 0 after a normal return, 1 if the limits are malformed or instantiation fails
 * before any guest code runs (a link error, a memory limit below the module's initial
 * memory), POGO_EXIT_TRAP (134) if the guest traps, POGO_EXIT_TIMEOUT (124) if it runs
 * past its time limit (rt/limit.c). $POGO_CPUPROFILE profiles the guest (rt/profile.c).
 */
#include <stdio.h>

#include "limit.h"
#include "profile.h"

int main(int argc, char **argv) { return pogo_program.main(&pogo_program, argc, argv); }

int pg_plain_main(const pg_program *prog, int argc, char **argv) {
  (void)argc;
  (void)argv;
  pg_run_limits lim;
  char msg[400];
  if (!pg_limits_load(&lim, prog, msg, sizeof msg)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, msg);
    return 1;
  }
  pg_limits_begin(&lim);
  pg_trap_info err;
  bool failed;
  pg_profile *prof = pg_profile_from_env(prog, &failed);
  if (failed) {
    pg_limits_end(&lim);
    return 1;
  }
  int code = 0;
  pg_inst_hdr *inst = prog->instantiate(NULL, NULL, &err);
  if (!inst) {
    code = pg_profile_finish(prof, pg_limits_report_instantiate(&lim, &err));
  } else {
    pg_profile_start(prof, inst);
    if (!pg_call(inst, prog->start, inst, &err)) {
      code = pg_limits_report_trap(&lim, &err);
      fflush(stdout);
    }
    code = pg_profile_finish(prof, code);
    prog->free(inst);
  }
  pg_limits_end(&lim);
  return code;
}
