/*
 * check.c - `pogo check`: run a module natively and under a reference engine on the
 * same input and compare what both did: the exit status, stdout, stderr, and the tree
 * each left in its scratch directory.
 *
 * A round runs the reference, then the native build, each with
 *  - a fresh scratch directory at the same path (<tmp>/run, renamed away after the
 *    run), holding a copy of --files: the working directory of both, and for WASI
 *    guests their only preopen, "/" (plus what --dir grants, identically);
 *  - stdin from one file holding what pogo check read from its own stdin;
 *  - stdout and stderr into files; the same environment (pogo check's own, less
 *    POGO_WASI, which carries the native side's WASI options);
 *  - argv[0] the module's absolute path, then the arguments after `--`.
 * Rounds after the first (--repeat) vary what a correct program must not depend on:
 * the environment's size (a variable POGO_CHECK_PAD of 0-8191 bytes) and the length of
 * argv[0] (0-31 "./" components before the file name). Both sides get the same
 * variation, drawn from --seed. Guests draw their own random numbers from the OS on
 * both sides (neither engine can be seeded), so output that depends on them differs.
 *
 * Invariant: nothing is normalised except what check_ref.c documents; every other
 * byte of output, every exit status and every file counts.
 */
#define _GNU_SOURCE
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"
#include "subproc.h"
#include "textdiff.h"

extern char **environ;

enum { DIFF_LINES = 60 };
#define CHECK_USAGE "pogo check app.wasm [--ref node|node-wasi|wasm-interp|CMD] [--repeat N] [-- args...]"
#define OUTPUT_LIMIT (64u << 20) /* bytes of stdout or stderr compared per side */

/* ---- options ---- */

int pg_check_option(pg_opts *o, const char *option, const char *value) {
  static const char *const names[] = {"--ref", "--repeat", "--seed", "--timeout", "--files", "--goroot"};
  size_t k = 0;
  while (k < sizeof names / sizeof names[0] && strcmp(option, names[k])) k++;
  if (k == sizeof names / sizeof names[0]) return 0;
  if (!value || !*value) return -1;
  char *end;
  errno = 0;
  switch (k) {
  case 0: o->ref = value; return 1;
  case 1: {
    unsigned long v = strtoul(value, &end, 10);
    if (*end || errno || v < 1 || v > 100000 || value[0] == '-') return -1;
    o->repeat = (unsigned)v;
    return 1;
  }
  case 2: {
    unsigned long long v = strtoull(value, &end, 0);
    if (*end || errno || value[0] == '-') return -1;
    o->seed = v;
    o->has_seed = true;
    return 1;
  }
  case 3: {
    double v = strtod(value, &end);
    if (*end || errno || !(v >= 0 && v <= 1e6)) return -1;
    o->timeout = v;
    return 1;
  }
  case 4: o->files = value; return 1;
  default: o->goroot = value; return 1;
  }
}

/* ---- state ---- */

typedef struct check {
  const pg_opts *o;
  pg_guest guest;
  char go_version[64];
  pg_ref ref;
  char *tmp;              /* private temporary directory */
  char *scratch;          /* tmp/run */
  char *stdin_path;
  char *wasm;             /* the module's absolute path */
  char *artifact;         /* the native executable */
  char *build_scratch;    /* its directory with --no-cache */
  char **env;             /* pogo check's environment less POGO_WASI */
  size_t nenv;
  char **wasi;            /* the user's WASI options as words */
  size_t nwasi;
} check;

/* What one round varies (round 1: nothing). */
typedef struct variation {
  size_t pad;             /* bytes of POGO_CHECK_PAD, or (size_t)-1 for none */
  unsigned dots;          /* "./" components in argv[0] */
} variation;

static char *path2(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = pg_xmalloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Round `round`'s variation; the pad is at most max_pad bytes. */
static variation vary(uint64_t seed, unsigned round, size_t max_pad) {
  variation v = {(size_t)-1, 0};
  if (round == 1) return v;
  uint64_t s = seed ^ ((uint64_t)round << 32);
  v.pad = (size_t)(splitmix(&s) % (max_pad + 1));
  v.dots = (unsigned)(splitmix(&s) % 32);
  return v;
}

/* Go's js port copies argv and the environment below address 12288, from 4096 on:
 * each string 8-byte aligned with its NUL, then a pointer (8 bytes) per entry and one
 * per list end, and the host fails the start when that does not fit. The pad of a
 * GOOS=js guest must keep within what is left (less room for TMPDIR, which
 * wasm_exec_node.js adds, and for the "./" of argv[0]). */
static size_t gojs_room(const check *c) {
  size_t used = 0, n = 0;
  for (size_t i = 0; i < c->nenv; i++, n++) used += (strlen(c->env[i]) + 1 + 7) / 8 * 8;
  used += (strlen(c->wasm) + 1 + 7) / 8 * 8 + 64;
  for (int i = 0; i < c->o->nargs; i++, n++) used += (strlen(c->o->args[i]) + 1 + 7) / 8 * 8;
  used += 8 * (n + 4) + 256 /* TMPDIR */;
  size_t room = 8192 > used ? 8192 - used : 0;
  return room > sizeof "POGO_CHECK_PAD=" + 16 ? room - sizeof "POGO_CHECK_PAD=" - 16 : 0;
}

/* ---- preparing ---- */

/* Copy pogo check's stdin into tmp/stdin, once; a terminal gives an empty file. */
static bool capture_stdin(check *c) {
  c->stdin_path = path2(c->tmp, "stdin");
  int out = open(c->stdin_path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (out < 0) return false;
  bool ok = true;
  if (!isatty(0)) {
    static char buf[1 << 16];
    ssize_t r;
    while (ok && ((r = read(0, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR)))
      for (ssize_t done = 0; ok && r > 0 && done < r;) {
        ssize_t w = write(out, buf + done, (size_t)(r - done));
        ok = w > 0 || (w < 0 && errno == EINTR);
        done += w > 0 ? w : 0;
      }
    if (r < 0 && errno == EBADF) r = 0; /* closed stdin: empty */
    ok = ok && r == 0;
  }
  int e = errno;
  if (close(out) != 0) ok = false;
  errno = ok ? 0 : e;
  return ok;
}

static void split_words(const char *text, char ***v, size_t *n) {
  for (const char *p = text; p && *p;) {
    size_t len = strcspn(p, "\n");
    *v = pg_xrealloc(*v, (*n + 1) * sizeof **v);
    char *w = pg_xmalloc(len + 1);
    memcpy(w, p, len);
    w[len] = 0;
    (*v)[(*n)++] = w;
    p += len + (p[len] == '\n');
  }
}

static void base_env(check *c) {
  size_t n = 0;
  while (environ[n]) n++;
  c->env = pg_xcalloc(n + 1, sizeof *c->env);
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "POGO_WASI=", 10) != 0) c->env[c->nenv++] = environ[i];
}

/* ---- running one side ---- */

static char *pad_var(const variation *v) {
  if (v->pad == (size_t)-1) return NULL;
  char *s = pg_xmalloc(sizeof "POGO_CHECK_PAD=" + v->pad);
  strcpy(s, "POGO_CHECK_PAD=");
  for (size_t i = 0; i < v->pad; i++) s[15 + i] = (char)('a' + i % 26);
  s[15 + v->pad] = 0;
  return s;
}

/* argv[0]: the module's absolute path, with v->dots "./" components before its name */
static char *spelled_wasm(const check *c, const variation *v) {
  const char *slash = strrchr(c->wasm, '/');
  pg_buf b = {0};
  pg_buf_put(&b, c->wasm, (size_t)(slash - c->wasm) + 1);
  for (unsigned i = 0; i < v->dots; i++) pg_buf_puts(&b, "./");
  pg_buf_puts(&b, slash + 1);
  return b.data;
}

static bool read_output(const char *path, pg_buf *b, const char *what, const char *side, const check *c) {
  struct stat st;
  if (stat(path, &st) == 0 && (uint64_t)st.st_size > OUTPUT_LIMIT) {
    fprintf(stderr, "pogo: check: %s: %s of %s is over %u MiB: not compared\n", c->o->input, what, side,
            OUTPUT_LIMIT >> 20);
    return false;
  }
  size_t n;
  char *data = (char *)pg_read_file(path, &n);
  if (!data) {
    fprintf(stderr, "pogo: check: %s: %s\n", path, strerror(errno));
    return false;
  }
  data[n] = 0;
  *b = (pg_buf){data, n, n + 1};
  return true;
}

static void outcome_free(pg_outcome *r) {
  pg_buf_free(&r->out);
  pg_buf_free(&r->err);
  pg_tree_free(&r->tree);
}

/* Run one side (native or the reference) for one round; its tree is then kept in
 * tmp/<side>.tree. Returns 0, or an exit status after a message. */
static int run_side(check *c, bool native, const variation *v, pg_outcome *res) {
  const char *side = native ? "pogo" : "ref";
  memset(res, 0, sizeof *res);
  pg_tree_remove(c->scratch);
  char err[700];
  if (mkdir(c->scratch, 0755) != 0) {
    fprintf(stderr, "pogo: check: %s: %s\n", c->scratch, strerror(errno));
    return 3;
  }
  if (c->o->files && !pg_tree_copy(c->o->files, c->scratch, err, sizeof err)) {
    fprintf(stderr, "pogo: check: --files: %s\n", err);
    return 3;
  }

  /* WASI options: the scratch directory first (fd 3), then the user's, then the pad */
  bool wasi = c->guest == PG_GUEST_WASI;
  char *pad = pad_var(v);
  char **words = pg_xcalloc(c->nwasi + 5, sizeof *words);
  size_t nwords = 0;
  char *preopen = pg_xmalloc(strlen(c->scratch) + 4);
  sprintf(preopen, "%s::/", c->scratch);
  words[nwords++] = "--dir";
  words[nwords++] = preopen;
  for (size_t i = 0; i < c->nwasi; i++) words[nwords++] = c->wasi[i];
  if (pad && wasi) {
    words[nwords++] = "--env";
    words[nwords++] = pad;
  }

  char **env = pg_xcalloc(c->nenv + 3, sizeof *env);
  memcpy(env, c->env, c->nenv * sizeof *env);
  size_t nenv = c->nenv;
  if (pad) env[nenv++] = pad; /* WASI guests get it through --env too */
  pg_buf wasi_env = {0};
  if (native && wasi) {
    pg_buf_puts(&wasi_env, "POGO_WASI=");
    for (size_t i = 0; i < nwords; i++) pg_buf_printf(&wasi_env, "%s%s", i ? "\n" : "", words[i]);
    env[nenv++] = wasi_env.data;
  }

  char *argv0 = spelled_wasm(c, v);
  char **argv;
  if (native) {
    argv = pg_xcalloc((size_t)c->o->nargs + 2, sizeof *argv);
    argv[0] = pg_xstrdup(argv0);
    for (int i = 0; c->guest != PG_GUEST_PLAIN && i < c->o->nargs; i++) argv[i + 1] = pg_xstrdup(c->o->args[i]);
  } else {
    argv = pg_ref_argv(&c->ref, argv0, words, nwords, c->o->args, c->o->nargs);
  }
  char name[32];
  snprintf(name, sizeof name, "%s.out", side);
  char *out = path2(c->tmp, name);
  snprintf(name, sizeof name, "%s.err", side);
  char *errf = path2(c->tmp, name);
  pg_spawn s = {argv, native ? c->artifact : NULL, env, c->scratch, c->stdin_path, out, errf, c->o->timeout};
  pg_spawn_result r;
  int status = 0;
  if (!pg_spawn_run(&s, &r)) {
    fprintf(stderr, "pogo: check: cannot start %s: %s\n", argv[0], strerror(errno));
    status = 3;
  } else if (r.interrupted) {
    status = 128 + r.interrupted;
  } else {
    res->status = r.status;
    res->signaled = r.signaled;
    res->timed_out = r.timed_out;
    res->secs = r.secs;
    if (!read_output(out, &res->out, "stdout", native ? "pogo" : c->ref.name, c) ||
        !read_output(errf, &res->err, "stderr", native ? "pogo" : c->ref.name, c))
      status = 3;
  }
  if (!status) {
    if (!pg_tree_scan(c->scratch, &res->tree)) {
      fprintf(stderr, "pogo: check: %s: %s\n", c->scratch, strerror(errno));
      status = 3;
    }
    snprintf(name, sizeof name, "%s.tree", side);
    char *keep = path2(c->tmp, name);
    pg_tree_remove(keep);
    if (!status && rename(c->scratch, keep) != 0) {
      fprintf(stderr, "pogo: check: %s: %s\n", keep, strerror(errno));
      status = 3;
    }
    free(keep);
  }
  if (status) outcome_free(res);
  pg_argv_free(argv);
  free(argv0);
  free(out);
  free(errf);
  pg_buf_free(&wasi_env);
  free(env);
  free(words);
  free(preopen);
  free(pad);
  return status;
}

/* ---- comparing ---- */

static void status_text(const pg_outcome *r, const check *c, char *buf, size_t n) {
  if (r->timed_out) snprintf(buf, n, "timed out after %g s", c->o->timeout);
  else if (r->trap) snprintf(buf, n, "trap: %s", r->trap);
  else if (r->signaled) snprintf(buf, n, "killed by signal %d", r->status - 128);
  else snprintf(buf, n, "exit %d", r->status);
}

static bool same_buf(const pg_buf *a, const pg_buf *b) {
  return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* Diff the contents of the first file both trees hold at the same path with different
 * contents, when that is where the listings first differ. */
static void diff_first_file(const check *c, const pg_outcome *ref, const pg_outcome *nat) {
  size_t i = 0;
  while (i < ref->tree.n && i < nat->tree.n) {
    const pg_tree_entry *a = &ref->tree.e[i], *b = &nat->tree.e[i];
    if (strcmp(a->path, b->path) || a->kind != b->kind) return;
    if (a->kind == 'f' && (a->size != b->size || strcmp(a->hash, b->hash))) {
      if (a->size > OUTPUT_LIMIT || b->size > OUTPUT_LIMIT) return;
      char *pa = path2(c->tmp, "ref.tree"), *pb = path2(c->tmp, "pogo.tree");
      char *fa = path2(pa, a->path), *fb = path2(pb, b->path);
      size_t na, nb;
      char *da = (char *)pg_read_file(fa, &na), *db = (char *)pg_read_file(fb, &nb);
      if (da && db) {
        char la[600], lb[600];
        snprintf(la, sizeof la, "%s %s", c->ref.name, a->path);
        snprintf(lb, sizeof lb, "pogo %s", b->path);
        pg_textdiff(stdout, la, da, na, lb, db, nb, DIFF_LINES);
      }
      free(da);
      free(db);
      free(fa);
      free(fb);
      free(pa);
      free(pb);
      return;
    }
    i++;
  }
}

/* Print the first difference as a diff; false when the outcomes are the same. */
static bool report(const check *c, const pg_outcome *ref, const pg_outcome *nat, unsigned round, const variation *v,
                   uint64_t seed, const pg_buf *notes) {
  bool perms = c->guest == PG_GUEST_GO_JS;
  pg_buf ta = {0}, tb = {0};
  pg_tree_listing(&ref->tree, perms, &ta);
  pg_tree_listing(&nat->tree, perms, &tb);
  char sa[100], sb[100];
  status_text(ref, c, sa, sizeof sa);
  status_text(nat, c, sb, sizeof sb);
  bool diff_status = strcmp(sa, sb) != 0 || ref->timed_out || nat->timed_out;
  bool diff[4] = {diff_status, !same_buf(&ref->out, &nat->out), !same_buf(&ref->err, &nat->err), !same_buf(&ta, &tb)};
  static const char *const what[4] = {"exit status", "stdout", "stderr", "files"};
  int first = 0;
  while (first < 4 && !diff[first]) first++;
  if (first == 4) {
    pg_buf_free(&ta);
    pg_buf_free(&tb);
    return false;
  }
  if (ref->timed_out || nat->timed_out)
    printf("pogo check: %s: %s", c->o->input, ref->timed_out && nat->timed_out ? "both runs timed out" : "a run timed out");
  else
    printf("pogo check: %s: %s differs", c->o->input, what[first]);
  if (c->o->repeat > 1) printf(" in round %u of %u", round, c->o->repeat);
  printf("\n  reference: %s\n", c->ref.about);
  if (round > 1)
    printf("  round %u varied: POGO_CHECK_PAD of %zu bytes, %u \"./\" in argv[0] (seed %llu; rerun with "
           "--seed %llu --repeat %u)\n",
           round, v->pad, v->dots, (unsigned long long)seed, (unsigned long long)seed, round);
  for (const char *p = notes->data; p && *p;) {
    size_t n = strcspn(p, "\n");
    printf("  note: %.*s\n", (int)n, p);
    p += n + (p[n] == '\n');
  }
  char la[200], lb[200];
  snprintf(la, sizeof la, "%s %s", c->ref.name, what[first]);
  snprintf(lb, sizeof lb, "pogo %s", what[first]);
  if (first == 0) {
    printf("  %s: %s\n  pogo: %s\n", c->ref.name, sa, sb);
    /* the start of the output that differs too, which usually says why */
    const pg_buf *a = diff[1] ? &ref->out : &ref->err, *b = diff[1] ? &nat->out : &nat->err;
    snprintf(la, sizeof la, "%s %s", c->ref.name, diff[1] ? "stdout" : "stderr");
    snprintf(lb, sizeof lb, "pogo %s", diff[1] ? "stdout" : "stderr");
    if (diff[1] || diff[2]) pg_textdiff(stdout, la, a->data, a->len, lb, b->data, b->len, 20);
  } else if (first == 1) {
    pg_textdiff(stdout, la, ref->out.data, ref->out.len, lb, nat->out.data, nat->out.len, DIFF_LINES);
  } else if (first == 2) {
    pg_textdiff(stdout, la, ref->err.data, ref->err.len, lb, nat->err.data, nat->err.len, DIFF_LINES);
  } else {
    pg_textdiff(stdout, la, ta.data, ta.len, lb, tb.data, tb.len, DIFF_LINES);
    diff_first_file(c, ref, nat);
  }
  unsigned more = 0;
  for (int k = first + 1; k < 4; k++)
    if (diff[k]) printf("%s%s", more++ ? ", " : "also different: ", what[k]);
  if (more) printf("\n");
  pg_buf_free(&ta);
  pg_buf_free(&tb);
  return true;
}

static size_t count_lines(const pg_buf *b) {
  size_t n = 0;
  for (size_t i = 0; i < b->len; i++) n += b->data[i] == '\n';
  return n + (b->len && b->data[b->len - 1] != '\n');
}

/* ---- the command ---- */

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "pogo: check: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nusage: %s\n", CHECK_USAGE);
  return 2;
}

static int validate(const check *c) {
  const pg_opts *o = c->o;
  struct stat st;
  if (o->files && (stat(o->files, &st) != 0 || !S_ISDIR(st.st_mode)))
    return usage_error("--files %s: not a directory", o->files);
  if (o->wasi_opts && c->guest != PG_GUEST_WASI)
    return usage_error("WASI options (--env, --dir, --inherit-env) are for WASI guests; %s is not one", o->input);
  for (size_t i = 0; i < c->nwasi; i++)
    if (!strcmp(c->wasi[i], "--tcplisten")) return usage_error("%s: node's WASI has no preopened sockets", "--tcplisten");
  if (c->guest == PG_GUEST_PLAIN && o->nargs && (!o->ref || !strcmp(o->ref, "wasm-interp")))
    return usage_error("%s has no imports: its exports are called without arguments", o->input);
  return 0;
}

static void cleanup(check *c) {
  if (c->tmp) pg_tree_remove(c->tmp);
  if (c->build_scratch) pg_rmtree(c->build_scratch);
  pg_ref_free(&c->ref);
  for (size_t i = 0; i < c->nwasi; i++) free(c->wasi[i]);
  free(c->wasi);
  free(c->env);
  free(c->tmp);
  free(c->scratch);
  free(c->stdin_path);
  free(c->wasm);
  free(c->artifact);
  free(c->build_scratch);
}

static int run_rounds(check *c) {
  const pg_opts *o = c->o;
  unsigned rounds = o->repeat ? o->repeat : 1;
  uint64_t seed = o->seed;
  if (!o->has_seed && getrandom(&seed, sizeof seed, 0) != sizeof seed) seed = (uint64_t)getpid() * 2654435761u;
  pg_outcome ref, nat;
  pg_buf notes = {0};
  size_t max_pad = 8191;
  if (c->guest == PG_GUEST_GO_JS && gojs_room(c) < max_pad) max_pad = gojs_room(c);
  for (unsigned round = 1; round <= rounds; round++) {
    variation v = vary(seed, round, max_pad);
    int s = run_side(c, false, &v, &ref);
    if (!s) {
      s = run_side(c, true, &v, &nat);
      if (s) outcome_free(&ref);
    }
    if (s) {
      pg_buf_free(&notes);
      return s;
    }
    pg_buf_clear(&notes);
    pg_ref_normalise(&c->ref, &ref, &nat, &notes);
    bool differs = report(c, &ref, &nat, round, &v, seed, &notes);
    if (!differs && round == rounds) {
      char st[100];
      status_text(&nat, c, st, sizeof st);
      size_t files = 0;
      for (size_t i = 0; i < nat.tree.n; i++) files += nat.tree.e[i].kind != 'd';
      printf("pogo check: %s: identical (%s; stdout %zu lines, stderr %zu lines, %zu files)\n  reference: %s\n",
             o->input, st, count_lines(&nat.out), count_lines(&nat.err), files, c->ref.about);
      if (rounds > 1) printf("  rounds: %u (seed %llu)\n", rounds, (unsigned long long)seed);
      for (const char *p = notes.data; p && *p;) {
        size_t n = strcspn(p, "\n");
        printf("  note: %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
      }
    }
    outcome_free(&ref);
    outcome_free(&nat);
    if (differs) {
      pg_buf_free(&notes);
      return 1;
    }
  }
  pg_buf_free(&notes);
  return 0;
}

int pg_cmd_check(const pg_opts *o) {
  check c;
  memset(&c, 0, sizeof c);
  c.o = o;
  c.guest = pg_guest_peek(o->input, c.go_version, sizeof c.go_version);
  if (c.guest == PG_GUEST_UNREADABLE) {
    /* let the build say what is wrong with it */
    char *scratch = NULL;
    char *a = pg_build_executable(o, &scratch);
    free(a);
    if (scratch) pg_rmtree(scratch);
    free(scratch);
    return 3;
  }
  split_words(o->wasi_opts, &c.wasi, &c.nwasi);
  int status = validate(&c);
  if (status) {
    cleanup(&c);
    return status;
  }
  char tmpl[PATH_MAX];
  const char *tmpdir = getenv("TMPDIR");
  snprintf(tmpl, sizeof tmpl, "%s/pogo-check-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(tmpl)) {
    fprintf(stderr, "pogo: check: %s: %s\n", tmpl, strerror(errno));
    cleanup(&c);
    return 3;
  }
  c.tmp = pg_xstrdup(tmpl);
  c.scratch = path2(c.tmp, "run");
  c.wasm = realpath(o->input, NULL);
  status = c.wasm ? pg_ref_setup(&c.ref, o, c.guest, c.go_version, c.tmp) : 3;
  if (!c.wasm) fprintf(stderr, "pogo: check: %s: %s\n", o->input, strerror(errno));
  if (status == 2) fprintf(stderr, "usage: %s\n", CHECK_USAGE);
  if (!status && !capture_stdin(&c)) {
    fprintf(stderr, "pogo: check: cannot keep stdin in %s: %s\n", c.tmp, strerror(errno));
    status = 3;
  }
  if (!status) {
    pg_opts native = *o;
    native.run_exports = c.guest == PG_GUEST_PLAIN;
    c.artifact = pg_build_executable(&native, &c.build_scratch);
    if (!c.artifact) status = 3;
  }
  if (!status) {
    base_env(&c);
    status = run_rounds(&c);
  }
  cleanup(&c);
  if (status > 128 && status < 128 + 65) {
    /* interrupted: everything is cleaned up, now die of the signal as expected */
    signal(status - 128, SIG_DFL);
    raise(status - 128);
  }
  return status;
}
