/*
 * wasi_path.c - the WASI sandbox resolver (rt/wasi_path.c) on a fixture tree: every case
 * runs under both strategies (openat2 via AUTO, and the component walk) with one
 * expected outcome, so the walk is held to what the kernel does.
 *
 * Each test builds a fresh scratch directory:
 *   outside/           a sibling of the sandbox: secret, odir/
 *   root/              the sandbox (opened O_PATH|O_DIRECTORY, as preopens are)
 *     file, dir/{inner, sub/deep}, nest/n/n/... (20 levels)
 *     symlinks that stay inside, point outside (relative and absolute), dangle inside
 *     and outside, loop, and chain 40 and 41 deep (the kernel's limit is 40).
 * After the cases, outside/ must be exactly as it was (names, sizes, inodes, mtimes)
 * and no fd may have leaked. Expected outcomes were taken from Linux 6.x openat2.
 * pg_wasi_parent_beneath has its own table; one test races `..` against a thread that
 * moves a directory out of the root and back (the walk must notice, never escape).
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../../rt/wasi_path.h"

#define ESC PG_WASI_ESCAPE
#define FOLLOW true
#define NO_FOLLOW false
#define NEST 20 /* levels of root/nest/n/n/...: more than the walk's first 16 slots */

static char scratch[256];
static int scratchfd = -1, rootfd = -1;
static char outside_before[8192];

/* ---- the fixture ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static void mkfile(const char *path, const char *text) {
  int fd = openat(scratchfd, path, O_CREAT | O_WRONLY | O_EXCL, 0644);
  cr_assert_geq(fd, 0, "create %s", path);
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
}

static void mkdir_(const char *path) { cr_assert_eq(mkdirat(scratchfd, path, 0755), 0, "mkdir %s", path); }

static void mklink(const char *target, const char *path) {
  cr_assert_eq(symlinkat(target, scratchfd, path), 0, "symlink %s", path);
}

/* "relpath type size inode mtime" for everything under outside/, sorted */
static void list_tree(const char *dir, char *buf, size_t n) {
  struct dirent **names;
  int k = scandir(dir, &names, NULL, alphasort);
  cr_assert_geq(k, 0, "scandir %s", dir);
  for (int i = 0; i < k; i++) {
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
    bool dots = !strcmp(names[i]->d_name, ".") || !strcmp(names[i]->d_name, "..");
    if (!dots && lstat(path, &st) == 0) {
      size_t len = strlen(buf);
      snprintf(buf + len, n - len, "%s %o %lld %llu %lld.%09ld\n", path, (unsigned)st.st_mode, (long long)st.st_size,
               (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
      if (S_ISDIR(st.st_mode)) list_tree(path, buf, n);
    }
    free(names[i]);
  }
  free(names);
}

static void snapshot_outside(char *buf, size_t n) {
  buf[0] = '\0';
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s/outside", scratch);
  list_tree(dir, buf, n);
}

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/pogo-wasi-path-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(scratch));
  scratchfd = open(scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
  cr_assert_geq(scratchfd, 0);

  mkdir_("outside");
  mkfile("outside/secret", "secret\n");
  mkdir_("outside/odir");

  mkdir_("root");
  mkfile("root/file", "file\n");
  mkdir_("root/dir");
  mkfile("root/dir/inner", "inner\n");
  mkdir_("root/dir/sub");
  mkfile("root/dir/sub/deep", "deep\n");
  char nest[256] = "root/nest";
  mkdir_(nest);
  for (int i = 1; i < NEST; i++) mkdir_(strcat(nest, "/n"));

  /* inside */
  mklink("file", "root/link_file");
  mklink("dir", "root/link_dir");
  mklink("dir/..", "root/link_dotdot");
  mklink("link_file", "root/link_chain");
  mklink("dir/", "root/link_slash");
  mklink("file/", "root/link_file_slash");
  mklink("../file", "root/dir/up");
  mklink("../../file", "root/dir/sub/up2");
  /* outside */
  mklink("../outside", "root/out_dir");
  mklink("../outside/secret", "root/out_file");
  mklink("../../outside/secret", "root/dir/esc");
  mklink("../../../outside", "root/dir/sub/esc2");
  char abs[PATH_MAX];
  snprintf(abs, sizeof abs, "%s/root/file", scratch);
  mklink(abs, "root/out_abs"); /* absolute: refused even though it names a file inside */
  /* dangling */
  mklink("made", "root/dang_in");
  mklink("dir/made2", "root/dang_in_dir");
  mklink("../outside/made3", "root/dang_out");
  snprintf(abs, sizeof abs, "%s/outside/made4", scratch);
  mklink(abs, "root/dang_abs");
  mklink("newdir/", "root/dang_slash");
  /* loops and chains: c01 -> file, cNN -> c(NN-1); cNN takes NN expansions */
  mklink("loop_b", "root/loop_a");
  mklink("loop_a", "root/loop_b");
  mklink("self", "root/self");
  for (int i = 1; i <= 41; i++) {
    char name[32], target[32];
    snprintf(name, sizeof name, "root/c%02d", i);
    snprintf(target, sizeof target, i == 1 ? "file" : "c%02d", i - 1);
    mklink(target, name);
  }

  rootfd = openat(scratchfd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
  cr_assert_geq(rootfd, 0);
  snapshot_outside(outside_before, sizeof outside_before);
  cr_assert(strstr(outside_before, "/outside/secret "), "the snapshot sees outside/: %s", outside_before);
}

static void teardown(void) {
  close(rootfd);
  close(scratchfd);
  nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(wasi_path, .init = setup, .fini = teardown, .timeout = 20);

/* ---- checks ---- */

static const char *err_name(int e) {
  if (e == 0) return "success";
  if (e == ESC) return "PG_WASI_ESCAPE";
  const char *s = strerrorname_np(e);
  return s ? s : "?";
}

static const char *how_name(pg_wasi_resolver how) { return how == PG_WASI_RESOLVE_WALK ? "walk" : "auto"; }

static int count_fds(void) {
  DIR *d = opendir("/proc/self/fd");
  cr_assert_not_null(d);
  int n = 0;
  while (readdir(d)) n++;
  closedir(d);
  return n;
}

static void assert_outside_unchanged(void) {
  static char after[sizeof outside_before];
  snapshot_outside(after, sizeof after);
  cr_assert_str_eq(after, outside_before, "outside/ changed");
}

/* fd is the object at root/target (not following a final symlink), close-on-exec */
static void expect_is(int fd, const char *target, const char *what) {
  struct stat got, want;
  cr_assert_eq(fstat(fd, &got), 0);
  cr_expect_eq(fstatat(rootfd, target, &want, AT_SYMLINK_NOFOLLOW), 0, "%s: %s exists", what, target);
  cr_expect(got.st_dev == want.st_dev && got.st_ino == want.st_ino, "%s: reached the wrong object, want %s", what,
            target);
  cr_expect(fcntl(fd, F_GETFD) & FD_CLOEXEC, "%s: fd is close-on-exec", what);
}

static bool exists(const char *scratch_path) {
  struct stat st;
  return fstatat(scratchfd, scratch_path, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* ---- pg_wasi_open_beneath ---- */

typedef struct open_case {
  const char *path;
  int flags;
  bool follow;
  int err;            /* expected error, or 0 */
  const char *target; /* on success: what the fd must be, relative to root */
  const char *absent; /* relative to the scratch dir: must not exist afterwards */
} open_case;

#define OK(p, fl, fo, t) {p, fl, fo, 0, t, NULL}
#define NO(p, fl, fo, e) {p, fl, fo, e, NULL, NULL}
#define NO_MAKE(p, fl, fo, e, absent) {p, fl, fo, e, NULL, absent}

static const open_case open_cases[] = {
    /* names, dots, slashes */
    OK("file", O_RDONLY, FOLLOW, "file"),
    OK("file", O_PATH, NO_FOLLOW, "file"),
    OK("dir", O_RDONLY | O_DIRECTORY, FOLLOW, "dir"),
    OK("dir/inner", O_RDWR, FOLLOW, "dir/inner"),
    OK("dir//sub///deep", O_RDONLY, FOLLOW, "dir/sub/deep"),
    OK("./file", O_RDONLY, FOLLOW, "file"),
    OK("././dir/./inner", O_RDONLY, FOLLOW, "dir/inner"),
    OK(".", O_RDONLY, FOLLOW, "."),
    OK("./", O_PATH, FOLLOW, "."),
    OK("dir/.", O_RDONLY, FOLLOW, "dir"),
    OK("dir/", O_RDONLY, FOLLOW, "dir"),
    OK("dir//", O_PATH, NO_FOLLOW, "dir"),
    OK("dir/sub/..", O_RDONLY, FOLLOW, "dir"),
    OK("dir/..", O_PATH | O_DIRECTORY, FOLLOW, "."),
    OK("dir/../file", O_RDONLY, FOLLOW, "file"),
    OK("dir/sub/../../file", O_WRONLY, FOLLOW, "file"),
    OK("dir/../dir/sub/../inner", O_RDONLY, FOLLOW, "dir/inner"),
    /* `..` above the root, absolute paths */
    NO("..", O_RDONLY, FOLLOW, ESC),
    NO("../", O_PATH, FOLLOW, ESC),
    NO("../outside/secret", O_RDONLY, FOLLOW, ESC),
    NO("dir/../../outside/secret", O_RDONLY, FOLLOW, ESC),
    NO("dir/sub/../../..", O_PATH, FOLLOW, ESC),
    NO("dir/../dir/../..", O_RDONLY, FOLLOW, ESC),
    NO("./../root/file", O_RDONLY, FOLLOW, ESC), /* out and back in is still out */
    NO("/", O_RDONLY, FOLLOW, ESC),
    NO("/etc", O_PATH, FOLLOW, ESC),
    NO("//file", O_RDONLY, FOLLOW, ESC),
    /* symlinks that stay inside */
    OK("link_file", O_RDONLY, FOLLOW, "file"),
    OK("link_file", O_PATH, NO_FOLLOW, "link_file"),
    NO("link_file", O_RDONLY, NO_FOLLOW, ELOOP),
    OK("link_dir/inner", O_RDONLY, NO_FOLLOW, "dir/inner"), /* intermediates always follow */
    OK("link_dir", O_PATH | O_DIRECTORY, FOLLOW, "dir"),
    NO("link_dir", O_PATH | O_DIRECTORY, NO_FOLLOW, ENOTDIR),
    OK("link_dir/", O_PATH, NO_FOLLOW, "dir"), /* a trailing slash follows */
    OK("link_dir/.", O_PATH, NO_FOLLOW, "dir"),
    OK("link_dir/..", O_PATH, FOLLOW, "."),
    OK("link_dir/sub/up2", O_RDONLY, FOLLOW, "file"),
    OK("link_dotdot", O_RDONLY | O_DIRECTORY, FOLLOW, "."),
    OK("link_dotdot/file", O_RDONLY, FOLLOW, "file"),
    NO("link_dotdot/..", O_PATH, FOLLOW, ESC),
    OK("dir/up", O_RDONLY, FOLLOW, "file"),
    OK("dir/sub/up2", O_RDONLY, FOLLOW, "file"),
    NO("dir/up/", O_RDONLY, FOLLOW, ENOTDIR),
    OK("link_chain", O_RDONLY, FOLLOW, "file"),
    OK("link_chain", O_PATH, NO_FOLLOW, "link_chain"),
    OK("link_slash", O_RDONLY, FOLLOW, "dir"),
    OK("link_slash/inner", O_RDONLY, FOLLOW, "dir/inner"),
    NO("link_file_slash", O_RDONLY, FOLLOW, ENOTDIR),
    NO("link_file/", O_RDONLY, FOLLOW, ENOTDIR),
    NO("link_file/", O_PATH, NO_FOLLOW, ENOTDIR),
    NO("link_file", O_PATH | O_DIRECTORY, FOLLOW, ENOTDIR),
    /* chains and loops */
    OK("c40", O_RDONLY, FOLLOW, "file"),
    OK("c40", O_PATH, FOLLOW, "file"),
    NO("c41", O_RDONLY, FOLLOW, ELOOP),
    NO("c41", O_PATH, FOLLOW, ELOOP),
    OK("c41", O_PATH, NO_FOLLOW, "c41"),
    NO("loop_a", O_RDONLY, FOLLOW, ELOOP),
    NO("loop_a/x", O_PATH, FOLLOW, ELOOP),
    NO("self", O_PATH, FOLLOW, ELOOP),
    NO("loop_a/", O_PATH, NO_FOLLOW, ELOOP),
    OK("loop_a", O_PATH, NO_FOLLOW, "loop_a"),
    /* symlinks leading outside */
    NO("out_dir", O_PATH, FOLLOW, ESC),
    NO("out_dir/secret", O_RDONLY, NO_FOLLOW, ESC),
    NO("out_dir/../root/file", O_RDONLY, FOLLOW, ESC),
    NO("out_dir/", O_PATH, NO_FOLLOW, ESC),
    OK("out_dir", O_PATH, NO_FOLLOW, "out_dir"),
    NO("out_dir", O_RDONLY, NO_FOLLOW, ELOOP),
    NO("out_file", O_RDONLY, FOLLOW, ESC),
    NO("out_file", O_WRONLY | O_TRUNC, FOLLOW, ESC),
    NO("out_abs", O_RDONLY, FOLLOW, ESC),
    OK("out_abs", O_PATH, NO_FOLLOW, "out_abs"),
    NO("dir/esc", O_RDONLY, FOLLOW, ESC),
    NO("link_dir/esc", O_RDONLY, FOLLOW, ESC),
    NO("dir/sub/esc2", O_PATH, FOLLOW, ESC),
    NO("dir/sub/esc2/secret", O_RDONLY, FOLLOW, ESC),
    NO("dang_out", O_RDONLY, FOLLOW, ESC),
    NO("dang_abs", O_PATH, FOLLOW, ESC),
    /* errors */
    NO("", O_RDONLY, FOLLOW, ENOENT),
    NO("nonexistent", O_RDONLY, FOLLOW, ENOENT),
    NO("nonexistent/x", O_RDONLY, FOLLOW, ENOENT),
    NO("nonexistent/../file", O_RDONLY, FOLLOW, ENOENT),
    NO("nonexistent/../..", O_RDONLY, FOLLOW, ENOENT), /* found missing before escaping */
    NO("file/x", O_RDONLY, FOLLOW, ENOTDIR),
    NO("file/", O_RDONLY, FOLLOW, ENOTDIR),
    NO("file/.", O_RDONLY, FOLLOW, ENOTDIR),
    NO("file/..", O_RDONLY, FOLLOW, ENOTDIR),
    NO("dir/sub/deep/", O_PATH, FOLLOW, ENOTDIR),
    NO("file", O_RDONLY | O_DIRECTORY, FOLLOW, ENOTDIR),
    NO("dir", O_RDWR, FOLLOW, EISDIR),
    NO("dir/", O_WRONLY, FOLLOW, EISDIR),
    NO("dang_in", O_RDONLY, FOLLOW, ENOENT),
    OK("dang_in", O_PATH, NO_FOLLOW, "dang_in"),
    NO("dang_in/", O_PATH, NO_FOLLOW, ENOENT),
    /* flags openat2 refuses, refused before the path is looked at */
    NO("file", O_PATH | O_RDWR, FOLLOW, EINVAL),
    NO("file", O_CREAT | O_DIRECTORY, FOLLOW, EINVAL),
    NO("nonexistent/x", O_CREAT | O_DIRECTORY, FOLLOW, EINVAL),
    NO("nonexistent/x", O_PATH | O_WRONLY, FOLLOW, EINVAL),
    NO("nonexistent/x", O_TMPFILE | O_RDONLY, FOLLOW, EINVAL),
    NO("nonexistent/x", 010000000000 /* no such flag */, FOLLOW, EINVAL),
    NO("/etc", O_PATH | O_CREAT, FOLLOW, EINVAL),
    NO("dir", O_TMPFILE | O_RDONLY, FOLLOW, EINVAL),
    NO("out_dir", O_TMPFILE | O_RDWR, FOLLOW, ESC),
    /* creation (after the cases that expect these names missing) */
    OK("new1", O_CREAT | O_WRONLY, FOLLOW, "new1"),
    OK("dir/new2", O_CREAT | O_RDWR | O_EXCL, FOLLOW, "dir/new2"),
    OK("link_dir/new3", O_CREAT | O_WRONLY, NO_FOLLOW, "dir/new3"),
    OK("file", O_CREAT | O_WRONLY, FOLLOW, "file"),
    OK("link_file", O_CREAT | O_RDONLY, FOLLOW, "file"),
    OK("dang_in", O_CREAT | O_WRONLY, FOLLOW, "made"), /* a dangling link's target is made */
    OK("dang_in_dir", O_CREAT | O_RDWR, FOLLOW, "dir/made2"),
    NO_MAKE("dang_out", O_CREAT | O_WRONLY, FOLLOW, ESC, "outside/made3"),
    NO_MAKE("dang_out", O_CREAT | O_WRONLY, NO_FOLLOW, ELOOP, "outside/made3"),
    NO_MAKE("dang_abs", O_CREAT | O_WRONLY, FOLLOW, ESC, "outside/made4"),
    NO_MAKE("out_dir/new6", O_CREAT | O_WRONLY, FOLLOW, ESC, "outside/new6"),
    NO_MAKE("../outside/new7", O_CREAT | O_WRONLY, FOLLOW, ESC, "outside/new7"),
    NO_MAKE("dir/sub/esc2/new8", O_CREAT | O_WRONLY, FOLLOW, ESC, "outside/new8"),
    NO("dang_out", O_CREAT | O_EXCL | O_WRONLY, FOLLOW, EEXIST), /* O_EXCL never follows */
    NO("out_file", O_CREAT | O_EXCL | O_WRONLY, FOLLOW, EEXIST),
    NO("link_file", O_CREAT | O_EXCL | O_WRONLY, FOLLOW, EEXIST),
    NO("file", O_CREAT | O_EXCL | O_WRONLY, FOLLOW, EEXIST),
    NO_MAKE("new4/", O_CREAT | O_WRONLY, FOLLOW, EISDIR, "root/new4"),
    NO("file/", O_CREAT | O_EXCL | O_WRONLY, FOLLOW, EISDIR),
    NO("link_dir/", O_CREAT | O_RDONLY, FOLLOW, EISDIR),
    NO_MAKE("dang_slash", O_CREAT | O_WRONLY, FOLLOW, EISDIR, "root/newdir"),
    NO("dir", O_CREAT | O_RDONLY, FOLLOW, EISDIR),
    NO(".", O_CREAT | O_RDONLY, FOLLOW, EISDIR),
    NO("dir/..", O_CREAT | O_RDONLY, FOLLOW, EISDIR),
    NO("..", O_CREAT | O_RDONLY, FOLLOW, ESC),
    NO_MAKE("nonexistent/new5", O_CREAT | O_WRONLY, FOLLOW, ENOENT, "root/nonexistent"),
};

/* One case under one strategy (mode 0644 when creating). */
static void check_open(pg_wasi_resolver how, int dirfd, open_case c) {
  char what[PATH_MAX + 64]; /* room for any path: GCC checks */
  snprintf(what, sizeof what, "[%s] \"%s\" flags %#o %s", how_name(how), c.path, (unsigned)c.flags,
           c.follow ? "follow" : "nofollow");
  int fd = -1;
  int r = pg_wasi_open_beneath(how, dirfd, c.path, c.flags, 0644, c.follow, &fd);
  cr_expect_eq(r, c.err, "%s: got %s, want %s", what, err_name(r), err_name(c.err));
  if (r == 0) {
    if (c.target) {
      expect_is(fd, c.target, what);
      int want = c.flags & (O_ACCMODE | O_PATH), got = fcntl(fd, F_GETFL) & (O_ACCMODE | O_PATH);
      cr_expect_eq(got, want, "%s: opened with access %#o, want %#o", what, (unsigned)got, (unsigned)want);
    }
    close(fd);
  }
  if (c.absent) cr_expect(!exists(c.absent), "%s: created %s", what, c.absent);
}

static void run_open_cases(pg_wasi_resolver how) {
  int fds = count_fds();
  for (size_t i = 0; i < sizeof open_cases / sizeof *open_cases; i++) check_open(how, rootfd, open_cases[i]);
  cr_expect_eq(count_fds(), fds, "[%s] fds leaked", how_name(how));
  assert_outside_unchanged();
}

Test(wasi_path, open_cases_openat2) {
  /* AUTO is openat2 here unless the kernel lacks it; the cases then test the walk twice */
  struct {
    unsigned long long flags, mode, resolve;
  } how = {O_PATH | O_CLOEXEC, 0, 0x08 /* RESOLVE_BENEATH */};
  long fd = syscall(SYS_openat2, rootfd, "file", &how, sizeof how);
  if (fd < 0) cr_log_warn("openat2 unavailable (%s): AUTO runs the walk", err_name(errno));
  else close((int)fd);
  run_open_cases(PG_WASI_RESOLVE_AUTO);
}

Test(wasi_path, open_cases_walk) { run_open_cases(PG_WASI_RESOLVE_WALK); }

static const pg_wasi_resolver both[] = {PG_WASI_RESOLVE_AUTO, PG_WASI_RESOLVE_WALK};

/* `..` counted over more levels than the walk first reserves */
Test(wasi_path, deep_dotdot) {
  char down[512] = "nest", path[3][1024];
  for (int i = 1; i < NEST; i++) strcat(down, "/n");
  for (int k = 0; k < 3; k++) { /* NEST-1, NEST, NEST+1 times `..` */
    strcpy(path[k], down);
    for (int i = 0; i < NEST - 1 + k; i++) strcat(path[k], "/..");
  }
  strcat(path[0], "/file");      /* still in nest/ */
  strcat(path[1], "/file");      /* back at the root */
  strcat(path[2], "/root/file"); /* above it, even if it comes back */
  for (size_t k = 0; k < 2; k++) {
    check_open(both[k], rootfd, (open_case)NO(path[0], O_RDONLY, FOLLOW, ENOENT));
    check_open(both[k], rootfd, (open_case)OK(path[1], O_RDONLY, FOLLOW, "file"));
    check_open(both[k], rootfd, (open_case)NO(path[2], O_RDONLY, FOLLOW, ESC));
  }
}

Test(wasi_path, path_length) {
  /* "././..././/file": PATH_MAX - 1 bytes is the longest path the kernel takes */
  char path[PATH_MAX + 1];
  size_t n = 0;
  while (n < PATH_MAX - 1 - strlen("/file")) memcpy(path + n, "./", 2), n += 2;
  strcpy(path + n, "/file");
  cr_assert_eq(strlen(path), PATH_MAX - 1);
  char longer[PATH_MAX + 2] = "./"; /* one byte more: "./" then "/./././..." */
  strcat(longer, path + 1);
  cr_assert_eq(strlen(longer), PATH_MAX);
  for (size_t k = 0; k < 2; k++) {
    check_open(both[k], rootfd, (open_case)OK(path, O_RDONLY, FOLLOW, "file"));
    check_open(both[k], rootfd, (open_case)NO(longer, O_RDONLY, FOLLOW, ENAMETOOLONG));
  }
}

Test(wasi_path, absolute_path_inside_the_root) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/root/file", scratch);
  for (size_t k = 0; k < 2; k++) check_open(both[k], rootfd, (open_case)NO(path, O_RDONLY, FOLLOW, ESC));
}

Test(wasi_path, dirfd_not_a_directory) {
  int filefd = openat(rootfd, "file", O_RDONLY | O_CLOEXEC);
  cr_assert_geq(filefd, 0);
  for (size_t k = 0; k < 2; k++) {
    check_open(both[k], filefd, (open_case)NO("x", O_RDONLY, FOLLOW, ENOTDIR));
    check_open(both[k], filefd, (open_case)NO("..", O_RDONLY, FOLLOW, ENOTDIR));
    check_open(both[k], -1, (open_case)NO("file", O_RDONLY, FOLLOW, EBADF));
  }
  close(filefd);
}

/* The created file is a regular file with the requested mode (less the umask), and
 * O_TRUNC through a link that stays inside truncates its target. */
Test(wasi_path, creation_mode_and_truncation) {
  mode_t old = umask(022);
  for (size_t k = 0; k < 2; k++) {
    const char *name = k ? "made_walk" : "made_auto";
    char link[64];
    snprintf(link, sizeof link, "root/to_%s", name);
    mklink(name, link);
    int fd = -1;
    int r = pg_wasi_open_beneath(both[k], rootfd, link + 5, O_CREAT | O_WRONLY, 0777 | S_ISVTX | 0170000, true, &fd);
    cr_assert_eq(r, 0, "[%s] %s", how_name(both[k]), err_name(r));
    cr_assert_eq(write(fd, "abc", 3), 3);
    close(fd);
    struct stat st;
    cr_assert_eq(fstatat(rootfd, name, &st, AT_SYMLINK_NOFOLLOW), 0);
    cr_expect(S_ISREG(st.st_mode));
    cr_expect_eq(st.st_mode & 07777, (mode_t)(01755), "[%s] mode %o", how_name(both[k]), st.st_mode & 07777);
    cr_expect_eq(st.st_size, 3);
    r = pg_wasi_open_beneath(both[k], rootfd, link + 5, O_WRONLY | O_TRUNC, 0, true, &fd);
    cr_assert_eq(r, 0);
    close(fd);
    cr_assert_eq(fstatat(rootfd, name, &st, AT_SYMLINK_NOFOLLOW), 0);
    cr_expect_eq(st.st_size, 0, "[%s] truncated", how_name(both[k]));
  }
  umask(old);
}

/* A directory moved out of the root and back while paths climb out of it with `..`.
 * The path lingers below root/a/b ("c/.." many times) so that b often moves while the
 * walk is inside it; trusting the final `..` out of b would then climb from away/b to
 * the scratch dir and open the decoy scratch/file. Every result must instead be
 * root/file or an error (ENOENT while b is away, EAGAIN for a move caught inside). */
typedef struct mover {
  atomic_bool stop;
  atomic_long moves;
} mover;

/* b spends about as long away as in place (a tight loop would keep it mostly away) */
static void *move_back_and_forth(void *arg) {
  mover *m = arg;
  const struct timespec pause = {0, 1000};
  while (!atomic_load(&m->stop)) {
    nanosleep(&pause, NULL);
    if (renameat(scratchfd, "root/a/b", scratchfd, "away/b") == 0) {
      atomic_fetch_add(&m->moves, 1);
      nanosleep(&pause, NULL);
      renameat(scratchfd, "away/b", scratchfd, "root/a/b");
    }
  }
  return NULL;
}

Test(wasi_path, dotdot_while_a_directory_moves) {
  mkfile("file", "decoy\n");
  mkdir_("away");
  mkdir_("root/a");
  mkdir_("root/a/b");
  mkdir_("root/a/b/c");
  struct stat real;
  cr_assert_eq(fstatat(rootfd, "file", &real, 0), 0);
  char path[2048] = "a/b/c";
  for (int i = 0; i < 200; i++) strcat(path, "/../c");
  strcat(path, "/../../../file");
  for (size_t k = 0; k < 2; k++) {
    mover m = {.stop = false, .moves = 0};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, move_back_and_forth, &m), 0);
    long ok = 0, away = 0, escaped = 0;
    int other = 0; /* an unexpected error; asserted once the mover has stopped */
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* at least 2000 tries, and 10 successes unless that takes 5 seconds */
    for (int i = 0; i < 2000 || atomic_load(&m.moves) < 100 || ok < 10; i++) {
      clock_gettime(CLOCK_MONOTONIC, &now);
      if (i >= 2000 && now.tv_sec - t0.tv_sec > 5) break;
      int fd = -1;
      int r = pg_wasi_open_beneath(both[k], rootfd, path, O_RDONLY, 0, true, &fd);
      if (r == ENOENT || r == EAGAIN) {
        away++;
        continue;
      }
      if (r != 0) {
        other = r;
        break;
      }
      struct stat st;
      if (fstat(fd, &st) == 0 && st.st_ino == real.st_ino && st.st_dev == real.st_dev) ok++;
      else escaped++; /* the decoy, in practice */
      close(fd);
    }
    atomic_store(&m.stop, true);
    pthread_join(t, NULL);
    cr_expect_eq(other, 0, "[%s] %s", how_name(both[k]), err_name(other));
    cr_expect_eq(escaped, 0, "[%s] escaped %ld times (%ld ok, %ld while away)", how_name(both[k]), escaped, ok, away);
    cr_expect_gt(ok, 0, "[%s] never resolved", how_name(both[k]));
    cr_expect_gt(away, 0, "[%s] never saw the move", how_name(both[k]));
    cr_log_info("[%s] %ld ok, %ld away, %ld escaped", how_name(both[k]), ok, away, escaped);
  }
}

/* ---- pg_wasi_parent_beneath ---- */

typedef struct parent_case {
  const char *path;
  int err;
  const char *parent; /* relative to root */
  const char *base;
  bool slash;
} parent_case;

#define P_OK(p, d, b, s) {p, 0, d, b, s}
#define P_NO(p, e) {p, e, NULL, NULL, false}

static const parent_case parent_cases[] = {
    P_OK("file", ".", "file", false),
    P_OK("new", ".", "new", false),
    P_OK("dir/inner", "dir", "inner", false),
    P_OK("dir/new", "dir", "new", false),
    P_OK("dir//sub///deep", "dir/sub", "deep", false),
    P_OK("dir/sub/", "dir", "sub", true),
    P_OK("dir/sub//", "dir", "sub", true),
    P_OK("./file", ".", "file", false),
    P_OK("link_dir/inner", "dir", "inner", false),
    P_OK("link_dir", ".", "link_dir", false), /* the last component is not followed */
    P_OK("link_dir/", ".", "link_dir", true),
    P_OK("out_dir", ".", "out_dir", false),
    P_OK("dir/esc", "dir", "esc", false),
    P_OK("dang_out", ".", "dang_out", false),
    P_OK("link_dotdot/x", ".", "x", false),
    P_OK("link_slash/x", "dir", "x", false),
    P_OK("dir/sub/../x", "dir", "x", false),
    P_OK(".", ".", ".", false),
    P_OK("./", ".", ".", true),
    P_OK("dir/.", "dir", ".", false),
    P_OK("dir/..", "dir", "..", false),
    P_OK("dir/sub/../..", "dir", "..", false),
    P_OK("link_dir/..", "dir", "..", false),
    P_NO("..", ESC),
    P_NO("../", ESC),
    P_NO("../x", ESC),
    P_NO("dir/../..", ESC),
    P_NO("dir/../../", ESC),
    P_NO("link_dotdot/..", ESC),
    P_NO("out_dir/secret", ESC),
    P_NO("out_dir/x/y", ESC),
    P_NO("dir/esc/x", ESC),
    P_NO("out_dir/..", ESC),
    P_NO("/etc", ESC),
    P_NO("/", ESC),
    P_NO("///", ESC),
    P_NO("", ENOENT),
    P_NO("nonexistent/x", ENOENT),
    P_NO("dang_in/x", ENOENT),
    P_NO("file/x", ENOTDIR),
    P_NO("file/.", ENOTDIR),
    P_NO("dir/up/x", ENOTDIR),
    P_NO("loop_a/x", ELOOP),
    P_NO("c41/x", ELOOP),
};

static void run_parent_cases(pg_wasi_resolver how) {
  int fds = count_fds();
  for (size_t i = 0; i < sizeof parent_cases / sizeof *parent_cases; i++) {
    const parent_case *c = &parent_cases[i];
    char what[160];
    snprintf(what, sizeof what, "[%s] parent of \"%s\"", how_name(how), c->path);
    int fd = -1;
    char base[NAME_MAX + 1] = "untouched";
    bool slash = !c->slash;
    int r = pg_wasi_parent_beneath(how, rootfd, c->path, &fd, base, sizeof base, &slash);
    cr_expect_eq(r, c->err, "%s: got %s, want %s", what, err_name(r), err_name(c->err));
    if (r != 0) continue;
    expect_is(fd, c->parent, what);
    cr_expect_neq(fd, rootfd, "%s: a new fd", what);
    cr_expect_str_eq(base, c->base, "%s: base", what);
    cr_expect_eq(slash, c->slash, "%s: trailing slash", what);
    close(fd);
  }
  cr_expect_eq(count_fds(), fds, "[%s] fds leaked", how_name(how));
}

Test(wasi_path, parent_cases_openat2) { run_parent_cases(PG_WASI_RESOLVE_AUTO); }
Test(wasi_path, parent_cases_walk) { run_parent_cases(PG_WASI_RESOLVE_WALK); }

Test(wasi_path, parent_base_buffer) {
  for (size_t k = 0; k < 2; k++) {
    int fd = -1;
    bool slash;
    char base[6];
    int r = pg_wasi_parent_beneath(both[k], rootfd, "dir/inner", &fd, base, 5, &slash);
    cr_expect_eq(r, ENAMETOOLONG, "[%s] 5 bytes for \"inner\": %s", how_name(both[k]), err_name(r));
    r = pg_wasi_parent_beneath(both[k], rootfd, "dir/inner/", &fd, base, 6, &slash);
    cr_expect_eq(r, 0, "[%s] 6 bytes for \"inner\": %s", how_name(both[k]), err_name(r));
    if (r == 0) {
      cr_expect_str_eq(base, "inner");
      cr_expect(slash);
      close(fd);
    }
  }
}
