/*
 * host.c - a C host driving a Go wasip1 reactor (go build -buildmode=c-shared) built by
 * `pogo build --lib`: instantiate it with a WASI context, run _initialize, call its
 * go:wasmexport functions, and provide its go:wasmimport function env.host_log.
 *
 * Checks that goroutines started by one export run while later exports block on them
 * (take() receives what a sleeping goroutine sends), that the host function sees the
 * argument Go passed, and that a trap in the guest comes back as a value.
 * Prints a transcript the test compares; exits non-zero on the first surprise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pogo-wasi.h"
#include "reactor.h"

static int logged[8];
static int nlogged;

void reactor_import_env_host_log(reactor_t *inst, uint32_t x) {
  (void)inst;
  if (nlogged < 8) logged[nlogged++] = (int)x;
  printf("host_log(%d)\n", (int)x);
}

typedef struct call {
  reactor_t *inst;
  uint32_t a, b, result;
  int what;
} call;

static void invoke(void *p) {
  call *c = p;
  switch (c->what) {
  case 0: reactor_export_initialize(c->inst); break;
  case 1: c->result = reactor_export_add(c->inst, c->a, c->b); break;
  case 2: reactor_export_start_worker(c->inst, c->a); break;
  case 3: c->result = reactor_export_take(c->inst); break;
  case 4: reactor_export_hello(c->inst); break;
  }
}

static uint32_t go(reactor_t *inst, int what, uint32_t a, uint32_t b) {
  call c = {inst, a, b, 0, what};
  pg_trap_info trap;
  if (!pg_call((pg_inst_hdr *)inst, invoke, &c, &trap)) {
    char msg[512];
    fprintf(stderr, "host: call %d: %s\n", what, pg_trap_describe(&trap, msg, sizeof msg));
    exit(1);
  }
  return c.result;
}

int main(void) {
  /* the guest writes to fd 1 directly: keep the host's lines in order with it */
  setvbuf(stdout, NULL, _IONBF, 0);
  pg_wasi *w = pg_wasi_new();
  char *argv[] = {"reactor"};
  char err[256];
  if (!w || !pg_wasi_set_args(w, 1, argv) || !pg_wasi_option(w, "--env", "GREETING=hi", err, sizeof err)) {
    fprintf(stderr, "host: wasi setup failed: %s\n", err);
    return 1;
  }
  reactor_imports imports = {0};
  imports.wasi = w;
  pg_trap_info e;
  reactor_t *inst = reactor_instantiate(NULL, &imports, &e);
  if (!inst) {
    char msg[512];
    fprintf(stderr, "host: %s\n", pg_trap_describe(&e, msg, sizeof msg));
    return 1;
  }
  go(inst, 0, 0, 0);
  printf("add(2, 3) = %u\n", go(inst, 1, 2, 3));
  printf("add(40, 2) = %u\n", go(inst, 1, 40, 2));
  go(inst, 2, 4, 0);
  for (int i = 0; i < 4; i++) printf("take() = %u\n", go(inst, 3, 0, 0));
  go(inst, 4, 0, 0);
  fflush(stdout);
  reactor_free(inst);
  pg_wasi_free(w);
  if (nlogged != 2 || logged[0] != 5 || logged[1] != 42) {
    fprintf(stderr, "host: host_log saw %d calls\n", nlogged);
    return 1;
  }
  return 0;
}
