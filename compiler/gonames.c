/*
 * gonames.c - Go's own function names ("runtime.(*mcache).refill") for a Go module,
 * whose name section carries them with every character outside [A-Za-z0-9_.] turned
 * into '_' ("runtime.__mcache_.refill"): Go's linker sanitises them, but the runtime's
 * symbol table, pclntab, sits unchanged in the module's data.
 *
 * The data segments are laid out as memory (Go splits them at runs of zeros, which
 * pclntab has), pclntab's header is found by its magic (Go 1.18 and later: 0xfffffff0
 * or 0xfffffff1, pad 0 0, instruction size 1, pointer size 8), and its function table
 * gives each function's entry and name. On wasm an entry is the function's PC_F,
 * 0x1000 + its index among defined functions (or PC_F << 16).
 *
 * Invariant: a name is used only if sanitising it the way Go's linker does gives
 * exactly the name-section name of the function its entry points at, so a forged or
 * misread table can never put a wrong name on a function. Every read is bounds-checked.
 */
#include "gonames.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define IMAGE_MAX (512u << 20) /* larger data is not searched */

static uint64_t le(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--) v = v << 8 | p[i];
  return v;
}

/* Go's linker: every byte outside [A-Za-z0-9_.] becomes '_' (a multi-byte character
 * becomes one '_', as Go's regexp replaces runes). */
static bool sanitises_to(const char *go, const char *wasm) {
  const unsigned char *g = (const unsigned char *)go;
  for (; *g; wasm++) {
    unsigned char c = *g;
    bool keep = c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (keep ? *wasm != (char)c : *wasm != '_') return false;
    g++;
    if (c >= 0xc0) /* the continuation bytes of a UTF-8 rune */
      while ((*g & 0xc0) == 0x80) g++;
  }
  return *wasm == 0;
}

/* The data segments placed at their (constant) offsets; NULL if there are none such. */
static uint8_t *data_image(const pg_module *m, size_t *size) {
  uint64_t end = 0;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const pg_data *d = &m->datas[i];
    if (d->mode != PG_SEG_ACTIVE || d->mem != 0 || d->offset.op != pg_op_I32_CONST) continue;
    uint64_t e = (uint32_t)d->offset.bits + (uint64_t)d->len;
    if (e > end) end = e;
  }
  if (!end || end > IMAGE_MAX) return NULL;
  uint8_t *img = pg_xcalloc(1, (size_t)end);
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const pg_data *d = &m->datas[i];
    if (d->mode == PG_SEG_ACTIVE && d->mem == 0 && d->offset.op == pg_op_I32_CONST && d->len)
      memcpy(img + (uint32_t)d->offset.bits, d->bytes, d->len);
  }
  *size = (size_t)end;
  return img;
}

/* The names pclntab at img[at..] gives the module's functions; how many matched. */
static uint32_t read_pclntab(const pg_module *m, const uint8_t *img, size_t size, size_t at, const char **names,
                             pg_arena *arena) {
  const uint8_t *h = img + at;
  size_t avail = size - at;
  if (avail < 72) return 0;
  uint64_t nfunc = le(h + 8, 8), text = le(h + 24, 8), nameoff = le(h + 32, 8), pcln = le(h + 64, 8);
  if (nfunc > m->nfuncs || nameoff >= avail || pcln >= avail || (avail - pcln) / 8 < nfunc + 1) return 0;
  uint32_t ndefined = m->nfuncs - m->nfunc_imports, found = 0;
  for (uint64_t k = 0; k < nfunc; k++) {
    uint64_t funcoff = le(h + pcln + k * 8 + 4, 4);
    if (funcoff > avail - pcln || avail - pcln - funcoff < 8) continue;
    const uint8_t *f = h + pcln + funcoff;
    uint64_t entry = text + le(f, 4);
    int64_t name = (int32_t)le(f + 4, 4);
    if (name < 0 || (uint64_t)name >= avail - nameoff) continue;
    const char *s = (const char *)h + nameoff + name;
    if (!memchr(s, 0, avail - nameoff - (uint64_t)name)) continue;
    uint64_t pcf = (entry & 0xffff) == 0 && entry >> 16 >= 0x1000 ? entry >> 16 : entry;
    if (pcf < 0x1000 || pcf - 0x1000 >= ndefined) continue;
    uint32_t fi = m->nfunc_imports + (uint32_t)(pcf - 0x1000);
    const char *wname = m->funcs[fi].wname;
    if (!wname || !strcmp(wname, s) || !sanitises_to(s, wname)) continue;
    names[fi] = pg_arena_strdup(arena, s);
    found++;
  }
  return found;
}

bool pg_go_names(const pg_module *m, const char **names, pg_arena *arena) {
  memset(names, 0, m->nfuncs * sizeof *names);
  size_t size;
  uint8_t *img = data_image(m, &size);
  if (!img) return false;
  uint32_t found = 0;
  for (size_t at = 0; at + 8 <= size && !found; at += 8) {
    const uint8_t *h = img + at;
    if ((h[0] == 0xf0 || h[0] == 0xf1) && h[1] == 0xff && h[2] == 0xff && h[3] == 0xff && h[4] == 0 && h[5] == 0 &&
        h[6] == 1 && h[7] == 8)
      found = read_pclntab(m, img, size, at, names, arena);
  }
  free(img);
  return found > 0;
}
