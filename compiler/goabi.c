/*
 * goabi.c - is this a Go GOOS=js module, and which of its functions does the runtime
 * take over?
 *
 * A Go js module imports from "gojs" (Go 1.21+) or "go" (older), exports run, resume,
 * getsp and its memory as mem, and keeps SP and PAUSE in globals 0 and 7. The four
 * functions bound to the runtime are found by name when the name section is there and
 * by structure otherwise (go build -ldflags=-s): run's body calls rt0_go and then the
 * pc-loop; runtime.pause and runtime.exit are the (i32)->i32 functions that set PAUSE,
 * exit being the one that calls something first.
 *
 * The PC_F table is the module's one active element segment at table offset 0x1000:
 * entry k is defined function k; functions not of the PC_B type (i32)->i32 get no
 * entry, so re-entering one traps as call_indirect would.
 */
#include <string.h>

#include "module.h"
#include "validate.h"

#define NONE UINT32_MAX

static bool name_is(pg_name n, const char *s) { return n.len == strlen(s) && memcmp(n.p, s, n.len) == 0; }

static const pg_export *find_export(const pg_module *m, const char *name, uint8_t kind) {
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == kind && name_is(m->exports[i].name, name)) return &m->exports[i];
  return NULL;
}

static bool has_type(const pg_module *m, uint32_t f, const char *params, const char *results) {
  const pg_functype *t = pg_func_type(m, f);
  if (t->nparams != strlen(params) || t->nresults != strlen(results)) return false;
  for (uint32_t i = 0; i < t->nparams; i++)
    if (t->params[i] != pg_sig_type(params[i])) return false;
  for (uint32_t i = 0; i < t->nresults; i++)
    if (t->results[i] != pg_sig_type(results[i])) return false;
  return true;
}

static uint32_t by_name(const pg_module *m, const char *name) {
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
    if (m->funcs[i].wname && !strcmp(m->funcs[i].wname, name)) return i;
  return NONE;
}

/* What a body does that matters here: the functions it calls, in order; whether it
 * sets global 7; whether it loads 32 bits. */
typedef struct body_facts {
  uint32_t calls[4];
  uint32_t ncalls;
  bool sets_pause;
  bool load32;
} body_facts;

static void scan_body(const pg_module *m, uint32_t f, pg_diag *d, body_facts *bf) {
  memset(bf, 0, sizeof *bf);
  pg_val v;
  pg_val_init(&v, m, d);
  pg_diag_on_fail(d, (void (*)(void *))pg_val_free, &v);
  pg_insn in;
  pg_val_begin(&v, f);
  while (pg_val_next(&v, &in)) {
    if (in.op == pg_op_CALL) {
      if (bf->ncalls < 4) bf->calls[bf->ncalls] = in.idx;
      bf->ncalls++;
    }
    if (in.op == pg_op_GLOBAL_SET && in.idx == 7) bf->sets_pause = true;
    if (in.op == pg_op_I32_LOAD) bf->load32 = true;
  }
  pg_diag_on_fail(d, NULL, NULL);
  pg_val_free(&v);
}

/* The element segment of the PC_F table: active, table 0, constant offset 0x1000. */
static const pg_elem *pcf_segment(const pg_module *m) {
  for (uint32_t i = 0; i < m->nelems; i++) {
    const pg_elem *e = &m->elems[i];
    if (e->mode == PG_SEG_ACTIVE && e->table == 0 && e->offset.op == pg_op_I32_CONST && e->offset.bits == 0x1000)
      return e;
  }
  return NULL;
}

/* The helper `name` + 1 if this module was linked by Go (it has the linker's
 * wasm_pc_f_loop) and the helper has Go's signature for it, else 0. */
static uint32_t go_helper(const pg_module *m, const char *name, const char *params, const char *results) {
  if (by_name(m, "wasm_pc_f_loop") == NONE) return 0;
  uint32_t f = by_name(m, name);
  return f != NONE && has_type(m, f, params, results) ? f + 1 : 0;
}

bool pg_goabi_detect(pg_module *m, pg_diag *d) {
  pg_goabi *go = &m->go;
  memset(go, 0, sizeof *go);
  go->memeqbody = go_helper(m, "memeqbody", "lll", "l");
  go->memcmp = go_helper(m, "memcmp", "iii", "i");
  go->memchr = go_helper(m, "memchr", "iii", "i");
  bool gojs = false, legacy = false;
  for (uint32_t i = 0; i < m->nimports; i++) {
    if (name_is(m->imports[i].module, "gojs")) gojs = true;
    if (name_is(m->imports[i].module, "go")) legacy = true;
  }
  if (!gojs && !legacy) return false;
  const pg_export *run = find_export(m, "run", PG_EXT_FUNC), *resume = find_export(m, "resume", PG_EXT_FUNC);
  const pg_export *getsp = find_export(m, "getsp", PG_EXT_FUNC), *mem = find_export(m, "mem", PG_EXT_MEMORY);
  if (!run || !resume || !getsp || !mem) {
    pg_fail_nooff(d, "imports from module \"%s\" but lacks Go's run/resume/getsp/mem exports: not a Go js/wasm module",
                  gojs ? "gojs" : "go");
  }
  if (m->nglobals < 8 || m->globals[0].type != PG_T_I32 || m->globals[7].type != PG_T_I32 || !m->globals[0].mut ||
      !m->globals[7].mut)
    pg_fail_nooff(d, "a Go js/wasm module must keep SP and PAUSE in mutable i32 globals 0 and 7");
  if (!has_type(m, run->index, "ii", "") || !has_type(m, resume->index, "", "") || !has_type(m, getsp->index, "", "i"))
    pg_fail_nooff(d, "Go's run/resume/getsp exports have unexpected types");
  go->legacy = legacy;
  go->run = run->index;
  go->resume = resume->index;
  go->getsp = getsp->index;

  /* the pc-loop: by name, else the second function run calls */
  go->pc_f_loop = by_name(m, "wasm_pc_f_loop");
  if (go->pc_f_loop == NONE) {
    body_facts bf;
    scan_body(m, go->run, d, &bf);
    if (bf.ncalls == 2) go->pc_f_loop = bf.calls[1];
  }
  if (go->pc_f_loop == NONE || go->pc_f_loop < m->nfunc_imports || !has_type(m, go->pc_f_loop, "", ""))
    pg_fail_nooff(d, "cannot find Go's wasm_pc_f_loop (unsupported Go version?)");

  go->pause = by_name(m, "runtime.pause");
  go->exit = by_name(m, "runtime.exit");
  if (go->pause == NONE || go->exit == NONE) {
    for (uint32_t f = m->nfunc_imports; f < m->nfuncs; f++) {
      if (f == go->pc_f_loop || !has_type(m, f, "i", "i")) continue;
      body_facts bf;
      scan_body(m, f, d, &bf);
      if (!bf.sets_pause) continue;
      if (bf.ncalls == 0 && go->pause == NONE) go->pause = f;
      else if (bf.ncalls == 1 && go->exit == NONE) go->exit = f;
    }
  }
  if (go->pause == NONE || go->exit == NONE || !has_type(m, go->pause, "i", "i") || !has_type(m, go->exit, "i", "i"))
    pg_fail_nooff(d, "cannot find Go's runtime.pause and runtime.exit (unsupported Go version?)");

  /* Go <= 1.20 keeps PC_F in 16 bits: its pc-loop has no 32-bit load */
  body_facts loop;
  scan_body(m, go->pc_f_loop, d, &loop);
  go->pcf16 = !loop.load32;

  const pg_elem *seg = pcf_segment(m);
  if (!seg) pg_fail_nooff(d, "a Go js/wasm module must have its PC_F table at table offset 0x1000");
  go->pcf_elem = (uint32_t)(seg - m->elems);
  go->is_go = true;
  return true;
}

bool pg_goabi_is_pcb(const pg_module *m, uint32_t f) { return has_type(m, f, "i", "i"); }
