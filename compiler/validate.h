/*
 * validate.h - the function-body validator, which is also the decoder the emitter uses.
 *
 * pg_val_next() decodes one instruction, type-checks it against the operand and control
 * stacks (the algorithm of the spec's validation appendix), and describes it in a
 * pg_insn: immediates, operand-stack height before it, and whether it is reachable.
 * The emitter runs the same walk after validation has succeeded, so it never has to
 * re-derive types, and the two cannot disagree about what a body means.
 *
 * Invariant: stack types below the current frame's height are never popped; frames
 * keep their label types as pointers into the module or into static single-type arrays,
 * never into the (reallocated) frame array.
 */
#ifndef PG_VALIDATE_H
#define PG_VALIDATE_H

#include "cursor.h"
#include "module.h"

typedef struct pg_frame {
  pg_op op;                 /* BLOCK, LOOP, IF; END for the function's own frame */
  uint32_t nparams, nresults;
  const uint8_t *params, *results;
  uint32_t height;          /* operand height at entry, below the params */
  bool unreachable;         /* rest of this frame is unreachable (after br, return...) */
  bool seen_else;
  /* for the emitter */
  uint32_t label;           /* unique label number within the function */
  bool targeted;            /* a reachable branch jumps to this frame's label */
  bool dead;                /* the whole frame is unreachable: nothing is emitted */
  bool else_targeted;       /* IF: the else label is needed */
} pg_frame;

typedef struct pg_insn {
  pg_op op;
  size_t off;
  uint32_t idx, idx2;       /* local/global/func/table/type/label/segment indices */
  uint64_t bits;            /* constant bits */
  uint32_t offset;          /* memarg offset */
  uint32_t align;           /* memarg alignment (log2) */
  uint8_t vtype;            /* select/drop operand type, ref.null type */
  uint32_t bt_np, bt_nr;    /* block type */
  const uint8_t *bt_p, *bt_r;
  uint32_t height;          /* operand stack height before the instruction */
  bool dead;                /* unreachable code: validated, but nothing to emit */
  bool was_unreachable;     /* ELSE/END: the code just before was unreachable */
  uint32_t ntargets;        /* br_table: targets then the default */
  const uint32_t *targets;
} pg_insn;

typedef struct pg_val {
  const pg_module *m;
  pg_diag *d;
  pg_cur c;
  uint32_t func;
  uint8_t *locals;
  uint32_t nlocals, locals_cap;
  uint8_t *stack;
  uint32_t height, stack_cap, max_height;
  pg_frame *frames;
  uint32_t nframes, frames_cap;
  pg_frame closed;          /* the frame an END just closed */
  uint32_t *brtab;
  uint32_t brtab_cap;
  uint32_t next_label;
  bool done;
} pg_val;

void pg_val_init(pg_val *v, const pg_module *m, pg_diag *d);
void pg_val_free(pg_val *v);
/* Start on defined function `func`: reads its local declarations. */
void pg_val_begin(pg_val *v, uint32_t func);
/* Decode and check the next instruction; false once the final end has been consumed. */
bool pg_val_next(pg_val *v, pg_insn *in);
/* Validate a whole body. */
void pg_val_function(pg_val *v, uint32_t func);

/* Frame `depth` labels out (0 = innermost). */
static inline pg_frame *pg_val_frame(pg_val *v, uint32_t depth) { return &v->frames[v->nframes - 1 - depth]; }
static inline uint8_t pg_val_stack_type(const pg_val *v, uint32_t pos) { return v->stack[pos]; }
/* Types a branch to this frame carries: a loop's params, otherwise its results. */
static inline uint32_t pg_frame_arity(const pg_frame *f) { return f->op == pg_op_LOOP ? f->nparams : f->nresults; }
static inline const uint8_t *pg_frame_types(const pg_frame *f) { return f->op == pg_op_LOOP ? f->params : f->results; }

/* Implementation limits (beyond the spec's own). */
#define PG_MAX_LOCALS 1000000u
#define PG_MAX_STACK 1000000u
#define PG_MAX_NESTING 1000000u

#endif /* PG_VALIDATE_H */
