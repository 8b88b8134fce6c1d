/*
 * reflect.c - the journal's self-exploration side: dyad journal prompt
 * (the prompt of the day) and prompts (the library by theme), and the
 * extras an entry carries (the prompt it was written from, mood, feeling
 * words, tags): their options for add, and how show prints them; and
 * the quiet responses to a partner's shared entry (journal respond, and
 * the responses under journal show).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_DATE = 0x200, O_THEME };

/* Today in the person's own calendar, or the day of a YYYY-MM-DD. */
static int
day_of(const char *date, int32_t *day)
{
	int y, m, d, n = 0;

	if (date == NULL) {
		*day = cli_local_day(NULL, (int64_t)time(NULL));
		return 0;
	}
	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1970 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = dy_day_from_date(y, m, d);
	return 0;
}

static void
prompt_print(const struct dy_prompt *p)
{
	const char *label = dy_prompt_theme_label(p->theme);

	printf("%s\n", p->text);
	printf(M_PROMPT_ABOUT, label != NULL ? label : p->theme, p->id);
}

int
cmd_journal_prompt(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{NULL, 0, NULL, 0},
	};
	const struct dy_prompt *p;
	const char *date = NULL;
	int32_t day;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_DATE)
			date = optarg;
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if (day_of(date, &day) != 0)
		return cli_usage(c, M_PROMPT_DATE, date);
	/* whose prompt it is: the person's id, known once unlocked */
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if ((p = dy_prompt_of_day(c->me->id, day)) == NULL) {
		cli_err("%s", M_PROMPT_NONE);
		return CLI_FAIL;
	}
	if (c->json)
		return json_out(dy_prompt_json(p));
	printf(M_PROMPT_TODAY, date != NULL ? date : M_PROMPT_TODAY_WORD);
	prompt_print(p);
	printf(M_PROMPT_WRITE, p->id);
	return out_flush();
}

int
cmd_journal_prompts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"theme", required_argument, NULL, O_THEME},
		{NULL, 0, NULL, 0},
	};
	const char *theme = NULL;
	json_t *all, *t;
	size_t i, j;
	int o;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_THEME)
			theme = optarg;
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if (theme != NULL && dy_prompt_theme_label(theme) == NULL) {
		cli_err(M_PROMPT_THEME, theme);
		for (i = 0; i < dy_prompt_nthemes; i++)
			cli_note("  %s  %s", dy_prompt_themes[i].id, dy_prompt_themes[i].label);
		return CLI_FAIL;
	}
	if (c->json) {
		if ((all = dy_prompts_json()) == NULL || theme == NULL)
			return json_out(all);
		/* only the one theme's */
		t = json_object_get(all, "themes");
		for (i = json_array_size(t); i-- > 0;)
			if (strcmp(json_string_value(json_object_get(json_array_get(t, i), "id")), theme) != 0)
				json_array_remove(t, i);
		return json_out(all);
	}
	for (i = 0; i < dy_prompt_nthemes; i++) {
		if (theme != NULL && strcmp(theme, dy_prompt_themes[i].id) != 0)
			continue;
		printf("%s%s%s (%s)\n", col(c, C_BOLD), dy_prompt_themes[i].label, col(c, C_RESET), dy_prompt_themes[i].id);
		for (j = 0; j < dy_nprompts; j++)
			if (strcmp(dy_prompts[j].theme, dy_prompt_themes[i].id) == 0)
				printf("  %s%-16s%s %s\n", col(c, C_DIM), dy_prompts[j].id, col(c, C_RESET), dy_prompts[j].text);
		fputc('\n', stdout);
	}
	return out_flush();
}

int
extras_opt(struct cli *c, int o, const char *arg, json_t *extras)
{
	long long n;
	json_t *a;
	const char *name;

	switch (o) {
	case O_X_PROMPT:
		/* "today" stays as it is until the person is known (extras_resolve) */
		if (strcmp(arg, "today") != 0 && dy_prompt_find(arg, strlen(arg)) == NULL) {
			cli_err(M_PROMPT_UNKNOWN, shown(arg));
			return CLI_FAIL;
		}
		return json_object_set_new(extras, "prompt", json_string(arg)) == 0 ? 0 : CLI_FAIL;
	case O_X_MOOD:
		if (cli_parse_num(arg, DY_MOOD_MIN, DY_MOOD_MAX, &n) != 0)
			return cli_usage(c, M_MOOD_RANGE, arg);
		return json_object_set_new(extras, "mood", json_integer(n)) == 0 ? 0 : CLI_FAIL;
	case O_X_FEEL:
	case O_X_TAG:
		name = o == O_X_FEEL ? "feelings" : "tags";
		if ((a = json_object_get(extras, name)) == NULL) {
			if ((a = json_array()) == NULL || json_object_set_new(extras, name, a) != 0)
				return CLI_FAIL;
		}
		if (!dy_utf8_valid(arg, strlen(arg))) {
			cli_err("%s", M_NOT_UTF8_OPT);
			return CLI_FAIL;
		}
		return json_array_append_new(a, json_string(arg)) == 0 ? 0 : CLI_FAIL;
	default:
		return 0;
	}
}

/* The instant local midnight starts date (YYYY-MM-DD), plus days days;
 * -1 when it is not a date. */
static int64_t
local_midnight(const char *date, int days)
{
	struct tm tm;
	int32_t day;
	int y, m, d;
	time_t t;

	if (day_of(date, &day) != 0)
		return -1;
	dy_day_to_date(day + days, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	return (int64_t)t;
}

int
list_filter_opt(struct cli *c, int o, const char *arg, struct dy_journal_query *jq)
{
	long long n;
	int64_t t;

	switch (o) {
	case O_F_TAG:
		jq->tag = arg;
		return 0;
	case O_F_MOOD:
		if (cli_parse_num(arg, DY_MOOD_MIN, DY_MOOD_MAX, &n) != 0)
			return cli_usage(c, M_MOOD_RANGE, arg);
		jq->mood = (int)n;
		return 0;
	case O_F_FROM:
	case O_F_TO:
		if ((t = local_midnight(arg, o == O_F_TO ? 1 : 0)) <= 0)
			return cli_usage(c, M_PROMPT_DATE, arg);
		if (o == O_F_FROM)
			jq->since = t;
		else
			jq->until = t;
		return 0;
	default:
		return 0;
	}
}

int
extras_resolve(struct cli *c, json_t *extras)
{
	json_t *p = json_object_get(extras, "prompt");
	const struct dy_prompt *today;

	if (p == NULL || strcmp(json_string_value(p), "today") != 0)
		return 0;
	today = dy_prompt_of_day(c->me->id, cli_local_day(NULL, (int64_t)time(NULL)));
	if (today == NULL || json_object_set_new(extras, "prompt", json_string(today->id)) != 0) {
		cli_err("%s", M_PROMPT_NONE);
		return CLI_FAIL;
	}
	return 0;
}

void
extras_show(struct cli *c, const struct dy_entry *e)
{
	const struct dy_prompt *p = e->prompt[0] != '\0' ? dy_prompt_find(e->prompt, strlen(e->prompt)) : NULL;
	size_t i;

	if (p != NULL)
		printf("%s" M_SHOW_PROMPT "%s\n", col(c, C_DIM), p->text, col(c, C_RESET));
	if (e->mood != 0)
		printf(M_SHOW_MOOD, e->mood, DY_MOOD_MAX);
	if (e->feelings != NULL) {
		fputs(M_SHOW_FEELINGS, stdout);
		for (i = 0; i < json_array_size(e->feelings); i++)
			printf("%s%s", i > 0 ? ", " : "", shown(json_string_value(json_array_get(e->feelings, i))));
		fputc('\n', stdout);
	}
	if (e->tags != NULL) {
		fputs(M_SHOW_TAGS, stdout);
		for (i = 0; i < json_array_size(e->tags); i++)
			printf("%s#%s", i > 0 ? " " : "", shown(json_string_value(json_array_get(e->tags, i))));
		fputc('\n', stdout);
	}
}

int
cmd_journal_respond(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	const char *id = NULL, *say = NULL, *note = NULL;
	char rid[DY_ID_LEN + 1];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "read, thanks or note TEXT");
	say = argv[optind++];
	if (strcmp(say, "read") != 0 && strcmp(say, "thanks") != 0 && strcmp(say, "note") != 0)
		return cli_usage(c, M_RESPOND_WHAT, say);
	if (strcmp(say, "note") == 0) {
		if (optind >= argc)
			return cli_usage(c, M_MISSING, "TEXT");
		note = argv[optind++];
		if (check_text(note, strlen(note), DY_RESPONSE_NOTE_MAX, "note") != 0)
			return CLI_FAIL;
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_journal_respond(c->s, id, strlen(id), say, note, note != NULL ? strlen(note) : 0, rid, &err) != 0) {
		if (err.code == DY_ENOTFOUND) {
			cli_err(M_NOT_FOUND, id);
			return CLI_FAIL;
		}
		return cli_core_fail(&err);
	}
	if (c->json)
		return json_out(json_pack("{s:s, s:s}", "id", rid, "say", say));
	printf(M_RESPONDED, c->partner != NULL ? shown(c->partner->name) : M_YOUR_PARTNER);
	return out_flush();
}

/* What a response says, in words. */
static void
response_words(const struct dy_item *it, char *buf, size_t n)
{
	const char *say = json_string_value(json_object_get(it->fields, "say"));
	const json_t *note = json_object_get(it->fields, "note");

	if (say != NULL && strcmp(say, "read") == 0)
		snprintf(buf, n, "%s", M_SAY_READ);
	else if (say != NULL && strcmp(say, "thanks") == 0)
		snprintf(buf, n, "%s", M_SAY_THANKS);
	else if (note != NULL && json_is_string(note))
		snprintf(buf, n, "\"%s\"", json_string_value(note));
	else
		snprintf(buf, n, "%s", "?");
}

int
responses_json(struct cli *c, const struct dy_entry *e, json_t **out)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	json_t *items;

	*out = NULL;
	if (dy_journal_responses(c->s, e->id, strlen(e->id), &l, &err) != 0)
		return cli_core_fail(&err);
	items = json_array();
	for (size_t i = 0; items != NULL && i < l.count; i++)
		if (json_array_append_new(items, dy_item_json(&l.items[i])) != 0) {
			json_decref(items);
			items = NULL;
		}
	if (items != NULL)
		*out = json_pack("{s:o, s:I}", "items", items, "damaged", (json_int_t)l.damaged);
	if (*out != NULL)
		cli_say_damaged(l.damaged, M_DAMAGED_RESPONSE, M_DAMAGED_RESPONSES);
	dy_item_list_release(&l);
	if (*out == NULL) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	return 0;
}

int
responses_show(struct cli *c, const struct dy_entry *e)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	char when[32], words[DY_RESPONSE_NOTE_MAX + 8];
	size_t i;

	if (!e->shared)
		return 0;
	if (dy_journal_responses(c->s, e->id, strlen(e->id), &l, &err) != 0)
		return cli_core_fail(&err);
	if (l.count > 0)
		printf("\n%s" M_RESPONSES "%s\n", col(c, C_BOLD), col(c, C_RESET));
	for (i = 0; i < l.count; i++) {
		fmt_local(l.items[i].created_at, when, sizeof(when));
		response_words(&l.items[i], words, sizeof(words));
		printf("  %s%s%s  %s: ", col(c, C_DIM), when, col(c, C_RESET),
		       l.items[i].mine ? M_YOU : shown(l.items[i].author));
		put_clean(stdout, words, strlen(words), false);
		fputc('\n', stdout);
	}
	cli_say_damaged(l.damaged, M_DAMAGED_RESPONSE, M_DAMAGED_RESPONSES);
	dy_item_list_release(&l);
	return 0;
}
