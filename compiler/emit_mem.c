/*
 * emit_mem.c - loads, stores, memory.size/grow, bulk memory and table instructions.
 *
 * Loads and stores rely on the guard region: the effective address is the 32-bit
 * operand plus the static offset, computed in 64 bits, and the reservation behind the
 * memory base covers every such address except when the offset itself is within a few
 * bytes of 4 GiB; only those accesses get an explicit check (pg_ea_checked).
 */
#include <string.h>

#include "emit.h"

static void put_ea(pg_fn_emit *e, pg_buf *b, const pg_insn *in, uint32_t addr_pos) {
  uint32_t size = 1u << pg_ops[in->op].align;
  bool checked = (uint64_t)in->offset + size > 0x100000000ull;
  if (checked) pg_buf_puts(b, "pg_ea_checked(inst->m0, ");
  pg_buf_puts(b, "(u64)");
  pg_emit_slot(e, b, PG_T_I32, addr_pos, true);
  if (in->offset) pg_buf_printf(b, " + %uu", in->offset);
  if (checked) {
    pg_buf_printf(b, ", %u, ", size);
    pg_emit_site(e, b);
    pg_buf_putc(b, ')');
  }
}

static const char *ref_kind(uint8_t t) { return t == PG_T_FUNCREF ? "funcref" : "externref"; }

/* Append the slots of the operands of an n-ary statement: ", a, b, c". */
static void put_operands(pg_fn_emit *e, pg_buf *b, uint32_t first, uint32_t n, const uint8_t *types) {
  for (uint32_t i = 0; i < n; i++) {
    pg_buf_puts(b, ", ");
    pg_emit_slot(e, b, types[i], first + i, true);
  }
}

bool pg_emit_memory(pg_fn_emit *e, const pg_insn *in) {
  const pg_opinfo *info = &pg_ops[in->op];
  const pg_module *m = e->m;
  pg_buf *b = &e->tmp;
  uint32_t h = in->height;
  static const uint8_t iii[3] = {PG_T_I32, PG_T_I32, PG_T_I32};
  pg_buf_clear(b);

  if (info->imm == IMM_MEMARG) {
    e->uses_mem = true;
    const char *colon = strchr(info->sig, ':');
    if (colon[1]) { /* load */
      pg_emit_slot(e, b, pg_sig_type(colon[1]), h - 1, false);
      pg_buf_printf(b, " = %s(mem, ", info->tmpl);
      put_ea(e, b, in, h - 1);
      pg_buf_puts(b, ");");
    } else { /* store */
      pg_buf_printf(b, "%s(mem, ", info->tmpl);
      put_ea(e, b, in, h - 2);
      pg_buf_puts(b, ", ");
      pg_emit_slot(e, b, pg_sig_type(info->sig[1]), h - 1, true);
      pg_buf_puts(b, ");");
    }
    pg_emit_line(e, "%s", b->data);
    return true;
  }

  switch (in->op) {
  case pg_op_MEMORY_SIZE:
    pg_emit_slot(e, b, PG_T_I32, h, false);
    pg_buf_puts(b, " = pg_memory_size(inst->m0);");
    break;
  case pg_op_MEMORY_GROW:
    pg_emit_slot(e, b, PG_T_I32, h - 1, false);
    pg_buf_puts(b, " = pg_memory_grow(inst->m0, ");
    pg_emit_slot(e, b, PG_T_I32, h - 1, true);
    pg_buf_puts(b, ");");
    break;
  case pg_op_MEMORY_INIT:
    pg_buf_printf(b, "pg_memory_init(inst->m0, %s__data_blob + %lluu, inst->data_len[%u]", e->o->prefix,
                  (unsigned long long)pg_emit_data_offset(m, in->idx), in->idx);
    put_operands(e, b, h - 3, 3, iii);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  case pg_op_DATA_DROP:
    pg_buf_printf(b, "inst->data_len[%u] = 0;", in->idx);
    break;
  case pg_op_MEMORY_COPY:
    pg_buf_puts(b, "pg_memory_copy(inst->m0, inst->m0");
    put_operands(e, b, h - 3, 3, iii);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  case pg_op_MEMORY_FILL:
    pg_buf_puts(b, "pg_memory_fill(inst->m0");
    put_operands(e, b, h - 3, 3, iii);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  case pg_op_TABLE_GET: {
    uint8_t t = m->tables[in->idx].elemtype;
    pg_emit_slot(e, b, t, h - 1, false);
    pg_buf_printf(b, " = pg_table_get_%s(inst->t%u, ", ref_kind(t), in->idx);
    pg_emit_slot(e, b, PG_T_I32, h - 1, true);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_TABLE_SET: {
    uint8_t t = m->tables[in->idx].elemtype;
    const uint8_t ts[2] = {PG_T_I32, t};
    pg_buf_printf(b, "pg_table_set_%s(inst->t%u", ref_kind(t), in->idx);
    put_operands(e, b, h - 2, 2, ts);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_TABLE_SIZE:
    pg_emit_slot(e, b, PG_T_I32, h, false);
    pg_buf_printf(b, " = inst->t%u->size;", in->idx);
    break;
  case pg_op_TABLE_GROW: {
    uint8_t t = m->tables[in->idx].elemtype;
    const uint8_t ts[2] = {t, PG_T_I32};
    pg_emit_slot(e, b, PG_T_I32, h - 2, false);
    pg_buf_printf(b, " = pg_table_grow_%s(inst->t%u", ref_kind(t), in->idx);
    put_operands(e, b, h - 2, 2, ts);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_TABLE_FILL: {
    uint8_t t = m->tables[in->idx].elemtype;
    const uint8_t ts[3] = {PG_T_I32, t, PG_T_I32};
    pg_buf_printf(b, "pg_table_fill_%s(inst->t%u", ref_kind(t), in->idx);
    put_operands(e, b, h - 3, 3, ts);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_TABLE_COPY: {
    uint8_t t = m->tables[in->idx].elemtype;
    pg_buf_printf(b, "pg_table_copy_%s(inst->t%u, inst->t%u", ref_kind(t), in->idx, in->idx2);
    put_operands(e, b, h - 3, 3, iii);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_TABLE_INIT: {
    uint8_t t = m->tables[in->idx2].elemtype;
    pg_buf_printf(b, "pg_table_init_%s(inst->t%u, inst->elem%u, inst->elem%u_len", ref_kind(t), in->idx2,
                  in->idx, in->idx);
    put_operands(e, b, h - 3, 3, iii);
    pg_buf_puts(b, ", ");
    pg_emit_site(e, b);
    pg_buf_puts(b, ");");
    break;
  }
  case pg_op_ELEM_DROP:
    pg_buf_printf(b, "inst->elem%u_len = 0;", in->idx);
    break;
  default:
    return false;
  }
  pg_emit_line(e, "%s", b->data);
  return true;
}
