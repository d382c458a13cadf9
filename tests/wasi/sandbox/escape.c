/*
 * escape.c - a WASI guest that tries to leave its sandbox. Each argument is one
 * operation "op:path[:path2]" performed with the raw WASI call on the preopen at fd 3
 * (no libc path handling in between); it prints "op:path[:path2] -> errno" (0 on
 * success). test_sandbox.py checks every result and that nothing outside changed.
 */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define ROOT 3

static int op(const char *op, const char *a, const char *b) {
  __wasi_fd_t fd = 0;
  __wasi_filestat_t st;
  __wasi_size_t used;
  char buf[256];
  const __wasi_rights_t rd = __WASI_RIGHTS_FD_READ, wr = __WASI_RIGHTS_FD_WRITE;
  int e;
  if (!strcmp(op, "open")) e = __wasi_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, 0, rd, 0, 0, &fd);
  else if (!strcmp(op, "open_nofollow")) e = __wasi_path_open(ROOT, 0, a, 0, rd, 0, 0, &fd);
  else if (!strcmp(op, "create"))
    e = __wasi_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, __WASI_OFLAGS_CREAT, wr, 0, 0, &fd);
  else if (!strcmp(op, "truncate"))
    e = __wasi_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, __WASI_OFLAGS_TRUNC, wr, 0, 0, &fd);
  else if (!strcmp(op, "opendir"))
    e = __wasi_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, __WASI_OFLAGS_DIRECTORY,
                         __WASI_RIGHTS_FD_READDIR, 0, 0, &fd);
  else if (!strcmp(op, "mkdir")) e = __wasi_path_create_directory(ROOT, a);
  else if (!strcmp(op, "rmdir")) e = __wasi_path_remove_directory(ROOT, a);
  else if (!strcmp(op, "unlink")) e = __wasi_path_unlink_file(ROOT, a);
  else if (!strcmp(op, "rename")) e = __wasi_path_rename(ROOT, a, ROOT, b);
  else if (!strcmp(op, "symlink")) e = __wasi_path_symlink(a, ROOT, b);
  else if (!strcmp(op, "link")) e = __wasi_path_link(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, ROOT, b);
  else if (!strcmp(op, "link_nofollow")) e = __wasi_path_link(ROOT, 0, a, ROOT, b);
  else if (!strcmp(op, "readlink")) e = __wasi_path_readlink(ROOT, a, (uint8_t *)buf, sizeof buf, &used);
  else if (!strcmp(op, "stat")) e = __wasi_path_filestat_get(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, &st);
  else if (!strcmp(op, "lstat")) e = __wasi_path_filestat_get(ROOT, 0, a, &st);
  else if (!strcmp(op, "touch"))
    e = __wasi_path_filestat_set_times(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, a, 0, 0,
                                       __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW);
  else if (!strcmp(op, "badfd")) e = __wasi_path_open(9, 0, a, 0, rd, 0, 0, &fd);
  else return -1;
  if (e == 0 && fd > ROOT && __wasi_fd_close(fd) != 0) return -2;
  return e;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char spec[512];
    snprintf(spec, sizeof spec, "%s", argv[i]);
    char *a = strchr(spec, ':');
    if (!a) return 2;
    *a++ = 0;
    char *b = strchr(a, ':');
    if (b) *b++ = 0;
    printf("%s -> %d\n", argv[i], op(spec, a, b));
  }
  return 0;
}
