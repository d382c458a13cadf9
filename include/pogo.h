/*
 * pogo.h - embedding pogo-compiled guests in a C program.
 *
 * A module built with `pogo build --lib app.wasm -o libapp.a` exports one descriptor,
 * `app_module` (declared in app.h). From it a host creates instances: Go GOOS=js
 * programs (with pogo's JS host), WASI commands and reactors, or plain modules. Many
 * instances may live in one process, each independent of the others.
 *
 * Threads. An instance belongs to the thread that created it (its owner): every
 * function here must be called on that thread, except pogo_post and
 * pogo_poster_free, which any thread may call at any time, even while or after the
 * instance closes. A call on the wrong
 * thread fails with POGO_ERR_THREAD. Guest code runs on the owner thread only, inside
 * the calls that drive it (pogo_run, pogo_loop, pogo_step, pogo_call, pogo_call_export).
 * wabt's runtime allows one thread at a time to run guest code in a process: owners of
 * different instances must not run guests at the same moment.
 *
 * Errors are values. Functions that can fail take a `pogo_error *` (may be NULL) and
 * return a pogo_status; on failure the error holds the code and a one-line message. A
 * trap in the guest, a Go panic, or a guest that exits inside a call is reported this
 * way and never takes the host down; after an exit or a trap the instance only answers
 * pogo_exited and pogo_instance_free.
 *
 * GOOS=js values. A pogo_value is a small struct passed by value: undefined, null,
 * booleans and numbers carry no resources; strings and objects are reference counted.
 * A value returned by a function (or stored in *result) is owned by the caller, who
 * gives it back with pogo_release; arguments are borrowed. Values belong to their
 * instance and must not be mixed across instances.
 *
 * Driving a GOOS=js program: pogo_run starts Go's main and returns when Go first
 * pauses (waits for a timer, a callback, or I/O); then either pogo_loop runs the event
 * loop until the program exits, or the host integrates pogo into its own loop: poll
 * pogo_fd for readability (it becomes readable when work is posted) with a timeout up
 * to pogo_deadline, and call pogo_step each time. Go functions the guest stored in the
 * host (js.FuncOf values) can be called with pogo_call at any time between these
 * calls, and from inside C functions the guest calls (nesting to any depth).
 */
#ifndef POGO_H
#define POGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pogo-abi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pg_module_desc pogo_module; /* app_module in the generated app.h */
typedef struct pogo_instance pogo_instance;

typedef enum pogo_status {
  POGO_OK = 0,
  POGO_ERR_ARG,      /* a bad argument (NULL, wrong kind of value, unknown export) */
  POGO_ERR_NOMEM,
  POGO_ERR_LINK,     /* the module cannot be instantiated (its imports, its memory) */
  POGO_ERR_CONFIG,   /* the configuration cannot be applied (a directory, an option) */
  POGO_ERR_KIND,     /* the operation does not apply to this kind of module */
  POGO_ERR_THREAD,   /* called on a thread that does not own the instance */
  POGO_ERR_STATE,    /* not now: e.g. pogo_loop before pogo_run, pogo_run twice */
  POGO_ERR_TRAP,     /* the guest trapped; the message names the trap and function */
  POGO_ERR_EXITED,   /* the guest exited (pogo_exited gives the code) */
  POGO_ERR_THROWN,   /* a JS function threw: *result holds the exception */
  POGO_ERR_CLOSED,   /* pogo_post after the instance started closing */
} pogo_status;

typedef struct pogo_error {
  pogo_status code;
  char message[256];
} pogo_error;

typedef enum pogo_kind {
  POGO_KIND_PLAIN = 0, /* no host imports (or ones the embedder defines) */
  POGO_KIND_GO_JS,     /* Go GOOS=js: run, resume, the JS host */
  POGO_KIND_WASI,      /* imports WASI: a command (_start) or a reactor (_initialize) */
} pogo_kind;

/* The configuration of a new instance. Zero-initialise and set what you need. */
typedef struct pogo_config {
  int argc;                  /* the guest's argv (argv[0] is the program name) */
  const char *const *argv;
  const char *const *env;    /* "KEY=VALUE" strings, NULL-terminated. NULL: GOOS=js
                                guests get the process environment, WASI guests none */
  int stdin_fd, stdout_fd, stderr_fd; /* host descriptors behind the guest's 0, 1, 2;
                                         0 (the default) means the process's own (so
                                         host fd 0 can back only the guest's stdin) */
  const char *const *preopens; /* WASI: "HOST[::GUEST]" directories, NULL-terminated */
  uint64_t memory_limit;     /* bytes linear memory may grow to; 0: the module's maximum */
  size_t stack_size;         /* native stack the guest may use on the owner thread,
                                0: all of it (less headroom for the host) */
  uint64_t timeout_ns;       /* wall-clock time each outermost call that runs the guest
                                (pogo_run, pogo_loop, pogo_step, pogo_call,
                                pogo_call_export, and instantiation) may take; past it
                                the guest traps "time limit exceeded" (POGO_ERR_TRAP).
                                0: no limit */
  void *user;                /* returned by pogo_user */
} pogo_config;

/* ---- instances ---- */
pogo_instance *pogo_instance_new(const pogo_module *m, const pogo_config *cfg, pogo_error *err);
/* Close and free: pending timers and posted work are cancelled (their cancel
 * callbacks run), registered closers run (last registered first), the guest's memory
 * is released. Owner thread only; NULL is ignored. */
void pogo_instance_free(pogo_instance *inst);
pogo_kind pogo_instance_kind(const pogo_instance *inst);
void *pogo_user(const pogo_instance *inst);
/* Whether the guest exited (or trapped: code 134), and its exit code. */
bool pogo_exited(const pogo_instance *inst, int *code);
/* A function to run when the instance closes (owner thread, inside pogo_instance_free). */
pogo_status pogo_on_close(pogo_instance *inst, void (*fn)(void *user), void *user, pogo_error *err);

/* ---- driving ---- */
/* GOOS=js: start Go's main and return when it first pauses (or ends: POGO_OK, and
 * pogo_exited gives the code). WASI command: run _start to its end (pogo_exited then
 * gives the code, also after proc_exit). WASI reactor and plain module with
 * _initialize: run it. Once per instance.
 * After the guest was entered from the outside (pogo_run, an outermost pogo_call),
 * pogo settles the loop without waiting: I/O completions Go's own writes queued, timers
 * due now and posted work run before the call returns, as node would run them before
 * the host's next event; an exit this causes is reported by later calls, not by the
 * call that returned its result.
 * If the guest exits or traps inside a nested call (Go -> C -> pogo_call -> Go exits),
 * control does not come back to the C functions in between: like a wasm trap, it
 * unwinds to the outermost pogo call, which reports it. */
pogo_status pogo_run(pogo_instance *inst, pogo_error *err);
/* GOOS=js: run the event loop until the program exits (at once if it already has);
 * *code gets the exit code. POGO_OK for any exit code; POGO_ERR_TRAP after a trap. */
pogo_status pogo_loop(pogo_instance *inst, int *code, pogo_error *err);
/* GOOS=js: one turn of the event loop: due timers, posted work, queued callbacks,
 * completed I/O; when none is ready, wait up to timeout_ns (0: do not wait, -1: until
 * something happens). *progress (may be NULL) tells whether anything ran. A guest
 * that has nothing left to wait for (no timer, no read, no hold) is told so as under
 * node, and Go reports a deadlock: take a hold while the host has more to give it. */
pogo_status pogo_step(pogo_instance *inst, int64_t timeout_ns, bool *progress, pogo_error *err);
/* A descriptor that is readable while posted work waits (poll it with POLLIN), and the
 * monotonic time (CLOCK_MONOTONIC, ns) of the next timer, or -1 if none. */
int pogo_fd(const pogo_instance *inst);
int64_t pogo_deadline(const pogo_instance *inst);
/* Every descriptor the loop waits on: pogo_fd and those of the guest's pending reads
 * (a Go read from a pipe), all for POLLIN. Fills up to max entries and returns how many
 * there are; poll them all, then pogo_step. */
struct pollfd;
size_t pogo_pollfds(const pogo_instance *inst, struct pollfd *fds, size_t max);

/* ---- work from other threads ---- */
/* A poster lets other threads hand work to the owner thread of a GOOS=js instance (the
 * only kind with a loop to run it; others: POGO_ERR_KIND). Create it on the owner
 * thread and give it to a worker; it stays valid after the instance is freed (posts
 * then fail with POGO_ERR_CLOSED), until pogo_poster_free (any thread). */
typedef struct pogo_poster pogo_poster;
pogo_poster *pogo_poster_new(pogo_instance *inst, pogo_error *err);
void pogo_poster_free(pogo_poster *p);
/* Queue run(inst, user) to run on the owner thread inside the instance's loop (the
 * next pogo_step or pogo_loop turn), in posting order. Any thread, any time; wakes a
 * loop waiting in pogo_step or pogo_loop. When the instance closes (or the guest ends)
 * before the work ran, cancel(user) is called instead (if not NULL), on the owner
 * thread. Once the instance closed, fails with POGO_ERR_CLOSED and calls nothing: the
 * caller still owns user. */
typedef void (*pogo_task)(pogo_instance *inst, void *user);
pogo_status pogo_post(pogo_poster *p, pogo_task run, void (*cancel)(void *user), void *user, pogo_error *err);
/* Keep the loop waiting for posted work: while holds are taken, a guest with nothing
 * else to wait for is not told that nothing is left. Take a hold (+1) before handing
 * work to another thread and drop it (-1) in the posted task. Owner thread. */
pogo_status pogo_hold(pogo_instance *inst, int delta, pogo_error *err);

/* ---- calling exports (WASI reactors, plain modules) ----
 * Function imports other than WASI's are C functions the embedder defines, declared in
 * the module's header (app_import_MODULE_FIELD(app_t *inst, ...)); such a function
 * finds its pogo_instance as ((pg_inst_hdr *)inst)->host. Modules that import
 * memories, tables or globals cannot be instantiated through this API (POGO_ERR_LINK):
 * use the generated app_instantiate with an app_imports. */
/* Call export `name` with its wasm signature: i32/f32 in the low bits of a uint64_t,
 * i64 as is, f64 by bit pattern (pogo_f64_bits). nargs and nresults must match. */
pogo_status pogo_call_export(pogo_instance *inst, const char *name, const uint64_t *args, uint32_t nargs,
                             uint64_t *results, uint32_t nresults, pogo_error *err);
/* The guest's memory 0 (data and current size in bytes); valid until the guest runs. */
uint8_t *pogo_memory(pogo_instance *inst, size_t *size);

/* ---- GOOS=js values ---- */
typedef enum pogo_type {
  POGO_UNDEFINED, POGO_NULL, POGO_BOOLEAN, POGO_NUMBER, POGO_STRING, POGO_OBJECT,
} pogo_type;

/* Binary-compatible with the runtime's own value representation. */
typedef struct pogo_value {
  pogo_type type;
  union {
    bool b;
    double n;
    void *p;
  } u;
} pogo_value;

/* A C function callable from the guest: self and args borrowed. Return true with an
 * owned *result (undefined if left alone), or false with an owned exception in
 * *result (pogo_exception makes one); the guest sees the throw as a js.Error panic or
 * an error value. The function may call pogo_call (reentering Go). */
typedef bool (*pogo_native)(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args,
                            uint32_t argc, pogo_value *result);

static inline pogo_value pogo_undefined(void) { pogo_value v = {POGO_UNDEFINED, {.p = 0}}; return v; }
static inline pogo_value pogo_null(void) { pogo_value v = {POGO_NULL, {.p = 0}}; return v; }
static inline pogo_value pogo_boolean(bool b) { pogo_value v = {POGO_BOOLEAN, {.b = b}}; return v; }
static inline pogo_value pogo_number(double n) { pogo_value v = {POGO_NUMBER, {.n = n}}; return v; }

/* Constructors (owned results; POGO_UNDEFINED when the instance is not GOOS=js). */
pogo_value pogo_string(pogo_instance *inst, const char *utf8, size_t len);
pogo_value pogo_cstring(pogo_instance *inst, const char *utf8);
pogo_value pogo_object(pogo_instance *inst);
pogo_value pogo_array(pogo_instance *inst, uint32_t len);
pogo_value pogo_bytes(pogo_instance *inst, const void *data, size_t len); /* a Uint8Array (copied) */
pogo_value pogo_function(pogo_instance *inst, const char *name, pogo_native fn, void *user);
pogo_value pogo_exception(pogo_instance *inst, const char *message);      /* new Error(message) */
pogo_value pogo_global(pogo_instance *inst);                                /* globalThis */

pogo_value pogo_retain(pogo_value v);
void pogo_release(pogo_instance *inst, pogo_value v);

/* Properties and elements, with JS semantics (a missing one is undefined). */
pogo_value pogo_get(pogo_instance *inst, pogo_value obj, const char *key);
pogo_status pogo_set(pogo_instance *inst, pogo_value obj, const char *key, pogo_value v, pogo_error *err);
pogo_value pogo_index(pogo_instance *inst, pogo_value obj, uint32_t i);
pogo_status pogo_set_index(pogo_instance *inst, pogo_value obj, uint32_t i, pogo_value v, pogo_error *err);
uint32_t pogo_length(pogo_instance *inst, pogo_value v); /* arrays, Uint8Arrays, strings (bytes) */

/* Reading values. */
bool pogo_is_function(pogo_value v);
bool pogo_is_array(pogo_value v);
bool pogo_is_bytes(pogo_value v);
double pogo_to_number(pogo_value v);          /* JS ToNumber */
char *pogo_to_string(pogo_instance *inst, pogo_value v); /* String(v), malloc'd UTF-8 */
const char *pogo_string_data(pogo_value v);    /* a string's UTF-8 (NUL-terminated), or NULL */
uint8_t *pogo_bytes_data(pogo_value v, size_t *len); /* a Uint8Array's bytes, or NULL */

/* Call fn (a C function or a Go js.FuncOf function) with this and args, synchronously:
 * a Go function runs on the spot, may call C functions that call Go again, and its
 * return value lands in *result (owned). POGO_ERR_THROWN: *result is the exception.
 * POGO_ERR_EXITED / POGO_ERR_TRAP: the guest ended during the call. */
pogo_status pogo_call(pogo_instance *inst, pogo_value fn, pogo_value self, const pogo_value *args, uint32_t argc,
                      pogo_value *result, pogo_error *err);

static inline uint64_t pogo_f64_bits(double d) {
  uint64_t u;
  __builtin_memcpy(&u, &d, 8);
  return u;
}

#ifdef __cplusplus
}
#endif

#endif /* POGO_H */
