/*
 * core_bench - the journal's operations at several sizes in one run, with
 * the references measured in the same run.
 *
 *   core_bench [-k] [-t] [-r REPS] [-s SIZE] DIR [N ...]   (N defaults to 1000 10000 100000)
 *   core_bench -f [-t] [-s SIZE] DIR N                 only make DIR/dyad.db with N entries
 * DIR is made when missing; the folders it gets (DIR/nN, or DIR itself with
 * -f) must not exist yet.
 *   -t: every entry made in the same second (an import), instead of one a
 *       minute; pages must then tell ties apart by their insertion order
 *   -k: freed memory stays with the process (glibc's mallopt), to measure
 *       what a list of all pays for fresh pages
 *
 * For each N a fresh database DIR/nN/dyad.db, one person ("Bench"), N entries
 * of about SIZE bytes (a third of them shared), one a minute in the past.
 * The fill runs 1,000 adds to a transaction (dy_tx_begin/dy_tx_commit): it
 * only builds the journal quickly and is not a figure. Then, in rounds that
 * visit every size in turn (so that the machine's noise falls on all sizes
 * alike and the ratios between sizes stay fair):
 *   - get by whole id, and by an 8-character prefix, of a random entry;
 *   - the first page of 20;
 *   - a page of 20 90% deep, fetched from its cursor (the cursors are walked
 *     once, untimed, to find it);
 *   - list of all, with the core running its jobs itself and through the
 *     platform's pool (dy_db_set_parallel, plat_pool_run: the machine's
 *     other cores), against two floors measured beside it: decrypting the
 *     same N x SIZE bytes with XChaCha20-Poly1305 alone, and decrypting N
 *     bodies of the size the journal really stores (SIZE padded to its
 *     bucket) with an associated data of the size a record's has (also on
 *     the pool, in batches of 64 as the core hands them over); and the
 *     list's own SQL alone (the core's statement of a list of all I see,
 *     every column of every row read as the core reads it, nothing
 *     decrypted): list of all less these is what the
 *     core adds (the entries, their checks and their memory); beside them
 *     the other ways: decryption of bodies padded by Padme instead of the
 *     bucket, and the list's SQL on copies of the table clustered on the
 *     list's order (WITHOUT ROWID; 4 and 16 KiB pages);
 *   - the old approach's SQL alone on the same file (no decryption, so a
 *     lower bound of what it cost): a prefix by GLOB, and a deep page by
 *     count + OFFSET;
 *   - add, each with its own commit (WAL, synchronous = FULL), against a
 *     plain SQLite insert of the same bytes with the same settings into a
 *     table of N rows (the floor).
 * Also key derivation (dy_unlock) once, and the peak resident memory.
 * Output: Markdown tables of medians with p95 (wall clock, the process's CPU
 * time -- every thread's -- and the calling thread's CPU time), and the
 * ratio of the largest size to the smallest.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "bench.h"
#include "dyad.h"
#include "pool.h"

#define NSIZES_MAX 4
#define PAGE 20
#define FILL_BATCH 1000
#define PASS "benchmark passphrase"
#define NAME "Bench"

enum op {
	OP_GET_ID,
	OP_GET_PREFIX,
	OP_PAGE_FIRST,
	OP_PAGE_DEEP,
	OP_ADD,
	OP_LIST_ALL,
	OP_LIST_ALL_POOL,
	REF_INSERT,
	REF_DECRYPT,
	REF_DECRYPT_STORED,
	REF_DECRYPT_POOL,
	REF_LIST_SQL,
	ALT_DECRYPT_PADME,
	ALT_LIST_SQL_CLUSTERED,
	ALT_LIST_SQL_CLUSTERED16,
	OLD_PREFIX,
	OLD_DEEP,
	OP__COUNT
};

static const char *const op_name[OP__COUNT] = {
	[OP_GET_ID] = "get by whole id",
	[OP_GET_PREFIX] = "get by 8-character prefix",
	[OP_PAGE_FIRST] = "first page of 20",
	[OP_PAGE_DEEP] = "page of 20, 90% deep, by cursor",
	[OP_ADD] = "add (own commit)",
	[OP_LIST_ALL] = "list of all",
	[OP_LIST_ALL_POOL] = "list of all, on the pool (dy_db_set_parallel)",
	[REF_INSERT] = "  floor: plain SQLite insert, own commit",
	[REF_DECRYPT] = "  floor: decryption alone of all",
	[REF_DECRYPT_STORED] = "  floor: decryption of all as stored (padded, with AD)",
	[REF_DECRYPT_POOL] = "  floor: the same decryption on the pool, batches of 64",
	[REF_LIST_SQL] = "  floor: the list's SQL alone, every column read",
	[ALT_DECRYPT_PADME] = "  other way: decryption of all as stored, padded by Padme",
	[ALT_LIST_SQL_CLUSTERED] = "  other way: the list's SQL on a table clustered on its order",
	[ALT_LIST_SQL_CLUSTERED16] = "  other way: the same, clustered, 16 KiB pages",
	[OLD_PREFIX] = "  old: prefix by GLOB, SQL alone",
	[OLD_DEEP] = "  old: 90% deep by count + OFFSET, SQL alone",
};

/* One size: its database, session, ids and samples. */
struct size_run {
	size_t n;
	char dir[512];
	struct dy_db *db;
	struct dy_session *s;
	char *ids;                       /* n ids, sorted, DY_ID_LEN + 1 bytes each */
	char deep[DY_CURSOR_MAX + 1];    /* the cursor of the page 90% deep */
	char space_id[DY_ID_LEN + 1];
	char person_id[DY_ID_LEN + 1];
	sqlite3 *raw;                    /* the same file, for the old SQL */
	sqlite3_stmt *old_find, *old_count, *old_list;
	sqlite3_stmt *list_sql;          /* the core's statement of a list of all */
	sqlite3 *alt[2];                 /* copies clustered on the list's order (4, 16 KiB pages) */
	sqlite3_stmt *alt_sql[2];        /* the same list on them */
	sqlite3 *ref;                    /* the reference store */
	sqlite3_stmt *ref_insert;
	uint8_t *ct;                     /* one sealed entry, for the decryption floor */
	uint8_t *stored;                 /* one body as long as those stored, sealed */
	size_t stored_len;
	uint8_t *padme;                  /* one body as long as Padme would store it, sealed */
	size_t padme_len;
	uint8_t ad[128];                 /* with the AD of a record of this journal */
	size_t ad_len;
	double *t[OP__COUNT];            /* wall-clock times, ms */
	double *c[OP__COUNT];            /* the process's CPU times, ms (every thread's) */
	double *tc[OP__COUNT];           /* the calling thread's CPU times, ms */
	size_t nt[OP__COUNT];
};

/* A timer: wall clock and this thread's CPU time. On a shared machine the
 * CPU time barely depends on the neighbours; the wall clock includes the
 * waits (for the disk, for a core). */
struct timer {
	double wall, cpu, tcpu;
};

/* the platform's pool as the front ends install it (dy_db_set_parallel) */
static const struct dy_parallel pool_hook = {.begin = plat_pool_begin, .wait = plat_pool_wait};

static int64_t fake_now;
static bool same_second;             /* -t: every entry of a fill in one second */
static bool keep_memory;             /* -k: the C library keeps what is freed */

static int64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return fake_now;
}

static double
now_ms(void)
{
	return bench_ms(CLOCK_MONOTONIC);
}

static void
timer_start(struct timer *tm)
{
	tm->cpu = bench_ms(CLOCK_PROCESS_CPUTIME_ID);
	tm->tcpu = bench_ms(CLOCK_THREAD_CPUTIME_ID);
	tm->wall = now_ms();
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Text of about size bytes that reads like an entry, different each time. */
static void
fill_text(char *buf, size_t size, size_t i)
{
	static const char words[] = "today I noticed how I felt when we talked about the weekend and "
	                            "I paused before answering which felt like a small step ";
	size_t o = (size_t)snprintf(buf, size, "Entry %zu. ", i);

	while (o + 1 < size) {
		buf[o] = words[(o + i) % (sizeof(words) - 1)];
		o++;
	}
	buf[size - 1] = '\0';
}

/* Keep the time since timer_start as a sample of op. */
static void
sample(struct size_run *r, enum op op, const struct timer *tm)
{
	double wall = now_ms(), cpu = bench_ms(CLOCK_PROCESS_CPUTIME_ID);

	r->t[op][r->nt[op]] = wall - tm->wall;
	r->c[op][r->nt[op]] = cpu - tm->cpu;
	r->tc[op][r->nt[op]] = bench_ms(CLOCK_THREAD_CPUTIME_ID) - tm->tcpu;
	r->nt[op]++;
}

/*
 * Make dir/dyad.db with one person and n entries of about size bytes, one a
 * minute, the newest an hour ago; 1,000 adds to a transaction. Leaves the
 * database open with the person's session in *db, *s, and the ids (sorted)
 * in *ids when ids is not NULL.
 */
static void
journal_make(const char *dir, size_t n, size_t size, struct dy_db **db, struct dy_session **s, char **ids)
{
	char path[600], rec[DY_RECOVERY_LEN + 1], id[DY_ID_LEN + 1];
	struct dy_error err = {0};
	int64_t base = (int64_t)time(NULL) - 3600 - (int64_t)n * 60;
	char *text = bench_calloc(1, size);
	char *all = ids ? bench_calloc(n, DY_ID_LEN + 1) : NULL;

	if (mkdir(dir, 0700) != 0)
		bench_die("cannot make the folder (it must not exist yet)", NULL);
	snprintf(path, sizeof(path), "%s/dyad.db", dir);
	if (dy_db_open(path, DY_OPEN_CREATE, db, &err) != 0)
		bench_die("open", &err);
	if (dy_space_create(*db, NULL, 0, NAME, strlen(NAME), PASS, strlen(PASS), rec, s, &err) != 0)
		bench_die("create", &err);
	dy_db_set_clock(*db, fake_clock, NULL);
	for (size_t i = 0; i < n; i++) {
		if (i % FILL_BATCH == 0 && dy_tx_begin(*db, &err) != 0)
			bench_die("begin", &err);
		fake_now = same_second ? base : base + (int64_t)i * 60;
		fill_text(text, size, i);
		if (dy_journal_add(*s, "", 0, text, strlen(text), i % 3 == 0, id, &err) != 0)
			bench_die("add", &err);
		if (all)
			memcpy(all + i * (DY_ID_LEN + 1), id, DY_ID_LEN + 1);
		if ((i % FILL_BATCH == FILL_BATCH - 1 || i == n - 1) && dy_tx_commit(*db, &err) != 0)
			bench_die("commit", &err);
	}
	dy_db_set_clock(*db, NULL, NULL);
	if (all) {
		qsort(all, n, DY_ID_LEN + 1, cmp_id);
		*ids = all;
	}
	free(text);
}

static void
raw_prepare(sqlite3 *h, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(h, sql, -1, st, NULL) != SQLITE_OK) {
		fprintf(stderr, "core_bench: %s: %s\n", sql, sqlite3_errmsg(h));
		exit(1);
	}
}

/* The old approach's statements (before keyset pages), on the same file,
 * read-only, with the same mmap setting as the core. */
static void
old_open(struct size_run *r)
{
	char path[600];
	sqlite3_stmt *st;

	snprintf(path, sizeof(path), "%s/dyad.db", r->dir);
	if (sqlite3_open_v2(path, &r->raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(r->raw, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL) != SQLITE_OK)
		bench_die("raw open", NULL);
	raw_prepare(r->raw, "SELECT (SELECT id FROM space), (SELECT id FROM person)", &st);
	if (sqlite3_step(st) != SQLITE_ROW)
		bench_die("raw ids", NULL);
	snprintf(r->space_id, sizeof(r->space_id), "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(r->person_id, sizeof(r->person_id), "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	raw_prepare(r->raw,
	            "SELECT r.id, r.owner_id, p.name, r.kind, r.parent_id, r.visibility,"
	            " r.reveal_at, r.version, r.created_at, r.updated_at, r.body"
	            " FROM record r JOIN person p ON p.id = r.owner_id"
	            " WHERE r.id GLOB ?1 || '*' AND r.kind = 'journal'"
	            " AND (r.owner_id = ?2 OR r.visibility = 1"
	            "      OR (r.visibility = 2 AND r.reveal_at <= ?3))"
	            " ORDER BY r.id LIMIT 2",
	            &r->old_find);
	raw_prepare(r->raw,
	            "SELECT count(*) FROM record WHERE space_id = ?1 AND kind = 'journal' AND ("
	            " (?3 = 0 AND (owner_id = ?4 OR visibility = 1"
	            "              OR (visibility = 2 AND reveal_at <= ?5)))"
	            " OR (?3 = 1 AND owner_id = ?4)"
	            " OR (?3 = 2 AND (visibility = 1 OR (visibility = 2 AND reveal_at <= ?5))))",
	            &r->old_count);
	raw_prepare(r->raw,
	            "SELECT r.id, r.owner_id, p.name, r.kind, r.parent_id, r.visibility,"
	            " r.reveal_at, r.version, r.created_at, r.updated_at, r.body"
	            " FROM record r JOIN person p ON p.id = r.owner_id"
	            " WHERE r.space_id = ?1 AND r.kind = 'journal' AND ("
	            " (?3 = 0 AND (r.owner_id = ?4 OR r.visibility = 1"
	            "              OR (r.visibility = 2 AND r.reveal_at <= ?5)))"
	            " OR (?3 = 1 AND r.owner_id = ?4)"
	            " OR (?3 = 2 AND (r.visibility = 1 OR (r.visibility = 2 AND r.reveal_at <= ?5))))"
	            " ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?6 OFFSET ?7",
	            &r->old_list);
	/* the core's list of all I see (store.c, S_RECORD_ALL_SEEN: REC_COLUMNS,
	 * SEES), bound as a list of all binds it */
	raw_prepare(r->raw,
	            "SELECT r.id, r.owner_id, r.kind, r.parent_id, r.visibility, r.reveal_at,"
	            " r.version, r.created_at, r.updated_at, r.body, r.rowid, r.epoch, r.form FROM record r"
	            " WHERE r.space_id = ?1 AND r.kind = ?5 AND r.created_at >= ?7"
	            " AND (r.owner_id = ?3 OR (r.visibility = 1 AND r.epoch = ?12))"
	            " ORDER BY r.created_at, r.rowid",
	            &r->list_sql);
	raw_prepare(r->raw, "SELECT length(body) FROM record LIMIT 1", &st);
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) <= 40)
		bench_die("raw body length", NULL);
	r->stored_len = (size_t)sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
}

/* The list's SQL alone: every row of a list of all I see, each column read
 * as the core's rec_read reads it (texts copied, the body's pointer and
 * length), nothing decrypted. */
static void
list_sql_on(struct size_run *r, sqlite3_stmt *st, enum op op)
{
	char id[4][DY_ID_LEN + 1];
	size_t rows = 0, sum = 0;
	struct timer tm;

	timer_start(&tm);
	sqlite3_bind_text(st, 1, r->space_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "journal", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, 0);
	sqlite3_bind_int64(st, 7, 0);
	sqlite3_bind_int64(st, 8, INT64_MAX);
	sqlite3_bind_int64(st, 9, INT64_MAX);
	sqlite3_bind_int64(st, 11, -1);
	sqlite3_bind_int64(st, 12, 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < 4; c++) {
			const char *t = (const char *)sqlite3_column_text(st, c);
			size_t len = t != NULL ? strnlen(t, DY_ID_LEN) : 0;

			/* as col_copy does (dy_strlcpy), without snprintf's cost */
			memcpy(id[c], t != NULL ? t : "", len);
			id[c][len] = '\0';
		}
		for (int c = 4; c < 13; c++)
			if (c != 9)
				sum += (size_t)sqlite3_column_int64(st, c);
		sum += (size_t)(uintptr_t)sqlite3_column_blob(st, 9) + (size_t)sqlite3_column_bytes(st, 9);
		rows++;
	}
	sqlite3_reset(st);
	sample(r, op, &tm);
	if (rows != r->n || sum == 0 || id[0][0] == '\0')
		bench_die("the list's SQL did not read every row", NULL);
}

static void
list_sql(struct size_run *r)
{
	list_sql_on(r, r->list_sql, REF_LIST_SQL);
	list_sql_on(r, r->alt_sql[0], ALT_LIST_SQL_CLUSTERED);
	list_sql_on(r, r->alt_sql[1], ALT_LIST_SQL_CLUSTERED16);
}

/*
 * Another way to store the same rows, for the list's SQL beside the core's:
 * a copy of the journal's records in DIR/nN/clusteredK.db, a table WITHOUT
 * ROWID whose key is the list's order (space, kind, created_at, then the
 * rowid as seq), so that a list of all is one range of the table instead of
 * a range of an index and a lookup of each row; page_size 4096 (dyad's) or
 * 16384. The same statement, with seq for the rowid.
 */
static void
alt_open(struct size_run *r, int which, int page_size)
{
	char path[600], sql[2048];

	snprintf(path, sizeof(path), "%s/clustered%d.db", r->dir, page_size / 1024);
	if (sqlite3_open_v2(path, &r->alt[which], SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK)
		bench_die("clustered open", NULL);
	snprintf(path, sizeof(path), "%s/dyad.db", r->dir);
	if (strchr(path, '\'') != NULL)
		bench_die("a folder whose name has a quote", NULL);
	snprintf(sql, sizeof(sql),
	         "PRAGMA page_size = %d; PRAGMA mmap_size = 268435456;"
	         " ATTACH '%s' AS d;"
	         " CREATE TABLE record (id TEXT NOT NULL, space_id TEXT NOT NULL, owner_id TEXT NOT NULL,"
	         "  kind TEXT NOT NULL, parent_id TEXT, visibility INTEGER NOT NULL, reveal_at INTEGER,"
	         "  version INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
	         "  body BLOB NOT NULL, epoch INTEGER NOT NULL, form INTEGER NOT NULL, seq INTEGER NOT NULL,"
	         "  PRIMARY KEY (space_id, kind, created_at, seq)) WITHOUT ROWID;"
	         " INSERT INTO record SELECT id, space_id, owner_id, kind, parent_id, visibility, reveal_at, version,"
	         "  created_at, updated_at, body, epoch, form, rowid FROM d.record WHERE kind = 'journal';"
	         " DETACH d;",
	         page_size, path);
	if (sqlite3_exec(r->alt[which], sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "core_bench: clustered copy: %s\n", sqlite3_errmsg(r->alt[which]));
		exit(1);
	}
	raw_prepare(r->alt[which],
	            "SELECT r.id, r.owner_id, r.kind, r.parent_id, r.visibility, r.reveal_at,"
	            " r.version, r.created_at, r.updated_at, r.body, r.seq, r.epoch, r.form FROM record r"
	            " WHERE r.space_id = ?1 AND r.kind = ?5 AND r.created_at >= ?7"
	            " AND (r.owner_id = ?3 OR (r.visibility = 1 AND r.epoch = ?12))"
	            " ORDER BY r.created_at, r.seq",
	            &r->alt_sql[which]);
}

/* Padme (Nikitin et al., PETS 2019): len rounded up to keep only the top
 * floor(log2(E)) + 1 bits of its exponent E's worth of bits. */
static size_t
padme(size_t len)
{
	size_t e = 0, s = 0, mask;

	while (((size_t)1 << (e + 1)) <= len)
		e++;
	while (((size_t)1 << (s + 1)) <= e)
		s++;
	s++;
	mask = ((size_t)1 << (e - s)) - 1;
	return (len + mask) & ~mask;
}

/* One old-style lookup by prefix: the rows, bodies read, not decrypted. */
static void
old_prefix(struct size_run *r, const char *prefix)
{
	size_t rows = 0;

	sqlite3_bind_text(r->old_find, 1, prefix, 8, SQLITE_STATIC);
	sqlite3_bind_text(r->old_find, 2, r->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->old_find, 3, (sqlite3_int64)time(NULL));
	while (sqlite3_step(r->old_find) == SQLITE_ROW) {
		(void)sqlite3_column_blob(r->old_find, 10);
		rows++;
	}
	sqlite3_reset(r->old_find);
	if (rows != 1)
		bench_die("old prefix lookup did not find one row", NULL);
}

/* One old-style deep page: the count the old list made, then OFFSET. */
static void
old_deep(struct size_run *r, size_t offset)
{
	size_t rows = 0;
	int64_t now = (int64_t)time(NULL);

	sqlite3_bind_text(r->old_count, 1, r->space_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(r->old_count, 3, 0);
	sqlite3_bind_text(r->old_count, 4, r->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->old_count, 5, now);
	if (sqlite3_step(r->old_count) != SQLITE_ROW)
		bench_die("old count", NULL);
	sqlite3_reset(r->old_count);
	sqlite3_bind_text(r->old_list, 1, r->space_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(r->old_list, 3, 0);
	sqlite3_bind_text(r->old_list, 4, r->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->old_list, 5, now);
	sqlite3_bind_int(r->old_list, 6, PAGE);
	sqlite3_bind_int64(r->old_list, 7, (sqlite3_int64)offset);
	while (sqlite3_step(r->old_list) == SQLITE_ROW) {
		(void)sqlite3_column_blob(r->old_list, 10);
		rows++;
	}
	sqlite3_reset(r->old_list);
	if (rows != PAGE)
		bench_die("old deep page is not a full page", NULL);
}

/* The reference store: the same pragmas, n rows of size bytes (one
 * transaction), then one insert per commit is timed. */
static void
ref_open(struct size_run *r, size_t size)
{
	char path[600], *text = bench_calloc(1, size);

	snprintf(path, sizeof(path), "%s/reference.db", r->dir);
	if (sqlite3_open(path, &r->ref) != SQLITE_OK ||
	    sqlite3_exec(r->ref, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                         "CREATE TABLE r (id TEXT PRIMARY KEY, created_at INTEGER, body BLOB);"
	                         "BEGIN",
	                 NULL, NULL, NULL) != SQLITE_OK)
		bench_die("reference database", NULL);
	raw_prepare(r->ref, "INSERT INTO r VALUES (?1, ?2, ?3)", &r->ref_insert);
	for (size_t i = 0; i < r->n; i++) {
		char rid[40];

		fill_text(text, size, i);
		snprintf(rid, sizeof(rid), "fill-%zu", i);
		sqlite3_bind_text(r->ref_insert, 1, rid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(r->ref_insert, 2, (sqlite3_int64)i);
		sqlite3_bind_blob(r->ref_insert, 3, text, (int)strlen(text), SQLITE_TRANSIENT);
		if (sqlite3_step(r->ref_insert) != SQLITE_DONE)
			bench_die("reference fill", NULL);
		sqlite3_reset(r->ref_insert);
	}
	if (sqlite3_exec(r->ref, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		bench_die("reference commit", NULL);
	free(text);
}

static const char *
random_id(const struct size_run *r, size_t *index)
{
	size_t i = (size_t)randombytes_uniform((uint32_t)r->n);

	if (index)
		*index = i;
	return r->ids + i * (DY_ID_LEN + 1);
}

/* A random id whose first 8 characters no other id shares (ids are sorted). */
static const char *
random_prefix(const struct size_run *r)
{
	for (;;) {
		size_t i;
		const char *id = random_id(r, &i);

		if ((i == 0 || strncmp(id, id - (DY_ID_LEN + 1), 8) != 0) &&
		    (i + 1 == r->n || strncmp(id, id + (DY_ID_LEN + 1), 8) != 0))
			return id;
	}
}

/* The four reads of one round, each timed once on size r. */
static void
round_reads(struct size_run *r)
{
	struct dy_error err = {0};
	struct dy_entry e;
	struct dy_entry_list l;
	const char *id;
	struct timer tm;

	id = random_id(r, NULL);
	timer_start(&tm);
	if (dy_journal_get(r->s, id, DY_ID_LEN, &e, &err) != 0)
		bench_die("get", &err);
	sample(r, OP_GET_ID, &tm);
	if (strcmp(e.id, id) != 0)
		bench_die("get returned another entry", NULL);
	dy_entry_release(&e);

	id = random_prefix(r);
	timer_start(&tm);
	if (dy_journal_get(r->s, id, 8, &e, &err) != 0)
		bench_die("get by prefix", &err);
	sample(r, OP_GET_PREFIX, &tm);
	if (strcmp(e.id, id) != 0)
		bench_die("get by prefix returned another entry", NULL);
	dy_entry_release(&e);

	timer_start(&tm);
	if (dy_journal_list(r->s, DY_FILTER_ALL, NULL, PAGE, &l, &err) != 0)
		bench_die("first page", &err);
	sample(r, OP_PAGE_FIRST, &tm);
	if (l.count != PAGE || l.next[0] == '\0')
		bench_die("first page is not a full page", NULL);
	dy_entry_list_release(&l);

	timer_start(&tm);
	if (dy_journal_list(r->s, DY_FILTER_ALL, r->deep, PAGE, &l, &err) != 0)
		bench_die("deep page", &err);
	sample(r, OP_PAGE_DEEP, &tm);
	if (l.count != PAGE || l.next[0] == '\0')
		bench_die("deep page is not a full page", NULL);
	dy_entry_list_release(&l);
}

/* Walk the pages from the first, untimed, to the cursor of the page 90%
 * deep: the page that starts after 90% of the entries. */
static void
find_deep(struct size_run *r)
{
	struct dy_error err = {0};
	struct dy_entry_list l;
	size_t pages = r->n * 9 / 10 / PAGE;

	r->deep[0] = '\0';
	for (size_t p = 0; p < pages; p++) {
		if (dy_journal_list(r->s, DY_FILTER_ALL, r->deep, PAGE, &l, &err) != 0)
			bench_die("walk", &err);
		if (l.count != PAGE || l.next[0] == '\0')
			bench_die("walk ended early", NULL);
		memcpy(r->deep, l.next, sizeof(r->deep));
		dy_entry_list_release(&l);
	}
}

static void
list_all(struct size_run *r, bool pool)
{
	struct dy_error err = {0};
	struct dy_entry_list l;
	struct timer tm;

	dy_db_set_parallel(r->db, pool ? &pool_hook : NULL);
	timer_start(&tm);
	if (dy_journal_list(r->s, DY_FILTER_ALL, NULL, 0, &l, &err) != 0)
		bench_die("list", &err);
	sample(r, pool ? OP_LIST_ALL_POOL : OP_LIST_ALL, &tm);
	dy_db_set_parallel(r->db, NULL);
	if (l.count != r->n)
		bench_die("list count", NULL);
	dy_entry_list_release(&l);
}

/* The floor of a list: n decryptions of size bytes, nothing else. */
static void
decrypt_all(struct size_run *r, size_t size, const uint8_t *key, uint8_t *pt)
{
	struct timer tm;

	timer_start(&tm);

	for (size_t i = 0; i < r->n; i++)
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, NULL, NULL, r->ct + 24, size - 1 + 16, NULL,
		                                               0, r->ct, key) != 0)
			bench_die("reference decrypt", NULL);
	sample(r, REF_DECRYPT, &tm);
}

/* The other floor: n decryptions of a body as long as those stored, with an
 * associated data as long as a record's (DY_AD_RECORD2: seven parts). */
static void
decrypt_stored(struct size_run *r, const uint8_t *key, uint8_t *pt)
{
	struct timer tm;

	timer_start(&tm);
	for (size_t i = 0; i < r->n; i++)
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, NULL, NULL, r->stored + 24, r->stored_len - 24, r->ad,
		                                               r->ad_len, r->stored, key) != 0)
			bench_die("reference decrypt (stored)", NULL);
	sample(r, REF_DECRYPT_STORED, &tm);
}

/* The same decryptions through the platform's pool (src/platform/pool.c),
 * as the core hands them over: batches of POOL_BATCH, each record its own
 * plaintext buffer. */
#define POOL_BATCH 64

struct pool_batch {
	const struct size_run *r;
	const uint8_t *key;
	uint8_t *pt;                     /* POOL_BATCH buffers of stride bytes */
	size_t stride;
	int failed;
};

static void
pool_decrypt_one(void *arg, size_t i)
{
	struct pool_batch *b = arg;
	const struct size_run *r = b->r;

	if (crypto_aead_xchacha20poly1305_ietf_decrypt(b->pt + i * b->stride, NULL, NULL, r->stored + 24,
	                                               r->stored_len - 24, r->ad, r->ad_len, r->stored, b->key) != 0)
		b->failed = 1;
}

static void
decrypt_pool(struct size_run *r, const uint8_t *key, uint8_t *pts)
{
	struct pool_batch b = {.r = r, .key = key, .pt = pts, .stride = r->stored_len};
	struct timer tm;

	timer_start(&tm);
	for (size_t i = 0; i < r->n; i += POOL_BATCH)
		plat_pool_run(NULL, r->n - i < POOL_BATCH ? r->n - i : POOL_BATCH, pool_decrypt_one, &b);
	sample(r, REF_DECRYPT_POOL, &tm);
	if (b.failed)
		bench_die("reference decrypt (pool)", NULL);
}

/* The same with a body as long as Padme would pad the payload to. */
static void
decrypt_padme(struct size_run *r, const uint8_t *key, uint8_t *pt)
{
	struct timer tm;

	timer_start(&tm);
	for (size_t i = 0; i < r->n; i++)
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, NULL, NULL, r->padme + 24, r->padme_len - 24, r->ad,
		                                               r->ad_len, r->padme, key) != 0)
			bench_die("reference decrypt (Padme)", NULL);
	sample(r, ALT_DECRYPT_PADME, &tm);
}

static void
add_one(struct size_run *r, char *text, size_t size, size_t i)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], rid[40];
	struct timer tm;

	fill_text(text, size, r->n + i);
	timer_start(&tm);
	if (dy_journal_add(r->s, "", 0, text, strlen(text), i % 3 == 0, id, &err) != 0)
		bench_die("add", &err);
	sample(r, OP_ADD, &tm);

	snprintf(rid, sizeof(rid), "ref-%zu", i);
	timer_start(&tm);
	sqlite3_bind_text(r->ref_insert, 1, rid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(r->ref_insert, 2, (sqlite3_int64)i);
	sqlite3_bind_blob(r->ref_insert, 3, text, (int)strlen(text), SQLITE_STATIC);
	if (sqlite3_step(r->ref_insert) != SQLITE_DONE)
		bench_die("reference insert", NULL);
	sqlite3_reset(r->ref_insert);
	sample(r, REF_INSERT, &tm);
}

static void
print_cell(double *v, size_t n)
{
	if (n == 0)
		printf(" – |");
	else if (bench_quantile(v, n, 0.5) >= 10)
		printf(" %.1f (p95 %.1f) |", bench_quantile(v, n, 0.5), bench_quantile(v, n, 0.95));
	else
		printf(" %.3f (p95 %.3f) |", bench_quantile(v, n, 0.5), bench_quantile(v, n, 0.95));
}

/* The samples of op: wall clock (which 0), the process's CPU time (1), the
 * calling thread's (2). */
static double *
series(struct size_run *r, int op, int which)
{
	return which == 0 ? r->t[op] : which == 1 ? r->c[op] : r->tc[op];
}

/* One Markdown table of the wall-clock (which 0) or CPU times (1: the
 * process's, 2: the calling thread's). */
static void
print_table(struct size_run *runs, size_t nruns, int which)
{
	struct size_run *lo = &runs[0], *hi = &runs[nruns - 1];

	printf("| %s |", which == 0 ? "wall clock, ms" : which == 1 ? "CPU time of the process, ms"
	                                                             : "CPU time of the calling thread, ms");
	for (size_t i = 0; i < nruns; i++)
		printf(" %zu entries |", runs[i].n);
	printf(" %zu / %zu |\n|---|", hi->n, lo->n);
	for (size_t i = 0; i <= nruns; i++)
		printf("---:|");
	printf("\n");
	for (int op = 0; op < OP__COUNT; op++) {
		printf("| %s |", op_name[op]);
		for (size_t i = 0; i < nruns; i++)
			print_cell(series(&runs[i], op, which), runs[i].nt[op]);
		if (lo->nt[op] > 0 && hi->nt[op] > 0) {
			double *h = series(hi, op, which), *l = series(lo, op, which);
			printf(" %.2fx |\n", bench_quantile(h, hi->nt[op], 0.5) / bench_quantile(l, lo->nt[op], 0.5));
		} else {
			printf(" – |\n");
		}
	}
}

static double
median_of(const struct size_run *r, int op, bool cpu)
{
	return bench_quantile(cpu ? r->c[op] : r->t[op], r->nt[op], 0.5);
}

/* Issue 6's targets for the core beside what this run measured, one line
 * each starting with "target" (bench/run.sh collects them): every
 * operation but list of all costs at the largest size at most 1.5 times
 * what it costs at the smallest (wall clock and CPU time), and a list of
 * all of 10,000 takes under 40 ms (wall clock), with the decryption floor
 * of the same run beside it. */
static void
print_targets(struct size_run *runs, size_t nruns)
{
	static const int ops[] = {OP_GET_ID, OP_GET_PREFIX, OP_PAGE_FIRST, OP_PAGE_DEEP, OP_ADD};
	struct size_run *lo = &runs[0], *hi = &runs[nruns - 1], *ten = NULL;

	printf("\n");
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		int op = ops[i];
		double w = median_of(hi, op, false) / median_of(lo, op, false);
		double c = median_of(hi, op, true) / median_of(lo, op, true);

		printf("target (core%s): %s at %zu entries / at %zu at most 1.5x: %.2fx wall clock, %.2fx CPU -> %s\n",
		       same_second ? ", all in one second" : "", op_name[op], hi->n, lo->n, w, c,
		       w <= 1.5 && c <= 1.5 ? "met" : "NOT met");
	}
	for (size_t i = 0; i < nruns; i++)
		if (runs[i].n == 10000)
			ten = &runs[i];
	if (ten == NULL) {
		printf("target (core): list of all 10,000 under 40 ms: not measured (no run of 10,000)\n");
		return;
	}
	printf("target (core%s): list of all 10,000 under 40 ms: %.1f ms wall clock (p95 %.1f), %.1f ms CPU; "
	       "decryption floor %.1f ms (as stored %.1f ms CPU), the list's SQL alone %.1f ms CPU -> %s\n",
	       same_second ? ", all in one second" : "", median_of(ten, OP_LIST_ALL, false),
	       bench_quantile(ten->t[OP_LIST_ALL], ten->nt[OP_LIST_ALL], 0.95), median_of(ten, OP_LIST_ALL, true),
	       median_of(ten, REF_DECRYPT, false), median_of(ten, REF_DECRYPT_STORED, true),
	       median_of(ten, REF_LIST_SQL, true), median_of(ten, OP_LIST_ALL, false) < 40 ? "met" : "NOT met");
	printf("target (core%s): list of all 10,000 under 40 ms, on the pool (%u threads): %.1f ms wall clock "
	       "(p95 %.1f), %.1f ms CPU of the process, %.1f ms CPU of the calling thread -> %s\n",
	       same_second ? ", all in one second" : "", plat_pool_threads(), median_of(ten, OP_LIST_ALL_POOL, false),
	       bench_quantile(ten->t[OP_LIST_ALL_POOL], ten->nt[OP_LIST_ALL_POOL], 0.95),
	       median_of(ten, OP_LIST_ALL_POOL, true),
	       bench_quantile(ten->tc[OP_LIST_ALL_POOL], ten->nt[OP_LIST_ALL_POOL], 0.5),
	       median_of(ten, OP_LIST_ALL_POOL, false) < 40 ? "met" : "NOT met");
	printf("floors (core%s): as stored %.1f + the list's SQL %.1f = %.1f ms CPU; the other ways: Padme "
	       "%.1f + clustered SQL %.1f (16 KiB pages %.1f) = %.1f ms CPU, before any work of dyad's own\n",
	       same_second ? ", all in one second" : "", median_of(ten, REF_DECRYPT_STORED, true),
	       median_of(ten, REF_LIST_SQL, true),
	       median_of(ten, REF_DECRYPT_STORED, true) + median_of(ten, REF_LIST_SQL, true),
	       median_of(ten, ALT_DECRYPT_PADME, true), median_of(ten, ALT_LIST_SQL_CLUSTERED, true),
	       median_of(ten, ALT_LIST_SQL_CLUSTERED16, true),
	       median_of(ten, ALT_DECRYPT_PADME, true) +
	           (median_of(ten, ALT_LIST_SQL_CLUSTERED, true) < median_of(ten, ALT_LIST_SQL_CLUSTERED16, true)
	                ? median_of(ten, ALT_LIST_SQL_CLUSTERED, true)
	                : median_of(ten, ALT_LIST_SQL_CLUSTERED16, true)));
}

static void
report(struct size_run *runs, size_t nruns, double *kdf, size_t nkdf, size_t size, size_t reps, size_t lreps)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	printf("entries of %zu bytes, a third shared, %s; median (p95) of %zu runs of each read and add, "
	       "%zu of list of all and of the decryption floor, %zu of the old SQL; "
	       "in rounds over all sizes%s\n\n",
	       size, same_second ? "all made in the same second" : "one a minute", reps, lreps, lreps * 3,
	       keep_memory ? "; freed memory kept by the C library (-k)" : "");
	print_table(runs, nruns, 0);
	printf("\n");
	print_table(runs, nruns, 1);
	printf("\n");
	print_table(runs, nruns, 2);
	printf("\nkey derivation (dy_unlock) median %.1f ms (min %.1f, max %.1f; %zu runs)\n",
	       bench_quantile(kdf, nkdf, 0.5), bench_quantile(kdf, nkdf, 0), bench_quantile(kdf, nkdf, 1), nkdf);
	printf("peak resident memory %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
	print_targets(runs, nruns);
}

static void
usage(void)
{
	fprintf(stderr, "usage: core_bench [-k] [-t] [-r REPS] [-s SIZE] DIR [N ...]\n"
	                "       core_bench -f [-t] [-s SIZE] DIR N\n");
	exit(2);
}

static size_t
num(const char *s, size_t min, size_t max)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (*s < '0' || *s > '9' || *end != '\0' || v < min || v > max)
		usage();
	return (size_t)v;
}

int
main(int argc, char **argv)
{
	static const size_t default_sizes[] = {1000, 10000, 100000};
	struct size_run runs[NSIZES_MAX];
	size_t nruns = 0, size = 1024, reps = 301, lreps, i, k;
	bool fill_only = false;
	struct dy_error err = {0};
	struct timer tm;
	double kdf[5], t;
	uint8_t key[32], *pt, *pts;
	char *text;
	int c;

	bench_name = "core_bench";
	while ((c = getopt(argc, argv, "fkr:s:t")) != -1) {
		switch (c) {
		case 'f': fill_only = true; break;
		case 'k': keep_memory = true; break;
		case 'r': reps = num(optarg, 5, 100000); break;
		case 's': size = num(optarg, 64, 1024 * 1024); break;
		case 't': same_second = true; break;
		default: usage();
		}
	}
	if (optind >= argc || argc - optind - 1 > NSIZES_MAX || (fill_only && argc - optind != 2))
		usage();
	if (keep_memory) {
#ifdef __GLIBC__
		/* freed memory stays with the process: no fresh pages for a list */
		if (mallopt(M_TRIM_THRESHOLD, 1 << 30) != 1 || mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1)
			bench_die("mallopt", NULL);
#else
		bench_die("-k needs the GNU C library's mallopt", NULL);
#endif
	}
	if (dy_init() != 0)
		bench_die("init", NULL);
	if (fill_only) {
		struct dy_db *db;
		struct dy_session *s;
		size_t n = num(argv[optind + 1], 1, 10000000);

		t = now_ms();
		journal_make(argv[optind], n, size, &db, &s, NULL);
		printf("made %s/dyad.db: %zu entries of %zu bytes in %.1f s\n", argv[optind], n, size,
		       (now_ms() - t) / 1e3);
		dy_session_free(s);
		dy_db_close(db);
		return 0;
	}

	memset(runs, 0, sizeof(runs));
	if (argc - optind == 1) {
		for (i = 0; i < sizeof(default_sizes) / sizeof(default_sizes[0]); i++)
			runs[nruns++].n = default_sizes[i];
	} else {
		for (i = (size_t)optind + 1; i < (size_t)argc; i++)
			runs[nruns++].n = num(argv[i], PAGE * 20, 10000000);
	}
	/* list of all: fewer repetitions, it takes long at the largest size */
	lreps = reps / 30 < 5 ? 5 : reps / 30;
	text = bench_calloc(1, size);
	pt = bench_calloc(1, 2 * size + 4096);  /* also the stored floor's padded bodies */
	pts = bench_calloc(POOL_BATCH, 2 * size + 4096 + 64);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	if (plat_pool_start(0) != 0)
		bench_die("cannot start the pool", NULL);

	if (mkdir(argv[optind], 0700) != 0 && errno != EEXIST)
		bench_die("cannot make the folder", NULL);
	for (i = 0; i < nruns; i++) {
		struct size_run *r = &runs[i];

		snprintf(r->dir, sizeof(r->dir), "%s/n%zu", argv[optind], r->n);
		t = now_ms();
		journal_make(r->dir, r->n, size, &r->db, &r->s, &r->ids);
		fprintf(stderr, "core_bench: %zu entries made in %.1f s (%d adds to a transaction)\n", r->n,
		        (now_ms() - t) / 1e3, FILL_BATCH);
		t = now_ms();
		find_deep(r);
		fprintf(stderr, "core_bench: cursor 90%% deep found in %.1f s\n", (now_ms() - t) / 1e3);
		old_open(r);
		ref_open(r, size);
		r->ct = bench_calloc(1, size + 40);
		randombytes_buf(r->ct, 24);
		fill_text(text, size, 0);
		crypto_aead_xchacha20poly1305_ietf_encrypt(r->ct + 24, NULL, (uint8_t *)text, size - 1, NULL, 0,
		                                           NULL, r->ct, key);
		/* a record's AD (crypto.c, DY_AD_RECORD2): id, owner, kind, no
		 * parent, version, visibility, partnership */
		r->ad_len = (size_t)snprintf((char *)r->ad, sizeof(r->ad), "dyad-rec-v2|%s|%s|journal||1|0|0",
		                             r->person_id, r->person_id);
		if (r->stored_len - 40 > 2 * size + 4096)
			bench_die("stored bodies longer than expected", NULL);
		r->stored = bench_calloc(1, r->stored_len);
		randombytes_buf(r->stored, 24);
		randombytes_buf(pt, r->stored_len - 40);
		crypto_aead_xchacha20poly1305_ietf_encrypt(r->stored + 24, NULL, pt, r->stored_len - 40, r->ad, r->ad_len,
		                                           NULL, r->stored, key);
		/* the payload: {"title":""}, a NUL, the text (size - 1 bytes);
		 * padded with at least one byte, as today */
		r->padme_len = padme(12 + 1 + (size - 1) + 1) + 40;
		if (r->padme_len > r->stored_len)
			bench_die("Padme longer than the bucket", NULL);
		r->padme = bench_calloc(1, r->padme_len);
		randombytes_buf(r->padme, 24);
		crypto_aead_xchacha20poly1305_ietf_encrypt(r->padme + 24, NULL, pt, r->padme_len - 40, r->ad, r->ad_len,
		                                           NULL, r->padme, key);
		t = now_ms();
		alt_open(r, 0, 4096);
		alt_open(r, 1, 16384);
		fprintf(stderr, "core_bench: clustered copies made in %.1f s\n", (now_ms() - t) / 1e3);
		for (k = 0; k < OP__COUNT; k++) {
			r->t[k] = bench_calloc(reps + lreps * 3, sizeof(double));
			r->c[k] = bench_calloc(reps + lreps * 3, sizeof(double));
			r->tc[k] = bench_calloc(reps + lreps * 3, sizeof(double));
		}
	}

	for (k = 0; k < 5; k++) {
		struct dy_session *s;

		t = now_ms();
		if (dy_unlock(runs[0].db, NAME, strlen(NAME), PASS, strlen(PASS), &s, &err) != 0)
			bench_die("unlock", &err);
		kdf[k] = now_ms() - t;
		dy_session_free(s);
	}

	/* reads: every round visits every size */
	for (i = 0; i < nruns; i++)
		round_reads(&runs[i]);  /* warm-up, not kept */
	for (i = 0; i < nruns; i++)
		memset(runs[i].nt, 0, sizeof(runs[i].nt));
	for (k = 0; k < reps; k++)
		for (i = 0; i < nruns; i++)
			round_reads(&runs[i]);
	for (k = 0; k < lreps; k++) {
		for (i = 0; i < nruns; i++) {
			list_all(&runs[i], false);
			list_all(&runs[i], true);
			decrypt_all(&runs[i], size, key, pt);
			decrypt_stored(&runs[i], key, pt);
			decrypt_pool(&runs[i], key, pts);
			decrypt_padme(&runs[i], key, pt);
			list_sql(&runs[i]);
		}
	}
	/* the old approach's SQL: a deep page by OFFSET, a prefix by GLOB */
	for (k = 0; k < lreps * 3; k++) {
		for (i = 0; i < nruns; i++) {
			const char *id = random_prefix(&runs[i]);

			timer_start(&tm);
			old_prefix(&runs[i], id);
			sample(&runs[i], OLD_PREFIX, &tm);
			timer_start(&tm);
			old_deep(&runs[i], runs[i].n * 9 / 10 / PAGE * PAGE);
			sample(&runs[i], OLD_DEEP, &tm);
		}
	}
	/* writes last: they change the journal */
	for (k = 0; k < reps; k++)
		for (i = 0; i < nruns; i++)
			add_one(&runs[i], text, size, k);

	report(runs, nruns, kdf, 5, size, reps, lreps);

	for (i = 0; i < nruns; i++) {
		struct size_run *r = &runs[i];

		sqlite3_finalize(r->old_find);
		sqlite3_finalize(r->old_count);
		sqlite3_finalize(r->old_list);
		sqlite3_finalize(r->list_sql);
		for (k = 0; k < 2; k++) {
			sqlite3_finalize(r->alt_sql[k]);
			sqlite3_close(r->alt[k]);
		}
		free(r->padme);
		sqlite3_close(r->raw);
		sqlite3_finalize(r->ref_insert);
		sqlite3_close(r->ref);
		dy_session_free(r->s);
		dy_db_close(r->db);
		free(r->ids);
		free(r->ct);
		free(r->stored);
		for (k = 0; k < OP__COUNT; k++) {
			free(r->t[k]);
			free(r->c[k]);
			free(r->tc[k]);
		}
	}
	plat_pool_stop();
	free(text);
	free(pt);
	free(pts);
	return 0;
}
