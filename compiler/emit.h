/*
 * emit.h - shared state of the C emitter, split by concern over:
 *   emit_module.c  public header, private header, instance struct, instantiate/free,
 *                  data and element segments, export and import glue, module info
 *   emit_func.c    one function: prologue, control flow, calls, variables
 *   emit_expr.c    numeric instructions from opcodes.def templates, constants
 *   emit_mem.c     loads, stores, memory/table/bulk instructions
 *
 * Generated-code conventions (see include/pogo-abi.h):
 *  - stack slots are C locals named by position and type: i3 (i32 at depth 3),
 *    j (i64), f (f32), d (f64), r (funcref), x (externref); wasm locals are l0, l1...
 *    (with the name-section name appended when there is one);
 *  - one C statement per wasm instruction; control flow is flat goto, so any nesting
 *    depth compiles;
 *  - the module-valid precondition holds: emission never fails on module content.
 */
#ifndef PG_EMIT_H
#define PG_EMIT_H

#include <stdio.h>

#include "module.h"
#include "validate.h"

typedef struct pg_emit_opts {
  const char *prefix;      /* C prefix (--name) */
  uint32_t parts;          /* function translation units */
  const char *source_name; /* input file name for comments, no directories */
} pg_emit_opts;

/* Per-function emission state. */
typedef struct pg_fn_emit {
  const pg_module *m;
  const pg_emit_opts *o;
  uint32_t func;
  pg_val v;
  pg_buf body;             /* statements, written after the declarations */
  pg_buf tmp;
  /* slot use, per type letter index (0..5) and position: bit0 written, bit1 read */
  uint8_t *slot_use[6];
  uint32_t slot_cap;
  uint8_t *local_read;     /* per local: read at least once */
  uint8_t *label_flags;    /* from the first pass: per label, LBL_* bits */
  uint32_t label_cap;
  uint32_t labels_used;    /* labels of the last function, to clear */
  bool uses_mem;
  int indent;
  /* Deferred values: a local.get or a constant is not copied into its slot; its C
   * expression is kept per stack position and used where the value is read. Valid only
   * above the innermost frame's height (see materialize in emit_func.c). */
  uint32_t *defer;         /* per position: offset+1 of the expression in defer_text */
  uint8_t *defer_type;
  uint32_t *defer_local;   /* per position: local index + 1 for a deferred local.get */
  pg_buf defer_text;
  uint32_t ndeferred;      /* positions with a deferred value */
  uint32_t *written;       /* slot positions written by the current instruction */
  uint32_t nwritten, written_cap;
  /* Jump threading of dispatch loops (Go's PC_B re-dispatch): per label, for a loop
   * whose head is a br_table on a local, the body offsets of its label line, the
   * dispatch local + 1 and the br_table's target labels (UINT32_MAX: not a label). */
  uint32_t *loop_line, *loop_after;
  uint32_t *disp_local, *disp_first, *disp_n;
  uint32_t *label_refs;    /* gotos written to the label */
  uint32_t *disp_pool;
  uint32_t disp_len, disp_cap;
  uint32_t insn_no;        /* instructions emitted so far in the function */
  uint32_t const_set_insn; /* insn_no of the last local.set of an i32.const, + 1 */
  uint32_t const_set_local;
  uint32_t const_set_value;
  uint32_t const_insn, const_pos; /* the last i32.const: insn_no + 1 and position */
  uint32_t const_value;
  bool inline_copy;        /* writing the static inline copy of a small function */
} pg_fn_emit;

enum { LBL_TARGETED = 1, LBL_HAS_ELSE = 2, LBL_END_NEEDED = 4 };

int pg_emit_type_slot(uint8_t t);                       /* 0..5 for i j f d r x */
void pg_emit_slot(pg_fn_emit *e, pg_buf *b, uint8_t t, uint32_t pos, bool read);
/* Keep the value at `pos` as a C expression instead of writing its slot. */
void pg_emit_defer(pg_fn_emit *e, uint32_t pos, uint8_t t, const char *expr, uint32_t local_plus1);
void pg_emit_line(pg_fn_emit *e, const char *fmt, ...) PG_PRINTF(2, 3);
/* The trap-site arguments of a helper call: "&inst->hdr, <function index>". */
void pg_emit_site(pg_fn_emit *e, pg_buf *b);

/* emit_expr.c */
bool pg_emit_numeric(pg_fn_emit *e, const pg_insn *in);   /* false if not numeric */
void pg_emit_const(pg_buf *b, pg_op op, uint64_t bits);

/* emit_mem.c */
bool pg_emit_memory(pg_fn_emit *e, const pg_insn *in);    /* false if not a memory/table op */

/* emit_func.c */
void pg_emit_function(pg_fn_emit *e, pg_buf *out, uint32_t func);
/* Small functions get a static inline copy, NAME_i, in the private header, so calls
 * from every translation unit can be inlined (Go's tiny runtime helpers). */
bool pg_emit_inlinable(const pg_module *m, uint32_t func);

/* emit_accel.c: Go's byte-algorithm helpers with native fast paths */
bool pg_emit_is_accel(const pg_module *m, uint32_t func);
void pg_emit_accel_wrappers(pg_buf *b, const pg_module *m, const char *prefix); /* private header */
void pg_emit_accel_entry(pg_buf *b, const pg_module *m, uint32_t func);        /* after X_wasm */
void pg_emit_fn_init(pg_fn_emit *e, const pg_module *m, const pg_emit_opts *o, pg_diag *d);
void pg_emit_fn_free(pg_fn_emit *e);
/* C prototype of defined or imported function `func` (its wrapper name for imports). */
void pg_emit_prototype(pg_buf *b, const pg_module *m, uint32_t func, const char *name, const char *self_type);
void pg_emit_result_type(pg_buf *b, const pg_functype *t);  /* "u32", "void", "pg_ret_ij" */
void pg_emit_fnptr_type(pg_buf *b, const pg_functype *t);   /* "u32 (*)(void *, u32)" */

/* emit_module.c: writes every file through the callback (name, contents). */
typedef void (*pg_emit_sink)(void *ctx, const char *name, const pg_buf *contents, bool last_chunk);
void pg_emit_module(const pg_module *m, const pg_emit_opts *o, pg_diag *d, pg_emit_sink sink, void *ctx);

/* A C string literal of arbitrary bytes (octal escapes, '?' escaped, long lines split). */
void pg_emit_c_string(pg_buf *b, const uint8_t *p, size_t n);
/* The C type of a value in the public header: "uint32_t", "float", "wasm_rt_funcref_t"... */
const char *pg_emit_public_type(uint8_t t);

/* Text safe inside a C comment: no comment delimiters, no control characters. */
void pg_emit_comment_text(pg_buf *b, const uint8_t *p, size_t n);

/* Offset of data segment idx in the module's data blob. */
uint64_t pg_emit_data_offset(const pg_module *m, uint32_t idx);

/* C expression of a constant expression's value (for globals and segments). */
void pg_emit_constexpr(pg_buf *b, const pg_module *m, const pg_constexpr *ce, const char *inst);

#endif /* PG_EMIT_H */
