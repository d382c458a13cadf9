/*
 * control_frames.c - structured control: block/loop/if frames with their block types
 * (empty, one value, type index with params), else and end matching, branch targets and
 * their arities (a loop's label takes its params), br_table consistency, code after the
 * final end, and nesting far deeper than any recursive validator could take.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "wasm_builder.h"

static wb_result func(const char *params, const char *results, const uint8_t *body, size_t n, size_t *at) {
  wb b;
  *at = wb_func_module(&b, params, results, body, n);
  wb_result r = wb_check(b.data, b.len);
  wb_free(&b);
  return r;
}
#define FUNC(params, results, at, ...) func((params), (results), WB_BYTES(__VA_ARGS__), (at))

/* Types: 0 = [] -> [], 1 = [i32] -> [i32], 2 = [i32 i64] -> []; one function of type 0. */
static wb_result func_types(const uint8_t *body, size_t n, size_t *at) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 1);
  wb_bytes(&b, "\x03\x60\x00\x00\x60\x01\x7f\x01\x7f\x60\x02\x7f\x7e\x00", 14);
  wb_section_end(&b, s);
  wb_func_section(&b, 1, 0);
  *at = wb_code_section(&b, body, n);
  wb_result r = wb_check(b.data, b.len);
  wb_free(&b);
  return r;
}
#define FUNC_TYPES(at, ...) func_types(WB_BYTES(__VA_ARGS__), (at))

Test(control_frames, blocks_loops_and_ifs) {
  size_t at;
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x02, 0x7f, 0x41, 0x01, 0x0b, 0x0b));
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x03, 0x7f, 0x41, 0x01, 0x0b, 0x0b));
  WB_EXPECT_OK(FUNC("\x7f", "\x7f", &at, 0x00, 0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x0b));
  WB_EXPECT_OK(FUNC("\x7f", "", &at, 0x00, 0x20, 0x00, 0x04, 0x40, 0x0b, 0x0b));
  /* a loop that branches to itself forever is valid */
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b));
}

Test(control_frames, block_types_by_index) {
  size_t at;
  /* i32.const 1; block (type 1) i32.const 2 i32.add end; drop */
  WB_EXPECT_OK(FUNC_TYPES(&at, 0x00, 0x41, 0x01, 0x02, 0x01, 0x41, 0x02, 0x6a, 0x0b, 0x1a, 0x0b));
  /* loop (type 1): a branch to the loop carries its i32 param */
  WB_EXPECT_OK(FUNC_TYPES(&at, 0x00, 0x41, 0x01, 0x03, 0x01, 0x0c, 0x00, 0x0b, 0x1a, 0x0b));
  /* block (type 1) needs its param on the stack */
  WB_EXPECT_FAIL(FUNC_TYPES(&at, 0x00, 0x02, 0x01, 0x0b, 0x1a, 0x0b), "type mismatch", at + 1);
  /* if (type 2): params below the condition */
  WB_EXPECT_OK(FUNC_TYPES(&at, 0x00, 0x41, 0x01, 0x42, 0x02, 0x41, 0x00, 0x04, 0x02, 0x1a, 0x1a, 0x05, 0x1a, 0x1a, 0x0b,
                          0x0b));
  WB_EXPECT_FAIL(FUNC_TYPES(&at, 0x00, 0x02, 0x05, 0x0b, 0x0b), "unknown type 5", at + 2);
  /* a negative s33 that is not a value type */
  WB_EXPECT_FAIL(FUNC_TYPES(&at, 0x00, 0x02, 0x7a, 0x0b, 0x0b), "malformed block type", at + 2);
}

Test(control_frames, block_results) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7f, 0x0b, 0x1a, 0x0b), "type mismatch", at + 3);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7f, 0x42, 0x00, 0x0b, 0x1a, 0x0b),
                 "type mismatch: expected i32, found i64", at + 5);
  /* the else arm is checked against the results too */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x0b, 0x1a, 0x0b), "type mismatch",
                 at + 8);
}

Test(control_frames, if_without_else) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x02, 0x0b, 0x1a, 0x0b),
                 "type mismatch: if without else", at + 7);
  /* the condition is required */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x04, 0x40, 0x0b, 0x0b), "type mismatch", at + 1);
}

Test(control_frames, else_placement) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x05, 0x0b), "else without matching if", at + 1);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x05, 0x0b, 0x0b), "else without matching if", at + 3);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b), "else without matching if",
                 at + 6);
}

Test(control_frames, code_after_the_final_end) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x0b, 0x0b), "operators remaining after end of function", at + 2);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x0b, 0x01, 0x0b), "section size mismatch", at + 2);
}

Test(control_frames, branch_targets) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x0c, 0x01, 0x0b), "unknown label 1", at + 2);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x41, 0x00, 0x0d, 0x02, 0x0b, 0x0b), "unknown label 2", at + 6);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x05, 0x0b), "unknown label 5", at + 6);
  /* br 0 at function level is a return */
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x41, 0x07, 0x0c, 0x00, 0x0b));
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x0c, 0x00, 0x0b), "type mismatch", at + 1);
}

Test(control_frames, branch_arity) {
  size_t at;
  /* block (result i32) br 0 with nothing */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7f, 0x0c, 0x00, 0x0b, 0x1a, 0x0b), "type mismatch", at + 3);
  /* loop (result i32): its label takes no values, so br 0 with an i32 leaves it over */
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x03, 0x7f, 0x0c, 0x00, 0x0b, 0x1a, 0x0b));
  /* br_if keeps the carried values on the stack */
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x00, 0x0d, 0x00, 0x0b, 0x0b));
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7f, 0x42, 0x01, 0x41, 0x00, 0x0d, 0x00, 0x1a, 0x41, 0x00, 0x0b, 0x1a,
                      0x0b),
                 "type mismatch: expected i32, found i64", at + 7);
}

Test(control_frames, br_table) {
  size_t at;
  /* block block (i32.const 0) br_table 0 1 1 end end */
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x02, 0x40, 0x41, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x01, 0x0b, 0x0b,
                    0x0b));
  /* targets of different arities: block (result i32) block ... br_table 0 1 */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7f, 0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x41, 0x00,
                      0x0b, 0x1a, 0x0b),
                 "type mismatch: br_table targets have different arities", at + 7);
  /* same arity, different types */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x7e, 0x02, 0x7f, 0x41, 0x00, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b,
                      0x1a, 0x42, 0x00, 0x0b, 0x1a, 0x0b),
                 "type mismatch", at + 9);
  /* the index operand must be i32 */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x42, 0x00, 0x0e, 0x00, 0x00, 0x0b), "type mismatch: expected i32, found i64",
                 at + 3);
}

Test(control_frames, unreachable_code_is_still_validated) {
  size_t at;
  /* block br 0; i32.const 1; i64.eqz <- wrong type even though never executed */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x0c, 0x00, 0x41, 0x01, 0x50, 0x1a, 0x0b, 0x0b),
                 "type mismatch: expected i64, found i32", at + 7);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x00, 0x0c, 0x03, 0x0b), "unknown label 3", at + 3);
  /* after the end of an unreachable block, the stack is checked again */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x00, 0x0b, 0x1a, 0x0b), "type mismatch", at + 5);
}

/* 100000 nested blocks (and as many ends): no recursion in the validator. */
Test(control_frames, deep_nesting) {
  size_t depth = 100000;
  size_t n = 1 + 2 * depth + depth + 1;
  uint8_t *body = malloc(n);
  size_t k = 0;
  body[k++] = 0x00;
  for (size_t i = 0; i < depth; i++) {
    body[k++] = (uint8_t)(i % 2 ? 0x03 : 0x02);
    body[k++] = 0x40;
  }
  for (size_t i = 0; i < depth; i++) body[k++] = 0x0b;
  body[k++] = 0x0b;
  size_t at;
  WB_EXPECT_OK(func("", "", body, k, &at));
  /* one end short */
  WB_EXPECT_FAIL(func("", "", body, k - 1, &at), "unexpected end", at + k - 1);
  free(body);
}
