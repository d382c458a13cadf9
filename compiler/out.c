/*
 * out.c - atomic output directories and small file helpers (see out.h).
 */
#define _GNU_SOURCE
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool pg_mkdirs(const char *path) {
  char *p = pg_xstrdup(path);
  size_t n = strlen(p);
  for (size_t i = 1; i <= n; i++) {
    if (p[i] != '/' && p[i] != 0) continue;
    char saved = p[i];
    p[i] = 0;
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      int e = errno;
      free(p);
      errno = e;
      return false;
    }
    p[i] = saved;
  }
  struct stat st;
  if (stat(p, &st) != 0) {
    int e = errno;
    free(p);
    errno = e;
    return false;
  }
  free(p);
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return false;
  }
  return true;
}

void pg_rmtree(const char *path) {
  DIR *dir = opendir(path);
  if (dir) {
    struct dirent *de;
    while ((de = readdir(dir))) {
      if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
      size_t n = strlen(path) + strlen(de->d_name) + 2;
      char *child = pg_xmalloc(n);
      snprintf(child, n, "%s/%s", path, de->d_name);
      struct stat st;
      if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) pg_rmtree(child);
      else unlink(child);
      free(child);
    }
    closedir(dir);
  }
  rmdir(path);
}

static char *path_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = pg_xmalloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

void pg_out_begin(pg_outdir *o, const char *dir, pg_diag *d) {
  memset(o, 0, sizeof *o);
  o->d = d;
  o->dir = pg_xstrdup(dir);
  o->created = access(dir, F_OK) != 0;
  if (!pg_mkdirs(dir)) pg_fail_nooff(d, "%s: %s", dir, strerror(errno));
  size_t n = strlen(dir) + 64;
  o->tmp = pg_xmalloc(n);
  snprintf(o->tmp, n, "%s/.pogo-tmp-%ld", dir, (long)getpid());
  pg_rmtree(o->tmp);
  if (mkdir(o->tmp, 0777) != 0) pg_fail_nooff(d, "%s: %s", o->tmp, strerror(errno));
}

static void out_fail(pg_outdir *o, const char *name) {
  int e = errno;
  if (o->cur) fclose(o->cur);
  o->cur = NULL;
  pg_fail_nooff(o->d, "%s/%s: %s", o->dir, name, strerror(e ? e : EIO));
}

void pg_out_chunk(void *ctx, const char *name, const pg_buf *b, bool last) {
  pg_outdir *o = ctx;
  if (!o->cur || strcmp(o->cur_name, name) != 0) {
    if (o->cur) fclose(o->cur);
    char *path = path_join(o->tmp, name);
    o->cur = fopen(path, "wb");
    free(path);
    if (!o->cur) out_fail(o, name);
    free(o->cur_name);
    o->cur_name = pg_xstrdup(name);
    if (o->nfiles == o->cap) {
      o->cap = o->cap ? o->cap * 2 : 16;
      o->files = pg_xrealloc(o->files, o->cap * sizeof *o->files);
    }
    o->files[o->nfiles++] = pg_xstrdup(name);
  }
  errno = 0;
  if (b->len && fwrite(b->data, 1, b->len, o->cur) != b->len) out_fail(o, name);
  if (last) {
    errno = 0;
    int r = fflush(o->cur);
    if (r != 0 || ferror(o->cur)) out_fail(o, name);
    if (fclose(o->cur) != 0) {
      o->cur = NULL;
      out_fail(o, name);
    }
    o->cur = NULL;
  }
}

void pg_out_file(pg_outdir *o, const char *name, const void *data, size_t n) {
  pg_buf b = {(char *)data, n, n};
  pg_out_chunk(o, name, &b, true);
}

static void out_free(pg_outdir *o) {
  for (size_t i = 0; i < o->nfiles; i++) free(o->files[i]);
  free(o->files);
  free(o->dir);
  free(o->tmp);
  free(o->cur_name);
  memset(o, 0, sizeof *o);
}

void pg_out_commit(pg_outdir *o) {
  for (size_t i = 0; i < o->nfiles; i++) {
    char *from = path_join(o->tmp, o->files[i]);
    char *to = path_join(o->dir, o->files[i]);
    bool ok = rename(from, to) == 0;
    int e = errno;
    free(from);
    free(to);
    if (!ok) {
      errno = e;
      out_fail(o, o->files[i]);
    }
  }
  rmdir(o->tmp);
  out_free(o);
}

void pg_out_abort(pg_outdir *o) {
  if (!o->dir) return;
  if (o->cur) fclose(o->cur);
  o->cur = NULL;
  if (o->tmp) pg_rmtree(o->tmp);
  if (o->created) rmdir(o->dir); /* only if still empty */
  out_free(o);
}

uint8_t *pg_read_file(const char *path, size_t *size) { return pg_read_file_max(path, SIZE_MAX - 1, size); }

uint8_t *pg_read_file_max(const char *path, size_t max, size_t *size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    errno = EISDIR;
    return NULL;
  }
  if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
    close(fd);
    errno = EFBIG;
    return NULL;
  }
  size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 65536;
  uint8_t *data = pg_xmalloc(cap + 1);
  size_t n = 0;
  for (;;) {
    if (n == cap) {
      if (n > max) { /* a stream longer than allowed (a regular file was checked above) */
        free(data);
        close(fd);
        errno = EFBIG;
        return NULL;
      }
      cap *= 2;
      data = pg_xrealloc(data, cap + 1);
    }
    ssize_t r = read(fd, data + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      free(data);
      close(fd);
      errno = e;
      return NULL;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  *size = n;
  return data;
}

bool pg_write_file_atomic(const char *path, const void *data, size_t n, int mode) {
  size_t len = strlen(path) + 32;
  char *tmp = pg_xmalloc(len);
  snprintf(tmp, len, "%s.pogo-tmp-%ld", path, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) {
    free(tmp);
    return false;
  }
  const uint8_t *p = data;
  size_t left = n;
  while (left) {
    ssize_t w = write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      unlink(tmp);
      free(tmp);
      errno = e;
      return false;
    }
    p += w;
    left -= (size_t)w;
  }
  if (close(fd) != 0 || fchmodat(AT_FDCWD, tmp, (mode_t)mode, 0) != 0 || rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    free(tmp);
    errno = e;
    return false;
  }
  free(tmp);
  return true;
}

bool pg_copy_file_atomic(const char *from, const char *to, int mode) {
  size_t n;
  uint8_t *data = pg_read_file(from, &n);
  if (!data) return false;
  bool ok = pg_write_file_atomic(to, data, n, mode);
  int e = errno;
  free(data);
  errno = e;
  return ok;
}
