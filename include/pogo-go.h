/*
 * pogo-go.h - the contract between C generated from a Go module and pogo's Go runtime.
 *
 * Go's wasm ABI (see docs/design.md): every ordinary Go function is `u32 f(inst, pc_b)`
 * returning 1 to unwind the whole wasm stack (a goroutine switch) and 0 to return. The
 * Go stack lives in linear memory; after an unwind, the pc-loop re-enters the function
 * whose return address sits on top of the Go stack, through the PC_F table.
 *
 * pogo binds four of the guest's own functions to the runtime here: wasm_pc_f_loop
 * (pg_go_pc_loop, calling through an explicit C array instead of call_indirect),
 * runtime.pause, runtime.exit and wasm_export_getsp. The gojs (or, Go <= 1.20, go)
 * imports are resolved by name at instantiation with pg_gojs_resolve: an import the
 * runtime does not provide is a link error naming it, never a crash at run time.
 *
 * Invariant: `sp` and `pause` point at the instance's globals 0 and 7 (Go's SP and
 * PAUSE); the generated code and the runtime read and write the same words.
 */
#ifndef POGO_GO_H
#define POGO_GO_H

#include "pogo-abi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t (*pg_go_fn)(void *inst, uint32_t pc_b);

struct pg_js;

typedef struct pg_go {
  pg_inst_hdr *hdr;           /* the instance (its memory is hdr->mem) */
  uint32_t *sp;               /* Go's SP: global 0 */
  uint32_t *pause;            /* Go's PAUSE: global 7 */
  const pg_go_fn *pcf;        /* PC_F table: pcf[PC_F - 0x1000]; NULL for non-PC_B functions */
  uint32_t npcf;
  bool pcf16;                 /* Go <= 1.20 keeps PC_F in 16 bits */
  bool legacy_imports;        /* import module "go" (Go <= 1.20) rather than "gojs" */
  void (*run)(void *inst, uint32_t argc, uint32_t argv);  /* the "run" export */
  void (*resume)(void *inst);                              /* the "resume" export */
  struct pg_js *js;           /* the host serving this instance, attached by the runtime */
} pg_go;

/* An import: Go passes its stack pointer; arguments and results live at sp + 8...
 * (64 bits wide so that sp + offset cannot wrap around to a valid address). */
typedef void (*pg_gojs_import)(pg_go *g, uint64_t sp);

/* The runtime's function for import (module, name), or NULL if it has none. */
pg_gojs_import pg_gojs_resolve(const char *module, const char *name);

/* The bound guest functions. */
void pg_go_pc_loop(pg_go *g);
uint32_t pg_go_pause(pg_go *g);
uint32_t pg_go_exit(pg_go *g);
uint32_t pg_go_getsp(pg_go *g);

/* Entry of executables built from Go GOOS=js modules (the program descriptor's main). */
int pg_go_main(const pg_program *prog, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* POGO_GO_H */
