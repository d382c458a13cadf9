/*
 * limit.h - the limits of the guest of a built executable (internal to rt/): memory
 * and time, from what `pogo build` baked into the program and from the environment.
 */
#ifndef PG_LIMIT_H
#define PG_LIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pogo-abi.h"
#include "watchdog.h"

typedef struct pg_run_limits {
  const char *who;        /* the module's name, for messages */
  uint64_t max_memory;    /* bytes, 0: none */
  uint64_t timeout_ns;    /* 0: none */
  pg_watchdog *watchdog;
} pg_run_limits;

/* The program's baked limits, then $POGO_MAX_MEMORY and $POGO_TIMEOUT (each replaces
 * its baked value; empty: keep it). False with a one-line message when malformed. */
bool pg_limits_load(pg_run_limits *l, const pg_program *prog, char *err, size_t n);
/* On the thread that will instantiate and run the guest, before instantiating: the
 * memory limit, and the clock starts. pg_limits_end stops it (same thread). */
void pg_limits_begin(pg_run_limits *l);
void pg_limits_end(pg_run_limits *l);

/* Report on stderr and return the exit code: a failed instantiation (1, or
 * POGO_EXIT_TRAP when the start function trapped), a trap (POGO_EXIT_TRAP, or
 * POGO_EXIT_TIMEOUT for the time limit). */
int pg_limits_report_instantiate(const pg_run_limits *l, const pg_trap_info *err);
int pg_limits_report_trap(const pg_run_limits *l, const pg_trap_info *t);

#endif /* PG_LIMIT_H */
