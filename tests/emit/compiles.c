/*
 * compiles.c - the C that pogo emits compiles warning-free as C17: each module is
 * emitted into a fresh directory through the same output path as `pogo emit-c` (with the
 * embedded pogo headers), and every .c file must pass `cc -std=c17 -Wall -Wextra
 * -Werror -c` with only that directory on the include path (wasm-rt.h comes from the
 * system). Covers the sample modules, hostile names and strings (quotes, backslashes,
 * newlines, comment terminators, trigraphs, C keywords, API-name clashes), a module with
 * no code, a declarative element segment, and two modules' headers in one embedder.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"
#include "emit.h"
#include "out.h"
#include "wasm_builder.h"

static char *make_tmpdir(void) {
  const char *base = getenv("TMPDIR");
  if (!base || !*base) base = P_tmpdir;
  char *dir = malloc(strlen(base) + 32);
  sprintf(dir, "%s/pogo-compiles-XXXXXX", base);
  cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
  return dir;
}

/* Emit `bytes` as C with `prefix` into dir, as pogo emit-c does. */
static void emit_to(const uint8_t *bytes, size_t size, const char *prefix, uint32_t parts, const char *dir) {
  pg_module m;
  memset(&m, 0, sizeof m);
  m.path = "test.wasm";
  pg_diag d;
  memset(&d, 0, sizeof d);
  if (setjmp(d.jmp)) cr_assert_fail("load or emission failed: 0x%zx: %s", d.offset, d.msg);
  pg_read_module(&m, bytes, size, &d);
  pg_validate_module(&m, &d);
  pg_names_assign(&m, prefix);
  pg_outdir out;
  pg_out_begin(&out, dir, &d);
  pg_emit_opts o = {prefix, parts, "test.wasm"};
  pg_emit_module(&m, &o, &d, pg_out_chunk, &out);
  for (size_t i = 0; i < pg_embedded_header_count; i++)
    pg_out_file(&out, pg_embedded_headers[i].name, pg_embedded_headers[i].data, pg_embedded_headers[i].size);
  pg_out_commit(&out);
  pg_module_free(&m);
}

/* Run cc on one file in dir; on failure the assertion shows the compiler's output. */
static void compile(const char *dir, const char *file) {
  char src[4096], obj[4096], log[4096];
  snprintf(src, sizeof src, "%s/%s", dir, file);
  snprintf(obj, sizeof obj, "%s/%s.o", dir, file);
  snprintf(log, sizeof log, "%s/%s.log", dir, file);
  const char *cc = getenv("CC") && *getenv("CC") ? getenv("CC") : "cc";
  pid_t pid = fork();
  cr_assert_neq(pid, -1);
  if (pid == 0) {
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execlp(cc, cc, "-std=c17", "-Wall", "-Wextra", "-Werror", "-I", dir, "-c", src, "-o", obj, (char *)NULL);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    size_t n = 0;
    uint8_t *text = pg_read_file(log, &n);
    char shown[2048];
    snprintf(shown, sizeof shown, "%.*s", (int)(n < 2000 ? n : 2000), text ? (const char *)text : "(no log)");
    free(text);
    cr_assert_fail("%s %s failed (status 0x%x):\n%s", cc, file, (unsigned)status, shown);
  }
}

/* Emit, check the file list, compile every .c. */
static void emit_and_compile(const uint8_t *bytes, size_t size, const char *prefix, uint32_t parts) {
  char *dir = make_tmpdir();
  emit_to(bytes, size, prefix, parts, dir);
  char name[256];
  const char *headers[] = {"pogo-abi.h", "pogo-ops.h"};
  for (int i = 0; i < 2; i++) {
    snprintf(name, sizeof name, "%s/%s", dir, headers[i]);
    cr_assert_eq(access(name, R_OK), 0, "%s missing", headers[i]);
  }
  snprintf(name, sizeof name, "%s/%s.h", dir, prefix);
  cr_assert_eq(access(name, R_OK), 0, "%s.h missing", prefix);
  snprintf(name, sizeof name, "%s/%s-impl.h", dir, prefix);
  cr_assert_eq(access(name, R_OK), 0, "%s-impl.h missing", prefix);
  snprintf(name, sizeof name, "%s.c", prefix);
  compile(dir, name);
  for (uint32_t k = 0; k < parts; k++) {
    snprintf(name, sizeof name, "%s-%u.c", prefix, k);
    compile(dir, name);
  }
  pg_rmtree(dir);
  free(dir);
}

Test(compiles, rich_sample) { emit_and_compile(wb_sample_rich, wb_sample_rich_size, "rich", 2); }

Test(compiles, wide_sample) { emit_and_compile(wb_sample_wide, wb_sample_wide_size, "wide", 3); }

Test(compiles, module_without_code) {
  wb b;
  wb_init(&b);
  emit_and_compile(b.data, b.len, "empty", 1);
  wb_free(&b);
}

Test(compiles, more_parts_than_functions) {
  emit_and_compile(wb_sample_rich, wb_sample_rich_size, "few", 5);
}

/* Hostile names and bytes everywhere a string of the module reaches the C. */
Test(compiles, hostile_names_and_strings) {
  wb b;
  wb_init(&b);
  size_t s = wb_section_begin(&b, 1);
  /* type 0: [] -> []; type 1: (i32 i64) -> (i64 i32 f32) */
  wb_bytes(&b, "\x02\x60\x00\x00\x60\x02\x7f\x7e\x03\x7e\x7f\x7d", 12);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 2);
  wb_u32(&b, 3);
  wb_name(&b, "we\"ird\\mod");
  wb_name(&b, "line\nbreak*/");
  wb_bytes(&b, "\x00\x01", 2);
  wb_name(&b, "m?\?=");
  wb_name(&b, "?\?/");
  wb_bytes(&b, "\x02\x00\x01", 3);
  wb_name(&b, "int");
  wb_name(&b, "return");
  wb_bytes(&b, "\x03\x7f\x01", 3);
  wb_section_end(&b, s);
  wb_func_section(&b, 8, 0);
  s = wb_section_begin(&b, 7);
  static const char *const exports[] = {"*/ evil /*", "quote\"", "back\\slash", "tab\tx", "", "?\?=", "main", "free"};
  wb_u32(&b, 8);
  for (uint32_t i = 0; i < 8; i++) {
    wb_name(&b, exports[i]);
    wb_byte(&b, 0);
    wb_u32(&b, 1 + i);
  }
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 10);
  wb_u32(&b, 8);
  for (int i = 0; i < 8; i++) wb_bytes(&b, "\x02\x00\x0b", 3);
  wb_section_end(&b, s);
  s = wb_section_begin(&b, 11);
  wb_bytes(&b, "\x01\x00\x41\x00\x0b", 5);
  wb_u32(&b, 256 + 4);
  for (int i = 0; i < 256; i++) wb_byte(&b, (uint8_t)i);
  wb_bytes(&b, "?\?/\"", 4);
  wb_section_end(&b, s);
  static const char *const names[] = {"import*/", "int", "t", "free", "\n*/\n", "a\\", "x/*y", "instantiate", "if"};
  wb_name_section(&b, "mod*/ule", 9, names);
  emit_and_compile(b.data, b.len, "t", 3);
  wb_free(&b);
}

/* (elem declare func 0) with ref.func 0: the segment needs no table data at all. */
Test(compiles, declarative_element_segment) {
  size_t at[13];
  wb b;
  wb_module(&b,
            WB_SECS([1] = WB_SEC(0x01, 0x60, 0x00, 0x00), [3] = WB_SEC(0x01, 0x00),
                    [9] = WB_SEC(0x01, 0x03, 0x00, 0x01, 0x00)),
            WB_BYTES(0x00, 0xd2, 0x00, 0x1a, 0x0b), at);
  emit_and_compile(b.data, b.len, "decl", 1);
  wb_free(&b);
}

/* Two modules whose headers both declare the same multi-value result struct, included
 * by one embedder translation unit. */
Test(compiles, two_modules_in_one_embedder) {
  wb b;
  char *dir = make_tmpdir();
  for (int k = 0; k < 2; k++) {
    wb_init(&b);
    wb_type_section(&b, "", "\x7f\x7e");
    wb_func_section(&b, 1, 0);
    size_t s = wb_section_begin(&b, 7);
    wb_bytes(&b, "\x01\x01" "f" "\x00\x00", 5);
    wb_section_end(&b, s);
    wb_code_section(&b, WB_BYTES(0x00, 0x41, 0x01, 0x42, 0x02, 0x0b));
    emit_to(b.data, b.len, k ? "two" : "one", 1, dir);
    wb_free(&b);
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/embedder.c", dir);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs("#include \"one.h\"\n#include \"two.h\"\n"
        "pg_ret_ij call_both(one_t *a, two_t *b) {\n"
        "  pg_ret_ij x = one_export_f(a), y = two_export_f(b);\n"
        "  x.r0 += y.r0;\n  return x;\n}\n",
        f);
  fclose(f);
  compile(dir, "embedder.c");
  compile(dir, "one.c");
  compile(dir, "two-0.c");
  pg_rmtree(dir);
  free(dir);
}
