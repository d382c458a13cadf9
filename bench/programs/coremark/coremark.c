/*
 * coremark.c - a CoreMark-style workload written for pogo's benchmarks (not EEMBC's
 * code): each iteration runs the four kernels CoreMark made familiar, on small data
 * that stays in cache, and folds their results into a CRC-16:
 *
 *   list    a linked list kept in a static pool: find, reverse, and merge sort by two
 *           different keys (pointer chasing, unpredictable branches)
 *   matrix  16-bit matrices: add a constant, multiply by a vector and by a matrix,
 *           extract bit fields from the products (integer multiply-add loops)
 *   state   a scanner classifying the tokens of a text (integers, decimals, numbers
 *           with exponents, hex, invalid) with a switch-based state machine
 *   crc     CRC-16 (CCITT, bit by bit) over every result
 *
 * Every kernel's input depends on the previous iteration's CRC, so no iteration can be
 * computed ahead. Built for wasm32-wasi with clang and natively with gcc; the output
 * is the same on both.
 *
 * Usage: coremark [iterations]   (default 20,000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- CRC-16 */

static uint16_t crc_byte(uint8_t b, uint16_t crc) {
  crc ^= (uint16_t)b << 8;
  for (int i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  return crc;
}

static uint16_t crc_u16(uint16_t v, uint16_t crc) { return crc_byte((uint8_t)(v >> 8), crc_byte((uint8_t)v, crc)); }
static uint16_t crc_u32(uint32_t v, uint16_t crc) { return crc_u16((uint16_t)(v >> 16), crc_u16((uint16_t)v, crc)); }

/* ---------------------------------------------------------------- list */

enum { LIST_N = 200 };

typedef struct item {
  struct item *next;
  int16_t key;    /* sort key 1 */
  uint16_t data;  /* sort key 2, and what find looks for */
} item;

static item pool[LIST_N];

static item *list_init(uint16_t seed) {
  item *head = NULL;
  for (int i = LIST_N - 1; i >= 0; i--) {
    uint16_t x = (uint16_t)(seed ^ (i * 0x9e37u));
    x = (uint16_t)(x * 25173u + 13849u);
    pool[i].key = (int16_t)(x ^ (x >> 7));
    pool[i].data = (uint16_t)((x >> 3) & 0x3ff);
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static item *list_find(item *l, uint16_t data) {
  while (l && l->data != data) l = l->next;
  return l;
}

static item *list_reverse(item *l) {
  item *prev = NULL;
  while (l) {
    item *next = l->next;
    l->next = prev;
    prev = l;
    l = next;
  }
  return prev;
}

typedef int (*item_cmp)(const item *a, const item *b);
static int by_key(const item *a, const item *b) { return a->key - b->key; }
static int by_data(const item *a, const item *b) { return (int)a->data - (int)b->data; }

/* Bottom-up merge sort of a singly linked list (stable, no recursion). */
static item *list_sort(item *l, item_cmp cmp) {
  for (int width = 1;; width *= 2) {
    item *p = l, *tail = NULL;
    l = NULL;
    int merges = 0;
    while (p) {
      merges++;
      item *q = p;
      int psize = 0;
      while (psize < width && q) psize++, q = q->next;
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        item *e;
        if (psize == 0) e = q, q = q->next, qsize--;
        else if (qsize == 0 || !q) e = p, p = p->next, psize--;
        else if (cmp(p, q) <= 0) e = p, p = p->next, psize--;
        else e = q, q = q->next, qsize--;
        if (tail) tail->next = e;
        else l = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    if (merges <= 1) return l;
  }
}

static uint16_t bench_list(uint16_t seed, uint16_t crc) {
  item *l = list_init(seed);
  int found = 0;
  for (uint16_t k = 0; k < 32; k++) found += list_find(l, (uint16_t)((seed + k * 37) & 0x3ff)) != NULL;
  l = list_reverse(l);
  l = list_sort(l, by_data);
  crc = crc_u16((uint16_t)found, crc);
  for (item *p = l; p; p = p->next) crc = crc_u16(p->data, crc);
  l = list_sort(l, by_key);
  int16_t prev = INT16_MIN;
  for (item *p = l; p; p = p->next) {
    if (p->key < prev) return 0; /* not sorted: a wrong result the CRC will show */
    prev = p->key;
    crc = crc_u16((uint16_t)p->key, crc);
  }
  return crc;
}

/* ---------------------------------------------------------------- matrix */

enum { MAT_N = 24 };

static int16_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N];
static int32_t mc[MAT_N][MAT_N], vec[MAT_N];

static uint16_t bench_matrix(uint16_t seed, uint16_t crc) {
  uint32_t x = seed | 1u;
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      x = x * 1103515245u + 12345u;
      ma[i][j] = (int16_t)((x >> 16) & 0x0fff) - 0x800;
      mb[i][j] = (int16_t)((x >> 4) & 0x00ff);
    }
  int16_t c = (int16_t)(seed & 0x7f);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) ma[i][j] = (int16_t)(ma[i][j] + c);
  /* matrix times vector (a row of mb) */
  for (int i = 0; i < MAT_N; i++) {
    int32_t s = 0;
    for (int j = 0; j < MAT_N; j++) s += (int32_t)ma[i][j] * mb[0][j];
    vec[i] = s;
  }
  /* matrix times matrix */
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int k = 0; k < MAT_N; k++) s += (int32_t)ma[i][k] * mb[k][j];
      mc[i][j] = s;
    }
  /* bit fields of the products */
  uint32_t acc = 0;
  for (int i = 0; i < MAT_N; i++) {
    acc += (uint32_t)vec[i];
    for (int j = 0; j < MAT_N; j++) acc += ((uint32_t)mc[i][j] >> 2) & 0x0f ? ((uint32_t)mc[i][j] >> 5) & 0x7f : 1;
  }
  return crc_u32(acc, crc);
}

/* ---------------------------------------------------------------- state machine */

enum state { S_START, S_INT, S_SIGN, S_DOT, S_FRAC, S_EXP, S_EXPSIGN, S_SCI, S_HEX0, S_HEX, S_INVALID, S_COUNT };

static char text[2048];

static void text_init(uint16_t seed) {
  static const char *const tokens[] = {"5012", "1.234", "-874", "+122", "3.5e-4", "0x1f", "7E+2", "..1", "-.5", "1e",
                                       "0xg1", "42", "9.75", "-0", "abc", "1,2"};
  uint32_t x = seed;
  size_t n = 0;
  while (n + 16 < sizeof text) {
    x = x * 69069u + 1u;
    const char *t = tokens[(x >> 12) % 16];
    size_t k = strlen(t);
    memcpy(text + n, t, k);
    n += k;
    text[n++] = ',';
  }
  text[n] = 0;
}

/* The state a token ends in, scanning from *p to the next comma. */
static enum state scan(const char **p) {
  enum state s = S_START;
  const char *q = *p;
  for (; *q && *q != ','; q++) {
    char ch = *q;
    int digit = ch >= '0' && ch <= '9';
    switch (s) {
    case S_START:
      s = digit ? (ch == '0' ? S_HEX0 : S_INT) : (ch == '+' || ch == '-') ? S_SIGN : ch == '.' ? S_DOT : S_INVALID;
      break;
    case S_SIGN: s = digit ? S_INT : ch == '.' ? S_DOT : S_INVALID; break;
    case S_HEX0: s = (ch == 'x' || ch == 'X') ? S_HEX : digit ? S_INT : ch == '.' ? S_FRAC : S_INVALID; break;
    case S_HEX: s = (digit || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')) ? S_HEX : S_INVALID; break;
    case S_INT: s = digit ? S_INT : ch == '.' ? S_FRAC : (ch == 'e' || ch == 'E') ? S_EXP : S_INVALID; break;
    case S_DOT: s = digit ? S_FRAC : S_INVALID; break;
    case S_FRAC: s = digit ? S_FRAC : (ch == 'e' || ch == 'E') ? S_EXP : S_INVALID; break;
    case S_EXP: s = digit ? S_SCI : (ch == '+' || ch == '-') ? S_EXPSIGN : S_INVALID; break;
    case S_EXPSIGN:
    case S_SCI: s = digit ? S_SCI : S_INVALID; break;
    default: break;
    }
  }
  *p = *q ? q + 1 : q;
  return s;
}

static uint16_t bench_state(uint16_t seed, uint16_t crc) {
  text_init(seed);
  uint32_t counts[S_COUNT] = {0};
  for (int pass = 0; pass < 4; pass++) {
    const char *p = text;
    while (*p) counts[scan(&p)]++;
    /* corrupt a few characters so that later passes classify differently */
    for (int k = 0; k < 8; k++) {
      size_t at = (size_t)(seed * (k + 3) + pass * 131) % (sizeof text - 16);
      if (text[at] != ',' && text[at]) text[at] = (char)('0' + (text[at] + k) % 10);
    }
  }
  for (int i = 0; i < S_COUNT; i++) crc = crc_u32(counts[i], crc);
  return crc;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
  long iterations = 20000;
  if (argc > 1) {
    char *end;
    iterations = strtol(argv[1], &end, 10);
    if (*end || iterations < 0) {
      fprintf(stderr, "usage: coremark [iterations]\n");
      return 2;
    }
  }
  uint16_t crc = 0, list = 0, matrix = 0, state = 0;
  for (long i = 0; i < iterations; i++) {
    uint16_t seed = (uint16_t)(crc ^ (uint16_t)i);
    list = bench_list(seed, list);
    matrix = bench_matrix(seed, matrix);
    state = bench_state(seed, state);
    crc = crc_u16(list, crc_u16(matrix, crc_u16(state, crc)));
  }
  printf("iterations %ld\nlist crc 0x%04x\nmatrix crc 0x%04x\nstate crc 0x%04x\nfinal crc 0x%04x\n", iterations, list,
         matrix, state, crc);
  return 0;
}
