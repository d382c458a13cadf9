/*
 * stack.c - the native stack limit below which generated code reports "call stack
 * exhausted" (checked at every function entry, see PG_ENTER in pogo-ops.h).
 *
 * The limit sits above the stack's true end by a headroom that host functions called
 * by the guest, and the fault handler, may still use. Wasm call depth equals native
 * call depth here, so the limit is what makes deep recursion a clean trap.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>

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
