/*
 * guest.c - what kind of guest a module is, read quickly: its sections are parsed
 * (function bodies stay byte ranges) but not validated, so `pogo exec` can choose
 * between GOOS=js and wasip1 for a 20 MB test binary in milliseconds before the
 * build cache is even consulted. A module that fails to read is PG_GUEST_UNREADABLE;
 * the build then reports why, properly.
 */
#include "guest.h"

#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "out.h"

static bool name_is(pg_name n, const char *s) { return n.len == strlen(s) && !memcmp(n.p, s, n.len); }

static pg_guest classify(const pg_module *m) {
  bool js = false, wasi = false, other = false;
  for (uint32_t i = 0; i < m->nimports; i++) {
    pg_name mod = m->imports[i].module;
    if (name_is(mod, "gojs") || name_is(mod, "go")) js = true;
    else if (name_is(mod, "wasi_snapshot_preview1")) wasi = true;
    else other = true;
  }
  if (js) return PG_GUEST_GO_JS;
  if (other) return PG_GUEST_OTHER;
  if (!wasi) return PG_GUEST_PLAIN;
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == PG_EXT_FUNC && name_is(m->exports[i].name, "_start")) return PG_GUEST_WASI;
  return PG_GUEST_WASI_REACTOR;
}

typedef struct peek_ctx {
  pg_diag d;
  pg_module *m;
  const uint8_t *bytes;
  size_t size;
} peek_ctx;

static void peek_worker(void *p) {
  peek_ctx *c = p;
  pg_read_module(c->m, c->bytes, c->size, &c->d);
}

pg_guest pg_guest_peek(const char *path, char *go_version, size_t n) {
  if (go_version && n) go_version[0] = 0;
  size_t size;
  uint8_t *bytes = pg_read_file(path, &size);
  if (!bytes) return PG_GUEST_UNREADABLE;
  pg_module m;
  memset(&m, 0, sizeof m);
  m.path = path;
  peek_ctx *c = pg_xcalloc(1, sizeof *c);
  *c = (peek_ctx){.m = &m, .bytes = bytes, .size = size};
  pg_guest g = PG_GUEST_UNREADABLE;
  if (size && pg_diag_try(&c->d, peek_worker, c)) {
    g = classify(&m);
    if (go_version && n) pg_go_version(&m, go_version, n);
  }
  pg_module_free(&m);
  free(c);
  free(bytes);
  return g;
}

const char *pg_guest_name(pg_guest g) {
  static const char *const names[] = {
      [PG_GUEST_UNREADABLE] = "unreadable",       [PG_GUEST_PLAIN] = "a module without imports",
      [PG_GUEST_GO_JS] = "a Go GOOS=js module",   [PG_GUEST_WASI] = "a WASI command",
      [PG_GUEST_WASI_REACTOR] = "a WASI module without _start",
      [PG_GUEST_OTHER] = "a module with imports no built-in host provides",
  };
  return names[g];
}
