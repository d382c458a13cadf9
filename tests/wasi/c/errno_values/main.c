/* errno_values - how failures are reported: each failing call prints the errno's
 * name, its WASI number and strerror text. Covers ENOENT, EEXIST, ENOTEMPTY, EISDIR,
 * ENOTDIR, EBADF, EINVAL, ELOOP, ENAMETOOLONG and the errno of a successful call left
 * alone, on open/mkdir/rmdir/unlink/rename/read/write/close/opendir. (An empty path
 * is "." to wasi-libc, which resolves it against its working directory itself.) */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

/* open() that closes what it opened, so that descriptor numbers never shift. */
static void try_open(const char *what, const char *path, int flags) {
  int fd = open(path, flags, 0644);
  if (fd < 0) {
    show_errno(what);
    return;
  }
  printf("%s: opened\n", what);
  close(fd);
}

int main(void) {
  char buf[16];
  try_open("open missing", "missing.txt", O_RDONLY);
  try_open("open missing dir component", "nodir/file.txt", O_RDONLY);
  try_open("open O_CREAT in missing dir", "nodir/file.txt", O_WRONLY | O_CREAT);
  try_open("open O_CREAT|O_EXCL existing", "file.txt", O_WRONLY | O_CREAT | O_EXCL);
  try_open("open directory O_WRONLY", "dir", O_WRONLY);
  try_open("open directory O_RDWR", "dir", O_RDWR);
  try_open("open directory O_RDONLY|O_TRUNC", "dir", O_RDONLY | O_TRUNC);
  try_open("open file O_DIRECTORY", "file.txt", O_RDONLY | O_DIRECTORY);
  try_open("open through a file", "file.txt/x", O_RDONLY);
  try_open("open file with trailing slash", "file.txt/", O_RDONLY);
  try_open("open O_CREAT with trailing slash", "new/", O_WRONLY | O_CREAT);
  try_open("open empty path", "", O_RDONLY);
  try_open("open symlink loop", "loop", O_RDONLY);
  try_open("open via dangling link without O_CREAT", "dangling", O_RDONLY);
  char longname[300];
  memset(longname, 'n', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  try_open("open 299-byte name", longname, O_RDONLY);
  try_open("open 299-byte name O_CREAT", longname, O_WRONLY | O_CREAT);

  show("mkdir existing dir", mkdir("dir", 0755));
  show("mkdir existing file", mkdir("file.txt", 0755));
  show("mkdir under a file", mkdir("file.txt/sub", 0755));
  show("mkdir missing parent", mkdir("a/b/c", 0755));
  show("mkdir empty path", mkdir("", 0755));
  show("rmdir non-empty", rmdir("dir"));
  show("rmdir file", rmdir("file.txt"));
  show("rmdir missing", rmdir("missing"));
  show("rmdir dir/sub/..", rmdir("dir/sub/.."));
  show("unlink missing", unlink("missing"));
  show("unlink dir", unlink("dir"));
  show("rename missing", rename("missing", "x"));
  show("rename dir over non-empty dir", rename("dir/sub", "dir2"));
  show("rename file over dir", rename("file.txt", "dir"));
  show("rename dir over file", rename("dir/sub", "file.txt"));
  show("rename dir into itself", rename("dir", "dir/sub/inside"));

  int fd = open("file.txt", O_RDONLY);
  show("write to O_RDONLY fd", write(fd, "x", 1));
  close(fd);
  show("read closed fd", read(fd, buf, 1));
  show("close closed fd", close(fd));
  show("read fd 1000", read(1000, buf, 1));
  show("write fd 1000", write(1000, "x", 1));
  fd = open("dir", O_RDONLY | O_DIRECTORY);
  show("read a directory fd", read(fd, buf, sizeof buf));
  show("write a directory fd", write(fd, "x", 1));
  close(fd);
  fd = open("file.txt", O_WRONLY);
  show("read from O_WRONLY fd", read(fd, buf, 1));
  show("lseek negative", lseek(fd, -5, SEEK_SET));
  close(fd);

  errno = 0;
  show("successful open leaves errno", (fd = open("file.txt", O_RDONLY)) < 0 ? -1 : 0);
  printf("errno after success: %d\n", errno);
  close(fd);
  errno = ENOENT;
  fd = open("file.txt", O_RDONLY);
  printf("errno preset to ENOENT stays after success: %s\n", errno_name(errno));
  close(fd);

  DIR *d = opendir("file.txt");
  printf("opendir file: %s\n", d ? "opened" : "NULL");
  if (!d)
    show_errno("  errno");
  d = opendir("missing");
  printf("opendir missing: %s\n", d ? "opened" : "NULL");
  if (!d)
    show_errno("  errno");
  FILE *f = fopen("missing.txt", "r");
  printf("fopen missing: %s\n", f ? "opened" : "NULL");
  if (!f)
    show_errno("  errno");
  f = fopen("dir", "w");
  printf("fopen dir for write: %s\n", f ? "opened" : "NULL");
  if (!f)
    show_errno("  errno");
  printf("strerror(0): %s\n", strerror(0));
  printf("strerror(9999): %s\n", strerror(9999));
  return 0;
}
