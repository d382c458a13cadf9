/*
 * wasi.h - inside the WASI preview1 host: the context, the fd table, guest-memory
 * access and the WASI constants the rt/wasi_*.c files share.
 *
 * Invariants:
 *  - Every guest pointer is checked against the memory's current size before use
 *    (pg_wasi_mem); a range outside memory is EFAULT, never an access.
 *  - Guest fd numbers index w->fds; a slot is open when host >= 0 or it is a preopen.
 *    Host descriptors are O_CLOEXEC. Preopened directories cannot be renumbered away
 *    from the table but may be closed by the guest.
 *  - Rights are tracked per fd (base and inheriting) and can only shrink; operations
 *    check them and fail with ENOTCAPABLE.
 */
#ifndef POGO_RT_WASI_H
#define POGO_RT_WASI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pogo-abi.h"
#include "pogo-wasi.h"
#include "wasi_path.h"

/* errno values of WASI preview1 */
enum {
  W_ESUCCESS = 0, W_E2BIG = 1, W_EACCES = 2, W_EADDRINUSE = 3, W_EADDRNOTAVAIL = 4, W_EAFNOSUPPORT = 5,
  W_EAGAIN = 6, W_EALREADY = 7, W_EBADF = 8, W_EBADMSG = 9, W_EBUSY = 10, W_ECANCELED = 11, W_ECHILD = 12,
  W_ECONNABORTED = 13, W_ECONNREFUSED = 14, W_ECONNRESET = 15, W_EDEADLK = 16, W_EDESTADDRREQ = 17,
  W_EDOM = 18, W_EDQUOT = 19, W_EEXIST = 20, W_EFAULT = 21, W_EFBIG = 22, W_EHOSTUNREACH = 23, W_EIDRM = 24,
  W_EILSEQ = 25, W_EINPROGRESS = 26, W_EINTR = 27, W_EINVAL = 28, W_EIO = 29, W_EISCONN = 30, W_EISDIR = 31,
  W_ELOOP = 32, W_EMFILE = 33, W_EMLINK = 34, W_EMSGSIZE = 35, W_EMULTIHOP = 36, W_ENAMETOOLONG = 37,
  W_ENETDOWN = 38, W_ENETRESET = 39, W_ENETUNREACH = 40, W_ENFILE = 41, W_ENOBUFS = 42, W_ENODEV = 43,
  W_ENOENT = 44, W_ENOEXEC = 45, W_ENOLCK = 46, W_ENOLINK = 47, W_ENOMEM = 48, W_ENOMSG = 49,
  W_ENOPROTOOPT = 50, W_ENOSPC = 51, W_ENOSYS = 52, W_ENOTCONN = 53, W_ENOTDIR = 54, W_ENOTEMPTY = 55,
  W_ENOTRECOVERABLE = 56, W_ENOTSOCK = 57, W_ENOTSUP = 58, W_ENOTTY = 59, W_ENXIO = 60, W_EOVERFLOW = 61,
  W_EOWNERDEAD = 62, W_EPERM = 63, W_EPIPE = 64, W_EPROTO = 65, W_EPROTONOSUPPORT = 66, W_EPROTOTYPE = 67,
  W_ERANGE = 68, W_EROFS = 69, W_ESPIPE = 70, W_ESRCH = 71, W_ESTALE = 72, W_ETIMEDOUT = 73, W_ETXTBSY = 74,
  W_EXDEV = 75, W_ENOTCAPABLE = 76,
};

/* filetype */
enum {
  W_FT_UNKNOWN = 0, W_FT_BLOCK = 1, W_FT_CHAR = 2, W_FT_DIR = 3, W_FT_REG = 4, W_FT_SOCK_DGRAM = 5,
  W_FT_SOCK_STREAM = 6, W_FT_SYMLINK = 7,
};

/* fdflags, oflags, lookupflags, fstflags */
enum { W_FDF_APPEND = 1, W_FDF_DSYNC = 2, W_FDF_NONBLOCK = 4, W_FDF_RSYNC = 8, W_FDF_SYNC = 16 };
enum { W_O_CREAT = 1, W_O_DIRECTORY = 2, W_O_EXCL = 4, W_O_TRUNC = 8 };
enum { W_LOOKUP_SYMLINK_FOLLOW = 1 };
enum { W_FST_ATIM = 1, W_FST_ATIM_NOW = 2, W_FST_MTIM = 4, W_FST_MTIM_NOW = 8 };

/* rights */
#define R_FD_DATASYNC (1ull << 0)
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC (1ull << 4)
#define R_FD_TELL (1ull << 5)
#define R_FD_WRITE (1ull << 6)
#define R_FD_ADVISE (1ull << 7)
#define R_FD_ALLOCATE (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE (1ull << 10)
#define R_PATH_LINK_SOURCE (1ull << 11)
#define R_PATH_LINK_TARGET (1ull << 12)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_PATH_READLINK (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE (1ull << 26)
#define R_POLL_FD_READWRITE (1ull << 27)
#define R_SOCK_SHUTDOWN (1ull << 28)
#define R_SOCK_ACCEPT (1ull << 29)
#define R_ALL ((1ull << 30) - 1)

/* what an fd of each kind can ever do */
#define R_REGULAR                                                                                                    \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_TELL | R_FD_WRITE |             \
   R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES |              \
   R_POLL_FD_READWRITE)
#define R_DIRECTORY                                                                                                  \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_ADVISE | R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE |                 \
   R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK | R_PATH_RENAME_SOURCE |   \
   R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET | R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES |              \
   R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE |    \
   R_POLL_FD_READWRITE)
#define R_TTY (R_FD_READ | R_FD_FDSTAT_SET_FLAGS | R_FD_WRITE | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE)
#define R_SOCKET                                                                                                     \
  (R_FD_READ | R_FD_FDSTAT_SET_FLAGS | R_FD_WRITE | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN |     \
   R_SOCK_ACCEPT)

typedef struct wasi_dirent {
  char *name;
  uint64_t ino;
  uint8_t type;
} wasi_dirent;

typedef struct wasi_fd {
  int host;                 /* -1: slot free */
  uint8_t type;             /* W_FT_* */
  uint64_t base, inheriting;
  char *preopen;            /* guest name of a preopened directory, else NULL */
  bool stdio;               /* the process's own 0/1/2: closed only in the table */
  bool listener;            /* a preopened listening socket */
  wasi_dirent *dir;         /* fd_readdir: the listing taken at cookie 0 */
  uint32_t ndir;
} wasi_fd;

struct pg_wasi {
  char **argv;
  uint32_t argc;
  char **env;
  uint32_t nenv;
  wasi_fd *fds;
  uint32_t nfds;
  pg_wasi_resolver resolver;
  bool exited;
  uint32_t exit_code;
  int stdio_host[3];        /* the host descriptors behind the guest's 0/1/2 */
  int stdio_flags[3];       /* their O_* status flags at start, restored at the end */
  bool stdio_changed[3];
};

/* Guest memory: a checked pointer to [ptr, ptr+len), or NULL (EFAULT). */
static inline uint8_t *pg_wasi_mem(pg_inst_hdr *inst, uint32_t ptr, uint64_t len) {
  wasm_rt_memory_t *m = inst->mem;
  if (!m || (uint64_t)ptr + len > m->size) return NULL;
  return m->data + ptr;
}
static inline uint32_t pg_wasi_ld32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t pg_wasi_ld64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static inline void pg_wasi_st16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void pg_wasi_st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void pg_wasi_st64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
/* store a u32 / u64 result at a guest address, EFAULT if outside memory */
uint32_t pg_wasi_put32(pg_inst_hdr *inst, uint32_t ptr, uint32_t v);
uint32_t pg_wasi_put64(pg_inst_hdr *inst, uint32_t ptr, uint64_t v);

/* Host errno (or PG_WASI_ESCAPE) to a WASI errno. */
uint32_t pg_wasi_errno(int host_errno);

/* The fd table. get: the open entry for a guest fd having all of `rights`, with its
 * WASI errno in *e otherwise (EBADF / ENOTCAPABLE). */
wasi_fd *pg_wasi_fd_get(pg_wasi *w, uint32_t fd, uint64_t rights, uint32_t *e);
/* Put a host fd into the lowest free slot; false (EMFILE/ENOMEM) if impossible, in
 * which case the host fd is closed. */
bool pg_wasi_fd_add(pg_wasi *w, int host, uint8_t type, uint64_t base, uint64_t inheriting, uint32_t *out,
                    uint32_t *e);
void pg_wasi_fd_release(wasi_fd *f);
uint8_t pg_wasi_filetype(mode_t mode);
/* The guest string [ptr, ptr+len) as a NUL-terminated copy (free it), or NULL with *e
 * (EFAULT; EILSEQ for an embedded NUL; ENOMEM). */
char *pg_wasi_path(pg_inst_hdr *inst, uint32_t ptr, uint32_t len, uint32_t *e);
/* WASI times and fstflags as utimensat's pair; false if the flags contradict. */
struct timespec;
bool pg_wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]);
/* utimensat on any descriptor, O_PATH ones included; 0 or an errno. */
int pg_wasi_utimes_fd(int fd, const struct timespec ts[2]);
/* Guest iovec array (count entries at iovs, at most IOV_MAX used) as host iovecs: in
 * local (room for nlocal) when they fit, else in a malloc'd array; *out is whichever,
 * *n how many. EFAULT if any part is outside memory. Release with pg_wasi_iov_done. */
struct iovec;
uint32_t pg_wasi_gather(pg_inst_hdr *inst, uint32_t iovs, uint32_t count, struct iovec *local, size_t nlocal,
                        struct iovec **out, int *n);
static inline void pg_wasi_iov_done(struct iovec *iov, struct iovec *local) {
  if (iov != local) free(iov);
}
/* A WASI filestat (64 bytes) from a stat. */
void pg_wasi_put_filestat(uint8_t *out, const struct stat *st);

/* The implementations, declared from the same table the compiler binds imports with,
 * so a definition of the wrong type does not compile. */
#define I32 uint32_t
#define I64 uint64_t
#define VOID WASM_RT_NO_RETURN void
#define PG_WASI_UNPAREN(...) __VA_ARGS__
#define PG_WASI_FN(name, result, params) result pg_wasi_##name(pg_inst_hdr *inst, PG_WASI_UNPAREN params);
#define PG_WASI_FN0(name, result) result pg_wasi_##name(pg_inst_hdr *inst);
#include "pogo-wasi.def"
#undef PG_WASI_FN
#undef PG_WASI_FN0
#undef PG_WASI_UNPAREN
#undef I32
#undef I64
#undef VOID

#endif /* POGO_RT_WASI_H */
