/*
 * wasi_sock.c - WASI preview1 sockets: accepting on a listening socket preopened with
 * --tcplisten, and receiving, sending and shutting down on the connections it yields.
 * Preview1 has no way to create, bind or connect a socket, so a guest reaches only the
 * network it was handed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi.h"
#include "watchdog.h"

#define W(inst) ((inst)->wasi)

static wasi_fd *sock_fd(pg_inst_hdr *inst, uint32_t fd, uint64_t rights, uint32_t *e) {
  wasi_fd *f = pg_wasi_fd_get(W(inst), fd, rights, e);
  if (f && f->type != W_FT_SOCK_STREAM && f->type != W_FT_SOCK_DGRAM) {
    *e = W_ENOTSOCK;
    return NULL;
  }
  return f;
}

uint32_t pg_wasi_sock_accept(pg_inst_hdr *inst, uint32_t fd, uint32_t flags, uint32_t out) {
  uint32_t e;
  wasi_fd *f = sock_fd(inst, fd, R_SOCK_ACCEPT, &e);
  if (!f) return e;
  if (flags & ~(uint32_t)W_FDF_NONBLOCK) return W_EINVAL;
  if (!pg_wasi_mem(inst, out, 4)) return W_EFAULT;
  int c;
  do c = accept4(f->host, NULL, NULL, SOCK_CLOEXEC | (flags & W_FDF_NONBLOCK ? SOCK_NONBLOCK : 0));
  while (c < 0 && errno == EINTR && (pg_interrupt_check(inst), true));
  if (c < 0) return pg_wasi_errno(errno);
  uint32_t slot;
  if (!pg_wasi_fd_add(W(inst), c, W_FT_SOCK_STREAM, R_SOCKET & ~R_SOCK_ACCEPT, 0, &slot, &e)) return e;
  return pg_wasi_put32(inst, out, slot);
}

static uint32_t msg(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t count, int flags, bool send,
                    uint32_t len_out, uint32_t flags_out) {
  uint32_t e;
  wasi_fd *f = sock_fd(inst, fd, send ? R_FD_WRITE : R_FD_READ, &e);
  if (!f) return e;
  if (!pg_wasi_mem(inst, len_out, 4) || (!send && !pg_wasi_mem(inst, flags_out, 2))) return W_EFAULT;
  struct iovec local[8], *iov;
  int n = 0;
  if ((e = pg_wasi_gather(inst, iovs, count, local, 8, &iov, &n))) return e;
  struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)n};
  ssize_t r;
  for (;;) {
    r = send ? sendmsg(f->host, &m, flags | MSG_NOSIGNAL) : recvmsg(f->host, &m, flags);
    if (r >= 0 || errno != EINTR) break;
    if (pg_interrupt_pending()) { /* past the time limit */
      pg_wasi_iov_done(iov, local);
      pg_interrupt_check(inst);
    }
  }
  e = r < 0 ? pg_wasi_errno(errno) : 0;
  pg_wasi_iov_done(iov, local);
  if (e) return e;
  if (!send) pg_wasi_st16(pg_wasi_mem(inst, flags_out, 2), m.msg_flags & MSG_TRUNC ? 1 : 0);
  return pg_wasi_put32(inst, len_out, (uint32_t)r);
}

uint32_t pg_wasi_sock_recv(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t count, uint32_t riflags,
                           uint32_t len_out, uint32_t flags_out) {
  if (riflags & ~3u) return W_EINVAL;
  int flags = (riflags & 1 ? MSG_PEEK : 0) | (riflags & 2 ? MSG_WAITALL : 0);
  return msg(inst, fd, iovs, count, flags, false, len_out, flags_out);
}

uint32_t pg_wasi_sock_send(pg_inst_hdr *inst, uint32_t fd, uint32_t iovs, uint32_t count, uint32_t siflags,
                           uint32_t len_out) {
  if (siflags) return W_EINVAL;
  return msg(inst, fd, iovs, count, 0, true, len_out, 0);
}

uint32_t pg_wasi_sock_shutdown(pg_inst_hdr *inst, uint32_t fd, uint32_t how) {
  uint32_t e;
  wasi_fd *f = sock_fd(inst, fd, R_SOCK_SHUTDOWN, &e);
  if (!f) return e;
  if (how == 0 || how > 3) return W_EINVAL;
  int h = how == 3 ? SHUT_RDWR : how == 1 ? SHUT_RD : SHUT_WR;
  return shutdown(f->host, h) ? pg_wasi_errno(errno) : 0;
}
