/*
 * wasi_calls.c - the WASI preview1 functions (rt/wasi_*.c) called directly, the way
 * generated code calls them: a stub instance with one page of guest memory and a
 * context with a scratch directory preopened at fd 3.
 *
 * Covers what the guest corpora reach only indirectly: every pointer checked against
 * memory (EFAULT, nothing written), the exact layouts of args, filestat, fdstat, prestat
 * and dirents, fd_readdir cookies stable across removals, rights that only shrink,
 * fd_renumber, poll_oneoff deadlines, and proc_exit as a PG_TRAP_EXIT value.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../rt/wasi.h"

static wasm_rt_memory_t mem;
static pg_inst_hdr inst;
static pg_wasi *w;
static char scratch[256];

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/pogo-wasi-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(scratch));
  pg_rt_init();
  cr_assert(pg_memory_alloc(&mem, 1, 1, true));
  memset(&inst, 0, sizeof inst);
  inst.mem = &mem;
  w = pg_wasi_new();
  cr_assert_not_null(w);
  inst.wasi = w;
  char err[256], opt[300];
  snprintf(opt, sizeof opt, "%s::/", scratch);
  cr_assert(pg_wasi_option(w, "--dir", opt, err, sizeof err), "%s", err);
}

static void teardown(void) {
  pg_wasi_free(w);
  pg_memory_free(&mem);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(wasi, .init = setup, .fini = teardown);

static uint32_t put_str(uint32_t at, const char *s) {
  memcpy(mem.data + at, s, strlen(s));
  return (uint32_t)strlen(s);
}

static uint32_t open_path(const char *path, uint32_t oflags, uint64_t rights) {
  uint32_t len = put_str(1000, path);
  cr_assert_eq(pg_wasi_path_open(&inst, 3, 1, 1000, len, oflags, rights, rights, 0, 2000), 0, "open %s", path);
  return pg_wasi_ld32(mem.data + 2000);
}

Test(wasi, args_layout_and_sizes) {
  char *argv[] = {"prog", "", "two words"};
  cr_assert(pg_wasi_set_args(w, 3, argv));
  cr_assert_eq(pg_wasi_args_sizes_get(&inst, 0, 4), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data), 3);
  cr_assert_eq(pg_wasi_ld32(mem.data + 4), 5 + 1 + 10);
  cr_assert_eq(pg_wasi_args_get(&inst, 100, 200), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 100), 200);
  cr_assert_eq(pg_wasi_ld32(mem.data + 104), 205);
  cr_assert_eq(pg_wasi_ld32(mem.data + 108), 206);
  cr_assert_str_eq((char *)mem.data + 206, "two words");
  /* the string area running past memory: refused, nothing written */
  memset(mem.data + 100, 0xAA, 12);
  cr_assert_eq(pg_wasi_args_get(&inst, 100, 65536 - 8), W_EFAULT);
  cr_assert_eq(mem.data[100], 0xAA);
}

Test(wasi, pointers_outside_memory_are_efault) {
  cr_assert_eq(pg_wasi_args_sizes_get(&inst, 65534, 0), W_EFAULT);
  cr_assert_eq(pg_wasi_clock_time_get(&inst, 0, 0, 65532), W_EFAULT);
  cr_assert_eq(pg_wasi_random_get(&inst, 65000, 1000), W_EFAULT);
  cr_assert_eq(pg_wasi_random_get(&inst, 0xFFFFFFFF, 2), W_EFAULT);
  /* an iovec whose buffer runs out of memory */
  pg_wasi_st32(mem.data + 0, 65530);
  pg_wasi_st32(mem.data + 4, 100);
  cr_assert_eq(pg_wasi_fd_write(&inst, 1, 0, 1, 16), W_EFAULT);
  /* an iovec array that runs out of memory */
  cr_assert_eq(pg_wasi_fd_write(&inst, 1, 65532, 1, 16), W_EFAULT);
  cr_assert_eq(pg_wasi_fd_write(&inst, 1, 0, 0x20000000, 16), W_EFAULT);
  cr_assert_eq(pg_wasi_fd_filestat_get(&inst, 3, 65500), W_EFAULT);
  uint32_t len = put_str(10, "x");
  cr_assert_eq(pg_wasi_path_open(&inst, 3, 0, 10, 0xFFFF, 0, 0, 0, 0, 20), W_EFAULT);
  cr_assert_eq(pg_wasi_path_create_directory(&inst, 3, 65535, 2), W_EFAULT);
  cr_assert_eq(pg_wasi_poll_oneoff(&inst, 65500, 0, 1, 8), W_EFAULT);
  (void)len;
}

Test(wasi, filestat_and_prestat_layout) {
  cr_assert_eq(pg_wasi_fd_prestat_get(&inst, 3, 0), 0);
  cr_assert_eq(mem.data[0], 0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 4), 1);
  cr_assert_eq(pg_wasi_fd_prestat_dir_name(&inst, 3, 8, 0), W_ENAMETOOLONG);
  cr_assert_eq(pg_wasi_fd_prestat_dir_name(&inst, 3, 8, 1), 0);
  cr_assert_eq(mem.data[8], '/');
  cr_assert_eq(pg_wasi_fd_prestat_get(&inst, 1, 0), W_EBADF);

  uint32_t fd = open_path("f", W_O_CREAT, R_FD_WRITE | R_FD_READ | R_FD_FILESTAT_GET | R_FD_SEEK | R_FD_TELL);
  pg_wasi_st32(mem.data + 0, 100);
  pg_wasi_st32(mem.data + 4, put_str(100, "hello"));
  cr_assert_eq(pg_wasi_fd_write(&inst, fd, 0, 1, 8), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 8), 5);
  cr_assert_eq(pg_wasi_fd_filestat_get(&inst, fd, 200), 0);
  cr_assert_eq(mem.data[216], W_FT_REG);
  cr_assert_eq(pg_wasi_ld64(mem.data + 224), 1); /* nlink */
  cr_assert_eq(pg_wasi_ld64(mem.data + 232), 5); /* size */
  cr_assert_eq(pg_wasi_fd_tell(&inst, fd, 300), 0);
  cr_assert_eq(pg_wasi_ld64(mem.data + 300), 5);
  cr_assert_eq(pg_wasi_fd_fdstat_get(&inst, fd, 400), 0);
  cr_assert_eq(mem.data[400], W_FT_REG);
  cr_assert_eq(pg_wasi_ld64(mem.data + 408) & R_FD_WRITE, R_FD_WRITE);
  cr_assert_eq(pg_wasi_ld64(mem.data + 408) & R_PATH_OPEN, 0, "a file has no directory rights");
}

Test(wasi, rights_only_shrink_and_are_checked) {
  uint32_t fd = open_path("g", W_O_CREAT, R_FD_WRITE | R_FD_READ | R_FD_SEEK);
  cr_assert_eq(pg_wasi_fd_fdstat_set_rights(&inst, fd, R_FD_READ, 0), 0);
  cr_assert_eq(pg_wasi_fd_fdstat_set_rights(&inst, fd, R_FD_READ | R_FD_WRITE, 0), W_ENOTCAPABLE);
  pg_wasi_st32(mem.data + 0, 100);
  pg_wasi_st32(mem.data + 4, 1);
  cr_assert_eq(pg_wasi_fd_write(&inst, fd, 0, 1, 8), W_ENOTCAPABLE);
  cr_assert_eq(pg_wasi_fd_seek(&inst, fd, 0, 0, 8), W_ENOTCAPABLE);
  cr_assert_eq(pg_wasi_fd_close(&inst, fd), 0);
  cr_assert_eq(pg_wasi_fd_close(&inst, fd), W_EBADF);
}

Test(wasi, readdir_cookies_survive_removal) {
  for (int i = 0; i < 5; i++) {
    char name[8];
    snprintf(name, sizeof name, "e%d", i);
    pg_wasi_fd_close(&inst, open_path(name, W_O_CREAT, R_FD_WRITE));
  }
  uint32_t d = open_path(".", W_O_DIRECTORY, R_FD_READDIR);
  /* a buffer for exactly two entries with 2-byte names */
  cr_assert_eq(pg_wasi_fd_readdir(&inst, d, 1000, 52, 0, 900), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 900), 52, "full buffer: ask again");
  uint64_t next = pg_wasi_ld64(mem.data + 1000 + 26);
  cr_assert_eq(next, 2);
  /* remove everything; the rest of the listing is still served from the cookie */
  for (int i = 0; i < 5; i++) {
    char name[8];
    snprintf(name, sizeof name, "e%d", i);
    cr_assert_eq(pg_wasi_path_unlink_file(&inst, 3, 1100, put_str(1100, name)), 0);
  }
  int names = 0;
  uint64_t cookie = next;
  for (;;) {
    cr_assert_eq(pg_wasi_fd_readdir(&inst, d, 2000, 4096, cookie, 900), 0);
    uint32_t used = pg_wasi_ld32(mem.data + 900), at = 0;
    if (!used) break;
    while (at + 24 <= used) {
      uint32_t nl = pg_wasi_ld32(mem.data + 2000 + at + 16);
      cookie = pg_wasi_ld64(mem.data + 2000 + at);
      names++;
      at += 24 + nl;
    }
    if (used < 4096) break;
  }
  cr_assert_eq(names, 7 - 2, "5 files plus . and .. in all");
}

Test(wasi, renumber_moves_and_closes) {
  uint32_t a = open_path("a", W_O_CREAT, R_FD_WRITE);
  uint32_t b = open_path("b", W_O_CREAT, R_FD_WRITE);
  cr_assert_eq(pg_wasi_fd_renumber(&inst, a, b), 0);
  cr_assert_eq(pg_wasi_fd_close(&inst, a), W_EBADF);
  cr_assert_eq(pg_wasi_fd_fdstat_get(&inst, b, 0), 0);
  cr_assert_eq(pg_wasi_fd_renumber(&inst, b, 77), W_EBADF);
}

Test(wasi, poll_clock_waits_until_the_deadline) {
  memset(mem.data, 0, 48);
  pg_wasi_st64(mem.data, 42);                /* userdata */
  mem.data[8] = 0;                           /* clock */
  pg_wasi_st32(mem.data + 16, 1);            /* monotonic */
  pg_wasi_st64(mem.data + 24, 20 * 1000000); /* 20 ms, relative */
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  cr_assert_eq(pg_wasi_poll_oneoff(&inst, 0, 100, 1, 200), 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  cr_assert_geq(ms, 20.0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 200), 1);
  cr_assert_eq(pg_wasi_ld64(mem.data + 100), 42);
  cr_assert_eq(mem.data[110], 0);
  cr_assert_eq(pg_wasi_poll_oneoff(&inst, 0, 100, 0, 200), W_EINVAL);
}

Test(wasi, unknown_clock_and_bad_whence) {
  cr_assert_eq(pg_wasi_clock_time_get(&inst, 9, 0, 0), W_EINVAL);
  cr_assert_eq(pg_wasi_fd_seek(&inst, 3, 0, 7, 0), W_EINVAL);
  cr_assert_eq(pg_wasi_proc_raise(&inst, 9), W_ENOSYS);
}

static void exit_7(void *p) { pg_wasi_proc_exit(p, 7); }

Test(wasi, proc_exit_is_an_exit_value) {
  pg_trap_info t;
  cr_assert_not(pg_call(&inst, exit_7, &inst, &t));
  cr_assert_eq(t.kind, PG_TRAP_EXIT);
  cr_assert(pg_wasi_exited(w));
  cr_assert_eq(pg_wasi_exit_code(w), 7);
}

Test(wasi, options_text_and_errors) {
  char err[256];
  cr_assert(pg_wasi_options_text(w, "--env\nA=1\n--env\nA=2", err, sizeof err));
  cr_assert_eq(pg_wasi_environ_sizes_get(&inst, 0, 4), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data), 1, "a later KEY replaces");
  cr_assert_not(pg_wasi_options_text(w, "--dir\n/nonexistent/dir", err, sizeof err));
  cr_assert(strstr(err, "--dir /nonexistent/dir") != NULL, "%s", err);
  cr_assert_not(pg_wasi_options_text(w, "--frob", err, sizeof err));
  cr_assert_not(pg_wasi_options_text(w, "--env", err, sizeof err));
  cr_assert_not(pg_wasi_option(w, "--env", "NOEQUALS", err, sizeof err));
}
