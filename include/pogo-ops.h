/*
 * pogo-ops.h - WebAssembly instruction semantics as inline C, for generated code only.
 *
 * Each helper implements one instruction exactly as the spec says, including the cases C
 * leaves undefined: shifts by >= width, division traps, INT_MIN / -1, clz/ctz of zero,
 * NaN and signed zero in min/max, float-to-int range checks. Integers are carried as
 * unsigned C types so wrap-around is defined; signed views are explicit casts.
 *
 * Invariants:
 *  - A helper that can trap takes the trap site (instance header, function index) as
 *    its last two arguments and calls pg_trap, which does not return.
 *  - Memory helpers take the linear-memory base and a 64-bit effective address; the
 *    guard region behind the base turns any out-of-range access into a fault.
 *  - Loads pass their value through PG_FORCE_READ so a load whose result is dropped is
 *    still performed (and still traps); loads and stores are macros so a fault is
 *    always in the generated function.
 */
#ifndef POGO_OPS_H
#define POGO_OPS_H

#include <math.h>
#include <string.h>

#include "pogo-abi.h"

typedef uint8_t u8;
typedef int8_t s8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;
typedef float f32;
typedef double f64;
typedef wasm_rt_funcref_t funcref;
typedef wasm_rt_externref_t externref;

/* Forced inlining only when optimising: at -O0 it multiplies compile time for nothing. */
#ifdef __OPTIMIZE__
#define PG_INLINE static inline __attribute__((always_inline))
#else
#define PG_INLINE static inline
#endif

/* The C mirrors the guest: a guest that recurses forever is not the C compiler's
 * business (it traps at run time). */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#endif

/* Code generation rules every generated translation unit needs, whatever flags the
 * embedder compiles it with (pogo build passes the same ones on the command line):
 *  - no sibling calls: a self-recursive tail call turned into a loop would never
 *    exhaust the stack, so infinite recursion would hang instead of trapping;
 *  - signalling NaNs exist: x * 1.0 and x - 0.0 must not fold to x, since wasm requires
 *    the result to be a quiet NaN.
 * GCC takes this file-wide, before any helper below is defined, so helpers and
 * generated functions share one set of options (a mismatch would stop inlining, or let
 * an inlined helper be folded under the other options). Clang gets the NaN rule from
 * "fp exceptions(maytrap)" file-wide and the tail-call rule per function through
 * PG_NO_TAIL_BEGIN/END around the generated functions.
 * With PG_FRAME_POINTERS (pogo build --frame-pointers) GCC must also build each frame
 * at the function's entry rather than on the paths that need one (shrink-wrapping),
 * so that CPU profiles, which walk frame pointers, do not skip the caller of a hot
 * leaf; Clang keeps the frame at entry already. */
#if defined(__clang__)
#pragma clang fp exceptions(maytrap)
#define PG_NO_TAIL_BEGIN \
  _Pragma("clang attribute push(__attribute__((disable_tail_calls)), apply_to = function)")
#define PG_NO_TAIL_END _Pragma("clang attribute pop")
#elif defined(__GNUC__)
#ifdef PG_FRAME_POINTERS
#pragma GCC optimize("no-optimize-sibling-calls", "signaling-nans", "no-shrink-wrap")
#else
#pragma GCC optimize("no-optimize-sibling-calls", "signaling-nans")
#endif
#define PG_NO_TAIL_BEGIN
#define PG_NO_TAIL_END
#else
#define PG_NO_TAIL_BEGIN
#define PG_NO_TAIL_END
#endif

/* Giant generated functions are optimised less (see emit_func.c): GCC's -O2 passes
 * cost more than they give there. Clang has no per-function level. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#define PG_BIG_FN __attribute__((optimize("O1")))
#else
#define PG_BIG_FN
#endif

/* Guest code is marked so that an interrupt (a timeout, rt/watchdog.c) can tell
 * whether the pc of a thread is in a generated function, the one place where it may
 * stop a guest at once. GCC and Clang place every generated function (PG_GUEST_FN on
 * its declaration) in the section pogo_text, whose bounds the linker provides. tcc
 * cannot make an executable section of that name, but emits functions in source
 * order: each part file is bracketed by marker functions, whose ranges the last part's
 * P__code_register registers (PG_GUEST_CODE_REGISTER), called at instantiation
 * (PG_GUEST_CODE_REGISTER_ALL). Part files open with PG_GUEST_CODE_BEGIN and close
 * with PG_GUEST_CODE_END, which also switch sibling calls off (see above). */
#if defined(__TINYC__)
#define PG_GUEST_FN
#define PG_GUEST_CODE_BEGIN(P, k) void P##__code_begin_##k(void) {}
#define PG_GUEST_CODE_END(P, k) void P##__code_end_##k(void) {}
#define PG_GUEST_CODE_REGISTER(P, k)                                           \
  do {                                                                         \
    void P##__code_begin_##k(void), P##__code_end_##k(void);                  \
    pg_code_register((const void *)P##__code_begin_##k, (const void *)P##__code_end_##k); \
  } while (0)
#define PG_GUEST_CODE_REGISTER_ALL(P)                                          \
  do {                                                                         \
    void P##__code_register(void);                                            \
    P##__code_register();                                                      \
  } while (0)
#else
#if defined(__GNUC__) || defined(__clang__)
#define PG_GUEST_FN __attribute__((section("pogo_text")))
#else
#define PG_GUEST_FN
#endif
#define PG_GUEST_CODE_BEGIN(P, k) PG_NO_TAIL_BEGIN
#define PG_GUEST_CODE_END(P, k) PG_NO_TAIL_END
#define PG_GUEST_CODE_REGISTER(P, k) ((void)0)
#define PG_GUEST_CODE_REGISTER_ALL(P) ((void)0)
#endif

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define PG_FORCE_READ(v) __asm__("" ::"r"(v))
#define PG_FORCE_READ_F(v) __asm__("" ::"x"(v))
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
#define PG_FORCE_READ(v) __asm__("" ::"r"(v))
#define PG_FORCE_READ_F(v) __asm__("" ::"w"(v))
#else
#define PG_FORCE_READ(v) ((void)(v))
#define PG_FORCE_READ_F(v) ((void)(v))
#endif

/* The stack pointer, for the entry check. Read with asm so it reflects this frame. */
PG_INLINE uintptr_t pg_sp(void) {
#if defined(__x86_64__)
  uintptr_t sp;
  __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
  return sp;
#elif defined(__aarch64__)
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
#else
  return (uintptr_t)__builtin_frame_address(0);
#endif
}

/* Entry check of every generated function: a native stack below the limit is wasm's
 * "call stack exhausted", reported as a trap long before the guard page is reached. */
#define PG_ENTER(hdr, fn, frame_extra)                                         \
  do {                                                                         \
    if (UNLIKELY(pg_sp() < (hdr)->stack_limit + (frame_extra)))                \
      pg_trap((hdr), (fn), PG_TRAP_STACK_EXHAUSTED);                           \
  } while (0)

/* ---- integer helpers ---- */

#if defined(__GNUC__) || defined(__clang__)
PG_INLINE u32 pg_i32_clz(u32 x) { return x ? (u32)__builtin_clz(x) : 32; }
PG_INLINE u32 pg_i32_ctz(u32 x) { return x ? (u32)__builtin_ctz(x) : 32; }
PG_INLINE u64 pg_i64_clz(u64 x) { return x ? (u64)__builtin_clzll(x) : 64; }
PG_INLINE u64 pg_i64_ctz(u64 x) { return x ? (u64)__builtin_ctzll(x) : 64; }
#if defined(__POPCNT__) || !defined(__x86_64__)
PG_INLINE u32 pg_i32_popcnt(u32 x) { return (u32)__builtin_popcount(x); }
PG_INLINE u64 pg_i64_popcnt(u64 x) { return (u64)__builtin_popcountll(x); }
#else
/* Baseline x86-64 has no popcnt instruction and the builtin becomes a libgcc call;
 * Go's GC counts mark bits in its hot loops, so count in registers instead. */
PG_INLINE u64 pg_i64_popcnt(u64 x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (x * 0x0101010101010101ull) >> 56;
}
PG_INLINE u32 pg_i32_popcnt(u32 x) { return (u32)pg_i64_popcnt(x); }
#endif
#else
/* compilers without the GNU builtins (tcc) */
PG_INLINE u64 pg_i64_clz(u64 x) {
  u64 n = 0;
  if (!x) return 64;
  for (u64 bit = 1ull << 63; !(x & bit); bit >>= 1) n++;
  return n;
}
PG_INLINE u64 pg_i64_ctz(u64 x) {
  u64 n = 0;
  if (!x) return 64;
  for (; !(x & 1); x >>= 1) n++;
  return n;
}
PG_INLINE u64 pg_i64_popcnt(u64 x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (x * 0x0101010101010101ull) >> 56;
}
PG_INLINE u32 pg_i32_clz(u32 x) { return x ? (u32)pg_i64_clz(x) - 32 : 32; }
PG_INLINE u32 pg_i32_ctz(u32 x) { return x ? (u32)pg_i64_ctz(x) : 32; }
PG_INLINE u32 pg_i32_popcnt(u32 x) { return (u32)pg_i64_popcnt(x); }
#endif

PG_INLINE u32 pg_i32_rotl(u32 x, u32 n) { n &= 31; return (x << n) | (x >> ((32 - n) & 31)); }
PG_INLINE u32 pg_i32_rotr(u32 x, u32 n) { n &= 31; return (x >> n) | (x << ((32 - n) & 31)); }
PG_INLINE u64 pg_i64_rotl(u64 x, u64 n) { n &= 63; return (x << n) | (x >> ((64 - n) & 63)); }
PG_INLINE u64 pg_i64_rotr(u64 x, u64 n) { n &= 63; return (x >> n) | (x << ((64 - n) & 63)); }

#define PG_DIVOPS(W, U, S, MIN)                                                \
  PG_INLINE U pg_i##W##_div_s(U a, U b, pg_inst_hdr *h, u32 fn) {              \
    if (UNLIKELY(b == 0)) pg_trap(h, fn, PG_TRAP_DIV_BY_ZERO);                 \
    if (UNLIKELY(a == (U)(MIN) && b == (U)-1)) pg_trap(h, fn, PG_TRAP_INT_OVERFLOW); \
    return (U)((S)a / (S)b);                                                   \
  }                                                                            \
  PG_INLINE U pg_i##W##_div_u(U a, U b, pg_inst_hdr *h, u32 fn) {              \
    if (UNLIKELY(b == 0)) pg_trap(h, fn, PG_TRAP_DIV_BY_ZERO);                 \
    return a / b;                                                              \
  }                                                                            \
  PG_INLINE U pg_i##W##_rem_s(U a, U b, pg_inst_hdr *h, u32 fn) {              \
    if (UNLIKELY(b == 0)) pg_trap(h, fn, PG_TRAP_DIV_BY_ZERO);                 \
    if (UNLIKELY(b == (U)-1)) return 0; /* INT_MIN % -1 is 0, not a trap */    \
    return (U)((S)a % (S)b);                                                   \
  }                                                                            \
  PG_INLINE U pg_i##W##_rem_u(U a, U b, pg_inst_hdr *h, u32 fn) {              \
    if (UNLIKELY(b == 0)) pg_trap(h, fn, PG_TRAP_DIV_BY_ZERO);                 \
    return a % b;                                                              \
  }
PG_DIVOPS(32, u32, s32, 0x80000000u)
PG_DIVOPS(64, u64, s64, 0x8000000000000000ull)
#undef PG_DIVOPS

/* ---- float bits ---- */

PG_INLINE u32 pg_i32_reinterpret_f32(f32 x) { u32 r; memcpy(&r, &x, 4); return r; }
PG_INLINE u64 pg_i64_reinterpret_f64(f64 x) { u64 r; memcpy(&r, &x, 8); return r; }
PG_INLINE f32 pg_f32_reinterpret_i32(u32 x) { f32 r; memcpy(&r, &x, 4); return r; }
PG_INLINE f64 pg_f64_reinterpret_i64(u64 x) { f64 r; memcpy(&r, &x, 8); return r; }

PG_INLINE f32 pg_f32_abs(f32 x) { return pg_f32_reinterpret_i32(pg_i32_reinterpret_f32(x) & 0x7fffffffu); }
PG_INLINE f32 pg_f32_neg(f32 x) { return pg_f32_reinterpret_i32(pg_i32_reinterpret_f32(x) ^ 0x80000000u); }
PG_INLINE f32 pg_f32_copysign(f32 x, f32 y) {
  return pg_f32_reinterpret_i32((pg_i32_reinterpret_f32(x) & 0x7fffffffu) |
                                (pg_i32_reinterpret_f32(y) & 0x80000000u));
}
PG_INLINE f64 pg_f64_abs(f64 x) { return pg_f64_reinterpret_i64(pg_i64_reinterpret_f64(x) & 0x7fffffffffffffffull); }
PG_INLINE f64 pg_f64_neg(f64 x) { return pg_f64_reinterpret_i64(pg_i64_reinterpret_f64(x) ^ 0x8000000000000000ull); }
PG_INLINE f64 pg_f64_copysign(f64 x, f64 y) {
  return pg_f64_reinterpret_i64((pg_i64_reinterpret_f64(x) & 0x7fffffffffffffffull) |
                                (pg_i64_reinterpret_f64(y) & 0x8000000000000000ull));
}

/* Rounding: the C99 functions round the way wasm does (nearest = ties to even in the
 * default rounding mode), but libm may hand a signalling NaN back unchanged where wasm
 * requires a quiet one, so NaN takes the x + x path. */
#if defined(__GNUC__) || defined(__clang__)
#define PG_MATH(f) __builtin_##f
#define PG_SIGNBIT(x) __builtin_signbit(x)
#else
#define PG_MATH(f) f
#define PG_SIGNBIT(x) signbit(x)
#endif
#define PG_ROUND(T, NAME, FN)                                                   \
  PG_INLINE T pg_##T##_##NAME(T x) { return UNLIKELY(x != x) ? x + x : FN(x); }
PG_ROUND(f32, ceil, PG_MATH(ceilf))
PG_ROUND(f32, floor, PG_MATH(floorf))
PG_ROUND(f32, trunc, PG_MATH(truncf))
PG_ROUND(f32, nearest, PG_MATH(nearbyintf))
PG_ROUND(f32, sqrt, PG_MATH(sqrtf))
PG_ROUND(f64, ceil, PG_MATH(ceil))
PG_ROUND(f64, floor, PG_MATH(floor))
PG_ROUND(f64, trunc, PG_MATH(trunc))
PG_ROUND(f64, nearest, PG_MATH(nearbyint))
PG_ROUND(f64, sqrt, PG_MATH(sqrt))
#undef PG_ROUND

/* demote/promote: C compilers fold demote(promote(x)) to x, which would hand back a
 * signalling NaN; quieting NaN first (x + x) makes both directions exact. */
PG_INLINE f32 pg_f32_demote_f64(f64 x) { return UNLIKELY(x != x) ? (f32)(x + x) : (f32)x; }
PG_INLINE f64 pg_f64_promote_f32(f32 x) { return UNLIKELY(x != x) ? (f64)(x + x) : (f64)x; }

/* min/max: any NaN operand gives a NaN (a + b quiets it, keeping a canonical NaN
 * canonical); -0 is less than +0. */
#define PG_MINMAX(T)                                                           \
  PG_INLINE T pg_##T##_min(T a, T b) {                                         \
    if (UNLIKELY(a != a || b != b)) return a + b;                              \
    if (a == b) return PG_SIGNBIT(a) ? a : b;                           \
    return a < b ? a : b;                                                      \
  }                                                                            \
  PG_INLINE T pg_##T##_max(T a, T b) {                                         \
    if (UNLIKELY(a != a || b != b)) return a + b;                              \
    if (a == b) return PG_SIGNBIT(a) ? b : a;                           \
    return a > b ? a : b;                                                      \
  }
PG_MINMAX(f32)
PG_MINMAX(f64)
#undef PG_MINMAX

/* ---- float to int ----
 * A value converts when trunc(x) fits: LO < x < HI with LO and HI exactly
 * representable in the source type (for signed targets the low bound is inclusive
 * where INT_MIN - 1 is not representable). */
#define PG_TRUNC(NAME, F, R, SR, LO_OK, HI)                                    \
  PG_INLINE R pg_##NAME(F x, pg_inst_hdr *h, u32 fn) {                         \
    if (UNLIKELY(x != x)) pg_trap(h, fn, PG_TRAP_INVALID_CONVERSION);          \
    if (UNLIKELY(!(LO_OK) || !(x < (HI)))) pg_trap(h, fn, PG_TRAP_INT_OVERFLOW); \
    return (R)(SR)x;                                                           \
  }
PG_TRUNC(i32_trunc_f32_s, f32, u32, s32, x >= -2147483648.0f, 2147483648.0f)
PG_TRUNC(i32_trunc_f32_u, f32, u32, u32, x > -1.0f, 4294967296.0f)
PG_TRUNC(i32_trunc_f64_s, f64, u32, s32, x > -2147483649.0, 2147483648.0)
PG_TRUNC(i32_trunc_f64_u, f64, u32, u32, x > -1.0, 4294967296.0)
PG_TRUNC(i64_trunc_f32_s, f32, u64, s64, x >= -9223372036854775808.0f, 9223372036854775808.0f)
PG_TRUNC(i64_trunc_f32_u, f32, u64, u64, x > -1.0f, 18446744073709551616.0f)
PG_TRUNC(i64_trunc_f64_s, f64, u64, s64, x >= -9223372036854775808.0, 9223372036854775808.0)
PG_TRUNC(i64_trunc_f64_u, f64, u64, u64, x > -1.0, 18446744073709551616.0)
#undef PG_TRUNC

#define PG_TRUNC_SAT(NAME, F, R, SR, LO_OK, HI, MINV, MAXV)                    \
  PG_INLINE R pg_##NAME(F x) {                                                 \
    if (UNLIKELY(x != x)) return 0;                                            \
    if (UNLIKELY(!(LO_OK))) return (R)(MINV);                                  \
    if (UNLIKELY(!(x < (HI)))) return (R)(MAXV);                               \
    return (R)(SR)x;                                                           \
  }
PG_TRUNC_SAT(i32_trunc_sat_f32_s, f32, u32, s32, x >= -2147483648.0f, 2147483648.0f, 0x80000000u, 0x7fffffffu)
PG_TRUNC_SAT(i32_trunc_sat_f32_u, f32, u32, u32, x > -1.0f, 4294967296.0f, 0u, 0xffffffffu)
PG_TRUNC_SAT(i32_trunc_sat_f64_s, f64, u32, s32, x > -2147483649.0, 2147483648.0, 0x80000000u, 0x7fffffffu)
PG_TRUNC_SAT(i32_trunc_sat_f64_u, f64, u32, u32, x > -1.0, 4294967296.0, 0u, 0xffffffffu)
PG_TRUNC_SAT(i64_trunc_sat_f32_s, f32, u64, s64, x >= -9223372036854775808.0f, 9223372036854775808.0f,
             0x8000000000000000ull, 0x7fffffffffffffffull)
PG_TRUNC_SAT(i64_trunc_sat_f32_u, f32, u64, u64, x > -1.0f, 18446744073709551616.0f, 0ull, 0xffffffffffffffffull)
PG_TRUNC_SAT(i64_trunc_sat_f64_s, f64, u64, s64, x >= -9223372036854775808.0, 9223372036854775808.0,
             0x8000000000000000ull, 0x7fffffffffffffffull)
PG_TRUNC_SAT(i64_trunc_sat_f64_u, f64, u64, u64, x > -1.0, 18446744073709551616.0, 0ull, 0xffffffffffffffffull)
#undef PG_TRUNC_SAT

/* ---- linear memory ---- */

/* Loads and stores are macros, not inline functions, so that even at -O0 a guard-page
 * fault happens in the generated function itself and the trap report can name it.
 * They spell float/double, not f32/f64, because they expand where a slot may be
 * called f32. */
#if defined(__TINYC__)
/* tcc calls libc for memcpy, where a fault would not be in the generated function; it
 * has no strict aliasing to break, and its targets load unaligned words */
#define PG_LOAD_(T, m, ea) (*(const volatile T *)((m) + (ea)))
#define PG_LOADF_(T, m, ea) (*(const volatile T *)((m) + (ea)))
#else
#define PG_LOAD_(T, m, ea) \
  __extension__({ T pg_v_; memcpy(&pg_v_, (m) + (ea), sizeof pg_v_); PG_FORCE_READ(pg_v_); pg_v_; })
#define PG_LOADF_(T, m, ea) \
  __extension__({ T pg_v_; memcpy(&pg_v_, (m) + (ea), sizeof pg_v_); PG_FORCE_READ_F(pg_v_); pg_v_; })
#endif
#define pg_i32_load(m, ea) PG_LOAD_(u32, m, ea)
#define pg_i64_load(m, ea) PG_LOAD_(u64, m, ea)
#define pg_f32_load(m, ea) PG_LOADF_(float, m, ea)
#define pg_f64_load(m, ea) PG_LOADF_(double, m, ea)
#define pg_i32_load8_s(m, ea) ((u32)(s32)PG_LOAD_(s8, m, ea))
#define pg_i32_load8_u(m, ea) ((u32)PG_LOAD_(u8, m, ea))
#define pg_i32_load16_s(m, ea) ((u32)(s32)PG_LOAD_(s16, m, ea))
#define pg_i32_load16_u(m, ea) ((u32)PG_LOAD_(u16, m, ea))
#define pg_i64_load8_s(m, ea) ((u64)(s64)PG_LOAD_(s8, m, ea))
#define pg_i64_load8_u(m, ea) ((u64)PG_LOAD_(u8, m, ea))
#define pg_i64_load16_s(m, ea) ((u64)(s64)PG_LOAD_(s16, m, ea))
#define pg_i64_load16_u(m, ea) ((u64)PG_LOAD_(u16, m, ea))
#define pg_i64_load32_s(m, ea) ((u64)(s64)PG_LOAD_(s32, m, ea))
#define pg_i64_load32_u(m, ea) ((u64)PG_LOAD_(u32, m, ea))

#if defined(__TINYC__)
#define PG_STORE_(T, m, ea, v) (*(volatile T *)((m) + (ea)) = (T)(v))
#else
#define PG_STORE_(T, m, ea, v)                                                 \
  do {                                                                         \
    T pg_w_ = (T)(v);                                                          \
    memcpy((m) + (ea), &pg_w_, sizeof pg_w_);                                  \
  } while (0)
#endif
#define pg_i32_store(m, ea, v) PG_STORE_(u32, m, ea, v)
#define pg_i64_store(m, ea, v) PG_STORE_(u64, m, ea, v)
#define pg_f32_store(m, ea, v) PG_STORE_(float, m, ea, v)
#define pg_f64_store(m, ea, v) PG_STORE_(double, m, ea, v)
#define pg_i32_store8(m, ea, v) PG_STORE_(u8, m, ea, v)
#define pg_i32_store16(m, ea, v) PG_STORE_(u16, m, ea, v)
#define pg_i64_store8(m, ea, v) PG_STORE_(u8, m, ea, v)
#define pg_i64_store16(m, ea, v) PG_STORE_(u16, m, ea, v)
#define pg_i64_store32(m, ea, v) PG_STORE_(u32, m, ea, v)

/* An access whose static offset could carry it past the 8 GiB reservation (offset
 * near 4 GiB) is checked explicitly; the emitter uses this only for such offsets. */
PG_INLINE u64 pg_ea_checked(const wasm_rt_memory_t *mem, u64 ea, u32 n, pg_inst_hdr *h, u32 fn) {
  if (UNLIKELY(ea + n > (u64)mem->pages * 65536u)) pg_trap(h, fn, PG_TRAP_MEMORY_OOB);
  return ea;
}

PG_INLINE u64 pg_mem_bytes(const wasm_rt_memory_t *mem) { return (u64)mem->pages * 65536u; }

PG_INLINE void pg_memory_copy(wasm_rt_memory_t *dm, wasm_rt_memory_t *sm, u32 d, u32 s, u32 n,
                              pg_inst_hdr *h, u32 fn) {
  if (UNLIKELY((u64)s + n > pg_mem_bytes(sm) || (u64)d + n > pg_mem_bytes(dm)))
    pg_trap(h, fn, PG_TRAP_MEMORY_OOB);
  memmove(dm->data + d, sm->data + s, n);
}

PG_INLINE void pg_memory_fill(wasm_rt_memory_t *m, u32 d, u32 v, u32 n, pg_inst_hdr *h, u32 fn) {
  if (UNLIKELY((u64)d + n > pg_mem_bytes(m))) pg_trap(h, fn, PG_TRAP_MEMORY_OOB);
  memset(m->data + d, (int)(v & 0xff), n);
}

PG_INLINE void pg_memory_init(wasm_rt_memory_t *m, const u8 *seg, u32 seglen, u32 d, u32 s, u32 n,
                              pg_inst_hdr *h, u32 fn) {
  if (UNLIKELY((u64)s + n > seglen || (u64)d + n > pg_mem_bytes(m)))
    pg_trap(h, fn, PG_TRAP_MEMORY_OOB);
  if (n) memcpy(m->data + d, seg + s, n);
}

PG_INLINE u32 pg_memory_size(const wasm_rt_memory_t *m) { return m->pages; }

/* ---- tables ---- */

#define PG_TABLE_OPS(K, T)                                                     \
  PG_INLINE T pg_table_get_##K(const wasm_rt_##K##_table_t *t, u32 i, pg_inst_hdr *h, u32 fn) { \
    if (UNLIKELY(i >= t->size)) pg_trap(h, fn, PG_TRAP_TABLE_OOB);             \
    return t->data[i];                                                         \
  }                                                                            \
  PG_INLINE void pg_table_set_##K(wasm_rt_##K##_table_t *t, u32 i, T v, pg_inst_hdr *h, u32 fn) { \
    if (UNLIKELY(i >= t->size)) pg_trap(h, fn, PG_TRAP_TABLE_OOB);             \
    t->data[i] = v;                                                            \
  }                                                                            \
  PG_INLINE void pg_table_fill_##K(wasm_rt_##K##_table_t *t, u32 i, T v, u32 n, pg_inst_hdr *h, u32 fn) { \
    if (UNLIKELY((u64)i + n > t->size)) pg_trap(h, fn, PG_TRAP_TABLE_OOB);     \
    for (u32 k = 0; k < n; k++) t->data[i + k] = v;                            \
  }                                                                            \
  PG_INLINE void pg_table_copy_##K(wasm_rt_##K##_table_t *dt, const wasm_rt_##K##_table_t *st, \
                                   u32 d, u32 s, u32 n, pg_inst_hdr *h, u32 fn) { \
    if (UNLIKELY((u64)s + n > st->size || (u64)d + n > dt->size))              \
      pg_trap(h, fn, PG_TRAP_TABLE_OOB);                                       \
    if (n) memmove(dt->data + d, st->data + s, (size_t)n * sizeof(T));         \
  }                                                                            \
  PG_INLINE void pg_table_init_##K(wasm_rt_##K##_table_t *t, const T *seg, u32 seglen, \
                                   u32 d, u32 s, u32 n, pg_inst_hdr *h, u32 fn) { \
    if (UNLIKELY((u64)s + n > seglen || (u64)d + n > t->size))                 \
      pg_trap(h, fn, PG_TRAP_TABLE_OOB);                                       \
    if (n) memcpy(t->data + d, seg + s, (size_t)n * sizeof(T));                \
  }                                                                            \
  PG_INLINE u32 pg_table_grow_##K(wasm_rt_##K##_table_t *t, T init, u32 n) {   \
    if ((u64)t->size + n > PG_MAX_TABLE_SIZE) return UINT32_MAX;               \
    return wasm_rt_grow_##K##_table(t, n, init);                               \
  }
PG_TABLE_OPS(funcref, funcref)
PG_TABLE_OPS(externref, externref)
#undef PG_TABLE_OPS

/* call_indirect: bounds, null and signature, in the spec's order. Returns the entry
 * so the caller can cast func to the expected C type and pass module_instance. */
PG_INLINE const funcref *pg_call_indirect_check(const wasm_rt_funcref_table_t *t, u32 i, u32 type,
                                                pg_inst_hdr *h, u32 fn) {
  if (UNLIKELY(i >= t->size)) pg_trap(h, fn, PG_TRAP_UNDEFINED_ELEMENT);
  const funcref *e = &t->data[i];
  if (UNLIKELY(e->func == NULL)) pg_trap(h, fn, PG_TRAP_UNINITIALIZED_ELEMENT);
  if (UNLIKELY(e->func_type != type)) pg_trap(h, fn, PG_TRAP_INDIRECT_TYPE_MISMATCH);
  return e;
}

PG_INLINE funcref pg_funcref(u32 type, wasm_rt_function_ptr_t f, void *inst) {
  funcref r = {type, f, inst};
  return r;
}
PG_INLINE funcref pg_funcref_null(void) {
  funcref r = {0, NULL, NULL};
  return r;
}

#endif /* POGO_OPS_H */
