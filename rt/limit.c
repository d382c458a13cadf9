/*
 * limit.c - memory and time limits of the guest of a built executable, and the
 * messages and exit codes of its end.
 *
 * Sources, in order: the values `pogo build --max-memory/--timeout` baked into the
 * program descriptor, then $POGO_MAX_MEMORY and $POGO_TIMEOUT (how `pogo run` passes
 * its options, so that one cached build serves any limits). The memory limit holds
 * from instantiation on (the start function included); the clock starts just before
 * instantiation. When time is up the watchdog interrupts the guest (a trap in guest
 * code, reported like any other, exit status POGO_EXIT_TIMEOUT); a guest that does not
 * stop within a second more (blocked in a host call that does not return) is ended by
 * the watchdog itself, with the same status.
 */
#define _GNU_SOURCE
#include "limit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "units.h"

#define GRACE_NS 1000000000ull

bool pg_limits_load(pg_run_limits *l, const pg_program *prog, char *err, size_t n) {
  memset(l, 0, sizeof *l);
  l->who = prog->module_name;
  l->max_memory = prog->max_memory;
  l->timeout_ns = prog->timeout_ns;
  const char *mem = getenv("POGO_MAX_MEMORY"), *time = getenv("POGO_TIMEOUT");
  if (mem && *mem && !pg_parse_size(mem, &l->max_memory)) {
    snprintf(err, n, "$POGO_MAX_MEMORY: '%s' is not a size such as 256M or 1G", mem);
    return false;
  }
  if (time && *time && !pg_parse_duration(time, &l->timeout_ns)) {
    snprintf(err, n, "$POGO_TIMEOUT: '%s' is not a duration such as 10s or 500ms", time);
    return false;
  }
  return true;
}

/* The watchdog's last resort: the guest did not stop (it is blocked outside guest
 * code). Only write(2) here: the guest's thread may hold stdio's locks. */
static void stuck(void *ctx) {
  const pg_run_limits *l = ctx;
  char limit[32], msg[400];
  int k = snprintf(msg, sizeof msg, "%s: time limit of %s exceeded; the guest did not stop, ending the process\n",
                   l->who, pg_format_duration(l->timeout_ns, limit, sizeof limit));
  if (k > 0 && write(2, msg, (size_t)k) < 0) {
  }
  _exit(POGO_EXIT_TIMEOUT);
}

void pg_limits_begin(pg_run_limits *l) {
  pg_memory_limit(l->max_memory);
  if (!l->timeout_ns) return;
  l->watchdog = pg_watchdog_new(pthread_self(), GRACE_NS, stuck, l);
  if (!l->watchdog) {
    fprintf(stderr, "%s: cannot start the time limit's thread\n", l->who);
    exit(1);
  }
  pg_watchdog_arm(l->watchdog, l->timeout_ns);
}

void pg_limits_end(pg_run_limits *l) {
  pg_watchdog_free(l->watchdog);
  l->watchdog = NULL;
}

int pg_limits_report_instantiate(const pg_run_limits *l, const pg_trap_info *err) {
  uint64_t refused = pg_memory_limit_refused();
  if (refused) {
    char lim[32];
    fprintf(stderr, "%s: the module's initial memory of %llu pages (%llu bytes) exceeds the memory limit of %s\n",
            l->who, (unsigned long long)refused, (unsigned long long)refused * 65536,
            pg_format_size(l->max_memory, lim, sizeof lim));
    return 1;
  }
  if (err->kind == PG_ERR_LINK) {
    char msg[600];
    fprintf(stderr, "%s: %s\n", l->who, pg_trap_describe(err, msg, sizeof msg));
    return 1;
  }
  return pg_limits_report_trap(l, err);
}

int pg_limits_report_trap(const pg_run_limits *l, const pg_trap_info *t) {
  char msg[600];
  pg_trap_describe(t, msg, sizeof msg);
  if (t->kind == PG_TRAP_INTERRUPT) {
    char limit[32];
    fprintf(stderr, "%s: %s, after %s\n", l->who, msg, pg_format_duration(l->timeout_ns, limit, sizeof limit));
    return POGO_EXIT_TIMEOUT;
  }
  fprintf(stderr, "%s: %s\n", l->who, msg);
  return POGO_EXIT_TRAP;
}
