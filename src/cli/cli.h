/*
 * cli.h - what the files of the dyad command share.
 *
 * main.c parses the global options and picks a command from its one table
 * of families; each family lives in its own file (account.c, journal.c,
 * serve.c), exports its table of commands (struct cli_family) and uses the
 * helpers declared here: option parsing (opts.c), opening and
 * unlocking the database (context.c), prompts (prompt.c), text input
 * (input.c) and output (output.c). Every user-facing string is in
 * messages.h.
 *
 * Exit status: 0 success, 1 failure, 2 usage. A command returns one of them.
 */
#ifndef DY_CLI_H
#define DY_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "dyad.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli;
typedef int (*cli_run_fn)(struct cli *c, int argc, char **argv);

/*
 * One command of a family. name is the word typed after the family's name
 * ("add" in `dyad journal add`), or the whole command in a family without a
 * name ("init"). While a command runs, c->cmd is a copy of its row whose
 * name is the command in full ("journal add"), for messages.
 */
struct cli_cmd {
	const char *name;
	cli_run_fn run;
	const char *summary;    /* one line for `dyad help` or `dyad FAMILY --help` */
	const char *help;       /* the full text for `dyad CMD --help` */
};

/*
 * A family of commands: the table one file exports, listed in the table of
 * families in main.c (which sets the order of `dyad help`). A family with a
 * name is one word of its own with subcommands (`dyad journal add`); one
 * without a name adds top-level commands (`dyad init`). Adding a family is a
 * new file exporting one of these and one row in main.c.
 */
struct cli_family {
	const char *name;               /* "journal"; NULL: top-level commands */
	const char *summary;            /* its line in `dyad help` (named only) */
	const char *help;               /* the head of `dyad FAMILY --help` (named only) */
	const struct cli_cmd *cmds;
	size_t ncmds;
};

/* A family's row from its name, summary, help and array of commands. */
#define CLI_FAMILY(name, summary, help, cmds) \
	{(name), (summary), (help), (cmds), sizeof(cmds) / sizeof((cmds)[0])}

/* The state of one run of the command. Global options fill the first group;
 * the context helpers fill the second. cli_release frees what it owns. */
struct cli {
	const char *data_opt;       /* --data, else DYAD_DATA; NULL: the default */
	const char *as;             /* --as, else DYAD_AS; NULL: not said */
	const char *pass_file;      /* --passphrase-file */
	bool json;                  /* --json */
	bool color;                 /* colours on standard output */
	bool color_err;             /* colours on standard error */
	const struct cli_cmd *cmd;  /* the command being run, named in full */
	int stop;                   /* exit status after cli_getopt said CLI_STOP */

	char *data_dir;             /* resolved data folder; owned */
	char *db_path;              /* <data_dir>/dyad.db; owned */
	struct dy_db *db;
	struct dy_session *s;
	struct dy_space_info space; /* filled by cli_unlock */
	char sys_zone[65];          /* the system's own zone's name, "" when it has none
	                               (cli_unlock, before the person's replaces it) */
	const struct dy_person_info *me;
	const struct dy_person_info *partner;   /* NULL while alone */
};

void cli_release(struct cli *c);

/* ------------------------------------------------------------ opts.c */

#define CLI_STOP (-2)   /* cli_getopt: stop and exit with c->stop */

/* Parse the options of c->cmd in argv (argv[0] is the command's name),
 * together with the global ones (--data, --as, --passphrase-file, --json,
 * --help), which it handles itself. opts ends with a zero row; its long-only
 * rows use values from 256 up. Returns the next option's value, -1 at the
 * end (operands then start at optind), or CLI_STOP after printing the help
 * (c->stop = 0) or a usage error (c->stop = 2). */
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *opts);

/* Print "dyad: <message>; see 'dyad CMD --help'" and return CLI_USAGE. */
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Take the operand at optind as a record's ID into *id: 0, or prints
 * "Missing ID." (none, or an empty one) and returns CLI_USAGE. */
int cli_take_id(struct cli *c, int argc, char **argv, const char **id);

/* Parse a whole decimal number in [min, max]; 0 or -1. */
int cli_parse_num(const char *s, long long min, long long max, long long *out);

/* --------------------------------------------------------- context.c */

/* Resolve the data folder and database path into c. 0, or prints and
 * returns CLI_FAIL. */
int cli_paths(struct cli *c);

/* Open the existing database in c->db. Prints and returns CLI_FAIL when
 * there is none, or it cannot be opened. */
int cli_open(struct cli *c);

/* What cli_make_data made, so that a failed first run removes just that. */
struct cli_made {
	bool dir;       /* the data folder itself */
	bool db;        /* the database file */
};

/* Make what a new database needs, through src/platform: the data folder
 * (with its missing parents, 0700) and an empty database file (0600) when
 * missing, for dy_db_open(DY_OPEN_CREATE) to fill. 0, or prints and returns
 * CLI_FAIL, having removed the data folder if it made it. */
int cli_make_data(struct cli *c, struct cli_made *made);

/* Close c->db and remove what made says cli_make_data made (the database
 * with its -wal, -shm and -journal files, then the folder if empty). */
void cli_unmake_data(struct cli *c, const struct cli_made *made);

/* Decide who runs the command (--as, the only member, or a prompt); writes
 * the name to name (DY_NAME_MAX + 1). Needs c->db. Returns 0, CLI_FAIL or
 * CLI_USAGE, having printed why. */
int cli_who(struct cli *c, char name[DY_NAME_MAX + 1]);

/* cli_open, cli_who, read the passphrase and unlock into c->s, with
 * c->space, c->me and c->partner filled. 0, CLI_FAIL or CLI_USAGE. */
int cli_unlock(struct cli *c);
/* Make the person's time zone setting (dy_zone_get) the process's, for
 * every local time shown or read; none chosen: the system's stays.
 * cli_unlock does it; 0 or an exit status. */
int cli_zone_apply(struct cli *c);

/* Print the core's error as the one error line; returns CLI_FAIL. */
int cli_core_fail(const struct dy_error *e);

/* ---------------------------------------------------------- prompt.c */

/* A passphrase in guarded memory from dy_secret_new; free with
 * secret_free. */
struct secret {
	char *p;        /* NUL-terminated */
	size_t len;
};
void secret_free(struct secret *s);

enum pass_kind {
	PASS_CURRENT,   /* --passphrase-file, DYAD_PASSPHRASE_FILE, DYAD_PASSPHRASE, prompt */
	PASS_NEW,       /* the same sources; a prompt asks twice */
	PASS_CHANGED,   /* --new-passphrase-file, DYAD_NEW_PASSPHRASE_FILE,
	                 * DYAD_NEW_PASSPHRASE, prompt twice */
};

/* Read a passphrase from the sources of kind; file is the option's value
 * (--passphrase-file or --new-passphrase-file), may be NULL. prompt is shown
 * on the terminal. A new passphrase is checked for length. 0, or prints and
 * returns CLI_FAIL. */
int passphrase_get(enum pass_kind kind, const char *file, const char *prompt,
                   struct secret *out);

/* Whether we can talk to a person: a controlling terminal can be opened. */
bool tty_available(void);

/* Ask on the terminal and read one line, echoed, into buf (n bytes, the
 * newline removed). 0, or -1 at end of input, error or when too long. */
int tty_ask(const char *prompt, char *buf, size_t n);

/* Ask a yes/no question on the terminal; true only for an answer starting
 * with y or Y. */
bool tty_confirm(const char *question);

/* ----------------------------------------------------------- input.c */

/* Text that was read in, taken from the core's capped buffer (struct
 * dy_buf): len bytes and a NUL after them, owned; buf_release frees it. */
struct buf {
	char *p;
	size_t len;
};
void buf_release(struct buf *b);

/* Check text that goes into an entry: UTF-8, no NUL, at most max bytes.
 * what names it in the message ("text", "title"). 0 or prints and returns
 * CLI_FAIL. */
int check_text(const char *p, size_t n, size_t max, const char *what);

/* Entry text: the argument when arg is not NULL, else standard input when it
 * is not a terminal, else the editor on a private temporary file holding
 * initial (may be NULL). Trailing newlines are removed and the result is
 * checked with check_text. *from_editor says where it came from. 0, or
 * prints and returns CLI_FAIL. */
int text_get(const char *arg, const char *initial, size_t initial_len,
             struct buf *out, bool *from_editor);

/* Say once per data folder that private text given as an argument (an
 * entry, a reaction, a note, what the coach reads) is visible to other
 * users (ps): the first time, a marker file ARG_NOTE_FILE is made there
 * (src/platform, 0600) and the note goes to stderr. When the marker cannot
 * be made (no data folder yet, for the coach), the note is said each time.
 * other_way: the command also reads the text from standard input or the
 * editor, and the note says so. Every command that takes such text calls
 * this when it took some from its arguments. */
#define ARG_NOTE_FILE ".argument-note-shown"
void arg_note_once(struct cli *c, bool other_way);

/* Read fd to its end into b. More than b's cap latches DY_ETOOBIG in
 * b->err and stops reading, so an endless stream cannot fill memory. 0, or
 * -1 with errno (ENOMEM when the buffer could not grow). */
int buf_read_fd(struct dy_buf *b, int fd);

/* ---------------------------------------------------------- output.c */

enum color { C_RESET, C_BOLD, C_DIM, C_RED, C_GREEN, C_PERSON0, C_PERSON1, C_SHARED };

/* The escape sequence of a colour on stdout, "" when colours are off. */
const char *col(const struct cli *c, enum color k);
/* A person's colour (0 or 1). */
const char *col_person(const struct cli *c, int person_color);

/* One error line on stderr: "dyad: <message>". */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note on stderr, without the prefix (hints, warnings). */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print a JSON value to stdout with a final newline and take the reference
 * (decref it). A NULL value means out of memory. 0 or CLI_FAIL. */
int json_out(json_t *v);
/* A JSON value with the time t as ISO 8601 in UTC; NULL on error. */
json_t *json_time(int64_t t);
/* An entry as JSON (NULL when out of memory). */
json_t *json_entry(const struct dy_entry *e);
/* A person as JSON. */
json_t *json_person(const struct dy_person_info *p);

/* Local time as "YYYY-MM-DD HH:MM" into buf. */
void fmt_local(int64_t t, char *buf, size_t n);

/* Text for a terminal (output.c, clean_step has the rule): controls, C1,
 * malformed UTF-8 and the characters that reorder text are shown as '?';
 * line breaks and tabs are kept when keep_lines, else become spaces.
 * term_clean writes the cleaned s[0..n) and a NUL to out (room for n + 1
 * bytes: it never grows) and returns its length; put_clean writes it to f. */
size_t term_clean(const char *s, size_t n, bool keep_lines, char *out);
void put_clean(FILE *f, const char *p, size_t n, bool keep_lines);

/* A name, label or other short text from people, cleaned for a terminal
 * (one line, at most DY_NAME_INPUT_MAX bytes) in one of eight rotating
 * buffers: valid until the eighth call after. "" for NULL. */
const char *shown(const char *s);

/* A one-line summary of an entry (its title, else its first line), at most
 * cols characters, cleaned of control characters, into buf (n bytes). */
void entry_summary(const struct dy_entry *e, size_t cols, char *buf, size_t n);

/* Flush stdout; a write error is reported. 0 or CLI_FAIL. */
int out_flush(void);

/* Draw text as a QR code (libqrencode) on stdout with Unicode half
 * blocks, two rows of modules per line, light modules as blocks (for a
 * terminal with a dark background, as qrencode -t UTF8 does), with a quiet
 * zone. 0, or CLI_FAIL when it cannot be made. */
int out_qr(const char *text);

/* ----------------------------------------------------------- timer.c */

/* Count down total seconds, a progress bar on a terminal, the bell every
 * bell seconds (0: none) and at the end. *done is the seconds counted.
 * 0 when it ran to the end, 1 when Ctrl-C stopped it. */
int cli_countdown(int64_t total, int64_t bell, int64_t *done);

/* Pace breaths slow breaths, in for in_secs and out for out_secs, as text.
 * Returns the breaths completed (fewer after Ctrl-C). */
int cli_breathe(int breaths, int in_secs, int out_secs);

/* A yes/no question: answered on standard input when it is not a terminal
 * (scripts), else on the terminal. */
bool cli_ask_yes(const char *question);

/* The local day (days.h) of instant t in the system's time zone (TZ): the
 * dy_local_day_fn of the CLI. */
int32_t cli_local_day(void *ctx, int64_t t);

/* "Monday" .. "Sunday" for weekday wd (0..6), "?" otherwise (settings.c). */
const char *cli_day_title(int wd);
/* "Thursday 2026-11-26": the first day of a pulse week, into out. */
void cli_week_words(const struct dy_pulse_week *w, char *out, size_t size);

/* "--at WHEN": "now", "2026-03-01" (noon), "2026-03-01 07:30[:00]" or with
 * a T, local time; a trailing Z means UTC. 0 or -1. */
int cli_parse_when(const char *s, int64_t now, int64_t *out);

/* ------------------------------------------------------------ commands */

/* The families, each defined at the end of its file. */
extern const struct cli_family cli_space_family;    /* account.c: init, invite, join */
extern const struct cli_family cli_journal_family;  /* journal.c: journal ... */
extern const struct cli_family cli_account_family;  /* account.c: whoami ... leave */
extern const struct cli_family cli_settings_family; /* settings.c: settings */
extern const struct cli_family cli_serve_family;    /* serve.c: serve */
extern const struct cli_family cli_coach_family;    /* coach.c: coach */
extern const struct cli_family cli_checkin_family;  /* checkin.c: checkin ... */
extern const struct cli_family cli_balance_family;  /* balance.c: pulse, balance */
extern const struct cli_family cli_practice_family; /* practice.c: practice ... */
extern const struct cli_family cli_react_family;    /* react.c: react ... */
extern const struct cli_family cli_pause_family;    /* react.c: pause */
extern const struct cli_family cli_assess_family;   /* assess.c: assess ... */
extern const struct cli_family cli_boundary_family; /* self.c: boundary ... */
extern const struct cli_family cli_question_family; /* question.c: question ... */
extern const struct cli_family cli_goal_family;     /* self.c: goal ... */
extern const struct cli_family cli_interest_family; /* self.c: interest ... */

/* The commands the family tables name (defined in the families' files). */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_invite(struct cli *c, int argc, char **argv);
int cmd_join(struct cli *c, int argc, char **argv);
int cmd_whoami(struct cli *c, int argc, char **argv);
int cmd_label(struct cli *c, int argc, char **argv);
int cmd_passphrase(struct cli *c, int argc, char **argv);
int cmd_recover(struct cli *c, int argc, char **argv);
int cmd_recovery_code(struct cli *c, int argc, char **argv);
int cmd_leave(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_journal_add(struct cli *c, int argc, char **argv);
int cmd_journal_list(struct cli *c, int argc, char **argv);
int cmd_journal_show(struct cli *c, int argc, char **argv);
int cmd_journal_search(struct cli *c, int argc, char **argv);  /* search.c */
int cmd_journal_edit(struct cli *c, int argc, char **argv);
int cmd_journal_rm(struct cli *c, int argc, char **argv);
int cmd_journal_share(struct cli *c, int argc, char **argv);
int cmd_journal_unshare(struct cli *c, int argc, char **argv);

/* reflect.c: the prompt of the day, the prompts, and an entry's extras. */
int cmd_journal_prompt(struct cli *c, int argc, char **argv);
int cmd_journal_prompts(struct cli *c, int argc, char **argv);
/* Option values of the extras (--prompt ID|today, --mood N, --feel WORD,
 * --tag TAG: the last two repeat), for commands that take them. */
enum { O_X_PROMPT = 0x300, O_X_MOOD, O_X_FEEL, O_X_TAG };
#define EXTRAS_OPTIONS \
	{"prompt", required_argument, NULL, O_X_PROMPT}, {"mood", required_argument, NULL, O_X_MOOD}, \
	{"feel", required_argument, NULL, O_X_FEEL}, {"tag", required_argument, NULL, O_X_TAG}
/* Take option o (one of O_X_*, else nothing) with its argument into the
 * object extras; a prompt id that does not exist and a mood out of range
 * are refused here, before the passphrase. 0, or prints and returns
 * CLI_FAIL or CLI_USAGE. */
int extras_opt(struct cli *c, int o, const char *arg, json_t *extras);
/* After unlocking: --prompt today becomes today's prompt's id. */
int extras_resolve(struct cli *c, json_t *extras);
/* The extras of an entry, a line each, for show. */
void extras_show(struct cli *c, const struct dy_entry *e);
int cmd_journal_respond(struct cli *c, int argc, char **argv);
/* journal list's filters: --tag TAG, --mood N, --from DATE, --to DATE
 * (YYYY-MM-DD in the local zone, both days included). */
enum { O_F_TAG = 0x320, O_F_MOOD, O_F_FROM, O_F_TO };
#define LIST_FILTER_OPTIONS \
	{"tag", required_argument, NULL, O_F_TAG}, {"mood", required_argument, NULL, O_F_MOOD}, \
	{"from", required_argument, NULL, O_F_FROM}, {"to", required_argument, NULL, O_F_TO}
/* Take option o (one of O_F_*, else nothing) into jq. 0, or prints and
 * returns CLI_USAGE. */
int list_filter_opt(struct cli *c, int o, const char *arg, struct dy_journal_query *jq);
/* The responses to a shared entry, as lines under it for show. 0, or
 * prints and returns CLI_FAIL. */
int responses_show(struct cli *c, const struct dy_entry *e);
/* The responses to entry e as the API gives them, {"items": [...],
 * "damaged": N}, for show --json, in a new *out the caller owns; a line on
 * stderr when some could not be read, as the text says. 0, or prints and
 * returns CLI_FAIL with *out NULL. */
int responses_json(struct cli *c, const struct dy_entry *e, json_t **out);
int cmd_serve(struct cli *c, int argc, char **argv);

/* The program's version (version.c, generated by Meson). */
extern const char dyad_version[];

/* ----------------------------------------------------------- items.c */

int cli_no_more(struct cli *c, int argc, char **argv);  /* 0, or a usage error for an extra operand */

/* The filter options --mine, --shared and --theirs, for a command's
 * struct option array (their values are CLI_O_*); at most one is taken. */
enum { CLI_O_MINE = 0x7f01, CLI_O_SHARED, CLI_O_THEIRS };
#define CLI_FILTER_OPTIONS                                  \
	{"mine", no_argument, NULL, CLI_O_MINE},            \
	{"shared", no_argument, NULL, CLI_O_SHARED},        \
	{"theirs", no_argument, NULL, CLI_O_THEIRS}
struct cli_filter {
	enum dy_filter filter;   /* DY_FILTER_ALL unless one was given */
	int chosen;              /* how many were given */
};
#define CLI_FILTER_INIT {DY_FILTER_ALL, 0}
/* When o is one of the filter options, take it into f and return true. */
bool cli_filter_opt(int o, struct cli_filter *f);
/* After the options: 0, or a usage error when more than one was given. */
int cli_filter_check(struct cli *c, const struct cli_filter *f);

/* A kind of record as the shared item commands show it. */
struct cli_kind {
	const struct dy_kind *kind;
	const char *not_found;   /* "No session %s.": an id missing or not mine to see */
	const char *empty;       /* what a list without records says */
	const char *edited;      /* "Changed session %s.\n" */
	void (*line)(struct cli *c, const struct dy_item *it);  /* a list's line */
};

/* "private", "shared" or "from Sam" for a record. */
void cli_item_mark(const struct dy_item *it, char *buf, size_t n);
/* A list as {"items": [dy_item_json...], "total": n, "damaged": n}; 0 or
 * CLI_FAIL. */
int cli_items_json(const struct dy_item_list *l);
/* Say on stderr how many records a list left out because they could not
 * be read (a damaged file), in the words of the pair messages.h gives for
 * what was listed: one, the line for a single record, or many, a format
 * of the line for n of them (with %zu); nothing for 0. */
void cli_say_damaged(size_t n, const char *one, const char *many);
/* `KIND list [--mine|--shared|--theirs]`: every record of the filter,
 * newest first, as JSON with --json, else k->line for each. */
int cli_items_list(struct cli *c, int argc, char **argv, const struct cli_kind *k);
/* Read the record id (a prefix the core resolves) of kind k into it; its
 * not_found words for an id that is missing or not mine to see. */
int cli_item_get(struct cli *c, const struct cli_kind *k, const char *id, struct dy_item *it);
/* A command of no options and one ID operand: unlock, read the record.
 * Nonzero means stop and return it: CLI_STOP after --help or a usage
 * error (main then exits with c->stop), else an exit status. */
int cli_item_command(struct cli *c, int argc, char **argv, const struct cli_kind *k, struct dy_item *it);
/* `KIND edit ID`: unlock, and change my record id of kind k: the members
 * of fields replace the stored ones (a JSON null removes one). The
 * partner's record is refused with the same words as a missing one. Prints
 * k->edited, or the record as JSON. */
int cli_item_edit(struct cli *c, const struct cli_kind *k, const char *id, const json_t *fields);
/* Write a chart to path ("-": standard output) with a final newline. 0,
 * or CLI_FAIL with the error said. */
int cli_write_svg(const char *path, const struct dy_buf *svg);

#endif
