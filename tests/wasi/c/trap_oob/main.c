/* trap_oob - a load beyond the end of linear memory is a wasm trap (out of bounds
 * memory access); reading the last byte of memory is fine. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uintptr_t end = __builtin_wasm_memory_size(0) * 65536;
  volatile unsigned char *last = (unsigned char *)(end - 1);
  printf("memory has %zu pages, last byte reads %d\n", (size_t)__builtin_wasm_memory_size(0), *last);
  fflush(stdout);
  volatile uint32_t *beyond = (uint32_t *)(end - 2); /* straddles the end */
  printf("not reached: %u\n", *beyond);
  return 0;
}
