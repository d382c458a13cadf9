/*
 * trampoline.c - the four functions of a Go module that pogo's runtime supplies in place
 * of the guest's own: the pc-loop, runtime.pause, runtime.exit and wasm_export_getsp.
 *
 * Go unwinds the whole wasm stack to switch goroutines; the pc-loop then re-enters, via
 * the PC_F table, the function whose return address (PC_F << 16 | PC_B) sits just
 * below SP, until PAUSE says Go wants to return to its host. Here the PC_F table is a C
 * array of function pointers, so re-entry is an indexed call with no signature check at
 * run time (non-PC_B functions have NULL entries, which trap like a bad call_indirect).
 *
 * Invariant: these read and write SP and PAUSE exactly as the guest's own definitions
 * do (runtime.pause leaves SP = newsp + 8, popping the return address of the call).
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "js_host.h"

/* Fixed-size loads, so they compile to one instruction each (this runs on every
 * goroutine switch); a fault here is a guard-page trap. */
static inline uint32_t ld16(const uint8_t *mem, uint32_t a) {
  uint16_t v;
  memcpy(&v, mem + a, sizeof v);
  return v;
}

static inline uint32_t ld32(const uint8_t *mem, uint32_t a) {
  uint32_t v;
  memcpy(&v, mem + a, sizeof v);
  return v;
}

void pg_go_pc_loop(pg_go *g) {
  uint8_t *mem = g->hdr->mem->data;
  while (*g->pause == 0) {
    uint32_t ra = *g->sp - 8; /* wraps like i32.sub: a bad SP faults in the guard region */
    uint32_t pc_b = ld16(mem, ra);
    uint32_t pc_f = g->pcf16 ? ld16(mem, ra + 2) : ld32(mem, ra + 2);
    if (pc_f < 0x1000) pg_trap(g->hdr, UINT32_MAX, PG_TRAP_UNINITIALIZED_ELEMENT);
    uint32_t k = pc_f - 0x1000;
    if (k >= g->npcf) pg_trap(g->hdr, UINT32_MAX, PG_TRAP_UNDEFINED_ELEMENT);
    if (!g->pcf[k]) pg_trap(g->hdr, UINT32_MAX, PG_TRAP_INDIRECT_TYPE_MISMATCH);
    g->pcf[k](g->hdr, pc_b);
  }
  *g->pause = 0;
}

uint32_t pg_go_pause(pg_go *g) {
  uint8_t *mem = g->hdr->mem->data;
  uint32_t newsp = ld32(mem, *g->sp + 8); /* the i64 argument, wrapped to i32 */
  *g->pause = 1;
  *g->sp = newsp + 8;
  return 1;
}

uint32_t pg_go_exit(pg_go *g) {
  uint8_t *mem = g->hdr->mem->data;
  g->js->exit_code = (int32_t)ld32(mem, *g->sp + 8);
  g->js->exited = true;
  /* node's wasmExit ends the process inside the call: nothing of the guest runs after */
  pg_trap(g->hdr, UINT32_MAX, PG_TRAP_EXIT);
}

uint32_t pg_go_getsp(pg_go *g) { return *g->sp; }
