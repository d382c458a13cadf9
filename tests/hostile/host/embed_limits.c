/*
 * embed_limits.c - the limits of the embedding API (pogo.h) on a hostile plain module
 * (guests/limits.wat): a time limit stops a call that never returns with a trap and
 * leaves the host running; it counts per call, not between calls; a memory limit caps
 * memory.grow, also for the start function, which runs before the host can do
 * anything; a limit below the module's initial memory is a configuration error.
 * Prints one line per check; exits 1 if any failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "limits.h"
#include "pogo.h"

static int failed;

static void check(int ok, const char *what, const char *detail) {
  printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, detail && *detail ? ": " : "", detail ? detail : "");
  if (!ok) failed = 1;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
  pogo_error e;
  uint64_t r;

  /* a time limit per call */
  pogo_config cfg = {0};
  cfg.timeout_ns = 200000000; /* 200 ms */
  pogo_instance *inst = pogo_instance_new(&limits_module, &cfg, &e);
  check(inst != NULL, "instance with a time limit", inst ? "" : e.message);
  if (!inst) return 1;
  check(pogo_call_export(inst, "quick", NULL, 0, &r, 1, &e) == POGO_OK && r == 42, "a quick call returns", e.message);
  struct timespec pause = {0, 300000000};
  nanosleep(&pause, NULL); /* longer than the limit, between calls: counts for nothing */
  check(pogo_call_export(inst, "quick", NULL, 0, &r, 1, &e) == POGO_OK && r == 42, "the limit counts per call",
        e.message);
  double t0 = now();
  pogo_status s = pogo_call_export(inst, "spin", NULL, 0, NULL, 0, &e);
  double took = now() - t0;
  check(s == POGO_ERR_TRAP && strstr(e.message, "trap: time limit exceeded in function 'spin'"),
        "a call that never returns traps", e.message);
  check(took >= 0.19 && took < 5, "after the limit", "");
  int code = 0;
  check(pogo_exited(inst, &code) && code == POGO_EXIT_TRAP, "the instance is over (code 134)", "");
  check(pogo_call_export(inst, "quick", NULL, 0, &r, 1, &e) == POGO_ERR_EXITED, "and refuses further calls", e.message);
  pogo_instance_free(inst);

  /* a memory limit, in force from the start function on */
  memset(&cfg, 0, sizeof cfg);
  cfg.memory_limit = 4 * 65536;
  inst = pogo_instance_new(&limits_module, &cfg, &e);
  check(inst != NULL, "instance with a memory limit", inst ? "" : e.message);
  if (!inst) return 1;
  check(pogo_call_export(inst, "start_grew", NULL, 0, &r, 1, &e) == POGO_OK && (uint32_t)r == UINT32_MAX,
        "the start function could not grow past the limit", e.message);
  uint32_t grown[4];
  for (int i = 0; i < 4; i++) {
    pogo_call_export(inst, "grow", NULL, 0, &r, 1, &e);
    grown[i] = (uint32_t)r;
  }
  check(grown[0] == 1 && grown[1] == 2 && grown[2] == 3 && grown[3] == UINT32_MAX, "memory.grow stops at the limit", "");
  size_t size = 0;
  pogo_memory(inst, &size);
  check(size == 4 * 65536, "memory is at the limit", "");
  pogo_instance_free(inst);

  /* without a limit the start function grows */
  inst = pogo_instance_new(&limits_module, NULL, &e);
  check(inst && pogo_call_export(inst, "start_grew", NULL, 0, &r, 1, &e) == POGO_OK && r == 1,
        "without a limit the start function grows", e.message);
  pogo_instance_free(inst);

  /* a limit below the initial memory */
  memset(&cfg, 0, sizeof cfg);
  cfg.memory_limit = 1000;
  inst = pogo_instance_new(&limits_module, &cfg, &e);
  check(!inst && e.code == POGO_ERR_CONFIG && strstr(e.message, "below the module's initial 1 pages"),
        "a limit below the initial memory is refused", e.message);
  return failed;
}
