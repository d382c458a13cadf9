/* stdout_stderr - the standard streams: large output through stdio (1 MiB, many
 * fd_write calls), unbuffered stderr, writev with several buffers, zero-length
 * writes, binary bytes (NUL, 0xFF, invalid UTF-8), line/full/no buffering set with
 * setvbuf, and the streams' descriptors 0, 1 and 2. */
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "corpus.h"

int main(void) {
  fprintf(stderr, "stderr: unbuffered, first\n");
  printf("stdout: fileno %d %d %d\n", fileno(stdin), fileno(stdout), fileno(stderr));
  static char line[1024];
  for (int i = 0; i < 1023; i++)
    line[i] = (char)('!' + (i * 7) % 90);
  line[1023] = '\0';
  unsigned long total = 0;
  for (int i = 0; i < 1024; i++)
    total += (unsigned long)printf("%04d %.*s\n", i, 1017 - (i % 100), line);
  fflush(stdout);
  printf("printed %lu bytes\n", total);

  struct iovec iov[4] = {
    { "writev ", 7 }, { "", 0 }, { "with four ", 10 }, { "buffers\n", 8 },
  };
  fflush(stdout);
  show("writev", writev(1, iov, 4));
  show("write 0 bytes", write(1, "", 0));
  show("write binary", write(1, "nul:\0 ff:\xff bad utf8:\xc3\x28 end\n", 28));
  show("write to stderr", write(2, "stderr via write\n", 17));

  setvbuf(stdout, NULL, _IONBF, 0);
  printf("unbuffered ");
  fprintf(stderr, "[interleaved stderr]\n");
  printf("stdout\n");
  static char lbuf[64];
  setvbuf(stderr, lbuf, _IOLBF, sizeof lbuf);
  fprintf(stderr, "stderr line buffered now: part one, ");
  fprintf(stderr, "part two\n");
  for (int i = 0; i < 5; i++)
    fprintf(stderr, "%d%s", i, i == 4 ? "\n" : ",");
  show("write to stdin", write(0, "x", 1));
  printf("puts returns non-negative: %d\n", puts("puts adds a newline") >= 0);
  printf("end of stdout without newline");
  return 0;
}
