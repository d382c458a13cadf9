/*
 * emit_expr.c - numeric instructions and constants.
 *
 * Every numeric instruction is one row of opcodes.def: its SIG gives operand and result
 * types (so slot names), its TEMPLATE the C expression. Nothing here knows an opcode
 * by name except the four constants.
 *
 * Float constants are written in decimal when the decimal text converts back to the
 * exact same bits (readable and exact), otherwise, and for NaN and infinities, as a bit
 * pattern through pg_fXX_reinterpret_iXX so NaN payloads survive.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* Decimal text for a float if it round-trips, with a '.' or exponent so it is a
 * floating literal. */
static bool decimal_f32(uint32_t bits, char *out, size_t n) {
  float f;
  memcpy(&f, &bits, 4);
  if (!isfinite(f)) return false;
  snprintf(out, n, "%.9g", (double)f);
  float back = strtof(out, NULL);
  uint32_t bb;
  memcpy(&bb, &back, 4);
  if (bb != bits) return false;
  if (!strpbrk(out, ".eE")) strcat(out, ".0");
  strcat(out, "f");
  return true;
}

static bool decimal_f64(uint64_t bits, char *out, size_t n) {
  double f;
  memcpy(&f, &bits, 8);
  if (!isfinite(f)) return false;
  snprintf(out, n, "%.17g", f);
  double back = strtod(out, NULL);
  uint64_t bb;
  memcpy(&bb, &back, 8);
  if (bb != bits) return false;
  if (!strpbrk(out, ".eE")) strcat(out, ".0");
  return true;
}

void pg_emit_const(pg_buf *b, pg_op op, uint64_t bits) {
  char tmp[64];
  switch (op) {
  case pg_op_I32_CONST:
    pg_buf_u64(b, (uint32_t)bits);
    pg_buf_putc(b, 'u');
    break;
  case pg_op_I64_CONST:
    pg_buf_u64(b, bits);
    pg_buf_puts(b, "ull");
    break;
  case pg_op_F32_CONST:
    if (decimal_f32((uint32_t)bits, tmp, sizeof tmp)) pg_buf_puts(b, tmp);
    else pg_buf_printf(b, "pg_f32_reinterpret_i32(0x%08xu)", (uint32_t)bits);
    break;
  case pg_op_F64_CONST:
    if (decimal_f64(bits, tmp, sizeof tmp)) pg_buf_puts(b, tmp);
    else pg_buf_printf(b, "pg_f64_reinterpret_i64(0x%016llxull)", (unsigned long long)bits);
    break;
  default:
    break;
  }
}

bool pg_emit_numeric(pg_fn_emit *e, const pg_insn *in) {
  const pg_opinfo *info = &pg_ops[in->op];
  pg_buf *b = &e->tmp;
  uint32_t h = in->height;
  if (in->op == pg_op_I32_CONST || in->op == pg_op_I64_CONST || in->op == pg_op_F32_CONST ||
      in->op == pg_op_F64_CONST) {
    pg_buf_clear(b);
    pg_emit_const(b, in->op, in->bits);
    pg_emit_defer(e, h, pg_sig_type(info->sig[1]), b->data, 0);
    return true;
  }
  if (!info->sig || !info->tmpl || info->imm != IMM_NONE) return false;

  const char *colon = strchr(info->sig, ':');
  uint32_t np = (uint32_t)(colon - info->sig);
  uint32_t first = h - np;
  pg_buf_clear(b);
  pg_emit_slot(e, b, pg_sig_type(colon[1]), first, false);
  pg_buf_puts(b, " = ");
  for (const char *p = info->tmpl; *p; p++) {
    if (p[0] == '$' && (p[1] == '0' || p[1] == '1')) {
      uint32_t k = (uint32_t)(p[1] - '0');
      pg_emit_slot(e, b, pg_sig_type(info->sig[k]), first + k, true);
      p++;
    } else if (p[0] == '$' && p[1] == 'S') {
      pg_emit_site(e, b);
      p++;
    } else {
      pg_buf_putc(b, *p);
    }
  }
  pg_buf_putc(b, ';');
  pg_emit_line(e, "%s", b->data);
  return true;
}
