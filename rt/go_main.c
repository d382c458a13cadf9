/*
 * go_main.c - main() of executables built from Go GOOS=js modules: what
 * `node wasm_exec_node.js app.wasm args` does, natively.
 *
 * The guest runs on a deep stack (pg_run_deep: wasm call depth is Go call depth).
 * Exit status: the Go program's exit code (& 0xFF, as process.exit), 1 if it cannot
 * start, 134 on a trap, 124 past the time limit (limits: rt/limit.c). $POGO_CPUPROFILE
 * profiles the guest (rt/profile.c).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js_host.h"
#include "limit.h"
#include "profile.h"

extern char **environ;

typedef struct go_main_args {
  const pg_program *prog;
  int argc;
  char **argv;
  pg_run_limits *lim;
  pg_profile *prof;
  int code;
} go_main_args;

static void go_thread(void *p) {
  go_main_args *a = p;
  const pg_program *prog = a->prog;
  char msg[600];

  pg_limits_begin(a->lim);
  pg_trap_info err;
  pg_inst_hdr *inst = prog->instantiate(NULL, NULL, &err);
  if (!inst) {
    a->code = pg_profile_finish(a->prof, pg_limits_report_instantiate(a->lim, &err));
    pg_limits_end(a->lim);
    return;
  }
  pg_profile_start(a->prof, inst);
  pg_go *g = prog->go(inst);
  pg_js *js = js_host_new(g, a->argc, a->argv, (const char *const *)environ);
  uint32_t argc, argv;
  int code;
  if (!js_write_args(js, &argc, &argv, msg, sizeof msg)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, msg);
    code = 1;
  } else {
    js_run(js, argc, argv);
    code = js->exited || js->fatal.kind ? js->exit_code : js_loop(js);
    if (js->fatal.kind) code = pg_limits_report_trap(a->lim, &js->fatal);
  }
  code = pg_profile_finish(a->prof, code & 0xff);
  js_host_free(js);
  prog->free(inst);
  pg_limits_end(a->lim);
  a->code = code;
}

int pg_go_main(const pg_program *prog, int argc, char **argv) {
  /* node ignores SIGPIPE: a write to a closed pipe is an EPIPE error Go can report */
  signal(SIGPIPE, SIG_IGN);
  pg_run_limits lim;
  char msg[400];
  if (!pg_limits_load(&lim, prog, msg, sizeof msg)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, msg);
    return 1;
  }
  bool failed;
  go_main_args a = {prog, argc, argv, &lim, pg_profile_from_env(prog, &failed), 1};
  if (failed) return 1;
  if (!pg_run_deep(go_thread, &a, prog->module_name)) return pg_profile_finish(a.prof, 1);
  fflush(stdout);
  return a.code;
}
