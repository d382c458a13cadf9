/*
 * limits_and_counts.c - limits of memories and tables (flags, bounds, min <= max, the
 * 65536-page ceiling) and every vector count or length in the binary format: counts
 * that cannot fit in the bytes left are rejected before anything is allocated for them
 * ("unexpected end" at the count's offset), function/code and data-count/data
 * disagreements are named, and local counts are bounded.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wasm_builder.h"

static wb_result check(wb *b) {
  wb_result r = wb_check(b->data, b->len);
  wb_free(b);
  return r;
}

/* A section of `id` holding `n` raw bytes; returns the offset of its payload. */
static size_t raw_section(wb *b, uint8_t id, const void *p, size_t n) {
  size_t s = wb_section_begin(b, id);
  size_t at = b->len;
  wb_bytes(b, p, n);
  wb_section_end(b, s);
  return at;
}
#define RAW_SECTION(b, id, ...) raw_section((b), (id), WB_BYTES(__VA_ARGS__))

/* The message only: for module-level limit errors whose offset is not pinned here (see
 * the report on offsets of defined memories and tables). */
#define EXPECT_MSG(r, needle)                                                                    \
  do {                                                                                           \
    wb_result q_ = (r);                                                                          \
    cr_assert(!q_.ok, "accepted, expected \"%s\"", (needle));                                    \
    cr_assert(strstr(q_.msg, (needle)), "message \"%s\" lacks \"%s\"", q_.msg, (needle));        \
  } while (0)

/* ---- memory and table limits ---- */

static wb_result memory(const uint8_t *lim, size_t n, size_t *lim_at) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 5);
  wb_u32(&b, 1);
  *lim_at = b.len;
  wb_bytes(&b, lim, n);
  wb_section_end(&b, s);
  return check(&b);
}
#define MEMORY(at, ...) memory(WB_BYTES(__VA_ARGS__), (at))

Test(limits, memory_limits_accepted) {
  size_t at;
  WB_EXPECT_OK(MEMORY(&at, 0x00, 0x00));
  WB_EXPECT_OK(MEMORY(&at, 0x00, 0x01));
  WB_EXPECT_OK(MEMORY(&at, 0x01, 0x01, 0x01));
  WB_EXPECT_OK(MEMORY(&at, 0x01, 0x00, 0x80, 0x80, 0x04)); /* max 65536 */
  WB_EXPECT_OK(MEMORY(&at, 0x00, 0x80, 0x80, 0x04));       /* min 65536 */
}

Test(limits, memory_min_greater_than_max) {
  size_t at;
  EXPECT_MSG(MEMORY(&at, 0x01, 0x02, 0x01), "size minimum must not be greater than maximum");
}

Test(limits, memory_above_4GiB) {
  size_t at;
  EXPECT_MSG(MEMORY(&at, 0x00, 0x81, 0x80, 0x04), "memory size must be at most 65536 pages (4GiB)");
  EXPECT_MSG(MEMORY(&at, 0x01, 0x00, 0x81, 0x80, 0x04), "memory size must be at most 65536 pages (4GiB)");
  EXPECT_MSG(MEMORY(&at, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0x0f),
             "memory size must be at most 65536 pages (4GiB)");
}

Test(limits, imported_memory_limits_report_their_offset) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 2);
  wb_u32(&b, 1);
  size_t imp_at = b.len;
  wb_name(&b, "env");
  wb_name(&b, "mem");
  wb_bytes(&b, "\x02\x01\x03\x02", 4); /* memory, min 3 > max 2 */
  wb_section_end(&b, s);
  /* the limits themselves, after the two names and the kind byte */
  WB_EXPECT_FAIL(check(&b), "size minimum must not be greater than maximum", imp_at + 4 + 4 + 1);
}

Test(limits, malformed_limit_flags) {
  size_t at;
  WB_EXPECT_FAIL(MEMORY(&at, 0x08, 0x00), "malformed limits flags 0x08", at);
  WB_EXPECT_FAIL(MEMORY(&at, 0x80, 0x00), "malformed limits flags 0x80", at);
}

Test(limits, limit_values_are_u32) {
  size_t at;
  WB_EXPECT_FAIL(MEMORY(&at, 0x00, 0xff, 0xff, 0xff, 0xff, 0x1f), "integer too large", at + 1);
  WB_EXPECT_FAIL(MEMORY(&at, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), "integer representation too long", at + 2);
  WB_EXPECT_FAIL(MEMORY(&at, 0x01, 0x00), "unexpected end", at + 2);
}

Test(limits, table_limits) {
  wb b;
  wb_init(&b);
  RAW_SECTION(&b, 4, 0x01, 0x70, 0x01, 0x05, 0x02);
  EXPECT_MSG(check(&b), "size minimum must not be greater than maximum");

  wb_init(&b);
  RAW_SECTION(&b, 4, 0x01, 0x70, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f); /* max 2^32-1 */
  WB_EXPECT_OK(check(&b));

  wb_init(&b);
  size_t at = RAW_SECTION(&b, 4, 0x01, 0x7f, 0x00, 0x00); /* i32 elements */
  WB_EXPECT_FAIL(check(&b), "malformed reference type", at + 1);
}

/* ---- counts larger than the bytes that follow ---- */

Test(counts, type_count) {
  wb b;
  wb_init(&b);
  size_t at = RAW_SECTION(&b, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x60, 0x00, 0x00);
  WB_EXPECT_FAIL(check(&b), "count 4294967295 too large", at);
}

Test(counts, params_count) {
  wb b;
  wb_init(&b);
  size_t at = RAW_SECTION(&b, 1, 0x01, 0x60, 0xf0, 0xff, 0xff, 0xff, 0x0f, 0x7f);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at + 2);
}

Test(counts, import_count) {
  wb b;
  wb_init(&b);
  size_t at = RAW_SECTION(&b, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at);
}

Test(counts, function_count) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  size_t at = RAW_SECTION(&b, 3, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at);
}

Test(counts, table_memory_global_export_counts) {
  static const uint8_t ids[] = {4, 5, 6, 7, 9, 11};
  for (size_t i = 0; i < sizeof ids; i++) {
    wb b;
    wb_init(&b);
    size_t at = RAW_SECTION(&b, ids[i], 0xfe, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00);
    WB_EXPECT_FAIL(check(&b), "unexpected end", at);
  }
}

Test(counts, code_count) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t at = RAW_SECTION(&b, 10, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x02, 0x00, 0x0b);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at);
}

Test(counts, name_length) {
  wb b;
  wb_init(&b);
  size_t at = RAW_SECTION(&b, 7, 0x01, 0xf0, 0xff, 0xff, 0xff, 0x0f, 0x61, 0x00, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at + 1);
}

Test(counts, element_items) {
  wb b;
  wb_init(&b);
  /* active segment for table 0 at i32.const 0 with 2^32-1 function indices */
  size_t at = RAW_SECTION(&b, 9, 0x01, 0x00, 0x41, 0x00, 0x0b, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at + 5);
}

Test(counts, data_bytes) {
  wb b;
  wb_init(&b);
  RAW_SECTION(&b, 5, 0x01, 0x00, 0x01);
  size_t at = RAW_SECTION(&b, 11, 0x01, 0x00, 0x41, 0x00, 0x0b, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at + 5);
}

Test(counts, br_table_targets) {
  wb b;
  size_t at = wb_func_module(&b, "", "",
                             WB_BYTES(0x00, 0x41, 0x00, 0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x0b));
  WB_EXPECT_FAIL(check(&b), "unexpected end", at + 4);
}

/* ---- sections that must agree ---- */

Test(counts, more_functions_than_bodies) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 2, 0);
  size_t at = RAW_SECTION(&b, 10, 0x01, 0x02, 0x00, 0x0b);
  WB_EXPECT_FAIL(check(&b), "function and code section have inconsistent lengths (2 functions, 1 bodies)", at);
}

Test(counts, bodies_without_functions) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  size_t at = RAW_SECTION(&b, 10, 0x01, 0x02, 0x00, 0x0b);
  WB_EXPECT_FAIL(check(&b), "function and code section have inconsistent lengths (0 functions, 1 bodies)", at);
}

Test(counts, functions_without_code_section) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t end = b.len;
  WB_EXPECT_FAIL(check(&b), "function and code section have inconsistent lengths", end);
}

Test(counts, zero_functions_need_no_code_section) {
  wb b;
  wb_init(&b);
  wb_func_section(&b, 0, 0);
  WB_EXPECT_OK(check(&b));
}

Test(counts, data_count_disagrees_with_data) {
  wb b;
  wb_init(&b);
  RAW_SECTION(&b, 5, 0x01, 0x00, 0x01);
  RAW_SECTION(&b, 12, 0x02);
  size_t at = RAW_SECTION(&b, 11, 0x01, 0x01, 0x00);
  WB_EXPECT_FAIL(check(&b), "data count and data section have inconsistent lengths", at);
}

Test(counts, data_count_without_data_section) {
  wb b;
  wb_init(&b);
  RAW_SECTION(&b, 12, 0x01);
  size_t end = b.len;
  WB_EXPECT_FAIL(check(&b), "data count and data section have inconsistent lengths", end);
}

Test(counts, data_count_zero_without_data_section) {
  wb b;
  wb_init(&b);
  RAW_SECTION(&b, 12, 0x00);
  WB_EXPECT_OK(check(&b));
}

Test(counts, empty_function_body) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  /* one body of size 0 (a stray byte keeps the count plausible) */
  size_t at = RAW_SECTION(&b, 10, 0x01, 0x00, 0x0b);
  WB_EXPECT_FAIL(check(&b), "empty function body", at + 1);
  /* with nothing after it the count itself is too large for what is left */
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  at = RAW_SECTION(&b, 10, 0x01, 0x00);
  WB_EXPECT_FAIL(check(&b), "unexpected end", at);
}

Test(counts, section_size_past_end_of_file) {
  wb b;
  wb_init(&b);
  wb_bytes(&b, "\x01\xff\xff\xff\xff\x0f\x00", 7);
  WB_EXPECT_FAIL(check(&b), "past the end of the file (unexpected end)", 8);
}

/* ---- locals ---- */

Test(counts, local_group_count) {
  wb b;
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x7f, 0x0b));
  WB_EXPECT_FAIL(check(&b), "unexpected end", at);
}

Test(counts, locals_overflow_u32) {
  wb b;
  /* two groups of 2^32-1 i32 locals */
  size_t at = wb_func_module(&b, "", "",
                             WB_BYTES(0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f,
                                      0x0b));
  wb_result r = check(&b);
  cr_assert(!r.ok);
  cr_assert(strstr(r.msg, "too many locals"), "%s", r.msg);
  /* the first group alone is already past the implementation limit */
  cr_assert_eq(r.offset, at + 1, "0x%zx: %s", r.offset, r.msg);
}

Test(counts, locals_implementation_limit) {
  wb b;
  /* 1000000 locals are fine, one more is not */
  wb_func_module(&b, "", "", WB_BYTES(0x01, 0xc0, 0x84, 0x3d, 0x7f, 0x0b));
  WB_EXPECT_OK(check(&b));
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x02, 0xc0, 0x84, 0x3d, 0x7f, 0x01, 0x7e, 0x0b));
  WB_EXPECT_FAIL(check(&b), "too many locals", at + 5);
}

Test(counts, params_count_towards_locals) {
  wb b;
  /* one i32 parameter + 1000000 locals */
  size_t at = wb_func_module(&b, "\x7f", "", WB_BYTES(0x01, 0xc0, 0x84, 0x3d, 0x7f, 0x0b));
  WB_EXPECT_FAIL(check(&b), "too many locals", at + 1);
}

Test(counts, local_type_must_be_a_value_type) {
  wb b;
  size_t at = wb_func_module(&b, "", "", WB_BYTES(0x01, 0x01, 0x40, 0x0b));
  WB_EXPECT_FAIL(check(&b), "malformed value type 0x40", at + 2);
}
