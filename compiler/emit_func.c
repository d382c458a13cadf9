/*
 * emit_func.c - C for one WebAssembly function.
 *
 * Two walks over the body with the validator as decoder: the first records, per label,
 * whether a branch targets it and whether an if has an else (a loop's label comes
 * before its branches, and C rejects unused labels under -Wall); the second writes the
 * statements into a buffer while noting which slots and locals are used, so the
 * declarations can be written first and only for what the body needs.
 *
 * Control flow is flat: blocks are labels, if is a conditional goto, br copies the
 * carried values into the target's slots and jumps. Branches to the function's own
 * frame are returns.
 *
 * local.get and constants are deferred: the consumer reads the local or the literal
 * directly, so most stack traffic never becomes a statement. Invariant: a deferred
 * value exists only above the innermost frame's height, so every label (block end,
 * loop head, else) is reached with all values in their slots. Hence: everything is
 * materialized on entering a block, loop or if and before else and end; a local.set
 * materializes the deferred reads of that local first; a write to a slot ends its
 * deferral.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

int pg_emit_type_slot(uint8_t t) {
  switch (t) {
  case PG_T_I32: return 0;
  case PG_T_I64: return 1;
  case PG_T_F32: return 2;
  case PG_T_F64: return 3;
  case PG_T_FUNCREF: return 4;
  default: return 5;
  }
}

void pg_emit_slot(pg_fn_emit *e, pg_buf *b, uint8_t t, uint32_t pos, bool read) {
  if (read && pos < e->slot_cap && e->defer[pos]) {
    const char *x = e->defer_text.data + e->defer[pos] - 1;
    if (x[0] == '-') pg_buf_printf(b, "(%s)", x);
    else pg_buf_puts(b, x);
    return;
  }
  if (!read) {
    if (e->nwritten == e->written_cap) {
      e->written_cap = e->written_cap ? e->written_cap * 2 : 16;
      e->written = pg_xrealloc(e->written, e->written_cap * sizeof *e->written);
    }
    e->written[e->nwritten++] = pos;
  }
  int k = pg_emit_type_slot(t);
  if (pos < e->slot_cap) e->slot_use[k][pos] |= read ? 2 : 1;
  pg_buf_putc(b, pg_type_letter(t));
  pg_buf_u64(b, pos);
}

void pg_emit_defer(pg_fn_emit *e, uint32_t pos, uint8_t t, const char *expr, uint32_t local_plus1) {
  if (!e->defer[pos]) e->ndeferred++;
  e->defer[pos] = (uint32_t)e->defer_text.len + 1;
  e->defer_type[pos] = t;
  e->defer_local[pos] = local_plus1;
  pg_buf_put(&e->defer_text, expr, strlen(expr) + 1);
}

static void undefer(pg_fn_emit *e, uint32_t pos) {
  if (!e->defer[pos]) return;
  e->defer[pos] = 0;
  e->defer_local[pos] = 0;
  if (--e->ndeferred == 0) pg_buf_clear(&e->defer_text);
}

/* Write deferred values into their slots: all of them, or (local_plus1 != 0) only the
 * deferred reads of that local, skipping position `keep`. */
static void materialize(pg_fn_emit *e, uint32_t local_plus1, uint32_t keep) {
  if (!e->ndeferred) return;
  pg_buf line = {0};
  for (uint32_t p = 0; p < e->slot_cap && e->ndeferred; p++) {
    if (!e->defer[p] || p == keep || (local_plus1 && e->defer_local[p] != local_plus1)) continue;
    pg_buf_clear(&line);
    uint8_t t = e->defer_type[p];
    int k = pg_emit_type_slot(t);
    e->slot_use[k][p] |= 1;
    pg_buf_printf(&line, "%c%u = ", pg_type_letter(t), p);
    pg_emit_slot(e, &line, t, p, true);
    pg_buf_putc(&line, ';');
    pg_emit_line(e, "%s", line.data);
    undefer(e, p);
  }
  pg_buf_free(&line);
}

static void clear_deferred(pg_fn_emit *e) {
  for (uint32_t p = 0; p < e->slot_cap && e->ndeferred; p++) undefer(e, p);
}

void pg_emit_line(pg_fn_emit *e, const char *fmt, ...) {
  int ind = e->indent < 6 ? e->indent : 6; /* deeper nesting is flattened: Go nests thousands deep */
  pg_buf_reserve(&e->body, (size_t)ind * 2);
  for (int i = 0; i < ind; i++) pg_buf_puts(&e->body, "  ");
  va_list ap;
  va_start(ap, fmt);
  pg_buf_vprintf(&e->body, fmt, ap);
  va_end(ap);
  pg_buf_putc(&e->body, '\n');
}

/* ---- C types of functions ---- */

void pg_emit_result_type(pg_buf *b, const pg_functype *t) {
  if (t->nresults == 0) {
    pg_buf_puts(b, "void");
  } else if (t->nresults == 1) {
    pg_buf_puts(b, pg_type_ctype(t->results[0]));
  } else {
    pg_buf_puts(b, "pg_ret_");
    for (uint32_t i = 0; i < t->nresults; i++) pg_buf_putc(b, pg_type_letter(t->results[i]));
  }
}

void pg_emit_prototype(pg_buf *b, const pg_module *m, uint32_t func, const char *name, const char *self_type) {
  const pg_functype *t = pg_func_type(m, func);
  pg_emit_result_type(b, t);
  pg_buf_printf(b, " %s(%s", name, self_type);
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(b, ", %s l%u", pg_type_ctype(t->params[i]), i);
  pg_buf_putc(b, ')');
}

void pg_emit_fnptr_type(pg_buf *b, const pg_functype *t) {
  pg_emit_result_type(b, t);
  pg_buf_puts(b, " (*)(void *");
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(b, ", %s", pg_type_ctype(t->params[i]));
  pg_buf_putc(b, ')');
}

/* ---- state ---- */

void pg_emit_fn_init(pg_fn_emit *e, const pg_module *m, const pg_emit_opts *o, pg_diag *d) {
  memset(e, 0, sizeof *e);
  e->m = m;
  e->o = o;
  pg_val_init(&e->v, m, d);
}

void pg_emit_fn_free(pg_fn_emit *e) {
  pg_val_free(&e->v);
  pg_buf_free(&e->body);
  pg_buf_free(&e->tmp);
  for (int k = 0; k < 6; k++) free(e->slot_use[k]);
  free(e->local_read);
  free(e->label_flags);
  free(e->defer);
  free(e->defer_type);
  free(e->defer_local);
  free(e->written);
  pg_buf_free(&e->defer_text);
  free(e->loop_line);
  free(e->loop_after);
  free(e->disp_local);
  free(e->disp_first);
  free(e->disp_n);
  free(e->label_refs);
  free(e->disp_pool);
}

static void grow_u32(uint32_t **a, uint32_t old, uint32_t cap) {
  *a = pg_xrealloc(*a, cap * sizeof **a);
  memset(*a + old, 0, (cap - old) * sizeof **a);
}

static void ensure_labels(pg_fn_emit *e, uint32_t n) {
  if (n <= e->label_cap) return;
  uint32_t cap = e->label_cap ? e->label_cap : 64;
  while (cap < n) cap *= 2;
  e->label_flags = pg_xrealloc(e->label_flags, cap);
  memset(e->label_flags + e->label_cap, 0, cap - e->label_cap);
  uint32_t **per_label[] = {&e->loop_line, &e->loop_after, &e->disp_local, &e->disp_first, &e->disp_n, &e->label_refs};
  for (size_t i = 0; i < sizeof per_label / sizeof *per_label; i++) grow_u32(per_label[i], e->label_cap, cap);
  e->label_cap = cap;
}

/* ---- helpers for statements ---- */

/* Text of local `idx` (marking it read or written). */
static void put_local(pg_fn_emit *e, pg_buf *b, uint32_t idx, bool read, const pg_buf *names, const uint32_t *offs) {
  if (read) e->local_read[idx] = 1;
  pg_buf_putc(b, 'l');
  pg_buf_u64(b, idx);
  if (offs[idx]) {
    pg_buf_putc(b, '_');
    pg_buf_puts(b, names->data + offs[idx] - 1);
  }
}

void pg_emit_site(pg_fn_emit *e, pg_buf *b) {
  pg_buf_puts(b, "&inst->hdr, ");
  pg_buf_u64(b, e->func);
}

/* Copy n values from positions [src, src+n) to [dst, dst+n) (types ts), into b. */
static void put_copies(pg_fn_emit *e, pg_buf *b, uint32_t n, const uint8_t *ts, uint32_t src, uint32_t dst) {
  for (uint32_t i = 0; i < n; i++) {
    /* a value already at its target position needs no copy, unless it is deferred */
    if (src == dst && !e->defer[src + i]) continue;
    pg_emit_slot(e, b, ts[i], dst + i, false);
    pg_buf_puts(b, " = ");
    pg_emit_slot(e, b, ts[i], src + i, true);
    pg_buf_puts(b, "; ");
  }
}

/* "return ...;" carrying the n values starting at position `from`. */
static void put_return(pg_fn_emit *e, pg_buf *b, uint32_t from) {
  const pg_functype *t = pg_func_type(e->m, e->func);
  if (t->nresults == 0) {
    pg_buf_puts(b, "return;");
  } else if (t->nresults == 1) {
    pg_buf_puts(b, "return ");
    pg_emit_slot(e, b, t->results[0], from, true);
    pg_buf_putc(b, ';');
  } else {
    pg_buf_puts(b, "return (");
    pg_emit_result_type(b, t);
    pg_buf_puts(b, "){");
    for (uint32_t i = 0; i < t->nresults; i++) {
      if (i) pg_buf_puts(b, ", ");
      pg_emit_slot(e, b, t->results[i], from + i, true);
    }
    pg_buf_puts(b, "};");
  }
}

/* The jump part of a branch from stack height h to frame f: copies, then goto or
 * return. Values carried sit just below h. */
static void put_branch(pg_fn_emit *e, pg_buf *b, const pg_frame *f, uint32_t h) {
  if (f == &e->v.frames[0]) {
    const pg_functype *t = pg_func_type(e->m, e->func);
    put_return(e, b, h - t->nresults);
    return;
  }
  uint32_t n = pg_frame_arity(f);
  put_copies(e, b, n, pg_frame_types(f), h - n, f->height);
  pg_buf_printf(b, "goto L%u;", f->label);
  e->label_refs[f->label]++;
}

/* ---- jump threading ----
 * Go's code jumps inside a function by setting PC_B and branching to the loop whose
 * head is `br_table` on PC_B (Go issue #65440: loops lose several times to it). When
 * the loop head is that br_table and nothing else, and a branch to the loop directly
 * follows `local.set PC_B (i32.const K)`, the branch goes straight to case K's label:
 * the same path, without the indirect jump. The local is still set (it may be read). */

/* At a br_table: remember it as the dispatch of the innermost loop if nothing has been
 * written since that loop's label, only blocks lie between, and it switches on a local
 * with no values carried to any target. */
static void note_dispatch(pg_fn_emit *e, const pg_insn *in) {
  pg_val *v = &e->v;
  uint32_t pos = in->height - 1;
  if (!e->defer[pos] || !e->defer_local[pos]) return;
  const pg_frame *loop = NULL;
  for (uint32_t d = 0; d < v->nframes; d++) {
    const pg_frame *f = pg_val_frame(v, d);
    if (f->op == pg_op_LOOP) {
      loop = f;
      break;
    }
    if (f->op != pg_op_BLOCK || f->height != in->height - 1) return;
  }
  if (!loop || !e->loop_line[loop->label] || e->loop_after[loop->label] != e->body.len) return;
  if (loop->nparams || loop->height != pos) return;
  if (e->disp_len + in->ntargets > e->disp_cap) {
    e->disp_cap = (e->disp_len + in->ntargets) * 2;
    e->disp_pool = pg_xrealloc(e->disp_pool, e->disp_cap * sizeof *e->disp_pool);
  }
  for (uint32_t i = 0; i < in->ntargets; i++) {
    const pg_frame *t = pg_val_frame(v, in->targets[i]);
    bool label = t != &v->frames[0] && pg_frame_arity(t) == 0;
    e->disp_pool[e->disp_len + i] = label ? t->label : UINT32_MAX;
  }
  e->disp_local[loop->label] = e->defer_local[pos];
  e->disp_first[loop->label] = e->disp_len;
  e->disp_n[loop->label] = in->ntargets;
  e->disp_len += in->ntargets;
}

/* The label a branch to loop `f` can go to instead, or UINT32_MAX. */
static uint32_t threaded_target(pg_fn_emit *e, const pg_frame *f) {
  if (f->op != pg_op_LOOP || !e->disp_n[f->label]) return UINT32_MAX;
  if (e->const_set_insn != e->insn_no || e->disp_local[f->label] != e->const_set_local + 1) return UINT32_MAX;
  uint32_t n = e->disp_n[f->label], k = e->const_set_value;
  return e->disp_pool[e->disp_first[f->label] + (k < n - 1 ? k : n - 1)];
}

static void emit_call_args(pg_fn_emit *e, pg_buf *b, const pg_functype *t, uint32_t first) {
  for (uint32_t i = 0; i < t->nparams; i++) {
    pg_buf_puts(b, ", ");
    pg_emit_slot(e, b, t->params[i], first + i, true);
  }
  pg_buf_putc(b, ')');
}

/* "<results> = " prefix of a call whose results land at `pos`. Multi-value results
 * go through a temporary struct, unpacked by put_call_unpack. */
static void put_call_lhs(pg_fn_emit *e, pg_buf *b, const pg_functype *t, uint32_t pos) {
  if (t->nresults == 1) {
    pg_emit_slot(e, b, t->results[0], pos, false);
    pg_buf_puts(b, " = ");
  } else if (t->nresults > 1) {
    pg_buf_puts(b, "{ ");
    pg_emit_result_type(b, t);
    pg_buf_puts(b, " r = ");
  }
}

static void put_call_unpack(pg_fn_emit *e, pg_buf *b, const pg_functype *t, uint32_t pos) {
  if (t->nresults <= 1) {
    pg_buf_putc(b, ';');
    return;
  }
  pg_buf_puts(b, "; ");
  for (uint32_t i = 0; i < t->nresults; i++) {
    pg_emit_slot(e, b, t->results[i], pos + i, false);
    pg_buf_printf(b, " = r.r%u; ", i);
  }
  pg_buf_putc(b, '}');
}

static void emit_call(pg_fn_emit *e, const pg_insn *in) {
  const pg_module *m = e->m;
  const pg_functype *t = pg_func_type(m, in->idx);
  uint32_t first = in->height - t->nparams;
  pg_buf *b = &e->tmp;
  pg_buf_clear(b);
  put_call_lhs(e, b, t, first);
  const pg_func *f = &m->funcs[in->idx];
  if (f->imported) pg_buf_printf(b, "%s(inst", m->imports[f->import].cname);
  else pg_buf_printf(b, "%s%s(inst", f->cname, pg_emit_inlinable(m, in->idx) || pg_emit_is_accel(m, in->idx) ? "_i" : "");
  emit_call_args(e, b, t, first);
  put_call_unpack(e, b, t, first);
  pg_emit_line(e, "%s", b->data);
}

static void emit_call_indirect(pg_fn_emit *e, const pg_insn *in) {
  const pg_functype *t = &e->m->types[in->idx];
  uint32_t idxpos = in->height - 1;
  uint32_t first = idxpos - t->nparams;
  pg_buf *b = &e->tmp;
  pg_buf_clear(b);
  pg_buf_printf(b, "{ const funcref *fr = pg_call_indirect_check(inst->t%u, ", in->idx2);
  pg_emit_slot(e, b, PG_T_I32, idxpos, true);
  pg_buf_printf(b, ", inst->type_ids[%u], ", in->idx);
  pg_emit_site(e, b);
  pg_buf_puts(b, "); ");
  if (t->nresults == 1) {
    pg_emit_slot(e, b, t->results[0], first, false);
    pg_buf_puts(b, " = ");
  } else if (t->nresults > 1) {
    pg_emit_result_type(b, t);
    pg_buf_puts(b, " r = ");
  }
  pg_buf_putc(b, '(');
  pg_buf_putc(b, '(');
  pg_emit_fnptr_type(b, t);
  pg_buf_puts(b, ")fr->func)(fr->module_instance");
  emit_call_args(e, b, t, first);
  pg_buf_puts(b, ";");
  if (t->nresults > 1) {
    for (uint32_t i = 0; i < t->nresults; i++) {
      pg_buf_putc(b, ' ');
      pg_emit_slot(e, b, t->results[i], first + i, false);
      pg_buf_printf(b, " = r.r%u;", i);
    }
  }
  pg_buf_puts(b, " }");
  pg_emit_line(e, "%s", b->data);
}

static void put_global(pg_fn_emit *e, pg_buf *b, uint32_t idx) {
  const pg_global *g = &e->m->globals[idx];
  if (g->imported) pg_buf_printf(b, "(*inst->%s)", g->cname);
  else pg_buf_printf(b, "inst->%s", g->cname);
}

/* ---- the instruction walk ---- */

typedef struct local_names {
  pg_buf store;
  uint32_t *offs;
} local_names;

static void emit_insn(pg_fn_emit *e, const pg_insn *in, const local_names *ln) {
  pg_val *v = &e->v;
  pg_buf *b = &e->tmp;
  uint32_t h = in->height;
  switch (in->op) {
  case pg_op_NOP:
  case pg_op_DROP:
    return;
  case pg_op_BLOCK:
    materialize(e, 0, UINT32_MAX);
    return;
  case pg_op_UNREACHABLE:
    pg_emit_line(e, "pg_trap(&inst->hdr, %u, PG_TRAP_UNREACHABLE);", e->func);
    return;
  case pg_op_LOOP: {
    const pg_frame *f = pg_val_frame(v, 0);
    materialize(e, 0, UINT32_MAX);
    if (e->label_flags[f->label] & LBL_TARGETED) {
      e->indent--;
      e->loop_line[f->label] = (uint32_t)e->body.len + 1;
      pg_emit_line(e, "L%u:;", f->label);
      e->loop_after[f->label] = (uint32_t)e->body.len;
      e->indent++;
    }
    return;
  }
  case pg_op_IF: {
    const pg_frame *f = pg_val_frame(v, 0);
    pg_buf_clear(b);
    pg_buf_puts(b, "if (!");
    pg_emit_slot(e, b, PG_T_I32, h + in->bt_np, true);
    if (e->label_flags[f->label] & LBL_HAS_ELSE) {
      pg_buf_printf(b, ") goto E%u;", f->label);
    } else {
      pg_buf_printf(b, ") goto L%u;", f->label);
    }
    e->indent--;
    materialize(e, 0, h + in->bt_np);
    undefer(e, h + in->bt_np);
    pg_emit_line(e, "%s", b->data);
    e->indent++;
    return;
  }
  case pg_op_ELSE: {
    const pg_frame *f = pg_val_frame(v, 0);
    if (!in->was_unreachable) materialize(e, 0, UINT32_MAX);
    clear_deferred(e);
    if (!in->was_unreachable) pg_emit_line(e, "goto L%u;", f->label);
    e->indent--;
    pg_emit_line(e, "E%u:;", f->label);
    e->indent++;
    return;
  }
  case pg_op_END: {
    const pg_frame *f = &v->closed;
    if (v->nframes > 0 && !in->was_unreachable) materialize(e, 0, UINT32_MAX);
    if (in->was_unreachable) clear_deferred(e);
    if (v->nframes == 0) {
      if (!in->was_unreachable) {
        pg_buf_clear(b);
        put_return(e, b, 0);
        pg_emit_line(e, "%s", b->data);
      }
      return;
    }
    uint8_t fl = e->label_flags[f->label];
    bool need = (f->op == pg_op_BLOCK && f->targeted) ||
                (f->op == pg_op_IF && (f->targeted || !(fl & LBL_HAS_ELSE) || (fl & LBL_END_NEEDED)));
    if (need) pg_emit_line(e, "L%u:;", f->label);
    return;
  }
  case pg_op_BR: {
    uint32_t to = threaded_target(e, pg_val_frame(v, in->idx));
    if (to != UINT32_MAX) {
      pg_emit_line(e, "goto L%u;", to);
      e->label_refs[to]++;
      return;
    }
    pg_buf_clear(b);
    put_branch(e, b, pg_val_frame(v, in->idx), h);
    pg_emit_line(e, "%s", b->data);
    return;
  }
  case pg_op_BR_IF:
    pg_buf_clear(b);
    pg_buf_puts(b, "if (");
    pg_emit_slot(e, b, PG_T_I32, h - 1, true);
    pg_buf_puts(b, ") { ");
    put_branch(e, b, pg_val_frame(v, in->idx), h - 1);
    pg_buf_puts(b, " }");
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_BR_TABLE: {
    note_dispatch(e, in);
    pg_buf_clear(b);
    pg_buf_puts(b, "switch (");
    pg_emit_slot(e, b, PG_T_I32, h - 1, true);
    pg_buf_puts(b, ") {");
    pg_emit_line(e, "%s", b->data);
    for (uint32_t i = 0; i < in->ntargets; i++) {
      pg_buf_clear(b);
      if (i + 1 < in->ntargets) pg_buf_printf(b, "case %u: ", i);
      else pg_buf_puts(b, "default: ");
      put_branch(e, b, pg_val_frame(v, in->targets[i]), h - 1);
      pg_emit_line(e, "  %s", b->data);
    }
    pg_emit_line(e, "}");
    return;
  }
  case pg_op_RETURN: {
    const pg_functype *t = pg_func_type(e->m, e->func);
    pg_buf_clear(b);
    put_return(e, b, h - t->nresults);
    pg_emit_line(e, "%s", b->data);
    return;
  }
  case pg_op_CALL:
    emit_call(e, in);
    return;
  case pg_op_CALL_INDIRECT:
    emit_call_indirect(e, in);
    return;
  case pg_op_SELECT:
  case pg_op_SELECT_T:
    pg_buf_clear(b);
    pg_emit_slot(e, b, in->vtype, h - 3, false);
    pg_buf_puts(b, " = ");
    pg_emit_slot(e, b, PG_T_I32, h - 1, true);
    pg_buf_puts(b, " ? ");
    pg_emit_slot(e, b, in->vtype, h - 3, true);
    pg_buf_puts(b, " : ");
    pg_emit_slot(e, b, in->vtype, h - 2, true);
    pg_buf_putc(b, ';');
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_LOCAL_GET:
    pg_buf_clear(b);
    put_local(e, b, in->idx, true, &ln->store, ln->offs);
    pg_emit_defer(e, h, v->locals[in->idx], b->data, in->idx + 1);
    return;
  case pg_op_LOCAL_SET:
  case pg_op_LOCAL_TEE:
    pg_buf_clear(b);
    put_local(e, b, in->idx, false, &ln->store, ln->offs);
    pg_buf_puts(b, " = ");
    pg_emit_slot(e, b, v->locals[in->idx], h - 1, true);
    pg_buf_putc(b, ';');
    if (in->op == pg_op_LOCAL_SET && e->const_insn == e->insn_no && e->const_pos == h - 1) {
      e->const_set_insn = e->insn_no + 1;
      e->const_set_local = in->idx;
      e->const_set_value = e->const_value;
    }
    /* earlier reads of this local still on the stack must keep the old value; the
     * operand itself (h - 1) is read by this very statement */
    {
      pg_buf stmt = {0};
      pg_buf_puts(&stmt, b->data);
      materialize(e, in->idx + 1, h - 1);
      pg_emit_line(e, "%s", stmt.data);
      pg_buf_free(&stmt);
    }
    return;
  case pg_op_GLOBAL_GET:
    pg_buf_clear(b);
    pg_emit_slot(e, b, e->m->globals[in->idx].type, h, false);
    pg_buf_puts(b, " = ");
    put_global(e, b, in->idx);
    pg_buf_putc(b, ';');
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_GLOBAL_SET:
    pg_buf_clear(b);
    put_global(e, b, in->idx);
    pg_buf_puts(b, " = ");
    pg_emit_slot(e, b, e->m->globals[in->idx].type, h - 1, true);
    pg_buf_putc(b, ';');
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_REF_NULL:
    pg_buf_clear(b);
    pg_emit_slot(e, b, in->vtype, h, false);
    pg_buf_puts(b, in->vtype == PG_T_FUNCREF ? " = pg_funcref_null();" : " = NULL;");
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_REF_IS_NULL:
    pg_buf_clear(b);
    pg_emit_slot(e, b, PG_T_I32, h - 1, false);
    pg_buf_puts(b, " = ");
    pg_emit_slot(e, b, in->vtype, h - 1, true);
    pg_buf_puts(b, in->vtype == PG_T_FUNCREF ? ".func == NULL;" : " == NULL;");
    pg_emit_line(e, "%s", b->data);
    return;
  case pg_op_REF_FUNC: {
    const pg_func *f = &e->m->funcs[in->idx];
    pg_buf_clear(b);
    pg_emit_slot(e, b, PG_T_FUNCREF, h, false);
    pg_buf_printf(b, " = pg_funcref(inst->type_ids[%u], (wasm_rt_function_ptr_t)%s, inst);", f->type, f->cname);
    pg_emit_line(e, "%s", b->data);
    return;
  }
  default:
    break;
  }
  if (pg_emit_numeric(e, in)) return;
  if (pg_emit_memory(e, in)) return;
  pg_emit_line(e, "#error \"pogo: no emitter for %s\"", pg_ops[in->op].name);
}

/* Deferral bookkeeping after an instruction: a slot it wrote no longer holds a deferred
 * value, and positions it popped are gone. Branch copies are writes on the branch path
 * only, so they end nothing on the fall-through path. */
static void after_insn(pg_fn_emit *e, const pg_insn *in) {
  if (!e->ndeferred) return;
  uint32_t top = e->v.height;
  switch (in->op) {
  case pg_op_BR:
  case pg_op_BR_TABLE:
  case pg_op_RETURN:
  case pg_op_UNREACHABLE:
    clear_deferred(e);
    return;
  case pg_op_BR_IF:
    break;
  default:
    for (uint32_t i = 0; i < e->nwritten; i++)
      if (e->written[i] < e->slot_cap) undefer(e, e->written[i]);
    break;
  }
  for (uint32_t p = top; p <= in->height && p < e->slot_cap; p++) undefer(e, p);
}

/* The runtime function that replaces a Go module's function, or NULL. */
static const char *bound_to(const pg_module *m, uint32_t func) {
  const pg_goabi *go = &m->go;
  return !go->is_go ? NULL
         : func == go->pc_f_loop ? "pg_go_pc_loop"
         : func == go->pause     ? "pg_go_pause"
         : func == go->exit      ? "pg_go_exit"
         : func == go->getsp     ? "pg_go_getsp"
                                 : NULL;
}

/* C text above which a function is compiled at -O1 even in -O2 builds (PG_BIG_FN,
 * GCC only): GCC's time grows faster than the size of a function, and the few giant
 * ones (Go's initMetrics, printValue, findRunnable...) cost a quarter of a Go hello
 * world's -O2 compile. Measured: compile CPU -19%, binary trees within noise. */
enum { BIG_FN_C_BYTES = 32768 };

/* Body size (code bytes) up to which a function gets an inline copy. Measured on Go
 * guests: the runtime's atomics, nil-check and small accessors fall under it. */
enum { INLINE_MAX_BODY = 120 };

bool pg_emit_inlinable(const pg_module *m, uint32_t func) {
  const pg_func *f = &m->funcs[func];
  return !f->imported && f->body_end - f->body_off <= INLINE_MAX_BODY && !bound_to(m, func) &&
         !pg_emit_is_accel(m, func);
}

/* A Go module's functions the runtime takes over: the body calls it instead. */
static bool emit_bound(pg_fn_emit *e, pg_buf *out, uint32_t func) {
  const pg_module *m = e->m;
  const char *rt = bound_to(m, func);
  if (!rt) return false;
  const pg_func *f = &m->funcs[func];
  pg_buf_printf(out, "\n/* func %u \"%s\": bound to the runtime's %s */\n", func, f->wname ? f->wname : "", rt);
  pg_emit_prototype(out, m, func, f->cname, "void *ctx");
  const pg_functype *t = pg_func_type(m, func);
  pg_buf_printf(out, " {\n  %s_t *const inst = ctx;\n", e->o->prefix);
  for (uint32_t i = 0; i < t->nparams; i++) pg_buf_printf(out, "  (void)l%u;\n", i);
  pg_buf_printf(out, "  %s%s(&inst->go);\n}\n", t->nresults ? "return " : "", rt);
  return true;
}

void pg_emit_function(pg_fn_emit *e, pg_buf *out, uint32_t func) {
  const pg_module *m = e->m;
  if (emit_bound(e, out, func)) return;
  pg_val *v = &e->v;
  pg_insn in;
  e->func = func;

  /* pass 1: labels (clearing what the previous function left) */
  if (e->label_flags) memset(e->label_flags, 0, e->labels_used < e->label_cap ? e->labels_used : e->label_cap);
  pg_val_begin(v, func);
  while (pg_val_next(v, &in)) {
    ensure_labels(e, v->next_label);
    if (in.op == pg_op_ELSE) {
      const pg_frame *f = pg_val_frame(v, 0);
      e->label_flags[f->label] |= LBL_HAS_ELSE;
      if (!in.was_unreachable && !f->dead) e->label_flags[f->label] |= LBL_END_NEEDED;
    } else if (in.op == pg_op_END && v->nframes > 0) {
      if (v->closed.targeted) e->label_flags[v->closed.label] |= LBL_TARGETED;
    }
  }
  uint32_t max_height = v->max_height + 1;
  uint32_t nlabels = v->next_label;
  e->labels_used = nlabels;

  /* pass 2: statements */
  pg_val_begin(v, func);
  ensure_labels(e, nlabels);
  uint32_t **per_label[] = {&e->loop_line, &e->loop_after, &e->disp_local, &e->disp_first, &e->disp_n, &e->label_refs};
  for (size_t i = 0; i < sizeof per_label / sizeof *per_label; i++) memset(*per_label[i], 0, nlabels * sizeof(uint32_t));
  e->disp_len = 0;
  e->insn_no = 0;
  e->const_set_insn = 0;
  e->const_insn = 0;
  if (max_height > e->slot_cap) {
    for (int k = 0; k < 6; k++) e->slot_use[k] = pg_xrealloc(e->slot_use[k], max_height);
    e->defer = pg_xrealloc(e->defer, max_height * sizeof *e->defer);
    e->defer_type = pg_xrealloc(e->defer_type, max_height);
    e->defer_local = pg_xrealloc(e->defer_local, max_height * sizeof *e->defer_local);
    e->slot_cap = max_height;
  }
  /* the whole capacity: a previous, deeper function may have left entries higher up */
  memset(e->defer, 0, e->slot_cap * sizeof *e->defer);
  memset(e->defer_local, 0, e->slot_cap * sizeof *e->defer_local);
  e->ndeferred = 0;
  pg_buf_clear(&e->defer_text);
  for (int k = 0; k < 6; k++) memset(e->slot_use[k], 0, max_height);
  e->local_read = pg_xrealloc(e->local_read, v->nlocals + 1);
  memset(e->local_read, 0, v->nlocals + 1);
  local_names ln = {{0}, pg_xcalloc(v->nlocals + 1, sizeof(uint32_t))};
  pg_names_locals(m, func, v->nlocals, &ln.store, ln.offs);
  e->uses_mem = false;
  pg_buf_clear(&e->body);
  e->indent = 1;
  while (pg_val_next(v, &in)) {
    e->indent = (int)v->nframes;
    if (in.op == pg_op_END || in.op == pg_op_ELSE) e->indent = (int)v->nframes + (in.op == pg_op_END ? 1 : 0);
    if (in.dead) continue;
    e->nwritten = 0;
    emit_insn(e, &in, &ln);
    after_insn(e, &in);
    e->insn_no++;
    if (in.op == pg_op_I32_CONST) {
      e->const_insn = e->insn_no;
      e->const_pos = in.height;
      e->const_value = (uint32_t)in.bits;
    }
  }
  /* a loop label every branch of which was threaded would be unused: blank it out */
  for (uint32_t l = 0; l < nlabels; l++) {
    if (!e->loop_line[l] || e->label_refs[l]) continue;
    char *line = e->body.data + e->loop_line[l] - 1;
    memset(line, ' ', e->loop_after[l] - (e->loop_line[l] - 1) - 1);
  }

  /* prologue, then the buffered body */
  const pg_func *f = &m->funcs[func];
  const pg_functype *t = &m->types[f->type];
  pg_buf_printf(out, "\n/* func %u", func);
  if (f->wname) {
    pg_buf_puts(out, " \"");
    pg_emit_comment_text(out, (const uint8_t *)f->wname, strlen(f->wname));
    pg_buf_putc(out, '"');
  }
  pg_buf_puts(out, e->inline_copy ? ", inline copy */\n" : " */\n");
  bool accel = pg_emit_is_accel(m, func);
  if (e->body.len > BIG_FN_C_BYTES && !e->inline_copy) pg_buf_puts(out, "PG_BIG_FN ");
  if (e->inline_copy || accel) {
    if (e->inline_copy) pg_buf_puts(out, "static inline ");
    pg_buf_clear(&e->tmp);
    pg_buf_printf(&e->tmp, "%s_%s", f->cname, accel ? "wasm" : "i");
    pg_emit_prototype(out, m, func, e->tmp.data, "void *ctx");
  } else {
    pg_emit_prototype(out, m, func, f->cname, "void *ctx");
  }
  pg_buf_puts(out, " {\n");
  pg_buf_printf(out, "  %s_t *const inst = ctx;\n", e->o->prefix);
  if (e->uses_mem) pg_buf_puts(out, "  u8 *const mem = inst->m0->data;\n");
  for (uint32_t i = t->nparams; i < v->nlocals; i++) {
    pg_buf_printf(out, "  %s ", pg_type_ctype(v->locals[i]));
    pg_buf_printf(out, "l%u", i);
    if (ln.offs[i]) pg_buf_printf(out, "_%s", ln.store.data + ln.offs[i] - 1);
    pg_buf_puts(out, v->locals[i] == PG_T_FUNCREF ? " = {0};\n" : " = 0;\n");
  }
  static const uint8_t slot_types[6] = {PG_T_I32, PG_T_I64, PG_T_F32, PG_T_F64, PG_T_FUNCREF, PG_T_EXTERNREF};
  for (int k = 0; k < 6; k++) {
    bool any = false;
    for (uint32_t p = 0; p < max_height; p++) {
      if (!e->slot_use[k][p]) continue;
      pg_buf_puts(out, any ? ", " : "  ");
      if (!any) pg_buf_printf(out, "%s ", pg_type_ctype(slot_types[k]));
      pg_buf_printf(out, "%c%u = %s", pg_type_letter(slot_types[k]), p, k == 4 ? "{0}" : "0");
      any = true;
    }
    if (any) pg_buf_puts(out, ";\n");
  }
  /* values computed and never read (a dropped result): silence -Wunused-but-set */
  for (int k = 0; k < 6; k++)
    for (uint32_t p = 0; p < max_height; p++)
      if (e->slot_use[k][p] == 1) pg_buf_printf(out, "  (void)%c%u;\n", pg_type_letter(slot_types[k]), p);
  for (uint32_t i = 0; i < v->nlocals; i++) {
    if (e->local_read[i]) continue;
    pg_buf_printf(out, "  (void)l%u", i);
    if (ln.offs[i]) pg_buf_printf(out, "_%s", ln.store.data + ln.offs[i] - 1);
    pg_buf_puts(out, ";\n");
  }
  uint64_t frame_guess = ((uint64_t)v->nlocals + max_height) * 8;
  pg_buf_printf(out, "  PG_ENTER(&inst->hdr, %u, %llu);\n", func,
                (unsigned long long)(frame_guess > 16384 ? frame_guess : 0));
  pg_buf_put(out, e->body.data, e->body.len);
  pg_buf_puts(out, "}\n");
  if (accel) pg_emit_accel_entry(out, m, func);
  pg_buf_free(&ln.store);
  free(ln.offs);
}
