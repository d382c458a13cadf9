/*
 * wasi_main.c - main() of executables built from WASI command modules: what
 * `wasmtime run` or node's WASI do with a module exporting _start, natively.
 *
 * Options (pogo-wasi.h) come from two places, in this order: those `pogo build` baked
 * into the executable, then $POGO_WASI (newline-separated words, the channel `pogo run`
 * uses). Nothing is granted by default: no directory, no environment variable. The
 * guest's argv is the process's own. $POGO_WASI_RESOLVER=walk forces the component-walk
 * path resolver (for tests; see wasi_path.h).
 *
 * Exit status: the guest's proc_exit code (0 when _start returns), 1 when the options
 * or instantiation fail before the guest runs, POGO_EXIT_TRAP (134) on a trap,
 * POGO_EXIT_TIMEOUT (124) past the time limit (limits: rt/limit.c).
 * $POGO_CPUPROFILE profiles the guest (rt/profile.c).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limit.h"
#include "profile.h"
#include "wasi.h"

typedef struct wasi_run {
  const pg_program *prog;
  pg_wasi *w;
  pg_run_limits *lim;
  pg_profile *prof;
  int code;
} wasi_run;

static void run_guest(void *p) {
  wasi_run *r = p;
  const pg_program *prog = r->prog;
  pg_limits_begin(r->lim);
  pg_trap_info err;
  pg_inst_hdr *inst = prog->instantiate(NULL, r->w, &err);
  if (!inst) {
    r->code = pg_profile_finish(r->prof, pg_limits_report_instantiate(r->lim, &err));
  } else {
    pg_profile_start(r->prof, inst);
    if (pg_call(inst, prog->start, inst, &err)) r->code = 0;
    else if (err.kind == PG_TRAP_EXIT) r->code = (int)(pg_wasi_exit_code(r->w) & 0xff);
    else r->code = pg_limits_report_trap(r->lim, &err);
    r->code = pg_profile_finish(r->prof, r->code);
    prog->free(inst);
  }
  pg_limits_end(r->lim);
}

int pg_wasi_main(const pg_program *prog, int argc, char **argv) {
  /* a write to a closed pipe is an EPIPE error for the guest, not the end of the host */
  signal(SIGPIPE, SIG_IGN);
  pg_wasi *w = pg_wasi_new();
  char err[600];
  if (!w || !pg_wasi_set_args(w, argc, argv)) {
    fprintf(stderr, "%s: out of memory\n", prog->module_name);
    pg_wasi_free(w);
    return 1;
  }
  pg_run_limits lim;
  if (!pg_wasi_options_text(w, prog->wasi_options, err, sizeof err) ||
      !pg_wasi_options_text(w, getenv("POGO_WASI"), err, sizeof err) || !pg_limits_load(&lim, prog, err, sizeof err)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, err);
    pg_wasi_free(w);
    return 1;
  }
  /* testing knob: resolve paths with the component walk even where openat2 exists */
  const char *resolver = getenv("POGO_WASI_RESOLVER");
  if (resolver && !strcmp(resolver, "walk")) pg_wasi_force_walk(w, true);
  bool failed;
  wasi_run r = {prog, w, &lim, pg_profile_from_env(prog, &failed), 1};
  if (failed) {
    pg_wasi_free(w);
    return 1;
  }
  if (!pg_run_deep(run_guest, &r, prog->module_name)) r.code = pg_profile_finish(r.prof, 1);
  pg_wasi_free(w);
  return r.code;
}
