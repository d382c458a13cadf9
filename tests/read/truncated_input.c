/*
 * truncated_input.c - every prefix of a valid module that covers all section kinds is
 * handled: a prefix ending exactly between sections is read like a shorter module
 * (valid, or rejected for a missing code/data section), and any other prefix is rejected
 * as "unexpected end" at a precise offset: the cut itself inside the header, the size
 * field when only the section id survived, the section start when its content is cut.
 * Also: body sizes past the section end, and bodies missing their final end.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm_builder.h"

/* The sample module with every section kind (see wasm_builder.c). */
#define rich wb_sample_rich
#define rich_size wb_sample_rich_size

typedef struct section {
  uint8_t id;
  size_t start, payload, end;
} section;

/* The test's own walk over the section headers (independent of the reader). */
static size_t split_sections(const uint8_t *p, size_t n, section *out, size_t max) {
  size_t pos = 8, count = 0;
  while (pos < n && count < max) {
    section *s = &out[count++];
    s->id = p[pos];
    s->start = pos;
    size_t q = pos + 1;
    uint32_t size = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = p[q++];
      size |= (uint32_t)(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    s->payload = q;
    s->end = q + size;
    pos = s->end;
  }
  cr_assert_eq(pos, n, "test data: sections do not tile the module");
  return count;
}

Test(truncated_input, the_whole_module_is_valid) {
  pg_module m;
  wb_result r = wb_load(rich, rich_size, &m);
  WB_EXPECT_OK(r);
  cr_assert_eq(m.ntypes, 2);
  cr_assert_eq(m.nimports, 2);
  cr_assert_eq(m.nfuncs, 3);
  cr_assert_eq(m.nfunc_imports, 1);
  cr_assert_eq(m.ntables, 1);
  cr_assert_eq(m.nmems, 1);
  cr_assert_eq(m.nglobals, 2);
  cr_assert_eq(m.nexports, 4);
  cr_assert(m.has_start);
  cr_assert_eq(m.start, 2);
  cr_assert_eq(m.nelems, 1);
  cr_assert(m.has_datacount);
  cr_assert_eq(m.ndatas, 2);
  cr_assert_str_eq(m.funcs[1].wname, "add1");
  cr_assert_str_eq(m.funcs[2].wname, "init");
  pg_module_free(&m);
}

Test(truncated_input, every_prefix) {
  section secs[32];
  size_t nsecs = split_sections(rich, rich_size, secs, 32);
  cr_assert_eq(nsecs, 13, "test data: expected 13 sections");
  size_t valid = 0, rejected = 0;
  for (size_t len = 0; len < rich_size; len++) {
    /* a copy of exactly len bytes, so reading past it is an ASan error */
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, rich, len);
    wb_result r = wb_check(copy, len);
    free(copy);

    const char *want = "unexpected end";
    size_t want_off = len;
    bool want_ok = false;
    if (len < 8) {
      want_off = len;
    } else if (len == 8) {
      want_ok = true;
    } else {
      for (size_t i = 0; i < nsecs; i++) {
        const section *s = &secs[i];
        if (len == s->end) {
          /* a clean cut between sections: a module that is complete as far as it goes */
          switch (s->id) {
          case 1: case 2: case 11: case 0: want_ok = true; break;
          case 10: want = "data count and data section have inconsistent lengths"; break;
          default: want = "function and code section have inconsistent lengths"; break;
          }
          want_off = len;
          break;
        }
        if (len > s->start && len < s->payload) { want_off = s->start + 1; break; }
        if (len >= s->payload && len < s->end) { want_off = s->start; break; }
      }
    }
    if (want_ok) {
      cr_assert(r.ok, "prefix of %zu bytes rejected: 0x%zx: %s", len, r.offset, r.msg);
      valid++;
    } else {
      cr_assert(!r.ok, "prefix of %zu bytes accepted", len);
      cr_assert(strstr(r.msg, want), "prefix of %zu bytes: \"%s\" lacks \"%s\"", len, r.msg, want);
      cr_assert(r.has_offset, "prefix of %zu bytes: no offset", len);
      cr_assert_eq(r.offset, want_off, "prefix of %zu bytes: reported at 0x%zx, expected 0x%zx (%s)", len,
                   r.offset, want_off, r.msg);
      rejected++;
    }
  }
  cr_assert_eq(valid, 4, "header only, +type, +import, +data are complete modules");
  cr_assert_eq(rejected, rich_size - 4);
}

Test(truncated_input, header_wording) {
  WB_EXPECT_FAIL(wb_check(rich, 2), "truncated magic header", 2);
  WB_EXPECT_FAIL(wb_check(rich, 6), "truncated version", 6);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"\0asX\1\0\0\0", 8), "magic header not detected", 0);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"\0as", 3), "unexpected end", 3);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"\0asm\2\0\0\0", 8), "unknown binary version", 4);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"\0asm\0\0\0\1", 8), "unknown binary version", 4);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"\0asm\x0d\0\1\0", 8), "the component-model proposal", 4);
  WB_EXPECT_FAIL(wb_check((const uint8_t *)"asm\0\1\0\0\0", 8), "magic header not detected", 0);
}

Test(truncated_input, cut_inside_a_padded_size_field) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "\x7f", ""); /* 5-byte padded size field at offset 9 */
  for (size_t len = 9; len < 14; len++) WB_EXPECT_FAIL(wb_check(b.data, len), "unexpected end", 9);
  for (size_t len = 14; len < b.len; len++) WB_EXPECT_FAIL(wb_check(b.data, len), "unexpected end", 8);
  WB_EXPECT_OK(wb_check(b.data, b.len));
  wb_free(&b);
}

Test(truncated_input, body_size_past_section_end) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t s = wb_section_begin(&b, 10);
  wb_u32(&b, 1);
  size_t size_at = b.len;
  wb_u32(&b, 3); /* claims 3 bytes, 2 follow */
  wb_bytes(&b, "\x00\x0b", 2);
  wb_section_end(&b, s);
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "past the section end (unexpected end)", size_at);
  wb_free(&b);
}

Test(truncated_input, body_without_final_end) {
  wb b;
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x00, 0x01, 0x01)); /* nop nop, no end */
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "unexpected end", at + 3);
  wb_free(&b);
}

Test(truncated_input, block_without_end) {
  wb b;
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x00, 0x02, 0x40, 0x0b)); /* block ... end, function end missing */
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "unexpected end", at + 4);
  wb_free(&b);
}

Test(truncated_input, immediate_cut_by_body_end) {
  wb b;
  /* i32.const whose LEB runs into the end of the body (the section goes on) */
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x00, 0x41, 0x80));
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "unexpected end", at + 2);
  wb_free(&b);
}
