/*
 * sha256.c - SHA-256 for build-cache keys: the FIPS 180-4 / NIST example vectors
 * (empty, "abc", the 448- and 896-bit messages, one million 'a'), padding at every
 * block-boundary length, incremental updates in any chunking giving the one-shot
 * digest, and lower-case hex output.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void digest_hex(const void *data, size_t n, char out[65]) {
  pg_sha256 s;
  uint8_t d[32];
  pg_sha256_init(&s);
  pg_sha256_update(&s, data, n);
  pg_sha256_final(&s, d);
  pg_sha256_hex(d, out);
}

static void expect(const char *msg, const char *hex) {
  char got[65];
  digest_hex(msg, strlen(msg), got);
  cr_assert_str_eq(got, hex, "SHA-256(\"%.40s\") = %s", msg, got);
}

Test(sha256, empty_message) {
  expect("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, abc) {
  expect("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

Test(sha256, message_of_448_bits) {
  expect("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(sha256, message_of_896_bits) {
  expect("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

Test(sha256, one_million_a) {
  static const char *want = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  char *a = malloc(1000000);
  memset(a, 'a', 1000000);
  char got[65];
  digest_hex(a, 1000000, got);
  cr_assert_str_eq(got, want);
  /* the same million fed 1000 bytes at a time */
  pg_sha256 s;
  uint8_t d[32];
  pg_sha256_init(&s);
  for (int i = 0; i < 1000; i++) pg_sha256_update(&s, a, 1000);
  pg_sha256_final(&s, d);
  pg_sha256_hex(d, got);
  cr_assert_str_eq(got, want);
  free(a);
}

/* Lengths around the 55/56-byte padding split and the 64-byte block (reference digests
 * from Python's hashlib over bytes (7i + 3) mod 256). */
Test(sha256, padding_boundaries) {
  static const struct {
    size_t n;
    const char *hex;
  } cases[] = {
      {55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
      {56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
      {57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"},
      {63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
      {64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
      {65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
      {119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
      {120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
      {128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
  };
  uint8_t data[128];
  for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 7 + 3);
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    char got[65];
    digest_hex(data, cases[k].n, got);
    cr_assert_str_eq(got, cases[k].hex, "length %zu", cases[k].n);
  }
}

Test(sha256, chunking_does_not_matter) {
  uint8_t data[1000];
  for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 131 + 17);
  char one[65];
  digest_hex(data, sizeof data, one);
  static const size_t steps[] = {1, 3, 55, 63, 64, 65, 127, 999};
  for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
    pg_sha256 s;
    uint8_t d[32];
    char got[65];
    pg_sha256_init(&s);
    for (size_t off = 0; off < sizeof data; off += steps[k]) {
      size_t n = sizeof data - off < steps[k] ? sizeof data - off : steps[k];
      pg_sha256_update(&s, data + off, n);
    }
    pg_sha256_update(&s, data, 0); /* empty updates change nothing */
    pg_sha256_final(&s, d);
    pg_sha256_hex(d, got);
    cr_assert_str_eq(got, one, "chunks of %zu", steps[k]);
  }
}

Test(sha256, hex_is_lower_case_and_terminated) {
  uint8_t d[32];
  for (int i = 0; i < 32; i++) d[i] = (uint8_t)(i * 8 + 7);
  char out[66];
  memset(out, 'X', sizeof out);
  pg_sha256_hex(d, out);
  cr_assert_eq(out[64], '\0');
  cr_assert_eq(out[65], 'X', "wrote past the 65 bytes");
  cr_assert_str_eq(out, "070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff");
}

Test(sha256, reinit_starts_over) {
  pg_sha256 s;
  uint8_t d[32];
  char got[65];
  pg_sha256_init(&s);
  pg_sha256_update(&s, "something else entirely", 23);
  pg_sha256_init(&s);
  pg_sha256_update(&s, "abc", 3);
  pg_sha256_final(&s, d);
  pg_sha256_hex(d, got);
  cr_assert_str_eq(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
