/*
 * go_names.c - Go's own function names from a pclntab in the data segments
 * (compiler/gonames.c): found across segments split at zero runs, used only where
 * Go's linker sanitisation gives exactly the name-section name, with entries as PC_F
 * or PC_F << 16; and a table that lies (offsets out of range, names without their NUL,
 * huge counts) yields no names and no out-of-bounds read (run under ASan).
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "gonames.h"

#define BASE 0x3000u   /* where the fake pclntab sits in memory */

/* Memory image under construction and the module around it. */
typedef struct fake {
  uint8_t img[4096];
  pg_func funcs[5];
  pg_data datas[2];
  pg_module m;
  const char *names[5];
} fake;

static void put(uint8_t *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Functions: #0 an import, #1.. defined with the given name-section names. A pclntab
 * with nfunc entries: entry k is (pc[k], go[k]). */
static void build(fake *f, const char *const *wnames, uint32_t ndefined, const uint64_t *pc, const char *const *go,
                  uint32_t nfunc) {
  memset(f, 0, sizeof *f);
  uint8_t *h = f->img;
  put(h, 0xfffffff1, 4);
  h[6] = 1, h[7] = 8;
  put(h + 8, nfunc, 8);
  put(h + 24, 0, 8);              /* textStart */
  put(h + 32, 128, 8);            /* funcnametab */
  put(h + 64, 1024, 8);           /* functab */
  size_t names_at = 128 + 1;      /* name offset 0 is "" as in Go */
  for (uint32_t k = 0; k < nfunc; k++) {
    uint32_t fo = 64 + 16 * k;    /* _func records after the functab */
    put(h + 1024 + 8 * k, pc[k], 4);
    put(h + 1024 + 8 * k + 4, fo, 4);
    put(h + 1024 + fo, pc[k], 4);
    put(h + 1024 + fo + 4, names_at - 128, 4);
    memcpy(h + names_at, go[k], strlen(go[k]) + 1);
    names_at += strlen(go[k]) + 1;
  }
  f->funcs[0].imported = true;
  f->funcs[0].wname = "env.imported";
  for (uint32_t i = 0; i < ndefined; i++) f->funcs[1 + i].wname = wnames[i];
  f->m.funcs = f->funcs;
  f->m.nfuncs = 1 + ndefined;
  f->m.nfunc_imports = 1;
  /* two segments with a gap of zeros in the header (Go drops zero runs) */
  f->datas[0] = (pg_data){0, 0, {pg_op_I32_CONST, 0x7f, 0, BASE, 0}, f->img, 16, 0};
  f->datas[1] = (pg_data){0, 0, {pg_op_I32_CONST, 0x7f, 0, BASE + 24, 0}, f->img + 24, sizeof f->img - 24, 0};
  f->m.datas = f->datas;
  f->m.ndatas = 2;
}

Test(go_names, pclntab_names_that_sanitise_to_the_name_section) {
  static fake f;
  const char *wnames[] = {"main.__T_.M", "main.f", "main.g", "main._"};
  const uint64_t pc[] = {0x1000, 0x1001, 0x1002 << 16, 0x1003};
  const char *go[] = {"main.(*T).M", "main.f", "other.g", "main.\xce\xa9"};
  build(&f, wnames, 4, pc, go, 4);
  cr_assert(pg_go_names(&f.m, f.names, &f.m.arena));
  cr_assert_null(f.names[0], "imports have no entry");
  cr_assert_str_eq(f.names[1], "main.(*T).M");
  cr_assert_null(f.names[2], "a name equal to the name section's is not repeated");
  cr_assert_null(f.names[3], "a name that does not sanitise to the function's is not used");
  cr_assert_str_eq(f.names[4], "main.\xce\xa9", "a multi-byte rune is one '_'");
  pg_arena_free(&f.m.arena);
}

Test(go_names, entries_beyond_the_module_are_ignored) {
  static fake f;
  const char *wnames[] = {"main.__T_.M"};
  const uint64_t pc[] = {0x0fff, 0x1001, 0x1000};
  const char *go[] = {"main.(*T).M", "main.(*T).M", "main.(*T).M"};
  build(&f, wnames, 1, pc, go, 3);
  put(f.img + 8, 1, 8); /* nfunc may not exceed the module's functions: say 1 */
  cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena), "entry 0 is below PC_F 0x1000");
  put(f.img + 8, 2, 8);
  cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena), "entry 1 is past the defined functions");
  pg_arena_free(&f.m.arena);
}

Test(go_names, lying_tables_are_refused) {
  static fake f;
  const char *wnames[] = {"main.__T_.M"};
  const uint64_t pc[] = {0x1000};
  const char *go[] = {"main.(*T).M"};
  struct {
    size_t at;
    uint64_t v;
    int n;
    const char *what;
  } lies[] = {
      {8, 1000000, 8, "nfunc beyond the module"},
      {32, 1u << 30, 8, "funcnametab outside the data"},
      {64, 4090, 8, "functab running off the end"},
      {1024 + 4, 1u << 31, 4, "a _func record outside the data"},
      {1024 + 64 + 4, 0x7fffffff, 4, "a name offset outside the data"},
      {1024 + 64 + 4, 0x80000000u, 4, "a negative name offset"},
  };
  for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
    build(&f, wnames, 1, pc, go, 1);
    put(f.img + lies[i].at, lies[i].v, lies[i].n);
    cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena), "%s", lies[i].what);
  }
  /* a name that runs to the end of the data without its NUL */
  build(&f, wnames, 1, pc, go, 1);
  put(f.img + 32, 4000, 8);
  put(f.img + 1024 + 64 + 4, 0, 4);
  memset(f.img + 4000, 'x', sizeof f.img - 4000);
  cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena), "an unterminated name");
  pg_arena_free(&f.m.arena);
}

Test(go_names, modules_without_pclntab) {
  static fake f;
  const char *wnames[] = {"main.f"};
  const uint64_t pc[] = {0x1000};
  const char *go[] = {"main.f"};
  build(&f, wnames, 1, pc, go, 1);
  f.img[0] = 0xf2; /* not a magic Go uses */
  cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena));
  f.m.ndatas = 0;
  cr_assert_not(pg_go_names(&f.m, f.names, &f.m.arena), "no data at all");
}
