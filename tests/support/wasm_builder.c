/*
 * wasm_builder.c - see wasm_builder.h.
 */
#include "wasm_builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(wb *b, size_t n) {
  if (b->len + n <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + n) cap *= 2;
  b->data = realloc(b->data, cap);
  if (!b->data) abort();
  b->cap = cap;
}

void wb_init_raw(wb *b) { memset(b, 0, sizeof *b); }

void wb_init(wb *b) {
  wb_init_raw(b);
  wb_bytes(b, "\0asm\1\0\0\0", 8);
}

void wb_free(wb *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

void wb_byte(wb *b, uint8_t v) {
  grow(b, 1);
  b->data[b->len++] = v;
}

void wb_bytes(wb *b, const void *p, size_t n) {
  grow(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

void wb_u32(wb *b, uint32_t v) {
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    wb_byte(b, byte | (v ? 0x80 : 0));
  } while (v);
}

void wb_s64(wb *b, int64_t v) {
  for (;;) {
    uint8_t byte = (uint8_t)(v & 0x7f);
    v >>= 7;
    bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
    wb_byte(b, byte | (done ? 0 : 0x80));
    if (done) return;
  }
}

void wb_s32(wb *b, int32_t v) { wb_s64(b, v); }

void wb_name(wb *b, const char *s) {
  size_t n = strlen(s);
  wb_u32(b, (uint32_t)n);
  wb_bytes(b, s, n);
}

size_t wb_section_begin(wb *b, uint8_t id) {
  wb_byte(b, id);
  size_t at = b->len;
  wb_bytes(b, "\x80\x80\x80\x80\x00", 5);
  return at;
}

void wb_section_end(wb *b, size_t at) {
  uint32_t size = (uint32_t)(b->len - at - 5);
  for (int i = 0; i < 5; i++) {
    b->data[at + i] = (uint8_t)((size & 0x7f) | (i < 4 ? 0x80 : 0));
    size >>= 7;
  }
}

void wb_type_section(wb *b, const char *params, const char *results) {
  size_t s = wb_section_begin(b, 1);
  wb_u32(b, 1);
  wb_byte(b, 0x60);
  wb_u32(b, (uint32_t)strlen(params));
  wb_bytes(b, params, strlen(params));
  wb_u32(b, (uint32_t)strlen(results));
  wb_bytes(b, results, strlen(results));
  wb_section_end(b, s);
}

typedef struct load_ctx {
  pg_diag d;
} load_ctx;

wb_result wb_load(const uint8_t *bytes, size_t n, pg_module *m) {
  wb_result r;
  memset(&r, 0, sizeof r);
  load_ctx *c = calloc(1, sizeof *c);
  memset(m, 0, sizeof *m);
  m->path = "test.wasm";
  if (setjmp(c->d.jmp)) {
    r.ok = false;
    snprintf(r.msg, sizeof r.msg, "%s", c->d.msg);
    r.offset = c->d.offset;
    r.has_offset = c->d.has_offset;
    pg_module_free(m);
    free(c);
    return r;
  }
  pg_read_module(m, bytes, n, &c->d);
  pg_validate_module(m, &c->d);
  pg_names_assign(m, "t");
  free(c);
  r.ok = true;
  return r;
}

wb_result wb_check(const uint8_t *bytes, size_t n) {
  pg_module m;
  wb_result r = wb_load(bytes, n, &m);
  if (r.ok) pg_module_free(&m);
  return r;
}

void wb_func_section(wb *b, uint32_t n, uint32_t type) {
  size_t s = wb_section_begin(b, 3);
  wb_u32(b, n);
  for (uint32_t i = 0; i < n; i++) wb_u32(b, type);
  wb_section_end(b, s);
}

size_t wb_code_section(wb *b, const void *body, size_t n) {
  size_t s = wb_section_begin(b, 10);
  wb_u32(b, 1);
  wb_u32(b, (uint32_t)n);
  size_t at = b->len;
  wb_bytes(b, body, n);
  wb_section_end(b, s);
  return at;
}

size_t wb_func_module(wb *b, const char *params, const char *results, const void *body, size_t n) {
  wb_init(b);
  wb_type_section(b, params, results);
  wb_func_section(b, 1, 0);
  return wb_code_section(b, body, n);
}

void wb_module(wb *b, const wb_sec sec[13], const void *body, size_t n, size_t at[13]) {
  static const uint8_t order[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};
  wb_init(b);
  for (size_t i = 0; i < 13; i++) at[i] = 0;
  for (size_t i = 0; i < sizeof order; i++) {
    uint8_t id = order[i];
    if (id == 10 && n) {
      at[0] = wb_code_section(b, body, n);
      at[10] = at[0] - 2 - (n >= 128) - (n >= 16384);
      continue;
    }
    if (!sec[id].n) continue;
    size_t s = wb_section_begin(b, id);
    at[id] = b->len;
    wb_bytes(b, sec[id].p, sec[id].n);
    wb_section_end(b, s);
  }
}

wb_result wb_check_module(const wb_sec sec[13], const void *body, size_t n, size_t at[13]) {
  wb b;
  wb_module(&b, sec, body, n, at);
  wb_result r = wb_check(b.data, b.len);
  wb_free(&b);
  return r;
}
