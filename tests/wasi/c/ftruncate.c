/* ftruncate - changing a file's size: shrinking, growing (new bytes read as zero),
 * the offset staying where it was, truncating to zero, truncate() by path, and the
 * failures (negative length, read-only descriptor, a directory). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static void size_of(int fd) {
  struct stat st;
  if (fstat(fd, &st) == 0)
    printf("  size %lld\n", (long long)st.st_size);
  else
    show_errno("  fstat");
}

int main(void) {
  int fd = open("t.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "hello, truncation world", 23);
  size_of(fd);
  show("ftruncate 5", ftruncate(fd, 5));
  size_of(fd);
  show("offset stays", lseek(fd, 0, SEEK_CUR));
  show("ftruncate 12", ftruncate(fd, 12));
  size_of(fd);
  char b[16];
  memset(b, 'Q', sizeof b);
  show("pread 16", pread(fd, b, sizeof b, 0));
  for (int i = 0; i < 12; i++)
    printf(b[i] ? "%c" : "\\0", b[i]);
  putchar('\n');
  show("write at old offset 23", write(fd, "!", 1));
  size_of(fd);
  show("ftruncate -1", ftruncate(fd, -1));
  show("ftruncate 0", ftruncate(fd, 0));
  size_of(fd);
  show("ftruncate 1 MiB", ftruncate(fd, 1 << 20));
  size_of(fd);
  show("ftruncate 3", ftruncate(fd, 3));
  close(fd);

  fd = open("t.txt", O_RDONLY);
  show("ftruncate on read-only fd", ftruncate(fd, 1));
  close(fd);

  fd = open("u.txt", O_WRONLY | O_CREAT, 0644);
  write(fd, "0123456789", 10);
  close(fd);
  show("truncate(path) 4", truncate("u.txt", 4));
  show("truncate(missing)", truncate("missing.txt", 4));
  mkdir("d", 0755);
  show("truncate(directory)", truncate("d", 0));
  return 0;
}
