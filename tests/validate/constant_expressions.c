/*
 * constant_expressions.c - initializers of globals and offsets and items of segments:
 * exactly one constant instruction then end, of the expected type; global.get only of
 * imported immutable globals (Wasm 2.0); ref.func of existing functions. Wording as the
 * spec tests: "type mismatch", "constant expression required", "unknown global". The
 * decoded constants keep their exact bits.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wasm_builder.h"

#define T_VOID WB_SEC(0x01, 0x60, 0x00, 0x00)
#define F1 WB_SEC(0x01, 0x00)
#define MEM1 WB_SEC(0x01, 0x00, 0x01)
#define TAB1 WB_SEC(0x01, 0x70, 0x00, 0x01)
/* imports "e" "g": global i32, immutable / mutable; "e" "f": global f32 */
#define IMPORT_I32 WB_SEC(0x01, 0x01, 0x65, 0x01, 0x67, 0x03, 0x7f, 0x00)
#define IMPORT_MUT_I32 WB_SEC(0x01, 0x01, 0x65, 0x01, 0x67, 0x03, 0x7f, 0x01)
#define IMPORT_F32 WB_SEC(0x01, 0x01, 0x65, 0x01, 0x66, 0x03, 0x7d, 0x00)

#define CHECK(at, secs) wb_check_module(WB_SECS secs, NULL, 0, (at))
#define CHECK_BODY(at, secs) wb_check_module(WB_SECS secs, WB_BYTES(0x00, 0x0b), (at))

Test(constant_expressions, values_are_kept_exactly) {
  size_t at[13];
  wb b;
  wb_module(&b,
            WB_SECS([6] = WB_SEC(0x05, 0x7f, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b,       /* i32 INT32_MIN */
                                 0x7e, 0x01, 0x42, 0x7f, 0x0b,                                     /* mut i64 -1 */
                                 0x7d, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, 0x0b,                   /* f32 1.0 */
                                 0x7c, 0x00, 0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f, 0x0b, /* f64 sNaN-ish bits */
                                 0x6f, 0x00, 0xd0, 0x6f, 0x0b)),                                   /* externref null */
            NULL, 0, at);
  pg_module m;
  WB_EXPECT_OK(wb_load(b.data, b.len, &m));
  cr_assert_eq(m.nglobals, 5);
  cr_assert_eq(m.globals[0].init.bits, 0x80000000u);
  cr_assert_eq(m.globals[1].init.bits, UINT64_MAX);
  cr_assert(m.globals[1].mut);
  cr_assert_eq(m.globals[2].init.bits, 0x3f800000u);
  cr_assert_eq(m.globals[3].init.bits, 0x7ff8000000000001ull);
  cr_assert_eq(m.globals[4].init.op, pg_op_REF_NULL);
  cr_assert_eq(m.globals[4].init.type, PG_T_EXTERNREF);
  pg_module_free(&m);
  wb_free(&b);
}

Test(constant_expressions, imported_globals_and_functions) {
  size_t at[13];
  WB_EXPECT_OK(CHECK(at, ([2] = IMPORT_I32, [6] = WB_SEC(0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b))));
  WB_EXPECT_OK(CHECK_BODY(at, ([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x70, 0x00, 0xd2, 0x00, 0x0b))));
  /* data offset from an imported global */
  WB_EXPECT_OK(CHECK(at, ([2] = IMPORT_I32, [5] = MEM1, [11] = WB_SEC(0x01, 0x00, 0x23, 0x00, 0x0b, 0x01, 0x61))));
}

Test(constant_expressions, type_of_the_value) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x42, 0x00, 0x0b))),
                 "type mismatch: constant expression of i64 where i32 is expected", at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x70, 0x00, 0xd0, 0x6f, 0x0b))),
                 "type mismatch: constant expression of externref where funcref is expected", at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([2] = IMPORT_F32, [6] = WB_SEC(0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b))),
                 "type mismatch: constant expression of f32 where i32 is expected", at[6] + 3);
  /* offsets are i32 */
  WB_EXPECT_FAIL(CHECK(at, ([5] = MEM1, [11] = WB_SEC(0x01, 0x00, 0x42, 0x00, 0x0b, 0x00))), "type mismatch",
                 at[11] + 2);
  WB_EXPECT_FAIL(CHECK(at, ([4] = TAB1, [9] = WB_SEC(0x01, 0x00, 0x43, 0, 0, 0, 0, 0x0b, 0x00))), "type mismatch",
                 at[9] + 2);
}

Test(constant_expressions, exactly_one_instruction) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x02, 0x7f, 0x00, 0x0b, 0x7f, 0x00, 0x41, 0x00, 0x0b))),
                 "type mismatch: constant expression is empty", at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x0b))),
                 "type mismatch: constant expression has more than one value", at[6] + 5);
  /* a non-constant operator after the value is named as such */
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x41, 0x01, 0x1a, 0x0b))),
                 "constant expression required (found drop)", at[6] + 5);
  /* the section ends before the end opcode */
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x41, 0x01))), "unexpected end", at[6] + 5);
}

/* The spec's global.wast: (module (global i32 (;empty instruction sequence;))) is
 * invalid with "type mismatch", not malformed: its 3-byte global must not be taken for
 * a truncated vector. */
Test(constant_expressions, empty_initializer_of_the_only_global) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x0b))), "type mismatch", at[6] + 3);
}

Test(constant_expressions, non_constant_instructions) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x01, 0x0b))), "constant expression required (found nop)",
                 at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x20, 0x00, 0x0b))), "constant expression required",
                 at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x3f, 0x00, 0x0b))), "constant expression required",
                 at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0xff, 0x0b))), "illegal opcode 0xff", at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b))),
                 "integer representation too long", at[6] + 4);
}

Test(constant_expressions, global_get_rules) {
  size_t at[13];
  /* a global defined in the module cannot be read (Wasm 2.0) */
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x02, 0x7f, 0x00, 0x41, 0x00, 0x0b, 0x7f, 0x00, 0x23, 0x00, 0x0b))),
                 "unknown global 0", at[6] + 8);
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x23, 0x05, 0x0b))), "unknown global 5", at[6] + 3);
  WB_EXPECT_FAIL(CHECK(at, ([2] = IMPORT_MUT_I32, [6] = WB_SEC(0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b))),
                 "constant expression required", at[6] + 3);
  /* a global reading itself */
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b))), "unknown global 0", at[6] + 3);
}

Test(constant_expressions, ref_func) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK_BODY(at, ([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x70, 0x00, 0xd2, 0x03, 0x0b))),
                 "unknown function 3", at[6] + 3);
  /* a funcref global holding an i32 */
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x70, 0x00, 0x41, 0x00, 0x0b))),
                 "type mismatch: constant expression of i32 where funcref is expected", at[6] + 3);
}

Test(constant_expressions, element_items) {
  size_t at[13];
  /* flags 4: active, table 0, items as expressions (ref.func 0, ref.null func) */
  WB_EXPECT_OK(CHECK_BODY(at, ([1] = T_VOID, [3] = F1, [4] = TAB1,
                               [9] = WB_SEC(0x01, 0x04, 0x41, 0x00, 0x0b, 0x02, 0xd2, 0x00, 0x0b, 0xd0, 0x70, 0x0b))));
  WB_EXPECT_FAIL(CHECK_BODY(at, ([1] = T_VOID, [3] = F1, [4] = TAB1,
                                 [9] = WB_SEC(0x01, 0x04, 0x41, 0x00, 0x0b, 0x02, 0xd2, 0x00, 0x0b, 0x41, 0x00, 0x0b))),
                 "type mismatch: constant expression of i32 where funcref is expected", at[9] + 9);
}

Test(constant_expressions, global_mutability_byte) {
  size_t at[13];
  WB_EXPECT_FAIL(CHECK(at, ([6] = WB_SEC(0x01, 0x7f, 0x02, 0x41, 0x00, 0x0b))), "malformed mutability", at[6] + 2);
  WB_EXPECT_FAIL(CHECK(at, ([2] = WB_SEC(0x01, 0x01, 0x65, 0x01, 0x67, 0x03, 0x7f, 0x02))), "malformed mutability",
                 at[2] + 7);
}
