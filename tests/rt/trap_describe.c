/*
 * trap_describe.c - how the runtime words traps for users: the spec's message for each
 * trap kind, function names from a module's name table ("func[N]" when unnamed or out
 * of range), the one-line description in each situation (in a function, while
 * instantiating, host messages, link errors), truncation to small buffers, and the
 * link-error helpers.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "pogo-abi.h"

/* four functions: #0 unnamed (an import), #1 "fac", #2 unnamed, #3 "odd name" */
static const char names[] = "\0fac\0\0odd name";
static const pg_module_info info = {"m", 1, 4, names, NULL};

Test(trap_describe, kind_messages) {
  static const struct {
    pg_trap_kind kind;
    const char *text;
  } cases[] = {
      {PG_TRAP_NONE, "no trap"},
      {PG_TRAP_UNREACHABLE, "unreachable executed"},
      {PG_TRAP_DIV_BY_ZERO, "integer divide by zero"},
      {PG_TRAP_INT_OVERFLOW, "integer overflow"},
      {PG_TRAP_INVALID_CONVERSION, "invalid conversion to integer"},
      {PG_TRAP_MEMORY_OOB, "out of bounds memory access"},
      {PG_TRAP_TABLE_OOB, "out of bounds table access"},
      {PG_TRAP_UNDEFINED_ELEMENT, "undefined element"},
      {PG_TRAP_UNINITIALIZED_ELEMENT, "uninitialized element"},
      {PG_TRAP_INDIRECT_TYPE_MISMATCH, "indirect call type mismatch"},
      {PG_TRAP_STACK_EXHAUSTED, "call stack exhausted"},
      {PG_TRAP_HOST, "host error"},
      {PG_TRAP_INTERRUPT, "time limit exceeded"},
      {PG_ERR_LINK, "link error"},
      {PG_TRAP_EXIT, "exit"},
  };
  cr_assert_eq(sizeof cases / sizeof cases[0], PG_TRAP_COUNT, "every kind has a case here");
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    cr_assert_str_eq(pg_trap_kind_message(cases[i].kind), cases[i].text);
  cr_assert_str_eq(pg_trap_kind_message(PG_TRAP_COUNT), "unknown trap");
  cr_assert_str_eq(pg_trap_kind_message((pg_trap_kind)-1), "unknown trap");
  cr_assert_str_eq(pg_trap_kind_message((pg_trap_kind)1000), "unknown trap");
}

Test(trap_describe, function_names) {
  char buf[64];
  cr_assert_str_eq(pg_func_name(&info, 0, buf, sizeof buf), "func[0]");
  cr_assert_str_eq(pg_func_name(&info, 1, buf, sizeof buf), "fac");
  cr_assert_str_eq(pg_func_name(&info, 2, buf, sizeof buf), "func[2]");
  cr_assert_str_eq(pg_func_name(&info, 3, buf, sizeof buf), "odd name");
  /* out of range: never reads past the table */
  cr_assert_str_eq(pg_func_name(&info, 4, buf, sizeof buf), "func[4]");
  cr_assert_str_eq(pg_func_name(&info, UINT32_MAX, buf, sizeof buf), "func[4294967295]");
  cr_assert_eq(pg_func_name(&info, 1, buf, sizeof buf), buf, "returns its buffer");
}

Test(trap_describe, function_names_truncate) {
  char buf[8];
  memset(buf, 'X', sizeof buf);
  pg_func_name(&info, 3, buf, 4);
  cr_assert_str_eq(buf, "odd");
  cr_assert_eq(buf[4], 'X', "wrote past n");
  pg_func_name(&info, 2, buf, 5);
  cr_assert_str_eq(buf, "func");
}

Test(trap_describe, trap_in_a_function) {
  char buf[256];
  pg_trap_info t = {PG_TRAP_DIV_BY_ZERO, &info, 1, 0, NULL};
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: integer divide by zero in function 'fac' (#1)");
  t.kind = PG_TRAP_UNREACHABLE;
  t.func = 2;
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: unreachable executed in function 'func[2]' (#2)");
  t.kind = PG_TRAP_STACK_EXHAUSTED;
  t.func = 3;
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: call stack exhausted in function 'odd name' (#3)");
}

Test(trap_describe, trap_while_instantiating) {
  char buf[256];
  /* a segment initialiser traps: the module is known, no function is */
  pg_trap_info t = {PG_TRAP_MEMORY_OOB, &info, UINT32_MAX, 0, NULL};
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: out of bounds memory access while instantiating");
  t.kind = PG_TRAP_TABLE_OOB;
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: out of bounds table access while instantiating");
}

Test(trap_describe, trap_of_unknown_origin) {
  char buf[256];
  /* a signal trap whose pc matched no function */
  pg_trap_info t = {PG_TRAP_MEMORY_OOB, NULL, UINT32_MAX, 0x1234, NULL};
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: out of bounds memory access");
}

Test(trap_describe, host_traps) {
  char buf[256];
  pg_trap_info t = {PG_TRAP_HOST, &info, UINT32_MAX, 0, "proc_exit is not allowed here"};
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: proc_exit is not allowed here");
  t.module = NULL;
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: proc_exit is not allowed here");
  t.message = NULL;
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: host error");
  /* the message is only used for host traps */
  t.kind = PG_TRAP_INT_OVERFLOW;
  t.message = "ignored";
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: integer overflow");
}

Test(trap_describe, link_errors) {
  char buf[256];
  pg_trap_info t;
  memset(&t, 0x5a, sizeof t);
  pg_link_error(&t, "import env.memory not provided");
  cr_assert_eq(t.kind, PG_ERR_LINK);
  cr_assert_null(t.module);
  cr_assert_eq(t.func, UINT32_MAX);
  cr_assert_eq(t.pc, 0);
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "link error: import env.memory not provided");
  pg_link_error(&t, NULL);
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "link error: instantiation failed");
  pg_link_error(NULL, "nowhere to put it"); /* allowed: no crash */
}

Test(trap_describe, link_limits) {
  pg_trap_info t;
  memset(&t, 0, sizeof t);
  /* provided 2 pages (max 10) for an import wanting at least 1, at most 10 */
  cr_assert(pg_link_limits(2, 10, 1, 10, 1, &t, "memory"));
  cr_assert_eq(t.kind, PG_TRAP_NONE, "success leaves err alone");
  cr_assert(pg_link_limits(2, UINT32_MAX, 1, 0, 0, &t, "memory"), "no maximum wanted");
  cr_assert_not(pg_link_limits(0, 10, 1, 10, 1, &t, "memory"), "too small");
  char buf[256];
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "link error: incompatible import type: memory limits");
  cr_assert_not(pg_link_limits(2, UINT32_MAX, 1, 10, 1, &t, "table"), "unbounded where a maximum is wanted");
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "link error: incompatible import type: table limits");
  cr_assert_not(pg_link_limits(2, 11, 1, 10, 1, &t, "table"), "maximum too large");
}

Test(trap_describe, truncates_to_the_buffer) {
  char buf[16];
  memset(buf, 'X', sizeof buf);
  pg_trap_info t = {PG_TRAP_DIV_BY_ZERO, &info, 1, 0, NULL};
  cr_assert_eq(pg_trap_describe(&t, buf, 12), buf);
  cr_assert_str_eq(buf, "trap: integ");
  cr_assert_eq(buf[12], 'X', "wrote past n");
}
