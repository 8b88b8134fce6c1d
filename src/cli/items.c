/*
 * items.c - what the commands over records share: the end of the
 * operands, the --mine/--shared/--theirs filter, a list in the one JSON
 * presentation or a line per record, the ID operand read into a record
 * with the kind's "not found" words, and a chart written to a file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

int
cli_no_more(struct cli *c, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	return 0;
}

bool
cli_filter_opt(int o, struct cli_filter *f)
{
	if (o != CLI_O_MINE && o != CLI_O_SHARED && o != CLI_O_THEIRS)
		return false;
	f->chosen++;
	f->filter = o == CLI_O_MINE ? DY_FILTER_MINE : o == CLI_O_SHARED ? DY_FILTER_SHARED : DY_FILTER_THEIRS;
	return true;
}

int
cli_filter_check(struct cli *c, const struct cli_filter *f)
{
	return f->chosen > 1 ? cli_usage(c, M_MINE_SHARED) : 0;
}

void
cli_item_mark(const struct dy_item *it, char *buf, size_t n)
{
	if (!it->mine)
		snprintf(buf, n, M_FROM, it->author);
	else
		snprintf(buf, n, "%s", it->vis == DY_VIS_PRIVATE ? M_PRIVATE : M_SHARED);
}

int
cli_items_json(const struct dy_item_list *l)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr != NULL && i < l->count; i++)
		if (json_array_append_new(arr, dy_item_json(&l->items[i])) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	return json_out(arr != NULL ? json_pack("{s:o, s:I, s:I}", "items", arr, "total", (json_int_t)l->count,
	                                        "damaged", (json_int_t)l->damaged)
	                            : NULL);
}

void
cli_say_damaged(size_t n, const char *one, const char *many)
{
	if (n == 1)
		cli_note("%s", one);
	else if (n > 1)
		cli_note(many, n);
}

int
cli_items_list(struct cli *c, int argc, char **argv, const struct cli_kind *k)
{
	static const struct option opts[] = {
		CLI_FILTER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_filter f = CLI_FILTER_INIT;
	struct dy_query q = {.kinds = {k->kind}, .nkinds = 1};
	struct dy_error err = {0};
	struct dy_item_list l;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		cli_filter_opt(o, &f);
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_filter_check(c, &f)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	q.filter = f.filter;
	if (dy_item_list(c->s, &q, &l, &err) != 0)
		return cli_core_fail(&err);
	if (c->json) {
		rc = cli_items_json(&l);
	} else {
		/* "none yet" would be untrue when some could not be read */
		if (l.count == 0 && l.damaged == 0)
			fputs(k->empty, stdout);
		for (size_t i = 0; i < l.count; i++)
			k->line(c, &l.items[i]);
		rc = out_flush();
	}
	if (rc == 0)
		cli_say_damaged(l.damaged, M_DAMAGED_RECORD, M_DAMAGED_RECORDS);
	dy_item_list_release(&l);
	return rc;
}

int
cli_item_get(struct cli *c, const struct cli_kind *k, const char *id, struct dy_item *it)
{
	struct dy_error err = {0};

	if (dy_item_get(c->s, k->kind, id, strlen(id), it, &err) != 0) {
		if (err.code == DY_ENOTFOUND) {
			cli_err(k->not_found, id);
			return CLI_FAIL;
		}
		return cli_core_fail(&err);
	}
	return 0;
}

int
cli_item_command(struct cli *c, int argc, char **argv, const struct cli_kind *k, struct dy_item *it)
{
	const char *id;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return CLI_STOP;   /* nonzero even after --help: main exits with c->stop */
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		return rc;
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	return cli_item_get(c, k, id, it);
}

int
cli_item_edit(struct cli *c, const struct cli_kind *k, const char *id, const json_t *fields)
{
	struct dy_error err = {0};
	struct dy_item it;
	int rc;

	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if ((rc = cli_item_get(c, k, id, &it)) != 0)
		return rc;
	if (dy_item_edit(c->s, k->kind, it.id, strlen(it.id), fields, NULL, 0, &err) != 0) {
		/* my partner's record: not mine to change, said as for a missing one */
		if (err.code == DY_EPERM)
			cli_err(k->not_found, id);
		rc = err.code == DY_EPERM ? CLI_FAIL : cli_core_fail(&err);
		dy_item_release(&it);
		return rc;
	}
	if (c->json) {
		struct dy_item now;
		char whole[DY_ID_LEN + 1];

		memcpy(whole, it.id, sizeof(whole));
		dy_item_release(&it);
		if ((rc = cli_item_get(c, k, whole, &now)) != 0)
			return rc;
		rc = json_out(dy_item_json(&now));
		dy_item_release(&now);
		return rc;
	}
	printf(k->edited, it.id);
	dy_item_release(&it);
	return out_flush();
}

int
cli_write_svg(const char *path, const struct dy_buf *svg)
{
	bool out = strcmp(path, "-") == 0;
	FILE *f;

	errno = 0;
	f = out ? stdout : fopen(path, "w");

	if (f == NULL || fwrite(svg->p, 1, svg->len, f) != svg->len || fputc('\n', f) == EOF) {
		cli_err(M_SVG_FAIL, path, f == NULL || errno != 0 ? strerror(errno) : "it could not be written");
		if (f != NULL && !out)
			fclose(f);
		return CLI_FAIL;
	}
	if (out)
		return out_flush();
	if (fclose(f) != 0) {
		cli_err(M_SVG_FAIL, path, strerror(errno));
		return CLI_FAIL;
	}
	return 0;
}
