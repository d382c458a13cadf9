/*
 * js_globals.c - globalThis of the Go host: the constructors syscall/js relies on
 * (Object, Array, Uint8Array, Error and its kin, Date, Function), and what Go's standard
 * library reaches through them: crypto.getRandomValues, performance.now, process, path,
 * console, setTimeout/clearTimeout, fs (js_fs.c), and the Go object itself (id 6) with
 * _makeFuncWrapper and _pendingEvent.
 *
 * Behaviour follows node 20 as seen through Go: what Go reads and how it reacts (for
 * example process.cwd() errors carry a node error code, crypto.getRandomValues refuses
 * more than 65536 bytes like node's WebCrypto). Anything absent reads as undefined, so a
 * program that calls it gets the TypeError node would give, which Go reports.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "js_host.h"

#define ARG(i) ((i) < argc ? args[i] : js_undefined())

static bool ret(js_val *result, js_val v) {
  *result = v;
  return true;
}

/* ---- constructors ---- */

static bool ctor_object(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                        bool construct) {
  (void)self, (void)data, (void)construct;
  if (argc && args[0].kind == JS_OBJECT) return ret(result, js_retain(args[0]));
  return ret(result, js_objv(js_new_object(js)));
}

static bool object_keys(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                        bool construct) {
  (void)self, (void)data, (void)construct;
  js_val o = ARG(0);
  if (o.kind == JS_UNDEFINED || o.kind == JS_NULL)
    return js_throw(js, result, "TypeError", "Cannot convert undefined or null to object");
  js_obj *arr = js_new_array(js, 0);
  if (o.kind == JS_OBJECT) {
    js_obj *obj = o.u.o;
    char k[16];
    if (obj->cls == JSC_ARRAY)
      for (uint32_t i = 0; i < obj->u.arr.len; i++) snprintf(k, sizeof k, "%u", i), js_array_push(js, arr, js_cstring(js, k));
    if (obj->cls == JSC_UINT8ARRAY)
      for (uint32_t i = 0; i < obj->u.u8.len; i++) snprintf(k, sizeof k, "%u", i), js_array_push(js, arr, js_cstring(js, k));
    for (uint32_t i = 0; i < obj->nprops; i++) {
      js_val key = js_str_take(js, obj->props[i].key);
      js_array_push(js, arr, js_retain(key));
    }
  }
  return ret(result, js_objv(arr));
}

static bool ctor_array(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                       bool construct) {
  (void)self, (void)data, (void)construct;
  if (argc == 1 && args[0].kind == JS_NUMBER) {
    double n = args[0].u.n;
    if (n < 0 || n > 4294967295.0 || n != trunc(n)) return js_throw(js, result, "RangeError", "Invalid array length");
    if (n > JS_MAX_ARRAY) /* node makes a sparse array; pogo's are dense */
      return js_throw(js, result, "RangeError", "Invalid array length: %.0f (pogo's arrays hold at most %u elements)", n,
                      JS_MAX_ARRAY);
    return ret(result, js_objv(js_new_array(js, (uint32_t)n)));
  }
  js_obj *arr = js_new_array(js, 0);
  for (uint32_t i = 0; i < argc; i++) js_array_push(js, arr, js_retain(args[i]));
  return ret(result, js_objv(arr));
}

static bool array_is_array(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                           bool construct) {
  (void)js, (void)self, (void)data, (void)construct;
  js_val v = ARG(0);
  return ret(result, js_bool(v.kind == JS_OBJECT && v.u.o->cls == JSC_ARRAY));
}

static bool need_array(pg_js *js, js_val self, js_val *result, const char *what) {
  if (self.kind == JS_OBJECT && self.u.o->cls == JSC_ARRAY) return true;
  return js_throw(js, result, "TypeError", "Array.prototype.%s called on a non-array", what);
}

static bool array_push(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                       bool construct) {
  (void)data, (void)construct;
  if (!need_array(js, self, result, "push")) return false;
  for (uint32_t i = 0; i < argc; i++) js_array_push(js, self.u.o, js_retain(args[i]));
  return ret(result, js_num(self.u.o->u.arr.len));
}

static bool array_pop(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                      bool construct) {
  (void)args, (void)argc, (void)data, (void)construct;
  if (!need_array(js, self, result, "pop")) return false;
  js_obj *a = self.u.o;
  if (!a->u.arr.len) return ret(result, js_undefined());
  return ret(result, a->u.arr.items[--a->u.arr.len]); /* the array's reference passes to the caller */
}

static bool array_join(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                       bool construct) {
  (void)data, (void)construct;
  if (!need_array(js, self, result, "join")) return false;
  char *sep = argc && args[0].kind != JS_UNDEFINED ? js_to_cstring(js, args[0]) : strdup(",");
  js_obj *a = self.u.o;
  size_t len = 0, cap = 64;
  char *buf = malloc(cap);
  buf[0] = 0;
  for (uint32_t i = 0; i < a->u.arr.len; i++) {
    js_val e = a->u.arr.items[i];
    char *s = e.kind == JS_UNDEFINED || e.kind == JS_NULL ? strdup("") : js_to_cstring(js, e);
    size_t need = len + strlen(s) + strlen(sep) + 1;
    if (need > cap) buf = realloc(buf, cap = need * 2);
    if (i) len += (size_t)sprintf(buf + len, "%s", sep);
    len += (size_t)sprintf(buf + len, "%s", s);
    free(s);
  }
  *result = js_string(js, buf, len);
  free(buf);
  free(sep);
  return true;
}

/* forEach and map call back into Go when given js.FuncOf functions: the nested
 * Go -> host -> Go path of syscall/js programs. */
static bool array_each(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, bool map) {
  if (!need_array(js, self, result, map ? "map" : "forEach")) return false;
  js_val fn = ARG(0);
  if (!js_is_fn(fn)) return js_throw(js, result, "TypeError", "%s is not a function", "callback");
  js_obj *a = self.u.o;
  js_obj *out = map ? js_new_array(js, 0) : NULL;
  self.u.o->refs++;
  for (uint32_t i = 0; i < a->u.arr.len; i++) {
    js_val cargs[3] = {js_retain(a->u.arr.items[i]), js_num(i), self};
    js_val r;
    bool ok = js_call(js, fn, ARG(1), cargs, 3, &r);
    js_release(js, cargs[0]);
    if (!ok) {
      if (out) js_release(js, js_objv(out));
      js_release(js, self);
      *result = r;
      return false;
    }
    if (out) js_array_push(js, out, r);
    else js_release(js, r);
  }
  js_release(js, self);
  return ret(result, out ? js_objv(out) : js_undefined());
}

static bool array_for_each(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                           bool construct) {
  (void)data, (void)construct;
  return array_each(js, self, args, argc, result, false);
}

static bool array_map(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                      bool construct) {
  (void)data, (void)construct;
  return array_each(js, self, args, argc, result, true);
}

static bool ctor_u8(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                    bool construct) {
  (void)self, (void)data;
  if (!construct) return js_throw(js, result, "TypeError", "Constructor Uint8Array requires 'new'");
  js_val a = ARG(0);
  if (a.kind == JS_OBJECT && a.u.o->cls == JSC_UINT8ARRAY)
    return ret(result, js_objv(js_new_u8(js, a.u.o->u.u8.data, a.u.o->u.u8.len)));
  if (a.kind == JS_OBJECT && a.u.o->cls == JSC_ARRAY) {
    js_obj *u = js_new_u8(js, NULL, a.u.o->u.arr.len);
    for (uint32_t i = 0; i < a.u.o->u.arr.len; i++) js_set_index(js, js_objv(u), i, a.u.o->u.arr.items[i]);
    return ret(result, js_objv(u));
  }
  double n = a.kind == JS_UNDEFINED ? 0 : js_to_number(a);
  if (n != n) n = 0;
  if (n < 0 || n > 4294967295.0 || n != trunc(n)) return js_throw(js, result, "RangeError", "Invalid typed array length: %g", n);
  js_obj *u = js_try_new_u8(js, (uint32_t)n);
  if (!u) return js_throw(js, result, "RangeError", "Array buffer allocation failed");
  return ret(result, js_objv(u));
}

static bool ctor_error(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                       bool construct) {
  (void)self, (void)construct;
  const char *name = data; /* error constructors carry their own name */
  char *msg = argc && args[0].kind != JS_UNDEFINED ? js_to_cstring(js, args[0]) : strdup("");
  js_obj *e = js_new_error(js, name, msg);
  free(msg);
  return ret(result, js_objv(e));
}

static double date_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return floor((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

static bool ctor_date(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                      bool construct) {
  (void)self, (void)data;
  if (!construct) {
    /* Date() called as a function returns the current time as a string */
    time_t t = time(NULL);
    char buf[64];
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%a %b %d %Y %H:%M:%S GMT%z", &tm);
    return ret(result, js_cstring(js, buf));
  }
  double ms = argc ? js_to_number(args[0]) : date_now_ms();
  if (argc && args[0].kind == JS_OBJECT && args[0].u.o->cls == JSC_DATE) ms = args[0].u.o->u.date.ms;
  return ret(result, js_objv(js_new_date(js, ms)));
}

static bool date_now(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                     bool construct) {
  (void)js, (void)self, (void)args, (void)argc, (void)data, (void)construct;
  return ret(result, js_num(date_now_ms()));
}

static bool need_date(pg_js *js, js_val self, js_val *result) {
  if (self.kind == JS_OBJECT && self.u.o->cls == JSC_DATE) return true;
  return js_throw(js, result, "TypeError", "this is not a Date object.");
}

static bool date_get_time(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                          bool construct) {
  (void)args, (void)argc, (void)data, (void)construct;
  if (!need_date(js, self, result)) return false;
  return ret(result, js_num(self.u.o->u.date.ms));
}

/* Minutes to add to local time to get UTC at that instant, as JS defines it. */
static bool date_tz_offset(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                           bool construct) {
  (void)args, (void)argc, (void)data, (void)construct;
  if (!need_date(js, self, result)) return false;
  double ms = self.u.o->u.date.ms;
  if (ms != ms) return ret(result, js_num(NAN));
  time_t t = (time_t)floor(ms / 1000);
  struct tm tm;
  localtime_r(&t, &tm);
  return ret(result, js_num((double)(-tm.tm_gmtoff / 60)));
}

static bool date_iso(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                     bool construct) {
  (void)args, (void)argc, (void)data, (void)construct;
  if (!need_date(js, self, result)) return false;
  double ms = self.u.o->u.date.ms;
  if (ms != ms) return js_throw(js, result, "RangeError", "Invalid time value");
  time_t t = (time_t)floor(ms / 1000);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms - floor(ms / 1000) * 1000));
  return ret(result, js_cstring(js, buf));
}

static bool ctor_function(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                          bool construct) {
  (void)self, (void)args, (void)argc, (void)data, (void)construct;
  return js_throw(js, result, "EvalError", "Code generation from strings disallowed for this context");
}

/* ---- crypto, performance ---- */

static bool crypto_get_random_values(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result,
                                     void *data, bool construct) {
  (void)self, (void)data, (void)construct;
  js_val a = ARG(0);
  if (!js_is_u8(a)) return js_throw(js, result, "TypeError", "The data argument must be an integer-type TypedArray");
  uint32_t n = a.u.o->u.u8.len;
  if (n > 65536)
    return js_throw(js, result, "QuotaExceededError",
                    "The ArrayBufferView's byte length (%u) exceeds the number of bytes of entropy available via this API (65536)", n);
  for (uint32_t done = 0; done < n;) {
    ssize_t r = getrandom(a.u.o->u.u8.data + done, n - done, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return js_throw_sys(js, result, errno, "getrandom", NULL);
    }
    done += (uint32_t)r;
  }
  return ret(result, js_retain(a));
}

static bool performance_now(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                            bool construct) {
  (void)self, (void)args, (void)argc, (void)data, (void)construct;
  return ret(result, js_num((double)(js_now_ns() - js->time_origin_ns) / 1e6));
}

/* ---- process ---- */

static bool process_cwd(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                        bool construct) {
  (void)self, (void)args, (void)argc, (void)data, (void)construct;
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) return js_throw_sys(js, result, errno, "uv_cwd", NULL);
  return ret(result, js_cstring(js, buf));
}

static bool process_chdir(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                          bool construct) {
  (void)self, (void)data, (void)construct;
  if (ARG(0).kind != JS_STRING)
    return js_throw(js, result, "TypeError", "The \"directory\" argument must be of type string");
  if (chdir(js_str_data(args[0])) != 0) {
    /* node: "ENOENT: no such file or directory, chdir <cwd> -> '<dir>'", syscall chdir */
    return js_throw_sys(js, result, errno, "chdir", js_str_data(args[0]));
  }
  return ret(result, js_undefined());
}

#define ID_FN(NAME, CALL)                                                                                          \
  static bool NAME(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,          \
                   bool construct) {                                                                               \
    (void)js, (void)self, (void)args, (void)argc, (void)data, (void)construct;                                     \
    return ret(result, js_num((double)CALL));                                                                      \
  }
ID_FN(process_getuid, getuid())
ID_FN(process_getgid, getgid())
ID_FN(process_geteuid, geteuid())
ID_FN(process_getegid, getegid())
#undef ID_FN

static bool process_getgroups(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                              bool construct) {
  (void)self, (void)args, (void)argc, (void)data, (void)construct;
  gid_t groups[256];
  int n = getgroups(256, groups);
  js_obj *arr = js_new_array(js, 0);
  for (int i = 0; i < n; i++) js_array_push(js, arr, js_num(groups[i]));
  return ret(result, js_objv(arr));
}

static bool process_umask(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                          bool construct) {
  (void)js, (void)self, (void)data, (void)construct;
  mode_t old;
  if (argc && args[0].kind != JS_UNDEFINED) {
    old = umask((mode_t)js_to_number(args[0]) & 0777);
  } else {
    old = umask(0);
    umask(old);
  }
  return ret(result, js_num(old));
}

/* ---- path ---- */

/* Normalise an absolute path: collapse "//", ".", ".." (never above "/"), no
 * trailing slash except for the root. */
static char *normalise_abs(const char *p) {
  size_t n = strlen(p);
  char *out = malloc(n + 2);
  size_t o = 0;
  out[o++] = '/';
  const char *s = p;
  while (*s) {
    while (*s == '/') s++;
    const char *e = s;
    while (*e && *e != '/') e++;
    size_t len = (size_t)(e - s);
    if (len == 0 || (len == 1 && s[0] == '.')) {
    } else if (len == 2 && s[0] == '.' && s[1] == '.') {
      while (o > 1 && out[o - 1] != '/') o--;
      if (o > 1) o--;
    } else {
      if (o > 1) out[o++] = '/';
      memcpy(out + o, s, len);
      o += len;
    }
    s = e;
  }
  out[o] = 0;
  return out;
}

static bool path_resolve(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                         bool construct) {
  (void)self, (void)data, (void)construct;
  /* right to left until an absolute path, then prefix the cwd if none was */
  char *acc = strdup("");
  bool absolute = false;
  for (uint32_t i = argc; i-- > 0 && !absolute;) {
    if (args[i].kind != JS_STRING)
      return free(acc), js_throw(js, result, "TypeError", "The \"paths[%u]\" argument must be of type string", i);
    const char *seg = js_str_data(args[i]);
    if (!*seg) continue;
    size_t n = strlen(seg) + strlen(acc) + 2;
    char *joined = malloc(n);
    snprintf(joined, n, "%s%s%s", seg, *acc ? "/" : "", acc);
    free(acc);
    acc = joined;
    absolute = seg[0] == '/';
  }
  if (!absolute) {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
    size_t n = strlen(cwd) + strlen(acc) + 2;
    char *joined = malloc(n);
    snprintf(joined, n, "%s/%s", cwd, acc);
    free(acc);
    acc = joined;
  }
  char *norm = normalise_abs(acc);
  free(acc);
  *result = js_cstring(js, norm);
  free(norm);
  return true;
}

static bool path_join(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                      bool construct) {
  (void)self, (void)data, (void)construct;
  size_t cap = 2;
  for (uint32_t i = 0; i < argc; i++) {
    if (args[i].kind != JS_STRING)
      return js_throw(js, result, "TypeError", "The \"path\" argument must be of type string");
    cap += args[i].u.s->len + 1;
  }
  char *buf = malloc(cap);
  size_t o = 0;
  for (uint32_t i = 0; i < argc; i++) {
    if (!args[i].u.s->len) continue;
    if (o) buf[o++] = '/';
    memcpy(buf + o, args[i].u.s->data, args[i].u.s->len);
    o += args[i].u.s->len;
  }
  buf[o] = 0;
  if (!o) {
    free(buf);
    return ret(result, js_cstring(js, "."));
  }
  bool abs_path = buf[0] == '/', trailing = buf[o - 1] == '/';
  char *norm = normalise_abs(buf);
  const char *body = abs_path ? norm : norm + 1;
  size_t bn = strlen(body);
  char *out = malloc(bn + 3);
  snprintf(out, bn + 3, "%s%s", *body ? body : ".", trailing && bn > 1 ? "/" : "");
  *result = js_cstring(js, out);
  free(out);
  free(norm);
  free(buf);
  return true;
}

/* ---- console ---- */

static bool console_print(pg_js *js, const js_val *args, uint32_t argc, int fd) {
  size_t len = 0, cap = 64;
  char *buf = malloc(cap);
  for (uint32_t i = 0; i < argc; i++) {
    char *s = js_to_cstring(js, args[i]);
    size_t need = len + strlen(s) + 2;
    if (need > cap) buf = realloc(buf, cap = need * 2);
    if (i) buf[len++] = ' ';
    memcpy(buf + len, s, strlen(s));
    len += strlen(s);
    free(s);
  }
  buf[len++] = '\n';
  for (size_t off = 0; off < len;) {
    ssize_t w = write(js->stdio[fd], buf + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      break;
    }
    off += (size_t)w;
  }
  free(buf);
  return true;
}

static bool console_out(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                        bool construct) {
  (void)self, (void)construct;
  console_print(js, args, argc, data ? 2 : 1);
  return ret(result, js_undefined());
}

/* ---- timers from JS (runtime timers are gojs.c's scheduleTimeoutEvent) ---- */

static bool set_timeout(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                        bool construct) {
  (void)self, (void)data, (void)construct;
  js_val fn = ARG(0);
  if (!js_is_fn(fn)) return js_throw(js, result, "TypeError", "The \"callback\" argument must be of type function");
  double ms = argc > 1 ? js_to_number(args[1]) : 0;
  if (!(ms >= 1) || ms > 2147483647.0) ms = 1; /* node: below 1 or too large becomes 1 */
  uint32_t id = js_timer_add(js, (uint64_t)ms, false, fn, argc > 2 ? args + 2 : NULL, argc > 2 ? argc - 2 : 0);
  return ret(result, js_num(id));
}

static bool clear_timeout(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                          bool construct) {
  (void)self, (void)data, (void)construct;
  if (argc && args[0].kind == JS_NUMBER) js_timer_clear(js, (uint32_t)args[0].u.n, false);
  return ret(result, js_undefined());
}

static bool queue_microtask(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                            bool construct) {
  (void)self, (void)data, (void)construct;
  if (!js_is_fn(ARG(0))) return js_throw(js, result, "TypeError", "The \"callback\" argument must be of type function");
  js_enqueue_call(js, args[0], NULL, 0);
  return ret(result, js_undefined());
}

/* ---- the Go object ---- */

js_obj *js_make_go_func(pg_js *js, uint32_t id) {
  js_obj *f = js_new_function(js, "", NULL, NULL);
  f->cls = JSC_GOFUNC;
  f->u.go.id = id;
  return f;
}

static bool make_func_wrapper(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                              bool construct) {
  (void)self, (void)data, (void)construct;
  return ret(result, js_objv(js_make_go_func(js, (uint32_t)js_to_number(ARG(0)))));
}

/* Calling a js.FuncOf wrapper: what _makeFuncWrapper's function does in wasm_exec.js. */
bool js_call_go(pg_js *js, js_obj *f, js_val self, const js_val *args, uint32_t argc, js_val *result) {
  if (js->exited) return js_throw(js, result, "Error", "Go program has already exited");
  js_obj *event = js_new_object(js);
  js_put(js, event, "id", js_num(f->u.go.id));
  js_put(js, event, "this", js_retain(self));
  js_obj *arr = js_new_array(js, 0);
  for (uint32_t i = 0; i < argc; i++) js_array_push(js, arr, js_retain(args[i]));
  js_put(js, event, "args", js_objv(arr));
  js_set(js, js_objv(js->goobj), "_pendingEvent", js_objv(event));
  js_resume(js);
  *result = js_get(js, js_objv(event), "result");
  js_release(js, js_objv(event));
  return true;
}

/* ---- assembly ---- */

static js_obj *make_ctor(pg_js *js, js_obj *global, const char *name, js_native fn, js_obj *super) {
  js_obj *c = js_new_function(js, name, fn, (void *)name);
  c->u.fn.super = super;
  js_put(js, c, "prototype", js_objv(js_new_object(js)));
  js_put(js, global, name, js_objv(c));
  return c;
}

static void put_proto_fn(pg_js *js, js_obj *ctor, const char *name, js_native fn) {
  js_val proto = js_get(js, js_objv(ctor), "prototype");
  js_put_fn(js, proto.u.o, name, fn, NULL);
  js_release(js, proto);
}

void js_globals_init(pg_js *js) {
  js_obj *g = js->global = js_new_object(js);
  js_put(js, g, "globalThis", js_objv(g));  /* a cycle through the global: freed with the host */
  g->refs++;                               /* js_put released one; the host keeps it */

  js->ctor_object = make_ctor(js, g, "Object", ctor_object, NULL);
  js->ctor_function = make_ctor(js, g, "Function", ctor_function, js->ctor_object);
  js->ctor_object->ctor = js->ctor_function;
  js->ctor_function->ctor = js->ctor_function;
  g->ctor = js->ctor_object;
  js_put_fn(js, js->ctor_object, "keys", object_keys, NULL);
  js->ctor_array = make_ctor(js, g, "Array", ctor_array, js->ctor_object);
  js_put_fn(js, js->ctor_array, "isArray", array_is_array, NULL);
  put_proto_fn(js, js->ctor_array, "push", array_push);
  put_proto_fn(js, js->ctor_array, "pop", array_pop);
  put_proto_fn(js, js->ctor_array, "join", array_join);
  put_proto_fn(js, js->ctor_array, "forEach", array_for_each);
  put_proto_fn(js, js->ctor_array, "map", array_map);
  js->ctor_u8 = make_ctor(js, g, "Uint8Array", ctor_u8, js->ctor_object);
  js->ctor_error = make_ctor(js, g, "Error", ctor_error, js->ctor_object);
  static const char *const errors[] = {"TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError",
                                       "QuotaExceededError"};
  for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
    js_obj *c = make_ctor(js, g, errors[i], ctor_error, js->ctor_error);
    (void)c;
  }
  js->ctor_date = make_ctor(js, g, "Date", ctor_date, js->ctor_object);
  js_put_fn(js, js->ctor_date, "now", date_now, NULL);
  put_proto_fn(js, js->ctor_date, "getTime", date_get_time);
  put_proto_fn(js, js->ctor_date, "valueOf", date_get_time);
  put_proto_fn(js, js->ctor_date, "getTimezoneOffset", date_tz_offset);
  put_proto_fn(js, js->ctor_date, "toISOString", date_iso);

  js_obj *crypto = js_new_object(js);
  js_put_fn(js, crypto, "getRandomValues", crypto_get_random_values, NULL);
  js_put(js, g, "crypto", js_objv(crypto));

  js_obj *perf = js_new_object(js);
  js_put_fn(js, perf, "now", performance_now, NULL);
  js_put(js, perf, "timeOrigin", js_num((double)js->wall_origin_ns / 1e6));
  js_put(js, g, "performance", js_objv(perf));

  js_obj *process = js_new_object(js);
  js_put_fn(js, process, "cwd", process_cwd, NULL);
  js_put_fn(js, process, "chdir", process_chdir, NULL);
  js_put_fn(js, process, "getuid", process_getuid, NULL);
  js_put_fn(js, process, "getgid", process_getgid, NULL);
  js_put_fn(js, process, "geteuid", process_geteuid, NULL);
  js_put_fn(js, process, "getegid", process_getegid, NULL);
  js_put_fn(js, process, "getgroups", process_getgroups, NULL);
  js_put_fn(js, process, "umask", process_umask, NULL);
  js_put(js, process, "pid", js_num(getpid()));
  js_put(js, process, "ppid", js_num(getppid()));
  js_put(js, process, "platform", js_cstring(js, "linux"));
  js_put(js, process, "argv0", js_cstring(js, js->argc ? js->argv[0] : "pogo"));
  js_obj *argv = js_new_array(js, 0);
  for (int i = 0; i < js->argc; i++) js_array_push(js, argv, js_cstring(js, js->argv[i]));
  js_put(js, process, "argv", js_objv(argv));
  js_obj *env = js_new_object(js);
  for (int i = 0; i < js->nenv; i++) {
    const char *eq = strchr(js->env[i], '=');
    if (!eq) continue;
    char *key = strndup(js->env[i], (size_t)(eq - js->env[i]));
    js_put(js, env, key, js_cstring(js, eq + 1));
    free(key);
  }
  js_put(js, process, "env", js_objv(env));
  js_put(js, g, "process", js_objv(process));

  js_obj *path = js_new_object(js);
  js_put_fn(js, path, "resolve", path_resolve, NULL);
  js_put_fn(js, path, "join", path_join, NULL);
  js_put(js, path, "sep", js_cstring(js, "/"));
  js_put(js, g, "path", js_objv(path));

  js_obj *console = js_new_object(js);
  js_put_fn(js, console, "log", console_out, NULL);
  js_put_fn(js, console, "info", console_out, NULL);
  js_put_fn(js, console, "debug", console_out, NULL);
  js_put_fn(js, console, "error", console_out, js);
  js_put_fn(js, console, "warn", console_out, js);
  js_put(js, g, "console", js_objv(console));

  js_put_fn(js, g, "setTimeout", set_timeout, NULL);
  js_put_fn(js, g, "clearTimeout", clear_timeout, NULL);
  js_put_fn(js, g, "queueMicrotask", queue_microtask, NULL);
  js_put_fn(js, g, "setImmediate", queue_microtask, NULL);

  js_install_fs(js, g);

  js->goobj = js_new_object(js);
  js_put_fn(js, js->goobj, "_makeFuncWrapper", make_func_wrapper, NULL);
  js_put(js, js->goobj, "_pendingEvent", js_null());
}
