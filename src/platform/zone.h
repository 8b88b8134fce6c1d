/*
 * zone.h - the host's time zones, for front ends that count days in a
 * person's own zone (issue #9: weeks and streaks in local time). The core
 * never reads a zone (src/core/days.h); it asks a front end for the local
 * day of an instant through a dy_local_day_fn, and a server answering for
 * people in several zones uses these.
 *
 * The C library knows one zone per process, the one TZ names. A zone is
 * entered for a while: zone_enter takes a process-wide lock, sets TZ and
 * reloads it; zone_leave puts back what TZ was and lets go. Between the
 * two, zone_local_day answers in that zone. Other threads that call
 * localtime meanwhile would see the entered zone: in dyad nothing else
 * does (the server logs in UTC).
 */
#ifndef DY_ZONE_H
#define DY_ZONE_H

#include <stdbool.h>
#include <stdint.h>

#define ZONE_NAME_MAX 64

/* Whether name is an IANA zone the host has ("Europe/Paris", "UTC"): 1 to
 * ZONE_NAME_MAX bytes of letters, digits, '_', '+', '-' and '/' between
 * them, naming a file under the system's zone folder. */
bool zone_valid(const char *name);

/* Enter zone name (zone_valid), or the host's own zone when NULL. Every
 * zone_enter is followed by exactly one zone_leave, on the same thread. */
void zone_enter(const char *name);
void zone_leave(void);

/* The local day (days.h's numbering) of instant t in the entered zone; a
 * dy_local_day_fn (ctx unused). */
int32_t zone_local_day(void *ctx, int64_t t);

/* The offset from UTC of the entered zone at instant t, in seconds east;
 * a dy_zone_offset_fn (ctx unused). */
int32_t zone_offset(void *ctx, int64_t t);

/* The name of the host's own zone (TZ when it names one, else the zone
 * /etc/localtime links to) into out (ZONE_NAME_MAX + 1 bytes); false when
 * it has no name this can tell. */
bool zone_system(char out[ZONE_NAME_MAX + 1]);

#endif
