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
text_from_editor(const char *initial, size_t initial_len, struct dy_buf *out)
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
