/*
 * check.h - what pogo check's command (check.c) and its reference engines
 * (check_ref.c) share: a reference, how it is started, and the one run of each side
 * that they compare.
 */
#ifndef PG_CHECK_H
#define PG_CHECK_H

#include <stdbool.h>

#include "driver.h"
#include "guest.h"
#include "tree.h"
#include "util.h"

/* The exit status of a built executable whose guest trapped (POGO_EXIT_TRAP, pogo-abi.h). */
#define POGO_TRAP_STATUS 134

typedef enum pg_ref_kind {
  PG_REF_NODE_JS,     /* node with the Go toolchain's wasm_exec_node.js */
  PG_REF_NODE_WASI,   /* node with scripts/node_wasi.mjs (built into pogo) */
  PG_REF_WASM_INTERP, /* wabt's wasm-interp --run-all-exports */
  PG_REF_CMD,         /* a shell command */
} pg_ref_kind;

typedef struct pg_ref {
  pg_ref_kind kind;
  const char *name;   /* "node", "node-wasi", "wasm-interp" or "reference", for reports */
  char *program;      /* node or wasm-interp, as found on PATH */
  char *script;       /* the .js/.mjs file node runs; the command of PG_REF_CMD */
  bool big_stack;     /* node --stack-size=8192: Go guests, as Go's own scripts run them */
  char *about;        /* one line on what runs, for reports */
} pg_ref;

/* One run of one side. */
typedef struct pg_outcome {
  int status;         /* exit status, or 128 + signal */
  bool signaled, timed_out;
  double secs;
  pg_buf out, err;
  pg_tree tree;
  const char *trap;   /* set by normalisation when both sides trapped alike: the kind
                         (the exit statuses and report lines are then not compared) */
} pg_outcome;

/* Choose and prepare the reference for a guest of kind g (go_version: its Go, or "");
 * files it needs are written into tmp. Returns 0, or an exit status after a message
 * (2: the reference does not fit the module, 3: it cannot be found or prepared). */
int pg_ref_setup(pg_ref *r, const pg_opts *o, pg_guest g, const char *go_version, const char *tmp);
void pg_ref_free(pg_ref *r);

/* The reference's command line for one run: the module at `wasm` (absolute), the WASI
 * options as separate words (node-wasi), the guest's arguments. NULL-terminated,
 * malloc'd (free with the strings it points to, see pg_argv_free). */
char **pg_ref_argv(const pg_ref *r, const char *wasm, char *const *wasi, size_t nwasi, char *const *args, int nargs);
void pg_argv_free(char **argv);

/* Apply the documented normalisations of this reference to both outcomes (docs/check.md);
 * each one applied is described in notes, one line per kind. */
void pg_ref_normalise(const pg_ref *r, pg_outcome *ref, pg_outcome *native, pg_buf *notes);

#endif
