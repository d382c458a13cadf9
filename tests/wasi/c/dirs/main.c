/* dirs - directories: mkdir (nested, existing, missing parent), opendir/readdir with
 * the entries sorted before printing (readdir order is the file system's; . and ..
 * are left out, see posix_corners), d_type,
 * rewinddir, a directory of 600 entries (several fd_readdir buffers), chdir and
 * getcwd, rmdir of empty and non-empty directories, and a recursive removal. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char t) {
  switch (t) {
  case DT_REG: return "file";
  case DT_DIR: return "dir";
  case DT_LNK: return "link";
  case DT_UNKNOWN: return "unknown";
  }
  return "other";
}

/* Prints the entries of path but . and .. sorted (with their types), or the first
 * `limit` and a count. */
static void list(const char *path, int limit) {
  DIR *d = opendir(path);
  if (!d) {
    show_errno(path);
    return;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue; /* runtimes differ (posix_corners prints them) */
    names = realloc(names, (n + 1) * sizeof *names);
    char buf[300];
    snprintf(buf, sizeof buf, "%s(%s)", e->d_name, type_name(e->d_type));
    names[n++] = strdup(buf);
  }
  qsort(names, n, sizeof *names, cmp);
  printf("%s: %zu entries:", path, n);
  for (size_t i = 0; i < n; i++) {
    if ((int)i < limit)
      printf(" %s", names[i]);
    free(names[i]);
  }
  printf("%s\n", (int)n > limit ? " ..." : "");
  free(names);
  rewinddir(d);
  size_t again = 0;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      again++;
  if (again != n)
    printf("  after rewinddir: %zu entries\n", again);
  closedir(d);
}

static void remove_tree(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    show("unlink", unlink(path));
    return;
  }
  struct dirent *e;
  char **names = NULL;
  size_t n = 0;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
    sprintf(names[n++], "%s/%s", path, e->d_name);
  }
  closedir(d);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (lstat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
      remove_tree(names[i]);
    else if (unlink(names[i]) != 0)
      show_errno(names[i]);
    free(names[i]);
  }
  free(names);
  if (rmdir(path) != 0)
    show_errno(path);
}

int main(void) {
  list(".", 100);
  list("/", 100);
  list("fixture", 100);
  show("mkdir a", mkdir("a", 0755));
  show("mkdir a/b", mkdir("a/b", 0755));
  show("mkdir a/b/c", mkdir("a/b/c", 0755));
  show("mkdir a/b/c again", mkdir("a/b/c", 0755));
  show("mkdir x/y (missing parent)", mkdir("x/y", 0755));
  show("mkdir trailing slash", mkdir("a/t/", 0755));
  close(open("a/b/file.txt", O_WRONLY | O_CREAT, 0644));
  close(open("a/b/c/deep.txt", O_WRONLY | O_CREAT, 0644));
  list("a", 100);
  list("a/b", 100);
  list("a/b/c/", 100);
  list("a/b/file.txt", 100);
  list("nowhere", 100);

  show("mkdir many", mkdir("many", 0755));
  char name[64];
  for (int i = 0; i < 600; i++) {
    snprintf(name, sizeof name, "many/entry-with-a-longish-name-%04d", i);
    int fd = open(name, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
      show_errno(name);
    close(fd);
  }
  list("many", 5);
  remove_tree("many");

  show("chdir a/b", chdir("a/b"));
  char cwd[256];
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  list(".", 100);
  list("..", 100);
  show("mkdir rel (in a/b)", mkdir("rel", 0755));
  show("chdir ..", chdir(".."));
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  show("chdir /", chdir("/"));
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  show("chdir to a file", chdir("a/b/file.txt"));
  show("chdir missing", chdir("missing"));

  show("rmdir a/b/rel", rmdir("a/b/rel"));
  show("rmdir a (not empty)", rmdir("a"));
  show("rmdir a/b/file.txt (a file)", rmdir("a/b/file.txt"));
  show("rmdir missing", rmdir("missing"));
  remove_tree("a");
  show("mkdir keep/inner", mkdir("keep", 0755) | mkdir("keep/inner", 0755));
  list(".", 100);
  return 0;
}
