/*
 * units.c - parsing and printing sizes and durations (see units.h). A value is a
 * decimal number with an optional fraction, scaled by its unit and rounded down; the
 * result must be positive and fit 64 bits.
 */
#include "units.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The number s (integer and fraction digits, up to end) times scale, rounded
 * down. False if there is no digit, something else before end, an overflow or 0. */
static bool scaled(const char *s, uint64_t scale, const char *end, uint64_t *out) {
  uint64_t whole = 0;
  const char *p = s;
  if (!isdigit((unsigned char)*p)) return false;
  for (; isdigit((unsigned char)*p); p++) {
    if (whole > (UINT64_MAX - 9) / 10) return false;
    whole = whole * 10 + (uint64_t)(*p - '0');
  }
  if (whole && whole > UINT64_MAX / scale) return false;
  uint64_t v = whole * scale, frac = 0, div = 1;
  if (*p == '.') {
    p++;
    if (!isdigit((unsigned char)*p)) return false;
    for (; isdigit((unsigned char)*p); p++)
      if (div < 1000000000000000ull) {
        frac = frac * 10 + (uint64_t)(*p - '0');
        div *= 10;
      }
    /* frac/div of scale, without overflow for the scales used here (<= 2^42) */
    uint64_t add = (uint64_t)((long double)frac * (long double)scale / (long double)div);
    if (v > UINT64_MAX - add) return false;
    v += add;
  }
  if (p != end) return false;
  *out = v;
  return v > 0;
}

typedef struct unit {
  const char *name;
  uint64_t scale;
} unit;

/* The number at s scaled by the unit written after it, which must be one of units. */
static bool parse(const char *s, const unit *units, size_t n, uint64_t *out) {
  if (!s) return false;
  const char *u = s;
  while (isdigit((unsigned char)*u) || *u == '.') u++;
  for (size_t i = 0; i < n; i++)
    if (!strcmp(u, units[i].name)) return scaled(s, units[i].scale, u, out);
  return false;
}

bool pg_parse_size(const char *s, uint64_t *bytes) {
  static const unit units[] = {
      {"", 1},          {"B", 1},
      {"K", 1ull << 10}, {"k", 1ull << 10}, {"KB", 1ull << 10}, {"KiB", 1ull << 10}, {"kB", 1ull << 10},
      {"M", 1ull << 20}, {"m", 1ull << 20}, {"MB", 1ull << 20}, {"MiB", 1ull << 20},
      {"G", 1ull << 30}, {"g", 1ull << 30}, {"GB", 1ull << 30}, {"GiB", 1ull << 30},
  };
  return parse(s, units, sizeof units / sizeof units[0], bytes);
}

bool pg_parse_duration(const char *s, uint64_t *ns) {
  static const unit units[] = {
      {"", 1000000000ull}, {"s", 1000000000ull},   {"ms", 1000000ull}, {"us", 1000ull},
      {"ns", 1},           {"m", 60000000000ull}, {"h", 3600000000000ull},
  };
  return parse(s, units, sizeof units / sizeof units[0], ns);
}

/* v / scale with up to 3 decimals, trailing zeros dropped, and the unit. */
static const char *render(uint64_t v, uint64_t scale, const char *unit, char *buf, size_t n) {
  uint64_t whole = v / scale, milli = (v % scale) * 1000 / scale;
  if (!milli) snprintf(buf, n, "%llu%s", (unsigned long long)whole, unit);
  else if (milli % 100 == 0) snprintf(buf, n, "%llu.%llu%s", (unsigned long long)whole, (unsigned long long)milli / 100, unit);
  else if (milli % 10 == 0) snprintf(buf, n, "%llu.%02llu%s", (unsigned long long)whole, (unsigned long long)milli / 10, unit);
  else snprintf(buf, n, "%llu.%03llu%s", (unsigned long long)whole, (unsigned long long)milli, unit);
  return buf;
}

const char *pg_format_duration(uint64_t ns, char *buf, size_t n) {
  if (ns >= 1000000000ull) return render(ns, 1000000000ull, "s", buf, n);
  if (ns >= 1000000ull) return render(ns, 1000000ull, "ms", buf, n);
  if (ns >= 1000ull) return render(ns, 1000ull, "us", buf, n);
  return render(ns, 1, "ns", buf, n);
}

const char *pg_format_size(uint64_t bytes, char *buf, size_t n) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 20) == 0) return render(bytes, 1ull << 30, "G", buf, n);
  if (bytes >= (1ull << 20) && bytes % (1ull << 10) == 0) return render(bytes, 1ull << 20, "M", buf, n);
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) return render(bytes, 1ull << 10, "K", buf, n);
  return render(bytes, 1, "", buf, n);
}
