/*
 * gojs_pointers.c - every import of the Go GOOS=js host (rt/gojs.c), called the way
 * generated code calls it, with Go's stack pointer or a pointer inside the arguments
 * out of linear memory. wasm_exec.js would throw a RangeError from its DataView; pogo
 * traps, with a message naming the import, before reading or writing anything outside
 * memory (one page, inside wasm-rt's guard region: an access outside would arrive as a
 * guard-page trap instead, and this test would see the wrong kind).
 *
 * Also the limits of the JS host a guest can reach through the imports: values held at
 * once, the length of a string from Go, dense arrays.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../rt/js_host.h"

#define MEM 65536u
#define GLOBAL_REF 0x7FF8000100000005ull /* globalThis: id 5, an object */

static wasm_rt_memory_t mem;
static pg_inst_hdr hdr;
static pg_go go;
static uint32_t go_sp, go_pause;
static pg_js *js;

static void setup(void) {
  pg_rt_init();
  cr_assert(pg_memory_alloc(&mem, 1, 1, true));
  memset(&hdr, 0, sizeof hdr);
  hdr.mem = &mem;
  hdr.stack_limit = pg_stack_limit_here();
  memset(&go, 0, sizeof go);
  go.hdr = &hdr;
  go.sp = &go_sp;
  go.pause = &go_pause;
  char *argv[] = {"guest"};
  static const char *const env[] = {NULL};
  js = js_host_new(&go, 1, argv, env);
}

static void teardown(void) {
  js_host_free(js);
  pg_memory_free(&mem);
}

TestSuite(gojs_pointers, .init = setup, .fini = teardown);

static void st64(uint32_t at, uint64_t v) { memcpy(mem.data + at, &v, 8); }

typedef struct call {
  pg_gojs_import fn;
  uint64_t sp;
} call;

static void thunk(void *p) {
  call *c = p;
  go_sp = (uint32_t)c->sp;
  c->fn(&go, c->sp);
}

/* Call import `name` with Go's SP = sp; true if it returned, else the trap in *t. */
static bool invoke(const char *name, uint64_t sp, pg_trap_info *t) {
  call c = {pg_gojs_resolve("gojs", name), sp};
  cr_assert_not_null(c.fn, "no import %s", name);
  return pg_call(&hdr, thunk, &c, t);
}

static void expect_trap(const char *name, uint64_t sp, const char *what) {
  pg_trap_info t;
  bool returned = invoke(name, sp, &t);
  cr_expect(!returned, "%s with SP 0x%llx returned", name, (unsigned long long)sp);
  if (returned) return;
  cr_expect_eq(t.kind, PG_TRAP_HOST, "%s with SP 0x%llx: trap %s, not a host trap", name, (unsigned long long)sp,
               pg_trap_kind_message(t.kind));
  char who[200];
  snprintf(who, sizeof who, "gojs: %s: ", name);
  cr_expect(t.message && strstr(t.message, who) == t.message && strstr(t.message, what),
            "%s: message '%s' does not say '%s%s'", name, t.message ? t.message : "", who, what);
}

static const char *const imports[] = {
    "runtime.wasmExit",           "runtime.wasmWrite",        "runtime.nanotime1",        "runtime.walltime",
    "runtime.scheduleTimeoutEvent", "runtime.clearTimeoutEvent", "runtime.getRandomData",  "syscall/js.finalizeRef",
    "syscall/js.stringVal",       "syscall/js.valueGet",      "syscall/js.valueSet",      "syscall/js.valueDelete",
    "syscall/js.valueIndex",      "syscall/js.valueSetIndex", "syscall/js.valueCall",     "syscall/js.valueInvoke",
    "syscall/js.valueNew",        "syscall/js.valueLength",   "syscall/js.valuePrepareString",
    "syscall/js.valueLoadString", "syscall/js.valueInstanceOf", "syscall/js.copyBytesToGo", "syscall/js.copyBytesToJS",
};

Test(gojs_pointers, stack_pointer_out_of_memory_traps_in_every_import) {
  /* the first argument at the end of memory; at 2^32, where 32-bit arithmetic would
   * have wrapped to address 0; far beyond */
  static const uint64_t sps[] = {MEM - 8, MEM, 0xFFFFFFF8u, 0xFFFFFFFFu};
  for (size_t i = 0; i < sizeof imports / sizeof imports[0]; i++)
    for (size_t k = 0; k < sizeof sps / sizeof sps[0]; k++) expect_trap(imports[i], sps[k], "guest pointer out of bounds");
  /* the one import that touches no memory */
  pg_trap_info t;
  cr_expect(invoke("runtime.resetMemoryDataView", 0xFFFFFFF8u, &t));
}

Test(gojs_pointers, every_import_is_covered) {
  /* an import added to the runtime must be added to the list above */
  for (size_t i = 0; js_import_name(i); i++) {
    const char *name = js_import_name(i);
    bool listed = !strcmp(name, "runtime.resetMemoryDataView");
    for (size_t k = 0; k < sizeof imports / sizeof imports[0] && !listed; k++) listed = !strcmp(imports[k], name);
    cr_expect(listed, "import %s is not in this test's table", name);
  }
}

/* Pointers inside the arguments: Go's SP is valid (1024), a string, slice or result
 * address is not. */
#define SP 1024u

static void string_at(uint32_t at, uint64_t p, uint64_t n) {
  st64(at, p);
  st64(at + 8, n);
}

Test(gojs_pointers, argument_pointers_out_of_memory_trap) {
  static const uint64_t bad[] = {MEM - 4, MEM, 0xFFFFFFFCu, 0xFFFFFFFFFFFFFFF0ull};
  memcpy(mem.data + 100, "Object", 6);
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    uint64_t b = bad[k];
    /* wasmWrite(fd, p, n) */
    st64(SP + 8, 1);
    st64(SP + 16, b);
    st64(SP + 24, 100);
    expect_trap("runtime.wasmWrite", SP, "guest pointer out of bounds");
    /* slices as the first argument */
    const char *slice_first[] = {"runtime.getRandomData", "syscall/js.stringVal", "syscall/js.copyBytesToGo"};
    for (size_t i = 0; i < 3; i++) {
      string_at(SP + 8, b, 100);
      st64(SP + 32, GLOBAL_REF);
      expect_trap(slice_first[i], SP, "guest pointer out of bounds");
    }
    /* a value, then a string (the property name) */
    const char *named[] = {"syscall/js.valueGet", "syscall/js.valueSet", "syscall/js.valueDelete", "syscall/js.valueCall"};
    for (size_t i = 0; i < 4; i++) {
      st64(SP + 8, GLOBAL_REF);
      string_at(SP + 16, b, 8);
      string_at(SP + 32, 0, 0);
      expect_trap(named[i], SP, "guest pointer out of bounds");
    }
    /* a value, then a slice: of arguments, or of bytes */
    const char *sliced[] = {"syscall/js.valueInvoke", "syscall/js.valueNew", "syscall/js.valueLoadString",
                            "syscall/js.copyBytesToJS"};
    for (size_t i = 0; i < 4; i++) {
      st64(SP + 8, GLOBAL_REF);
      string_at(SP + 16, b, 8);
      expect_trap(sliced[i], SP, "guest pointer out of bounds");
    }
    /* valueCall's argument slice */
    st64(SP + 8, GLOBAL_REF);
    string_at(SP + 16, 100, 6);
    string_at(SP + 32, b, 2);
    expect_trap("syscall/js.valueCall", SP, "guest pointer out of bounds");
  }
  /* an argument slice too long to even look at */
  st64(SP + 8, GLOBAL_REF);
  string_at(SP + 16, 0, 1ull << 40);
  expect_trap("syscall/js.valueInvoke", SP, "argument slice too long");
}

Test(gojs_pointers, results_out_of_memory_trap) {
  /* arguments in memory, the result just past its end */
  memcpy(mem.data + 100, "Object", 6);
  uint32_t sp = MEM - 32; /* valueGet: v at +8, name at +16, result at +32 */
  st64(sp + 8, GLOBAL_REF);
  string_at(sp + 16, 100, 6);
  expect_trap("syscall/js.valueGet", sp, "guest pointer out of bounds");
  sp = MEM - 16; /* nanotime1 writes +8: in; walltime writes +8 and +16: out */
  pg_trap_info t;
  cr_expect(invoke("runtime.nanotime1", sp, &t));
  expect_trap("runtime.walltime", sp, "guest pointer out of bounds");
}

Test(gojs_pointers, js_host_limits) {
  /* a string longer than JS allows */
  string_at(SP + 8, 0, (uint64_t)JS_MAX_STRING + 1);
  expect_trap("syscall/js.stringVal", SP, "longer than JS allows");
  /* values held at once */
  js->max_refs = 16;
  bool trapped = false;
  for (int i = 0; i < 32 && !trapped; i++) {
    char s[16];
    int n = snprintf(s, sizeof s, "value %d", i);
    memcpy(mem.data + 200, s, (size_t)n);
    string_at(SP + 8, 200, (uint64_t)n);
    pg_trap_info t;
    trapped = !invoke("syscall/js.stringVal", SP, &t);
    if (trapped) {
      cr_expect(i > 0 && i <= 16, "stopped after %d values", i);
      cr_expect(strstr(t.message, "gojs: syscall/js.stringVal: more than 16 JS values held at once"), "%s", t.message);
    }
  }
  cr_expect(trapped, "the limit on values held stopped nothing");
  /* a dense array does not grow to an index beyond the limit */
  js->max_refs = JS_MAX_REFS;
  js_val arr = js_objv(js_new_array(js, 0));
  uint64_t ref;
  cr_assert(js_store_ref(js, arr, &ref));
  js_release(js, arr);
  st64(SP + 8, ref);
  st64(SP + 16, 0xFFFFFFFEu);
  st64(SP + 24, GLOBAL_REF);
  pg_trap_info t;
  cr_expect(!invoke("syscall/js.valueSetIndex", SP, &t));
  cr_expect(t.message && strstr(t.message, "arrays are dense here"), "%s", t.message ? t.message : "");
}
