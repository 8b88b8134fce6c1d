/*
 * checkin.h - regular check-ins (issue #12): the schedule the couple
 * agrees on, its next date in their own time zone, and an iCalendar file
 * of it. Part of libdyad's public interface: dyad.h includes it.
 *
 * The schedule is a setting of the space (either partner sets it): a
 * frequency (weekly, every other week, monthly on the first..fourth or
 * last such weekday), a weekday, a local time and the couple's time zone.
 * The core never reads a time zone (days.h): a front end hands it a
 * dy_zone_offset_fn that tells the zone's offset from UTC at an instant
 * (src/platform/zone.h's zone_offset), and the core finds the instants of
 * local times from it, so a daylight-saving change never moves a
 * check-in's local time. A local time that does not exist on a day (the
 * hour skipped in spring) is read with the offset before the change, as
 * RFC 5545 says (01:30 in a gap from 01:00 to 02:00 is 02:30); one that
 * happens twice (autumn) is the first.
 */
#ifndef DY_CHECKIN_H
#define DY_CHECKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dy_session;
struct dy_error;

enum dy_checkin_freq {
	DY_CHECKIN_NONE = 0,
	DY_CHECKIN_WEEKLY = 1,
	DY_CHECKIN_BIWEEKLY = 2,
	DY_CHECKIN_MONTHLY = 3,
};
#define DY_CHECKIN_LAST 5  /* week of the month: the last such weekday */

/* "weekly", "biweekly", "monthly" (NULL-terminated, indexed by freq - 1);
 * "monday" .. "sunday" (indexed by weekday). */
extern const char *const dy_checkin_freqs[];
extern const char *const dy_checkin_days[];

struct dy_checkin_schedule {
	int freq;                   /* enum dy_checkin_freq; NONE: no schedule */
	int weekday;                /* 0 Monday .. 6 Sunday */
	int week;                   /* monthly: 1..4 or DY_CHECKIN_LAST; else 0 */
	int minute;                 /* the local time, minutes after midnight, 0..1439 */
	int32_t anchor;             /* biweekly: the day (days.h) of one check-in; else 0 */
	char zone[DY_ZONE_MAX + 1]; /* the couple's IANA zone */
};

/* The offset of the schedule's zone from UTC at instant t, in seconds
 * east (3600 for Europe/Paris in winter). */
typedef int32_t (*dy_zone_offset_fn)(void *ctx, int64_t t);

/*
 * Read a schedule as a person gives it: freq "weekly", "biweekly" or
 * "monthly"; day a weekday's English name or its first three letters, any
 * case; time "HH:MM" (00:00 to 23:59; "7:30" too); week, monthly only,
 * "1" to "4" or "last" (NULL: 1; given with another frequency it is an
 * error); zone an IANA name (its form only: the front end checks that the
 * host knows it). today is the couple's local day: an every-other-week
 * schedule starts on the first such weekday from today on. DY_EINVAL with
 * a message saying what is wrong, *out untouched.
 */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_parse(const char *freq, const char *day, const char *time, const char *week, const char *zone,
                          int32_t today, struct dy_checkin_schedule *out, struct dy_error *err);

/* The space's schedule (freq NONE when there is none). */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_get(struct dy_session *s, struct dy_checkin_schedule *out, struct dy_error *err);

/* Set the space's schedule (checked again as parse does); sc NULL or
 * freq NONE removes it. */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_set(struct dy_session *s, const struct dy_checkin_schedule *sc, struct dy_error *err);

/* The instant of local time minute (0..1439) on local day (days.h) in the
 * zone off tells of, with the rules above for skipped and repeated
 * times. */
int64_t dy_checkin_local_instant(int32_t day, int minute, dy_zone_offset_fn off, void *ctx);

/* The first check-in at or after instant from: *when its instant. No
 * schedule is DY_ENOTFOUND. */
__attribute__((warn_unused_result)) int
dy_checkin_next(const struct dy_checkin_schedule *sc, int64_t from, dy_zone_offset_fn off, void *ctx,
                int64_t *when, struct dy_error *err);

/* The schedule in words: "every Thursday at 19:30", "every other Monday
 * at 08:00", "the last Sunday of the month at 18:00" ("" when none). */
#define DY_CHECKIN_WORDS_MAX 80
void dy_checkin_words(const struct dy_checkin_schedule *sc, char out[DY_CHECKIN_WORDS_MAX]);

/*
 * The schedule as an iCalendar file (RFC 5545): a VCALENDAR with a
 * VTIMEZONE for the couple's zone (its offset changes from a year before
 * the first check-in to ten years after, found through off) and a VEVENT
 * with DTSTART;TZID= at the first check-in at or after now, an RRULE, an
 * hour's DURATION, uid@dyad as its UID and now as its DTSTAMP; lines end
 * in CRLF and are folded at 75 octets. *out is NUL-terminated, the caller
 * frees it. No schedule is DY_ENOTFOUND.
 */
#define DY_CHECKIN_ICS_MAX 65536
__attribute__((warn_unused_result)) int
dy_checkin_ics(const struct dy_checkin_schedule *sc, int64_t now, const char *uid, dy_zone_offset_fn off,
               void *ctx, char **out, size_t *out_len, struct dy_error *err);

#endif
