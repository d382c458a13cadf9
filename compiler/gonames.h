/*
 * gonames.h - Go's unsanitised function names, read from the pclntab in a Go module's
 * data (see gonames.c), for names that tools show: profiles and symbol tables.
 */
#ifndef PG_GONAMES_H
#define PG_GONAMES_H

#include <stdbool.h>

#include "module.h"

/* names[i] (m->nfuncs entries) = Go's name of function i where it differs from the
 * name-section name, else NULL; strings in arena. False when the module carries no
 * usable pclntab (not Go, or stripped of its data). */
bool pg_go_names(const pg_module *m, const char **names, pg_arena *arena);

#endif
