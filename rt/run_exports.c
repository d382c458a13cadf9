/*
 * run_exports.c - main of executables that call every exported function without
 * parameters and print the outcomes as wabt's `wasm-interp --run-all-exports` does:
 *
 *   name() => i32:4294967291, f64:0.100000     results (i32 and i64 unsigned, floats %f)
 *   name() =>                                  no results
 *   name() => error: integer divide by zero    a trap, in wasm-interp's wording
 *
 * and "error initializing module: <trap>" on stderr with exit status 1 when the start
 * function traps. `pogo check` runs these against wasm-interp. Two things cannot be
 * the same in two engines and are printed so that pogo check can normalise them (see
 * compiler/check.c): a non-null reference is "funcref:<non-null>" (wasm-interp prints
 * its store's object index), and an out-of-bounds trap has no ": detail" suffix
 * (wasm-interp names the address, which pogo's guard-page traps do not know).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pogo-abi.h"

/* wasm-interp's wording of each trap kind (pogo's own is the spec's, trap.c) */
static const char *interp_message(const pg_trap_info *t) {
  switch (t->kind) {
  case PG_TRAP_UNDEFINED_ELEMENT: return "undefined table index";
  case PG_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized table element";
  case PG_TRAP_INDIRECT_TYPE_MISMATCH: return "indirect call signature mismatch";
  case PG_TRAP_HOST: return t->message ? t->message : "host error";
  default: return pg_trap_kind_message(t->kind);
  }
}

typedef struct export_run {
  const pg_export_call *call;
  void *inst;
  uint64_t *results;
} export_run;

static void call_one(void *p) {
  export_run *r = p;
  r->call->call(r->inst, r->results);
}

static void print_value(char type, uint64_t v) {
  switch (type) {
  case 'i': printf("i32:%" PRIu32, (uint32_t)v); break;
  case 'j': printf("i64:%" PRIu64, v); break;
  case 'f': {
    uint32_t bits = (uint32_t)v;
    float f;
    memcpy(&f, &bits, sizeof f);
    printf("f32:%f", (double)f);
    break;
  }
  case 'd': {
    double d;
    memcpy(&d, &v, sizeof d);
    printf("f64:%f", d);
    break;
  }
  default: printf("%s:%s", type == 'r' ? "funcref" : "externref", v ? "<non-null>" : "0"); break;
  }
}

int pg_run_exports(const pg_program *prog, const pg_export_call *calls, uint32_t ncalls) {
  pg_trap_info err;
  pg_inst_hdr *inst = prog->instantiate(NULL, NULL, &err);
  if (!inst) {
    char msg[512];
    if (err.kind == PG_ERR_LINK) fprintf(stderr, "%s: %s\n", prog->module_name, pg_trap_describe(&err, msg, sizeof msg));
    else fprintf(stderr, "error initializing module: %s\n", interp_message(&err));
    return 1;
  }
  for (uint32_t i = 0; i < ncalls; i++) {
    const pg_export_call *c = &calls[i];
    size_t n = strlen(c->results);
    uint64_t *results = calloc(n ? n : 1, sizeof *results);
    if (!results) {
      fprintf(stderr, "%s: out of memory\n", prog->module_name);
      prog->free(inst);
      return 1;
    }
    export_run r = {c, inst, results};
    fwrite(c->name, 1, c->name_len, stdout);
    if (pg_call(inst, call_one, &r, &err)) {
      fputs("() =>", stdout);
      for (size_t k = 0; k < n; k++) {
        fputs(k ? ", " : " ", stdout);
        print_value(c->results[k], results[k]);
      }
      fputc('\n', stdout);
    } else {
      printf("() => error: %s\n", interp_message(&err));
    }
    free(results);
  }
  fflush(stdout);
  prog->free(inst);
  return 0;
}
