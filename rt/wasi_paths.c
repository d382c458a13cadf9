/*
 * wasi_paths.c - WASI preview1 operations on paths: path_*.
 *
 * Every path is resolved beneath the directory fd the guest names (wasi_path.c), so
 * the sandbox holds whatever the path contains. Operations on a name (mkdir, unlink,
 * rename, symlink, readlink, link, no-follow stat and times) act on (parent fd, last
 * component), which the kernel cannot resolve any further; operations that follow a
 * final symlink open the object itself beneath the directory first and then act on
 * that descriptor (through /proc/self/fd where the call needs a path).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wasi.h"

#define W(inst) ((inst)->wasi)

typedef struct name_at {
  int parent;
  char base[NAME_MAX + 1];
  bool slash;
} name_at;

/* The directory entry of an open directory fd with `right`, as a host fd. */
static wasi_fd *dir_fd(pg_inst_hdr *inst, uint32_t fd, uint64_t right, uint32_t *e) {
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, right, e);
  if (f && f->type != W_FT_DIR) {
    *e = W_ENOTDIR;
    return NULL;
  }
  return f;
}

static uint32_t name_of(pg_inst_hdr *inst, uint32_t fd, uint64_t right, uint32_t ptr, uint32_t len, name_at *n) {
  uint32_t e;
  wasi_fd *f = dir_fd(inst, fd, right, &e);
  if (!f) return e;
  char *path = pg_wasi_path(inst, ptr, len, &e);
  if (!path) return e;
  int r = pg_wasi_parent_beneath(W(inst)->resolver, f->host, path, &n->parent, n->base, sizeof n->base, &n->slash);
  free(path);
  return r ? pg_wasi_errno(r) : 0;
}

/* Open the object a path names, beneath the fd, following a final symlink or not. */
static uint32_t object_of(pg_inst_hdr *inst, uint32_t fd, uint64_t right, uint32_t ptr, uint32_t len, bool follow,
                          int *out) {
  uint32_t e;
  wasi_fd *f = dir_fd(inst, fd, right, &e);
  if (!f) return e;
  char *path = pg_wasi_path(inst, ptr, len, &e);
  if (!path) return e;
  int r = pg_wasi_open_beneath(W(inst)->resolver, f->host, path, O_PATH, 0, follow, out);
  free(path);
  return r ? pg_wasi_errno(r) : 0;
}

static bool is_dir_at(int parent, const char *base) {
  struct stat st;
  return fstatat(parent, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

uint32_t pg_wasi_path_open(pg_inst_hdr *inst, uint32_t fd, uint32_t dirflags, uint32_t ptr, uint32_t len,
                           uint32_t oflags, uint64_t base, uint64_t inheriting, uint32_t fdflags, uint32_t out) {
  uint32_t e;
  wasi_fd *dir = dir_fd(inst, fd, R_PATH_OPEN, &e);
  if (!dir) return e;
  if (oflags & ~15u || fdflags & ~31u) return W_EINVAL;
  if ((oflags & W_O_CREAT) && !(dir->base & R_PATH_CREATE_FILE)) return W_ENOTCAPABLE;
  /* O_TRUNC needs no right of the directory: truncating is the new descriptor's
   * business, governed by its write access as in POSIX. (Go opens directories without
   * PATH_FILESTAT_SET_SIZE and then truncates files beneath them, as wasmtime allows.) */
  if (!pg_wasi_mem(inst, out, 4)) return W_EFAULT;
  /* a descriptor can only be given rights its directory passes on */
  base &= dir->inheriting;
  inheriting &= dir->inheriting;

  /* The access mode follows the data rights asked for. Rights that do not need a
   * writable descriptor in POSIX terms (datasync, set size by path) are left out: Go
   * asks for them on read-only opens, and opening for writing then would fail on
   * read-only files and directories. */
  bool read = base & (R_FD_READ | R_FD_READDIR);
  bool write = (base & (R_FD_WRITE | R_FD_ALLOCATE)) || (fdflags & W_FDF_APPEND);
  int flags = write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (oflags & W_O_CREAT) flags |= O_CREAT;
  if (oflags & W_O_EXCL) flags |= O_EXCL;
  if (oflags & W_O_TRUNC) flags |= O_TRUNC;
  if (oflags & W_O_DIRECTORY) flags |= O_DIRECTORY;
  if (fdflags & W_FDF_APPEND) flags |= O_APPEND;
  if (fdflags & W_FDF_NONBLOCK) flags |= O_NONBLOCK;
  if (fdflags & W_FDF_DSYNC) flags |= O_DSYNC;
  if (fdflags & (W_FDF_SYNC | W_FDF_RSYNC)) flags |= O_SYNC;

  char *path = pg_wasi_path(inst, ptr, len, &e);
  if (!path) return e;
  int host;
  int r = pg_wasi_open_beneath(W(inst)->resolver, dir->host, path, flags, 0666, dirflags & W_LOOKUP_SYMLINK_FOLLOW,
                               &host);
  free(path);
  if (r) return pg_wasi_errno(r);
  struct stat st;
  if (fstat(host, &st) != 0) {
    e = pg_wasi_errno(errno);
    close(host);
    return e;
  }
  uint8_t type = pg_wasi_filetype(st.st_mode);
  uint64_t can = type == W_FT_DIR                                     ? R_DIRECTORY
                 : type == W_FT_REG || (type == W_FT_CHAR && !isatty(host)) ? R_REGULAR
                                                                           : R_TTY;
  uint32_t slot;
  if (!pg_wasi_fd_add(W(inst), host, type, base & can, type == W_FT_DIR ? inheriting : 0, &slot, &e)) return e;
  return pg_wasi_put32(inst, out, slot);
}

uint32_t pg_wasi_path_create_directory(pg_inst_hdr *inst, uint32_t fd, uint32_t ptr, uint32_t len) {
  name_at n;
  uint32_t e = name_of(inst, fd, R_PATH_CREATE_DIRECTORY, ptr, len, &n);
  if (e) return e;
  int r = mkdirat(n.parent, n.base, 0777) ? errno : 0;
  close(n.parent);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_remove_directory(pg_inst_hdr *inst, uint32_t fd, uint32_t ptr, uint32_t len) {
  name_at n;
  uint32_t e = name_of(inst, fd, R_PATH_REMOVE_DIRECTORY, ptr, len, &n);
  if (e) return e;
  int r = unlinkat(n.parent, n.base, AT_REMOVEDIR) ? errno : 0;
  close(n.parent);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_unlink_file(pg_inst_hdr *inst, uint32_t fd, uint32_t ptr, uint32_t len) {
  name_at n;
  uint32_t e = name_of(inst, fd, R_PATH_UNLINK_FILE, ptr, len, &n);
  if (e) return e;
  int r;
  if (n.slash && !is_dir_at(n.parent, n.base)) r = faccessat(n.parent, n.base, F_OK, AT_SYMLINK_NOFOLLOW) ? errno : ENOTDIR;
  else r = unlinkat(n.parent, n.base, 0) ? errno : 0;
  close(n.parent);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_filestat_get(pg_inst_hdr *inst, uint32_t fd, uint32_t flags, uint32_t ptr, uint32_t len,
                                   uint32_t out) {
  uint8_t *p = pg_wasi_mem(inst, out, 64);
  if (!p) return W_EFAULT;
  int obj;
  uint32_t e = object_of(inst, fd, R_PATH_FILESTAT_GET, ptr, len, flags & W_LOOKUP_SYMLINK_FOLLOW, &obj);
  if (e) return e;
  struct stat st;
  int r = fstat(obj, &st) ? errno : 0;
  close(obj);
  if (r) return pg_wasi_errno(r);
  pg_wasi_put_filestat(p, &st);
  return 0;
}

uint32_t pg_wasi_path_filestat_set_times(pg_inst_hdr *inst, uint32_t fd, uint32_t flags, uint32_t ptr, uint32_t len,
                                         uint64_t atim, uint64_t mtim, uint32_t fst) {
  struct timespec ts[2];
  if (!pg_wasi_times(atim, mtim, fst, ts)) return W_EINVAL;
  int r;
  if (flags & W_LOOKUP_SYMLINK_FOLLOW) {
    int obj;
    uint32_t e = object_of(inst, fd, R_PATH_FILESTAT_SET_TIMES, ptr, len, true, &obj);
    if (e) return e;
    r = pg_wasi_utimes_fd(obj, ts);
    close(obj);
  } else {
    name_at n;
    uint32_t e = name_of(inst, fd, R_PATH_FILESTAT_SET_TIMES, ptr, len, &n);
    if (e) return e;
    r = utimensat(n.parent, n.base, ts, AT_SYMLINK_NOFOLLOW) ? errno : 0;
    close(n.parent);
  }
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_link(pg_inst_hdr *inst, uint32_t oldfd, uint32_t oldflags, uint32_t oldptr, uint32_t oldlen,
                           uint32_t newfd, uint32_t newptr, uint32_t newlen) {
  name_at to;
  uint32_t e = name_of(inst, newfd, R_PATH_LINK_TARGET, newptr, newlen, &to);
  if (e) return e;
  int r;
  if (oldflags & W_LOOKUP_SYMLINK_FOLLOW) {
    int obj;
    if ((e = object_of(inst, oldfd, R_PATH_LINK_SOURCE, oldptr, oldlen, true, &obj))) {
      close(to.parent);
      return e;
    }
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", obj);
    r = linkat(AT_FDCWD, proc, to.parent, to.base, AT_SYMLINK_FOLLOW) ? errno : 0;
    close(obj);
  } else {
    name_at from;
    if ((e = name_of(inst, oldfd, R_PATH_LINK_SOURCE, oldptr, oldlen, &from))) {
      close(to.parent);
      return e;
    }
    r = from.slash && !is_dir_at(from.parent, from.base) ? ENOTDIR
        : linkat(from.parent, from.base, to.parent, to.base, 0) ? errno
                                                                 : 0;
    close(from.parent);
  }
  close(to.parent);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_readlink(pg_inst_hdr *inst, uint32_t fd, uint32_t ptr, uint32_t len, uint32_t buf,
                               uint32_t buflen, uint32_t bufused) {
  uint8_t *out = pg_wasi_mem(inst, buf, buflen);
  if (!out || !pg_wasi_mem(inst, bufused, 4)) return W_EFAULT;
  name_at n;
  uint32_t e = name_of(inst, fd, R_PATH_READLINK, ptr, len, &n);
  if (e) return e;
  char target[PATH_MAX];
  ssize_t r = readlinkat(n.parent, n.base, target, sizeof target);
  int err = r < 0 ? errno : 0;
  close(n.parent);
  if (err) return pg_wasi_errno(err);
  uint32_t used = (uint32_t)r < buflen ? (uint32_t)r : buflen;
  memcpy(out, target, used);
  return pg_wasi_put32(inst, bufused, used);
}

uint32_t pg_wasi_path_rename(pg_inst_hdr *inst, uint32_t fd, uint32_t oldptr, uint32_t oldlen, uint32_t newfd,
                             uint32_t newptr, uint32_t newlen) {
  name_at from, to;
  uint32_t e = name_of(inst, fd, R_PATH_RENAME_SOURCE, oldptr, oldlen, &from);
  if (e) return e;
  if ((e = name_of(inst, newfd, R_PATH_RENAME_TARGET, newptr, newlen, &to))) {
    close(from.parent);
    return e;
  }
  int r;
  /* the names lost their trailing slash: a slash still demands a directory */
  if ((from.slash || to.slash) && !is_dir_at(from.parent, from.base))
    r = faccessat(from.parent, from.base, F_OK, AT_SYMLINK_NOFOLLOW) ? errno : ENOTDIR;
  else
    r = renameat(from.parent, from.base, to.parent, to.base) ? errno : 0;
  close(from.parent);
  close(to.parent);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_path_symlink(pg_inst_hdr *inst, uint32_t oldptr, uint32_t oldlen, uint32_t fd, uint32_t newptr,
                              uint32_t newlen) {
  uint32_t e;
  char *target = pg_wasi_path(inst, oldptr, oldlen, &e);
  if (!target) return e;
  name_at n;
  if ((e = name_of(inst, fd, R_PATH_SYMLINK, newptr, newlen, &n))) {
    free(target);
    return e;
  }
  /* The target is stored, not resolved: following it later goes through the resolver,
   * which refuses one leading outside. An absolute target could never be followed
   * inside the sandbox and would mislead host programs that later meet the link, so
   * it is refused up front (EPERM, as node's uvwasi and wasmtime do). */
  int r = target[0] == '/' ? EPERM
          : n.slash ? (faccessat(n.parent, n.base, F_OK, AT_SYMLINK_NOFOLLOW) ? ENOENT : EEXIST)
                  : symlinkat(target, n.parent, n.base) ? errno
                                                        : 0;
  close(n.parent);
  free(target);
  return r ? pg_wasi_errno(r) : 0;
}
