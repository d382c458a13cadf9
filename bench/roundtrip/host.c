/*
 * host.c - C -> Go -> C round trips through pogo.h: calls the guest's goAdd (a Go
 * js.FuncOf callback that calls the C function hostMul once) in batches and prints the
 * median time per round trip over the batches, in nanoseconds.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "embedguest.h"
#include "pogo.h"

static bool host_mul(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                     pogo_value *result) {
  (void)inst, (void)user, (void)self, (void)argc;
  *result = pogo_number(pogo_to_number(args[0]) * pogo_to_number(args[1]));
  return true;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int batches = argc > 1 ? atoi(argv[1]) : 15, per = argc > 2 ? atoi(argv[2]) : 20000;
  pogo_error e;
  pogo_instance *inst = pogo_instance_new(&embedguest_module, NULL, &e);
  if (!inst) {
    fprintf(stderr, "%s\n", e.message);
    return 1;
  }
  pogo_value g = pogo_global(inst);
  pogo_value f = pogo_function(inst, "hostMul", host_mul, NULL);
  pogo_set(inst, g, "hostMul", f, NULL);
  pogo_release(inst, f);
  pogo_hold(inst, 1, NULL);
  if (pogo_run(inst, &e) != POGO_OK) {
    fprintf(stderr, "%s\n", e.message);
    return 1;
  }
  pogo_value add = pogo_get(inst, g, "goAdd");
  pogo_value args[2] = {pogo_number(3), pogo_number(4)};
  double *ns = malloc(sizeof *ns * (size_t)batches);
  for (int b = 0; b < batches; b++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < per; i++) {
      pogo_value r;
      if (pogo_call(inst, add, pogo_undefined(), args, 2, &r, &e) != POGO_OK || pogo_to_number(r) != 19) {
        fprintf(stderr, "round trip failed: %s\n", e.message);
        return 1;
      }
      pogo_release(inst, r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ns[b] = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / per;
  }
  qsort(ns, (size_t)batches, sizeof *ns, by_value);
  printf("%.0f\n", ns[batches / 2]);
  pogo_release(inst, add);
  pogo_release(inst, g);
  pogo_instance_free(inst);
  free(ns);
  return 0;
}
