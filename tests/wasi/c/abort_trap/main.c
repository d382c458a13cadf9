/* abort_trap - abort() is a wasm trap (unreachable) in wasi-libc: output written with
 * write(2) or flushed before it appears, buffered stdio output is lost (abort does
 * not flush), a file written before it stays, and the runtime reports a trap. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  printf("flushed before abort\n");
  fflush(stdout);
  const char *msg = "written with write(2)\n";
  write(1, msg, strlen(msg));
  int fd = open("before_abort.txt", O_WRONLY | O_CREAT, 0644);
  write(fd, "kept\n", 5);
  close(fd);
  FILE *f = fopen("buffered.txt", "w");
  fputs("never flushed, so the file stays empty\n", f);
  printf("buffered, lost by abort\n");
  abort();
}
