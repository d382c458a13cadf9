/*
 * output_failure.c - when writing the output fails midway (a full disk: the sink fails
 * through pg_diag), emission unwinds without leaking (checked by LeakSanitizer in
 * sanitizer builds), and the atomic output directory aborts cleanly: the target
 * directory keeps exactly what it had, with no temporary left.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "emit.h"
#include "out.h"
#include "wasm_builder.h"

typedef struct failing_out {
  pg_outdir out;
  pg_diag *d;
  unsigned calls, fail_at;
} failing_out;

/* pg_out_chunk, except that call number fail_at fails like a write error. */
static void failing_chunk(void *ctx, const char *name, const pg_buf *b, bool last) {
  failing_out *f = ctx;
  if (++f->calls == f->fail_at) pg_fail_nooff(f->d, "%s: No space left on device", name);
  pg_out_chunk(&f->out, name, b, last);
}

static size_t entries(const char *dir, char *first, size_t n) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d);
  size_t count = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
    if (!count) snprintf(first, n, "%s", de->d_name);
    count++;
  }
  closedir(d);
  return count;
}

/* Emit the wide sample with the sink failing at call `fail_at`; returns false if the
 * emission got that far (and failed), true if it finished first. */
static bool emit_failing_at(unsigned fail_at, const char *dir) {
  pg_module m;
  wb_result r = wb_load(wb_sample_wide, wb_sample_wide_size, &m);
  cr_assert(r.ok);
  failing_out *f = calloc(1, sizeof *f);
  pg_diag *d = calloc(1, sizeof *d);
  f->d = d;
  f->fail_at = fail_at;
  bool finished;
  if (setjmp(d->jmp)) {
    pg_out_abort(&f->out);
    cr_assert(strstr(d->msg, "No space left on device"), "%s", d->msg);
    finished = false;
  } else {
    pg_out_begin(&f->out, dir, d);
    pg_emit_opts o = {"t", 3, "wide.wasm"};
    pg_emit_module(&m, &o, d, failing_chunk, f);
    pg_out_commit(&f->out);
    finished = true;
  }
  pg_module_free(&m);
  free(f);
  free(d);
  return finished;
}

Test(output_failure, every_write_can_fail_cleanly) {
  const char *base = getenv("TMPDIR");
  if (!base || !*base) base = P_tmpdir;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/pogo-outfail-XXXXXX", base);
  cr_assert_not_null(mkdtemp(dir), "%s", strerror(errno));
  char keep[4200];
  snprintf(keep, sizeof keep, "%s/keep.txt", dir);
  FILE *k = fopen(keep, "w");
  cr_assert_not_null(k);
  fputs("mine\n", k);
  fclose(k);
  unsigned fail_at = 1;
  for (; fail_at < 100 && !emit_failing_at(fail_at, dir); fail_at++) {
    char first[256] = "";
    size_t n = entries(dir, first, sizeof first);
    cr_assert_eq(n, 1, "failing at write %u left %zu entries", fail_at, n);
    cr_assert_str_eq(first, "keep.txt");
  }
  cr_assert_gt(fail_at, 5, "the wide sample takes several writes (%u)", fail_at);
  cr_assert_lt(fail_at, 100, "emission never finished");
  pg_rmtree(dir);
#if defined(__SANITIZE_ADDRESS__)
  /* everything the failed emissions allocated must have been released */
  cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "emission leaks when the output fails (report above)");
#endif
}
