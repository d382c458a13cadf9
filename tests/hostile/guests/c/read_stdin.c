/* read_stdin.c: a C program (wasm32-wasi) blocked in fd_read on a pipe that never
 * delivers: its time limit must stop it inside the host function. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char buf[16];
  puts("reading");
  fflush(stdout);
  ssize_t n = read(0, buf, sizeof buf);
  printf("read %zd\n", n);
  return 0;
}
