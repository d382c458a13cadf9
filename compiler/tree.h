/*
 * tree.h - directory trees as pogo check compares them (tree.c): what a run left in its
 * scratch directory, as a sorted list of entries (path, type, permission bits, size and
 * content hash, link target), plus copying a tree in and removing one.
 */
#ifndef PG_TREE_H
#define PG_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct pg_tree_entry {
  char *path;        /* relative, '/'-separated */
  char kind;         /* 'd' directory, 'f' regular file, 'l' symlink, 'o' anything else */
  unsigned mode;     /* permission bits */
  uint64_t size;     /* files */
  char hash[17];     /* files: the first 16 hex digits of the contents' SHA-256 */
  char *target;      /* symlinks */
} pg_tree_entry;

typedef struct pg_tree {
  pg_tree_entry *e;
  size_t n, cap;
} pg_tree;

/* Every entry below dir, sorted by path (bytewise). Symlinks are not followed, and only
 * regular files are read. False with errno set if dir cannot be read. */
bool pg_tree_scan(const char *dir, pg_tree *t);
/* One line per entry: "dir PATH", "file PATH SIZE HASH", "link PATH -> TARGET",
 * "other PATH", each followed by " MODE" (octal) with perms; control characters and
 * backslashes in names escaped. */
void pg_tree_listing(const pg_tree *t, bool perms, pg_buf *out);
void pg_tree_free(pg_tree *t);

/* Copy the tree at from to to (which must not exist): directories, regular files and
 * symlinks, with their permission bits. False with a message in err. */
bool pg_tree_copy(const char *from, const char *to, char *err, size_t n);
/* Remove a tree, whatever the permissions a guest left on it (no symlink followed). */
void pg_tree_remove(const char *path);

#endif
