/*
 * js_fs.c - node's fs module as the Go host provides it (rt/js_fs.c), driven from C the
 * way Go's syscall/fs_js.go drives it: fs.<name>(args..., callback), with the callback
 * queued and delivered later.
 *
 * Each test gets a fresh host (js_host_new with a stub instance: the object model and
 * the loop's queue need no Go code) and a fresh scratch directory as the working
 * directory. The event loop itself needs Go to resume, so `drain` delivers the queued
 * callbacks exactly as loop.c does (ring order from qhead) and `fire_wait` plays the
 * poll() that completes a pending read.
 *
 * Expected texts, codes and argument counts were taken from node 20 on Linux.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../rt/js_host.h"

static pg_go go_stub;
static pg_js *js;
static js_val fs;
static char scratch[256];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  chmod(path, 0700);
  return remove(path);
}

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/pogo-js-fs-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(scratch));
  cr_assert_eq(chdir(scratch), 0);
  memset(&go_stub, 0, sizeof go_stub);
  js = js_host_new(&go_stub, 0, NULL, NULL);
  fs = js_get(js, js_objv(js->global), "fs");
  cr_assert(js_is_obj(fs));
}

static void teardown(void) {
  js_release(js, fs);
  js_host_free(js);
  if (chdir("/") == 0) nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(js_fs, .init = setup, .fini = teardown, .timeout = 20);

/* ---- a callback that records what it was called with ---- */

typedef struct rec {
  int calls;
  uint32_t argc;
  js_val args[4];
} rec;

static bool record(pg_js *host, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                   bool construct) {
  (void)self, (void)construct;
  rec *r = data;
  for (uint32_t i = 0; i < 4; i++) js_release(host, r->args[i]);
  r->calls++;
  r->argc = argc;
  for (uint32_t i = 0; i < 4; i++) r->args[i] = i < argc ? js_retain(args[i]) : js_undefined();
  *result = js_undefined();
  return true;
}

static void rec_free(rec *r) {
  for (uint32_t i = 0; i < 4; i++) js_release(js, r->args[i]);
  memset(r, 0, sizeof *r);
}

/* Deliver the queued callbacks in order, as the loop's callbacks phase does. */
static int drain(void) {
  int n = 0;
  while (js->qlen) {
    js_task t = js->queue[js->qhead];
    js->qhead = (js->qhead + 1) % js->qcap;
    js->qlen--;
    js_val r;
    cr_assert(js_call(js, t.fn, js_undefined(), t.args, t.nargs, &r));
    js_release(js, r);
    js_release(js, t.fn);
    for (uint32_t i = 0; i < t.nargs; i++) js_release(js, t.args[i]);
    free(t.args);
    n++;
  }
  return n;
}

/* Complete the oldest pending wait, as the loop does once poll() says it is ready. */
static void fire_wait(void) {
  cr_assert_gt(js->nwaits, 0);
  js_wait w = js->waits[0];
  memmove(js->waits, js->waits + 1, (js->nwaits - 1) * sizeof w);
  js->nwaits--;
  w.done(js, w.data);
}

/* ---- calling fs ---- */

static js_val S(const char *s) { return js_cstring(js, s); }
static js_val N(double d) { return js_num(d); }
static js_val U8(const char *s) { return js_objv(js_new_u8(js, (const uint8_t *)s, (uint32_t)strlen(s))); }
static js_val Z(uint32_t n) { return js_objv(js_new_u8(js, NULL, n)); }

/* fs[name](args..., callback) (the args are consumed); asserts the callback was queued,
 * not called, then delivers it and returns with *r filled. */
static void call_async(const char *name, rec *r, js_val *args, uint32_t n) {
  rec_free(r);
  js_val all[8];
  cr_assert_lt(n, 8);
  memcpy(all, args, n * sizeof *args);
  all[n] = js_objv(js_new_function(js, "cb", record, r));
  uint32_t queued = js->qlen;
  js_val res;
  bool ok = js_call_method(js, fs, name, all, n + 1, &res);
  if (!ok) {
    char *s = js_to_cstring(js, res);
    cr_assert(ok, "fs.%s threw %s", name, s);
  }
  cr_assert_eq(res.kind, JS_UNDEFINED);
  js_release(js, res);
  for (uint32_t i = 0; i <= n; i++) js_release(js, all[i]);
  cr_assert_eq(r->calls, 0, "fs.%s called back synchronously", name);
  if (js->nwaits == 0) cr_assert_eq(js->qlen, queued + 1, "fs.%s queued one callback", name);
  drain();
}

#define NARGS(...) (sizeof((js_val[]){__VA_ARGS__}) / sizeof(js_val))
#define ASYNC(name, r, ...) call_async(name, r, (js_val[]){__VA_ARGS__}, NARGS(__VA_ARGS__))

/* fs[name](args...) synchronously; returns whether it returned (else *out is thrown) */
static bool call_sync(const char *name, js_val *args, uint32_t n, js_val *out) {
  bool ok = js_call_method(js, fs, name, args, n, out);
  for (uint32_t i = 0; i < n; i++) js_release(js, args[i]);
  return ok;
}

#define SYNC(name, out, ...) call_sync(name, (js_val[]){__VA_ARGS__}, NARGS(__VA_ARGS__), out)

static double num_prop(js_val o, const char *key) {
  js_val v = js_get(js, o, key);
  cr_assert_eq(v.kind, JS_NUMBER, "%s is a number", key);
  return v.u.n;
}

static void assert_str_prop(js_val o, const char *key, const char *want) {
  js_val v = js_get(js, o, key);
  if (!want) {
    cr_assert_eq(v.kind, JS_UNDEFINED, "%s is absent", key);
    return;
  }
  cr_assert_eq(v.kind, JS_STRING, "%s is a string", key);
  cr_assert_str_eq(js_str_data(v), want);
  js_release(js, v);
}

static bool method_true(js_val o, const char *method) {
  js_val r;
  cr_assert(js_call_method(js, o, method, NULL, 0, &r));
  cr_assert_eq(r.kind, JS_BOOL);
  return r.u.b;
}

/* a node system error, property by property */
static void assert_syserr(js_val e, const char *message, const char *code, int err, const char *syscall,
                          const char *path, const char *dest) {
  cr_assert(js_is_obj(e), "an error object");
  cr_assert_eq(e.u.o->cls, JSC_ERROR);
  js_val ctor = js_get(js, js_objv(js->global), "Error");
  cr_assert(js_instance_of(e, ctor), "instanceof Error");
  js_release(js, ctor);
  assert_str_prop(e, "message", message);
  assert_str_prop(e, "code", code);
  cr_assert_eq(num_prop(e, "errno"), -err);
  assert_str_prop(e, "syscall", syscall);
  assert_str_prop(e, "path", path);
  assert_str_prop(e, "dest", dest);
}

static void assert_ok(const rec *r, uint32_t argc) {
  cr_assert_eq(r->calls, 1);
  if (r->args[0].kind != JS_NULL) {
    char *s = js_to_cstring(js, r->args[0]);
    cr_assert_eq(r->args[0].kind, JS_NULL, "no error expected, got %s", s);
  }
  cr_assert_eq(r->argc, argc, "callback argument count %u, want %u", r->argc, argc);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

static int open_fd(const char *path, const char *flags) {
  rec r = {0};
  ASYNC("open", &r, S(path), S(flags), N(0644));
  assert_ok(&r, 2);
  int fd = (int)r.args[1].u.n;
  rec_free(&r);
  return fd;
}

/* ---- tests ---- */

Test(js_fs, round_trip_open_write_read_close) {
  rec r = {0};
  ASYNC("open", &r, S("f"), N(O_CREAT | O_RDWR | O_TRUNC), N(0644));
  assert_ok(&r, 2);
  cr_assert_eq(r.args[1].kind, JS_NUMBER);
  int fd = (int)r.args[1].u.n;
  cr_assert_geq(fd, 3);

  js_val buf = U8("hello");
  ASYNC("write", &r, N(fd), js_retain(buf), N(0), N(5), js_null());
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 5);
  cr_assert(js_same(r.args[2], buf), "write calls back with the same buffer");
  js_release(js, buf);

  /* position given: pread, the file position stays at the end */
  js_val in = Z(8);
  ASYNC("read", &r, N(fd), js_retain(in), N(2), N(3), N(1));
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 3);
  cr_assert(js_same(r.args[2], in));
  cr_assert_eq(memcmp(in.u.o->u.u8.data, "\0\0ell\0\0\0", 8), 0);
  /* position null: read(2) at the current position, which is the end */
  ASYNC("read", &r, N(fd), js_retain(in), N(0), N(8), js_null());
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 0);
  js_release(js, in);

  ASYNC("close", &r, N(fd));
  assert_ok(&r, 1);
  rec_free(&r);
  cr_assert_eq(fcntl(fd, F_GETFD), -1, "the descriptor is closed");
}

Test(js_fs, the_system_call_happens_at_call_time_and_the_callback_later) {
  int fd = open("out", O_CREAT | O_RDWR | O_TRUNC, 0644);
  rec r = {0};
  js_val args[] = {N(fd), U8("abc"), N(0), N(3), js_null(), js_objv(js_new_function(js, "cb", record, &r))};
  js_val res;
  cr_assert(js_call_method(js, fs, "write", args, 6, &res));
  cr_assert_eq(r.calls, 0, "not called synchronously");
  cr_assert_eq(js->qlen, 1);
  char got[8] = {0};
  cr_assert_eq(pread(fd, got, sizeof got, 0), 3, "the bytes are written before any callback runs");
  cr_assert_str_eq(got, "abc");
  /* a second write is ordered after the first, both before their callbacks */
  js_val args2[] = {N(fd), U8("de"), N(0), N(2), js_null(), args[5]};
  cr_assert(js_call_method(js, fs, "write", args2, 6, &res));
  cr_assert_eq(js->qlen, 2);
  cr_assert_eq(pread(fd, got, sizeof got, 0), 5);
  cr_assert_str_eq(got, "abcde");
  for (int i = 0; i < 6; i++) js_release(js, args[i]);
  js_release(js, args2[1]);
  cr_assert_eq(drain(), 2);
  cr_assert_eq(r.calls, 2);
  cr_assert_eq(r.argc, 3);
  cr_assert_eq(r.args[0].kind, JS_NULL);
  cr_assert_eq(r.args[1].u.n, 2, "the second callback reports the second write");
  rec_free(&r);
  close(fd);
}

Test(js_fs, errors_are_node_system_errors) {
  rec r = {0};
  mkdir("d", 0755);
  write_file("d/f", "x");

  ASYNC("open", &r, S("nonexistent/x"), N(O_RDONLY), N(0666));
  cr_assert_eq(r.argc, 1, "an error is the only argument");
  assert_syserr(r.args[0], "ENOENT: no such file or directory, open 'nonexistent/x'", "ENOENT", ENOENT, "open",
                "nonexistent/x", NULL);

  ASYNC("open", &r, S("d/f"), N(O_CREAT | O_EXCL | O_WRONLY), N(0666));
  assert_syserr(r.args[0], "EEXIST: file already exists, open 'd/f'", "EEXIST", EEXIST, "open", "d/f", NULL);
  ASYNC("open", &r, S("d/f"), S("wx"), N(0666));
  assert_syserr(r.args[0], "EEXIST: file already exists, open 'd/f'", "EEXIST", EEXIST, "open", "d/f", NULL);

  ASYNC("open", &r, S("d"), N(O_WRONLY), N(0666));
  assert_syserr(r.args[0], "EISDIR: illegal operation on a directory, open 'd'", "EISDIR", EISDIR, "open", "d", NULL);

  ASYNC("open", &r, S("d/f/x"), N(O_RDONLY), N(0666));
  assert_syserr(r.args[0], "ENOTDIR: not a directory, open 'd/f/x'", "ENOTDIR", ENOTDIR, "open", "d/f/x", NULL);

  ASYNC("rmdir", &r, S("d"));
  assert_syserr(r.args[0], "ENOTEMPTY: directory not empty, rmdir 'd'", "ENOTEMPTY", ENOTEMPTY, "rmdir", "d", NULL);

  ASYNC("close", &r, N(999));
  cr_assert_eq(r.argc, 1);
  assert_syserr(r.args[0], "EBADF: bad file descriptor, close", "EBADF", EBADF, "close", NULL, NULL);

  ASYNC("fstat", &r, N(999));
  assert_syserr(r.args[0], "EBADF: bad file descriptor, fstat", "EBADF", EBADF, "fstat", NULL, NULL);

  ASYNC("readdir", &r, S("d/f"));
  assert_syserr(r.args[0], "ENOTDIR: not a directory, scandir 'd/f'", "ENOTDIR", ENOTDIR, "scandir", "d/f", NULL);

  ASYNC("rename", &r, S("d/none"), S("d/x"));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, rename 'd/none' -> 'd/x'", "ENOENT", ENOENT, "rename",
                "d/none", "d/x");
  ASYNC("link", &r, S("d/none"), S("d/x"));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, link 'd/none' -> 'd/x'", "ENOENT", ENOENT, "link",
                "d/none", "d/x");
  ASYNC("symlink", &r, S("f"), S("d/f"));
  assert_syserr(r.args[0], "EEXIST: file already exists, symlink 'f' -> 'd/f'", "EEXIST", EEXIST, "symlink", "f",
                "d/f");

  ASYNC("utimes", &r, S("d/none"), N(1), N(2));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, utime 'd/none'", "ENOENT", ENOENT, "utime", "d/none",
                NULL);
  ASYNC("futimes", &r, N(999), N(1), N(2));
  assert_syserr(r.args[0], "EBADF: bad file descriptor, futime", "EBADF", EBADF, "futime", NULL, NULL);
  ASYNC("readlink", &r, S("d/f"));
  assert_syserr(r.args[0], "EINVAL: invalid argument, readlink 'd/f'", "EINVAL", EINVAL, "readlink", "d/f", NULL);
  ASYNC("unlink", &r, S("d/none"));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, unlink 'd/none'", "ENOENT", ENOENT, "unlink", "d/none",
                NULL);
  ASYNC("lchown", &r, S("d/none"), N(4294967295.0), N(4294967295.0));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, lchown 'd/none'", "ENOENT", ENOENT, "lchown", "d/none",
                NULL);
  ASYNC("fdatasync", &r, N(999));
  assert_syserr(r.args[0], "EBADF: bad file descriptor, fdatasync", "EBADF", EBADF, "fdatasync", NULL, NULL);
  ASYNC("access", &r, S("d/f"), N(X_OK));
  assert_syserr(r.args[0], "EACCES: permission denied, access 'd/f'", "EACCES", EACCES, "access", "d/f", NULL);
  rec_free(&r);
}

Test(js_fs, read_and_write_errors_call_back_with_zero_and_the_buffer) {
  rec r = {0};
  js_val buf = Z(4);
  ASYNC("read", &r, N(999), js_retain(buf), N(0), N(4), js_null());
  cr_assert_eq(r.argc, 3, "node: (err, 0, buffer)");
  assert_syserr(r.args[0], "EBADF: bad file descriptor, read", "EBADF", EBADF, "read", NULL, NULL);
  cr_assert_eq(r.args[1].u.n, 0);
  cr_assert(js_same(r.args[2], buf));
  ASYNC("write", &r, N(999), js_retain(buf), N(0), N(4), js_null());
  cr_assert_eq(r.argc, 3);
  assert_syserr(r.args[0], "EBADF: bad file descriptor, write", "EBADF", EBADF, "write", NULL, NULL);
  js_release(js, buf);
  rec_free(&r);
}

/* util.getSystemErrorName(-n) for n = 1..133 in node 20 on Linux */
static const char *const node_codes[134] = {
  NULL, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", NULL, "EBADF", NULL, "EAGAIN", "ENOMEM",
  "EACCES", "EFAULT", NULL, "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE",
  "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", NULL, "ERANGE", NULL,
  "ENAMETOOLONG", NULL, "ENOSYS", "ENOTEMPTY", "ELOOP", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "EUNATCH",
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "ENODATA", NULL, NULL, "ENONET", NULL, NULL,
  NULL, NULL, NULL, NULL, "EPROTO", NULL, NULL, NULL, "EOVERFLOW", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  "EILSEQ", NULL, NULL, NULL, "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT",
  "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "ENOTSUP", NULL, "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN",
  "ENETUNREACH", NULL, "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", NULL,
  "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", NULL, NULL, NULL, NULL, NULL, NULL,
  "EREMOTEIO", NULL, NULL, NULL, "ECANCELED", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

Test(js_fs, every_linux_errno_gets_nodes_code) {
  for (int e = 1; e <= 133; e++) {
    js_val err = js_objv(js_new_syserror(js, e, "open", "x"));
    char unknown[48];
    snprintf(unknown, sizeof unknown, "Unknown system error -%d", e);
    const char *want = node_codes[e] ? node_codes[e] : unknown;
    js_val code = js_get(js, err, "code");
    cr_assert_str_eq(js_str_data(code), want, "errno %d", e);
    cr_assert_eq(num_prop(err, "errno"), -e);
    js_release(js, code);
    js_release(js, err);
  }
}

Test(js_fs, messages_match_node) {
  static const struct {
    int err;
    const char *syscall, *path, *message;
  } cases[] = {
    {EDQUOT, "open", "x", "Unknown system error -122: Unknown system error -122, open 'x'"},
    {ESTALE, "stat", "x", "Unknown system error -116: Unknown system error -116, stat 'x'"},
    {EOPNOTSUPP, "open", "x", "ENOTSUP: operation not supported on socket, open 'x'"},
    {EPERM, "unlink", "x", "EPERM: operation not permitted, unlink 'x'"},
    {ENOSPC, "write", NULL, "ENOSPC: no space left on device, write"},
    {EFBIG, "write", NULL, "EFBIG: file too large, write"},
    {EPIPE, "write", NULL, "EPIPE: broken pipe, write"},
    {ELOOP, "open", "l", "ELOOP: too many symbolic links encountered, open 'l'"},
    {EINVAL, "read", NULL, "EINVAL: invalid argument, read"},
    {ETXTBSY, "open", "p", "ETXTBSY: text file is busy, open 'p'"},
    {EAGAIN, "read", NULL, "EAGAIN: resource temporarily unavailable, read"},
    {EIO, "read", NULL, "EIO: i/o error, read"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    js_val e = js_objv(js_new_syserror(js, cases[i].err, cases[i].syscall, cases[i].path));
    assert_str_prop(e, "message", cases[i].message);
    assert_str_prop(e, "path", cases[i].path);
    js_release(js, e);
  }
}

Test(js_fs, stat_fields_and_type_methods) {
  write_file("f", "hello");
  mkdir("d", 0755);
  struct stat st;
  cr_assert_eq(stat("f", &st), 0);
  rec r = {0};
  ASYNC("stat", &r, S("f"));
  assert_ok(&r, 2);
  js_val s = r.args[1];
  cr_assert_eq(num_prop(s, "size"), 5);
  cr_assert_eq(num_prop(s, "ino"), (double)st.st_ino);
  cr_assert_eq(num_prop(s, "dev"), (double)st.st_dev);
  cr_assert_eq(num_prop(s, "mode"), st.st_mode);
  cr_assert_eq(num_prop(s, "nlink"), 1);
  cr_assert_eq(num_prop(s, "uid"), st.st_uid);
  cr_assert_eq(num_prop(s, "gid"), st.st_gid);
  cr_assert_eq(num_prop(s, "rdev"), 0);
  cr_assert_eq(num_prop(s, "blksize"), st.st_blksize);
  cr_assert_eq(num_prop(s, "blocks"), st.st_blocks);
  double ms = (double)st.st_mtim.tv_sec * 1e3 + (double)st.st_mtim.tv_nsec / 1e6;
  cr_assert_eq(num_prop(s, "mtimeMs"), ms);
  js_val date = js_get(js, s, "mtime");
  cr_assert(js_is_obj(date) && date.u.o->cls == JSC_DATE);
  cr_assert_eq(date.u.o->u.date.ms, floor(ms + 0.5), "the Date is Math.round(mtimeMs)");
  js_release(js, date);
  for (size_t i = 0; i < 4; i++) {
    static const char *const keys[] = {"atimeMs", "ctimeMs", "birthtimeMs", "atime"};
    js_val v = js_get(js, s, keys[i]);
    cr_assert_neq(v.kind, JS_UNDEFINED, "%s", keys[i]);
    js_release(js, v);
  }
  cr_assert(method_true(s, "isFile"));
  cr_assert_not(method_true(s, "isDirectory"));
  cr_assert_not(method_true(s, "isSymbolicLink"));
  js_val stats_ctor = js_get(js, fs, "Stats");
  cr_assert(js_instance_of(s, stats_ctor));
  js_release(js, stats_ctor);

  ASYNC("lstat", &r, S("d"));
  assert_ok(&r, 2);
  cr_assert(method_true(r.args[1], "isDirectory"));
  cr_assert_not(method_true(r.args[1], "isFile"));

  int fd = open("f", O_RDONLY);
  ASYNC("fstat", &r, N(fd));
  assert_ok(&r, 2);
  cr_assert_eq(num_prop(r.args[1], "ino"), (double)st.st_ino);
  close(fd);

  ASYNC("fstat", &r, N(0));
  assert_ok(&r, 2);
  rec_free(&r);
}

Test(js_fs, stat_times_round_like_node) {
  write_file("f", "");
  /* node: 1700000000 s + 999999999 ns -> mtimeMs 1700000001000 (the double rounds up),
   * so Go sees 1700000001 s */
  struct timespec ts[2] = {{1700000000, 999999999}, {1700000000, 999999999}};
  cr_assert_eq(utimensat(AT_FDCWD, "f", ts, 0), 0);
  rec r = {0};
  ASYNC("stat", &r, S("f"));
  assert_ok(&r, 2);
  cr_assert_eq(num_prop(r.args[1], "mtimeMs"), 1700000001000.0);
  cr_assert_eq(num_prop(r.args[1], "atimeMs"), 1700000001000.0);
  js_val d = js_get(js, r.args[1], "mtime");
  cr_assert_eq(d.u.o->u.date.ms, 1700000001000.0);
  js_release(js, d);

  /* fs.utimes takes fractional seconds, truncated to microseconds as libuv does;
   * values from node 20 */
  ASYNC("utimes", &r, S("f"), N(1234.56789), N(1e9));
  assert_ok(&r, 1);
  struct stat st;
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_atim.tv_sec, 1234);
  cr_assert_eq(st.st_atim.tv_nsec, 567890000);
  cr_assert_eq(st.st_mtim.tv_sec, 1000000000);
  cr_assert_eq(st.st_mtim.tv_nsec, 0);
  ASYNC("stat", &r, S("f"));
  cr_assert_eq(num_prop(r.args[1], "atimeMs"), 1234567.89);

  ASYNC("utimes", &r, S("f"), N(0.0000015), N(1.0000005));
  assert_ok(&r, 1);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_atim.tv_sec, 0);
  cr_assert_eq(st.st_atim.tv_nsec, 1000);
  cr_assert_eq(st.st_mtim.tv_sec, 1);
  cr_assert_eq(st.st_mtim.tv_nsec, 0);

  /* a numeric string, a Date, and a negative number (= now) */
  ASYNC("utimes", &r, S("f"), S("77"), js_objv(js_new_date(js, 5500)));
  assert_ok(&r, 1);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_atim.tv_sec, 77);
  cr_assert_eq(st.st_mtim.tv_sec, 5);
  cr_assert_eq(st.st_mtim.tv_nsec, 500000000);
  time_t now = time(NULL);
  ASYNC("utimes", &r, S("f"), N(-5), N(3));
  assert_ok(&r, 1);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_geq(st.st_atim.tv_sec, now - 1);
  cr_assert_eq(st.st_mtim.tv_sec, 3);

  int fd = open("f", O_RDONLY);
  ASYNC("futimes", &r, N(fd), N(10), N(20));
  assert_ok(&r, 1);
  close(fd);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_mtim.tv_sec, 20);
  rec_free(&r);
}

Test(js_fs, readdir_sorts_bytewise_without_dot_entries) {
  mkdir("u", 0755);
  static const char *const names[] = {"u/b\xffz", "u/B", "u/a", "u/\xc3\xa9", "u/_"};
  for (size_t i = 0; i < 5; i++) write_file(names[i], "");
  rec r = {0};
  ASYNC("readdir", &r, S("u"));
  assert_ok(&r, 2);
  js_val arr = r.args[1];
  cr_assert_eq(arr.u.o->cls, JSC_ARRAY);
  /* node 20: ["B","_","a","b\ufffdz","é"] */
  static const char *const want[] = {"B", "_", "a", "b\xef\xbf\xbdz", "\xc3\xa9"};
  cr_assert_eq(num_prop(arr, "length"), 5);
  for (uint32_t i = 0; i < 5; i++) {
    js_val v = js_get_index(js, arr, i);
    cr_assert_str_eq(js_str_data(v), want[i]);
    js_release(js, v);
  }
  mkdir("empty", 0755);
  ASYNC("readdir", &r, S("empty"));
  assert_ok(&r, 2);
  cr_assert_eq(num_prop(r.args[1], "length"), 0);
  rec_free(&r);
}

Test(js_fs, mkdir_plain_and_recursive) {
  rec r = {0};
  ASYNC("mkdir", &r, S("m"), N(0750));
  assert_ok(&r, 1);
  struct stat st;
  cr_assert_eq(stat("m", &st), 0);
  cr_assert(S_ISDIR(st.st_mode));

  ASYNC("mkdir", &r, S("m"), N(0777));
  assert_syserr(r.args[0], "EEXIST: file already exists, mkdir 'm'", "EEXIST", EEXIST, "mkdir", "m", NULL);

  js_obj *opt = js_new_object(js);
  js_put(js, opt, "recursive", js_bool(true));
  /* node: (null, the first directory created) */
  ASYNC("mkdir", &r, S("a/b/c"), js_retain(js_objv(opt)));
  assert_ok(&r, 2);
  cr_assert_str_eq(js_str_data(r.args[1]), "a");
  cr_assert_eq(stat("a/b/c", &st), 0);
  /* nothing created: (null) alone */
  ASYNC("mkdir", &r, S("a/b/c"), js_retain(js_objv(opt)));
  assert_ok(&r, 1);
  ASYNC("mkdir", &r, S("m/n"), js_retain(js_objv(opt)));
  assert_ok(&r, 2);
  cr_assert_str_eq(js_str_data(r.args[1]), "m/n");

  write_file("f", "");
  ASYNC("mkdir", &r, S("f"), js_retain(js_objv(opt)));
  assert_syserr(r.args[0], "EEXIST: file already exists, mkdir 'f'", "EEXIST", EEXIST, "mkdir", "f", NULL);
  ASYNC("mkdir", &r, S("f/g/h"), js_retain(js_objv(opt)));
  assert_syserr(r.args[0], "ENOTDIR: not a directory, mkdir 'f/g/h'", "ENOTDIR", ENOTDIR, "mkdir", "f/g/h", NULL);
  js_release(js, js_objv(opt));
  rec_free(&r);
}

Test(js_fs, rename_unlink_rmdir) {
  write_file("f", "x");
  mkdir("d", 0755);
  rec r = {0};
  ASYNC("rename", &r, S("f"), S("d/g"));
  assert_ok(&r, 1);
  cr_assert_eq(access("f", F_OK), -1);
  cr_assert_eq(access("d/g", F_OK), 0);
  ASYNC("unlink", &r, S("d/g"));
  assert_ok(&r, 1);
  cr_assert_eq(access("d/g", F_OK), -1);
  ASYNC("rmdir", &r, S("d"));
  assert_ok(&r, 1);
  cr_assert_eq(access("d", F_OK), -1);
  write_file("a", "1");
  ASYNC("link", &r, S("a"), S("b"));
  assert_ok(&r, 1);
  struct stat st;
  cr_assert_eq(stat("a", &st), 0);
  cr_assert_eq(st.st_nlink, 2);
  rec_free(&r);
}

Test(js_fs, symlink_readlink_lstat_realpath) {
  write_file("target", "t");
  rec r = {0};
  ASYNC("symlink", &r, S("target"), S("ln"));
  assert_ok(&r, 1);
  ASYNC("readlink", &r, S("ln"));
  assert_ok(&r, 2);
  cr_assert_eq(r.args[1].kind, JS_STRING);
  cr_assert_str_eq(js_str_data(r.args[1]), "target");
  ASYNC("lstat", &r, S("ln"));
  assert_ok(&r, 2);
  cr_assert(method_true(r.args[1], "isSymbolicLink"));
  ASYNC("stat", &r, S("ln"));
  assert_ok(&r, 2);
  cr_assert(method_true(r.args[1], "isFile"));
  ASYNC("realpath", &r, S("ln"));
  assert_ok(&r, 2);
  char *want = realpath("target", NULL);
  cr_assert_str_eq(js_str_data(r.args[1]), want);
  free(want);

  ASYNC("symlink", &r, S("nowhere"), S("dangling"));
  ASYNC("stat", &r, S("dangling"));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, stat 'dangling'", "ENOENT", ENOENT, "stat", "dangling",
                NULL);
  ASYNC("lstat", &r, S("dangling"));
  assert_ok(&r, 2);
  rec_free(&r);
}

Test(js_fs, truncate_and_ftruncate) {
  write_file("f", "hello world");
  rec r = {0};
  struct stat st;
  ASYNC("truncate", &r, S("f"), N(5));
  assert_ok(&r, 1);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_size, 5);
  ASYNC("truncate", &r, S("f"));
  assert_ok(&r, 1);
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_size, 0);
  /* node's truncate opens the file first: its error is open's */
  ASYNC("truncate", &r, S("none"), N(0));
  assert_syserr(r.args[0], "ENOENT: no such file or directory, open 'none'", "ENOENT", ENOENT, "open", "none", NULL);

  int fd = open("f", O_RDWR);
  ASYNC("ftruncate", &r, N(fd), N(100));
  assert_ok(&r, 1);
  cr_assert_eq(fstat(fd, &st), 0);
  cr_assert_eq(st.st_size, 100);
  ASYNC("ftruncate", &r, N(fd), N(-3));
  assert_ok(&r, 1);
  cr_assert_eq(fstat(fd, &st), 0);
  cr_assert_eq(st.st_size, 0, "a negative length is 0");
  close(fd);
  ASYNC("ftruncate", &r, N(999), N(0));
  assert_syserr(r.args[0], "EBADF: bad file descriptor, ftruncate", "EBADF", EBADF, "ftruncate", NULL, NULL);
  rec_free(&r);
}

Test(js_fs, chmod_shows_in_stat_mode) {
  write_file("f", "");
  rec r = {0};
  ASYNC("chmod", &r, S("f"), N(0600));
  assert_ok(&r, 1);
  ASYNC("stat", &r, S("f"));
  cr_assert_eq((int)num_prop(r.args[1], "mode") & 07777, 0600);
  cr_assert_eq((int)num_prop(r.args[1], "mode") & S_IFMT, S_IFREG);
  ASYNC("chmod", &r, S("f"), S("640"));
  assert_ok(&r, 1);
  struct stat st;
  cr_assert_eq(stat("f", &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0640);
  int fd = open("f", O_RDONLY);
  ASYNC("fchmod", &r, N(fd), N(0604));
  assert_ok(&r, 1);
  cr_assert_eq(fstat(fd, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0604);
  /* chown to -1/-1 (Go passes uint32(-1)) changes nothing and succeeds */
  ASYNC("fchown", &r, N(fd), N(4294967295.0), N(-1));
  assert_ok(&r, 1);
  ASYNC("chown", &r, S("f"), N(st.st_uid), N(st.st_gid));
  assert_ok(&r, 1);
  close(fd);
  rec_free(&r);
}

Test(js_fs, read_on_a_pipe_waits_instead_of_blocking) {
  int p[2];
  cr_assert_eq(pipe(p), 0);
  rec r = {0};
  js_val buf = Z(8);
  js_val args[] = {N(p[0]), js_retain(buf), N(0), N(8), js_null(), js_objv(js_new_function(js, "cb", record, &r))};
  js_val res;
  cr_assert(js_call_method(js, fs, "read", args, 6, &res), "returns at once, with nothing to read");
  for (int i = 0; i < 6; i++) js_release(js, args[i]);
  cr_assert_eq(js->nwaits, 1, "the read waits for the descriptor");
  cr_assert_eq(js->waits[0].fd, p[0]);
  cr_assert_eq(js->qlen, 0, "nothing is queued yet");

  cr_assert_eq(write(p[1], "hi", 2), 2);
  fire_wait();
  cr_assert_eq(r.calls, 0, "the completion is queued too");
  cr_assert_eq(drain(), 1);
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 2, "one read(2): what was there");
  cr_assert(js_same(r.args[2], buf));
  cr_assert_eq(memcmp(buf.u.o->u.u8.data, "hi", 2), 0);

  /* end of file: 0 bytes */
  close(p[1]);
  rec_free(&r);
  js_val args2[] = {N(p[0]), js_retain(buf), N(0), N(8), js_null(), js_objv(js_new_function(js, "cb", record, &r))};
  cr_assert(js_call_method(js, fs, "read", args2, 6, &res));
  for (int i = 0; i < 6; i++) js_release(js, args2[i]);
  fire_wait();
  drain();
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 0);
  close(p[0]);
  js_release(js, buf);
  rec_free(&r);
}

Test(js_fs, a_pending_read_is_reclaimed_with_the_host) {
  int p[2];
  cr_assert_eq(pipe(p), 0);
  rec r = {0};
  js_val args[] = {N(p[0]), Z(4), N(0), N(4), js_null(), js_objv(js_new_function(js, "cb", record, &r))};
  js_val res;
  cr_assert(js_call_method(js, fs, "read", args, 6, &res));
  for (int i = 0; i < 6; i++) js_release(js, args[i]);
  cr_assert_eq(js->nwaits, 1);
  /* teardown frees the host with the read still waiting (leak checkers see no loss) */
  close(p[0]);
  close(p[1]);
}

Test(js_fs, write_sync_returns_the_count) {
  int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
  js_val res;
  cr_assert(SYNC("writeSync", &res, N(fd), U8("abc")));
  cr_assert_eq(res.u.n, 3);
  cr_assert(SYNC("writeSync", &res, N(fd), U8("abc"), N(1)));
  cr_assert_eq(res.u.n, 2, "from offset 1 to the end");
  cr_assert(SYNC("writeSync", &res, N(fd), U8("abc"), N(1), N(1)));
  cr_assert_eq(res.u.n, 1);
  cr_assert(SYNC("writeSync", &res, N(fd), U8("XY"), N(0), N(2), N(0)));
  cr_assert_eq(res.u.n, 2, "at position 0");
  cr_assert(SYNC("writeSync", &res, N(fd), S("\xc3\xa9!")));
  cr_assert_eq(res.u.n, 3, "a string is written as UTF-8");
  char got[16] = {0};
  cr_assert_eq(pread(fd, got, sizeof got, 0), 9);
  cr_assert_str_eq(got, "XYcbcb\xc3\xa9!");
  close(fd);

  cr_assert_not(SYNC("writeSync", &res, N(999), U8("x")), "a failing write throws");
  assert_syserr(res, "EBADF: bad file descriptor, write", "EBADF", EBADF, "write", NULL, NULL);
  js_release(js, res);

  /* a zero-length write still succeeds with 0 */
  int p[2];
  cr_assert_eq(pipe(p), 0);
  cr_assert(SYNC("writeSync", &res, N(p[1]), Z(0)));
  cr_assert_eq(res.u.n, 0);
  close(p[0]);
  close(p[1]);
}

Test(js_fs, sync_forms) {
  js_val res;
  cr_assert(SYNC("openSync", &res, S("f"), S("w+")));
  int fd = (int)res.u.n;
  cr_assert(SYNC("writeSync", &res, N(fd), U8("data")));
  js_val buf = Z(4);
  cr_assert(SYNC("readSync", &res, N(fd), js_retain(buf), N(0), N(4), N(0)));
  cr_assert_eq(res.u.n, 4);
  cr_assert_eq(memcmp(buf.u.o->u.u8.data, "data", 4), 0);
  js_release(js, buf);
  cr_assert(SYNC("fstatSync", &res, N(fd)));
  cr_assert_eq(num_prop(res, "size"), 4);
  js_release(js, res);
  cr_assert(SYNC("closeSync", &res, N(fd)));
  cr_assert_eq(res.kind, JS_UNDEFINED);

  cr_assert(SYNC("statSync", &res, S("f")));
  cr_assert(method_true(res, "isFile"));
  js_release(js, res);
  cr_assert_not(SYNC("statSync", &res, S("none")));
  assert_syserr(res, "ENOENT: no such file or directory, stat 'none'", "ENOENT", ENOENT, "stat", "none", NULL);
  js_release(js, res);

  cr_assert(SYNC("readFileSync", &res, S("f")));
  cr_assert(js_is_u8(res));
  cr_assert_eq(res.u.o->u.u8.len, 4);
  cr_assert_eq(memcmp(res.u.o->u.u8.data, "data", 4), 0);
  js_release(js, res);
  cr_assert(SYNC("readFileSync", &res, S("f"), S("utf8")));
  cr_assert_str_eq(js_str_data(res), "data");
  js_release(js, res);
  mkdir("d", 0755);
  cr_assert_not(SYNC("readFileSync", &res, S("d")));
  assert_syserr(res, "EISDIR: illegal operation on a directory, read", "EISDIR", EISDIR, "read", NULL, NULL);
  js_release(js, res);

  cr_assert(SYNC("existsSync", &res, S("f")));
  cr_assert(res.u.b);
  cr_assert(SYNC("existsSync", &res, S("none")));
  cr_assert_not(res.u.b);
  cr_assert(SYNC("existsSync", &res, N(5)));
  cr_assert_not(res.u.b, "a bad path is just false");

  js_obj *opt = js_new_object(js);
  js_put(js, opt, "recursive", js_bool(true));
  cr_assert(SYNC("mkdirSync", &res, S("x/y"), js_objv(opt)));
  cr_assert_str_eq(js_str_data(res), "x");
  js_release(js, res);
  cr_assert(SYNC("readdirSync", &res, S("x")));
  cr_assert_eq(num_prop(res, "length"), 1);
  js_release(js, res);
  cr_assert_not(SYNC("mkdirSync", &res, S("d")));
  assert_syserr(res, "EEXIST: file already exists, mkdir 'd'", "EEXIST", EEXIST, "mkdir", "d", NULL);
  js_release(js, res);
}

Test(js_fs, bad_arguments_throw_and_queue_nothing) {
  js_val res;
  cr_assert_not(SYNC("close", &res, N(1)), "no callback");
  assert_str_prop(res, "code", "ERR_INVALID_ARG_TYPE");
  assert_str_prop(res, "name", "TypeError");
  assert_str_prop(res, "message", "The \"cb\" argument must be of type function. Received type number (1)");
  js_release(js, res);

  rec r = {0};
  js_val cb = js_objv(js_new_function(js, "cb", record, &r));
  cr_assert_not(SYNC("open", &res, N(5), S("r"), N(0666), js_retain(cb)));
  assert_str_prop(res, "message",
                  "The \"path\" argument must be of type string or an instance of Buffer or URL. "
                  "Received type number (5)");
  js_release(js, res);
  cr_assert_not(SYNC("close", &res, N(-1), js_retain(cb)));
  assert_str_prop(res, "name", "RangeError");
  assert_str_prop(res, "code", "ERR_OUT_OF_RANGE");
  assert_str_prop(res, "message", "The value of \"fd\" is out of range. It must be >= 0 && <= 2147483647. Received -1");
  js_release(js, res);
  cr_assert_not(SYNC("close", &res, S("x"), js_retain(cb)));
  assert_str_prop(res, "message", "The \"fd\" argument must be of type number. Received type string ('x')");
  js_release(js, res);
  cr_assert_not(SYNC("close", &res, N(1.5), js_retain(cb)));
  assert_str_prop(res, "message", "The value of \"fd\" is out of range. It must be an integer. Received 1.5");
  js_release(js, res);
  cr_assert_not(SYNC("read", &res, N(0), Z(4), N(0), N(5), js_null(), js_retain(cb)));
  assert_str_prop(res, "message", "The value of \"length\" is out of range. It must be <= 4. Received 5");
  js_release(js, res);
  cr_assert_not(SYNC("open", &res, S("x"), S("bogus"), js_retain(cb)));
  assert_str_prop(res, "message", "The argument 'flags' is invalid. Received 'bogus'");
  js_release(js, res);
  cr_assert_not(SYNC("chown", &res, S("x"), N(-2), N(0), js_retain(cb)));
  assert_str_prop(res, "message",
                  "The value of \"uid\" is out of range. It must be >= -1 && <= 4294967295. Received -2");
  js_release(js, res);
  cr_assert_not(SYNC("open", &res, js_string(js, "a\0b", 3), S("r"), js_retain(cb)));
  assert_str_prop(res, "code", "ERR_INVALID_ARG_VALUE");
  js_release(js, res);
  js_release(js, cb);
  cr_assert_eq(js->qlen, 0);
  cr_assert_eq(r.calls, 0);
}

Test(js_fs, read_of_zero_bytes_makes_no_system_call) {
  rec r = {0};
  js_val buf = Z(4);
  /* fd 999 is not open: a zero-length read still succeeds, as in node */
  ASYNC("read", &r, N(999), js_retain(buf), N(0), N(0), js_null());
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 0);
  js_release(js, buf);
  rec_free(&r);
}

Test(js_fs, constants_have_linux_values) {
  js_val k = js_get(js, fs, "constants");
  static const struct {
    const char *name;
    double value;
  } want[] = {
    {"O_RDONLY", 0},     {"O_WRONLY", 1},     {"O_RDWR", 2},        {"O_CREAT", 64},     {"O_EXCL", 128},
    {"O_NOCTTY", 256},   {"O_TRUNC", 512},    {"O_APPEND", 1024},   {"O_DIRECTORY", 65536},
    {"O_NOFOLLOW", 131072}, {"O_SYNC", 1052672}, {"O_DSYNC", 4096}, {"O_NONBLOCK", 2048},
    {"S_IFMT", 61440},   {"S_IFREG", 32768},  {"S_IFDIR", 16384},   {"S_IFCHR", 8192},   {"S_IFBLK", 24576},
    {"S_IFIFO", 4096},   {"S_IFLNK", 40960},  {"S_IFSOCK", 49152},  {"F_OK", 0},         {"R_OK", 4},
    {"W_OK", 2},         {"X_OK", 1},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    cr_assert_eq(num_prop(k, want[i].name), want[i].value, "%s", want[i].name);
  js_release(js, k);
}

Test(js_fs, success_argument_counts_match_node) {
  write_file("f", "x");
  int fd = open_fd("f", "r+");
  rec r = {0};
  ASYNC("fsync", &r, N(fd));
  assert_ok(&r, 1);
  ASYNC("fdatasync", &r, N(fd));
  assert_ok(&r, 1);
  ASYNC("access", &r, S("f"));
  assert_ok(&r, 1);
  ASYNC("access", &r, S("f"), N(R_OK | W_OK));
  assert_ok(&r, 1);
  ASYNC("write", &r, N(fd), S("ab"));
  assert_ok(&r, 3);
  cr_assert_eq(r.args[1].u.n, 2);
  cr_assert_eq(r.args[2].kind, JS_STRING, "a string write calls back with the string");
  ASYNC("close", &r, N(fd));
  assert_ok(&r, 1);
  rec_free(&r);
}
