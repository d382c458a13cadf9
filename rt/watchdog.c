/*
 * watchdog.c - time limits: a thread that interrupts a guest when its time is up, the
 * signal handler that turns the interrupt into a trap at a safe point, and the registry
 * of where generated code lives (see watchdog.h for the design).
 *
 * The cost is outside generated code: no check at loop back-edges or calls, one thread
 * per watchdog that sleeps until the limit, and a few signals once it has passed.
 */
#define _GNU_SOURCE
#include "watchdog.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RESEND_NS 5000000ull /* while the guest is in host code: try again after 5 ms */

/* ---- where generated code is ---- */

/* Defined by the linker when some object has a pogo_text section (GCC, Clang). */
extern const char __start_pogo_text[] __attribute__((weak));
extern const char __stop_pogo_text[] __attribute__((weak));

/* Translation units built by tcc, registered at instantiation. Entries are written
 * under the lock and published by the count, so the signal handler reads them
 * without it. */
#define MAX_RANGES 4096
static struct {
  uintptr_t begin, end;
} ranges[MAX_RANGES];
static atomic_uint nranges;
static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;

void pg_code_register(const void *begin, const void *end) {
  uintptr_t b = (uintptr_t)begin, e = (uintptr_t)end;
  if (e <= b) return;
  pthread_mutex_lock(&ranges_lock);
  unsigned n = atomic_load(&nranges);
  bool known = false;
  for (unsigned i = 0; i < n && !known; i++) known = ranges[i].begin == b;
  if (!known && n < MAX_RANGES) { /* beyond: that code is interrupted only by the fallback */
    ranges[n].begin = b;
    ranges[n].end = e;
    atomic_store(&nranges, n + 1);
  }
  pthread_mutex_unlock(&ranges_lock);
}

bool pg_in_guest_code(uintptr_t pc) {
  uintptr_t start = (uintptr_t)__start_pogo_text, stop = (uintptr_t)__stop_pogo_text;
  if (start && pc >= start && pc < stop) return true;
  unsigned n = atomic_load(&nranges);
  for (unsigned i = 0; i < n; i++)
    if (pc >= ranges[i].begin && pc < ranges[i].end) return true;
  return false;
}

/* ---- the watchdog ---- */

struct pg_watchdog {
  pthread_mutex_t lock;
  pthread_cond_t cond;      /* on CLOCK_MONOTONIC */
  pthread_t thread, target;
  uint64_t deadline;        /* monotonic ns; 0: disarmed */
  uint64_t generation;      /* changes at every arm and disarm */
  uint64_t grace_ns;
  void (*on_stuck)(void *ctx);
  void *ctx;
  bool quit;
  atomic_bool firing;       /* the limit passed: the handler may trap */
  atomic_uint sent, seen;   /* signals sent and handled: one in flight at a time */
};

/* The watchdog whose interrupt reached this thread outside guest code, for host safe
 * points. Cleared when that watchdog is freed on this thread. */
static _Thread_local pg_watchdog *pending;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void wait_until(pg_watchdog *w, uint64_t t) {
  struct timespec ts = {(time_t)(t / 1000000000ull), (long)(t % 1000000000ull)};
  pthread_cond_timedwait(&w->cond, &w->lock, &ts);
}

static void on_interrupt(int sig, siginfo_t *si, void *uctx) {
  (void)sig;
  if (si->si_code != SI_QUEUE || !si->si_value.sival_ptr) return;
  pg_watchdog *w = si->si_value.sival_ptr;
  int saved = errno;
  atomic_fetch_add(&w->seen, 1);
  if (atomic_load(&w->firing)) {
    pending = w;
    uintptr_t pc = pg_signal_pc(uctx);
    if (pg_call_innermost() && pg_in_guest_code(pc)) pg_trap_signal(PG_TRAP_INTERRUPT, pc);
  }
  errno = saved;
}

static void install_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  /* no SA_RESTART: a host function blocked in a system call sees EINTR and can stop */
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sa.sa_sigaction = on_interrupt;
  sigaction(PG_SIG_INTERRUPT, &sa, NULL);
}

static void *watch(void *p) {
  pg_watchdog *w = p;
  pthread_mutex_lock(&w->lock);
  while (!w->quit) {
    if (!w->deadline) {
      pthread_cond_wait(&w->cond, &w->lock);
      continue;
    }
    uint64_t now = now_ns();
    if (now < w->deadline) {
      wait_until(w, w->deadline);
      continue;
    }
    /* the limit passed: interrupt until disarmed (or armed anew) */
    uint64_t gen = w->generation, stuck_at = w->deadline + w->grace_ns;
    bool stuck_done = !w->on_stuck;
    atomic_store(&w->firing, true);
    while (!w->quit && w->generation == gen) {
      if (atomic_load(&w->seen) == atomic_load(&w->sent)) {
        atomic_fetch_add(&w->sent, 1);
        if (pthread_sigqueue(w->target, PG_SIG_INTERRUPT, (union sigval){.sival_ptr = w}) != 0)
          atomic_fetch_sub(&w->sent, 1); /* the thread is gone, or the queue full: retry */
      }
      now = now_ns();
      if (!stuck_done && now >= stuck_at) {
        stuck_done = true;
        pthread_mutex_unlock(&w->lock);
        w->on_stuck(w->ctx);
        pthread_mutex_lock(&w->lock);
        continue;
      }
      wait_until(w, now + RESEND_NS);
    }
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

pg_watchdog *pg_watchdog_new(pthread_t target, uint64_t grace_ns, void (*on_stuck)(void *ctx), void *ctx) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, install_handler);
  pg_watchdog *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&w->cond, &ca);
  pthread_condattr_destroy(&ca);
  pthread_mutex_init(&w->lock, NULL);
  w->target = target;
  w->grace_ns = grace_ns;
  w->on_stuck = on_stuck;
  w->ctx = ctx;
  /* a small stack: the thread only waits and sends signals */
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  int r = pthread_create(&w->thread, &attr, watch, w);
  pthread_attr_destroy(&attr);
  if (r != 0) {
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
    return NULL;
  }
  return w;
}

void pg_watchdog_arm(pg_watchdog *w, uint64_t limit_ns) {
  pthread_mutex_lock(&w->lock);
  uint64_t d = now_ns() + limit_ns;
  w->deadline = d ? d : 1;
  w->generation++;
  atomic_store(&w->firing, false);
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->lock);
}

void pg_watchdog_disarm(pg_watchdog *w) {
  pthread_mutex_lock(&w->lock);
  w->deadline = 0;
  w->generation++;
  atomic_store(&w->firing, false);
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->lock);
}

bool pg_watchdog_fired(const pg_watchdog *w) { return atomic_load(&w->firing); }

void pg_watchdog_free(pg_watchdog *w) {
  if (!w) return;
  pthread_mutex_lock(&w->lock);
  w->quit = true;
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->lock);
  pthread_join(w->thread, NULL);
  /* a signal sent before the join reaches its target before the target runs on (here,
   * when the target is the caller), so none refers to w after this */
  if (pending == w) pending = NULL;
  pthread_cond_destroy(&w->cond);
  pthread_mutex_destroy(&w->lock);
  free(w);
}

/* ---- host safe points ---- */

bool pg_interrupt_pending(void) { return pending && atomic_load(&pending->firing); }

void pg_interrupt_check(pg_inst_hdr *inst) {
  (void)inst;
  if (pg_interrupt_pending()) pg_trap(NULL, UINT32_MAX, PG_TRAP_INTERRUPT);
}
