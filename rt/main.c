/*
 * main.c - entry of executables built by `pogo build`: main() hands over to the main of
 * the program descriptor the build emitted (pg_go_main for Go modules, pg_plain_main
 * below for modules that need no host imports).
 *
 * Plain modules: instantiate, run the `_start` export, report a trap and exit. Exit
 * codes: 0 after a normal return, 1 if instantiation fails before any guest code runs
 * (a link error), POGO_EXIT_TRAP (134) if the guest traps. $POGO_CPUPROFILE profiles the
 * guest (rt/profile.c).
 */
#include <stdio.h>

#include "pogo-abi.h"
#include "profile.h"

int main(int argc, char **argv) { return pogo_program.main(&pogo_program, argc, argv); }

int pg_plain_main(const pg_program *prog, int argc, char **argv) {
  (void)argc;
  (void)argv;
  pg_trap_info err;
  char msg[512];
  bool failed;
  pg_profile *prof = pg_profile_from_env(prog, &failed);
  if (failed) return 1;
  pg_inst_hdr *inst = prog->instantiate(NULL, NULL, &err);
  if (!inst) {
    fprintf(stderr, "%s: %s\n", prog->module_name, pg_trap_describe(&err, msg, sizeof msg));
    return pg_profile_finish(prof, err.kind == PG_ERR_LINK ? 1 : POGO_EXIT_TRAP);
  }
  int code = 0;
  pg_profile_start(prof, inst);
  if (!pg_call(inst, prog->start, inst, &err)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, pg_trap_describe(&err, msg, sizeof msg));
    fflush(stdout);
    code = POGO_EXIT_TRAP;
  }
  code = pg_profile_finish(prof, code);
  prog->free(inst);
  return code;
}
