/* seek_pread - file offsets: lseek with SEEK_SET/SEEK_CUR/SEEK_END, seeking past the
 * end and writing (the gap reads as zeros), pread/pwrite leaving the offset alone,
 * invalid seeks (negative offset, bad whence), and reads at and after end of file. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

int main(void) {
  int fd = open("data.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  show("write", write(fd, "0123456789abcdefghij", 20));
  show("lseek CUR 0", lseek(fd, 0, SEEK_CUR));
  show("lseek SET 5", lseek(fd, 5, SEEK_SET));
  char b[32] = { 0 };
  show("read 4", read(fd, b, 4));
  printf("got [%s]\n", b);
  show("lseek CUR -2", lseek(fd, -2, SEEK_CUR));
  show("lseek END -3", lseek(fd, -3, SEEK_END));
  memset(b, 0, sizeof b);
  show("read 10 at END-3", read(fd, b, 10));
  printf("got [%s]\n", b);
  show("read at EOF", read(fd, b, 10));
  show("lseek SET -1", lseek(fd, -1, SEEK_SET));
  show("lseek CUR -100", lseek(fd, -100, SEEK_CUR));
  show("lseek whence 7", lseek(fd, 0, 7));
  show("offset unchanged", lseek(fd, 0, SEEK_CUR));

  memset(b, 0, sizeof b);
  show("pread 5 at 10", pread(fd, b, 5, 10));
  printf("got [%s]\n", b);
  show("offset after pread", lseek(fd, 0, SEEK_CUR));
  show("pwrite 3 at 2", pwrite(fd, "XYZ", 3, 2));
  show("offset after pwrite", lseek(fd, 0, SEEK_CUR));
  show("pread past end", pread(fd, b, 5, 1000));
  show("pread negative offset", pread(fd, b, 5, -1));

  show("lseek SET 30", lseek(fd, 30, SEEK_SET));
  show("write after gap", write(fd, "END", 3));
  show("size", lseek(fd, 0, SEEK_END));
  unsigned char all[40];
  show("pread all", pread(fd, all, sizeof all, 0));
  for (int i = 0; i < 33; i++)
    printf(all[i] >= 32 && all[i] < 127 ? "%c" : "\\%o", all[i]);
  putchar('\n');
  show("pwrite far beyond end", pwrite(fd, "far", 3, 100000));
  show("size", lseek(fd, 0, SEEK_END));
  show("pread in the hole", pread(fd, all, 8, 50000));
  printf("hole bytes are zero: %d\n", all[0] == 0 && all[7] == 0);

  FILE *f = fdopen(fd, "r+");
  fseek(f, 2, SEEK_SET);
  printf("ftell %ld, fgetc %c\n", ftell(f), fgetc(f));
  fseek(f, -1, SEEK_END);
  printf("ftell %ld, fgetc %c\n", ftell(f), fgetc(f));
  fclose(f);

  int ro = open("data.bin", O_RDONLY);
  show("pwrite on read-only fd", pwrite(ro, "x", 1, 0));
  show("write on read-only fd", write(ro, "x", 1));
  close(ro);
  int wo = open("data.bin", O_WRONLY);
  show("read on write-only fd", read(wo, b, 1));
  show("pread on write-only fd", pread(wo, b, 1, 0));
  close(wo);
  show("lseek on closed fd", lseek(wo, 0, SEEK_SET));
  return 0;
}
