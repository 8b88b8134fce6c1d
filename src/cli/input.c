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

#include "cli.h"
#include "messages.h"
#include "banned.h"

void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->over = false;
}

/* Make room for want more bytes (and a NUL), never past max + 1. */
static int
buf_grow(struct buf *b, size_t want)
{
	size_t need, cap;
	char *p;

	if (want > b->max - b->len)
		want = b->max - b->len;
	need = b->len + want + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap < 4096 ? 4096 : b->cap;
	while (cap < need)
		cap = cap > (b->max + 1) / 2 ? b->max + 1 : cap * 2;
	if (cap < need)
		cap = need;
	p = realloc(b->p, cap);
	if (p == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

/*
 * Read fd to its end into b, keeping at most b->max bytes: more sets
 * b->over and stops reading (an endless stream cannot fill memory).
 */
int
buf_read_fd(struct buf *b, int fd)
{
	for (;;) {
		ssize_t r;

		if (buf_grow(b, 65536) != 0) {
			errno = ENOMEM;
			return -1;
		}
		if (b->len == b->max) {
			char extra;

			do
				r = read(fd, &extra, 1);
			while (r < 0 && errno == EINTR);
			if (r < 0)
				return -1;
			b->over = r > 0;
			break;
		}
		r = read(fd, b->p + b->len, b->cap - 1 - b->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	b->p[b->len] = '\0';
	return 0;
}

/*
 * Well-formed UTF-8 as in RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */
bool
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;
		unsigned lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return false;
		if (n - i <= k)
			return false;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (size_t j = 2; j <= k; j++)
			if (p[i + j] < 0x80 || p[i + j] > 0xBF)
				return false;
		i += k + 1;
	}
	return true;
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
	if (!utf8_valid(p, n)) {
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
 * Run the editor command on path the way git does: through sh, so that
 * EDITOR="code --wait" works; the file name is passed as "$1", never
 * pasted into the command. We ignore ^C while it runs so that the editor
 * alone decides what it means.
 */
static int
run_editor(const char *editor, const char *path)
{
	struct sigaction ign, old_int, old_quit;
	char *cmd = NULL;
	size_t n = strlen(editor) + sizeof(" \"$1\"");
	int status = 0, rc = -1;
	pid_t pid;

	cmd = malloc(n);
	if (cmd == NULL)
		return -1;
	snprintf(cmd, n, "%s \"$1\"", editor);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			rc = 0;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			rc = -2;
	}
	sigaction(SIGINT, &old_int, NULL);
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
text_from_editor(const char *initial, size_t initial_len, struct buf *out)
{
	const char *editor = getenv("VISUAL");
	char dir[4096], path[4200];
	bool made = false;
	int fd = -1, rc = CLI_FAIL, r;

	if (editor == NULL || editor[0] == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || editor[0] == '\0')
		editor = "vi";
	r = snprintf(dir, sizeof(dir), "%s/dyad-XXXXXX", tmp_base());
	if (r < 0 || (size_t)r >= sizeof(dir) || mkdtemp(dir) == NULL) {
		cli_err(M_EDITOR_TMP, r < 0 || (size_t)r >= sizeof(dir) ? strerror(ENAMETOOLONG) : strerror(errno));
		return CLI_FAIL;
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
	r = run_editor(editor, path);
	if (r != 0) {
		if (r == -2)
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
	return rc;
}

int
text_get(const char *arg, const char *initial, size_t initial_len,
         struct buf *out, bool *from_editor)
{
	/* room for the text and a final newline or two that we strip */
	out->max = DY_TEXT_MAX + 2;
	*from_editor = false;
	if (arg != NULL) {
		size_t n = strlen(arg);

		if (n > DY_TEXT_MAX) {
			cli_err(M_TEXT_BIG, "text", "1 MiB", n);
			return CLI_FAIL;
		}
		out->p = malloc(n + 1);
		if (out->p == NULL) {
			cli_err(M_NOMEM);
			return CLI_FAIL;
		}
		memcpy(out->p, arg, n + 1);
		out->len = n;
		out->cap = n + 1;
	} else if (!isatty(STDIN_FILENO)) {
		if (buf_read_fd(out, STDIN_FILENO) != 0) {
			cli_err(M_TEXT_STDIN, strerror(errno));
			return CLI_FAIL;
		}
	} else {
		*from_editor = true;
		if (text_from_editor(initial, initial_len, out) != 0)
			return CLI_FAIL;
	}
	if (out->over) {
		cli_err(M_TEXT_BIG_STREAM, "text", "1 MiB");
		return CLI_FAIL;
	}
	strip_newlines(out);
	if (out->len == 0) {
		cli_err(M_TEXT_EMPTY);
		return CLI_FAIL;
	}
	return check_text(out->p, out->len, DY_TEXT_MAX, "text");
}
