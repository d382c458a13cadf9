/*
 * wasi_misc.c - WASI preview1 process-level functions: arguments and environment,
 * clocks, randomness, exit, signals and yielding.
 *
 * args_get/environ_get lay the strings out exactly as their *_sizes_get counterparts
 * announced (pointers first, then NUL-terminated bytes back to back), checking the
 * whole extent before writing anything.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <sys/random.h>
#include <time.h>

#include "wasi.h"

#define W(inst) ((inst)->wasi)

static uint32_t sizes(pg_inst_hdr *inst, char **v, uint32_t n, uint32_t count_ptr, uint32_t size_ptr) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) total += strlen(v[i]) + 1;
  if (total > UINT32_MAX) return W_E2BIG;
  if (!pg_wasi_mem(inst, count_ptr, 4) || !pg_wasi_mem(inst, size_ptr, 4)) return W_EFAULT;
  pg_wasi_put32(inst, count_ptr, n);
  return pg_wasi_put32(inst, size_ptr, (uint32_t)total);
}

static uint32_t strings(pg_inst_hdr *inst, char **v, uint32_t n, uint32_t ptrs, uint32_t buf) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) total += strlen(v[i]) + 1;
  uint8_t *p = pg_wasi_mem(inst, ptrs, (uint64_t)n * 4);
  uint8_t *b = pg_wasi_mem(inst, buf, total);
  if (!p || !b) return W_EFAULT;
  uint32_t at = buf;
  for (uint32_t i = 0; i < n; i++) {
    size_t len = strlen(v[i]) + 1;
    pg_wasi_st32(p + 4 * i, at);
    memcpy(b + (at - buf), v[i], len);
    at += (uint32_t)len;
  }
  return 0;
}

uint32_t pg_wasi_args_sizes_get(pg_inst_hdr *inst, uint32_t count, uint32_t size) {
  return sizes(inst, W(inst)->argv, W(inst)->argc, count, size);
}
uint32_t pg_wasi_args_get(pg_inst_hdr *inst, uint32_t ptrs, uint32_t buf) {
  return strings(inst, W(inst)->argv, W(inst)->argc, ptrs, buf);
}
uint32_t pg_wasi_environ_sizes_get(pg_inst_hdr *inst, uint32_t count, uint32_t size) {
  return sizes(inst, W(inst)->env, W(inst)->nenv, count, size);
}
uint32_t pg_wasi_environ_get(pg_inst_hdr *inst, uint32_t ptrs, uint32_t buf) {
  return strings(inst, W(inst)->env, W(inst)->nenv, ptrs, buf);
}

static const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};

uint32_t pg_wasi_clock_res_get(pg_inst_hdr *inst, uint32_t id, uint32_t out) {
  if (id > 3) return W_EINVAL;
  struct timespec ts;
  if (clock_getres(clocks[id], &ts) != 0) return pg_wasi_errno(errno);
  return pg_wasi_put64(inst, out, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

uint32_t pg_wasi_clock_time_get(pg_inst_hdr *inst, uint32_t id, uint64_t precision, uint32_t out) {
  (void)precision;
  if (id > 3) return W_EINVAL;
  struct timespec ts;
  if (clock_gettime(clocks[id], &ts) != 0) return pg_wasi_errno(errno);
  return pg_wasi_put64(inst, out, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

uint32_t pg_wasi_random_get(pg_inst_hdr *inst, uint32_t buf, uint32_t len) {
  uint8_t *p = pg_wasi_mem(inst, buf, len);
  if (!p) return W_EFAULT;
  for (uint32_t done = 0; done < len;) {
    ssize_t r = getrandom(p + done, len - done, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return pg_wasi_errno(errno);
    }
    done += (uint32_t)r;
  }
  return 0;
}

void pg_wasi_proc_exit(pg_inst_hdr *inst, uint32_t code) {
  W(inst)->exited = true;
  W(inst)->exit_code = code;
  pg_trap(inst, UINT32_MAX, PG_TRAP_EXIT);
}

/* Raising a signal in the host process is not something a sandboxed guest may do. */
uint32_t pg_wasi_proc_raise(pg_inst_hdr *inst, uint32_t sig) {
  (void)inst;
  (void)sig;
  return W_ENOSYS;
}

uint32_t pg_wasi_sched_yield(pg_inst_hdr *inst) {
  (void)inst;
  sched_yield();
  return 0;
}
