/*
 * subproc.h - running one program the way pogo check runs each side (subproc.c): in a
 * directory, with an environment, stdin from a file and stdout/stderr into files, in a
 * process group of its own that is killed when the program ends or times out.
 */
#ifndef PG_SUBPROC_H
#define PG_SUBPROC_H

#include <stdbool.h>

typedef struct pg_spawn {
  char *const *argv;       /* argv[0] is looked up on PATH unless `exe` is given */
  const char *exe;         /* the file to execute, or NULL for argv[0] */
  char *const *envp;
  const char *cwd;
  const char *in, *out, *err; /* stdin is opened read-only; out and err are created */
  double timeout;          /* seconds; 0: none */
} pg_spawn;

typedef struct pg_spawn_result {
  int status;              /* exit status, or 128 + signal number */
  bool signaled;           /* killed by signal status - 128 */
  bool timed_out;          /* killed after the timeout */
  int interrupted;         /* SIGINT/SIGTERM/SIGHUP that reached pogo meanwhile (0: none) */
  double secs;
} pg_spawn_result;

/* Run to completion. Returns false (errno set) only if no process could be created; a
 * program that cannot be executed exits 127 after a line on its stderr, as in a shell.
 * When pogo itself is interrupted meanwhile, the program's group is killed and the
 * signal returned in r->interrupted, for the caller to clean up and re-raise. */
bool pg_spawn_run(const pg_spawn *s, pg_spawn_result *r);

#endif
