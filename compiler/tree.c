/*
 * tree.c - scanning, listing, copying and removing directory trees (tree.h).
 *
 * Every walk works on (directory descriptor, name) pairs with O_NOFOLLOW and
 * AT_SYMLINK_NOFOLLOW, so a symlink a guest left in its scratch directory is listed as
 * a link and never leads the walk (or a removal) outside the tree.
 */
#define _GNU_SOURCE
#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = pg_xmalloc(n);
  snprintf(p, n, "%s%s%s", a, *a ? "/" : "", b);
  return p;
}

/* The names in directory fd, sorted bytewise; NULL (errno set) if it cannot be read. */
static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char **names_in(int fd, size_t *count) {
  int dup_fd = dup(fd);
  DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
  if (!d) {
    if (dup_fd >= 0) close(dup_fd);
    return NULL;
  }
  size_t n = 0, cap = 16;
  char **v = pg_xmalloc(cap * sizeof *v);
  struct dirent *de;
  while ((de = readdir(d))) {
    if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
    if (n == cap) v = pg_xrealloc(v, (cap *= 2) * sizeof *v);
    v[n++] = pg_xstrdup(de->d_name);
  }
  closedir(d);
  qsort(v, n, sizeof *v, cmp_names);
  *count = n;
  return v;
}

static void free_names(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

static void hash_fd(int fd, char out[17]) {
  pg_sha256 s;
  pg_sha256_init(&s);
  static uint8_t buf[1 << 16];
  ssize_t r;
  while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
    if (r > 0) pg_sha256_update(&s, buf, (size_t)r);
  uint8_t digest[32];
  char hex[65];
  pg_sha256_final(&s, digest);
  pg_sha256_hex(digest, hex);
  memcpy(out, hex, 16);
  out[16] = 0;
}

static pg_tree_entry *add(pg_tree *t) {
  if (t->n == t->cap) t->e = pg_xrealloc(t->e, (t->cap = t->cap ? t->cap * 2 : 32) * sizeof *t->e);
  pg_tree_entry *e = &t->e[t->n++];
  memset(e, 0, sizeof *e);
  return e;
}

static void scan(int dirfd, const char *rel, pg_tree *t) {
  size_t n;
  char **names = names_in(dirfd, &n);
  if (!names) return; /* unreadable directory: listed, contents unknown */
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    pg_tree_entry *e = add(t);
    e->path = join(rel, names[i]);
    e->mode = st.st_mode & 07777;
    if (S_ISDIR(st.st_mode)) {
      e->kind = 'd';
      char *path = pg_xstrdup(e->path); /* e moves when the array grows */
      int fd = openat(dirfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      if (fd >= 0) {
        scan(fd, path, t);
        close(fd);
      }
      free(path);
    } else if (S_ISREG(st.st_mode)) {
      e->kind = 'f';
      e->size = (uint64_t)st.st_size;
      int fd = openat(dirfd, names[i], O_RDONLY | O_NOFOLLOW);
      if (fd >= 0) {
        hash_fd(fd, e->hash);
        close(fd);
      } else {
        snprintf(e->hash, sizeof e->hash, "unreadable");
      }
    } else if (S_ISLNK(st.st_mode)) {
      e->kind = 'l';
      char target[4096];
      ssize_t k = readlinkat(dirfd, names[i], target, sizeof target - 1);
      target[k > 0 ? k : 0] = 0;
      e->target = pg_xstrdup(target);
    } else {
      e->kind = 'o';
    }
  }
  free_names(names, n);
}

static int cmp_entries(const void *a, const void *b) {
  return strcmp(((const pg_tree_entry *)a)->path, ((const pg_tree_entry *)b)->path);
}

bool pg_tree_scan(const char *dir, pg_tree *t) {
  memset(t, 0, sizeof *t);
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  scan(fd, "", t);
  close(fd);
  /* depth-first order is not path order ("a/b" vs "a-b"): sort the whole list */
  if (t->n) qsort(t->e, t->n, sizeof *t->e, cmp_entries);
  return true;
}

static void put_escaped(pg_buf *b, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '\\') pg_buf_puts(b, "\\\\");
    else if (c < 0x20 || c == 0x7f) pg_buf_printf(b, "\\x%02x", c);
    else pg_buf_putc(b, (char)c);
  }
}

void pg_tree_listing(const pg_tree *t, bool perms, pg_buf *out) {
  static const char *const kinds[] = {"dir", "file", "link", "other"};
  for (size_t i = 0; i < t->n; i++) {
    const pg_tree_entry *e = &t->e[i];
    pg_buf_puts(out, kinds[strchr("dflo", e->kind) - "dflo"]);
    pg_buf_putc(out, ' ');
    put_escaped(out, e->path);
    if (e->kind == 'f') pg_buf_printf(out, " %llu %s", (unsigned long long)e->size, e->hash);
    if (e->kind == 'l') {
      pg_buf_puts(out, " -> ");
      put_escaped(out, e->target);
    }
    if (perms && e->kind != 'l') pg_buf_printf(out, " %04o", e->mode);
    pg_buf_putc(out, '\n');
  }
}

void pg_tree_free(pg_tree *t) {
  for (size_t i = 0; i < t->n; i++) {
    free(t->e[i].path);
    free(t->e[i].target);
  }
  free(t->e);
  memset(t, 0, sizeof *t);
}

static bool copy_file(int from_dir, int to_dir, const char *name, mode_t mode) {
  int in = openat(from_dir, name, O_RDONLY | O_NOFOLLOW);
  if (in < 0) return false;
  int out = openat(to_dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
  bool ok = out >= 0;
  static char buf[1 << 16];
  ssize_t r;
  while (ok && ((r = read(in, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))) {
    for (ssize_t done = 0; ok && done < r;) {
      ssize_t w = write(out, buf + done, (size_t)(r - done));
      if (w < 0 && errno == EINTR) continue;
      ok = w > 0;
      done += w > 0 ? w : 0;
    }
  }
  ok = ok && r == 0 && fchmod(out, mode & 07777) == 0;
  int e = errno;
  close(in);
  if (out >= 0 && close(out) != 0) ok = false;
  errno = e;
  return ok;
}

static bool copy_dir(int from, int to, const char *rel, char *err, size_t errn) {
  size_t n;
  char **names = names_in(from, &n);
  if (!names) {
    snprintf(err, errn, "%s: %s", *rel ? rel : ".", strerror(errno));
    return false;
  }
  bool ok = true, reported = false; /* reported: a nested copy_dir wrote err */
  for (size_t i = 0; i < n && ok; i++) {
    char *path = join(rel, names[i]);
    struct stat st;
    ok = fstatat(from, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (ok && S_ISDIR(st.st_mode)) {
      ok = mkdirat(to, names[i], 0700) == 0;
      int a = ok ? openat(from, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : -1;
      int b = ok ? openat(to, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : -1;
      if (a < 0 || b < 0) {
        ok = false;
      } else if (!copy_dir(a, b, path, err, errn)) {
        ok = false;
        reported = true;
      }
      /* the mode last: a read-only directory in the fixture still gets its contents */
      if (ok && fchmod(b, st.st_mode & 07777) != 0) ok = false;
      if (a >= 0) close(a);
      if (b >= 0) close(b);
    } else if (ok && S_ISREG(st.st_mode)) {
      ok = copy_file(from, to, names[i], st.st_mode);
    } else if (ok && S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t k = readlinkat(from, names[i], target, sizeof target - 1);
      ok = k >= 0;
      if (ok) {
        target[k] = 0;
        ok = symlinkat(target, to, names[i]) == 0;
      }
    } /* sockets, fifos and devices are left out */
    if (!ok && !reported) snprintf(err, errn, "%s: %s", path, strerror(errno));
    free(path);
    if (!ok) break;
  }
  free_names(names, n);
  return ok;
}

bool pg_tree_copy(const char *from, const char *to, char *err, size_t n) {
  int a = open(from, O_RDONLY | O_DIRECTORY);
  if (a < 0) {
    snprintf(err, n, "%s: %s", from, strerror(errno));
    return false;
  }
  int b = open(to, O_RDONLY | O_DIRECTORY);
  if (b < 0) {
    snprintf(err, n, "%s: %s", to, strerror(errno));
    close(a);
    return false;
  }
  char sub[600] = "";
  bool ok = copy_dir(a, b, "", sub, sizeof sub);
  if (!ok) snprintf(err, n, "%s/%s", from, sub);
  close(a);
  close(b);
  return ok;
}

static void remove_in(int dirfd, const char *name) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    if ((st.st_mode & 0700) != 0700) fchmodat(dirfd, name, 0700, 0);
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd >= 0) {
      size_t n;
      char **names = names_in(fd, &n);
      for (size_t i = 0; names && i < n; i++) remove_in(fd, names[i]);
      if (names) free_names(names, n);
      close(fd);
    }
    unlinkat(dirfd, name, AT_REMOVEDIR);
  } else {
    unlinkat(dirfd, name, 0);
  }
}

void pg_tree_remove(const char *path) { remove_in(AT_FDCWD, path); }
