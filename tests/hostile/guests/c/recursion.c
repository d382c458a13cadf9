/* recursion.c: a C program (wasm32-wasi) that recurses without end. With argument
 * "shadow" each frame also takes 64 bytes of the C stack in linear memory (the
 * address of a local escapes), which runs out first: the stack pointer leaves memory
 * and the next access traps. Otherwise frames live in wasm locals and the native stack
 * runs out: "call stack exhausted". */
#include <stdio.h>
#include <string.h>

volatile int sink;

__attribute__((noinline)) static int down(int n) { return down(n + 1) + (n & 1); }

__attribute__((noinline)) static int down_shadow(int n) {
  char pad[64];
  memset(pad, n, sizeof pad);
  sink = pad[n & 63];
  return down_shadow(n + 1) + pad[3];
}

int main(int argc, char **argv) {
  puts("recursing");
  fflush(stdout);
  sink = argc > 1 && !strcmp(argv[1], "shadow") ? down_shadow(0) : down(0);
  return 0;
}
