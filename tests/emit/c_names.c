/*
 * c_names.c - C identifiers chosen for functions, exports, imports, globals and locals:
 * name-section names (or the first export name) are sanitized to identifiers, prefixed,
 * and made unique in index order; collisions with each other, with the module's own API
 * names (P_t, P_free...), with import symbols and with C keywords are resolved;
 * unnamed, unsanitizable or invalid names fall back to P_f<index>; a garbage name
 * section is ignored; the result is deterministic.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "wasm_builder.h"

/* n functions of type [] -> [] with empty bodies, `names` in a name section (NULL:
 * no name section), and `exports` export entries (raw payload without the count). */
static void module(wb *b, uint32_t n, const char *const *names, const uint8_t *exports, size_t nexports_bytes,
                   uint32_t nexports) {
  wb_init(b);
  wb_type_section(b, "", "");
  wb_func_section(b, n, 0);
  if (nexports) {
    size_t s = wb_section_begin(b, 7);
    wb_u32(b, nexports);
    wb_bytes(b, exports, nexports_bytes);
    wb_section_end(b, s);
  }
  size_t s = wb_section_begin(b, 10);
  wb_u32(b, n);
  for (uint32_t i = 0; i < n; i++) wb_bytes(b, "\x02\x00\x0b", 3);
  wb_section_end(b, s);
  if (names) wb_name_section(b, NULL, n, names);
}

static void load(wb *b, pg_module *m) {
  wb_result r = wb_load(b->data, b->len, m);
  cr_assert(r.ok, "rejected: 0x%zx: %s", r.offset, r.msg);
}

static void expect_cnames(const char *const *names, uint32_t n, const char *const *want) {
  wb b;
  pg_module m;
  module(&b, n, names, NULL, 0, 0);
  load(&b, &m);
  for (uint32_t i = 0; i < n; i++) cr_assert_str_eq(m.funcs[i].cname, want[i], "function %u: \"%s\"", i, m.funcs[i].cname);
  pg_module_free(&m);
  wb_free(&b);
}

static bool is_identifier(const char *s) {
  if (!*s || isdigit((unsigned char)*s)) return false;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_') || (unsigned char)*s >= 0x80) return false;
  return true;
}

static const char *const c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
    "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool",
    "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn", "_Static_assert",
    "_Thread_local"};

static bool is_keyword(const char *s) {
  for (size_t i = 0; i < sizeof c_keywords / sizeof c_keywords[0]; i++)
    if (!strcmp(s, c_keywords[i])) return true;
  return false;
}

Test(c_names, sanitized) {
  static const char *const names[] = {"main.(*T).M", "hello world", "__init__", "a-b-c", "x", "Ünïcode_ok9"};
  static const char *const want[] = {"t_main_T_M", "t_hello_world", "t_init", "t_a_b_c", "t_x", "t_n_code_ok9"};
  expect_cnames(names, 6, want);
}

Test(c_names, collisions_with_each_other) {
  static const char *const names[] = {"dup", "dup", "a.b", "a_b", "a__b", "dup"};
  static const char *const want[] = {"t_dup", "t_dup_1", "t_a_b", "t_a_b_3", "t_a_b_4", "t_dup_5"};
  expect_cnames(names, 6, want);
}

Test(c_names, collisions_with_the_module_api) {
  static const char *const names[] = {"t", "imports", "instantiate", "free", "info", "funcs"};
  static const char *const want[] = {"t_t_0", "t_imports_1", "t_instantiate_2", "t_free_3", "t_info_4", "t_funcs_5"};
  expect_cnames(names, 6, want);
}

Test(c_names, c_keywords_are_prefixed) {
  static const char *const names[] = {"int", "return", "main", "_Bool", "while", "if"};
  static const char *const want[] = {"t_int", "t_return", "t_main", "t_Bool", "t_while", "t_if"};
  expect_cnames(names, 6, want);
}

Test(c_names, unnamed_and_unusable_names) {
  /* no name, empty, punctuation only, non-ASCII only, leading digit */
  static const char *const names[] = {NULL, "", "...", "\xe2\x88\x91\xe2\x88\x86", "123abc"};
  static const char *const want[] = {"t_f0", "t_f1", "t_f2", "t_f3", "t_f4"};
  expect_cnames(names, 5, want);
}

Test(c_names, fallback_names_collide_too) {
  /* function 1 is named "f0", which is also function 0's fallback name */
  static const char *const names[] = {NULL, "f0", NULL};
  static const char *const want[] = {"t_f0", "t_f0_1", "t_f2"};
  expect_cnames(names, 3, want);
}

Test(c_names, no_name_section) {
  static const char *const want[] = {"t_f0", "t_f1"};
  expect_cnames(NULL, 2, want);
}

Test(c_names, long_names_stay_unique) {
  char a[301], c[301];
  memset(a, 'x', 300);
  a[300] = 0;
  memcpy(c, a, sizeof c);
  c[299] = 'y'; /* differs only after the truncation point */
  const char *const names[] = {a, c};
  wb b;
  pg_module m;
  module(&b, 2, names, NULL, 0, 0);
  load(&b, &m);
  cr_assert_lt(strlen(m.funcs[0].cname), 200, "identifiers are truncated");
  cr_assert(is_identifier(m.funcs[0].cname) && is_identifier(m.funcs[1].cname));
  cr_assert_str_neq(m.funcs[0].cname, m.funcs[1].cname);
  cr_assert_str_eq(m.funcs[0].wname, a, "the wasm name itself is kept whole");
  pg_module_free(&m);
  wb_free(&b);
}

Test(c_names, export_names_name_unnamed_functions) {
  /* func 0 unnamed but exported as "run"; func 1 named "work" and exported as "go";
   * func 2 exported twice, first as "first" */
  static const uint8_t exports[] = {3, 'r', 'u', 'n', 0, 0, 2, 'g', 'o', 0, 1,
                                    5, 'f', 'i', 'r', 's', 't', 0, 2, 6, 's', 'e', 'c', 'o', 'n', 'd', 0, 2};
  static const char *const names[] = {NULL, "work", NULL};
  wb b;
  pg_module m;
  module(&b, 3, names, exports, sizeof exports, 4);
  load(&b, &m);
  cr_assert_str_eq(m.funcs[0].wname, "run");
  cr_assert_str_eq(m.funcs[0].cname, "t_run");
  cr_assert_str_eq(m.funcs[1].wname, "work", "the name section wins over the export name");
  cr_assert_str_eq(m.funcs[1].cname, "t_work");
  cr_assert_str_eq(m.funcs[2].cname, "t_first");
  cr_assert_str_eq(m.exports[0].cname, "t_export_run");
  cr_assert_str_eq(m.exports[1].cname, "t_export_go");
  cr_assert_str_eq(m.exports[3].cname, "t_export_second");
  pg_module_free(&m);
  wb_free(&b);
}

Test(c_names, export_and_import_symbols) {
  wb b;
  wb_init(&b);
  wb_type_section(&b, "", "");
  size_t s = wb_section_begin(&b, 2);
  wb_u32(&b, 4);
  /* "a"."b_c" and "a_b"."c" sanitize alike; "env"."mem" is a memory, a struct member */
  wb_name(&b, "a");
  wb_name(&b, "b_c");
  wb_bytes(&b, "\x00\x00", 2);
  wb_name(&b, "a_b");
  wb_name(&b, "c");
  wb_bytes(&b, "\x00\x00", 2);
  wb_name(&b, "env");
  wb_name(&b, "mem");
  wb_bytes(&b, "\x02\x00\x01", 3);
  wb_name(&b, "");
  wb_name(&b, "");
  wb_bytes(&b, "\x03\x7f\x00", 3);
  wb_section_end(&b, s);
  wb_func_section(&b, 1, 0);
  s = wb_section_begin(&b, 7);
  wb_u32(&b, 4);
  wb_name(&b, "x-y");
  wb_bytes(&b, "\x00\x02", 2);
  wb_name(&b, "x_y");
  wb_bytes(&b, "\x00\x02", 2);
  wb_name(&b, "memory");
  wb_bytes(&b, "\x02\x00", 2);
  wb_name(&b, "");
  wb_bytes(&b, "\x03\x00", 2);
  wb_section_end(&b, s);
  wb_code_section(&b, WB_BYTES(0x00, 0x0b));
  /* the defined function is named like the first import's C symbol */
  static const char *const names[] = {NULL, NULL, "import_a_b_c"};
  wb_name_section(&b, NULL, 3, names);
  pg_module m;
  load(&b, &m);
  cr_assert_str_eq(m.imports[0].cname, "t_import_a_b_c");
  cr_assert_str_eq(m.imports[1].cname, "t_import_a_b_c_1");
  cr_assert_str_eq(m.imports[2].cname, "env_mem");
  cr_assert_str_eq(m.imports[3].cname, "m_f", "empty module and field names");
  cr_assert_str_eq(m.funcs[2].cname, "t_import_a_b_c_2");
  cr_assert_str_eq(m.exports[0].cname, "t_export_x_y");
  cr_assert_str_eq(m.exports[1].cname, "t_export_x_y_1");
  cr_assert_str_eq(m.exports[2].cname, "t_memory_memory");
  cr_assert(is_identifier(m.exports[3].cname), "\"%s\"", m.exports[3].cname);
  cr_assert_str_eq(m.globals[0].cname, "g0");
  pg_module_free(&m);
  wb_free(&b);
}

Test(c_names, invalid_utf8_names_are_ignored) {
  static const char *const names[] = {"ok", "bad\xc0\x80", "\xff"};
  static const char *const want[] = {"t_ok", "t_f1", "t_f2"};
  expect_cnames(names, 3, want);
}

Test(c_names, garbage_name_section_is_harmless) {
  wb b;
  module(&b, 2, NULL, NULL, 0, 0);
  size_t s = wb_section_begin(&b, 0);
  wb_name(&b, "name");
  /* function names subsection claiming 2^32-1 entries, then a truncated one */
  wb_bytes(&b, "\x01\x05\xff\xff\xff\xff\x0f\x01\x09\x01\x00\x05" "ab", 15);
  wb_section_end(&b, s);
  pg_module m;
  load(&b, &m);
  cr_assert_str_eq(m.funcs[0].cname, "t_f0");
  cr_assert_str_eq(m.funcs[1].cname, "t_f1");
  pg_module_free(&m);
  wb_free(&b);
}

Test(c_names, module_name_and_global_names) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 6);
  wb_bytes(&b, "\x02\x7f\x00\x41\x00\x0b\x7e\x01\x42\x00\x0b", 11);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 0);
  wb_name(&b, "name");
  size_t sub = wb_section_begin(&b, 0);
  wb_name(&b, "my module");
  wb_section_end(&b, sub);
  sub = wb_section_begin(&b, 7);
  wb_bytes(&b, "\x01\x01", 2); /* global 1 named "stack.ptr" */
  wb_name(&b, "stack.ptr");
  wb_section_end(&b, sub);
  wb_section_end(&b, s);
  pg_module m;
  load(&b, &m);
  cr_assert_str_eq(m.module_name, "my module");
  cr_assert_str_eq(m.globals[0].cname, "g0");
  cr_assert_str_eq(m.globals[1].wname, "stack.ptr");
  cr_assert_str_eq(m.globals[1].cname, "g1_stack_ptr");
  pg_module_free(&m);
  wb_free(&b);
}

Test(c_names, local_names) {
  /* one function (i32) -> () with two i32 locals; local names for the parameter (ignored:
   * parameters keep plain names), local 1 "my local" and local 2 "int" */
  wb b;
  wb_init(&b);
  wb_type_section(&b, "\x7f", "");
  wb_func_section(&b, 1, 0);
  wb_code_section(&b, WB_BYTES(0x01, 0x02, 0x7f, 0x20, 0x01, 0x21, 0x02, 0x0b));
  size_t s = wb_section_begin(&b, 0);
  wb_name(&b, "name");
  size_t sub = wb_section_begin(&b, 2);
  wb_bytes(&b, "\x01\x00\x03", 3);
  wb_bytes(&b, "\x00\x01p", 3);
  wb_bytes(&b, "\x01\x08my local", 10);
  wb_bytes(&b, "\x02\x03int", 5);
  wb_section_end(&b, sub);
  wb_section_end(&b, s);
  pg_module m;
  load(&b, &m);
  pg_buf store = {0};
  uint32_t offs[3];
  cr_assert(pg_names_locals(&m, 0, 3, &store, offs));
  cr_assert_eq(offs[0], 0, "parameters stay unnamed");
  cr_assert_neq(offs[1], 0);
  cr_assert_str_eq(store.data + offs[1] - 1, "my_local");
  cr_assert_neq(offs[2], 0);
  cr_assert_str_eq(store.data + offs[2] - 1, "int");
  pg_buf_free(&store);
  pg_module_free(&m);
  wb_free(&b);
}

/* Many functions drawn from a small pool of clashing names, exports and imports: every
 * file-scope symbol is a distinct identifier, never a keyword, and the choice is the
 * same on every load. */
Test(c_names, all_symbols_unique_and_deterministic) {
  static const char *const pool[] = {"n", "n", "t", "free", "", "a.b", "a_b", "int", "f3", "import_e_f", "export_x",
                                     "t_f7", "x", NULL};
  enum { N = 300 };
  const char *names[N];
  for (uint32_t i = 0; i < N; i++) names[i] = pool[i % (sizeof pool / sizeof pool[0])];
  /* 50 exports "x-0", "x_0", "x-1", "x_1"...: distinct wasm names, alike once sanitized */
  wb ex;
  wb_init_raw(&ex);
  for (uint32_t i = 0; i < 50; i++) {
    char nm[16];
    snprintf(nm, sizeof nm, "x%c%u", i % 2 ? '-' : '_', i / 2);
    wb_name(&ex, nm);
    wb_byte(&ex, 0);
    wb_u32(&ex, i * 7 % N);
  }
  char *seen[2][N + 64];
  size_t nseen[2] = {0, 0};
  for (int round = 0; round < 2; round++) {
    wb b;
    module(&b, N, names, ex.data, ex.len, 50);
    pg_module m;
    load(&b, &m);
    pg_strset all = {0};
    static const char *const api[] = {"t_t", "t_imports", "t_instantiate", "t_free", "t_info", "t_funcs"};
    for (size_t i = 0; i < 6; i++) pg_strset_add(&all, api[i]);
    for (uint32_t i = 0; i < m.nfuncs; i++) {
      const char *c = m.funcs[i].cname;
      cr_assert(is_identifier(c), "function %u: \"%s\"", i, c);
      cr_assert_not(is_keyword(c), "function %u: \"%s\"", i, c);
      cr_assert(pg_strset_add(&all, c), "function %u: \"%s\" is not unique", i, c);
      seen[round][nseen[round]++] = pg_xstrdup(c);
    }
    for (uint32_t i = 0; i < m.nexports; i++) {
      const char *c = m.exports[i].cname;
      cr_assert(is_identifier(c), "export %u: \"%s\"", i, c);
      cr_assert(pg_strset_add(&all, c), "export %u: \"%s\" is not unique", i, c);
      seen[round][nseen[round]++] = pg_xstrdup(c);
    }
    pg_strset_free(&all);
    pg_module_free(&m);
    wb_free(&b);
  }
  cr_assert_eq(nseen[0], nseen[1]);
  for (size_t i = 0; i < nseen[0]; i++) {
    cr_assert_str_eq(seen[0][i], seen[1][i], "symbol %zu differs between loads", i);
    free(seen[0][i]);
    free(seen[1][i]);
  }
  wb_free(&ex);
}
