/* trap_indirect - calls through function pointers: a valid call works; a call through
 * a pointer cast to the wrong signature is a wasm trap (call_indirect type check). */
#include <stdio.h>

static int add(int a, int b) {
  return a + b;
}

typedef int (*binop)(int, int);
typedef double (*wrong)(double);

int main(void) {
  volatile binop f = add;
  printf("add(2, 3) = %d\n", f(2, 3));
  fflush(stdout);
  volatile wrong g = (wrong)(void *)add;
  printf("not reached: %g\n", g(1.0));
  return 0;
}
