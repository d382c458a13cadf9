/* argv_env - the command line and environment a WASI command receives: argc and every
 * argument byte for byte (empty, with spaces, non-ASCII, option-like), argv[0]'s base
 * name, getenv of set, empty and unset variables, environ listed sorted, and
 * setenv/unsetenv/putenv changing only the guest's copy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_env(const char *when) {
  size_t n = 0;
  while (environ[n])
    n++;
  char **copy = malloc((n + 1) * sizeof *copy);
  memcpy(copy, environ, n * sizeof *copy);
  qsort(copy, n, sizeof *copy, cmp);
  printf("environ %s: %zu entries\n", when, n);
  for (size_t i = 0; i < n; i++)
    printf("  [%s]\n", copy[i]);
  free(copy);
}

static void get(const char *k) {
  const char *v = getenv(k);
  printf("getenv(%s) = %s%s%s\n", k, v ? "[" : "", v ? v : "NULL", v ? "]" : "");
}

int main(int argc, char **argv) {
  const char *base = strrchr(argv[0], '/');
  printf("argc %d, argv[0] base name %s, ends in .wasm: %d\n", argc, base ? base + 1 : argv[0],
         strlen(argv[0]) > 5 && strcmp(argv[0] + strlen(argv[0]) - 5, ".wasm") == 0);
  for (int i = 1; i < argc; i++) {
    printf("argv[%d] (%zu bytes) = [%s]", i, strlen(argv[i]), argv[i]);
    for (const unsigned char *p = (const unsigned char *)argv[i]; *p; p++)
      if (*p >= 0x80) {
        printf(" has non-ASCII");
        break;
      }
    putchar('\n');
  }
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
  list_env("at start");
  get("GREETING");
  get("EMPTY");
  get("WITH_EQUALS");
  get("UNSET_VARIABLE");
  get("PATH");
  get("HOME");
  setenv("ADDED", "by setenv", 1);
  setenv("GREETING", "not replaced", 0);
  setenv("EMPTY", "replaced", 1);
  unsetenv("SPACES");
  putenv("PUT=by putenv");
  list_env("after changes");
  return 0;
}
