/*
 * wasi_host.c - runs a WASI command translated by plain wabt wasm2c (1.0.32) on pogo's
 * WASI host, so that a benchmark of wasm2c's code against pogo's differs only in the
 * generated code: same WASI implementation, same wasm-rt memory, same trap machinery.
 *
 * Build (what bench/run.py does):
 *   wasm2c app.wasm -n app -o app.c
 *   gcc -O2 app.c wasi_host.c -I. -I<pogo>/include -I<wasm-rt> <pogo build>/libpogo_rt.a \
 *       -lwasm-rt-impl -lm -lpthread
 *
 * The module must be named "app" (wasm2c -n app): its imports are then
 * Z_wasi_snapshot_preview1Z_<name>(struct Z_wasi_snapshot_preview1_instance_t *, ...).
 * Each is defined below from include/pogo-wasi.def, the table pogo's own compiler binds
 * WASI imports with, as a call of pogo's pg_wasi_<name>(pg_inst_hdr *, ...). The
 * "instance" wasm2c hands to imports is a pg_inst_hdr whose memory is the module's
 * exported memory and whose WASI context is configured as a pogo-built executable's
 * is: from $POGO_WASI (options one word per line, e.g. "--dir\nDIR::/"), nothing
 * granted by default; argv is the process's own.
 *
 * Exit status: the guest's proc_exit code (0 when _start returns), 1 if it cannot
 * start, 134 on a trap (as executables built by pogo).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "pogo-abi.h"
#include "pogo-wasi.h"

/* What wasm2c passes to every WASI import. */
struct Z_wasi_snapshot_preview1_instance_t {
  pg_inst_hdr hdr;
};

/* Parameter lists of the table, named: DECL(I32, I64) is `I32 p1, I64 p2` and
 * PASS(I32, I64) is `p1, p2` (at most nine parameters: path_open). */
#define NARG(...) NARG_(__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define NARG_(_1, _2, _3, _4, _5, _6, _7, _8, _9, n, ...) n
#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b
#define DECL(...) CAT(DECL, NARG(__VA_ARGS__))(__VA_ARGS__)
#define DECL1(a) a p1
#define DECL2(a, b) DECL1(a), b p2
#define DECL3(a, b, c) DECL2(a, b), c p3
#define DECL4(a, b, c, d) DECL3(a, b, c), d p4
#define DECL5(a, b, c, d, e) DECL4(a, b, c, d), e p5
#define DECL6(a, b, c, d, e, f) DECL5(a, b, c, d, e), f p6
#define DECL7(a, b, c, d, e, f, g) DECL6(a, b, c, d, e, f), g p7
#define DECL8(a, b, c, d, e, f, g, h) DECL7(a, b, c, d, e, f, g), h p8
#define DECL9(a, b, c, d, e, f, g, h, i) DECL8(a, b, c, d, e, f, g, h), i p9
#define PASS(...) CAT(PASS, NARG(__VA_ARGS__))
#define PASS1 p1
#define PASS2 PASS1, p2
#define PASS3 PASS2, p3
#define PASS4 PASS3, p4
#define PASS5 PASS4, p5
#define PASS6 PASS5, p6
#define PASS7 PASS6, p7
#define PASS8 PASS7, p8
#define PASS9 PASS8, p9

#define I32 uint32_t
#define I64 uint64_t
#define VOID void
#define RETURN_I32 return
#define RETURN_VOID
#define PG_WASI_FN(name, result, params)                                                                   \
  result pg_wasi_##name(pg_inst_hdr *inst, DECL params);                                                   \
  result Z_wasi_snapshot_preview1Z_##name(struct Z_wasi_snapshot_preview1_instance_t *w, DECL params) {    \
    RETURN_##result pg_wasi_##name(&w->hdr, PASS params);                                                  \
  }
#define PG_WASI_FN0(name, result)                                                                          \
  result pg_wasi_##name(pg_inst_hdr *inst);                                                                \
  result Z_wasi_snapshot_preview1Z_##name(struct Z_wasi_snapshot_preview1_instance_t *w) {                 \
    RETURN_##result pg_wasi_##name(&w->hdr);                                                               \
  }
#include "pogo-wasi.def"
#undef PG_WASI_FN
#undef PG_WASI_FN0

typedef struct run {
  struct Z_wasi_snapshot_preview1_instance_t host;
  Z_app_instance_t app;
  int code;
} run;

static void instantiate(void *p) {
  run *r = p;
  Z_app_instantiate(&r->app, &r->host);
  r->host.hdr.mem = Z_appZ_memory(&r->app);
}

static void start(void *p) { Z_appZ__start(&((run *)p)->app); }

static void run_guest(void *p) {
  run *r = p;
  pg_trap_info trap;
  char msg[600];
  r->host.hdr.stack_limit = pg_stack_limit_here();
  Z_app_init_module();
  if (!pg_call(&r->host.hdr, instantiate, r, &trap)) {
    fprintf(stderr, "app: instantiation: %s\n", pg_trap_describe(&trap, msg, sizeof msg));
    r->code = 1;
    return;
  }
  if (pg_call(&r->host.hdr, start, r, &trap)) r->code = 0;
  else if (trap.kind == PG_TRAP_EXIT) r->code = (int)(pg_wasi_exit_code(r->host.hdr.wasi) & 0xff);
  else {
    fprintf(stderr, "app: %s\n", pg_trap_describe(&trap, msg, sizeof msg));
    r->code = POGO_EXIT_TRAP;
  }
  Z_app_free(&r->app);
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN); /* a write to a closed pipe is the guest's EPIPE */
  pg_rt_init();
  static run r; /* the instance struct is large for big modules: keep it off the stack */
  char err[600];
  pg_wasi *w = pg_wasi_new();
  if (!w || !pg_wasi_set_args(w, argc, argv)) {
    fprintf(stderr, "app: out of memory\n");
    return 1;
  }
  if (!pg_wasi_options_text(w, getenv("POGO_WASI"), err, sizeof err)) {
    fprintf(stderr, "app: %s\n", err);
    return 1;
  }
  r.host.hdr.wasi = w;
  r.code = 1;
  if (!pg_run_deep(run_guest, &r, "app")) r.code = 1;
  pg_wasi_free(w);
  return r.code;
}
