/*
 * sha256.h - SHA-256 (FIPS 180-4), for build-cache keys: a cache hit must mean the
 * same module, flags, compiler and runtime, so the key is a cryptographic digest.
 */
#ifndef PG_SHA256_H
#define PG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct pg_sha256 {
  uint32_t h[8];
  uint64_t len;
  uint8_t buf[64];
  size_t nbuf;
} pg_sha256;

void pg_sha256_init(pg_sha256 *s);
void pg_sha256_update(pg_sha256 *s, const void *data, size_t n);
void pg_sha256_final(pg_sha256 *s, uint8_t out[32]);
/* Lower-case hex of the digest, 65 bytes with the NUL. */
void pg_sha256_hex(const uint8_t digest[32], char out[65]);

#endif
