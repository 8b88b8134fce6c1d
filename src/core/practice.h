/*
 * practice.h - the practice log (issue #9): sessions of meditation, yoga,
 * breathing, walking or a practice the person names, and their statistics
 * in the person's own calendar. Part of libdyad's public interface:
 * dyad.h includes it.
 *
 * A session is a record of kind "practice" (dy_item_* does create, list,
 * share and delete); this module adds the kind's descriptor, a convenience
 * to log one, and the statistics. The core reads no time zone: the front
 * end passes a function that turns an instant into the person's local day
 * (days.h), so weeks and streaks are counted in local time.
 */
#ifndef DY_PRACTICE_H
#define DY_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "days.h"

struct dy_session;
struct dy_error;
struct json_t;

#define DY_PRACTICE_NAME_MAX 40    /* bytes of a practice's name */
#define DY_PRACTICE_NOTE_MAX 2000  /* bytes of a session's note */
#define DY_PRACTICE_WEEKS 12       /* weeks the statistics go back, this one included */
#define DY_PRACTICE_TOP 8          /* practices named in the statistics */
/* the instants a session may carry: 2000-01-01 .. 9999-12-31 */
#define DY_AT_MIN INT64_C(946684800)
#define DY_AT_MAX INT64_C(253402300799)

extern const struct dy_kind dy_kind_practice;

/* The practices offered by name; a person may name another.
 * NULL-terminated. */
extern const char *const dy_practice_names[];

/* Whether a practice's name is acceptable: 1..DY_PRACTICE_NAME_MAX bytes
 * of UTF-8, letters, digits, spaces, '-' and '\'' only, no space at either
 * end. 0 or DY_EINVAL (DY_ETOOBIG when long) with a message. */
__attribute__((warn_unused_result)) int
dy_practice_name_check(const char *name, size_t len, struct dy_error *err);

/* Log a session of mine: its practice, how long (1 s .. DY_DURATION_MAX),
 * when it started (DY_AT_MIN..DY_AT_MAX) and an optional note (NULL: none).
 * Private unless share. Writes the new id. */
__attribute__((warn_unused_result)) int
dy_practice_log(struct dy_session *s, const char *name, size_t name_len, int64_t seconds, int64_t at,
                const char *note, size_t note_len, bool share, char id[DY_ID_LEN + 1], struct dy_error *err);

/* The person's local day of instant t; ctx is the front end's. */
typedef int32_t (*dy_local_day_fn)(void *ctx, int64_t t);

struct dy_practice_week {
	int32_t monday;       /* the day number of the week's Monday */
	int64_t seconds;
	int sessions;
	int days;             /* days with practice in that week */
};

struct dy_practice_total {
	char name[DY_PRACTICE_NAME_MAX + 1];
	int64_t seconds;
	int sessions;
};

struct dy_practice_stats {
	int32_t today;
	size_t sessions;              /* all my sessions */
	int64_t seconds;              /* all my practice */
	int64_t week_seconds;         /* this week, from Monday */
	int week_days;                /* days practised this week */
	struct dy_streak streak;
	/* the last DY_PRACTICE_WEEKS weeks, oldest first, this week last */
	struct dy_practice_week weeks[DY_PRACTICE_WEEKS];
	/* the practices with the most time, most first */
	struct dy_practice_total top[DY_PRACTICE_TOP];
	size_t ntop;
	size_t damaged;               /* sessions left out: they did not decrypt */
};

/* One session as the tally sees it. */
struct dy_practice_rec {
	int32_t day;                  /* local day */
	int64_t seconds;
	const char *name;             /* NUL-terminated */
};

/* The statistics of sessions recs[0..n) (any order) as of local day today.
 * Sessions after today count in the totals but not in the streak. Pure:
 * the unit tests feed it hand-made days. 0 or DY_ENOMEM. */
__attribute__((warn_unused_result)) int
dy_practice_tally(const struct dy_practice_rec *recs, size_t n, int32_t today, struct dy_practice_stats *out,
                  struct dy_error *err);

/* My statistics as of instant now, with day turning instants into my local
 * days (each session counts on the day it started). */
__attribute__((warn_unused_result)) int
dy_practice_stats(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx, struct dy_practice_stats *out,
                  struct dy_error *err);

/* The statistics as JSON: {"today", "sessions", "minutes", "week":
 * {"minutes", "days", "from"}, "streak": {"current", "longest"}, "weeks":
 * [{"from", "minutes", "sessions", "days"}...], "practices": [{"name",
 * "minutes", "sessions"}...], "damaged": sessions left out because they
 * could not be read}, dates as "YYYY-MM-DD", minutes rounded down from
 * seconds. NULL when out of memory. */
struct json_t *dy_practice_stats_json(const struct dy_practice_stats *st);

/* Minutes per week as a bar chart (chart.h), the picture both front ends
 * show; id is the SVG's id prefix. 0 or chart.h's errors. */
__attribute__((warn_unused_result)) int
dy_practice_chart(const struct dy_practice_stats *st, const char *id, struct dy_buf *out, struct dy_error *err);

/* A day as a short label, "3 Nov": the weeks under the charts' bars. */
void dy_day_short(int32_t day, char out[16]);

#endif
