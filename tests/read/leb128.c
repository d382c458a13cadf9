/*
 * leb128.c - LEB128 decoding: unsigned 32-bit and signed 32/33/64-bit integers decode
 * to the right values (including non-minimal, padded encodings), and malformed ones are
 * rejected with the spec's wording ("integer representation too long", "integer too
 * large", "unexpected end") at the offset where the integer starts, both through the
 * cursor directly and inside whole modules.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "wasm_builder.h"

typedef struct leb_out {
  bool ok;
  uint64_t value;   /* u32 zero-extended, signed values as two's complement */
  size_t pos;       /* cursor position after the read */
  char msg[512];
  size_t off;
} leb_out;

/* Decode one integer placed at offset `at` of a buffer (bytes before it are filler,
 * so reported offsets are absolute). bits: 0 for u32, else 32/33/64 signed. */
static leb_out decode(const uint8_t *p, size_t n, size_t at, int bits) {
  uint8_t buf[64];
  memset(buf, 0xAA, at);
  memcpy(buf + at, p, n);
  leb_out o;
  memset(&o, 0, sizeof o);
  pg_diag d;
  memset(&d, 0, sizeof d);
  pg_cur c = {buf, at, at + n, &d};
  if (setjmp(d.jmp)) {
    snprintf(o.msg, sizeof o.msg, "%s", d.msg);
    o.off = d.offset;
    cr_assert(d.has_offset, "cursor errors always carry an offset");
    return o;
  }
  uint64_t v = bits == 0 ? pg_cur_u32(&c) : (uint64_t)pg_cur_sleb(&c, bits);
  o.ok = true;
  o.value = v;
  o.pos = c.pos;
  return o;
}

#define OK_U32(expect, ...)                                                                      \
  do {                                                                                           \
    const uint8_t in_[] = {__VA_ARGS__};                                                         \
    leb_out o_ = decode(in_, sizeof in_, 3, 0);                                                  \
    cr_assert(o_.ok, "rejected: %s", o_.msg);                                                    \
    cr_assert_eq(o_.value, (uint64_t)(expect), "decoded 0x%llx", (unsigned long long)o_.value);   \
    cr_assert_eq(o_.pos, 3 + sizeof in_, "consumed %zu bytes", o_.pos - 3);                      \
  } while (0)

#define OK_S(bits, expect, ...)                                                                  \
  do {                                                                                           \
    const uint8_t in_[] = {__VA_ARGS__};                                                         \
    leb_out o_ = decode(in_, sizeof in_, 3, bits);                                               \
    cr_assert(o_.ok, "rejected: %s", o_.msg);                                                    \
    cr_assert_eq((int64_t)o_.value, (int64_t)(expect), "decoded %lld", (long long)o_.value);      \
    cr_assert_eq(o_.pos, 3 + sizeof in_, "consumed %zu bytes", o_.pos - 3);                      \
  } while (0)

/* bits 0 = u32. The error must be reported where the integer starts (offset 3). */
#define BAD(bits, needle, ...)                                                                   \
  do {                                                                                           \
    const uint8_t in_[] = {__VA_ARGS__};                                                         \
    leb_out o_ = decode(in_, sizeof in_, 3, bits);                                               \
    cr_assert(!o_.ok, "accepted as 0x%llx", (unsigned long long)o_.value);                       \
    cr_assert(strstr(o_.msg, needle), "message \"%s\" lacks \"%s\"", o_.msg, needle);            \
    cr_assert_eq(o_.off, 3, "reported at %zu", o_.off);                                          \
  } while (0)

Test(leb128, u32_values) {
  OK_U32(0, 0x00);
  OK_U32(1, 0x01);
  OK_U32(127, 0x7f);
  OK_U32(128, 0x80, 0x01);
  OK_U32(624485, 0xe5, 0x8e, 0x26);
  OK_U32(0xffffffffu, 0xff, 0xff, 0xff, 0xff, 0x0f);
  OK_U32(0x80000000u, 0x80, 0x80, 0x80, 0x80, 0x08);
}

Test(leb128, u32_non_minimal_encodings_are_allowed) {
  OK_U32(0, 0x80, 0x00);
  OK_U32(0, 0x80, 0x80, 0x80, 0x80, 0x00);
  OK_U32(3, 0x83, 0x80, 0x80, 0x80, 0x00);
}

Test(leb128, u32_too_long) {
  BAD(0, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
  BAD(0, "integer representation too long", 0x82, 0x80, 0x80, 0x80, 0x80, 0x00);
  BAD(0, "integer representation too long", 0xff, 0xff, 0xff, 0xff, 0x8f, 0x00);
}

Test(leb128, u32_too_large) {
  BAD(0, "integer too large", 0x82, 0x80, 0x80, 0x80, 0x10);
  BAD(0, "integer too large", 0xff, 0xff, 0xff, 0xff, 0x1f);
  BAD(0, "integer too large", 0xff, 0xff, 0xff, 0xff, 0x4f);
  BAD(0, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x70);
}

Test(leb128, u32_unexpected_end) {
  BAD(0, "unexpected end", 0x80);
  BAD(0, "unexpected end", 0xff, 0xff, 0xff, 0xff);
  leb_out o = decode((const uint8_t *)"", 0, 3, 0);
  cr_assert(!o.ok);
  cr_assert(strstr(o.msg, "unexpected end"), "%s", o.msg);
  cr_assert_eq(o.off, 3);
}

Test(leb128, s32_values) {
  OK_S(32, 0, 0x00);
  OK_S(32, -1, 0x7f);
  OK_S(32, 63, 0x3f);
  OK_S(32, -64, 0x40);
  OK_S(32, 64, 0xc0, 0x00);
  OK_S(32, -65, 0xbf, 0x7f);
  OK_S(32, -123456, 0xc0, 0xbb, 0x78);
  OK_S(32, INT32_MAX, 0xff, 0xff, 0xff, 0xff, 0x07);
  OK_S(32, INT32_MIN, 0x80, 0x80, 0x80, 0x80, 0x78);
  /* padded */
  OK_S(32, -1, 0xff, 0xff, 0xff, 0xff, 0x7f);
  OK_S(32, 0, 0x80, 0x80, 0x80, 0x80, 0x00);
}

Test(leb128, s32_unused_bits_must_sign_extend) {
  /* 5th byte carries bits 28..31; bits 4..6 of it must copy bit 3 (the sign) */
  BAD(32, "integer too large", 0xff, 0xff, 0xff, 0xff, 0x0f);
  BAD(32, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x08);
  BAD(32, "integer too large", 0xff, 0xff, 0xff, 0xff, 0x4f);
  BAD(32, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x70);
  BAD(32, "integer representation too long", 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
  BAD(32, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
  BAD(32, "unexpected end", 0xff, 0xff);
}

Test(leb128, s33_block_type_range) {
  OK_S(33, 0xffffffffll, 0xff, 0xff, 0xff, 0xff, 0x0f);
  OK_S(33, -0x100000000ll, 0x80, 0x80, 0x80, 0x80, 0x70);
  OK_S(33, -64, 0x40);
  BAD(33, "integer too large", 0xff, 0xff, 0xff, 0xff, 0x1f);
  BAD(33, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x60);
  BAD(33, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
}

Test(leb128, s64_values) {
  OK_S(64, 0, 0x00);
  OK_S(64, -1, 0x7f);
  OK_S(64, INT64_MAX, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
  OK_S(64, INT64_MIN, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f);
  OK_S(64, -1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
  OK_S(64, 0x123456789abcll, 0xbc, 0xb5, 0xe2, 0xb3, 0xc5, 0xc6, 0x04);
}

Test(leb128, s64_malformed) {
  /* 10th byte holds only bit 63: it must be 0x00 or 0x7f */
  BAD(64, "integer too large", 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  BAD(64, "integer too large", 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e);
  BAD(64, "integer representation too long", 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
  BAD(64, "unexpected end", 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
}

/* ---- the same errors inside modules, at absolute file offsets ---- */

static wb_result check(wb *b) {
  wb_result r = wb_check(b->data, b->len);
  wb_free(b);
  return r;
}

Test(leb128, section_size_too_long) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x01\x80\x80\x80\x80\x80\x00", 7);
  WB_EXPECT_FAIL(check(&b), "integer representation too long", 9);
}

Test(leb128, section_size_too_large) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x01\xff\xff\xff\xff\x7f", 6);
  WB_EXPECT_FAIL(check(&b), "integer too large", 9);
}

Test(leb128, type_count_too_long_inside_section) {
  wb b;
  wb_init(&b);
  /* type section of 6 bytes holding a 6-byte count */
  wb_bytes(&b, "\x01\x06\x80\x80\x80\x80\x80\x00", 8);
  WB_EXPECT_FAIL(check(&b), "integer representation too long", 10);
}

Test(leb128, count_cut_by_section_end) {
  wb b;
  wb_init(&b);
  /* the section ends inside the count, although the file goes on */
  wb_bytes(&b, "\x01\x01\x80\x00\x00", 5);
  WB_EXPECT_FAIL(check(&b), "unexpected end", 10);
}

Test(leb128, i32_const_too_large_in_body) {
  wb b;
  /* no locals; i32.const <5 bytes, bad sign bits>; drop; end */
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x00, 0x41, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1a, 0x0b));
  WB_EXPECT_FAIL(check(&b), "integer too large", at + 2);
}

Test(leb128, i64_const_too_long_in_body) {
  wb b;
  size_t at = wb_func_module(&b, "", "",
                             WB_BYTES(0x00, 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00,
                                      0x1a, 0x0b));
  WB_EXPECT_FAIL(check(&b), "integer representation too long", at + 2);
}

Test(leb128, padded_encodings_in_module_are_accepted) {
  wb b;
  /* local.get 0 with a 5-byte index, i32.const -1 padded to 5 bytes, i32.add */
  wb_func_module(&b, "\x7f", "\x7f",
                 WB_BYTES(0x80, 0x80, 0x80, 0x80, 0x00, 0x20, 0x80, 0x80, 0x80, 0x80, 0x00, 0x41, 0xff, 0xff, 0xff,
                          0xff, 0x7f, 0x6a, 0x0b));
  WB_EXPECT_OK(check(&b));
}
