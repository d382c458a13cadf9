/*
 * emit_accel.c - native fast paths for Go's byte-algorithm helpers.
 *
 * Go implements memeqbody, memcmp and memchr (internal/bytealg) in wasm assembly as
 * byte loops; bytes.Equal, strings.Index, map keys and string comparison all end
 * there. In a Go-linked module (goabi.c finds them by name and exact signature) each
 * such function X becomes:
 *   X_wasm  the guest's own body, unchanged;
 *   X_i     a static inline wrapper in the private header: when the whole byte range
 *           lies inside linear memory it answers with libc's memcmp/memchr, computing
 *           exactly the value the guest's loop returns; otherwise (a range reaching
 *           past the memory, an argument Go never passes) it calls X_wasm, so traps
 *           and corner cases stay the guest's own;
 *   X       the out-of-line function, X_i's body, for anything that takes its address.
 * Calls in the module go to X_i. Invariant: the fast path never touches a byte
 * outside [0, pages * 64 KiB).
 */
#include <string.h>

#include "emit.h"

typedef struct accel {
  const char *name;   /* Go's helper */
  const char *sig;    /* the wrapper's C prototype after "NAME_i(void *ctx" */
  const char *body;   /* the fast path, falling through to the guest's body */
} accel;

/* Bodies see `inst` and `mem`, `lim` (the memory's byte length) and the parameters. */
static const accel accels[] = {
    {"memeqbody", "u64 %s_i(void *ctx, u64 l0, u64 l1, u64 l2)",
     /* a == b answers 1 before any load; the loop compares bytes at (u32)(a + k) */
     "  if (l0 == l1) return 1;\n"
     "  if (l2 <= lim && (u64)(u32)l0 <= lim - l2 && (u64)(u32)l1 <= lim - l2)\n"
     "    return memcmp(mem + (u32)l0, mem + (u32)l1, (size_t)l2) == 0;\n"},
    {"memcmp", "u32 %s_i(void *ctx, u32 l0, u32 l1, u32 l2)",
     /* the difference of the first differing bytes (as unsigned), or 0 */
     "  if (l2 == 0) return 0;\n"
     "  if ((u64)l0 + l2 <= lim && (u64)l1 + l2 <= lim) {\n"
     "    const u8 *p = mem + l0, *q = mem + l1;\n"
     "    u32 k = 0;\n"
     "    for (u64 x, y; k + 8 <= l2; k += 8) {\n"
     "      memcpy(&x, p + k, 8);\n"
     "      memcpy(&y, q + k, 8);\n"
     "      if (x != y) break;\n"
     "    }\n"
     "    for (; k < l2; k++)\n"
     "      if (p[k] != q[k]) return (u32)p[k] - (u32)q[k];\n"
     "    return 0;\n"
     "  }\n"},
    {"memchr", "u32 %s_i(void *ctx, u32 l0, u32 l1, u32 l2)",
     /* the address of the first byte equal to c, or 0; Go passes c < 256 */
     "  if (l2 == 0) return 0;\n"
     "  if (l1 < 256 && (u64)l0 + l2 <= lim) {\n"
     "    const u8 *p = memchr(mem + l0, (int)l1, l2);\n"
     "    return p ? (u32)(p - mem) : 0;\n"
     "  }\n"},
};

static const accel *accel_of(const pg_module *m, uint32_t func) {
  const pg_goabi *go = &m->go;
  if (func + 1 == go->memeqbody) return &accels[0];
  if (func + 1 == go->memcmp) return &accels[1];
  if (func + 1 == go->memchr) return &accels[2];
  return NULL;
}

bool pg_emit_is_accel(const pg_module *m, uint32_t func) { return accel_of(m, func) != NULL; }

void pg_emit_accel_wrappers(pg_buf *b, const pg_module *m, const char *prefix) {
  for (uint32_t f = m->nfunc_imports; f < m->nfuncs; f++) {
    const accel *a = accel_of(m, f);
    if (!a) continue;
    const char *cname = m->funcs[f].cname;
    pg_buf name = {0};
    pg_buf_printf(&name, "%s_wasm", cname);
    pg_buf_puts(b, "PG_GUEST_FN ");
    pg_emit_prototype(b, m, f, name.data, "void *ctx");
    pg_buf_free(&name);
    pg_buf_printf(b, ";\n/* Go's %s, native while the range is inside the memory (emit_accel.c) */\n"
                     "static inline PG_GUEST_FN ", a->name);
    pg_buf_printf(b, a->sig, cname);
    pg_buf_printf(b, " {\n  %s_t *const inst = ctx;\n  const u8 *const mem = inst->m0->data;\n"
                     "  const u64 lim = (u64)inst->m0->pages * 65536u;\n", prefix);
    pg_buf_puts(b, a->body);
    pg_buf_printf(b, "  return %s_wasm(ctx, l0, l1, l2);\n}\n", cname);
  }
}

void pg_emit_accel_entry(pg_buf *b, const pg_module *m, uint32_t func) {
  const char *cname = m->funcs[func].cname;
  pg_buf_puts(b, "\n");
  pg_emit_prototype(b, m, func, cname, "void *ctx");
  pg_buf_printf(b, " { return %s_i(ctx, l0, l1, l2); }\n", cname);
}
