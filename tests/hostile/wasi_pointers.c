/*
 * wasi_pointers.c - every WASI preview1 function, called the way generated code calls
 * it, with each guest pointer (and iovec, and iovec buffer) it takes pointing out of
 * linear memory: at the last byte (the region runs off the end), at the end, in the
 * middle of the address space and at 0xFFFFFFFF. Each call must fail with EFAULT and
 * leave memory exactly as it was. Memory is one page inside wasm-rt's guard region, so
 * a host function that read or wrote outside it would crash this test.
 *
 * The table is checked against include/pogo-wasi.def: a function added there without a
 * row here (or a line saying it takes no pointer) fails the test.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../rt/wasi.h"

#define MEM 65536u

static wasm_rt_memory_t mem;
static pg_inst_hdr inst;
static pg_wasi *w;
static char scratch[256];

static void put(uint32_t at, const void *p, size_t n) { memcpy(mem.data + at, p, n); }

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/pogo-hostile-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(scratch));
  pg_rt_init();
  cr_assert(pg_memory_alloc(&mem, 1, 1, true));
  memset(&inst, 0, sizeof inst);
  inst.mem = &mem;
  w = pg_wasi_new();
  cr_assert_not_null(w);
  inst.wasi = w;
  char *argv[] = {"prog", "arg"};
  cr_assert(pg_wasi_set_args(w, 2, argv));
  cr_assert(pg_wasi_add_env(w, "KEY=value"));
  char err[256], opt[300];
  snprintf(opt, sizeof opt, "%s::/sandbox", scratch); /* fd 3 */
  cr_assert(pg_wasi_option(w, "--dir", opt, err, sizeof err), "%s", err);
  /* fd 4: a file, readable and writable */
  put(100, "f", 1);
  cr_assert_eq(pg_wasi_path_open(&inst, 3, 0, 100, 1, W_O_CREAT, R_REGULAR, 0, 0, 104), 0);
  cr_assert_eq(pg_wasi_ld32(mem.data + 104), 4);
  /* fd 5: a listening socket */
  cr_assert(pg_wasi_option(w, "--tcplisten", "127.0.0.1:0", err, sizeof err), "%s", err);
  /* a symlink, and a scratch area: paths at 100 ("f"), 110 ("l"), iovecs at 200 */
  put(110, "l", 1);
  put(120, "g", 1);
  cr_assert_eq(pg_wasi_path_symlink(&inst, 100, 1, 3, 110, 1), 0);
  uint32_t iov[2] = {300, 16};
  put(200, iov, sizeof iov);
  /* a subscription at 400: a relative clock of 0 ns */
  memset(mem.data + 400, 0, 48);
  mem.data[408] = 0;
}

static void teardown(void) {
  pg_wasi_free(w);
  pg_memory_free(&mem);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(wasi_pointers, .init = setup, .fini = teardown);

/* An iovec at 200 whose buffer is the bad address (16 bytes). */
static uint32_t bad_iov(uint32_t bad) {
  uint32_t iov[2] = {bad, 16};
  put(208, iov, sizeof iov);
  return 208;
}

/* One row per guest pointer a function takes: (case, WASI function, the call with that
 * pointer replaced by BAD; every other argument valid). */
#define CASES(X)                                                                                      \
  X(args_get_ptrs, args_get, pg_wasi_args_get(&inst, BAD, 2000))                                     \
  X(args_get_buf, args_get, pg_wasi_args_get(&inst, 1000, BAD))                                      \
  X(args_sizes_count, args_sizes_get, pg_wasi_args_sizes_get(&inst, BAD, 1000))                      \
  X(args_sizes_size, args_sizes_get, pg_wasi_args_sizes_get(&inst, 1000, BAD))                       \
  X(environ_get_ptrs, environ_get, pg_wasi_environ_get(&inst, BAD, 2000))                            \
  X(environ_get_buf, environ_get, pg_wasi_environ_get(&inst, 1000, BAD))                             \
  X(environ_sizes_count, environ_sizes_get, pg_wasi_environ_sizes_get(&inst, BAD, 1000))             \
  X(environ_sizes_size, environ_sizes_get, pg_wasi_environ_sizes_get(&inst, 1000, BAD))              \
  X(clock_res, clock_res_get, pg_wasi_clock_res_get(&inst, 0, BAD))                                  \
  X(clock_time, clock_time_get, pg_wasi_clock_time_get(&inst, 1, 0, BAD))                            \
  X(fdstat, fd_fdstat_get, pg_wasi_fd_fdstat_get(&inst, 4, BAD))                                     \
  X(filestat, fd_filestat_get, pg_wasi_fd_filestat_get(&inst, 4, BAD))                               \
  X(pread_iovs, fd_pread, pg_wasi_fd_pread(&inst, 4, BAD, 1, 0, 1000))                               \
  X(pread_buf, fd_pread, pg_wasi_fd_pread(&inst, 4, bad_iov(BAD), 1, 0, 1000))                       \
  X(pread_nread, fd_pread, pg_wasi_fd_pread(&inst, 4, 200, 1, 0, BAD))                               \
  X(prestat, fd_prestat_get, pg_wasi_fd_prestat_get(&inst, 3, BAD))                                  \
  X(prestat_name, fd_prestat_dir_name, pg_wasi_fd_prestat_dir_name(&inst, 3, BAD, 8))                \
  X(pwrite_iovs, fd_pwrite, pg_wasi_fd_pwrite(&inst, 4, BAD, 1, 0, 1000))                            \
  X(pwrite_buf, fd_pwrite, pg_wasi_fd_pwrite(&inst, 4, bad_iov(BAD), 1, 0, 1000))                    \
  X(pwrite_nwritten, fd_pwrite, pg_wasi_fd_pwrite(&inst, 4, 200, 1, 0, BAD))                         \
  X(read_iovs, fd_read, pg_wasi_fd_read(&inst, 4, BAD, 1, 1000))                                     \
  X(read_buf, fd_read, pg_wasi_fd_read(&inst, 4, bad_iov(BAD), 1, 1000))                             \
  X(read_nread, fd_read, pg_wasi_fd_read(&inst, 4, 200, 1, BAD))                                     \
  X(readdir_buf, fd_readdir, pg_wasi_fd_readdir(&inst, 3, BAD, 64, 0, 1000))                         \
  X(readdir_used, fd_readdir, pg_wasi_fd_readdir(&inst, 3, 2000, 64, 0, BAD))                        \
  X(seek, fd_seek, pg_wasi_fd_seek(&inst, 4, 0, 0, BAD))                                             \
  X(tell, fd_tell, pg_wasi_fd_tell(&inst, 4, BAD))                                                   \
  X(write_iovs, fd_write, pg_wasi_fd_write(&inst, 4, BAD, 1, 1000))                                  \
  X(write_buf, fd_write, pg_wasi_fd_write(&inst, 4, bad_iov(BAD), 1, 1000))                          \
  X(write_nwritten, fd_write, pg_wasi_fd_write(&inst, 4, 200, 1, BAD))                               \
  X(mkdir, path_create_directory, pg_wasi_path_create_directory(&inst, 3, BAD, 2))                   \
  X(pstat_path, path_filestat_get, pg_wasi_path_filestat_get(&inst, 3, 0, BAD, 2, 1000))             \
  X(pstat_out, path_filestat_get, pg_wasi_path_filestat_get(&inst, 3, 0, 100, 1, BAD))               \
  X(ptimes, path_filestat_set_times, pg_wasi_path_filestat_set_times(&inst, 3, 0, BAD, 2, 0, 0, 0))  \
  X(link_old, path_link, pg_wasi_path_link(&inst, 3, 0, BAD, 2, 3, 120, 1))                          \
  X(link_new, path_link, pg_wasi_path_link(&inst, 3, 0, 100, 1, 3, BAD, 2))                          \
  X(open_path, path_open, pg_wasi_path_open(&inst, 3, 0, BAD, 2, 0, R_REGULAR, 0, 0, 1000))          \
  X(open_out, path_open, pg_wasi_path_open(&inst, 3, 0, 100, 1, 0, R_REGULAR, 0, 0, BAD))            \
  X(readlink_path, path_readlink, pg_wasi_path_readlink(&inst, 3, BAD, 2, 2000, 64, 1000))           \
  X(readlink_buf, path_readlink, pg_wasi_path_readlink(&inst, 3, 110, 1, BAD, 64, 1000))             \
  X(readlink_used, path_readlink, pg_wasi_path_readlink(&inst, 3, 110, 1, 2000, 64, BAD))            \
  X(rmdir, path_remove_directory, pg_wasi_path_remove_directory(&inst, 3, BAD, 2))                   \
  X(rename_old, path_rename, pg_wasi_path_rename(&inst, 3, BAD, 2, 3, 120, 1))                       \
  X(rename_new, path_rename, pg_wasi_path_rename(&inst, 3, 100, 1, 3, BAD, 2))                       \
  X(symlink_old, path_symlink, pg_wasi_path_symlink(&inst, BAD, 2, 3, 120, 1))                       \
  X(symlink_new, path_symlink, pg_wasi_path_symlink(&inst, 100, 1, 3, BAD, 2))                       \
  X(unlink, path_unlink_file, pg_wasi_path_unlink_file(&inst, 3, BAD, 2))                            \
  X(poll_in, poll_oneoff, pg_wasi_poll_oneoff(&inst, BAD, 2000, 1, 1000))                            \
  X(poll_out, poll_oneoff, pg_wasi_poll_oneoff(&inst, 400, BAD, 1, 1000))                            \
  X(poll_nevents, poll_oneoff, pg_wasi_poll_oneoff(&inst, 400, 2000, 1, BAD))                        \
  X(random, random_get, pg_wasi_random_get(&inst, BAD, 16))                                          \
  X(accept_out, sock_accept, pg_wasi_sock_accept(&inst, 5, 0, BAD))                                  \
  X(recv_iovs, sock_recv, pg_wasi_sock_recv(&inst, 5, BAD, 1, 0, 1000, 1010))                        \
  X(recv_buf, sock_recv, pg_wasi_sock_recv(&inst, 5, bad_iov(BAD), 1, 0, 1000, 1010))                \
  X(recv_len, sock_recv, pg_wasi_sock_recv(&inst, 5, 200, 1, 0, BAD, 1010))                          \
  X(recv_flags, sock_recv, pg_wasi_sock_recv(&inst, 5, 200, 1, 0, 1000, BAD))                        \
  X(send_iovs, sock_send, pg_wasi_sock_send(&inst, 5, BAD, 1, 0, 1000))                              \
  X(send_buf, sock_send, pg_wasi_sock_send(&inst, 5, bad_iov(BAD), 1, 0, 1000))                      \
  X(send_len, sock_send, pg_wasi_sock_send(&inst, 5, 200, 1, 0, BAD))

/* Functions that take no guest pointer (they are called with bad values anyway). */
static const char *const no_pointer[] = {
    "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_set_flags", "fd_fdstat_set_rights",
    "fd_filestat_set_size", "fd_filestat_set_times", "fd_renumber", "fd_sync", "proc_exit", "proc_raise",
    "sched_yield", "sock_shutdown",
};

#define FN(id, name, expr)                                                                                          \
  static uint32_t case_##id(uint32_t BAD) { return expr; }
CASES(FN)
#undef FN

static const struct {
  const char *fn, *id;
  uint32_t (*call)(uint32_t bad);
} cases[] = {
#define ROW(id, name, expr) {#name, #id, case_##id},
    CASES(ROW)
#undef ROW
};

static const uint32_t bad_addresses[] = {MEM - 1, MEM, 0x80000000u, 0xFFFFFFF8u, 0xFFFFFFFFu};

/* The scratch area the calls use, whose bytes must not change when a call fails. */
static uint64_t checksum(void) {
  uint64_t h = 1469598103934665603ull;
  for (uint32_t i = 0; i < MEM; i++) h = (h ^ mem.data[i]) * 1099511628211ull;
  return h;
}

Test(wasi_pointers, every_pointer_out_of_memory_is_efault) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    for (size_t k = 0; k < sizeof bad_addresses / sizeof bad_addresses[0]; k++) {
      uint32_t bad = bad_addresses[k];
      bad_iov(bad); /* the iovec first: it is part of what must not change */
      uint64_t before = checksum();
      uint32_t e = cases[i].call(bad);
      cr_expect_eq(e, W_EFAULT, "%s (%s) with 0x%x: errno %u, not EFAULT", cases[i].fn, cases[i].id, bad, e);
      cr_expect_eq(checksum(), before, "%s (%s) with 0x%x wrote to memory", cases[i].fn, cases[i].id, bad);
    }
  }
}

Test(wasi_pointers, huge_counts_are_efault) {
  /* counts whose regions wrap 32 bits or exceed memory */
  cr_expect_eq(pg_wasi_fd_write(&inst, 4, 200, 0x20000000u, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_fd_read(&inst, 4, 200, 0xFFFFFFFFu, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_poll_oneoff(&inst, 400, 2000, 0x10000000u, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_poll_oneoff(&inst, 400, 2000, 0xFFFFFFFFu, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_random_get(&inst, 16, 0xFFFFFFF0u), W_EFAULT);
  cr_expect_eq(pg_wasi_fd_readdir(&inst, 3, 2000, 0xFFFFFFFFu, 0, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_path_open(&inst, 3, 0, 100, 0xFFFFFFFFu, 0, R_REGULAR, 0, 0, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_path_readlink(&inst, 3, 110, 1, 2000, 0xFFFFFFFFu, 1000), W_EFAULT);
  cr_expect_eq(pg_wasi_fd_prestat_dir_name(&inst, 3, 2000, 0xFFFFFFFFu), W_EFAULT);
  cr_expect_eq(pg_wasi_sock_send(&inst, 5, 200, 0xFFFFFFFFu, 0, 1000), W_EFAULT);
}

Test(wasi_pointers, table_covers_every_function) {
  static const char *const all[] = {
#define PG_WASI_FN(name, result, params) #name,
#define PG_WASI_FN0(name, result) #name,
#include "pogo-wasi.def"
#undef PG_WASI_FN
#undef PG_WASI_FN0
  };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    bool found = false;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0] && !found; k++) found = !strcmp(cases[k].fn, all[i]);
    for (size_t k = 0; k < sizeof no_pointer / sizeof no_pointer[0] && !found; k++) found = !strcmp(no_pointer[k], all[i]);
    cr_expect(found, "WASI function %s has no row in the pointer table", all[i]);
  }
}
