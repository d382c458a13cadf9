/* big_alloc - growing linear memory: malloc of 300 MB succeeds, every page of it is
 * written and read back, it is freed and allocated again, memory never shrinks,
 * impossible allocations return NULL with ENOMEM instead of trapping, and 100000
 * small blocks keep their contents. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

/* Results stored here cannot be optimised away (clang may otherwise drop a malloc
 * whose result is only compared with NULL, and assume it succeeded). */
static void *volatile sink;

int main(void) {
  size_t pages0 = __builtin_wasm_memory_size(0);
  const size_t size = 300u << 20;
  unsigned char *p = malloc(size);
  printf("malloc 300 MB: %s\n", p ? "ok" : "NULL");
  if (!p)
    return 1;
  size_t pages1 = __builtin_wasm_memory_size(0);
  printf("memory grew by at least 300 MB: %d\n", (pages1 - pages0) * 65536 >= size);
  for (size_t i = 0; i < size; i += 4096)
    p[i] = (unsigned char)(i >> 12);
  p[size - 1] = 0xAB;
  uint64_t sum = 0;
  for (size_t i = 0; i < size; i += 4096)
    sum += p[i];
  printf("page checksum %llu, last byte %02x\n", (unsigned long long)sum, p[size - 1]);
  memset(p, 0x5A, size);
  printf("after memset: %02x %02x %02x\n", p[0], p[size / 2], p[size - 1]);
  free(p);
  p = malloc(size);
  printf("malloc 300 MB again: %s, memory did not grow again much: %d\n", p ? "ok" : "NULL",
         __builtin_wasm_memory_size(0) - pages1 < 4800);
  free(p);

  size_t before = __builtin_wasm_memory_size(0);
  errno = 0;
  void *q = sink = malloc(SIZE_MAX - 64);
  printf("malloc SIZE_MAX-64: %s, errno %s\n", q ? "ok" : "NULL", errno_name(errno));
  errno = 0;
  q = sink = calloc((size_t)1 << 20, (size_t)1 << 20);
  printf("calloc overflow: %s, errno %s\n", q ? "ok" : "NULL", errno_name(errno));
  printf("memory never shrinks: %d\n", __builtin_wasm_memory_size(0) >= before);

  /* many small blocks */
  enum { N = 100000 };
  static void *blocks[N];
  for (int i = 0; i < N; i++) {
    blocks[i] = malloc(16 + i % 200);
    memset(blocks[i], i & 0xFF, 16);
  }
  int bad = 0;
  for (int i = 0; i < N; i++)
    bad += ((unsigned char *)blocks[i])[15] != (i & 0xFF);
  for (int i = 0; i < N; i++)
    free(blocks[i]);
  printf("small blocks corrupted: %d\n", bad);
  return 0;
}
