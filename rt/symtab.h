/*
 * symtab.h - native code addresses to function names, for profiles (internal to rt/).
 *
 * Guest functions are named by their wasm names (Go's "main.main"), from the module
 * info the generated code carries; everything else by the executable's ELF symbol
 * table, or for shared libraries by dladdr. Built once, after sampling, never in a
 * signal handler.
 */
#ifndef POGO_RT_SYMTAB_H
#define POGO_RT_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

#include "pogo-abi.h"

/* An executable segment of a loaded object (the executable, libc...). */
typedef struct pg_code_segment {
  uintptr_t start, limit;    /* run-time addresses */
  uint64_t offset;           /* file offset of start */
  const char *path;          /* the object's file ("" if unknown) */
  bool main;                 /* the executable itself */
} pg_code_segment;

typedef struct pg_symtab pg_symtab;

/* Symbols of the running executable and the guest functions of `guest` (may be NULL);
 * NULL only when out of memory. */
pg_symtab *pg_symtab_load(const pg_module_info *guest);
void pg_symtab_free(pg_symtab *t);

/* The function pc is in: its name (NULL if unknown), whether it is a guest function. */
const char *pg_symtab_lookup(pg_symtab *t, uintptr_t pc, bool *guest);

/* The executable segments of every loaded object; the segment containing pc or NULL. */
size_t pg_symtab_segments(const pg_symtab *t, const pg_code_segment **out);
const pg_code_segment *pg_symtab_segment(const pg_symtab *t, uintptr_t pc);

#endif
