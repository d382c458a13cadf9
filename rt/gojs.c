/*
 * gojs.c - the imports a Go GOOS=js module calls: module "gojs" (Go 1.21+) or "go"
 * (Go <= 1.20, which adds "debug"). Each takes Go's stack pointer; arguments start at
 * sp + 8 in Go's layout (int, pointer and ref 8 bytes; string = ptr, len; slice = ptr,
 * len, cap) and results follow.
 *
 * The table below binds names to functions; pg_gojs_resolve is how generated code
 * finds them at instantiation, so an import this runtime lacks is a link error.
 *
 * Invariants: every guest pointer and length is checked against the memory size
 * before use, in 64 bits so that nothing wraps (a bad one traps with a message naming
 * the import; nothing is read or written outside linear memory);
 * valueGet/valueCall/valueInvoke/valueNew may run Go re-entrantly, which can move the
 * goroutine stack, so they re-read SP before storing results, as wasm_exec.js does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "js_host.h"

/* ---- traps naming the import ---- */

/* The import being served on this thread (set by the entry wrappers below), and the
 * text of the last trap an import raised (pg_trap_info keeps a pointer to it). */
static _Thread_local const char *current_import;
static _Thread_local char trap_text[600];

__attribute__((format(printf, 2, 3))) static WASM_RT_NO_RETURN void import_trap(pg_go *g, const char *fmt, ...) {
  int k = snprintf(trap_text, sizeof trap_text, "gojs: %s: ", current_import ? current_import : "import");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(trap_text + k, sizeof trap_text - (size_t)k, fmt, ap);
  va_end(ap);
  pg_trap_host(g->hdr, trap_text);
}

/* ---- guest memory ---- */

static uint8_t *addr(pg_go *g, uint64_t a, uint64_t n) {
  wasm_rt_memory_t *m = g->hdr->mem;
  if (a + n > (uint64_t)m->pages * 65536u || a + n < a)
    import_trap(g, "guest pointer out of bounds (%llu bytes at 0x%llx; memory is %llu bytes)", (unsigned long long)n,
                (unsigned long long)a, (unsigned long long)m->pages * 65536u);
  return m->data + a;
}

static uint64_t ld64(pg_go *g, uint64_t a) {
  uint64_t v;
  memcpy(&v, addr(g, a, 8), 8);
  return v;
}
static uint32_t ld32(pg_go *g, uint64_t a) {
  uint32_t v;
  memcpy(&v, addr(g, a, 4), 4);
  return v;
}
static void st64(pg_go *g, uint64_t a, uint64_t v) { memcpy(addr(g, a, 8), &v, 8); }
static void st32(pg_go *g, uint64_t a, uint32_t v) { memcpy(addr(g, a, 4), &v, 4); }
static void st8(pg_go *g, uint64_t a, uint8_t v) { *addr(g, a, 1) = v; }

/* setInt64 of wasm_exec.js: low = ToUint32(v), high = ToUint32(floor(v / 2^32)). */
static void st_int64(pg_go *g, uint64_t a, double v) {
  double hi = floor(v / 4294967296.0);
  uint32_t lo32 = (uint32_t)(int64_t)fmod(v != v ? 0 : trunc(v), 4294967296.0);
  uint32_t hi32 = (uint32_t)(int64_t)fmod(hi != hi ? 0 : hi, 4294967296.0);
  st32(g, a, lo32);
  st32(g, a + 4, hi32);
}

static js_val load_value(pg_go *g, uint64_t a) { return js_retain(js_load_ref(g->js, ld64(g, a))); }
static void store_value(pg_go *g, uint64_t a, js_val v) {
  uint64_t ref;
  if (!js_store_ref(g->js, v, &ref)) import_trap(g, "more than %u JS values held at once (pogo's limit)", g->js->max_refs);
  st64(g, a, ref);
}

static js_val load_string(pg_go *g, uint64_t a) {
  uint64_t p = ld64(g, a), n = ld64(g, a + 8);
  if (n > JS_MAX_STRING) import_trap(g, "a string of %llu bytes: longer than JS allows", (unsigned long long)n);
  return js_string_from_go(g->js, addr(g, p, n), (size_t)n);
}

static uint8_t *load_slice(pg_go *g, uint64_t a, uint64_t *len) {
  uint64_t p = ld64(g, a);
  *len = ld64(g, a + 8);
  return addr(g, p, *len);
}

/* The values of a []js.Value slice, each retained (a call may run Go, which may
 * finalize the refs while the callee still uses the values). */
static js_val *load_values(pg_go *g, uint64_t a, uint32_t *n) {
  uint64_t p = ld64(g, a), len = ld64(g, a + 8);
  if (len > (1u << 24)) import_trap(g, "argument slice too long (%llu values)", (unsigned long long)len);
  addr(g, p, len * 8);
  js_val *v = malloc((len ? len : 1) * sizeof *v);
  for (uint64_t i = 0; i < len; i++) v[i] = load_value(g, p + 8 * i);
  *n = (uint32_t)len;
  return v;
}

static void release_values(pg_js *js, js_val *v, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) js_release(js, v[i]);
  free(v);
}

/* A JS exception escaping an import that has no try/catch in wasm_exec.js would end
 * node's process; here it ends the program with a host trap naming it. */
static void uncaught(pg_go *g, js_val err) {
  char *s = js_to_cstring(g->js, err);
  snprintf(trap_text, sizeof trap_text, "uncaught JS exception in gojs import %s: %s",
           current_import ? current_import : "?", s);
  free(s);
  js_release(g->js, err);
  pg_trap_host(g->hdr, trap_text);
}

/* ---- runtime ---- */

static void wasm_exit(pg_go *g, uint64_t sp) {
  g->js->exit_code = (int32_t)ld32(g, sp + 8);
  g->js->exited = true;
  pg_trap(g->hdr, UINT32_MAX, PG_TRAP_EXIT);
}

static void wasm_write(pg_go *g, uint64_t sp) {
  int64_t fd = (int64_t)ld64(g, sp + 8);
  uint64_t p = ld64(g, sp + 16);
  uint32_t n = ld32(g, sp + 24);
  const uint8_t *buf = addr(g, p, n);
  for (uint32_t off = 0; off < n;) {
    ssize_t w = write((int)fd, buf + off, n - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      break; /* node's writeSync would throw; Go ignores runtime write errors */
    }
    off += (uint32_t)w;
  }
}

static void reset_memory_data_view(pg_go *g, uint64_t sp) { (void)g, (void)sp; }

static void nanotime1(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  st64(g, sp + 8, js->wall_origin_ns + (js_now_ns() - js->time_origin_ns));
}

static void walltime(pg_go *g, uint64_t sp) {
  /* wasm_exec.js: new Date().getTime(): millisecond resolution */
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  int64_t ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
  st64(g, sp + 8, (uint64_t)(ms / 1000));
  st32(g, sp + 16, (uint32_t)(ms % 1000) * 1000000u);
}

static void schedule_timeout_event(pg_go *g, uint64_t sp) {
  uint64_t ms = ld64(g, sp + 8);
  if (g->js->legacy) ms += 1; /* Go <= 1.20's wasm_exec.js added 1 ms */
  uint32_t id = js_timer_add(g->js, ms, true, js_undefined(), NULL, 0);
  st32(g, sp + 16, id);
}

static void clear_timeout_event(pg_go *g, uint64_t sp) { js_timer_clear(g->js, ld32(g, sp + 8), true); }

static void get_random_data(pg_go *g, uint64_t sp) {
  uint64_t n;
  uint8_t *p = load_slice(g, sp + 8, &n);
  for (uint64_t done = 0; done < n;) {
    ssize_t r = getrandom(p + done, n - done, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      import_trap(g, "getrandom failed: %s", strerror(errno));
    }
    done += (uint64_t)r;
  }
}

/* ---- syscall/js ---- */

static void finalize_ref(pg_go *g, uint64_t sp) { js_finalize_ref(g->js, ld32(g, sp + 8)); }

static void string_val(pg_go *g, uint64_t sp) {
  js_val s = load_string(g, sp + 8);
  store_value(g, sp + 24, s);
  js_release(g->js, s);
}

static void value_get(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), name = load_string(g, sp + 16);
  if (v.kind == JS_UNDEFINED || v.kind == JS_NULL) {
    js_val err;
    js_throw(js, &err, "TypeError", "Cannot read properties of %s (reading '%s')",
             v.kind == JS_NULL ? "null" : "undefined", js_str_data(name));
    js_release(js, name);
    uncaught(g, err);
  }
  js_val r = js_get_str(js, v, name);
  sp = *g->sp;
  store_value(g, sp + 32, r);
  js_release(js, r);
  js_release(js, v);
  js_release(js, name);
}

static void value_set(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), name = load_string(g, sp + 16), x = load_value(g, sp + 32);
  js_set_str(js, v, name, x);
  js_release(js, v);
  js_release(js, name);
  js_release(js, x);
}

static void value_delete(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), name = load_string(g, sp + 16);
  js_delete(js, v, js_str_data(name));
  js_release(js, v);
  js_release(js, name);
}

static void value_index(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  js_val r = js_get_index(js, v, (uint32_t)ld64(g, sp + 16));
  store_value(g, sp + 24, r);
  js_release(js, r);
  js_release(js, v);
}

static void value_set_index(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), x = load_value(g, sp + 24);
  js_set_index(js, v, (uint32_t)ld64(g, sp + 16), x);
  js_release(js, v);
  js_release(js, x);
}

/* The result and ok flag of a call that may have run Go: re-read SP first. */
static void store_result(pg_go *g, uint32_t res_off, uint32_t ok_off, bool ok, js_val r) {
  uint64_t sp = *g->sp;
  store_value(g, sp + res_off, r);
  st8(g, sp + ok_off, ok);
  js_release(g->js, r);
}

static void value_call(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), name = load_string(g, sp + 16);
  uint32_t n;
  js_val *args = load_values(g, sp + 32, &n);
  js_val r;
  bool ok;
  if (v.kind == JS_UNDEFINED || v.kind == JS_NULL) {
    ok = js_throw(js, &r, "TypeError", "Reflect.get called on non-object");
  } else {
    js_val m = js_get_str(js, v, name);
    if (!js_is_fn(m)) {
      char *s = js_to_cstring(js, m);
      ok = js_throw(js, &r, "TypeError", "Function.prototype.apply was called on %s, which is %s and not a function", s,
                    m.kind == JS_UNDEFINED ? "undefined" : "an object");
      free(s);
    } else {
      ok = js_call(js, m, v, args, n, &r);
    }
    js_release(js, m);
  }
  store_result(g, 56, 64, ok, r);
  release_values(js, args, n);
  js_release(js, v);
  js_release(js, name);
}

static void value_invoke(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  uint32_t n;
  js_val *args = load_values(g, sp + 16, &n);
  js_val r;
  bool ok = js_call(js, v, js_undefined(), args, n, &r);
  store_result(g, 40, 48, ok, r);
  release_values(js, args, n);
  js_release(js, v);
}

static void value_new(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  uint32_t n;
  js_val *args = load_values(g, sp + 16, &n);
  js_val r;
  bool ok = js_construct(js, v, args, n, &r);
  store_result(g, 40, 48, ok, r);
  release_values(js, args, n);
  js_release(js, v);
}

static void value_length(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  js_val len = js_get(js, v, "length");
  /* parseInt(v.length): NaN (no length) is stored as 0 */
  double d = len.kind == JS_NUMBER ? trunc(len.u.n) : (len.kind == JS_STRING ? trunc(js_to_number(len)) : NAN);
  st_int64(g, sp + 16, d != d ? 0 : d);
  js_release(js, len);
  js_release(js, v);
}

static void value_prepare_string(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  /* String(v): a string's own bytes (it may hold NULs), otherwise the conversion */
  char *s = v.kind == JS_STRING ? NULL : js_to_cstring(js, v);
  const char *text = s ? s : v.u.s->data;
  size_t n = s ? strlen(s) : v.u.s->len;
  js_val bytes = js_objv(js_new_u8(js, (const uint8_t *)text, (uint32_t)n));
  store_value(g, sp + 16, bytes);
  st64(g, sp + 24, n);
  js_release(js, bytes);
  free(s);
  js_release(js, v);
}

static void value_load_string(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8);
  uint64_t n;
  uint8_t *dst = load_slice(g, sp + 16, &n);
  if (js_is_u8(v)) memcpy(dst, v.u.o->u.u8.data, v.u.o->u.u8.len < n ? v.u.o->u.u8.len : n);
  js_release(js, v);
}

static void value_instance_of(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val v = load_value(g, sp + 8), t = load_value(g, sp + 16);
  if (!js_is_fn(t)) {
    js_val err;
    js_throw(js, &err, "TypeError", "Right-hand side of 'instanceof' is not callable");
    js_release(js, v);
    js_release(js, t);
    uncaught(g, err);
  }
  st8(g, sp + 24, js_instance_of(v, t));
  js_release(js, v);
  js_release(js, t);
}

static void copy_bytes_to_go(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  uint64_t n;
  uint8_t *dst = load_slice(g, sp + 8, &n);
  js_val src = load_value(g, sp + 32);
  if (!js_is_u8(src)) {
    st8(g, sp + 48, 0);
  } else {
    uint64_t k = src.u.o->u.u8.len < n ? src.u.o->u.u8.len : n;
    memcpy(dst, src.u.o->u.u8.data, k);
    st64(g, sp + 40, k);
    st8(g, sp + 48, 1);
  }
  js_release(js, src);
}

static void copy_bytes_to_js(pg_go *g, uint64_t sp) {
  pg_js *js = g->js;
  js_val dst = load_value(g, sp + 8);
  uint64_t n;
  uint8_t *src = load_slice(g, sp + 16, &n);
  if (!js_is_u8(dst)) {
    st8(g, sp + 48, 0);
  } else {
    uint64_t k = dst.u.o->u.u8.len < n ? dst.u.o->u.u8.len : n;
    memcpy(dst.u.o->u.u8.data, src, k);
    st64(g, sp + 40, k);
    st8(g, sp + 48, 1);
  }
  js_release(js, dst);
}

/* Go <= 1.20's debug(value): the parameter is the value itself, not a stack pointer. */
static void debug(pg_go *g, uint64_t value) {
  (void)g;
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%d\n", (int32_t)value);
  if (write(1, buf, (size_t)n) < 0) {
  }
}

/* Every import, through an entry that records its name for trap messages. */
#define GOJS_IMPORTS(X) \
  X("runtime.wasmExit", wasm_exit) \
  X("runtime.wasmWrite", wasm_write) \
  X("runtime.resetMemoryDataView", reset_memory_data_view) \
  X("runtime.nanotime1", nanotime1) \
  X("runtime.walltime", walltime) \
  X("runtime.scheduleTimeoutEvent", schedule_timeout_event) \
  X("runtime.clearTimeoutEvent", clear_timeout_event) \
  X("runtime.getRandomData", get_random_data) \
  X("syscall/js.finalizeRef", finalize_ref) \
  X("syscall/js.stringVal", string_val) \
  X("syscall/js.valueGet", value_get) \
  X("syscall/js.valueSet", value_set) \
  X("syscall/js.valueDelete", value_delete) \
  X("syscall/js.valueIndex", value_index) \
  X("syscall/js.valueSetIndex", value_set_index) \
  X("syscall/js.valueCall", value_call) \
  X("syscall/js.valueInvoke", value_invoke) \
  X("syscall/js.valueNew", value_new) \
  X("syscall/js.valueLength", value_length) \
  X("syscall/js.valuePrepareString", value_prepare_string) \
  X("syscall/js.valueLoadString", value_load_string) \
  X("syscall/js.valueInstanceOf", value_instance_of) \
  X("syscall/js.copyBytesToGo", copy_bytes_to_go) \
  X("syscall/js.copyBytesToJS", copy_bytes_to_js)

#define ENTRY(name, fn)                                                        \
  static void fn##_entry(pg_go *g, uint64_t sp) {                              \
    const char *outer = current_import;                                        \
    current_import = name;                                                     \
    fn(g, sp);                                                                 \
    current_import = outer;                                                    \
  }
GOJS_IMPORTS(ENTRY)
#undef ENTRY

static const struct {
  const char *name;
  pg_gojs_import fn;
} imports[] = {
#define ROW(name, fn) {name, fn##_entry},
    GOJS_IMPORTS(ROW)
#undef ROW
};

const char *js_import_name(size_t i) { return i < sizeof imports / sizeof imports[0] ? imports[i].name : NULL; }

pg_gojs_import pg_gojs_resolve(const char *module, const char *name) {
  bool legacy = strcmp(module, "go") == 0;
  if (!legacy && strcmp(module, "gojs") != 0) return NULL;
  if (legacy && strcmp(name, "debug") == 0) return debug;
  for (size_t i = 0; i < sizeof imports / sizeof imports[0]; i++)
    if (strcmp(imports[i].name, name) == 0) return imports[i].fn;
  return NULL;
}
