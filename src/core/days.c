/*
 * days.c - durations, day numbers and streaks (see days.h).
 *
 * The date arithmetic is Howard Hinnant's days_from_civil and
 * civil_from_days ("chrono-Compatible Low-Level Date Algorithms"), exact
 * for every date the 32-bit day number holds.
 */
#include <stdio.h>
#include <string.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

#define DURATION_HELP "Give a duration like 90s, 10m or 1h30m"

int
dy_duration_parse(const char *s, int64_t *seconds, struct dy_error *err)
{
	static const struct {
		char unit;
		int64_t seconds;
	} units[] = {{'h', 3600}, {'m', 60}, {'s', 1}};
	const char *p = s;
	int64_t total = 0;
	size_t next = 0;  /* units must come in order, each at most once */
	bool any = false;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-')
		return dy_fail(err, DY_EINVAL, DURATION_HELP "; it cannot be negative.");
	while (*p && *p != ' ' && *p != '\t') {
		int64_t n = 0;
		size_t digits = 0, u;

		while (*p >= '0' && *p <= '9') {
			if (++digits > 6)
				return dy_fail(err, DY_EINVAL, DURATION_HELP "; at most 24 hours.");
			n = n * 10 + (*p++ - '0');
		}
		if (digits == 0)
			return dy_fail(err, DY_EINVAL, DURATION_HELP ".");
		for (u = next; u < sizeof(units) / sizeof(units[0]) && units[u].unit != *p; u++)
			;
		if (u == sizeof(units) / sizeof(units[0])) {
			if (*p == '\0' || *p == ' ' || *p == '\t')
				return dy_fail(err, DY_EINVAL, DURATION_HELP ": a number needs its unit "
				               "(h, m or s).");
			if (*p == 'h' || *p == 'm' || *p == 's')
				return dy_fail(err, DY_EINVAL, DURATION_HELP ": hours, then minutes, then "
				               "seconds, each once.");
			return dy_fail(err, DY_EINVAL, DURATION_HELP "; \"%c\" is not a unit (h, m or s).",
			               (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f ? *p : '?');
		}
		p++;
		next = u + 1;
		total += n * units[u].seconds;
		any = true;
		if (total > DY_DURATION_MAX)
			return dy_fail(err, DY_EINVAL, DURATION_HELP "; at most 24 hours.");
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' || !any)
		return dy_fail(err, DY_EINVAL, DURATION_HELP ".");
	if (total == 0)
		return dy_fail(err, DY_EINVAL, DURATION_HELP "; it must be longer than nothing.");
	*seconds = total;
	return 0;
}

void
dy_duration_text(int64_t seconds, char out[DY_DURATION_TEXT_MAX])
{
	int64_t h, m, s;
	size_t o = 0;

	if (seconds < 0 || seconds > DY_DURATION_MAX)
		seconds = 0;
	h = seconds / 3600;
	m = seconds / 60 % 60;
	s = seconds % 60;
	out[0] = '\0';
	if (h)
		o += (size_t)snprintf(out + o, DY_DURATION_TEXT_MAX - o, "%lldh", (long long)h);
	if (m)
		o += (size_t)snprintf(out + o, DY_DURATION_TEXT_MAX - o, "%lldm", (long long)m);
	if (s || seconds == 0)
		(void)snprintf(out + o, DY_DURATION_TEXT_MAX - o, "%llds", (long long)s);
}

int32_t
dy_day_from_date(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void
dy_day_to_date(int32_t day, int *year, int *month, int *mday)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)((int64_t)yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)d;
}

int
dy_day_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3, counting Monday as 0) */
	int64_t w = ((int64_t)day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int32_t
dy_day_week_start(int32_t day)
{
	return day - dy_day_weekday(day);
}

static const char *const weekday_names[7] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                             "saturday", "sunday"};

const char *
dy_weekday_name(int wd)
{
	return wd >= 0 && wd < 7 ? weekday_names[wd] : NULL;
}

int
dy_weekday_parse(const char *name, size_t len)
{
	size_t i, k;

	if (name == NULL)
		return -1;
	for (i = 0; i < 7; i++) {
		const char *w = weekday_names[i];

		if (len != 3 && len != strlen(w))
			continue;
		for (k = 0; k < len; k++) {
			char c = name[k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != w[k])
				break;
		}
		if (k == len)
			return (int)i;
	}
	return -1;
}

void
dy_streaks(const int32_t *days, size_t n, int32_t today, struct dy_streak *out)
{
	int32_t run = 0, last = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && days[i] <= today; i++) {
		if (run > 0 && days[i] == last)
			continue;
		run = run > 0 && days[i] == last + 1 ? run + 1 : 1;
		last = days[i];
		if (run >= out->longest) {
			out->longest = run;
			out->longest_end = last;
		}
	}
	if (run > 0 && (last == today || last == today - 1))
		out->current = run;
}
