/*
 * js_object.c - strings, objects, properties, calls and conversions of the JS object
 * model (see js.h for ownership rules).
 *
 * Semantics follow what node does for the operations Go's syscall/js performs:
 * Reflect.get/set/deleteProperty, Reflect.apply/construct, String(v), ToNumber,
 * instanceof. Arrays and Uint8Arrays answer indices and "length"; everything else is an
 * ordinary property bag. Text from Go is decoded as TextDecoder does (invalid UTF-8 to
 * U+FFFD by maximal subpart, a leading BOM dropped).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js_host.h"

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fputs("pogo: out of memory in the JS host\n", stderr);
    abort();
  }
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) {
    fputs("pogo: out of memory in the JS host\n", stderr);
    abort();
  }
  return p;
}

/* ---- strings ---- */

static uint64_t hash_bytes(const char *p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
  return h;
}

static js_str *str_new(const char *p, size_t n) {
  js_str *s = xmalloc(sizeof *s + n + 1);
  s->refs = 1;
  s->len = (uint32_t)n;
  memcpy(s->data, p, n);
  s->data[n] = 0;
  s->hash = hash_bytes(p, n);
  return s;
}

js_val js_str_take(pg_js *js, js_str *s) {
  (void)js;
  js_val v = {JS_STRING, {.s = s}};
  return v;
}

/* WHATWG UTF-8 decode with replacement, re-encoded; returns a malloc'd buffer. */
static char *utf8_normalise(const uint8_t *p, size_t n, size_t *out_len) {
  char *out = xmalloc(n * 3 + 1);
  size_t o = 0, i = 0;
  while (i < n) {
    uint8_t c = p[i];
    if (c < 0x80) {
      out[o++] = (char)c;
      i++;
      continue;
    }
    size_t need;
    uint32_t cp;
    uint8_t lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      memcpy(out + o, "\xef\xbf\xbd", 3);
      o += 3;
      i++;
      continue;
    }
    size_t k = 1;
    bool bad = false;
    for (; k <= need; k++) {
      if (i + k >= n) {
        bad = true;
        break;
      }
      uint8_t b = p[i + k];
      if (b < lo || b > hi) {
        bad = true;
        break;
      }
      lo = 0x80;
      hi = 0xbf;
      cp = cp << 6 | (b & 0x3f);
    }
    if (bad) {
      /* one U+FFFD for the maximal subpart consumed so far */
      memcpy(out + o, "\xef\xbf\xbd", 3);
      o += 3;
      i += k;
      continue;
    }
    memcpy(out + o, p + i, need + 1);
    o += need + 1;
    i += need + 1;
    (void)cp;
  }
  out[o] = 0;
  *out_len = o;
  return out;
}

js_val js_string(pg_js *js, const char *utf8, size_t n) {
  size_t len;
  char *norm = utf8_normalise((const uint8_t *)utf8, n, &len);
  js_val v = js_str_take(js, str_new(norm, len));
  free(norm);
  return v;
}

js_val js_cstring(pg_js *js, const char *s) { return js_string(js, s, strlen(s)); }

js_val js_string_from_go(pg_js *js, const uint8_t *p, size_t n) {
  if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
    p += 3;
    n -= 3;
  }
  return js_string(js, (const char *)p, n);
}

const char *js_str_data(js_val v) { return v.kind == JS_STRING ? v.u.s->data : ""; }

/* ---- reference counting ---- */

js_val js_retain(js_val v) {
  if (v.kind == JS_STRING) v.u.s->refs++;
  else if (v.kind == JS_OBJECT) v.u.o->refs++;
  return v;
}

static void obj_free(pg_js *js, js_obj *o);

void js_release(pg_js *js, js_val v) {
  if (v.kind == JS_STRING) {
    if (--v.u.s->refs == 0) free(v.u.s);
  } else if (v.kind == JS_OBJECT) {
    if (--v.u.o->refs == 0) obj_free(js, v.u.o);
  }
}

bool js_same(js_val a, js_val b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
  case JS_UNDEFINED:
  case JS_NULL: return true;
  case JS_BOOL: return a.u.b == b.u.b;
  case JS_NUMBER: return a.u.n == b.u.n || (a.u.n != a.u.n && b.u.n != b.u.n);
  case JS_STRING: return a.u.s == b.u.s || (a.u.s->len == b.u.s->len && memcmp(a.u.s->data, b.u.s->data, a.u.s->len) == 0);
  case JS_OBJECT: return a.u.o == b.u.o;
  }
  return false;
}

/* ---- objects ---- */

static js_obj *obj_new(pg_js *js, js_class cls) {
  js_obj *o = xmalloc(sizeof *o);
  memset(o, 0, sizeof *o);
  o->refs = 1;
  o->cls = cls;
  o->next = js->objects;
  if (js->objects) js->objects->prev = o;
  js->objects = o;
  return o;
}

static void obj_clear(pg_js *js, js_obj *o) {
  js_prop *props = o->props;
  uint32_t n = o->nprops;
  o->props = NULL;
  o->nprops = o->cap = 0;
  free(o->index);
  o->index = NULL;
  o->index_cap = 0;
  for (uint32_t i = 0; i < n; i++) {
    js_release(js, js_str_take(js, props[i].key));
    js_release(js, props[i].val);
  }
  free(props);
  if (o->cls == JSC_ARRAY) {
    js_val *items = o->u.arr.items;
    uint32_t len = o->u.arr.len;
    o->u.arr.items = NULL;
    o->u.arr.len = o->u.arr.cap = 0;
    for (uint32_t i = 0; i < len; i++) js_release(js, items[i]);
    free(items);
  } else if (o->cls == JSC_UINT8ARRAY) {
    free(o->u.u8.data);
    o->u.u8.data = NULL;
  }
}

static void obj_free(pg_js *js, js_obj *o) {
  o->refs = 1; /* keep it alive while its children are released */
  obj_clear(js, o);
  if (o->prev) o->prev->next = o->next;
  else js->objects = o->next;
  if (o->next) o->next->prev = o->prev;
  free(o);
}

void js_free_all(pg_js *js) {
  /* cycles and leftovers: clear every object first (children may point anywhere), then
   * free the memory */
  for (js_obj *o = js->objects; o; o = o->next) {
    o->refs = UINT32_MAX / 2;
    obj_clear(js, o);
  }
  js_obj *o = js->objects;
  while (o) {
    js_obj *next = o->next;
    free(o);
    o = next;
  }
  js->objects = NULL;
}

js_obj *js_new_object(pg_js *js) {
  js_obj *o = obj_new(js, JSC_OBJECT);
  o->ctor = js->ctor_object;
  return o;
}

js_obj *js_new_array(pg_js *js, uint32_t len) {
  js_obj *o = obj_new(js, JSC_ARRAY);
  o->ctor = js->ctor_array;
  o->u.arr.cap = len ? len : 4;
  o->u.arr.items = xmalloc(o->u.arr.cap * sizeof(js_val));
  for (uint32_t i = 0; i < len; i++) o->u.arr.items[i] = js_undefined();
  o->u.arr.len = len;
  return o;
}

js_obj *js_try_new_u8(pg_js *js, uint32_t len) {
  uint8_t *data = calloc(len ? len : 1, 1);
  if (!data) return NULL;
  js_obj *o = obj_new(js, JSC_UINT8ARRAY);
  o->ctor = js->ctor_u8;
  o->u.u8.data = data;
  o->u.u8.len = len;
  return o;
}

js_obj *js_new_u8(pg_js *js, const uint8_t *bytes, uint32_t len) {
  if (!bytes) {
    js_obj *o = js_try_new_u8(js, len);
    if (!o) {
      fputs("pogo: out of memory in the JS host\n", stderr); /* as xmalloc */
      abort();
    }
    return o;
  }
  js_obj *o = obj_new(js, JSC_UINT8ARRAY);
  o->ctor = js->ctor_u8;
  o->u.u8.data = xmalloc(len ? len : 1);
  memcpy(o->u.u8.data, bytes, len);
  o->u.u8.len = len;
  return o;
}

js_obj *js_new_function(pg_js *js, const char *name, js_native fn, void *data) {
  js_obj *o = obj_new(js, JSC_FUNCTION);
  o->ctor = js->ctor_function;
  o->u.fn.fn = fn;
  o->u.fn.data = data;
  o->u.fn.name = name;
  return o;
}

js_obj *js_new_date(pg_js *js, double ms) {
  js_obj *o = obj_new(js, JSC_DATE);
  o->ctor = js->ctor_date;
  o->u.date.ms = ms;
  return o;
}

js_obj *js_new_error(pg_js *js, const char *ctor_name, const char *message) {
  js_obj *o = obj_new(js, JSC_ERROR);
  o->ctor = js->ctor_error;
  js_val c = js_get(js, js_objv(js->global), ctor_name);
  if (c.kind == JS_OBJECT) o->ctor = c.u.o;
  js_release(js, c);
  js_put(js, o, "message", js_cstring(js, message));
  js_put(js, o, "name", js_cstring(js, ctor_name));
  return o;
}

/* ---- properties ---- */

static bool key_eq(const js_str *a, const char *k, size_t n, uint64_t h) {
  return a->hash == h && a->len == n && memcmp(a->data, k, n) == 0;
}

static void index_rebuild(js_obj *o) {
  uint32_t cap = 16;
  while (cap < o->nprops * 2) cap *= 2;
  free(o->index);
  o->index = xmalloc(cap * sizeof *o->index);
  memset(o->index, 0, cap * sizeof *o->index);
  o->index_cap = cap;
  for (uint32_t i = 0; i < o->nprops; i++) {
    uint32_t h = (uint32_t)o->props[i].key->hash & (cap - 1);
    while (o->index[h]) h = (h + 1) & (cap - 1);
    o->index[h] = i + 1;
  }
}

static js_prop *prop_find(js_obj *o, const char *k, size_t n, uint64_t h) {
  if (o->index) {
    uint32_t i = (uint32_t)h & (o->index_cap - 1);
    while (o->index[i]) {
      js_prop *p = &o->props[o->index[i] - 1];
      if (key_eq(p->key, k, n, h)) return p;
      i = (i + 1) & (o->index_cap - 1);
    }
    return NULL;
  }
  for (uint32_t i = 0; i < o->nprops; i++)
    if (key_eq(o->props[i].key, k, n, h)) return &o->props[i];
  return NULL;
}

static void prop_set(pg_js *js, js_obj *o, js_str *key, js_val val) {
  js_prop *p = prop_find(o, key->data, key->len, key->hash);
  if (p) {
    js_val old = p->val;
    p->val = js_retain(val);
    js_release(js, old);
    return;
  }
  if (o->nprops == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 4;
    o->props = xrealloc(o->props, o->cap * sizeof *o->props);
  }
  key->refs++;
  o->props[o->nprops].key = key;
  o->props[o->nprops].val = js_retain(val);
  o->nprops++;
  if (o->nprops > 8 && (!o->index || o->nprops * 2 > o->index_cap)) index_rebuild(o);
  else if (o->index) {
    uint32_t h = (uint32_t)key->hash & (o->index_cap - 1);
    while (o->index[h]) h = (h + 1) & (o->index_cap - 1);
    o->index[h] = o->nprops;
  }
}

static void prop_delete(pg_js *js, js_obj *o, const char *k, size_t n) {
  uint64_t h = hash_bytes(k, n);
  js_prop *p = prop_find(o, k, n, h);
  if (!p) return;
  js_str *key = p->key;
  js_val val = p->val;
  memmove(p, p + 1, (size_t)(o->props + o->nprops - (p + 1)) * sizeof *p);
  o->nprops--;
  if (o->index) index_rebuild(o);
  js_release(js, js_str_take(js, key));
  js_release(js, val);
}

/* "0", "17": a canonical array index (no sign, no leading zero, < 2^32 - 1). */
static bool array_index(const char *k, size_t n, uint32_t *out) {
  if (n == 0 || n > 10 || (n > 1 && k[0] == '0')) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (k[i] < '0' || k[i] > '9') return false;
    v = v * 10 + (uint64_t)(k[i] - '0');
  }
  if (v >= 0xffffffffull) return false;
  *out = (uint32_t)v;
  return true;
}

static js_val get_own(pg_js *js, js_obj *o, const char *k, size_t n) {
  uint32_t idx;
  if (o->cls == JSC_ARRAY) {
    if (n == 6 && memcmp(k, "length", 6) == 0) return js_num(o->u.arr.len);
    if (array_index(k, n, &idx)) return idx < o->u.arr.len ? js_retain(o->u.arr.items[idx]) : js_undefined();
  } else if (o->cls == JSC_UINT8ARRAY) {
    if ((n == 6 && memcmp(k, "length", 6) == 0) || (n == 10 && memcmp(k, "byteLength", 10) == 0))
      return js_num(o->u.u8.len);
    if (array_index(k, n, &idx)) return idx < o->u.u8.len ? js_num(o->u.u8.data[idx]) : js_undefined();
  }
  js_prop *p = prop_find(o, k, n, hash_bytes(k, n));
  if (p) return js_retain(p->val);
  if (o->cls == JSC_FUNCTION && n == 4 && memcmp(k, "name", 4) == 0) return js_cstring(js, o->u.fn.name);
  /* what the prototypes provide: methods of every object and of arrays */
  if (o->ctor && o->ctor != o) {
    js_val proto = js_get(js, js_objv(o->ctor), "prototype");
    if (proto.kind == JS_OBJECT && proto.u.o != o) {
      js_prop *pp = prop_find(proto.u.o, k, n, hash_bytes(k, n));
      js_val r = pp ? js_retain(pp->val) : js_undefined();
      js_release(js, proto);
      if (r.kind != JS_UNDEFINED) return r;
    } else {
      js_release(js, proto);
    }
  }
  return js_undefined();
}

js_val js_get(pg_js *js, js_val obj, const char *key) {
  if (obj.kind == JS_STRING && strcmp(key, "length") == 0) return js_num(obj.u.s->len); /* bytes; Go never asks */
  if (obj.kind != JS_OBJECT) return js_undefined();
  return get_own(js, obj.u.o, key, strlen(key));
}

js_val js_get_str(pg_js *js, js_val obj, js_val key) {
  if (obj.kind != JS_OBJECT) return js_undefined();
  if (key.kind == JS_STRING) return get_own(js, obj.u.o, key.u.s->data, key.u.s->len);
  char *k = js_to_cstring(js, key);
  js_val r = get_own(js, obj.u.o, k, strlen(k));
  free(k);
  return r;
}

static void array_set(pg_js *js, js_obj *o, uint32_t idx, js_val val) {
  if (idx >= o->u.arr.len) {
    if (idx >= JS_MAX_ARRAY) {
      static char msg[160];
      snprintf(msg, sizeof msg, "JS host: array index %u: arrays are dense here, at most %u elements", idx, JS_MAX_ARRAY);
      pg_trap_host(js->go->hdr, msg);
    }
    if (idx >= o->u.arr.cap) {
      uint32_t cap = o->u.arr.cap ? o->u.arr.cap : 4;
      while (cap <= idx) cap *= 2; /* idx < JS_MAX_ARRAY: cannot wrap */
      o->u.arr.items = xrealloc(o->u.arr.items, cap * sizeof(js_val));
      o->u.arr.cap = cap;
    }
    for (uint32_t i = o->u.arr.len; i <= idx; i++) o->u.arr.items[i] = js_undefined();
    o->u.arr.len = idx + 1;
  }
  js_val old = o->u.arr.items[idx];
  o->u.arr.items[idx] = js_retain(val);
  js_release(js, old);
}

static uint8_t to_uint8(js_val v) {
  double d = js_to_number(v);
  if (d != d || isinf(d)) return 0;
  d = trunc(d);
  d = fmod(d, 256.0);
  if (d < 0) d += 256.0;
  return (uint8_t)d;
}

static void set_key(pg_js *js, js_obj *o, const char *k, size_t n, js_val val) {
  uint32_t idx;
  if (o->cls == JSC_ARRAY) {
    if (array_index(k, n, &idx)) {
      array_set(js, o, idx, val);
      return;
    }
    if (n == 6 && memcmp(k, "length", 6) == 0) {
      double d = js_to_number(val);
      if (d >= 0 && d < 4294967295.0 && d == trunc(d)) {
        uint32_t len = (uint32_t)d;
        while (o->u.arr.len > len) js_release(js, o->u.arr.items[--o->u.arr.len]);
        if (len > o->u.arr.len) array_set(js, o, len - 1, js_undefined());
      }
      return;
    }
  } else if (o->cls == JSC_UINT8ARRAY && array_index(k, n, &idx)) {
    if (idx < o->u.u8.len) o->u.u8.data[idx] = to_uint8(val);
    return;
  }
  js_str *key = str_new(k, n);
  prop_set(js, o, key, val);
  js_release(js, js_str_take(js, key));
}

void js_set(pg_js *js, js_val obj, const char *key, js_val val) {
  if (obj.kind == JS_OBJECT) set_key(js, obj.u.o, key, strlen(key), val);
}

void js_set_str(pg_js *js, js_val obj, js_val key, js_val val) {
  if (obj.kind != JS_OBJECT) return;
  if (key.kind == JS_STRING) {
    set_key(js, obj.u.o, key.u.s->data, key.u.s->len, val);
  } else {
    char *k = js_to_cstring(js, key);
    set_key(js, obj.u.o, k, strlen(k), val);
    free(k);
  }
}

void js_delete(pg_js *js, js_val obj, const char *key) {
  if (obj.kind == JS_OBJECT) prop_delete(js, obj.u.o, key, strlen(key));
}

js_val js_get_index(pg_js *js, js_val obj, uint32_t i) {
  char k[16];
  snprintf(k, sizeof k, "%u", i);
  return js_get(js, obj, k);
}

void js_set_index(pg_js *js, js_val obj, uint32_t i, js_val val) {
  char k[16];
  snprintf(k, sizeof k, "%u", i);
  js_set(js, obj, k, val);
}

void js_put(pg_js *js, js_obj *o, const char *key, js_val owned) {
  set_key(js, o, key, strlen(key), owned);
  js_release(js, owned);
}

void js_put_fn(pg_js *js, js_obj *o, const char *name, js_native fn, void *data) {
  js_put(js, o, name, js_objv(js_new_function(js, name, fn, data)));
}

void js_array_push(pg_js *js, js_obj *arr, js_val owned) {
  array_set(js, arr, arr->u.arr.len, owned);
  js_release(js, owned);
}

/* ---- calls ---- */

bool js_call_go(pg_js *js, js_obj *f, js_val self, const js_val *args, uint32_t argc, js_val *result);

bool js_throw(pg_js *js, js_val *result, const char *ctor_name, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  *result = js_objv(js_new_error(js, ctor_name, msg));
  return false;
}

bool js_throw_sys(pg_js *js, js_val *result, int err, const char *syscall, const char *path) {
  *result = js_objv(js_new_syserror(js, err, syscall, path));
  return false;
}

bool js_call(pg_js *js, js_val f, js_val self, const js_val *args, uint32_t argc, js_val *result) {
  if (f.kind == JS_OBJECT && f.u.o->cls == JSC_FUNCTION) {
    js_obj *o = f.u.o;
    o->refs++;
    bool ok = o->u.fn.fn(js, self, args, argc, result, o->u.fn.data, false);
    js_release(js, f);
    return ok;
  }
  if (f.kind == JS_OBJECT && f.u.o->cls == JSC_GOFUNC) return js_call_go(js, f.u.o, self, args, argc, result);
  char *s = js_to_cstring(js, f);
  bool r = js_throw(js, result, "TypeError", "%s is not a function", s);
  free(s);
  return r;
}

bool js_construct(pg_js *js, js_val f, const js_val *args, uint32_t argc, js_val *result) {
  if (f.kind == JS_OBJECT && f.u.o->cls == JSC_FUNCTION) {
    js_obj *o = f.u.o;
    o->refs++;
    bool ok = o->u.fn.fn(js, js_undefined(), args, argc, result, o->u.fn.data, true);
    js_release(js, f);
    return ok;
  }
  if (f.kind == JS_OBJECT && f.u.o->cls == JSC_GOFUNC) {
    /* an ordinary function used with new: a fresh object is `this` and the result
     * unless the function returns an object */
    js_val self = js_objv(js_new_object(js));
    js_val r;
    if (!js_call_go(js, f.u.o, self, args, argc, &r)) {
      js_release(js, self);
      *result = r;
      return false;
    }
    if (r.kind == JS_OBJECT) {
      js_release(js, self);
      *result = r;
    } else {
      js_release(js, r);
      *result = self;
    }
    return true;
  }
  char *s = js_to_cstring(js, f);
  bool r = js_throw(js, result, "TypeError", "%s is not a constructor", s);
  free(s);
  return r;
}

bool js_call_method(pg_js *js, js_val obj, const char *method, const js_val *args, uint32_t argc, js_val *result) {
  if (obj.kind == JS_UNDEFINED || obj.kind == JS_NULL)
    return js_throw(js, result, "TypeError", "Cannot read properties of %s (reading '%s')",
                    obj.kind == JS_NULL ? "null" : "undefined", method);
  js_val f = js_get(js, obj, method);
  if (!js_is_fn(f)) {
    js_release(js, f);
    return js_throw(js, result, "TypeError", "%s is not a function", method);
  }
  bool ok = js_call(js, f, obj, args, argc, result);
  js_release(js, f);
  return ok;
}

/* ---- conversions ---- */

static double string_to_number(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  if (n == 0) return 0;
  char buf[512];
  if (n >= sizeof buf) return NAN;
  memcpy(buf, s, n);
  buf[n] = 0;
  if (!strcmp(buf, "Infinity") || !strcmp(buf, "+Infinity")) return INFINITY;
  if (!strcmp(buf, "-Infinity")) return -INFINITY;
  if (buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X')) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(buf + 2, &end, 16);
    return *end || buf[2] == 0 ? NAN : (double)v;
  }
  for (const char *p = buf; *p; p++)
    if (!strchr("0123456789+-.eE", *p)) return NAN;
  char *end;
  double d = strtod(buf, &end);
  return *end ? NAN : d;
}

double js_to_number(js_val v) {
  switch (v.kind) {
  case JS_UNDEFINED: return NAN;
  case JS_NULL: return 0;
  case JS_BOOL: return v.u.b ? 1 : 0;
  case JS_NUMBER: return v.u.n;
  case JS_STRING: return string_to_number(v.u.s->data);
  case JS_OBJECT:
    if (v.u.o->cls == JSC_DATE) return v.u.o->u.date.ms;
    return NAN;
  }
  return NAN;
}

bool js_truthy(js_val v) {
  switch (v.kind) {
  case JS_UNDEFINED:
  case JS_NULL: return false;
  case JS_BOOL: return v.u.b;
  case JS_NUMBER: return v.u.n != 0 && v.u.n == v.u.n;
  case JS_STRING: return v.u.s->len != 0;
  case JS_OBJECT: return true;
  }
  return false;
}

/* Number::toString(10): the shortest digits that round-trip, laid out by the
 * ECMAScript rules (plain up to 21 integer digits, 0.000001 down to 1e-7). */
const char *js_number_text(double d, char *buf, size_t cap) {
  if (d != d) return snprintf(buf, cap, "NaN"), buf;
  if (d == 0) return snprintf(buf, cap, "0"), buf;
  if (isinf(d)) return snprintf(buf, cap, d < 0 ? "-Infinity" : "Infinity"), buf;
  char e[40];
  int prec = 1;
  for (; prec <= 17; prec++) {
    snprintf(e, sizeof e, "%.*e", prec - 1, d);
    if (strtod(e, NULL) == d) break;
  }
  /* e = "-d.ddde+XX": split into sign, digits, exponent */
  const char *p = e;
  bool neg = *p == '-';
  if (neg) p++;
  char digits[24];
  int k = 0;
  for (; *p && *p != 'e'; p++)
    if (*p != '.') digits[k++] = *p;
  while (k > 1 && digits[k - 1] == '0') k--;
  digits[k] = 0;
  int n = atoi(p + 1) + 1; /* decimal point position */
  char out[64];
  int o = 0;
  if (neg) out[o++] = '-';
  if (k <= n && n <= 21) {
    memcpy(out + o, digits, (size_t)k);
    o += k;
    for (int i = 0; i < n - k; i++) out[o++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(out + o, digits, (size_t)n);
    o += n;
    out[o++] = '.';
    memcpy(out + o, digits + n, (size_t)(k - n));
    o += k - n;
  } else if (-6 < n && n <= 0) {
    out[o++] = '0';
    out[o++] = '.';
    for (int i = 0; i < -n; i++) out[o++] = '0';
    memcpy(out + o, digits, (size_t)k);
    o += k;
  } else {
    out[o++] = digits[0];
    if (k > 1) {
      out[o++] = '.';
      memcpy(out + o, digits + 1, (size_t)(k - 1));
      o += k - 1;
    }
    o += snprintf(out + o, sizeof out - (size_t)o, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
  }
  out[o] = 0;
  snprintf(buf, cap, "%s", out);
  return buf;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
  if (*len + n + 1 > *cap) {
    while (*len + n + 1 > *cap) *cap = *cap ? *cap * 2 : 64;
    *buf = xrealloc(*buf, *cap);
  }
  memcpy(*buf + *len, s, n);
  *len += n;
  (*buf)[*len] = 0;
}

char *js_to_cstring(pg_js *js, js_val v) {
  char num[64];
  switch (v.kind) {
  case JS_UNDEFINED: return strdup("undefined");
  case JS_NULL: return strdup("null");
  case JS_BOOL: return strdup(v.u.b ? "true" : "false");
  case JS_NUMBER: return strdup(js_number_text(v.u.n, num, sizeof num));
  case JS_STRING: return strdup(v.u.s->data);
  case JS_OBJECT: break;
  }
  js_obj *o = v.u.o;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  switch (o->cls) {
  case JSC_ARRAY:
    append(&buf, &len, &cap, "", 0);
    for (uint32_t i = 0; i < o->u.arr.len; i++) {
      if (i) append(&buf, &len, &cap, ",", 1);
      js_val e = o->u.arr.items[i];
      if (e.kind == JS_UNDEFINED || e.kind == JS_NULL) continue;
      char *s = js_to_cstring(js, e);
      append(&buf, &len, &cap, s, strlen(s));
      free(s);
    }
    return buf;
  case JSC_UINT8ARRAY:
    append(&buf, &len, &cap, "", 0);
    for (uint32_t i = 0; i < o->u.u8.len; i++) {
      int n = snprintf(num, sizeof num, "%s%u", i ? "," : "", o->u.u8.data[i]);
      append(&buf, &len, &cap, num, (size_t)n);
    }
    return buf;
  case JSC_FUNCTION:
  case JSC_GOFUNC: {
    const char *name = o->cls == JSC_FUNCTION ? o->u.fn.name : "";
    size_t n = strlen(name) + 64;
    buf = xmalloc(n);
    snprintf(buf, n, "function %s() { [native code] }", name);
    return buf;
  }
  case JSC_ERROR: {
    js_val name = js_get(js, v, "name"), msg = js_get(js, v, "message");
    char *ns = name.kind == JS_UNDEFINED ? strdup("Error") : js_to_cstring(js, name);
    char *ms = msg.kind == JS_UNDEFINED ? strdup("") : js_to_cstring(js, msg);
    js_release(js, name);
    js_release(js, msg);
    size_t n = strlen(ns) + strlen(ms) + 3;
    buf = xmalloc(n);
    if (*ms) snprintf(buf, n, "%s: %s", ns, ms);
    else snprintf(buf, n, "%s", ns);
    free(ns);
    free(ms);
    return buf;
  }
  default:
    return strdup("[object Object]");
  }
}

bool js_instance_of(js_val v, js_val ctor) {
  if (v.kind != JS_OBJECT || ctor.kind != JS_OBJECT) return false;
  js_obj *c = ctor.u.o;
  js_obj *made = v.u.o->ctor;
  for (int depth = 0; made && depth < 8; depth++) {
    if (made == c) return true;
    /* constructors record the one they extend (TypeError -> Error, everything -> Object) */
    made = made->cls == JSC_FUNCTION ? made->u.fn.super : NULL;
  }
  return false;
}
