/*
 * driver.c - emit-c, build and run: bytes -> reader -> validator -> emitter -> C -> cc.
 *
 * Builds go through a content-addressed cache: the key covers the module bytes, the
 * options that change the output, the C compiler, and the pogo executable and runtime
 * library themselves, so a hit is always the binary this pogo would build now. An
 * entry is assembled in a temporary directory and renamed into place, so concurrent
 * builds and interrupted ones never leave a partial entry.
 */
#define _GNU_SOURCE
#include "driver.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc.h"
#include "elfsyms.h"
#include "emit.h"
#include "gonames.h"
#include "out.h"
#include "sha256.h"

/* ---- reporting and loading ---- */

void pg_report(const char *file, const pg_diag *d) {
  if (d->has_offset) fprintf(stderr, "pogo: %s: 0x%zx: %s\n", file, d->offset, d->msg);
  else fprintf(stderr, "pogo: %s: %s\n", file, d->msg);
}

/* A prefix P names P_t, P_instantiate, P_<export>..., and files P.h, P.c. It must not
 * make P_t one of the C library's or POSIX's types (a module named time.wasm would
 * redefine time_t), nor put generated names into the runtime's own namespaces. */
static bool prefix_reserved(const char *p) {
  static const char *const types[] = {
      "time",      "clock",     "clockid",  "size",     "ssize",      "off",       "pid",      "uid",
      "gid",       "mode",      "dev",      "ino",      "key",        "id",        "nlink",    "blksize",
      "blkcnt",    "fsblkcnt",  "fsfilcnt", "suseconds", "useconds",  "timer",     "locale",   "wchar",
      "wint",      "wctype",    "wctrans",  "ptrdiff",  "intptr",     "uintptr",   "intmax",   "uintmax",
      "int8",      "int16",     "int32",    "int64",    "uint8",      "uint16",    "uint32",   "uint64",
      "sig_atomic", "sigset",   "fpos",     "pthread",  "socklen",    "sa_family", "in_addr",  "in_port",
      "mbstate",   "div",       "ldiv",     "lldiv",    "max_align",  "float",     "double",   "char16",
      "char32",    "regoff",    "nfds",     "rlim",     "cc",         "speed",     "tcflag",   "caddr",
      "daddr",     "fd_mask",   "loff",     "register", "u_char",     "u_int",     "u_long",   "u_short",
      "u8",        "u16",       "u32",      "u64",      "s8",         "s16",       "s32",      "s64",
      "f32",       "f64",       "v128",
  };
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (!strcmp(p, types[i])) return true;
  static const char *const spaces[] = {"pg", "pogo", "wasm", "wasm_rt"};
  for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
    if (!strcmp(p, spaces[i]) || (!strncmp(p, spaces[i], strlen(spaces[i])) && p[strlen(spaces[i])] == '_'))
      return true;
  return false;
}

void pg_default_prefix(const char *path, char *out, size_t n) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t o = 0;
  for (const char *p = base; *p && *p != '.' && o + 1 < n && o < 40; p++)
    out[o++] = isalnum((unsigned char)*p) && (unsigned char)*p < 0x80 ? *p : '_';
  out[o] = 0;
  if (!o || isdigit((unsigned char)out[0])) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "m_%s", out);
    snprintf(out, n, "%s", tmp);
  }
  if (prefix_reserved(out)) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s_mod", out);
    snprintf(out, n, "%s", tmp);
  }
}

static bool valid_prefix(const char *s) {
  if (!s[0] || isdigit((unsigned char)s[0]) || strlen(s) > 40) return false;
  for (const char *p = s; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '_') return false;
  return true;
}

/* The module's bytes, or NULL after reporting why not: unreadable, or larger than pogo
 * reads (PG_MAX_MODULE_BYTES, checked before reading). */
static uint8_t *read_module(const char *path, size_t *size) {
  uint8_t *bytes = pg_read_file_max(path, PG_MAX_MODULE_BYTES, size);
  if (!bytes && errno == EFBIG)
    fprintf(stderr, "pogo: %s: larger than %u MiB (implementation limit for a module)\n", path, PG_MAX_MODULE_BYTES >> 20);
  else if (!bytes)
    fprintf(stderr, "pogo: %s: %s\n", path, strerror(errno));
  return bytes;
}

typedef struct load_ctx {
  pg_diag d;
  pg_module *m;
  const uint8_t *bytes;
  size_t size;
  const char *prefix;
} load_ctx;

static void load_worker(void *p) {
  load_ctx *c = p;
  if (c->size == 0) pg_fail(&c->d, 0, "empty file: not a WebAssembly binary");
  pg_read_module(c->m, c->bytes, c->size, &c->d);
  pg_validate_module(c->m, &c->d);
  pg_names_assign(c->m, c->prefix);
  pg_goabi_detect(c->m, &c->d);
  pg_wasi_bind(c->m);
}

bool pg_load_module(const pg_opts *o, pg_module *m, uint8_t **bytes, size_t *size, const char **prefix_out) {
  static char prefix[64];
  if (o->name) {
    if (!valid_prefix(o->name)) {
      fprintf(stderr, "pogo: --name %s: not a C identifier of at most 40 characters\n", o->name);
      return false;
    }
    if (prefix_reserved(o->name)) {
      fprintf(stderr, "pogo: --name %s: reserved (%s_t or the prefix would clash with C library or pogo names)\n",
              o->name, o->name);
      return false;
    }
    snprintf(prefix, sizeof prefix, "%s", o->name);
  } else {
    pg_default_prefix(o->input, prefix, sizeof prefix);
  }
  *bytes = read_module(o->input, size);
  if (!*bytes) return false;
  memset(m, 0, sizeof *m);
  m->path = o->input;
  load_ctx *c = pg_xcalloc(1, sizeof *c);
  c->m = m;
  c->bytes = *bytes;
  c->size = *size;
  c->prefix = prefix;
  bool ok = pg_diag_try(&c->d, load_worker, c);
  if (!ok) {
    pg_report(o->input, &c->d);
    pg_module_free(m);
    free(*bytes);
    *bytes = NULL;
  }
  free(c);
  if (ok) *prefix_out = prefix;
  return ok;
}

static unsigned default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

/* Function parts: -j if given, else one per core but no more than one per 32 KiB of
 * code (tiny modules compile fastest as one unit). */
static unsigned part_count(const pg_opts *o, const pg_module *m) {
  if (o->jobs) return o->jobs;
  uint64_t code = 0;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) code += m->funcs[i].body_end - m->funcs[i].body_off;
  unsigned cores = default_jobs();
  uint64_t by_size = 1 + code / (32 * 1024);
  return by_size < cores ? (unsigned)by_size : cores;
}

static const char *base_name(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

typedef struct emit_ctx {
  pg_diag d;
  pg_outdir out;
  const pg_module *m;
  const char *dir;
  pg_emit_opts eo;
  const char *extra_name, *extra;
} emit_ctx;

static void emit_worker(void *p) {
  emit_ctx *c = p;
  pg_out_begin(&c->out, c->dir, &c->d);
  pg_emit_module(c->m, &c->eo, &c->d, pg_out_chunk, &c->out);
  for (size_t i = 0; i < pg_embedded_header_count; i++)
    pg_out_file(&c->out, pg_embedded_headers[i].name, pg_embedded_headers[i].data, pg_embedded_headers[i].size);
  if (c->extra_name) pg_out_file(&c->out, c->extra_name, c->extra, strlen(c->extra));
  pg_out_commit(&c->out);
}

/* Write the module's C and the pogo headers into dir. Reports and returns false on
 * failure, leaving nothing behind. */
static bool emit_dir(const pg_opts *o, const pg_module *m, const char *prefix, const char *dir, unsigned parts,
                     const char *extra_name, const char *extra) {
  emit_ctx *c = pg_xcalloc(1, sizeof *c);
  c->m = m;
  c->dir = dir;
  c->eo = (pg_emit_opts){prefix, parts, base_name(o->input)};
  c->extra_name = extra_name;
  c->extra = extra;
  bool ok = pg_diag_try(&c->d, emit_worker, c);
  if (!ok) {
    pg_out_abort(&c->out);
    pg_report(o->input, &c->d);
  }
  free(c);
  return ok;
}

int pg_cmd_emit_c(const pg_opts *o) {
  pg_module m;
  uint8_t *bytes;
  size_t size;
  const char *prefix;
  if (!pg_load_module(o, &m, &bytes, &size, &prefix)) return 1;
  bool ok = emit_dir(o, &m, prefix, o->output, part_count(o, &m), NULL, NULL);
  pg_module_free(&m);
  free(bytes);
  return ok ? 0 : 1;
}

/* ---- locating the runtime ---- */

static char *exe_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return pg_xstrdup(".");
  buf[n] = 0;
  return pg_xstrdup(dirname(buf));
}

/* libpogo_rt.a: $POGO_RUNTIME_DIR, next to the pogo executable (build tree), or
 * ../lib/pogo relative to it (installed). */
static char *find_runtime(void) {
  const char *env = getenv("POGO_RUNTIME_DIR");
  char path[PATH_MAX];
  if (env && *env) {
    snprintf(path, sizeof path, "%s/libpogo_rt.a", env);
    if (access(path, R_OK) == 0) return pg_xstrdup(path);
  }
  char *dir = exe_dir();
  snprintf(path, sizeof path, "%s/libpogo_rt.a", dir);
  if (access(path, R_OK) != 0) snprintf(path, sizeof path, "%s/../lib/pogo/libpogo_rt.a", dir);
  free(dir);
  if (access(path, R_OK) != 0) return NULL;
  return pg_xstrdup(path);
}

static void hash_file(pg_sha256 *s, const char *path) {
  size_t n;
  uint8_t *data = pg_read_file(path, &n);
  if (!data) {
    pg_sha256_update(s, "missing", 7);
    return;
  }
  pg_sha256_update(s, data, n);
  free(data);
}

static char *cache_root(void) {
  const char *env = getenv("POGO_CACHE_DIR");
  char path[PATH_MAX];
  if (env && *env) return pg_xstrdup(env);
  const char *xdg = getenv("XDG_CACHE_HOME");
  const char *home = getenv("HOME");
  if (xdg && *xdg) snprintf(path, sizeof path, "%s/pogo", xdg);
  else if (home && *home) snprintf(path, sizeof path, "%s/.cache/pogo", home);
  else snprintf(path, sizeof path, "/tmp/pogo-cache-%ld", (long)getuid());
  return pg_xstrdup(path);
}

/* ---- building ---- */

typedef struct build {
  const pg_opts *o;
  const char *cc;
  char *runtime;          /* libpogo_rt.a */
  char *runtime_main;     /* libpogo_main.a beside it */
  char key[65];
  char *entry;            /* cache entry directory (final) */
  char *artifact;         /* path of the executable or library inside the entry */
} build;

/* WASI options a build bakes into the executable (run passes them at run time, so
 * that one cached build serves every set of options). */
static const char *baked_wasi(const pg_opts *o) {
  return o->wasi_opts && !strcmp(o->cmd, "build") ? o->wasi_opts : "";
}

static bool is_tcc(const char *cc);

/* Frame pointers: tcc and -O0 keep them anyway; GCC and Clang optimising need flags
 * (which are then part of the cache key). */
static bool adds_frame_pointers(const pg_opts *o, const char *cc) {
  return o->frame_pointers && o->opt_level > 0 && !is_tcc(cc);
}
static bool keeps_frame_pointers(const pg_opts *o, const char *cc) {
  return o->frame_pointers || o->opt_level == 0 || is_tcc(cc);
}

/* Limits likewise: baked by build, in the environment for run. */
static bool bakes_limits(const pg_opts *o) { return !strcmp(o->cmd, "build"); }

static void flag_line(const pg_opts *o, const char *cc, char *out, size_t n) {
  bool bake = bakes_limits(o);
  snprintf(out, n, "O%d lib=%d name=%s jobs=%u cc=%s guest=%s wasi=%s fp=%d mem=%llu time=%llu%s", o->opt_level,
           o->lib, o->name ? o->name : "", o->jobs, cc, POGO_GUEST_FLAGS, baked_wasi(o), adds_frame_pointers(o, cc),
           (unsigned long long)(bake ? o->max_memory : 0), (unsigned long long)(bake ? o->timeout_ns : 0),
           o->run_exports ? " exports" : "");
}

static void compute_key(build *b, const uint8_t *bytes, size_t size) {
  pg_sha256 s;
  pg_sha256_init(&s);
  char flags[512];
  flag_line(b->o, b->cc, flags, sizeof flags);
  pg_sha256_update(&s, "pogo-build-1", 13);
  pg_sha256_update(&s, flags, strlen(flags) + 1);
  pg_sha256_update(&s, base_name(b->o->input), strlen(base_name(b->o->input)) + 1);
  pg_sha256_update(&s, bytes, size);
  hash_file(&s, "/proc/self/exe");
  hash_file(&s, b->runtime);
  hash_file(&s, b->runtime_main);
  uint8_t digest[32];
  pg_sha256_final(&s, digest);
  pg_sha256_hex(digest, b->key);
}

static char *path2(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = pg_xmalloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

/* pogo-main.c: connects the runtime's main() to the module. The two kinds of program
 * differ in how they run: the _start export, or Go's run/resume through the Go host. */
static void put_c_literal(pg_buf *b, const char *s) {
  pg_buf_putc(b, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') pg_buf_printf(b, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f) pg_buf_printf(b, "\\%03o", c);
    else pg_buf_putc(b, (char)c);
  }
  pg_buf_putc(b, '"');
}

/* Names for profiles: Go's own where pclntab has them (gonames.c), else the module's. */
static void put_names(pg_buf *b, const pg_module *m, const char *const *go_names) {
  pg_buf_puts(b, "static const char func_names[] =\n");
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const char *n = go_names[i] ? go_names[i] : m->funcs[i].wname ? m->funcs[i].wname : "";
    pg_buf_puts(b, "  ");
    put_c_literal(b, n);
    pg_buf_puts(b, " \"\\0\"\n");
  }
  pg_buf_puts(b, "  ;\n");
}

static char *program_glue(const pg_opts *o, const pg_module *m, const char *P, const pg_export *start,
                          const char *file, bool frame_pointers, const char *const *go_names) {
  pg_buf b = {0};
  bool wasi = m->nwasi_imports > 0;
  pg_buf_puts(&b, "/* pogo-main.c - generated by pogo: connects the runtime's main() to the module. */\n");
  pg_buf_printf(&b, "#include \"%s.h\"\n%s%s\n", P, m->go.is_go ? "#include \"pogo-go.h\"\n" : "",
                wasi ? "#include \"pogo-wasi.h\"\n" : "");
  pg_buf_printf(&b,
                "static pg_inst_hdr *instantiate(void *host, struct pg_wasi *wasi, pg_trap_info *err) {\n"
                "  %s_imports imports = {0};\n"
                "  %s\n"
                "  return (pg_inst_hdr *)%s_instantiate(host, &imports, err);\n"
                "}\n"
                "static void destroy(pg_inst_hdr *inst) { %s_free((%s_t *)inst); }\n",
                P, wasi ? "imports.wasi = wasi;" : "(void)wasi;", P, P, P);
  if (go_names) put_names(&b, m, go_names);
  const char *names = go_names ? "func_names" : "NULL";
  if (m->go.is_go) {
    pg_buf_printf(&b, "static struct pg_go *go(pg_inst_hdr *inst) { return %s_go((%s_t *)inst); }\n", P, P);
    pg_buf_printf(&b, "const pg_program pogo_program = {\"%s\", instantiate, destroy, NULL, go, pg_go_main, NULL, %s, %s, ",
                  file, frame_pointers ? "true" : "false", names);
  } else {
    pg_buf_printf(&b, "static void start(void *inst) { %s((%s_t *)inst); }\n", start->cname, P);
    pg_buf_printf(&b, "const pg_program pogo_program = {\"%s\", instantiate, destroy, start, NULL, %s, ", file,
                  wasi ? "pg_wasi_main" : "pg_plain_main");
    put_c_literal(&b, baked_wasi(o));
    pg_buf_printf(&b, ", %s, %s, ", frame_pointers ? "true" : "false", names);
  }
  bool bake = bakes_limits(o);
  pg_buf_printf(&b, "%lluu, %lluu};\n", (unsigned long long)(bake ? o->max_memory : 0),
                (unsigned long long)(bake ? o->timeout_ns : 0));
  return b.data;
}

/* Executables need a host for the imports: a Go js/wasm module runs on the Go host;
 * otherwise the module may import only WASI preview1 functions (the WASI host) and
 * must export _start of type [] -> []. */
static const pg_export *find_start(const pg_module *m, const char *file) {
  static const pg_export go_entry; /* Go modules start through run, not _start */
  if (m->go.is_go) return &go_entry;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const pg_import *im = &m->imports[i];
    if (im->wasi == PG_WASI_UNBOUND) {
      char why[400];
      fprintf(stderr, "pogo: %s: %s\n", file, pg_wasi_unbound_reason(m, im, why, sizeof why));
      return NULL;
    }
  }
  if (m->nimports > m->nwasi_imports) {
    const pg_import *im = m->imports;
    while (im->wasi != PG_WASI_NONE) im++; /* the first one no built-in host provides */
    fprintf(stderr,
            "pogo: %s: imports %.*s.%.*s (and %u more): no built-in host provides them; "
            "use --lib and define them in C\n",
            file, (int)im->module.len, (const char *)im->module.p, (int)im->field.len, (const char *)im->field.p,
            m->nimports - m->nwasi_imports - 1);
    return NULL;
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    const pg_export *e = &m->exports[i];
    if (e->kind == PG_EXT_FUNC && e->name.len == 6 && memcmp(e->name.p, "_start", 6) == 0) {
      const pg_functype *t = pg_func_type(m, e->index);
      if (t->nparams || t->nresults) {
        fprintf(stderr, "pogo: %s: export _start must have type [] -> []\n", file);
        return NULL;
      }
      return e;
    }
  }
  fprintf(stderr, "pogo: %s: no exported _start function to run (use --lib for a library)\n", file);
  return NULL;
}

static void argv_push(char ***v, size_t *n, size_t *cap, const char *s) {
  if (*n + 2 > *cap) {
    *cap = *cap ? *cap * 2 : 32;
    *v = pg_xrealloc(*v, *cap * sizeof **v);
  }
  (*v)[(*n)++] = pg_xstrdup(s);
  (*v)[*n] = NULL;
}

static void argv_free(char **v) {
  if (!v) return;
  for (char **p = v; *p; p++) free(*p);
  free(v);
}

/* Flags that keep wasm semantics in generated C, by compiler family: GCC and Clang
 * must not contract FP operations, fold away signalling NaNs or turn self tail calls
 * into loops; tcc does none of that (and compiles in a fraction of the time, which is
 * what -O0 builds are for). */
static bool is_tcc(const char *cc) {
  const char *base = strrchr(cc, '/');
  base = base ? base + 1 : cc;
  return strncmp(base, "tcc", 3) == 0;
}

static const char *const *cc_flags(const char *cc) {
  static const char *const gnu[] = {"-std=c17", "-ffp-contract=off", "-fno-optimize-sibling-calls",
                                    "-fsignaling-nans", "-fno-strict-aliasing", "-w", NULL};
  static const char *const tcc[] = {"-w", NULL};
  return is_tcc(cc) ? tcc : gnu;
}

/* The output of `prog arg` (captured through a log in odir), or NULL. */
static char *query(const char *prog, const char *arg, const char *odir) {
  char *log = path2(odir, "query.log");
  char *argv[] = {(char *)prog, (char *)arg, NULL};
  pg_cc_job j = {argv, log};
  char err[200];
  char *txt = NULL;
  if (pg_cc_run(&j, 1, 1, err, sizeof err)) {
    size_t sz;
    txt = (char *)pg_read_file(log, &sz);
    if (txt) txt[sz] = 0;
  }
  free(log);
  return txt;
}

/* The first line after `key` in text (trimmed), malloc'd, or NULL. */
static char *line_after(const char *text, const char *key) {
  const char *at = text ? strstr(text, key) : NULL;
  if (!at) return NULL;
  at += strlen(key);
  at += strspn(at, " \t\n");
  size_t n = strcspn(at, "\n");
  if (!n) return NULL;
  char *s = pg_xmalloc(n + 1);
  memcpy(s, at, n);
  s[n] = 0;
  return s;
}

/* tcc's helper library (64-bit conversions and the like): code tcc compiled needs it
 * when another linker links it. */
static char *tcc_libtcc1(const char *cc, const char *odir) {
  char *txt = query(cc, "-print-search-dirs", odir);
  char *path = line_after(txt, "libtcc1:");
  free(txt);
  return path;
}

/* Compile the .c files in cdir into objects, then link or archive into `out`. */
static bool compile_and_link(build *b, const char *cdir, const char *odir, const char *out, const char *prefix,
                             unsigned parts, bool with_main) {
  const pg_opts *o = b->o;
  char err[600];
  size_t nsrc = 0;
  char *srcs[1100];
  char name[300];
  snprintf(name, sizeof name, "%s.c", prefix);
  srcs[nsrc++] = pg_xstrdup(name);
  for (unsigned k = 0; k < parts && nsrc < 1000; k++) {
    snprintf(name, sizeof name, "%s-%u.c", prefix, k);
    srcs[nsrc++] = pg_xstrdup(name);
  }
  if (with_main) srcs[nsrc++] = pg_xstrdup("pogo-main.c");

  pg_cc_job *jobs = pg_xcalloc(nsrc + 1, sizeof *jobs);
  char opt[8];
  snprintf(opt, sizeof opt, "-O%d", o->opt_level);
  for (size_t i = 0; i < nsrc; i++) {
    char **argv = NULL;
    size_t n = 0, cap = 0;
    char *src = path2(cdir, srcs[i]);
    char *obj = path2(odir, srcs[i]);
    obj[strlen(obj) - 1] = 'o';
    argv_push(&argv, &n, &cap, b->cc);
    for (const char *const *f = cc_flags(b->cc); *f; f++) argv_push(&argv, &n, &cap, *f);
    if (adds_frame_pointers(o, b->cc)) {
      argv_push(&argv, &n, &cap, "-fno-omit-frame-pointer");
      argv_push(&argv, &n, &cap, "-mno-omit-leaf-frame-pointer");
      argv_push(&argv, &n, &cap, "-DPG_FRAME_POINTERS"); /* frames from the first instruction (pogo-ops.h) */
    }
    /* no -I: the generated files find each other beside themselves, and a module named
     * like a system header (time.h, math.h) must not shadow it */
    const char *args[] = {opt, "-c", src, "-o", obj};
    for (size_t k = 0; k < sizeof args / sizeof args[0]; k++) argv_push(&argv, &n, &cap, args[k]);
    if (POGO_GUEST_FLAGS[0]) argv_push(&argv, &n, &cap, POGO_GUEST_FLAGS);
    jobs[i].argv = argv;
    jobs[i].log = pg_xmalloc(strlen(obj) + 5);
    sprintf(jobs[i].log, "%s.log", obj);
    free(src);
    free(obj);
  }
  unsigned par = o->jobs ? o->jobs : default_jobs();
  bool ok = pg_cc_run(jobs, nsrc, par, err, sizeof err);
  for (size_t i = 0; i < nsrc; i++) {
    argv_free(jobs[i].argv);
    free(jobs[i].log);
  }
  if (!ok) {
    fprintf(stderr, "pogo: %s: %s\n", o->input, err);
    goto done;
  }

  {
    char **argv = NULL;
    size_t n = 0, cap = 0;
    char *log = path2(odir, "link.log");
    char *script = NULL;
    char *libtcc1 = is_tcc(b->cc) ? tcc_libtcc1(b->cc, odir) : NULL;
    if (is_tcc(b->cc) && !libtcc1) {
      fprintf(stderr, "pogo: %s: cannot find tcc's libtcc1.a (tcc -print-search-dirs)\n", o->input);
      ok = false;
      free(log);
      goto done;
    }
    if (o->lib) {
      /* one archive: the module, the pogo runtime and wabt's runtime (found the way the
       * compiler itself would find it) */
      char *txt = query(is_tcc(b->cc) ? "cc" : b->cc, "-print-file-name=libwasm-rt-impl.a", odir);
      char *rtimpl = txt && txt[0] == '/' ? line_after(txt, "") : NULL;
      free(txt);
      if (!rtimpl) {
        fprintf(stderr, "pogo: %s: libwasm-rt-impl.a not found by '%s' (is wabt installed?)\n", o->input, b->cc);
        ok = false;
        free(log);
        goto done;
      }
      pg_buf s = {0};
      pg_buf_printf(&s, "CREATE %s\n", out);
      for (size_t i = 0; i < nsrc; i++) {
        char *obj = path2(odir, srcs[i]);
        obj[strlen(obj) - 1] = 'o';
        pg_buf_printf(&s, "ADDMOD %s\n", obj);
        free(obj);
      }
      pg_buf_printf(&s, "ADDLIB %s\nADDLIB %s\n", b->runtime, rtimpl);
      if (libtcc1) pg_buf_printf(&s, "ADDLIB %s\n", libtcc1);
      pg_buf_puts(&s, "SAVE\nEND\n");
      free(rtimpl);
      script = path2(odir, "lib.mri");
      if (!pg_write_file_atomic(script, s.data, s.len, 0644)) {
        fprintf(stderr, "pogo: %s: %s\n", script, strerror(errno));
        ok = false;
      }
      pg_buf_free(&s);
      /* ar -M reads its script on stdin: run it through sh with a redirect */
      pg_buf cmd = {0};
      pg_buf_printf(&cmd, "ar -M < '%s'", script);
      argv_push(&argv, &n, &cap, "sh");
      argv_push(&argv, &n, &cap, "-c");
      argv_push(&argv, &n, &cap, cmd.data);
      pg_buf_free(&cmd);
    } else {
      /* tcc's linker does not take every relocation of the GCC-built runtime */
      argv_push(&argv, &n, &cap, is_tcc(b->cc) ? "cc" : b->cc);
      argv_push(&argv, &n, &cap, "-o");
      argv_push(&argv, &n, &cap, out);
      for (size_t i = 0; i < nsrc; i++) {
        char *obj = path2(odir, srcs[i]);
        obj[strlen(obj) - 1] = 'o';
        argv_push(&argv, &n, &cap, obj);
        free(obj);
      }
      argv_push(&argv, &n, &cap, b->runtime_main);
      argv_push(&argv, &n, &cap, b->runtime);
      if (POGO_GUEST_FLAGS[0]) argv_push(&argv, &n, &cap, POGO_GUEST_FLAGS);
      argv_push(&argv, &n, &cap, "-lwasm-rt-impl");
      if (libtcc1) argv_push(&argv, &n, &cap, libtcc1);
      argv_push(&argv, &n, &cap, "-lm");
      argv_push(&argv, &n, &cap, "-lpthread");
    }
    if (ok) {
      pg_cc_job link = {argv, log};
      ok = pg_cc_run(&link, 1, 1, err, sizeof err);
      if (!ok) fprintf(stderr, "pogo: %s: %s\n", o->input, err);
    }
    argv_free(argv);
    free(log);
    free(script);
    free(libtcc1);
  }
done:
  for (size_t i = 0; i < nsrc; i++) free(srcs[i]);
  free(jobs);
  return ok;
}

/* Build into the cache (or a scratch directory with --no-cache). On success b->artifact
 * is the built file. */
static bool build_artifact(build *b) {
  const pg_opts *o = b->o;
  b->cc = o->cc ? o->cc : (getenv("CC") && *getenv("CC") ? getenv("CC") : "cc");
  b->runtime = find_runtime();
  if (!b->runtime) {
    fprintf(stderr, "pogo: libpogo_rt.a not found next to the pogo executable, in ../lib/pogo, or in $POGO_RUNTIME_DIR\n");
    return false;
  }
  /* libpogo_main.a always sits beside libpogo_rt.a */
  size_t dirlen = (size_t)(strrchr(b->runtime, '/') - b->runtime);
  b->runtime_main = pg_xmalloc(dirlen + sizeof "/libpogo_main.a");
  snprintf(b->runtime_main, dirlen + sizeof "/libpogo_main.a", "%.*s/libpogo_main.a", (int)dirlen, b->runtime);
  size_t size;
  uint8_t *raw = read_module(o->input, &size);
  if (!raw) return false;
  compute_key(b, raw, size);
  free(raw);
  char *root = o->no_cache ? NULL : cache_root();
  const char *artifact_name = o->lib ? "lib.a" : "app";
  if (root) {
    char sub[80];
    snprintf(sub, sizeof sub, "%.2s/%s", b->key, b->key);
    b->entry = path2(root, sub);
    b->artifact = path2(b->entry, artifact_name);
    if (!o->keep_c && access(b->artifact, R_OK) == 0) {
      free(root);
      return true;
    }
  }

  pg_module m;
  uint8_t *bytes;
  const char *prefix;
  if (!pg_load_module(o, &m, &bytes, &size, &prefix)) {
    free(root);
    return false;
  }
  const pg_export *start = o->lib || o->run_exports ? NULL : find_start(&m, o->input);
  if (o->run_exports && m.nimports) {
    fprintf(stderr, "pogo: %s: has imports: only a module without imports can run its exports alone\n", o->input);
    pg_module_free(&m);
    free(bytes);
    free(root);
    return false;
  }
  if (!o->lib && !o->run_exports && !start) {
    pg_module_free(&m);
    free(bytes);
    free(root);
    return false;
  }

  /* scratch directory: inside the cache root when there is one, so the final rename
   * stays on one filesystem */
  char *scratch_parent = root ? pg_xstrdup(root) : pg_xstrdup(getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!pg_mkdirs(scratch_parent)) {
    fprintf(stderr, "pogo: %s: %s\n", scratch_parent, strerror(errno));
    pg_module_free(&m);
    free(bytes);
    free(root);
    free(scratch_parent);
    return false;
  }
  char *scratch = path2(scratch_parent, "tmp-XXXXXX");
  free(scratch_parent);
  bool ok = mkdtemp(scratch) != NULL;
  if (!ok) fprintf(stderr, "pogo: %s: %s\n", scratch, strerror(errno));

  unsigned parts = part_count(o, &m);
  char *cdir = o->keep_c ? pg_xstrdup(o->keep_c) : path2(scratch, "c");
  char *odir = path2(scratch, "o");
  char *glue = NULL;
  /* executables: Go's own function names, for profiles and the symbol table */
  const char **go_names = o->lib ? NULL : pg_xcalloc(m.nfuncs ? m.nfuncs : 1, sizeof *go_names);
  if (go_names && !pg_go_names(&m, go_names, &m.arena)) {
    free(go_names);
    go_names = NULL;
  }
  if (ok && !o->lib) {
    char file[256];
    snprintf(file, sizeof file, "%s", base_name(o->input));
    for (char *p = file; *p; p++)
      if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || *p == '?') *p = '_';
    glue = o->run_exports ? pg_exports_glue(&m, prefix, file)
                          : program_glue(o, &m, prefix, start, file, keeps_frame_pointers(o, b->cc), go_names);
  }
  if (ok) ok = emit_dir(o, &m, prefix, cdir, parts, glue ? "pogo-main.c" : NULL, glue);
  if (ok && !pg_mkdirs(odir)) {
    fprintf(stderr, "pogo: %s: %s\n", odir, strerror(errno));
    ok = false;
  }
  char *out = path2(scratch, artifact_name);
  if (ok) ok = compile_and_link(b, cdir, odir, out, prefix, parts, !o->lib);
  if (ok && !o->lib && !pg_elf_name_functions(out, &m, go_names)) {
    fprintf(stderr, "pogo: %s: cannot name the functions of the executable: %s\n", o->input, strerror(errno));
    ok = false;
  }
  if (ok && o->lib) {
    /* the public header travels with the library */
    char hname[300];
    snprintf(hname, sizeof hname, "%s.h", prefix);
    char *hsrc = path2(cdir, hname), *hdst = path2(scratch, hname);
    ok = pg_copy_file_atomic(hsrc, hdst, 0644);
    free(hsrc);
    free(hdst);
    /* and the runtime's headers: pogo.h (the embedding API), pogo-wasi.h, pogo-abi.h */
    static const char *const rt_headers[] = {"pogo-abi.h", "pogo-wasi.h", "pogo.h"};
    for (size_t i = 0; i < sizeof rt_headers / sizeof rt_headers[0]; i++) {
      char *asrc = path2(cdir, rt_headers[i]), *adst = path2(scratch, rt_headers[i]);
      ok = ok && pg_copy_file_atomic(asrc, adst, 0644);
      free(asrc);
      free(adst);
    }
    char *pn = path2(scratch, "prefix");
    ok = ok && pg_write_file_atomic(pn, prefix, strlen(prefix), 0644);
    free(pn);
    if (!ok) fprintf(stderr, "pogo: %s: cannot copy the library header: %s\n", o->input, strerror(errno));
  }
  free(glue);
  free(go_names);
  pg_rmtree(odir);
  if (!o->keep_c) pg_rmtree(cdir);
  free(odir);
  free(cdir);
  pg_module_free(&m);
  free(bytes);

  if (ok && root) {
    char *parent = pg_xstrdup(b->entry);
    *strrchr(parent, '/') = 0;
    pg_mkdirs(parent);
    free(parent);
    if (rename(scratch, b->entry) != 0) {
      /* another build won the race (or an old entry exists): keep theirs */
      pg_rmtree(b->entry);
      if (rename(scratch, b->entry) != 0) pg_rmtree(scratch);
    }
    free(scratch);
    free(out);
  } else if (ok) {
    b->entry = scratch;
    b->artifact = out;
  } else {
    pg_rmtree(scratch);
    free(scratch);
    free(out);
  }
  free(root);
  return ok && access(b->artifact, R_OK) == 0;
}

static void build_free(build *b) {
  free(b->runtime);
  free(b->runtime_main);
  free(b->entry);
  free(b->artifact);
}

char *pg_build_executable(const pg_opts *o, char **scratch) {
  build b = {o, NULL, NULL, NULL, "", NULL, NULL};
  *scratch = NULL;
  char *artifact = NULL;
  if (build_artifact(&b)) {
    artifact = b.artifact;
    b.artifact = NULL;
    if (o->no_cache) {
      *scratch = b.entry;
      b.entry = NULL;
    }
  }
  build_free(&b);
  return artifact;
}

int pg_cmd_build(const pg_opts *o) {
  build b = {o, NULL, NULL, NULL, "", NULL, NULL};
  bool ok = build_artifact(&b);
  if (ok) {
    if (!pg_copy_file_atomic(b.artifact, o->output, o->lib ? 0644 : 0755)) {
      fprintf(stderr, "pogo: %s: %s\n", o->output, strerror(errno));
      ok = false;
    }
  }
  if (ok && o->lib) {
    /* header(s) next to the library */
    char *dir = pg_xstrdup(o->output);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    else strcpy(dir, ".");
    char *pfile = path2(b.entry, "prefix");
    size_t n;
    char *prefix = (char *)pg_read_file(pfile, &n);
    free(pfile);
    if (prefix) {
      prefix[n] = 0;
      char hname[300];
      snprintf(hname, sizeof hname, "%s.h", prefix);
      const char *files[] = {hname, "pogo-abi.h", "pogo-wasi.h", "pogo.h"};
      for (size_t i = 0; i < sizeof files / sizeof files[0] && ok; i++) {
        char *src = path2(b.entry, files[i]), *dst = path2(dir, files[i]);
        if (!pg_copy_file_atomic(src, dst, 0644)) {
          fprintf(stderr, "pogo: %s: %s\n", dst, strerror(errno));
          ok = false;
        }
        free(src);
        free(dst);
      }
      free(prefix);
    }
    free(dir);
  }
  if (o->no_cache && b.entry) pg_rmtree(b.entry);
  build_free(&b);
  return ok ? 0 : 1;
}

int pg_cmd_run(const pg_opts *o) {
  build b = {o, NULL, NULL, NULL, "", NULL, NULL};
  if (!build_artifact(&b)) {
    build_free(&b);
    return 1;
  }
  if (o->wasi_opts) {
    /* the built program reads run-time WASI options from here (rt/wasi_main.c) */
    const char *prev = getenv("POGO_WASI");
    pg_buf v = {0};
    if (prev && *prev) pg_buf_printf(&v, "%s\n", prev);
    pg_buf_puts(&v, o->wasi_opts);
    setenv("POGO_WASI", v.data, 1);
    pg_buf_free(&v);
  }
  if (o->cpuprofile) {
    /* the built program writes the profile (rt/profile.c); a directory that is not
     * there is reported now rather than after the guest has run */
    char *dir = pg_xstrdup(o->cpuprofile);
    char *slash = strrchr(dir, '/');
    const char *d = slash ? (slash == dir ? "/" : (*slash = 0, dir)) : ".";
    struct stat st;
    errno = 0;
    bool dir_ok = stat(d, &st) == 0 && S_ISDIR(st.st_mode);
    if (!dir_ok) fprintf(stderr, "pogo: --cpuprofile %s: %s\n", o->cpuprofile, strerror(errno ? errno : ENOTDIR));
    free(dir);
    if (!dir_ok) {
      build_free(&b);
      return 1;
    }
    setenv("POGO_CPUPROFILE", o->cpuprofile, 1);
  }
  /* the built program reads run-time limits from here (rt/limit.c) */
  char num[32];
  if (o->max_memory) {
    snprintf(num, sizeof num, "%llu", (unsigned long long)o->max_memory);
    setenv("POGO_MAX_MEMORY", num, 1);
  }
  if (o->timeout_ns) {
    snprintf(num, sizeof num, "%lluns", (unsigned long long)o->timeout_ns);
    setenv("POGO_TIMEOUT", num, 1);
  }
  char **argv = pg_xcalloc((size_t)o->nargs + 2, sizeof *argv);
  argv[0] = (char *)o->input;
  for (int i = 0; i < o->nargs; i++) argv[i + 1] = o->args[i];
  fflush(NULL);
  if (o->no_cache) {
    /* the scratch build is removed after the guest exits */
    pid_t pid = fork();
    if (pid == 0) {
      execv(b.artifact, argv);
      _exit(127);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    pg_rmtree(b.entry);
    build_free(&b);
    free(argv);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
  }
  execv(b.artifact, argv);
  fprintf(stderr, "pogo: %s: %s\n", b.artifact, strerror(errno));
  build_free(&b);
  free(argv);
  return 1;
}
