/*
 * read.c - the binary-format reader: header, sections in order, and everything in them
 * except function bodies (which stay as byte ranges, see module.h).
 *
 * The reader rejects what the spec calls malformed (bad encodings, sizes, order, counts)
 * and what belongs to proposals pogo does not implement, naming the proposal. Checks
 * that need the whole module (types of constant expressions, index bounds used by
 * bodies, duplicate exports...) are the validator's.
 */
#include <string.h>

#include "cursor.h"
#include "module.h"

enum {
  SEC_CUSTOM = 0, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY, SEC_GLOBAL,
  SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE, SEC_DATA, SEC_DATACOUNT, SEC_TAG,
};

/* Position of each known section id in the required order. */
static int section_rank(uint8_t id) {
  static const int rank[] = {
      [SEC_TYPE] = 1,    [SEC_IMPORT] = 2, [SEC_FUNCTION] = 3, [SEC_TABLE] = 4,
      [SEC_MEMORY] = 5,  [SEC_TAG] = 6,    [SEC_GLOBAL] = 7,   [SEC_EXPORT] = 8,
      [SEC_START] = 9,   [SEC_ELEMENT] = 10, [SEC_DATACOUNT] = 11, [SEC_CODE] = 12,
      [SEC_DATA] = 13,
  };
  return id < sizeof rank / sizeof rank[0] ? rank[id] : 0;
}

bool pg_utf8_valid(const uint8_t *p, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xc0) != 0x80) return false;
      cp = cp << 6 | (p[i + k] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

static pg_name read_name(pg_cur *c) {
  size_t start = c->pos;
  uint32_t len = pg_cur_count(c, 1);
  pg_name n = {c->b + c->pos, len};
  c->pos += len;
  if (!pg_utf8_valid(n.p, n.len)) pg_fail(c->d, start, "malformed UTF-8 encoding");
  return n;
}

static uint8_t read_valtype(pg_cur *c) {
  size_t at = c->pos;
  uint8_t t = pg_cur_u8(c);
  switch (t) {
  case PG_T_I32: case PG_T_I64: case PG_T_F32: case PG_T_F64:
  case PG_T_FUNCREF: case PG_T_EXTERNREF:
    return t;
  case 0x7b:
    pg_fail(c->d, at, "v128 type: the SIMD proposal is not supported");
  case 0x69:
    pg_fail(c->d, at, "exnref type: the exception-handling proposal is not supported");
  case 0x63: case 0x64:
    pg_fail(c->d, at, "typed reference: the function-references proposal is not supported");
  case 0x6e: case 0x6d: case 0x6c: case 0x6b: case 0x6a: case 0x71: case 0x72: case 0x73:
    pg_fail(c->d, at, "reference type 0x%02x: the GC proposal is not supported", t);
  default:
    pg_fail(c->d, at, "malformed value type 0x%02x", t);
  }
}

static uint8_t read_reftype(pg_cur *c) {
  size_t at = c->pos;
  uint8_t t = read_valtype(c);
  if (t != PG_T_FUNCREF && t != PG_T_EXTERNREF) pg_fail(c->d, at, "malformed reference type");
  return t;
}

static pg_limits read_limits(pg_cur *c, bool memory) {
  size_t at = c->pos;
  uint8_t flags = pg_cur_u8(c);
  pg_limits l = {0, 0, false};
  if (flags == 0x02 || flags == 0x03)
    pg_fail(c->d, at, "shared memory: the threads proposal is not supported");
  if (memory && flags >= 0x04 && flags <= 0x07)
    pg_fail(c->d, at, "64-bit memory: the memory64 proposal is not supported");
  if (!memory && flags >= 0x04 && flags <= 0x07)
    pg_fail(c->d, at, "64-bit table: the memory64 proposal is not supported");
  if (flags > 0x01) pg_fail(c->d, at, "malformed limits flags 0x%02x (integer too large)", flags);
  l.min = pg_cur_u32(c);
  if (flags & 1) {
    l.has_max = true;
    l.max = pg_cur_u32(c);
  }
  return l;
}

static bool is_const_arith(uint8_t op) {
  return op == 0x6a || op == 0x6b || op == 0x6c || op == 0x7c || op == 0x7d || op == 0x7e;
}

/* A constant expression with more than one instruction. Scan to its end: arithmetic
 * anywhere means an extended-const module (a proposal pogo does not implement);
 * otherwise it is the spec's "type mismatch" (two values) or a non-constant operator. */
static PG_NORETURN void scan_extra_constexpr(pg_cur *c, size_t at) {
  c->pos = at;
  for (;;) {
    size_t op_at = c->pos;
    uint8_t op = pg_cur_u8(c);
    if (op == 0x0b) pg_fail(c->d, at, "type mismatch: constant expression has more than one value");
    if (is_const_arith(op))
      pg_fail(c->d, op_at, "%s in a constant expression: the extended-const proposal is not supported",
              pg_ops[pg_op_lookup(0, op)].name);
    switch (op) {
    case 0x41: pg_cur_sleb(c, 32); break;
    case 0x42: pg_cur_sleb(c, 64); break;
    case 0x43: pg_cur_fixed32(c); break;
    case 0x44: pg_cur_fixed64(c); break;
    case 0x23: case 0xd2: pg_cur_u32(c); break;
    case 0xd0: pg_cur_u8(c); break;
    default: {
      int known = pg_op_lookup(0, op);
      if (known >= 0) pg_fail(c->d, op_at, "constant expression required (found %s)", pg_ops[known].name);
      pg_fail(c->d, op_at, "illegal opcode 0x%02x in constant expression", op);
    }
    }
  }
}

/* Constant expressions: Wasm 2.0 allows one constant instruction, then end. */
static void read_constexpr(pg_cur *c, pg_constexpr *e) {
  e->off = c->pos;
  uint8_t op = pg_cur_u8(c);
  switch (op) {
  case 0x41:
    e->op = pg_op_I32_CONST;
    e->type = PG_T_I32;
    e->bits = (uint32_t)(int32_t)pg_cur_sleb(c, 32);
    break;
  case 0x42:
    e->op = pg_op_I64_CONST;
    e->type = PG_T_I64;
    e->bits = (uint64_t)pg_cur_sleb(c, 64);
    break;
  case 0x43:
    e->op = pg_op_F32_CONST;
    e->type = PG_T_F32;
    e->bits = pg_cur_fixed32(c);
    break;
  case 0x44:
    e->op = pg_op_F64_CONST;
    e->type = PG_T_F64;
    e->bits = pg_cur_fixed64(c);
    break;
  case 0xd0:
    e->op = pg_op_REF_NULL;
    e->type = read_reftype(c);
    break;
  case 0xd2:
    e->op = pg_op_REF_FUNC;
    e->type = PG_T_FUNCREF;
    e->index = pg_cur_u32(c);
    break;
  case 0x23:
    e->op = pg_op_GLOBAL_GET;
    e->type = PG_T_ANY; /* the validator fills it in from the global */
    e->index = pg_cur_u32(c);
    break;
  case 0x0b:
    pg_fail(c->d, e->off, "type mismatch: constant expression is empty");
  default: {
    int known = pg_op_lookup(0, op);
    if (is_const_arith(op))
      pg_fail(c->d, e->off, "%s in a constant expression: the extended-const proposal is not supported",
              pg_ops[known].name);
    if (known >= 0) pg_fail(c->d, e->off, "constant expression required (found %s)", pg_ops[known].name);
    pg_fail(c->d, e->off, "illegal opcode 0x%02x in constant expression", op);
  }
  }
  size_t at = c->pos;
  if (pg_cur_u8(c) != 0x0b) scan_extra_constexpr(c, at);
}

static void read_types(pg_module *m, pg_cur *c) {
  m->ntypes = pg_cur_count(c, 3);
  m->types = pg_arena_alloc(&m->arena, m->ntypes * sizeof *m->types);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    size_t at = c->pos;
    uint8_t form = pg_cur_u8(c);
    if (form == 0x5e || form == 0x5f || form == 0x4e || form == 0x50 || form == 0x4f)
      pg_fail(c->d, at, "composite type 0x%02x: the GC proposal is not supported", form);
    if (form != 0x60) pg_fail(c->d, at, "malformed function type (integer representation too long)");
    pg_functype *t = &m->types[i];
    t->nparams = pg_cur_count(c, 1);
    t->params = pg_arena_alloc(&m->arena, t->nparams + 1);
    for (uint32_t k = 0; k < t->nparams; k++) t->params[k] = read_valtype(c);
    t->nresults = pg_cur_count(c, 1);
    t->results = pg_arena_alloc(&m->arena, t->nresults + 1);
    for (uint32_t k = 0; k < t->nresults; k++) t->results[k] = read_valtype(c);
  }
}

/* Grow-on-demand append into an arena array (imports arrive before the counts of
 * definitions are known). */
#define APPEND(arena, arr, n, cap)                                              \
  do {                                                                          \
    if ((n) == (cap)) {                                                         \
      uint32_t ncap_ = (cap) ? (cap) * 2 : 8;                                   \
      void *na_ = pg_arena_alloc((arena), (size_t)ncap_ * sizeof *(arr));      \
      if (n) memcpy(na_, (arr), (size_t)(n) * sizeof *(arr));                   \
      (arr) = na_;                                                              \
      (cap) = ncap_;                                                            \
    }                                                                           \
  } while (0)

typedef struct caps {
  uint32_t funcs, tables, mems, globals;
} caps;

static void read_imports(pg_module *m, pg_cur *c, caps *cp) {
  m->nimports = pg_cur_count(c, 4);
  m->imports = pg_arena_alloc(&m->arena, m->nimports * sizeof *m->imports);
  for (uint32_t i = 0; i < m->nimports; i++) {
    pg_import *im = &m->imports[i];
    im->off = c->pos;
    im->module = read_name(c);
    im->field = read_name(c);
    size_t at = c->pos;
    im->kind = pg_cur_u8(c);
    switch (im->kind) {
    case PG_EXT_FUNC: {
      APPEND(&m->arena, m->funcs, m->nfuncs, cp->funcs);
      pg_func *f = &m->funcs[m->nfuncs];
      memset(f, 0, sizeof *f);
      f->imported = true;
      f->import = i;
      f->type = pg_cur_u32(c);
      im->index = m->nfuncs++;
      m->nfunc_imports++;
      break;
    }
    case PG_EXT_TABLE: {
      APPEND(&m->arena, m->tables, m->ntables, cp->tables);
      pg_table *t = &m->tables[m->ntables];
      memset(t, 0, sizeof *t);
      t->elemtype = read_reftype(c);
      t->off = c->pos;
      t->lim = read_limits(c, false);
      t->imported = true;
      t->import = i;
      im->index = m->ntables++;
      m->ntable_imports++;
      break;
    }
    case PG_EXT_MEMORY: {
      APPEND(&m->arena, m->mems, m->nmems, cp->mems);
      pg_memory *mem = &m->mems[m->nmems];
      memset(mem, 0, sizeof *mem);
      mem->off = c->pos;
      mem->lim = read_limits(c, true);
      mem->imported = true;
      mem->import = i;
      im->index = m->nmems++;
      m->nmem_imports++;
      break;
    }
    case PG_EXT_GLOBAL: {
      APPEND(&m->arena, m->globals, m->nglobals, cp->globals);
      pg_global *g = &m->globals[m->nglobals];
      memset(g, 0, sizeof *g);
      g->type = read_valtype(c);
      size_t mat = c->pos;
      uint8_t mut = pg_cur_u8(c);
      if (mut > 1) pg_fail(c->d, mat, "malformed mutability");
      g->mut = mut;
      g->imported = true;
      g->import = i;
      im->index = m->nglobals++;
      m->nglobal_imports++;
      break;
    }
    case 4:
      pg_fail(c->d, at, "tag import: the exception-handling proposal is not supported");
    default:
      pg_fail(c->d, at, "malformed import kind 0x%02x", im->kind);
    }
  }
}

static void read_functions(pg_module *m, pg_cur *c, caps *cp, uint32_t *declared) {
  uint32_t n = pg_cur_count(c, 1);
  *declared = n;
  for (uint32_t i = 0; i < n; i++) {
    APPEND(&m->arena, m->funcs, m->nfuncs, cp->funcs);
    pg_func *f = &m->funcs[m->nfuncs++];
    memset(f, 0, sizeof *f);
    f->type = pg_cur_u32(c);
  }
}

static void read_tables(pg_module *m, pg_cur *c, caps *cp) {
  uint32_t n = pg_cur_count(c, 2);
  for (uint32_t i = 0; i < n; i++) {
    APPEND(&m->arena, m->tables, m->ntables, cp->tables);
    pg_table *t = &m->tables[m->ntables++];
    memset(t, 0, sizeof *t);
    size_t at = c->pos;
    if (c->pos < c->end && c->b[c->pos] == 0x40)
      pg_fail(c->d, at, "table with initializer: the function-references proposal is not supported");
    t->elemtype = read_reftype(c);
    t->off = c->pos;
    t->lim = read_limits(c, false);
  }
}

static void read_memories(pg_module *m, pg_cur *c, caps *cp) {
  uint32_t n = pg_cur_count(c, 2);
  for (uint32_t i = 0; i < n; i++) {
    APPEND(&m->arena, m->mems, m->nmems, cp->mems);
    pg_memory *mem = &m->mems[m->nmems++];
    memset(mem, 0, sizeof *mem);
    mem->off = c->pos;
    mem->lim = read_limits(c, true);
  }
}

static void read_globals(pg_module *m, pg_cur *c, caps *cp) {
  uint32_t n = pg_cur_count(c, 3); /* type, mutability, end: an empty initializer is invalid, not malformed */
  for (uint32_t i = 0; i < n; i++) {
    APPEND(&m->arena, m->globals, m->nglobals, cp->globals);
    pg_global *g = &m->globals[m->nglobals++];
    memset(g, 0, sizeof *g);
    g->type = read_valtype(c);
    size_t at = c->pos;
    uint8_t mut = pg_cur_u8(c);
    if (mut > 1) pg_fail(c->d, at, "malformed mutability");
    g->mut = mut;
    read_constexpr(c, &g->init);
  }
}

static void read_exports(pg_module *m, pg_cur *c) {
  m->nexports = pg_cur_count(c, 3);
  m->exports = pg_arena_alloc(&m->arena, m->nexports * sizeof *m->exports);
  for (uint32_t i = 0; i < m->nexports; i++) {
    pg_export *e = &m->exports[i];
    e->off = c->pos;
    e->name = read_name(c);
    size_t at = c->pos;
    e->kind = pg_cur_u8(c);
    if (e->kind == 4) pg_fail(c->d, at, "tag export: the exception-handling proposal is not supported");
    if (e->kind > 3) pg_fail(c->d, at, "malformed export kind 0x%02x", e->kind);
    e->index = pg_cur_u32(c);
  }
}

/* Element segments, all eight encodings of the flags field. */
static void read_elems(pg_module *m, pg_cur *c) {
  m->nelems = pg_cur_count(c, 2);
  m->elems = pg_arena_alloc(&m->arena, m->nelems * sizeof *m->elems);
  for (uint32_t i = 0; i < m->nelems; i++) {
    pg_elem *e = &m->elems[i];
    e->off = c->pos;
    uint32_t flags = pg_cur_u32(c);
    if (flags > 7) pg_fail(c->d, e->off, "malformed elements segment kind %u", flags);
    bool passive_or_decl = flags & 1;
    bool explicit_table = flags & 2;
    bool exprs = flags & 4;
    e->mode = !passive_or_decl ? PG_SEG_ACTIVE : (explicit_table ? PG_SEG_DECLARATIVE : PG_SEG_PASSIVE);
    e->type = PG_T_FUNCREF;
    if (e->mode == PG_SEG_ACTIVE) {
      e->table = explicit_table ? pg_cur_u32(c) : 0;
      read_constexpr(c, &e->offset);
    }
    if (passive_or_decl || explicit_table) {
      size_t at = c->pos;
      if (exprs) {
        e->type = read_reftype(c);
      } else {
        uint8_t kind = pg_cur_u8(c);
        if (kind != 0x00) pg_fail(c->d, at, "malformed element kind 0x%02x", kind);
      }
    }
    e->count = pg_cur_count(c, 1);
    e->items = pg_arena_alloc(&m->arena, e->count * sizeof *e->items);
    for (uint32_t k = 0; k < e->count; k++) {
      if (exprs) {
        read_constexpr(c, &e->items[k]);
      } else {
        e->items[k].off = c->pos;
        e->items[k].op = pg_op_REF_FUNC;
        e->items[k].type = PG_T_FUNCREF;
        e->items[k].index = pg_cur_u32(c);
      }
    }
  }
}

static void read_code(pg_module *m, pg_cur *c, uint32_t declared) {
  size_t at = c->pos;
  uint32_t n = pg_cur_count(c, 2);
  if (n != declared)
    pg_fail(c->d, at, "function and code section have inconsistent lengths (%u functions, %u bodies)",
            declared, n);
  for (uint32_t i = 0; i < n; i++) {
    size_t sat = c->pos;
    uint32_t size = pg_cur_u32(c);
    if (size > c->end - c->pos) pg_fail(c->d, sat, "function body size %u past the section end (unexpected end)", size);
    pg_func *f = &m->funcs[m->nfunc_imports + i];
    f->body_off = c->pos;
    f->body_end = c->pos + size;
    if (size == 0) pg_fail(c->d, sat, "empty function body (unexpected end)");
    c->pos += size;
  }
}

static void read_datas(pg_module *m, pg_cur *c) {
  size_t at = c->pos;
  uint64_t total = 0;
  uint32_t n = pg_cur_count(c, 2);
  if (m->has_datacount && n != m->datacount)
    pg_fail(c->d, at, "data count and data section have inconsistent lengths (%u and %u)", m->datacount, n);
  m->ndatas = n;
  m->datas = pg_arena_alloc(&m->arena, n * sizeof *m->datas);
  for (uint32_t i = 0; i < n; i++) {
    pg_data *d = &m->datas[i];
    d->off = c->pos;
    uint32_t flags = pg_cur_u32(c);
    if (flags > 2) pg_fail(c->d, d->off, "malformed data segment kind %u", flags);
    if (flags == 1) {
      d->mode = PG_SEG_PASSIVE;
    } else {
      d->mode = PG_SEG_ACTIVE;
      d->mem = flags == 2 ? pg_cur_u32(c) : 0;
      read_constexpr(c, &d->offset);
    }
    size_t len_at = c->pos;
    d->len = pg_cur_count(c, 1);
    if ((total += d->len) > PG_MAX_DATA_BYTES)
      pg_fail(c->d, len_at, "data segments of more than %u MiB in total (implementation limit; segment %u has %u bytes)",
              PG_MAX_DATA_BYTES >> 20, i, d->len);
    d->bytes = c->b + c->pos;
    c->pos += d->len;
  }
}

static void read_start(pg_module *m, pg_cur *c) {
  m->start_off = c->pos;
  m->start = pg_cur_u32(c);
  m->has_start = true;
}

/* Custom sections: only "name" matters; its range is kept for names.c, which must
 * tolerate garbage in it (a bad name section does not make a module malformed). */
static void read_custom(pg_module *m, pg_cur *c) {
  pg_name name = read_name(c);
  if (name.len == 4 && memcmp(name.p, "name", 4) == 0 && !m->names_off) {
    m->names_off = c->pos;
    m->names_end = c->end;
  }
  c->pos = c->end;
}

void pg_read_module(pg_module *m, const uint8_t *bytes, size_t size, pg_diag *d) {
  const char *path = m->path;
  memset(m, 0, sizeof *m);
  m->path = path;
  m->bytes = bytes;
  m->size = size;
  pg_cur c = {bytes, 0, size, d};

  static const uint8_t magic[4] = {0x00, 'a', 's', 'm'};
  if (size < 4 || memcmp(bytes, magic, 4) != 0) {
    if (size < 4 && memcmp(bytes, magic, size) == 0) pg_fail(d, size, "unexpected end (truncated magic header)");
    pg_fail(d, 0, "magic header not detected: not a WebAssembly binary");
  }
  c.pos = 4;
  if (size < 8) pg_fail(d, size, "unexpected end (truncated version)");
  uint32_t version = pg_cur_fixed32(&c);
  if (version == 0x0001000d || (version & 0xffff) == 0x000d)
    pg_fail(d, 4, "component binary: the component-model proposal is not supported");
  if (version != 1) pg_fail(d, 4, "unknown binary version 0x%x", version);

  caps cp = {0, 0, 0, 0};
  uint32_t declared_funcs = 0;
  bool seen_function = false, seen_code = false;
  int last_rank = 0;
  while (c.pos < size) {
    size_t sec_at = c.pos;
    c.end = size;
    uint8_t id = pg_cur_u8(&c);
    uint32_t len = pg_cur_u32(&c);
    if (len > size - c.pos) pg_fail(d, sec_at, "section size %u past the end of the file (unexpected end)", len);
    size_t sec_end = c.pos + len;
    if (id == SEC_TAG) pg_fail(d, sec_at, "tag section: the exception-handling proposal is not supported");
    if (id != SEC_CUSTOM) {
      int rank = section_rank(id);
      if (!rank) pg_fail(d, sec_at, "malformed section id %u", id);
      if (rank <= last_rank) pg_fail(d, sec_at, "unexpected content after last section (section %u out of order or repeated)", id);
      last_rank = rank;
    }
    c.end = sec_end;
    switch (id) {
    case SEC_CUSTOM: read_custom(m, &c); break;
    case SEC_TYPE: read_types(m, &c); break;
    case SEC_IMPORT: read_imports(m, &c, &cp); break;
    case SEC_FUNCTION: read_functions(m, &c, &cp, &declared_funcs); seen_function = true; break;
    case SEC_TABLE: read_tables(m, &c, &cp); break;
    case SEC_MEMORY: read_memories(m, &c, &cp); break;
    case SEC_GLOBAL: read_globals(m, &c, &cp); break;
    case SEC_EXPORT: read_exports(m, &c); break;
    case SEC_START: read_start(m, &c); break;
    case SEC_ELEMENT: read_elems(m, &c); break;
    case SEC_DATACOUNT:
      m->datacount = pg_cur_u32(&c);
      m->has_datacount = true;
      break;
    case SEC_CODE:
      m->code_off = c.pos;
      read_code(m, &c, declared_funcs);
      seen_code = true;
      break;
    case SEC_DATA: read_datas(m, &c); break;
    }
    if (c.pos != sec_end) pg_fail(d, c.pos, "section size mismatch (section %u ends at 0x%zx)", id, sec_end);
  }
  if (seen_function && declared_funcs > 0 && !seen_code)
    pg_fail(d, size, "function and code section have inconsistent lengths (%u functions, no code section)",
            declared_funcs);
  if (m->has_datacount && m->datacount > 0 && m->ndatas == 0)
    pg_fail(d, size, "data count and data section have inconsistent lengths (%u and none)", m->datacount);
  (void)seen_function;
}

void pg_module_free(pg_module *m) { pg_arena_free(&m->arena); }

const pg_functype *pg_func_type(const pg_module *m, uint32_t func) { return &m->types[m->funcs[func].type]; }

const char *pg_type_name(uint8_t t) {
  switch (t) {
  case PG_T_I32: return "i32";
  case PG_T_I64: return "i64";
  case PG_T_F32: return "f32";
  case PG_T_F64: return "f64";
  case PG_T_FUNCREF: return "funcref";
  case PG_T_EXTERNREF: return "externref";
  default: return "unknown";
  }
}

char pg_type_letter(uint8_t t) {
  switch (t) {
  case PG_T_I32: return 'i';
  case PG_T_I64: return 'j';
  case PG_T_F32: return 'f';
  case PG_T_F64: return 'd';
  case PG_T_FUNCREF: return 'r';
  case PG_T_EXTERNREF: return 'x';
  default: return '?';
  }
}

const char *pg_type_ctype(uint8_t t) {
  switch (t) {
  case PG_T_I32: return "u32";
  case PG_T_I64: return "u64";
  case PG_T_F32: return "float";  /* not f32: a slot at depth 32 is named f32 */
  case PG_T_F64: return "double";
  case PG_T_FUNCREF: return "funcref";
  case PG_T_EXTERNREF: return "externref";
  default: return "void";
  }
}
