/*
 * units.h - sizes and durations as people write them on a command line or in the
 * environment ("256M", "1.5s", "500ms"), shared by the compiler (pogo build/run
 * --max-memory, --timeout) and the runtime ($POGO_MAX_MEMORY, $POGO_TIMEOUT).
 */
#ifndef PG_UNITS_H
#define PG_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes: a number, optionally with a fraction, and an optional binary unit K, M or G
 * (also written KiB, KB, k...): "65536", "64K", "1.5G". False if malformed or 0. */
bool pg_parse_size(const char *s, uint64_t *bytes);
/* A duration: a number, optionally with a fraction, and a unit ns, us, ms, s, m or h
 * (seconds without one): "10", "1.5s", "500ms", "2m". False if malformed or 0. */
bool pg_parse_duration(const char *s, uint64_t *ns);
/* A short rendering for messages ("1.5s", "250ms", "64M", "65536") into buf. */
const char *pg_format_duration(uint64_t ns, char *buf, size_t n);
const char *pg_format_size(uint64_t bytes, char *buf, size_t n);

#endif /* PG_UNITS_H */
