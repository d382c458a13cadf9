/* time_clocks - clocks: CLOCK_MONOTONIC never goes back and advances across a busy
 * loop, CLOCK_REALTIME is a plausible date that agrees with time() and
 * gettimeofday(), resolutions are positive, and formatting a fixed instant (gmtime,
 * strftime, timegm, asctime) is exact. Only deterministic facts are printed. */
#include <stdio.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>

#include "corpus.h"

static int64_t ns(struct timespec t) {
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void) {
  struct timespec a, b;
  int backwards = 0;
  clock_gettime(CLOCK_MONOTONIC, &a);
  int64_t first = ns(a);
  for (int i = 0; i < 100000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ns(b) < ns(a))
      backwards++;
    a = b;
  }
  printf("monotonic went backwards: %d times\n", backwards);
  printf("monotonic advanced: %d\n", ns(a) > first);
  printf("tv_nsec in range: %d\n", a.tv_nsec >= 0 && a.tv_nsec < 1000000000);

  clock_gettime(CLOCK_REALTIME, &a);
  time_t t = time(NULL);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("realtime after 2020-01-01: %d\n", a.tv_sec > 1577836800);
  printf("realtime before 2100-01-01: %d\n", a.tv_sec < 4102444800);
  printf("time() within 5 s of realtime: %d\n", t - a.tv_sec >= -5 && t - a.tv_sec <= 5);
  printf("gettimeofday within 5 s: %d, usec in range: %d\n", tv.tv_sec - a.tv_sec >= -5 && tv.tv_sec - a.tv_sec <= 5,
         tv.tv_usec >= 0 && tv.tv_usec < 1000000);

  struct timespec r;
  show("clock_getres MONOTONIC", clock_getres(CLOCK_MONOTONIC, &r));
  printf("resolution positive and at most 1 ms: %d\n", ns(r) > 0 && ns(r) <= 1000000);
  show("clock_getres REALTIME", clock_getres(CLOCK_REALTIME, &r));
  printf("resolution positive and at most 1 ms: %d\n", ns(r) > 0 && ns(r) <= 1000000);

  time_t fixed = 1234567890;
  struct tm tm;
  gmtime_r(&fixed, &tm);
  char buf[128];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A %j %U %Z", &tm);
  printf("gmtime(1234567890): %s, wday %d yday %d\n", buf, tm.tm_wday, tm.tm_yday);
  tm.tm_mday += 100;
  time_t back = timegm(&tm);
  printf("timegm(+100 days): %lld\n", (long long)back);
  fixed = 0;
  printf("asctime(epoch): %s", asctime(gmtime(&fixed)));
  fixed = 4102444799;
  gmtime_r(&fixed, &tm);
  strftime(buf, sizeof buf, "%c", &tm);
  printf("2099 end: %s\n", buf);
  printf("difftime: %g\n", difftime(1000, 250));
  return 0;
}
