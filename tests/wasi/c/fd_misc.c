/* fd_misc - descriptor-level calls: isatty on the standard streams (pipes and
 * /dev/null, never terminals here) and on a file, fsync/fdatasync, posix_fallocate
 * growing a file, posix_fadvise, fcntl F_GETFL and F_SETFL O_APPEND taking effect
 * (whether F_GETFL then shows it is in posix_corners),
 * F_GETFD, many descriptors open at once (numbers are reused lowest first), and
 * openat relative to directory and file descriptors. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

int main(void) {
  printf("isatty 0/1/2: %d %d %d\n", isatty(0), isatty(1), isatty(2));
  int fd = open("f.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  errno = 0;
  printf("isatty(file) %d, errno %s\n", isatty(fd), errno_name(errno));
  show("write", write(fd, "abc", 3));
  show("fsync", fsync(fd));
  show("fdatasync", fdatasync(fd));
  show("posix_fallocate 0..4096", posix_fallocate(fd, 0, 4096));
  struct stat st;
  fstat(fd, &st);
  printf("size after fallocate %lld\n", (long long)st.st_size);
  show("posix_fallocate beyond, 10000+10", posix_fallocate(fd, 10000, 10));
  fstat(fd, &st);
  printf("size %lld\n", (long long)st.st_size);
  show("posix_fallocate bad length", posix_fallocate(fd, 0, -1));
  show("posix_fadvise SEQUENTIAL", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
  show("posix_fadvise bad advice", posix_fadvise(fd, 0, 0, 99));

  int fl = fcntl(fd, F_GETFL);
  printf("F_GETFL: accmode O_RDWR %d, O_APPEND %d, O_NONBLOCK %d\n", (fl & O_ACCMODE) == O_RDWR,
         (fl & O_APPEND) != 0, (fl & O_NONBLOCK) != 0);
  show("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND));
  lseek(fd, 0, SEEK_SET);
  show("write after F_SETFL O_APPEND", write(fd, "END", 3));
  show("offset is the end", lseek(fd, 0, SEEK_CUR));
  show("F_SETFL 0", fcntl(fd, F_SETFL, 0));
  show("F_GETFD", fcntl(fd, F_GETFD));
  show("fcntl on bad fd", fcntl(999, F_GETFL));
  show("fsync bad fd", fsync(999));
  close(fd);

  int fds[40];
  int ok = 1;
  for (int i = 0; i < 40; i++) {
    fds[i] = open("f.bin", O_RDONLY);
    if (fds[i] < 0)
      ok = 0;
  }
  printf("40 descriptors open: %d, distinct increasing: %d\n", ok, fds[39] - fds[0] == 39);
  close(fds[10]);
  close(fds[5]);
  int again = open("f.bin", O_RDONLY);
  printf("lowest free number reused: %d\n", again == fds[5]);
  close(again);
  for (int i = 0; i < 40; i++)
    if (i != 5 && i != 10)
      close(fds[i]);

  int d = open(".", O_RDONLY | O_DIRECTORY);
  show("fsync on a directory", fsync(d));
  int sub = openat(d, "f.bin", O_RDONLY);
  show("openat relative to a directory fd", sub < 0 ? -1 : 0);
  close(sub);
  int file = open("f.bin", O_RDONLY);
  show("openat relative to a file fd", openat(file, "x", O_RDONLY));
  close(file);
  close(d);
  return 0;
}
