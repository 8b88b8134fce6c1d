/*
 * timer.c - time as the person lives it, for the practice timer and the
 * guided pause: a countdown with a progress bar and bells, a breathing
 * pacer, Ctrl-C caught so the caller can ask what to do, the local day of
 * an instant (the CLI's time zone is the system's, TZ), and "--at WHEN".
 *
 * Test-only: DYAD_TEST_TIMER=fast runs every wait at once on a clock of its
 * own (no sleeping), and DYAD_TEST_TIMER_INTERRUPT_AT=N then raises SIGINT
 * when that clock reaches N seconds, as a person pressing Ctrl-C would.
 * Scenario tests use them so that nothing waits on the wall clock; they
 * are not for people and the man page says so.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

static volatile sig_atomic_t interrupted;

static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct clock {
	bool fast;            /* the test clock: no sleeping */
	int64_t now;          /* its seconds so far */
	long long interrupt_at;  /* -1: never */
	struct sigaction old;
};

static void
clock_start(struct clock *k)
{
	const char *fast = getenv("DYAD_TEST_TIMER"), *at = getenv("DYAD_TEST_TIMER_INTERRUPT_AT");
	struct sigaction sa;

	memset(k, 0, sizeof(*k));
	k->fast = fast != NULL && strcmp(fast, "fast") == 0;
	k->interrupt_at = -1;
	if (k->fast && at != NULL && cli_parse_num(at, 0, DY_DURATION_MAX, &k->interrupt_at) != 0)
		k->interrupt_at = -1;
	interrupted = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;  /* no SA_RESTART: a sleep ends early */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &k->old);
}

static void
clock_stop(struct clock *k)
{
	sigaction(SIGINT, &k->old, NULL);
}

/* Wait one second (or until Ctrl-C). */
static void
clock_tick(struct clock *k)
{
	if (k->fast) {
		k->now++;
		if (k->interrupt_at >= 0 && k->now == k->interrupt_at)
			raise(SIGINT);
		return;
	}
	struct timespec ts = {1, 0};
	nanosleep(&ts, NULL);  /* EINTR on Ctrl-C: the flag says so */
	k->now++;
}

static void
mmss(int64_t s, char out[16])
{
	if (s >= 3600)
		snprintf(out, 16, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(out, 16, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

#define BAR_WIDTH 30

/* The progress line, drawn over itself on a terminal. */
static void
draw(int64_t done, int64_t total)
{
	char left[16];
	int fill = (int)(done * BAR_WIDTH / total);

	mmss(total - done, left);
	printf("\r  [");
	for (int i = 0; i < BAR_WIDTH; i++)
		fputs(i < fill ? "#" : "-", stdout);
	printf("] %s " M_TIMER_LEFT "  ", left);
	fflush(stdout);
}

int
cli_countdown(int64_t total, int64_t bell, int64_t *done)
{
	struct clock k;
	bool tty = isatty(STDOUT_FILENO);
	char when[16];

	clock_start(&k);
	if (tty)
		draw(0, total);
	while (k.now < total && !interrupted) {
		clock_tick(&k);
		if (interrupted)
			break;
		if (tty)
			draw(k.now, total);
		if (bell > 0 && k.now % bell == 0 && k.now < total) {
			mmss(k.now, when);
			if (tty)
				fputs("\a", stdout);
			else
				printf(M_TIMER_BELL, when);
			fflush(stdout);
		}
	}
	clock_stop(&k);
	*done = k.now;
	if (tty)
		fputs("\n", stdout);
	if (!interrupted) {
		fputs(tty ? "\a" : "", stdout);
		fflush(stdout);
		return 0;
	}
	return 1;
}

/* One phase of a breath: its word, then a dot a second. */
static bool
phase(struct clock *k, bool tty, const char *word, int secs)
{
	fputs(word, stdout);
	fflush(stdout);
	for (int i = 0; i < secs && !interrupted; i++) {
		clock_tick(k);
		if (tty && !interrupted) {
			fputs(" .", stdout);
			fflush(stdout);
		}
	}
	return !interrupted;
}

int
cli_breathe(int breaths, int in_secs, int out_secs)
{
	struct clock k;
	bool tty = isatty(STDOUT_FILENO);
	int done = 0;

	clock_start(&k);
	for (int b = 1; b <= breaths && !interrupted; b++) {
		printf("  %d/%d  ", b, breaths);
		if (!phase(&k, tty, M_BREATHE_IN, in_secs))
			break;
		fputs("  ", stdout);
		if (!phase(&k, tty, M_BREATHE_OUT, out_secs))
			break;
		fputs("\n", stdout);
		done = b;
	}
	clock_stop(&k);
	if (interrupted)
		fputs("\n", stdout);
	fflush(stdout);
	return done;
}

bool
cli_ask_yes(const char *question)
{
	char line[16];

	/* a script answers on standard input; a person at the terminal */
	if (!isatty(STDIN_FILENO)) {
		fputs(question, stderr);
		if (fgets(line, sizeof(line), stdin) == NULL)
			return false;
		return line[0] == 'y' || line[0] == 'Y';
	}
	return tty_available() && tty_confirm(question);
}

int32_t
cli_local_day(void *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	if (localtime_r(&tt, &tm) == NULL)
		return (int32_t)(t / 86400);
	return dy_day_from_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
cli_parse_when(const char *s, int64_t now, int64_t *out)
{
	struct tm tm, want;
	int y, mo, d, h = 12, mi = 0, sec = 0, n = 0;
	size_t len = strlen(s);
	bool utc = false;
	time_t t;

	if (strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (len > 0 && (s[len - 1] == 'Z' || s[len - 1] == 'z'))
		utc = true;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	if (s[n] == ' ' || s[n] == 'T' || s[n] == 't') {
		int m = 0;

		if (sscanf(s + n + 1, "%2d:%2d%n", &h, &mi, &m) != 2)
			return -1;
		n += 1 + m;
		if (s[n] == ':') {
			if (sscanf(s + n + 1, "%2d%n", &sec, &m) != 1)
				return -1;
			n += 1 + m;
		}
	}
	if ((size_t)n + (utc ? 1 : 0) != len || y < 2000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	want = tm;
	if (utc) {
		int64_t day = dy_day_from_date(y, mo, d);
		int yy, mm, dd;

		/* a date that does not exist (Feb 30) comes back as another */
		dy_day_to_date((int32_t)day, &yy, &mm, &dd);
		if (yy != y || mm != mo || dd != d)
			return -1;
		*out = day * 86400 + h * 3600 + mi * 60 + sec;
		return 0;
	}
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != want.tm_mday || tm.tm_mon != want.tm_mon)
		return -1;
	*out = (int64_t)t;
	return 0;
}
