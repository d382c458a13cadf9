/*
 * go_main.c - main() of executables built from Go GOOS=js modules: what
 * `node wasm_exec_node.js app.wasm args` does, natively.
 *
 * The guest runs on a thread of its own with a deep stack (wasm call depth is Go call
 * depth; node needs --stack-size=8192 for what Go's tests do): $POGO_STACK_SIZE bytes,
 * default 1 GiB of address space, committed only as it is used. Exit status: the Go
 * program's exit code (& 0xFF, as process.exit), 1 if it cannot start, 134 on a trap.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js_host.h"

extern char **environ;

typedef struct go_main_args {
  const pg_program *prog;
  int argc;
  char **argv;
  int code;
} go_main_args;

static size_t stack_size(void) {
  const char *s = getenv("POGO_STACK_SIZE");
  if (!s || !*s) return (size_t)1 << 30;
  char *end;
  double v = strtod(s, &end);
  if (*end == 'k' || *end == 'K') v *= 1024;
  else if (*end == 'm' || *end == 'M') v *= 1024 * 1024;
  else if (*end == 'g' || *end == 'G') v *= 1024.0 * 1024 * 1024;
  if (v < 1 << 20) v = 1 << 20;
  return (size_t)v;
}

static void *go_thread(void *p) {
  go_main_args *a = p;
  const pg_program *prog = a->prog;
  char msg[600];

  /* guard-page faults are delivered on an alternate stack: each thread needs one */
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_size = 256 * 1024;
  ss.ss_sp = malloc(ss.ss_size);
  if (ss.ss_sp) sigaltstack(&ss, NULL);

  pg_trap_info err;
  pg_inst_hdr *inst = prog->instantiate(NULL, &err);
  if (!inst) {
    fprintf(stderr, "%s: %s\n", prog->module_name, pg_trap_describe(&err, msg, sizeof msg));
    a->code = err.kind == PG_ERR_LINK ? 1 : POGO_EXIT_TRAP;
    return NULL;
  }
  pg_go *g = prog->go(inst);
  pg_js *js = js_host_new(g, a->argc, a->argv, environ);
  uint32_t argc, argv;
  int code;
  if (!js_write_args(js, &argc, &argv, msg, sizeof msg)) {
    fprintf(stderr, "%s: %s\n", prog->module_name, msg);
    code = 1;
  } else {
    js_run(js, argc, argv);
    code = js->exited || js->fatal.kind ? js->exit_code : js_loop(js);
    if (js->fatal.kind) {
      fprintf(stderr, "%s: %s\n", prog->module_name, pg_trap_describe(&js->fatal, msg, sizeof msg));
      code = POGO_EXIT_TRAP;
    }
  }
  js_host_free(js);
  prog->free(inst);
  a->code = code & 0xff;
  if (ss.ss_sp) {
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    free(ss.ss_sp);
  }
  return NULL;
}

int pg_go_main(const pg_program *prog, int argc, char **argv) {
  /* node ignores SIGPIPE: a write to a closed pipe is an EPIPE error Go can report */
  signal(SIGPIPE, SIG_IGN);
  go_main_args a = {prog, argc, argv, 1};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_size());
  pthread_t t;
  int r = pthread_create(&t, &attr, go_thread, &a);
  pthread_attr_destroy(&attr);
  if (r != 0) {
    fprintf(stderr, "%s: cannot start the guest thread: %s\n", prog->module_name, strerror(r));
    return 1;
  }
  pthread_join(t, NULL);
  fflush(stdout);
  return a.code;
}
