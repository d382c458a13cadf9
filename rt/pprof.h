/*
 * pprof.h - a builder for profiles in pprof's format (profile.proto, the protocol
 * buffer `go tool pprof` reads), internal to rt/.
 *
 * The caller adds strings, mappings, functions, locations and samples; the builder
 * interns strings, functions (by name and file) and locations (by address) and assigns
 * their ids, then encodes the whole profile as one uncompressed protocol buffer (pprof
 * accepts it as well as the gzipped form).
 *
 * Allocation failure is sticky: every call after one is a no-op and pg_pprof_encode
 * returns false, so the caller checks once at the end.
 */
#ifndef POGO_RT_PPROF_H
#define POGO_RT_PPROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pg_pprof pg_pprof;

pg_pprof *pg_pprof_new(void);
void pg_pprof_free(pg_pprof *p);

/* Index of s in the string table (0 is ""). */
uint64_t pg_pprof_string(pg_pprof *p, const char *s);

/* The sample types, in the order of each sample's values: e.g. ("samples", "count"),
 * ("cpu", "nanoseconds"). At most 4. */
void pg_pprof_sample_type(pg_pprof *p, const char *type, const char *unit);
/* period_type and period, time of collection and its duration. */
void pg_pprof_period(pg_pprof *p, const char *type, const char *unit, int64_t period);
void pg_pprof_time(pg_pprof *p, int64_t time_nanos, int64_t duration_nanos);
void pg_pprof_comment(pg_pprof *p, const char *text);

/* A mapping of an object file; returns its id. has_functions says the locations in it
 * carry their function names already (pprof then does not try to symbolise them). */
uint64_t pg_pprof_mapping(pg_pprof *p, uint64_t start, uint64_t limit, uint64_t offset, const char *file,
                          bool has_functions);
/* The function called name in file (either may be NULL): same name and file, same id. */
uint64_t pg_pprof_function(pg_pprof *p, const char *name, const char *file);
/* The location at address (0: one without an address, never shared) in function
 * func_id (0: none) at line (0: unknown); the first call for an address decides. */
uint64_t pg_pprof_location(pg_pprof *p, uint64_t address, uint64_t mapping_id, uint64_t func_id, int64_t line);
/* One sample: a stack of location ids, innermost first, and one value per sample type. */
void pg_pprof_sample(pg_pprof *p, const uint64_t *locs, size_t nlocs, const int64_t *values);

/* The encoded profile (malloc'd, the caller frees it); false if any allocation failed. */
bool pg_pprof_encode(pg_pprof *p, uint8_t **out, size_t *len);

#endif
