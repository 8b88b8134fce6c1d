/*
 * input.c - where entry text comes from (argument, standard input, editor)
 * and the checks it passes before the core sees it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "messages.h"
#include "platform.h"
#include "banned.h"

void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
}

int
buf_read_fd(struct dy_buf *b, int fd)
{
	char chunk[65536];
	size_t got = 0;
	int rc = 0;

	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			break;
		got = got > (size_t)r ? got : (size_t)r;
		if (dy_buf_add(b, chunk, (size_t)r) != 0) {
			if (b->err == DY_ENOMEM) {
				errno = ENOMEM;
				rc = -1;
			}
			break;
		}
	}
	/* what was read may be a secret (a recovery code) */
	if (got > 0)
		sodium_memzero(chunk, got);
	return rc;
}

static const char *
size_words(size_t max)
{
	if (max == DY_TEXT_MAX)
		return "1 MiB";
	if (max == DY_TITLE_MAX)
		return "500 bytes";
	return "the limit";
}

int
check_text(const char *p, size_t n, size_t max, const char *what)
{
	if (n > max) {
		cli_err(M_TEXT_BIG, what, size_words(max), n);
		return CLI_FAIL;
	}
	if (memchr(p, '\0', n) != NULL) {
		cli_err(M_TEXT_NUL, what);
		return CLI_FAIL;
	}
	if (!dy_utf8_valid(p, n)) {
		cli_err(M_TEXT_UTF8, what);
		return CLI_FAIL;
	}
	return 0;
}

static void
strip_newlines(struct buf *b)
{
	while (b->len > 0 && (b->p[b->len - 1] == '\n' || b->p[b->len - 1] == '\r'))
		b->len--;
	if (b->p != NULL)
		b->p[b->len] = '\0';
}

/* Remove a private temporary folder and whatever the editor left in it. */
static void
rm_private_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			unlinkat(dirfd(d), de->d_name, 0);
		}
		closedir(d);
	}
	if (rmdir(dir) != 0)
		cli_note("dyad: " M_EDITOR_LEFT "\n", dir);
}

/*
 * The editor's private folder must not outlive dyad: while it exists,
 * SIGHUP, SIGTERM and SIGINT only set ended_by (the handler does nothing
 * else, so nothing unsafe runs in it); the waits notice, the folder is
 * removed, and dyad then ends by the same signal (editor_end). A ^C typed
 * at the terminal reaches the editor too, which alone decides what it
 * means (vi uses it), so that one SIGINT is ignored: on Linux it is told
 * apart from kill(1)'s by its si_code; elsewhere every SIGINT is left to
 * the editor, and the folder goes when the editor ends, as always.
 */
static volatile sig_atomic_t ended_by;
static const int end_signals[] = {SIGHUP, SIGTERM, SIGINT};
#define END_SIGNALS (sizeof(end_signals) / sizeof(end_signals[0]))

static void
on_end_signal(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	if (sig == SIGINT) {
#ifdef SI_KERNEL
		if (info != NULL && info->si_code == SI_KERNEL)
			return;         /* typed at the terminal: the editor's */
#else
		(void)info;
		return;
#endif
	}
	ended_by = sig;
}

/* Catch the ending signals (no SA_RESTART: a wait returns EINTR), keeping
 * the earlier actions in old. */
static void
catch_end_signals(struct sigaction old[END_SIGNALS])
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_end_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	ended_by = 0;
	for (i = 0; i < END_SIGNALS; i++)
		sigaction(end_signals[i], &sa, &old[i]);
}

static void
restore_end_signals(const struct sigaction old[END_SIGNALS])
{
	size_t i;

	for (i = 0; i < END_SIGNALS; i++)
		sigaction(end_signals[i], &old[i], NULL);
}

/* After the folder is gone: end the way the signal would have ended us. */
static void
editor_end(int sig)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	fflush(stdout);
	raise(sig);
	_exit(128 + sig);
}

/*
 * Run the editor command on path the way git does: through sh, so that
 * EDITOR="code --wait" works; the file name is passed as "$1", never
 * pasted into the command. ^\ is ignored while it runs, and ^C as said
 * above. When an ending signal arrives the editor is sent SIGHUP (its
 * terminal session is over) and not waited for: -3.
 */
static int
run_editor(const char *editor, const char *path, const struct sigaction old_end[END_SIGNALS])
{
	struct sigaction ign, old_quit;
	char *cmd = NULL;
	size_t n = strlen(editor) + sizeof(" \"$1\""), i;
	int status = 0, rc = -1;
	pid_t pid;

	cmd = malloc(n);
	if (cmd == NULL)
		return -1;
	snprintf(cmd, n, "%s \"$1\"", editor);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < END_SIGNALS; i++)
			sigaction(end_signals[i], &old_end[i], NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		bool reaped = false;

		while (!(reaped = waitpid(pid, &status, 0) == pid)) {
			if (errno != EINTR || ended_by != 0)
				break;
		}
		if (ended_by != 0) {
			if (!reaped)    /* never a pid that may be someone else's by now */
				kill(pid, SIGHUP);
			rc = -3;
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			rc = 0;
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
			rc = -2;
		}
	}
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	return rc;
}

/* The folder for the editor's file: a per-user tmpfs when there is one. */
static const char *
tmp_base(void)
{
	const char *d = getenv("XDG_RUNTIME_DIR");

	if (d != NULL && d[0] == '/' && access(d, W_OK | X_OK) == 0)
		return d;
	d = getenv("TMPDIR");
	if (d != NULL && d[0] == '/' && access(d, W_OK | X_OK) == 0)
		return d;
	return "/tmp";
}

static int
text_from_editor(const char *initial, size_t initial_len, struct dy_buf *out)
{
	const char *editor = getenv("VISUAL");
	struct sigaction old_end[END_SIGNALS];
	char dir[4096], path[4200];
	bool made = false;
	int fd = -1, rc = CLI_FAIL, r;

	if (editor == NULL || editor[0] == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || editor[0] == '\0')
		editor = "vi";
	catch_end_signals(old_end);
	r = snprintf(dir, sizeof(dir), "%s/dyad-XXXXXX", tmp_base());
	if (r < 0 || (size_t)r >= sizeof(dir) || mkdtemp(dir) == NULL) {
		cli_err(M_EDITOR_TMP, r < 0 || (size_t)r >= sizeof(dir) ? strerror(ENAMETOOLONG) : strerror(errno));
		goto out;
	}
	made = true;
	snprintf(path, sizeof(path), "%s/entry.md", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		cli_err(M_EDITOR_TMP, strerror(errno));
		goto out;
	}
	for (size_t off = 0; initial != NULL && off < initial_len;) {
		ssize_t w = write(fd, initial + off, initial_len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			cli_err(M_EDITOR_TMP, strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	if (initial != NULL && initial_len > 0 && initial[initial_len - 1] != '\n' &&
	    write(fd, "\n", 1) != 1) {
		cli_err(M_EDITOR_TMP, strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	r = run_editor(editor, path, old_end);
	if (r != 0 || ended_by != 0) {
		if (r == -3 || ended_by != 0)
			;               /* ended by a signal: nothing to say */
		else if (r == -2)
			cli_err(M_EDITOR_RUN, editor, "command not found");
		else
			cli_err(M_EDITOR_FAIL, editor);
		goto out;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || buf_read_fd(out, fd) != 0) {
		cli_err(M_EDITOR_READ, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (made)
		rm_private_dir(dir);
	if (ended_by != 0)
		editor_end(ended_by);
	restore_end_signals(old_end);
	return rc;
}

void
arg_note_once(struct cli *c, bool other_way)
{
	char path[4200];
	int r;

	if (c->data_dir != NULL || cli_paths(c) == 0) {
		r = snprintf(path, sizeof(path), "%s/%s", c->data_dir, ARG_NOTE_FILE);
		if (r > 0 && (size_t)r < sizeof(path) && plat_file_create(path) == -EEXIST)
			return;
	}
	cli_note("%s", other_way ? M_ARG_NOTE : M_ARG_NOTE_ONLY);
}

int
text_get(const char *arg, const char *initial, size_t initial_len,
         struct buf *out, bool *from_editor)
{
	/* room for the text and a final newline or two that we strip */
	struct dy_buf b = DY_BUF_INIT(DY_TEXT_MAX + 2);
	struct buf text = {NULL, 0};
	int rc = CLI_FAIL;

	*from_editor = false;
	if (arg != NULL) {
		size_t n = strlen(arg);

		if (n > DY_TEXT_MAX) {
			cli_err(M_TEXT_BIG, "text", "1 MiB", n);
			goto out;
		}
		if (dy_buf_add(&b, arg, n) != 0) {
			cli_err(M_NOMEM);
			goto out;
		}
	} else if (!isatty(STDIN_FILENO)) {
		if (buf_read_fd(&b, STDIN_FILENO) != 0) {
			cli_err(M_TEXT_STDIN, strerror(errno));
			goto out;
		}
	} else {
		*from_editor = true;
		if (text_from_editor(initial, initial_len, &b) != 0)
			goto out;
	}
	if (b.err == DY_ETOOBIG) {
		cli_err(M_TEXT_BIG_STREAM, "text", "1 MiB");
		goto out;
	}
	if ((text.p = dy_buf_take(&b, &text.len)) == NULL) {
		cli_err(M_NOMEM);
		goto out;
	}
	strip_newlines(&text);
	if (text.len == 0) {
		cli_err(M_TEXT_EMPTY);
		goto out;
	}
	if ((rc = check_text(text.p, text.len, DY_TEXT_MAX, "text")) != 0)
		goto out;
	*out = text;
	text.p = NULL;
out:
	dy_buf_release(&b);
	buf_release(&text);
	return rc;
}
