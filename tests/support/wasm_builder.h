/*
 * wasm_builder.h - build WebAssembly binaries byte by byte in unit tests, and run them
 * through the front end with the error captured instead of printed.
 *
 * Sections are opened with wb_section_begin, which reserves a 5-byte LEB128 size that
 * wb_section_end patches, so tests can nest content freely. Nothing here validates:
 * tests build malformed input on purpose.
 */
#ifndef WASM_BUILDER_H
#define WASM_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "module.h"

typedef struct wb {
  uint8_t *data;
  size_t len, cap;
} wb;

void wb_init(wb *b);                 /* empty buffer, then the module header */
void wb_init_raw(wb *b);             /* empty buffer, no header */
void wb_free(wb *b);
void wb_byte(wb *b, uint8_t v);
void wb_bytes(wb *b, const void *p, size_t n);
void wb_u32(wb *b, uint32_t v);      /* unsigned LEB128 */
void wb_s32(wb *b, int32_t v);       /* signed LEB128 */
void wb_s64(wb *b, int64_t v);
void wb_name(wb *b, const char *s);  /* length-prefixed */
size_t wb_section_begin(wb *b, uint8_t id);
void wb_section_end(wb *b, size_t at);
/* A type section with one type: params and results given as strings of value-type
 * bytes, e.g. wb_type_section(b, "\x7f\x7f", "\x7f") for (i32 i32) -> i32. */
void wb_type_section(wb *b, const char *params, const char *results);

/* Outcome of reading + validating a module. */
typedef struct wb_result {
  bool ok;
  char msg[512];
  size_t offset;
  bool has_offset;
} wb_result;

/* Read and validate; on success the module is freed again. */
wb_result wb_check(const uint8_t *bytes, size_t n);
/* Read, validate and assign names; on success *m holds the module (free it with
 * pg_module_free). */
wb_result wb_load(const uint8_t *bytes, size_t n, pg_module *m);

/* ---- whole functions (added for the unit tests of the reader and validator) ---- */

/* A function section declaring `n` functions, all of type index `type`. */
void wb_func_section(wb *b, uint32_t n, uint32_t type);
/* A code section with one body: `body` is the local declarations, the instructions and
 * the final end. Returns the file offset of the body's first byte, so tests can state
 * where an error must be reported. */
size_t wb_code_section(wb *b, const void *body, size_t n);
/* header + one type (params -> results) + one function of it + its body; returns the
 * offset of the body's first byte. */
size_t wb_func_module(wb *b, const char *params, const char *results, const void *body, size_t n);

/* A section payload given as bytes, for wb_module. */
typedef struct wb_sec {
  const uint8_t *p;
  size_t n;
} wb_sec;
#define WB_SEC(...) ((wb_sec){WB_BYTES(__VA_ARGS__)})

/* A whole module from section payloads indexed by section id 1..12 (entries with no
 * bytes are left out), written in the spec's order (data count before code). A non-empty
 * `body` becomes a code section with that one body instead of sec[10]. at[id] receives
 * each written payload's offset, and at[0] the body's. */
void wb_module(wb *b, const wb_sec sec[13], const void *body, size_t n, size_t at[13]);
/* wb_module, then wb_check. */
wb_result wb_check_module(const wb_sec sec[13], const void *body, size_t n, size_t at[13]);
/* Section payloads by id, for wb_module: WB_SECS([1] = WB_SEC(...), [3] = WB_SEC(...)). */
#define WB_SECS(...) ((const wb_sec[13]){__VA_ARGS__})

/* A custom "name" section: the module name (if not NULL) and function i named names[i]
 * for each i < n whose entry is not NULL. */
void wb_name_section(wb *b, const char *module_name, uint32_t n, const char *const names[]);

/* Sample modules (their WAT text is in wasm_builder.c). "rich" has every section kind
 * (type, import, function, table, memory, global, export, start, element, data count,
 * code, data, name) in 250 bytes; "wide" exercises most instruction families: imports
 * of every kind, multi-value, br_table, call_indirect, bulk memory, reference types and
 * tables, floats, traps, a start function. */
extern const uint8_t wb_sample_rich[];
extern const size_t wb_sample_rich_size;
extern const uint8_t wb_sample_wide[];
extern const size_t wb_sample_wide_size;

/* Bytes of a body written inline: wb_code_section(b, WB_BYTES(0x00, 0x0b)). */
#define WB_BYTES(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})

/* In Criterion tests: the module was rejected, the message contains `needle`, and the
 * error was reported at file offset `off`. */
#define WB_EXPECT_FAIL(r, needle, off)                                                           \
  do {                                                                                           \
    wb_result r_ = (r);                                                                          \
    cr_assert(!r_.ok, "expected failure with \"%s\", but the module was accepted", (needle));     \
    cr_assert(strstr(r_.msg, (needle)) != NULL, "message \"%s\" does not contain \"%s\"", r_.msg, \
              (needle));                                                                         \
    cr_assert(r_.has_offset, "message \"%s\" has no offset", r_.msg);                            \
    cr_assert_eq(r_.offset, (size_t)(off), "\"%s\" reported at 0x%zx, expected 0x%zx", r_.msg,   \
                 r_.offset, (size_t)(off));                                                      \
  } while (0)

/* In Criterion tests: the module was accepted. */
#define WB_EXPECT_OK(r)                                                                          \
  do {                                                                                           \
    wb_result r_ = (r);                                                                          \
    cr_assert(r_.ok, "rejected: 0x%zx: %s", r_.offset, r_.msg);                                   \
  } while (0)

#endif
