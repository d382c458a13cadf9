/*
 * symtab.c - native code addresses to function names (see symtab.h).
 *
 * Three sources, best first:
 *  1. the guest module's function table (pg_module_info: each function's C address
 *     and wasm name), which survives stripping;
 *  2. the executable's own ELF symbol table (.symtab, else .dynsym), read from
 *     /proc/self/exe: names for the runtime's C functions and, for every function,
 *     its extent (st_size), so an address past a function's end is not blamed on it;
 *  3. dladdr, for code in shared libraries (libc, libm).
 * Without extents (a stripped executable) a guest function extends to the next known
 * start: nearest-start, approximate at the edges of the generated code.
 *
 * Invariant: the entries are sorted by start and do not overlap; lookups are binary
 * searches. Run-time addresses are symbol values plus the executable's load bias (PIE).
 */
#define _GNU_SOURCE
#include "symtab.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct sym {
  uintptr_t start, end;      /* end 0: unknown */
  const char *name;
  bool guest;
} sym;

struct pg_symtab {
  sym *syms;
  size_t nsyms, cap;
  char *strtab;              /* the executable's string table (names point into it) */
  char *guest_names;         /* "func[N]" names made up for unnamed guest functions */
  pg_code_segment *segs;
  size_t nsegs, segs_cap;
  char **paths;              /* owned copies of object paths */
  size_t npaths;
  uintptr_t bias;            /* load bias of the executable */
};

static bool push_sym(pg_symtab *t, sym s) {
  if (t->nsyms == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    sym *n = realloc(t->syms, cap * sizeof *n);
    if (!n) return false;
    t->syms = n;
    t->cap = cap;
  }
  t->syms[t->nsyms++] = s;
  return true;
}

/* ---- loaded objects ---- */

static const char *keep_path(pg_symtab *t, const char *path) {
  char **n = realloc(t->paths, (t->npaths + 1) * sizeof *n);
  if (!n) return "";
  t->paths = n;
  char *copy = strdup(path);
  if (!copy) return "";
  t->paths[t->npaths++] = copy;
  return copy;
}

static int add_object(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  pg_symtab *t = arg;
  bool main = t->nsegs == 0 && t->npaths == 0 && (!info->dlpi_name || !info->dlpi_name[0]);
  const char *path = info->dlpi_name && info->dlpi_name[0] ? info->dlpi_name : "";
  char exe[PATH_MAX];
  if (main) {
    t->bias = info->dlpi_addr;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    path = exe;
  }
  path = keep_path(t, path);
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
    if (t->nsegs == t->segs_cap) {
      size_t cap = t->segs_cap ? t->segs_cap * 2 : 16;
      pg_code_segment *s = realloc(t->segs, cap * sizeof *s);
      if (!s) return 1;
      t->segs = s;
      t->segs_cap = cap;
    }
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    t->segs[t->nsegs++] = (pg_code_segment){start, start + ph->p_memsz, ph->p_offset, path, main};
  }
  return 0;
}

/* ---- the executable's ELF symbols ---- */

static void *read_at(int fd, uint64_t off, uint64_t n, uint64_t file_size) {
  if (off > file_size || n > file_size - off || n > SIZE_MAX - 1) return NULL;
  char *p = malloc(n + 1);
  if (!p) return NULL;
  if (pread(fd, p, n, (off_t)off) != (ssize_t)n) {
    free(p);
    return NULL;
  }
  p[n] = 0; /* a string table read this way always ends in NUL */
  return p;
}

/* Function symbols of .symtab (else .dynsym); false only when out of memory. */
static bool load_elf(pg_symtab *t) {
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;
  bool ok = true;
  ElfW(Ehdr) eh;
  ElfW(Shdr) *sh = NULL;
  ElfW(Sym) *syms = NULL;
  off_t end = lseek(fd, 0, SEEK_END);
  uint64_t size = end > 0 ? (uint64_t)end : 0;
  if (pread(fd, &eh, sizeof eh, 0) != sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_shentsize != sizeof(ElfW(Shdr)) || !eh.e_shnum)
    goto done;
  sh = read_at(fd, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof *sh, size);
  if (!sh) goto done;
  const ElfW(Shdr) *symsec = NULL;
  for (unsigned want = SHT_SYMTAB; !symsec && want; want = want == SHT_SYMTAB ? SHT_DYNSYM : 0)
    for (unsigned i = 0; i < eh.e_shnum; i++)
      if (sh[i].sh_type == want && sh[i].sh_entsize == sizeof(ElfW(Sym)) && sh[i].sh_link < eh.e_shnum) {
        symsec = &sh[i];
        break;
      }
  if (!symsec) goto done;
  const ElfW(Shdr) *strsec = &sh[symsec->sh_link];
  syms = read_at(fd, symsec->sh_offset, symsec->sh_size, size);
  t->strtab = read_at(fd, strsec->sh_offset, strsec->sh_size, size);
  if (!syms || !t->strtab) goto done;
  size_t n = symsec->sh_size / sizeof *syms;
  for (size_t i = 0; i < n && ok; i++) {
    const ElfW(Sym) *s = &syms[i];
    if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx == SHN_UNDEF || !s->st_value ||
        s->st_name >= strsec->sh_size)
      continue;
    uintptr_t start = t->bias + s->st_value;
    ok = push_sym(t, (sym){start, s->st_size ? start + s->st_size : 0, t->strtab + s->st_name, false});
  }
done:
  free(sh);
  free(syms);
  close(fd);
  return ok;
}

/* ---- guest functions ---- */

static int by_start(const void *a, const void *b) {
  const sym *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  /* at one address, guest names first, then the symbol with a known extent */
  if (x->guest != y->guest) return x->guest ? -1 : 1;
  return (y->end != 0) - (x->end != 0);
}

static bool add_guest(pg_symtab *t, const pg_module_info *mi) {
  size_t unnamed = 0;
  const char *p = mi->func_names;
  for (uint32_t i = 0; i < mi->num_funcs; i++, p += strlen(p) + 1)
    if (!*p) unnamed++;
  t->guest_names = malloc(unnamed * 24 + 1);
  if (!t->guest_names) return false;
  char *made = t->guest_names;
  p = mi->func_names;
  for (uint32_t i = 0; i < mi->num_funcs; i++, p += strlen(p) + 1) {
    const char *name = p;
    if (!*p) {
      snprintf(made, 24, "func[%u]", i);
      name = made;
      made += strlen(made) + 1;
    }
    if (!mi->funcs[i].fn) continue;
    if (!push_sym(t, (sym){(uintptr_t)mi->funcs[i].fn, 0, name, true})) return false;
  }
  return true;
}

pg_symtab *pg_symtab_load(const pg_module_info *guest) {
  pg_symtab *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  dl_iterate_phdr(add_object, t);
  if (!load_elf(t) || (guest && !add_guest(t, guest))) {
    pg_symtab_free(t);
    return NULL;
  }
  qsort(t->syms, t->nsyms, sizeof *t->syms, by_start);
  /* one entry per address: a guest name takes the extent of the ELF symbol there */
  size_t k = 0;
  for (size_t i = 0; i < t->nsyms; i++) {
    if (k && t->syms[k - 1].start == t->syms[i].start) {
      if (!t->syms[k - 1].end) t->syms[k - 1].end = t->syms[i].end;
      continue;
    }
    t->syms[k++] = t->syms[i];
  }
  t->nsyms = k;
  /* unknown extents reach the next start (the last one reaches the end of its segment) */
  for (size_t i = 0; i < t->nsyms; i++) {
    if (t->syms[i].end) continue;
    if (i + 1 < t->nsyms) t->syms[i].end = t->syms[i + 1].start;
    else {
      const pg_code_segment *s = pg_symtab_segment(t, t->syms[i].start);
      t->syms[i].end = s ? s->limit : t->syms[i].start + 1;
    }
  }
  return t;
}

void pg_symtab_free(pg_symtab *t) {
  if (!t) return;
  free(t->syms);
  free(t->strtab);
  free(t->guest_names);
  free(t->segs);
  for (size_t i = 0; i < t->npaths; i++) free(t->paths[i]);
  free(t->paths);
  free(t);
}

const char *pg_symtab_lookup(pg_symtab *t, uintptr_t pc, bool *guest) {
  *guest = false;
  size_t lo = 0, hi = t->nsyms;
  while (lo < hi) { /* first entry starting above pc */
    size_t mid = lo + (hi - lo) / 2;
    if (t->syms[mid].start <= pc) lo = mid + 1;
    else hi = mid;
  }
  if (lo && pc < t->syms[lo - 1].end) {
    *guest = t->syms[lo - 1].guest;
    return t->syms[lo - 1].name;
  }
  const pg_code_segment *seg = pg_symtab_segment(t, pc);
  if (seg && seg->main) return NULL; /* the executable's own symbols were all read above */
  Dl_info di;
  if (dladdr((void *)pc, &di) && di.dli_sname && di.dli_saddr && (uintptr_t)di.dli_saddr <= pc) return di.dli_sname;
  return NULL;
}

size_t pg_symtab_segments(const pg_symtab *t, const pg_code_segment **out) {
  *out = t->segs;
  return t->nsegs;
}

const pg_code_segment *pg_symtab_segment(const pg_symtab *t, uintptr_t pc) {
  for (size_t i = 0; i < t->nsegs; i++)
    if (pc >= t->segs[i].start && pc < t->segs[i].limit) return &t->segs[i];
  return NULL;
}
