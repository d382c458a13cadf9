/*
 * profile.h - CPU profiles of the guest, in pprof's format (internal to rt/; the mains
 * of built executables use it).
 *
 * $POGO_CPUPROFILE names the file, $POGO_CPUPROFILE_HZ the sampling rate (default 100).
 * The profile is opened before the guest is instantiated (so a bad path fails early),
 * sampling runs on the thread that runs the guest between start and finish, and finish
 * writes the file. Functions accept a NULL profile (not profiling) and do nothing.
 */
#ifndef POGO_RT_PROFILE_H
#define POGO_RT_PROFILE_H

#include <stdbool.h>

#include "pogo-abi.h"

typedef struct pg_profile pg_profile;

/* The profile $POGO_CPUPROFILE asks for, its file created; NULL when the variable is
 * unset or empty. When the file cannot be created, prints one line naming it and sets
 * *failed. The variable is removed from the environment, so the guest (which may see the
 * host's environment) and programs it starts do not profile into the same file. */
pg_profile *pg_profile_from_env(const pg_program *prog, bool *failed);

/* Start sampling the calling thread, which is about to run inst's code. */
void pg_profile_start(pg_profile *p, pg_inst_hdr *inst);

/* Stop sampling (on the thread that started it), write the file and free the profile.
 * Returns code, or 1 when code was 0 and the profile could not be written (after one
 * line saying why). */
int pg_profile_finish(pg_profile *p, int code);

#endif
