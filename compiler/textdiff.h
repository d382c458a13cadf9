/*
 * textdiff.h - a unified diff of the first difference between two texts (textdiff.c),
 * for pogo check's reports.
 */
#ifndef PG_TEXTDIFF_H
#define PG_TEXTDIFF_H

#include <stddef.h>
#include <stdio.h>

/* Print to f "--- label_a", "+++ label_b" and the hunks around the first place where
 * a and b differ, at most max_lines lines of hunks. Lines are compared whole; shown
 * lines are cut at 240 bytes, with control characters other than tab escaped. */
void pg_textdiff(FILE *f, const char *label_a, const char *a, size_t na, const char *label_b, const char *b,
                 size_t nb, unsigned max_lines);

#endif
