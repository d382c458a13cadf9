/*
 * wasi_path.c - guest paths resolved beneath a preopened directory (see wasi_path.h).
 *
 * Strategy 1 hands the whole path to the kernel: openat2(2) with RESOLVE_BENEATH (no
 * absolute path, no `..` above the start, no symlink leading out: EXDEV) and
 * RESOLVE_NO_MAGICLINKS (no /proc/<pid>/fd/N jumps). Strategy 2 asks the kernel for one
 * component at a time and never lets it follow a symlink or see more than one name:
 *   - each intermediate name is opened O_PATH|O_NOFOLLOW and fstat'ed: a directory
 *     becomes the current one, a symlink is read and its target spliced in front of the
 *     rest of the path (an absolute target escapes), anything else is ENOTDIR;
 *   - `..` at depth 0 escapes; otherwise it is opened relative to the current directory
 *     and must be the directory we came down from (same st_dev/st_ino), else EAGAIN: a
 *     concurrent rename moved us, and that `..` could lead anywhere;
 *   - the last name is opened with the caller's flags plus O_NOFOLLOW, after an O_PATH
 *     look to expand it if it is a symlink to be followed.
 * The walk reproduces the kernel's rules where they show: 40 symlinks at most (ELOOP),
 * a trailing slash forces following and a directory, O_CREAT with a trailing slash is
 * EISDIR, O_CREAT|O_EXCL never follows, O_CREAT through a dangling symlink creates its
 * target. Flags that openat2 refuses are refused up front, so both agree on them too.
 * Known differences: a procfs magic link is ELOOP under openat2 but is read as an
 * ordinary link by the walk (its text is absolute, so ESCAPE, or "pipe:[N]"-like, so
 * ENOENT): refused either way; and the walk's final O_NOFOLLOW stays visible in
 * F_GETFL (it cannot be dropped: opening without it could follow a link swapped in
 * after the look).
 *
 * Invariants: nothing global; the walk owns every fd it opens except dirfd, and the
 * current directory is always a directory lying beneath dirfd at the recorded depth.
 */
#define _GNU_SOURCE
#include "wasi_path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __has_include
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif
#endif
#if defined(RESOLVE_BENEATH) && defined(SYS_openat2)
#define PG_HAVE_OPENAT2 1
#endif

enum {
  max_links = 40,      /* the kernel's MAXSYMLINKS, per lookup */
  eagain_retries = 16, /* openat2 EAGAIN: a rename/mount raced a `..` somewhere */
  /* internal results, never returned to callers (errnos are positive) */
  no_openat2 = -1, /* openat2 is missing or filtered: use the walk */
  expanded = -2,   /* a symlink was spliced into the path: walk from its start */
  look_again = -3, /* the last name turned into a symlink between two looks */
};

/* The open flags the kernel knows (its VALID_OPEN_FLAGS): openat2 refuses others. */
static const int known_flags = O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK |
                               O_DSYNC | O_SYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW |
                               O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE;

/* openat2's argument checks (build_open_flags in fs/open.c), which plain openat, used by
 * the walk, partly skips: O_PATH silently drops other flags there, for instance. Strips
 * O_NOFOLLOW and O_CLOEXEC (added back as needed) and keeps mode only when creating. */
static int check_flags(int *flags, mode_t *mode) {
  int f = *flags & ~(O_NOFOLLOW | O_CLOEXEC);
  int tmpfile_bit = O_TMPFILE & ~O_DIRECTORY;
  if (f & ~known_flags) return EINVAL;
  if ((f & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY)) return EINVAL;
  if ((f & tmpfile_bit) && (!(f & O_DIRECTORY) || (f & O_ACCMODE) == O_RDONLY)) return EINVAL;
  if ((f & O_PATH) && (f & ~(O_PATH | O_DIRECTORY))) return EINVAL;
  *flags = f;
  *mode = (f & (O_CREAT | tmpfile_bit)) ? *mode & 07777 : 0;
  return 0;
}

/* getname()'s checks and the first step of RESOLVE_BENEATH, in the kernel's order. */
static int check_path(const char *path) {
  size_t len = strnlen(path, PATH_MAX);
  if (len == 0) return ENOENT;
  if (len == PATH_MAX) return ENAMETOOLONG;
  if (path[0] == '/') return PG_WASI_ESCAPE;
  return 0;
}

#ifdef PG_HAVE_OPENAT2
static int open_kernel(int dirfd, const char *path, int flags, mode_t mode, int *out) {
  struct open_how how = {
      .flags = (uint64_t)(unsigned)(flags | O_CLOEXEC),
      .mode = mode,
      .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
  };
  for (int i = 0; i < eagain_retries; i++) {
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    if (fd >= 0) {
      *out = (int)fd;
      return 0;
    }
    if (errno == EXDEV) return PG_WASI_ESCAPE; /* without RESOLVE_NO_XDEV, only an escape */
    /* ENOSYS: kernel before 5.6; EPERM: a seccomp filter that does not know openat2 (a
     * real EPERM from the open itself comes back again from the walk) */
    if (errno == ENOSYS || errno == EPERM) return no_openat2;
    if (errno != EAGAIN) return errno;
  }
  return no_openat2; /* the walk checks each `..` itself, and cannot be starved this way */
}
#endif

/* ---- the component walk ---- */

typedef struct dir_id {
  dev_t dev;
  ino_t ino;
} dir_id;

typedef struct walk {
  int root;     /* dirfd: depth 0, never closed here */
  int cur;      /* the directory reached: root, or an O_PATH fd owned by the walk */
  size_t depth; /* directories between root and cur; `..` at depth 0 escapes */
  dir_id *ids;  /* ids[0..depth]: the directories on the way down, to check `..` */
  size_t cap;
  char *rest; /* the path being walked (owned); symlink targets are spliced into it */
  int links;  /* symlinks expanded so far */
} walk;

static dir_id id_of(const struct stat *st) { return (dir_id){st->st_dev, st->st_ino}; }

static int walk_init(walk *w, int dirfd, const char *path) {
  struct stat st;
  *w = (walk){.root = dirfd, .cur = dirfd, .cap = 16};
  if (fstatat(dirfd, "", &st, AT_EMPTY_PATH) != 0) return errno;
  if (!S_ISDIR(st.st_mode)) return ENOTDIR; /* as openat2 says for a relative path */
  w->ids = malloc(w->cap * sizeof *w->ids);
  w->rest = strdup(path);
  if (!w->ids || !w->rest) return ENOMEM;
  w->ids[0] = id_of(&st);
  return 0;
}

static void walk_free(walk *w) {
  if (w->cur != w->root) close(w->cur);
  free(w->ids);
  free(w->rest);
}

/* openat(cur, rest[s..e)): the name is NUL-terminated in place for the call. */
static int open_name(walk *w, size_t s, size_t e, int flags, mode_t mode) {
  char saved = w->rest[e];
  w->rest[e] = '\0';
  int fd = openat(w->cur, w->rest + s, flags | O_CLOEXEC, mode);
  int err = errno;
  w->rest[e] = saved;
  errno = err;
  return fd;
}

/* Makes fd (a directory, described by st) the current directory, one level down. */
static int walk_enter(walk *w, int fd, const struct stat *st) {
  if (w->depth + 1 == w->cap) {
    dir_id *ids = realloc(w->ids, 2 * w->cap * sizeof *ids);
    if (!ids) {
      close(fd);
      return ENOMEM;
    }
    w->ids = ids;
    w->cap *= 2;
  }
  w->ids[++w->depth] = id_of(st);
  if (w->cur != w->root) close(w->cur);
  w->cur = fd;
  return 0;
}

/* Opens `..` of the current directory with flags into *out, checking that it is the
 * directory recorded one level up (the kernel's `..` follows the current directory
 * wherever a rename has moved it, possibly out of the tree). */
static int open_dotdot(walk *w, int flags, mode_t mode, int *out) {
  if (w->depth == 0) return PG_WASI_ESCAPE;
  int fd = openat(w->cur, "..", flags | O_CLOEXEC, mode);
  if (fd < 0) return errno;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return err;
  }
  dir_id want = w->ids[w->depth - 1];
  if (st.st_dev != want.dev || st.st_ino != want.ino) {
    close(fd);
    return EAGAIN;
  }
  *out = fd;
  return 0;
}

static int walk_up(walk *w) {
  int fd;
  int r = open_dotdot(w, O_PATH | O_DIRECTORY, 0, &fd);
  if (r) return r;
  if (w->cur != w->root) close(w->cur);
  w->cur = fd;
  w->depth--;
  return 0;
}

/* Replaces the symlink at rest[..e) by its target: the target is walked from the
 * current directory, then whatever followed the link (from rest[e], slashes included,
 * so that a trailing slash still asks for a directory). Closes linkfd. */
static int walk_expand(walk *w, int linkfd, size_t e) {
  if (++w->links > max_links) {
    close(linkfd);
    return ELOOP;
  }
  size_t tail = strlen(w->rest + e);
  char *next = malloc(PATH_MAX + tail + 1);
  if (!next) {
    close(linkfd);
    return ENOMEM;
  }
  ssize_t n = readlinkat(linkfd, "", next, PATH_MAX); /* the link itself: no race */
  int err = n < 0 ? errno : n == 0 ? ENOENT : n == PATH_MAX ? ENAMETOOLONG : next[0] == '/' ? PG_WASI_ESCAPE : 0;
  close(linkfd);
  if (err) {
    free(next);
    return err;
  }
  memcpy(next + n, w->rest + e, tail + 1);
  free(w->rest);
  w->rest = next;
  return expanded;
}

/* Opens a name for inspection; classifies it: 0 with *fd and *st, or an errno. */
static int look(walk *w, size_t s, size_t e, int *fd, struct stat *st) {
  *fd = open_name(w, s, e, O_PATH | O_NOFOLLOW, 0);
  if (*fd < 0) return errno;
  if (fstat(*fd, st) != 0) {
    int err = errno;
    close(*fd);
    return err;
  }
  return 0;
}

static bool is_dot(const char *name, size_t len) { return len == 1 && name[0] == '.'; }
static bool is_dotdot(const char *name, size_t len) { return len == 2 && name[0] == '.' && name[1] == '.'; }

/* An intermediate component rest[s..e): always followed, must be a directory. */
static int walk_step(walk *w, size_t s, size_t e) {
  if (is_dot(w->rest + s, e - s)) return 0;
  if (is_dotdot(w->rest + s, e - s)) return walk_up(w);
  int fd;
  struct stat st;
  int r = look(w, s, e, &fd, &st);
  if (r) return r;
  if (S_ISLNK(st.st_mode)) return walk_expand(w, fd, e);
  if (!S_ISDIR(st.st_mode)) {
    close(fd);
    return ENOTDIR;
  }
  return walk_enter(w, fd, &st);
}

/* The last component rest[s..e), `slash` if slashes followed it. */
static int walk_last(walk *w, size_t s, size_t e, bool slash, int flags, mode_t mode, bool follow, int *out) {
  if (is_dotdot(w->rest + s, e - s)) return open_dotdot(w, flags, mode, out);
  if (is_dot(w->rest + s, e - s)) {
    *out = open_name(w, s, e, flags, mode);
    return *out < 0 ? errno : 0;
  }
  if (slash && (flags & O_CREAT)) return EISDIR; /* the kernel says so before looking */
  bool excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
  bool fol = slash || (follow && !excl);
  if (fol) {
    int fd;
    struct stat st;
    int r = look(w, s, e, &fd, &st);
    if (r && (r != ENOENT || !(flags & O_CREAT))) return r; /* only O_CREAT goes on */
    if (r == 0 && S_ISLNK(st.st_mode)) return walk_expand(w, fd, e);
    if (r == 0 && (flags & O_PATH)) { /* what we looked at is the answer */
      if ((slash || (flags & O_DIRECTORY)) && !S_ISDIR(st.st_mode)) {
        close(fd);
        return ENOTDIR;
      }
      *out = fd;
      return 0;
    }
    if (r == 0) close(fd);
  }
  *out = open_name(w, s, e, flags | O_NOFOLLOW | (slash ? O_DIRECTORY : 0), mode);
  if (*out >= 0) return 0;
  return errno == ELOOP && fol ? look_again : errno;
}

static int open_walk(int dirfd, const char *path, int flags, mode_t mode, bool follow, int *out) {
  walk w;
  int r = walk_init(&w, dirfd, path);
  size_t pos = 0;
  while (r == 0) {
    /* rest never starts with '/' (absolute paths and targets escape) nor is empty */
    size_t s = pos + strspn(w.rest + pos, "/");
    size_t e = s + strcspn(w.rest + s, "/");
    size_t next = e + strspn(w.rest + e, "/");
    if (w.rest[next] != '\0') {
      r = walk_step(&w, s, e);
      pos = next;
    } else {
      r = walk_last(&w, s, e, next > e, flags, mode, follow, out);
      if (r == 0) break;
      if (r == look_again) r = ++w.links > max_links ? ELOOP : 0;
      pos = s;
    }
    if (r == expanded) r = 0, pos = 0;
  }
  walk_free(&w);
  return r;
}

/* ---- the API ---- */

int pg_wasi_open_beneath(pg_wasi_resolver how, int dirfd, const char *path, int flags, mode_t mode, bool follow,
                         int *out) {
  int r = check_flags(&flags, &mode);
  if (!r) r = check_path(path);
  if (r) return r;
#ifdef PG_HAVE_OPENAT2
  if (how == PG_WASI_RESOLVE_AUTO) {
    r = open_kernel(dirfd, path, flags | (follow ? 0 : O_NOFOLLOW), mode, out);
    if (r != no_openat2) return r;
  }
#else
  (void)how;
#endif
  return open_walk(dirfd, path, flags, mode, follow, out);
}

int pg_wasi_parent_beneath(pg_wasi_resolver how, int dirfd, const char *path, int *parent, char *base, size_t basesz,
                           bool *trailing_slash) {
  int r = check_path(path);
  if (r) return r;
  size_t end = strlen(path); /* < PATH_MAX, and path[0] != '/' so end stays > 0 */
  while (path[end - 1] == '/') end--;
  size_t b = end; /* the last component is path[b..end) */
  while (b > 0 && path[b - 1] != '/') b--;
  size_t d = b; /* the directory part is path[0..d), without its trailing slashes */
  while (d > 0 && path[d - 1] == '/') d--;
  if (end - b >= basesz) return ENAMETOOLONG;

  int fd;
  if (d == 0) {
    fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return errno;
  } else {
    char dir[PATH_MAX];
    memcpy(dir, path, d);
    dir[d] = '\0';
    r = pg_wasi_open_beneath(how, dirfd, dir, O_PATH | O_DIRECTORY, 0, true, &fd);
    if (r) return r;
  }
  if (is_dot(path + b, end - b) || is_dotdot(path + b, end - b)) {
    /* "." and ".." are not names in the parent: what they reach must be inside too */
    int whole;
    r = pg_wasi_open_beneath(how, dirfd, path, O_PATH, 0, true, &whole);
    if (r) {
      close(fd);
      return r;
    }
    close(whole);
  }
  memcpy(base, path + b, end - b);
  base[end - b] = '\0';
  *parent = fd;
  *trailing_slash = end < strlen(path);
  return 0;
}
