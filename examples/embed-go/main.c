/*
 * main.c - the host of the embed-go example: a C program running a Go GOOS=js guest
 * (guest/main.go) through the embedding API, pogo.h.
 *
 * Before Go starts, the host puts three C functions on the global object: hostAdd
 * (Go calls it and gets the sum), register (Go hands over a callback, which the host
 * calls once Go pauses) and fetchAsync(x, resolve), the promise pattern: a worker
 * thread computes the answer slowly and posts it back to the main thread, where
 * resolve(answer) is called into Go. The host then runs the event loop until Go's main
 * returns.
 *
 * Invariants: the main thread owns the instance and is the only one to touch it or
 * its values; workers only sleep, compute and pogo_post. Each fetchAsync holds the
 * loop open (pogo_hold +1) until its answer has been delivered (-1): without the hold,
 * a Go main blocked on a channel would look finished to the loop, which would report a
 * deadlock, as node does.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "guest.h"
#include "pogo.h"

#define MAX_WORKERS 16

typedef struct host {
  pogo_value callback; /* the Go function Go registered (retained), or undefined */
  pthread_t workers[MAX_WORKERS];
  int nworkers;
} host;

/* One fetchAsync request. The worker owns it until it posts; then the main thread does. */
typedef struct job {
  pogo_poster *poster;
  pogo_value resolve; /* retained; released on the main thread only */
  double x, answer;
} job;

/* ---- a C function Go calls ---- */

static bool host_add(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                     pogo_value *result) {
  (void)user, (void)self;
  if (argc < 2) {
    *result = pogo_exception(inst, "hostAdd(a, b) needs two numbers");
    return false; /* Go sees a js.Error panic */
  }
  *result = pogo_number(pogo_to_number(args[0]) + pogo_to_number(args[1]));
  return true;
}

/* ---- Go registers a callback ---- */

static bool host_register(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                          pogo_value *result) {
  (void)self;
  host *h = user;
  if (argc < 1 || !pogo_is_function(args[0])) {
    *result = pogo_exception(inst, "register(fn) needs a function");
    return false;
  }
  pogo_release(inst, h->callback);
  h->callback = pogo_retain(args[0]); /* arguments are borrowed: keep our own reference */
  return true;
}

/* ---- fetchAsync(x, resolve): a worker thread, then a task on the main thread ---- */

/* Main thread, inside the loop: hand the answer to Go and let the loop go. */
static void deliver(pogo_instance *inst, void *user) {
  job *j = user;
  pogo_value arg = pogo_number(j->answer), r;
  pogo_error e;
  pogo_status s = pogo_call(inst, j->resolve, pogo_undefined(), &arg, 1, &r, &e);
  /* the last answer lets Go's main return; that exit shows in pogo_loop, not here */
  if (s != POGO_OK) fprintf(stderr, "host: resolve(%g): %s\n", j->answer, e.message);
  pogo_release(inst, r);
  pogo_release(inst, j->resolve);
  pogo_hold(inst, -1, NULL);
  free(j);
}

/* The instance closed (or Go ended) before the answer was delivered. The retained
 * resolve goes away with the instance's values. */
static void discard(void *user) { free(user); }

static void *worker(void *arg) {
  job *j = arg;
  pogo_poster *p = j->poster; /* j belongs to the main thread once posted */
  struct timespec slow = {0, 50 * 1000 * 1000};
  nanosleep(&slow, NULL);
  j->answer = j->x * j->x;
  if (pogo_post(p, deliver, discard, j, NULL) != POGO_OK) free(j); /* closed: still ours */
  pogo_poster_free(p);
  return NULL;
}

static bool host_fetch_async(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                             pogo_value *result) {
  (void)self;
  host *h = user;
  if (argc < 2 || !pogo_is_function(args[1])) {
    *result = pogo_exception(inst, "fetchAsync(x, resolve) needs a function");
    return false;
  }
  job *j = malloc(sizeof *j);
  pogo_poster *p = pogo_poster_new(inst, NULL);
  if (!j || !p || h->nworkers == MAX_WORKERS) {
    free(j);
    pogo_poster_free(p);
    *result = pogo_exception(inst, "fetchAsync: no room for another request");
    return false;
  }
  *j = (job){p, pogo_retain(args[1]), pogo_to_number(args[0]), 0};
  pogo_hold(inst, 1, NULL); /* before the worker can possibly post */
  if (pthread_create(&h->workers[h->nworkers], NULL, worker, j) != 0) {
    pogo_hold(inst, -1, NULL);
    pogo_release(inst, j->resolve);
    pogo_poster_free(p);
    free(j);
    *result = pogo_exception(inst, "fetchAsync: cannot start a thread");
    return false;
  }
  h->nworkers++;
  return true; /* undefined: the answer comes through resolve */
}

static void install(pogo_instance *inst, const char *name, pogo_native fn, void *user) {
  pogo_value g = pogo_global(inst);
  pogo_value f = pogo_function(inst, name, fn, user);
  pogo_set(inst, g, name, f, NULL);
  pogo_release(inst, f);
  pogo_release(inst, g);
}

int main(void) {
  /* Go writes to fd 1 itself: flush each line so the two streams interleave in order */
  setvbuf(stdout, NULL, _IOLBF, 0);
  host h = {.callback = pogo_undefined()};
  pogo_error e;
  const char *argv[] = {"guest"};
  pogo_config cfg = {.argc = 1, .argv = argv};
  pogo_instance *inst = pogo_instance_new(&guest_module, &cfg, &e);
  if (!inst) {
    fprintf(stderr, "host: %s\n", e.message);
    return 1;
  }
  install(inst, "hostAdd", host_add, &h);
  install(inst, "register", host_register, &h);
  install(inst, "fetchAsync", host_fetch_async, &h);

  int code = 1;
  if (pogo_run(inst, &e) != POGO_OK) { /* returns when Go first waits */
    fprintf(stderr, "host: run: %s\n", e.message);
    goto out;
  }

  /* call the Go callback: Go runs it on the spot and returns its value */
  pogo_value arg = pogo_cstring(inst, "hello from C"), r;
  if (pogo_call(inst, h.callback, pogo_undefined(), &arg, 1, &r, &e) == POGO_OK && pogo_string_data(r))
    printf("C: shout(\"hello from C\") returned \"%s\"\n", pogo_string_data(r));
  else
    fprintf(stderr, "host: shout: %s\n", e.message);
  pogo_release(inst, r);
  pogo_release(inst, arg);

  /* run timers, I/O and the workers' posts until Go's main returns */
  if (pogo_loop(inst, &code, &e) != POGO_OK) fprintf(stderr, "host: loop: %s\n", e.message);
  printf("C: Go exited with code %d\n", code);

out:
  for (int i = 0; i < h.nworkers; i++) pthread_join(h.workers[i], NULL);
  pogo_release(inst, h.callback);
  pogo_instance_free(inst);
  return code;
}
