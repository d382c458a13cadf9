/*
 * inspect.c - `pogo inspect`: what a module is (Go js, Go wasip1, WASI, plain; the
 * toolchain and Go version from the producers section), imports, exports, sizes, and
 * the C names emit-c would give them. --json is the machine-readable form (the wast runner
 * links modules through it, so it must name things exactly as the emitter does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

static const char *const kind_names[] = {"func", "table", "memory", "global"};

static void json_str(FILE *f, const uint8_t *p, size_t n) {
  fputc('"', f);
  for (size_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20 || c == 0x7f) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void json_types(FILE *f, uint32_t n, const uint8_t *t) {
  fputc('[', f);
  for (uint32_t i = 0; i < n; i++) fprintf(f, "%s\"%s\"", i ? "," : "", pg_type_name(t[i]));
  fputc(']', f);
}

static void json_limits(FILE *f, const pg_limits *l) {
  fprintf(f, "{\"min\":%llu", (unsigned long long)l->min);
  if (l->has_max) fprintf(f, ",\"max\":%llu", (unsigned long long)l->max);
  fputc('}', f);
}

/* The type part of an import or export of `kind` and `index`. */
static void json_extern_type(FILE *f, const pg_module *m, uint8_t kind, uint32_t index) {
  switch (kind) {
  case PG_EXT_FUNC: {
    const pg_functype *t = pg_func_type(m, index);
    fputs(",\"params\":", f);
    json_types(f, t->nparams, t->params);
    fputs(",\"results\":", f);
    json_types(f, t->nresults, t->results);
    break;
  }
  case PG_EXT_TABLE:
    fprintf(f, ",\"elemtype\":\"%s\",\"limits\":", pg_type_name(m->tables[index].elemtype));
    json_limits(f, &m->tables[index].lim);
    break;
  case PG_EXT_MEMORY:
    fputs(",\"limits\":", f);
    json_limits(f, &m->mems[index].lim);
    break;
  default:
    fprintf(f, ",\"type\":\"%s\",\"mutable\":%s", pg_type_name(m->globals[index].type),
            m->globals[index].mut ? "true" : "false");
    break;
  }
}

static bool read_leb(const uint8_t **p, const uint8_t *end, uint32_t *out) {
  uint64_t v = 0;
  for (int shift = 0; *p < end && shift < 35; shift += 7) {
    uint8_t b = *(*p)++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      if (v > UINT32_MAX) return false;
      *out = (uint32_t)v;
      return true;
    }
  }
  return false;
}

static bool read_name(const uint8_t **p, const uint8_t *end, pg_name *out) {
  uint32_t n;
  if (!read_leb(p, end, &n) || n > (size_t)(end - *p)) return false;
  out->p = *p;
  out->len = n;
  *p += n;
  return true;
}

/* One entry of the "producers" custom section (tool conventions): field ("language",
 * "processed-by", "sdk"), tool or language name, version. */
typedef struct producer {
  pg_name field, name, version;
} producer;

/* Up to max entries of the producers section; a malformed section ends the list. */
static uint32_t producers(const pg_module *m, producer *out, uint32_t max) {
  const uint8_t *p = m->bytes + 8, *end = m->bytes + m->size;
  uint32_t n = 0;
  while (p < end) {
    uint8_t id = *p++;
    uint32_t len;
    if (!read_leb(&p, end, &len) || len > (size_t)(end - p)) return n;
    const uint8_t *sec = p, *send = p + len;
    p = send;
    pg_name secname;
    if (id != 0 || !read_name(&sec, send, &secname) || secname.len != 9 || memcmp(secname.p, "producers", 9))
      continue;
    uint32_t nfields;
    if (!read_leb(&sec, send, &nfields)) return n;
    for (uint32_t f = 0; f < nfields; f++) {
      pg_name field;
      uint32_t nv;
      if (!read_name(&sec, send, &field) || !read_leb(&sec, send, &nv)) return n;
      for (uint32_t k = 0; k < nv; k++) {
        producer pr = {field, {0}, {0}};
        if (!read_name(&sec, send, &pr.name) || !read_name(&sec, send, &pr.version)) return n;
        if (n < max) out[n++] = pr;
      }
    }
    return n;
  }
  return n;
}

static bool name_is(pg_name n, const char *s) { return n.len == strlen(s) && !memcmp(n.p, s, n.len); }

/* The Go version that built the module (the producers section's language Go). */
bool pg_go_version(const pg_module *m, char *buf, size_t n) {
  producer pr[16];
  uint32_t k = producers(m, pr, 16);
  for (uint32_t i = 0; i < k; i++)
    if (name_is(pr[i].field, "language") && name_is(pr[i].name, "Go") && pr[i].version.len < n) {
      memcpy(buf, pr[i].version.p, pr[i].version.len);
      buf[pr[i].version.len] = 0;
      return true;
    }
  return false;
}

static void print_producers(const pg_module *m) {
  producer pr[16];
  uint32_t k = producers(m, pr, 16);
  if (!k) return;
  printf("producers: ");
  for (uint32_t i = 0; i < k; i++) {
    bool same = i && pr[i].field.len == pr[i - 1].field.len && !memcmp(pr[i].field.p, pr[i - 1].field.p, pr[i].field.len);
    if (same) printf(", ");
    else printf("%s%.*s ", i ? "; " : "", (int)pr[i].field.len, (const char *)pr[i].field.p);
    printf("%.*s", (int)pr[i].name.len, (const char *)pr[i].name.p);
    if (pr[i].version.len) printf(" %.*s", (int)pr[i].version.len, (const char *)pr[i].version.p);
  }
  printf("\n");
}

static const char *module_kind(const pg_module *m) {
  bool gojs = false, go = false, wasi = false, start = false, init = false;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_name *mod = &m->imports[i].module;
    if (mod->len == 4 && !memcmp(mod->p, "gojs", 4)) gojs = true;
    if (mod->len == 2 && !memcmp(mod->p, "go", 2)) go = true;
    if (mod->len == 22 && !memcmp(mod->p, "wasi_snapshot_preview1", 22)) wasi = true;
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_name *n = &m->exports[i].name;
    if (n->len == 6 && !memcmp(n->p, "_start", 6)) start = true;
    if (n->len == 11 && !memcmp(n->p, "_initialize", 11)) init = true;
  }
  char v[64];
  bool gobuilt = wasi && pg_go_version(m, v, sizeof v);
  if (gojs || go) return "go-js";
  if (wasi && start) return gobuilt ? "go-wasip1-command" : "wasi-command";
  if (wasi && init) return gobuilt ? "go-wasip1-reactor" : "wasi-reactor";
  if (wasi) return "wasi";
  return m->nimports ? "plain (with imports)" : "plain";
}

static void print_json(const pg_module *m, const char *prefix) {
  FILE *f = stdout;
  fprintf(f, "{\"prefix\":\"%s\",\"kind\":\"%s\",\"functions\":%u,\"imported_functions\":%u,\"types\":%u,",
          prefix, module_kind(m), m->nfuncs, m->nfunc_imports, m->ntypes);
  char version[64];
  if (pg_go_version(m, version, sizeof version)) fprintf(f, "\"go_version\":\"%s\",", version);
  fputs("\"imports\":[", f);
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    fputs(i ? ",{\"module\":" : "{\"module\":", f);
    json_str(f, im->module.p, im->module.len);
    fputs(",\"name\":", f);
    json_str(f, im->field.p, im->field.len);
    fprintf(f, ",\"kind\":\"%s\",\"c_name\":\"%s\"", kind_names[im->kind], im->cname);
    json_extern_type(f, m, im->kind, im->index);
    fputc('}', f);
  }
  fputs("],\"exports\":[", f);
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    fputs(i ? ",{\"name\":" : "{\"name\":", f);
    json_str(f, e->name.p, e->name.len);
    fprintf(f, ",\"kind\":\"%s\",\"index\":%u,\"c_name\":\"%s\"", kind_names[e->kind], e->index, e->cname);
    json_extern_type(f, m, e->kind, e->index);
    fputc('}', f);
  }
  fputs("]", f);
  if (m->has_start) fprintf(f, ",\"start\":%u", m->start);
  fputs("}\n", f);
}

static int cmp_size(const void *a, const void *b) {
  const uint64_t *x = a, *y = b;
  return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : (x[1] > y[1]) - (x[1] < y[1]);
}

static void print_text(const pg_module *m) {
  uint64_t code = 0, data = 0;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) code += m->funcs[i].body_end - m->funcs[i].body_off;
  for (uint32_t i = 0; i < m->ndatas; i++) data += m->datas[i].len;
  printf("module:     %s\nkind:       %s\nsize:       %zu bytes (code %llu, data %llu in %u segments)\n",
         m->path, module_kind(m), m->size, (unsigned long long)code, (unsigned long long)data, m->ndatas);
  printf("functions:  %u defined, %u imported; %u types\n", m->nfuncs - m->nfunc_imports, m->nfunc_imports, m->ntypes);
  char version[64];
  if (pg_go_version(m, version, sizeof version)) printf("go:         %s\n", version);
  print_producers(m);
  for (uint32_t i = 0; i < m->nmems; i++) {
    const pg_limits *l = &m->mems[i].lim;
    printf("memory %u:   %llu..", i, (unsigned long long)l->min);
    if (l->has_max) printf("%llu", (unsigned long long)l->max);
    printf(" pages%s\n", m->mems[i].imported ? " (imported)" : "");
  }
  printf("imports (%u):\n", m->nimports);
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    printf("  %-7s %.*s.%.*s\n", kind_names[im->kind], (int)im->module.len, (const char *)im->module.p,
           (int)im->field.len, (const char *)im->field.p);
  }
  printf("exports (%u):\n", m->nexports);
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    printf("  %-7s %.*s\n", kind_names[e->kind], (int)e->name.len, (const char *)e->name.p);
  }
  uint32_t n = m->nfuncs - m->nfunc_imports;
  if (!n) return;
  uint64_t *sizes = malloc(sizeof(uint64_t) * 2 * n);
  for (uint32_t i = 0; i < n; i++) {
    const pg_func *f = &m->funcs[m->nfunc_imports + i];
    sizes[2 * i] = f->body_end - f->body_off;
    sizes[2 * i + 1] = m->nfunc_imports + i;
  }
  qsort(sizes, n, 2 * sizeof(uint64_t), cmp_size);
  printf("biggest functions:\n");
  for (uint32_t i = 0; i < n && i < 10; i++) {
    const pg_func *f = &m->funcs[sizes[2 * i + 1]];
    printf("  %8llu bytes  #%llu %s\n", (unsigned long long)sizes[2 * i], (unsigned long long)sizes[2 * i + 1],
           f->wname ? f->wname : "");
  }
  free(sizes);
}

int pg_cmd_inspect(const pg_opts *o) {
  pg_module m;
  uint8_t *bytes;
  size_t size;
  const char *prefix;
  if (!pg_load_module(o, &m, &bytes, &size, &prefix)) return 1;
  if (o->json) print_json(&m, prefix);
  else print_text(&m);
  pg_module_free(&m);
  free(bytes);
  return 0;
}
