/*
 * zone.c - time zones through the C library's TZ, under one lock (see
 * zone.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zone.h"
#include "banned.h"

#define ZONE_DIR "/usr/share/zoneinfo/"

static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;
static char saved[256];
static bool had_tz;
static bool set_tz;    /* zone_enter changed TZ */

bool
zone_valid(const char *name)
{
	char path[sizeof(ZONE_DIR) + ZONE_NAME_MAX];
	struct stat st;
	size_t i, len;

	if (name == NULL || (len = strlen(name)) == 0 || len > ZONE_NAME_MAX || name[0] == '/' ||
	    name[len - 1] == '/' || strstr(name, "//") != NULL || strstr(name, "..") != NULL)
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '+' || c == '-' || c == '/'))
			return false;
	}
	memcpy(path, ZONE_DIR, sizeof(ZONE_DIR) - 1);
	memcpy(path + sizeof(ZONE_DIR) - 1, name, len + 1);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void
zone_enter(const char *name)
{
	const char *old;

	pthread_mutex_lock(&zone_lock);
	set_tz = name != NULL;
	if (name == NULL)
		return;
	old = getenv("TZ");
	had_tz = old != NULL && strlen(old) < sizeof(saved);
	if (had_tz)
		memcpy(saved, old, strlen(old) + 1);
	setenv("TZ", name, 1);
	tzset();
}

void
zone_leave(void)
{
	if (set_tz) {
		if (had_tz)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
	}
	had_tz = set_tz = false;
	pthread_mutex_unlock(&zone_lock);
}

/* days from 1970-01-01 of the civil date (as days.h numbers them; H.
 * Hinnant's days_from_civil), without linking the core here */
static int64_t
civil_days(const struct tm *tm)
{
	int64_t y = (int64_t)tm->tm_year + 1900, m = tm->tm_mon + 1, d = tm->tm_mday, era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int32_t
zone_local_day(void *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	if (localtime_r(&tt, &tm) == NULL)
		return (int32_t)(t / 86400);
	return (int32_t)civil_days(&tm);
}

int32_t
zone_offset(void *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (int32_t)(civil_days(&tm) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec - t);
}

/* name when it is a zone the host has, into out */
static bool
take(const char *name, char out[ZONE_NAME_MAX + 1])
{
	if (!zone_valid(name))
		return false;
	memcpy(out, name, strlen(name) + 1);
	return true;
}

bool
zone_system(char out[ZONE_NAME_MAX + 1])
{
	char link[512];
	const char *tz = getenv("TZ"), *p;
	ssize_t n;

	if (tz != NULL && tz[0] != '\0')
		return take(tz[0] == ':' ? tz + 1 : tz, out);
	n = readlink("/etc/localtime", link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	if ((p = strstr(link, "zoneinfo/")) == NULL)
		return false;
	return take(p + strlen("zoneinfo/"), out);
}
