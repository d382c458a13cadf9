/*
 * cc.c - parallel C compiler runs (see cc.h).
 *
 * Jobs are spawned with posix_spawnp, stdin from /dev/null and output to the job's
 * log. A job that cannot be started (compiler not found) counts as a failure with
 * exit status 127, like a shell would report it.
 */
#define _GNU_SOURCE
#include "cc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

static pid_t spawn(pg_cc_job *job) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, job->log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  int r = posix_spawnp(&pid, job->argv[0], &fa, NULL, job->argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (r != 0) {
    FILE *f = fopen(job->log, "w");
    if (f) {
      fprintf(f, "%s: %s\n", job->argv[0], strerror(r));
      fclose(f);
    }
    return -1;
  }
  return pid;
}

static void describe(const pg_cc_job *job, int status, char *err, size_t errn) {
  char first[300] = "";
  FILE *f = fopen(job->log, "r");
  if (f) {
    /* the first line that says error, else the first line */
    char line[300];
    while (fgets(line, sizeof line, f)) {
      line[strcspn(line, "\n")] = 0;
      if (!first[0]) snprintf(first, sizeof first, "%s", line);
      if (strstr(line, "error")) {
        snprintf(first, sizeof first, "%s", line);
        break;
      }
    }
    fclose(f);
  }
  char st[64];
  if (status < 0) snprintf(st, sizeof st, "could not be started");
  else if (WIFEXITED(status)) snprintf(st, sizeof st, "exit status %d", WEXITSTATUS(status));
  else snprintf(st, sizeof st, "killed by signal %d", WTERMSIG(status));
  snprintf(err, errn, "C compiler '%s' failed (%s)%s%s", job->argv[0], st, first[0] ? ": " : "", first);
}

bool pg_cc_run(pg_cc_job *jobs, size_t n, unsigned parallel, char *err, size_t errn) {
  if (parallel == 0) parallel = 1;
  pid_t *pids = pg_xcalloc(n ? n : 1, sizeof *pids);
  size_t next = 0, running = 0;
  bool failed = false;
  while ((next < n && !failed) || running) {
    while (!failed && next < n && running < parallel) {
      pids[next] = spawn(&jobs[next]);
      if (pids[next] < 0) {
        describe(&jobs[next], -1, err, errn);
        failed = true;
      } else {
        running++;
      }
      next++;
    }
    if (!running) break;
    int status;
    pid_t pid = wait(&status);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t i = 0; i < next; i++) {
      if (pids[i] != pid) continue;
      pids[i] = 0;
      running--;
      if (!failed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        describe(&jobs[i], status, err, errn);
        failed = true;
      }
      break;
    }
  }
  free(pids);
  return !failed;
}
