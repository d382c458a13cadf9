/* poll_sleep - waiting through poll_oneoff's clock subscriptions: nanosleep,
 * clock_nanosleep (relative, and a TIMER_ABSTIME realtime deadline), usleep, sleep(0),
 * poll and select with no descriptors and a timeout, poll of a negative fd only.
 * Each wait must last at least what was asked; facts are printed, never durations.
 * Descriptor subscriptions are left out: node's uvwasi fails them with EPERM for
 * regular files (epoll refuses those), which is what stdout is under the runner. */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Slack for early wake-ups: node's uvwasi sleeps with libuv timers, which count whole
 * milliseconds from a cached loop time and so may end up to 1 ms early. */
#define SLACK_NS 2000000

/* Prints whether the time since t0 is at least want_ms (less the slack, and under
 * 5 s more). */
static void waited(const char *what, int64_t t0, int want_ms) {
  int64_t got = now_ns() - t0;
  printf("%s: waited at least %d ms: %s\n", what, want_ms,
         got >= (int64_t)want_ms * 1000000 - SLACK_NS && got < (int64_t)(want_ms + 5000) * 1000000 ? "yes" : "NO");
}

int main(void) {
  int64_t t0 = now_ns();
  struct timespec req = { 0, 30 * 1000000 }, rem = { 7, 7 };
  show("nanosleep 30 ms", nanosleep(&req, &rem));
  waited("nanosleep", t0, 30);

  t0 = now_ns();
  req.tv_sec = 0;
  req.tv_nsec = 20 * 1000000;
  show("clock_nanosleep relative 20 ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
  waited("clock_nanosleep", t0, 20);

  /* Absolute deadlines only on CLOCK_REALTIME and only in the future: node's uvwasi
   * turns every ABSTIME subscription into a delay against the realtime clock with an
   * unsigned subtraction, so a monotonic deadline or one already past waits for
   * centuries there (the reference would hang). */
  t0 = now_ns();
  struct timespec abs;
  clock_gettime(CLOCK_REALTIME, &abs);
  abs.tv_nsec += 25 * 1000000;
  if (abs.tv_nsec >= 1000000000) {
    abs.tv_sec++;
    abs.tv_nsec -= 1000000000;
  }
  show("clock_nanosleep REALTIME TIMER_ABSTIME +25 ms", clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL));
  waited("clock_nanosleep abs", t0, 20); /* realtime and monotonic rates may differ a little */

  t0 = now_ns();
  show("usleep 15000", usleep(15000));
  waited("usleep", t0, 15);
  show("sleep(0)", (long)sleep(0));

  req.tv_nsec = -1;
  show("nanosleep negative nsec", nanosleep(&req, NULL));
  req.tv_nsec = 1000000000;
  show("nanosleep nsec 1e9", nanosleep(&req, NULL));

  t0 = now_ns();
  show("poll no fds 40 ms", poll(NULL, 0, 40));
  waited("poll", t0, 40);

  t0 = now_ns();
  struct timeval tv = { 0, 35000 };
  show("select no fds 35 ms", select(0, NULL, NULL, NULL, &tv));
  waited("select", t0, 35);

  t0 = now_ns();
  struct pollfd ignored = { -1, POLLIN, 7 };
  show("poll of a negative fd only, 10 ms", poll(&ignored, 1, 10));
  printf("  revents cleared: %d\n", ignored.revents == 0);
  waited("poll negative fd", t0, 10);

  /* ordering: three sleeps of increasing length, timestamps must increase */
  int64_t stamps[4];
  stamps[0] = now_ns();
  for (int i = 1; i <= 3; i++) {
    struct timespec s = { 0, i * 10 * 1000000 };
    nanosleep(&s, NULL);
    stamps[i] = now_ns();
  }
  int ordered = 1;
  for (int i = 1; i <= 3; i++)
    if (stamps[i] - stamps[i - 1] < (int64_t)i * 10 * 1000000 - SLACK_NS || stamps[i] <= stamps[i - 1])
      ordered = 0;
  printf("sleeps of 10, 20, 30 ms each lasted at least that long, in order: %d\n", ordered);
  return 0;
}
