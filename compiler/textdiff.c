/*
 * textdiff.c - a unified diff of the first difference between two texts.
 *
 * The common prefix and suffix of whole lines are skipped; the first WINDOW lines after
 * the prefix on each side are aligned by a longest-common-subsequence table (so a line
 * one side inserted is shown as one '+', not as everything after it differing), and
 * the edit script is cut into hunks with three lines of context, as diff -u does. Only
 * the start of a long difference is shown: this is for reading, not for patching.
 */
#include "textdiff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { WINDOW = 200, CONTEXT = 3, SHOW_BYTES = 240 };

typedef struct line {
  const char *p;
  size_t len;   /* without the newline */
  bool nl;      /* ends with a newline */
} line;

typedef struct op {
  char kind;    /* ' ', '-', '+' */
  size_t ia, ib; /* line indices in a and b (the one that does not apply is unused) */
} op;

static line *split(const char *s, size_t n, size_t *count) {
  size_t cap = 16, k = 0;
  line *v = pg_xmalloc(cap * sizeof *v);
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - s) : n;
    if (k == cap) v = pg_xrealloc(v, (cap *= 2) * sizeof *v);
    v[k++] = (line){s + i, end - i, nl != NULL};
    i = nl ? end + 1 : n;
  }
  *count = k;
  return v;
}

static bool same(const line *x, const line *y) { return x->len == y->len && x->nl == y->nl && !memcmp(x->p, y->p, x->len); }

static void show(FILE *f, char kind, const line *l) {
  fputc(kind, f);
  size_t n = l->len < SHOW_BYTES ? l->len : SHOW_BYTES;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)l->p[i];
    if ((c < 0x20 && c != '\t') || c == 0x7f) fprintf(f, "\\x%02x", c);
    else fputc(c, f);
  }
  if (n < l->len) fputs("...", f);
  fputc('\n', f);
  if (!l->nl) fputs("\\ No newline at end of file\n", f);
}

void pg_textdiff(FILE *f, const char *label_a, const char *a, size_t na, const char *label_b, const char *b,
                 size_t nb, unsigned max_lines) {
  size_t la_n, lb_n;
  line *la = split(a, na, &la_n), *lb = split(b, nb, &lb_n);
  size_t k = 0;
  while (k < la_n && k < lb_n && same(&la[k], &lb[k])) k++;
  size_t s = 0;
  while (s < la_n - k && s < lb_n - k && same(&la[la_n - 1 - s], &lb[lb_n - 1 - s])) s++;
  size_t wa = la_n - s - k, wb = lb_n - s - k;
  bool cut = wa > WINDOW || wb > WINDOW;
  if (wa > WINDOW) wa = WINDOW;
  if (wb > WINDOW) wb = WINDOW;

  /* L[i][j]: longest common subsequence of window lines a[i..] and b[j..] */
  uint16_t *L = pg_xcalloc((wa + 1) * (wb + 1), sizeof *L);
#define AT(i, j) L[(i) * (wb + 1) + (j)]
  for (size_t i = wa; i-- > 0;)
    for (size_t j = wb; j-- > 0;)
      AT(i, j) = same(&la[k + i], &lb[k + j]) ? (uint16_t)(AT(i + 1, j + 1) + 1)
                                               : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));

  /* the edit script: context before, the window, context after if the window reached
   * the common suffix */
  op *ops = pg_xmalloc((CONTEXT * 2 + wa + wb + 1) * sizeof *ops);
  size_t nops = 0;
  for (size_t c = k > CONTEXT ? k - CONTEXT : 0; c < k; c++) ops[nops++] = (op){' ', c, c};
  size_t i = 0, j = 0;
  while (i < wa || j < wb) {
    if (i < wa && j < wb && same(&la[k + i], &lb[k + j])) ops[nops++] = (op){' ', k + i++, k + j++};
    else if (j == wb || (i < wa && AT(i + 1, j) >= AT(i, j + 1))) ops[nops++] = (op){'-', k + i++, k + j};
    else ops[nops++] = (op){'+', k + i, k + j++};
  }
#undef AT
  if (!cut)
    for (size_t c = 0; c < CONTEXT && c < s; c++) ops[nops++] = (op){' ', k + wa + c, k + wb + c};

  fprintf(f, "--- %s\n+++ %s\n", label_a, label_b);
  unsigned printed = 0;
  for (size_t h = 0; h < nops && printed < max_lines;) {
    /* a hunk: from CONTEXT lines before its first change to CONTEXT after its last,
     * taking in changes separated by at most 2 * CONTEXT unchanged lines */
    size_t first = h;
    while (first < nops && ops[first].kind == ' ') first++;
    if (first == nops) break;
    size_t start = first > h + CONTEXT ? first - CONTEXT : h;
    size_t end = first, gap = 0;
    for (size_t x = first; x < nops; x++) {
      if (ops[x].kind != ' ') {
        end = x + 1;
        gap = 0;
      } else if (++gap > 2 * CONTEXT) {
        break;
      }
    }
    size_t stop = end + CONTEXT < nops ? end + CONTEXT : nops;
    size_t ca = 0, cb = 0;
    for (size_t x = start; x < stop; x++) {
      ca += ops[x].kind != '+';
      cb += ops[x].kind != '-';
    }
    fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", ops[start].ia + (ca ? 1 : 0), ca, ops[start].ib + (cb ? 1 : 0), cb);
    printed++;
    size_t x = start;
    for (; x < stop && printed < max_lines; x++, printed++)
      show(f, ops[x].kind, ops[x].kind == '+' ? &lb[ops[x].ib] : &la[ops[x].ia]);
    if (x < stop || (printed >= max_lines && stop < nops)) fputs("... (diff cut)\n", f);
    h = stop;
  }
  if (cut && printed < max_lines) fputs("... (difference continues; diff cut)\n", f);
  free(ops);
  free(L);
  free(la);
  free(lb);
}
