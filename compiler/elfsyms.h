/*
 * elfsyms.h - wasm function names in the symbol table of a built executable (for perf,
 * gdb and other tools that read it), given after linking (see elfsyms.c).
 */
#ifndef PG_ELFSYMS_H
#define PG_ELFSYMS_H

#include <stdbool.h>

#include "module.h"

/* Rename the symbols of m's functions in the executable at path to their names (names[i]
 * if given and not NULL, else the wasm name) where those cannot be C identifiers. A
 * file that is not 64-bit little-endian ELF with a symbol table is left alone. False
 * (errno set) only when the file cannot be read or rewritten. */
bool pg_elf_name_functions(const char *path, const pg_module *m, const char *const *names);

#endif
