/*
 * main.c - the pogo command line: a table of commands, their options and help.
 *
 * Exit codes: 0 success, 1 the work failed (bad module, compiler error, I/O), 2 the
 * command line itself was wrong. `run` exits with the guest's own code (SECURITY.md
 * lists those of built executables).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "../rt/units.h"

#define LIMITS_HELP                                                                                                 \
  "  --max-memory SIZE    the guest's linear memory may not grow past SIZE (e.g. 256M, 1G):\n"                   \
  "                       memory.grow returns -1 there, as at a declared maximum\n"                                \
  "  --timeout DURATION   stop the guest after DURATION (e.g. 30s, 500ms, 2m): the trap\n"                       \
  "                       'time limit exceeded' and exit status 124\n"

#define WASI_HELP                                                                                                   \
  "  --dir HOST[::GUEST]  grant directory HOST, named GUEST inside (default: HOST)\n"                               \
  "  --env KEY=VALUE      set a variable in the guest's environment\n"                                               \
  "  --inherit-env        give the guest this process's environment\n"                                               \
  "  --tcplisten H:PORT   listen on a TCP socket the guest accepts connections from\n"

typedef struct command {
  const char *name;
  int (*run)(const pg_opts *);
  const char *usage;
  const char *help;
  bool needs_output;
} command;

static const command commands[] = {
    {"build", pg_cmd_build, "pogo build app.wasm -o app [options]",
     "Compile a module to a native executable, or with --lib to a static library and header.\n"
     "Executables need a module whose imports a built-in host provides: a Go GOOS=js\n"
     "module, a WASI preview1 command (exports _start), or a module with no imports.\n\n"
     "Options:\n"
     "  -o FILE        output executable (or library with --lib; its header goes beside it)\n"
     "  -O0..-O3       C optimisation level (default -O2)\n"
     "  --cc CC        C compiler (default $CC, else cc)\n"
     "  -j N           translation units and parallel compiler jobs (default: cores)\n"
     "  --keep-c DIR   keep the generated C in DIR\n"
     "  --lib          build lib.a + header for any module; the embedder defines imports\n"
     "  --name N       C prefix for generated names (default: the file's base name)\n"
     "  --no-cache     do not use or fill the build cache\n"
     "  --frame-pointers  keep frame pointers, so that CPU profiles ($POGO_CPUPROFILE=FILE\n"
     "                 when the executable runs) and perf record whole call stacks\n"
     "Limits, baked into the executable ($POGO_MAX_MEMORY and $POGO_TIMEOUT override\n"
     "them at run time):\n"
     LIMITS_HELP
     "WASI options, baked into the executable (more can be given at run time in\n"
     "$POGO_WASI as newline-separated words, e.g. $'--dir\\n/srv::/data'):\n"
     WASI_HELP,
     true},
    {"run", pg_cmd_run, "pogo run app.wasm [options] [-- args...]",
     "Build into the cache (keyed by the module's content and the options) and run it,\n"
     "passing stdin, stdout, stderr, arguments and the exit code through. A guest trap\n"
     "prints the trap and function and exits with status 134.\n\n"
     "Options: -O0..-O3, --cc CC, -j N, --name N, --no-cache, --frame-pointers (as for build).\n"
     "  --cpuprofile FILE  write a CPU profile of the guest to FILE, in pprof's format, for\n"
     "                 `go tool pprof` (built with --frame-pointers; see docs/profiling.md)\n"
     "Cache: $POGO_CACHE_DIR, else $XDG_CACHE_HOME/pogo, else ~/.cache/pogo.\n"
     "Limits (a timeout exits with status 124):\n"
     LIMITS_HELP
     "WASI guests see nothing of the host unless granted:\n"
     WASI_HELP,
     false},
    {"emit-c", pg_cmd_emit_c, "pogo emit-c app.wasm -o DIR [--name N] [-j N]",
     "Write the module as C into DIR: N.h (documented API: instantiate, free, exports,\n"
     "imports the embedder defines), N-impl.h, N.c, N-0.c... (function bodies split for\n"
     "parallel compilation) and the pogo headers they include.\n\n"
     "Options:\n"
     "  -o DIR         output directory (created; files replaced atomically)\n"
     "  --name N       C prefix (default: the file's base name)\n"
     "  -j N           number of function files (default: cores, fewer for small modules)\n",
     true},
    {"check", pg_cmd_check, "pogo check app.wasm [--ref node|node-wasi|wasm-interp|CMD] [--repeat N] [-- args...]",
     "Run the module natively (built through the cache, as run does) and under a reference\n"
     "engine on the same input, and compare stdout, stderr, the exit status and the files\n"
     "each run left in its scratch directory. Prints the first difference as a unified diff.\n"
     "Exit status: 0 identical, 1 different, 2 command-line error, 3 any other failure.\n\n"
     "The reference by default, from the module's imports:\n"
     "  Go GOOS=js      node --stack-size=8192 $GOROOT/lib/wasm/wasm_exec_node.js\n"
     "  WASI command    node's WASI (node:wasi), runner built into pogo\n"
     "  no imports      wasm-interp --run-all-exports; the native side calls every export\n"
     "                  without parameters and prints the results in wasm-interp's format\n"
     "--ref CMD runs `sh -c 'CMD \"$@\"' sh app.wasm args...` (the wasm as an absolute path).\n\n"
     "Every run gets a fresh scratch directory, the same path for both sides: the working\n"
     "directory, and for WASI guests the only preopen (as \"/\"). stdin is read once and fed\n"
     "to both (a terminal counts as empty). See docs/check.md for what is compared and\n"
     "which differences are normalised.\n\n"
     "Options:\n"
     "  --ref R         node, node-wasi, wasm-interp, or a shell command\n"
     "  --repeat N      N rounds; rounds 2.. vary the environment size and argv[0] (docs/check.md)\n"
     "  --seed S        seed of those variations (default: random, printed on a difference)\n"
     "  --timeout SECS  kill a run after SECS seconds (default 0: no limit); a timeout differs\n"
     "  --files DIR     copy DIR into each scratch directory first (the guest's input files)\n"
     "  --goroot DIR    the Go whose wasm_exec_node.js runs GOOS=js modules (default: go env GOROOT)\n"
     "  --env KEY=VALUE, --inherit-env, --dir HOST[::GUEST]   WASI guests, both sides\n"
     "  -O0..-O3, --cc CC, -j N, --no-cache   the native build, as for run\n",
     false},
    /* no run function: pg_exec_rewrite (exec.c) turns `pogo exec t.wasm ...` into the
     * `pogo run` command line first; only its help and usage errors get here */
    {"exec", NULL, "pogo exec test.wasm [test flags...]",
     "go test -exec: build the test binary through the cache and run it in the current\n"
     "directory, arguments and exit status passed through. GOOS=js or wasip1 is chosen\n"
     "from the module's imports; a wasip1 binary is granted / and gets PWD and PATH, as\n"
     "with Go's own go_wasip1_wasm_exec. Build flags: $POGO_EXEC_FLAGS (default -O1).\n"
     "pogo invoked as go_js_wasm_exec or go_wasip1_wasm_exec (a symlink) is pogo exec: put\n"
     "the go-exec directory of a build (or lib/pogo/go-exec installed) on PATH and plain\n"
     "`GOOS=js GOARCH=wasm go test` runs the tests through pogo.\n",
     false},
    {"inspect", pg_cmd_inspect, "pogo inspect app.wasm [--json] [--name N]",
     "Describe a module: kind (go-js, go-wasip1-command, wasi-reactor, plain...), the\n"
     "producing toolchain and Go version, imports, exports, sizes, biggest functions. --json adds\n"
     "types and the C names emit-c uses.\n",
     false},
};

static void usage(FILE *f) {
  fprintf(f, "pogo %s - WebAssembly to native code through C\n\nUsage:\n", POGO_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) fprintf(f, "  %s\n", commands[i].usage);
  fprintf(f, "  pogo version\n  pogo <command> --help\n");
}

static int bad_usage(const command *c, const char *msg, const char *arg) {
  fprintf(stderr, "pogo: %s%s%s\nusage: %s\n", msg, arg ? " " : "", arg ? arg : "", c->usage);
  return 2;
}

/* WASI options collected as newline-separated words (the form of $POGO_WASI). */
typedef struct wasi_words {
  char *text;
  size_t len;
} wasi_words;

static void wasi_words_add(wasi_words *w, const char *word) {
  size_t n = strlen(word);
  char *t = realloc(w->text, w->len + n + 2);
  if (!t) {
    fprintf(stderr, "pogo: out of memory\n");
    exit(1);
  }
  if (w->len) t[w->len++] = '\n';
  memcpy(t + w->len, word, n + 1);
  w->len += n;
  w->text = t;
}

static bool parse_uint(const char *s, unsigned *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 1 || v > 1024) return false;
  *out = (unsigned)v;
  return true;
}

int main(int argc, char **argv) {
  int exec_status = pg_exec_rewrite(&argc, &argv);
  if (exec_status >= 0) return exec_status;
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *name = argv[1];
  if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(name, "version") || !strcmp(name, "--version")) {
    printf("pogo %s\n", POGO_VERSION);
    /* a sanitizer build of pogo instruments guests too; hosts linking a --lib archive
     * must link with the same flags */
    if (POGO_GUEST_FLAGS[0]) printf("guest C flags: %s\n", POGO_GUEST_FLAGS);
    return 0;
  }
  const command *c = NULL;
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(commands[i].name, name)) c = &commands[i];
  if (!c) {
    fprintf(stderr, "pogo: unknown command '%s'\n", name);
    usage(stderr);
    return 2;
  }

  wasi_words wasi = {0};
  pg_opts o = {0};
  o.cmd = c->name;
  o.opt_level = 2;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    int taken;
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      printf("usage: %s\n\n%s", c->usage, c->help);
      return 0;
    } else if (!strcmp(a, "--")) {
      if (strcmp(c->name, "run") != 0 && strcmp(c->name, "check") != 0) return bad_usage(c, "unexpected", "--");
      o.args = argv + i + 1;
      o.nargs = argc - i - 1;
      break;
    } else if (!strcmp(c->name, "check") && (taken = pg_check_option(&o, a, next)) != 0) {
      if (taken < 0) return bad_usage(c, next ? "bad value for" : "missing value after", a);
      i++;
    } else if (!strcmp(a, "-o")) {
      if (!next) return bad_usage(c, "missing value after", a);
      o.output = next;
      i++;
    } else if (!strcmp(a, "--name") || !strcmp(a, "--cc") || !strcmp(a, "--keep-c")) {
      if (!next) return bad_usage(c, "missing value after", a);
      if (!strcmp(a, "--name")) o.name = next;
      else if (!strcmp(a, "--cc")) o.cc = next;
      else o.keep_c = next;
      i++;
    } else if (!strcmp(a, "-j")) {
      if (!next || !parse_uint(next, &o.jobs)) return bad_usage(c, "-j needs a number from 1 to 1024, got", next ? next : "nothing");
      i++;
    } else if (!strncmp(a, "-j", 2) && a[2]) {
      if (!parse_uint(a + 2, &o.jobs)) return bad_usage(c, "bad option", a);
    } else if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3]) {
      o.opt_level = a[2] - '0';
    } else if (!strcmp(a, "--dir") || !strcmp(a, "--env") || !strcmp(a, "--tcplisten") || !strcmp(a, "--inherit-env")) {
      bool takes = strcmp(a, "--inherit-env") != 0;
      if (strcmp(c->name, "build") && strcmp(c->name, "run") && strcmp(c->name, "check"))
        return bad_usage(c, "not an option of this command:", a);
      if (takes && !next) return bad_usage(c, "missing value after", a);
      if (takes && strchr(next, '\n')) return bad_usage(c, "a WASI option value cannot hold a newline:", a);
      if (!strcmp(a, "--env") && (!strchr(next, '=') || next[0] == '=')) return bad_usage(c, "--env needs KEY=VALUE, got", next);
      wasi_words_add(&wasi, a);
      if (takes) wasi_words_add(&wasi, next);
      i += takes;
    } else if (!strcmp(a, "--frame-pointers")) {
      if (strcmp(c->name, "build") && strcmp(c->name, "run")) return bad_usage(c, "not an option of this command:", a);
      o.frame_pointers = true;
    } else if (!strcmp(a, "--cpuprofile") || !strncmp(a, "--cpuprofile=", 13)) {
      if (strcmp(c->name, "run")) return bad_usage(c, "not an option of this command:", "--cpuprofile");
      o.cpuprofile = a[12] == '=' ? a + 13 : next;
      if (!o.cpuprofile || !*o.cpuprofile) return bad_usage(c, "missing file after", "--cpuprofile");
      i += a[12] != '=';
      o.frame_pointers = true;
    } else if (!strcmp(a, "--max-memory") || !strcmp(a, "--timeout")) {
      bool mem = !strcmp(a, "--max-memory");
      if (strcmp(c->name, "build") && strcmp(c->name, "run")) return bad_usage(c, "not an option of this command:", a);
      if (!next) return bad_usage(c, "missing value after", a);
      if (mem ? !pg_parse_size(next, &o.max_memory) : !pg_parse_duration(next, &o.timeout_ns))
        return bad_usage(c, mem ? "--max-memory needs a size such as 256M or 1G, got" : "--timeout needs a duration such as 30s or 500ms, got", next);
      i++;
    } else if (!strcmp(a, "--lib")) {
      o.lib = true;
    } else if (!strcmp(a, "--json")) {
      o.json = true;
    } else if (!strcmp(a, "--no-cache")) {
      o.no_cache = true;
    } else if (a[0] == '-' && a[1]) {
      return bad_usage(c, "unknown option", a);
    } else if (!o.input) {
      o.input = a;
    } else {
      return bad_usage(c, "unexpected argument", a);
    }
  }
  if (!o.input) return bad_usage(c, "missing input module", NULL);
  if (c->needs_output && !o.output) return bad_usage(c, "missing -o", NULL);
  if (o.lib && strcmp(c->name, "build") != 0) return bad_usage(c, "--lib is a build option", NULL);
  o.wasi_opts = wasi.text;
  int r = c->run(&o);
  free(wasi.text);
  return r;
}
