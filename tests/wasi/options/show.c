/*
 * show.c - a WASI guest that reports what it was given: its arguments, its whole
 * environment, the preopened directories (by name), and the first line of the file
 * "/probe" if it can read it.
 */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

extern char **environ;

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("arg %s\n", argv[i]);
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
    char name[256] = {0};
    if (ps.u.dir.pr_name_len < sizeof name && __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len) == 0)
      printf("preopen %u %s\n", fd, name);
  }
  FILE *f = fopen("/probe", "r");
  char line[128];
  if (f && fgets(line, sizeof line, f)) printf("probe %s", line);
  else printf("probe unreadable\n");
  return 0;
}
