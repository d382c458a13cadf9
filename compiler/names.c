/*
 * names.c - names from the "name" custom section, and the C identifiers derived from
 * them and from import/export names.
 *
 * The name section is read leniently: the spec does not let a bad custom section make a
 * module invalid, so a parse error simply stops reading names.
 *
 * Invariant: every identifier chosen here is unique within its C namespace and is a
 * function of the module bytes and the prefix only (deterministic output): collisions
 * are resolved in index order by appending the wasm index.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "module.h"

#define MAX_IDENT 96

static const char *const c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict",
    "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
    "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Imaginary", "_Alignas",
    "_Alignof", "_Atomic", "_Generic", "_Noreturn", "_Static_assert", "_Thread_local", "main",
};

/* Identifier characters kept, everything else becomes '_', runs of '_' collapse and
 * leading/trailing '_' go: "main.(*T).M" -> "main_T_M". */
static void sanitize(const uint8_t *p, size_t n, char *out, size_t cap) {
  size_t o = 0;
  bool pending_sep = false;
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    unsigned char ch = p[i];
    if (isalnum(ch) && ch < 0x80) {
      if (pending_sep && o > 0) out[o++] = '_';
      pending_sep = false;
      out[o++] = (char)ch;
    } else {
      pending_sep = true;
    }
  }
  out[o] = 0;
}

/* Reserve `base` (or base_N) in `set`; returns the arena copy. */
static const char *unique(pg_module *m, pg_strset *set, const char *base, uint32_t index) {
  char buf[4 * MAX_IDENT + 64];
  if (pg_strset_add(set, base)) return pg_arena_strdup(&m->arena, base);
  snprintf(buf, sizeof buf, "%s_%u", base, index);
  for (uint32_t k = 2; !pg_strset_add(set, buf); k++) snprintf(buf, sizeof buf, "%s_%u_%u", base, index, k);
  return pg_arena_strdup(&m->arena, buf);
}

static const char *arena_name(pg_module *m, pg_name n) { return pg_arena_strndup(&m->arena, (const char *)n.p, n.len); }

/* ---- name section ---- */

static pg_name rd_name(pg_cur *c) {
  uint32_t len = pg_cur_count(c, 1);
  pg_name n = {c->b + c->pos, len};
  c->pos += len;
  return n;
}

typedef struct names_ctx {
  pg_module *m;
  pg_cur c;
} names_ctx;

static void read_name_subsections(void *p) {
  names_ctx *x = p;
  pg_module *m = x->m;
  pg_cur c = x->c;
  while (!pg_cur_eof(&c)) {
    uint8_t id = pg_cur_u8(&c);
    uint32_t size = pg_cur_u32(&c);
    if (size > c.end - c.pos) return;
    size_t sub_end = c.pos + size;
    pg_cur s = {m->bytes, c.pos, sub_end, c.d};
    switch (id) {
    case 0: {
      pg_name nm = rd_name(&s);
      if (pg_utf8_valid(nm.p, nm.len)) m->module_name = arena_name(m, nm);
      break;
    }
    case 1: {
      uint32_t count = pg_cur_count(&s, 2);
      for (uint32_t i = 0; i < count; i++) {
        uint32_t idx = pg_cur_u32(&s);
        pg_name nm = rd_name(&s);
        if (idx < m->nfuncs && !m->funcs[idx].wname && pg_utf8_valid(nm.p, nm.len))
          m->funcs[idx].wname = arena_name(m, nm);
      }
      break;
    }
    case 2: {
      uint32_t count = pg_cur_count(&s, 2);
      for (uint32_t i = 0; i < count; i++) {
        uint32_t idx = pg_cur_u32(&s);
        size_t map_at = s.pos;
        uint32_t nlocals = pg_cur_count(&s, 2);
        for (uint32_t k = 0; k < nlocals; k++) {
          pg_cur_u32(&s);
          rd_name(&s);
        }
        if (idx < m->nfuncs && !m->funcs[idx].imported && !m->funcs[idx].local_names) m->funcs[idx].local_names = map_at;
      }
      break;
    }
    case 7: {
      uint32_t count = pg_cur_count(&s, 2);
      for (uint32_t i = 0; i < count; i++) {
        uint32_t idx = pg_cur_u32(&s);
        pg_name nm = rd_name(&s);
        if (idx < m->nglobals && !m->globals[idx].wname && pg_utf8_valid(nm.p, nm.len))
          m->globals[idx].wname = arena_name(m, nm);
      }
      break;
    }
    default:
      break;
    }
    c.pos = sub_end;
  }
}

/* A bad name section is garbage to stop at, not an error: keep what was read. */
static void read_name_section(pg_module *m) {
  if (!m->names_off) return;
  pg_diag d;
  pg_diag_on_fail(&d, NULL, NULL);
  names_ctx x = {m, {m->bytes, m->names_off, m->names_end, &d}};
  pg_diag_try(&d, read_name_subsections, &x);
}

/* Names of a function's locals, sanitized, as offsets+1 into `store` (0: unnamed).
 * Parameters stay unnamed: their C names appear in prototypes shared by every file. */
typedef struct locals_ctx {
  const pg_module *m;
  pg_cur c;
  uint32_t nparams, nlocals;
  pg_buf *store;
  uint32_t *offs;
} locals_ctx;

static void read_local_names(void *p) {
  locals_ctx *x = p;
  uint32_t n = pg_cur_u32(&x->c);
  char tmp[MAX_IDENT];
  for (uint32_t i = 0; i < n; i++) {
    uint32_t idx = pg_cur_u32(&x->c);
    pg_name nm = rd_name(&x->c);
    if (idx < x->nparams || idx >= x->nlocals || x->offs[idx]) continue;
    sanitize(nm.p, nm.len, tmp, sizeof tmp);
    if (!tmp[0]) continue;
    x->offs[idx] = (uint32_t)x->store->len + 1;
    pg_buf_put(x->store, tmp, strlen(tmp) + 1);
  }
}

bool pg_names_locals(const pg_module *m, uint32_t func, uint32_t nlocals, pg_buf *store, uint32_t *offs) {
  memset(offs, 0, (size_t)nlocals * sizeof *offs);
  if (!m->funcs[func].local_names) return false;
  pg_diag d;
  pg_diag_on_fail(&d, NULL, NULL);
  locals_ctx x = {m, {m->bytes, m->funcs[func].local_names, m->names_end, &d}, pg_func_type(m, func)->nparams,
                  nlocals, store, offs};
  return pg_diag_try(&d, read_local_names, &x);
}

/* ---- identifiers ---- */

static void join(char *out, size_t cap, const char *a, const char *b, const char *c) {
  snprintf(out, cap, "%s%s%s", a, b, c);
}

void pg_names_assign(pg_module *m, const char *prefix) {
  read_name_section(m);
  /* an unnamed function is known by its first export name, if any */
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    if (e->kind == PG_EXT_FUNC && !m->funcs[e->index].wname && !memchr(e->name.p, 0, e->name.len))
      m->funcs[e->index].wname = arena_name(m, e->name);
  }
  char buf[4 * MAX_IDENT], s1[MAX_IDENT], s2[MAX_IDENT];

  /* File-scope symbols share one set: API names first, so they always win. */
  pg_strset syms = {0};
  for (size_t i = 0; i < sizeof c_keywords / sizeof c_keywords[0]; i++) pg_strset_add(&syms, c_keywords[i]);
  static const char *const api[] = {"t", "imports", "instantiate", "free", "info", "funcs"};
  for (size_t i = 0; i < sizeof api / sizeof api[0]; i++) {
    join(buf, sizeof buf, prefix, "_", api[i]);
    pg_strset_add(&syms, buf);
  }

  for (uint32_t i = 0; i < m->nexports; i++) {
    pg_export *e = &m->exports[i];
    static const char *const kind_word[] = {"_export_", "_table_", "_memory_", "_global_"};
    sanitize(e->name.p, e->name.len, s1, sizeof s1);
    join(buf, sizeof buf, prefix, kind_word[e->kind], s1[0] ? s1 : "_");
    e->cname = unique(m, &syms, buf, i);
  }

  pg_strset members = {0};
  for (uint32_t i = 0; i < m->nimports; i++) {
    pg_import *im = &m->imports[i];
    sanitize(im->module.p, im->module.len, s1, sizeof s1);
    sanitize(im->field.p, im->field.len, s2, sizeof s2);
    if (im->kind == PG_EXT_FUNC) {
      snprintf(buf, sizeof buf, "%s_import_%s_%s", prefix, s1[0] ? s1 : "_", s2[0] ? s2 : "_");
      im->cname = unique(m, &syms, buf, i);
    } else {
      snprintf(buf, sizeof buf, "%s_%s", s1[0] ? s1 : "m", s2[0] ? s2 : "f");
      im->cname = unique(m, &members, buf, i);
    }
  }
  pg_strset_free(&members);

  for (uint32_t i = 0; i < m->nfuncs; i++) {
    pg_func *f = &m->funcs[i];
    if (f->wname) sanitize((const uint8_t *)f->wname, strlen(f->wname), s1, sizeof s1);
    else s1[0] = 0;
    if (s1[0] && !isdigit((unsigned char)s1[0])) join(buf, sizeof buf, prefix, "_", s1);
    else snprintf(buf, sizeof buf, "%s_f%u", prefix, i);
    f->cname = unique(m, &syms, buf, i);
  }
  pg_strset_free(&syms);

  for (uint32_t i = 0; i < m->nglobals; i++) {
    pg_global *g = &m->globals[i];
    if (g->wname) sanitize((const uint8_t *)g->wname, strlen(g->wname), s1, sizeof s1);
    else s1[0] = 0;
    snprintf(buf, sizeof buf, s1[0] ? "g%u_%s" : "g%u", i, s1);
    g->cname = pg_arena_strdup(&m->arena, buf);
  }
}
