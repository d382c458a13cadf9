/* malloc_all.c: a C program (wasm32-wasi) that allocates 1 MiB blocks until malloc
 * fails, touching and keeping each, and prints how many it got. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *volatile last; /* the blocks form a list, so none is unused */

int main(void) {
  unsigned n = 0;
  for (;;) {
    void **p = malloc(1 << 20);
    if (!p) break;
    memset(p, 1, 1 << 20);
    *p = last;
    last = p;
    n++;
  }
  printf("allocated %u MiB\n", n);
  return 0;
}
