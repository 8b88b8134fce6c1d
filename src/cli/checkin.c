/*
 * checkin.c - dyad checkin (issue #12): the couple's schedule, its next
 * date and calendar file, each partner's private agenda, the talk (a
 * plain terminal flow in `start`, or one step a command), agreements and
 * history. The rules are the core's (src/core/checkin.c); dates are
 * counted in the couple's zone through src/platform/zone.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "../platform/zone.h"
#include "banned.h"

enum { O_DAY = 0x100, O_TIME, O_WEEK, O_TZ, O_FROM, O_OUTPUT, O_LINK, O_WHO, O_FOLLOW, O_DUE, O_CLEAR, O_UNDO, O_YES = 'y' };

static const char *
str(const struct dy_item *it, const char *name)
{
	const char *v = json_string_value(json_object_get(it->fields, name));

	return v != NULL ? v : "";
}

static int
oom(void)
{
	cli_err(M_NOMEM);
	return CLI_FAIL;
}

/* Now, or --from WHEN. */
static int
from_opt(struct cli *c, const char *from, int64_t *t)
{
	*t = (int64_t)time(NULL);
	if (from != NULL && cli_parse_when(from, *t, t) != 0)
		return cli_usage(c, M_CHECKIN_BAD_FROM, from);
	return 0;
}

/* The couple's schedule; none is a failure with a hint. */
static int
schedule_of(struct cli *c, struct dy_checkin_schedule *sc)
{
	struct dy_error err = {0};

	if (dy_checkin_schedule_get(c->s, sc, &err) != 0)
		return cli_core_fail(&err);
	if (sc->freq == DY_CHECKIN_NONE) {
		cli_err(M_CHECKIN_NO_SCHEDULE);
		return CLI_FAIL;
	}
	if (!zone_valid(sc->zone)) {
		cli_err(M_CHECKIN_ZONE_UNKNOWN, sc->zone);
		return CLI_FAIL;
	}
	return 0;
}

/* The next check-in at or after t, in the couple's zone: the instant and
 * its local date and time as text ("Thursday 3 December 2026 at 19:30"). */
static int
next_of(const struct dy_checkin_schedule *sc, int64_t t, int64_t *when, char *local, size_t n, char iso[20],
        struct dy_error *err)
{
	struct tm tm;
	time_t tt;
	int rc;

	zone_enter(sc->zone);
	rc = dy_checkin_next(sc, t, zone_offset, NULL, when, err);
	tt = (time_t)*when;
	if (rc == 0 && localtime_r(&tt, &tm) != NULL) {
		char wday[16] = "", month[16] = "";

		strftime(wday, sizeof(wday), "%A", &tm);
		strftime(month, sizeof(month), "%B", &tm);
		snprintf(local, n, "%s %d %s %d at %02d:%02d", wday, tm.tm_mday, month, tm.tm_year + 1900, tm.tm_hour,
		         tm.tm_min);
		strftime(iso, 20, "%Y-%m-%dT%H:%M", &tm);
	}
	zone_leave();
	return rc;
}

/* Today in the couple's zone (or mine when there is no schedule). */
static int32_t
couple_today(struct cli *c)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	int32_t day;

	if (dy_checkin_schedule_get(c->s, &sc, &err) == 0 && sc.freq != DY_CHECKIN_NONE && zone_valid(sc.zone)) {
		zone_enter(sc.zone);
		day = zone_local_day(NULL, (int64_t)time(NULL));
		zone_leave();
		return day;
	}
	return cli_local_day(NULL, (int64_t)time(NULL));
}

static json_t *
schedule_json(const struct dy_checkin_schedule *sc)
{
	return dy_checkin_schedule_json(sc);
}

/* ------------------------------------------------------------ schedule */

static int
show_schedule(struct cli *c)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	char words[DY_CHECKIN_WORDS_MAX];

	if (dy_checkin_schedule_get(c->s, &sc, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(sc.freq == DY_CHECKIN_NONE ? json_pack("{s:n}", "schedule")
		                                          : json_pack("{s:o}", "schedule", schedule_json(&sc)));
	if (sc.freq == DY_CHECKIN_NONE) {
		printf("%s", M_CHECKIN_NONE_YET);
		return out_flush();
	}
	dy_checkin_words(&sc, words);
	printf(M_CHECKIN_SCHEDULE, words, sc.zone);
	return out_flush();
}

static int
cmd_schedule(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"day", required_argument, NULL, O_DAY},   {"time", required_argument, NULL, O_TIME},
		{"week", required_argument, NULL, O_WEEK}, {"tz", required_argument, NULL, O_TZ},
		{"clear", no_argument, NULL, O_CLEAR},     {NULL, 0, NULL, 0},
	};
	const char *day = NULL, *at = NULL, *week = NULL, *tz = NULL, *freq = NULL;
	char zone[DY_ZONE_MAX + 1] = "", words[DY_CHECKIN_WORDS_MAX];
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	bool clear = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		switch (o) {
		case CLI_STOP: return c->stop;
		case O_DAY: day = optarg; break;
		case O_TIME: at = optarg; break;
		case O_WEEK: week = optarg; break;
		case O_TZ: tz = optarg; break;
		case O_CLEAR: clear = true; break;
		default: break;
		}
	}
	if (optind < argc)
		freq = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (freq == NULL && !clear && (day != NULL || at != NULL || week != NULL || tz != NULL))
		return cli_usage(c, M_MISSING, "weekly|biweekly|monthly");
	if (freq != NULL && clear)
		return cli_usage(c, "%s", M_CHECKIN_CLEAR_ALONE);
	if (freq != NULL && (day == NULL || at == NULL))
		return cli_usage(c, M_MISSING, day == NULL ? "--day DAY" : "--time HH:MM");
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (freq == NULL && !clear)
		return show_schedule(c);
	if (clear) {
		if (dy_checkin_schedule_set(c->s, NULL, &err) != 0)
			return cli_core_fail(&err);
		if (!c->json)
			printf("%s", M_CHECKIN_CLEARED);
		return c->json ? json_out(json_pack("{s:n}", "schedule")) : out_flush();
	}
	/* the couple's zone: --tz, else mine, else the system's */
	if (tz != NULL && strlen(tz) > DY_ZONE_MAX) {
		cli_err(M_CHECKIN_ZONE_UNKNOWN, "(too long)");
		return CLI_FAIL;
	}
	if (tz != NULL)
		snprintf(zone, sizeof(zone), "%s", tz);
	else if (dy_zone_get(c->s, zone, &err) != 0)
		return cli_core_fail(&err);
	if (zone[0] == '\0')
		snprintf(zone, sizeof(zone), "%s", c->sys_zone[0] != '\0' ? c->sys_zone : "UTC");
	if (!zone_valid(zone)) {
		cli_err(M_CHECKIN_ZONE_UNKNOWN, tz != NULL ? tz : zone);
		return CLI_FAIL;
	}
	zone_enter(zone);
	rc = dy_checkin_schedule_parse(freq, day, at, week, zone, zone_local_day(NULL, (int64_t)time(NULL)), &sc, &err);
	zone_leave();
	if (rc != 0 || dy_checkin_schedule_set(c->s, &sc, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:o}", "schedule", schedule_json(&sc)));
	dy_checkin_words(&sc, words);
	printf(M_CHECKIN_SCHEDULE_SET, words, sc.zone);
	return out_flush();
}

static int
cmd_next(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, O_FROM},
		{NULL, 0, NULL, 0},
	};
	const char *from = NULL;
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	char local[80] = "", iso[20] = "", words[DY_CHECKIN_WORDS_MAX];
	int64_t t, when;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_FROM)
			from = optarg;
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = from_opt(c, from, &t)) != 0 || (rc = cli_unlock(c)) != 0 ||
	    (rc = schedule_of(c, &sc)) != 0)
		return rc;
	if (next_of(&sc, t, &when, local, sizeof(local), iso, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:o, s:s, s:s, s:o}", "next", json_time(when), "local", iso, "zone", sc.zone,
		                          "schedule", schedule_json(&sc)));
	dy_checkin_words(&sc, words);
	printf(M_CHECKIN_NEXT, local, sc.zone, words);
	return out_flush();
}

static int
cmd_ics(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, O_FROM},
		{"output", required_argument, NULL, O_OUTPUT},
		{NULL, 0, NULL, 0},
	};
	const char *from = NULL, *path = NULL;
	struct dy_space_info space;
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	char *ics = NULL;
	size_t len;
	int64_t t;
	FILE *f;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "o:", opts)) != -1) {
		switch (o) {
		case CLI_STOP: return c->stop;
		case O_FROM: from = optarg; break;
		case 'o':
		case O_OUTPUT: path = optarg; break;
		default: break;
		}
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = from_opt(c, from, &t)) != 0 || (rc = cli_unlock(c)) != 0 ||
	    (rc = schedule_of(c, &sc)) != 0)
		return rc;
	if (dy_whoami(c->s, &space, &err) != 0)
		return cli_core_fail(&err);
	zone_enter(sc.zone);
	rc = dy_checkin_ics(&sc, t, space.id, zone_offset, NULL, &ics, &len, &err);
	zone_leave();
	if (rc != 0)
		return cli_core_fail(&err);
	if (path == NULL || strcmp(path, "-") == 0) {
		rc = fwrite(ics, 1, len, stdout) == len ? out_flush() : CLI_FAIL;
	} else if ((f = fopen(path, "wb")) == NULL) {
		cli_err(M_CHECKIN_CANNOT_WRITE, path);
		rc = CLI_FAIL;
	} else {
		rc = fwrite(ics, 1, len, f) == len ? 0 : CLI_FAIL;
		if (fclose(f) != 0 || rc != 0) {
			cli_err(M_CHECKIN_CANNOT_WRITE, path);
			rc = CLI_FAIL;
		} else if (!c->json) {
			fprintf(stderr, M_CHECKIN_ICS_WRITTEN, path);
		}
	}
	free(ics);
	return rc;
}

/* -------------------------------------------------------------- agenda */

static int
cmd_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"link", required_argument, NULL, O_LINK},
		{NULL, 0, NULL, 0},
	};
	const char *link = NULL, *topic, *text;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_LINK)
			link = optarg;
	}
	if (optind + 2 > argc)
		return cli_usage(c, M_MISSING, optind >= argc ? "TOPIC" : "TEXT");
	topic = argv[optind++];
	text = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	arg_note_once(c, false);
	if (dy_checkin_add(c->s, topic, text, strlen(text), link, id, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s}", "id", id));
	if (isatty(STDOUT_FILENO))
		printf(M_CHECKIN_ADDED, id);
	else
		printf("%s\n", id);
	return out_flush();
}

static void
item_line(struct cli *c, const struct dy_item *it)
{
	char mark[DY_NAME_MAX + 32];

	if (!it->mine)
		snprintf(mark, sizeof(mark), M_FROM, it->author);
	else
		snprintf(mark, sizeof(mark), "%s", it->vis == DY_VIS_SHARED ? M_CHECKIN_REVEALED
		                                   : it->vis == DY_VIS_HELD ? M_CHECKIN_HELD : M_PRIVATE);
	printf("%s%.8s%s  [%s] ", col(c, C_DIM), it->id, col(c, C_RESET), str(it, "topic"));
	put_clean(stdout, str(it, "statement"), strlen(str(it, "statement")), false);
	printf("  (%s)\n", mark);
}

static json_t *
items_json(const struct dy_item_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < l->count; i++)
		if (json_array_append_new(a, dy_item_json(&l->items[i])) != 0) {
			json_decref(a);
			a = NULL;
		}
	return a;
}

/* Say on stderr that n records of record id (a check-in's join and end
 * marks, or an agreement's done marks: one, many) could not be read, so
 * that the state shown from them may be out of date; nothing when n is
 * 0. */
static void
say_marks_damaged(size_t n, const char *id, const char *one, const char *many)
{
	if (n == 1)
		cli_note(one, id);
	else if (n > 1)
		cli_note(many, n, id);
}

/* *n: the done marks of agreement it that could not be read
 * (dy_checkin_done_damaged, marks: dy_checkin_done_marks's of all), said
 * on stderr when there are some. 0, or prints and returns CLI_FAIL. */
static int
done_damaged(struct cli *c, const struct dy_item_list *marks, const struct dy_item *it, size_t *n)
{
	struct dy_error err = {0};

	if (dy_checkin_done_damaged(c->s, marks, it->id, n, &err) != 0)
		return cli_core_fail(&err);
	say_marks_damaged(*n, it->id, M_CHECKIN_DONE_DAMAGED, M_CHECKIN_DONE_DAMAGED_N);
	return 0;
}

/* One agreement: who does it said from my side, in my words, and who
 * marked it done when (marks: dy_checkin_done_marks's); after it, on
 * stderr, whether a done mark of it could not be read. 0, or prints and
 * returns CLI_FAIL. */
static int
agreement_line(struct cli *c, const struct dy_space_info *sp, const struct dy_item_list *marks,
               const struct dy_item *it)
{
	const char *name;
	enum dy_doer d = dy_checkin_doer(it, sp, NULL, &name);
	struct dy_agreement_done done;
	size_t bad;

	printf("%s%.8s%s  ", col(c, C_DIM), it->id, col(c, C_RESET));
	put_clean(stdout, str(it, "what"), strlen(str(it, "what")), false);
	if (d == DY_DOER_PARTNER)
		printf(M_CHECKIN_WHO_NAMED, shown(name));
	else
		printf("%s", d == DY_DOER_ME ? M_CHECKIN_WHO_YOU : d == DY_DOER_BOTH ? M_CHECKIN_WHO_BOTH : M_CHECKIN_WHO_FORMER);
	if (str(it, "follow_up")[0] != '\0')
		printf(M_CHECKIN_FOLLOW, str(it, "follow_up"));
	dy_checkin_done_of(it, marks, &done);
	for (size_t i = 0; i < done.count; i++) {
		char when[32];

		fmt_local(done.marks[i].at, when, sizeof(when));
		printf(i == 0 ? M_CHECKIN_DONE_BY : M_CHECKIN_DONE_ALSO,
		       done.marks[i].mine ? M_CHECKIN_DONE_YOU : shown(done.marks[i].name), when);
	}
	printf("\n");
	return done_damaged(c, marks, it, &bad);
}

/* Agreements as the core presents them to me (who does each, in my
 * words, and how many of its done marks could not be read, also said on
 * stderr), in a new *out. 0, or prints and returns CLI_FAIL. */
static int
agreements_json(struct cli *c, const struct dy_space_info *sp, const struct dy_item_list *marks,
                const struct dy_item_list *l, json_t **out)
{
	json_t *a = json_array();
	size_t bad;

	*out = NULL;
	for (size_t i = 0; a != NULL && i < l->count; i++) {
		if (done_damaged(c, marks, &l->items[i], &bad) != 0) {
			json_decref(a);
			return CLI_FAIL;
		}
		if (json_array_append_new(a, dy_checkin_agreement_json(&l->items[i], sp, marks, bad)) != 0) {
			json_decref(a);
			a = NULL;
		}
	}
	if (a == NULL)
		return oom();
	*out = a;
	return 0;
}

static int
cmd_list(struct cli *c, int argc, char **argv)
{
	struct dy_item_list items = {0}, asked = {0}, due = {0}, marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	size_t i, damaged = 0;
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return c->stop;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_checkin_items(c->s, NULL, &items, &err) != 0 || dy_checkin_asked(c->s, &asked, &err) != 0 ||
	    dy_checkin_agreements(c->s, NULL, true, couple_today(c), &due, &err) != 0 ||
	    dy_whoami(c->s, &sp, &err) != 0 || dy_checkin_done_marks(c->s, NULL, &marks, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	damaged = items.damaged + asked.damaged + due.damaged;
	if (c->json) {
		json_t *dj;

		if ((rc = agreements_json(c, &sp, &marks, &due, &dj)) == 0)
			rc = json_out(json_pack("{s:o*, s:o*, s:o, s:I}", "items", items_json(&items), "asked",
			                        items_json(&asked), "due", dj, "damaged", (json_int_t)damaged));
		goto out;
	}
	/* "nothing yet" would be untrue when some could not be read */
	if (items.count + asked.count + due.count == 0 && damaged == 0)
		printf("%s", M_CHECKIN_AGENDA_EMPTY);
	for (i = 0; i < items.count; i++)
		item_line(c, &items.items[i]);
	for (i = 0; i < asked.count; i++) {
		printf(M_CHECKIN_ASKED, asked.items[i].id);
		put_clean(stdout, str(&asked.items[i], "statement"), strlen(str(&asked.items[i], "statement")), false);
		printf("\n");
	}
	if (due.count > 0)
		printf("%s", M_CHECKIN_DUE_HEAD);
	for (i = 0; i < due.count; i++)
		if ((rc = agreement_line(c, &sp, &marks, &due.items[i])) != 0)
			goto out;
	rc = out_flush();
out:
	if (rc == 0)
		cli_say_damaged(damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
	dy_item_list_release(&items);
	dy_item_list_release(&asked);
	dy_item_list_release(&due);
	dy_item_list_release(&marks);
	return rc;
}

/* One ID operand after the options. Nonzero: stop and return it (CLI_STOP
 * after --help, which main turns into the exit status). */
static int
id_operand(struct cli *c, int argc, char **argv, const char **id)
{
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return CLI_STOP;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "ID");
	*id = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	return cli_unlock(c);
}

static int
core_said(struct cli *c, int rc, const struct dy_error *err, const char *said)
{
	if (rc != 0)
		return cli_core_fail(err);
	if (c->json)
		return json_out(json_pack("{s:b}", "ok", 1));
	printf("%s", said);
	return out_flush();
}

static int
cmd_reveal(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	const char *id;
	int rc;

	if ((rc = id_operand(c, argc, argv, &id)) != 0)
		return rc;
	return core_said(c, dy_checkin_reveal(c->s, id, strlen(id), &err), &err, M_CHECKIN_REVEALED_NOW);
}

/* ------------------------------------------------------------ the talk */

/* The check-in under way; none is a failure with a hint. */
static int
current(struct cli *c, struct dy_item *it)
{
	struct dy_error err = {0};

	if (dy_checkin_current(c->s, it, &err) != 0) {
		if (err.code == DY_ENOTFOUND) {
			cli_err("%s", M_CHECKIN_NOT_STARTED);
			return CLI_FAIL;
		}
		return cli_core_fail(&err);
	}
	return 0;
}

/* What was said on item item_id, a line each; *damaged gets how many
 * turns on it could not be read. 0, or prints and returns CLI_FAIL. */
static int
turns_lines(struct cli *c, const char *item_id, size_t *damaged)
{
	struct dy_item_list l = {0};
	struct dy_error err = {0};

	if (dy_checkin_turns(c->s, item_id, &l, &err) != 0)
		return cli_core_fail(&err);
	*damaged = l.damaged;
	for (size_t i = 0; i < l.count; i++) {
		const struct dy_item *t = &l.items[i];
		const char *who = t->mine ? M_CHECKIN_YOU : t->author;

		if (strcmp(str(t, "sort"), "heard") == 0) {
			printf(json_is_true(json_object_get(t->fields, "heard")) ? M_CHECKIN_TURN_HEARD : M_CHECKIN_TURN_UNHEARD,
			       who);
		} else {
			printf(strcmp(str(t, "sort"), "paraphrase") == 0 ? M_CHECKIN_TURN_PARA : M_CHECKIN_TURN_NOTE, who);
			put_clean(stdout, str(t, "words"), strlen(str(t, "words")), true);
			printf("\n");
		}
	}
	dy_item_list_release(&l);
	return 0;
}

/* The plain terminal flow: each item in turn, its speaker and listener,
 * a paraphrase, felt heard, notes; then agreements; then maybe the end. */
static int
talk(struct cli *c, const char *id)
{
	struct dy_item_list items = {0};
	struct dy_error err = {0};
	char line[2048], tid[DY_ID_LEN + 1], who[16];
	bool past;
	int rc = 0;

	if (dy_checkin_items(c->s, id, &items, &err) != 0)
		return cli_core_fail(&err);
	printf(M_CHECKIN_TALK_HEAD, items.count, items.count == 1 ? "" : "s");
	cli_say_damaged(items.damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
	for (size_t i = 0; i < items.count; i++) {
		const struct dy_item *it = &items.items[i];
		size_t bad;

		printf(M_CHECKIN_TALK_ITEM, i + 1, items.count, str(it, "topic"));
		put_clean(stdout, str(it, "statement"), strlen(str(it, "statement")), true);
		printf("\n");
		if (it->mine)
			printf("%s", M_CHECKIN_YOU_SPEAK);
		else
			printf(M_CHECKIN_YOU_LISTEN, it->author);
		if (turns_lines(c, it->id, &bad) != 0) {
			rc = CLI_FAIL;
			break;
		}
		cli_say_damaged(bad, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
		fflush(stdout);
		if (!it->mine) {
			if (tty_ask(M_CHECKIN_ASK_PARA, line, sizeof(line)) == 0 && line[0] != '\0' &&
			    dy_checkin_turn(c->s, it->id, strlen(it->id), DY_TURN_PARAPHRASE, line, strlen(line), false, tid,
			                    &err) != 0)
				cli_core_fail(&err);
		} else if (tty_ask(M_CHECKIN_ASK_HEARD, line, sizeof(line)) == 0 && (line[0] == 'y' || line[0] == 'n')) {
			if (dy_checkin_turn(c->s, it->id, strlen(it->id), DY_TURN_HEARD, NULL, 0, line[0] == 'y', tid, &err) != 0)
				cli_core_fail(&err);
		}
		if (tty_ask(M_CHECKIN_ASK_NOTE, line, sizeof(line)) == 0 && line[0] != '\0' &&
		    dy_checkin_turn(c->s, it->id, strlen(it->id), DY_TURN_NOTE, line, strlen(line), false, tid, &err) != 0)
			cli_core_fail(&err);
	}
	if (rc != 0) {
		dy_item_list_release(&items);
		return rc;
	}
	for (;;) {
		char what[2048], date[32];

		if (tty_ask(M_CHECKIN_ASK_AGREE, what, sizeof(what)) != 0 || what[0] == '\0')
			break;
		if (tty_ask(M_CHECKIN_ASK_WHO, who, sizeof(who)) != 0 || tty_ask(M_CHECKIN_ASK_DATE, date, sizeof(date)) != 0)
			break;
		if (dy_checkin_agree(c->s, id, strlen(id), who[0] != '\0' ? who : "both", what, strlen(what), date,
		                     couple_today(c), &past, tid, &err) != 0)
			cli_core_fail(&err);
		else if (past)
			cli_note(M_CHECKIN_PAST, date);
	}
	if (tty_confirm(M_CHECKIN_ASK_END)) {
		if (dy_checkin_end(c->s, id, strlen(id), &err) != 0)
			rc = cli_core_fail(&err);
		else
			printf("%s", M_CHECKIN_ENDED);
	}
	dy_item_list_release(&items);
	return rc != 0 ? rc : out_flush();
}

static int
cmd_start(struct cli *c, int argc, char **argv)
{
	struct dy_item_list items = {0};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	bool started;
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return c->stop;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_checkin_start(c->s, id, &started, &err) != 0)
		return cli_core_fail(&err);
	if (c->json || !tty_available() || !isatty(STDOUT_FILENO)) {
		if (dy_checkin_items(c->s, id, &items, &err) != 0)
			return cli_core_fail(&err);
		if (c->json) {
			rc = json_out(json_pack("{s:s, s:b, s:o*, s:I}", "id", id, "started", started, "items",
			                        items_json(&items), "damaged", (json_int_t)items.damaged));
		} else {
			printf(started ? M_CHECKIN_STARTED : M_CHECKIN_JOINED, id);
			for (size_t i = 0; i < items.count; i++)
				item_line(c, &items.items[i]);
			rc = out_flush();
		}
		if (rc == 0)
			cli_say_damaged(items.damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
		dy_item_list_release(&items);
		return rc;
	}
	printf(started ? M_CHECKIN_STARTED : M_CHECKIN_JOINED, id);
	return talk(c, id);
}

/* A turn on an item of the check-in under way. */
static int
turn_command(struct cli *c, int argc, char **argv, enum dy_turn_sort sort)
{
	struct dy_error err = {0};
	const char *id, *text = NULL;
	char tid[DY_ID_LEN + 1];
	bool heard = false;
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return c->stop;
	if (optind + 2 > argc)
		return cli_usage(c, M_MISSING, optind >= argc ? "ID" : sort == DY_TURN_HEARD ? "yes|no" : "TEXT");
	id = argv[optind++];
	text = argv[optind++];
	if (sort == DY_TURN_HEARD) {
		if (strcmp(text, "yes") != 0 && strcmp(text, "no") != 0)
			return cli_usage(c, "%s", M_CHECKIN_YES_NO);
		heard = strcmp(text, "yes") == 0;
		text = NULL;
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (text != NULL)
		arg_note_once(c, false);
	if (dy_checkin_turn(c->s, id, strlen(id), sort, text, text != NULL ? strlen(text) : 0, heard, tid, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s}", "id", tid));
	printf("%s\n", tid);
	return out_flush();
}

static int
cmd_paraphrase(struct cli *c, int argc, char **argv)
{
	return turn_command(c, argc, argv, DY_TURN_PARAPHRASE);
}

static int
cmd_heard(struct cli *c, int argc, char **argv)
{
	return turn_command(c, argc, argv, DY_TURN_HEARD);
}

static int
cmd_note(struct cli *c, int argc, char **argv)
{
	return turn_command(c, argc, argv, DY_TURN_NOTE);
}

static int
cmd_agree(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"who", required_argument, NULL, O_WHO},
		{"follow-up", required_argument, NULL, O_FOLLOW},
		{NULL, 0, NULL, 0},
	};
	const char *who = "both", *follow = NULL, *what;
	struct dy_error err = {0};
	struct dy_item cur = {0};
	char id[DY_ID_LEN + 1];
	bool past = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		switch (o) {
		case CLI_STOP: return c->stop;
		case O_WHO: who = optarg; break;
		case O_FOLLOW: follow = optarg; break;
		default: break;
		}
	}
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "WHAT");
	what = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0 || (rc = current(c, &cur)) != 0)
		return rc;
	arg_note_once(c, false);
	if (dy_checkin_agree(c->s, cur.id, strlen(cur.id), who, what, strlen(what), follow, couple_today(c), &past, id,
	                     &err) != 0) {
		dy_item_release(&cur);
		return cli_core_fail(&err);
	}
	dy_item_release(&cur);
	if (past)
		cli_note(M_CHECKIN_PAST, follow);
	if (c->json)
		return json_out(json_pack("{s:s, s:b}", "id", id, "follow_up_past", past));
	printf("%s\n", id);
	return out_flush();
}

static int
cmd_end(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_item cur = {0};
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return c->stop;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0 || (rc = current(c, &cur)) != 0)
		return rc;
	rc = dy_checkin_end(c->s, cur.id, strlen(cur.id), &err);
	dy_item_release(&cur);
	return core_said(c, rc, &err, M_CHECKIN_ENDED);
}

/* dyad checkin done [--undo] ID: mark an agreement done, either
 * partner's, or take my mark back. */
static int
cmd_done(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"undo", no_argument, NULL, O_UNDO},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	const char *id;
	bool undo = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_UNDO)
			undo = true;
	}
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "ID");
	id = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	return core_said(c, dy_checkin_agreement_done(c->s, id, strlen(id), !undo, &err), &err,
	                 undo ? M_CHECKIN_UNMARKED_DONE : M_CHECKIN_MARKED_DONE);
}

/* dyad checkin agreements rm [--yes] ID: remove one of my agreements for
 * good, with its done marks (both partners'); on a terminal, asks first,
 * as `dyad journal rm` does. My partner's is refused: theirs to remove. */
static int
agreements_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, NULL, O_YES},
		{NULL, 0, NULL, 0},
	};
	struct dy_item_list marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	struct dy_item a = {0};
	const char *id;
	char question[128];
	bool yes = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "y", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_YES)
			yes = true;
	}
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0 ||
	    (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_item_get(c->s, &dy_kind_checkin_agreement, id, strlen(id), &a, &err) != 0)
		return cli_core_fail(&err);
	rc = CLI_FAIL;
	if (!a.mine) {
		cli_err(M_CHECKIN_RM_NOT_YOURS, shown(a.author), shown(a.author));
		goto out;
	}
	if (!yes && isatty(STDIN_FILENO) && tty_available()) {
		if (!c->json) {
			if (dy_whoami(c->s, &sp, &err) != 0 || dy_checkin_done_marks(c->s, a.id, &marks, &err) != 0) {
				rc = cli_core_fail(&err);
				goto out;
			}
			if ((rc = agreement_line(c, &sp, &marks, &a)) != 0 || (rc = out_flush()) != 0)
				goto out;
			rc = CLI_FAIL;
		}
		snprintf(question, sizeof(question), M_CHECKIN_RM_ASK, a.id);
		if (!tty_confirm(question)) {
			fputs(M_RM_NO, stdout);
			rc = out_flush();
			goto out;
		}
	}
	if (dy_checkin_agreement_delete(c->s, a.id, strlen(a.id), &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json) {
		rc = json_out(json_pack("{s:s, s:b}", "id", a.id, "deleted", 1));
	} else {
		printf(M_CHECKIN_RM_DONE, a.id);
		rc = out_flush();
	}
out:
	dy_item_list_release(&marks);
	dy_item_release(&a);
	return rc;
}

/* dyad checkin agreements [--due], or agreements rm ID: the word "rm"
 * right after runs that, under its own name and help. */
static int
cmd_agreements(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"due", no_argument, NULL, O_DUE},
		{NULL, 0, NULL, 0},
	};
	static const struct cli_cmd rm = {"checkin agreements rm", agreements_rm, S_CAGREEMENTS_RM, H_CAGREEMENTS_RM};
	struct dy_item_list l = {0}, marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	bool due = false;
	int o, rc;

	if (argc > 1 && strcmp(argv[1], "rm") == 0) {
		c->cmd = &rm;
		return agreements_rm(c, argc - 1, argv + 1);
	}
	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_DUE)
			due = true;
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_whoami(c->s, &sp, &err) != 0 || dy_checkin_agreements(c->s, NULL, due, couple_today(c), &l, &err) != 0 ||
	    dy_checkin_done_marks(c->s, NULL, &marks, &err) != 0) {
		dy_item_list_release(&l);
		return cli_core_fail(&err);
	}
	if (c->json) {
		json_t *aj;

		if ((rc = agreements_json(c, &sp, &marks, &l, &aj)) == 0)
			rc = json_out(json_pack("{s:o, s:I, s:I}", "items", aj, "total", (json_int_t)l.count, "damaged",
			                        (json_int_t)l.damaged));
	} else {
		if (l.count == 0 && l.damaged == 0)
			printf("%s", due ? M_CHECKIN_NONE_DUE : M_CHECKIN_NO_AGREEMENTS);
		for (size_t i = 0; rc == 0 && i < l.count; i++)
			rc = agreement_line(c, &sp, &marks, &l.items[i]);
		if (rc == 0)
			rc = out_flush();
	}
	if (rc == 0)
		cli_say_damaged(l.damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
	dy_item_list_release(&l);
	dy_item_list_release(&marks);
	return rc;
}

/* dyad checkin show ID: one check-in, each item with what was said on it
 * (paraphrases, felt heard, notes), then its agreements. What it left out
 * because it could not be read is said on stderr after it, as the lists
 * do (agenda items of any check-in: which one an item is of is inside
 * it; turns on its items; its agreements), and so are its join and end
 * marks and an agreement's done marks that could not be read: the state
 * shown from them may be out of date. */
static int
cmd_show(struct cli *c, int argc, char **argv)
{
	struct dy_item ci = {0};
	struct dy_item_list items = {0}, ag = {0}, marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	bool mine, theirs, ended;
	const char *id;
	json_t *arr = NULL, *agj = NULL;
	char when[64];
	size_t i, damaged = 0, marks_damaged = 0;
	int rc;

	if ((rc = id_operand(c, argc, argv, &id)) != 0)
		return rc;
	if (dy_item_get(c->s, &dy_kind_checkin, id, strlen(id), &ci, &err) != 0 ||
	    dy_checkin_state(c->s, &ci, &mine, &theirs, &ended, &marks_damaged, &err) != 0 ||
	    dy_checkin_items(c->s, ci.id, &items, &err) != 0 ||
	    dy_checkin_agreements(c->s, ci.id, false, 0, &ag, &err) != 0 || dy_whoami(c->s, &sp, &err) != 0 ||
	    dy_checkin_done_marks(c->s, NULL, &marks, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	damaged = items.damaged + ag.damaged;
	if (c->json) {
		if ((arr = json_array()) == NULL)
			goto oom;
		for (i = 0; i < items.count; i++) {
			struct dy_item_list t = {0};
			json_t *o;

			if (dy_checkin_turns(c->s, items.items[i].id, &t, &err) != 0) {
				rc = cli_core_fail(&err);
				goto out;
			}
			damaged += t.damaged;
			o = dy_item_json(&items.items[i]);
			if (o == NULL || json_object_set_new(o, "turns", items_json(&t)) != 0 ||
			    json_object_set_new(o, "turns_damaged", json_integer((json_int_t)t.damaged)) != 0) {
				json_decref(o);  /* not in arr yet: ours to free */
				dy_item_list_release(&t);
				goto oom;
			}
			if (json_array_append_new(arr, o) != 0) {
				dy_item_list_release(&t);
				goto oom;
			}
			dy_item_list_release(&t);
		}
		if ((rc = agreements_json(c, &sp, &marks, &ag, &agj)) != 0)
			goto out;
		rc = json_out(json_pack("{s:s, s:o, s:b, s:o, s:o, s:I, s:I}", "id", ci.id, "started_at",
		                        json_time(ci.created_at), "ended", ended, "items", arr, "agreements", agj,
		                        "damaged", (json_int_t)damaged, "marks_damaged", (json_int_t)marks_damaged));
		arr = agj = NULL;
		goto said;
	}
	fmt_local(ci.created_at, when, sizeof(when));
	printf(M_CHECKIN_SHOW_HEAD, when, ended ? "" : M_CHECKIN_UNDER_WAY, items.count, items.count == 1 ? "" : "s");
	for (i = 0; i < items.count; i++) {
		const struct dy_item *it = &items.items[i];
		size_t bad;

		printf(M_CHECKIN_SHOW_ITEM, it->mine ? M_CHECKIN_YOU : shown(it->author), str(it, "topic"));
		put_clean(stdout, str(it, "statement"), strlen(str(it, "statement")), true);
		printf("\n");
		if ((rc = turns_lines(c, it->id, &bad)) != 0)
			goto out;
		damaged += bad;
	}
	if (ag.count > 0)
		printf("%s", M_CHECKIN_SHOW_AGREED);
	for (i = 0; i < ag.count; i++)
		if ((rc = agreement_line(c, &sp, &marks, &ag.items[i])) != 0)
			goto out;
	rc = out_flush();
said:
	if (rc == 0) {
		cli_say_damaged(damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
		say_marks_damaged(marks_damaged, ci.id, M_CHECKIN_MARKS_DAMAGED, M_CHECKIN_MARKS_DAMAGED_N);
	}
	goto out;
oom:
	rc = oom();
out:
	json_decref(arr);
	json_decref(agj);
	dy_item_list_release(&items);
	dy_item_list_release(&ag);
	dy_item_list_release(&marks);
	dy_item_release(&ci);
	return rc;
}

/* dyad checkin history: every check-in, newest first, with its
 * agreements. The history reads each record once (dy_checkin_history);
 * what it left out because it could not be read is said on stderr after
 * it, each record once; a check-in's join and end marks, and an
 * agreement's done marks, that could not be read are said for each: its
 * state may be out of date. */
static int
cmd_history(struct cli *c, int argc, char **argv)
{
	struct dy_checkin_history h = {0};
	struct dy_item_list marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	json_t *arr = NULL, *agj = NULL;
	int rc;

	while ((rc = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (rc == CLI_STOP)
			return c->stop;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_whoami(c->s, &sp, &err) != 0 || dy_checkin_history(c->s, &h, &err) != 0 ||
	    dy_checkin_done_marks(c->s, NULL, &marks, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json && (arr = json_array()) == NULL)
		goto oom;
	if (!c->json && h.checkins.count == 0 && h.damaged == 0)
		printf("%s", M_CHECKIN_NO_HISTORY);
	for (size_t i = 0; i < h.checkins.count; i++) {
		const struct dy_item *ci = &h.checkins.items[i];
		struct dy_item_list ag, items;  /* views into h */
		bool mine, theirs, ended;
		size_t marks_damaged;
		char when[64];

		if (dy_checkin_history_state(c->s, &h, ci, &mine, &theirs, &ended, &marks_damaged, &err) != 0) {
			rc = cli_core_fail(&err);
			goto out;
		}
		dy_checkin_history_of(&h, ci->id, &items, &ag);
		if (c->json) {
			json_t *o;

			if ((rc = agreements_json(c, &sp, &marks, &ag, &agj)) != 0)
				goto out;
			o = json_pack("{s:s, s:o, s:b, s:b, s:b, s:I, s:o, s:I}", "id", ci->id, "started_at",
			              json_time(ci->created_at), "ended", ended, "joined", mine, "partner_joined", theirs, "items",
			              (json_int_t)items.count, "agreements", agj, "marks_damaged", (json_int_t)marks_damaged);
			agj = NULL;
			if (o == NULL || json_array_append_new(arr, o) != 0)
				goto oom;
		} else {
			fmt_local(ci->created_at, when, sizeof(when));
			printf(M_CHECKIN_HISTORY_LINE, col(c, C_DIM), ci->id, col(c, C_RESET), when, items.count,
			       items.count == 1 ? "" : "s", ended ? "" : M_CHECKIN_UNDER_WAY);
			for (size_t k = 0; k < ag.count; k++) {
				printf("    ");
				if ((rc = agreement_line(c, &sp, &marks, &ag.items[k])) != 0)
					goto out;
			}
		}
		say_marks_damaged(marks_damaged, ci->id, M_CHECKIN_MARKS_DAMAGED, M_CHECKIN_MARKS_DAMAGED_N);
	}
	if (c->json) {
		rc = json_out(json_pack("{s:o, s:I}", "checkins", arr, "damaged", (json_int_t)h.damaged));
		arr = NULL;
	} else {
		rc = out_flush();
	}
	if (rc == 0)
		cli_say_damaged(h.damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
	goto out;
oom:
	rc = oom();
out:
	json_decref(arr);
	dy_checkin_history_release(&h);
	dy_item_list_release(&marks);
	return rc;
}

static const struct cli_cmd checkin_cmds[] = {
	{"schedule", cmd_schedule, S_CSCHEDULE, H_CSCHEDULE},
	{"next", cmd_next, S_CNEXT, H_CNEXT},
	{"ics", cmd_ics, S_CICS, H_CICS},
	{"add", cmd_add, S_CADD, H_CADD},
	{"list", cmd_list, S_CLIST, H_CLIST},
	{"reveal", cmd_reveal, S_CREVEAL, H_CREVEAL},
	{"start", cmd_start, S_CSTART, H_CSTART},
	{"paraphrase", cmd_paraphrase, S_CPARA, H_CPARA},
	{"heard", cmd_heard, S_CHEARD, H_CHEARD},
	{"note", cmd_note, S_CNOTE, H_CNOTE},
	{"agree", cmd_agree, S_CAGREE, H_CAGREE},
	{"end", cmd_end, S_CEND, H_CEND},
	{"agreements", cmd_agreements, S_CAGREEMENTS, H_CAGREEMENTS},
	{"done", cmd_done, S_CDONE, H_CDONE},
	{"history", cmd_history, S_CHISTORY, H_CHISTORY},
	{"show", cmd_show, S_CSHOW, H_CSHOW},
};

const struct cli_family cli_checkin_family = CLI_FAMILY("checkin", S_CHECKIN, H_CHECKIN, checkin_cmds);
