/*
 * balance.h - the weekly balance pulse and the balance map (issue #10).
 * Part of libdyad's public interface: dyad.h includes it.
 *
 * A pulse is a record of kind "pulse": how connected to my partner I felt
 * this week (0-10), how free to be myself and pursue my own life (0-10),
 * optionally how close we are and how close I would like us to be as an
 * Inclusion of Other in Self picture (Aron, Aron & Smollan 1992: 1 for two
 * separate circles to 7 for almost one), and a note. Private until shared,
 * like everything.
 *
 * The map puts self on the x axis and connection on the y axis, split at
 * the middle of each scale into four regions (DY_BALANCE_HIGH):
 *   connected and yourself  connection >= 5 and self >= 5
 *   merged                  connection >= 5 and self <  5
 *   distant                 connection <  5 and self >= 5
 *   strained                connection <  5 and self <  5
 * A 5 counts as enough: the middle of the scale is not a lack.
 */
#ifndef DY_BALANCE_H
#define DY_BALANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct dy_kind;
extern const struct dy_kind dy_kind_pulse;

#define DY_PULSE_NOTE_MAX 1000    /* bytes of a pulse's note */
#define DY_BALANCE_HIGH 5         /* from here up a score is "enough" */
#define DY_BALANCE_TREND 4        /* pulses on each side of a trend */
#define DY_BALANCE_SAME 0.5       /* a mean change smaller than this is "about the same" */

enum dy_region {
	DY_REGION_CONNECTED = 0,  /* connected and yourself */
	DY_REGION_MERGED,
	DY_REGION_DISTANT,
	DY_REGION_STRAINED,
};

struct dy_pulse_point {
	double connection;   /* 0..10 */
	double self;         /* 0..10 */
};

struct dy_balance {
	size_t n;                    /* pulses it was drawn from */
	enum dy_region region;       /* of the latest pulse (n > 0) */
	double connection, self;     /* the latest pulse */
	bool trend;                  /* at least 2 * DY_BALANCE_TREND pulses */
	double d_connection, d_self; /* mean of the last 4 minus the mean of the 4 before */
};

/* The region of one pulse; its stable name ("connected", "merged",
 * "distant", "strained") and its plain words. */
enum dy_region dy_region_of(double connection, double self);
const char *dy_region_name(enum dy_region r);
const char *dy_region_words(enum dy_region r);

/* Every pulse of filter in s (dyad.h's dy_item_list) as points, oldest
 * first: *pts, l->count of them (allocated; the caller frees it), and the
 * list itself in *l, newest first, for the caller to release. 0, or the
 * core's code with err filled, *pts NULL and *l empty. Front ends and
 * benchmarks read pulses for the map and the trend through this. */
__attribute__((warn_unused_result)) int
dy_pulse_points(struct dy_session *s, enum dy_filter filter, struct dy_item_list *l,
                struct dy_pulse_point **pts, struct dy_error *err);

/* Where pulses p[0..n) (oldest first) leave me: the latest's region and,
 * with enough pulses, the trend. */
void dy_balance_of(const struct dy_pulse_point *p, size_t n, struct dy_balance *out);

/* A sentence for the trend, in dyad's voice ("Over your last 4 pulses you
 * felt closer and about as free as in the 4 before."), appended to out;
 * nothing when there is no trend. */
void dy_balance_trend_words(const struct dy_balance *b, struct dy_buf *out);

/*
 * The closeness gap: on the Inclusion of Other in Self picture (1 apart ..
 * 7 almost one), how close I would like us to be against how close we
 * are, from the pulses that have both pictures (oldest first). gap is
 * wish - now: above 0 I would like to be closer, below 0 to have more
 * room.
 */
struct dy_closeness_point {
	int now, wish;       /* 1..7 each */
};

struct dy_closeness {
	size_t n;            /* pulses with both pictures */
	int now, wish, gap;  /* of the latest (n > 0) */
	size_t recent;       /* pulses the mean is over: the last DY_BALANCE_TREND at most */
	double mean_gap;     /* the mean gap over them */
};

void dy_closeness_of(const struct dy_closeness_point *p, size_t n, struct dy_closeness *out);

/* The closeness gap of pulses l (newest first, as dy_pulse_points leaves
 * them), from those that have both pictures. 0, or DY_ENOMEM with err
 * filled. Front ends read the gap through this. */
__attribute__((warn_unused_result)) int
dy_pulse_closeness(const struct dy_item_list *l, struct dy_closeness *out, struct dy_error *err);

/*
 * This week's pulse. Each person chooses the weekday their pulse week
 * starts on, their pulse day (Monday by default; dy_pulse_day_set): this
 * week is the seven local days from the latest such day up to today, and
 * its pulse is given when my latest pulse was given in it. Local days are
 * a front end's (dy_local_day_fn, days.h).
 *
 * Moving the pulse day moves the week in progress, and a pulse already
 * given must not be asked for again, nor one owed be forgotten: so the
 * move remembers whether the week in progress had its pulse then
 * (moved_given), and the week under the new day that holds the moment of
 * the move counts as given when it did (and my latest pulse, given before
 * the move, is no more than six days older than that week). From the
 * next pulse day on only pulses count. A week that had no pulse when the
 * day moved still asks for one.
 */
#define DY_PULSE_DAY_DEFAULT 0    /* Monday */

struct dy_pulse_plan {
	int weekday;         /* my pulse day: 0 Monday .. 6 Sunday */
	int64_t moved_at;    /* when I last moved it (0: never) */
	bool moved_given;    /* whether the week then in progress had its pulse */
};

struct dy_pulse_week {
	int32_t from;        /* the week's first day (days.h), a pulse day */
	int weekday;         /* the pulse day it starts on */
	bool given;
};

/* The week of instant now under plan (NULL: Monday, never moved), and
 * whether my pulses l (newest first; only the first is read) give it. */
void dy_pulse_week_of(const struct dy_item_list *l, const struct dy_pulse_plan *plan, int64_t now,
                      int32_t (*day)(void *ctx, int64_t t), void *ctx, struct dy_pulse_week *out);

/* This week's pulse of mine at now: reads my pulse day and my latest
 * pulse only (not the map). 0, or the core's code with err filled and
 * *out untouched. */
__attribute__((warn_unused_result)) int
dy_pulse_week(struct dy_session *s, int64_t now, int32_t (*day)(void *ctx, int64_t t), void *ctx,
              struct dy_pulse_week *out, struct dy_error *err);

/* My pulse day and its last move. */
__attribute__((warn_unused_result)) int
dy_pulse_plan_get(struct dy_session *s, struct dy_pulse_plan *out, struct dy_error *err);

/* Move my pulse day to weekday (0 Monday .. 6 Sunday) at instant now,
 * remembering whether the week in progress had its pulse (above). The
 * same day again changes nothing. DY_EINVAL for a weekday out of range,
 * and nothing changes. */
__attribute__((warn_unused_result)) int
dy_pulse_day_set(struct dy_session *s, int weekday, int64_t now, int32_t (*day)(void *ctx, int64_t t), void *ctx,
                 struct dy_error *err);

/* Plain words for the gap, appended to out ("You would like to be closer:
 * now 3 of 7, wished 5."); nothing when n is 0. */
void dy_closeness_words(const struct dy_closeness *c, struct dy_buf *out);

/*
 * The balance map as SVG (chart.h): my pulses (oldest first) as a path in
 * my colour with the latest ringed, and, when theirs is not NULL, my
 * partner's shared pulses the same way in theirs, the four regions named
 * in their corners. Names label the latest points. id prefixes the SVG's
 * ids. With more than DY_CHART_MAX_POINTS pulses in all, the newest are
 * drawn, each partner keeping at least half of the room. 0, or DY_EINVAL
 * (a value out of 0..10, a bad name), DY_ETOOBIG when the SVG outgrows out.
 */
__attribute__((warn_unused_result)) int
dy_balance_map_svg(const char *id, const struct dy_pulse_point *mine, size_t n_mine,
                   const char *my_name, unsigned my_series, const struct dy_pulse_point *theirs,
                   size_t n_theirs, const char *their_name, struct dy_buf *out);

#endif
