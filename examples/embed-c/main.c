/*
 * main.c - the host of the embed-c example: defines the guest's import, instantiates
 * the module compiled by `pogo build --lib`, calls its exports inside pg_call, and
 * shows a guest trap coming back as a value instead of killing the process.
 */
#include <inttypes.h>
#include <stdio.h>

#include "checksum.h"

/* the guest's import "env" "progress" */
void checksum_import_env_progress(checksum_t *inst, uint32_t offset) {
  (void)inst;
  printf("  progress: %" PRIu32 " bytes\n", offset);
}

struct call {
  checksum_t *inst;
  uint32_t a, b, result;
};

static void do_fill(void *p) {
  struct call *c = p;
  checksum_export_fill(c->inst, c->a);
}
static void do_adler(void *p) {
  struct call *c = p;
  c->result = checksum_export_adler32(c->inst, 0, c->a);
}
static void do_divide(void *p) {
  struct call *c = p;
  c->result = checksum_export_divide(c->inst, c->a, c->b);
}

int main(void) {
  char msg[256];
  pg_trap_info err;
  checksum_imports imports = {0};
  struct call c = {0};
  c.inst = checksum_instantiate(NULL, &imports, &err);
  if (!c.inst) {
    fprintf(stderr, "instantiate: %s\n", pg_trap_describe(&err, msg, sizeof msg));
    return 1;
  }
  pg_inst_hdr *h = (pg_inst_hdr *)c.inst;

  c.a = 100000;
  if (!pg_call(h, do_fill, &c, &err) || !pg_call(h, do_adler, &c, &err)) {
    fprintf(stderr, "%s\n", pg_trap_describe(&err, msg, sizeof msg));
    return 1;
  }
  printf("adler32 of %" PRIu32 " guest bytes: 0x%08" PRIx32 "\n", c.a, c.result);

  c.a = 84, c.b = 2;
  if (pg_call(h, do_divide, &c, &err)) printf("divide(84, 2) = %" PRIu32 "\n", c.result);
  c.b = 0;
  if (!pg_call(h, do_divide, &c, &err)) printf("divide(84, 0): %s\n", pg_trap_describe(&err, msg, sizeof msg));

  checksum_free(c.inst);
  return 0;
}
