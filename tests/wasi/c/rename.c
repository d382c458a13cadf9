/* rename - renaming files and directories: to a new name, into another directory,
 * over an existing file (replaced atomically; an open descriptor keeps the old
 * content), a directory over an empty directory, and the failures: missing source,
 * a directory over a non-empty directory, a file over a directory, a directory over
 * a file, a directory into itself, and a missing target directory. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static void put(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

static void cat(const char *path) {
  char b[128] = { 0 };
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    show_errno(path);
    return;
  }
  read(fd, b, sizeof b - 1);
  close(fd);
  printf("%s: %s", path, b);
}

int main(void) {
  put("one.txt", "first file\n");
  put("two.txt", "second file\n");
  mkdir("dir", 0755);
  mkdir("dir2", 0755);
  mkdir("empty", 0755);
  mkdir("full", 0755);
  put("full/x.txt", "keeps full non-empty\n");

  show("rename one -> uno", rename("one.txt", "uno.txt"));
  show("stat old name", access("one.txt", F_OK));
  cat("uno.txt");
  show("rename uno -> dir/uno", rename("uno.txt", "dir/uno.txt"));
  cat("dir/uno.txt");

  int keep = open("two.txt", O_RDONLY);
  put("three.txt", "third file\n");
  show("rename three over two", rename("three.txt", "two.txt"));
  cat("two.txt");
  char b[64] = { 0 };
  read(keep, b, sizeof b - 1);
  printf("old descriptor still reads: %s", b);
  close(keep);
  show("rename to itself", rename("two.txt", "two.txt"));
  cat("two.txt");

  show("rename dir -> moved", rename("dir", "moved"));
  cat("moved/uno.txt");
  show("rename moved over empty dir", rename("moved", "empty"));
  cat("empty/uno.txt");
  show("rename dir2 over full dir", rename("dir2", "full"));
  show("rename file over dir", rename("two.txt", "full"));
  show("rename dir over file", rename("dir2", "two.txt"));
  show("rename dir into itself", rename("dir2", "dir2/inside"));
  show("rename missing source", rename("nothing", "something"));
  show("rename into missing dir", rename("two.txt", "nodir/two.txt"));
  show("rename with trailing slash on file", rename("two.txt/", "t.txt"));
  show("rename dir with trailing slashes", rename("dir2/", "dir3/"));
  show("rename file in subdir up", rename("full/x.txt", "x.txt"));
  show("rename now-empty full over dir3", rename("full", "dir3"));
  return 0;
}
