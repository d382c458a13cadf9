/* stat_fields - the deterministic parts of stat/fstat/lstat/fstatat: file type, size,
 * link count of regular files, inode and device equality (not values), times set
 * explicitly with utimensat/futimens in whole seconds (and UTIME_OMIT, and NULL for
 * now), and failures. Nanosecond timestamps are in posix_corners. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"

static const char *kind(mode_t m) {
  return S_ISREG(m) ? "regular" : S_ISDIR(m) ? "directory" : S_ISLNK(m) ? "symlink" : S_ISCHR(m) ? "chardev"
       : S_ISBLK(m) ? "blockdev" : S_ISFIFO(m) ? "fifo" : S_ISSOCK(m) ? "socket" : "unknown";
}

static void show_stat(const char *what, int rc, const struct stat *st, int with_nlink) {
  if (rc != 0) {
    show_errno(what);
    return;
  }
  printf("%s: %s", what, kind(st->st_mode));
  if (S_ISREG(st->st_mode) || S_ISLNK(st->st_mode))
    printf(" size %lld", (long long)st->st_size);
  if (with_nlink)
    printf(" nlink %lu", (unsigned long)st->st_nlink);
  putchar('\n');
}

int main(void) {
  struct stat st, st2;
  int fd = open("f.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  show_stat("fstat new", fstat(fd, &st), &st, 1);
  write(fd, "twelve bytes", 12);
  show_stat("fstat after write", fstat(fd, &st), &st, 1);
  show_stat("stat f.txt", stat("f.txt", &st2), &st2, 1);
  printf("same inode and device via fd and path: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  show("link f.txt g.txt", link("f.txt", "g.txt"));
  show_stat("stat f.txt after link", stat("f.txt", &st), &st, 1);
  show_stat("stat g.txt", stat("g.txt", &st2), &st2, 1);
  printf("hard links share the inode: %d\n", st.st_ino == st2.st_ino);
  show("unlink g.txt", unlink("g.txt"));
  show_stat("fstat after unlinking the link", fstat(fd, &st), &st, 1);

  mkdir("d", 0755);
  show_stat("stat d", stat("d", &st), &st, 0);
  show_stat("stat .", stat(".", &st), &st, 0);
  show_stat("stat /", stat("/", &st), &st, 0);
  printf("d and / on one device: %d\n", st.st_dev == st2.st_dev);
  show_stat("stat d/", stat("d/", &st), &st, 0);
  show_stat("stat f.txt/", stat("f.txt/", &st), &st, 0);
  show_stat("stat missing", stat("missing", &st), &st, 0);
  show_stat("stat d/missing/x", stat("d/missing/x", &st), &st, 0);

  show("symlink f.txt -> s", symlink("f.txt", "s"));
  show_stat("lstat s", lstat("s", &st), &st, 0);
  show_stat("stat s", stat("s", &st), &st, 0);
  show_stat("fstatat s NOFOLLOW", fstatat(AT_FDCWD, "s", &st, AT_SYMLINK_NOFOLLOW), &st, 0);
  show("symlink missing -> dangling", symlink("missing", "dangling"));
  show_stat("lstat dangling", lstat("dangling", &st), &st, 0);
  show_stat("stat dangling", stat("dangling", &st), &st, 0);

  struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 0 } }; /* ns: posix_corners */
  show("utimensat f.txt", utimensat(AT_FDCWD, "f.txt", ts, 0));
  stat("f.txt", &st);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  struct timespec omit[2] = { { 0, UTIME_OMIT }, { 1500000000, 0 } };
  show("futimens (atime omitted)", futimens(fd, omit));
  fstat(fd, &st);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  struct timespec dir_ts[2] = { { 86400, 0 }, { 172800, 0 } };
  show("utimensat d", utimensat(AT_FDCWD, "d", dir_ts, 0));
  stat("d", &st);
  printf("d mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  show("utimensat missing", utimensat(AT_FDCWD, "missing", ts, 0));
  /* NULL means "now" (this wasi-libc rejects UTIME_NOW in a timespec with EINVAL) */
  show("utimensat NULL (now)", utimensat(AT_FDCWD, "f.txt", NULL, 0));
  stat("f.txt", &st);
  printf("mtime now after 2020: %d\n", st.st_mtim.tv_sec > 1577836800);
  close(fd);
  show_stat("fstat closed fd", fstat(fd, &st), &st, 0);
  return 0;
}
