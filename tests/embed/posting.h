/*
 * posting.h - worker threads that post to an instance, shared by embed_test.c and
 * embed_threads.c: each counts what it got accepted or refused, and the tasks count
 * whether they ran or were cancelled, so a test can check that every accepted post
 * had exactly one of the two fates.
 */
#ifndef POGO_TEST_POSTING_H
#define POGO_TEST_POSTING_H

#include <stdatomic.h>

#include "pogo.h"

typedef struct counters {
  atomic_int ran, cancelled, accepted, refused;
} counters;

typedef struct poster_args {
  pogo_poster *p;     /* freed by the thread when it is done */
  counters *c;
  int n;              /* posts to make; -1: until refused */
} poster_args;

static void task_run(pogo_instance *inst, void *user) {
  (void)inst;
  atomic_fetch_add(&((counters *)user)->ran, 1);
}

static void task_cancel(void *user) { atomic_fetch_add(&((counters *)user)->cancelled, 1); }

static void *poster_thread(void *arg) {
  poster_args *a = arg;
  for (int i = 0; a->n < 0 || i < a->n; i++) {
    pogo_status s = pogo_post(a->p, task_run, task_cancel, a->c, NULL);
    if (s == POGO_OK) atomic_fetch_add(&a->c->accepted, 1);
    else {
      if (s == POGO_ERR_CLOSED) atomic_fetch_add(&a->c->refused, 1);
      if (a->n < 0) break;
    }
  }
  pogo_poster_free(a->p);
  return NULL;
}

#endif
