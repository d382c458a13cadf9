/*
 * driver.h - the commands behind the CLI, and what they share: options, loading and
 * compiling a module to a C directory, the build cache.
 */
#ifndef PG_DRIVER_H
#define PG_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "module.h"

typedef struct pg_opts {
  const char *cmd;
  const char *input;
  const char *output;
  const char *name;       /* C prefix */
  const char *cc;
  const char *keep_c;
  int opt_level;          /* 0..3 */
  unsigned jobs;          /* 0: default */
  bool lib;
  bool json;
  bool no_cache;
  bool verbose;
  const char *wasi_opts;  /* WASI options as newline-separated words (--dir, --env, ...):
                             baked into the executable by build, passed in $POGO_WASI by run */
  bool frame_pointers;    /* generated code keeps frame pointers (whole stacks in profiles) */
  const char *cpuprofile; /* run: the guest writes a CPU profile here ($POGO_CPUPROFILE) */
  uint64_t max_memory;    /* --max-memory in bytes (0: none) and --timeout in ns (0: none):
                             baked by build, passed in $POGO_MAX_MEMORY/$POGO_TIMEOUT by run */
  uint64_t timeout_ns;
  char **args;            /* guest arguments (run, check) */
  int nargs;
  bool run_exports;       /* build an executable that calls every export (exports_glue.c) */
  const char *ref;        /* check: reference engine (node, node-wasi, wasm-interp or a command) */
  const char *files;      /* check: directory copied into each side's scratch directory */
  const char *goroot;     /* check: GOROOT whose wasm_exec_node.js runs GOOS=js modules */
  unsigned repeat;        /* check: rounds (0: 1) */
  uint64_t seed;          /* check: seed of the rounds' variations, when has_seed */
  bool has_seed;
  double timeout;         /* check: seconds per run, 0 for none */
} pg_opts;

int pg_cmd_emit_c(const pg_opts *o);
int pg_cmd_build(const pg_opts *o);
int pg_cmd_run(const pg_opts *o);
int pg_cmd_inspect(const pg_opts *o);
int pg_cmd_check(const pg_opts *o);

/* check.c: one of check's own options (--ref, --repeat, ...) with its value (NULL when
 * missing): 1 if taken into o, -1 if the value is bad or missing, 0 if `option` is not
 * one of them. */
int pg_check_option(pg_opts *o, const char *option, const char *value);

/* exec.c: `pogo exec test.wasm [args...]`, also pogo invoked as go_js_wasm_exec or
 * go_wasip1_wasm_exec. Rewrites argc and argv into the `pogo run` command line it stands
 * for and returns -1 (also when the command line is not an exec one); otherwise
 * returns the exit status (help, usage errors). */
int pg_exec_rewrite(int *argc, char ***argv);

/* Build an executable through the cache as `pogo run` does. Returns the path of the
 * built file (malloc'd), or NULL after reporting. With o->no_cache it lives in a
 * scratch directory, returned in *scratch for the caller to remove (else NULL). */
char *pg_build_executable(const pg_opts *o, char **scratch);

/* exports_glue.c: pogo-main.c of an executable that calls every export without
 * parameters (o->run_exports) */
char *pg_exports_glue(const pg_module *m, const char *prefix, const char *file);

/* inspect.c: the Go version that built the module ("go1.26.8", from the producers
 * section); false when there is none */
bool pg_go_version(const pg_module *m, char *buf, size_t n);

/* Print "pogo: <file>: 0x<off>: <msg>" (offset when known). */
void pg_report(const char *file, const pg_diag *d);

/* Load, validate and name a module. Returns false after reporting. The module keeps
 * pointers into *bytes. */
bool pg_load_module(const pg_opts *o, pg_module *m, uint8_t **bytes, size_t *size, const char **prefix_out);

/* The default C prefix for an input path: its base name as an identifier. */
void pg_default_prefix(const char *path, char *out, size_t n);

/* Embedded copies of the headers generated code includes (embedded.c, from CMake). */
typedef struct pg_embedded {
  const char *name;
  const char *data;
  size_t size;
} pg_embedded;
extern const pg_embedded pg_embedded_headers[];
extern const size_t pg_embedded_header_count;
/* ... and of the reference runners pogo check writes out (scripts/node_wasi.mjs) */
extern const pg_embedded pg_embedded_runners[];
extern const size_t pg_embedded_runner_count;

#ifndef POGO_GUEST_FLAGS
#define POGO_GUEST_FLAGS "" /* extra cc flags for guests (set for sanitizer builds) */
#endif
#ifndef POGO_VERSION
#define POGO_VERSION "0.0.0"
#endif

#endif
