/*
 * elfsyms.c - wasm names in the symbol table of built executables, so that perf, gdb
 * and addr2line show Go's "main.main" where the C code says app_main_main.
 *
 * The names are the wasm names, or for Go modules Go's own (gonames.c). The executable
 * is linked under the C names first; only then are entries of its symbol table
 * renamed, so a guest name can never change what links to what. Only names that
 * cannot be C identifiers are used (they contain '.', '/', '(' ...: Go's "main.main",
 * "runtime.mallocgc", "internal/poll.(*FD).Write"), so no guest function
 * appears under the name of a C library or runtime function; a name that could be a
 * C identifier ("memcmp", a C guest's "fib") keeps its prefixed C name (app_fib). Local
 * clones the C compiler makes (app_f.cold, app_f.part.0) take the new name with their
 * suffix. A name two functions share is given to the first only.
 *
 * The rewrite: the symbols' string table (.strtab, which is not loaded at run time)
 * gets the new names appended and moves, with the section header table, to the end of
 * the file; the only other change is st_name of the renamed symbols. A file that is
 * not what this expects (not 64-bit little-endian ELF, no .symtab, a loaded string
 * table) is left as it is.
 */
#include "elfsyms.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "util.h"

typedef struct rename {
  const char *from, *to;
} rename_t;

static bool c_identifier(const char *s) {
  if (!*s) return false;
  for (; *s; s++)
    if (!(*s == '_' || (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
      return false;
  return true;
}

static bool printable(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || *s == 0x7f) return false;
  return true;
}

static int by_from(const void *a, const void *b) {
  return strcmp(((const rename_t *)a)->from, ((const rename_t *)b)->from);
}

/* The renames of one module, sorted by C name; *n of them. */
static rename_t *renames(const pg_module *m, const char *const *names, size_t *n) {
  rename_t *r = pg_xcalloc(m->nfuncs ? m->nfuncs : 1, sizeof *r);
  pg_strset used = {0};
  *n = 0;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    const pg_func *f = &m->funcs[i];
    const char *name = names && names[i] ? names[i] : f->wname;
    if (!name || c_identifier(name) || !printable(name) || !pg_strset_add(&used, name)) continue;
    r[(*n)++] = (rename_t){f->cname, name};
  }
  pg_strset_free(&used);
  qsort(r, *n, sizeof *r, by_from);
  return r;
}

static bool in_file(uint64_t off, uint64_t len, size_t size) { return off <= size && len <= size - off; }

bool pg_elf_name_functions(const char *path, const pg_module *m, const char *const *names) {
  size_t size;
  uint8_t *f = pg_read_file(path, &size);
  if (!f) return false;
  bool ok = true;
  size_t nren;
  rename_t *ren = renames(m, names, &nren);
  pg_buf strtab_new = {0};
  Elf64_Ehdr *eh = (Elf64_Ehdr *)f;
  if (!nren || size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
      eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_shentsize != sizeof(Elf64_Shdr) ||
      !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), size) || eh->e_shoff % 8)
    goto done;
  Elf64_Shdr *sh = (Elf64_Shdr *)(f + eh->e_shoff);
  Elf64_Shdr *symsec = NULL;
  for (unsigned i = 0; i < eh->e_shnum && !symsec; i++)
    if (sh[i].sh_type == SHT_SYMTAB) symsec = &sh[i];
  if (!symsec || symsec->sh_entsize != sizeof(Elf64_Sym) || symsec->sh_link >= eh->e_shnum ||
      symsec->sh_offset % 8 || !in_file(symsec->sh_offset, symsec->sh_size, size))
    goto done;
  Elf64_Shdr *strsec = &sh[symsec->sh_link];
  if (strsec->sh_type != SHT_STRTAB || (strsec->sh_flags & SHF_ALLOC) || !strsec->sh_size ||
      !in_file(strsec->sh_offset, strsec->sh_size, size) || f[strsec->sh_offset + strsec->sh_size - 1] != 0)
    goto done;

  const char *strtab = (const char *)f + strsec->sh_offset;
  pg_buf_put(&strtab_new, strtab, strsec->sh_size);
  Elf64_Sym *syms = (Elf64_Sym *)(f + symsec->sh_offset);
  size_t nsyms = symsec->sh_size / sizeof *syms, renamed = 0;
  char base[512];
  for (size_t i = 0; i < nsyms; i++) {
    Elf64_Sym *s = &syms[i];
    if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx == SHN_UNDEF || s->st_name >= strsec->sh_size) continue;
    const char *name = strtab + s->st_name;
    size_t blen = strcspn(name, "."); /* C names have no dots: the rest is a clone's suffix */
    if (blen >= sizeof base) continue;
    memcpy(base, name, blen);
    base[blen] = 0;
    rename_t key = {base, NULL};
    const rename_t *r = bsearch(&key, ren, nren, sizeof *ren, by_from);
    if (!r) continue;
    s->st_name = (uint32_t)strtab_new.len;
    pg_buf_puts(&strtab_new, r->to);
    pg_buf_put(&strtab_new, name + blen, strlen(name + blen) + 1);
    renamed++;
  }
  if (!renamed || strtab_new.len > UINT32_MAX) goto done;

  /* the file as it was, then the new string table, then the section headers */
  size_t str_at = size, sh_at = (str_at + strtab_new.len + 7) & ~(size_t)7;
  size_t total = sh_at + (size_t)eh->e_shnum * sizeof(Elf64_Shdr);
  uint8_t *out = pg_xcalloc(1, total);
  memcpy(out, f, size);
  memcpy(out + str_at, strtab_new.data, strtab_new.len);
  memcpy(out + sh_at, sh, (size_t)eh->e_shnum * sizeof(Elf64_Shdr));
  Elf64_Shdr *nsh = (Elf64_Shdr *)(out + sh_at);
  nsh[symsec->sh_link].sh_offset = str_at;
  nsh[symsec->sh_link].sh_size = strtab_new.len;
  ((Elf64_Ehdr *)out)->e_shoff = sh_at;
  ok = pg_write_file_atomic(path, out, total, 0755);
  free(out);
done:
  pg_buf_free(&strtab_new);
  free(ren);
  free(f);
  return ok;
}
