/*
 * util.h - small pieces every compiler stage uses: checked allocation, an arena for
 * module-lifetime data, a growable text buffer, a string set, and the error channel.
 *
 * Errors: a stage that finds something wrong calls pg_fail(), which formats the message
 * with the file offset and longjmps to the pg_diag the command set up. Everything a
 * stage allocates for the module lives in the arena, so unwinding leaks nothing.
 */
#ifndef PG_UTIL_H
#define PG_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PG_NORETURN __attribute__((noreturn))

void *pg_xmalloc(size_t n);
void *pg_xcalloc(size_t n, size_t size);
void *pg_xrealloc(void *p, size_t n);
char *pg_xstrdup(const char *s);
PG_NORETURN void pg_out_of_memory(void);

/* Arena: many allocations, one free. Blocks grow geometrically. */
typedef struct pg_arena_block pg_arena_block;
typedef struct pg_arena {
  pg_arena_block *head;
} pg_arena;
void *pg_arena_alloc(pg_arena *a, size_t n);   /* zeroed, 16-byte aligned */
char *pg_arena_strdup(pg_arena *a, const char *s);
char *pg_arena_strndup(pg_arena *a, const char *s, size_t n);
void pg_arena_free(pg_arena *a);

/* Growable byte buffer; data is always NUL-terminated. */
typedef struct pg_buf {
  char *data;
  size_t len, cap;
} pg_buf;
void pg_buf_reserve(pg_buf *b, size_t extra);
void pg_buf_put(pg_buf *b, const void *p, size_t n);
void pg_buf_puts(pg_buf *b, const char *s);
void pg_buf_putc(pg_buf *b, char c);
void pg_buf_printf(pg_buf *b, const char *fmt, ...) PG_PRINTF(2, 3);
void pg_buf_vprintf(pg_buf *b, const char *fmt, va_list ap);
void pg_buf_u64(pg_buf *b, uint64_t v);        /* decimal, fast path for emitters */
void pg_buf_clear(pg_buf *b);
void pg_buf_free(pg_buf *b);

/* Set of C identifiers, to keep generated names unique. */
typedef struct pg_strset {
  char **slots;
  size_t cap, count;
} pg_strset;
bool pg_strset_add(pg_strset *s, const char *name);   /* false if already present */
bool pg_strset_has(const pg_strset *s, const char *name);
void pg_strset_free(pg_strset *s);

/* Error channel. */
typedef struct pg_diag {
  jmp_buf jmp;
  void (*cleanup)(void *);   /* run once before unwinding, then cleared */
  void *cleanup_arg;
  char msg[512];
  size_t offset;
  bool has_offset;
} pg_diag;
PG_NORETURN void pg_fail(pg_diag *d, size_t offset, const char *fmt, ...) PG_PRINTF(3, 4);
PG_NORETURN void pg_fail_nooff(pg_diag *d, const char *fmt, ...) PG_PRINTF(2, 3);
/* Run fn(ctx) with failures caught: false if it called pg_fail. The only setjmp in the
 * compiler: keeping it in a function with no live locals of its own means no variable
 * can be clobbered by the longjmp (callers keep their state in ctx). */
bool pg_diag_try(pg_diag *d, void (*fn)(void *ctx), void *ctx);
/* Register what to release if a failure unwinds past the caller (NULL to clear). */
void pg_diag_on_fail(pg_diag *d, void (*cleanup)(void *), void *arg);

#endif /* PG_UTIL_H */
