/*
 * subproc.c - run one program in its own process group with stdio on files (subproc.h).
 *
 * Output goes to files, not pipes: nothing can deadlock on a full pipe, and node's
 * WASI, which makes its stdio non-blocking, loses output written to a full pipe. The
 * group is killed with SIGKILL when the program has ended (anything it left running
 * goes too) or when the timeout expires. While a program runs, SIGINT, SIGTERM and
 * SIGHUP to pogo are caught, so that an interrupted check kills the group (which the
 * terminal's signals no longer reach) and cleans up before dying of the signal.
 */
#define _GNU_SOURCE
#include "subproc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_signal(int sig) { caught = sig; }

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void child_fail(const char *what, const char *path) {
  /* stderr is the run's err file (or still pogo's): either way the user sees why */
  dprintf(2, "pogo: %s %s: %s\n", what, path, strerror(errno));
  _exit(127);
}

static void child(const pg_spawn *s) {
  setpgid(0, 0);
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
  int in = open(s->in, O_RDONLY);
  if (in < 0) child_fail("cannot open", s->in);
  int out = open(s->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) child_fail("cannot create", s->out);
  int err = open(s->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err < 0) child_fail("cannot create", s->err);
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) child_fail("cannot redirect", "stdio");
  close(in);
  close(out);
  close(err);
  if (s->cwd && chdir(s->cwd) != 0) child_fail("cannot enter", s->cwd);
  if (s->exe) execve(s->exe, s->argv, s->envp);
  else execvpe(s->argv[0], s->argv, s->envp);
  child_fail("cannot execute", s->exe ? s->exe : s->argv[0]);
}

bool pg_spawn_run(const pg_spawn *s, pg_spawn_result *r) {
  memset(r, 0, sizeof *r);
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa, old[3];
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  caught = 0;
  for (int i = 0; i < 3; i++) sigaction(sigs[i], &sa, &old[i]);
  fflush(NULL);
  double t0 = now();
  pid_t pid = fork();
  if (pid == 0) child(s);
  if (pid < 0) {
    int e = errno;
    for (int i = 0; i < 3; i++) sigaction(sigs[i], &old[i], NULL);
    errno = e;
    return false;
  }
  setpgid(pid, pid); /* also here: no window in which a kill of the group misses it */
  int status = 0;
  long nap_us = 1000;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    bool late = s->timeout > 0 && now() - t0 > s->timeout;
    if (late || caught) {
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      r->timed_out = late && !caught;
      break;
    }
    struct timespec nap = {0, nap_us * 1000};
    nanosleep(&nap, NULL);
    if (nap_us < 20000) nap_us *= 2;
  }
  kill(-pid, SIGKILL); /* whatever the program left behind */
  r->secs = now() - t0;
  r->interrupted = caught;
  for (int i = 0; i < 3; i++) sigaction(sigs[i], &old[i], NULL);
  if (WIFSIGNALED(status)) {
    r->signaled = true;
    r->status = 128 + WTERMSIG(status);
  } else {
    r->status = WEXITSTATUS(status);
  }
  return true;
}
