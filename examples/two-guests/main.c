/*
 * main.c - the host of the two-guests example: one C process running two different Go
 * GOOS=js programs, "counter" and "greeter", through pogo.h, plus a second instance of
 * counter, and calling them in turn.
 *
 * Each instance has its own linear memory, Go runtime and heap, JS global object and
 * event loop, so state never leaks between them: the two counters keep separate
 * totals, and a name one guest defines is undefined in the others.
 *
 * Invariants: all three instances belong to the main thread, which runs one guest at a
 * time (wabt's runtime allows no more). Each guest's main waits on a channel until the
 * host calls its stop function, so the host holds each loop open (pogo_hold +1) from
 * the start until then; a loop with nothing to wait for would tell Go it deadlocked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"
#include "greeter.h"
#include "pogo.h"

/* Start a guest named `name` (its argv[0]) and run its main until it first waits. */
static pogo_instance *start(const pogo_module *m, const char *name) {
  const char *argv[] = {name};
  pogo_config cfg = {.argc = 1, .argv = argv};
  pogo_error e;
  pogo_instance *inst = pogo_instance_new(m, &cfg, &e);
  if (!inst) {
    fprintf(stderr, "host: %s: %s\n", name, e.message);
    exit(1);
  }
  pogo_hold(inst, 1, NULL);
  if (pogo_run(inst, &e) != POGO_OK) {
    fprintf(stderr, "host: %s: %s\n", name, e.message);
    exit(1);
  }
  return inst;
}

/* globalThis[fn](arg) in inst; the result is owned by the caller. */
static pogo_value call(pogo_instance *inst, const char *fn, pogo_value arg) {
  pogo_value g = pogo_global(inst), f = pogo_get(inst, g, fn), r;
  pogo_error e;
  pogo_status s = pogo_call(inst, f, pogo_undefined(), &arg, 1, &r, &e);
  if (s != POGO_OK) {
    fprintf(stderr, "host: %s: %s\n", fn, e.message);
    exit(1);
  }
  pogo_release(inst, f);
  pogo_release(inst, g);
  return r;
}

static void print_global(pogo_instance *inst, const char *label, const char *key) {
  pogo_value g = pogo_global(inst), v = pogo_get(inst, g, key);
  char *s = pogo_to_string(inst, v);
  printf("C: %s sees %s = %s\n", label, key, s ? s : "?");
  free(s);
  pogo_release(inst, v);
  pogo_release(inst, g);
}

/* Let the guest's main return and run its loop to the end; its exit code. */
static int finish(pogo_instance *inst, const char *stop) {
  pogo_value r = call(inst, stop, pogo_undefined());
  pogo_release(inst, r);
  pogo_hold(inst, -1, NULL);
  int code = -1;
  pogo_error e;
  /* the stop call may already have run main to its end (pogo_call settles the loop) */
  if (!pogo_exited(inst, &code) && pogo_loop(inst, &code, &e) != POGO_OK) fprintf(stderr, "host: %s\n", e.message);
  pogo_instance_free(inst);
  return code;
}

int main(void) {
  /* the guests write to fd 1 themselves: flush each line to keep the order */
  setvbuf(stdout, NULL, _IOLBF, 0);
  pogo_instance *a = start(&counter_module, "counter-a");
  pogo_instance *greeter = start(&greeter_module, "greeter");
  pogo_instance *b = start(&counter_module, "counter-b");

  static const char *const names[] = {"Ada", "Grace", "Ken"};
  for (int i = 1; i <= 3; i++) {
    pogo_value r = call(a, "counterAdd", pogo_number(i));
    printf("C: counter-a.counterAdd(%d) = %g\n", i, pogo_to_number(r));
    pogo_release(a, r);

    pogo_value name = pogo_cstring(greeter, names[i - 1]);
    r = call(greeter, "greet", name);
    printf("C: greeter.greet(\"%s\") = \"%s\"\n", names[i - 1], pogo_string_data(r) ? pogo_string_data(r) : "?");
    pogo_release(greeter, r);
    pogo_release(greeter, name);

    r = call(b, "counterAdd", pogo_number(100 * i));
    printf("C: counter-b.counterAdd(%d) = %g\n", 100 * i, pogo_to_number(r));
    pogo_release(b, r);
  }

  print_global(a, "counter-a", "whoami");
  print_global(b, "counter-b", "whoami");
  print_global(greeter, "greeter", "whoami");
  print_global(a, "counter-a", "greet"); /* greeter's function: not here */
  print_global(greeter, "greeter", "counterAdd");

  printf("C: counter-a exited with %d\n", finish(a, "counterStop"));
  printf("C: greeter exited with %d\n", finish(greeter, "greeterStop"));
  printf("C: counter-b exited with %d\n", finish(b, "counterStop"));
  return 0;
}
