/*
 * arena_and_diag.c - the module arena (zeroed, 16-byte aligned allocations of any size,
 * string copies, one free releasing everything and leaving a usable arena) and the error
 * channel (pg_fail formats the message and offset and longjmps; pg_fail_nooff clears the
 * offset flag; the registered cleanup runs exactly once and is then forgotten).
 */
#include <criterion/criterion.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

Test(arena, zeroed_and_aligned) {
  pg_arena a = {0};
  for (size_t n = 0; n < 200; n++) {
    unsigned char *p = pg_arena_alloc(&a, n);
    cr_assert_not_null(p);
    cr_assert_eq((uintptr_t)p % 16, 0, "allocation of %zu bytes not 16-byte aligned", n);
    for (size_t i = 0; i < n; i++) cr_assert_eq(p[i], 0, "byte %zu of %zu not zeroed", i, n);
    memset(p, 0xff, n);
  }
  pg_arena_free(&a);
  cr_assert_null(a.head);
}

Test(arena, large_allocations) {
  pg_arena a = {0};
  /* bigger than the first block, then bigger than the 16 MiB block cap */
  unsigned char *p = pg_arena_alloc(&a, 1 << 20);
  unsigned char *q = pg_arena_alloc(&a, (32u << 20) + 3);
  p[(1 << 20) - 1] = 1;
  q[(32u << 20) + 2] = 2;
  cr_assert_eq(q[0], 0);
  /* and small ones after them still work */
  for (int i = 0; i < 10000; i++) cr_assert_not_null(pg_arena_alloc(&a, 24));
  pg_arena_free(&a);
}

Test(arena, strings) {
  pg_arena a = {0};
  char *s = pg_arena_strdup(&a, "hello");
  char *t = pg_arena_strndup(&a, "abcdef", 3);
  char *e = pg_arena_strndup(&a, "a\0b", 3);
  cr_assert_str_eq(s, "hello");
  cr_assert_str_eq(t, "abc");
  cr_assert_eq(memcmp(e, "a\0b", 4), 0);
  pg_arena_free(&a);
  pg_arena_free(&a); /* freeing an empty arena is harmless */
  cr_assert_str_eq(pg_arena_strdup(&a, "again"), "again");
  pg_arena_free(&a);
}

static int cleanups;
static void *cleanup_arg;
static void count_cleanup(void *arg) {
  cleanups++;
  cleanup_arg = arg;
}

Test(diag, fail_sets_message_and_offset) {
  pg_diag d;
  memset(&d, 0, sizeof d);
  if (!setjmp(d.jmp)) {
    pg_fail(&d, 0x1234, "unknown %s %u", "local", 7u);
    cr_assert_fail("pg_fail returned");
  }
  cr_assert_str_eq(d.msg, "unknown local 7");
  cr_assert(d.has_offset);
  cr_assert_eq(d.offset, 0x1234);
}

Test(diag, fail_nooff_clears_the_offset) {
  pg_diag d;
  memset(&d, 0, sizeof d);
  d.has_offset = true;
  if (!setjmp(d.jmp)) pg_fail_nooff(&d, "%s: %s", "dir", "Permission denied");
  cr_assert_str_eq(d.msg, "dir: Permission denied");
  cr_assert_not(d.has_offset);
}

Test(diag, long_messages_are_truncated) {
  pg_diag d;
  memset(&d, 0, sizeof d);
  char big[2000];
  memset(big, 'm', sizeof big - 1);
  big[sizeof big - 1] = 0;
  if (!setjmp(d.jmp)) pg_fail(&d, 1, "%s", big);
  cr_assert_eq(strlen(d.msg), sizeof d.msg - 1);
}

Test(diag, cleanup_runs_once) {
  pg_diag d;
  memset(&d, 0, sizeof d);
  int token;
  cleanups = 0;
  pg_diag_on_fail(&d, count_cleanup, &token);
  if (!setjmp(d.jmp)) pg_fail(&d, 0, "first");
  cr_assert_eq(cleanups, 1);
  cr_assert_eq(cleanup_arg, &token);
  cr_assert_null(d.cleanup, "cleared after running");
  /* a second failure on the same channel does not run it again */
  if (!setjmp(d.jmp)) pg_fail(&d, 0, "second");
  cr_assert_eq(cleanups, 1);
  cr_assert_str_eq(d.msg, "second");
}

Test(diag, cleanup_can_be_cleared) {
  pg_diag d;
  memset(&d, 0, sizeof d);
  cleanups = 0;
  pg_diag_on_fail(&d, count_cleanup, NULL);
  pg_diag_on_fail(&d, NULL, NULL);
  if (!setjmp(d.jmp)) pg_fail(&d, 0, "x");
  cr_assert_eq(cleanups, 0);
}
