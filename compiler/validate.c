/*
 * validate.c - validation: module-level rules (limits, indices, constant expressions,
 * exports, start, segments) and every function body through pg_val_next.
 *
 * Numeric instructions are typed straight from their SIG string in opcodes.def; only
 * instructions whose typing depends on immediates or context are handled by hand.
 * Messages use the spec testsuite's wording where one exists ("type mismatch",
 * "unknown local", ...) followed by detail.
 */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t one_type[256][1] = {
    [PG_T_I32] = {PG_T_I32}, [PG_T_I64] = {PG_T_I64}, [PG_T_F32] = {PG_T_F32},
    [PG_T_F64] = {PG_T_F64}, [PG_T_FUNCREF] = {PG_T_FUNCREF}, [PG_T_EXTERNREF] = {PG_T_EXTERNREF},
};

static bool is_ref(uint8_t t) { return t == PG_T_FUNCREF || t == PG_T_EXTERNREF; }
static bool is_num(uint8_t t) { return t == PG_T_I32 || t == PG_T_I64 || t == PG_T_F32 || t == PG_T_F64; }

/* ---- operand and control stacks ---- */

static void push(pg_val *v, uint8_t t) {
  if (v->height >= PG_MAX_STACK) pg_fail(v->d, v->c.pos, "operand stack deeper than %u (implementation limit)", PG_MAX_STACK);
  if (v->height == v->stack_cap) {
    v->stack_cap = v->stack_cap ? v->stack_cap * 2 : 256;
    v->stack = pg_xrealloc(v->stack, v->stack_cap);
  }
  v->stack[v->height++] = t;
  if (v->height > v->max_height) v->max_height = v->height;
}

static uint8_t pop(pg_val *v, size_t at) {
  pg_frame *f = &v->frames[v->nframes - 1];
  if (v->height == f->height) {
    if (f->unreachable) return PG_T_ANY;
    pg_fail(v->d, at, "type mismatch: operand stack underflow");
  }
  return v->stack[--v->height];
}

static uint8_t pop_expect(pg_val *v, uint8_t want, size_t at) {
  uint8_t got = pop(v, at);
  if (got != want && got != PG_T_ANY && want != PG_T_ANY)
    pg_fail(v->d, at, "type mismatch: expected %s, found %s", pg_type_name(want), pg_type_name(got));
  return got == PG_T_ANY ? want : got;
}

static void pop_types(pg_val *v, uint32_t n, const uint8_t *types, size_t at) {
  for (uint32_t i = n; i-- > 0;) pop_expect(v, types[i], at);
}

static void push_types(pg_val *v, uint32_t n, const uint8_t *types) {
  for (uint32_t i = 0; i < n; i++) push(v, types[i]);
}

static pg_frame *push_frame(pg_val *v, pg_op op, uint32_t np, const uint8_t *p, uint32_t nr, const uint8_t *r) {
  if (v->nframes > PG_MAX_NESTING) pg_fail(v->d, v->c.pos, "blocks nested deeper than %u (implementation limit)", PG_MAX_NESTING);
  if (v->nframes == v->frames_cap) {
    v->frames_cap = v->frames_cap ? v->frames_cap * 2 : 64;
    v->frames = pg_xrealloc(v->frames, v->frames_cap * sizeof *v->frames);
  }
  pg_frame *parent = v->nframes ? &v->frames[v->nframes - 1] : NULL;
  pg_frame *f = &v->frames[v->nframes++];
  memset(f, 0, sizeof *f);
  f->op = op;
  f->nparams = np;
  f->params = p;
  f->nresults = nr;
  f->results = r;
  f->height = v->height;
  f->label = v->next_label++;
  f->dead = parent && (parent->dead || parent->unreachable);
  push_types(v, np, p);
  return f;
}

static void pop_frame_check(pg_val *v, size_t at) {
  pg_frame *f = &v->frames[v->nframes - 1];
  pop_types(v, f->nresults, f->results, at);
  if (v->height != f->height) pg_fail(v->d, at, "type mismatch: %u values left on the stack at end of block", v->height - f->height);
}

static void set_unreachable(pg_val *v) {
  pg_frame *f = &v->frames[v->nframes - 1];
  v->height = f->height;
  f->unreachable = true;
}

/* ---- immediates ---- */

static uint32_t read_index(pg_val *v, uint32_t limit, const char *what) {
  size_t at = v->c.pos;
  uint32_t i = pg_cur_u32(&v->c);
  if (i >= limit) pg_fail(v->d, at, "unknown %s %u", what, i);
  return i;
}

static void read_blocktype(pg_val *v, pg_insn *in) {
  size_t at = v->c.pos;
  uint8_t b = at < v->c.end ? v->c.b[at] : 0;
  in->bt_np = in->bt_nr = 0;
  in->bt_p = in->bt_r = NULL;
  if (b == 0x40) {
    v->c.pos++;
    return;
  }
  if (b == PG_T_I32 || b == PG_T_I64 || b == PG_T_F32 || b == PG_T_F64 || b == PG_T_FUNCREF ||
      b == PG_T_EXTERNREF) {
    v->c.pos++;
    in->bt_nr = 1;
    in->bt_r = one_type[b];
    return;
  }
  if (b == 0x7b) pg_fail(v->d, at, "v128 block type: the SIMD proposal is not supported");
  int64_t idx = pg_cur_sleb(&v->c, 33);
  if (idx < 0) pg_fail(v->d, at, "malformed block type");
  if ((uint64_t)idx >= v->m->ntypes) pg_fail(v->d, at, "unknown type %lld", (long long)idx);
  const pg_functype *t = &v->m->types[idx];
  in->bt_np = t->nparams;
  in->bt_p = t->params;
  in->bt_nr = t->nresults;
  in->bt_r = t->results;
}

static void read_memarg(pg_val *v, pg_insn *in, uint8_t natural) {
  size_t at = v->c.pos;
  uint32_t align = pg_cur_u32(&v->c);
  if (align & 0x40) pg_fail(v->d, at, "memory index in memarg: the multi-memory proposal is not supported");
  in->offset = pg_cur_u32(&v->c);
  in->align = align;
  if (v->m->nmems == 0) pg_fail(v->d, at, "unknown memory 0");
  if (align > natural) pg_fail(v->d, at, "alignment must not be larger than natural (2^%u > %u bytes)", align, 1u << natural);
}

static void read_zero_byte(pg_val *v) {
  size_t at = v->c.pos;
  uint8_t b = pg_cur_u8(&v->c);
  if (b != 0) pg_fail(v->d, at, "zero byte expected (a memory index needs the multi-memory proposal, not supported)");
}

static void need_memory(pg_val *v, size_t at) {
  if (v->m->nmems == 0) pg_fail(v->d, at, "unknown memory 0");
}

static void need_datacount(pg_val *v, uint32_t idx, size_t at) {
  if (!v->m->has_datacount) pg_fail(v->d, at, "data count section required");
  if (idx >= v->m->datacount) pg_fail(v->d, at, "unknown data segment %u", idx);
}

static uint8_t local_type(pg_val *v, uint32_t idx, size_t at) {
  if (idx >= v->nlocals) pg_fail(v->d, at, "unknown local %u", idx);
  return v->locals[idx];
}

/* ---- per-function ---- */

void pg_val_init(pg_val *v, const pg_module *m, pg_diag *d) {
  memset(v, 0, sizeof *v);
  v->m = m;
  v->d = d;
}

void pg_val_free(pg_val *v) {
  free(v->locals);
  free(v->stack);
  free(v->frames);
  free(v->brtab);
  memset(v, 0, sizeof *v);
}

void pg_val_begin(pg_val *v, uint32_t func) {
  const pg_module *m = v->m;
  const pg_func *f = &m->funcs[func];
  const pg_functype *t = &m->types[f->type];
  v->func = func;
  v->c = (pg_cur){m->bytes, f->body_off, f->body_end, v->d};
  v->height = v->max_height = 0;
  v->nframes = 0;
  v->next_label = 0;
  v->done = false;

  uint64_t total = t->nparams;
  /* first pass over the local declarations: count, so the array is sized once */
  pg_cur c2 = v->c;
  uint32_t ngroups = pg_cur_count(&c2, 2);
  for (uint32_t i = 0; i < ngroups; i++) {
    size_t at = c2.pos;
    total += pg_cur_u32(&c2);
    if (total > 0xffffffffull) pg_fail(v->d, at, "too many locals");
    if (total > PG_MAX_LOCALS) pg_fail(v->d, at, "too many locals (more than %u, implementation limit)", PG_MAX_LOCALS);
    pg_cur_u8(&c2);
  }
  if (total > v->locals_cap) {
    v->locals_cap = (uint32_t)total;
    v->locals = pg_xrealloc(v->locals, total ? total : 1);
  }
  if (t->nparams) memcpy(v->locals, t->params, t->nparams);
  uint32_t n = t->nparams;
  ngroups = pg_cur_u32(&v->c);
  for (uint32_t i = 0; i < ngroups; i++) {
    uint32_t cnt = pg_cur_u32(&v->c);
    size_t at = v->c.pos;
    uint8_t ty = pg_cur_u8(&v->c);
    if (!is_num(ty) && !is_ref(ty)) {
      if (ty == 0x7b) pg_fail(v->d, at, "v128 local: the SIMD proposal is not supported");
      pg_fail(v->d, at, "malformed value type 0x%02x", ty);
    }
    memset(v->locals + n, ty, cnt);
    n += cnt;
  }
  v->nlocals = n;
  push_frame(v, pg_op_END, 0, NULL, t->nresults, t->results);
}

static void check_numeric(pg_val *v, pg_insn *in, const char *sig) {
  const char *colon = strchr(sig, ':');
  for (const char *p = colon; p-- > sig;) pop_expect(v, pg_sig_type(*p), in->off);
  for (const char *p = colon + 1; *p; p++) push(v, pg_sig_type(*p));
}

static const char *unsupported_message(uint8_t prefix, uint32_t code, const char *proposal, char *buf, size_t n) {
  if (prefix) snprintf(buf, n, "opcode 0x%02x 0x%x: the %s proposal is not supported", prefix, code, proposal);
  else snprintf(buf, n, "opcode 0x%02x: the %s proposal is not supported", code, proposal);
  return buf;
}

bool pg_val_next(pg_val *v, pg_insn *in) {
  if (v->done) return false;
  const pg_module *m = v->m;
  pg_cur *c = &v->c;
  memset(in, 0, sizeof *in);
  in->off = c->pos;
  if (c->pos >= c->end) pg_fail(v->d, c->pos, "unexpected end of function body (END opcode expected)");
  uint8_t prefix = 0;
  uint32_t code = pg_cur_u8(c);
  if (code == 0xFC || code == 0xFB || code == 0xFD || code == 0xFE) {
    prefix = (uint8_t)code;
    code = pg_cur_u32(c);
  }
  int opi = pg_op_lookup(prefix, code);
  if (opi < 0) {
    char buf[160];
    const char *proposal = pg_op_proposal(prefix, code);
    if (proposal) pg_fail(v->d, in->off, "%s", unsupported_message(prefix, code, proposal, buf, sizeof buf));
    if (prefix) pg_fail(v->d, in->off, "illegal opcode 0x%02x 0x%x", prefix, code);
    pg_fail(v->d, in->off, "illegal opcode 0x%02x", code);
  }
  pg_op op = (pg_op)opi;
  const pg_opinfo *info = &pg_ops[op];
  pg_frame *top = &v->frames[v->nframes - 1];
  in->op = op;
  in->height = v->height;
  in->dead = top->dead || top->unreachable;
  size_t at = in->off;

  /* immediates shared by several instructions */
  switch (info->imm) {
  case IMM_MEMARG: read_memarg(v, in, info->align); break;
  case IMM_I32: in->bits = (uint32_t)(int32_t)pg_cur_sleb(c, 32); break;
  case IMM_I64: in->bits = (uint64_t)pg_cur_sleb(c, 64); break;
  case IMM_F32: in->bits = pg_cur_fixed32(c); break;
  case IMM_F64: in->bits = pg_cur_fixed64(c); break;
  default: break;
  }

  if (info->sig && info->imm != IMM_DATA_MEM && info->imm != IMM_MEM_MEM && info->imm != IMM_MEM0 &&
      info->imm != IMM_ELEM_TABLE && info->imm != IMM_TABLE_TABLE && info->imm != IMM_DATA &&
      info->imm != IMM_ELEM && info->imm != IMM_TABLE) {
    check_numeric(v, in, info->sig);
    return true;
  }

  switch (op) {
  case pg_op_UNREACHABLE:
    set_unreachable(v);
    break;
  case pg_op_NOP:
    break;
  case pg_op_BLOCK:
  case pg_op_LOOP:
  case pg_op_IF: {
    read_blocktype(v, in);
    if (op == pg_op_IF) pop_expect(v, PG_T_I32, at);
    pop_types(v, in->bt_np, in->bt_p, at);
    in->height = v->height;   /* for blocks: height below the params */
    push_frame(v, op, in->bt_np, in->bt_p, in->bt_nr, in->bt_r);
    break;
  }
  case pg_op_ELSE: {
    if (top->op != pg_op_IF || top->seen_else) pg_fail(v->d, at, "else without matching if");
    in->was_unreachable = top->unreachable;
    pop_frame_check(v, at);
    top->seen_else = true;
    top->unreachable = false;
    push_types(v, top->nparams, top->params);
    in->dead = top->dead;
    break;
  }
  case pg_op_END: {
    in->was_unreachable = top->unreachable;
    pop_frame_check(v, at);
    if (top->op == pg_op_IF && !top->seen_else) {
      /* an if without else behaves as if the else passed its params through */
      if (top->nparams != top->nresults || (top->nparams && memcmp(top->params, top->results, top->nparams) != 0))
        pg_fail(v->d, at, "type mismatch: if without else must have matching param and result types");
    }
    in->dead = top->dead;
    v->closed = *top;
    v->nframes--;
    push_types(v, top->nresults, top->results);
    if (v->nframes == 0) {
      v->done = true;
      if (c->pos != c->end) pg_fail(v->d, c->pos, "section size mismatch: operators remaining after end of function");
    }
    break;
  }
  case pg_op_BR: {
    in->idx = read_index(v, v->nframes, "label");
    pg_frame *f = pg_val_frame(v, in->idx);
    pop_types(v, pg_frame_arity(f), pg_frame_types(f), at);
    if (!in->dead) f->targeted = true;
    set_unreachable(v);
    break;
  }
  case pg_op_BR_IF: {
    in->idx = read_index(v, v->nframes, "label");
    pop_expect(v, PG_T_I32, at);
    pg_frame *f = pg_val_frame(v, in->idx);
    uint32_t n = pg_frame_arity(f);
    const uint8_t *ts = pg_frame_types(f);
    pop_types(v, n, ts, at);
    push_types(v, n, ts);
    if (!in->dead) f->targeted = true;
    break;
  }
  case pg_op_BR_TABLE: {
    uint32_t n = pg_cur_count(c, 1);
    if ((uint64_t)n + 1 > v->brtab_cap) {
      v->brtab_cap = n + 1;
      v->brtab = pg_xrealloc(v->brtab, (size_t)v->brtab_cap * sizeof *v->brtab);
    }
    for (uint32_t i = 0; i <= n; i++) v->brtab[i] = read_index(v, v->nframes, "label");
    in->ntargets = n + 1;
    in->targets = v->brtab;
    pop_expect(v, PG_T_I32, at);
    pg_frame *def = pg_val_frame(v, v->brtab[n]);
    uint32_t arity = pg_frame_arity(def);
    for (uint32_t i = 0; i <= n; i++) {
      pg_frame *f = pg_val_frame(v, v->brtab[i]);
      if (pg_frame_arity(f) != arity) pg_fail(v->d, at, "type mismatch: br_table targets have different arities");
      /* each target must accept the operands; pop never writes the stack, so
       * restoring the height undoes the check */
      uint32_t h = v->height;
      pop_types(v, arity, pg_frame_types(f), at);
      v->height = h;
      if (!in->dead) f->targeted = true;
    }
    pop_types(v, arity, pg_frame_types(def), at);
    set_unreachable(v);
    break;
  }
  case pg_op_RETURN: {
    pg_frame *f = &v->frames[0];
    pop_types(v, f->nresults, f->results, at);
    set_unreachable(v);
    break;
  }
  case pg_op_CALL: {
    in->idx = read_index(v, m->nfuncs, "function");
    const pg_functype *t = pg_func_type(m, in->idx);
    pop_types(v, t->nparams, t->params, at);
    push_types(v, t->nresults, t->results);
    break;
  }
  case pg_op_CALL_INDIRECT: {
    in->idx = read_index(v, m->ntypes, "type");
    size_t tat = c->pos;
    in->idx2 = pg_cur_u32(c);
    if (in->idx2 >= m->ntables) pg_fail(v->d, tat, "unknown table %u", in->idx2);
    if (m->tables[in->idx2].elemtype != PG_T_FUNCREF)
      pg_fail(v->d, tat, "type mismatch: call_indirect through a table of %s", pg_type_name(m->tables[in->idx2].elemtype));
    const pg_functype *t = &m->types[in->idx];
    pop_expect(v, PG_T_I32, at);
    pop_types(v, t->nparams, t->params, at);
    push_types(v, t->nresults, t->results);
    break;
  }
  case pg_op_DROP:
    in->vtype = pop(v, at);
    break;
  case pg_op_SELECT: {
    pop_expect(v, PG_T_I32, at);
    uint8_t t1 = pop(v, at), t2 = pop(v, at);
    if (is_ref(t1) || is_ref(t2)) pg_fail(v->d, at, "type mismatch: select without a type on reference operands");
    if (t1 != t2 && t1 != PG_T_ANY && t2 != PG_T_ANY)
      pg_fail(v->d, at, "type mismatch: select operands %s and %s", pg_type_name(t1), pg_type_name(t2));
    in->vtype = t1 == PG_T_ANY ? t2 : t1;
    push(v, in->vtype);
    break;
  }
  case pg_op_SELECT_T: {
    uint32_t n = pg_cur_u32(c);
    if (n != 1) pg_fail(v->d, at, "invalid result arity %u for select", n);
    size_t tat = c->pos;
    uint8_t t = pg_cur_u8(c);
    if (!is_num(t) && !is_ref(t)) {
      if (t == 0x7b) pg_fail(v->d, tat, "v128 select: the SIMD proposal is not supported");
      pg_fail(v->d, tat, "malformed value type 0x%02x", t);
    }
    pop_expect(v, PG_T_I32, at);
    pop_expect(v, t, at);
    pop_expect(v, t, at);
    push(v, t);
    in->vtype = t;
    break;
  }
  case pg_op_LOCAL_GET:
    in->idx = pg_cur_u32(c);
    push(v, local_type(v, in->idx, at));
    break;
  case pg_op_LOCAL_SET:
    in->idx = pg_cur_u32(c);
    pop_expect(v, local_type(v, in->idx, at), at);
    break;
  case pg_op_LOCAL_TEE: {
    in->idx = pg_cur_u32(c);
    uint8_t t = local_type(v, in->idx, at);
    pop_expect(v, t, at);
    push(v, t);
    break;
  }
  case pg_op_GLOBAL_GET:
    in->idx = read_index(v, m->nglobals, "global");
    push(v, m->globals[in->idx].type);
    break;
  case pg_op_GLOBAL_SET:
    in->idx = read_index(v, m->nglobals, "global");
    if (!m->globals[in->idx].mut) pg_fail(v->d, at, "global is immutable: global.set of global %u", in->idx);
    pop_expect(v, m->globals[in->idx].type, at);
    break;
  case pg_op_TABLE_GET:
    in->idx = read_index(v, m->ntables, "table");
    pop_expect(v, PG_T_I32, at);
    push(v, m->tables[in->idx].elemtype);
    break;
  case pg_op_TABLE_SET:
    in->idx = read_index(v, m->ntables, "table");
    pop_expect(v, m->tables[in->idx].elemtype, at);
    pop_expect(v, PG_T_I32, at);
    break;
  case pg_op_MEMORY_SIZE:
    read_zero_byte(v);
    need_memory(v, at);
    push(v, PG_T_I32);
    break;
  case pg_op_MEMORY_GROW:
    read_zero_byte(v);
    need_memory(v, at);
    pop_expect(v, PG_T_I32, at);
    push(v, PG_T_I32);
    break;
  case pg_op_REF_NULL: {
    size_t tat = c->pos;
    uint8_t t = pg_cur_u8(c);
    if (!is_ref(t)) {
      if (t == 0x63 || t == 0x64) pg_fail(v->d, tat, "typed reference: the function-references proposal is not supported");
      pg_fail(v->d, tat, "malformed reference type 0x%02x", t);
    }
    in->vtype = t;
    push(v, t);
    break;
  }
  case pg_op_REF_IS_NULL: {
    uint8_t t = pop(v, at);
    if (t != PG_T_ANY && !is_ref(t)) pg_fail(v->d, at, "type mismatch: ref.is_null of %s", pg_type_name(t));
    in->vtype = t;
    push(v, PG_T_I32);
    break;
  }
  case pg_op_REF_FUNC:
    in->idx = read_index(v, m->nfuncs, "function");
    if (!m->funcs[in->idx].declared) pg_fail(v->d, at, "undeclared function reference %u", in->idx);
    push(v, PG_T_FUNCREF);
    break;
  case pg_op_MEMORY_INIT:
    in->idx = pg_cur_u32(c);
    read_zero_byte(v);
    need_memory(v, at);
    need_datacount(v, in->idx, at);
    check_numeric(v, in, info->sig);
    break;
  case pg_op_DATA_DROP:
    in->idx = pg_cur_u32(c);
    need_datacount(v, in->idx, at);
    break;
  case pg_op_MEMORY_COPY:
    read_zero_byte(v);
    read_zero_byte(v);
    need_memory(v, at);
    check_numeric(v, in, info->sig);
    break;
  case pg_op_MEMORY_FILL:
    read_zero_byte(v);
    need_memory(v, at);
    check_numeric(v, in, info->sig);
    break;
  case pg_op_TABLE_INIT: {
    in->idx = read_index(v, m->nelems, "elem segment");
    in->idx2 = read_index(v, m->ntables, "table");
    if (m->elems[in->idx].type != m->tables[in->idx2].elemtype)
      pg_fail(v->d, at, "type mismatch: table.init of %s segment into %s table",
              pg_type_name(m->elems[in->idx].type), pg_type_name(m->tables[in->idx2].elemtype));
    check_numeric(v, in, info->sig);
    break;
  }
  case pg_op_ELEM_DROP:
    in->idx = read_index(v, m->nelems, "elem segment");
    break;
  case pg_op_TABLE_COPY: {
    in->idx = read_index(v, m->ntables, "table");
    in->idx2 = read_index(v, m->ntables, "table");
    if (m->tables[in->idx].elemtype != m->tables[in->idx2].elemtype)
      pg_fail(v->d, at, "type mismatch: table.copy between %s and %s tables",
              pg_type_name(m->tables[in->idx].elemtype), pg_type_name(m->tables[in->idx2].elemtype));
    check_numeric(v, in, info->sig);
    break;
  }
  case pg_op_TABLE_GROW:
    in->idx = read_index(v, m->ntables, "table");
    pop_expect(v, PG_T_I32, at);
    pop_expect(v, m->tables[in->idx].elemtype, at);
    push(v, PG_T_I32);
    break;
  case pg_op_TABLE_SIZE:
    in->idx = read_index(v, m->ntables, "table");
    push(v, PG_T_I32);
    break;
  case pg_op_TABLE_FILL:
    in->idx = read_index(v, m->ntables, "table");
    pop_expect(v, PG_T_I32, at);
    pop_expect(v, m->tables[in->idx].elemtype, at);
    pop_expect(v, PG_T_I32, at);
    break;
  default:
    pg_fail(v->d, at, "internal error: opcode %s has no validation rule", info->name);
  }
  return true;
}

void pg_val_function(pg_val *v, uint32_t func) {
  pg_insn in;
  pg_val_begin(v, func);
  while (pg_val_next(v, &in)) {
  }
}

/* ---- module level ---- */

static void check_limits(pg_diag *d, const pg_limits *l, uint64_t cap, const char *what, size_t at) {
  if (l->min > cap) pg_fail(d, at, "%s size must be at most %llu", what, (unsigned long long)cap);
  if (l->has_max && l->max > cap) pg_fail(d, at, "%s size must be at most %llu", what, (unsigned long long)cap);
  if (l->has_max && l->min > l->max) pg_fail(d, at, "size minimum must not be greater than maximum");
}

/* A constant expression's type, checking what it may refer to. Wasm 2.0: global.get
 * only of imported immutable globals; ref.func declares its function. */
static void check_constexpr(pg_module *m, pg_constexpr *e, uint8_t want, pg_diag *d) {
  if (e->op == pg_op_GLOBAL_GET) {
    if (e->index >= m->nglobals) pg_fail(d, e->off, "unknown global %u", e->index);
    const pg_global *g = &m->globals[e->index];
    if (!g->imported) pg_fail(d, e->off, "unknown global %u (constant expressions may only read imported globals)", e->index);
    if (g->mut) pg_fail(d, e->off, "constant expression required (global %u is mutable)", e->index);
    e->type = g->type;
  } else if (e->op == pg_op_REF_FUNC) {
    if (e->index >= m->nfuncs) pg_fail(d, e->off, "unknown function %u", e->index);
  }
  if (e->type != want) pg_fail(d, e->off, "type mismatch: constant expression of %s where %s is expected",
                               pg_type_name(e->type), pg_type_name(want));
}

static void declare_refs(pg_module *m, const pg_constexpr *e) {
  if (e->op == pg_op_REF_FUNC && e->index < m->nfuncs) m->funcs[e->index].declared = true;
}

void pg_validate_module(pg_module *m, pg_diag *d) {
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const pg_func *f = &m->funcs[i];
    if (f->type >= m->ntypes) {
      size_t at = f->imported ? m->imports[f->import].off : m->code_off;
      pg_fail(d, at, "unknown type %u for function %u", f->type, i);
    }
  }
  for (uint32_t i = 0; i < m->ntables; i++) {
    const pg_table *t = &m->tables[i];
    check_limits(d, &t->lim, 0xffffffffull, "table", t->off);
    if (!t->imported && t->lim.min > PG_MAX_TABLE_ELEMS)
      pg_fail(d, t->off, "table of %llu elements: more than %u (implementation limit)", (unsigned long long)t->lim.min,
              PG_MAX_TABLE_ELEMS);
  }
  if (m->nmems > 1) pg_fail(d, m->mems[1].off, "multiple memories: the multi-memory proposal is not supported");
  for (uint32_t i = 0; i < m->nmems; i++) {
    const pg_memory *mem = &m->mems[i];
    size_t at = mem->off;
    if (mem->lim.min > 65536 || (mem->lim.has_max && mem->lim.max > 65536))
      pg_fail(d, at, "memory size must be at most 65536 pages (4GiB)");
    check_limits(d, &mem->lim, 65536, "memory", at);
  }

  /* C.refs: functions named by ref.func outside bodies */
  for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) declare_refs(m, &m->globals[i].init);
  for (uint32_t i = 0; i < m->nelems; i++)
    for (uint32_t k = 0; k < m->elems[i].count; k++) declare_refs(m, &m->elems[i].items[k]);
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == PG_EXT_FUNC && m->exports[i].index < m->nfuncs) m->funcs[m->exports[i].index].declared = true;

  for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) check_constexpr(m, &m->globals[i].init, m->globals[i].type, d);

  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    static const char *const kinds[] = {"function", "table", "memory", "global"};
    uint32_t limit = e->kind == PG_EXT_FUNC ? m->nfuncs : e->kind == PG_EXT_TABLE ? m->ntables
                   : e->kind == PG_EXT_MEMORY ? m->nmems : m->nglobals;
    if (e->index >= limit) pg_fail(d, e->off, "unknown %s %u", kinds[e->kind], e->index);
  }
  /* duplicate export names: sort indices by name, compare neighbours */
  if (m->nexports > 1) {
    pg_strset seen = {0};
    for (uint32_t i = 0; i < m->nexports; i++) {
      const pg_export *e = &m->exports[i];
      char *key = pg_xmalloc((size_t)e->name.len + 1);
      memcpy(key, e->name.p, e->name.len);
      key[e->name.len] = 0;
      bool fresh = memchr(e->name.p, 0, e->name.len) == NULL ? pg_strset_add(&seen, key) : true;
      /* names with NUL bytes are compared exactly below (rare) */
      free(key);
      if (!fresh) {
        pg_strset_free(&seen);
        pg_fail(d, e->off, "duplicate export name \"%.*s\"", (int)e->name.len, (const char *)e->name.p);
      }
    }
    pg_strset_free(&seen);
    for (uint32_t i = 0; i < m->nexports; i++) {
      if (!memchr(m->exports[i].name.p, 0, m->exports[i].name.len)) continue;
      for (uint32_t k = 0; k < i; k++)
        if (m->exports[k].name.len == m->exports[i].name.len &&
            memcmp(m->exports[k].name.p, m->exports[i].name.p, m->exports[i].name.len) == 0)
          pg_fail(d, m->exports[i].off, "duplicate export name");
    }
  }

  if (m->has_start) {
    if (m->start >= m->nfuncs) pg_fail(d, m->start_off, "unknown function %u", m->start);
    const pg_functype *t = pg_func_type(m, m->start);
    if (t->nparams || t->nresults) pg_fail(d, m->start_off, "start function must have type [] -> []");
  }

  for (uint32_t i = 0; i < m->nelems; i++) {
    pg_elem *e = &m->elems[i];
    if (e->mode == PG_SEG_ACTIVE) {
      if (e->table >= m->ntables) pg_fail(d, e->off, "unknown table %u", e->table);
      if (m->tables[e->table].elemtype != e->type)
        pg_fail(d, e->off, "type mismatch: %s segment for a %s table", pg_type_name(e->type),
                pg_type_name(m->tables[e->table].elemtype));
      check_constexpr(m, &e->offset, PG_T_I32, d);
    }
    for (uint32_t k = 0; k < e->count; k++) check_constexpr(m, &e->items[k], e->type, d);
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    pg_data *s = &m->datas[i];
    if (s->mode == PG_SEG_ACTIVE) {
      if (s->mem >= m->nmems) pg_fail(d, s->off, "unknown memory %u", s->mem);
      check_constexpr(m, &s->offset, PG_T_I32, d);
    }
  }

  pg_val v;
  pg_val_init(&v, m, d);
  pg_diag_on_fail(d, (void (*)(void *))pg_val_free, &v);
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) pg_val_function(&v, i);
  pg_diag_on_fail(d, NULL, NULL);
  pg_val_free(&v);
}
