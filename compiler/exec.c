/*
 * exec.c - `pogo exec`, the program `go test -exec` runs. go test starts it in the
 * package directory as
 *
 *   <exec> $WORK/b001/pkg.test -test.paniconexit0 -test.timeout=10m0s ...
 *
 * and pogo exec stands for the `pogo run` command line
 *
 *   pogo run $POGO_EXEC_FLAGS [--dir /::/ --env PWD=<cwd> --env PATH=$PATH] pkg.test -- args...
 *
 * with the grants for GOOS=wasip1 binaries only (what Go's own go_wasip1_wasm_exec
 * gives wasmtime); a GOOS=js binary sees the real file system and environment anyway.
 * The kind comes from the module's imports. Building goes through pogo's cache, keyed
 * by content, so the second `go test` of an unchanged package compiles nothing (go
 * links the same test binary again, byte for byte). The exit status is the test
 * binary's: pogo run execs it.
 *
 * pogo invoked under the name go_js_wasm_exec or go_wasip1_wasm_exec (a symlink) is
 * pogo exec, so a directory of such links on PATH makes plain `GOOS=js GOARCH=wasm go
 * test` use pogo: go looks up go_$GOOS_$GOARCH_exec on PATH when -exec is not given.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "guest.h"

static const char *const exec_names[] = {"go_js_wasm_exec", "go_wasip1_wasm_exec"};

/* The rewritten command line and what its words point into: kept in statics for the
 * life of the process (pogo run execs the guest or returns from main). */
static char **new_argv;
static char *flag_text, *pwd_word, *path_word;

static bool invoked_as_exec(const char *argv0) {
  const char *base = strrchr(argv0, '/');
  base = base ? base + 1 : argv0;
  for (size_t i = 0; i < sizeof exec_names / sizeof exec_names[0]; i++)
    if (!strcmp(base, exec_names[i])) return true;
  return false;
}

/* $PWD when it names the working directory (a shell keeps symlinks in it, and go sets
 * it for the test), else the physical path. */
static char *working_dir(void) {
  const char *pwd = getenv("PWD");
  struct stat a, b;
  if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    return pg_xstrdup(pwd);
  char *cwd = getcwd(NULL, 0);
  return cwd ? cwd : pg_xstrdup("/");
}

static char *concat(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = pg_xmalloc(n);
  snprintf(s, n, "%s%s", a, b);
  return s;
}

int pg_exec_rewrite(int *argc, char ***argv) {
  char **av = *argv;
  int first;
  const char *self;
  if (*argc >= 1 && invoked_as_exec(av[0])) {
    first = 1;
    self = strrchr(av[0], '/') ? strrchr(av[0], '/') + 1 : av[0];
    if (*argc < 2 || !strcmp(av[1], "-h") || !strcmp(av[1], "--help")) {
      fprintf(*argc < 2 ? stderr : stdout, "usage: %s test.wasm [args...]   (pogo exec, for go test -exec)\n", self);
      return *argc < 2 ? 2 : 0;
    }
  } else {
    if (*argc < 3 || strcmp(av[1], "exec") != 0 || !strcmp(av[2], "-h") || !strcmp(av[2], "--help"))
      return -1; /* not exec, or exec's help or usage error: main's table handles those */
    first = 2;
    self = "pogo exec";
  }
  const char *wasm = av[first];
  if (wasm[0] == '-') {
    fprintf(stderr, "%s: the test binary comes first, got option %s\nusage: %s test.wasm [args...]\n",
            first == 2 ? "pogo: exec" : self, wasm, self);
    return 2;
  }

  const char *flags = getenv("POGO_EXEC_FLAGS");
  flag_text = pg_xstrdup(flags && *flags ? flags : "-O1");
  size_t nflags = 0;
  for (char *p = flag_text; *p; p++)
    if (!strchr(" \t\n", *p) && (p == flag_text || strchr(" \t\n", p[-1]))) nflags++;

  bool wasi = pg_guest_peek(wasm, NULL, 0) == PG_GUEST_WASI;
  int nargs = *argc - first - 1;
  new_argv = pg_xcalloc(2 + nflags + 6 + 2 + (size_t)nargs + 1, sizeof *new_argv);
  size_t n = 0;
  new_argv[n++] = "pogo";
  new_argv[n++] = "run";
  for (char *w = strtok(flag_text, " \t\n"); w; w = strtok(NULL, " \t\n")) new_argv[n++] = w;
  if (wasi) {
    char *cwd = working_dir();
    pwd_word = concat("PWD=", cwd);
    free(cwd);
    const char *path = getenv("PATH");
    path_word = concat("PATH=", path ? path : "");
    const char *grants[] = {"--dir", "/::/", "--env", pwd_word, "--env", path_word};
    for (size_t i = 0; i < sizeof grants / sizeof grants[0]; i++) new_argv[n++] = (char *)grants[i];
  }
  new_argv[n++] = (char *)wasm;
  new_argv[n++] = "--";
  for (int i = 0; i < nargs; i++) new_argv[n++] = av[first + 1 + i];
  new_argv[n] = NULL;
  *argc = (int)n;
  *argv = new_argv;
  return -1;
}
