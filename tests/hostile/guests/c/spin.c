/* spin.c: a C program (wasm32-wasi) that never yields. */
#include <stdio.h>

volatile unsigned long n;

int main(void) {
  puts("spinning");
  fflush(stdout);
  for (;;) n++;
}
