/* links - symbolic and hard links inside the sandbox: symlink/readlink (relative and
 * absolute targets, dangling links, links to directories, chains, a loop), opening
 * and writing through links, readlink of a non-link, link() of files and the refusal
 * to hard-link a directory, and unlinking a link leaving its target. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static void rl(const char *path) {
  char b[256];
  ssize_t n = readlink(path, b, sizeof b);
  if (n < 0) {
    show_errno(path);
    return;
  }
  printf("readlink %s -> [%.*s] (%zd bytes)\n", path, (int)n, b, n);
}

static void cat(const char *path) {
  char b[128] = { 0 };
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    show_errno(path);
    return;
  }
  ssize_t n = read(fd, b, sizeof b - 1);
  close(fd);
  printf("cat %s: %zd bytes: %s", path, n, b);
}

int main(void) {
  rl("fixture_link");
  cat("fixture_link");
  cat("sub/target.txt");
  show("symlink rel", symlink("sub/target.txt", "rel"));
  rl("rel");
  cat("rel");
  show("symlink to dir", symlink("sub", "subdir_link"));
  cat("subdir_link/target.txt");
  show("symlink abs", symlink("/sub/target.txt", "abs"));
  rl("abs");
  show("symlink up and down", symlink("../sub/target.txt", "sub/up_down"));
  rl("sub/up_down");
  cat("sub/up_down");
  show("symlink chain", symlink("rel", "chain"));
  cat("chain");
  show("symlink dangling", symlink("nothing/here", "dangling"));
  rl("dangling");
  cat("dangling");
  show("symlink loop a->b", symlink("loop_b", "loop_a"));
  show("symlink loop b->a", symlink("loop_a", "loop_b"));
  cat("loop_a");
  show("symlink over existing", symlink("x", "rel"));
  rl("sub/target.txt");
  rl("missing");

  int fd = open("rel", O_WRONLY | O_APPEND);
  show("append through link", write(fd, "appended via link\n", 18));
  close(fd);
  cat("sub/target.txt");
  fd = open("dangling_create", O_WRONLY | O_CREAT, 0644);
  close(fd);
  show("symlink to a not-yet-existing file", symlink("later.txt", "to_later"));
  fd = open("to_later", O_WRONLY | O_CREAT, 0644);
  show("create through dangling link", fd < 0 ? -1 : 0);
  if (fd >= 0) {
    write(fd, "created through a link\n", 23);
    close(fd);
  }
  cat("later.txt");

  show("link hard", link("sub/target.txt", "hard.txt"));
  cat("hard.txt");
  show("link to existing name", link("sub/target.txt", "hard.txt"));
  show("link a directory", link("sub", "sub_hard"));
  show("link missing", link("missing", "m2"));
  show("link to a symlink (not followed)", link("rel", "hard_to_link"));
  rl("hard_to_link");
  show("unlink rel", unlink("rel"));
  cat("sub/target.txt");
  show("unlink subdir_link", unlink("subdir_link"));
  show("rmdir on a link to a dir", rmdir("chain"));
  struct stat st;
  show("sub still a dir", stat("sub", &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1);
  return 0;
}
