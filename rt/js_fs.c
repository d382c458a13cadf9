/*
 * js_fs.c - node's `fs` module for the Go GOOS=js host, on POSIX system calls.
 *
 * Go's syscall/fs_js.go calls fs.<name>(args..., callback) and blocks its goroutine
 * until the callback runs; Go's runtime writes with fs.writeSync. This file gives those
 * calls node 20's observable behaviour on Linux:
 *   - errors are node system errors: message "<CODE>: <text>, <syscall> '<path>'", with
 *     errno (negative), code (libuv's name, "Unknown system error -N" for errnos libuv
 *     does not name: Go panics on those, as it does under node), syscall, path, dest;
 *   - the system call happens when fs.<name> is called (so fs.write output reaches fd
 *     1/2 in program order), and the callback is queued with js_enqueue_call, never run
 *     synchronously, with node's argument counts: (null) for ops without a result,
 *     (err) on failure, (null, value) otherwise, and (err|null, n, buffer) for read/write;
 *   - a read from something that may block (pipe, tty, socket...) waits for the fd with
 *     js_wait_readable and then does one read(2), so timers and goroutines keep running;
 *   - Stats carry node's numeric fields, *Ms computed as node does (sec * 1e3 + nsec /
 *     1e6 as doubles, so times can round up to the next millisecond), Dates rounded as
 *     Math.round does, and isDirectory() & co. on a shared prototype (fs.Stats);
 *   - readdir is libuv's scandir: no "." and "..", names sorted bytewise;
 *   - writes are libuv's write-all (EINTR retried, short writes continued; an error
 *     after some progress reports the progress), utimes rounds like libuv.
 *
 * Every method is one "op" (parse arguments, do the system call, describe the outcome)
 * in one table; the callback form and the Sync form (throwing the error, returning the
 * first result) are two thin wrappers around it.
 *
 * Invariants: nothing here is global. Per-host state lives in the bytes of host-owned
 * Uint8Array objects that JS cannot reach (the method bindings, pending reads); their
 * memory is reclaimed with every other object when the instance is freed, even if a read
 * was still waiting. Paths are the UTF-8 of JS strings (or the bytes of a Uint8Array).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sysmacros.h>
#endif

#include "js_host.h"

/* ---- errno -> libuv name and text (uv_err_name / uv_strerror, as node 20 reports) ---- */

typedef struct uv_error {
  const char *code, *text; /* NULL: libuv has no name, node says "Unknown system error -N" */
} uv_error;

#define UV(e, text) [e] = {#e, text}
#define NOT_UV(e) [e] = {NULL, NULL}

/* Indexed by errno. Every errno is listed, including those libuv does not name, so that
 * the table documents the whole mapping (checked against node 20's
 * util.getSystemErrorName for 1..133 in tests/rt/js_fs.c). */
static const uv_error uv_errors[] = {
  UV(EPERM, "operation not permitted"),
  UV(ENOENT, "no such file or directory"),
  UV(ESRCH, "no such process"),
  UV(EINTR, "interrupted system call"),
  UV(EIO, "i/o error"),
  UV(ENXIO, "no such device or address"),
  UV(E2BIG, "argument list too long"),
  NOT_UV(ENOEXEC),
  UV(EBADF, "bad file descriptor"),
  NOT_UV(ECHILD),
  UV(EAGAIN, "resource temporarily unavailable"), /* = EWOULDBLOCK */
  UV(ENOMEM, "not enough memory"),
  UV(EACCES, "permission denied"),
  UV(EFAULT, "bad address in system call argument"),
  UV(EBUSY, "resource busy or locked"),
  UV(EEXIST, "file already exists"),
  UV(EXDEV, "cross-device link not permitted"),
  UV(ENODEV, "no such device"),
  UV(ENOTDIR, "not a directory"),
  UV(EISDIR, "illegal operation on a directory"),
  UV(EINVAL, "invalid argument"),
  UV(ENFILE, "file table overflow"),
  UV(EMFILE, "too many open files"),
  UV(ENOTTY, "inappropriate ioctl for device"),
  UV(ETXTBSY, "text file is busy"),
  UV(EFBIG, "file too large"),
  UV(ENOSPC, "no space left on device"),
  UV(ESPIPE, "invalid seek"),
  UV(EROFS, "read-only file system"),
  UV(EMLINK, "too many links"),
  UV(EPIPE, "broken pipe"),
  NOT_UV(EDOM),
  UV(ERANGE, "result too large"),
  NOT_UV(EDEADLK), /* = EDEADLOCK */
  UV(ENAMETOOLONG, "name too long"),
  NOT_UV(ENOLCK),
  UV(ENOSYS, "function not implemented"),
  UV(ENOTEMPTY, "directory not empty"),
  UV(ELOOP, "too many symbolic links encountered"),
  NOT_UV(ENOMSG),
  NOT_UV(EIDRM),
  UV(ENODATA, "no data available"),
  NOT_UV(ETIME),
  NOT_UV(ENOSR),
  NOT_UV(ENOSTR),
  NOT_UV(ENOLINK),
  UV(EPROTO, "protocol error"),
  NOT_UV(EMULTIHOP),
  NOT_UV(EBADMSG),
  UV(EOVERFLOW, "value too large for defined data type"),
  UV(EILSEQ, "illegal byte sequence"),
  UV(ENOTSOCK, "socket operation on non-socket"),
  UV(EDESTADDRREQ, "destination address required"),
  UV(EMSGSIZE, "message too long"),
  UV(EPROTOTYPE, "protocol wrong type for socket"),
  UV(ENOPROTOOPT, "protocol not available"),
  UV(EPROTONOSUPPORT, "protocol not supported"),
  UV(EAFNOSUPPORT, "address family not supported"),
  UV(EADDRINUSE, "address already in use"),
  UV(EADDRNOTAVAIL, "address not available"),
  UV(ENETDOWN, "network is down"),
  UV(ENETUNREACH, "network is unreachable"),
  NOT_UV(ENETRESET),
  UV(ECONNABORTED, "software caused connection abort"),
  UV(ECONNRESET, "connection reset by peer"),
  UV(ENOBUFS, "no buffer space available"),
  UV(EISCONN, "socket is already connected"),
  UV(ENOTCONN, "socket is not connected"),
  UV(ETIMEDOUT, "connection timed out"),
  UV(ECONNREFUSED, "connection refused"),
  UV(EHOSTUNREACH, "host is unreachable"),
  UV(EALREADY, "connection already in progress"),
  NOT_UV(EINPROGRESS),
  NOT_UV(ESTALE),
  NOT_UV(EDQUOT),
  UV(ECANCELED, "operation canceled"),
  NOT_UV(EOWNERDEAD),
  NOT_UV(ENOTRECOVERABLE),
#ifdef __linux__
  /* Linux's own errnos. EOPNOTSUPP and ENOTSUP are one number here, which libuv
   * reports as ENOTSUP. */
  [EOPNOTSUPP] = {"ENOTSUP", "operation not supported on socket"},
  NOT_UV(ENOTBLK),
  NOT_UV(ECHRNG),
  NOT_UV(EL2NSYNC),
  NOT_UV(EL3HLT),
  NOT_UV(EL3RST),
  NOT_UV(ELNRNG),
  UV(EUNATCH, "protocol driver not attached"),
  NOT_UV(ENOCSI),
  NOT_UV(EL2HLT),
  NOT_UV(EBADE),
  NOT_UV(EBADR),
  NOT_UV(EXFULL),
  NOT_UV(ENOANO),
  NOT_UV(EBADRQC),
  NOT_UV(EBADSLT),
  NOT_UV(EBFONT),
  UV(ENONET, "machine is not on the network"),
  NOT_UV(ENOPKG),
  NOT_UV(EREMOTE),
  NOT_UV(EADV),
  NOT_UV(ESRMNT),
  NOT_UV(ECOMM),
  NOT_UV(EDOTDOT),
  NOT_UV(ENOTUNIQ),
  NOT_UV(EBADFD),
  NOT_UV(EREMCHG),
  NOT_UV(ELIBACC),
  NOT_UV(ELIBBAD),
  NOT_UV(ELIBSCN),
  NOT_UV(ELIBMAX),
  NOT_UV(ELIBEXEC),
  NOT_UV(ERESTART),
  NOT_UV(ESTRPIPE),
  NOT_UV(EUSERS),
  UV(ESOCKTNOSUPPORT, "socket type not supported"),
  NOT_UV(EPFNOSUPPORT),
  UV(ESHUTDOWN, "cannot send after transport endpoint shutdown"),
  NOT_UV(ETOOMANYREFS),
  UV(EHOSTDOWN, "host is down"),
  NOT_UV(EUCLEAN),
  NOT_UV(ENOTNAM),
  NOT_UV(ENAVAIL),
  NOT_UV(EISNAM),
  UV(EREMOTEIO, "remote I/O error"),
  NOT_UV(ENOMEDIUM),
  NOT_UV(EMEDIUMTYPE),
  NOT_UV(ENOKEY),
  NOT_UV(EKEYEXPIRED),
  NOT_UV(EKEYREVOKED),
  NOT_UV(EKEYREJECTED),
  NOT_UV(ERFKILL),
  NOT_UV(EHWPOISON),
#else
  UV(ENOTSUP, "operation not supported on socket"),
#endif
};

#undef UV
#undef NOT_UV

static js_obj *syserror(pg_js *js, int err, const char *syscall, const char *path, const char *dest) {
  if (err < 0) err = -err; /* accept libuv's negative form too */
  const uv_error *e = err > 0 && (size_t)err < sizeof uv_errors / sizeof uv_errors[0] ? &uv_errors[err] : NULL;
  char unknown[48];
  snprintf(unknown, sizeof unknown, "Unknown system error %d", -err);
  const char *code = e && e->code ? e->code : unknown;
  const char *text = e && e->code ? e->text : unknown;
  size_t n = strlen(code) + strlen(text) + strlen(syscall) + (path ? strlen(path) : 0) + (dest ? strlen(dest) : 0) + 32;
  char *msg = malloc(n);
  if (!msg) abort();
  int k = snprintf(msg, n, "%s: %s, %s", code, text, syscall);
  if (path) k += snprintf(msg + k, n - (size_t)k, " '%s'", path);
  if (path && dest) snprintf(msg + k, n - (size_t)k, " -> '%s'", dest);
  js_obj *o = js_new_error(js, "Error", msg);
  free(msg);
  /* node's own properties, in node's order */
  js_put(js, o, "errno", js_num(-err));
  js_put(js, o, "code", js_cstring(js, code));
  js_put(js, o, "syscall", js_cstring(js, syscall));
  if (path) js_put(js, o, "path", js_cstring(js, path));
  if (path && dest) js_put(js, o, "dest", js_cstring(js, dest));
  return o;
}

js_obj *js_new_syserror(pg_js *js, int err, const char *syscall, const char *path) {
  return syserror(js, err, syscall, path, NULL);
}

/* ---- one call of an fs method ---- */

typedef struct fs_ctx fs_ctx;

typedef struct fs_call {
  pg_js *js;
  fs_ctx *ctx;
  const js_val *args;      /* the arguments before the callback (borrowed) */
  uint32_t argc;
  js_val cb;               /* the callback form: the callback; the Sync form: undefined */
  js_val *thrown;          /* where an argument error goes (the native's *result) */
  /* the outcome */
  int err;                 /* 0 or an errno */
  const char *syscall;     /* node's name for what failed */
  bool err_nopath;         /* the error names no path (a descriptor op after an open) */
  char *path, *dest;       /* owned; named by the error */
  js_val vals[2];          /* owned results after the null error argument */
  uint32_t nvals;
  bool vals_on_error;      /* read/write: node calls back (err, 0, buffer) */
  bool deferred;           /* the op queues the callback itself, later */
} fs_call;

typedef bool (*fs_op)(fs_call *c);

static js_val arg(const fs_call *c, uint32_t i) { return i < c->argc ? c->args[i] : js_undefined(); }
static bool is_nullish(js_val v) { return v.kind == JS_UNDEFINED || v.kind == JS_NULL; }

static bool fail_sys(fs_call *c, int err, const char *syscall) {
  c->err = err;
  c->syscall = syscall;
  return true; /* arguments were fine: the failure goes to the callback */
}

static void put_val(fs_call *c, js_val owned) { c->vals[c->nvals++] = owned; }

/* ---- argument errors, worded as node's ERR_INVALID_ARG_TYPE & co. ---- */

static void describe(pg_js *js, js_val v, bool with_type, char *buf, size_t cap) {
  char num[40];
  switch (v.kind) {
  case JS_UNDEFINED: snprintf(buf, cap, "undefined"); return;
  case JS_NULL: snprintf(buf, cap, "null"); return;
  case JS_BOOL: snprintf(buf, cap, with_type ? "type boolean (%s)" : "%s", v.u.b ? "true" : "false"); return;
  case JS_NUMBER:
    snprintf(buf, cap, with_type ? "type number (%s)" : "%s", js_number_text(v.u.n, num, sizeof num));
    return;
  case JS_STRING: {
    /* util.inspect's quoting, cut at 28 characters as node does */
    const char *s = js_str_data(v);
    size_t n = strlen(s);
    const char *fmt = with_type ? "type string ('%.*s%s)" : "'%.*s%s";
    if (n + 2 > 28) snprintf(buf, cap, fmt, 24, s, "...");
    else snprintf(buf, cap, fmt, (int)n, s, "'");
    return;
  }
  case JS_OBJECT: break;
  }
  js_obj *o = v.u.o;
  if (o->cls == JSC_FUNCTION) {
    snprintf(buf, cap, "function %s", o->u.fn.name);
  } else if (o->cls == JSC_GOFUNC) {
    snprintf(buf, cap, "function ");
  } else {
    const char *name = o->ctor && o->ctor->cls == JSC_FUNCTION ? o->ctor->u.fn.name : "Object";
    snprintf(buf, cap, "an instance of %s", name);
  }
  (void)js;
}

static bool fail_arg(fs_call *c, const char *ctor, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool fail_arg(fs_call *c, const char *ctor, const char *code, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  js_obj *e = js_new_error(c->js, ctor, msg);
  js_put(c->js, e, "code", js_cstring(c->js, code));
  *c->thrown = js_objv(e);
  return false;
}

static bool bad_type(fs_call *c, const char *name, const char *expected, js_val v) {
  char got[128];
  describe(c->js, v, true, got, sizeof got);
  return fail_arg(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"%s\" argument must be %s. Received %s", name,
                  expected, got);
}

static bool bad_range(fs_call *c, const char *name, const char *range, js_val v) {
  char got[128];
  describe(c->js, v, false, got, sizeof got);
  return fail_arg(c, "RangeError", "ERR_OUT_OF_RANGE",
                  "The value of \"%s\" is out of range. It must be %s. Received %s", name, range, got);
}

static bool bad_value(fs_call *c, const char *name, const char *reason, js_val v) {
  char got[128];
  describe(c->js, v, false, got, sizeof got);
  return fail_arg(c, "TypeError", "ERR_INVALID_ARG_VALUE", "The argument '%s' %s. Received %s", name, reason, got);
}

/* ---- argument parsers: false means a TypeError/RangeError is in *c->thrown ---- */

#define MAX_SAFE 9007199254740991.0

/* validateInteger(value, name, min, max) */
static bool get_int(fs_call *c, js_val v, const char *name, double min, double max, double *out) {
  if (v.kind != JS_NUMBER) return bad_type(c, name, "of type number", v);
  double d = v.u.n;
  if (d != trunc(d) || isinf(d)) return bad_range(c, name, "an integer", v);
  if (d < min || d > max) {
    char range[96], a[40], b[40];
    snprintf(range, sizeof range, ">= %s && <= %s", js_number_text(min, a, sizeof a), js_number_text(max, b, sizeof b));
    return bad_range(c, name, range, v);
  }
  *out = d;
  return true;
}

/* ToInt32, as `x | 0` */
static int32_t to_int32(double d) {
  if (!isfinite(d)) return 0;
  d = fmod(trunc(d), 4294967296.0);
  if (d < 0) d += 4294967296.0;
  return (int32_t)(uint32_t)d;
}

/* getValidatedFd: an int32 >= 0 */
static bool get_fd(fs_call *c, uint32_t i, int *fd) {
  double d = 0;
  if (!get_int(c, arg(c, i), "fd", 0, 2147483647.0, &d)) return false;
  *fd = (int)d;
  /* the guest's 0, 1, 2 are whatever the embedder put behind them */
  if (*fd < 3) *fd = c->js->stdio[*fd];
  return true;
}

/* getValidatedPath: a string or the bytes of a Uint8Array, without NUL bytes. The copy
 * becomes c->path (or c->dest) so that the error can name it. */
static bool get_path(fs_call *c, uint32_t i, const char *name, char **out) {
  js_val v = arg(c, i);
  const char *p;
  size_t n;
  if (v.kind == JS_STRING) {
    p = js_str_data(v);
    n = v.u.s->len;
  } else if (js_is_u8(v)) {
    p = (const char *)v.u.o->u.u8.data;
    n = v.u.o->u.u8.len;
  } else {
    return bad_type(c, name, "of type string or an instance of Buffer or URL", v);
  }
  if (memchr(p, 0, n)) return bad_value(c, name, "must be a string, Uint8Array, or URL without null bytes", v);
  char *s = malloc(n + 1);
  if (!s) abort();
  memcpy(s, p, n);
  s[n] = 0;
  *out = s;
  return true;
}

/* parseFileMode: a uint32 or an octal string; def < 0 means required */
static bool get_mode(fs_call *c, js_val v, const char *name, long def, mode_t *out) {
  if (is_nullish(v) && def >= 0) {
    *out = (mode_t)def;
    return true;
  }
  if (v.kind == JS_STRING) {
    const char *s = js_str_data(v);
    if (!*s || strspn(s, "01234567") != strlen(s))
      return bad_value(c, name, "must be a 32-bit unsigned integer or an octal string", v);
    *out = (mode_t)strtoul(s, NULL, 8);
    return true;
  }
  double d;
  if (!get_int(c, v, name, 0, 4294967295.0, &d)) return false;
  *out = (mode_t)d;
  return true;
}

/* stringToFlags: node's flag strings, or a number taken as is */
static const struct {
  const char *name;
  int flags;
} open_flags[] = {
  {"r", O_RDONLY},
  {"rs", O_RDONLY | O_SYNC},
  {"sr", O_RDONLY | O_SYNC},
  {"r+", O_RDWR},
  {"rs+", O_RDWR | O_SYNC},
  {"sr+", O_RDWR | O_SYNC},
  {"w", O_TRUNC | O_CREAT | O_WRONLY},
  {"wx", O_TRUNC | O_CREAT | O_WRONLY | O_EXCL},
  {"xw", O_TRUNC | O_CREAT | O_WRONLY | O_EXCL},
  {"w+", O_TRUNC | O_CREAT | O_RDWR},
  {"wx+", O_TRUNC | O_CREAT | O_RDWR | O_EXCL},
  {"xw+", O_TRUNC | O_CREAT | O_RDWR | O_EXCL},
  {"a", O_APPEND | O_CREAT | O_WRONLY},
  {"ax", O_APPEND | O_CREAT | O_WRONLY | O_EXCL},
  {"xa", O_APPEND | O_CREAT | O_WRONLY | O_EXCL},
  {"as", O_APPEND | O_CREAT | O_WRONLY | O_SYNC},
  {"sa", O_APPEND | O_CREAT | O_WRONLY | O_SYNC},
  {"a+", O_APPEND | O_CREAT | O_RDWR},
  {"ax+", O_APPEND | O_CREAT | O_RDWR | O_EXCL},
  {"xa+", O_APPEND | O_CREAT | O_RDWR | O_EXCL},
  {"as+", O_APPEND | O_CREAT | O_RDWR | O_SYNC},
  {"sa+", O_APPEND | O_CREAT | O_RDWR | O_SYNC},
};

static bool get_flags(fs_call *c, js_val v, const char *name, int *out) {
  if (is_nullish(v)) {
    *out = O_RDONLY;
    return true;
  }
  if (v.kind == JS_NUMBER) {
    /* taken as is (node's binding insists on an int32) */
    double d;
    if (!get_int(c, v, name, INT32_MIN, INT32_MAX, &d)) return false;
    *out = (int)d;
    return true;
  }
  if (v.kind == JS_STRING) {
    for (size_t i = 0; i < sizeof open_flags / sizeof open_flags[0]; i++)
      if (!strcmp(open_flags[i].name, js_str_data(v))) {
        *out = open_flags[i].flags;
        return true;
      }
  }
  return bad_value(c, name, "is invalid", v);
}

/* toUnixTimestamp: seconds (a negative number means now), a numeric string, or a Date */
static bool get_time(fs_call *c, js_val v, double *out) {
  if (v.kind == JS_STRING && !isnan(js_to_number(v))) {
    *out = js_to_number(v);
    return true;
  }
  if (v.kind == JS_NUMBER && isfinite(v.u.n)) {
    if (v.u.n < 0) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      /* Date.now() / 1000: whole milliseconds */
      *out = (double)((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000) / 1000;
    } else {
      *out = v.u.n;
    }
    return true;
  }
  if (v.kind == JS_OBJECT && v.u.o->cls == JSC_DATE) {
    *out = v.u.o->u.date.ms / 1000;
    return true;
  }
  return bad_type(c, "time", "an instance of Date or an Time in seconds", v);
}

/* libuv's uv__fs_to_timespec: microsecond resolution, truncated; Infinity = now,
 * NaN = leave alone. The casts truncate toward zero exactly like libuv's C. */
static struct timespec to_timespec(double t) {
  struct timespec ts;
  if (isinf(t)) {
    ts.tv_sec = 0;
    ts.tv_nsec = UTIME_NOW;
    return ts;
  }
  if (isnan(t)) {
    ts.tv_sec = 0;
    ts.tv_nsec = UTIME_OMIT;
    return ts;
  }
  if (!(fabs(t) < 9e18)) {
    /* beyond time_t (libuv's cast would be undefined): the kernel rejects it */
    ts.tv_sec = t < 0 ? -(time_t)9e18 : (time_t)9e18;
    ts.tv_nsec = 0;
    return ts;
  }
  ts.tv_sec = (time_t)t;
  ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
  ts.tv_nsec -= ts.tv_nsec % 1000;
  if (ts.tv_nsec < 0) {
    ts.tv_nsec += 1000000000L;
    ts.tv_sec -= 1;
  }
  return ts;
}

/* ---- Stats ---- */

struct fs_ctx {
  js_obj *stats_ctor;   /* fs.Stats: its prototype holds isDirectory() & co. */
  struct fs_bound {
    const struct fs_method *m;
    fs_ctx *ctx;
  } bound[];            /* one per method table entry: the natives' data */
};

typedef struct fs_stat {
  uint64_t dev, ino, nlink, rdev, size, blocks;
  uint32_t mode, uid, gid, blksize;
  struct timespec atim, mtim, ctim, btim;
} fs_stat;

enum { STAT_PATH, STAT_LINK, STAT_FD };

/* libuv's uv__fs_stat family: statx where the kernel has it (for the birth time),
 * else the classic calls, with libuv's fallback of birthtime = ctime. */
static int do_stat(int kind, const char *path, int fd, fs_stat *st) {
  memset(st, 0, sizeof *st);
#if defined(__linux__) && defined(STATX_BTIME)
  struct statx sx;
  int flags = AT_STATX_SYNC_AS_STAT;
  int dirfd = AT_FDCWD;
  if (kind == STAT_FD) {
    dirfd = fd;
    path = "";
    flags |= AT_EMPTY_PATH;
  } else if (kind == STAT_LINK) {
    flags |= AT_SYMLINK_NOFOLLOW;
  }
  if (statx(dirfd, path, flags, STATX_BASIC_STATS | STATX_BTIME, &sx) == 0) {
    st->dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    st->ino = sx.stx_ino;
    st->mode = sx.stx_mode;
    st->nlink = sx.stx_nlink;
    st->uid = sx.stx_uid;
    st->gid = sx.stx_gid;
    st->rdev = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
    st->size = sx.stx_size;
    st->blksize = sx.stx_blksize;
    st->blocks = sx.stx_blocks;
    st->atim = (struct timespec){sx.stx_atime.tv_sec, sx.stx_atime.tv_nsec};
    st->mtim = (struct timespec){sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec};
    st->ctim = (struct timespec){sx.stx_ctime.tv_sec, sx.stx_ctime.tv_nsec};
    st->btim = (struct timespec){sx.stx_btime.tv_sec, sx.stx_btime.tv_nsec};
    return 0;
  }
  /* libuv falls back when statx itself is unavailable (old kernels, seccomp) */
  if (errno != EINVAL && errno != EPERM && errno != ENOSYS && errno != EOPNOTSUPP) return errno;
#endif
  struct stat s;
  int r = kind == STAT_FD ? fstat(fd, &s) : kind == STAT_LINK ? lstat(path, &s) : stat(path, &s);
  if (r != 0) return errno;
  st->dev = s.st_dev;
  st->ino = s.st_ino;
  st->mode = s.st_mode;
  st->nlink = s.st_nlink;
  st->uid = s.st_uid;
  st->gid = s.st_gid;
  st->rdev = s.st_rdev;
  st->size = (uint64_t)s.st_size;
  st->blksize = (uint32_t)s.st_blksize;
  st->blocks = (uint64_t)s.st_blocks;
  st->atim = s.st_atim;
  st->mtim = s.st_mtim;
  st->ctim = s.st_ctim;
  st->btim = s.st_ctim;
  return 0;
}

/* node's msFromTimeSpec: sec * 1e3 + nsec / 1e6, each rounded as a double. The volatile
 * keeps a compiler from fusing it into one multiply-add, which JS never does. */
static double ms_from(struct timespec t) {
  volatile double sec_ms = (double)t.tv_sec * 1e3;
  return sec_ms + (double)t.tv_nsec / 1e6;
}

/* Math.round: half-way cases toward +Infinity */
static double js_round(double x) {
  if (!isfinite(x)) return x;
  double r = floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

static js_val make_stats(fs_call *c, const fs_stat *st) {
  pg_js *js = c->js;
  js_obj *o = js_new_object(js);
  o->ctor = c->ctx->stats_ctor;
  /* node's property order */
  js_put(js, o, "dev", js_num((double)st->dev));
  js_put(js, o, "mode", js_num(st->mode));
  js_put(js, o, "nlink", js_num((double)st->nlink));
  js_put(js, o, "uid", js_num(st->uid));
  js_put(js, o, "gid", js_num(st->gid));
  js_put(js, o, "rdev", js_num((double)st->rdev));
  js_put(js, o, "blksize", js_num(st->blksize));
  js_put(js, o, "ino", js_num((double)st->ino));
  js_put(js, o, "size", js_num((double)st->size));
  js_put(js, o, "blocks", js_num((double)st->blocks));
  static const char *const ms_names[4] = {"atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs"};
  static const char *const date_names[4] = {"atime", "mtime", "ctime", "birthtime"};
  const struct timespec *times[4] = {&st->atim, &st->mtim, &st->ctim, &st->btim};
  double ms[4];
  for (int i = 0; i < 4; i++) {
    ms[i] = ms_from(*times[i]);
    js_put(js, o, ms_names[i], js_num(ms[i]));
  }
  for (int i = 0; i < 4; i++) js_put(js, o, date_names[i], js_objv(js_new_date(js, js_round(ms[i]))));
  return js_objv(o);
}

/* Stats.prototype.isDirectory() & co.: (this.mode & S_IFMT) === type */
static bool stats_is(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                     bool construct) {
  (void)args, (void)argc, (void)construct;
  js_val mode = js_get(js, self, "mode");
  double d = js_to_number(mode);
  js_release(js, mode);
  uint32_t m = isfinite(d) ? (uint32_t)(int64_t)d : 0;
  *result = js_bool((m & S_IFMT) == (uint32_t)(uintptr_t)data);
  return true;
}

static const struct {
  const char *name;
  uint32_t type;
} stats_methods[] = {
  {"isDirectory", S_IFDIR}, {"isFile", S_IFREG}, {"isBlockDevice", S_IFBLK}, {"isCharacterDevice", S_IFCHR},
  {"isSymbolicLink", S_IFLNK}, {"isFIFO", S_IFIFO}, {"isSocket", S_IFSOCK},
};

/* new fs.Stats(): an empty Stats (node fills it from its arguments; nothing here uses
 * that) */
static bool stats_new(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                      bool construct) {
  (void)self, (void)args, (void)argc, (void)construct;
  js_obj *o = js_new_object(js);
  o->ctor = ((fs_ctx *)data)->stats_ctor;
  *result = js_objv(o);
  return true;
}

/* ---- reads and writes ---- */

/* libuv's uv__fs_write_all: EINTR retried, short writes continued; an error after some
 * progress is dropped and the progress reported. At least one write(2), even of 0 bytes. */
static ssize_t write_all(int fd, const uint8_t *p, size_t n, int64_t pos) {
  size_t total = 0;
  do {
    ssize_t r;
    do r = pos >= 0 ? pwrite(fd, p + total, n - total, (off_t)pos) : write(fd, p + total, n - total);
    while (r < 0 && errno == EINTR);
    if (r <= 0) {
      if (total == 0) return r;
      break;
    }
    total += (size_t)r;
    if (pos >= 0) pos += r;
  } while (total < n);
  return (ssize_t)total;
}

/* One read(2) (pread(2) at pos >= 0), as libuv does: no looping for more. */
static ssize_t read_once(int fd, uint8_t *p, size_t n, int64_t pos) {
  ssize_t r;
  do r = pos >= 0 ? pread(fd, p, n, (off_t)pos) : read(fd, p, n);
  while (r < 0 && errno == EINTR);
  return r;
}

/* A read waiting for its descriptor. It lives in the bytes of a Uint8Array the host
 * owns, so an instance freed while the read still waits reclaims it. */
typedef struct pending_read {
  js_obj *holder;      /* the Uint8Array holding this struct (one reference) */
  js_val cb, buffer;   /* one reference each */
  int fd;
  uint32_t off, len;
  int64_t pos;
} pending_read;

static void read_ready(pg_js *js, void *data) {
  pending_read *p = data;
  pending_read r = *p;
  ssize_t n = read_once(r.fd, r.buffer.u.o->u.u8.data + r.off, r.len, r.pos);
  js_val args[3] = {js_null(), js_num(n < 0 ? 0 : (double)n), r.buffer};
  if (n < 0) args[0] = js_objv(syserror(js, errno, "read", NULL, NULL));
  js_enqueue_call(js, r.cb, args, 3);
  js_release(js, args[0]);
  js_release(js, r.cb);
  js_release(js, r.buffer);
  js_release(js, js_objv(r.holder)); /* frees *p */
}

/* Whether a read from fd can block: anything but a regular file, a directory or a
 * block device (a read from those returns at once). An fd fstat rejects is read at once
 * too, to report the error. */
static bool may_block(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) return false;
  return !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && !S_ISBLK(st.st_mode);
}

/* read(fd, buffer, offset, length, position) */
static bool op_read(fs_call *c) {
  int fd;
  if (!get_fd(c, 0, &fd)) return false;
  js_val buf = arg(c, 1);
  if (!js_is_u8(buf)) return bad_type(c, "buffer", "an instance of Buffer, TypedArray, or DataView", buf);
  double blen = buf.u.o->u.u8.len, off = 0, len, pos = -1;
  if (!is_nullish(arg(c, 2)) && !get_int(c, arg(c, 2), "offset", 0, MAX_SAFE, &off)) return false;
  /* node: length |= 0 (missing: the rest of the buffer) */
  js_val lv = arg(c, 3);
  if (lv.kind == JS_UNDEFINED) len = blen - off;
  else len = to_int32(js_to_number(lv));
  c->vals_on_error = true;
  if (len == 0) {
    /* node answers without a system call */
    put_val(c, js_num(0));
    put_val(c, js_retain(buf));
    return true;
  }
  if (blen == 0) return bad_value(c, "buffer", "is empty and cannot be written", buf);
  char range[64];
  if (len < 0) return bad_range(c, "length", ">= 0", js_num(len));
  if (off + len > blen) {
    snprintf(range, sizeof range, "<= %.0f", blen - off);
    return bad_range(c, "length", range, js_num(len));
  }
  js_val pv = arg(c, 4);
  if (!is_nullish(pv)) {
    if (pv.kind != JS_NUMBER) return bad_type(c, "position", "of type number or bigint", pv);
    if (!get_int(c, pv, "position", -1, MAX_SAFE, &pos)) return false;
  }
  if (c->cb.kind != JS_UNDEFINED && may_block(fd)) {
    js_obj *holder = js_new_u8(c->js, NULL, sizeof(pending_read));
    pending_read *p = (pending_read *)(void *)holder->u.u8.data;
    *p = (pending_read){holder, js_retain(c->cb), js_retain(buf), fd, (uint32_t)off, (uint32_t)len, (int64_t)pos};
    js_wait_readable(c->js, fd, read_ready, p);
    c->deferred = true;
    return true;
  }
  ssize_t n = read_once(fd, buf.u.o->u.u8.data + (uint32_t)off, (size_t)len, (int64_t)pos);
  put_val(c, js_num(n < 0 ? 0 : (double)n));
  put_val(c, js_retain(buf));
  return n < 0 ? fail_sys(c, errno, "read") : true;
}

/* write(fd, buffer, offset, length, position) or write(fd, string, position, encoding) */
static bool op_write(fs_call *c) {
  int fd;
  if (!get_fd(c, 0, &fd)) return false;
  js_val buf = arg(c, 1);
  const uint8_t *data;
  double off = 0, len, pos = -1;
  js_val pv;
  if (js_is_u8(buf)) {
    double blen = buf.u.o->u.u8.len;
    if (!is_nullish(arg(c, 2)) && !get_int(c, arg(c, 2), "offset", 0, MAX_SAFE, &off)) return false;
    len = arg(c, 3).kind == JS_NUMBER ? arg(c, 3).u.n : blen - off;
    char range[64];
    if (off > blen) {
      snprintf(range, sizeof range, "<= %.0f", blen);
      return bad_range(c, "offset", range, js_num(off));
    }
    if (len > blen - off) {
      snprintf(range, sizeof range, "<= %.0f", blen - off);
      return bad_range(c, "length", range, arg(c, 3));
    }
    if (len < 0) return bad_range(c, "length", ">= 0", arg(c, 3));
    if (len != trunc(len)) return bad_range(c, "length", "an integer", arg(c, 3));
    data = buf.u.o->u.u8.data + (uint32_t)off;
    pv = arg(c, 4);
  } else if (buf.kind == JS_STRING) {
    /* written as UTF-8, whatever the encoding argument says */
    data = (const uint8_t *)js_str_data(buf);
    len = buf.u.s->len;
    pv = arg(c, 2);
  } else {
    return bad_type(c, "buffer", "of type string or an instance of Buffer, TypedArray, or DataView", buf);
  }
  /* node: a position that is not a number means the current position */
  if (pv.kind == JS_NUMBER && isfinite(pv.u.n)) pos = trunc(pv.u.n);
  if (pos < 0) pos = -1;
  ssize_t n = write_all(fd, data, (size_t)len, (int64_t)pos);
  c->vals_on_error = true;
  put_val(c, js_num(n < 0 ? 0 : (double)n));
  put_val(c, js_retain(buf));
  return n < 0 ? fail_sys(c, errno, "write") : true;
}

/* ---- the other operations ---- */

static bool op_open(fs_call *c) {
  int flags;
  mode_t mode;
  if (!get_path(c, 0, "path", &c->path) || !get_flags(c, arg(c, 1), "flags", &flags) ||
      !get_mode(c, arg(c, 2), "mode", 0666, &mode))
    return false;
  int fd;
  /* libuv always adds O_CLOEXEC */
  do fd = open(c->path, flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return fail_sys(c, errno, "open");
  put_val(c, js_num(fd));
  return true;
}

static bool op_close(fs_call *c) {
  int fd;
  if (!get_fd(c, 0, &fd)) return false;
  /* as libuv: the descriptor is gone even when close is interrupted */
  if (close(fd) != 0 && errno != EINTR && errno != EINPROGRESS) return fail_sys(c, errno, "close");
  return true;
}

static bool stat_common(fs_call *c, int kind, const char *syscall) {
  fs_stat st;
  int fd = -1, err;
  if (kind == STAT_FD) {
    if (!get_fd(c, 0, &fd)) return false;
  } else if (!get_path(c, 0, "path", &c->path)) {
    return false;
  }
  if ((err = do_stat(kind, c->path, fd, &st)) != 0) return fail_sys(c, err, syscall);
  put_val(c, make_stats(c, &st));
  return true;
}

static bool op_stat(fs_call *c) { return stat_common(c, STAT_PATH, "stat"); }
static bool op_lstat(fs_call *c) { return stat_common(c, STAT_LINK, "lstat"); }
static bool op_fstat(fs_call *c) { return stat_common(c, STAT_FD, "fstat"); }

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* libuv's scandir: "." and ".." dropped, names sorted with strcmp */
static bool op_readdir(fs_call *c) {
  if (!get_path(c, 0, "path", &c->path)) return false;
  DIR *d = opendir(c->path);
  if (!d) return fail_sys(c, errno, "scandir");
  char **names = NULL;
  size_t n = 0, cap = 0;
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      err = errno;
      break;
    }
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, cap * sizeof *names);
      if (!names) abort();
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (!err && n) qsort(names, n, sizeof *names, name_cmp); /* names is NULL when empty */
  js_obj *arr = js_new_array(c->js, 0);
  for (size_t i = 0; i < n; i++) {
    if (!err) js_array_push(c->js, arr, js_cstring(c->js, names[i])); /* invalid UTF-8 -> U+FFFD, as node */
    free(names[i]);
  }
  free(names);
  if (err) {
    js_release(c->js, js_objv(arr));
    return fail_sys(c, err, "scandir");
  }
  put_val(c, js_objv(arr));
  return true;
}

/* node's MKDirpSync, step for step (including which errors become EEXIST or ENOTDIR);
 * *first gets the first directory it created. */
static int mkdir_p(const char *path, mode_t mode, char **first) {
  char **stack = malloc(sizeof *stack);
  size_t n = 0, cap = 1;
  if (!stack) abort();
  stack[n++] = strdup(path);
  int result = 0;
  while (n > 0 && result == 0) {
    char *next = stack[--n];
    int err = mkdir(next, mode) == 0 ? 0 : errno;
    for (;;) {
      if (err == 0) {
        if (!*first) *first = strdup(next);
      } else if (err == EACCES || err == ENOSPC || err == ENOTDIR || err == EPERM) {
        result = err;
      } else if (err == ENOENT) {
        const char *slash = strrchr(next, '/');
        char *dir = slash ? strndup(next, (size_t)(slash - next)) : strdup(next);
        if (strcmp(dir, next) != 0) {
          if (n + 2 > cap) {
            cap = cap * 2 + 2;
            stack = realloc(stack, cap * sizeof *stack);
            if (!stack) abort();
          }
          stack[n++] = next; /* retried once its parent exists */
          stack[n++] = dir;
          next = NULL;
        } else {
          free(dir);
          if (n == 0) {
            err = EEXIST; /* nothing left to create: report it as existing (after a stat) */
            continue;
          }
        }
      } else {
        int orig = err;
        struct stat st;
        err = stat(next, &st) == 0 ? 0 : errno;
        if (err == 0 && !S_ISDIR(st.st_mode)) result = orig == EEXIST && n > 0 ? ENOTDIR : EEXIST;
        else if (err) result = err;
      }
      break;
    }
    free(next);
  }
  while (n > 0) free(stack[--n]);
  free(stack);
  return result;
}

/* mkdir(path, mode | {recursive, mode}) */
static bool op_mkdir(fs_call *c) {
  mode_t mode = 0777;
  bool recursive = false;
  js_val opt = arg(c, 1);
  if (opt.kind == JS_NUMBER || opt.kind == JS_STRING) {
    if (!get_mode(c, opt, "mode", 0777, &mode)) return false;
  } else if (opt.kind == JS_OBJECT) {
    js_val r = js_get(c->js, opt, "recursive"), m = js_get(c->js, opt, "mode");
    bool ok = true;
    if (r.kind == JS_BOOL) recursive = r.u.b;
    else if (r.kind != JS_UNDEFINED) ok = bad_type(c, "options.recursive", "of type boolean", r);
    if (ok && m.kind != JS_UNDEFINED) ok = get_mode(c, m, "mode", 0777, &mode);
    js_release(c->js, r);
    js_release(c->js, m);
    if (!ok) return false;
  }
  if (!get_path(c, 0, "path", &c->path)) return false;
  if (!recursive) return mkdir(c->path, mode) == 0 ? true : fail_sys(c, errno, "mkdir");
  char *first = NULL;
  int err = mkdir_p(c->path, mode, &first);
  /* node calls back (null, first created) or just (null) when nothing was created */
  if (!err && first) put_val(c, js_cstring(c->js, first));
  free(first);
  return err ? fail_sys(c, err, "mkdir") : true;
}

static bool op_unlink(fs_call *c) {
  if (!get_path(c, 0, "path", &c->path)) return false;
  return unlink(c->path) == 0 ? true : fail_sys(c, errno, "unlink");
}

static bool op_rmdir(fs_call *c) {
  if (!get_path(c, 0, "path", &c->path)) return false;
  return rmdir(c->path) == 0 ? true : fail_sys(c, errno, "rmdir");
}

static bool op_rename(fs_call *c) {
  if (!get_path(c, 0, "oldPath", &c->path) || !get_path(c, 1, "newPath", &c->dest)) return false;
  return rename(c->path, c->dest) == 0 ? true : fail_sys(c, errno, "rename");
}

static bool op_link(fs_call *c) {
  if (!get_path(c, 0, "existingPath", &c->path) || !get_path(c, 1, "newPath", &c->dest)) return false;
  return link(c->path, c->dest) == 0 ? true : fail_sys(c, errno, "link");
}

/* symlink(target, path, type): the error names target -> path, as node's does */
static bool op_symlink(fs_call *c) {
  if (!get_path(c, 0, "target", &c->path) || !get_path(c, 1, "path", &c->dest)) return false;
  return symlink(c->path, c->dest) == 0 ? true : fail_sys(c, errno, "symlink");
}

static bool op_chmod(fs_call *c) {
  mode_t mode = 0;
  if (!get_path(c, 0, "path", &c->path) || !get_mode(c, arg(c, 1), "mode", -1, &mode)) return false;
  return chmod(c->path, mode) == 0 ? true : fail_sys(c, errno, "chmod");
}

static bool op_fchmod(fs_call *c) {
  int fd;
  mode_t mode;
  if (!get_fd(c, 0, &fd) || !get_mode(c, arg(c, 1), "mode", -1, &mode)) return false;
  return fchmod(fd, mode) == 0 ? true : fail_sys(c, errno, "fchmod");
}

/* uid/gid: -1 .. 4294967295, both ends meaning "leave alone" */
static bool get_ids(fs_call *c, uid_t *uid, gid_t *gid) {
  double u, g;
  if (!get_int(c, arg(c, 1), "uid", -1, 4294967295.0, &u) || !get_int(c, arg(c, 2), "gid", -1, 4294967295.0, &g))
    return false;
  *uid = (uid_t)(int64_t)u;
  *gid = (gid_t)(int64_t)g;
  return true;
}

static bool op_chown(fs_call *c) {
  uid_t u;
  gid_t g;
  if (!get_path(c, 0, "path", &c->path) || !get_ids(c, &u, &g)) return false;
  return chown(c->path, u, g) == 0 ? true : fail_sys(c, errno, "chown");
}

static bool op_lchown(fs_call *c) {
  uid_t u;
  gid_t g;
  if (!get_path(c, 0, "path", &c->path) || !get_ids(c, &u, &g)) return false;
  return lchown(c->path, u, g) == 0 ? true : fail_sys(c, errno, "lchown");
}

static bool op_fchown(fs_call *c) {
  int fd;
  uid_t u;
  gid_t g;
  if (!get_fd(c, 0, &fd) || !get_ids(c, &u, &g)) return false;
  return fchown(fd, u, g) == 0 ? true : fail_sys(c, errno, "fchown");
}

static bool get_times(fs_call *c, struct timespec ts[2]) {
  double a = 0, m = 0; /* set by get_time; GCC -O3 cannot see it */
  if (!get_time(c, arg(c, 1), &a) || !get_time(c, arg(c, 2), &m)) return false;
  ts[0] = to_timespec(a);
  ts[1] = to_timespec(m);
  return true;
}

/* node's syscall names for these are libuv's: utime, futime, lutime */
static bool op_utimes(fs_call *c) {
  struct timespec ts[2];
  if (!get_path(c, 0, "path", &c->path) || !get_times(c, ts)) return false;
  return utimensat(AT_FDCWD, c->path, ts, 0) == 0 ? true : fail_sys(c, errno, "utime");
}

static bool op_lutimes(fs_call *c) {
  struct timespec ts[2];
  if (!get_path(c, 0, "path", &c->path) || !get_times(c, ts)) return false;
  return utimensat(AT_FDCWD, c->path, ts, AT_SYMLINK_NOFOLLOW) == 0 ? true : fail_sys(c, errno, "lutime");
}

static bool op_futimes(fs_call *c) {
  int fd;
  struct timespec ts[2];
  if (!get_fd(c, 0, &fd) || !get_times(c, ts)) return false;
  return futimens(fd, ts) == 0 ? true : fail_sys(c, errno, "futime");
}

/* len: missing means 0, negative means 0 (node's MathMax(0, len)) */
static bool get_len(fs_call *c, js_val v, off_t *len) {
  double d = 0;
  if (v.kind != JS_UNDEFINED && !get_int(c, v, "len", -MAX_SAFE, MAX_SAFE, &d)) return false;
  *len = d < 0 ? 0 : (off_t)d;
  return true;
}

static bool op_ftruncate(fs_call *c) {
  int fd;
  off_t len;
  if (!get_fd(c, 0, &fd) || !get_len(c, arg(c, 1), &len)) return false;
  return ftruncate(fd, len) == 0 ? true : fail_sys(c, errno, "ftruncate");
}

/* node's truncate is open(path, 'r+') + ftruncate + close, and its errors are theirs */
static bool op_truncate(fs_call *c) {
  if (arg(c, 0).kind == JS_NUMBER) return op_ftruncate(c); /* node: a descriptor means ftruncate */
  off_t len;
  if (!get_path(c, 0, "path", &c->path) || !get_len(c, arg(c, 1), &len)) return false;
  int fd;
  do fd = open(c->path, O_RDWR | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return fail_sys(c, errno, "open");
  int err = ftruncate(fd, len) == 0 ? 0 : errno;
  close(fd);
  if (err) c->err_nopath = true;
  return err ? fail_sys(c, err, "ftruncate") : true;
}

static bool op_readlink(fs_call *c) {
  if (!get_path(c, 0, "path", &c->path)) return false;
  size_t cap = 256;
  for (;;) {
    char *buf = malloc(cap);
    if (!buf) abort();
    ssize_t n = readlink(c->path, buf, cap);
    if (n < 0) {
      free(buf);
      return fail_sys(c, errno, "readlink");
    }
    if ((size_t)n < cap) {
      put_val(c, js_string(c->js, buf, (size_t)n));
      free(buf);
      return true;
    }
    free(buf); /* possibly truncated: try again with more room */
    cap *= 2;
  }
}

static bool op_fsync(fs_call *c) {
  int fd;
  if (!get_fd(c, 0, &fd)) return false;
  return fsync(fd) == 0 ? true : fail_sys(c, errno, "fsync");
}

static bool op_fdatasync(fs_call *c) {
  int fd;
  if (!get_fd(c, 0, &fd)) return false;
  return fdatasync(fd) == 0 ? true : fail_sys(c, errno, "fdatasync");
}

static bool op_access(fs_call *c) {
  double mode = F_OK;
  if (!get_path(c, 0, "path", &c->path)) return false;
  if (!is_nullish(arg(c, 1)) && !get_int(c, arg(c, 1), "mode", 0, 7, &mode)) return false;
  return access(c->path, (int)mode) == 0 ? true : fail_sys(c, errno, "access");
}

/* realpath(3), as fs.realpath.native */
static bool op_realpath(fs_call *c) {
  if (!get_path(c, 0, "path", &c->path)) return false;
  char *r = realpath(c->path, NULL);
  if (!r) return fail_sys(c, errno, "realpath");
  put_val(c, js_cstring(c->js, r));
  free(r);
  return true;
}

/* readFileSync(path | fd, encoding | {encoding, flag}): the bytes, or a string for utf8 */
static bool op_read_file(fs_call *c) {
  js_val opt = arg(c, 1), enc = js_undefined(), flag = js_undefined();
  if (opt.kind == JS_STRING) {
    enc = js_retain(opt);
  } else if (opt.kind == JS_OBJECT) {
    enc = js_get(c->js, opt, "encoding");
    flag = js_get(c->js, opt, "flag");
  }
  bool utf8 = enc.kind == JS_STRING && (!strcmp(js_str_data(enc), "utf8") || !strcmp(js_str_data(enc), "utf-8"));
  int flags = O_RDONLY, fd;
  bool ok = get_flags(c, flag, "flags", &flags);
  js_release(c->js, enc);
  js_release(c->js, flag);
  if (!ok) return false;
  bool own = arg(c, 0).kind != JS_NUMBER;
  if (!own) {
    if (!get_fd(c, 0, &fd)) return false;
  } else {
    if (!get_path(c, 0, "path", &c->path)) return false;
    do fd = open(c->path, flags | O_CLOEXEC, 0666);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) return fail_sys(c, errno, "open");
  }
  size_t n = 0, cap = 8192;
  uint8_t *data = malloc(cap);
  if (!data) abort();
  int err = 0;
  for (;;) {
    if (n == cap) {
      cap *= 2;
      data = realloc(data, cap);
      if (!data) abort();
    }
    ssize_t r = read_once(fd, data + n, cap - n, -1);
    if (r < 0) err = errno;
    if (r <= 0) break;
    n += (size_t)r;
    if (n > INT32_MAX) break;
  }
  if (own) close(fd);
  if (err) {
    free(data);
    c->err_nopath = true;
    return fail_sys(c, err, "read");
  }
  if (n > INT32_MAX) {
    free(data);
    return fail_arg(c, "RangeError", "ERR_FS_FILE_TOO_LARGE", "File size (%zu) is greater than 2 GiB", n);
  }
  put_val(c, utf8 ? js_string(c->js, (const char *)data, n) : js_objv(js_new_u8(c->js, data, (uint32_t)n)));
  free(data);
  return true;
}

/* ---- the method table and its two calling conventions ---- */

typedef struct fs_method {
  const char *name;       /* callback form, or NULL */
  const char *sync_name;  /* Sync form, or NULL */
  fs_op op;
} fs_method;

static const fs_method methods[] = {
  {"open", "openSync", op_open},
  {"close", "closeSync", op_close},
  {"read", "readSync", op_read},
  {"write", "writeSync", op_write},
  {"stat", "statSync", op_stat},
  {"lstat", "lstatSync", op_lstat},
  {"fstat", "fstatSync", op_fstat},
  {"readdir", "readdirSync", op_readdir},
  {"mkdir", "mkdirSync", op_mkdir},
  {"unlink", "unlinkSync", op_unlink},
  {"rmdir", "rmdirSync", op_rmdir},
  {"rename", "renameSync", op_rename},
  {"link", "linkSync", op_link},
  {"symlink", "symlinkSync", op_symlink},
  {"readlink", "readlinkSync", op_readlink},
  {"chmod", "chmodSync", op_chmod},
  {"fchmod", "fchmodSync", op_fchmod},
  {"chown", "chownSync", op_chown},
  {"fchown", "fchownSync", op_fchown},
  {"lchown", "lchownSync", op_lchown},
  {"utimes", "utimesSync", op_utimes},
  {"futimes", "futimesSync", op_futimes},
  {"lutimes", "lutimesSync", op_lutimes},
  {"truncate", "truncateSync", op_truncate},
  {"ftruncate", "ftruncateSync", op_ftruncate},
  {"fsync", "fsyncSync", op_fsync},
  {"fdatasync", "fdatasyncSync", op_fdatasync},
  {"access", "accessSync", op_access},
  {"realpath", "realpathSync", op_realpath},
  {NULL, "readFileSync", op_read_file},
};
enum { N_METHODS = sizeof methods / sizeof methods[0] };

static void call_free(fs_call *c) {
  for (uint32_t i = 0; i < c->nvals; i++) js_release(c->js, c->vals[i]);
  free(c->path);
  free(c->dest);
}

static js_obj *call_error(fs_call *c) {
  return syserror(c->js, c->err, c->syscall, c->err_nopath ? NULL : c->path, c->dest);
}

/* fs.<name>(args..., callback): do it now, call back later */
static bool fs_async(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                     bool construct) {
  (void)self;
  const struct fs_bound *b = data;
  fs_call c = {.js = js, .ctx = b->ctx, .args = args, .argc = argc, .thrown = result};
  if (construct) return js_throw(js, result, "TypeError", "fs.%s is not a constructor", b->m->name);
  js_val cb = argc ? args[argc - 1] : js_undefined();
  if (!js_is_fn(cb)) return bad_type(&c, "cb", "of type function", cb);
  c.argc = argc - 1;
  c.cb = cb;
  if (!b->m->op(&c)) {
    call_free(&c);
    return false;
  }
  if (!c.deferred) {
    js_val out[3];
    uint32_t n = 0;
    out[n++] = c.err ? js_objv(call_error(&c)) : js_null();
    if (!c.err || c.vals_on_error)
      for (uint32_t i = 0; i < c.nvals; i++) out[n++] = c.vals[i];
    js_enqueue_call(js, cb, out, n);
    js_release(js, out[0]);
  }
  call_free(&c);
  *result = js_undefined();
  return true;
}

/* fs.<name>Sync(args...): the first result, or the error thrown */
static bool fs_sync(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                    bool construct) {
  (void)self;
  const struct fs_bound *b = data;
  fs_call c = {.js = js, .ctx = b->ctx, .args = args, .argc = argc, .cb = js_undefined(), .thrown = result};
  if (construct) return js_throw(js, result, "TypeError", "fs.%s is not a constructor", b->m->sync_name);
  if (!b->m->op(&c)) {
    call_free(&c);
    return false;
  }
  bool ok = c.err == 0;
  if (!ok) *result = js_objv(call_error(&c));
  else *result = c.nvals ? js_retain(c.vals[0]) : js_undefined();
  call_free(&c);
  return ok;
}

/* existsSync(path): true if access(F_OK) succeeds; never throws */
static bool fs_exists_sync(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                           bool construct) {
  (void)self, (void)data, (void)construct;
  js_val thrown = js_undefined();
  fs_call c = {.js = js, .args = args, .argc = argc, .thrown = &thrown};
  bool exists = false;
  if (get_path(&c, 0, "path", &c.path)) exists = access(c.path, F_OK) == 0;
  js_release(js, thrown);
  call_free(&c);
  *result = js_bool(exists);
  return true;
}

/* ---- installation ---- */

/* fs.constants, in node's order (Linux values come from the system headers) */
static const struct {
  const char *name;
  int value;
} constants[] = {
  {"O_RDONLY", O_RDONLY},   {"O_WRONLY", O_WRONLY},       {"O_RDWR", O_RDWR},       {"S_IFMT", S_IFMT},
  {"S_IFREG", S_IFREG},     {"S_IFDIR", S_IFDIR},         {"S_IFCHR", S_IFCHR},     {"S_IFBLK", S_IFBLK},
  {"S_IFIFO", S_IFIFO},     {"S_IFLNK", S_IFLNK},         {"S_IFSOCK", S_IFSOCK},   {"O_CREAT", O_CREAT},
  {"O_EXCL", O_EXCL},       {"O_NOCTTY", O_NOCTTY},       {"O_TRUNC", O_TRUNC},     {"O_APPEND", O_APPEND},
  {"O_DIRECTORY", O_DIRECTORY},
#ifdef O_NOATIME
  {"O_NOATIME", O_NOATIME},
#endif
  {"O_NOFOLLOW", O_NOFOLLOW}, {"O_SYNC", O_SYNC},         {"O_DSYNC", O_DSYNC},
#ifdef O_DIRECT
  {"O_DIRECT", O_DIRECT},
#endif
  {"O_NONBLOCK", O_NONBLOCK}, {"S_IRWXU", S_IRWXU},       {"S_IRUSR", S_IRUSR},     {"S_IWUSR", S_IWUSR},
  {"S_IXUSR", S_IXUSR},     {"S_IRWXG", S_IRWXG},         {"S_IRGRP", S_IRGRP},     {"S_IWGRP", S_IWGRP},
  {"S_IXGRP", S_IXGRP},     {"S_IRWXO", S_IRWXO},         {"S_IROTH", S_IROTH},     {"S_IWOTH", S_IWOTH},
  {"S_IXOTH", S_IXOTH},     {"F_OK", F_OK},               {"R_OK", R_OK},           {"W_OK", W_OK},
  {"X_OK", X_OK},
};

void js_install_fs(pg_js *js, js_obj *global) {
  js_obj *fs = js_new_object(js);

  js_obj *k = js_new_object(js);
  for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
    js_put(js, k, constants[i].name, js_num(constants[i].value));
  js_put(js, fs, "constants", js_objv(k));

  /* The bindings live in a Uint8Array nothing else refers to; its one reference is
   * never dropped, so it lasts as long as the instance and is freed with it. */
  size_t size = sizeof(fs_ctx) + N_METHODS * sizeof(struct fs_bound);
  js_obj *holder = js_new_u8(js, NULL, (uint32_t)size);
  fs_ctx *ctx = (fs_ctx *)(void *)holder->u.u8.data;

  js_obj *stats = js_new_function(js, "Stats", stats_new, ctx);
  stats->u.fn.super = js->ctor_object;
  js_obj *proto = js_new_object(js);
  for (size_t i = 0; i < sizeof stats_methods / sizeof stats_methods[0]; i++)
    js_put_fn(js, proto, stats_methods[i].name, stats_is, (void *)(uintptr_t)stats_methods[i].type);
  js_put(js, stats, "prototype", js_objv(proto));
  ctx->stats_ctor = stats; /* the reference fs.Stats holds is taken below; this one is the context's */
  js_put(js, fs, "Stats", js_retain(js_objv(stats)));

  for (size_t i = 0; i < N_METHODS; i++) {
    ctx->bound[i] = (struct fs_bound){&methods[i], ctx};
    if (methods[i].name) js_put_fn(js, fs, methods[i].name, fs_async, &ctx->bound[i]);
    if (methods[i].sync_name) js_put_fn(js, fs, methods[i].sync_name, fs_sync, &ctx->bound[i]);
  }
  js_put_fn(js, fs, "existsSync", fs_exists_sync, NULL);

  js_put(js, global, "fs", js_objv(fs));
}
