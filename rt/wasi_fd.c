/*
 * wasi_fd.c - WASI preview1 operations on open descriptors: fd_*.
 *
 * Each function checks the fd's rights, then every guest pointer, then calls the host.
 * Scatter/gather lists are copied into host iovecs (at most IOV_MAX per call: a
 * shorter transfer is a valid result the guest loops on).
 *
 * fd_readdir lists the directory once when the guest starts at cookie 0 and serves
 * later cookies from that listing, so a cookie is a stable position even while the
 * guest removes entries between calls. The listing includes "." and "..", as the
 * directory holds them (wasmtime does the same; node's uvwasi leaves them out).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi.h"
#include "watchdog.h"

#define W(inst) ((inst)->wasi)

static uint32_t host_err(void) { return pg_wasi_errno(errno); }

uint32_t pg_wasi_gather(pg_inst_hdr *inst, uint32_t iovs, uint32_t count, struct iovec *local, size_t nlocal,
                        struct iovec **out, int *n) {
  /* the whole array must be in memory, even the part beyond what one call transfers */
  const uint8_t *v = pg_wasi_mem(inst, iovs, (uint64_t)count * 8);
  if (!v) return W_EFAULT;
  if (count > IOV_MAX) count = IOV_MAX;
  struct iovec *iov = count <= nlocal ? local : malloc(count * sizeof *iov);
  if (!iov) return W_ENOMEM;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t ptr = pg_wasi_ld32(v + 8 * i), len = pg_wasi_ld32(v + 8 * i + 4);
    uint8_t *p = pg_wasi_mem(inst, ptr, len);
    if (!p) {
      pg_wasi_iov_done(iov, local);
      return W_EFAULT;
    }
    iov[i].iov_base = p;
    iov[i].iov_len = len;
  }
  *out = iov;
  *n = (int)count;
  return 0;
}

static uint32_t transfer(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t count, uint32_t result,
                         uint64_t rights, bool write, bool positioned, uint64_t offset) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, rights, &e);
  if (!f) return e;
  if (f->type == W_FT_DIR) return W_EISDIR;
  if (!pg_wasi_mem(inst, result, 4)) return W_EFAULT;
  if (positioned && offset > INT64_MAX) return W_EINVAL;
  struct iovec local[8], *iov;
  int n = 0;
  if ((e = pg_wasi_gather(inst, iovs, count, local, 8, &iov, &n))) return e;
  ssize_t r;
  for (;;) {
    if (positioned) r = write ? pwritev(f->host, iov, n, (off_t)offset) : preadv(f->host, iov, n, (off_t)offset);
    else r = write ? writev(f->host, iov, n) : readv(f->host, iov, n);
    if (r >= 0 || errno != EINTR) break;
    if (pg_interrupt_pending()) { /* past the time limit: stop here rather than block again */
      pg_wasi_iov_done(iov, local);
      pg_interrupt_check(inst);
    }
  }
  e = r < 0 ? host_err() : 0;
  pg_wasi_iov_done(iov, local);
  if (e) return e;
  return pg_wasi_put32(inst, result, (uint32_t)r);
}

uint32_t pg_wasi_fd_read(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nread) {
  return transfer(inst, fd, iovs, n, nread, R_FD_READ, false, false, 0);
}
uint32_t pg_wasi_fd_write(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten) {
  return transfer(inst, fd, iovs, n, nwritten, R_FD_WRITE, true, false, 0);
}
uint32_t pg_wasi_fd_pread(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off, uint32_t nread) {
  return transfer(inst, fd, iovs, n, nread, R_FD_READ | R_FD_SEEK, false, true, off);
}
uint32_t pg_wasi_fd_pwrite(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t n, uint64_t off,
                           uint32_t nwritten) {
  return transfer(inst, fd, iovs, n, nwritten, R_FD_WRITE | R_FD_SEEK, true, true, off);
}

uint32_t pg_wasi_fd_seek(pg_inst_hdr *inst, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoffset) {
  static const int whences[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence > 2) return W_EINVAL;
  uint32_t e;
  /* a query of the position needs only FD_TELL */
  uint64_t need = whence == 1 && offset == 0 ? R_FD_TELL : R_FD_SEEK;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, need, &e);
  if (!f) return e;
  if (!pg_wasi_mem(inst, newoffset, 8)) return W_EFAULT;
  off_t r = lseek(f->host, (off_t)(int64_t)offset, whences[whence]);
  if (r < 0) return host_err();
  return pg_wasi_put64(inst, newoffset, (uint64_t)r);
}

uint32_t pg_wasi_fd_tell(pg_inst_hdr *inst, uint32_t fd, uint32_t out) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_TELL, &e);
  if (!f) return e;
  if (!pg_wasi_mem(inst, out, 8)) return W_EFAULT;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0) return host_err();
  return pg_wasi_put64(inst, out, (uint64_t)r);
}

uint32_t pg_wasi_fd_close(pg_inst_hdr *inst, uint32_t fd) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, 0, &e);
  if (!f) return e;
  pg_wasi_fd_release(f);
  return 0;
}

static uint32_t sync_fd(pg_inst_hdr *inst, uint32_t fd, uint64_t right, bool data) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, right, &e);
  if (!f) return e;
  int fd2 = f->host;
  /* a preopen is an O_PATH descriptor, which fsync cannot use */
  if (f->preopen && (fd2 = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) return host_err();
  int r = data ? fdatasync(fd2) : fsync(fd2);
  e = r ? host_err() : 0;
  if (fd2 != f->host) close(fd2);
  return e;
}
uint32_t pg_wasi_fd_sync(pg_inst_hdr *inst, uint32_t fd) { return sync_fd(inst, fd, R_FD_SYNC, false); }
uint32_t pg_wasi_fd_datasync(pg_inst_hdr *inst, uint32_t fd) { return sync_fd(inst, fd, R_FD_DATASYNC, true); }

uint32_t pg_wasi_fd_advise(pg_inst_hdr *inst, uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice) {
  static const int advices[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  if (advice > 5) return W_EINVAL;
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_ADVISE, &e);
  if (!f) return e;
  if (f->type == W_FT_DIR) return W_EBADF;
  if (offset > INT64_MAX || len > INT64_MAX) return W_EINVAL;
  int r = posix_fadvise(f->host, (off_t)offset, (off_t)len, advices[advice]);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_fd_allocate(pg_inst_hdr *inst, uint32_t fd, uint64_t offset, uint64_t len) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_ALLOCATE, &e);
  if (!f) return e;
  if (f->type == W_FT_DIR) return W_EBADF;
  if (offset > INT64_MAX || len > INT64_MAX || offset + len > INT64_MAX) return W_EINVAL;
  int r = posix_fallocate(f->host, (off_t)offset, (off_t)len);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_fd_fdstat_get(pg_inst_hdr *inst, uint32_t fd, uint32_t out) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, 0, &e);
  if (!f) return e;
  uint8_t *p = pg_wasi_mem(inst, out, 24);
  if (!p) return W_EFAULT;
  uint16_t flags = 0;
  int fl = f->preopen ? 0 : fcntl(f->host, F_GETFL);
  if (fl < 0) return host_err();
  if (fl & O_APPEND) flags |= W_FDF_APPEND;
  if (fl & O_NONBLOCK) flags |= W_FDF_NONBLOCK;
  if ((fl & O_SYNC) == O_SYNC) flags |= W_FDF_SYNC | W_FDF_RSYNC;
  else if (fl & O_DSYNC) flags |= W_FDF_DSYNC;
  memset(p, 0, 24);
  p[0] = f->type;
  pg_wasi_st16(p + 2, flags);
  pg_wasi_st64(p + 8, f->base);
  pg_wasi_st64(p + 16, f->inheriting);
  return 0;
}

uint32_t pg_wasi_fd_fdstat_set_flags(pg_inst_hdr *inst, uint32_t fd, uint32_t flags) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_FDSTAT_SET_FLAGS, &e);
  if (!f) return e;
  /* Linux changes only O_APPEND and O_NONBLOCK after open */
  if (flags & ~(uint32_t)(W_FDF_APPEND | W_FDF_NONBLOCK)) return W_ENOTSUP;
  if (f->preopen) return W_EBADF;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return host_err();
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & W_FDF_APPEND) fl |= O_APPEND;
  if (flags & W_FDF_NONBLOCK) fl |= O_NONBLOCK;
  if (fcntl(f->host, F_SETFL, fl) != 0) return host_err();
  for (int i = 0; i < 3; i++)
    if (f->stdio && f->host == W(inst)->stdio_host[i]) W(inst)->stdio_changed[i] = true;
  return 0;
}

uint32_t pg_wasi_fd_fdstat_set_rights(pg_inst_hdr *inst, uint32_t fd, uint64_t base, uint64_t inheriting) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, 0, &e);
  if (!f) return e;
  if ((base & ~f->base) || (inheriting & ~f->inheriting)) return W_ENOTCAPABLE;
  f->base = base;
  f->inheriting = inheriting;
  return 0;
}

uint32_t pg_wasi_fd_filestat_get(pg_inst_hdr *inst, uint32_t fd, uint32_t out) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_FILESTAT_GET, &e);
  if (!f) return e;
  uint8_t *p = pg_wasi_mem(inst, out, 64);
  if (!p) return W_EFAULT;
  struct stat st;
  if (fstat(f->host, &st) != 0) return host_err();
  pg_wasi_put_filestat(p, &st);
  return 0;
}

uint32_t pg_wasi_fd_filestat_set_size(pg_inst_hdr *inst, uint32_t fd, uint64_t size) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_FILESTAT_SET_SIZE, &e);
  if (!f) return e;
  if (size > INT64_MAX) return W_EINVAL;
  return ftruncate(f->host, (off_t)size) ? host_err() : 0;
}

/* WASI times and flags to utimensat's pair; false if the flags contradict. */
bool pg_wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]) {
  if ((fst & W_FST_ATIM && fst & W_FST_ATIM_NOW) || (fst & W_FST_MTIM && fst & W_FST_MTIM_NOW) || fst > 15)
    return false;
  ts[0] = fst & W_FST_ATIM_NOW ? (struct timespec){0, UTIME_NOW}
          : fst & W_FST_ATIM   ? (struct timespec){(time_t)(atim / 1000000000u), (long)(atim % 1000000000u)}
                               : (struct timespec){0, UTIME_OMIT};
  ts[1] = fst & W_FST_MTIM_NOW ? (struct timespec){0, UTIME_NOW}
          : fst & W_FST_MTIM   ? (struct timespec){(time_t)(mtim / 1000000000u), (long)(mtim % 1000000000u)}
                               : (struct timespec){0, UTIME_OMIT};
  return true;
}

/* utimensat on any descriptor, O_PATH ones included (through /proc, which names the
 * very object the descriptor holds, not a path that could be swapped). */
int pg_wasi_utimes_fd(int fd, const struct timespec ts[2]) {
  if (futimens(fd, ts) == 0) return 0;
  if (errno != EBADF) return errno;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  return utimensat(AT_FDCWD, proc, ts, 0) ? errno : 0;
}

uint32_t pg_wasi_fd_filestat_set_times(pg_inst_hdr *inst, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fst) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_FILESTAT_SET_TIMES, &e);
  if (!f) return e;
  struct timespec ts[2];
  if (!pg_wasi_times(atim, mtim, fst, ts)) return W_EINVAL;
  int r = pg_wasi_utimes_fd(f->host, ts);
  return r ? pg_wasi_errno(r) : 0;
}

uint32_t pg_wasi_fd_prestat_get(pg_inst_hdr *inst, uint32_t fd, uint32_t out) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, 0, &e);
  if (!f) return e;
  if (!f->preopen) return W_EBADF;
  uint8_t *p = pg_wasi_mem(inst, out, 8);
  if (!p) return W_EFAULT;
  memset(p, 0, 8);
  pg_wasi_st32(p + 4, (uint32_t)strlen(f->preopen));
  return 0;
}

uint32_t pg_wasi_fd_prestat_dir_name(pg_inst_hdr *inst, uint32_t fd, uint32_t path, uint32_t len) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, 0, &e);
  if (!f) return e;
  if (!f->preopen) return W_EBADF;
  size_t n = strlen(f->preopen);
  if (len < n) return W_ENAMETOOLONG;
  uint8_t *p = pg_wasi_mem(inst, path, len); /* the whole buffer the guest offers */
  if (!p) return W_EFAULT;
  memcpy(p, f->preopen, n);
  return 0;
}

uint32_t pg_wasi_fd_renumber(pg_inst_hdr *inst, uint32_t from, uint32_t to) {
  pg_wasi *w = W(inst);
  uint32_t e;
  wasi_fd *a = pg_wasi_fd_get(w, from, 0, &e);
  if (!a) return e;
  wasi_fd *b = pg_wasi_fd_get(w, to, 0, &e);
  if (!b) return e;
  if (a == b) return 0;
  pg_wasi_fd_release(b);
  *b = *a;
  *a = (wasi_fd){.host = -1};
  return 0;
}

static uint32_t take_listing(wasi_fd *f) {
  int fd = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return host_err();
  DIR *d = fdopendir(fd);
  if (!d) {
    uint32_t e = host_err();
    close(fd);
    return e;
  }
  for (uint32_t i = 0; i < f->ndir; i++) free(f->dir[i].name);
  free(f->dir);
  f->dir = NULL;
  f->ndir = 0;
  uint32_t cap = 0, e = 0;
  struct dirent *de;
  errno = 0;
  while ((de = readdir(d))) {
    if (f->ndir == cap) {
      cap = cap ? cap * 2 : 32;
      wasi_dirent *n = realloc(f->dir, cap * sizeof *n);
      if (!n) {
        e = W_ENOMEM;
        break;
      }
      f->dir = n;
    }
    uint8_t type = W_FT_UNKNOWN;
    switch (de->d_type) {
    case DT_REG: type = W_FT_REG; break;
    case DT_DIR: type = W_FT_DIR; break;
    case DT_LNK: type = W_FT_SYMLINK; break;
    case DT_CHR: type = W_FT_CHAR; break;
    case DT_BLK: type = W_FT_BLOCK; break;
    case DT_SOCK: type = W_FT_SOCK_STREAM; break;
    default: {
      struct stat st;
      if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) type = pg_wasi_filetype(st.st_mode);
    }
    }
    char *name = strdup(de->d_name);
    if (!name) {
      e = W_ENOMEM;
      break;
    }
    f->dir[f->ndir++] = (wasi_dirent){name, de->d_ino, type};
    errno = 0;
  }
  if (!e && errno) e = host_err();
  closedir(d);
  return e;
}

uint32_t pg_wasi_fd_readdir(pg_inst_hdr *inst, uint32_t fd, uint32_t buf, uint32_t len, uint64_t cookie,
                            uint32_t bufused) {
  uint32_t e;
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, R_FD_READDIR, &e);
  if (!f) return e;
  if (f->type != W_FT_DIR) return W_ENOTDIR;
  uint8_t *out = pg_wasi_mem(inst, buf, len);
  if (!out || !pg_wasi_mem(inst, bufused, 4)) return W_EFAULT;
  if (cookie == 0 || !f->dir)
    if ((e = take_listing(f))) return e;
  uint32_t used = 0;
  for (uint64_t i = cookie; i < f->ndir && used < len; i++) {
    const wasi_dirent *d = &f->dir[i];
    uint8_t head[24] = {0};
    uint32_t namelen = (uint32_t)strlen(d->name);
    pg_wasi_st64(head, i + 1);
    pg_wasi_st64(head + 8, d->ino);
    pg_wasi_st32(head + 16, namelen);
    head[20] = d->type;
    /* the last entry may be cut short: a full buffer tells the guest to ask again */
    uint32_t n = len - used < 24 ? len - used : 24;
    memcpy(out + used, head, n);
    used += n;
    n = len - used < namelen ? len - used : namelen;
    memcpy(out + used, d->name, n);
    used += n;
  }
  return pg_wasi_put32(inst, bufused, used);
}
