/*
 * unsupported_proposals.c - encodings that belong to proposals pogo does not implement
 * are rejected with a message naming the proposal ("the SIMD proposal is not
 * supported"), at the offset of the offending byte or instruction, rather than as
 * generic malformed input: SIMD, threads, tail calls, exception handling, memory64,
 * multi-memory, GC, extended constant expressions, function references, components.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wasm_builder.h"

static wb_result check(wb *b) {
  wb_result r = wb_check(b->data, b->len);
  wb_free(b);
  return r;
}

/* The rejection names the proposal and says it is unsupported. */
#define EXPECT_PROPOSAL(r, proposal, off)                                                        \
  do {                                                                                           \
    wb_result p_ = (r);                                                                          \
    WB_EXPECT_FAIL(p_, "the " proposal " proposal", (off));                                      \
    cr_assert(strstr(p_.msg, "not supported"), "message \"%s\" does not say unsupported", p_.msg); \
  } while (0)

/* A module whose one function ([] -> []) has `body` (local declarations included); with
 * `memory`, a one-page memory too. *at receives the body's offset. */
static wb_result body(const uint8_t *p, size_t n, bool memory, size_t *at) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  if (memory) {
    size_t s = wb_section_begin(&b, 5);
    wb_bytes(&b, "\x01\x00\x01", 3);
    wb_section_end(&b, s);
  }
  *at = wb_code_section(&b, p, n);
  return check(&b);
}
#define BODY(at, ...) body(WB_BYTES(__VA_ARGS__), false, (at))
#define BODY_MEM(at, ...) body(WB_BYTES(__VA_ARGS__), true, (at))

/* A module with one section of raw bytes; *at receives the payload offset. */
static wb_result section(uint8_t id, const uint8_t *p, size_t n, size_t *at) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, id);
  *at = b.len;
  wb_bytes(&b, p, n);
  wb_section_end(&b, s);
  return check(&b);
}
#define SECTION(id, at, ...) section((id), WB_BYTES(__VA_ARGS__), (at))

/* ---- SIMD ---- */

Test(simd, v128_parameter) {
  size_t at;
  wb_result r = SECTION(1, &at, 0x01, 0x60, 0x01, 0x7b, 0x00);
  EXPECT_PROPOSAL(r, "SIMD", at + 3);
}

Test(simd, v128_local_block_and_select) {
  size_t at;
  EXPECT_PROPOSAL(BODY(&at, 0x01, 0x01, 0x7b, 0x0b), "SIMD", at + 2);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0x02, 0x7b, 0x00, 0x0b, 0x0b), "SIMD", at + 2);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0x00, 0x1c, 0x01, 0x7b, 0x0b), "SIMD", at + 4);
}

Test(simd, simd_opcodes) {
  size_t at;
  /* v128.const 0 (0xfd 12), i8x16.add (0xfd 110), with a multi-byte sub-opcode */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xfd, 0x0c, 0x0b), "SIMD", at + 1);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0x01, 0xfd, 0x6e, 0x0b), "SIMD", at + 2);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xfd, 0x80, 0x01, 0x0b), "SIMD", at + 1);
}

/* ---- threads ---- */

Test(threads, shared_memory) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(5, &at, 0x01, 0x03, 0x01, 0x02), "threads", at + 1);
  EXPECT_PROPOSAL(SECTION(5, &at, 0x01, 0x02, 0x01), "threads", at + 1);
}

Test(threads, shared_memory_import) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(2, &at, 0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, 0x03, 0x01, 0x01), "threads", at + 6);
}

Test(threads, atomic_opcodes) {
  size_t at;
  /* atomic.fence (0xfe 3 0), i32.atomic.load */
  EXPECT_PROPOSAL(BODY_MEM(&at, 0x00, 0xfe, 0x03, 0x00, 0x0b), "threads", at + 1);
  EXPECT_PROPOSAL(BODY_MEM(&at, 0x00, 0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b), "threads", at + 3);
}

/* ---- tail calls ---- */

Test(tail_call, return_call) {
  size_t at;
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0x12, 0x00, 0x0b), "tail-call", at + 1);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0x41, 0x00, 0x13, 0x00, 0x00, 0x0b), "tail-call", at + 3);
}

/* ---- exception handling ---- */

Test(exception_handling, instructions) {
  static const uint8_t ops[] = {0x06, 0x07, 0x08, 0x09, 0x0a, 0x18, 0x19, 0x1f};
  for (size_t i = 0; i < sizeof ops; i++) {
    size_t at;
    EXPECT_PROPOSAL(BODY(&at, 0x00, 0x01, ops[i], 0x40, 0x0b, 0x0b), "exception-handling", at + 2);
  }
}

Test(exception_handling, tag_section_import_export_and_exnref) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(13, &at, 0x00), "exception-handling", at - 6);
  EXPECT_PROPOSAL(SECTION(2, &at, 0x01, 0x01, 0x65, 0x01, 0x74, 0x04, 0x00, 0x00), "exception-handling", at + 5);
  EXPECT_PROPOSAL(SECTION(7, &at, 0x01, 0x01, 0x74, 0x04, 0x00), "exception-handling", at + 3);
  EXPECT_PROPOSAL(SECTION(1, &at, 0x01, 0x60, 0x00, 0x01, 0x69), "exception-handling", at + 4);
}

/* ---- memory64 ---- */

Test(memory64, sixty_four_bit_limits) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(5, &at, 0x01, 0x04, 0x01), "memory64", at + 1);
  EXPECT_PROPOSAL(SECTION(5, &at, 0x01, 0x05, 0x01, 0x02), "memory64", at + 1);
  EXPECT_PROPOSAL(SECTION(4, &at, 0x01, 0x70, 0x04, 0x01), "memory64", at + 2);
}

/* ---- multi-memory ---- */

Test(multi_memory, two_memories) {
  size_t at;
  wb_result r = SECTION(5, &at, 0x02, 0x00, 0x01, 0x00, 0x01);
  cr_assert(!r.ok);
  cr_assert(strstr(r.msg, "the multi-memory proposal is not supported"), "%s", r.msg);
}

Test(multi_memory, two_imported_memories) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 2);
  wb_u32(&b, 2);
  wb_name(&b, "e");
  wb_name(&b, "a");
  wb_bytes(&b, "\x02\x00\x01", 3);
  size_t second = b.len;
  wb_name(&b, "e");
  wb_name(&b, "b");
  wb_bytes(&b, "\x02\x00\x01", 3);
  wb_section_end(&b, s);
  /* reported at the second memory's limits: past its two names and the kind byte */
  EXPECT_PROPOSAL(check(&b), "multi-memory", second + 2 + 2 + 1);
}

Test(multi_memory, memory_index_in_instructions) {
  size_t at;
  /* i32.load with the memarg's memory-index flag (align | 0x40) */
  EXPECT_PROPOSAL(BODY_MEM(&at, 0x00, 0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1a, 0x0b), "multi-memory", at + 4);
  /* memory.size 1 */
  EXPECT_PROPOSAL(BODY_MEM(&at, 0x00, 0x3f, 0x01, 0x1a, 0x0b), "multi-memory", at + 2);
  /* memory.copy 0 1 */
  EXPECT_PROPOSAL(BODY_MEM(&at, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x01, 0x0b), "multi-memory",
                  at + 10);
}

/* ---- GC ---- */

Test(gc, composite_types) {
  static const uint8_t forms[] = {0x5f, 0x5e, 0x4e, 0x50, 0x4f};
  for (size_t i = 0; i < sizeof forms; i++) {
    size_t at;
    EXPECT_PROPOSAL(SECTION(1, &at, 0x01, forms[i], 0x00, 0x00), "GC", at + 1);
  }
}

Test(gc, reference_types) {
  static const uint8_t types[] = {0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x71, 0x72, 0x73};
  for (size_t i = 0; i < sizeof types; i++) {
    size_t at;
    EXPECT_PROPOSAL(SECTION(1, &at, 0x01, 0x60, 0x01, types[i], 0x00), "GC", at + 3);
  }
}

Test(gc, gc_opcodes) {
  size_t at;
  /* struct.new 0 (0xfb 0), i31.get_s (0xfb 29) */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xfb, 0x00, 0x00, 0x0b), "GC", at + 1);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xfb, 0x1d, 0x0b), "GC", at + 1);
}

Test(gc, ref_eq) {
  size_t at;
  /* ref.eq is 0xd3 in the GC proposal */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0xd0, 0x70, 0xd3, 0x1a, 0x0b), "GC", at + 5);
}

/* ---- extended constant expressions ---- */

Test(extended_const, arithmetic_in_global_initializer) {
  /* (global i32 (i32.add (global.get 0) (i32.const 1))), as wat2wasm
   * --enable-extended-const encodes it */
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 2);
  wb_u32(&b, 1);
  wb_name(&b, "e");
  wb_name(&b, "g");
  wb_bytes(&b, "\x03\x7f\x00", 3);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 6);
  wb_bytes(&b, "\x01\x7f\x00", 3);
  size_t expr = b.len;
  wb_bytes(&b, "\x23\x00\x41\x01\x6a\x0b", 6);
  wb_section_end(&b, s);
  wb_result r = check(&b);
  cr_assert(!r.ok);
  cr_assert(strstr(r.msg, "the extended-const proposal"), "message \"%s\" does not name the extended-const proposal",
            r.msg);
  cr_assert(r.offset >= expr && r.offset < expr + 6, "0x%zx: %s", r.offset, r.msg);
}

Test(extended_const, operator_after_one_constant) {
  size_t at;
  /* (global i64 (i64.const 1) i64.mul ...) cut short: the operator is what is reported */
  EXPECT_PROPOSAL(SECTION(6, &at, 0x01, 0x7e, 0x00, 0x42, 0x01, 0x7e, 0x0b), "extended-const", at + 5);
  /* data offset starting with i32.sub */
  EXPECT_PROPOSAL(SECTION(11, &at, 0x01, 0x00, 0x6b, 0x0b, 0x00), "extended-const", at + 2);
}

/* ---- function references ---- */

Test(function_references, typed_reference_types) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(1, &at, 0x01, 0x60, 0x01, 0x63, 0x00, 0x00), "function-references", at + 3);
  EXPECT_PROPOSAL(SECTION(1, &at, 0x01, 0x60, 0x00, 0x01, 0x64, 0x00), "function-references", at + 4);
  /* ref.null with a type index heap type is a typed reference too */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x63, 0x1a, 0x0b), "function-references", at + 2);
}

Test(function_references, table_with_initializer) {
  size_t at;
  EXPECT_PROPOSAL(SECTION(4, &at, 0x01, 0x40, 0x00, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b), "function-references", at + 1);
}

Test(function_references, call_ref_and_friends) {
  size_t at;
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0x14, 0x00, 0x0b), "function-references", at + 3);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0x15, 0x00, 0x0b), "function-references", at + 3);
  /* ref.as_non_null, br_on_non_null */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0xd4, 0x1a, 0x0b), "function-references", at + 3);
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0xd6, 0x00, 0x1a, 0x0b), "function-references", at + 3);
}

Test(function_references, br_on_null) {
  size_t at;
  /* br_on_null is 0xd5 in the function-references proposal */
  EXPECT_PROPOSAL(BODY(&at, 0x00, 0xd0, 0x70, 0xd5, 0x00, 0x1a, 0x0b), "function-references", at + 3);
}

/* ---- illegal, not merely unsupported ---- */

Test(illegal, unassigned_opcodes_are_not_blamed_on_a_proposal) {
  size_t at;
  wb_result r = BODY(&at, 0x00, 0xff, 0x0b);
  WB_EXPECT_FAIL(r, "illegal opcode 0xff", at + 1);
  cr_assert(!strstr(r.msg, "proposal"), "%s", r.msg);
  r = BODY(&at, 0x00, 0xfc, 0x40, 0x0b);
  WB_EXPECT_FAIL(r, "illegal opcode 0xfc 0x40", at + 1);
  cr_assert(!strstr(r.msg, "proposal"), "%s", r.msg);
}
