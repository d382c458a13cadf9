/*
 * memory.c - linear memories on top of wabt's wasm-rt: allocation that fails softly,
 * growth within what wasm-rt can represent, and release of the whole reservation.
 *
 * wasm-rt 1.0.32 reserves 8 GiB per memory (PROT_NONE) and makes the used part
 * readable; its byte size is a uint32_t, so 65536 pages (4 GiB) would wrap to 0.
 * pogo therefore stops at 65535 pages: the spec lets memory.grow fail at any size.
 * Invariant: a memory's data pointer never moves, so generated code may cache it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>

#include "pogo-abi.h"

#define PG_RESERVATION 0x200000000ull /* wasm-rt's reservation per memory */
#define PG_MAX_PAGES 65535u

bool pg_memory_alloc(wasm_rt_memory_t *mem, uint64_t initial, uint64_t max, bool has_max) {
  if (initial > PG_MAX_PAGES) return false;
  /* wasm-rt aborts the process if its mapping fails: probe first so a refusal (say,
   * under an address-space limit) is an instantiation error instead */
  void *probe = mmap(NULL, PG_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (probe == MAP_FAILED) return false;
  munmap(probe, PG_RESERVATION);
  wasm_rt_allocate_memory(mem, (uint32_t)initial, has_max ? (uint32_t)max : UINT32_MAX);
  return true;
}

uint32_t pg_memory_grow(wasm_rt_memory_t *mem, uint32_t delta) {
  if ((uint64_t)mem->pages + delta > PG_MAX_PAGES) return UINT32_MAX;
  return wasm_rt_grow_memory(mem, delta);
}

void pg_memory_free(wasm_rt_memory_t *mem) {
  if (!mem->data) return;
  munmap(mem->data, PG_RESERVATION);
  mem->data = NULL;
  mem->pages = mem->size = 0;
}
