/*
 * embed_threads.c - the threaded parts of the embedding API without a test framework,
 * so that it runs under ThreadSanitizer (Criterion's shared arena cannot be set up
 * there): 8 threads posting 500 tasks each while the owner steps the loop, then 8
 * threads posting until refused while the owner frees the instance. Every accepted
 * post must run or be cancelled exactly once, and posters must outlive the instance.
 * Exit status 0 when all holds.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "embedguest.h"
#include "pogo.h"
#include "posting.h"

static pogo_instance *start(void) {
  pogo_error e;
  pogo_instance *inst = pogo_instance_new(&embedguest_module, NULL, &e);
  if (!inst || pogo_hold(inst, 1, &e) != POGO_OK || pogo_run(inst, &e) != POGO_OK) {
    fprintf(stderr, "embed_threads: %s\n", e.message);
    return NULL;
  }
  return inst;
}

int main(void) {
  int failures = 0;
  for (int round = 0; round < 5; round++) {
    pogo_instance *inst = start();
    if (!inst) return 1;
    counters c = {0};
    pthread_t th[8];
    poster_args pa[8];
    for (int i = 0; i < 8; i++) {
      pa[i] = (poster_args){pogo_poster_new(inst, NULL), &c, 500};
      pthread_create(&th[i], NULL, poster_thread, &pa[i]);
    }
    for (int turns = 0; atomic_load(&c.ran) < 4000 && turns < 100000; turns++) pogo_step(inst, 100000000, NULL, NULL);
    for (int i = 0; i < 8; i++) pthread_join(th[i], NULL);
    if (atomic_load(&c.ran) != 4000) {
      fprintf(stderr, "round %d: %d of 4000 posts ran\n", round, atomic_load(&c.ran));
      failures++;
    }

    counters race = {0};
    for (int i = 0; i < 8; i++) {
      pa[i] = (poster_args){pogo_poster_new(inst, NULL), &race, -1};
      pthread_create(&th[i], NULL, poster_thread, &pa[i]);
    }
    for (int i = 0; i < 10 * (round + 1); i++) pogo_step(inst, 1000000, NULL, NULL);
    pogo_instance_free(inst);
    for (int i = 0; i < 8; i++) pthread_join(th[i], NULL);
    int acc = atomic_load(&race.accepted), ran = atomic_load(&race.ran), can = atomic_load(&race.cancelled);
    if (acc != ran + can || atomic_load(&race.refused) != 8) {
      fprintf(stderr, "round %d: accepted %d, ran %d, cancelled %d, refused %d\n", round, acc, ran, can,
              atomic_load(&race.refused));
      failures++;
    }
  }
  printf("embed_threads: %s\n", failures ? "FAILED" : "ok (5 rounds)");
  return failures != 0;
}
