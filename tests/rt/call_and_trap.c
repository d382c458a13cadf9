/*
 * call_and_trap.c - guarded entry into guest code: pg_call returns true after a normal
 * return and false with the precise trap (kind, module, function, host message) after
 * pg_trap or pg_trap_host; calls nest, and after a trap the enclosing call (and later
 * calls) work normally; a fault in a memory's guard region becomes "out of bounds memory
 * access"; a trap outside any pg_call is an embedder bug that aborts.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "pogo-abi.h"

static const char names[] = "\0callee";
static const pg_module_info info = {"m", 0, 2, names, NULL};

static pg_inst_hdr make_inst(void) {
  pg_rt_init();
  pg_inst_hdr h;
  memset(&h, 0, sizeof h);
  h.info = &info;
  h.stack_limit = pg_stack_limit_here();
  return h;
}

static int ran;
static void returns(void *arg) {
  (void)arg;
  ran++;
}

static void traps(void *arg) {
  ran++;
  pg_trap(arg, 1, PG_TRAP_DIV_BY_ZERO);
}

static void host_traps(void *arg) { pg_trap_host(arg, "the host said no"); }

Test(call, normal_return) {
  pg_inst_hdr h = make_inst();
  pg_trap_info t;
  memset(&t, 0x5a, sizeof t);
  ran = 0;
  cr_assert(pg_call(&h, returns, &h, &t));
  cr_assert_eq(ran, 1);
  cr_assert(pg_call(&h, returns, &h, NULL), "a NULL trap pointer is allowed");
  cr_assert_eq(ran, 2);
}

Test(call, trap_comes_back_as_a_value) {
  pg_inst_hdr h = make_inst();
  pg_trap_info t;
  ran = 0;
  cr_assert_not(pg_call(&h, traps, &h, &t));
  cr_assert_eq(ran, 1);
  cr_assert_eq(t.kind, PG_TRAP_DIV_BY_ZERO);
  cr_assert_eq(t.module, &info);
  cr_assert_eq(t.func, 1);
  cr_assert_eq(t.pc, 0);
  char buf[128];
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: integer divide by zero in function 'callee' (#1)");
  /* the runtime is usable again */
  cr_assert(pg_call(&h, returns, &h, &t));
  cr_assert_not(pg_call(&h, traps, &h, NULL));
}

Test(call, host_trap_message) {
  pg_inst_hdr h = make_inst();
  pg_trap_info t;
  cr_assert_not(pg_call(&h, host_traps, &h, &t));
  cr_assert_eq(t.kind, PG_TRAP_HOST);
  cr_assert_str_eq(t.message, "the host said no");
  char buf[128];
  cr_assert_str_eq(pg_trap_describe(&t, buf, sizeof buf), "trap: the host said no");
}

static pg_trap_info inner_trap;
static bool inner_ok;
static void outer(void *arg) {
  ran = 0;
  inner_ok = pg_call(arg, traps, arg, &inner_trap);
  ran += 10; /* still running after the inner trap */
}

Test(call, nested_calls) {
  pg_inst_hdr h = make_inst();
  pg_trap_info t;
  cr_assert(pg_call(&h, outer, &h, &t), "the outer call is unaffected by the inner trap");
  cr_assert_not(inner_ok);
  cr_assert_eq(inner_trap.kind, PG_TRAP_DIV_BY_ZERO);
  cr_assert_eq(ran, 11);
}

/* Guard-page faults arrive as SIGSEGV; AddressSanitizer owns that signal, so this runs
 * only in uninstrumented builds. The faulting pc is resolved to the function in the
 * module's table whose code starts closest below it. */
#if !defined(__SANITIZE_ADDRESS__)
static wasm_rt_memory_t mem;
/* stands for generated code: faults are pinned on functions in pogo_text only */
__attribute__((section("pogo_text"))) static void touches_guard_page(void *arg) {
  (void)arg;
  volatile uint8_t *p = mem.data + mem.size + 4096;
  *p = 1;
}

Test(call, guard_page_fault_is_out_of_bounds) {
  static const pg_func_entry funcs[2] = {{0, (wasm_rt_function_ptr_t)returns},
                                         {0, (wasm_rt_function_ptr_t)touches_guard_page}};
  static const pg_module_info with_code = {"m", 0, 2, names, funcs};
  pg_inst_hdr h = make_inst();
  h.info = &with_code;
  cr_assert(pg_memory_alloc(&mem, 1, 1, true));
  pg_trap_info t;
  cr_assert_not(pg_call(&h, touches_guard_page, &h, &t));
  cr_assert_eq(t.kind, PG_TRAP_MEMORY_OOB);
  cr_assert_neq(t.pc, 0, "a signal trap records the faulting pc");
  cr_assert_eq(t.module, &with_code);
  cr_assert_eq(t.func, 1, "the pc resolves to the faulting function");
  /* and again: the fault signal was unblocked after the first one */
  cr_assert_not(pg_call(&h, touches_guard_page, &h, &t));
  cr_assert_eq(t.kind, PG_TRAP_MEMORY_OOB);
  pg_memory_free(&mem);
}
#endif

Test(call, trap_outside_pg_call_aborts, .signal = SIGABRT, .init = cr_redirect_stderr) {
  pg_inst_hdr h = make_inst();
  pg_trap(&h, 1, PG_TRAP_UNREACHABLE);
}
