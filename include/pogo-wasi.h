/*
 * pogo-wasi.h - the WASI preview1 host: a context holding what one guest may see
 * (arguments, environment, the directories and sockets granted to it, its open files),
 * and the command line that configures it.
 *
 * A module importing wasi_snapshot_preview1 gets its context through
 * `imports.wasi` at instantiation (see the module's generated header). A context
 * serves one instance at a time; several contexts (and guests) may live in one
 * process. Nothing outside the granted directories is reachable: paths resolve beneath
 * a preopen or fail with ENOTCAPABLE (see rt/wasi_path.h).
 *
 * Use:
 *   pg_wasi *w = pg_wasi_new();
 *   pg_wasi_set_args(w, argc, argv);
 *   if (!pg_wasi_option(w, "--dir", "data::/data", err, sizeof err)) ...
 *   imports.wasi = w;  inst = app_instantiate(host, &imports, &e);
 *   pg_call(&inst->hdr, start, inst, &trap);   // trap.kind == PG_TRAP_EXIT after proc_exit
 *   code = pg_wasi_exit_code(w);
 *   app_free(inst);  pg_wasi_free(w);
 */
#ifndef POGO_WASI_H
#define POGO_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pg_wasi pg_wasi;

/* A context with fds 0, 1, 2 bound to the process's stdin, stdout, stderr, no
 * arguments, an empty environment and no preopens. NULL when out of memory. */
pg_wasi *pg_wasi_new(void);
/* Closes every fd the guest opened (not the process's stdio) and restores the flags of
 * stdio descriptors the guest changed. */
void pg_wasi_free(pg_wasi *w);

/* The guest's argv (copied). */
bool pg_wasi_set_args(pg_wasi *w, int argc, char *const *argv);
/* Add "KEY=VALUE" to the guest's environment (copied; a later KEY replaces). */
bool pg_wasi_add_env(pg_wasi *w, const char *kv);

/* One option as on pogo's command line, with its value:
 *   --dir HOST[::GUEST]   grant directory HOST, seen by the guest as GUEST (default:
 *                         HOST as written); preopens are numbered from fd 3 in order
 *   --env KEY=VALUE       set a variable in the guest's environment
 *   --inherit-env         (no value) copy the process's environment (before --env)
 *   --tcplisten ADDR:PORT listen on a TCP socket, preopened for sock_accept
 * Returns false with a one-line message in err on a bad value or an unusable
 * directory or address. */
bool pg_wasi_option(pg_wasi *w, const char *opt, const char *value, char *err, size_t n);
/* True when opt is one of the options above; *takes_value tells whether it has one. */
bool pg_wasi_is_option(const char *opt, bool *takes_value);
/* Apply options given as newline-separated words ("--dir\nHOST::GUEST\n--env\nK=V"),
 * the form of $POGO_WASI and of options baked into executables by `pogo build`. */
bool pg_wasi_options_text(pg_wasi *w, const char *text, char *err, size_t n);

/* Host descriptors behind the guest's 0, 1, 2 (default: the process's own). They stay
 * the caller's: the context never closes them. */
void pg_wasi_set_stdio(pg_wasi *w, int in, int out, int err);

/* Resolve paths with the component walk even where openat2 exists (tests). */
void pg_wasi_force_walk(pg_wasi *w, bool on);

/* After proc_exit: whether the guest exited, and its code. */
bool pg_wasi_exited(const pg_wasi *w);
uint32_t pg_wasi_exit_code(const pg_wasi *w);

/* main of executables built from WASI command modules (rt/wasi_main.c). */
struct pg_program;
int pg_wasi_main(const struct pg_program *prog, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* POGO_WASI_H */
