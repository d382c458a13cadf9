/*
 * buf_and_strset.c - the growable text buffer (always NUL-terminated, appends of every
 * kind, printf growth, decimal u64, clear keeps capacity, free resets) and the string
 * set used for unique C names (add reports duplicates, membership survives growth, free
 * resets to a usable empty set).
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

Test(buf, starts_empty_and_appends) {
  pg_buf b = {0};
  pg_buf_puts(&b, "");
  cr_assert_not_null(b.data, "even an empty append leaves a terminated string");
  cr_assert_str_eq(b.data, "");
  pg_buf_puts(&b, "hello");
  pg_buf_putc(&b, ',');
  pg_buf_put(&b, " world!!", 6);
  cr_assert_eq(b.len, 12);
  cr_assert_str_eq(b.data, "hello, world");
  cr_assert_eq(b.data[b.len], '\0');
  pg_buf_free(&b);
  cr_assert_null(b.data);
  cr_assert_eq(b.len, 0);
  cr_assert_eq(b.cap, 0);
}

Test(buf, put_keeps_embedded_nul_bytes) {
  pg_buf b = {0};
  pg_buf_put(&b, "a\0b", 3);
  cr_assert_eq(b.len, 3);
  cr_assert_eq(memcmp(b.data, "a\0b", 4), 0);
  pg_buf_free(&b);
}

Test(buf, printf_grows_as_needed) {
  pg_buf b = {0};
  pg_buf_printf(&b, "%d-%s", 42, "x");
  cr_assert_str_eq(b.data, "42-x");
  char big[3000];
  memset(big, 'q', sizeof big - 1);
  big[sizeof big - 1] = 0;
  pg_buf_printf(&b, "[%s]", big);
  cr_assert_eq(b.len, 4 + 2 + 2999);
  cr_assert_eq(b.data[4], '[');
  cr_assert_eq(b.data[b.len - 1], ']');
  cr_assert_eq(b.data[b.len], '\0');
  cr_assert_geq(b.cap, b.len + 1);
  pg_buf_free(&b);
}

Test(buf, many_small_appends) {
  pg_buf b = {0};
  for (int i = 0; i < 100000; i++) pg_buf_putc(&b, (char)('a' + i % 26));
  cr_assert_eq(b.len, 100000);
  cr_assert_eq(strlen(b.data), 100000);
  cr_assert_eq(b.data[99999], 'a' + 99999 % 26);
  pg_buf_free(&b);
}

Test(buf, u64_in_decimal) {
  static const uint64_t values[] = {0, 1, 9, 10, 4294967295u, 4294967296u, UINT64_MAX};
  pg_buf b = {0};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    char want[32];
    pg_buf_clear(&b);
    pg_buf_u64(&b, values[i]);
    snprintf(want, sizeof want, "%llu", (unsigned long long)values[i]);
    cr_assert_str_eq(b.data, want);
  }
  pg_buf_clear(&b);
  pg_buf_u64(&b, UINT64_MAX);
  cr_assert_str_eq(b.data, "18446744073709551615");
  pg_buf_free(&b);
}

Test(buf, clear_keeps_capacity) {
  pg_buf b = {0};
  pg_buf_clear(&b); /* on a never-used buffer: no crash */
  pg_buf_puts(&b, "some text that is long enough");
  size_t cap = b.cap;
  char *data = b.data;
  pg_buf_clear(&b);
  cr_assert_eq(b.len, 0);
  cr_assert_str_eq(b.data, "");
  cr_assert_eq(b.cap, cap);
  pg_buf_puts(&b, "x");
  cr_assert_eq(b.data, data, "no reallocation after clear");
  pg_buf_free(&b);
}

Test(buf, reserve_makes_room_without_writing) {
  pg_buf b = {0};
  pg_buf_reserve(&b, 1000);
  cr_assert_geq(b.cap, 1001);
  cr_assert_eq(b.len, 0);
  char *data = b.data;
  for (int i = 0; i < 1000; i++) pg_buf_putc(&b, 'z');
  cr_assert_eq(b.data, data, "reserved room was enough");
  pg_buf_free(&b);
}

Test(strset, add_and_has) {
  pg_strset s = {0};
  cr_assert_not(pg_strset_has(&s, "x"), "an empty set has nothing");
  cr_assert(pg_strset_add(&s, "x"));
  cr_assert(pg_strset_add(&s, "y"));
  cr_assert(pg_strset_add(&s, ""));
  cr_assert_not(pg_strset_add(&s, "x"), "second add of x");
  cr_assert_not(pg_strset_add(&s, ""), "second add of the empty string");
  cr_assert(pg_strset_has(&s, "x"));
  cr_assert(pg_strset_has(&s, "y"));
  cr_assert(pg_strset_has(&s, ""));
  cr_assert_not(pg_strset_has(&s, "z"));
  cr_assert_not(pg_strset_has(&s, "xx"));
  cr_assert_eq(s.count, 3);
  pg_strset_free(&s);
}

Test(strset, keeps_its_own_copies) {
  pg_strset s = {0};
  char name[8] = "abc";
  pg_strset_add(&s, name);
  strcpy(name, "zzz");
  cr_assert(pg_strset_has(&s, "abc"));
  cr_assert_not(pg_strset_has(&s, "zzz"));
  pg_strset_free(&s);
}

Test(strset, survives_growth) {
  pg_strset s = {0};
  char name[32];
  for (int i = 0; i < 5000; i++) {
    snprintf(name, sizeof name, "f%d", i);
    cr_assert(pg_strset_add(&s, name), "first add of %s", name);
  }
  cr_assert_eq(s.count, 5000);
  cr_assert_geq(s.cap, 2 * s.count, "load factor stays at most 1/2");
  for (int i = 0; i < 5000; i++) {
    snprintf(name, sizeof name, "f%d", i);
    cr_assert(pg_strset_has(&s, name), "%s lost after growth", name);
    cr_assert_not(pg_strset_add(&s, name), "%s added twice", name);
  }
  cr_assert_not(pg_strset_has(&s, "f5000"));
  pg_strset_free(&s);
}

Test(strset, free_resets_to_empty) {
  pg_strset s = {0};
  pg_strset_add(&s, "a");
  pg_strset_free(&s);
  cr_assert_eq(s.count, 0);
  cr_assert_eq(s.cap, 0);
  cr_assert_null(s.slots);
  cr_assert_not(pg_strset_has(&s, "a"));
  cr_assert(pg_strset_add(&s, "a"), "usable again after free");
  pg_strset_free(&s);
  pg_strset_free(&s); /* freeing twice is harmless */
}
