/*
 * days.h - counting over days, for practice and reactivity statistics
 * (issue #9): durations as people type them, calendar days, weeks and
 * streaks. Part of libdyad's public interface: dyad.h includes it.
 *
 * A "day" here is a day of the person's own calendar, numbered from
 * 1970-01-01 (day 0) in the proleptic Gregorian calendar. The core never
 * reads a time zone (DESIGN.md "Time"; the platform seam): a front end
 * turns an instant into the person's local date and hands the core the
 * day, so weeks and streaks are counted in local time and a daylight-
 * saving change, which only moves instants, never breaks one.
 */
#ifndef DY_DAYS_H
#define DY_DAYS_H

#include <stddef.h>
#include <stdint.h>

struct dy_error;

#define DY_DURATION_MAX (24 * 3600)  /* the longest duration a person can give */
#define DY_DURATION_TEXT_MAX 16      /* "24h", "1h30m", "2m5s" and a NUL fit */

/*
 * Parse a duration as a person types it: one or more of <n>h, <n>m, <n>s
 * in that order ("90s", "10m", "1h30m", "1h5s"), each n a whole number,
 * spaces around the whole ignored. The total must be from 1 second to 24
 * hours. On success *seconds is set; otherwise DY_EINVAL with a message
 * saying what a duration looks like ("-5m", "0", "25h", "10x", "10"), and
 * *seconds is untouched.
 */
__attribute__((warn_unused_result)) int
dy_duration_parse(const char *s, int64_t *seconds, struct dy_error *err);

/* A duration of 0..DY_DURATION_MAX seconds as the parser reads it back:
 * "1h30m", "10m", "45s", "0s". */
void dy_duration_text(int64_t seconds, char out[DY_DURATION_TEXT_MAX]);

/* The day number of a date (month 1..12, day 1..31 valid for the month),
 * and the date of a day number. */
int32_t dy_day_from_date(int year, int month, int day);
void dy_day_to_date(int32_t day, int *year, int *month, int *mday);

/* 0 for Monday .. 6 for Sunday; the Monday that starts the day's week. */
int dy_day_weekday(int32_t day);
int32_t dy_day_week_start(int32_t day);

/* The English name of weekday wd ("monday" .. "sunday", lower case), or
 * NULL out of 0..6; the weekday named name[0..len) (a full name or its
 * first three letters, any case), or -1. */
const char *dy_weekday_name(int wd);
int dy_weekday_parse(const char *name, size_t len);

struct dy_streak {
	int32_t current;   /* days in a row up to today, or up to yesterday while today is still open */
	int32_t longest;   /* the longest run of days in a row ever */
	int32_t longest_end;  /* the last day of the longest run (the latest if tied); 0 when none */
};

/*
 * Streaks over days with at least one record: days in ascending order,
 * repeats allowed (two practices on one day count once); today is the
 * person's today. A day without practice is only a gap: today not yet
 * practised does not end the current streak, yesterday not practised
 * does. Days after today are ignored.
 */
void dy_streaks(const int32_t *days, size_t n, int32_t today, struct dy_streak *out);

#endif
