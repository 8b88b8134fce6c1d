/*
 * prompt.c - talking to the person at the terminal, and passphrases.
 *
 * Prompts go to /dev/tty, not to standard input and output, so that
 * `echo text | dyad journal add` still asks for the passphrase and
 * `dyad export > file` does not write the prompt into the file. A
 * passphrase is read with echo off, byte by byte straight into memory from
 * dy_secret_new; a signal during the prompt restores the terminal first.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

#define PASS_BUF (DY_PASSPHRASE_MAX + 3)     /* room to tell "too long" */

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))

void
secret_free(struct secret *s)
{
	if (s->p != NULL)
		dy_secret_free(s->p);
	s->p = NULL;
	s->len = 0;
}

static int
secret_alloc(struct secret *s)
{
	s->p = dy_secret_new(PASS_BUF);
	s->len = 0;
	if (s->p == NULL) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	memset(s->p, 0, PASS_BUF);
	return 0;
}

bool
tty_available(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void
write_all(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/*
 * Read one line from the terminal into buf (n bytes), echo off when
 * secret. Returns the length, -1 on error or end of input before a newline
 * (errno set; 0 for end of input), or -2 when the line was longer than
 * n - 1 bytes (the rest is read and dropped). A signal restores the
 * terminal and is then delivered as if we had not caught it.
 */
static long
tty_line(const char *prompt, char *buf, size_t n, bool secret)
{
	struct sigaction sa, old[N_CAUGHT];
	struct termios t0, t1;
	bool restore = false, too_long = false;
	size_t len = 0;
	long ret = -1;
	int fd, saved_errno = 0;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;     /* no SA_RESTART: read returns EINTR */
	sigemptyset(&sa.sa_mask);
	got_signal = 0;
	for (size_t i = 0; i < N_CAUGHT; i++)
		sigaction(caught[i], &sa, &old[i]);

	if (secret && tcgetattr(fd, &t0) == 0) {
		t1 = t0;
		t1.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
		t1.c_lflag |= ECHONL;
		if (tcsetattr(fd, TCSAFLUSH, &t1) == 0)
			restore = true;
	}
	write_all(fd, prompt);
	for (;;) {
		char ch;
		ssize_t r = read(fd, &ch, 1);

		if (r < 0 && errno == EINTR && got_signal == 0)
			continue;
		if (r <= 0) {
			saved_errno = r == 0 ? 0 : errno;
			if (r == 0 && restore)
				write_all(fd, "\n");
			goto out;
		}
		if (ch == '\n')
			break;
		if (len + 1 < n)
			buf[len++] = ch;
		else
			too_long = true;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	ret = too_long ? -2 : (long)len;
out:
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &t0);
	close(fd);
	for (size_t i = 0; i < N_CAUGHT; i++)
		sigaction(caught[i], &old[i], NULL);
	if (got_signal != 0) {
		if (secret)
			memset(buf, 0, n);
		raise(got_signal);      /* the old disposition now, e.g. die on ^C */
		got_signal = 0;
	}
	if (ret == -1)
		errno = saved_errno;
	return ret;
}

int
tty_ask(const char *prompt, char *buf, size_t n)
{
	return tty_line(prompt, buf, n, false) >= 0 ? 0 : -1;
}

bool
tty_confirm(const char *question)
{
	char answer[16];

	if (tty_line(question, answer, sizeof(answer), false) < 0)
		return false;
	return answer[0] == 'y' || answer[0] == 'Y';
}

/*
 * Read a passphrase file into s: the whole file, less one trailing newline
 * ("\n" or "\r\n"), as restic does.
 */
static int
pass_from_file(const char *path, struct secret *s)
{
	size_t len = 0;
	int fd, rc = CLI_FAIL;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cli_err(M_PASS_FILE, path, strerror(errno));
		return CLI_FAIL;
	}
	for (;;) {
		ssize_t r = read(fd, s->p + len, PASS_BUF - 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cli_err(M_PASS_FILE, path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len >= PASS_BUF - 1)
			break;
	}
	if (len > 0 && s->p[len - 1] == '\n') {
		len--;
		if (len > 0 && s->p[len - 1] == '\r')
			len--;
	}
	if (len == 0) {
		cli_err(M_PASS_FILE_EMPTY, path);
		goto out;
	}
	s->p[len] = '\0';
	s->len = len;
	rc = 0;
out:
	close(fd);
	return rc;
}

/* Check a passphrase's length and encoding (and, when new, its minimum
 * length). 0, or prints and returns CLI_FAIL. */
static int
pass_check(const struct secret *s, bool is_new)
{
	if (s->len == 0) {
		cli_err(M_PASS_EMPTY);
		return CLI_FAIL;
	}
	if (s->len > DY_PASSPHRASE_MAX || memchr(s->p, '\0', s->len) != NULL) {
		cli_err(M_PASS_LONG, DY_PASSPHRASE_MAX);
		return CLI_FAIL;
	}
	if (!dy_utf8_valid(s->p, s->len)) {
		cli_err(M_PASS_UTF8);
		return CLI_FAIL;
	}
	if (is_new && s->len < DY_PASSPHRASE_MIN) {
		cli_err(M_PASS_SHORT, DY_PASSPHRASE_MIN);
		return CLI_FAIL;
	}
	return 0;
}

/* Ask on the terminal; for a new passphrase, twice, up to three rounds. */
static int
pass_from_tty(const char *prompt, bool is_new, struct secret *s)
{
	struct secret again = {0};
	int rc = CLI_FAIL;
	long n;

	if (!is_new) {
		n = tty_line(prompt, s->p, PASS_BUF, true);
		if (n == -2 || n > DY_PASSPHRASE_MAX) {
			cli_err(M_PASS_LONG, DY_PASSPHRASE_MAX);
			return CLI_FAIL;
		}
		if (n < 0) {
			if (errno != 0)
				cli_err(M_PASS_TTY, strerror(errno));
			else
				cli_err(M_PASS_EMPTY);
			return CLI_FAIL;
		}
		s->len = (size_t)n;
		return pass_check(s, false);
	}
	if (secret_alloc(&again) != 0)
		return CLI_FAIL;
	for (int round = 0; round < 3; round++) {
		char msg[128];

		n = tty_line(prompt, s->p, PASS_BUF, true);
		if (n == -2 || n > DY_PASSPHRASE_MAX) {
			cli_err(M_PASS_LONG, DY_PASSPHRASE_MAX);
			goto out;
		}
		if (n <= 0) {
			cli_err(M_PASS_EMPTY);
			goto out;
		}
		s->len = (size_t)n;
		if (s->len < DY_PASSPHRASE_MIN) {
			snprintf(msg, sizeof(msg), M_PASS_SHORT_TRY "\n", DY_PASSPHRASE_MIN);
			cli_note("%s", msg);
			continue;
		}
		n = tty_line(M_PASS_AGAIN, again.p, PASS_BUF, true);
		if (n < 0) {
			cli_err(M_PASS_EMPTY);
			goto out;
		}
		again.len = (size_t)n;
		if (again.len == s->len && memcmp(again.p, s->p, s->len) == 0) {
			rc = pass_check(s, true);
			goto out;
		}
		cli_note("%s\n", M_PASS_DIFFER);
	}
	if (s->len < DY_PASSPHRASE_MIN)
		cli_err(M_PASS_SHORT, DY_PASSPHRASE_MIN);
	else
		cli_err(M_PASS_DIFFER_FINAL);
out:
	secret_free(&again);
	return rc;
}

int
passphrase_get(enum pass_kind kind, const char *file, const char *prompt, struct secret *out)
{
	struct secret s = {0};
	const char *env_file, *env_pass;
	bool is_new = kind != PASS_CURRENT;
	int rc;

	if (kind == PASS_CHANGED) {
		env_file = getenv("DYAD_NEW_PASSPHRASE_FILE");
		env_pass = getenv("DYAD_NEW_PASSPHRASE");
	} else {
		env_file = getenv("DYAD_PASSPHRASE_FILE");
		env_pass = getenv("DYAD_PASSPHRASE");
	}
	if (file == NULL && env_file != NULL && env_file[0] != '\0')
		file = env_file;
	if ((rc = secret_alloc(&s)) != 0)
		return rc;
	if (file != NULL) {
		if ((rc = pass_from_file(file, &s)) == 0)
			rc = pass_check(&s, is_new);
	} else if (env_pass != NULL && env_pass[0] != '\0') {
		size_t n = strlen(env_pass);

		if (n > DY_PASSPHRASE_MAX) {
			cli_err(M_PASS_LONG, DY_PASSPHRASE_MAX);
			rc = CLI_FAIL;
		} else {
			memcpy(s.p, env_pass, n);
			s.p[n] = '\0';
			s.len = n;
			rc = pass_check(&s, is_new);
		}
	} else if (tty_available()) {
		rc = pass_from_tty(prompt, is_new, &s);
	} else {
		cli_err(kind == PASS_CHANGED ? M_PASS_NONE_NEW : M_PASS_NONE);
		rc = CLI_FAIL;
	}
	if (rc != 0) {
		secret_free(&s);
		return rc;
	}
	*out = s;
	return 0;
}
