/*
 * cc.h - running the C compiler: many translation units in parallel, each with its
 * output captured to a file so diagnostics never interleave.
 */
#ifndef PG_CC_H
#define PG_CC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pg_cc_job {
  char **argv;          /* NULL-terminated; argv[0] found on PATH */
  char *log;            /* file that receives the job's stdout and stderr */
} pg_cc_job;

/* Run all jobs, at most `parallel` at once. On the first failure, waits for the running
 * ones, then returns false with a one-line description in err (the command, its exit
 * status and the first diagnostic line of its log). */
bool pg_cc_run(pg_cc_job *jobs, size_t n, unsigned parallel, char *err, size_t errn);

#endif
