/*
 * trap.c - guarded entry into guest code (pg_call), traps, the fault handler, and
 * the wording of trap reports.
 *
 * How a trap travels: generated code (or a host function) calls pg_trap, which writes
 * the precise kind and function into the innermost pg_call frame and calls wabt's
 * wasm_rt_trap; that longjmps to wasm_rt_jmp_buf, which pg_call had pointed at itself.
 * A fault in a guard page arrives as SIGSEGV in on_fault, which records the faulting pc
 * and does the same.
 *
 * State: the innermost frame of each thread is the one thread-local in the runtime.
 * It cannot hang off an instance: a signal carries no instance, and a call chain may
 * cross several instances. wabt's jump buffer is a process global, which is why guest
 * code runs on one thread at a time (see pogo-abi.h).
 *
 * Invariant: on_fault turns a fault into a trap only while a pg_call is active and only
 * for faults that look like guest faults (a protected guard page, or an overflow at
 * the stack's end); anything else is re-raised as the crash it is.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "pogo-abi.h"
#include "watchdog.h"

/* wabt's runtime keeps its jump target here (declared in its wasm-rt-impl.h, which
 * Debian does not install). */
extern jmp_buf wasm_rt_jmp_buf;

static _Thread_local pg_call_frame *current_frame;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static wasm_rt_trap_t coarse(pg_trap_kind k) {
  switch (k) {
  case PG_TRAP_UNREACHABLE: return WASM_RT_TRAP_UNREACHABLE;
  case PG_TRAP_DIV_BY_ZERO: return WASM_RT_TRAP_DIV_BY_ZERO;
  case PG_TRAP_INT_OVERFLOW: return WASM_RT_TRAP_INT_OVERFLOW;
  case PG_TRAP_INVALID_CONVERSION: return WASM_RT_TRAP_INVALID_CONVERSION;
  case PG_TRAP_MEMORY_OOB:
  case PG_TRAP_TABLE_OOB: return WASM_RT_TRAP_OOB;
  case PG_TRAP_UNDEFINED_ELEMENT:
  case PG_TRAP_UNINITIALIZED_ELEMENT:
  case PG_TRAP_INDIRECT_TYPE_MISMATCH: return WASM_RT_TRAP_CALL_INDIRECT;
  case PG_TRAP_STACK_EXHAUSTED: return WASM_RT_TRAP_EXHAUSTION;
  default: return WASM_RT_TRAP_UNREACHABLE;
  }
}

uintptr_t pg_signal_pc(void *uctx) {
  ucontext_t *uc = uctx;
#if defined(__x86_64__)
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)uc->uc_mcontext.pc;
#else
  (void)uc;
  return 0;
#endif
}

static void reraise(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigaction(sig, &sa, NULL);
  /* returning re-executes the faulting instruction, now with the default action */
}

static void on_fault(int sig, siginfo_t *si, void *uctx) {
  pg_call_frame *f = current_frame;
  if (!f) {
    reraise(sig);
    return;
  }
  /* an overflow lands just below this thread's stack limit (on a guard page or an
   * unmapped gap); a PROT_NONE page elsewhere is a memory reservation's guard region;
   * anything else is a genuine crash in host code */
  uintptr_t addr = (uintptr_t)si->si_addr;
  uintptr_t lim = f->inst ? f->inst->stack_limit : 0;
  pg_trap_kind kind;
  if (lim && addr < lim + (1u << 20) && addr + (64u << 20) > lim) {
    kind = PG_TRAP_STACK_EXHAUSTED;
  } else if (si->si_code == SEGV_ACCERR || sig == SIGBUS) {
    kind = PG_TRAP_MEMORY_OOB;
  } else {
    reraise(sig);
    return;
  }
  f->trap.kind = kind;
  f->trap.module = NULL;
  f->trap.func = UINT32_MAX;
  f->trap.pc = pg_signal_pc(uctx);
  f->trap.message = NULL;
  wasm_rt_trap(coarse(kind));
}

pg_call_frame *pg_call_innermost(void) { return current_frame; }

/* A trap from a signal handler that found the pc in guest code (rt/watchdog.c). */
void pg_trap_signal(pg_trap_kind kind, uintptr_t pc) {
  pg_call_frame *f = current_frame;
  f->trap.kind = kind;
  f->trap.module = NULL;
  f->trap.func = UINT32_MAX;
  f->trap.pc = pc;
  f->trap.message = NULL;
  wasm_rt_trap(coarse(kind));
}

static void do_init(void) {
  wasm_rt_init();
  /* replace wabt's handler (installed by wasm_rt_init, with its alternate stack) by
   * one that records the pc and refuses to swallow host crashes */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sa.sa_sigaction = on_fault;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
}

void pg_rt_init(void) { pthread_once(&init_once, do_init); }

/* The defined function whose code starts closest below pc, over the modules of the
 * active call chain. Code layout is the C compiler's, so this names the function the
 * pc is in when the pc is in generated code at all (else no function is named: a
 * fault in a library function must not be pinned on the last guest function). */
static void resolve_pc(pg_call_frame *f, pg_trap_info *t) {
  if (!pg_in_guest_code(t->pc)) return;
  uintptr_t best = 0;
  for (; f; f = f->prev) {
    const pg_module_info *mi = f->inst ? f->inst->info : NULL;
    if (!mi) continue;
    for (uint32_t i = mi->num_imported_funcs; i < mi->num_funcs; i++) {
      uintptr_t a = (uintptr_t)mi->funcs[i].fn;
      if (a <= t->pc && a > best) {
        best = a;
        t->module = mi;
        t->func = i;
      }
    }
  }
}

bool pg_call(pg_inst_hdr *inst, void (*fn)(void *arg), void *arg, pg_trap_info *trap) {
  pg_call_frame frame;
  frame.prev = current_frame;
  frame.inst = inst;
  memcpy(frame.saved, wasm_rt_jmp_buf, sizeof(jmp_buf));
  memset(&frame.trap, 0, sizeof frame.trap);
  current_frame = &frame;
  /* no signal mask saved: the fast path pays no syscall; the trap path unblocks the
   * fault signals itself */
  if (sigsetjmp(wasm_rt_jmp_buf, 0) == 0) {
    fn(arg);
    current_frame = frame.prev;
    memcpy(wasm_rt_jmp_buf, frame.saved, sizeof(jmp_buf));
    return true;
  }
  /* read back through the thread-local pointer: the frame was written after setjmp */
  pg_call_frame *f = current_frame;
  current_frame = f->prev;
  memcpy(wasm_rt_jmp_buf, f->saved, sizeof(jmp_buf));
  if (f->trap.kind == PG_TRAP_MEMORY_OOB || f->trap.kind == PG_TRAP_STACK_EXHAUSTED ||
      f->trap.kind == PG_TRAP_INTERRUPT) { /* maybe from a signal handler: its signal is still blocked */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGSEGV);
    sigaddset(&s, SIGBUS);
    sigaddset(&s, PG_SIG_INTERRUPT);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  }
  if (f->trap.pc && !f->trap.module) resolve_pc(f, &f->trap);
  if (trap) *trap = f->trap;
  return false;
}

void pg_trap(pg_inst_hdr *inst, uint32_t func, pg_trap_kind kind) {
  pg_call_frame *f = current_frame;
  if (!f) {
    char buf[256];
    pg_trap_info t = {kind, inst ? inst->info : NULL, func, 0, NULL};
    fprintf(stderr, "pogo: %s outside pg_call (an embedder must call guest code through pg_call)\n",
            pg_trap_describe(&t, buf, sizeof buf));
    abort();
  }
  f->trap.kind = kind;
  f->trap.module = inst ? inst->info : NULL;
  f->trap.func = func;
  f->trap.pc = 0;
  f->trap.message = NULL;
  wasm_rt_trap(coarse(kind));
}

void pg_trap_host(pg_inst_hdr *inst, const char *message) {
  pg_call_frame *f = current_frame;
  if (f) {
    f->trap.message = message;
    f->trap.kind = PG_TRAP_HOST;
    f->trap.module = inst ? inst->info : NULL;
    f->trap.func = UINT32_MAX;
    f->trap.pc = 0;
    wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
  }
  pg_trap(inst, UINT32_MAX, PG_TRAP_HOST);
}

void pg_trap_raise(const pg_trap_info *trap) {
  pg_call_frame *f = current_frame;
  if (!f) {
    char buf[256];
    fprintf(stderr, "pogo: %s outside pg_call\n", pg_trap_describe(trap, buf, sizeof buf));
    abort();
  }
  f->trap = *trap;
  wasm_rt_trap(coarse(trap->kind));
}

void pg_link_error(pg_trap_info *err, const char *message) {
  if (!err) return;
  memset(err, 0, sizeof *err);
  err->kind = PG_ERR_LINK;
  err->func = UINT32_MAX;
  err->message = message;
}

bool pg_link_limits(uint64_t cur, uint64_t cur_max, uint64_t min, uint64_t max, int has_max, pg_trap_info *err,
                    const char *what) {
  bool ok = cur >= min && (!has_max || (cur_max != UINT32_MAX && cur_max <= max));
  if (!ok) pg_link_error(err, strcmp(what, "memory") == 0 ? "incompatible import type: memory limits"
                                                          : "incompatible import type: table limits");
  return ok;
}

const char *pg_trap_kind_message(pg_trap_kind kind) {
  static const char *const text[PG_TRAP_COUNT] = {
      [PG_TRAP_NONE] = "no trap",
      [PG_TRAP_UNREACHABLE] = "unreachable executed",
      [PG_TRAP_DIV_BY_ZERO] = "integer divide by zero",
      [PG_TRAP_INT_OVERFLOW] = "integer overflow",
      [PG_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
      [PG_TRAP_MEMORY_OOB] = "out of bounds memory access",
      [PG_TRAP_TABLE_OOB] = "out of bounds table access",
      [PG_TRAP_UNDEFINED_ELEMENT] = "undefined element",
      [PG_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
      [PG_TRAP_INDIRECT_TYPE_MISMATCH] = "indirect call type mismatch",
      [PG_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
      [PG_TRAP_HOST] = "host error",
      [PG_TRAP_INTERRUPT] = "time limit exceeded",
      [PG_ERR_LINK] = "link error",
      [PG_TRAP_EXIT] = "exit",
  };
  return (unsigned)kind < PG_TRAP_COUNT && text[kind] ? text[kind] : "unknown trap";
}

const char *pg_func_name(const pg_module_info *module, uint32_t func, char *buf, size_t n) {
  const char *p = module->func_names;
  if (func < module->num_funcs) {
    for (uint32_t i = 0; i < func; i++) p += strlen(p) + 1;
    if (*p) {
      snprintf(buf, n, "%s", p);
      return buf;
    }
  }
  snprintf(buf, n, "func[%u]", func);
  return buf;
}

const char *pg_trap_describe(const pg_trap_info *t, char *buf, size_t n) {
  if (t->kind == PG_ERR_LINK) {
    snprintf(buf, n, "link error: %s", t->message ? t->message : "instantiation failed");
    return buf;
  }
  const char *what = t->kind == PG_TRAP_HOST && t->message ? t->message : pg_trap_kind_message(t->kind);
  if (t->module && t->func != UINT32_MAX) {
    char name[200];
    snprintf(buf, n, "trap: %s in function '%s' (#%u)", what, pg_func_name(t->module, t->func, name, sizeof name),
             t->func);
  } else if (t->module && t->func == UINT32_MAX && t->kind != PG_TRAP_HOST) {
    snprintf(buf, n, "trap: %s while instantiating", what);
  } else {
    snprintf(buf, n, "trap: %s", what);
  }
  return buf;
}
