/*
 * watchdog.h - stopping a guest from outside (internal to rt/): time limits for
 * executables (--timeout) and for instances of the embedding API (pogo_config).
 *
 * A watchdog belongs to one thread that runs guest code (its target). Armed with a time limit, its own thread waits; when the time is up it
 * sends the target the interrupt signal, again every few milliseconds, until the guest
 * stops or the watchdog is disarmed. The signal handler traps (PG_TRAP_INTERRUPT) only
 * when the interrupted pc is in generated code (pogo_text, or a range registered by
 * tcc-built code, see pogo-ops.h): there the guest holds no lock and no host state is
 * half-updated, so unwinding it is as safe as a guard-page fault. Anywhere else (host
 * functions, libc, the embedder's code) the handler leaves a note and returns; the next
 * signal tries again, and host functions that block (poll, reads, the Go event loop)
 * see EINTR and ask pg_interrupt_pending whether to stop.
 *
 * Invariants: the handler reads only the watchdog it was sent (its pointer travels in
 * the signal's value) and the thread's innermost pg_call frame; a watchdog is freed
 * only once its thread has stopped sending.
 */
#ifndef PG_WATCHDOG_H
#define PG_WATCHDOG_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "pogo-abi.h"

/* The signal a watchdog sends (installed on first use of a watchdog only). */
#define PG_SIG_INTERRUPT (SIGRTMIN + 5)

typedef struct pg_watchdog pg_watchdog;

/* A watchdog for guest code run by the thread `target` (any instance: a limit covers
 * whatever guest code the target runs while it is armed). on_stuck (may be NULL) runs
 * on the watchdog's thread when the guest has not stopped `grace_ns` after the limit
 * (an executable then ends the process itself). NULL if no thread can be started. */
pg_watchdog *pg_watchdog_new(pthread_t target, uint64_t grace_ns, void (*on_stuck)(void *ctx), void *ctx);
/* Start counting: the guest is stopped `limit_ns` from now. Disarm stops counting (and
 * any interrupt still being sent). Both may be called from any thread. */
void pg_watchdog_arm(pg_watchdog *w, uint64_t limit_ns);
void pg_watchdog_disarm(pg_watchdog *w);
/* Whether the limit passed since the last arm (the interrupt is being sent). */
bool pg_watchdog_fired(const pg_watchdog *w);
/* Free it: on the target thread, or after the target thread ended. */
void pg_watchdog_free(pg_watchdog *w);

/* Host safe points: whether an interrupt reached this thread while it was not in guest
 * code and is still wanted. pg_interrupt_check traps with it (for host functions the
 * guest called, inside pg_call). */
bool pg_interrupt_pending(void);
void pg_interrupt_check(pg_inst_hdr *inst);

/* Whether pc is in generated guest code. */
bool pg_in_guest_code(uintptr_t pc);

/* From trap.c: the innermost guarded call of this thread, the pc of a signal context,
 * and a trap at a pc from a signal handler. */
pg_call_frame *pg_call_innermost(void);
uintptr_t pg_signal_pc(void *uctx);
WASM_RT_NO_RETURN void pg_trap_signal(pg_trap_kind kind, uintptr_t pc);

#endif /* PG_WATCHDOG_H */
