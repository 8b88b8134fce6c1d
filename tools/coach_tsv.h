/*
 * coach_tsv.h - reads the I-statement coach's labelled statements
 * (tests/data/coach.tsv) for the tools that measure the coach: the
 * trainer (tools/coach_train.c), the unit test (tests/unit/coach_test.c)
 * and the benchmark (bench/coach_bench.c). Not part of libdyad: the core
 * reads no files.
 *
 * The file: one statement a line, its labels (comma-separated kinds,
 * "clean", or "none"), a tab, the statement; lines starting with '#' are
 * comments, and "# --- NAME" starts a part, whose group is NAME up to its
 * first ':' ("dev", "held-out", "third-fresh", "fresh", ...).
 */
#ifndef DY_COACH_TSV_H
#define DY_COACH_TSV_H

#include <stdbool.h>
#include <stddef.h>

#include "dyad.h"

#define COACH_TSV_CLEAN DY_COACH_KINDS           /* the clean flag's label bit */
#define COACH_TSV_LABELS (DY_COACH_KINDS + 1)    /* the kinds, and clean */
#define COACH_TSV_LINE_MAX 4096                  /* the longest line read */

struct coach_stmt {
	unsigned want;  /* label bits: 1 << kind, 1 << COACH_TSV_CLEAN */
	int part;       /* index in parts */
	char *text;     /* the statement, NUL-terminated */
	size_t len;
};

struct coach_set {
	struct coach_stmt *s;
	size_t n;
	char **parts;   /* each part's NAME, in the file's order */
	int nparts;
};

/* The name of label k: a kind's name, or "clean". */
const char *coach_tsv_label(int k);

/* Whether part name NAME is in group ("dev" is "dev: clean statements"'s
 * group, not "devices"'s). */
bool coach_tsv_in_group(const char *name, const char *group);

/*
 * Reads every statement of the file at path into set, in order. 0, or -1
 * with what is wrong in err (a line too long, a statement outside a
 * part or without a tab, a label that names no kind, out of memory); set
 * is then empty.
 */
int coach_tsv_read(const char *path, struct coach_set *set, char *err, size_t errlen);

void coach_tsv_free(struct coach_set *set);

#endif
