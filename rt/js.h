/*
 * js.h - the JavaScript object model of pogo's Go GOOS=js host, internal to rt/.
 *
 * Go's syscall/js talks to a JS engine through the gojs imports; pogo has no JS engine,
 * only the objects Go's standard library (and ordinary syscall/js programs) use:
 * undefined, null, booleans, numbers, strings, plain objects, arrays, functions
 * (native C functions and Go js.FuncOf wrappers), Uint8Array, Error and Date.
 *
 * Ownership: strings and objects are reference counted. A js_val returned by a function
 * is owned by the caller (release it); arguments are borrowed. Properties, array
 * elements and the Go-visible id table each hold one reference. Reference cycles are
 * not collected; everything left is freed with the instance.
 *
 * Exceptions: a native function that throws returns false and leaves the thrown value
 * (owned) in *result, exactly what Go's valueCall stores with ok = 0.
 *
 * Invariant: strings are valid UTF-8 (text from Go is normalised on the way in, as a
 * TextDecoder would); one pg_js belongs to one instance and one thread.
 */
#ifndef PG_JS_H
#define PG_JS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pg_js pg_js;
typedef struct js_obj js_obj;
typedef struct js_str js_str;

typedef enum js_kind { JS_UNDEFINED, JS_NULL, JS_BOOL, JS_NUMBER, JS_STRING, JS_OBJECT } js_kind;

typedef struct js_val {
  js_kind kind;
  union {
    bool b;
    double n;
    js_str *s;
    js_obj *o;
  } u;
} js_val;

struct js_str {
  uint32_t refs;
  uint32_t len;   /* bytes */
  uint64_t hash;
  char data[];    /* UTF-8, NUL-terminated */
};

/* Native function: this, args borrowed; returns true with *result owned, or false with
 * the thrown value owned in *result. `construct` is true for `new F(...)`. */
typedef bool (*js_native)(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result,
                          void *data, bool construct);

typedef enum js_class {
  JSC_OBJECT, JSC_ARRAY, JSC_FUNCTION, JSC_GOFUNC, JSC_UINT8ARRAY, JSC_ERROR, JSC_DATE,
} js_class;

typedef struct js_prop {
  js_str *key;
  js_val val;
} js_prop;

struct js_obj {
  uint32_t refs;
  js_class cls;
  js_obj *ctor;            /* constructor that made it (instanceof), or NULL */
  js_prop *props;
  uint32_t nprops, cap;
  uint32_t *index;         /* open-addressing index into props once there are many */
  uint32_t index_cap;
  union {
    struct { js_val *items; uint32_t len, cap; } arr;          /* JSC_ARRAY */
    struct { uint8_t *data; uint32_t len; } u8;                /* JSC_UINT8ARRAY (owned bytes) */
    struct { js_native fn; void *data; const char *name; js_obj *super; } fn; /* JSC_FUNCTION; super: the
                                        constructor this one extends, for instanceof */
    struct { uint32_t id; } go;                                /* JSC_GOFUNC */
    struct { double ms; } date;                                /* JSC_DATE */
  } u;
  js_obj *next, *prev;     /* every live object, freed with the instance */
};

/* ---- values ---- */
static inline js_val js_undefined(void) { js_val v = {JS_UNDEFINED, {.b = false}}; return v; }
static inline js_val js_null(void) { js_val v = {JS_NULL, {.b = false}}; return v; }
static inline js_val js_bool(bool b) { js_val v = {JS_BOOL, {.b = b}}; return v; }
static inline js_val js_num(double n) { js_val v = {JS_NUMBER, {.n = n}}; return v; }
static inline js_val js_objv(js_obj *o) { js_val v = {JS_OBJECT, {.o = o}}; return v; }
static inline bool js_is_obj(js_val v) { return v.kind == JS_OBJECT; }
static inline bool js_is_fn(js_val v) {
  return v.kind == JS_OBJECT && (v.u.o->cls == JSC_FUNCTION || v.u.o->cls == JSC_GOFUNC);
}
static inline bool js_is_u8(js_val v) { return v.kind == JS_OBJECT && v.u.o->cls == JSC_UINT8ARRAY; }

js_val js_retain(js_val v);             /* returns v with one more reference */
void js_release(pg_js *js, js_val v);
bool js_same(js_val a, js_val b);       /* SameValueZero, strings by content */

/* Strings: text is taken as UTF-8 and normalised (invalid sequences -> U+FFFD). */
js_val js_string(pg_js *js, const char *utf8, size_t n);
js_val js_cstring(pg_js *js, const char *s);
/* As a TextDecoder does for Go's strings: also drops a leading BOM. */
js_val js_string_from_go(pg_js *js, const uint8_t *p, size_t n);
const char *js_str_data(js_val v);      /* NUL-terminated UTF-8 of a JS_STRING */

/* ---- objects ---- */
js_obj *js_new_object(pg_js *js);                   /* refs = 1 */
/* Limits on what one guest request can make the host allocate: a string from Go of more
 * bytes than V8 allows characters (Go's import traps, as node's TextDecoder throws),
 * and a dense array of more elements (Array(n) throws a RangeError, a store at a
 * higher index traps; node would switch to a sparse array). */
#define JS_MAX_STRING 536870888u
#define JS_MAX_ARRAY (1u << 26)
js_obj *js_new_array(pg_js *js, uint32_t len);      /* elements undefined; len <= JS_MAX_ARRAY */
js_obj *js_new_u8(pg_js *js, const uint8_t *bytes, uint32_t len); /* copies; NULL bytes = zeros */
/* A zeroed Uint8Array whose pages are only touched when written, or NULL when the
 * memory cannot be had (new Uint8Array(n) then throws, as in V8). */
js_obj *js_try_new_u8(pg_js *js, uint32_t len);
js_obj *js_new_function(pg_js *js, const char *name, js_native fn, void *data);
js_obj *js_new_error(pg_js *js, const char *ctor_name, const char *message); /* Error, TypeError, ... */
/* node-style system error: message "<CODE>: <text>, <syscall> '<path>'", code, errno, syscall. */
js_obj *js_new_syserror(pg_js *js, int err, const char *syscall, const char *path);
js_obj *js_new_date(pg_js *js, double ms);

/* Property access with JS semantics (Reflect.get/set/deleteProperty): arrays and
 * Uint8Arrays answer "length" and indices; functions answer "name". get returns owned. */
js_val js_get(pg_js *js, js_val obj, const char *key);
js_val js_get_str(pg_js *js, js_val obj, js_val key);
void js_set(pg_js *js, js_val obj, const char *key, js_val val);      /* val borrowed */
void js_set_str(pg_js *js, js_val obj, js_val key, js_val val);
void js_delete(pg_js *js, js_val obj, const char *key);
js_val js_get_index(pg_js *js, js_val obj, uint32_t i);
void js_set_index(pg_js *js, js_val obj, uint32_t i, js_val val);
/* Helpers for building objects in C: set and release val in one step. */
void js_put(pg_js *js, js_obj *o, const char *key, js_val owned);
void js_put_fn(pg_js *js, js_obj *o, const char *name, js_native fn, void *data);
void js_array_push(pg_js *js, js_obj *arr, js_val owned);

/* ---- calls ---- */
/* Call f with this and args; false if it threw (exception owned in *result). A Go
 * function wrapper runs Go re-entrantly (through the host's resume). */
bool js_call(pg_js *js, js_val f, js_val self, const js_val *args, uint32_t argc, js_val *result);
bool js_construct(pg_js *js, js_val f, const js_val *args, uint32_t argc, js_val *result);
/* obj[method](...args), throwing TypeError "<method> is not a function" like node. */
bool js_call_method(pg_js *js, js_val obj, const char *method, const js_val *args, uint32_t argc,
                    js_val *result);
/* Throw helpers: set *result to a new error and return false. */
bool js_throw(pg_js *js, js_val *result, const char *ctor_name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool js_throw_sys(pg_js *js, js_val *result, int err, const char *syscall, const char *path);

/* ---- conversions ---- */
double js_to_number(js_val v);          /* ToNumber for the kinds above */
bool js_truthy(js_val v);
/* String(v) into a malloc'd UTF-8 buffer (numbers in JS's shortest form). */
char *js_to_cstring(pg_js *js, js_val v);
/* JS Number::toString into buf (at least 32 bytes). */
const char *js_number_text(double n, char *buf, size_t cap);
bool js_instance_of(js_val v, js_val ctor);

/* ---- the host around the object model (js_globals.c, js_fs.c, loop.c) ---- */
js_obj *js_global(pg_js *js);           /* borrowed */
js_obj *js_go_object(pg_js *js);        /* the Go instance object (id 6), borrowed */
/* Queue f(args) to run from the event loop once Go has paused (node's callback
 * model); args are borrowed and retained. */
void js_enqueue_call(pg_js *js, js_val f, const js_val *args, uint32_t argc);
/* Register a file descriptor the loop must wait on before calling done(js, data). */
void js_wait_readable(pg_js *js, int fd, void (*done)(pg_js *js, void *data), void *data);
/* Installers called while the global object is built. */
void js_install_fs(pg_js *js, js_obj *global);

#endif /* PG_JS_H */
