/* coach_tsv.c - the coach's labelled statements, read (see coach_tsv.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach_tsv.h"

const char *
coach_tsv_label(int k)
{
	return k == COACH_TSV_CLEAN ? "clean" : dy_coach_kind_name((enum dy_coach_kind)k);
}

bool
coach_tsv_in_group(const char *name, const char *group)
{
	size_t n = strlen(group);

	return strncmp(name, group, n) == 0 && (name[n] == '\0' || name[n] == ':');
}

/* The label bits of s[0, n): "none" is none; -1 for a name that is no
 * label. */
static long
parse_labels(const char *s, size_t n)
{
	long bits = 0;

	if (n == 4 && memcmp(s, "none", 4) == 0)
		return 0;
	for (;;) {
		const char *comma = memchr(s, ',', n);
		size_t m = comma ? (size_t)(comma - s) : n;
		int k;

		for (k = 0; k < COACH_TSV_LABELS; k++)
			if (strlen(coach_tsv_label(k)) == m && memcmp(coach_tsv_label(k), s, m) == 0)
				break;
		if (k == COACH_TSV_LABELS)
			return -1;
		bits |= 1L << k;
		if (!comma)
			return bits;
		n -= m + 1;
		s = comma + 1;
	}
}

void
coach_tsv_free(struct coach_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->s[i].text);
	for (int p = 0; p < set->nparts; p++)
		free(set->parts[p]);
	free(set->s);
	free(set->parts);
	memset(set, 0, sizeof(*set));
}

int
coach_tsv_read(const char *path, struct coach_set *set, char *err, size_t errlen)
{
	char line[COACH_TSV_LINE_MAX];
	FILE *f = fopen(path, "r");
	size_t cap = 0, lineno = 0;
	const char *why = NULL;

	memset(set, 0, sizeof(*set));
	if (!f) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return -1;
	}
	while (!why && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\n");
		struct coach_stmt *st;
		char *tab;
		long want;

		lineno++;
		if (line[n] != '\n' && !feof(f)) {
			why = "a line too long";
			break;
		}
		line[n] = '\0';
		if (strncmp(line, "# --- ", 6) == 0) {
			char **p = realloc(set->parts, ((size_t)set->nparts + 1) * sizeof(*p));

			if (!p || !(p[set->nparts] = strdup(line + 6))) {
				if (p)
					set->parts = p;
				why = "out of memory";
				break;
			}
			set->parts = p;
			set->nparts++;
			continue;
		}
		if (line[0] == '#' || n == 0)
			continue;
		if (!(tab = strchr(line, '\t')) || set->nparts == 0) {
			why = "a statement outside a part, or without a tab";
			break;
		}
		if ((want = parse_labels(line, (size_t)(tab - line))) < 0) {
			why = "a label that names no kind";
			break;
		}
		if (set->n == cap) {
			size_t c = cap ? cap * 2 : 1024;
			struct coach_stmt *s = realloc(set->s, c * sizeof(*s));

			if (!s) {
				why = "out of memory";
				break;
			}
			set->s = s;
			cap = c;
		}
		st = &set->s[set->n];
		st->want = (unsigned)want;
		st->part = set->nparts - 1;
		st->len = strlen(tab + 1);
		if (!(st->text = strdup(tab + 1))) {
			why = "out of memory";
			break;
		}
		set->n++;
	}
	if (!why && ferror(f))
		why = "a read error";
	fclose(f);
	if (why) {
		snprintf(err, errlen, "%s, line %zu: %s", path, lineno, why);
		coach_tsv_free(set);
		return -1;
	}
	return 0;
}
