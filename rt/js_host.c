/*
 * js_host.c - creating and destroying a Go host, and the argv/environment block Go
 * reads at start-up.
 *
 * The block is what wasm_exec.js writes from offset 4096: each argv string, then each
 * "KEY=VALUE", NUL-terminated and padded to 8 bytes; then 8-byte pointers argv..., 0,
 * env..., 0. It must end before 12288, where Go's data begins. The environment is the
 * process's plus TMPDIR (node's runner always adds it, from os.tmpdir()), sorted by
 * key in UTF-16 code-unit order as JavaScript's sort does.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "js_host.h"

/* JavaScript compares strings by UTF-16 code units: for UTF-8 that is byte order,
 * except that supplementary characters (4-byte sequences, surrogate pairs 0xD800..)
 * sort below U+E000..U+FFFF (3-byte sequences from 0xEE). */
static uint32_t utf16_unit_key(const unsigned char *s, size_t *adv) {
  unsigned char c = s[0];
  if (c < 0x80) return *adv = 1, c;
  if (c >= 0xf0) return *adv = 4, 0xd800u; /* any high surrogate */
  if (c >= 0xe0) {
    uint32_t cp = (uint32_t)(c & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
    return *adv = 3, cp;
  }
  return *adv = 2, (uint32_t)(c & 0x1f) << 6 | (s[1] & 0x3f);
}

static int key_cmp(const void *pa, const void *pb) {
  const unsigned char *a = *(const unsigned char *const *)pa, *b = *(const unsigned char *const *)pb;
  for (;;) {
    bool ea = *a == '=' || !*a, eb = *b == '=' || !*b;
    if (ea || eb) return ea && eb ? 0 : ea ? -1 : 1;
    size_t na, nb;
    uint32_t ka = utf16_unit_key(a, &na), kb = utf16_unit_key(b, &nb);
    if (ka != kb) return ka < kb ? -1 : 1;
    if (na != nb || memcmp(a, b, na)) return memcmp(a, b, na < nb ? na : nb);
    a += na;
    b += nb;
  }
}

static char **make_env(const char *const *env, int *n_out) {
  int n = 0;
  while (env && env[n]) n++;
  char **out = malloc((size_t)(n + 2) * sizeof *out);
  int k = 0;
  bool tmpdir = false;
  for (int i = 0; i < n; i++) {
    if (!strchr(env[i], '=')) continue;
    if (!strncmp(env[i], "TMPDIR=", 7)) tmpdir = true;
    out[k++] = strdup(env[i]);
  }
  if (!tmpdir) {
    /* os.tmpdir(): $TMP, else $TEMP, else /tmp, without a trailing slash */
    const char *t = getenv("TMP");
    if (!t || !*t) t = getenv("TEMP");
    if (!t || !*t) t = "/tmp";
    size_t len = strlen(t);
    while (len > 1 && t[len - 1] == '/') len--;
    char *v = malloc(len + 8);
    snprintf(v, len + 8, "TMPDIR=%.*s", (int)len, t);
    out[k++] = v;
  }
  qsort(out, (size_t)k, sizeof *out, key_cmp);
  out[k] = NULL;
  *n_out = k;
  return out;
}

pg_js *js_host_new(pg_go *go, int argc, char **argv, const char *const *env) {
  pg_js *js = calloc(1, sizeof *js);
  if (!js) abort();
  js->go = go;
  go->js = js;
  js->legacy = go->legacy_imports;
  js->stdio[0] = 0, js->stdio[1] = 1, js->stdio[2] = 2;
  js->wake_fd = -1;
  js->time_origin_ns = js_now_ns();
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  js->wall_origin_ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
  js->argc = argc;
  js->argv = malloc((size_t)(argc + 1) * sizeof *js->argv);
  for (int i = 0; i < argc; i++) js->argv[i] = strdup(argv[i]);
  js->argv[argc] = NULL;
  js->env = make_env(env, &js->nenv);
  js_globals_init(js);
  js_refs_init(js);
  /* the limit on values Go holds at once: $POGO_MAX_JS_VALUES lowers (or raises) it */
  const char *max = getenv("POGO_MAX_JS_VALUES");
  char *end;
  unsigned long long v = max && *max ? strtoull(max, &end, 10) : 0;
  js->max_refs = v >= 16 && v <= UINT32_MAX / 2 && !*end ? (uint32_t)v : JS_MAX_REFS;
  return js;
}

js_obj *js_global(pg_js *js) { return js->global; }
js_obj *js_go_object(pg_js *js) { return js->goobj; }

void js_host_free(pg_js *js) {
  if (!js) return;
  js_loop_free(js);
  js_refs_free(js);
  js_free_all(js);
  for (int i = 0; i < js->argc; i++) free(js->argv[i]);
  free(js->argv);
  for (int i = 0; i < js->nenv; i++) free(js->env[i]);
  free(js->env);
  if (js->go) js->go->js = NULL;
  free(js);
}

bool js_write_args(pg_js *js, uint32_t *argc_out, uint32_t *argv_out, char *err, size_t errn) {
  if (js->go->hdr->mem->size < 12288) {
    snprintf(err, errn, "memory of %u bytes is too small for Go's arguments (12288 bytes)", js->go->hdr->mem->size);
    return false;
  }
  uint8_t *mem = js->go->hdr->mem->data;
  int total = js->argc + js->nenv;
  uint32_t *ptrs = malloc((size_t)(total + 1) * sizeof *ptrs);
  uint64_t off = 4096;
  bool ok = true;
  for (int i = 0; i < total && ok; i++) {
    /* TextEncoder of the string: UTF-8, invalid input replaced */
    js_val v = js_cstring(js, i < js->argc ? js->argv[i] : js->env[i - js->argc]);
    size_t n = strlen(js_str_data(v)) + 1;
    ok = off + n < 12288;
    if (ok) {
      memcpy(mem + off, js_str_data(v), n);
      ptrs[i] = (uint32_t)off;
      off = (off + n + 7) & ~(uint64_t)7;
    }
    js_release(js, v);
  }
  uint64_t array = off;
  ok = ok && off + 8 * ((uint64_t)total + 2) < 12288;
  if (ok) {
    for (int i = 0; i <= total + 1; i++) {
      /* argv..., 0, env..., 0 */
      uint64_t p = i < js->argc ? ptrs[i] : i == js->argc ? 0 : i <= total ? ptrs[i - 1] : 0;
      memcpy(mem + off, &p, 8);
      off += 8;
    }
  }
  free(ptrs);
  if (!ok) {
    snprintf(err, errn, "total length of command line and environment variables exceeds limit");
    return false;
  }
  *argc_out = (uint32_t)js->argc;
  *argv_out = (uint32_t)array;
  return true;
}
