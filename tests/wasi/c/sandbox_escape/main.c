/* sandbox_escape - the preopened directory is the whole world: every attempt to
 * reach outside it must be refused, whatever the path holds: `..` above the root
 * (plain, after a subdirectory, after an absolute "/"), absolute symlinks, relative
 * symlinks climbing out (fixture links, and links the program makes itself), links
 * to directories outside used as path prefixes, and creating, renaming, linking or
 * removing through any of those. Paths that wander but stay inside work. Each
 * attempt prints its result; the expected tree shows that nothing appeared beside
 * the root.
 *
 * A golden program (expected_stdout, expected_files): node's WASI is no sandbox, so
 * it cannot be the reference. uvwasi clamps `..` at the root lexically (so "../x" is
 * "x"), resolves a final symlink itself relative to the root, but lets the host
 * kernel follow symlinks in the middle of a path: "out_dir/etc/passwd" there reads
 * the host's /etc/passwd, and "made_parent/x" creates x beside the root. Refusals
 * are expected as ENOTCAPABLE (preview1's "capabilities insufficient"). No content
 * read is ever printed, and nothing is written through a link that leads above the
 * run directory.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

static void try_open(const char *path, int flags) {
  char what[160];
  snprintf(what, sizeof what, "open %s%s", path, flags & O_CREAT ? " O_CREAT" : "");
  int fd = open(path, flags, 0644);
  if (fd < 0) {
    show_errno(what);
    return;
  }
  char b[64] = { 0 };
  ssize_t n = (flags & O_ACCMODE) == O_RDONLY ? read(fd, b, sizeof b - 1) : 0;
  close(fd);
  /* never print what was read: it may be a file of the host */
  const char *whose = n < 0 ? "not readable" : n == 0 ? "empty"
                    : strncmp(b, "inside\n", 7) == 0 || strncmp(b, "in sub\n", 7) == 0 ? "a file of the root"
                    : strncmp(b, "fake passwd inside the root\n", 28) == 0 ? "the root's etc/passwd"
                    : "A FILE FROM OUTSIDE THE ROOT";
  printf("%s: OPENED, %s\n", what, whose);
}

static void try_stat(const char *path) {
  struct stat st;
  char what[160];
  snprintf(what, sizeof what, "stat %s", path);
  if (stat(path, &st) != 0)
    show_errno(what);
  else
    printf("%s: ok, %s\n", what, S_ISDIR(st.st_mode) ? "directory" : S_ISREG(st.st_mode) ? "file" : "other");
}

static void try_opendir(const char *path) {
  DIR *d = opendir(path);
  char what[160];
  snprintf(what, sizeof what, "opendir %s", path);
  if (!d) {
    show_errno(what);
    return;
  }
  int n = 0;
  while (readdir(d))
    n++;
  closedir(d);
  printf("%s: OPENED (%s)\n", what, n > 0 ? "has entries" : "empty");
}

static const char *const escapes[] = {
  "..", "../", "../x", "../../etc/passwd", "/..", "/../../etc/passwd", "/../../../../../../etc/passwd",
  "sub/../../etc/passwd", "./../x", "sub/../..", "//../etc/passwd", "out_abs", "out_rel", "out_dir",
  "out_dir/etc/passwd", "out_rel_dir/passwd", "sub/out_up", "sub/out_up/etc/passwd", "made_abs", "made_abs/passwd",
  "made_up", "made_up/etc/passwd",
};

static const char *const inside[] = {
  "inside.txt", "/inside.txt", "sub/../inside.txt", "./sub/./file.txt", "sub/../sub/../inside.txt",
  "in_rel", "in_updown", "in_abs", "/etc/passwd", "sub/in_parent",
};

int main(void) {
  show("symlink made_abs -> /etc", symlink("/etc", "made_abs"));
  show("symlink made_up -> ../../../../../../..", symlink("../../../../../../..", "made_up"));
  show("symlink made_parent -> ..", symlink("..", "made_parent"));

  for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++)
    try_open(escapes[i], O_RDONLY);
  for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++)
    try_open(inside[i], O_RDONLY);
  for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++)
    try_stat(escapes[i]);
  try_opendir("..");
  try_opendir("/..");
  try_opendir("out_dir");
  try_opendir("made_up");
  try_opendir("made_parent");
  try_opendir("sub/..");

  /* creating, moving and removing outside: anything that succeeds lands beside the
   * root, where the runner sees it. Each attempt has its own source file. */
  try_open("../escaped.txt", O_WRONLY | O_CREAT);
  try_open("made_parent/escaped2.txt", O_WRONLY | O_CREAT);
  try_open("out_dangling", O_WRONLY | O_CREAT);
  show("mkdir ../escaped_dir", mkdir("../escaped_dir", 0755));
  show("mkdir made_parent/escaped_dir", mkdir("made_parent/escaped_dir", 0755));
  const char *const victims[] = { "v1", "v2", "v3", "v4" };
  for (size_t i = 0; i < 4; i++)
    close(open(victims[i], O_WRONLY | O_CREAT, 0644));
  show("rename v1 -> ../stolen.txt", rename("v1", "../stolen.txt"));
  show("rename v2 -> made_parent/stolen2.txt", rename("v2", "made_parent/stolen2.txt"));
  show("link v3 -> ../hard.txt", link("v3", "../hard.txt"));
  show("link v4 -> made_parent/hard2.txt", link("v4", "made_parent/hard2.txt"));
  show("rename ../cwd -> here", rename("../cwd", "here"));
  show("link ../cwd -> here", link("../cwd", "here"));
  show("symlink x -> ../made_outside", symlink("x", "../made_outside"));
  show("unlink ../cwd", unlink("../cwd"));
  show("rmdir ../cwd", rmdir("../cwd"));
  show("unlink made_parent/escaped2.txt", unlink("made_parent/escaped2.txt"));
  char b[64];
  ssize_t n = readlink("../root", b, sizeof b);
  if (n < 0)
    show_errno("readlink ../root");
  else
    printf("readlink ../root: = %zd\n", n);
  n = readlink("out_abs", b, sizeof b);
  printf("readlink out_abs (reading the link itself is fine): %.*s\n", n > 0 ? (int)n : 0, b);
  struct stat st;
  show("lstat out_abs (the link itself)", lstat("out_abs", &st));

  /* wasi-libc keeps the working directory as a string and resolves it itself */
  show("chdir ..", chdir(".."));
  char cwd[128];
  printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  try_open("inside.txt", O_RDONLY);
  show("chdir /", chdir("/"));
  show("chdir made_parent", chdir("made_parent"));
  printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  try_open("root/inside.txt", O_RDONLY);
  show("chdir /sub", chdir("/sub"));
  try_open("../inside.txt", O_RDONLY);
  try_open("../../inside.txt", O_RDONLY);
  show("chdir /", chdir("/"));
  show("unlink made_abs", unlink("made_abs"));
  show("unlink made_up", unlink("made_up"));
  show("unlink made_parent", unlink("made_parent"));
  return 0;
}
