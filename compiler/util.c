/*
 * util.c - allocation, arena, text buffer, string set and error channel (see util.h).
 *
 * Out of memory is the one error that does not go through pg_diag: it can happen
 * anywhere, so it prints one line and exits 1 at once.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_out_of_memory(void) {
  fputs("pogo: out of memory\n", stderr);
  exit(1);
}

void *pg_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) pg_out_of_memory();
  return p;
}

void *pg_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) pg_out_of_memory();
  return p;
}

void *pg_xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) pg_out_of_memory();
  return p;
}

char *pg_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = pg_xmalloc(n);
  memcpy(p, s, n);
  return p;
}

/* ---- arena ---- */

struct pg_arena_block {
  pg_arena_block *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
};

void *pg_arena_alloc(pg_arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  pg_arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = b ? b->cap * 2 : 64 * 1024;
    if (cap > 16 * 1024 * 1024) cap = 16 * 1024 * 1024;
    if (cap < n) cap = n;
    b = pg_xmalloc(sizeof *b + cap);
    b->next = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *pg_arena_strndup(pg_arena *a, const char *s, size_t n) {
  char *p = pg_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *pg_arena_strdup(pg_arena *a, const char *s) { return pg_arena_strndup(a, s, strlen(s)); }

void pg_arena_free(pg_arena *a) {
  pg_arena_block *b = a->head;
  while (b) {
    pg_arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

/* ---- buffer ---- */

void pg_buf_reserve(pg_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  b->data = pg_xrealloc(b->data, cap);
  b->cap = cap;
}

void pg_buf_put(pg_buf *b, const void *p, size_t n) {
  pg_buf_reserve(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
}

void pg_buf_puts(pg_buf *b, const char *s) { pg_buf_put(b, s, strlen(s)); }

void pg_buf_putc(pg_buf *b, char c) {
  pg_buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = 0;
}

void pg_buf_vprintf(pg_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  pg_buf_reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void pg_buf_printf(pg_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pg_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void pg_buf_u64(pg_buf *b, uint64_t v) {
  char tmp[24];
  int i = 24;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  pg_buf_put(b, tmp + i, (size_t)(24 - i));
}

void pg_buf_clear(pg_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = 0;
}

void pg_buf_free(pg_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* ---- string set (open addressing, FNV-1a) ---- */

static size_t strset_hash(const char *s) {
  size_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static size_t strset_find(char **slots, size_t cap, const char *name) {
  size_t i = strset_hash(name) & (cap - 1);
  while (slots[i] && strcmp(slots[i], name) != 0) i = (i + 1) & (cap - 1);
  return i;
}

bool pg_strset_has(const pg_strset *s, const char *name) {
  if (!s->cap) return false;
  return s->slots[strset_find(s->slots, s->cap, name)] != NULL;
}

bool pg_strset_add(pg_strset *s, const char *name) {
  if ((s->count + 1) * 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    char **slots = pg_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < s->cap; i++)
      if (s->slots[i]) slots[strset_find(slots, cap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
  }
  size_t i = strset_find(s->slots, s->cap, name);
  if (s->slots[i]) return false;
  s->slots[i] = pg_xstrdup(name);
  s->count++;
  return true;
}

void pg_strset_free(pg_strset *s) {
  for (size_t i = 0; i < s->cap; i++) free(s->slots[i]);
  free(s->slots);
  s->slots = NULL;
  s->cap = s->count = 0;
}

/* ---- errors ---- */

bool pg_diag_try(pg_diag *d, void (*fn)(void *ctx), void *ctx) {
  if (setjmp(d->jmp)) return false;
  fn(ctx);
  return true;
}

void pg_diag_on_fail(pg_diag *d, void (*cleanup)(void *), void *arg) {
  d->cleanup = cleanup;
  d->cleanup_arg = arg;
}

static PG_NORETURN void diag_unwind(pg_diag *d) {
  void (*cleanup)(void *) = d->cleanup;
  d->cleanup = NULL;
  if (cleanup) cleanup(d->cleanup_arg);
  longjmp(d->jmp, 1);
}

void pg_fail(pg_diag *d, size_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
  d->offset = offset;
  d->has_offset = true;
  diag_unwind(d);
}

void pg_fail_nooff(pg_diag *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  va_end(ap);
  d->has_offset = false;
  diag_unwind(d);
}
