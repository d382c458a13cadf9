/*
 * operand_stack.c - the operand stack discipline of function bodies: operands of the
 * right type and number, results matching the function and block types, nothing left
 * over, frames hiding the operands below them, and the polymorphic stack after
 * unreachable code. Errors are "type mismatch: ..." at the instruction's offset.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wasm_builder.h"

/* One function of type params -> results with this body; *at gets the body's offset. */
static wb_result func(const char *params, const char *results, const uint8_t *body, size_t n, size_t *at) {
  wb b;
  *at = wb_func_module(&b, params, results, body, n);
  wb_result r = wb_check(b.data, b.len);
  wb_free(&b);
  return r;
}
#define FUNC(params, results, at, ...) func((params), (results), WB_BYTES(__VA_ARGS__), (at))

Test(operand_stack, well_typed_bodies) {
  size_t at;
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x0b));
  WB_EXPECT_OK(FUNC("\x7f\x7f", "\x7f", &at, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b));
  WB_EXPECT_OK(FUNC("", "\x7e", &at, 0x00, 0x42, 0x05, 0x42, 0x07, 0x7e, 0x0b));
  /* multiple results */
  WB_EXPECT_OK(FUNC("", "\x7f\x7e", &at, 0x00, 0x41, 0x01, 0x42, 0x02, 0x0b));
  /* return leaves the rest of the stack behind */
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x42, 0x00, 0x41, 0x01, 0x0f, 0x0b));
}

Test(operand_stack, underflow) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x6a, 0x0b), "type mismatch", at + 1);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x6a, 0x1a, 0x0b), "type mismatch: operand stack underflow", at + 3);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x1a, 0x0b), "type mismatch", at + 1);
}

Test(operand_stack, operand_of_the_wrong_type) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x42, 0x01, 0x6a, 0x1a, 0x0b),
                 "type mismatch: expected i32, found i64", at + 5);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x41, 0x01, 0x92, 0x1a, 0x0b),
                 "type mismatch: expected f32, found i32", at + 5);
  /* i32.eqz of an f64 */
  WB_EXPECT_FAIL(FUNC("\x7c", "", &at, 0x00, 0x20, 0x00, 0x45, 0x1a, 0x0b), "type mismatch: expected i32, found f64",
                 at + 3);
  /* conversions check their operand: i64.extend_i32_s of an i64 */
  WB_EXPECT_FAIL(FUNC("\x7e", "", &at, 0x00, 0x20, 0x00, 0xac, 0x1a, 0x0b), "type mismatch: expected i32, found i64",
                 at + 3);
}

Test(operand_stack, result_of_the_function) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x0b), "type mismatch", at + 1);
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x42, 0x00, 0x0b), "type mismatch: expected i32, found i64", at + 3);
  WB_EXPECT_FAIL(FUNC("", "\x7f\x7f", &at, 0x00, 0x41, 0x00, 0x0b), "type mismatch", at + 3);
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x0f, 0x0b), "type mismatch", at + 1);
}

Test(operand_stack, values_left_over) {
  size_t at;
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x0b), "type mismatch: 1 values left on the stack", at + 3);
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x41, 0x01, 0x41, 0x02, 0x0b), "type mismatch: 1 values left", at + 5);
  /* inside a block */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x41, 0x01, 0x0b, 0x0b), "type mismatch: 1 values left", at + 5);
}

Test(operand_stack, blocks_hide_outer_operands) {
  size_t at;
  /* i32.const 1; block; i32.const 2; i32.add <- only one operand in this frame */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x02, 0x40, 0x41, 0x02, 0x6a, 0x1a, 0x0b, 0x1a, 0x0b),
                 "type mismatch", at + 7);
  /* drop inside an empty-typed block of the value outside it */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x02, 0x40, 0x1a, 0x0b, 0x1a, 0x0b), "type mismatch", at + 5);
}

Test(operand_stack, unreachable_makes_the_stack_polymorphic) {
  size_t at;
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x00, 0x6a, 0x1a, 0x0b));
  WB_EXPECT_OK(FUNC("", "\x7f", &at, 0x00, 0x00, 0x0b));
  WB_EXPECT_OK(FUNC("", "\x7e", &at, 0x00, 0x00, 0x42, 0x00, 0x7c, 0x0b));
  WB_EXPECT_OK(FUNC("", "", &at, 0x00, 0x02, 0x40, 0x0c, 0x00, 0x1a, 0x1a, 0x0b, 0x0b));
  /* ...but what is pushed after it is still checked */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x00, 0x42, 0x00, 0x6a, 0x1a, 0x0b), "type mismatch: expected i32, found i64",
                 at + 4);
  WB_EXPECT_FAIL(FUNC("", "\x7f", &at, 0x00, 0x00, 0x42, 0x00, 0x0b), "type mismatch: expected i32, found i64", at + 4);
}

Test(operand_stack, select) {
  size_t at;
  WB_EXPECT_OK(FUNC("", "\x7e", &at, 0x00, 0x42, 0x01, 0x42, 0x02, 0x41, 0x00, 0x1b, 0x0b));
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x42, 0x01, 0x41, 0x00, 0x1b, 0x1a, 0x0b),
                 "type mismatch: select operands", at + 7);
  /* the condition must be i32 */
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x41, 0x01, 0x42, 0x00, 0x1b, 0x1a, 0x0b),
                 "type mismatch: expected i32, found i64", at + 7);
  /* typed select: operands must match the annotation */
  WB_EXPECT_OK(FUNC("", "\x7d", &at, 0x00, 0x43, 0, 0, 0, 0, 0x43, 0, 0, 0x80, 0x3f, 0x41, 0x01, 0x1c, 0x01, 0x7d, 0x0b));
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x41, 0x01, 0x41, 0x00, 0x1c, 0x01, 0x7e, 0x1a, 0x0b),
                 "type mismatch: expected i64, found i32", at + 7);
  WB_EXPECT_FAIL(FUNC("", "", &at, 0x00, 0x41, 0x01, 0x41, 0x01, 0x41, 0x00, 0x1c, 0x02, 0x7f, 0x7f, 0x1a, 0x0b),
                 "invalid result arity", at + 7);
}

Test(operand_stack, locals_have_their_declared_types) {
  size_t at;
  /* param i32, local i64 */
  WB_EXPECT_OK(FUNC("\x7f", "\x7e", &at, 0x01, 0x01, 0x7e, 0x20, 0x01, 0x0b));
  WB_EXPECT_FAIL(FUNC("\x7f", "", &at, 0x00, 0x42, 0x00, 0x21, 0x00, 0x0b), "type mismatch: expected i32, found i64",
                 at + 3);
  WB_EXPECT_FAIL(FUNC("\x7f", "\x7f", &at, 0x01, 0x01, 0x7e, 0x20, 0x01, 0x0b), "type mismatch: expected i32, found i64",
                 at + 5);
  /* local.tee pushes what it stored */
  WB_EXPECT_FAIL(FUNC("\x7d", "\x7f", &at, 0x00, 0x43, 0, 0, 0, 0, 0x22, 0x00, 0x0b),
                 "type mismatch: expected i32, found f32", at + 8);
}

Test(operand_stack, calls_take_and_give_their_types) {
  wb b;
  wb_init(&b);
  /* type 0: (i32 i64) -> f32; type 1: [] -> [] */
  size_t s = wb_section_begin(&b, 1);
  wb_bytes(&b, "\x02\x60\x02\x7f\x7e\x01\x7d\x60\x00\x00", 10);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 3);
  wb_bytes(&b, "\x02\x00\x01", 3);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 10);
  wb_u32(&b, 2);
  wb_bytes(&b, "\x07\x00\x43\0\0\0\0\x0b", 8);
  /* func 1: call 0 with (i64, i32): the i64 is where the i32 should be */
  wb_bytes(&b, "\x09\x00\x42\x00\x41\x00\x10\x00\x1a\x0b", 10);
  size_t call_at = b.len - 4;
  wb_section_end(&b, s);
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "type mismatch: expected i64, found i32", call_at);
  /* fixed: i32 then i64, result f32 dropped */
  b.data[call_at - 4] = 0x41;
  b.data[call_at - 2] = 0x42;
  WB_EXPECT_OK(wb_check(b.data, b.len));
  wb_free(&b);
}

Test(operand_stack, memory_addresses_are_i32) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t s = wb_section_begin(&b, 5);
  wb_bytes(&b, "\x01\x00\x01", 3);
  wb_section_end(&b, s);
  size_t at = wb_code_section(&b, WB_BYTES(0x00, 0x42, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b));
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "type mismatch: expected i32, found i64", at + 3);
  wb_free(&b);
  /* a store takes the address below the value */
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  s = wb_section_begin(&b, 5);
  wb_bytes(&b, "\x01\x00\x01", 3);
  wb_section_end(&b, s);
  at = wb_code_section(&b, WB_BYTES(0x00, 0x42, 0x00, 0x41, 0x00, 0x37, 0x03, 0x00, 0x0b));
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "type mismatch: expected i64, found i32", at + 5);
  wb_free(&b);
}
