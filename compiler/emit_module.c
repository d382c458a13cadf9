/*
 * emit_module.c - everything of a module's C except function bodies:
 *   P.h       public header for embedders (documented API, imports, exports)
 *   P-impl.h  private header shared by the module's translation units
 *   P.c       module info, data, instantiate/free, segments, start, export glue
 *   P-K.c     function bodies, K = 0..parts-1, split by body size
 *
 * Output goes through a sink in chunks, so a multi-megabyte module never needs its
 * whole C text in memory: function parts are flushed as they grow.
 *
 * Invariants: output depends only on the module bytes and the options (no time, no
 * addresses, no hash-table order), and every name written was made unique by names.c.
 * Module-private helpers are named P__x: sanitized wasm names never contain "__", so
 * they cannot collide with a function, export or import name.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define FLUSH_AT (1u << 20)

typedef struct pg_mod_emit {
  const pg_module *m;
  const pg_emit_opts *o;
  pg_emit_sink sink;
  void *ctx;
  const char *P;
  /* owned here, not on the stack of the emitting function, because a sink that fails
   * unwinds through pg_diag and mod_emit_release must find them */
  pg_buf b;
  pg_fn_emit fe;
  bool fe_live;
} pg_mod_emit;

static void mod_emit_release(void *p) {
  pg_mod_emit *me = p;
  pg_buf_free(&me->b);
  if (me->fe_live) pg_emit_fn_free(&me->fe);
  me->fe_live = false;
}

static const char *pub_ctype(uint8_t t) {
  switch (t) {
  case PG_T_I32: return "uint32_t";
  case PG_T_I64: return "uint64_t";
  case PG_T_F32: return "float";
  case PG_T_F64: return "double";
  case PG_T_FUNCREF: return "wasm_rt_funcref_t";
  default: return "wasm_rt_externref_t";
  }
}

static const char *rt_type(uint8_t t) {
  switch (t) {
  case PG_T_I32: return "WASM_RT_I32";
  case PG_T_I64: return "WASM_RT_I64";
  case PG_T_F32: return "WASM_RT_F32";
  case PG_T_F64: return "WASM_RT_F64";
  case PG_T_FUNCREF: return "WASM_RT_FUNCREF";
  default: return "WASM_RT_EXTERNREF";
  }
}

/* A C string literal for arbitrary bytes: octal escapes (hex escapes are greedy),
 * '?' escaped against trigraphs, lines of ~100 characters. */
static void put_c_string(pg_buf *b, const uint8_t *p, size_t n, const char *indent) {
  pg_buf_reserve(b, n * 2 + 8);
  size_t col = 0;
  pg_buf_printf(b, "%s\"", indent);
  for (size_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      pg_buf_putc(b, (char)c);
      col++;
    } else {
      char esc[5] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7)), 0};
      pg_buf_put(b, esc, 4);
      col += 4;
    }
    if (col >= 100 && i + 1 < n) {
      pg_buf_printf(b, "\"\n%s\"", indent);
      col = 0;
    }
  }
  pg_buf_putc(b, '"');
}

void pg_emit_c_string(pg_buf *b, const uint8_t *p, size_t n) { put_c_string(b, p, n, ""); }

const char *pg_emit_public_type(uint8_t t) { return pub_ctype(t); }

void pg_emit_comment_text(pg_buf *b, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    bool next_star = i + 1 < n && p[i + 1] == '*', next_slash = i + 1 < n && p[i + 1] == '/';
    if ((c == '*' && next_slash) || (c == '/' && next_star)) pg_buf_printf(b, "%c\\", c);
    else if (c < 0x20 || c == 0x7f) pg_buf_printf(b, "\\x%02x", c);
    else pg_buf_putc(b, (char)c);
  }
}

static void put_comment_name(pg_buf *b, pg_name n) {
  pg_buf_putc(b, '"');
  pg_emit_comment_text(b, n.p, n.len);
  pg_buf_putc(b, '"');
}

static void put_functype(pg_buf *b, const pg_functype *t) {
  pg_buf_putc(b, '(');
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(b, "%s%s", i ? ", " : "", pg_type_name(t->params[i]));
  pg_buf_puts(b, ") -> (");
  for (uint32_t i = 0; i < t->nresults; i++) pg_buf_printf(b, "%s%s", i ? ", " : "", pg_type_name(t->results[i]));
  pg_buf_putc(b, ')');
}

/* Prototype with public (stdint) types, first parameter `P_t *inst`. */
static void put_pub_prototype(pg_buf *b, const pg_mod_emit *me, const pg_functype *t, const char *name) {
  if (t->nresults == 0) pg_buf_puts(b, "void");
  else if (t->nresults == 1) pg_buf_puts(b, pub_ctype(t->results[0]));
  else pg_emit_result_type(b, t);
  pg_buf_printf(b, " %s(%s_t *inst", name, me->P);
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(b, ", %s l%u", pub_ctype(t->params[i]), i);
  pg_buf_putc(b, ')');
}

static void put_call_forward(pg_buf *b, const pg_functype *t, const char *callee, const char *self) {
  pg_buf_puts(b, t->nresults ? "return " : "");
  pg_buf_printf(b, "%s(%s", callee, self);
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(b, ", l%u", i);
  pg_buf_puts(b, ");");
}

static void flush(pg_mod_emit *me, const char *name, pg_buf *b, bool last) {
  me->sink(me->ctx, name, b, last);
  pg_buf_clear(b);
}

static const char *limits_text(const pg_limits *l, char *buf, size_t n) {
  if (l->has_max) snprintf(buf, n, "%llu..%llu", (unsigned long long)l->min, (unsigned long long)l->max);
  else snprintf(buf, n, "%llu..", (unsigned long long)l->min);
  return buf;
}

/* ---- P.h ---- */

static void emit_public_header(pg_mod_emit *me) {
  const pg_module *m = me->m;
  const char *P = me->P;
  pg_buf *b = &me->b;
  pg_buf_clear(b);
  char lim[64];
  pg_buf_printf(b, "/*\n * %s.h - generated by pogo from %s. Do not edit.\n *\n", P, me->o->source_name);
  pg_buf_printf(b,
                " * Use:\n"
                " *   %s_imports imports = {0};   // memories, tables and globals the module imports\n"
                " *   pg_trap_info err;\n"
                " *   %s_t *inst = %s_instantiate(host, &imports, &err);  // NULL on failure, see err\n"
                " *   ... call exports inside pg_call() (pogo-abi.h) so a trap comes back as a value ...\n"
                " *   %s_free(inst);\n"
                " *\n"
                " * Function imports are C functions the embedder defines (declared below). Each\n"
                " * receives the calling instance; ((pg_inst_hdr *)inst)->host is the `host` pointer\n"
                " * given to %s_instantiate and ->mem is memory 0.\n"
                " * Build: compile the generated .c files with -ffp-contract=off (and, with compilers\n"
                " * other than GCC and Clang, -fno-optimize-sibling-calls -fsignaling-nans); link with\n"
                " * libpogo_rt.a, libwasm-rt-impl.a, -lm, -lpthread.\n"
                " */\n",
                P, P, P, P, P);
  pg_buf_printf(b, "#ifndef %s_H_\n#define %s_H_\n\n#include \"pogo-abi.h\"\n\n", P, P);
  pg_buf_puts(b, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
  pg_buf_printf(b, "typedef struct %s_t %s_t;\n\n", P, P);

  /* multi-value result structs, shared by name across modules */
  pg_strset seen = {0};
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const pg_functype *t = &m->types[i];
    if (t->nresults < 2) continue;
    pg_buf nm = {0};
    pg_emit_result_type(&nm, t);
    if (pg_strset_add(&seen, nm.data)) {
      pg_buf_printf(b, "#ifndef %s_DEFINED\n#define %s_DEFINED\ntypedef struct %s {", nm.data, nm.data, nm.data);
      for (uint32_t k = 0; k < t->nresults; k++) pg_buf_printf(b, " %s r%u;", pub_ctype(t->results[k]), k);
      pg_buf_printf(b, " } %s;\n#endif\n", nm.data);
    }
    pg_buf_free(&nm);
  }
  pg_strset_free(&seen);

  pg_buf_printf(b, "\n/* What the module imports besides functions; all pointers must be set. */\n");
  pg_buf_printf(b, "typedef struct %s_imports {\n", P);
  uint32_t nonfunc = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind == PG_EXT_FUNC) continue;
    nonfunc++;
    pg_buf_puts(b, "  ");
    if (im->kind == PG_EXT_MEMORY) {
      pg_buf_printf(b, "wasm_rt_memory_t *%s;", im->cname);
    } else if (im->kind == PG_EXT_TABLE) {
      const pg_table *t = &m->tables[im->index];
      pg_buf_printf(b, "wasm_rt_%s_table_t *%s;", t->elemtype == PG_T_FUNCREF ? "funcref" : "externref", im->cname);
    } else {
      pg_buf_printf(b, "%s *%s;", pub_ctype(m->globals[im->index].type), im->cname);
    }
    pg_buf_puts(b, " /* ");
    put_comment_name(b, im->module);
    pg_buf_putc(b, ' ');
    put_comment_name(b, im->field);
    if (im->kind == PG_EXT_MEMORY) pg_buf_printf(b, ": memory %s pages", limits_text(&m->mems[im->index].lim, lim, sizeof lim));
    else if (im->kind == PG_EXT_TABLE)
      pg_buf_printf(b, ": table %s %s", pg_type_name(m->tables[im->index].elemtype),
                    limits_text(&m->tables[im->index].lim, lim, sizeof lim));
    else
      pg_buf_printf(b, ": global %s%s", m->globals[im->index].mut ? "mut " : "", pg_type_name(m->globals[im->index].type));
    pg_buf_puts(b, " */\n");
  }
  if (m->nwasi_imports) {
    nonfunc++;
    pg_buf_puts(b, "  struct pg_wasi *wasi; /* the WASI context its wasi_snapshot_preview1 imports run on\n"
                   "                           (pogo-wasi.h); shared by no other running instance */\n");
  }
  if (!nonfunc) pg_buf_puts(b, "  char unused_; /* the module imports none */\n");
  pg_buf_printf(b, "} %s_imports;\n\n", P);

  pg_buf_printf(b, "extern const pg_module_info %s_info;\n", P);
  pg_buf_printf(b, "/* the module for the embedding API (pogo.h): pogo_instance_new(&%s_module, ...) */\n", P);
  pg_buf_printf(b, "extern const pg_module_desc %s_module;\n\n", P);
  pg_buf_printf(b, "%s_t *%s_instantiate(void *host, const %s_imports *imports, pg_trap_info *err);\n", P, P, P);
  pg_buf_printf(b, "void %s_free(%s_t *inst);\n", P, P);

  if (m->go.is_go) {
    pg_buf_printf(b, "\n/* A Go GOOS=js module: its %s imports are provided by pogo's Go runtime. */\n",
                  m->go.legacy ? "\"go\"" : "\"gojs\"");
    pg_buf_printf(b, "struct pg_go *%s_go(%s_t *inst);\n", P, P);
  }
  bool any = false;
  for (uint32_t i = 0; i < m->nimports && !m->go.is_go; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind != PG_EXT_FUNC || im->wasi != PG_WASI_NONE) continue;
    if (!any) pg_buf_puts(b, "\n/* Imported functions: defined by the embedder. */\n");
    any = true;
    const pg_functype *t = pg_func_type(m, im->index);
    pg_buf_puts(b, "/* import ");
    put_comment_name(b, im->module);
    pg_buf_putc(b, ' ');
    put_comment_name(b, im->field);
    pg_buf_puts(b, ": ");
    put_functype(b, t);
    pg_buf_puts(b, " */\n");
    put_pub_prototype(b, me, t, im->cname);
    pg_buf_puts(b, ";\n");
  }

  if (m->nexports) pg_buf_puts(b, "\n/* Exports. Call functions inside pg_call(). */\n");
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    pg_buf_puts(b, "/* export ");
    put_comment_name(b, e->name);
    switch (e->kind) {
    case PG_EXT_FUNC: {
      const pg_functype *t = pg_func_type(m, e->index);
      pg_buf_puts(b, ": ");
      put_functype(b, t);
      pg_buf_puts(b, " */\n");
      put_pub_prototype(b, me, t, e->cname);
      break;
    }
    case PG_EXT_GLOBAL: {
      const pg_global *g = &m->globals[e->index];
      pg_buf_printf(b, ": global %s%s */\n", g->mut ? "mut " : "", pg_type_name(g->type));
      pg_buf_printf(b, "%s *%s(%s_t *inst)", pub_ctype(g->type), e->cname, P);
      break;
    }
    case PG_EXT_MEMORY:
      pg_buf_puts(b, ": memory */\n");
      pg_buf_printf(b, "wasm_rt_memory_t *%s(%s_t *inst)", e->cname, P);
      break;
    default: {
      const pg_table *t = &m->tables[e->index];
      pg_buf_printf(b, ": table %s */\n", pg_type_name(t->elemtype));
      pg_buf_printf(b, "wasm_rt_%s_table_t *%s(%s_t *inst)", t->elemtype == PG_T_FUNCREF ? "funcref" : "externref",
                    e->cname, P);
      break;
    }
    }
    pg_buf_puts(b, ";\n");
  }
  pg_buf_puts(b, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
  char name[256];
  snprintf(name, sizeof name, "%s.h", P);
  flush(me, name, b, true);
}

/* ---- P-impl.h ---- */

/* Imports bound to pogo's WASI host call it directly; an unbound one (unknown name or
 * wrong type) is never called, because instantiation refuses the module first. */
static void emit_wasi_imports(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind != PG_EXT_FUNC || im->wasi == PG_WASI_NONE) continue;
    const pg_functype *t = pg_func_type(m, im->index);
    if (im->wasi == PG_WASI_UNBOUND) {
      pg_buf_puts(b, "static inline ");
      put_pub_prototype(b, me, t, im->cname);
      pg_buf_puts(b, " { pg_trap_host(&inst->hdr, \"unlinked WASI import called\"); }\n");
      continue;
    }
    const pg_wasi_fn *w = &pg_wasi_fns[im->wasi - 1];
    pg_buf_printf(b, "%s%s pg_wasi_%s(pg_inst_hdr *inst", t->nresults ? "" : "WASM_RT_NO_RETURN ",
                  t->nresults ? "uint32_t" : "void", w->name);
    for (uint32_t k = 0; k < t->nparams; k++) pg_buf_printf(b, ", %s", pub_ctype(t->params[k]));
    pg_buf_puts(b, ");\nstatic inline ");
    put_pub_prototype(b, me, t, im->cname);
    pg_buf_printf(b, " { %spg_wasi_%s(&inst->hdr", t->nresults ? "return " : "", w->name);
    for (uint32_t k = 0; k < t->nparams; k++) pg_buf_printf(b, ", l%u", k);
    pg_buf_puts(b, "); }\n");
  }
}

/* Static inline copies of small functions for the optimiser; at -O0 and under tcc,
 * which inline nothing, NAME_i is the function itself, so no copy is compiled; nor in
 * profiling builds (PG_FRAME_POINTERS), where each wasm function must keep its frame. */
static void emit_inline_copies(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  bool any = false;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs && !any; i++) any = pg_emit_inlinable(m, i);
  if (!any) return;
  pg_buf_puts(b, "\n#if defined(__OPTIMIZE__) && !defined(__TINYC__) && !defined(PG_FRAME_POINTERS)\n"
                "PG_NO_TAIL_BEGIN\n");
  pg_buf name = {0};
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    if (!pg_emit_inlinable(m, i)) continue;
    pg_buf_clear(&name);
    pg_buf_printf(&name, "%s_i", m->funcs[i].cname);
    pg_buf_puts(b, "static inline PG_GUEST_FN ");
    pg_emit_prototype(b, m, i, name.data, "void *ctx");
    pg_buf_puts(b, ";\n");
  }
  pg_buf_free(&name);
  me->fe.inline_copy = true;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
    if (pg_emit_inlinable(m, i)) pg_emit_function(&me->fe, b, i);
  me->fe.inline_copy = false;
  pg_buf_puts(b, "PG_NO_TAIL_END\n#else\n");
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
    if (pg_emit_inlinable(m, i)) pg_buf_printf(b, "#define %s_i %s\n", m->funcs[i].cname, m->funcs[i].cname);
  pg_buf_puts(b, "#endif\n");
}

static void emit_private_header(pg_mod_emit *me) {
  const pg_module *m = me->m;
  const char *P = me->P;
  pg_buf *b = &me->b;
  pg_buf_clear(b);
  pg_buf_printf(b, "/* %s-impl.h - generated by pogo: the instance layout and the module's functions,\n"
                    " * shared by its translation units. Do not edit. */\n", P);
  pg_buf_printf(b, "#ifndef %s_IMPL_H_\n#define %s_IMPL_H_\n\n#include \"%s.h\"\n#include \"pogo-ops.h\"\n", P, P, P);
  if (m->go.is_go) pg_buf_puts(b, "#include \"pogo-go.h\"\n");
  pg_buf_putc(b, '\n');
  pg_buf_printf(b, "struct %s_t {\n  pg_inst_hdr hdr;\n", P);
  for (uint32_t i = 0; i < m->nmems; i++) {
    pg_buf_printf(b, "  wasm_rt_memory_t *m%u;\n", i);
    if (!m->mems[i].imported) pg_buf_printf(b, "  wasm_rt_memory_t m%u_own;\n", i);
  }
  for (uint32_t i = 0; i < m->ntables; i++) {
    const char *k = m->tables[i].elemtype == PG_T_FUNCREF ? "funcref" : "externref";
    pg_buf_printf(b, "  wasm_rt_%s_table_t *t%u;\n", k, i);
    if (!m->tables[i].imported) pg_buf_printf(b, "  wasm_rt_%s_table_t t%u_own;\n", k, i);
  }
  for (uint32_t i = 0; i < m->nglobals; i++) {
    const pg_global *g = &m->globals[i];
    pg_buf_printf(b, "  %s %s%s;\n", pg_type_ctype(g->type), g->imported ? "*" : "", g->cname);
  }
  pg_buf_printf(b, "  u32 type_ids[%u];\n", m->ntypes ? m->ntypes : 1);
  if (m->has_datacount && m->ndatas) pg_buf_printf(b, "  u32 data_len[%u]; /* 0 once dropped */\n", m->ndatas);
  for (uint32_t i = 0; i < m->nelems; i++)
    pg_buf_printf(b, "  %s *elem%u;\n  u32 elem%u_len; /* 0 once dropped */\n", pg_type_ctype(m->elems[i].type), i, i);
  if (m->go.is_go) {
    pg_buf_puts(b, "  pg_go go;                 /* Go's state shared with the runtime */\n");
    pg_buf_printf(b, "  pg_gojs_import go_imp[%u]; /* the runtime's functions for the imports */\n",
                  m->nfunc_imports ? m->nfunc_imports : 1);
  }
  pg_buf_puts(b, "};\n\n");
  emit_wasi_imports(me, b);
  if (m->go.is_go) {
    for (uint32_t i = 0; i < m->nimports; i++) {
      const pg_import *im = &m->imports[i];
      if (im->kind != PG_EXT_FUNC) continue;
      put_pub_prototype(b, me, pg_func_type(m, im->index), im->cname);
      pg_buf_puts(b, ";\n");
    }
    pg_buf_putc(b, '\n');
  }
  pg_buf_printf(b, "extern const u8 %s__data_blob[];\n\n", P);
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (!m->funcs[i].imported) pg_buf_puts(b, "PG_GUEST_FN "); /* guest code, see pogo-ops.h */
    pg_emit_prototype(b, m, i, m->funcs[i].cname, "void *ctx");
    pg_buf_puts(b, ";\n");
  }
  pg_buf_putc(b, '\n');
  pg_emit_accel_wrappers(b, m, P);
  emit_inline_copies(me, b);
  pg_buf_puts(b, "\n#endif\n");
  char name[256];
  snprintf(name, sizeof name, "%s-impl.h", P);
  flush(me, name, b, true);
}

/* ---- P.c ---- */

uint64_t pg_emit_data_offset(const pg_module *m, uint32_t idx) {
  uint64_t off = 0;
  for (uint32_t i = 0; i < idx; i++) off += m->datas[i].len;
  return off;
}

void pg_emit_constexpr(pg_buf *b, const pg_module *m, const pg_constexpr *ce, const char *inst) {
  switch (ce->op) {
  case pg_op_GLOBAL_GET:
    pg_buf_printf(b, "(*%s->%s)", inst, m->globals[ce->index].cname);
    break;
  case pg_op_REF_NULL:
    pg_buf_puts(b, ce->type == PG_T_FUNCREF ? "pg_funcref_null()" : "NULL");
    break;
  case pg_op_REF_FUNC:
    pg_buf_printf(b, "pg_funcref(%s->type_ids[%u], (wasm_rt_function_ptr_t)%s, %s)", inst, m->funcs[ce->index].type,
                  m->funcs[ce->index].cname, inst);
    break;
  default:
    pg_emit_const(b, ce->op, ce->bits);
    break;
  }
}

static void emit_segments_init(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  const char *P = me->P;
  /* compact tables for the common case: element segments of plain function indices */
  for (uint32_t i = 0; i < m->nelems; i++) {
    const pg_elem *e = &m->elems[i];
    bool plain = e->count > 0 && e->mode != PG_SEG_DECLARATIVE;
    for (uint32_t k = 0; k < e->count && plain; k++) plain = e->items[k].op == pg_op_REF_FUNC;
    if (!plain) continue;
    pg_buf_printf(b, "static const u32 %s__elem%u_funcs[%u] = {", P, i, e->count);
    for (uint32_t k = 0; k < e->count; k++) pg_buf_printf(b, "%s%u", k == 0 ? "\n  " : k % 16 ? ", " : ",\n  ", e->items[k].index);
    pg_buf_puts(b, "\n};\n");
  }
  /* active data segments as a table: destination constant or imported global */
  uint32_t nactive = 0;
  for (uint32_t i = 0; i < m->ndatas; i++) nactive += m->datas[i].mode == PG_SEG_ACTIVE;
  if (nactive) {
    pg_buf_printf(b, "static const struct { u32 seg, dest, global; u64 src; u32 len; } %s__active_data[%u] = {\n", P, nactive);
    uint64_t off = 0;
    for (uint32_t i = 0; i < m->ndatas; i++) {
      const pg_data *d = &m->datas[i];
      if (d->mode == PG_SEG_ACTIVE) {
        bool g = d->offset.op == pg_op_GLOBAL_GET;
        pg_buf_printf(b, "  {%u, %uu, %u, %lluu, %uu},\n", i, g ? d->offset.index : (uint32_t)d->offset.bits, g,
                      (unsigned long long)off, d->len);
      }
      off += d->len;
    }
    pg_buf_puts(b, "};\n");
  }

  pg_buf_printf(b, "\n/* Element and data segments, then the start function (the spec's order). */\n");
  pg_buf_printf(b, "static void %s__init(void *ctx) {\n  %s_t *const inst = ctx;\n  (void)inst;\n", P, P);
  for (uint32_t i = 0; i < m->nelems; i++) {
    const pg_elem *e = &m->elems[i];
    const char *k = e->type == PG_T_FUNCREF ? "funcref" : "externref";
    static const char *const modes[] = {"active", "passive", "declarative"};
    pg_buf_printf(b, "  /* elem %u: %s, %u items */\n", i, modes[e->mode], e->count);
    if (e->mode == PG_SEG_DECLARATIVE || e->count == 0) {
      if (e->mode == PG_SEG_ACTIVE) {
        pg_buf_printf(b, "  pg_table_init_%s(inst->t%u, NULL, 0, ", k, e->table);
        pg_emit_constexpr(b, m, &e->offset, "inst");
        pg_buf_puts(b, ", 0, 0, &inst->hdr, UINT32_MAX);\n");
      }
      continue;
    }
    pg_buf_printf(b, "  inst->elem%u = calloc(%u, sizeof(%s));\n", i, e->count, k);
    pg_buf_printf(b, "  if (!inst->elem%u) pg_trap_host(&inst->hdr, \"out of memory for an element segment\");\n", i);
    bool plain = true;
    for (uint32_t n = 0; n < e->count && plain; n++) plain = e->items[n].op == pg_op_REF_FUNC;
    if (plain) {
      pg_buf_printf(b, "  for (u32 k = 0; k < %u; k++) {\n", e->count);
      pg_buf_printf(b, "    u32 f = %s__elem%u_funcs[k];\n", P, i);
      pg_buf_printf(b, "    inst->elem%u[k] = pg_funcref(inst->type_ids[%s__funcs[f].type], %s__funcs[f].fn, inst);\n  }\n", i, P, P);
    } else {
      for (uint32_t n = 0; n < e->count; n++) {
        pg_buf_printf(b, "  inst->elem%u[%u] = ", i, n);
        pg_emit_constexpr(b, m, &e->items[n], "inst");
        pg_buf_puts(b, ";\n");
      }
    }
    pg_buf_printf(b, "  inst->elem%u_len = %u;\n", i, e->count);
    if (e->mode == PG_SEG_ACTIVE) {
      pg_buf_printf(b, "  pg_table_init_%s(inst->t%u, inst->elem%u, %u, ", k, e->table, i, e->count);
      pg_emit_constexpr(b, m, &e->offset, "inst");
      pg_buf_printf(b, ", 0, %u, &inst->hdr, UINT32_MAX);\n  inst->elem%u_len = 0;\n", e->count, i);
    }
  }
  bool has_len = m->has_datacount && m->ndatas;
  for (uint32_t i = 0; i < m->ndatas && has_len; i++)
    if (m->datas[i].mode == PG_SEG_PASSIVE) pg_buf_printf(b, "  inst->data_len[%u] = %uu;\n", i, m->datas[i].len);
  if (nactive) {
    pg_buf_printf(b, "  for (u32 k = 0; k < %u; k++) {\n", nactive);
    pg_buf_printf(b, "    u32 dest = %s__active_data[k].dest;\n", P);
    bool any_global = false;
    for (uint32_t i = 0; i < m->ndatas; i++) any_global |= m->datas[i].mode == PG_SEG_ACTIVE && m->datas[i].offset.op == pg_op_GLOBAL_GET;
    if (any_global) {
      pg_buf_printf(b, "    if (%s__active_data[k].global) switch (dest) {\n", P);
      for (uint32_t g = 0; g < m->nglobal_imports; g++)
        if (m->globals[g].type == PG_T_I32) pg_buf_printf(b, "      case %u: dest = *inst->%s; break;\n", g, m->globals[g].cname);
      pg_buf_puts(b, "      default: break;\n    }\n");
    }
    pg_buf_printf(b, "    pg_memory_init(inst->m0, %s__data_blob + %s__active_data[k].src, %s__active_data[k].len, dest, 0, "
                     "%s__active_data[k].len, &inst->hdr, UINT32_MAX);\n", P, P, P, P);
    pg_buf_puts(b, "  }\n");
  }
  if (m->has_start) {
    const pg_func *f = &m->funcs[m->start];
    if (f->imported) pg_buf_printf(b, "  %s(inst);\n", m->imports[f->import].cname);
    else pg_buf_printf(b, "  %s(inst);\n", f->cname);
  }
  pg_buf_puts(b, "}\n");
}

/* Go modules: imports call the runtime's functions resolved at instantiation, and the
 * PC_F table is an explicit array (see pogo-go.h). */
static void emit_go_glue(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  const char *P = me->P;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind != PG_EXT_FUNC) continue;
    pg_buf_putc(b, '\n');
    put_pub_prototype(b, me, pg_func_type(m, im->index), im->cname);
    pg_buf_printf(b, " { inst->go_imp[%u](&inst->go, l0); }\n", k++);
  }
  pg_buf_printf(b, "\nstruct pg_go *%s_go(%s_t *inst) { return &inst->go; }\n", P, P);
  const pg_elem *seg = &m->elems[m->go.pcf_elem];
  pg_buf_printf(b, "\n/* the PC_F table: PC_F 0x1000 + k re-enters pcf[k] */\nstatic const pg_go_fn %s__pcf[%u] = {\n", P,
                seg->count ? seg->count : 1);
  for (uint32_t i = 0; i < seg->count; i++) {
    const pg_constexpr *it = &seg->items[i];
    if (it->op == pg_op_REF_FUNC && pg_goabi_is_pcb(m, it->index))
      pg_buf_printf(b, "  %s,\n", m->funcs[it->index].cname);
    else
      pg_buf_puts(b, "  NULL,\n");
  }
  if (!seg->count) pg_buf_puts(b, "  NULL,\n");
  pg_buf_puts(b, "};\n");
}

/* Instantiation steps of Go modules, before any guest code runs. */
static void emit_go_instantiate(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  const char *P = me->P;
  const pg_elem *seg = &m->elems[m->go.pcf_elem];
  pg_buf_printf(b, "  inst->go.hdr = &inst->hdr;\n  inst->go.sp = &inst->%s;\n  inst->go.pause = &inst->%s;\n",
                m->globals[0].cname, m->globals[7].cname);
  pg_buf_printf(b, "  inst->go.pcf = %s__pcf;\n  inst->go.npcf = %u;\n  inst->go.pcf16 = %s;\n", P, seg->count,
                m->go.pcf16 ? "true" : "false");
  pg_buf_printf(b, "  inst->go.legacy_imports = %s;\n", m->go.legacy ? "true" : "false");
  pg_buf_printf(b, "  inst->go.run = %s;\n  inst->go.resume = %s;\n", m->funcs[m->go.run].cname,
                m->funcs[m->go.resume].cname);
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind != PG_EXT_FUNC) continue;
    pg_buf_printf(b, "  inst->go_imp[%u] = pg_gojs_resolve(", k);
    put_c_string(b, im->module.p, im->module.len, "");
    pg_buf_puts(b, ", ");
    put_c_string(b, im->field.p, im->field.len, "");
    pg_buf_printf(b, ");\n  if (!inst->go_imp[%u]) { pg_link_error(err, ", k);
    pg_buf tmp = {0};
    pg_buf_puts(&tmp, "import ");
    pg_buf_put(&tmp, im->module.p, im->module.len);
    pg_buf_putc(&tmp, '.');
    pg_buf_put(&tmp, im->field.p, im->field.len);
    pg_buf_puts(&tmp, " is not provided by pogo's Go runtime");
    put_c_string(b, (const uint8_t *)tmp.data, tmp.len, "");
    pg_buf_free(&tmp);
    pg_buf_puts(b, "); goto fail; }\n");
    k++;
  }
}

static void emit_instantiate(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  const char *P = me->P;
  pg_buf_printf(b, "\nvoid %s_free(%s_t *inst) {\n  if (!inst) return;\n", P, P);
  for (uint32_t i = 0; i < m->nmems; i++)
    if (!m->mems[i].imported) pg_buf_printf(b, "  pg_memory_free(&inst->m%u_own);\n", i);
  for (uint32_t i = 0; i < m->ntables; i++)
    if (!m->tables[i].imported) pg_buf_printf(b, "  free(inst->t%u_own.data);\n", i);
  for (uint32_t i = 0; i < m->nelems; i++) pg_buf_printf(b, "  free(inst->elem%u);\n", i);
  pg_buf_puts(b, "  free(inst);\n}\n");

  pg_buf_printf(b, "\n%s_t *%s_instantiate(void *host, const %s_imports *imports, pg_trap_info *err) {\n", P, P, P);
  pg_buf_puts(b, "  pg_trap_info local_err;\n  if (!err) err = &local_err;\n  pg_rt_init();\n");
  pg_buf_printf(b, "  %s_t *inst = calloc(1, sizeof *inst);\n", P);
  pg_buf_puts(b, "  if (!inst) return pg_link_error(err, \"out of memory for the instance\"), NULL;\n");
  pg_buf_printf(b, "  inst->hdr.info = &%s_info;\n  inst->hdr.host = host;\n  inst->hdr.stack_limit = pg_stack_limit_here();\n", P);
  pg_buf_printf(b, "  PG_GUEST_CODE_REGISTER_ALL(%s);\n", P);
  if (m->nmem_imports + m->ntable_imports + m->nglobal_imports)
    pg_buf_puts(b, "  if (!imports) { pg_link_error(err, \"imports missing\"); goto fail; }\n");
  else
    pg_buf_puts(b, "  (void)imports;\n");
  if (m->nwasi_imports) {
    pg_buf_puts(b, "  if (!imports || !imports->wasi) { pg_link_error(err, \"the module imports WASI functions: "
                   "imports.wasi must be set\"); goto fail; }\n  inst->hdr.wasi = imports->wasi;\n");
    for (uint32_t i = 0; i < m->nimports; i++) {
      const pg_import *im = &m->imports[i];
      if (im->kind != PG_EXT_FUNC || im->wasi != PG_WASI_UNBOUND) continue;
      char why[400];
      pg_wasi_unbound_reason(m, im, why, sizeof why);
      pg_buf_puts(b, "  pg_link_error(err, ");
      put_c_string(b, (const uint8_t *)why, strlen(why), "");
      pg_buf_puts(b, ");\n  goto fail;\n");
      break;
    }
  }
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->kind == PG_EXT_FUNC) continue;
    pg_buf_printf(b, "  if (!imports->%s) { pg_link_error(err, ", im->cname);
    pg_buf tmp = {0};
    pg_buf_puts(&tmp, "import ");
    pg_buf_put(&tmp, im->module.p, im->module.len);
    pg_buf_putc(&tmp, '.');
    pg_buf_put(&tmp, im->field.p, im->field.len);
    pg_buf_puts(&tmp, " not provided");
    put_c_string(b, (const uint8_t *)tmp.data, tmp.len, "");
    pg_buf_free(&tmp);
    pg_buf_puts(b, "); goto fail; }\n");
    if (im->kind == PG_EXT_MEMORY) {
      const pg_limits *l = &m->mems[im->index].lim;
      pg_buf_printf(b, "  inst->m%u = imports->%s;\n", im->index, im->cname);
      pg_buf_printf(b, "  if (!pg_link_limits(inst->m%u->pages, inst->m%u->max_pages, %lluu, %lluu, %d, err, \"memory\")) goto fail;\n",
                    im->index, im->index, (unsigned long long)l->min, (unsigned long long)l->max, l->has_max);
    } else if (im->kind == PG_EXT_TABLE) {
      const pg_limits *l = &m->tables[im->index].lim;
      pg_buf_printf(b, "  inst->t%u = imports->%s;\n", im->index, im->cname);
      pg_buf_printf(b, "  if (!pg_link_limits(inst->t%u->size, inst->t%u->max_size, %lluu, %lluu, %d, err, \"table\")) goto fail;\n",
                    im->index, im->index, (unsigned long long)l->min, (unsigned long long)l->max, l->has_max);
    } else {
      pg_buf_printf(b, "  inst->%s = imports->%s;\n", m->globals[im->index].cname, im->cname);
    }
  }
  for (uint32_t i = 0; i < m->nmems; i++) {
    const pg_memory *mem = &m->mems[i];
    if (mem->imported) continue;
    pg_buf_printf(b, "  if (!pg_memory_alloc(&inst->m%u_own, %lluu, %lluu, %d)) { pg_link_error(err, \"cannot allocate memory of %llu pages\"); goto fail; }\n",
                  i, (unsigned long long)mem->lim.min, (unsigned long long)mem->lim.max, mem->lim.has_max,
                  (unsigned long long)mem->lim.min);
    pg_buf_printf(b, "  inst->m%u = &inst->m%u_own;\n", i, i);
  }
  if (m->nmems) pg_buf_puts(b, "  inst->hdr.mem = inst->m0;\n");
  for (uint32_t i = 0; i < m->ntables; i++) {
    const pg_table *t = &m->tables[i];
    if (t->imported) continue;
    const char *k = t->elemtype == PG_T_FUNCREF ? "funcref" : "externref";
    pg_buf_printf(b, "  wasm_rt_allocate_%s_table(&inst->t%u_own, %lluu, %lluu);\n", k, i, (unsigned long long)t->lim.min,
                  (unsigned long long)(t->lim.has_max ? t->lim.max : 0xffffffffull));
    if (t->lim.min)
      pg_buf_printf(b, "  if (!inst->t%u_own.data) { pg_link_error(err, \"cannot allocate a table of %llu elements\"); goto fail; }\n",
                    i, (unsigned long long)t->lim.min);
    pg_buf_printf(b, "  inst->t%u = &inst->t%u_own;\n", i, i);
  }
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const pg_functype *t = &m->types[i];
    pg_buf_printf(b, "  inst->type_ids[%u] = wasm_rt_register_func_type(%u, %u", i, t->nparams, t->nresults);
    for (uint32_t k = 0; k < t->nparams; k++) pg_buf_printf(b, ", %s", rt_type(t->params[k]));
    for (uint32_t k = 0; k < t->nresults; k++) pg_buf_printf(b, ", %s", rt_type(t->results[k]));
    pg_buf_puts(b, ");\n");
  }
  for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
    const pg_global *g = &m->globals[i];
    pg_buf_printf(b, "  inst->%s = ", g->cname);
    pg_emit_constexpr(b, m, &g->init, "inst");
    pg_buf_puts(b, ";\n");
  }
  if (m->go.is_go) emit_go_instantiate(me, b);
  pg_buf_printf(b, "  if (!pg_call(&inst->hdr, %s__init, inst, err)) goto fail;\n  return inst;\n", P);
  pg_buf_printf(b, "fail:\n  %s_free(inst);\n  return NULL;\n}\n", P);
}

/* One letter per value type in export descriptors (pogo-abi.h): i I f F, r for the
 * reference types, which generic calls cannot carry. */
static char type_letter(uint8_t t) {
  switch (t) {
  case PG_T_I32: return 'i';
  case PG_T_I64: return 'I';
  case PG_T_F32: return 'f';
  case PG_T_F64: return 'F';
  default: return 'r';
  }
}

/* Whether every value of the type fits a 64-bit cell (no reference types). */
static bool fits_cells(const pg_functype *t) {
  for (uint32_t k = 0; k < t->nparams; k++)
    if (type_letter(t->params[k]) == 'r') return false;
  for (uint32_t k = 0; k < t->nresults; k++)
    if (type_letter(t->results[k]) == 'r') return false;
  return true;
}

/* ", \"iIfF\"": the letters of a value list as a descriptor field. */
static void put_letters(pg_buf *b, const uint8_t *types, uint32_t n) {
  pg_buf_puts(b, ", \"");
  for (uint32_t k = 0; k < n; k++) pg_buf_putc(b, type_letter(types[k]));
  pg_buf_putc(b, '"');
}

static void put_from_u64(pg_buf *b, uint8_t t, uint32_t k) {
  switch (t) {
  case PG_T_I32: pg_buf_printf(b, "(u32)a[%u]", k); break;
  case PG_T_I64: pg_buf_printf(b, "a[%u]", k); break;
  case PG_T_F32: pg_buf_printf(b, "pg_f32_reinterpret_i32((u32)a[%u])", k); break;
  default: pg_buf_printf(b, "pg_f64_reinterpret_i64(a[%u])", k); break;
  }
}

static void put_to_u64(pg_buf *b, uint8_t t, const char *expr) {
  switch (t) {
  case PG_T_I32: pg_buf_printf(b, "(u64)(%s)", expr); break;
  case PG_T_I64: pg_buf_printf(b, "(%s)", expr); break;
  case PG_T_F32: pg_buf_printf(b, "(u64)pg_i32_reinterpret_f32(%s)", expr); break;
  default: pg_buf_printf(b, "pg_i64_reinterpret_f64(%s)", expr); break;
  }
}

/* P_module: what the embedding API (pogo.h) needs to run the module without knowing
 * its C names: instantiation, and every exported function behind a generic invoker. */
static void emit_descriptor(pg_mod_emit *me, pg_buf *b) {
  const pg_module *m = me->m;
  const char *P = me->P;
  pg_buf_printf(b, "\nstatic pg_inst_hdr *%s__desc_instantiate(void *host, struct pg_wasi *wasi, pg_trap_info *err) {\n"
                   "  %s_imports imports;\n  memset(&imports, 0, sizeof imports);\n",
                P, P);
  pg_buf_puts(b, m->nwasi_imports ? "  imports.wasi = wasi;\n" : "  (void)wasi;\n");
  pg_buf_printf(b, "  return (pg_inst_hdr *)%s_instantiate(host, &imports, err);\n}\n", P);
  pg_buf_printf(b, "static void %s__desc_free(pg_inst_hdr *inst) { %s_free((%s_t *)inst); }\n", P, P, P);
  uint32_t nfn = 0;
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    if (e->kind != PG_EXT_FUNC) continue;
    const pg_functype *t = pg_func_type(m, e->index);
    if (!fits_cells(t)) continue;
    pg_buf_printf(b, "static void %s__invoke%u(void *inst, const u64 *a, u64 *r) {\n  ", P, i);
    if (t->nresults == 1) pg_buf_printf(b, "%s v = ", pub_ctype(t->results[0]));
    else if (t->nresults > 1) {
      pg_emit_result_type(b, t);
      pg_buf_puts(b, " v = ");
    }
    pg_buf_printf(b, "%s((%s_t *)inst", e->cname, P);
    for (uint32_t k = 0; k < t->nparams; k++) {
      pg_buf_puts(b, ", ");
      put_from_u64(b, t->params[k], k);
    }
    pg_buf_puts(b, ");\n");
    if (t->nparams == 0) pg_buf_puts(b, "  (void)a;\n");
    if (t->nresults == 0) pg_buf_puts(b, "  (void)r;\n");
    for (uint32_t k = 0; k < t->nresults; k++) {
      char expr[32];
      if (t->nresults == 1) snprintf(expr, sizeof expr, "v");
      else snprintf(expr, sizeof expr, "v.r%u", k);
      pg_buf_printf(b, "  r[%u] = ", k);
      put_to_u64(b, t->results[k], expr);
      pg_buf_puts(b, ";\n");
    }
    pg_buf_puts(b, "}\n");
    nfn++;
  }
  pg_buf_printf(b, "static const pg_export_desc %s__exports[%u] = {\n", P, nfn ? nfn : 1);
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    if (e->kind != PG_EXT_FUNC) continue;
    const pg_functype *t = pg_func_type(m, e->index);
    if (!fits_cells(t)) continue;
    pg_buf_puts(b, "  {");
    put_c_string(b, e->name.p, e->name.len, "");
    put_letters(b, t->params, t->nparams);
    put_letters(b, t->results, t->nresults);
    pg_buf_printf(b, ", %u, %u, %s__invoke%u},\n", t->nparams, t->nresults, P, i);
  }
  if (!nfn) pg_buf_puts(b, "  {\"\", \"\", \"\", 0, 0, NULL},\n");
  pg_buf_puts(b, "};\n");
  char go_acc[128] = "NULL";
  if (m->go.is_go) {
    pg_buf_printf(b, "static struct pg_go *%s__desc_go(pg_inst_hdr *inst) { return %s_go((%s_t *)inst); }\n", P, P, P);
    snprintf(go_acc, sizeof go_acc, "%s__desc_go", P);
  }
  pg_buf_printf(b,
                "const pg_module_desc %s_module = {POGO_ABI_VERSION, \"%s\", &%s_info, %s, %s, %s__desc_instantiate,\n"
                "  %s__desc_free, %s, %s__exports, %u};\n",
                P, P, P, m->go.is_go ? "true" : "false", m->nwasi_imports ? "true" : "false", P, P, go_acc, P, nfn);
}

static void emit_module_c(pg_mod_emit *me) {
  const pg_module *m = me->m;
  const char *P = me->P;
  pg_buf *b = &me->b;
  pg_buf_clear(b);
  char name[256];
  snprintf(name, sizeof name, "%s.c", P);
  pg_buf_printf(b, "/* %s.c - generated by pogo from %s: module data, instantiation and exports. */\n", P,
                me->o->source_name);
  pg_buf_printf(b, "#include <stdlib.h>\n\n#include \"%s-impl.h\"\n\nPG_NO_TAIL_BEGIN\n\n", P);

  /* data: every segment, concatenated */
  uint64_t total = pg_emit_data_offset(m, m->ndatas);
  pg_buf_printf(b, "const u8 %s__data_blob[%llu] = \n", P, (unsigned long long)(total + 1));
  if (total == 0) {
    pg_buf_puts(b, "  \"\";\n");
  } else {
    for (uint32_t i = 0; i < m->ndatas; i++) {
      if (!m->datas[i].len) continue;
      pg_buf_printf(b, "  /* data %u */\n", i);
      put_c_string(b, m->datas[i].bytes, m->datas[i].len, "  ");
      pg_buf_putc(b, '\n');
      if (b->len > FLUSH_AT) flush(me, name, b, false);
    }
    pg_buf_puts(b, "  ;\n");
  }

  /* function table: names for messages, types and addresses for segments and traps */
  pg_buf_printf(b, "\nstatic const char %s__func_names[] =\n", P);
  if (!m->nfuncs) pg_buf_puts(b, "  \"\"\n");
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const char *wn = m->funcs[i].wname ? m->funcs[i].wname : "";
    put_c_string(b, (const uint8_t *)wn, strlen(wn) + 1, "  ");
    pg_buf_putc(b, '\n');
    if (b->len > FLUSH_AT) flush(me, name, b, false);
  }
  pg_buf_puts(b, "  ;\n");
  pg_buf_printf(b, "const pg_func_entry %s__funcs[%u] = {\n", P, m->nfuncs ? m->nfuncs : 1);
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    pg_buf_printf(b, "  {%u, (wasm_rt_function_ptr_t)%s},\n", m->funcs[i].type, m->funcs[i].cname);
    if (b->len > FLUSH_AT) flush(me, name, b, false);
  }
  if (!m->nfuncs) pg_buf_puts(b, "  {0, NULL},\n");
  pg_buf_puts(b, "};\n");
  pg_buf_printf(b, "const pg_module_info %s_info = {\"%s\", %u, %u, %s__func_names, %s__funcs};\n", P, P, m->nfunc_imports,
                m->nfuncs, P, P);

  /* imported functions as uniform C functions, for funcrefs and re-export */
  for (uint32_t i = 0; i < m->nfunc_imports; i++) {
    const pg_func *f = &m->funcs[i];
    const pg_functype *t = pg_func_type(m, i);
    pg_buf_putc(b, '\n');
    pg_emit_prototype(b, m, i, f->cname, "void *ctx");
    pg_buf_puts(b, " { ");
    char self[300];
    snprintf(self, sizeof self, "(%s_t *)ctx", P);
    put_call_forward(b, t, m->imports[f->import].cname, self);
    pg_buf_puts(b, " }\n");
  }

  /* exports */
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    pg_buf_putc(b, '\n');
    switch (e->kind) {
    case PG_EXT_FUNC: {
      const pg_functype *t = pg_func_type(m, e->index);
      put_pub_prototype(b, me, t, e->cname);
      pg_buf_puts(b, " { ");
      const pg_func *f = &m->funcs[e->index];
      put_call_forward(b, t, f->imported ? m->imports[f->import].cname : f->cname, "inst");
      pg_buf_puts(b, " }\n");
      break;
    }
    case PG_EXT_GLOBAL: {
      const pg_global *g = &m->globals[e->index];
      pg_buf_printf(b, "%s *%s(%s_t *inst) { return %sinst->%s; }\n", pub_ctype(g->type), e->cname, P,
                    g->imported ? "" : "&", g->cname);
      break;
    }
    case PG_EXT_MEMORY:
      pg_buf_printf(b, "wasm_rt_memory_t *%s(%s_t *inst) { return inst->m%u; }\n", e->cname, P, e->index);
      break;
    default:
      pg_buf_printf(b, "wasm_rt_%s_table_t *%s(%s_t *inst) { return inst->t%u; }\n",
                    m->tables[e->index].elemtype == PG_T_FUNCREF ? "funcref" : "externref", e->cname, P, e->index);
      break;
    }
  }

  if (m->go.is_go) emit_go_glue(me, b);
  emit_segments_init(me, b);
  emit_instantiate(me, b);
  emit_descriptor(me, b);
  pg_buf_puts(b, "\nPG_NO_TAIL_END\n");
  flush(me, name, b, true);
}

/* ---- function parts ---- */

static void emit_parts(pg_mod_emit *me, pg_diag *d) {
  const pg_module *m = me->m;
  uint32_t parts = me->o->parts ? me->o->parts : 1;
  uint64_t total = 0;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) total += m->funcs[i].body_end - m->funcs[i].body_off;
  pg_fn_emit *fe = &me->fe;
  (void)d;
  pg_buf *b = &me->b;
  pg_buf_clear(b);
  uint32_t f = m->nfunc_imports;
  uint64_t done = 0;
  for (uint32_t k = 0; k < parts; k++) {
    char name[256];
    snprintf(name, sizeof name, "%s-%u.c", me->P, k);
    pg_buf_printf(b, "/* %s - generated by pogo from %s: function bodies, part %u of %u. */\n", name,
                  me->o->source_name, k + 1, parts);
    pg_buf_printf(b, "#include \"%s-impl.h\"\n\nPG_GUEST_CODE_BEGIN(%s, %u)\n", me->P, me->P, k);
    /* this part ends when its share of the code bytes is reached */
    uint64_t goal = total * (k + 1) / parts;
    while (f < m->nfuncs && (k + 1 == parts || done < goal)) {
      pg_emit_function(fe, b, f);
      done += m->funcs[f].body_end - m->funcs[f].body_off;
      f++;
      if (b->len > FLUSH_AT) flush(me, name, b, false);
    }
    pg_buf_printf(b, "\nPG_GUEST_CODE_END(%s, %u)\n", me->P, k);
    if (k + 1 == parts) {
      pg_buf_printf(b, "\n#ifdef __TINYC__\n/* where this module's code is, for interrupts (see pogo-ops.h) */\n"
                       "void %s__code_register(void) {\n", me->P);
      for (uint32_t i = 0; i < parts; i++) pg_buf_printf(b, "  PG_GUEST_CODE_REGISTER(%s, %u);\n", me->P, i);
      pg_buf_puts(b, "}\n#endif\n");
    }
    flush(me, name, b, true);
  }
  pg_emit_fn_free(fe);
  me->fe_live = false;
}

void pg_emit_module(const pg_module *m, const pg_emit_opts *o, pg_diag *d, pg_emit_sink sink, void *ctx) {
  pg_mod_emit me;
  memset(&me, 0, sizeof me);
  me.m = m;
  me.o = o;
  me.sink = sink;
  me.ctx = ctx;
  me.P = o->prefix;
  pg_diag_on_fail(d, mod_emit_release, &me);
  pg_emit_fn_init(&me.fe, m, o, d);
  me.fe_live = true;
  emit_public_header(&me);
  emit_private_header(&me);
  emit_module_c(&me);
  emit_parts(&me, d);
  pg_diag_on_fail(d, NULL, NULL);
  mod_emit_release(&me);
}
