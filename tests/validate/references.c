/*
 * references.c - reference types: ref.func only of functions declared outside bodies
 * (exports, element segments of every kind, global initializers), ref.null/ref.is_null
 * typing, select on references, table element types against call_indirect, table
 * instructions and segments, and the eight encodings of element segments.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wasm_builder.h"

#define T_VOID WB_SEC(0x01, 0x60, 0x00, 0x00)
#define F1 WB_SEC(0x01, 0x00)
#define FUNCREF_TABLE WB_SEC(0x01, 0x70, 0x00, 0x01)
#define EXTERNREF_TABLE WB_SEC(0x01, 0x6f, 0x00, 0x01)
#define BOTH_TABLES WB_SEC(0x02, 0x70, 0x00, 0x01, 0x6f, 0x00, 0x01)

#define BUILD(at, secs, ...) wb_check_module(WB_SECS secs, WB_BYTES(__VA_ARGS__), (at))
/* a body taking ref.func 0 and dropping it */
#define REF_FUNC_0 0x00, 0xd2, 0x00, 0x1a, 0x0b

Test(references, ref_func_needs_a_declaration) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), REF_FUNC_0), "undeclared function reference 0", at[0] + 1);
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd2, 0x01, 0x1a, 0x0b), "unknown function 1", at[0] + 2);
}

Test(references, declarations_that_count) {
  size_t at[13];
  /* exported */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [7] = WB_SEC(0x01, 0x01, 0x66, 0x00, 0x00)), REF_FUNC_0));
  /* in a declarative segment (flags 3) */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x03, 0x00, 0x01, 0x00)), REF_FUNC_0));
  /* in a passive segment (flags 1) */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x01, 0x00, 0x01, 0x00)), REF_FUNC_0));
  /* in an active segment (flags 0) */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = FUNCREF_TABLE,
                          [9] = WB_SEC(0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00)),
                     REF_FUNC_0));
  /* as an expression item of a declarative segment (flags 7) */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b)), REF_FUNC_0));
  /* in a global initializer */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x70, 0x00, 0xd2, 0x00, 0x0b)), REF_FUNC_0));
}

Test(references, ref_null_and_is_null) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd0, 0x6f, 0xd1, 0x1a, 0xd0, 0x70, 0xd1, 0x1a, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd0, 0x7f, 0x1a, 0x0b), "malformed reference type 0x7f",
                 at[0] + 2);
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0xd1, 0x1a, 0x0b),
                 "type mismatch: ref.is_null of i32", at[0] + 3);
  /* after unreachable, ref.is_null accepts anything */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0x00, 0xd1, 0x1a, 0x0b));
}

Test(references, select_on_references) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1b, 0x1a, 0x0b),
                 "type mismatch: select without a type on reference operands", at[0] + 7);
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1c, 0x01, 0x70, 0x1a,
                     0x0b));
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x00, 0xd0, 0x70, 0xd0, 0x6f, 0x41, 0x00, 0x1c, 0x01, 0x70, 0x1a,
                       0x0b),
                 "type mismatch: expected funcref, found externref", at[0] + 7);
}

Test(references, locals_of_reference_type) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1), 0x01, 0x02, 0x6f, 0xd0, 0x6f, 0x21, 0x01, 0x20, 0x00, 0x1a, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1), 0x01, 0x01, 0x6f, 0xd0, 0x70, 0x21, 0x00, 0x0b),
                 "type mismatch: expected externref, found funcref", at[0] + 5);
}

Test(references, call_indirect_needs_a_funcref_table) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = EXTERNREF_TABLE), 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b),
                 "type mismatch: call_indirect through a table of externref", at[0] + 5);
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES), 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b));
}

Test(references, table_instructions_use_the_element_type) {
  size_t at[13];
  /* table.set of a funcref into an externref table */
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = EXTERNREF_TABLE), 0x00, 0x41, 0x00, 0xd0, 0x70, 0x26, 0x00,
                       0x0b),
                 "type mismatch: expected externref, found funcref", at[0] + 5);
  /* table.get 1 of the second table pushes externref */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES), 0x01, 0x01, 0x6f, 0x41, 0x00, 0x25, 0x01, 0x21,
                     0x00, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES), 0x01, 0x01, 0x6f, 0x41, 0x00, 0x25, 0x00, 0x21,
                       0x00, 0x0b),
                 "type mismatch: expected externref, found funcref", at[0] + 7);
  /* table.grow: (value, delta) */
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = FUNCREF_TABLE), 0x00, 0xd0, 0x70, 0x41, 0x01, 0xfc, 0x0f, 0x00,
                     0x1a, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = FUNCREF_TABLE), 0x00, 0xd0, 0x6f, 0x41, 0x01, 0xfc, 0x0f, 0x00,
                       0x1a, 0x0b),
                 "type mismatch: expected funcref, found externref", at[0] + 5);
  /* table.copy between element types */
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES), 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc,
                       0x0e, 0x00, 0x01, 0x0b),
                 "type mismatch: table.copy between funcref and externref tables", at[0] + 7);
}

Test(references, segments_and_tables_must_agree) {
  size_t at[13];
  /* table.init of a (passive) funcref segment into the externref table */
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES, [9] = WB_SEC(0x01, 0x01, 0x00, 0x01, 0x00)),
                       0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x00, 0x01, 0x0b),
                 "type mismatch: table.init of funcref segment into externref table", at[0] + 7);
  WB_EXPECT_OK(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = BOTH_TABLES, [9] = WB_SEC(0x01, 0x01, 0x00, 0x01, 0x00)), 0x00,
                     0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x00, 0x00, 0x0b));
  /* an active externref segment (flags 6) for the funcref table 0 */
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [4] = FUNCREF_TABLE,
                            [9] = WB_SEC(0x01, 0x06, 0x00, 0x41, 0x00, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b)),
                       0x00, 0x0b),
                 "type mismatch: externref segment for a funcref table", at[9] + 1);
}

Test(references, the_eight_element_segment_encodings) {
  size_t at[13];
  wb b;
  wb_module(&b,
            WB_SECS([1] = T_VOID, [3] = F1, [4] = FUNCREF_TABLE,
                    [9] = WB_SEC(0x08,
                                 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,                   /* active, table 0, indices */
                                 0x01, 0x00, 0x01, 0x00,                               /* passive, indices */
                                 0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 0x01, 0x00,       /* active, table given */
                                 0x03, 0x00, 0x01, 0x00,                               /* declarative, indices */
                                 0x04, 0x41, 0x00, 0x0b, 0x01, 0xd2, 0x00, 0x0b,       /* active, expressions */
                                 0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b,                   /* passive, expressions */
                                 0x06, 0x00, 0x41, 0x00, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b, /* active, both */
                                 0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b)),                 /* declarative, expressions */
            WB_BYTES(0x00, 0x0b), at);
  pg_module m;
  WB_EXPECT_OK(wb_load(b.data, b.len, &m));
  static const uint8_t modes[8] = {PG_SEG_ACTIVE, PG_SEG_PASSIVE,      PG_SEG_ACTIVE, PG_SEG_DECLARATIVE,
                                   PG_SEG_ACTIVE, PG_SEG_PASSIVE,      PG_SEG_ACTIVE, PG_SEG_DECLARATIVE};
  cr_assert_eq(m.nelems, 8);
  for (int i = 0; i < 8; i++) {
    cr_assert_eq(m.elems[i].mode, modes[i], "segment %d: mode %u", i, m.elems[i].mode);
    cr_assert_eq(m.elems[i].type, PG_T_FUNCREF, "segment %d", i);
    cr_assert_eq(m.elems[i].count, 1, "segment %d", i);
  }
  cr_assert(m.funcs[0].declared);
  pg_module_free(&m);
  wb_free(&b);
}

Test(references, malformed_element_segments) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x08, 0x00)), 0x00, 0x0b),
                 "malformed elements segment kind 8", at[9] + 1);
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x01, 0x01, 0x01, 0x00)), 0x00, 0x0b),
                 "malformed element kind 0x01", at[9] + 2);
  WB_EXPECT_FAIL(BUILD(at, ([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x05, 0x7f, 0x00)), 0x00, 0x0b),
                 "malformed reference type", at[9] + 2);
}
