/* exit_code - exit(42) from a nested call: stdio buffers (stdout to a pipe is fully
 * buffered) are flushed, atexit handlers run in reverse order of registration and
 * may still print, and nothing after the call runs. */
#include <stdio.h>
#include <stdlib.h>

static void first_registered(void) {
  printf("atexit: first registered, runs last\n");
}

static void second_registered(void) {
  printf("atexit: second registered, runs first\n");
  fprintf(stderr, "atexit handler writes to stderr too\n");
}

static void leave(int depth) {
  if (depth == 0) {
    printf("calling exit(42) from depth 10, no newline after this");
    exit(42);
  }
  leave(depth - 1);
  printf("not reached\n");
}

int main(void) {
  atexit(first_registered);
  atexit(second_registered);
  printf("buffered line before exit\n");
  fprintf(stderr, "stderr line before exit\n");
  leave(10);
  return 0;
}
