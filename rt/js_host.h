/*
 * js_host.h - the state of one Go GOOS=js host, shared by the runtime files that make
 * it up (internal to rt/):
 *   js_object.c   strings, objects, properties, calls, conversions
 *   js_value.c    the Go-visible reference table (NaN-boxed refs, ids, refcounts)
 *   js_globals.c  globalThis: Object, Array, Uint8Array, Date, process, path, console...
 *   js_fs.c       node's callback-style fs on POSIX
 *   gojs.c        the gojs/go imports
 *   loop.c        timers, queued callbacks, waits on file descriptors, deadlock
 *
 * Invariant: everything hangs off one pg_js, owned by one instance and used from the
 * thread that runs that instance; nothing here is global.
 */
#ifndef PG_JS_HOST_H
#define PG_JS_HOST_H

#include "js.h"
#include "pogo-go.h"

typedef struct js_timer {
  uint32_t id;
  uint64_t due_ns;          /* monotonic */
  bool runtime;             /* scheduleTimeoutEvent: resume with no event */
  bool armed;               /* still waiting to fire */
  uint64_t seq;             /* creation order, for timers due at the same time */
  js_val fn;                /* setTimeout: callback (owned) */
  js_val *args;
  uint32_t nargs;
} js_timer;

typedef struct js_task {
  js_val fn;                /* owned */
  js_val *args;             /* owned */
  uint32_t nargs;
} js_task;

typedef struct js_wait {
  int fd;
  void (*done)(pg_js *js, void *data);
  void *data;
} js_wait;

struct pg_js {
  pg_go *go;                /* the instance this host serves */
  bool legacy;              /* Go <= 1.20 (import module "go"): timeouts get +1 ms */
  js_obj *objects;          /* every live object */
  js_obj *global, *goobj;
  js_obj *ctor_object, *ctor_array, *ctor_u8, *ctor_error, *ctor_date, *ctor_function;

  /* the Go-visible reference table (js_value.c) */
  js_val *values;
  uint64_t *refcounts;      /* UINT64_MAX: never freed (the predefined values) */
  uint32_t nvalues, values_cap;
  uint32_t *pool;           /* freed ids, reused last-in first-out */
  uint32_t npool, pool_cap;
  uint32_t *idmap;          /* open addressing: value -> id + 1 */
  uint32_t idmap_cap, idmap_count; /* count: live entries and tombstones */
  uint32_t idmap_live;
  uint32_t max_refs;        /* ids live at once at most (JS_MAX_REFS, $POGO_MAX_JS_VALUES) */

  /* the event loop (loop.c) */
  js_timer *timers;
  uint32_t ntimers, timers_cap;
  uint32_t next_runtime_timer, next_js_timer;
  uint64_t timer_seq;
  js_task *queue;
  uint32_t qhead, qlen, qcap;
  js_wait *waits;
  uint32_t nwaits, waits_cap;
  uint64_t time_origin_ns;  /* performance.now() zero (monotonic) */
  uint64_t wall_origin_ns;  /* the wall clock at time_origin_ns */
  int depth;                /* Go activations on the native stack (run/resume) */

  /* process */
  char **argv;
  int argc;
  char **env;               /* KEY=VALUE, sorted as node sorts Object.keys */
  int nenv;
  bool exited;
  int exit_code;
  pg_trap_info fatal;       /* a trap that ended the program (kind 0: none) */
  bool uncaught;            /* a JS exception escaped a callback (node exits 1) */
  bool deadlocked;          /* Go was told nothing is left and did not exit: the loop ends */

  /* embedding (rt/embed.c) */
  int stdio[3];             /* host descriptors behind the guest's 0, 1, 2 */
  int wake_fd;              /* readable while posted work waits, or -1; polled by the loop */
  bool (*drain)(void *ctx); /* runs posted work, true if any ran */
  void *drain_ctx;
  uint32_t holds;           /* while > 0, waiting for posted work is not a deadlock */
};

/* js_object.c */
void js_free_all(pg_js *js);
js_val js_str_take(pg_js *js, js_str *s);

/* js_value.c: the reference table */
void js_refs_init(pg_js *js);
void js_refs_free(pg_js *js);
/* v borrowed; adds one Go reference. False (nothing stored) when the value needs a new
 * id and js->max_refs (default JS_MAX_REFS) are live. */
#define JS_MAX_REFS (1u << 24)
bool js_store_ref(pg_js *js, js_val v, uint64_t *ref);
js_val js_load_ref(pg_js *js, uint64_t ref); /* borrowed */
void js_finalize_ref(pg_js *js, uint32_t id);

/* gojs.c: the name of import i of module "gojs" (NULL past the last), for tests */
const char *js_import_name(size_t i);

/* js_host.c: the host's lifetime */
pg_js *js_host_new(pg_go *go, int argc, char **argv, const char *const *env); /* all copied */
void js_host_free(pg_js *js);
/* argv and the environment at offset 4096, as wasm_exec.js lays them out; false (with a
 * message) if they do not fit below 12288. */
bool js_write_args(pg_js *js, uint32_t *argc, uint32_t *argv_ptr, char *err, size_t errn);

/* js_globals.c */
void js_globals_init(pg_js *js);
js_obj *js_make_go_func(pg_js *js, uint32_t id);

/* loop.c */
uint64_t js_now_ns(void);                    /* monotonic */
uint32_t js_timer_add(pg_js *js, uint64_t delay_ms, bool runtime, js_val fn, const js_val *args, uint32_t nargs);
void js_timer_clear(pg_js *js, uint32_t id, bool runtime);
/* Run Go's run export (once) or resume export (with the current _pendingEvent); exit
 * and traps unwind every nested activation and end up in js->exited / js->fatal. */
void js_run(pg_js *js, uint32_t argc, uint32_t argv);
void js_resume(pg_js *js);
/* The loop proper: after run returned, until Go exits; returns the exit code. */
int js_loop(pg_js *js);
/* One turn: due timers, queued callbacks, posted work; when nothing ran, wait up to
 * max_wait_ns (-1: until something happens, 0: only collect what is ready now), or,
 * if may_conclude, tell Go that nothing is left (it then reports a deadlock). Returns
 * whether anything ran. */
bool js_loop_turn(pg_js *js, int64_t max_wait_ns, bool may_conclude);
void js_loop_free(pg_js *js);

#endif /* PG_JS_HOST_H */
