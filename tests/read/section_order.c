/*
 * section_order.c - sections must come in the spec's order, each at most once (custom
 * sections anywhere, data count between element and code); unknown ids, the tag
 * section, and a section whose content does not fill its declared size are rejected,
 * each at the offset of the section (or of the first unread byte for a size mismatch).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "wasm_builder.h"

static wb_result check(wb *b) {
  wb_result r = wb_check(b->data, b->len);
  wb_free(b);
  return r;
}

/* An empty section of `id` (count 0 for vector sections). */
static size_t empty_section(wb *b, uint8_t id) {
  size_t at = b->len;
  size_t s = wb_section_begin(b, id);
  wb_u32(b, 0);
  wb_section_end(b, s);
  return at;
}

static size_t custom_section(wb *b, const char *name) {
  size_t at = b->len;
  size_t s = wb_section_begin(b, 0);
  wb_name(b, name);
  wb_bytes(b, "payload", 7);
  wb_section_end(b, s);
  return at;
}

Test(section_order, header_only_is_a_valid_module) {
  wb b;
  wb_init(&b);
  WB_EXPECT_OK(check(&b));
}

Test(section_order, every_section_in_order_is_accepted) {
  wb b;
  wb_init(&b);
  custom_section(&b, "first");
  /* type, import, function, table, memory, global, export, start-less, element, data
   * count, code, data: all empty */
  static const uint8_t ids[] = {1, 2, 3, 4, 5, 6, 7, 9, 12, 10, 11};
  for (size_t i = 0; i < sizeof ids; i++) {
    empty_section(&b, ids[i]);
    custom_section(&b, "between");
  }
  WB_EXPECT_OK(check(&b));
}

Test(section_order, repeated_section) {
  wb b;
  wb_init(&b);
  empty_section(&b, 1);
  size_t at = empty_section(&b, 1);
  WB_EXPECT_FAIL(check(&b), "unexpected content after last section", at);
}

Test(section_order, repeated_section_with_custom_between) {
  wb b;
  wb_init(&b);
  empty_section(&b, 7);
  custom_section(&b, "x");
  size_t at = empty_section(&b, 7);
  WB_EXPECT_FAIL(check(&b), "unexpected content after last section", at);
}

/* Pairs of sections in the wrong order: the second one is reported. */
static const struct {
  uint8_t first, second;
  const char *what;
} wrong_order[] = {
    {3, 1, "function before type"},
    {5, 4, "memory before table"},
    {11, 10, "data before code"},
    {10, 12, "data count after code"},
    {11, 12, "data count after data"},
};

Test(section_order, sections_out_of_order) {
  for (size_t i = 0; i < sizeof wrong_order / sizeof wrong_order[0]; i++) {
    wb b;
    wb_init(&b);
    empty_section(&b, wrong_order[i].first);
    size_t at = empty_section(&b, wrong_order[i].second);
    wb_result r = check(&b);
    cr_assert(!r.ok, "%s accepted", wrong_order[i].what);
    cr_assert(strstr(r.msg, "unexpected content after last section"), "%s: %s", wrong_order[i].what, r.msg);
    cr_assert_eq(r.offset, at, "%s reported at 0x%zx, expected 0x%zx", wrong_order[i].what, r.offset, at);
  }
}

Test(section_order, data_count_after_element_is_fine) {
  wb b;
  wb_init(&b);
  empty_section(&b, 9);
  empty_section(&b, 12);
  WB_EXPECT_OK(check(&b));
}

Test(section_order, unknown_section_ids) {
  static const uint8_t ids[] = {14, 15, 0x7f, 0xff};
  for (size_t i = 0; i < sizeof ids; i++) {
    wb b;
    wb_init(&b);
    empty_section(&b, 1);
    size_t at = empty_section(&b, ids[i]);
    char want[64];
    snprintf(want, sizeof want, "malformed section id %u", ids[i]);
    WB_EXPECT_FAIL(check(&b), want, at);
  }
}

Test(section_order, unknown_section_id_first) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x20\x00", 2);
  WB_EXPECT_FAIL(check(&b), "malformed section id 32", 8);
}

Test(section_order, tag_section_names_its_proposal) {
  wb b;
  wb_init(&b);
  empty_section(&b, 1);
  size_t at = empty_section(&b, 13);
  WB_EXPECT_FAIL(check(&b), "the exception-handling proposal", at);
}

Test(section_order, content_shorter_than_section_size) {
  wb b;
  wb_init(&b);
  /* type section of size 3 holding count 0 and two stray bytes */
  wb_bytes(&b, "\x01\x03\x00\x60\x00", 5);
  WB_EXPECT_FAIL(check(&b), "section size mismatch", 11);
}

Test(section_order, content_longer_than_section_size) {
  wb b;
  wb_init(&b);
  /* type section claims 4 bytes but its one type needs 5 (count, 0x60, 1 param, i32, 0
   * results): the reader runs into the section end */
  wb_bytes(&b, "\x01\x04\x01\x60\x01\x7f\x00", 7);
  wb_result r = check(&b);
  cr_assert(!r.ok);
  cr_assert(strstr(r.msg, "unexpected end"), "%s", r.msg);
  cr_assert_eq(r.offset, 14, "0x%zx: %s", r.offset, r.msg);
}

Test(section_order, start_section_with_extra_bytes) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t s = wb_section_begin(&b, 8);
  wb_u32(&b, 0);
  size_t stray = b.len;
  wb_byte(&b, 0x00);
  wb_section_end(&b, s);
  wb_code_section(&b, WB_BYTES(0x00, 0x0b));
  WB_EXPECT_FAIL(check(&b), "section size mismatch", stray);
}

Test(section_order, data_count_section_with_extra_bytes) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x0c\x02\x00\x00", 4);
  WB_EXPECT_FAIL(check(&b), "section size mismatch", 11);
}

Test(section_order, custom_section_name_must_fit) {
  wb b;
  wb_init(&b);
  /* custom section of 2 bytes whose name claims 5 */
  wb_bytes(&b, "\x00\x02\x05\x61\x00\x00\x00\x00", 8);
  WB_EXPECT_FAIL(check(&b), "unexpected end", 10);
}

Test(section_order, custom_section_name_must_be_utf8) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x00\x03\x02\xc0\x80", 5);
  WB_EXPECT_FAIL(check(&b), "malformed UTF-8 encoding", 10);
}

Test(section_order, custom_sections_may_hold_anything) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 0);
  wb_name(&b, "name");
  wb_bytes(&b, "\xff\xff\xff\xff\xff\xff\x01\x02", 8); /* garbage name section */
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 0);
  wb_name(&b, "");
  wb_section_end(&b, s);
  WB_EXPECT_OK(check(&b));
}
