/*
 * api_host.c - the same Go wasip1 reactor as host.c, driven through the embedding API
 * (pogo.h) instead of the generated header: pogo_instance_new with preopens and env in
 * the config, pogo_run for _initialize, pogo_call_export for the go:wasmexport
 * functions (values as 64-bit cells), pogo_memory. The go:wasmimport function is still
 * a C function the embedder defines. Prints the same transcript as host.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pogo.h"
#include "reactor.h"

void reactor_import_env_host_log(reactor_t *inst, uint32_t x) {
  (void)inst;
  printf("host_log(%d)\n", (int)x);
}

static uint64_t call(pogo_instance *inst, const char *name, const uint64_t *args, uint32_t nargs, uint32_t nresults) {
  uint64_t r = 0;
  pogo_error e;
  if (pogo_call_export(inst, name, args, nargs, &r, nresults, &e) != POGO_OK) {
    fprintf(stderr, "api_host: %s: %s\n", name, e.message);
    exit(1);
  }
  return r;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  static const char *const argv[] = {"reactor"};
  static const char *const env[] = {"GREETING=hi", NULL};
  pogo_config cfg = {.argc = 1, .argv = argv, .env = env};
  pogo_error e;
  pogo_instance *inst = pogo_instance_new(&reactor_module, &cfg, &e);
  if (!inst || pogo_instance_kind(inst) != POGO_KIND_WASI) {
    fprintf(stderr, "api_host: %s\n", inst ? "not a WASI module" : e.message);
    return 1;
  }
  if (pogo_run(inst, &e) != POGO_OK) {
    fprintf(stderr, "api_host: _initialize: %s\n", e.message);
    return 1;
  }
  uint64_t a[2] = {2, 3};
  printf("add(2, 3) = %u\n", (uint32_t)call(inst, "add", a, 2, 1));
  a[0] = 40, a[1] = 2;
  printf("add(40, 2) = %u\n", (uint32_t)call(inst, "add", a, 2, 1));
  a[0] = 4;
  call(inst, "start_worker", a, 1, 0);
  for (int i = 0; i < 4; i++) printf("take() = %u\n", (uint32_t)call(inst, "take", NULL, 0, 1));
  call(inst, "hello", NULL, 0, 0);
  /* errors are values: a wrong arity, an unknown export */
  if (pogo_call_export(inst, "add", a, 1, NULL, 1, &e) != POGO_ERR_ARG ||
      pogo_call_export(inst, "nope", NULL, 0, NULL, 0, &e) != POGO_ERR_ARG) {
    fprintf(stderr, "api_host: bad calls were not refused\n");
    return 1;
  }
  size_t size = 0;
  if (!pogo_memory(inst, &size) || size < 65536) {
    fprintf(stderr, "api_host: no memory\n");
    return 1;
  }
  pogo_instance_free(inst);
  return 0;
}
