/* file_io - creating, writing, appending and reading files through stdio and through
 * open/read/write: modes "w", "a", "r+", "w+", "a+", O_CREAT|O_EXCL, O_TRUNC,
 * O_APPEND (writes land at the end whatever the offset), reading a fixture, short
 * reads at end of file, and a binary file with every byte value. The files left
 * behind are compared by the runner. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

static void dump(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    show_errno(path);
    return;
  }
  char buf[256];
  printf("-- %s:\n", path);
  while (fgets(buf, sizeof buf, f))
    printf("   %s", buf);
  printf("-- end (feof %d)\n", feof(f));
  fclose(f);
}

int main(void) {
  dump("fixture.txt");
  dump("/fixture.txt");

  FILE *f = fopen("out.txt", "w");
  fprintf(f, "line %d\n", 1);
  fputs("line 2\n", f);
  fwrite("line 3\n", 1, 7, f);
  printf("ftell after writing: %ld\n", ftell(f));
  fclose(f);
  f = fopen("out.txt", "a");
  fprintf(f, "appended %s\n", "line 4");
  fclose(f);
  dump("out.txt");

  f = fopen("out.txt", "r+");
  fseek(f, 5, SEEK_SET);
  fputc('X', f);
  fseek(f, 0, SEEK_END);
  printf("size via fseek/ftell: %ld\n", ftell(f));
  rewind(f);
  char buf[64];
  size_t got = fread(buf, 1, sizeof buf, f);
  printf("fread got %zu bytes, feof %d\n", got, feof(f));
  fclose(f);
  dump("out.txt");

  f = fopen("wplus.txt", "w+");
  fputs("written then read back\n", f);
  rewind(f);
  printf("w+ read back: %s", fgets(buf, sizeof buf, f));
  fclose(f);

  f = fopen("aplus.txt", "a+");
  fputs("one\n", f);
  rewind(f);
  fputs("two (appended although rewound)\n", f);
  rewind(f);
  while (fgets(buf, sizeof buf, f))
    printf("a+: %s", buf);
  fclose(f);

  int fd = open("excl.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
  show("open O_EXCL new", fd < 0 ? -1 : 0);
  show("write", write(fd, "exclusive\n", 10));
  close(fd);
  show("open O_EXCL existing", open("excl.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));

  fd = open("fixture.txt", O_RDWR | O_TRUNC);
  show("open fixture O_TRUNC", fd < 0 ? -1 : 0);
  show("write", write(fd, "replaced\n", 9));
  close(fd);

  fd = open("append.txt", O_WRONLY | O_CREAT | O_APPEND, 0644);
  show("write", write(fd, "aaaa", 4));
  show("lseek to 0", lseek(fd, 0, SEEK_SET));
  show("write after seek (O_APPEND)", write(fd, "bbbb", 4));
  show("offset now", lseek(fd, 0, SEEK_CUR));
  show("fcntl F_GETFL has O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  close(fd);
  dump("append.txt");

  fd = open("bytes.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  unsigned char all[256];
  for (int i = 0; i < 256; i++)
    all[i] = (unsigned char)i;
  for (int i = 0; i < 64; i++)
    write(fd, all, sizeof all);
  show("bytes.bin size", lseek(fd, 0, SEEK_END));
  lseek(fd, 0, SEEK_SET);
  static unsigned char big[20000];
  ssize_t n, total = 0;
  unsigned sum = 0;
  while ((n = read(fd, big, sizeof big)) > 0) {
    printf("read %zd\n", n);
    for (ssize_t i = 0; i < n; i++)
      sum = sum * 31 + big[i];
    total += n;
  }
  printf("read total %zd, last read %zd, checksum %08x\n", total, n, sum);
  close(fd);

  /* many small writes through a tiny stdio buffer */
  f = fopen("small_buffer.txt", "w");
  setvbuf(f, NULL, _IOFBF, 7);
  for (int i = 0; i < 100; i++)
    fprintf(f, "%d%c", i, i % 10 == 9 ? '\n' : ' ');
  fclose(f);
  dump("small_buffer.txt");
  return 0;
}
