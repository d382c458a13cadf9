/*
 * memory_grow.c - linear memories from the runtime: allocation within limits (initial
 * sizes up to 65535 pages, refusing anything larger instead of aborting), growth that
 * honours the declared maximum and pogo's 65535-page ceiling (wasm-rt's byte size is
 * 32 bits, so 65536 pages would wrap to 0), fails without changing the memory, keeps the
 * data pointer fixed and zeroes new pages, and release of the whole reservation.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "pogo-abi.h"

#define PAGE 65536u

Test(memory_grow, allocation_with_a_maximum) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 1, 2, true));
  cr_assert_not_null(m.data);
  cr_assert_eq(m.pages, 1);
  cr_assert_eq(m.max_pages, 2);
  cr_assert_eq(m.size, PAGE);
  m.data[0] = 1;
  m.data[PAGE - 1] = 2;
  cr_assert_eq(m.data[PAGE / 2], 0, "memory starts zeroed");
  pg_memory_free(&m);
}

Test(memory_grow, allocation_without_a_maximum) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 0, 0, false));
  cr_assert_eq(m.pages, 0);
  cr_assert_eq(m.size, 0);
  cr_assert_eq(m.max_pages, UINT32_MAX);
  pg_memory_free(&m);
}

Test(memory_grow, initial_size_limits) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 65535, 0, false));
  cr_assert_eq(m.pages, 65535);
  cr_assert_eq(m.size, 65535u * PAGE);
  m.data[m.size - 1] = 7; /* the last byte is usable */
  pg_memory_free(&m);
  /* 65536 pages is valid wasm but cannot be represented: refused, not aborted */
  memset(&m, 0, sizeof m);
  cr_assert_not(pg_memory_alloc(&m, 65536, 65536, true));
  cr_assert_null(m.data, "nothing allocated on refusal");
  cr_assert_not(pg_memory_alloc(&m, UINT64_MAX, 0, false));
  cr_assert_not(pg_memory_alloc(&m, 1ull << 32, 0, false));
}

Test(memory_grow, grow_within_the_maximum) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 1, 3, true));
  uint8_t *data = m.data;
  m.data[PAGE - 1] = 0xab;
  cr_assert_eq(pg_memory_grow(&m, 1), 1, "returns the old size");
  cr_assert_eq(m.pages, 2);
  cr_assert_eq(m.size, 2 * PAGE);
  cr_assert_eq(m.data, data, "the data pointer never moves");
  cr_assert_eq(m.data[PAGE - 1], 0xab, "contents kept");
  cr_assert_eq(m.data[PAGE], 0, "new pages are zeroed");
  cr_assert_eq(m.data[2 * PAGE - 1], 0);
  m.data[2 * PAGE - 1] = 1;
  cr_assert_eq(pg_memory_grow(&m, 0), 2, "grow by 0 reports the size");
  cr_assert_eq(pg_memory_grow(&m, 1), 2);
  cr_assert_eq(m.pages, 3);
  pg_memory_free(&m);
}

Test(memory_grow, grow_past_the_maximum_fails_cleanly) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 1, 2, true));
  cr_assert_eq(pg_memory_grow(&m, 2), UINT32_MAX);
  cr_assert_eq(m.pages, 1, "a failed grow changes nothing");
  cr_assert_eq(m.size, PAGE);
  cr_assert_eq(pg_memory_grow(&m, UINT32_MAX), UINT32_MAX, "no wrap-around of pages + delta");
  cr_assert_eq(pg_memory_grow(&m, 0x80000000u), UINT32_MAX);
  cr_assert_eq(m.pages, 1);
  cr_assert_eq(pg_memory_grow(&m, 1), 1, "still growable afterwards");
  pg_memory_free(&m);
}

Test(memory_grow, ceiling_of_65535_pages) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 0, 0, false));
  cr_assert_eq(pg_memory_grow(&m, 65536), UINT32_MAX, "65536 pages would wrap the 32-bit byte size");
  cr_assert_eq(m.pages, 0);
  cr_assert_eq(pg_memory_grow(&m, 65535), 0);
  cr_assert_eq(m.pages, 65535);
  cr_assert_eq(m.size, 65535u * PAGE);
  m.data[m.size - 1] = 9;
  cr_assert_eq(pg_memory_grow(&m, 1), UINT32_MAX, "no 65536th page");
  cr_assert_eq(m.pages, 65535);
  cr_assert_eq(m.size, 65535u * PAGE, "size did not wrap");
  cr_assert_eq(pg_memory_grow(&m, 0), 65535);
  pg_memory_free(&m);
}

Test(memory_grow, ceiling_below_a_declared_maximum_of_65536) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  cr_assert(pg_memory_alloc(&m, 65534, 65536, true));
  cr_assert_eq(pg_memory_grow(&m, 1), 65534);
  cr_assert_eq(pg_memory_grow(&m, 1), UINT32_MAX);
  cr_assert_eq(m.pages, 65535);
  pg_memory_free(&m);
}

Test(memory_grow, free_releases_and_resets) {
  wasm_rt_memory_t m;
  memset(&m, 0, sizeof m);
  pg_memory_free(&m); /* never allocated: nothing to do */
  cr_assert(pg_memory_alloc(&m, 2, 0, false));
  pg_memory_free(&m);
  cr_assert_null(m.data);
  cr_assert_eq(m.pages, 0);
  cr_assert_eq(m.size, 0);
  pg_memory_free(&m); /* twice is harmless */
  /* 20000 allocate/free cycles reserve 160 TiB in total, more than a 47-bit address
   * space holds: this only passes if each 8 GiB reservation is really returned */
  for (int i = 0; i < 20000; i++) {
    cr_assert(pg_memory_alloc(&m, 1, 1, true), "allocation %d", i);
    pg_memory_free(&m);
  }
}
