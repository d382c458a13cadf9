/*
 * indices.c - every index a module or body uses must name something that exists:
 * locals, globals, functions, types, tables, memories, data and element segments,
 * export and start targets. Failures say "unknown <kind> <index>" (the spec's wording)
 * at the offset of the index or instruction; related rules live here too: memarg
 * alignment, the data count section required by memory.init/data.drop, immutable
 * globals, the start function's type, and duplicate export names.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "wasm_builder.h"

#define T_VOID WB_SEC(0x01, 0x60, 0x00, 0x00)     /* type 0: [] -> [] */
#define T_I32 WB_SEC(0x01, 0x60, 0x01, 0x7f, 0x00) /* type 0: [i32] -> [] */
#define F1 WB_SEC(0x01, 0x00)                      /* one function of type 0 */
#define MEM1 WB_SEC(0x01, 0x00, 0x01)              /* one memory of one page */
#define TAB1 WB_SEC(0x01, 0x70, 0x00, 0x01)        /* one funcref table */

/* BUILD(at, SECS([id] = WB_SEC(...), ...), body bytes...) */
#define SECS WB_SECS
#define BUILD(at, secs, ...) wb_check_module((secs), WB_BYTES(__VA_ARGS__), (at))
#define BUILD_NOBODY(at, secs) wb_check_module((secs), NULL, 0, (at))

Test(indices, locals) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_I32, [3] = F1), 0x01, 0x01, 0x7e, 0x20, 0x00, 0x1a, 0x20, 0x01, 0x1a, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_I32, [3] = F1), 0x00, 0x20, 0x01, 0x1a, 0x0b), "unknown local 1", at[0] + 1);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_I32, [3] = F1), 0x01, 0x01, 0x7e, 0x42, 0x00, 0x21, 0x02, 0x0b), "unknown local 2",
                 at[0] + 5);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x22, 0x00, 0x1a, 0x0b), "unknown local 0",
                 at[0] + 3);
  /* a huge index is just unknown */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x20, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1a, 0x0b),
                 "unknown local 4294967295", at[0] + 1);
}

Test(indices, globals) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x23, 0x00, 0x1a, 0x0b), "unknown global 0", at[0] + 2);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b)), 0x00, 0x41,
                       0x00, 0x24, 0x01, 0x0b),
                 "unknown global 1", at[0] + 4);
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b)), 0x00, 0x41, 0x00,
                     0x24, 0x00, 0x0b));
}

Test(indices, immutable_global) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [6] = WB_SEC(0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b)), 0x00, 0x41,
                       0x00, 0x24, 0x00, 0x0b),
                 "global is immutable", at[0] + 3);
}

Test(indices, functions) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x10, 0x00, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x10, 0x01, 0x0b), "unknown function 1", at[0] + 2);
}

Test(indices, function_types) {
  size_t at[13];
  /* the function section names type 3 of 1 */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = WB_SEC(0x01, 0x03)), 0x00, 0x0b), "unknown type 3 for function 0",
                 at[10]);
  /* an imported function with an unknown type: reported at its import */
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([1] = T_VOID, [2] = WB_SEC(0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x01))),
                 "unknown type 1 for function 0", at[2] + 1);
}

Test(indices, call_indirect) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0x41, 0x00, 0x11, 0x03, 0x00, 0x0b),
                 "unknown type 3", at[0] + 4);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b), "unknown table 0",
                 at[0] + 5);
}

Test(indices, tables) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x25, 0x00, 0x1a, 0x0b), "unknown table 0",
                 at[0] + 4);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0xfc, 0x10, 0x01, 0x1a, 0x0b), "unknown table 1",
                 at[0] + 3);
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0xfc, 0x10, 0x00, 0x1a, 0x0b));
}

Test(indices, memories) {
  size_t at[13];
  /* i32.load without a memory: reported at the memarg */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b), "unknown memory 0",
                 at[0] + 4);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x3f, 0x00, 0x1a, 0x0b), "unknown memory 0", at[0] + 1);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x40, 0x00, 0x1a, 0x0b), "unknown memory 0",
                 at[0] + 3);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1), 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x0b),
                 "unknown memory 0", at[0] + 7);
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b));
}

Test(indices, alignment) {
  size_t at[13];
  /* natural alignment is the largest allowed */
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x29, 0x03, 0x00, 0x1a, 0x0b));
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x2d, 0x00, 0x00, 0x1a, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b),
                 "alignment must not be larger than natural", at[0] + 4);
  /* i32.load8_u align 2 */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x2d, 0x01, 0x00, 0x1a, 0x0b),
                 "alignment must not be larger than natural", at[0] + 4);
  /* i64.store16 align 4 */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1), 0x00, 0x41, 0x00, 0x42, 0x00, 0x3d, 0x02, 0x00, 0x0b),
                 "alignment must not be larger than natural", at[0] + 6);
}

Test(indices, data_segments) {
  size_t at[13];
  /* memory.init 0 and data.drop 0 need the data count section */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1, [11] = WB_SEC(0x01, 0x01, 0x00)), 0x00, 0x41, 0x00, 0x41,
                       0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b),
                 "data count section required", at[0] + 7);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1, [11] = WB_SEC(0x01, 0x01, 0x00)), 0x00, 0xfc, 0x09, 0x00,
                       0x0b),
                 "data count section required", at[0] + 1);
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1, [12] = WB_SEC(0x01), [11] = WB_SEC(0x01, 0x01, 0x00)), 0x00,
                     0xfc, 0x09, 0x00, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1, [12] = WB_SEC(0x01), [11] = WB_SEC(0x01, 0x01, 0x00)),
                       0x00, 0xfc, 0x09, 0x01, 0x0b),
                 "unknown data segment 1", at[0] + 1);
  /* an active segment's memory must exist */
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([11] = WB_SEC(0x01, 0x00, 0x41, 0x00, 0x0b, 0x00))), "unknown memory 0", at[11] + 1);
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([5] = MEM1, [11] = WB_SEC(0x01, 0x02, 0x01, 0x41, 0x00, 0x0b, 0x00))),
                 "unknown memory 1", at[11] + 1);
}

Test(indices, element_segments) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0xfc, 0x0d, 0x00, 0x0b), "unknown elem segment 0",
                 at[0] + 3);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1), 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c,
                       0x00, 0x00, 0x0b),
                 "unknown elem segment 0", at[0] + 9);
  /* an active segment's table must exist, and its functions */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [9] = WB_SEC(0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00)), 0x00, 0x0b),
                 "unknown table 0", at[9] + 1);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1, [9] = WB_SEC(0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x01)),
                       0x00, 0x0b),
                 "unknown function 1", at[9] + 6);
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [4] = TAB1, [9] = WB_SEC(0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00)),
                     0x00, 0xfc, 0x0d, 0x00, 0x0b));
}

Test(indices, exports) {
  size_t at[13];
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [7] = WB_SEC(0x01, 0x01, 0x66, 0x00, 0x01)), 0x00, 0x0b),
                 "unknown function 1", at[7] + 1);
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([7] = WB_SEC(0x01, 0x01, 0x74, 0x01, 0x00))), "unknown table 0", at[7] + 1);
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([7] = WB_SEC(0x01, 0x01, 0x6d, 0x02, 0x00))), "unknown memory 0", at[7] + 1);
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([7] = WB_SEC(0x01, 0x01, 0x67, 0x03, 0x00))), "unknown global 0", at[7] + 1);
  WB_EXPECT_FAIL(BUILD_NOBODY(at, SECS([7] = WB_SEC(0x01, 0x01, 0x78, 0x05, 0x00))), "malformed export kind 0x05", at[7] + 3);
}

Test(indices, duplicate_export_names) {
  size_t at[13];
  /* "a" for a function and again for the memory */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [5] = MEM1, [7] = WB_SEC(0x02, 0x01, 0x61, 0x00, 0x00, 0x01, 0x61,
                                                                           0x02, 0x00)),
                       0x00, 0x0b),
                 "duplicate export name \"a\"", at[7] + 5);
  /* names that differ only after a NUL byte are different */
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [7] = WB_SEC(0x03, 0x03, 0x61, 0x00, 0x62, 0x00, 0x00, 0x03, 0x61, 0x00,
                                                               0x63, 0x00, 0x00, 0x01, 0x61, 0x00, 0x00)),
                     0x00, 0x0b));
  /* ...and identical ones with a NUL byte are duplicates */
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [7] = WB_SEC(0x02, 0x02, 0x61, 0x00, 0x00, 0x00, 0x02, 0x61, 0x00,
                                                                 0x00, 0x00)),
                       0x00, 0x0b),
                 "duplicate export name", at[7] + 6);
  /* many distinct names (the set grows) with one duplicate at the end */
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  wb_func_section(&b, 1, 0);
  size_t s = wb_section_begin(&b, 7);
  wb_u32(&b, 501);
  char name[16];
  for (int i = 0; i < 500; i++) {
    snprintf(name, sizeof name, "export%d", i);
    wb_name(&b, name);
    wb_bytes(&b, "\x00\x00", 2);
  }
  size_t dup = b.len;
  wb_name(&b, "export250");
  wb_bytes(&b, "\x00\x00", 2);
  wb_section_end(&b, s);
  wb_code_section(&b, WB_BYTES(0x00, 0x0b));
  WB_EXPECT_FAIL(wb_check(b.data, b.len), "duplicate export name \"export250\"", dup);
  wb_free(&b);
}

Test(indices, start_function) {
  size_t at[13];
  WB_EXPECT_OK(BUILD(at, SECS([1] = T_VOID, [3] = F1, [8] = WB_SEC(0x00)), 0x00, 0x0b));
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_VOID, [3] = F1, [8] = WB_SEC(0x01)), 0x00, 0x0b), "unknown function 1", at[8]);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = T_I32, [3] = F1, [8] = WB_SEC(0x00)), 0x00, 0x0b),
                 "start function must have type [] -> []", at[8]);
  WB_EXPECT_FAIL(BUILD(at, SECS([1] = WB_SEC(0x01, 0x60, 0x00, 0x01, 0x7f), [3] = F1, [8] = WB_SEC(0x00)), 0x00, 0x41, 0x00,
                       0x0b),
                 "start function must have type [] -> []", at[8]);
}
