/*
 * module.h - the in-memory model of a WebAssembly module, as the reader builds it.
 *
 * Invariants:
 *  - Function bodies are not decoded here: a pg_func holds the byte range of its body
 *    in the input, and the validator and emitter decode it one function at a time, so
 *    memory stays bounded by the largest function rather than the module.
 *  - Index spaces follow the spec: imported functions, tables, memories and globals come
 *    first in their arrays, then the module's own definitions.
 *  - Everything is allocated from the module's arena and freed with pg_module_free.
 */
#ifndef PG_MODULE_H
#define PG_MODULE_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/* Value types, by their binary encoding. PG_T_ANY is the validator's "unknown"
 * (the operand of a polymorphic stack); it never appears in a module. */
enum {
  PG_T_ANY = 0x00,
  PG_T_I32 = 0x7f,
  PG_T_I64 = 0x7e,
  PG_T_F32 = 0x7d,
  PG_T_F64 = 0x7c,
  PG_T_FUNCREF = 0x70,
  PG_T_EXTERNREF = 0x6f,
};

enum { PG_EXT_FUNC = 0, PG_EXT_TABLE = 1, PG_EXT_MEMORY = 2, PG_EXT_GLOBAL = 3 };
enum { PG_SEG_ACTIVE = 0, PG_SEG_PASSIVE = 1, PG_SEG_DECLARATIVE = 2 };

typedef enum pg_imm {
  IMM_NONE, IMM_BLOCK, IMM_LABEL, IMM_BRTABLE, IMM_FUNC, IMM_CALLIND, IMM_LOCAL,
  IMM_GLOBAL, IMM_TABLE, IMM_MEMARG, IMM_MEM0, IMM_I32, IMM_I64, IMM_F32, IMM_F64,
  IMM_SELECTT, IMM_REFTYPE, IMM_DATA_MEM, IMM_DATA, IMM_MEM_MEM, IMM_ELEM_TABLE,
  IMM_ELEM, IMM_TABLE_TABLE,
} pg_imm;

typedef enum pg_op {
#define OP(id, prefix, code, name, sig, imm, align, tmpl) pg_op_##id,
#include "opcodes.def"
#undef OP
  PG_OP_COUNT
} pg_op;

typedef struct pg_opinfo {
  uint8_t prefix;
  uint32_t code;
  const char *name;
  const char *sig;
  pg_imm imm;
  uint8_t align;
  const char *tmpl;
} pg_opinfo;
extern const pg_opinfo pg_ops[PG_OP_COUNT];

/* Opcode lookup: returns the op for (prefix, code) or -1 if unsupported. */
int pg_op_lookup(uint8_t prefix, uint32_t code);
/* Value type of a letter of an opcodes.def SIG string (i l f d). */
uint8_t pg_sig_type(char letter);
/* The proposal an unsupported opcode belongs to, or NULL if it is just illegal. */
const char *pg_op_proposal(uint8_t prefix, uint32_t code);

typedef struct pg_name {
  const uint8_t *p;
  uint32_t len;
} pg_name;

typedef struct pg_functype {
  uint32_t nparams, nresults;
  uint8_t *params;
  uint8_t *results;
} pg_functype;

/* Implementation limits on what the compiler accepts (see SECURITY.md). The data of a
 * module becomes a C array the C compiler holds in memory several times over (GCC
 * takes about 20 bytes per data byte), so it is bounded; the file itself is bounded so
 * that reading it is. */
#define PG_MAX_DATA_BYTES (256u << 20)
#define PG_MAX_MODULE_BYTES (1024u << 20)
/* Elements of a table the module defines: PG_MAX_TABLE_SIZE of pogo-abi.h, the
 * runtime's bound for table.grow (and V8's). */
#define PG_MAX_TABLE_ELEMS 10000000u

typedef struct pg_limits {
  uint64_t min, max;
  bool has_max;
} pg_limits;

/* A constant expression: one value-producing instruction, then end. */
typedef struct pg_constexpr {
  pg_op op;            /* I32_CONST, I64_CONST, F32_CONST, F64_CONST, REF_NULL, REF_FUNC, GLOBAL_GET */
  uint8_t type;        /* result type */
  uint32_t index;      /* function or global index */
  uint64_t bits;       /* constant value bits */
  size_t off;
} pg_constexpr;

typedef struct pg_import {
  pg_name module, field;
  uint8_t kind;
  uint32_t index;      /* into funcs/tables/mems/globals */
  size_t off;
  const char *cname;   /* C name: symbol for functions, imports-struct member otherwise */
  int wasi;            /* function imports from wasi_snapshot_preview1 (set by wasi.c):
                          1 + index into pg_wasi_fns when name and type match,
                          PG_WASI_UNBOUND if not; 0 (PG_WASI_NONE) for other imports */
} pg_import;
#define PG_WASI_NONE 0
#define PG_WASI_UNBOUND (-1)

typedef struct pg_func {
  uint32_t type;
  bool imported;
  uint32_t import;
  bool declared;       /* may be named by ref.func inside bodies (spec's C.refs) */
  size_t body_off;     /* code entry: from the local declarations ... */
  size_t body_end;     /* ... to just past the final end */
  const char *wname;   /* name-section name, else its first export name, else NULL */
  const char *cname;   /* unique C identifier */
  size_t local_names;  /* offset of this function's local-name map, 0 if none */
} pg_func;

typedef struct pg_table {
  uint8_t elemtype;
  pg_limits lim;
  bool imported;
  uint32_t import;
  size_t off;          /* of its limits, for messages */
} pg_table;

typedef struct pg_memory {
  pg_limits lim;
  bool imported;
  uint32_t import;
  size_t off;          /* of its limits, for messages */
} pg_memory;

typedef struct pg_global {
  uint8_t type;
  bool mut;
  bool imported;
  uint32_t import;
  pg_constexpr init;
  const char *wname;
  const char *cname;   /* instance-struct member */
} pg_global;

typedef struct pg_export {
  pg_name name;
  uint8_t kind;
  uint32_t index;
  size_t off;
  const char *cname;
} pg_export;

typedef struct pg_elem {
  uint8_t mode;
  uint8_t type;
  uint32_t table;
  pg_constexpr offset;
  uint32_t count;
  pg_constexpr *items;
  size_t off;
} pg_elem;

typedef struct pg_data {
  uint8_t mode;
  uint32_t mem;
  pg_constexpr offset;
  const uint8_t *bytes;
  uint32_t len;
  size_t off;
} pg_data;

/* What goabi.c found in a Go js/wasm module (is_go false for any other module). */
typedef struct pg_goabi {
  bool is_go;
  bool legacy;         /* imports from "go" (Go <= 1.20) */
  bool pcf16;          /* PC_F kept in 16 bits (Go <= 1.20) */
  uint32_t run, resume, getsp, pc_f_loop, pause, exit; /* function indices */
  uint32_t pcf_elem;   /* the element segment that is the PC_F table */
  /* Go's byte-algorithm helpers (internal/bytealg, wasm assembly with plain wasm
   * signatures), found in any Go-linked module (js or wasip1): function index + 1, or 0. */
  uint32_t memeqbody, memcmp, memchr;
} pg_goabi;

typedef struct pg_module {
  const char *path;
  const uint8_t *bytes;
  size_t size;

  pg_functype *types;
  uint32_t ntypes;
  pg_import *imports;
  uint32_t nimports;
  pg_func *funcs;
  uint32_t nfuncs, nfunc_imports;
  pg_table *tables;
  uint32_t ntables, ntable_imports;
  pg_memory *mems;
  uint32_t nmems, nmem_imports;
  pg_global *globals;
  uint32_t nglobals, nglobal_imports;
  pg_export *exports;
  uint32_t nexports;
  bool has_start;
  uint32_t start;
  size_t start_off;
  pg_elem *elems;
  uint32_t nelems;
  pg_data *datas;
  uint32_t ndatas;
  bool has_datacount;
  uint32_t datacount;
  size_t code_off;     /* start of the code section payload, for messages */

  size_t names_off, names_end; /* payload of the "name" custom section, if any */
  pg_goabi go;
  uint32_t nwasi_imports; /* function imports from wasi_snapshot_preview1 */
  const char *module_name; /* from the name section, or NULL */
  pg_arena arena;
} pg_module;

/* wasi.c: the functions of wasi_snapshot_preview1 pogo's runtime provides. */
typedef struct pg_wasi_fn {
  const char *name;
  const char *params, *results; /* as in the def: "(I32, I64)", "I32", "VOID" */
} pg_wasi_fn;
extern const pg_wasi_fn pg_wasi_fns[];
extern const uint32_t pg_wasi_nfns;
/* Bind imports from wasi_snapshot_preview1 (sets pg_import.wasi, nwasi_imports). */
void pg_wasi_bind(pg_module *m);
/* Why import `im` (PG_WASI_UNBOUND) cannot be linked, into buf. */
const char *pg_wasi_unbound_reason(const pg_module *m, const pg_import *im, char *buf, size_t n);
/* "(i32, i64) -> i32" text of a WASI function's wasm type. */
const char *pg_wasi_type_text(const pg_wasi_fn *f, char *buf, size_t n);

/* read.c: parse the binary format. On error calls pg_fail(d, ...). */
void pg_read_module(pg_module *m, const uint8_t *bytes, size_t size, pg_diag *d);
void pg_module_free(pg_module *m);

/* validate.c: module-level checks and every function body. */
void pg_validate_module(pg_module *m, pg_diag *d);

/* goabi.c: recognise a Go js/wasm module (false if it is not one; pg_fail if it looks
 * like one but its structure is not understood). */
bool pg_goabi_detect(pg_module *m, pg_diag *d);
/* Is function f of Go's PC_B type (i32) -> i32? */
bool pg_goabi_is_pcb(const pg_module *m, uint32_t f);

/* names.c: read the name section (leniently) and choose unique C identifiers. */
void pg_names_assign(pg_module *m, const char *prefix);
/* Sanitized local names of `func` as offsets+1 into store (0 = unnamed). */
bool pg_names_locals(const pg_module *m, uint32_t func, uint32_t nlocals, pg_buf *store, uint32_t *offs);

const char *pg_type_name(uint8_t t);       /* "i32", "funcref", ... */
char pg_type_letter(uint8_t t);            /* 'i' 'j' 'f' 'd' 'r' 'x' for C slot names */
const char *pg_type_ctype(uint8_t t);      /* "u32", "funcref", ... */
const pg_functype *pg_func_type(const pg_module *m, uint32_t func);

#endif /* PG_MODULE_H */
