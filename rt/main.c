/*
 * main.c - entry of executables built by `pogo build` for modules that need no host
 * imports: instantiate, run the `_start` export, report a trap and exit.
 *
 * Exit codes: 0 after a normal return, 1 if instantiation fails before any guest code
 * runs (a link error), POGO_EXIT_TRAP (134) if the guest traps.
 */
#include <stdio.h>

#include "pogo-abi.h"

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  pg_trap_info err;
  char msg[512];
  pg_inst_hdr *inst = pogo_program.instantiate(NULL, &err);
  if (!inst) {
    fprintf(stderr, "%s: %s\n", pogo_program.module_name, pg_trap_describe(&err, msg, sizeof msg));
    return err.kind == PG_ERR_LINK ? 1 : POGO_EXIT_TRAP;
  }
  if (!pg_call(inst, pogo_program.start, inst, &err)) {
    fprintf(stderr, "%s: %s\n", pogo_program.module_name, pg_trap_describe(&err, msg, sizeof msg));
    fflush(stdout);
    pogo_program.free(inst);
    return POGO_EXIT_TRAP;
  }
  pogo_program.free(inst);
  return 0;
}
