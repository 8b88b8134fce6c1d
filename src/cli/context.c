/*
 * context.c - where the data is, who is running the command, and unlocking
 * them: the steps most commands take before doing their work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "messages.h"
#include "platform.h"
#include "pool.h"
#include "zone.h"
#include "banned.h"

/* Return a new string "a/b" (malloc), or NULL when out of memory. */
static char *
path_join(const char *a, const char *b)
{
	/* both are in memory already: the cap only keeps the sum in range */
	struct dy_buf p = DY_BUF_INIT(SIZE_MAX / 2);
	size_t la = strlen(a);

	while (la > 1 && a[la - 1] == '/')
		la--;
	dy_buf_add(&p, a, la);
	dy_buf_add(&p, "/", 1);
	dy_buf_addstr(&p, b);
	return dy_buf_take(&p, NULL);
}

/*
 * The data folder: --data, else DYAD_DATA (both already in c->data_opt),
 * else $XDG_DATA_HOME/dyad when XDG_DATA_HOME is absolute (the XDG base
 * directory rules ignore a relative one), else ~/.local/share/dyad.
 */
int
cli_paths(struct cli *c)
{
	const char *xdg, *home;

	if (c->db_path != NULL)
		return 0;
	if (c->data_opt != NULL && c->data_opt[0] != '\0') {
		c->data_dir = strdup(c->data_opt);
	} else if ((xdg = getenv("XDG_DATA_HOME")) != NULL && xdg[0] == '/') {
		c->data_dir = path_join(xdg, "dyad");
	} else if ((home = getenv("HOME")) != NULL && home[0] != '\0') {
		c->data_dir = path_join(home, ".local/share/dyad");
	} else {
		cli_err(M_NO_HOME);
		return CLI_FAIL;
	}
	if (c->data_dir == NULL || (c->db_path = path_join(c->data_dir, "dyad.db")) == NULL) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	return 0;
}

int
cli_core_fail(const struct dy_error *e)
{
	cli_err("%s", e->msg[0] != '\0' ? e->msg : dy_code_name(e->code));
	return CLI_FAIL;
}

/*
 * The host's side of opening: the core opens the file through SQLite, and
 * would tell only "no database" or "cannot open"; the folder that is a file,
 * the file that is a folder, and the unreadable folder are said here first.
 */
int
cli_open(struct cli *c)
{
	struct dy_error err = {0};
	enum plat_kind kind;
	int rc;

	if (c->db != NULL)
		return 0;
	if ((rc = cli_paths(c)) != 0)
		return rc;
	if ((rc = plat_path_kind(c->data_dir, &kind)) != 0) {
		cli_err(M_CANNOT_READ, c->data_dir, plat_strerror(rc));
		return CLI_FAIL;
	}
	if (kind == PLAT_NONE) {
		cli_err(M_NO_DATA, c->data_dir);
		return CLI_FAIL;
	}
	if (kind != PLAT_DIR) {
		cli_err(M_NOT_FOLDER, c->data_dir);
		return CLI_FAIL;
	}
	if ((rc = plat_path_kind(c->db_path, &kind)) != 0) {
		cli_err(M_CANNOT_READ, c->db_path, plat_strerror(rc));
		return CLI_FAIL;
	}
	if (kind != PLAT_FILE && kind != PLAT_NONE) {
		cli_err(M_NOT_FILE, c->db_path);
		return CLI_FAIL;
	}
	rc = dy_db_open(c->db_path, 0, &c->db, &err);
	if (rc == DY_ENOTFOUND) {
		cli_err(M_NO_DATA, c->data_dir);
		return CLI_FAIL;
	}
	if (rc != 0)
		return cli_core_fail(&err);
	/* lists and searches open records on the machine's other cores too
	 * (main stops the pool at exit); without the pool they run here */
	if (plat_pool_start(0) == 0)
		dy_db_set_parallel(c->db, &(const struct dy_parallel){.begin = plat_pool_begin, .wait = plat_pool_wait});
	return 0;
}

int
cli_make_data(struct cli *c, struct cli_made *made)
{
	enum plat_kind kind;
	int rc;

	made->dir = made->db = false;
	if ((rc = cli_paths(c)) != 0)
		return rc;
	rc = plat_dir_make(c->data_dir, &made->dir);
	if (rc == -ENOTDIR) {
		cli_err(M_NOT_FOLDER, c->data_dir);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_err(M_CANNOT_MAKE, c->data_dir, plat_strerror(rc));
		return CLI_FAIL;
	}
	rc = plat_file_create(c->db_path);
	if (rc == 0) {
		made->db = true;
		return 0;
	}
	if (rc == -EEXIST && plat_path_kind(c->db_path, &kind) == 0 && kind == PLAT_FILE)
		return 0;
	if (rc == -EEXIST)
		cli_err(M_NOT_FILE, c->db_path);
	else
		cli_err(M_CANNOT_CREATE, c->db_path, plat_strerror(rc));
	cli_unmake_data(c, made);
	return CLI_FAIL;
}

void
cli_unmake_data(struct cli *c, const struct cli_made *made)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char path[4200];

	dy_db_close(c->db);
	c->db = NULL;
	if (made->db) {
		for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
			if (snprintf(path, sizeof(path), "%s%s", c->db_path, suffix[i]) < (int)sizeof(path))
				(void)plat_file_remove(path);
		}
	}
	if (made->dir)
		(void)plat_dir_remove(c->data_dir);
}

/* Copy a person's name (at most DY_NAME_MAX bytes) into name. */
static void
name_copy(char name[DY_NAME_MAX + 1], const char *src)
{
	size_t n = strnlen(src, DY_NAME_MAX);

	memcpy(name, src, n);
	name[n] = '\0';
}

/* "Alex and Sam", or "Alex" */
static void
names_of(const struct dy_space_info *sp, char *buf, size_t n)
{
	if (sp->members >= 2)
		snprintf(buf, n, "%s and %s", shown(sp->people[0].name), shown(sp->people[1].name));
	else
		snprintf(buf, n, "%s", shown(sp->people[0].name));
}

int
cli_who(struct cli *c, char name[DY_NAME_MAX + 1])
{
	struct dy_space_info sp;
	struct dy_error err = {0};
	char names[2 * DY_NAME_MAX + 8];
	char answer[DY_NAME_MAX + 2];

	memset(&sp, 0, sizeof(sp));
	if (dy_space_people(c->db, &sp, &err) != 0)
		return cli_core_fail(&err);
	if (sp.members <= 0) {
		cli_err(M_NO_SPACE, c->data_dir);
		return CLI_FAIL;
	}
	names_of(&sp, names, sizeof(names));
	if (c->as != NULL) {
		for (int i = 0; i < sp.members && i < 2; i++) {
			if (dy_name_same(sp.people[i].name, strlen(sp.people[i].name), c->as, strlen(c->as))) {
				name_copy(name, sp.people[i].name);
				return 0;
			}
		}
		cli_err(M_WHO_UNKNOWN, c->as, names);
		return CLI_FAIL;
	}
	if (sp.members == 1) {
		name_copy(name, sp.people[0].name);
		return 0;
	}
	if (!tty_available()) {
		cli_err(M_WHO_TWO, sp.people[0].name, sp.people[1].name);
		return CLI_USAGE;
	}
	for (int tries = 0; tries < 3; tries++) {
		char prompt[2 * DY_NAME_MAX + 32];

		snprintf(prompt, sizeof(prompt), M_WHO_PROMPT, shown(sp.people[0].name), shown(sp.people[1].name));
		if (tty_ask(prompt, answer, sizeof(answer)) != 0)
			break;
		for (int i = 0; i < 2; i++) {
			if (dy_name_same(sp.people[i].name, strlen(sp.people[i].name), answer, strlen(answer))) {
				name_copy(name, sp.people[i].name);
				return 0;
			}
		}
	}
	cli_err(M_WHO_TWO, sp.people[0].name, sp.people[1].name);
	return CLI_USAGE;
}

int
cli_unlock(struct cli *c)
{
	struct dy_error err = {0};
	struct secret pass = {0};
	char name[DY_NAME_MAX + 1];
	char prompt[DY_NAME_MAX + 64];
	int rc;

	if (c->s != NULL)
		return 0;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if ((rc = cli_who(c, name)) != 0)
		return rc;
	snprintf(prompt, sizeof(prompt), M_PASS_PROMPT, shown(name));
	if ((rc = passphrase_get(PASS_CURRENT, c->pass_file, prompt, &pass)) != 0)
		return rc;
	rc = dy_unlock(c->db, name, strlen(name), pass.p, pass.len, &c->s, &err);
	secret_free(&pass);
	if (rc == DY_EAUTH) {
		cli_err(M_WRONG_PASS, name);
		return CLI_FAIL;
	}
	if (rc != 0)
		return cli_core_fail(&err);
	memset(&c->space, 0, sizeof(c->space));
	if (dy_whoami(c->s, &c->space, &err) != 0)
		return cli_core_fail(&err);
	for (int i = 0; i < c->space.members && i < 2; i++) {
		if (c->space.people[i].me)
			c->me = &c->space.people[i];
		else
			c->partner = &c->space.people[i];
	}
	if (c->me == NULL)      /* the core always marks me; be safe anyway */
		c->me = &c->space.people[0];
	return cli_zone_apply(c);
}

int
cli_zone_apply(struct cli *c)
{
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1];

	if (dy_zone_get(c->s, zone, &err) != 0)
		return cli_core_fail(&err);
	_Static_assert(sizeof(c->sys_zone) == ZONE_NAME_MAX + 1, "sys_zone holds a zone's name");
	if (!zone_system(c->sys_zone))
		c->sys_zone[0] = '\0';
	/* the person's own zone for every local time from here on; none
	 * chosen (or one this system does not know): the system's */
	if (zone[0] != '\0' && zone_valid(zone)) {
		if (setenv("TZ", zone, 1) != 0) {
			cli_err(M_NOMEM);
			return CLI_FAIL;
		}
		tzset();
	}
	return 0;
}

void
cli_release(struct cli *c)
{
	dy_session_free(c->s);
	c->s = NULL;
	dy_db_close(c->db);
	c->db = NULL;
	free(c->data_dir);
	c->data_dir = NULL;
	free(c->db_path);
	c->db_path = NULL;
}
