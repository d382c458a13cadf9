/* math_libm - floating point computed inside the guest (musl's libm and the wasm
 * instructions themselves): rounding modes of conversions, sqrt/fma/min/max
 * (including NaN and signed zero), transcendental functions, float vs double,
 * and integer overflow wrap-around, printed with %a so any bit difference shows. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double inputs[] = { 0.0, -0.0, 0.5, 1.0, -1.0, 2.5, -2.5, 3.5, 1e-310, 0.1, 10.0, 100.0,
                                    710.0, -745.5, 1e308, INFINITY, -INFINITY, NAN };

int main(void) {
  size_t n = sizeof inputs / sizeof inputs[0];
  for (size_t i = 0; i < n; i++) {
    double x = inputs[i];
    printf("x=%a sqrt %a exp %a log %a sin %a cos %a tan %a atan %a cbrt %a\n", x, sqrt(x), exp(x), log(x), sin(x),
           cos(x), tan(x), atan(x), cbrt(x));
    printf("   floor %a ceil %a trunc %a round %a rint %a nearbyint %a fabs %a expm1 %a log1p %a\n", floor(x),
           ceil(x), trunc(x), round(x), rint(x), nearbyint(x), fabs(x), expm1(x), log1p(x));
    printf("   pow(x,1.5) %a pow(2,x) %a hypot(x,3) %a fmod(x,0.75) %a atan2(x,-1) %a sinh %a tanh %a\n",
           pow(x, 1.5), pow(2.0, x), hypot(x, 3.0), fmod(x, 0.75), atan2(x, -1.0), sinh(x), tanh(x));
    float f = (float)x;
    printf("   float %a sqrtf %a expf %a sinf %a (int64)%lld lrint %ld\n", (double)f, (double)sqrtf(f),
           (double)expf(f), (double)sinf(f), isfinite(x) && fabs(x) < 9e18 ? (long long)x : 0LL,
           isfinite(x) && fabs(x) < 2e9 ? lrint(x) : 0L);
  }
  volatile double nz = -0.0, pz = 0.0, qnan = NAN, one = 1.0;
  printf("fmin(-0,0) %a fmax(-0,0) %a fmin(nan,1) %a fmax(1,nan) %a\n", fmin(nz, pz), fmax(nz, pz), fmin(qnan, one),
         fmax(one, qnan));
  printf("fma(0.1,10,-1) %a vs 0.1*10-1 %a\n", fma(0.1, 10.0, -1.0), 0.1 * 10.0 - 1.0);
  printf("copysign %a signbit(-0) %d signbit(nan) %d isnan %d isinf %d\n", copysign(3.0, nz), signbit(nz) != 0,
         signbit(qnan) != 0, isnan(qnan), isinf(1.0 / pz));
  volatile float ff = 16777217.0f, third = 1.0f / 3.0f;
  printf("float rounding: %a %a %a\n", (double)ff, (double)third, (double)(third * 3.0f));
  volatile int32_t big = INT32_MAX;
  volatile uint32_t ubig = UINT32_MAX;
  volatile int64_t big64 = INT64_MAX;
  printf("wrap: %d %u %lld\n", (int32_t)((uint32_t)big + 1u), ubig + 2u, (long long)((uint64_t)big64 + 1u));
  printf("shifts: %d %u %lld %d\n", -17 >> 2, 0x80000000u >> 31, (long long)(-1LL << 40), (int)((uint32_t)1 << 31));
  volatile double d2i = 3.99, neg = -3.99;
  printf("truncating conversions: %d %d %u %lld\n", (int)d2i, (int)neg, (unsigned)d2i, (long long)neg);
  uint64_t bits;
  volatile double tenth = 0.1;
  double sum = 0;
  for (int i = 0; i < 10; i++)
    sum += tenth;
  memcpy(&bits, &sum, sizeof bits);
  printf("0.1 added ten times: %.17g bits %016llx\n", sum, (unsigned long long)bits);
  printf("DBL_EPSILON %a FLT_EPSILON %a DBL_MIN/2 %a\n", DBL_EPSILON, (double)FLT_EPSILON, DBL_MIN / 2);
  printf("popcount %d clz %d ctz %d rotl %08x\n", __builtin_popcount(0xF0F0F0F1u), __builtin_clz(0x00010000u),
         __builtin_ctzll(0x100000000ull), (0x12345678u << 8) | (0x12345678u >> 24));
  return 0;
}
