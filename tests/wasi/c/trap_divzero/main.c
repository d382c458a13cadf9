/* trap_divzero - integer division by zero is a wasm trap (i32.div_s), after which
 * nothing more runs; the same for INT_MIN / -1 is not reached. */
#include <stdio.h>

int main(void) {
  volatile int zero = 0, seven = 7;
  printf("7 / 1 = %d\n", seven / (zero + 1));
  printf("7 %% 3 = %d\n", seven % 3);
  fflush(stdout);
  int q = seven / zero;
  printf("not reached: %d\n", q);
  return 0;
}
