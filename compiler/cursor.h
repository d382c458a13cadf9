/*
 * cursor.h - bounded reading of the binary format: bytes, LEB128 integers, names.
 *
 * Every read checks the end first and reports through pg_fail with the offset of the
 * item being read, using the spec's wording ("unexpected end", "integer representation
 * too long", "integer too large", "malformed UTF-8 encoding"), so the reader, the
 * validator's decoder and the name-section parser reject malformed input alike.
 */
#ifndef PG_CURSOR_H
#define PG_CURSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

typedef struct pg_cur {
  const uint8_t *b;  /* whole input */
  size_t pos;        /* absolute offset */
  size_t end;        /* absolute end of the current region */
  pg_diag *d;
} pg_cur;

static inline bool pg_cur_eof(const pg_cur *c) { return c->pos >= c->end; }

static inline uint8_t pg_cur_u8(pg_cur *c) {
  if (c->pos >= c->end) pg_fail(c->d, c->pos, "unexpected end");
  return c->b[c->pos++];
}

/* Unsigned LEB128 of at most `bits` bits (32). */
static inline uint32_t pg_cur_u32(pg_cur *c) {
  size_t start = c->pos;
  uint32_t result = 0;
  for (int shift = 0;; shift += 7) {
    if (c->pos >= c->end) pg_fail(c->d, start, "unexpected end of LEB128 integer");
    uint8_t byte = c->b[c->pos++];
    if (shift == 28) {
      if (byte & 0x80) pg_fail(c->d, start, "integer representation too long");
      if (byte & 0x70) pg_fail(c->d, start, "integer too large");
      return result | ((uint32_t)byte << 28);
    }
    result |= (uint32_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return result;
  }
}

/* Signed LEB128 of N bits (32, 33 or 64): the unused high bits of the last byte
 * must be a sign extension of the value's top bit. */
static inline int64_t pg_cur_sleb(pg_cur *c, int bits) {
  size_t start = c->pos;
  uint64_t result = 0;
  int max_bytes = (bits + 6) / 7;
  for (int i = 0, shift = 0;; i++, shift += 7) {
    if (c->pos >= c->end) pg_fail(c->d, start, "unexpected end of LEB128 integer");
    uint8_t byte = c->b[c->pos++];
    if (i == max_bytes - 1) {
      if (byte & 0x80) pg_fail(c->d, start, "integer representation too long");
      int used = bits - shift;             /* value bits held by this byte, incl. sign */
      uint8_t sign_and_unused = (uint8_t)(byte >> (used - 1)) & (uint8_t)(0x7f >> (used - 1));
      uint8_t all = (uint8_t)(0x7f >> (used - 1));
      if (sign_and_unused != 0 && sign_and_unused != all) pg_fail(c->d, start, "integer too large");
      result |= (uint64_t)(byte & 0x7f) << shift;
      shift += 7;
      if (shift < 64 && (byte & 0x40)) result |= ~(uint64_t)0 << shift;
      return (int64_t)result;
    }
    result |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      shift += 7;
      if (shift < 64 && (byte & 0x40)) result |= ~(uint64_t)0 << shift;
      return (int64_t)result;
    }
  }
}

static inline uint32_t pg_cur_fixed32(pg_cur *c) {
  if (c->end - c->pos < 4 || c->pos > c->end) pg_fail(c->d, c->pos, "unexpected end");
  const uint8_t *p = c->b + c->pos;
  c->pos += 4;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t pg_cur_fixed64(pg_cur *c) {
  uint64_t lo = pg_cur_fixed32(c);
  uint64_t hi = pg_cur_fixed32(c);
  return lo | hi << 32;
}

/* A vector length that must fit in the bytes left (each element takes at least
 * min_size bytes): rejects absurd counts before anything is allocated for them. */
static inline uint32_t pg_cur_count(pg_cur *c, size_t min_size) {
  size_t start = c->pos;
  uint32_t n = pg_cur_u32(c);
  if (min_size && (uint64_t)n * min_size > (uint64_t)(c->end - c->pos))
    pg_fail(c->d, start, "count %u too large for the %zu bytes left (unexpected end)", n,
            c->end - c->pos);
  return n;
}

bool pg_utf8_valid(const uint8_t *p, size_t n);

#endif /* PG_CURSOR_H */
