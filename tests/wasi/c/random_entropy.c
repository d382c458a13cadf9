/* random_entropy - WASI random_get through getentropy and arc4random: buffers of
 * various sizes are filled (not all zero), successive draws differ, the 256-byte
 * limit of getentropy is enforced, and byte values look uniform. No random value
 * is printed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"

int main(void) {
  unsigned char a[256], b[256];
  const size_t sizes[] = { 0, 1, 7, 32, 255, 256 };
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    memset(a, 0, sizeof a);
    char what[64];
    snprintf(what, sizeof what, "getentropy %zu", sizes[i]);
    show(what, getentropy(a, sizes[i]));
    size_t tail_zero = 1;
    for (size_t k = sizes[i]; k < sizeof a; k++)
      if (a[k])
        tail_zero = 0;
    printf("  bytes past the request untouched: %zu\n", tail_zero);
  }
  show("getentropy 257", getentropy(a, 257));
  getentropy(a, 256);
  getentropy(b, 256);
  printf("two 256-byte draws differ: %d\n", memcmp(a, b, 256) != 0);
  int zeros = 0;
  for (int i = 0; i < 256; i++)
    zeros += a[i] == 0;
  printf("fewer than 16 zero bytes in 256: %d\n", zeros < 16);

  /* 64 KiB in 256-byte pieces: every byte value occurs, bit counts near half */
  static unsigned counts[256];
  uint64_t ones = 0;
  for (int i = 0; i < 256; i++) {
    getentropy(a, 256);
    for (int k = 0; k < 256; k++) {
      counts[a[k]]++;
      ones += __builtin_popcount(a[k]);
    }
  }
  int missing = 0;
  for (int v = 0; v < 256; v++)
    missing += counts[v] == 0;
  printf("byte values never seen in 64 KiB: %d\n", missing);
  printf("ones ratio within 1%% of one half: %d\n", ones > 262144 * 0.99 && ones < 262144 * 1.01);

  uint32_t r1 = arc4random(), r2 = arc4random(), r3 = arc4random();
  printf("arc4random draws not all equal: %d\n", !(r1 == r2 && r2 == r3));
  printf("arc4random_uniform(10) < 10: %d\n", arc4random_uniform(10) < 10);
  arc4random_buf(a, sizeof a);
  arc4random_buf(b, sizeof b);
  printf("arc4random_buf draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  return 0;
}
