/* printf_formats - stdio formatting: integers in every base and width, strings,
 * characters, and floating point in %f %e %g %a (with infinities, NaN, signed zero,
 * subnormals and extremes), snprintf truncation, and strtod round trips. All of it
 * is computed inside the guest, so both runtimes must print the same bytes. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double doubles[] = {
  0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456789.125, 1e-300, 1e300,
  6.02214076e23, 1.602176634e-19, 3.141592653589793, 2.718281828459045, 0.5, 1e15, 1e16,
  1e21, 123.456e-7, 4.9406564584124654e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
  100.0, 0.000123, 999999.5, 9.5, 10.5, 0.125,
};

static const char *const float_formats[] = {
  "%f", "%.0f", "%.3f", "%10.2f", "%-12.4f|", "%+f", "% f", "%e", "%.0e", "%.12e", "%E",
  "%g", "%.0g", "%.1g", "%.10g", "%.17g", "%#g", "%G", "%a", "%.3a", "%A", "%015.3f", "%+.2e",
};

static const char *const int_formats[] = {
  "%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%x", "%#x", "%X", "%#o", "%o", "%u", "%.3d", "%c",
};

int main(void) {
  for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++) {
    printf("[%zu]", i);
    for (size_t f = 0; f < sizeof float_formats / sizeof float_formats[0]; f++) {
      putchar(' ');
      printf(float_formats[f], doubles[i]);
    }
    putchar('\n');
  }
  const double specials[] = { INFINITY, -INFINITY, NAN, -NAN };
  for (size_t i = 0; i < 4; i++)
    printf("special %f %e %g %a %F %E %G %10.3f|\n", specials[i], specials[i], specials[i], specials[i],
           specials[i], specials[i], specials[i], specials[i]);
  printf("float args: %g %g %.9g\n", (double)1.1f, (double)FLT_MAX, (double)FLT_MIN);

  const int ints[] = { 0, 1, -1, 42, 65, 255, 4096, INT_MAX, INT_MIN, 123456 };
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    printf("int %d:", ints[i]);
    for (size_t f = 0; f < sizeof int_formats / sizeof int_formats[0]; f++) {
      putchar(' ');
      if (int_formats[f][1] == 'c')
        printf(int_formats[f], 32 + (ints[i] & 63));
      else
        printf(int_formats[f], ints[i]);
    }
    putchar('\n');
  }
  printf("wide: %lld %llu %llx %" PRId64 " %" PRIu64 " %zu %zd %jd %hhd %hd %ld %lu\n", LLONG_MIN,
         ULLONG_MAX, 0xdeadbeefcafebabeULL, INT64_MIN, UINT64_MAX, (size_t)SIZE_MAX, (ssize_t)-7,
         (intmax_t)INTMAX_MAX, (signed char)200, (short)70000, LONG_MAX, ULONG_MAX);
  printf("strings: [%s] [%10s] [%-10s] [%.3s] [%*s] [%-*.*s] [%%] [%c%c%c]\n", "hello", "right",
         "left", "truncate", 6, "star", 8, 2, "precision", 'a', 'b', 'c');
  printf("pointer null: %p\n", (void *)0);

  char buf[16];
  int n = snprintf(buf, sizeof buf, "%s-%d-%.4f", "a long prefix", 123456, 3.14159265);
  printf("snprintf returned %d, buffer [%s]\n", n, buf);
  n = snprintf(NULL, 0, "%0*d", 40, 7);
  printf("snprintf(NULL, 0) returned %d\n", n);

  int round_trip_bad = 0;
  char tmp[64];
  for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++) {
    snprintf(tmp, sizeof tmp, "%.17g", doubles[i]);
    double back = strtod(tmp, NULL);
    if (memcmp(&back, &doubles[i], sizeof back) != 0)
      round_trip_bad++;
  }
  printf("strtod round trips failed: %d\n", round_trip_bad);
  const char *parse[] = { "  -12.5e3xyz", "0x1.8p3", "inf", "-nan", "1e400", "1e-400", "  .5", "junk" };
  for (size_t i = 0; i < sizeof parse / sizeof parse[0]; i++) {
    char *end;
    double v = strtod(parse[i], &end);
    printf("strtod(\"%s\") = %g, consumed %d\n", parse[i], v, (int)(end - parse[i]));
  }
  printf("strtol: %ld %ld %lu %lld\n", strtol("  -0x7f", NULL, 16), strtol("0777", NULL, 0),
         strtoul("4294967295", NULL, 10), strtoll("-9223372036854775808", NULL, 10));
  return 0;
}
