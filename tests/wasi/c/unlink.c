/* unlink - removing files: a closed file, an open file (its descriptor still reads
 * and writes), a missing file, a directory (refused), a path through a file, and
 * unlinkat with AT_REMOVEDIR; remove() for both kinds. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

int main(void) {
  int fd = open("a.txt", O_WRONLY | O_CREAT, 0644);
  write(fd, "a\n", 2);
  close(fd);
  show("unlink a.txt", unlink("a.txt"));
  show("access a.txt", access("a.txt", F_OK));
  show("unlink a.txt again", unlink("a.txt"));

  fd = open("open.txt", O_RDWR | O_CREAT, 0644);
  write(fd, "still here\n", 11);
  show("unlink open.txt while open", unlink("open.txt"));
  show("write to unlinked", write(fd, "more\n", 5));
  char b[32] = { 0 };
  show("pread from unlinked", pread(fd, b, sizeof b - 1, 0));
  printf("content: %s", b);
  struct stat st;
  show("fstat unlinked", fstat(fd, &st));
  printf("size %lld nlink %lu\n", (long long)st.st_size, (unsigned long)st.st_nlink);
  close(fd);
  show("open.txt gone", access("open.txt", F_OK));

  mkdir("d", 0755);
  show("unlink directory", unlink("d"));
  show("unlink directory with slash", unlink("d/"));
  fd = open("f.txt", O_WRONLY | O_CREAT, 0644);
  close(fd);
  show("unlink f.txt/", unlink("f.txt/"));
  show("unlink f.txt/x", unlink("f.txt/x"));
  show("unlinkat AT_REMOVEDIR on file", unlinkat(AT_FDCWD, "f.txt", AT_REMOVEDIR));
  show("unlinkat AT_REMOVEDIR", unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
  mkdir("e", 0755);
  show("remove(file)", remove("f.txt"));
  show("remove(dir)", remove("e"));
  show("remove(missing)", remove("e"));
  show("unlink empty path", unlink(""));
  fd = open("survivor.txt", O_WRONLY | O_CREAT, 0644);
  write(fd, "left behind\n", 12);
  close(fd);
  return 0;
}
