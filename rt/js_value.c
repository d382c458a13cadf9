/*
 * js_value.c - the table through which Go holds JS values, encoded exactly as
 * wasm_exec.js does, because Go compares refs bit for bit.
 *
 * A ref is 8 bytes. A number other than 0 and NaN is its own float64 bits; all-zero
 * bits are undefined; anything else is NaN-boxed: high word 0x7FF80000 | type flag
 * (0 none, 1 object, 2 string, 3 symbol, 4 function), low word the id. Ids 0..6 are
 * fixed (NaN, 0, null, true, false, globalThis, the Go object) and never freed.
 *
 * Every store adds one Go reference to the value's id (even an id Go already holds);
 * finalizeRef removes one; at zero the id is freed and reused last-in first-out.
 * Strings are found by content, so equal strings share an id, as with a JS Map.
 *
 * At most js->max_refs ids are live at once (JS_MAX_REFS unless $POGO_MAX_JS_VALUES
 * says otherwise): a guest that keeps creating values
 * without letting Go release them is stopped there (a trap naming the import), where
 * node would grow until its heap limit and abort.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js_host.h"

#define NAN_HEAD 0x7FF80000u
enum { FLAG_NONE = 0, FLAG_OBJECT = 1, FLAG_STRING = 2, FLAG_FUNCTION = 4 };
enum { ID_NAN = 0, ID_ZERO = 1, ID_NULL = 2, ID_TRUE = 3, ID_FALSE = 4, ID_GLOBAL = 5, ID_GO = 6 };

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem) {
  if (need <= *cap) return p;
  uint32_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  p = realloc(p, (size_t)c * elem);
  if (!p) {
    fputs("pogo: out of memory in the JS host\n", stderr);
    abort();
  }
  *cap = c;
  return p;
}

static uint64_t val_hash(js_val v) {
  if (v.kind == JS_STRING) return v.u.s->hash;
  /* objects are 16-byte aligned: mix the high bits of the product down, or the low
   * bits the table is indexed by would start every probe in one slot of 16 */
  uint64_t h = (uint64_t)(uintptr_t)v.u.o * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 32);
}

static uint32_t map_find(pg_js *js, js_val v) {
  if (!js->idmap_cap) return UINT32_MAX;
  uint32_t mask = js->idmap_cap - 1, i = (uint32_t)val_hash(v) & mask;
  while (js->idmap[i]) {
    uint32_t id = js->idmap[i] - 1;
    if (id != UINT32_MAX - 1 && js_same(js->values[id], v)) return id;
    i = (i + 1) & mask;
  }
  return UINT32_MAX;
}

static void map_rebuild(pg_js *js, uint32_t cap) {
  free(js->idmap);
  js->idmap = calloc(cap, sizeof *js->idmap);
  if (!js->idmap) abort();
  js->idmap_cap = cap;
  js->idmap_count = js->idmap_live = 0;
  for (uint32_t id = 7; id < js->nvalues; id++) {
    js_val v = js->values[id];
    if (v.kind != JS_STRING && v.kind != JS_OBJECT) continue;
    uint32_t i = (uint32_t)val_hash(v) & (cap - 1);
    while (js->idmap[i]) i = (i + 1) & (cap - 1);
    js->idmap[i] = id + 1;
    js->idmap_count++;
    js->idmap_live++;
  }
}

static void map_add(pg_js *js, js_val v, uint32_t id) {
  if ((js->idmap_count + 1) * 2 > js->idmap_cap) {
    /* full of live entries and tombstones: size for the live ones (Go frees refs as
     * fast as it makes them, so doubling every time would grow without bound) */
    uint32_t cap = 256;
    while ((js->idmap_live + 1) * 4 > cap) cap *= 2;
    map_rebuild(js, cap);
  }
  uint32_t mask = js->idmap_cap - 1, i = (uint32_t)val_hash(v) & mask;
  while (js->idmap[i]) i = (i + 1) & mask;
  js->idmap[i] = id + 1;
  js->idmap_count++;
  js->idmap_live++;
}

/* Deleting from open addressing: rebuild lazily is simplest and amortised cheap, since
 * ids are freed one at a time; mark the slot with a tombstone instead. */
static void map_remove(pg_js *js, js_val v, uint32_t id) {
  uint32_t mask = js->idmap_cap - 1, i = (uint32_t)val_hash(v) & mask;
  while (js->idmap[i]) {
    if (js->idmap[i] == id + 1) {
      js->idmap[i] = UINT32_MAX; /* tombstone: id UINT32_MAX - 1 never matches */
      js->idmap_live--;
      return;
    }
    i = (i + 1) & mask;
  }
}

void js_refs_init(pg_js *js) {
  js_val fixed[7] = {js_num(NAN), js_num(0), js_null(), js_bool(true), js_bool(false),
                     js_retain(js_objv(js->global)), js_retain(js_objv(js->goobj))};
  js->values = grow(NULL, &js->values_cap, 7, sizeof *js->values);
  js->refcounts = malloc(js->values_cap * sizeof *js->refcounts);
  for (uint32_t i = 0; i < 7; i++) {
    js->values[i] = fixed[i];
    js->refcounts[i] = UINT64_MAX;
  }
  js->nvalues = 7;
}

void js_refs_free(pg_js *js) {
  for (uint32_t i = 0; i < js->nvalues; i++) js_release(js, js->values[i]);
  free(js->values);
  free(js->refcounts);
  free(js->pool);
  free(js->idmap);
  js->values = NULL;
  js->refcounts = NULL;
  js->pool = NULL;
  js->idmap = NULL;
  js->nvalues = js->npool = js->idmap_cap = 0;
}

static uint64_t boxed(uint32_t flag, uint32_t id) { return (uint64_t)(NAN_HEAD | flag) << 32 | id; }

bool js_store_ref(pg_js *js, js_val v, uint64_t *ref) {
  switch (v.kind) {
  case JS_UNDEFINED: *ref = 0; return true;
  case JS_NUMBER:
    if (v.u.n != v.u.n) *ref = boxed(FLAG_NONE, ID_NAN);
    else if (v.u.n == 0) *ref = boxed(FLAG_NONE, ID_ZERO);
    else memcpy(ref, &v.u.n, 8);
    return true;
  case JS_NULL: *ref = boxed(FLAG_NONE, ID_NULL); return true;
  case JS_BOOL: *ref = boxed(FLAG_NONE, v.u.b ? ID_TRUE : ID_FALSE); return true;
  default: break;
  }
  uint32_t flag = v.kind == JS_STRING ? FLAG_STRING : js_is_fn(v) ? FLAG_FUNCTION : FLAG_OBJECT;
  uint32_t id;
  if (v.kind == JS_OBJECT && v.u.o == js->global) id = ID_GLOBAL;
  else if (v.kind == JS_OBJECT && v.u.o == js->goobj) id = ID_GO;
  else id = map_find(js, v);
  if (id == UINT32_MAX) {
    if (js->nvalues - js->npool >= js->max_refs) return false; /* a guest holding everything */
    if (js->npool) {
      id = js->pool[--js->npool];
    } else {
      id = js->nvalues++;
      uint32_t cap = js->values_cap;
      js->values = grow(js->values, &js->values_cap, js->nvalues, sizeof *js->values);
      if (cap != js->values_cap) js->refcounts = realloc(js->refcounts, js->values_cap * sizeof *js->refcounts);
    }
    js->values[id] = js_retain(v);
    js->refcounts[id] = 0;
    map_add(js, v, id);
  }
  if (js->refcounts[id] != UINT64_MAX) js->refcounts[id]++;
  *ref = boxed(flag, id);
  return true;
}

js_val js_load_ref(pg_js *js, uint64_t ref) {
  double d;
  memcpy(&d, &ref, 8);
  if (d == 0) return js_undefined(); /* also -0: wasm_exec.js compares with === 0 */
  if (d == d) return js_num(d);
  uint32_t id = (uint32_t)ref;        /* any NaN: the low word is an id */
  if (id >= js->nvalues) return js_undefined();
  return js->values[id];
}

void js_finalize_ref(pg_js *js, uint32_t id) {
  if (id >= js->nvalues || js->refcounts[id] == UINT64_MAX || js->refcounts[id] == 0) return;
  if (--js->refcounts[id]) return;
  js_val v = js->values[id];
  map_remove(js, v, id);
  js->values[id] = js_undefined();
  uint32_t cap = js->pool_cap;
  js->pool = grow(js->pool, &js->pool_cap, js->npool + 1, sizeof *js->pool);
  (void)cap;
  js->pool[js->npool++] = id;
  js_release(js, v);
}
