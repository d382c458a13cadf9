/*
 * profile.c - CPU profiles of the guest: SIGPROF sampling of the guest's thread, call
 * stacks from frame pointers, the profile written in pprof's format at exit.
 *
 * Every wasm call is a C call here, so the native stack of the thread running the
 * guest is the wasm call stack. A timer on that thread's CPU clock (timer_create on
 * CLOCK_THREAD_CPUTIME_ID, delivered to that thread: SIGEV_THREAD_ID) raises SIGPROF
 * every 1/hz seconds of CPU time; the handler walks the frame-pointer chain from the
 * interrupted context and counts the stack in a table allocated before sampling
 * starts. Names are attached only when the file is written (symtab.c).
 *
 * The walk trusts nothing: every frame pointer must lie within the thread's stack (from
 * pthread_getattr_np, taken on that thread: the main thread or pg_run_deep's), above
 * the interrupted stack pointer, 8-aligned and above the previous one. Generated code
 * built without frame pointers (gcc or clang at -O1 and above without
 * --frame-pointers) uses the register for data, so then only the interrupted pc is
 * recorded: a flat profile. A leaf that has no frame of its own (libc's memmove, or one
 * of ours stopped in its prologue or epilogue) gets its caller from the return address
 * it leaves at the stack pointer, when that is an address in the executable just after
 * a call instruction. Above the kernel's tick rate one signal stands for several
 * periods (si_overrun), and the sample is weighted accordingly.
 *
 * State: the handler finds its profile through one thread-local pointer (a signal
 * carries no instance), set by pg_profile_start and cleared by pg_profile_finish on the
 * same thread before the timer is deleted; a SIGPROF arriving on any other thread, or
 * late, finds NULL and does nothing. The SIGPROF disposition is process-wide by nature
 * and installed once. Everything else lives in the pg_profile of one instance. The
 * handler calls no library function and allocates nothing.
 */
#define _GNU_SOURCE
#include "profile.h"

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "pprof.h"
#include "symtab.h"

#define PROF_DEPTH 64           /* frames kept per sample (Go's profiler keeps as many) */
#define PROF_BUCKETS 16384      /* distinct stacks (a power of two; pages are touched as used) */
#define PROF_PROBES 32          /* buckets tried before a sample counts as lost */
#define PROF_DEFAULT_HZ 100

#ifndef sigev_notify_thread_id /* glibc before 2.35 names the member only */
#define sigev_notify_thread_id _sigev_un._tid
#endif

#if defined(__SANITIZE_ADDRESS__)
#define NO_ASAN __attribute__((no_sanitize_address))
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_ASAN __attribute__((no_sanitize_address))
#endif
#endif
#ifndef NO_ASAN
#define NO_ASAN
#endif

typedef struct bucket {
  uint64_t hash;
  uint32_t count, depth;
  uintptr_t pc[PROF_DEPTH];     /* innermost first: the pc, then return addresses */
} bucket;

struct pg_profile {
  const char *who;              /* the module's file name, for messages */
  char *path;
  int fd;
  int hz;
  bool walk;                    /* the generated code keeps frame pointers */
  pg_inst_hdr *inst;
  const char *names;            /* the program's names for profiles, or NULL */
  uintptr_t stack_lo, stack_hi; /* the sampled thread's stack */
  uintptr_t text_lo, text_hi;   /* the executable's code */
  bool timer_live;
  timer_t timer;
  struct timespec wall0, mono0;
  uint64_t lost;                /* samples that found no free bucket */
  bucket *buckets;
};

static _Thread_local pg_profile *volatile sampling;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

/* ---- in the signal handler ---- */

static bool in_text(const pg_profile *p, uintptr_t a) { return a >= p->text_lo && a < p->text_hi; }

/* Whether the instruction before ra is a call: e8 rel32, or ff /2 (indirect). */
static bool after_call(const pg_profile *p, uintptr_t ra) {
#if defined(__x86_64__)
  if (ra < p->text_lo + 7) return false;
  const uint8_t *c = (const uint8_t *)ra;
  if (c[-5] == 0xe8) return true;
  for (int len = 2; len <= 7; len++)
    if (c[-len] == 0xff && (c[1 - len] & 0x38) == 0x10) return true;
  return false;
#else
  (void)p;
  (void)ra;
  return true;
#endif
}

/* Where the return address is when the pc of a function of ours is at an instruction
 * of its prologue or epilogue that runs without its own frame: the offset from sp, or
 * -1 when the function's frame is in place. */
static int frameless_at(const pg_profile *p, uintptr_t ip) {
  const uint8_t *c = (const uint8_t *)ip;
  if (ip > p->text_hi - 4) return -1; /* the patterns read up to 4 bytes */
#if defined(__x86_64__)
  if (c[0] == 0x55 || c[0] == 0xc3) return 0;                                   /* push %rbp; ret */
  if (c[0] == 0xf3 && c[1] == 0x0f && c[2] == 0x1e && c[3] == 0xfa) return 0;   /* endbr64 */
  if (c[0] == 0x48 && ((c[1] == 0x89 && c[2] == 0xe5) || (c[1] == 0x8b && c[2] == 0xec))) return 8; /* mov %rsp,%rbp */
  return -1;
#elif defined(__aarch64__)
  uint32_t insn = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
  if ((insn & 0xffc07fff) == 0xa9807bfd || insn == 0xd65f03c0) return 0; /* stp x29, x30, [sp, #-n]!; ret */
  return -1;
#else
  (void)c;
  return -1;
#endif
}

/* The interrupted pc and the return addresses above it, innermost first. */
NO_ASAN static size_t walk(const pg_profile *p, const ucontext_t *uc, uintptr_t *pc) {
  uintptr_t ip, sp, fp, lr = 0;
#if defined(__x86_64__)
  ip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
  fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
#elif defined(__aarch64__)
  ip = (uintptr_t)uc->uc_mcontext.pc;
  sp = (uintptr_t)uc->uc_mcontext.sp;
  fp = (uintptr_t)uc->uc_mcontext.regs[29];
  lr = (uintptr_t)uc->uc_mcontext.regs[30];
#else
  (void)uc;
  return 0;
#endif
  size_t n = 0;
  pc[n++] = ip;
  if (!p->walk) return n;
  /* between sp and the top, the stack is mapped; sp elsewhere means a handler on the
   * alternate stack was interrupted (a fault being turned into a trap): no walk */
  uintptr_t lo = sp, hi = p->stack_hi;
  if (sp < p->stack_lo || sp >= hi) return n;
  /* a leaf without a frame of its own (outside our code: libc's memmove; or in our
   * code before its prologue built one or after its epilogue took it down) leaves the
   * frame pointer to its caller: the caller comes from the return address, at sp + off
   * on x86-64 and in the link register on arm64 */
  int off = in_text(p, ip) ? frameless_at(p, ip) : 0;
  if (off >= 0) {
#if defined(__x86_64__)
    uintptr_t at = sp + (uintptr_t)off;
    lr = !(at & 7) && at <= hi - 8 ? *(const uintptr_t *)at : 0;
#endif
    if (in_text(p, lr) && after_call(p, lr)) pc[n++] = lr;
  }
  while (n < PROF_DEPTH && fp >= lo && fp <= hi - 16 && !(fp & 7)) {
    const uintptr_t *frame = (const uintptr_t *)fp;
    uintptr_t next = frame[0], ra = frame[1];
    if (!ra) break;
    pc[n++] = ra;
    if (next <= fp) break; /* the chain must climb the stack */
    fp = next;
  }
  return n;
}

static void record(pg_profile *p, const uintptr_t *pc, size_t n, uint32_t weight) {
  uint64_t h = n;
  for (size_t i = 0; i < n; i++) h = (h ^ pc[i]) * 0x100000001b3ull;
  h ^= h >> 29;
  for (size_t k = 0; k < PROF_PROBES; k++) {
    bucket *b = &p->buckets[(h + k) & (PROF_BUCKETS - 1)];
    if (!b->count) {
      b->hash = h;
      b->depth = (uint32_t)n;
      for (size_t i = 0; i < n; i++) b->pc[i] = pc[i];
      b->count = weight;
      return;
    }
    if (b->hash != h || b->depth != n) continue;
    size_t i = 0;
    while (i < n && b->pc[i] == pc[i]) i++;
    if (i == n) {
      b->count += weight;
      return;
    }
  }
  p->lost += weight;
}

static void on_sigprof(int sig, siginfo_t *si, void *uctx) {
  (void)sig;
  pg_profile *p = sampling;
  if (!p) return;
  /* the kernel checks CPU timers at its tick: above the tick rate one signal stands
   * for several periods, which it counts as overruns */
  uint32_t weight = 1;
  if (si && si->si_code == SI_TIMER && si->si_overrun > 0) weight += si->si_overrun < 10000 ? (uint32_t)si->si_overrun : 10000;
  uintptr_t pc[PROF_DEPTH];
  size_t n = walk(p, uctx, pc);
  if (n) record(p, pc, n, weight);
}

/* ---- starting and stopping ---- */

static void install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_sigprof;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPROF, &sa, NULL);
}

static int rate_from_env(bool *ok) {
  const char *s = getenv("POGO_CPUPROFILE_HZ");
  *ok = true;
  if (!s || !*s) return PROF_DEFAULT_HZ;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || v < 1 || v > 10000) *ok = false;
  return (int)v;
}

pg_profile *pg_profile_from_env(const pg_program *prog, bool *failed) {
  *failed = false;
  const char *path = getenv("POGO_CPUPROFILE");
  if (!path || !*path) return NULL;
  bool rate_ok;
  int hz = rate_from_env(&rate_ok);
  if (!rate_ok) {
    fprintf(stderr, "%s: $POGO_CPUPROFILE_HZ=%s: not a sampling rate from 1 to 10000\n", prog->module_name,
            getenv("POGO_CPUPROFILE_HZ"));
    *failed = true;
    return NULL;
  }
  pg_profile *p = calloc(1, sizeof *p);
  if (p) p->buckets = calloc(PROF_BUCKETS, sizeof *p->buckets);
  if (p) p->path = strdup(path);
  if (!p || !p->buckets || !p->path) {
    fprintf(stderr, "%s: cannot profile: out of memory\n", prog->module_name);
    if (p) free(p->buckets);
    free(p);
    *failed = true;
    return NULL;
  }
  p->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (p->fd < 0) {
    fprintf(stderr, "%s: cannot write CPU profile %s: %s\n", prog->module_name, path, strerror(errno));
    free(p->buckets);
    free(p->path);
    free(p);
    *failed = true;
    return NULL;
  }
  p->who = prog->module_name;
  p->hz = hz;
  p->walk = prog->frame_pointers;
  p->names = prog->func_names;
  unsetenv("POGO_CPUPROFILE");
  unsetenv("POGO_CPUPROFILE_HZ");
  return p;
}

/* The executable's code: its executable PT_LOAD segments (the first object listed). */
static int main_text(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  pg_profile *p = arg;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
    if (!p->text_lo || lo < p->text_lo) p->text_lo = lo;
    if (hi > p->text_hi) p->text_hi = hi;
  }
  return 1; /* the executable only */
}

void pg_profile_start(pg_profile *p, pg_inst_hdr *inst) {
  if (!p) return;
  p->inst = inst;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *addr = NULL;
    size_t size = 0;
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    p->stack_lo = (uintptr_t)addr;
    p->stack_hi = (uintptr_t)addr + size;
  }
  dl_iterate_phdr(main_text, p);
  pthread_once(&install_once, install);
  clock_gettime(CLOCK_REALTIME, &p->wall0);
  clock_gettime(CLOCK_MONOTONIC, &p->mono0);
  atomic_signal_fence(memory_order_seq_cst);
  sampling = p;
  atomic_signal_fence(memory_order_seq_cst);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGPROF);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);

  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGPROF;
  ev.sigev_notify_thread_id = gettid();
  long ns = 1000000000L / p->hz;
  struct itimerspec its = {{ns / 1000000000L, ns % 1000000000L}, {ns / 1000000000L, ns % 1000000000L}};
  bool created = timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &p->timer) == 0;
  if (!created || timer_settime(p->timer, 0, &its, NULL) != 0) {
    fprintf(stderr, "%s: cannot start the profiling timer: %s (the profile will be empty)\n", p->who,
            strerror(errno));
    if (created) timer_delete(p->timer);
    return;
  }
  p->timer_live = true;
}

/* ---- writing ---- */

static int64_t ns_between(struct timespec a, struct timespec b) {
  return (int64_t)(b.tv_sec - a.tv_sec) * 1000000000 + (b.tv_nsec - a.tv_nsec);
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* The location of one frame: its function's name from the symbol tables, else the
 * object's ("[libc.so.6]"). 0 when the address is in no code at all (a
 * frame pointer chain that went astray: the stack ends there). */
static uint64_t frame_location(pg_pprof *pp, pg_symtab *st, uintptr_t addr) {
  const pg_code_segment *segs;
  pg_symtab_segments(st, &segs);
  const pg_code_segment *seg = pg_symtab_segment(st, addr);
  if (!seg) return 0;
  bool guest;
  const char *name = pg_symtab_lookup(st, addr, &guest);
  char made[300];
  if (!name) { /* one node per object in a flame graph; the address stays in the location */
    snprintf(made, sizeof made, "[%s]", seg->path[0] ? base_name(seg->path) : "unknown");
    name = made;
  }
  uint64_t fn = pg_pprof_function(pp, name, NULL);
  return pg_pprof_location(pp, addr, (uint64_t)(seg - segs) + 1, fn, 0); /* mapping ids follow segments */
}

static bool write_all(int fd, const uint8_t *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

static bool write_profile(pg_profile *p, int64_t duration) {
  const pg_module_info *info = p->inst ? p->inst->info : NULL;
  pg_module_info renamed;
  if (info && p->names) { /* Go's own names, which the build found in the module */
    renamed = *info;
    renamed.func_names = p->names;
    info = &renamed;
  }
  pg_symtab *st = pg_symtab_load(info);
  pg_pprof *pp = pg_pprof_new();
  if (!st || !pp) {
    pg_symtab_free(st);
    pg_pprof_free(pp);
    errno = ENOMEM;
    return false;
  }
  int64_t period = 1000000000 / p->hz;
  pg_pprof_sample_type(pp, "samples", "count");
  pg_pprof_sample_type(pp, "cpu", "nanoseconds");
  pg_pprof_period(pp, "cpu", "nanoseconds", period);
  pg_pprof_time(pp, (int64_t)p->wall0.tv_sec * 1000000000 + p->wall0.tv_nsec, duration);
  if (!p->walk)
    pg_pprof_comment(pp, "pogo: built without frame pointers: each sample has only the function it was in "
                         "(build with --frame-pointers for call stacks)");
  const pg_code_segment *segs;
  size_t nsegs = pg_symtab_segments(st, &segs);
  for (size_t i = 0; i < nsegs; i++) pg_pprof_mapping(pp, segs[i].start, segs[i].limit, segs[i].offset, segs[i].path, true);
  for (size_t i = 0; i < PROF_BUCKETS; i++) {
    const bucket *b = &p->buckets[i];
    if (!b->count) continue;
    uint64_t locs[PROF_DEPTH];
    size_t n = 0;
    for (size_t k = 0; k < b->depth; k++) {
      /* return addresses name the call: the instruction before them */
      uint64_t l = frame_location(pp, st, k ? b->pc[k] - 1 : b->pc[k]);
      if (!l && k) break;
      if (l) locs[n++] = l;
    }
    if (!n) locs[n++] = pg_pprof_location(pp, 0, 0, pg_pprof_function(pp, "[unknown code]", NULL), 0);
    int64_t v[2] = {b->count, (int64_t)b->count * period};
    pg_pprof_sample(pp, locs, n, v);
  }
  if (p->lost) {
    uint64_t l = pg_pprof_location(pp, 0, 0, pg_pprof_function(pp, "[lost: too many distinct stacks]", NULL), 0);
    int64_t v[2] = {(int64_t)p->lost, (int64_t)p->lost * period};
    pg_pprof_sample(pp, &l, 1, v);
  }
  uint8_t *data;
  size_t len;
  bool ok = pg_pprof_encode(pp, &data, &len);
  pg_pprof_free(pp);
  pg_symtab_free(st);
  if (!ok) {
    errno = ENOMEM;
    return false;
  }
  ok = write_all(p->fd, data, len);
  free(data);
  return ok;
}

int pg_profile_finish(pg_profile *p, int code) {
  if (!p) return code;
  atomic_signal_fence(memory_order_seq_cst);
  sampling = NULL; /* from here a late SIGPROF does nothing */
  atomic_signal_fence(memory_order_seq_cst);
  if (p->timer_live) timer_delete(p->timer);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  bool ok = write_profile(p, ns_between(p->mono0, now));
  int err = errno;
  if (close(p->fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    fprintf(stderr, "%s: cannot write CPU profile %s: %s\n", p->who, p->path, strerror(err));
    if (code == 0) code = 1;
  }
  free(p->buckets);
  free(p->path);
  free(p);
  return code;
}
