/*
 * loop.c - the event loop of the Go host: what node's event loop does for a Go program
 * between the moments Go pauses.
 *
 * After run (or resume) returns because Go paused, the loop fires due timers (the
 * runtime's scheduleTimeoutEvent wake-ups and JS setTimeout callbacks), then delivers
 * queued callbacks (fs completions, in the order the operations were issued), and
 * otherwise waits in poll() for the next timer or a descriptor a pending read waits on.
 * With nothing left to wait for, it sends Go the event {id: 0}, as node's runner does at
 * exit, so Go reports "all goroutines are asleep - deadlock!".
 *
 * Exit and traps: Go's exit (and any trap) unwinds through pg_call. A resume nested
 * inside a host call (Go -> JS -> Go) passes it outwards with pg_trap_raise, so nothing
 * runs guest code after the guest exited; the outermost level ends the loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "js_host.h"
#include "watchdog.h"

uint64_t js_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem) {
  if (need <= *cap) return p;
  uint32_t c = *cap ? *cap : 16;
  while (c < need) c *= 2;
  p = realloc(p, (size_t)c * elem);
  if (!p) abort();
  *cap = c;
  return p;
}

/* ---- Go activations ---- */

/* After a guest activation ended in a trap: inside another activation, keep unwinding;
 * at the outermost level, remember why (an exit is not an error). */
static void after_trap(pg_js *js, const pg_trap_info *t) {
  if (js->depth > 0) pg_trap_raise(t);
  if (t->kind != PG_TRAP_EXIT && !js->fatal.kind) js->fatal = *t;
}

static void resume_thunk(void *arg) {
  pg_go *g = arg;
  g->resume(g->hdr);
}

void js_resume(pg_js *js) {
  pg_trap_info t;
  js->depth++;
  bool ok = pg_call(js->go->hdr, resume_thunk, js->go, &t);
  js->depth--;
  if (!ok) after_trap(js, &t);
}

typedef struct run_args {
  pg_go *go;
  uint32_t argc, argv;
} run_args;

static void run_thunk(void *arg) {
  run_args *r = arg;
  r->go->run(r->go->hdr, r->argc, r->argv);
}

void js_run(pg_js *js, uint32_t argc, uint32_t argv) {
  run_args r = {js->go, argc, argv};
  pg_trap_info t;
  js->depth++;
  bool ok = pg_call(js->go->hdr, run_thunk, &r, &t);
  js->depth--;
  if (!ok) after_trap(js, &t);
}

/* ---- timers ---- */

uint32_t js_timer_add(pg_js *js, uint64_t delay_ms, bool runtime, js_val fn, const js_val *args, uint32_t nargs) {
  js->timers = grow(js->timers, &js->timers_cap, js->ntimers + 1, sizeof *js->timers);
  js_timer *t = &js->timers[js->ntimers++];
  memset(t, 0, sizeof *t);
  t->id = runtime ? ++js->next_runtime_timer : ++js->next_js_timer;
  t->runtime = runtime;
  t->armed = true;
  t->due_ns = js_now_ns() + delay_ms * 1000000ull;
  t->seq = ++js->timer_seq;
  t->fn = js_retain(fn);
  if (nargs) {
    t->args = malloc(nargs * sizeof *t->args);
    for (uint32_t i = 0; i < nargs; i++) t->args[i] = js_retain(args[i]);
  }
  t->nargs = nargs;
  return t->id;
}

static int timer_find(pg_js *js, uint32_t id, bool runtime) {
  for (uint32_t i = 0; i < js->ntimers; i++)
    if (js->timers[i].id == id && js->timers[i].runtime == runtime) return (int)i;
  return -1;
}

static void timer_remove(pg_js *js, uint32_t i) {
  js_timer t = js->timers[i];
  memmove(&js->timers[i], &js->timers[i + 1], (js->ntimers - i - 1) * sizeof t);
  js->ntimers--;
  js_release(js, t.fn);
  for (uint32_t k = 0; k < t.nargs; k++) js_release(js, t.args[k]);
  free(t.args);
}

void js_timer_clear(pg_js *js, uint32_t id, bool runtime) {
  int i = timer_find(js, id, runtime);
  if (i >= 0) timer_remove(js, (uint32_t)i);
}

/* The armed timer due first (ties in creation order), or -1. */
static int next_timer(pg_js *js) {
  int best = -1;
  for (uint32_t i = 0; i < js->ntimers; i++) {
    const js_timer *t = &js->timers[i];
    if (!t->armed) continue;
    if (best < 0 || t->due_ns < js->timers[best].due_ns ||
        (t->due_ns == js->timers[best].due_ns && t->seq < js->timers[best].seq))
      best = (int)i;
  }
  return best;
}

static void report_uncaught(pg_js *js, js_val err) {
  char *s = js_to_cstring(js, err);
  fprintf(stderr, "pogo: uncaught JS exception: %s\n", s);
  free(s);
  js->uncaught = true;
}

static void fire(pg_js *js, uint32_t i) {
  js_timer *t = &js->timers[i];
  if (t->runtime) {
    /* wasm_exec.js: resume; while the id is still registered, Go missed it: warn and
     * resume again (Go normally clears it while handling the wake-up) */
    uint32_t id = t->id;
    t->armed = false;
    js_resume(js);
    while (!js->exited && !js->fatal.kind && timer_find(js, id, true) >= 0) {
      static const char warn[] = "scheduleTimeoutEvent: missed timeout event\n";
      if (write(2, warn, sizeof warn - 1) < 0) {
      }
      js_resume(js);
    }
    return;
  }
  js_timer copy = *t;
  /* the callback owns its function and arguments now */
  memmove(&js->timers[i], &js->timers[i + 1], (js->ntimers - i - 1) * sizeof copy);
  js->ntimers--;
  js_val r;
  if (!js_call(js, copy.fn, js_undefined(), copy.args, copy.nargs, &r)) report_uncaught(js, r);
  js_release(js, r);
  js_release(js, copy.fn);
  for (uint32_t k = 0; k < copy.nargs; k++) js_release(js, copy.args[k]);
  free(copy.args);
}

/* ---- queued callbacks and waits ---- */

void js_enqueue_call(pg_js *js, js_val f, const js_val *args, uint32_t argc) {
  if (js->qlen == js->qcap) {
    uint32_t cap = js->qcap ? js->qcap * 2 : 16;
    js_task *q = malloc(cap * sizeof *q);
    if (!q) abort();
    for (uint32_t i = 0; i < js->qlen; i++) q[i] = js->queue[(js->qhead + i) % js->qcap];
    free(js->queue);
    js->queue = q;
    js->qcap = cap;
    js->qhead = 0;
  }
  js_task *t = &js->queue[(js->qhead + js->qlen) % js->qcap];
  js->qlen++;
  t->fn = js_retain(f);
  t->nargs = argc;
  t->args = argc ? malloc(argc * sizeof *t->args) : NULL;
  for (uint32_t i = 0; i < argc; i++) t->args[i] = js_retain(args[i]);
}

static bool dequeue(pg_js *js, js_task *out) {
  if (!js->qlen) return false;
  *out = js->queue[js->qhead];
  js->qhead = (js->qhead + 1) % js->qcap;
  js->qlen--;
  return true;
}

static void run_task(pg_js *js, js_task *t) {
  js_val r;
  if (!js_call(js, t->fn, js_undefined(), t->args, t->nargs, &r)) report_uncaught(js, r);
  js_release(js, r);
  js_release(js, t->fn);
  for (uint32_t i = 0; i < t->nargs; i++) js_release(js, t->args[i]);
  free(t->args);
}

void js_wait_readable(pg_js *js, int fd, void (*done)(pg_js *js, void *data), void *data) {
  js->waits = grow(js->waits, &js->waits_cap, js->nwaits + 1, sizeof *js->waits);
  js->waits[js->nwaits++] = (js_wait){fd, done, data};
}

/* Wait for the next timer, a readable descriptor or posted work (the embedder's wake
 * descriptor), at most max_ns (-1: no limit); false if there is nothing at all to wait
 * for: no timer, no descriptor, no hold on the loop. */
static bool wait_some(pg_js *js, int64_t max_ns) {
  int ti = next_timer(js);
  bool wake = js->wake_fd >= 0;
  if (ti < 0 && !js->nwaits && !js->holds) return false;
  int64_t wait_ns = max_ns;
  if (ti >= 0) {
    uint64_t now = js_now_ns(), due = js->timers[ti].due_ns;
    int64_t until = due <= now ? 0 : (int64_t)(due - now);
    if (wait_ns < 0 || until < wait_ns) wait_ns = until;
  }
  uint32_t n = js->nwaits + (wake ? 1 : 0);
  if (!n) {
    if (wait_ns > 0) {
      struct timespec ts = {(time_t)(wait_ns / 1000000000), (long)(wait_ns % 1000000000)};
      while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !pg_interrupt_pending()) {
      }
    }
    return true;
  }
  struct pollfd *pfd = malloc(n * sizeof *pfd);
  if (!pfd) abort();
  for (uint32_t i = 0; i < js->nwaits; i++) pfd[i] = (struct pollfd){js->waits[i].fd, POLLIN, 0};
  if (wake) pfd[js->nwaits] = (struct pollfd){js->wake_fd, POLLIN, 0};
  struct timespec ts, *tp = NULL;
  if (wait_ns >= 0) {
    ts = (struct timespec){(time_t)(wait_ns / 1000000000), (long)(wait_ns % 1000000000)};
    tp = &ts;
  }
  int r = ppoll(pfd, n, tp, NULL);
  if (r > 0 && js->nwaits) {
    /* collect first: a done callback may register new waits */
    uint32_t nready = 0, nw = js->nwaits;
    js_wait *ready = malloc(nw * sizeof *ready);
    if (!ready) abort();
    uint32_t keep = 0;
    for (uint32_t i = 0; i < nw; i++) {
      if (pfd[i].revents) ready[nready++] = js->waits[i];
      else js->waits[keep++] = js->waits[i];
    }
    js->nwaits = keep;
    for (uint32_t i = 0; i < nready; i++) ready[i].done(js, ready[i].data);
    free(ready);
  }
  free(pfd);
  return true;
}

static bool ended(const pg_js *js) { return js->exited || js->fatal.kind || js->uncaught; }

bool js_loop_turn(pg_js *js, int64_t max_wait_ns, bool may_conclude) {
  bool did = false;
  if (pg_interrupt_pending() && !ended(js)) {
    /* the time limit passed while the loop waited: the program ends as if trapped */
    js->fatal = (pg_trap_info){PG_TRAP_INTERRUPT, NULL, UINT32_MAX, 0, NULL};
    return true;
  }
  /* timers phase: everything due now, in due order */
  uint64_t now = js_now_ns();
  for (;;) {
    int ti = next_timer(js);
    if (ti < 0 || js->timers[ti].due_ns > now || ended(js)) break;
    fire(js, (uint32_t)ti);
    did = true;
  }
  /* callbacks phase: what was queued before it started */
  for (uint32_t n = js->qlen; n > 0 && !ended(js); n--) {
    js_task t;
    if (!dequeue(js, &t)) break;
    run_task(js, &t);
    did = true;
  }
  /* work posted by the embedder (other threads) */
  if (!ended(js) && js->drain && js->drain(js->drain_ctx)) did = true;
  if (did || ended(js) || js->qlen) return did;
  /* with max_wait_ns 0 this still collects descriptors that are ready now */
  if (!wait_some(js, max_wait_ns)) {
    if (!may_conclude) return false;
    /* node's runner at exit: deliver {id: 0} so Go reports the deadlock itself */
    js_obj *event = js_new_object(js);
    js_put(js, event, "id", js_num(0));
    js_set(js, js_objv(js->goobj), "_pendingEvent", js_objv(event));
    js_release(js, js_objv(event));
    js_resume(js);
    if (!js->exited && !js->fatal.kind) js->deadlocked = true;
    return true;
  }
  return false;
}

int js_loop(pg_js *js) {
  while (!ended(js) && !js->deadlocked) js_loop_turn(js, -1, true);
  if (js->uncaught) return 1;
  return js->exit_code;
}

void js_loop_free(pg_js *js) {
  while (js->ntimers) timer_remove(js, js->ntimers - 1);
  free(js->timers);
  js->timers = NULL;
  js_task t;
  while (dequeue(js, &t)) {
    js_release(js, t.fn);
    for (uint32_t i = 0; i < t.nargs; i++) js_release(js, t.args[i]);
    free(t.args);
  }
  free(js->queue);
  js->queue = NULL;
  free(js->waits);
  js->waits = NULL;
  js->nwaits = 0;
}
