/*
 * gojs_host.c - runs a Go GOOS=js module translated by plain wabt wasm2c (1.0.32) on
 * pogo's JavaScript host (rt/: the JS object model, the gojs imports, the event loop,
 * main's argument and environment set-up), so that a benchmark of wasm2c's code against
 * pogo's differs only in the generated code.
 *
 * pogo binds four of a Go module's functions to its runtime (the pc-loop, runtime.pause,
 * runtime.exit, getsp: see include/pogo-go.h); here the module keeps its own, which is
 * what wasm_exec.js runs too. The host needs only what pg_go describes: the memory, the
 * SP and PAUSE globals (wasm2c's w2c_g0 and w2c_g7), and the run and resume exports.
 *
 * imports.def, written by bench/run.py from the header wasm2c generates, has one line
 * per import: GOJS_IMPORT(c_symbol, "module", "name"). Each symbol is defined below as a
 * call through a table that pg_gojs_resolve() fills at instantiation, as pogo's own
 * generated code does; an import pogo does not provide is a link error.
 *
 * Build (what bench/run.py does):
 *   wasm2c app.wasm -n app -o app.c        # the module must be named "app"
 *   gcc -O2 app.c gojs_host.c -I. -I<pogo>/include <pogo build>/libpogo_rt.a \
 *       <pogo build>/libpogo_main.a -lwasm-rt-impl -lm -lpthread
 * The executable behaves as `pogo build` ones do (exit status, 134 on a trap).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pogo-go.h"

/* What wasm2c passes to every gojs import. */
struct Z_gojs_instance_t {
  pg_go *go;
};

typedef struct host {
  pg_inst_hdr hdr; /* first: the runtime's view of the instance */
  pg_go go;
  struct Z_gojs_instance_t imports;
  Z_app_instance_t app;
} host;

enum {
#define GOJS_IMPORT(sym, module, name) IMPORT_##sym,
#include "imports.def"
#undef GOJS_IMPORT
  NIMPORTS
};

static const char *const import_names[NIMPORTS][2] = {
#define GOJS_IMPORT(sym, module, name) {module, name},
#include "imports.def"
#undef GOJS_IMPORT
};

static pg_gojs_import imports[NIMPORTS];

#define GOJS_IMPORT(sym, module, name) \
  void sym(struct Z_gojs_instance_t *i, uint32_t sp) { imports[IMPORT_##sym](i->go, sp); }
#include "imports.def"
#undef GOJS_IMPORT

static const pg_module_info info = {"app", 0, 0, "", NULL};

static void run(void *inst, uint32_t argc, uint32_t argv) { Z_appZ_run(&((host *)inst)->app, argc, argv); }
static void resume(void *inst) { Z_appZ_resume(&((host *)inst)->app); }
static void instantiate_thunk(void *h) { Z_app_instantiate(&((host *)h)->app, &((host *)h)->imports); }

static pg_inst_hdr *instantiate(void *embedder, struct pg_wasi *wasi, pg_trap_info *err) {
  (void)wasi;
  pg_rt_init();
  for (int k = 0; k < NIMPORTS; k++) {
    if (strcmp(import_names[k][0], "gojs") ||
        !(imports[k] = pg_gojs_resolve(import_names[k][0], import_names[k][1]))) {
      static char msg[300];
      snprintf(msg, sizeof msg, "import %s.%s: not provided by the JS host", import_names[k][0],
               import_names[k][1]);
      pg_link_error(err, msg);
      return NULL;
    }
  }
  Z_app_init_module();
  host *h = calloc(1, sizeof *h);
  if (!h) {
    pg_link_error(err, "out of memory");
    return NULL;
  }
  h->hdr.info = &info;
  h->hdr.host = embedder;
  h->hdr.stack_limit = pg_stack_limit_here();
  h->imports.go = &h->go;
  if (!pg_call(&h->hdr, instantiate_thunk, h, err)) {
    free(h);
    return NULL;
  }
  h->hdr.mem = Z_appZ_mem(&h->app);
  h->go = (pg_go){.hdr = &h->hdr, .sp = &h->app.w2c_g0, .pause = &h->app.w2c_g7, .run = run, .resume = resume};
  return &h->hdr;
}

static void free_instance(pg_inst_hdr *inst) {
  Z_app_free(&((host *)inst)->app);
  free(inst);
}

static pg_go *go_of(pg_inst_hdr *inst) { return &((host *)inst)->go; }

const pg_program pogo_program = {
    .module_name = "app",
    .instantiate = instantiate,
    .free = free_instance,
    .go = go_of,
    .main = pg_go_main,
};
