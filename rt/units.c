/*
 * units.c - parsing and printing sizes and durations (see units.h). A value is a
 * decimal number with an optional fraction, scaled by its unit and rounded down; the
 * result must be positive and fit 64 bits.
 */
#include "units.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The number at the start of s as integer and fraction parts scaled by `scale`; *rest
 * points after it. False if there is no digit or the value overflows. */
static bool scaled(const char *s, uint64_t scale, const char *unit_end, uint64_t *out) {
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
  if (p != unit_end) return false;
  *out = v;
  return v > 0;
}

static const char *unit_start(const char *s) {
  const char *p = s;
  while (isdigit((unsigned char)*p) || *p == '.') p++;
  return p;
}

bool pg_parse_size(const char *s, uint64_t *bytes) {
  if (!s) return false;
  const char *u = unit_start(s);
  static const struct {
    const char *name;
    uint64_t scale;
  } units[] = {
      {"", 1},          {"B", 1},
      {"K", 1ull << 10}, {"k", 1ull << 10}, {"KB", 1ull << 10}, {"KiB", 1ull << 10}, {"kB", 1ull << 10},
      {"M", 1ull << 20}, {"m", 1ull << 20}, {"MB", 1ull << 20}, {"MiB", 1ull << 20},
      {"G", 1ull << 30}, {"g", 1ull << 30}, {"GB", 1ull << 30}, {"GiB", 1ull << 30},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (!strcmp(u, units[i].name)) return scaled(s, units[i].scale, u, bytes);
  return false;
}

bool pg_parse_duration(const char *s, uint64_t *ns) {
  if (!s) return false;
  const char *u = unit_start(s);
  static const struct {
    const char *name;
    uint64_t scale;
  } units[] = {
      {"", 1000000000ull}, {"s", 1000000000ull},   {"ms", 1000000ull}, {"us", 1000ull},
      {"ns", 1},           {"m", 60000000000ull}, {"h", 3600000000000ull},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (!strcmp(u, units[i].name)) return scaled(s, units[i].scale, u, ns);
  return false;
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
