/*
 * corpus.h - helpers shared by the WASI C corpus (tests/wasi/c, run by
 * tests/wasi/run_c_corpus.py under node's WASI and under pogo).
 *
 * Every program prints only facts that both runtimes must agree on, so results go
 * through these helpers: a call's outcome is printed as its return value or as the
 * errno's name, WASI number and strerror text, never as anything host-specific
 * (addresses, times, inode numbers, random bytes).
 */
#ifndef CORPUS_H
#define CORPUS_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define CORPUS_ERRNOS(X)                                                                       \
  X(E2BIG) X(EACCES) X(EAGAIN) X(EBADF) X(EBUSY) X(EEXIST) X(EFAULT) X(EFBIG) X(EINTR)      \
  X(EINVAL) X(EIO) X(EISDIR) X(ELOOP) X(EMFILE) X(EMLINK) X(ENAMETOOLONG) X(ENOENT)          \
  X(ENOMEM) X(ENOSPC) X(ENOSYS) X(ENOTDIR) X(ENOTEMPTY) X(ENOTSUP) X(ENOTTY) X(ENXIO)        \
  X(EOVERFLOW) X(EPERM) X(EPIPE) X(ERANGE) X(EROFS) X(ESPIPE) X(EXDEV) X(ENOTCAPABLE)

static inline const char *errno_name(int e) {
  switch (e) {
#define CORPUS_CASE(n) case n: return #n;
    CORPUS_ERRNOS(CORPUS_CASE)
#undef CORPUS_CASE
  }
  return "E?";
}

/* "what: NAME (number) text" for the current errno. */
static inline void show_errno(const char *what) {
  int e = errno;
  printf("%s: %s (%d) %s\n", what, errno_name(e), e, strerror(e));
}

/* A call returning -1 on failure: "what: ok" (rc 0), "what: = rc", or the errno. */
static inline long show(const char *what, long rc) {
  if (rc < 0)
    show_errno(what);
  else if (rc == 0)
    printf("%s: ok\n", what);
  else
    printf("%s: = %ld\n", what, rc);
  return rc;
}

#endif /* CORPUS_H */
