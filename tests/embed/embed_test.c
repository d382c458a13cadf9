/*
 * embed_test.c - Criterion tests of the embedding API (pogo.h) against a real Go
 * GOOS=js guest (tests/embed/guest, built into libembedguest.a by test_embed.py).
 *
 * Every test gets a fresh instance (setup: C functions installed, a hold taken because
 * the guest's main blocks forever, pogo_run). Covered: each API function; errors as
 * values (no module, wrong thread, wrong kind, not a function, before pogo_run, after
 * exit); C -> Go -> C; nesting 1000 deep with Go's stack growing; values and bytes both
 * ways; a C function that throws; a host stepping the loop itself on pogo_fd and
 * pogo_deadline; posts from 8 threads; posts racing with shutdown (each accepted post
 * runs or is cancelled, never lost); two instances interleaved; closers; a Go panic in
 * a callback (the guest ends, the host does not); pogo_loop to the guest's exit.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embedguest.h"
#include "pogo.h"
#include "posting.h"

/* ---- C functions the guest calls ---- */

static bool host_mul(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                     pogo_value *result) {
  (void)user, (void)self;
  if (argc != 2) {
    *result = pogo_exception(inst, "hostMul needs two numbers");
    return false;
  }
  *result = pogo_number(pogo_to_number(args[0]) * pogo_to_number(args[1]));
  return true;
}

static bool host_depth(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                       pogo_value *result) {
  (void)user, (void)self, (void)argc;
  pogo_value g = pogo_global(inst);
  pogo_value f = pogo_get(inst, g, "goDepth");
  pogo_status s = pogo_call(inst, f, pogo_undefined(), args, 1, result, NULL);
  pogo_release(inst, f);
  pogo_release(inst, g);
  return s == POGO_OK;
}

static bool host_throw(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                       pogo_value *result) {
  (void)user, (void)self, (void)args, (void)argc;
  *result = pogo_exception(inst, "thrown by C");
  return false;
}

static int notified;
static bool host_notify(pogo_instance *inst, void *user, pogo_value self, const pogo_value *args, uint32_t argc,
                        pogo_value *result) {
  (void)inst, (void)self, (void)result;
  const char *s = argc > 0 ? pogo_string_data(args[0]) : NULL;
  if (s && !strcmp(s, "late") && argc > 1 && pogo_to_number(args[1]) == 20 && user == &notified) notified++;
  return true;
}

static void install(pogo_instance *inst, const char *name, pogo_native fn, void *user) {
  pogo_value g = pogo_global(inst);
  pogo_value f = pogo_function(inst, name, fn, user);
  cr_assert(pogo_is_function(f));
  cr_assert_eq(pogo_set(inst, g, name, f, NULL), POGO_OK);
  pogo_release(inst, f);
  pogo_release(inst, g);
}

static pogo_instance *start(void *user) {
  pogo_error e;
  pogo_config cfg = {.user = user};
  pogo_instance *inst = pogo_instance_new(&embedguest_module, &cfg, &e);
  cr_assert_not_null(inst, "%s", e.message);
  cr_assert_eq(pogo_instance_kind(inst), POGO_KIND_GO_JS);
  cr_assert_eq(pogo_user(inst), user);
  install(inst, "hostMul", host_mul, NULL);
  install(inst, "hostDepth", host_depth, NULL);
  install(inst, "hostThrow", host_throw, NULL);
  install(inst, "hostNotify", host_notify, &notified);
  /* the guest's main blocks forever: keep the loop waiting for the host */
  cr_assert_eq(pogo_hold(inst, 1, NULL), POGO_OK);
  cr_assert_eq(pogo_run(inst, &e), POGO_OK, "%s", e.message);
  return inst;
}

static pogo_status call(pogo_instance *inst, const char *fn, const pogo_value *args, uint32_t argc, pogo_value *r,
                        pogo_error *e) {
  pogo_value g = pogo_global(inst);
  pogo_value f = pogo_get(inst, g, fn);
  pogo_status s = pogo_call(inst, f, pogo_undefined(), args, argc, r, e);
  pogo_release(inst, f);
  pogo_release(inst, g);
  return s;
}

static pogo_instance *inst;
static void setup(void) { inst = start(NULL); }
static void teardown(void) {
  pogo_instance_free(inst);
  inst = NULL;
}
TestSuite(embed, .init = setup, .fini = teardown, .timeout = 120);

Test(embed, errors_before_an_instance) {
  pogo_error e;
  cr_assert_null(pogo_instance_new(NULL, NULL, &e));
  cr_assert_eq(e.code, POGO_ERR_ARG);
  cr_assert_eq(pogo_run(NULL, &e), POGO_ERR_ARG);
  cr_assert_eq(pogo_post(NULL, NULL, NULL, NULL, &e), POGO_ERR_ARG);
  pogo_instance_free(NULL);
}

static void *wrong_thread(void *p) {
  pogo_error e;
  bool all = pogo_run(p, &e) == POGO_ERR_THREAD && pogo_call(p, pogo_undefined(), pogo_undefined(), NULL, 0, NULL,
                                                              &e) == POGO_ERR_THREAD;
  all = all && pogo_poster_new(p, &e) == NULL && e.code == POGO_ERR_THREAD;
  return (void *)(intptr_t)all;
}

Test(embed, other_threads_are_refused) {
  pthread_t t;
  void *ok = NULL;
  pthread_create(&t, NULL, wrong_thread, inst);
  pthread_join(t, &ok);
  cr_assert(ok != NULL);
}

Test(embed, state_errors) {
  pogo_error e;
  cr_assert_eq(pogo_run(inst, &e), POGO_ERR_STATE);
  cr_assert_eq(pogo_call_export(inst, "run", NULL, 0, NULL, 0, &e), POGO_ERR_KIND);
  cr_assert_eq(pogo_hold(inst, -5, &e), POGO_ERR_STATE);
  size_t size = 0;
  cr_assert_not_null(pogo_memory(inst, &size));
  cr_assert_geq(size, 65536);
  /* a Go function before Go runs */
  pogo_instance *fresh = pogo_instance_new(&embedguest_module, NULL, &e);
  cr_assert_not_null(fresh);
  bool progress = true;
  cr_assert_eq(pogo_step(fresh, 0, &progress, &e), POGO_ERR_STATE);
  cr_assert_not(progress);
  pogo_instance_free(fresh);
}

Test(embed, c_go_c_round_trip) {
  pogo_value args[2] = {pogo_number(3), pogo_number(4)}, r;
  pogo_error e;
  cr_assert_eq(call(inst, "goAdd", args, 2, &r, &e), POGO_OK, "%s", e.message);
  cr_assert_eq(pogo_to_number(r), 3 + 4 + 12);
  pogo_release(inst, r);
}

Test(embed, nested_1000_deep) {
  pogo_value n = pogo_number(1000), r;
  pogo_error e;
  cr_assert_eq(call(inst, "goDepth", &n, 1, &r, &e), POGO_OK, "%s", e.message);
  cr_assert_eq(pogo_to_number(r), 1000);
}

Test(embed, throws_and_bad_calls_are_values) {
  pogo_error e;
  pogo_value r;
  cr_assert_eq(pogo_call(inst, pogo_number(1), pogo_undefined(), NULL, 0, &r, &e), POGO_ERR_ARG);
  pogo_value g = pogo_global(inst);
  pogo_value mul = pogo_get(inst, g, "hostMul");
  cr_assert_eq(pogo_call(inst, mul, pogo_undefined(), NULL, 0, &r, &e), POGO_ERR_THROWN);
  cr_assert(strstr(e.message, "hostMul needs two numbers"), "%s", e.message);
  char *text = pogo_to_string(inst, r);
  cr_assert(strstr(text, "hostMul needs two numbers"), "%s", text);
  free(text);
  pogo_release(inst, r);
  /* without a result pointer the exception is still described, then released */
  cr_assert_eq(pogo_call(inst, mul, pogo_undefined(), NULL, 0, NULL, &e), POGO_ERR_THROWN);
  cr_assert(strstr(e.message, "hostMul needs two numbers"), "%s", e.message);
  pogo_release(inst, mul);
  pogo_release(inst, g);
  /* Go recovers from the js.Error a throwing C function raises; its nil result is null */
  cr_assert_eq(call(inst, "goThrow", NULL, 0, &r, &e), POGO_OK, "%s", e.message);
  cr_assert_eq(r.type, POGO_NULL);
}

Test(embed, values_both_ways) {
  pogo_value o = pogo_object(inst), list = pogo_array(inst, 0), r;
  cr_assert(pogo_is_array(list));
  pogo_value s = pogo_cstring(inst, "x\xc3\xa9");
  cr_assert_eq(pogo_set_index(inst, list, 0, pogo_number(7), NULL), POGO_OK);
  cr_assert_eq(pogo_set_index(inst, list, 1, s, NULL), POGO_OK);
  cr_assert_eq(pogo_length(inst, list), 2);
  cr_assert_eq(pogo_length(inst, s), 3);
  pogo_value name = pogo_string(inst, "pogo!", 4);
  pogo_set(inst, o, "name", name, NULL);
  pogo_set(inst, o, "list", list, NULL);
  pogo_set(inst, o, "flag", pogo_boolean(true), NULL);
  pogo_value bytes = pogo_bytes(inst, "\x01\xfe", 2);
  cr_assert(pogo_is_bytes(bytes));
  pogo_set(inst, o, "bytes", bytes, NULL);
  pogo_value again = pogo_index(inst, list, 1);
  cr_assert_str_eq(pogo_string_data(again), "x\xc3\xa9");
  pogo_release(inst, again);
  pogo_error e;
  cr_assert_eq(call(inst, "goDescribe", &o, 1, &r, &e), POGO_OK, "%s", e.message);
  cr_assert_str_eq(pogo_string_data(r), "name=pogo list=2:7,x\xc3\xa9 flag=true bytes=01fe missing=undefined");
  pogo_release(inst, r);
  pogo_value retained = pogo_retain(o);
  pogo_release(inst, retained);
  pogo_release(inst, name), pogo_release(inst, s), pogo_release(inst, bytes), pogo_release(inst, list);
  pogo_release(inst, o);
}

Test(embed, bytes_to_go_and_back) {
  uint8_t data[256];
  int sum = 0;
  for (int i = 0; i < 256; i++) sum += data[i] = (uint8_t)i;
  pogo_value bytes = pogo_bytes(inst, data, sizeof data), r;
  pogo_error e;
  cr_assert_eq(call(inst, "goBytes", &bytes, 1, &r, &e), POGO_OK, "%s", e.message);
  pogo_value inv = pogo_get(inst, r, "inverted"), sumv = pogo_get(inst, r, "sum");
  size_t len = 0;
  uint8_t *p = pogo_bytes_data(inv, &len);
  cr_assert_eq(pogo_to_number(sumv), sum);
  cr_assert(p && len == 256 && p[0] == 0xff && p[255] == 0);
  pogo_release(inst, sumv), pogo_release(inst, inv), pogo_release(inst, r), pogo_release(inst, bytes);
}

Test(embed, host_steps_the_loop_itself) {
  notified = 0;
  pogo_value g = pogo_global(inst);
  pogo_value later[2] = {pogo_get(inst, g, "hostNotify"), pogo_number(20)}, r;
  cr_assert_eq(call(inst, "goLater", later, 2, &r, NULL), POGO_OK);
  pogo_release(inst, later[0]);
  pogo_release(inst, g);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int turns = 0;
  while (!notified && turns < 1000) {
    struct pollfd pfd = {pogo_fd(inst), POLLIN, 0};
    int64_t due = pogo_deadline(inst);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int64_t now = (int64_t)t1.tv_sec * 1000000000 + t1.tv_nsec;
    int ms = due < 0 ? 100 : due <= now ? 0 : (int)((due - now) / 1000000 + 1);
    poll(&pfd, 1, ms);
    cr_assert_eq(pogo_step(inst, 0, NULL, NULL), POGO_OK);
    turns++;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  cr_assert_eq(notified, 1, "after %d turns", turns);
  cr_assert_geq(ms, 19.0);
  cr_assert_lt(turns, 100, "the host slept on pogo_fd/pogo_deadline, not spinning");
}

Test(embed, posts_from_8_threads) {
  counters c = {0};
  pthread_t th[8];
  poster_args pa[8];
  for (int i = 0; i < 8; i++) {
    pa[i] = (poster_args){pogo_poster_new(inst, NULL), &c, 500};
    cr_assert_not_null(pa[i].p);
    pthread_create(&th[i], NULL, poster_thread, &pa[i]);
  }
  int turns = 0;
  while (atomic_load(&c.ran) < 4000 && turns++ < 100000) cr_assert_eq(pogo_step(inst, 100000000, NULL, NULL), POGO_OK);
  for (int i = 0; i < 8; i++) pthread_join(th[i], NULL);
  cr_assert_eq(atomic_load(&c.ran), 4000);
  cr_assert_eq(atomic_load(&c.cancelled), 0);
}

Test(embed, posts_racing_with_shutdown) {
  counters race = {0};
  pthread_t th[8];
  poster_args pa[8];
  for (int i = 0; i < 8; i++) {
    pa[i] = (poster_args){pogo_poster_new(inst, NULL), &race, -1};
    pthread_create(&th[i], NULL, poster_thread, &pa[i]);
  }
  for (int i = 0; i < 20; i++) pogo_step(inst, 1000000, NULL, NULL);
  pogo_instance_free(inst);
  inst = NULL;
  for (int i = 0; i < 8; i++) pthread_join(th[i], NULL);
  cr_assert_eq(atomic_load(&race.accepted), atomic_load(&race.ran) + atomic_load(&race.cancelled), "accepted %d ran %d cancelled %d",
               atomic_load(&race.accepted), atomic_load(&race.ran), atomic_load(&race.cancelled));
  cr_assert_eq(atomic_load(&race.refused), 8);
  cr_assert_gt(atomic_load(&race.ran), 0);
}

Test(embed, two_instances_interleaved) {
  pogo_instance *other = start(&notified);
  pogo_value g2 = pogo_global(other), g = pogo_global(inst);
  pogo_set(other, g2, "marker", pogo_number(2), NULL);
  pogo_value m1 = pogo_get(inst, g, "marker");
  cr_assert_eq(m1.type, POGO_UNDEFINED, "instances do not share globals");
  for (int i = 0; i < 50; i++) {
    pogo_value a[2] = {pogo_number(i), pogo_number(1)}, r;
    pogo_instance *which = i % 2 ? inst : other;
    cr_assert_eq(call(which, "goAdd", a, 2, &r, NULL), POGO_OK);
    cr_assert_eq(pogo_to_number(r), i + 1 + i);
  }
  pogo_release(other, g2);
  pogo_release(inst, g);
  pogo_instance_free(other);
}

static int closer_order[3], ncloser;
static void closer(void *user) { closer_order[ncloser++] = (int)(intptr_t)user; }

Test(embed, panic_in_a_callback_ends_the_guest_not_the_host) {
  pogo_instance *other = start(NULL);
  pogo_error e;
  pogo_value r, args[2] = {pogo_number(3), pogo_number(4)};
  cr_assert_eq(call(other, "goPanic", NULL, 0, &r, &e), POGO_ERR_EXITED, "%s", e.message);
  int code = -1;
  cr_assert(pogo_exited(other, &code));
  cr_assert_eq(code, 2);
  cr_assert_eq(call(other, "goAdd", args, 2, &r, &e), POGO_ERR_EXITED);
  cr_assert_eq(pogo_step(other, 0, NULL, &e), POGO_ERR_EXITED);
  cr_assert_eq(call(inst, "goAdd", args, 2, &r, &e), POGO_OK, "the other instance still works: %s", e.message);
  cr_assert_eq(pogo_to_number(r), 19);
  ncloser = 0;
  pogo_on_close(other, closer, (void *)1, NULL);
  pogo_on_close(other, closer, (void *)2, NULL);
  pogo_instance_free(other);
  cr_assert_eq(ncloser, 2);
  cr_assert_eq(closer_order[0], 2, "last registered runs first");
  cr_assert_eq(closer_order[1], 1);
}

static void cancel_count(void *user) { (*(int *)user)++; }
static void never(pogo_instance *i, void *user) {
  (void)i, (void)user;
  cr_assert_fail("a task posted to a closing instance ran");
}

Test(embed, close_cancels_posts) {
  int cancelled = 0;
  pogo_poster *p = pogo_poster_new(inst, NULL);
  cr_assert_eq(pogo_post(p, never, cancel_count, &cancelled, NULL), POGO_OK);
  cr_assert_eq(pogo_post(p, never, cancel_count, &cancelled, NULL), POGO_OK);
  pogo_instance_free(inst);
  inst = NULL;
  cr_assert_eq(cancelled, 2);
  pogo_error e;
  cr_assert_eq(pogo_post(p, never, cancel_count, &cancelled, &e), POGO_ERR_CLOSED);
  cr_assert_eq(cancelled, 2, "a refused post calls nothing");
  pogo_poster_free(p);
}

Test(embed, loop_runs_to_the_guest_exit) {
  pogo_value c = pogo_number(3), r;
  cr_assert_eq(call(inst, "goExit", &c, 1, &r, NULL), POGO_OK);
  int code = -1;
  pogo_error e;
  cr_assert_eq(pogo_loop(inst, &code, &e), POGO_OK, "%s", e.message);
  cr_assert_eq(code, 3);
  cr_assert(pogo_exited(inst, &code));
  code = -1;
  cr_assert_eq(pogo_loop(inst, &code, &e), POGO_OK, "an exited guest's loop is done at once");
  cr_assert_eq(code, 3);
  cr_assert_eq(pogo_step(inst, 0, NULL, &e), POGO_ERR_EXITED);
}

Test(embed, pollfds_start_with_the_wake_descriptor) {
  struct pollfd fds[4];
  size_t n = pogo_pollfds(inst, fds, 4);
  cr_assert_geq(n, 1);
  cr_assert_eq(fds[0].fd, pogo_fd(inst));
  cr_assert_eq(fds[0].events, POLLIN);
  cr_assert_eq(pogo_pollfds(inst, NULL, 0), n, "the count without room to fill");
}
