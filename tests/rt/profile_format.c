/*
 * profile_format.c - the pieces of CPU profiles that need no running guest: the pprof
 * encoder (rt/pprof.c) byte for byte on a tiny profile, and through a small protobuf
 * decoder on a bigger one (interning of strings, functions and locations, sample
 * stacks, values, period, mappings); and the symbol table (rt/symtab.c): guest names
 * win over the executable's C names, C functions are found by their ELF symbols, and
 * libc's by dladdr.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../rt/pprof.h"
#include "../../rt/symtab.h"

/* ---- a protobuf reader, enough for profile.proto ---- */

typedef struct field {
  unsigned num;
  uint64_t v;              /* varint fields */
  const uint8_t *p;        /* length-delimited fields */
  size_t n;
} field;

static uint64_t varint(const uint8_t **p, const uint8_t *end) {
  uint64_t v = 0;
  for (int shift = 0; *p < end && shift < 64; shift += 7) {
    uint8_t b = *(*p)++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  cr_assert_fail("truncated varint");
  return 0;
}

/* The fields of a message, in order; returns how many (at most max). */
static size_t fields(const uint8_t *p, size_t n, field *out, size_t max) {
  const uint8_t *end = p + n;
  size_t k = 0;
  while (p < end) {
    uint64_t key = varint(&p, end);
    cr_assert(k < max, "too many fields");
    field *f = &out[k++];
    memset(f, 0, sizeof *f);
    f->num = (unsigned)(key >> 3);
    if ((key & 7) == 0) {
      f->v = varint(&p, end);
    } else {
      cr_assert_eq(key & 7, 2, "only varint and length-delimited fields are used");
      f->n = (size_t)varint(&p, end);
      cr_assert(f->n <= (size_t)(end - p));
      f->p = p;
      p += f->n;
    }
  }
  return k;
}

static uint64_t get(const field *fs, size_t n, unsigned num) {
  for (size_t i = 0; i < n; i++)
    if (fs[i].num == num) return fs[i].v;
  return 0;
}

typedef struct decoded {
  char strings[64][64];
  size_t nstrings;
  uint64_t fn_name[16];    /* by function id */
  uint64_t loc_fn[16];     /* by location id */
  uint64_t loc_addr[16];
  uint64_t loc_map[16];
  size_t nfn, nloc, nmap;
  uint64_t stack[8][8];
  size_t depth[8];
  uint64_t value[8][2];
  size_t nsamples;
  uint64_t period, period_type, sample_types[4];
  size_t ntypes;
} decoded;

static void decode(const uint8_t *data, size_t len, decoded *d) {
  memset(d, 0, sizeof *d);
  field top[256], sub[16], inner[16];
  size_t n = fields(data, len, top, 256);
  for (size_t i = 0; i < n; i++) {
    const field *f = &top[i];
    bool message = f->num <= 5 || f->num == 11; /* 6 is a string */
    size_t m = message ? fields(f->p, f->n, sub, 16) : 0;
    switch (f->num) {
    case 1: d->sample_types[d->ntypes++] = get(sub, m, 1) << 32 | get(sub, m, 2); break;
    case 2: {
      size_t s = d->nsamples++;
      for (size_t k = 0; k < m; k++) {
        const uint8_t *p = sub[k].p, *end = p + sub[k].n;
        if (sub[k].num == 1)
          while (p < end) d->stack[s][d->depth[s]++] = varint(&p, end);
        if (sub[k].num == 2)
          for (int v = 0; p < end; v++) d->value[s][v] = varint(&p, end);
      }
      break;
    }
    case 3: d->nmap++; cr_assert_eq(get(sub, m, 1), d->nmap, "mapping ids are dense"); break;
    case 4: {
      uint64_t id = get(sub, m, 1);
      cr_assert_eq(id, ++d->nloc, "location ids are dense");
      d->loc_addr[id] = get(sub, m, 3);
      d->loc_map[id] = get(sub, m, 2);
      for (size_t k = 0; k < m; k++)
        if (sub[k].num == 4) d->loc_fn[id] = get(inner, fields(sub[k].p, sub[k].n, inner, 16), 1);
      break;
    }
    case 5: {
      uint64_t id = get(sub, m, 1);
      cr_assert_eq(id, ++d->nfn, "function ids are dense");
      d->fn_name[id] = get(sub, m, 2);
      break;
    }
    case 6:
      cr_assert(f->n < 64);
      memcpy(d->strings[d->nstrings], f->p, f->n);
      d->strings[d->nstrings++][f->n] = 0;
      break;
    case 11: d->period_type = get(sub, m, 1); break;
    case 12: d->period = f->v; break;
    default: break;
    }
  }
}

/* ---- the encoder ---- */

Test(profile_format, tiny_profile_bytes) {
  pg_pprof *p = pg_pprof_new();
  pg_pprof_sample_type(p, "samples", "count");
  uint8_t *out;
  size_t len;
  cr_assert(pg_pprof_encode(p, &out, &len));
  static const uint8_t want[] = {
      0x0a, 0x04, 0x08, 0x01, 0x10, 0x02,                        /* sample_type {type: 1, unit: 2} */
      0x32, 0x00,                                                /* string_table: "" */
      0x32, 0x07, 's', 'a', 'm', 'p', 'l', 'e', 's', 0x32, 0x05, 'c', 'o', 'u', 'n', 't',
  };
  cr_assert_eq(len, sizeof want);
  cr_assert_arr_eq(out, want, sizeof want);
  free(out);
  pg_pprof_free(p);
}

Test(profile_format, samples_locations_functions) {
  pg_pprof *p = pg_pprof_new();
  cr_assert_eq(pg_pprof_string(p, ""), 0);
  pg_pprof_sample_type(p, "samples", "count");
  pg_pprof_sample_type(p, "cpu", "nanoseconds");
  pg_pprof_period(p, "cpu", "nanoseconds", 10000000);
  uint64_t map = pg_pprof_mapping(p, 0x400000, 0x500000, 0x1000, "app", true);
  cr_assert_eq(map, 1);
  uint64_t hot = pg_pprof_function(p, "main.hot", NULL);
  uint64_t main_ = pg_pprof_function(p, "main.main", NULL);
  cr_assert_eq(pg_pprof_function(p, "main.hot", NULL), hot, "functions are interned by name");
  cr_assert_neq(hot, main_);
  uint64_t l1 = pg_pprof_location(p, 0x401000, map, hot, 0);
  uint64_t l2 = pg_pprof_location(p, 0x402000, map, main_, 0);
  cr_assert_eq(pg_pprof_location(p, 0x401000, map, main_, 0), l1, "locations are interned by address");
  uint64_t lost1 = pg_pprof_location(p, 0, 0, hot, 0), lost2 = pg_pprof_location(p, 0, 0, hot, 0);
  cr_assert_neq(lost1, lost2, "address 0 is never shared");
  uint64_t s1[] = {l1, l2}, s2[] = {l2};
  int64_t v1[] = {7, 70000000}, v2[] = {300, 3000000000};
  pg_pprof_sample(p, s1, 2, v1);
  pg_pprof_sample(p, s2, 1, v2);
  uint8_t *out;
  size_t len;
  cr_assert(pg_pprof_encode(p, &out, &len));
  pg_pprof_free(p);

  decoded *d = malloc(sizeof *d);
  decode(out, len, d);
  free(out);
  cr_assert_str_eq(d->strings[0], "", "string 0 is empty");
  cr_assert_eq(d->ntypes, 2);
  cr_assert_str_eq(d->strings[d->sample_types[0] >> 32], "samples");
  cr_assert_str_eq(d->strings[d->sample_types[1] & 0xffffffff], "nanoseconds");
  cr_assert_str_eq(d->strings[d->period_type], "cpu");
  cr_assert_eq(d->period, 10000000);
  cr_assert_eq(d->nmap, 1);
  cr_assert_eq(d->nfn, 2);
  cr_assert_eq(d->nloc, 4);
  cr_assert_eq(d->nsamples, 2);
  cr_assert_eq(d->depth[0], 2);
  cr_assert_str_eq(d->strings[d->fn_name[d->loc_fn[d->stack[0][0]]]], "main.hot");
  cr_assert_str_eq(d->strings[d->fn_name[d->loc_fn[d->stack[0][1]]]], "main.main");
  cr_assert_eq(d->loc_addr[d->stack[0][0]], 0x401000);
  cr_assert_eq(d->loc_map[d->stack[0][0]], 1);
  cr_assert_eq(d->value[0][0], 7);
  cr_assert_eq(d->value[1][1], 3000000000ull, "values wider than 32 bits survive");
  free(d);
}

Test(profile_format, many_strings_and_locations) {
  /* enough entries to make every interning table grow several times */
  pg_pprof *p = pg_pprof_new();
  char name[32];
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 5000; i++) {
      snprintf(name, sizeof name, "f%d", i);
      uint64_t fn = pg_pprof_function(p, name, "file.go");
      cr_assert_eq(fn, (uint64_t)i + 1, "function %s keeps id %d", name, i + 1);
      cr_assert_eq(pg_pprof_location(p, 0x1000 + (uint64_t)i * 16, 0, fn, i), (uint64_t)i + 1);
    }
  uint8_t *out;
  size_t len;
  cr_assert(pg_pprof_encode(p, &out, &len));
  cr_assert_gt(len, 5000 * 10);
  free(out);
  pg_pprof_free(p);
}

/* ---- the symbol table ---- */

__attribute__((noinline)) int profile_format_marker(int x) { return x * 3 + 1; }

Test(profile_format, symtab_names) {
  /* a fake guest module whose function #1 is pg_pprof_new and #2 is unnamed */
  static const char names[] = "imported\0main.main\0";
  const pg_func_entry funcs[] = {{0, NULL}, {0, (wasm_rt_function_ptr_t)pg_pprof_new},
                                 {0, (wasm_rt_function_ptr_t)profile_format_marker}};
  const pg_module_info info = {"m", 1, 3, names, funcs};
  pg_symtab *t = pg_symtab_load(&info);
  cr_assert_not_null(t);
  bool guest;
  const char *n = pg_symtab_lookup(t, (uintptr_t)pg_pprof_new + 1, &guest);
  cr_assert_str_eq(n, "main.main", "a guest name wins over the C name");
  cr_assert(guest);
  n = pg_symtab_lookup(t, (uintptr_t)profile_format_marker, &guest);
  cr_assert_str_eq(n, "func[2]", "an unnamed guest function");
  n = pg_symtab_lookup(t, (uintptr_t)pg_pprof_encode + 2, &guest);
  cr_assert_str_eq(n, "pg_pprof_encode", "C functions by their ELF symbols");
  cr_assert(!guest);
  n = pg_symtab_lookup(t, (uintptr_t)fopen, &guest);
  cr_assert(n && strstr(n, "fopen"), "libc by dladdr, got %s", n ? n : "NULL");
  const pg_code_segment *seg = pg_symtab_segment(t, (uintptr_t)pg_pprof_encode);
  cr_assert(seg && seg->main, "the executable's own code segment");
  cr_assert_null(pg_symtab_segment(t, 16), "no code at address 16");
  pg_symtab_free(t);
}
