/*
 * memory.c - linear memories in wabt's wasm-rt layout: allocation that fails softly,
 * growth within what wasm-rt can represent and within the memory limit, and release
 * of the whole reservation.
 *
 * Each memory is an 8 GiB PROT_NONE reservation (as wasm-rt makes it) whose used part
 * is readable and writable (and charged to the commit limit: where the kernel counts
 * strictly, growth it refuses is memory.grow's -1), so any 32-bit address plus 32-bit offset lands inside the
 * reservation and an access beyond the used part faults on a guard page. pogo maps and
 * protects it itself rather than through wasm_rt_allocate_memory, which aborts the
 * process when the kernel refuses. wasm-rt keeps the byte size in a uint32_t, so 65536
 * pages (4 GiB) would wrap to 0: pogo stops at 65535 pages (the spec lets memory.grow
 * fail at any size).
 *
 * A memory limit (pogo build/run --max-memory, pogo_config.memory_limit) is set per
 * thread around instantiation: a memory allocated under it gets its maximum lowered, so
 * memory.grow past it returns -1 exactly as at a declared maximum.
 *
 * Invariant: a memory's data pointer never moves, so generated code may cache it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>

#include "pogo-abi.h"

#define PG_RESERVATION 0x200000000ull /* wasm-rt's reservation per memory */
#define PG_MAX_PAGES 65535u
#define PG_PAGE 65536u

static _Thread_local uint64_t limit_bytes;   /* 0: no limit */
static _Thread_local uint64_t refused_pages; /* the last initial size the limit refused */

uint64_t pg_memory_limit(uint64_t bytes) {
  uint64_t prev = limit_bytes;
  limit_bytes = bytes;
  refused_pages = 0;
  return prev;
}

uint64_t pg_memory_limit_refused(void) { return refused_pages; }

bool pg_memory_alloc(wasm_rt_memory_t *mem, uint64_t initial, uint64_t max, bool has_max) {
  mem->data = NULL;
  mem->pages = mem->size = 0;
  uint64_t limit_pages = limit_bytes / PG_PAGE;
  if (limit_bytes && initial > limit_pages) {
    refused_pages = initial;
    return false;
  }
  if (initial > PG_MAX_PAGES) return false;
  uint8_t *p = mmap(NULL, PG_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return false;
  if (initial && mprotect(p, initial * PG_PAGE, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, PG_RESERVATION);
    return false;
  }
  uint64_t top = has_max ? max : UINT32_MAX;
  if (limit_bytes && limit_pages < top) top = limit_pages;
  mem->data = p;
  mem->pages = (uint32_t)initial;
  mem->size = (uint32_t)(initial * PG_PAGE);
  mem->max_pages = (uint32_t)top;
  return true;
}

uint32_t pg_memory_grow(wasm_rt_memory_t *mem, uint32_t delta) {
  uint64_t old = mem->pages, pages = old + delta;
  if (pages > PG_MAX_PAGES || pages > mem->max_pages) return UINT32_MAX;
  if (delta && mprotect(mem->data + old * PG_PAGE, (uint64_t)delta * PG_PAGE, PROT_READ | PROT_WRITE) != 0)
    return UINT32_MAX; /* the kernel refused (address space or commit limit) */
  mem->pages = (uint32_t)pages;
  mem->size = (uint32_t)(pages * PG_PAGE);
  return (uint32_t)old;
}

void pg_memory_free(wasm_rt_memory_t *mem) {
  if (!mem->data) return;
  munmap(mem->data, PG_RESERVATION);
  mem->data = NULL;
  mem->pages = mem->size = 0;
}
