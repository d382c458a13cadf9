/*
 * units.c - sizes and durations as --max-memory, --timeout, $POGO_MAX_MEMORY and
 * $POGO_TIMEOUT take them (rt/units.c): units, fractions, rounding, and everything
 * that must be refused (nothing, zero, signs, junk, overflow).
 */
#include <criterion/criterion.h>
#include <stdint.h>

#include "../../rt/units.h"

Test(units, sizes) {
  static const struct {
    const char *text;
    uint64_t bytes;
  } ok[] = {
      {"65536", 65536}, {"1", 1},           {"64K", 65536},         {"64k", 65536},
      {"64KiB", 65536}, {"256M", 256 << 20}, {"1.5M", 3 << 19},     {"1G", 1ull << 30},
      {"4GB", 4ull << 30}, {"0.5K", 512},    {"100B", 100},          {"1.0001K", 1024},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    uint64_t v = 0;
    cr_expect(pg_parse_size(ok[i].text, &v), "%s", ok[i].text);
    cr_expect_eq(v, ok[i].bytes, "%s: %llu", ok[i].text, (unsigned long long)v);
  }
  static const char *const bad[] = {"", "0", "0K", "-1", "+1", "1.5.5M", "M", ".5", "5.", "12Q", "1 M", "1MM",
                                    "99999999999999999999", "17179869184G", NULL};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    uint64_t v;
    cr_expect_not(pg_parse_size(bad[i], &v), "%s accepted", bad[i] ? bad[i] : "NULL");
  }
}

Test(units, durations) {
  static const struct {
    const char *text;
    uint64_t ns;
  } ok[] = {
      {"10", 10000000000ull}, {"1.5s", 1500000000ull}, {"500ms", 500000000ull}, {"2m", 120000000000ull},
      {"1h", 3600000000000ull}, {"250us", 250000}, {"7ns", 7}, {"0.3s", 300000000ull},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    uint64_t v = 0;
    cr_expect(pg_parse_duration(ok[i].text, &v), "%s", ok[i].text);
    cr_expect_eq(v, ok[i].ns, "%s: %llu", ok[i].text, (unsigned long long)v);
  }
  static const char *const bad[] = {"", "0", "0s", "soon", "-2s", "1x", "1.s", "10 s", "1sec", NULL};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    uint64_t v;
    cr_expect_not(pg_parse_duration(bad[i], &v), "%s accepted", bad[i] ? bad[i] : "NULL");
  }
}

Test(units, formatting) {
  char buf[32];
  cr_expect_str_eq(pg_format_duration(300000000, buf, sizeof buf), "300ms");
  cr_expect_str_eq(pg_format_duration(2000000000, buf, sizeof buf), "2s");
  cr_expect_str_eq(pg_format_duration(1500000000, buf, sizeof buf), "1.5s");
  cr_expect_str_eq(pg_format_duration(250000, buf, sizeof buf), "250us");
  cr_expect_str_eq(pg_format_size(1 << 20, buf, sizeof buf), "1M");
  cr_expect_str_eq(pg_format_size(3 << 29, buf, sizeof buf), "1.5G");
  cr_expect_str_eq(pg_format_size(65536, buf, sizeof buf), "64K");
  cr_expect_str_eq(pg_format_size(1000, buf, sizeof buf), "1000");
}
