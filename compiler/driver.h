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
  char **args;            /* guest arguments (run) */
  int nargs;
} pg_opts;

int pg_cmd_emit_c(const pg_opts *o);
int pg_cmd_build(const pg_opts *o);
int pg_cmd_run(const pg_opts *o);
int pg_cmd_inspect(const pg_opts *o);

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

#ifndef POGO_GUEST_FLAGS
#define POGO_GUEST_FLAGS "" /* extra cc flags for guests (set for sanitizer builds) */
#endif
#ifndef POGO_VERSION
#define POGO_VERSION "0.0.0"
#endif

#endif
