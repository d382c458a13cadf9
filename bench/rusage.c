/*
 * rusage.c - run a command and write its peak RSS and CPU time to a file:
 *
 *   rusage OUT command [args...]
 *
 * writes "maxrss_kb user_s system_s exit_code" to OUT and exits as the command did
 * (128 + signal if a signal ended it). benchlib.py runs every measured command through
 * this: a child forked from the harness's Python would start with Python's resident
 * pages counted in its peak RSS (the high-water mark survives exec), a child of this
 * small process starts with almost nothing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: rusage OUT command [args...]\n");
    return 127;
  }
  pid_t pid = vfork();
  if (pid < 0) {
    perror("rusage: fork");
    return 127;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("rusage: wait4");
    return 127;
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  FILE *f = fopen(argv[1], "w");
  if (!f) {
    perror(argv[1]);
    return 127;
  }
  fprintf(f, "%ld %.6f %.6f %d\n", ru.ru_maxrss, ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
          ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6, WIFEXITED(status) ? code : -WTERMSIG(status));
  fclose(f);
  return code;
}
