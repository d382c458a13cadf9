/*
 * opcode.c - the opcode table from opcodes.def as data, lookups by encoding, and the
 * map from unsupported encodings to the proposal that defines them.
 *
 * Invariant: pg_op_lookup is the only way the decoder turns bytes into an op, so an
 * encoding not in opcodes.def can never reach the validator or the emitter.
 */
#include "module.h"

#include <stddef.h>

const pg_opinfo pg_ops[PG_OP_COUNT] = {
#define OP(id, prefix, code, name, sig, imm, align, tmpl) {prefix, code, name, sig, imm, align, tmpl},
#include "opcodes.def"
#undef OP
};

/* Direct-mapped tables, built on first use (the compiler is single-threaded): one-byte
 * opcodes and the 0xFC space. */
static int16_t one_byte[256];
static int16_t misc[32];
static bool tables_ready;

static void build_tables(void) {
  for (int i = 0; i < 256; i++) one_byte[i] = -1;
  for (int i = 0; i < 32; i++) misc[i] = -1;
  for (int i = 0; i < PG_OP_COUNT; i++) {
    if (pg_ops[i].prefix == 0) {
      /* select and select t share a name, not a byte */
      one_byte[pg_ops[i].code] = (int16_t)i;
    } else if (pg_ops[i].code < 32) {
      misc[pg_ops[i].code] = (int16_t)i;
    }
  }
  tables_ready = true;
}

int pg_op_lookup(uint8_t prefix, uint32_t code) {
  if (!tables_ready) build_tables();
  if (prefix == 0) return code < 256 ? one_byte[code] : -1;
  if (prefix == 0xFC) return code < 32 ? misc[code] : -1;
  return -1;
}

/* Encodings that belong to proposals pogo does not implement. Rows are (prefix, first
 * code, last code, proposal). */
static const struct {
  uint8_t prefix;
  uint32_t lo, hi;
  const char *proposal;
} proposal_ranges[] = {
    {0, 0x06, 0x0a, "exception-handling"},
    {0, 0x18, 0x19, "exception-handling"},
    {0, 0x1f, 0x1f, "exception-handling"},
    {0, 0x12, 0x13, "tail-call"},
    {0, 0x14, 0x15, "function-references"},
    {0, 0xd4, 0xd6, "function-references"}, /* ref.as_non_null, br_on_null, br_on_non_null */
    {0, 0xd3, 0xd3, "GC"},                  /* ref.eq */
    {0xFB, 0, UINT32_MAX, "GC"},
    {0xFD, 0, UINT32_MAX, "SIMD"},
    {0xFE, 0, UINT32_MAX, "threads"},
};

uint8_t pg_sig_type(char letter) {
  switch (letter) {
  case 'i': return PG_T_I32;
  case 'l': return PG_T_I64;
  case 'f': return PG_T_F32;
  case 'd': return PG_T_F64;
  default: return PG_T_ANY;
  }
}

const char *pg_op_proposal(uint8_t prefix, uint32_t code) {
  for (size_t i = 0; i < sizeof proposal_ranges / sizeof proposal_ranges[0]; i++) {
    if (proposal_ranges[i].prefix == prefix && code >= proposal_ranges[i].lo &&
        code <= proposal_ranges[i].hi)
      return proposal_ranges[i].proposal;
  }
  return NULL;
}
