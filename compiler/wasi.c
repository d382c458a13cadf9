/*
 * wasi.c - which imports of a module are WASI preview1 functions pogo's runtime
 * provides.
 *
 * The list comes from include/pogo-wasi.def, the table the runtime declares its
 * implementations from, so compiler and runtime agree by construction. An import from
 * wasi_snapshot_preview1 binds when its name is in the table and its type matches
 * exactly; otherwise it stays unbound and instantiation fails with a link error naming
 * it, as every engine's linker does (the module still compiles: a program may carry
 * imports it never calls, but it cannot be instantiated with them unresolved).
 */
#include <stdio.h>
#include <string.h>

#include "module.h"

/* The def's type lists as text: "(I32, I64)" and "I32". */
const pg_wasi_fn pg_wasi_fns[] = {
#define PG_WASI_FN(name, result, params) {#name, #params, #result},
#define PG_WASI_FN0(name, result) {#name, "", #result},
#include "pogo-wasi.def"
#undef PG_WASI_FN
#undef PG_WASI_FN0
};
const uint32_t pg_wasi_nfns = sizeof pg_wasi_fns / sizeof pg_wasi_fns[0];

/* "(I32, I64)" -> {i32, i64}; "VOID" -> {} */
static uint32_t value_types(const char *text, uint8_t *out) {
  uint32_t n = 0;
  for (const char *p = text; (p = strchr(p, 'I')) != NULL; p++) {
    if (!strncmp(p, "I32", 3)) out[n++] = PG_T_I32;
    else if (!strncmp(p, "I64", 3)) out[n++] = PG_T_I64;
  }
  return n;
}

static bool name_is(pg_name n, const char *s) { return n.len == strlen(s) && memcmp(n.p, s, n.len) == 0; }

static bool same(const uint8_t *types, uint32_t n, const char *text) {
  uint8_t want[16];
  return value_types(text, want) == n && (n == 0 || memcmp(types, want, n) == 0);
}

static int find_fn(pg_name field) {
  for (uint32_t i = 0; i < pg_wasi_nfns; i++)
    if (name_is(field, pg_wasi_fns[i].name)) return (int)i;
  return -1;
}

void pg_wasi_bind(pg_module *m) {
  m->nwasi_imports = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    pg_import *im = &m->imports[i];
    im->wasi = PG_WASI_NONE;
    if (im->kind != PG_EXT_FUNC || !name_is(im->module, "wasi_snapshot_preview1")) continue;
    m->nwasi_imports++;
    const pg_functype *t = &m->types[m->funcs[im->index].type];
    int k = find_fn(im->field);
    bool ok = k >= 0 && same(t->params, t->nparams, pg_wasi_fns[k].params) &&
              same(t->results, t->nresults, pg_wasi_fns[k].results);
    im->wasi = ok ? k + 1 : PG_WASI_UNBOUND;
  }
}

static void put_list(char *buf, size_t n, size_t *at, const char *text) {
  uint8_t t[16];
  uint32_t k = value_types(text, t);
  for (uint32_t i = 0; i < k; i++)
    *at += (size_t)snprintf(buf + *at, *at < n ? n - *at : 0, "%s%s", i ? ", " : "", t[i] == PG_T_I64 ? "i64" : "i32");
}

const char *pg_wasi_type_text(const pg_wasi_fn *f, char *buf, size_t n) {
  size_t at = (size_t)snprintf(buf, n, "(");
  put_list(buf, n, &at, f->params);
  at += (size_t)snprintf(buf + at, at < n ? n - at : 0, ") -> (");
  put_list(buf, n, &at, f->results);
  snprintf(buf + at, at < n ? n - at : 0, ")");
  return buf;
}

const char *pg_wasi_unbound_reason(const pg_module *m, const pg_import *im, char *buf, size_t n) {
  (void)m;
  int k = find_fn(im->field);
  if (k < 0) {
    snprintf(buf, n, "import wasi_snapshot_preview1.%.*s: no such function in WASI preview1", (int)im->field.len,
             (const char *)im->field.p);
  } else {
    char t[160];
    snprintf(buf, n, "import wasi_snapshot_preview1.%s: declared with another type than WASI's %s",
             pg_wasi_fns[k].name, pg_wasi_type_text(&pg_wasi_fns[k], t, sizeof t));
  }
  return buf;
}
