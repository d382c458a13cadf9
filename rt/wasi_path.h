/*
 * wasi_path.h - resolving guest paths beneath a preopened directory (the WASI sandbox).
 *
 * A guest names files as (directory fd, relative path). Whatever the path holds, the
 * object reached must lie inside the directory tree of that fd: no absolute paths, no
 * `..` above the directory, no symlink (anywhere in the path, including a final one
 * that is followed, and including O_CREAT through a dangling symlink) leading outside.
 * `..` and symlinks that stay inside are fine, as in every WASI runtime.
 *
 * Two strategies with the same results: openat2(2) with RESOLVE_BENEATH where the
 * kernel has it, and a component-by-component walk (O_NOFOLLOW at each step, symlinks
 * read and expanded by hand, at most 40 of them, a depth counter for `..`) elsewhere.
 * The walk is also selectable explicitly so that both are tested on every machine.
 *
 * Errors are host errno values (the caller maps them to WASI errnos), with one
 * addition: PG_WASI_ESCAPE when the path would leave the directory. No function here
 * keeps state between calls; fds returned are owned by the caller (O_CLOEXEC).
 */
#ifndef POGO_WASI_PATH_H
#define POGO_WASI_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Not a host errno: the path leaves the directory (absolute path, `..` above it, or a
 * symlink pointing outside). WASI reports it as ENOTCAPABLE. */
#define PG_WASI_ESCAPE 100000

typedef enum pg_wasi_resolver {
  PG_WASI_RESOLVE_AUTO = 0, /* openat2 if the kernel has it, else the walk */
  PG_WASI_RESOLVE_WALK,     /* always the component walk */
} pg_wasi_resolver;

/* open(2) of `path` (NUL-terminated, length > 0) beneath `dirfd`. `flags` are host
 * open flags (O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_PATH, O_RDWR, ...; O_NOFOLLOW
 * is ignored, use `follow`); O_CLOEXEC is always added. With `follow` false a final
 * symlink is not followed: opening it fails with ELOOP unless flags hold O_PATH, in
 * which case the fd refers to the link itself. The kernel's rules otherwise, under
 * both strategies: a trailing slash follows and requires a directory, O_CREAT with a
 * trailing slash is EISDIR, O_CREAT through a dangling symlink creates its target
 * (beneath, or PG_WASI_ESCAPE), O_CREAT|O_EXCL never follows (EEXIST on a symlink),
 * more than 40 symlinks is ELOOP, and what openat2 refuses is EINVAL before the path
 * is looked at (unknown flags, O_CREAT|O_DIRECTORY, O_PATH with flags other than
 * O_DIRECTORY, O_TMPFILE read-only). `mode` is masked to 07777 and used only when
 * creating. EAGAIN if concurrent renames kept a `..` from being checked. Where the
 * strategies differ: F_GETFL on an fd from the walk may show O_NOFOLLOW, and a procfs
 * magic link (/proc/N/fd/M) is ELOOP under openat2, PG_WASI_ESCAPE or ENOENT in the
 * walk (which reads it as the text it shows).
 * Returns 0 and *out, or an errno / PG_WASI_ESCAPE. */
int pg_wasi_open_beneath(pg_wasi_resolver how, int dirfd, const char *path, int flags, mode_t mode, bool follow,
                         int *out);

/* The directory holding the last component of `path`, for operations that act on a
 * name (mkdirat, unlinkat, renameat, symlinkat, linkat, readlinkat, fstatat with
 * AT_SYMLINK_NOFOLLOW, utimensat). Returns 0 with *parent (an O_PATH|O_DIRECTORY fd,
 * or a dup of dirfd) and the last component in base[0..basesz) (never empty, never
 * containing '/'). When that component is "." or "..", the whole path is first checked
 * to resolve inside the directory (so "a/.." is allowed, ".." is PG_WASI_ESCAPE);
 * callers then hand the name to the kernel, which refuses to create, remove or rename
 * "." and "..". *trailing_slash tells whether the path ended in '/' (the object must
 * then be a directory). Errors: ENOENT for "", ENAMETOOLONG if base does not fit, an
 * errno from walking the directories, or PG_WASI_ESCAPE. */
int pg_wasi_parent_beneath(pg_wasi_resolver how, int dirfd, const char *path, int *parent, char *base, size_t basesz,
                           bool *trailing_slash);

#endif /* POGO_WASI_PATH_H */
