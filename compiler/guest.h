/*
 * guest.h - what kind of guest a module is, from its imports and exports (guest.c):
 * which host runs it, and so which reference engine `pogo check` compares it with and
 * which grants `pogo exec` gives it.
 */
#ifndef PG_GUEST_H
#define PG_GUEST_H

#include <stddef.h>

#include "module.h"

typedef enum pg_guest {
  PG_GUEST_UNREADABLE,   /* not a module pogo can read (the build says why) */
  PG_GUEST_PLAIN,        /* no imports */
  PG_GUEST_GO_JS,        /* imports gojs (Go 1.21+) or go (Go 1.19, 1.20) */
  PG_GUEST_WASI,         /* imports only wasi_snapshot_preview1, exports _start */
  PG_GUEST_WASI_REACTOR, /* imports only wasi_snapshot_preview1, no _start */
  PG_GUEST_OTHER,        /* imports a built-in host does not provide */
} pg_guest;

/* Read the module at path (sections, no validation) and classify it; with go_version,
 * also the Go version that built it ("" when unknown). */
pg_guest pg_guest_peek(const char *path, char *go_version, size_t n);

/* "a Go GOOS=js module", ... for messages */
const char *pg_guest_name(pg_guest g);

#endif
