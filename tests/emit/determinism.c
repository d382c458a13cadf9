/*
 * determinism.c - emitted C is a function of the module bytes and the options only:
 * the same module emitted twice (from buffers at different addresses) gives the same
 * files byte for byte; every -j split writes exactly the files it promises and divides
 * the same function definitions, in index order, each exactly once, with the headers
 * and module file unchanged; large output arrives in several chunks with the same text.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "wasm_builder.h"

typedef struct emitted_file {
  char name[64];
  pg_buf text;
  unsigned chunks;
  bool closed;
} emitted_file;

typedef struct emitted {
  emitted_file f[128];
  size_t n;
} emitted;

static void sink(void *ctx, const char *name, const pg_buf *b, bool last) {
  emitted *e = ctx;
  emitted_file *f = e->n ? &e->f[e->n - 1] : NULL;
  if (!f || f->closed || strcmp(f->name, name) != 0) {
    for (size_t i = 0; i < e->n; i++) cr_assert(strcmp(e->f[i].name, name) != 0, "%s written twice", name);
    cr_assert(!f || f->closed, "%s started before %s was finished", name, f ? f->name : "");
    cr_assert_lt(e->n, 128);
    f = &e->f[e->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
  }
  pg_buf_put(&f->text, b->data ? b->data : "", b->len);
  f->chunks++;
  f->closed = last;
}

static void emitted_free(emitted *e) {
  for (size_t i = 0; i < e->n; i++) pg_buf_free(&e->f[i].text);
  e->n = 0;
}

static const emitted_file *find(const emitted *e, const char *name) {
  for (size_t i = 0; i < e->n; i++)
    if (!strcmp(e->f[i].name, name)) return &e->f[i];
  return NULL;
}

/* Load (from a private copy of the bytes) and emit with prefix "t". */
static void emit(const uint8_t *bytes, size_t size, uint32_t parts, emitted *out) {
  uint8_t *copy = malloc(size);
  memcpy(copy, bytes, size);
  pg_module m;
  wb_result r = wb_load(copy, size, &m);
  cr_assert(r.ok, "module rejected: 0x%zx: %s", r.offset, r.msg);
  pg_diag d;
  memset(&d, 0, sizeof d);
  if (setjmp(d.jmp)) cr_assert_fail("emission failed: %s", d.msg);
  pg_emit_opts o = {"t", parts, "sample.wasm"};
  memset(out, 0, sizeof *out);
  pg_emit_module(&m, &o, &d, sink, out);
  pg_module_free(&m);
  free(copy);
  for (size_t i = 0; i < out->n; i++) cr_assert(out->f[i].closed, "%s never closed", out->f[i].name);
}

static void expect_same(const emitted *a, const emitted *b) {
  cr_assert_eq(a->n, b->n);
  for (size_t i = 0; i < a->n; i++) {
    cr_assert_str_eq(a->f[i].name, b->f[i].name);
    cr_assert_eq(a->f[i].text.len, b->f[i].text.len, "%s differs in length", a->f[i].name);
    cr_assert(memcmp(a->f[i].text.data, b->f[i].text.data, a->f[i].text.len) == 0, "%s differs", a->f[i].name);
  }
}

/* The function definitions of the part files, in order: the text between the part
 * header and trailer, concatenated. */
static void part_bodies(const emitted *e, uint32_t parts, pg_buf *out) {
  for (uint32_t k = 0; k < parts; k++) {
    char name[32];
    snprintf(name, sizeof name, "t-%u.c", k);
    const emitted_file *f = find(e, name);
    cr_assert_not_null(f, "%s missing for -j %u", name, parts);
    char open[64], close[64];
    snprintf(open, sizeof open, "PG_GUEST_CODE_BEGIN(t, %u)\n", k);
    snprintf(close, sizeof close, "\nPG_GUEST_CODE_END(t, %u)\n", k);
    const char *begin = strstr(f->text.data, open);
    const char *end = strstr(f->text.data, close);
    cr_assert(begin && end && begin < end, "%s: no PG_GUEST_CODE_BEGIN..END frame", name);
    begin += strlen(open);
    pg_buf_put(out, begin, (size_t)(end - begin));
  }
}

/* Indices of the functions defined in `text` (the "func N" comment before each), in order. */
static size_t defined_functions(const char *text, uint32_t *out, size_t max) {
  size_t n = 0;
  for (const char *p = text; (p = strstr(p, "\n/* func ")); p++) {
    cr_assert_lt(n, max);
    out[n++] = (uint32_t)strtoul(p + 9, NULL, 10);
  }
  return n;
}

Test(determinism, same_module_same_bytes) {
  emitted a, b;
  emit(wb_sample_wide, wb_sample_wide_size, 3, &a);
  emit(wb_sample_wide, wb_sample_wide_size, 3, &b);
  expect_same(&a, &b);
  emitted_free(&a);
  emitted_free(&b);
}

Test(determinism, the_promised_files) {
  emitted e;
  emit(wb_sample_rich, wb_sample_rich_size, 2, &e);
  static const char *const names[] = {"t.h", "t-impl.h", "t.c", "t-0.c", "t-1.c"};
  cr_assert_eq(e.n, 5);
  for (size_t i = 0; i < 5; i++) cr_assert_str_eq(e.f[i].name, names[i]);
  /* nothing machine-specific in the text */
  for (size_t i = 0; i < e.n; i++) {
    cr_assert_null(strstr(e.f[i].text.data, POGO_SOURCE_DIR), "%s mentions the source directory", e.f[i].name);
    cr_assert_null(strstr(e.f[i].text.data, "0x7f"), "%s contains what looks like an address", e.f[i].name);
  }
  emitted_free(&e);
}

static void check_split(const uint8_t *bytes, size_t size, uint32_t nfuncs_defined, uint32_t first_defined) {
  emitted one;
  emit(bytes, size, 1, &one);
  pg_buf whole = {0};
  part_bodies(&one, 1, &whole);
  uint32_t idx[4096];
  size_t n = defined_functions(whole.data, idx, 4096);
  cr_assert_eq(n, nfuncs_defined, "-j 1 defines %zu functions", n);
  for (size_t i = 0; i < n; i++) cr_assert_eq(idx[i], first_defined + i, "function order");

  static const uint32_t splits[] = {2, 3, 4, 7, 13, 40};
  for (size_t s = 0; s < sizeof splits / sizeof splits[0]; s++) {
    uint32_t parts = splits[s];
    emitted e;
    emit(bytes, size, parts, &e);
    cr_assert_eq(e.n, 3 + parts, "-j %u: %zu files", parts, e.n);
    for (size_t i = 0; i < 3; i++) {
      cr_assert_str_eq(e.f[i].name, one.f[i].name);
      cr_assert(e.f[i].text.len == one.f[i].text.len &&
                    memcmp(e.f[i].text.data, one.f[i].text.data, one.f[i].text.len) == 0,
                "-j %u changes %s", parts, e.f[i].name);
    }
    pg_buf joined = {0};
    part_bodies(&e, parts, &joined);
    cr_assert_eq(joined.len, whole.len, "-j %u: function text differs in length", parts);
    cr_assert(memcmp(joined.data, whole.data, whole.len) == 0, "-j %u: function text differs", parts);
    pg_buf_free(&joined);
    /* the header line says which part of how many */
    char want[64];
    snprintf(want, sizeof want, "part %u of %u", parts, parts);
    char last[32];
    snprintf(last, sizeof last, "t-%u.c", parts - 1);
    cr_assert_not_null(strstr(find(&e, last)->text.data, want), "%s lacks \"%s\"", last, want);
    emitted_free(&e);
  }
  pg_buf_free(&whole);
  emitted_free(&one);
}

Test(determinism, split_divides_the_same_functions) {
  check_split(wb_sample_wide, wb_sample_wide_size, 13, 1);
  check_split(wb_sample_rich, wb_sample_rich_size, 2, 1);
}

/* n functions of type [] -> [i32], each i32.const 1 followed by `adds` times
 * (i32.const 1, i32.add). */
static void big_module(wb *b, uint32_t n, uint32_t adds) {
  wb_init(b);
  wb_type_section(b, "", "\x7f");
  wb_func_section(b, n, 0);
  size_t s = wb_section_begin(b, 10);
  wb_u32(b, n);
  for (uint32_t i = 0; i < n; i++) {
    wb_u32(b, 1 + 2 + 3 * adds + 1);
    wb_bytes(b, "\x00\x41\x01", 3);
    for (uint32_t k = 0; k < adds; k++) wb_bytes(b, "\x41\x01\x6a", 3);
    wb_byte(b, 0x0b);
  }
  wb_section_end(b, s);
}

Test(determinism, equal_functions_split_evenly) {
  wb b;
  big_module(&b, 40, 20);
  emitted e;
  emit(b.data, b.len, 5, &e);
  for (uint32_t k = 0; k < 5; k++) {
    char name[32];
    snprintf(name, sizeof name, "t-%u.c", k);
    uint32_t idx[64];
    size_t n = defined_functions(find(&e, name)->text.data, idx, 64);
    cr_assert_eq(n, 8, "%s has %zu of the 40 equal functions", name, n);
    cr_assert_eq(idx[0], 8 * k);
  }
  emitted_free(&e);
  check_split(b.data, b.len, 40, 0);
  wb_free(&b);
}

Test(determinism, large_output_comes_in_chunks) {
  wb b;
  /* ~4 MB of C in one part: flushed in several chunks */
  big_module(&b, 30, 8000);
  emitted x, y;
  emit(b.data, b.len, 1, &x);
  const emitted_file *f = find(&x, "t-0.c");
  cr_assert_gt(f->text.len, 2u << 20, "only %zu bytes of C", f->text.len);
  cr_assert_gt(f->chunks, 1, "a multi-megabyte part arrives in chunks");
  uint32_t idx[64];
  cr_assert_eq(defined_functions(f->text.data, idx, 64), 30);
  emit(b.data, b.len, 1, &y);
  expect_same(&x, &y);
  emitted_free(&x);
  emitted_free(&y);
  wb_free(&b);
}
