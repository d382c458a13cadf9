/*
 * check_ref.c - pogo check's reference engines: which one fits a module, what it
 * needs (node and the Go toolchain's wasm_exec_node.js, the node:wasi runner built
 * into pogo, wabt's wasm-interp), its command line, and the normalisations that make
 * its legitimate differences from pogo comparable without hiding real ones:
 *
 *  - node-wasi: a trap ends node with status 1 and one line from the runner
 *    ("RuntimeError: divide by zero in function 'f' (#3)"), pogo with status 134 and
 *    "app.wasm: trap: integer divide by zero in function 'f' (#3)". When both sides
 *    trapped and V8's message names the same trap (table below; V8 words some traps
 *    more coarsely), the outcome is "trap: <kind>" on both sides and those last lines
 *    are left out of the stderr comparison; everything before them still counts. The
 *    function is not compared: an optimising C compiler may inline it into its caller.
 *  - wasm-interp: its trap messages for out-of-bounds accesses end in a detail
 *    (": access at 70000+4 >= max value 65536") that pogo's guard-page traps cannot
 *    know, and a non-null funcref result prints as its store's internal object index;
 *    both are cut from wasm-interp's output (the native runner prints "funcref:<non-null>").
 *
 * Everything else is compared byte for byte.
 */
#define _GNU_SOURCE
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out.h"
#include "subproc.h"

extern char **environ;

static char *path_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = pg_xmalloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

/* `name` as found on $PATH, or NULL. */
static char *find_program(const char *name) {
  const char *path = getenv("PATH");
  if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
  for (const char *p = path; *p;) {
    size_t n = strcspn(p, ":");
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)n, n ? p : ".");
    char *cand = path_join(dir, name);
    if (access(cand, X_OK) == 0) return cand;
    free(cand);
    p += n + (p[n] == ':');
  }
  return NULL;
}

static char *read_text(const char *path) {
  size_t n;
  char *s = (char *)pg_read_file(path, &n);
  if (s) s[n] = 0; /* pg_read_file leaves room for a terminator */
  return s;
}

/* The minor version of "go1.19.8" (19), or -1. */
static int go_minor(const char *v) {
  int major, minor;
  return v && sscanf(v, "go%d.%d", &major, &minor) == 2 && major == 1 ? minor : -1;
}

/* `go env GOROOT` of the go on PATH, run in tmp (no go.mod there) with GOTOOLCHAIN=local,
 * so that it never downloads a toolchain. */
static char *go_env_goroot(const char *tmp) {
  char *go = find_program("go");
  if (!go) return NULL;
  size_t n = 0;
  while (environ[n]) n++;
  char **env = pg_xcalloc(n + 2, sizeof *env);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "GOTOOLCHAIN=", 12) != 0) env[k++] = environ[i];
  env[k++] = "GOTOOLCHAIN=local";
  char *argv[] = {go, "env", "GOROOT", NULL};
  char *out = path_join(tmp, "goroot.out"), *err = path_join(tmp, "goroot.err");
  pg_spawn s = {argv, go, env, tmp, "/dev/null", out, err, 60};
  pg_spawn_result r;
  char *text = NULL;
  if (pg_spawn_run(&s, &r) && r.status == 0 && !r.interrupted) text = read_text(out);
  if (text) text[strcspn(text, "\n")] = 0;
  if (text && !text[0]) {
    free(text);
    text = NULL;
  }
  unlink(out);
  unlink(err);
  free(out);
  free(err);
  free(env);
  free(go);
  return text;
}

static int setup_node_js(pg_ref *r, const pg_opts *o, const char *go_version, const char *tmp) {
  char *goroot = o->goroot ? pg_xstrdup(o->goroot) : go_env_goroot(tmp);
  if (!goroot) {
    fprintf(stderr, "pogo: %s: the node reference needs Go's wasm_exec_node.js: `go env GOROOT` failed; pass --goroot DIR\n",
            o->input);
    return 3;
  }
  char *dir = NULL, *node_js = NULL;
  static const char *const subdirs[] = {"lib/wasm", "misc/wasm"}; /* Go 1.24 moved it */
  for (size_t i = 0; i < 2 && !node_js; i++) {
    char *d = path_join(goroot, subdirs[i]);
    char *f = path_join(d, "wasm_exec_node.js");
    if (access(f, R_OK) == 0) {
      dir = d;
      node_js = f;
    } else {
      free(d);
      free(f);
    }
  }
  if (!node_js) {
    fprintf(stderr, "pogo: %s: no wasm_exec_node.js in %s/lib/wasm or misc/wasm (pass --goroot DIR)\n", o->input, goroot);
    free(goroot);
    return 3;
  }
  char *vfile = path_join(goroot, "VERSION");
  char *root_version = read_text(vfile);
  free(vfile);
  if (root_version) root_version[strcspn(root_version, "\n")] = 0;
  char *exec_js_path = path_join(dir, "wasm_exec.js");
  char *exec_js = read_text(exec_js_path);
  char *node_text = read_text(node_js);
  int status = 0;
  if (!exec_js || !node_text) {
    fprintf(stderr, "pogo: %s: %s\n", exec_js ? node_js : exec_js_path, strerror(errno));
    status = 3;
  }
  /* Go 1.21 renamed the import module "go" to "gojs": a wasm_exec.js of the other side
   * of that line cannot run the module at all */
  int minor = go_minor(go_version);
  if (!status && minor >= 0 && (minor >= 21) != (strstr(exec_js, "gojs") != NULL)) {
    fprintf(stderr, "pogo: %s: built by %s, which %s's wasm_exec.js (%s) cannot run: pass --goroot with a Go %s\n",
            o->input, go_version, goroot, root_version ? root_version : "unknown version",
            minor >= 21 ? "1.21 or later" : "1.19 or 1.20");
    status = 3;
  }
  if (!status) {
    /* Go <= 1.20 assigns globalThis.crypto, which node >= 19 defines with a getter
     * only, so the assignment throws in strict mode: run a copy that assigns it only
     * when missing (node's own crypto.getRandomValues is the same function) */
    const char *fix = strstr(node_text, "\nglobalThis.crypto = {");
    if (fix) {
      pg_buf b = {0};
      pg_buf_put(&b, node_text, (size_t)(fix - node_text) + 1);
      pg_buf_puts(&b, "if (globalThis.crypto === undefined) ");
      pg_buf_puts(&b, fix + 1);
      char *copy = path_join(tmp, "wasm_exec_node.js"), *copy_exec = path_join(tmp, "wasm_exec.js");
      if (!pg_write_file_atomic(copy, b.data, b.len, 0644) ||
          !pg_write_file_atomic(copy_exec, exec_js, strlen(exec_js), 0644)) {
        fprintf(stderr, "pogo: %s: %s\n", tmp, strerror(errno));
        status = 3;
      }
      pg_buf_free(&b);
      free(copy_exec);
      r->script = copy;
    } else {
      r->script = pg_xstrdup(node_js);
    }
    pg_buf about = {0};
    pg_buf_printf(&about, "node --stack-size=8192 %s%s (%s)", node_js, fix ? ", crypto assignment made conditional" : "",
                  root_version ? root_version : "unknown Go");
    r->about = about.data;
  }
  r->big_stack = true;
  free(root_version);
  free(exec_js_path);
  free(exec_js);
  free(node_text);
  free(dir);
  free(node_js);
  free(goroot);
  return status;
}

static int setup_node_wasi(pg_ref *r, const pg_opts *o, const char *go_version, const char *tmp) {
  r->script = path_join(tmp, pg_embedded_runners[0].name);
  if (!pg_write_file_atomic(r->script, pg_embedded_runners[0].data, pg_embedded_runners[0].size, 0644)) {
    fprintf(stderr, "pogo: %s: %s\n", r->script, strerror(errno));
    return 3;
  }
  (void)o;
  r->big_stack = go_version[0] != 0;
  pg_buf about = {0};
  pg_buf_printf(&about, "node%s node:wasi (pogo's node_wasi.mjs)", r->big_stack ? " --stack-size=8192" : "");
  r->about = about.data;
  return 0;
}

int pg_ref_setup(pg_ref *r, const pg_opts *o, pg_guest g, const char *go_version, const char *tmp) {
  memset(r, 0, sizeof *r);
  static const struct {
    const char *name;
    pg_ref_kind kind;
    pg_guest fits;
    const char *program;
  } named[] = {
      {"node", PG_REF_NODE_JS, PG_GUEST_GO_JS, "node"},
      {"node-wasi", PG_REF_NODE_WASI, PG_GUEST_WASI, "node"},
      {"wasm-interp", PG_REF_WASM_INTERP, PG_GUEST_PLAIN, "wasm-interp"},
  };
  size_t pick = 3;
  for (size_t i = 0; i < 3; i++)
    if (o->ref ? !strcmp(o->ref, named[i].name) : g == named[i].fits) pick = i;
  if (pick == 3 && !o->ref) {
    fprintf(stderr, "pogo: %s: %s has no default reference; pass --ref CMD\n", o->input, pg_guest_name(g));
    return 3;
  }
  if (pick == 3) {
    r->kind = PG_REF_CMD;
    r->name = "reference";
    /* it runs in the scratch directory: a relative path to an existing program (its
     * first word, as in `./ref.sh --flag`) is made absolute */
    size_t n = strcspn(o->ref, " \t");
    char *word = pg_xmalloc(n + 1);
    memcpy(word, o->ref, n);
    word[n] = 0;
    char *cwd = o->ref[0] != '/' && strchr(word, '/') && access(word, X_OK) == 0 ? getcwd(NULL, 0) : NULL;
    pg_buf cmd = {0};
    if (cwd) pg_buf_printf(&cmd, "%s/", cwd);
    pg_buf_puts(&cmd, o->ref);
    r->script = cmd.data;
    free(cwd);
    free(word);
    pg_buf about = {0};
    pg_buf_printf(&about, "sh -c '%s \"$@\"'", r->script);
    r->about = about.data;
    return 0;
  }
  r->kind = named[pick].kind;
  r->name = named[pick].name;
  if (g != named[pick].fits) {
    fprintf(stderr, "pogo: check: --ref %s runs %s; %s is %s\n", r->name, pg_guest_name(named[pick].fits), o->input,
            pg_guest_name(g));
    return 2;
  }
  r->program = find_program(named[pick].program);
  if (!r->program) {
    fprintf(stderr, "pogo: %s: the %s reference needs %s, which is not on PATH\n", o->input, r->name,
            named[pick].program);
    return 3;
  }
  switch (r->kind) {
  case PG_REF_NODE_JS: return setup_node_js(r, o, go_version, tmp);
  case PG_REF_NODE_WASI: return setup_node_wasi(r, o, go_version, tmp);
  default: r->about = pg_xstrdup("wasm-interp --run-all-exports"); return 0;
  }
}

void pg_ref_free(pg_ref *r) {
  free(r->program);
  free(r->script);
  free(r->about);
  memset(r, 0, sizeof *r);
}

static void push(char ***v, size_t *n, const char *s) {
  *v = pg_xrealloc(*v, (*n + 2) * sizeof **v);
  (*v)[(*n)++] = pg_xstrdup(s);
  (*v)[*n] = NULL;
}

char **pg_ref_argv(const pg_ref *r, const char *wasm, char *const *wasi, size_t nwasi, char *const *args, int nargs) {
  char **v = NULL;
  size_t n = 0;
  switch (r->kind) {
  case PG_REF_NODE_JS:
  case PG_REF_NODE_WASI:
    push(&v, &n, r->program);
    if (r->big_stack) push(&v, &n, "--stack-size=8192");
    if (r->kind == PG_REF_NODE_WASI) push(&v, &n, "--no-warnings");
    push(&v, &n, r->script);
    for (size_t i = 0; r->kind == PG_REF_NODE_WASI && i < nwasi; i++) push(&v, &n, wasi[i]);
    break;
  case PG_REF_WASM_INTERP:
    push(&v, &n, r->program);
    push(&v, &n, "--run-all-exports");
    break;
  case PG_REF_CMD: {
    push(&v, &n, "/bin/sh");
    push(&v, &n, "-c");
    pg_buf cmd = {0};
    pg_buf_printf(&cmd, "%s \"$@\"", r->script);
    push(&v, &n, cmd.data);
    pg_buf_free(&cmd);
    push(&v, &n, "sh");
    break;
  }
  }
  push(&v, &n, wasm);
  for (int i = 0; r->kind != PG_REF_WASM_INTERP && i < nargs; i++) push(&v, &n, args[i]);
  return v;
}

void pg_argv_free(char **argv) {
  for (char **p = argv; p && *p; p++) free(*p);
  free(argv);
}

/* ---- normalisation ---- */

/* The last line of b (without its newline), and where it starts; NULL if b is empty. */
static const char *last_line(const pg_buf *b, size_t *len) {
  if (!b->len) return NULL;
  size_t end = b->len;
  if (b->data[end - 1] == '\n') end--;
  size_t start = end;
  while (start > 0 && b->data[start - 1] != '\n') start--;
  *len = end - start;
  return b->data + start;
}

/* V8's trap messages and the traps (as pogo words them) each can be. */
static const struct {
  const char *v8;
  const char *kinds[2];
} v8_traps[] = {
    {"RuntimeError: unreachable", {"unreachable executed"}},
    {"RuntimeError: divide by zero", {"integer divide by zero"}},
    {"RuntimeError: remainder by zero", {"integer divide by zero"}},
    {"RuntimeError: divide result unrepresentable", {"integer overflow"}},
    {"RuntimeError: float unrepresentable in integer range", {"integer overflow", "invalid conversion to integer"}},
    {"RuntimeError: memory access out of bounds", {"out of bounds memory access"}},
    {"RuntimeError: table index is out of bounds", {"undefined element", "out of bounds table access"}},
    {"RuntimeError: null function or function signature mismatch", {"uninitialized element", "indirect call type mismatch"}},
    {"RangeError: Maximum call stack size exceeded", {"call stack exhausted"}},
};

/* Whether line (n bytes) is `prefix`, optionally followed by " in function ..." or
 * " while instantiating". */
static bool is_report(const char *line, size_t n, const char *prefix, size_t plen) {
  if (n < plen || memcmp(line, prefix, plen) != 0) return false;
  const char *rest = line + plen;
  size_t rn = n - plen;
  static const char in_fn[] = " in function '", inst[] = " while instantiating";
  return rn == 0 || (rn > sizeof in_fn - 1 && !memcmp(rest, in_fn, sizeof in_fn - 1)) ||
         (rn == sizeof inst - 1 && !memcmp(rest, inst, rn));
}

static void normalise_wasi_trap(pg_outcome *ref, pg_outcome *native, pg_buf *notes) {
  size_t rn = 0, nn = 0;
  const char *rl = last_line(&ref->err, &rn), *nl = last_line(&native->err, &nn);
  if (!rl || !nl || ref->status != 1 || native->status != POGO_TRAP_STATUS || ref->timed_out || native->timed_out) return;
  /* pogo: "<file>: trap: <kind>..." */
  const char *t = memmem(nl, nn, ": trap: ", 8);
  if (!t) return;
  const char *kind = t + 8;
  size_t kn = nn - (size_t)(kind - nl);
  for (size_t i = 0; i < sizeof v8_traps / sizeof v8_traps[0]; i++) {
    if (!is_report(rl, rn, v8_traps[i].v8, strlen(v8_traps[i].v8))) continue;
    for (size_t k = 0; k < 2 && v8_traps[i].kinds[k]; k++) {
      const char *want = v8_traps[i].kinds[k];
      if (!is_report(kind, kn, want, strlen(want))) continue;
      pg_buf_printf(notes, "both trapped (node: %s, exit 1; pogo: %s, exit %d): the report lines are not compared\n",
                    v8_traps[i].v8, want, POGO_TRAP_STATUS);
      ref->trap = native->trap = want;
      ref->err.len = (size_t)(rl - ref->err.data);
      native->err.len = (size_t)(nl - native->err.data);
      ref->err.data[ref->err.len] = native->err.data[native->err.len] = 0;
      return;
    }
  }
}

/* wasm-interp's output with the out-of-bounds details and funcref indices cut. */
static void normalise_interp_text(pg_buf *b, unsigned cuts[2]) {
  pg_buf out = {0};
  static const char *const oob[] = {"out of bounds memory access: ", "out of bounds table access: "};
  for (size_t i = 0; i < b->len;) {
    const char *line = b->data + i;
    const char *end = memchr(line, '\n', b->len - i);
    size_t n = end ? (size_t)(end - line) : b->len - i;
    /* the values start after the last "() => " (an export name may hold anything) */
    const char *vals = line;
    for (const char *p = line; (p = memmem(p, n - (size_t)(p - line), "() => ", 6)); p++) vals = p + 6;
    static const char init[] = "error initializing module: ";
    if (vals == line && n >= sizeof init - 1 && !memcmp(line, init, sizeof init - 1)) vals = line + sizeof init - 1;
    else if (vals != line && n - (size_t)(vals - line) >= 7 && !memcmp(vals, "error: ", 7)) vals += 7;
    size_t keep = n;
    for (size_t k = 0; k < 2 && vals != line; k++) {
      size_t ol = strlen(oob[k]);
      if ((size_t)(line + n - vals) > ol && !memcmp(vals, oob[k], ol)) {
        keep = (size_t)(vals - line) + ol - 2; /* up to "access" */
        cuts[0]++;
      }
    }
    if (vals != line && keep == n) {
      /* funcref:N with N != 0 -> funcref:<non-null> */
      pg_buf_put(&out, line, (size_t)(vals - line));
      for (const char *p = vals; p < line + n;) {
        const char *f = memmem(p, (size_t)(line + n - p), "funcref:", 8);
        if (!f) {
          pg_buf_put(&out, p, (size_t)(line + n - p));
          break;
        }
        const char *d = f + 8, *de = d;
        while (de < line + n && *de >= '0' && *de <= '9') de++;
        pg_buf_put(&out, p, (size_t)(d - p));
        if (de > d && !(de - d == 1 && *d == '0')) {
          pg_buf_puts(&out, "<non-null>");
          cuts[1]++;
        } else {
          pg_buf_put(&out, d, (size_t)(de - d));
        }
        p = de;
      }
    } else {
      pg_buf_put(&out, line, keep);
    }
    if (end) pg_buf_putc(&out, '\n');
    i += n + (end != NULL);
  }
  pg_buf_free(b);
  *b = out.data ? out : (pg_buf){pg_xstrdup(""), 0, 1};
}

void pg_ref_normalise(const pg_ref *r, pg_outcome *ref, pg_outcome *native, pg_buf *notes) {
  if (r->kind == PG_REF_NODE_WASI) normalise_wasi_trap(ref, native, notes);
  if (r->kind == PG_REF_WASM_INTERP) {
    unsigned cuts[2] = {0, 0};
    normalise_interp_text(&ref->out, cuts);
    normalise_interp_text(&ref->err, cuts);
    if (cuts[0]) pg_buf_printf(notes, "wasm-interp: the detail of %u out-of-bounds trap(s) cut (\": access at ...\")\n", cuts[0]);
    if (cuts[1]) pg_buf_printf(notes, "wasm-interp: %u non-null funcref(s) shown as <non-null>, not by store index\n", cuts[1]);
  }
}
