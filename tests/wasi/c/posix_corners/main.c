/* posix_corners - corners of the file API where node's WASI (uvwasi) departs from
 * POSIX, Linux and wasmtime, so node cannot be the reference: the expected output is
 * stored beside this file (expected_stdout, expected_files) and node is not run.
 *
 *   readdir lists "." and ".."      uvwasi's fd_readdir (uv_fs_scandir) leaves them out
 *   rmdir(".")  EINVAL              uvwasi resolves "." to the preopen and rmdirs it
 *                                   (ENOTEMPTY; it would remove an empty root)
 *   close(-1)  EBADF                node rejects the negative i32 before uvwasi: EINVAL
 *   F_GETFL after F_SETFL O_APPEND  uvwasi's fd_fdstat_get keeps reporting the open flags
 *   open(link, O_NOFOLLOW)  ELOOP   uvwasi follows the link and opens the target
 *   readlink into a short buffer    POSIX truncates; uvwasi fails with ENOBUFS
 *   symlink("", ...)  ENOENT        uvwasi: EINVAL
 *   utimensat with nanoseconds      uvwasi passes whole seconds to the host
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static void dots(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    show_errno(path);
    return;
  }
  int dot = 0, dotdot = 0, other = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0)
      dot++;
    else if (strcmp(e->d_name, "..") == 0)
      dotdot++;
    else
      other++;
  }
  closedir(d);
  printf("readdir %s: \".\" %d time(s), \"..\" %d time(s), %d other entries\n", path, dot, dotdot, other);
}

int main(void) {
  dots(".");
  dots("dir");
  mkdir("empty", 0755);
  dots("empty");

  show("rmdir .", rmdir("."));
  show("rmdir empty/.", rmdir("empty/."));
  show("rmdir empty", rmdir("empty"));
  show("close -1", close(-1));

  int fd = open("flags.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int fl = fcntl(fd, F_GETFL);
  printf("F_GETFL before: O_APPEND %d\n", (fl & O_APPEND) != 0);
  show("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND));
  printf("F_GETFL after: O_APPEND %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  show("F_SETFL 0", fcntl(fd, F_SETFL, 0));
  printf("F_GETFL cleared: O_APPEND %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  close(fd);

  fd = open("link", O_RDONLY | O_NOFOLLOW);
  show("open link O_NOFOLLOW", fd < 0 ? -1 : 0);
  if (fd >= 0)
    close(fd);
  fd = open("target.txt", O_RDONLY | O_NOFOLLOW);
  show("open regular file O_NOFOLLOW", fd < 0 ? -1 : 0);
  close(fd);

  char small[4];
  ssize_t n = readlink("link", small, sizeof small);
  if (n < 0)
    show_errno("readlink into 4 bytes");
  else
    printf("readlink into 4 bytes: %zd [%.*s]\n", n, (int)n, small);
  show("symlink with empty target", symlink("", "empty_target"));

  struct timespec ts[2] = { { 1000000000, 123456789 }, { 1234567890, 987654321 } };
  show("utimensat with nanoseconds", utimensat(AT_FDCWD, "target.txt", ts, 0));
  struct stat st;
  stat("target.txt", &st);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  return 0;
}
