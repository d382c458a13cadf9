/*
 * pprof.c - profiles in pprof's protocol buffer format (see pprof.h).
 *
 * The encoding is protobuf's wire format written by hand: every field is a varint key
 * (field number << 3 | wire type) followed by a varint (wire type 0) or a length and
 * bytes (wire type 2: strings, nested messages, packed repeated integers). A nested
 * message is encoded into a scratch buffer first, so its length is known before it is
 * written. Field numbers are those of profile.proto (perftools.profiles.Profile).
 *
 * Invariant: ids are dense and start at 1 (mappings, functions, locations), string 0
 * is "", and every id a sample or location names exists, as pprof requires.
 */
#define _POSIX_C_SOURCE 200809L
#include "pprof.h"

#include <stdlib.h>
#include <string.h>

/* ---- growable arrays and byte buffers ---- */

typedef struct pb {
  uint8_t *data;
  size_t len, cap;
  bool failed;
} pb;

static bool grow(void **data, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return true;
  size_t n = *cap ? *cap : 16;
  while (n < need) n *= 2;
  void *d = realloc(*data, n * elem);
  if (!d) return false;
  *data = d;
  *cap = n;
  return true;
}

static void pb_put(pb *b, const void *p, size_t n) {
  if (b->failed) return;
  if (!grow((void **)&b->data, &b->cap, b->len + n, 1)) {
    b->failed = true;
    return;
  }
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void pb_varint(pb *b, uint64_t v) {
  uint8_t tmp[10];
  size_t n = 0;
  while (v >= 0x80) {
    tmp[n++] = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  tmp[n++] = (uint8_t)v;
  pb_put(b, tmp, n);
}

enum { WIRE_VARINT = 0, WIRE_BYTES = 2 };

static void pb_key(pb *b, unsigned field, unsigned wire) { pb_varint(b, (uint64_t)field << 3 | wire); }

/* An integer field; proto3 leaves zero values out. */
static void pb_int(pb *b, unsigned field, uint64_t v) {
  if (!v) return;
  pb_key(b, field, WIRE_VARINT);
  pb_varint(b, v);
}

static void pb_bytes(pb *b, unsigned field, const void *p, size_t n) {
  pb_key(b, field, WIRE_BYTES);
  pb_varint(b, n);
  pb_put(b, p, n);
}

/* A nested message from its scratch buffer, which is emptied for the next one. */
static void pb_message(pb *b, unsigned field, pb *msg) {
  if (msg->failed) b->failed = true;
  pb_bytes(b, field, msg->data, msg->len);
  msg->len = 0;
}

static void pb_packed(pb *b, unsigned field, pb *scratch, const uint64_t *v, size_t n) {
  if (!n) return;
  for (size_t i = 0; i < n; i++) pb_varint(scratch, v[i]);
  pb_message(b, field, scratch);
}

/* ---- interning: open addressing over entry indices ---- */

typedef struct table {
  uint32_t *slot; /* entry index + 1, 0 = empty */
  size_t cap, n;
} table;

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

static uint64_t hash_str(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
  return h;
}

typedef struct func {
  uint64_t name, file; /* string indices */
} func;

typedef struct loc {
  uint64_t address, mapping, func;
  int64_t line;
} loc;

typedef struct mapping {
  uint64_t start, limit, offset, file;
  bool has_functions;
} mapping;

typedef struct sample {
  size_t first, n; /* location ids in pg_pprof.stack */
  int64_t value[4];
} sample;

typedef struct value_type {
  uint64_t type, unit;
} value_type;

struct pg_pprof {
  bool failed;
  char **str;
  size_t nstr, str_cap;
  table str_index;
  func *fn;
  size_t nfn, fn_cap;
  table fn_index;
  loc *loc;
  size_t nloc, loc_cap;
  table loc_index;
  mapping *map;
  size_t nmap, map_cap;
  uint64_t *stack;
  size_t nstack, stack_cap;
  sample *smp;
  size_t nsmp, smp_cap;
  value_type types[4];
  size_t ntypes;
  value_type period_type;
  int64_t period, time_nanos, duration_nanos;
  uint64_t *comments;
  size_t ncomments, comments_cap;
};

static uint64_t entry_hash(const pg_pprof *p, const table *t, uint32_t i) {
  if (t == &p->str_index) return hash_str(p->str[i]);
  if (t == &p->fn_index) return mix(p->fn[i].name * 31 + p->fn[i].file);
  return mix(p->loc[i].address);
}

/* Double the table and re-place every entry; false when out of memory. */
static bool rehash(pg_pprof *p, table *t) {
  size_t cap = t->cap ? t->cap * 2 : 64;
  uint32_t *slot = calloc(cap, sizeof *slot);
  if (!slot) return false;
  for (size_t k = 0; k < t->cap; k++) {
    if (!t->slot[k]) continue;
    size_t j = entry_hash(p, t, t->slot[k] - 1) & (cap - 1);
    while (slot[j]) j = (j + 1) & (cap - 1);
    slot[j] = t->slot[k];
  }
  free(t->slot);
  t->slot = slot;
  t->cap = cap;
  return true;
}

/* The slot of the entry with hash h that eq() accepts, or the empty slot for it. */
#define PROBE(p, t, h, eq, out)                                                                \
  do {                                                                                         \
    size_t j_ = (h) & ((t)->cap - 1);                                                          \
    for (;;) {                                                                                 \
      uint32_t e_ = (t)->slot[j_];                                                             \
      if (!e_) break;                                                                          \
      uint32_t i = e_ - 1;                                                                     \
      if (eq) break;                                                                           \
      j_ = (j_ + 1) & ((t)->cap - 1);                                                          \
    }                                                                                          \
    (out) = &(t)->slot[j_];                                                                    \
  } while (0)

static bool make_room(pg_pprof *p, table *t) {
  if ((t->n + 1) * 2 <= t->cap) return true;
  if (!rehash(p, t)) p->failed = true;
  return !p->failed;
}

/* ---- building ---- */

pg_pprof *pg_pprof_new(void) {
  pg_pprof *p = calloc(1, sizeof *p);
  if (p && pg_pprof_string(p, "") != 0) p->failed = true;
  return p;
}

void pg_pprof_free(pg_pprof *p) {
  if (!p) return;
  for (size_t i = 0; i < p->nstr; i++) free(p->str[i]);
  free(p->str);
  free(p->str_index.slot);
  free(p->fn);
  free(p->fn_index.slot);
  free(p->loc);
  free(p->loc_index.slot);
  free(p->map);
  free(p->stack);
  free(p->smp);
  free(p->comments);
  free(p);
}

uint64_t pg_pprof_string(pg_pprof *p, const char *s) {
  if (p->failed) return 0;
  if (!s) s = "";
  if (!make_room(p, &p->str_index)) return 0;
  uint32_t *slot;
  uint64_t h = hash_str(s);
  PROBE(p, &p->str_index, h, !strcmp(p->str[i], s), slot);
  if (*slot) return *slot - 1;
  char *copy = strdup(s);
  if (!copy || !grow((void **)&p->str, &p->str_cap, p->nstr + 1, sizeof *p->str)) {
    free(copy);
    p->failed = true;
    return 0;
  }
  p->str[p->nstr++] = copy;
  *slot = (uint32_t)p->nstr;
  p->str_index.n++;
  return p->nstr - 1;
}

void pg_pprof_sample_type(pg_pprof *p, const char *type, const char *unit) {
  if (p->ntypes == sizeof p->types / sizeof p->types[0]) return;
  value_type v = {pg_pprof_string(p, type), pg_pprof_string(p, unit)};
  p->types[p->ntypes++] = v;
}

void pg_pprof_period(pg_pprof *p, const char *type, const char *unit, int64_t period) {
  p->period_type.type = pg_pprof_string(p, type);
  p->period_type.unit = pg_pprof_string(p, unit);
  p->period = period;
}

void pg_pprof_time(pg_pprof *p, int64_t time_nanos, int64_t duration_nanos) {
  p->time_nanos = time_nanos;
  p->duration_nanos = duration_nanos;
}

void pg_pprof_comment(pg_pprof *p, const char *text) {
  uint64_t s = pg_pprof_string(p, text);
  if (p->failed || !grow((void **)&p->comments, &p->comments_cap, p->ncomments + 1, sizeof *p->comments)) {
    p->failed = true;
    return;
  }
  p->comments[p->ncomments++] = s;
}

uint64_t pg_pprof_mapping(pg_pprof *p, uint64_t start, uint64_t limit, uint64_t offset, const char *file,
                          bool has_functions) {
  uint64_t f = pg_pprof_string(p, file);
  if (p->failed || !grow((void **)&p->map, &p->map_cap, p->nmap + 1, sizeof *p->map)) {
    p->failed = true;
    return 0;
  }
  p->map[p->nmap++] = (mapping){start, limit, offset, f, has_functions};
  return p->nmap;
}

uint64_t pg_pprof_function(pg_pprof *p, const char *name, const char *file) {
  func key = {pg_pprof_string(p, name), pg_pprof_string(p, file)};
  if (p->failed || !make_room(p, &p->fn_index)) return 0;
  uint32_t *slot;
  uint64_t h = mix(key.name * 31 + key.file);
  PROBE(p, &p->fn_index, h, p->fn[i].name == key.name && p->fn[i].file == key.file, slot);
  if (*slot) return *slot;
  if (!grow((void **)&p->fn, &p->fn_cap, p->nfn + 1, sizeof *p->fn)) {
    p->failed = true;
    return 0;
  }
  p->fn[p->nfn++] = key;
  *slot = (uint32_t)p->nfn;
  p->fn_index.n++;
  return p->nfn;
}

uint64_t pg_pprof_location(pg_pprof *p, uint64_t address, uint64_t mapping_id, uint64_t func_id, int64_t line) {
  if (p->failed || !make_room(p, &p->loc_index)) return 0;
  uint32_t *slot = NULL;
  if (address) {
    uint64_t h = mix(address);
    PROBE(p, &p->loc_index, h, p->loc[i].address == address, slot);
    if (*slot) return *slot;
  }
  if (!grow((void **)&p->loc, &p->loc_cap, p->nloc + 1, sizeof *p->loc)) {
    p->failed = true;
    return 0;
  }
  p->loc[p->nloc++] = (loc){address, mapping_id, func_id, line};
  if (slot) {
    *slot = (uint32_t)p->nloc;
    p->loc_index.n++;
  }
  return p->nloc;
}

void pg_pprof_sample(pg_pprof *p, const uint64_t *locs, size_t nlocs, const int64_t *values) {
  if (p->failed || !grow((void **)&p->stack, &p->stack_cap, p->nstack + nlocs, sizeof *p->stack) ||
      !grow((void **)&p->smp, &p->smp_cap, p->nsmp + 1, sizeof *p->smp)) {
    p->failed = true;
    return;
  }
  sample *s = &p->smp[p->nsmp++];
  memset(s, 0, sizeof *s);
  s->first = p->nstack;
  s->n = nlocs;
  memcpy(p->stack + p->nstack, locs, nlocs * sizeof *locs);
  p->nstack += nlocs;
  for (size_t i = 0; i < p->ntypes; i++) s->value[i] = values[i];
}

/* ---- encoding ---- */

/* Field numbers of profile.proto. */
enum {
  PROFILE_SAMPLE_TYPE = 1, PROFILE_SAMPLE = 2, PROFILE_MAPPING = 3, PROFILE_LOCATION = 4, PROFILE_FUNCTION = 5,
  PROFILE_STRING_TABLE = 6, PROFILE_TIME_NANOS = 9, PROFILE_DURATION_NANOS = 10, PROFILE_PERIOD_TYPE = 11,
  PROFILE_PERIOD = 12, PROFILE_COMMENT = 13,
  VALUE_TYPE_TYPE = 1, VALUE_TYPE_UNIT = 2,
  SAMPLE_LOCATION_ID = 1, SAMPLE_VALUE = 2,
  MAPPING_ID = 1, MAPPING_START = 2, MAPPING_LIMIT = 3, MAPPING_OFFSET = 4, MAPPING_FILENAME = 5,
  MAPPING_HAS_FUNCTIONS = 7,
  LOCATION_ID = 1, LOCATION_MAPPING_ID = 2, LOCATION_ADDRESS = 3, LOCATION_LINE = 4,
  LINE_FUNCTION_ID = 1, LINE_LINE = 2,
  FUNCTION_ID = 1, FUNCTION_NAME = 2, FUNCTION_SYSTEM_NAME = 3, FUNCTION_FILENAME = 4,
};

static void put_value_type(pb *b, unsigned field, pb *m, value_type v) {
  pb_int(m, VALUE_TYPE_TYPE, v.type);
  pb_int(m, VALUE_TYPE_UNIT, v.unit);
  pb_message(b, field, m);
}

bool pg_pprof_encode(pg_pprof *p, uint8_t **out, size_t *len) {
  *out = NULL;
  *len = 0;
  if (p->failed) return false;
  pb b = {0}, m = {0}, sub = {0};
  for (size_t i = 0; i < p->ntypes; i++) put_value_type(&b, PROFILE_SAMPLE_TYPE, &m, p->types[i]);
  for (size_t i = 0; i < p->nsmp; i++) {
    const sample *s = &p->smp[i];
    pb_packed(&m, SAMPLE_LOCATION_ID, &sub, p->stack + s->first, s->n);
    uint64_t v[4];
    for (size_t k = 0; k < p->ntypes; k++) v[k] = (uint64_t)s->value[k]; /* int64 is a plain varint */
    pb_packed(&m, SAMPLE_VALUE, &sub, v, p->ntypes);
    pb_message(&b, PROFILE_SAMPLE, &m);
  }
  for (size_t i = 0; i < p->nmap; i++) {
    const mapping *mp = &p->map[i];
    pb_int(&m, MAPPING_ID, i + 1);
    pb_int(&m, MAPPING_START, mp->start);
    pb_int(&m, MAPPING_LIMIT, mp->limit);
    pb_int(&m, MAPPING_OFFSET, mp->offset);
    pb_int(&m, MAPPING_FILENAME, mp->file);
    pb_int(&m, MAPPING_HAS_FUNCTIONS, mp->has_functions);
    pb_message(&b, PROFILE_MAPPING, &m);
  }
  for (size_t i = 0; i < p->nloc; i++) {
    const loc *l = &p->loc[i];
    pb_int(&m, LOCATION_ID, i + 1);
    pb_int(&m, LOCATION_MAPPING_ID, l->mapping);
    pb_int(&m, LOCATION_ADDRESS, l->address);
    if (l->func) {
      pb_int(&sub, LINE_FUNCTION_ID, l->func);
      pb_int(&sub, LINE_LINE, (uint64_t)l->line);
      pb_message(&m, LOCATION_LINE, &sub);
    }
    pb_message(&b, PROFILE_LOCATION, &m);
  }
  for (size_t i = 0; i < p->nfn; i++) {
    pb_int(&m, FUNCTION_ID, i + 1);
    pb_int(&m, FUNCTION_NAME, p->fn[i].name);
    pb_int(&m, FUNCTION_SYSTEM_NAME, p->fn[i].name);
    pb_int(&m, FUNCTION_FILENAME, p->fn[i].file);
    pb_message(&b, PROFILE_FUNCTION, &m);
  }
  for (size_t i = 0; i < p->nstr; i++) pb_bytes(&b, PROFILE_STRING_TABLE, p->str[i], strlen(p->str[i]));
  pb_int(&b, PROFILE_TIME_NANOS, (uint64_t)p->time_nanos);
  pb_int(&b, PROFILE_DURATION_NANOS, (uint64_t)p->duration_nanos);
  if (p->period_type.type) put_value_type(&b, PROFILE_PERIOD_TYPE, &m, p->period_type);
  pb_int(&b, PROFILE_PERIOD, (uint64_t)p->period);
  for (size_t i = 0; i < p->ncomments; i++) pb_int(&b, PROFILE_COMMENT, p->comments[i]);
  bool ok = !b.failed && !m.failed && !sub.failed;
  free(m.data);
  free(sub.data);
  if (!ok) {
    free(b.data);
    return false;
  }
  *out = b.data;
  *len = b.len;
  return true;
}
