/*
 * embed.c - the embedding API (include/pogo.h): instances built from a module
 * descriptor, driven by their owner thread, fed by any thread through pogo_post.
 *
 * An instance wraps the generated instance and, by kind, the JS host (pg_js) or the
 * WASI context. The one piece of state shared between threads is the post box: a
 * mutex, a FIFO of tasks and an eventfd the owner's loop polls, reference counted by
 * the instance and its posters, so a poster may outlive the instance (its posts then
 * fail with POGO_ERR_CLOSED). Everything else is touched by the owner thread only,
 * which every entry point but the poster functions checks.
 *
 * pogo_value and the runtime's js_val are the same layout (checked below), so values
 * cross the API without conversion.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "js_host.h"
#include "pogo.h"
#include "wasi.h"
#include "watchdog.h"

_Static_assert(sizeof(pogo_value) == sizeof(js_val), "pogo_value mirrors js_val");
_Static_assert(offsetof(pogo_value, u) == offsetof(js_val, u), "pogo_value mirrors js_val");
_Static_assert((int)POGO_OBJECT == (int)JS_OBJECT && (int)POGO_STRING == (int)JS_STRING, "kinds match");

typedef struct post_task {
  pogo_task run;
  void (*cancel)(void *user);
  void *user;
} post_task;

typedef struct closer {
  void (*fn)(void *user);
  void *user;
} closer;

typedef struct native_fn {
  pogo_instance *inst;
  pogo_native fn;
  void *user;
} native_fn;

/* The queue other threads post into. Shared by the instance and every poster, freed
 * by whichever lets go last, so a poster outlives its instance safely. */
typedef struct post_box {
  pthread_mutex_t lock;
  unsigned refs;
  pogo_instance *inst; /* NULL once the instance closed */
  post_task *posts;
  size_t nposts, cap;
  int wake_fd;
  atomic_size_t pending; /* nposts, readable without the lock: the loop checks it often */
} post_box;

struct pogo_poster {
  post_box *box;
};

struct pogo_instance {
  const pg_module_desc *m;
  pogo_kind kind;
  pthread_t owner;
  void *user;
  pg_inst_hdr *hdr;
  pg_js *js;
  pg_wasi *wasi;
  bool ran, exited;
  int stepping;        /* inside a loop turn: pogo_call does not settle re-entrantly */
  int exit_code;
  char **argv;
  int argc;

  post_box *box;       /* shared with posting threads */

  closer *closers;
  size_t nclosers;
  native_fn **natives;
  size_t nnatives;

  pg_watchdog *watchdog; /* with a time limit: armed while a driving call runs */
  uint64_t timeout_ns;
  int driving;           /* nesting of calls that run the guest */
};

static pogo_status fail(pogo_error *err, pogo_status code, const char *fmt, ...) {
  if (err) {
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return code;
}

static pogo_status ok(pogo_error *err) {
  if (err) {
    err->code = POGO_OK;
    err->message[0] = 0;
  }
  return POGO_OK;
}

static bool owner(const pogo_instance *inst) { return inst && pthread_equal(inst->owner, pthread_self()); }

#define CHECK_OWNER(inst, err)                                                                                  \
  do {                                                                                                          \
    if (!(inst)) return fail(err, POGO_ERR_ARG, "no instance");                                                 \
    if (!owner(inst)) return fail(err, POGO_ERR_THREAD, "called on a thread that does not own the instance");  \
  } while (0)

/* The time limit counts from the outermost call that runs guest code to its return. */
static void drive_begin(pogo_instance *inst) {
  if (inst->watchdog && inst->driving++ == 0) pg_watchdog_arm(inst->watchdog, inst->timeout_ns);
}

static void drive_end(pogo_instance *inst) {
  if (inst->watchdog && --inst->driving == 0) pg_watchdog_disarm(inst->watchdog);
}

/* After guest code ran: did it end (exit or trap)? Reports it as the status. */
static pogo_status after_guest(pogo_instance *inst, pogo_error *err) {
  if (inst->js) {
    pg_js *js = inst->js;
    if (js->fatal.kind) {
      char msg[256];
      inst->exited = true;
      inst->exit_code = POGO_EXIT_TRAP;
      return fail(err, POGO_ERR_TRAP, "%s", pg_trap_describe(&js->fatal, msg, sizeof msg));
    }
    if (js->exited || js->deadlocked || js->uncaught) {
      inst->exited = true;
      inst->exit_code = js->uncaught ? 1 : js->exit_code;
      return fail(err, POGO_ERR_EXITED, "the guest exited with code %d", inst->exit_code);
    }
  }
  return ok(err);
}

static pogo_status ended_status(pogo_instance *inst, pogo_error *err) {
  return fail(err, POGO_ERR_EXITED, "the guest has exited (code %d)", inst->exit_code);
}

/* ---- posted work ---- */

static void box_unref(post_box *b) {
  pthread_mutex_lock(&b->lock);
  bool last = --b->refs == 0;
  pthread_mutex_unlock(&b->lock);
  if (!last) return;
  /* nobody can post any more; the instance cancelled what it did not run */
  free(b->posts);
  if (b->wake_fd >= 0) close(b->wake_fd);
  pthread_mutex_destroy(&b->lock);
  free(b);
}

static post_box *box_new(pogo_instance *inst) {
  post_box *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  b->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (b->wake_fd < 0) {
    free(b);
    return NULL;
  }
  pthread_mutex_init(&b->lock, NULL);
  b->refs = 1;
  b->inst = inst;
  return b;
}

/* Take everything posted so far (owner thread). */
static post_task *box_take(post_box *b, size_t *n) {
  pthread_mutex_lock(&b->lock);
  uint64_t v;
  if (read(b->wake_fd, &v, sizeof v) < 0) {
    /* EAGAIN: nothing signalled since the last take */
  }
  post_task *tasks = b->posts;
  *n = b->nposts;
  b->posts = NULL;
  b->nposts = b->cap = 0;
  atomic_store(&b->pending, 0);
  pthread_mutex_unlock(&b->lock);
  return tasks;
}

static bool drain(void *ctx) {
  pogo_instance *inst = ctx;
  if (!atomic_load(&inst->box->pending)) return false;
  size_t n;
  post_task *tasks = box_take(inst->box, &n);
  for (size_t i = 0; i < n; i++) {
    bool done = inst->exited || (inst->js && (inst->js->exited || inst->js->fatal.kind));
    if (done) {
      if (tasks[i].cancel) tasks[i].cancel(tasks[i].user);
    } else {
      tasks[i].run(inst, tasks[i].user);
    }
  }
  free(tasks);
  return n > 0;
}

pogo_poster *pogo_poster_new(pogo_instance *inst, pogo_error *err) {
  if (!inst || !owner(inst)) {
    fail(err, inst ? POGO_ERR_THREAD : POGO_ERR_ARG, "pogo_poster_new: not the owner thread of an instance");
    return NULL;
  }
  if (!inst->js) {
    fail(err, POGO_ERR_KIND, "only GOOS=js guests have a loop to run posted work");
    return NULL;
  }
  pogo_poster *p = malloc(sizeof *p);
  if (!p) {
    fail(err, POGO_ERR_NOMEM, "out of memory");
    return NULL;
  }
  pthread_mutex_lock(&inst->box->lock);
  inst->box->refs++;
  pthread_mutex_unlock(&inst->box->lock);
  p->box = inst->box;
  ok(err);
  return p;
}

void pogo_poster_free(pogo_poster *p) {
  if (!p) return;
  box_unref(p->box);
  free(p);
}

pogo_status pogo_post(pogo_poster *p, pogo_task run, void (*cancel)(void *user), void *user, pogo_error *err) {
  if (!p || !run) return fail(err, POGO_ERR_ARG, "pogo_post needs a poster and a function");
  post_box *b = p->box;
  pthread_mutex_lock(&b->lock);
  if (!b->inst) {
    pthread_mutex_unlock(&b->lock);
    return fail(err, POGO_ERR_CLOSED, "the instance is closed: work not accepted");
  }
  if (b->nposts == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 16;
    post_task *t = realloc(b->posts, cap * sizeof *t);
    if (!t) {
      pthread_mutex_unlock(&b->lock);
      return fail(err, POGO_ERR_NOMEM, "out of memory");
    }
    b->posts = t;
    b->cap = cap;
  }
  b->posts[b->nposts++] = (post_task){run, cancel, user};
  atomic_store(&b->pending, b->nposts);
  uint64_t one = 1;
  ssize_t w = write(b->wake_fd, &one, sizeof one);
  pthread_mutex_unlock(&b->lock);
  (void)w; /* an eventfd counter does not overflow at one increment per post */
  return ok(err);
}

/* ---- instances ---- */

static char **copy_strings(const char *const *v, int n) {
  char **out = calloc((size_t)n + 1, sizeof *out);
  if (!out) return NULL;
  for (int i = 0; i < n; i++)
    if (!(out[i] = strdup(v[i] ? v[i] : ""))) {
      for (int k = 0; k < i; k++) free(out[k]);
      free(out);
      return NULL;
    }
  return out;
}

extern char **environ;

static pogo_status setup_wasi(pogo_instance *inst, const pogo_config *cfg, pogo_error *err) {
  inst->wasi = pg_wasi_new();
  if (!inst->wasi || !pg_wasi_set_args(inst->wasi, inst->argc, inst->argv))
    return fail(err, POGO_ERR_NOMEM, "out of memory");
  for (int i = 0; cfg->env && cfg->env[i]; i++)
    if (!pg_wasi_add_env(inst->wasi, cfg->env[i])) return fail(err, POGO_ERR_NOMEM, "out of memory");
  char msg[256];
  for (int i = 0; cfg->preopens && cfg->preopens[i]; i++)
    if (!pg_wasi_option(inst->wasi, "--dir", cfg->preopens[i], msg, sizeof msg))
      return fail(err, POGO_ERR_CONFIG, "%s", msg);
  pg_wasi_set_stdio(inst->wasi, cfg->stdin_fd ? cfg->stdin_fd : 0, cfg->stdout_fd ? cfg->stdout_fd : 1,
                    cfg->stderr_fd ? cfg->stderr_fd : 2);
  return POGO_OK;
}

/* The memory limit is in force during instantiation (pg_memory_limit), so it holds
 * before the start function runs; the stack limit is applied here. */
static pogo_status apply_limits(pogo_instance *inst, const pogo_config *cfg, pogo_error *err) {
  (void)err;
  if (cfg->stack_size) {
    /* measured from here: the owner drives the guest from about this depth */
    char here;
    uintptr_t sp = (uintptr_t)&here;
    uintptr_t limit = sp > cfg->stack_size ? sp - cfg->stack_size : 0;
    if (limit > inst->hdr->stack_limit) inst->hdr->stack_limit = limit;
  }
  return POGO_OK;
}

pogo_instance *pogo_instance_new(const pogo_module *m, const pogo_config *cfg, pogo_error *err) {
  static const pogo_config defaults;
  if (!cfg) cfg = &defaults;
  if (!m) {
    fail(err, POGO_ERR_ARG, "no module");
    return NULL;
  }
  if (m->abi_version != POGO_ABI_VERSION) {
    fail(err, POGO_ERR_LINK, "module %s was generated for runtime ABI %u, this runtime has %u", m->name,
         m->abi_version, POGO_ABI_VERSION);
    return NULL;
  }
  pogo_instance *inst = calloc(1, sizeof *inst);
  if (!inst) {
    fail(err, POGO_ERR_NOMEM, "out of memory");
    return NULL;
  }
  inst->m = m;
  inst->owner = pthread_self();
  inst->user = cfg->user;
  inst->kind = m->go_js ? POGO_KIND_GO_JS : m->wasi ? POGO_KIND_WASI : POGO_KIND_PLAIN;
  inst->box = box_new(inst);
  static const char *const default_argv[] = {"guest"};
  const char *const *argv = cfg->argc > 0 ? cfg->argv : default_argv;
  inst->argc = cfg->argc > 0 ? cfg->argc : 1;
  inst->argv = copy_strings(argv, inst->argc);
  if (!inst->box || !inst->argv) {
    fail(err, POGO_ERR_NOMEM, "cannot set up the instance: %s", strerror(errno));
    goto fail;
  }
  if (inst->kind == POGO_KIND_WASI && setup_wasi(inst, cfg, err) != POGO_OK) goto fail;

  if (cfg->timeout_ns) {
    inst->timeout_ns = cfg->timeout_ns;
    inst->watchdog = pg_watchdog_new(inst->owner, 0, NULL, NULL);
    if (!inst->watchdog) {
      fail(err, POGO_ERR_NOMEM, "cannot start the time limit's thread: %s", strerror(errno));
      goto fail;
    }
  }

  pg_trap_info e;
  uint64_t prev_limit = pg_memory_limit(cfg->memory_limit);
  drive_begin(inst);
  inst->hdr = m->instantiate(inst, inst->wasi, &e);
  drive_end(inst);
  uint64_t refused = pg_memory_limit_refused();
  pg_memory_limit(prev_limit);
  if (!inst->hdr) {
    char msg[256];
    if (refused)
      fail(err, POGO_ERR_CONFIG, "memory limit %llu bytes is below the module's initial %llu pages",
           (unsigned long long)cfg->memory_limit, (unsigned long long)refused);
    else
      fail(err, e.kind == PG_ERR_LINK ? POGO_ERR_LINK : POGO_ERR_TRAP, "%s", pg_trap_describe(&e, msg, sizeof msg));
    goto fail;
  }
  if (apply_limits(inst, cfg, err) != POGO_OK) goto fail;
  if (inst->kind == POGO_KIND_GO_JS) {
    inst->js = js_host_new(m->go(inst->hdr), inst->argc, inst->argv,
                           cfg->env ? cfg->env : (const char *const *)environ);
    inst->js->stdio[0] = cfg->stdin_fd ? cfg->stdin_fd : 0;
    inst->js->stdio[1] = cfg->stdout_fd ? cfg->stdout_fd : 1;
    inst->js->stdio[2] = cfg->stderr_fd ? cfg->stderr_fd : 2;
    inst->js->wake_fd = inst->box->wake_fd;
    inst->js->drain = drain;
    inst->js->drain_ctx = inst;
  }
  ok(err);
  return inst;
fail:
  pogo_instance_free(inst);
  return NULL;
}

void pogo_instance_free(pogo_instance *inst) {
  if (!inst) return;
  if (!owner(inst)) {
    fprintf(stderr, "pogo: pogo_instance_free called on a thread that does not own the instance\n");
    abort();
  }
  if (inst->box) {
    /* from here on posts are refused; what was posted and not run is cancelled */
    pthread_mutex_lock(&inst->box->lock);
    inst->box->inst = NULL;
    pthread_mutex_unlock(&inst->box->lock);
    size_t n;
    post_task *tasks = box_take(inst->box, &n);
    for (size_t i = 0; i < n; i++)
      if (tasks[i].cancel) tasks[i].cancel(tasks[i].user);
    free(tasks);
  }
  for (size_t i = inst->nclosers; i-- > 0;) inst->closers[i].fn(inst->closers[i].user);
  free(inst->closers);
  pg_watchdog_free(inst->watchdog);
  if (inst->js) js_host_free(inst->js); /* cancels timers and queued callbacks */
  if (inst->hdr) inst->m->free(inst->hdr);
  pg_wasi_free(inst->wasi);
  for (size_t i = 0; i < inst->nnatives; i++) free(inst->natives[i]);
  free(inst->natives);
  for (int i = 0; inst->argv && i < inst->argc; i++) free(inst->argv[i]);
  free(inst->argv);
  if (inst->box) box_unref(inst->box);
  free(inst);
}

pogo_kind pogo_instance_kind(const pogo_instance *inst) { return inst ? inst->kind : POGO_KIND_PLAIN; }
void *pogo_user(const pogo_instance *inst) { return inst ? inst->user : NULL; }

bool pogo_exited(const pogo_instance *inst, int *code) {
  if (!inst) return false;
  if (code) *code = inst->exit_code;
  return inst->exited;
}

pogo_status pogo_on_close(pogo_instance *inst, void (*fn)(void *user), void *user, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (!fn) return fail(err, POGO_ERR_ARG, "no function");
  closer *c = realloc(inst->closers, (inst->nclosers + 1) * sizeof *c);
  if (!c) return fail(err, POGO_ERR_NOMEM, "out of memory");
  inst->closers = c;
  c[inst->nclosers++] = (closer){fn, user};
  return ok(err);
}

/* ---- driving ---- */

static const pg_export_desc *find_export(const pogo_instance *inst, const char *name) {
  for (uint32_t i = 0; i < inst->m->nexports; i++)
    if (!strcmp(inst->m->exports[i].name, name)) return &inst->m->exports[i];
  return NULL;
}

typedef struct invoke_args {
  const pg_export_desc *e;
  void *inst;
  const uint64_t *args;
  uint64_t *results;
} invoke_args;

static void invoke(void *p) {
  invoke_args *a = p;
  a->e->invoke(a->inst, a->args, a->results);
}

static pogo_status call_export(pogo_instance *inst, const pg_export_desc *e, const uint64_t *args, uint64_t *results,
                               pogo_error *err) {
  uint64_t scratch[16];
  invoke_args a = {e, inst->hdr, args, results ? results : scratch};
  pg_trap_info t;
  if (pg_call(inst->hdr, invoke, &a, &t)) return ok(err);
  inst->exited = true;
  if (t.kind == PG_TRAP_EXIT) {
    inst->exit_code = inst->wasi ? (int)(pg_wasi_exit_code(inst->wasi) & 0xff) : 0;
    return fail(err, POGO_ERR_EXITED, "the guest exited with code %d", inst->exit_code);
  }
  inst->exit_code = POGO_EXIT_TRAP;
  char msg[256];
  return fail(err, POGO_ERR_TRAP, "%s", pg_trap_describe(&t, msg, sizeof msg));
}

/* After the host called into Go: deliver what is already due (I/O completions Go's
 * writes queued, timers due now, posted work), as node would before the host's next
 * event, so that a later call does not find Go waiting on a completion that can only
 * come from the loop. Bounded: a program that keeps making work due stops here. */
static void settle(pogo_instance *inst) {
  pg_js *js = inst->js;
  if (inst->stepping || js->depth) return;
  inst->stepping++;
  for (int turns = 0; turns < 64; turns++)
    if (js->exited || js->fatal.kind || js->uncaught || js->deadlocked || !js_loop_turn(js, 0, false)) break;
  inst->stepping--;
}

static pogo_status run(pogo_instance *inst, pogo_error *err);

pogo_status pogo_run(pogo_instance *inst, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (inst->ran) return fail(err, POGO_ERR_STATE, "pogo_run was already called");
  inst->ran = true;
  drive_begin(inst);
  pogo_status s = run(inst, err);
  drive_end(inst);
  return s;
}

static pogo_status run(pogo_instance *inst, pogo_error *err) {
  if (inst->kind == POGO_KIND_GO_JS) {
    uint32_t argc, argv;
    char msg[256];
    if (!js_write_args(inst->js, &argc, &argv, msg, sizeof msg)) return fail(err, POGO_ERR_CONFIG, "%s", msg);
    js_run(inst->js, argc, argv);
    settle(inst);
    pogo_status s = after_guest(inst, err);
    /* a program that is already done is not an error: pogo_exited has the code */
    return s == POGO_ERR_EXITED ? ok(err) : s;
  }
  const pg_export_desc *start = find_export(inst, "_start");
  const pg_export_desc *init = find_export(inst, "_initialize");
  const pg_export_desc *e = start ? start : init;
  if (!e) return fail(err, POGO_ERR_KIND, "module %s exports neither _start nor _initialize", inst->m->name);
  if (e->nparams || e->nresults) return fail(err, POGO_ERR_KIND, "%s must have type [] -> []", e->name);
  pogo_status s = call_export(inst, e, NULL, NULL, err);
  if (s == POGO_ERR_EXITED && start) return ok(err); /* a command ending with proc_exit */
  if (s == POGO_OK && start) {
    inst->exited = true;
    inst->exit_code = 0;
  }
  return s;
}

static pogo_status loop_ready(pogo_instance *inst, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (inst->kind != POGO_KIND_GO_JS) return fail(err, POGO_ERR_KIND, "only GOOS=js guests have an event loop");
  if (!inst->ran) return fail(err, POGO_ERR_STATE, "pogo_run has not been called");
  return POGO_OK;
}

pogo_status pogo_loop(pogo_instance *inst, int *code, pogo_error *err) {
  pogo_status s = loop_ready(inst, err);
  if (s != POGO_OK) return s;
  if (!inst->exited) {
    inst->stepping++;
    drive_begin(inst);
    js_loop(inst->js);
    drive_end(inst);
    inst->stepping--;
  }
  s = after_guest(inst, err);
  if (code) *code = inst->exit_code;
  /* running to the end is what was asked: only a trap is an error */
  return s == POGO_ERR_TRAP ? s : ok(err);
}

pogo_status pogo_step(pogo_instance *inst, int64_t timeout_ns, bool *progress, pogo_error *err) {
  if (progress) *progress = false;
  pogo_status s = loop_ready(inst, err);
  if (s != POGO_OK) return s;
  if (inst->exited) return ended_status(inst, err);
  inst->stepping++;
  drive_begin(inst);
  bool did = js_loop_turn(inst->js, timeout_ns < 0 ? -1 : timeout_ns, true);
  drive_end(inst);
  inst->stepping--;
  if (progress) *progress = did;
  return after_guest(inst, err);
}

size_t pogo_pollfds(const pogo_instance *inst, struct pollfd *fds, size_t max) {
  if (!inst || !inst->js || !owner(inst)) return 0;
  size_t n = 0;
  if (n < max) fds[n] = (struct pollfd){inst->box->wake_fd, POLLIN, 0};
  n++;
  for (uint32_t i = 0; i < inst->js->nwaits; i++, n++)
    if (n < max) fds[n] = (struct pollfd){inst->js->waits[i].fd, POLLIN, 0};
  return n;
}

int pogo_fd(const pogo_instance *inst) { return inst && inst->box ? inst->box->wake_fd : -1; }

int64_t pogo_deadline(const pogo_instance *inst) {
  if (!inst || !inst->js) return -1;
  int64_t best = -1;
  for (uint32_t i = 0; i < inst->js->ntimers; i++) {
    const js_timer *t = &inst->js->timers[i];
    if (t->armed && (best < 0 || (int64_t)t->due_ns < best)) best = (int64_t)t->due_ns;
  }
  return best;
}

pogo_status pogo_hold(pogo_instance *inst, int delta, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (!inst->js) return fail(err, POGO_ERR_KIND, "only GOOS=js guests have an event loop");
  if (delta < 0 && (uint32_t)-delta > inst->js->holds) return fail(err, POGO_ERR_STATE, "more releases than holds");
  inst->js->holds = (uint32_t)((int64_t)inst->js->holds + delta);
  return ok(err);
}

/* ---- exports ---- */

pogo_status pogo_call_export(pogo_instance *inst, const char *name, const uint64_t *args, uint32_t nargs,
                             uint64_t *results, uint32_t nresults, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (!name) return fail(err, POGO_ERR_ARG, "no export name");
  if (inst->kind == POGO_KIND_GO_JS) return fail(err, POGO_ERR_KIND, "call a GOOS=js guest through pogo_call");
  const pg_export_desc *e = find_export(inst, name);
  if (!e) return fail(err, POGO_ERR_ARG, "no exported function '%s' (with i32/i64/f32/f64 values)", name);
  if (e->nparams != nargs || e->nresults != nresults)
    return fail(err, POGO_ERR_ARG, "export '%s' takes %u values and returns %u, not %u and %u", name, e->nparams,
                e->nresults, nargs, nresults);
  if (e->nresults > 16) return fail(err, POGO_ERR_ARG, "export '%s' returns too many values", name);
  if (inst->exited) return ended_status(inst, err);
  drive_begin(inst);
  pogo_status s = call_export(inst, e, args, results, err);
  drive_end(inst);
  return s;
}

uint8_t *pogo_memory(pogo_instance *inst, size_t *size) {
  if (!owner(inst) || !inst->hdr->mem) {
    if (size) *size = 0;
    return NULL;
  }
  if (size) *size = inst->hdr->mem->size;
  return inst->hdr->mem->data;
}

/* ---- GOOS=js values ---- */

static inline js_val JV(pogo_value v) {
  js_val j;
  memcpy(&j, &v, sizeof j);
  return j;
}
static inline pogo_value PV(js_val j) {
  pogo_value v;
  memcpy(&v, &j, sizeof v);
  return v;
}

#define JS_OR_UNDEFINED(inst)                                                                                   \
  do {                                                                                                          \
    if (!owner(inst) || !(inst)->js) return pogo_undefined();                                                   \
  } while (0)

pogo_value pogo_string(pogo_instance *inst, const char *utf8, size_t len) {
  JS_OR_UNDEFINED(inst);
  return PV(js_string(inst->js, utf8 ? utf8 : "", utf8 ? len : 0));
}
pogo_value pogo_cstring(pogo_instance *inst, const char *utf8) {
  return pogo_string(inst, utf8, utf8 ? strlen(utf8) : 0);
}
pogo_value pogo_object(pogo_instance *inst) {
  JS_OR_UNDEFINED(inst);
  return PV(js_objv(js_new_object(inst->js)));
}
pogo_value pogo_array(pogo_instance *inst, uint32_t len) {
  JS_OR_UNDEFINED(inst);
  return PV(js_objv(js_new_array(inst->js, len)));
}
pogo_value pogo_bytes(pogo_instance *inst, const void *data, size_t len) {
  JS_OR_UNDEFINED(inst);
  if (len > UINT32_MAX) return pogo_undefined();
  return PV(js_objv(js_new_u8(inst->js, data, (uint32_t)len)));
}
pogo_value pogo_exception(pogo_instance *inst, const char *message) {
  JS_OR_UNDEFINED(inst);
  return PV(js_objv(js_new_error(inst->js, "Error", message ? message : "")));
}
pogo_value pogo_global(pogo_instance *inst) {
  JS_OR_UNDEFINED(inst);
  return PV(js_retain(js_objv(js_global(inst->js))));
}

static bool native_tramp(pg_js *js, js_val self, const js_val *args, uint32_t argc, js_val *result, void *data,
                         bool construct) {
  (void)js;
  (void)construct;
  native_fn *n = data;
  pogo_value r = pogo_undefined();
  bool okay = n->fn(n->inst, n->user, PV(self), (const pogo_value *)args, argc, &r);
  *result = JV(r);
  return okay;
}

pogo_value pogo_function(pogo_instance *inst, const char *name, pogo_native fn, void *user) {
  JS_OR_UNDEFINED(inst);
  if (!fn) return pogo_undefined();
  native_fn **list = realloc(inst->natives, (inst->nnatives + 1) * sizeof *list);
  native_fn *n = malloc(sizeof *n);
  if (!list || !n) {
    if (list) inst->natives = list;
    free(n);
    return pogo_undefined();
  }
  inst->natives = list;
  *n = (native_fn){inst, fn, user};
  list[inst->nnatives++] = n;
  return PV(js_objv(js_new_function(inst->js, name ? name : "", native_tramp, n)));
}

pogo_value pogo_retain(pogo_value v) { return PV(js_retain(JV(v))); }
void pogo_release(pogo_instance *inst, pogo_value v) {
  if (inst && inst->js && owner(inst)) js_release(inst->js, JV(v));
}

pogo_value pogo_get(pogo_instance *inst, pogo_value obj, const char *key) {
  JS_OR_UNDEFINED(inst);
  if (!key || obj.type != POGO_OBJECT) return pogo_undefined();
  return PV(js_get(inst->js, JV(obj), key));
}

pogo_status pogo_set(pogo_instance *inst, pogo_value obj, const char *key, pogo_value v, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (!inst->js) return fail(err, POGO_ERR_KIND, "values belong to GOOS=js guests");
  if (obj.type != POGO_OBJECT || !key) return fail(err, POGO_ERR_ARG, "pogo_set needs an object and a key");
  js_set(inst->js, JV(obj), key, JV(v));
  return ok(err);
}

pogo_value pogo_index(pogo_instance *inst, pogo_value obj, uint32_t i) {
  JS_OR_UNDEFINED(inst);
  if (obj.type != POGO_OBJECT) return pogo_undefined();
  return PV(js_get_index(inst->js, JV(obj), i));
}

pogo_status pogo_set_index(pogo_instance *inst, pogo_value obj, uint32_t i, pogo_value v, pogo_error *err) {
  CHECK_OWNER(inst, err);
  if (!inst->js) return fail(err, POGO_ERR_KIND, "values belong to GOOS=js guests");
  if (obj.type != POGO_OBJECT) return fail(err, POGO_ERR_ARG, "pogo_set_index needs an object");
  js_set_index(inst->js, JV(obj), i, JV(v));
  return ok(err);
}

uint32_t pogo_length(pogo_instance *inst, pogo_value v) {
  if (v.type == POGO_STRING) return ((js_str *)v.u.p)->len;
  if (v.type != POGO_OBJECT || !owner(inst) || !inst->js) return 0;
  js_val n = js_get(inst->js, JV(v), "length");
  double d = js_to_number(n);
  js_release(inst->js, n);
  return d >= 0 && d <= UINT32_MAX ? (uint32_t)d : 0;
}

bool pogo_is_function(pogo_value v) { return js_is_fn(JV(v)); }
bool pogo_is_array(pogo_value v) { return v.type == POGO_OBJECT && ((js_obj *)v.u.p)->cls == JSC_ARRAY; }
bool pogo_is_bytes(pogo_value v) { return js_is_u8(JV(v)); }
double pogo_to_number(pogo_value v) { return js_to_number(JV(v)); }

char *pogo_to_string(pogo_instance *inst, pogo_value v) {
  if (!owner(inst) || !inst->js) return NULL;
  return js_to_cstring(inst->js, JV(v));
}

const char *pogo_string_data(pogo_value v) { return v.type == POGO_STRING ? js_str_data(JV(v)) : NULL; }

uint8_t *pogo_bytes_data(pogo_value v, size_t *len) {
  if (!js_is_u8(JV(v))) {
    if (len) *len = 0;
    return NULL;
  }
  js_obj *o = v.u.p;
  if (len) *len = o->u.u8.len;
  return o->u.u8.data;
}

pogo_status pogo_call(pogo_instance *inst, pogo_value fn, pogo_value self, const pogo_value *args, uint32_t argc,
                      pogo_value *result, pogo_error *err) {
  if (result) *result = pogo_undefined();
  CHECK_OWNER(inst, err);
  if (!inst->js) return fail(err, POGO_ERR_KIND, "pogo_call is for GOOS=js guests; use pogo_call_export");
  if (!js_is_fn(JV(fn))) return fail(err, POGO_ERR_ARG, "not a function");
  if (argc && !args) return fail(err, POGO_ERR_ARG, "no arguments given for argc %u", argc);
  if (inst->exited) return ended_status(inst, err);
  if (!inst->ran && ((js_obj *)fn.u.p)->cls == JSC_GOFUNC)
    return fail(err, POGO_ERR_STATE, "Go has not started: call pogo_run first");
  js_val r;
  drive_begin(inst);
  bool okay = js_call(inst->js, JV(fn), JV(self), (const js_val *)args, argc, &r);
  /* the call's own outcome, before settling: an exit the loop brings about afterwards
   * (the callback unblocked main, which returned) is for later calls to see */
  pogo_status s = inst->js->depth == 0 ? after_guest(inst, err) : POGO_OK;
  if (s != POGO_OK) {
    drive_end(inst);
    js_release(inst->js, r);
    return s;
  }
  if (!okay) {
    char *text = js_to_cstring(inst->js, r);
    fail(err, POGO_ERR_THROWN, "%s", text ? text : "exception");
    free(text);
  } else {
    ok(err);
  }
  if (result) *result = PV(r);
  else js_release(inst->js, r);
  settle(inst);
  drive_end(inst);
  return okay ? POGO_OK : POGO_ERR_THROWN;
}
