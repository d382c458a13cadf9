/*
 * wasi_ctx.c - the WASI context: creation and release, the options that configure it
 * (--dir, --env, --inherit-env, --tcplisten), the fd table, and the host-to-WASI errno
 * map.
 *
 * Preopens are opened when the option is given (O_PATH|O_DIRECTORY), so a missing or
 * unreadable directory is a configuration error before the guest starts, and the
 * grant is what the directory was at that moment (a later rename of it on the host
 * does not change what the guest reaches).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wasi.h"

extern char **environ;

/* Host errno -> WASI errno. Linux numbers are small; a table indexed by them. */
static const uint8_t errno_map[] = {
    [EPERM] = W_EPERM, [ENOENT] = W_ENOENT, [ESRCH] = W_ESRCH, [EINTR] = W_EINTR, [EIO] = W_EIO,
    [ENXIO] = W_ENXIO, [E2BIG] = W_E2BIG, [ENOEXEC] = W_ENOEXEC, [EBADF] = W_EBADF, [ECHILD] = W_ECHILD,
    [EAGAIN] = W_EAGAIN, [ENOMEM] = W_ENOMEM, [EACCES] = W_EACCES, [EFAULT] = W_EFAULT, [EBUSY] = W_EBUSY,
    [EEXIST] = W_EEXIST, [EXDEV] = W_EXDEV, [ENODEV] = W_ENODEV, [ENOTDIR] = W_ENOTDIR, [EISDIR] = W_EISDIR,
    [EINVAL] = W_EINVAL, [ENFILE] = W_ENFILE, [EMFILE] = W_EMFILE, [ENOTTY] = W_ENOTTY, [ETXTBSY] = W_ETXTBSY,
    [EFBIG] = W_EFBIG, [ENOSPC] = W_ENOSPC, [ESPIPE] = W_ESPIPE, [EROFS] = W_EROFS, [EMLINK] = W_EMLINK,
    [EPIPE] = W_EPIPE, [EDOM] = W_EDOM, [ERANGE] = W_ERANGE, [EDEADLK] = W_EDEADLK,
    [ENAMETOOLONG] = W_ENAMETOOLONG, [ENOLCK] = W_ENOLCK, [ENOSYS] = W_ENOSYS, [ENOTEMPTY] = W_ENOTEMPTY,
    [ELOOP] = W_ELOOP, [ENOMSG] = W_ENOMSG, [EIDRM] = W_EIDRM, [ENOLINK] = W_ENOLINK, [EPROTO] = W_EPROTO,
    [EMULTIHOP] = W_EMULTIHOP, [EBADMSG] = W_EBADMSG, [EOVERFLOW] = W_EOVERFLOW, [EILSEQ] = W_EILSEQ,
    [ENOTSOCK] = W_ENOTSOCK, [EDESTADDRREQ] = W_EDESTADDRREQ, [EMSGSIZE] = W_EMSGSIZE,
    [EPROTOTYPE] = W_EPROTOTYPE, [ENOPROTOOPT] = W_ENOPROTOOPT, [EPROTONOSUPPORT] = W_EPROTONOSUPPORT,
    [EOPNOTSUPP] = W_ENOTSUP, [EAFNOSUPPORT] = W_EAFNOSUPPORT, [EADDRINUSE] = W_EADDRINUSE,
    [EADDRNOTAVAIL] = W_EADDRNOTAVAIL, [ENETDOWN] = W_ENETDOWN, [ENETUNREACH] = W_ENETUNREACH,
    [ENETRESET] = W_ENETRESET, [ECONNABORTED] = W_ECONNABORTED, [ECONNRESET] = W_ECONNRESET,
    [ENOBUFS] = W_ENOBUFS, [EISCONN] = W_EISCONN, [ENOTCONN] = W_ENOTCONN, [ETIMEDOUT] = W_ETIMEDOUT,
    [ECONNREFUSED] = W_ECONNREFUSED, [EHOSTUNREACH] = W_EHOSTUNREACH, [EALREADY] = W_EALREADY,
    [EINPROGRESS] = W_EINPROGRESS, [ESTALE] = W_ESTALE, [EDQUOT] = W_EDQUOT, [ECANCELED] = W_ECANCELED,
    [EOWNERDEAD] = W_EOWNERDEAD, [ENOTRECOVERABLE] = W_ENOTRECOVERABLE,
};

uint32_t pg_wasi_errno(int e) {
  if (e == PG_WASI_ESCAPE) return W_ENOTCAPABLE;
  if (e > 0 && (size_t)e < sizeof errno_map && errno_map[e]) return errno_map[e];
  return W_EIO; /* a host error WASI has no name for */
}

uint32_t pg_wasi_put32(pg_inst_hdr *inst, uint32_t ptr, uint32_t v) {
  uint8_t *p = pg_wasi_mem(inst, ptr, 4);
  if (!p) return W_EFAULT;
  pg_wasi_st32(p, v);
  return 0;
}

uint32_t pg_wasi_put64(pg_inst_hdr *inst, uint32_t ptr, uint64_t v) {
  uint8_t *p = pg_wasi_mem(inst, ptr, 8);
  if (!p) return W_EFAULT;
  pg_wasi_st64(p, v);
  return 0;
}

uint8_t pg_wasi_filetype(mode_t mode) {
  switch (mode & S_IFMT) {
  case S_IFREG: return W_FT_REG;
  case S_IFDIR: return W_FT_DIR;
  case S_IFCHR: return W_FT_CHAR;
  case S_IFBLK: return W_FT_BLOCK;
  case S_IFLNK: return W_FT_SYMLINK;
  case S_IFSOCK: return W_FT_SOCK_STREAM;
  default: return W_FT_UNKNOWN;
  }
}

void pg_wasi_put_filestat(uint8_t *out, const struct stat *st) {
  memset(out, 0, 64);
  pg_wasi_st64(out + 0, (uint64_t)st->st_dev);
  pg_wasi_st64(out + 8, (uint64_t)st->st_ino);
  out[16] = pg_wasi_filetype(st->st_mode);
  pg_wasi_st64(out + 24, (uint64_t)st->st_nlink);
  pg_wasi_st64(out + 32, (uint64_t)st->st_size);
  pg_wasi_st64(out + 40, (uint64_t)st->st_atim.tv_sec * 1000000000ull + (uint64_t)st->st_atim.tv_nsec);
  pg_wasi_st64(out + 48, (uint64_t)st->st_mtim.tv_sec * 1000000000ull + (uint64_t)st->st_mtim.tv_nsec);
  pg_wasi_st64(out + 56, (uint64_t)st->st_ctim.tv_sec * 1000000000ull + (uint64_t)st->st_ctim.tv_nsec);
}

char *pg_wasi_path(pg_inst_hdr *inst, uint32_t ptr, uint32_t len, uint32_t *e) {
  const uint8_t *p = pg_wasi_mem(inst, ptr, len);
  if (!p) {
    *e = W_EFAULT;
    return NULL;
  }
  if (memchr(p, 0, len)) {
    *e = W_EILSEQ;
    return NULL;
  }
  char *s = malloc((size_t)len + 1);
  if (!s) {
    *e = W_ENOMEM;
    return NULL;
  }
  memcpy(s, p, len);
  s[len] = 0;
  return s;
}

/* ---- fd table ---- */

wasi_fd *pg_wasi_fd_get(pg_wasi *w, uint32_t fd, uint64_t rights, uint32_t *e) {
  if (fd >= w->nfds || w->fds[fd].host < 0) {
    *e = W_EBADF;
    return NULL;
  }
  wasi_fd *f = &w->fds[fd];
  if ((f->base & rights) != rights) {
    *e = W_ENOTCAPABLE;
    return NULL;
  }
  *e = 0;
  return f;
}

bool pg_wasi_fd_add(pg_wasi *w, int host, uint8_t type, uint64_t base, uint64_t inheriting, uint32_t *out,
                    uint32_t *e) {
  uint32_t i = 0;
  while (i < w->nfds && w->fds[i].host >= 0) i++;
  if (i == w->nfds) {
    if (w->nfds >= (1u << 20)) {
      close(host);
      *e = W_EMFILE;
      return false;
    }
    uint32_t n = w->nfds ? w->nfds * 2 : 8;
    wasi_fd *fds = realloc(w->fds, n * sizeof *fds);
    if (!fds) {
      close(host);
      *e = W_ENOMEM;
      return false;
    }
    for (uint32_t k = w->nfds; k < n; k++) fds[k] = (wasi_fd){.host = -1};
    w->fds = fds;
    w->nfds = n;
  }
  w->fds[i] = (wasi_fd){.host = host, .type = type, .base = base, .inheriting = inheriting};
  *out = i;
  return true;
}

static void free_listing(wasi_fd *f) {
  for (uint32_t i = 0; i < f->ndir; i++) free(f->dir[i].name);
  free(f->dir);
  f->dir = NULL;
  f->ndir = 0;
}

void pg_wasi_fd_release(wasi_fd *f) {
  if (f->host >= 0 && !f->stdio) close(f->host);
  free(f->preopen);
  free_listing(f);
  *f = (wasi_fd){.host = -1};
}

/* ---- the context ---- */

static uint8_t stdio_type(int fd, uint64_t *rights) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *rights = R_TTY;
    return W_FT_UNKNOWN;
  }
  uint8_t t = pg_wasi_filetype(st.st_mode);
  /* wasi-libc's isatty() is "a character device without seek and tell rights": only a
   * real terminal may look like that (/dev/null is a seekable character device) */
  *rights = t == W_FT_REG || (t == W_FT_CHAR && !isatty(fd)) ? R_REGULAR
            : t == W_FT_DIR                                  ? R_DIRECTORY
            : t == W_FT_SOCK_STREAM                          ? R_SOCKET
                                                             : R_TTY;
  return t;
}

static void set_stdio(pg_wasi *w, int i, int host) {
  uint64_t rights;
  uint8_t type = stdio_type(host, &rights);
  w->fds[i] = (wasi_fd){.host = host, .type = type, .base = rights, .stdio = true};
  w->stdio_host[i] = host;
  w->stdio_flags[i] = fcntl(host, F_GETFL);
  w->stdio_changed[i] = false;
}

pg_wasi *pg_wasi_new(void) {
  pg_wasi *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  for (int i = 0; i < 3; i++) {
    uint32_t fd, e;
    if (!pg_wasi_fd_add(w, i, W_FT_UNKNOWN, 0, 0, &fd, &e)) {
      pg_wasi_free(w);
      return NULL;
    }
    set_stdio(w, i, i);
  }
  return w;
}

void pg_wasi_set_stdio(pg_wasi *w, int in, int out, int err) {
  const int host[3] = {in, out, err};
  for (int i = 0; i < 3; i++) {
    if (w->stdio_changed[i] && w->stdio_flags[i] >= 0) fcntl(w->stdio_host[i], F_SETFL, w->stdio_flags[i]);
    set_stdio(w, i, host[i]);
  }
}

void pg_wasi_free(pg_wasi *w) {
  if (!w) return;
  for (uint32_t i = 0; i < w->nfds; i++) pg_wasi_fd_release(&w->fds[i]);
  for (int i = 0; i < 3; i++)
    if (w->stdio_changed[i] && w->stdio_flags[i] >= 0) fcntl(w->stdio_host[i], F_SETFL, w->stdio_flags[i]);
  free(w->fds);
  for (uint32_t i = 0; i < w->argc; i++) free(w->argv[i]);
  free(w->argv);
  for (uint32_t i = 0; i < w->nenv; i++) free(w->env[i]);
  free(w->env);
  free(w);
}

bool pg_wasi_set_args(pg_wasi *w, int argc, char *const *argv) {
  char **v = calloc((size_t)argc + 1, sizeof *v);
  if (!v) return false;
  for (int i = 0; i < argc; i++)
    if (!(v[i] = strdup(argv[i]))) {
      for (int k = 0; k < i; k++) free(v[k]);
      free(v);
      return false;
    }
  for (uint32_t i = 0; i < w->argc; i++) free(w->argv[i]);
  free(w->argv);
  w->argv = v;
  w->argc = (uint32_t)argc;
  return true;
}

bool pg_wasi_add_env(pg_wasi *w, const char *kv) {
  const char *eq = strchr(kv, '=');
  size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
  char *copy = strdup(kv);
  if (!copy) return false;
  for (uint32_t i = 0; i < w->nenv; i++)
    if (!strncmp(w->env[i], kv, klen) && (w->env[i][klen] == '=' || w->env[i][klen] == 0)) {
      free(w->env[i]);
      w->env[i] = copy;
      return true;
    }
  char **env = realloc(w->env, (w->nenv + 1) * sizeof *env);
  if (!env) {
    free(copy);
    return false;
  }
  env[w->nenv++] = copy;
  w->env = env;
  return true;
}

void pg_wasi_force_walk(pg_wasi *w, bool on) { w->resolver = on ? PG_WASI_RESOLVE_WALK : PG_WASI_RESOLVE_AUTO; }
bool pg_wasi_exited(const pg_wasi *w) { return w->exited; }
uint32_t pg_wasi_exit_code(const pg_wasi *w) { return w->exit_code; }

static bool fail(char *err, size_t n, const char *fmt, const char *a, const char *b) {
  snprintf(err, n, fmt, a, b);
  return false;
}

static bool add_preopen(pg_wasi *w, const char *value, char *err, size_t n) {
  const char *sep = strstr(value, "::");
  size_t hlen = sep ? (size_t)(sep - value) : strlen(value);
  const char *guest = sep ? sep + 2 : value;
  if (!hlen || !*guest) return fail(err, n, "--dir %s: expected HOST or HOST::GUEST%s", value, "");
  char *host = strndup(value, hlen);
  if (!host) return fail(err, n, "--dir %s: %s", value, strerror(ENOMEM));
  int fd = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    bool r = fail(err, n, "--dir %s: %s", host, strerror(errno));
    free(host);
    return r;
  }
  free(host);
  uint32_t slot, e;
  char *name = strdup(guest);
  if (!name || !pg_wasi_fd_add(w, fd, W_FT_DIR, R_DIRECTORY, R_DIRECTORY | R_REGULAR, &slot, &e)) {
    free(name);
    return fail(err, n, "--dir %s: %s", value, "cannot add the directory");
  }
  w->fds[slot].preopen = name;
  return true;
}

static bool add_listener(pg_wasi *w, const char *value, char *err, size_t n) {
  const char *colon = strrchr(value, ':');
  if (!colon || !colon[1]) return fail(err, n, "--tcplisten %s: expected HOST:PORT%s", value, "");
  char *host = strndup(value, (size_t)(colon - value));
  if (!host) return fail(err, n, "--tcplisten %s: %s", value, strerror(ENOMEM));
  /* [::1]:80 */
  char *h = host;
  size_t hl = strlen(h);
  if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
    h[hl - 1] = 0;
    h++;
  }
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *ai = NULL;
  int r = getaddrinfo(*h ? h : NULL, colon + 1, &hints, &ai);
  free(host);
  if (r != 0) return fail(err, n, "--tcplisten %s: %s", value, gai_strerror(r));
  int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
    int e = errno;
    if (fd >= 0) close(fd);
    freeaddrinfo(ai);
    return fail(err, n, "--tcplisten %s: %s", value, strerror(e));
  }
  freeaddrinfo(ai);
  uint32_t slot, e;
  if (!pg_wasi_fd_add(w, fd, W_FT_SOCK_STREAM, R_SOCKET, R_SOCKET, &slot, &e))
    return fail(err, n, "--tcplisten %s: %s", value, "cannot add the socket");
  w->fds[slot].listener = true;
  return true;
}

static const struct {
  const char *name;
  bool value;
} options[] = {{"--dir", true}, {"--env", true}, {"--inherit-env", false}, {"--tcplisten", true}};

bool pg_wasi_is_option(const char *opt, bool *takes_value) {
  for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
    if (!strcmp(opt, options[i].name)) {
      if (takes_value) *takes_value = options[i].value;
      return true;
    }
  return false;
}

bool pg_wasi_option(pg_wasi *w, const char *opt, const char *value, char *err, size_t n) {
  if (!strcmp(opt, "--dir")) return add_preopen(w, value, err, n);
  if (!strcmp(opt, "--tcplisten")) return add_listener(w, value, err, n);
  if (!strcmp(opt, "--env")) {
    const char *eq = strchr(value, '=');
    if (!eq || eq == value) return fail(err, n, "--env %s: expected KEY=VALUE%s", value, "");
    return pg_wasi_add_env(w, value) || fail(err, n, "--env %s: %s", value, strerror(ENOMEM));
  }
  if (!strcmp(opt, "--inherit-env")) {
    for (char **e = environ; e && *e; e++) {
      if (!strncmp(*e, "POGO_WASI=", 10)) continue; /* pogo's own channel, not the guest's */
      if (!pg_wasi_add_env(w, *e)) return fail(err, n, "--inherit-env: %s%s", strerror(ENOMEM), "");
    }
    return true;
  }
  return fail(err, n, "unknown WASI option %s%s", opt, "");
}

bool pg_wasi_options_text(pg_wasi *w, const char *text, char *err, size_t n) {
  char *copy = strdup(text ? text : "");
  if (!copy) return fail(err, n, "%s%s", strerror(ENOMEM), "");
  bool ok = true;
  char *save = NULL;
  for (char *word = strtok_r(copy, "\n", &save); word && ok; word = strtok_r(NULL, "\n", &save)) {
    bool takes;
    if (!pg_wasi_is_option(word, &takes)) {
      ok = fail(err, n, "unknown WASI option '%s'%s", word, "");
      break;
    }
    const char *value = NULL;
    if (takes && !(value = strtok_r(NULL, "\n", &save))) {
      ok = fail(err, n, "%s needs a value%s", word, "");
      break;
    }
    ok = pg_wasi_option(w, word, value, err, n);
  }
  free(copy);
  return ok;
}
