/*
 * out.h - an output directory that appears whole or not at all.
 *
 * Files are written into a private temporary directory beside the target; commit
 * renames them into place, abort deletes them. A write error (a full disk, say) fails
 * through pg_diag, and the command's error path aborts, so no half-written file is left.
 */
#ifndef PG_OUT_H
#define PG_OUT_H

#include <stdio.h>

#include "util.h"

typedef struct pg_outdir {
  char *dir;
  char *tmp;
  char **files;
  size_t nfiles, cap;
  FILE *cur;
  char *cur_name;
  pg_diag *d;
  bool created;        /* dir did not exist before: abort removes it again */
} pg_outdir;

/* Create `dir` (and parents) and the temporary beside it. */
void pg_out_begin(pg_outdir *o, const char *dir, pg_diag *d);
/* A pg_emit_sink: append a chunk to file `name`; the last chunk closes it. */
void pg_out_chunk(void *ctx, const char *name, const pg_buf *b, bool last);
/* A whole file at once. */
void pg_out_file(pg_outdir *o, const char *name, const void *data, size_t n);
void pg_out_commit(pg_outdir *o);
void pg_out_abort(pg_outdir *o);

/* mkdir -p; false with errno set on failure. */
bool pg_mkdirs(const char *path);
/* rm -rf of a directory pogo created (no symlinks followed). */
void pg_rmtree(const char *path);
/* Read a whole file; NULL with errno set on failure. */
uint8_t *pg_read_file(const char *path, size_t *size);
/* The same, failing with EFBIG for a file (or stream) of more than max bytes, which it
 * does not read. */
uint8_t *pg_read_file_max(const char *path, size_t max, size_t *size);
/* Write a file atomically (temp + rename); false with errno set on failure. */
bool pg_write_file_atomic(const char *path, const void *data, size_t n, int mode);
/* Copy a file atomically, keeping `mode`. */
bool pg_copy_file_atomic(const char *from, const char *to, int mode);

#endif
