/*
 * stack.c - the native stack limit below which generated code reports "call stack
 * exhausted" (checked at every function entry, see PG_ENTER in pogo-ops.h).
 *
 * The limit sits above the stack's true end by a headroom that host functions called
 * by the guest, and the fault handler, may still use. Wasm call depth equals native
 * call depth here, so the limit is what makes deep recursion a clean trap.
 *
 * pg_run_deep gives guests of built executables a deep stack: a thread of its own with
 * $POGO_STACK_SIZE bytes (default 1 GiB of address space, committed only as used; node
 * needs --stack-size=8192 for what Go's own tests do).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pogo-abi.h"

#define PG_HEADROOM (256u << 10)
#define PG_UNLIMITED_STACK (8u << 20) /* assumed when RLIMIT_STACK is unlimited */

uintptr_t pg_stack_limit_here(void) {
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  uintptr_t low = (uintptr_t)addr, high = low + size;
  if (size > (1u << 30)) low = high - PG_UNLIMITED_STACK;
  size_t headroom = PG_HEADROOM;
  if (high - low < 4 * headroom) headroom = (high - low) / 4;
  return low + headroom;
}

static size_t deep_stack_size(void) {
  const char *s = getenv("POGO_STACK_SIZE");
  if (!s || !*s) return (size_t)1 << 30;
  char *end;
  double v = strtod(s, &end);
  if (*end == 'k' || *end == 'K') v *= 1024;
  else if (*end == 'm' || *end == 'M') v *= 1024 * 1024;
  else if (*end == 'g' || *end == 'G') v *= 1024.0 * 1024 * 1024;
  if (!(v >= 1 << 20)) v = 1 << 20;
  if (v > 64.0 * 1024 * 1024 * 1024) v = 64.0 * 1024 * 1024 * 1024;
  return (size_t)v;
}

typedef struct deep_call {
  void (*fn)(void *);
  void *arg;
} deep_call;

static void *deep_thread(void *p) {
  deep_call *c = p;
  /* guard-page faults are delivered on an alternate stack: each thread needs one */
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_size = 256 * 1024;
  ss.ss_sp = malloc(ss.ss_size);
  if (ss.ss_sp) sigaltstack(&ss, NULL);
  c->fn(c->arg);
  if (ss.ss_sp) {
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    free(ss.ss_sp);
  }
  return NULL;
}

bool pg_run_deep(void (*fn)(void *), void *arg, const char *who) {
  deep_call c = {fn, arg};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, deep_stack_size());
  pthread_t t;
  int r = pthread_create(&t, &attr, deep_thread, &c);
  pthread_attr_destroy(&attr);
  if (r != 0) {
    fprintf(stderr, "%s: cannot start the guest thread: %s\n", who, strerror(r));
    return false;
  }
  pthread_join(t, NULL);
  return true;
}
