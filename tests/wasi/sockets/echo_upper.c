/*
 * echo_upper.c - a WASI guest serving one TCP connection on the listening socket pogo
 * preopened with --tcplisten (fd 3): accept, read a line, send it back in upper case,
 * shut down writing, and report what it did on stdout.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int c = accept(3, NULL, NULL);
  if (c < 0) {
    perror("accept");
    return 1;
  }
  char buf[256];
  size_t n = 0;
  while (n < sizeof buf - 1) {
    ssize_t r = recv(c, buf + n, sizeof buf - 1 - n, 0);
    if (r <= 0) break;
    n += (size_t)r;
    if (memchr(buf, '\n', n)) break;
  }
  for (size_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)buf[i]);
  if (send(c, buf, n, 0) != (ssize_t)n) {
    perror("send");
    return 1;
  }
  if (shutdown(c, SHUT_WR) != 0) {
    perror("shutdown");
    return 1;
  }
  close(c);
  printf("served %zu bytes\n", n);
  return 0;
}
