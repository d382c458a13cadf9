/*
 * wasi_poll.c - poll_oneoff: where a WASI guest waits for time and descriptors. Go's
 * wasip1 scheduler sleeps here (a clock subscription, plus fd_read/fd_write ones for
 * non-blocking descriptors its netpoller watches), so a sleeping goroutine and one
 * waiting on stdin share one call.
 *
 * Clock subscriptions become one deadline on CLOCK_MONOTONIC (absolute realtime ones
 * are converted when the call starts); ppoll waits for the first descriptor or that
 * deadline with nanosecond resolution. Descriptor events take precedence: when any
 * descriptor is ready, expired clocks are reported too, but the call never returns
 * before its earliest clock unless a descriptor is ready.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>

#include "wasi.h"
#include "watchdog.h"

#define W(inst) ((inst)->wasi)

enum { SUB_CLOCK = 0, SUB_FD_READ = 1, SUB_FD_WRITE = 2 };

static uint64_t now_ns(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void put_event(uint8_t *ev, uint64_t userdata, uint16_t error, uint8_t type, uint64_t nbytes, uint16_t flags) {
  memset(ev, 0, 32);
  pg_wasi_st64(ev, userdata);
  pg_wasi_st16(ev + 8, error);
  ev[10] = type;
  pg_wasi_st64(ev + 16, nbytes);
  pg_wasi_st16(ev + 24, flags);
}

uint32_t pg_wasi_poll_oneoff(pg_inst_hdr *inst, uint32_t in, uint32_t out, uint32_t nsubs, uint32_t nevents) {
  if (nsubs == 0) return W_EINVAL;
  const uint8_t *subs = pg_wasi_mem(inst, in, (uint64_t)nsubs * 48);
  uint8_t *evs = pg_wasi_mem(inst, out, (uint64_t)nsubs * 32);
  if (!subs || !evs || !pg_wasi_mem(inst, nevents, 4)) return W_EFAULT;
  struct pollfd *pfd = calloc(nsubs, sizeof *pfd);
  uint64_t *deadline = calloc(nsubs, sizeof *deadline);
  if (!pfd || !deadline) {
    free(pfd);
    free(deadline);
    return W_ENOMEM;
  }
  uint32_t n = 0;
  uint64_t start = now_ns(CLOCK_MONOTONIC), first = UINT64_MAX;
  bool immediate = false;
  for (uint32_t i = 0; i < nsubs; i++) {
    const uint8_t *s = subs + 48 * i;
    uint64_t ud = pg_wasi_ld64(s);
    uint8_t tag = s[8];
    pfd[i].fd = -1;
    if (tag == SUB_CLOCK) {
      uint32_t id = pg_wasi_ld32(s + 16);
      uint64_t timeout = pg_wasi_ld64(s + 24);
      uint16_t flags = (uint16_t)(s[40] | s[41] << 8);
      if (id > 3) {
        put_event(evs + 32 * n++, ud, W_EINVAL, tag, 0, 0);
        immediate = true;
        continue;
      }
      uint64_t rel = timeout;
      if (flags & 1) { /* absolute time on that clock */
        static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                        CLOCK_THREAD_CPUTIME_ID};
        uint64_t now = now_ns(ids[id]);
        rel = timeout > now ? timeout - now : 0;
      }
      deadline[i] = rel > UINT64_MAX - start ? UINT64_MAX : start + rel;
      if (deadline[i] < first) first = deadline[i];
    } else if (tag == SUB_FD_READ || tag == SUB_FD_WRITE) {
      uint32_t e;
      wasi_fd *f = pg_wasi_fd_get(W(inst), pg_wasi_ld32(s + 16), R_POLL_FD_READWRITE, &e);
      if (!f) {
        put_event(evs + 32 * n++, ud, (uint16_t)e, tag, 0, 0);
        immediate = true;
        continue;
      }
      pfd[i].fd = f->host;
      pfd[i].events = tag == SUB_FD_READ ? POLLIN : POLLOUT;
    } else {
      put_event(evs + 32 * n++, ud, W_EINVAL, tag, 0, 0);
      immediate = true;
    }
  }

  for (;;) {
    uint64_t now = now_ns(CLOCK_MONOTONIC);
    struct timespec ts, *tp = NULL;
    if (immediate) {
      ts = (struct timespec){0, 0};
      tp = &ts;
    } else if (first != UINT64_MAX) {
      uint64_t left = first > now ? first - now : 0;
      ts = (struct timespec){(time_t)(left / 1000000000u), (long)(left % 1000000000u)};
      tp = &ts;
    }
    int r = ppoll(pfd, nsubs, tp, NULL);
    if (r < 0 && errno == EINTR) {
      if (pg_interrupt_pending()) { /* past the time limit */
        free(pfd);
        free(deadline);
        pg_interrupt_check(inst);
      }
      continue;
    }
    if (r < 0) {
      uint32_t e = pg_wasi_errno(errno);
      free(pfd);
      free(deadline);
      return e;
    }
    now = now_ns(CLOCK_MONOTONIC);
    for (uint32_t i = 0; i < nsubs && r > 0; i++) {
      if (pfd[i].fd < 0 || !pfd[i].revents) continue;
      const uint8_t *s = subs + 48 * i;
      uint16_t err = 0, flags = 0;
      uint64_t nbytes = 0;
      if (pfd[i].revents & POLLNVAL) err = W_EBADF;
      else if (pfd[i].revents & POLLERR && !(pfd[i].revents & (POLLIN | POLLOUT))) err = W_EIO;
      if (pfd[i].revents & POLLHUP) flags |= 1;
      int avail = 0;
      if (!err && s[8] == SUB_FD_READ && ioctl(pfd[i].fd, FIONREAD, &avail) == 0 && avail > 0) nbytes = (uint64_t)avail;
      put_event(evs + 32 * n++, pg_wasi_ld64(s), err, s[8], nbytes, flags);
    }
    /* clocks: when they expired, or alongside ready descriptors */
    for (uint32_t i = 0; i < nsubs; i++) {
      const uint8_t *s = subs + 48 * i;
      if (s[8] != SUB_CLOCK || pg_wasi_ld32(s + 16) > 3 || deadline[i] > now) continue;
      put_event(evs + 32 * n++, pg_wasi_ld64(s), 0, SUB_CLOCK, 0, 0);
    }
    if (n > 0) break;
    if (first == UINT64_MAX && r == 0) continue; /* spurious: nothing to report yet */
  }
  free(pfd);
  free(deadline);
  return pg_wasi_put32(inst, nevents, n);
}
