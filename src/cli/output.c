/*
 * output.c - what the dyad command prints: error lines, colours (only on a
 * terminal, never with NO_COLOR), JSON through jansson, times, and text
 * made safe for a terminal.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <qrencode.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

static const char *const colors[] = {
	[C_RESET] = "\033[0m",
	[C_BOLD] = "\033[1m",
	[C_DIM] = "\033[2m",
	[C_RED] = "\033[31m",
	[C_GREEN] = "\033[32m",
	[C_PERSON0] = "\033[34m",       /* the two partners' hues: blue ... */
	[C_PERSON1] = "\033[33m",       /* ... and amber */
	[C_SHARED] = "\033[35m",        /* what is shared carries both: violet */
};

const char *
col(const struct cli *c, enum color k)
{
	return c->color ? colors[k] : "";
}

const char *
col_person(const struct cli *c, int person_color)
{
	return col(c, person_color == 1 ? C_PERSON1 : C_PERSON0);
}

void
cli_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

int
out_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno;

		clearerr(stdout);
		if (e != EPIPE)
			fprintf(stderr, "dyad: cannot write the output: %s\n", strerror(e));
		return CLI_FAIL;
	}
	return 0;
}

int
json_out(json_t *v)
{
	int rc;

	if (v == NULL) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	rc = json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (rc != 0) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	fputc('\n', stdout);
	return out_flush();
}

json_t *
json_time(int64_t t)
{
	char buf[DY_TIME_ISO_LEN + 1];

	dy_time_iso(t, buf);
	return json_string(buf);
}

/* The core's one presentation of an entry, as the API and export give it. */
json_t *
json_entry(const struct dy_entry *e)
{
	return dy_entry_json(e);
}

json_t *
json_person(const struct dy_person_info *p)
{
	return dy_person_json(p);
}

void
fmt_local(int64_t t, char *buf, size_t n)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, n, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, n, "?");
}

/*
 * The bytes a terminal would act on: C0 controls and DEL, and the C1
 * controls U+0080..U+009F (UTF-8 C2 80..C2 9F), which some terminals read
 * as escape sequences. Returns how many bytes at p form one such control
 * (0 when none).
 */
static size_t
control_at(const unsigned char *p, size_t n)
{
	if (p[0] < 0x20 || p[0] == 0x7f)
		return 1;
	if (p[0] == 0xC2 && n >= 2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	return 0;
}

void
put_clean(FILE *f, const char *s, size_t n, bool keep_lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while (i < n) {
		size_t k = control_at(p + i, n - i), len = 1;

		/* whole characters go out as they are; a byte that starts none
		 * is shown as '?' too: passed on, it could join what follows a
		 * dropped '\r' into a control (C2, '\r', 9B once made CSI) */
		if (k == 0 && (p[i] < 0x80 || (len = dy_utf8_seq(p + i, n - i)) != 0)) {
			i += len;
			continue;
		}
		fwrite(s + start, 1, i - start, f);
		if (k == 0)
			fputc('?', f);
		else if (p[i] == '\n' || p[i] == '\t')
			fputc(keep_lines ? p[i] : ' ', f);
		else if (p[i] != '\r')
			fputc('?', f);
		i += k != 0 ? k : 1;
		start = i;
	}
	fwrite(s + start, 1, i - start, f);
}

/* Copy the first line of p (up to cols characters, at a character boundary)
 * to buf, controls replaced; true when it was cut. */
static bool
first_line(const char *s, size_t n, size_t cols, char *buf, size_t bufn)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, chars = 0;
	bool cut = false;

	while (i < n && (p[i] == '\n' || p[i] == '\r' || p[i] == ' ' || p[i] == '\t'))
		i++;
	while (i < n && p[i] != '\n') {
		size_t k = control_at(p + i, n - i), len = 1;

		if (chars == cols) {
			cut = true;
			goto out;
		}
		if (k != 0) {
			if (o + 1 >= bufn) {
				cut = true;
				goto out;
			}
			buf[o++] = p[i] == '\t' ? ' ' : '?';
			i += k;
			chars++;
			continue;
		}
		/* a whole character, or '?' for a byte that starts none: a lead
		 * byte once took the C1 control after it along, unseen */
		if (p[i] >= 0x80 && (len = dy_utf8_seq(p + i, n - i)) == 0) {
			if (o + 1 >= bufn) {
				cut = true;
				goto out;
			}
			buf[o++] = '?';
			i++;
			chars++;
			continue;
		}
		if (o + len >= bufn) {
			cut = true;
			goto out;
		}
		memcpy(buf + o, s + i, len);
		o += len;
		i += len;
		chars++;
	}
	while (i < n && (p[i] == '\n' || p[i] == '\r' || p[i] == ' '))
		i++;
	cut = i < n;
out:
	/* terminated on every way out: a line cut short after control
	 * characters once left the bytes of an earlier line behind */
	buf[o] = '\0';
	return cut;
}

void
entry_summary(const struct dy_entry *e, size_t cols, char *buf, size_t n)
{
	const char *src = e->title_len > 0 ? e->title : e->text;
	size_t len = e->title_len > 0 ? e->title_len : e->text_len;
	bool cut;

	if (n < 8) {
		if (n > 0)
			buf[0] = '\0';
		return;
	}
	buf[0] = '\0';
	if (src == NULL)
		return;
	cut = first_line(src, len, cols - 1, buf, n - 4);
	if (cut) {
		size_t o = strlen(buf);

		memcpy(buf + o, "\xe2\x80\xa6", 4);     /* an ellipsis and the NUL */
	}
}

#define QR_QUIET 2

int
out_qr(const char *text)
{
	static const char *const cell[4] = {
		/* [top light | bottom light << 1] */
		" ", "\xe2\x96\x80", "\xe2\x96\x84", "\xe2\x96\x88", /* ' ', ▀, ▄, █ */
	};
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int w, x, y;

	if (q == NULL) {
		cli_err(M_QR_FAIL);
		return CLI_FAIL;
	}
	w = q->width;
	for (y = -QR_QUIET; y < w + QR_QUIET; y += 2) {
		fputs("    ", stdout);
		for (x = -QR_QUIET; x < w + QR_QUIET; x++) {
			int top = 1, bottom = 1;

			if (x >= 0 && x < w && y >= 0 && y < w)
				top = !(q->data[y * w + x] & 1);
			if (x >= 0 && x < w && y + 1 >= 0 && y + 1 < w)
				bottom = !(q->data[(y + 1) * w + x] & 1);
			fputs(cell[top | bottom << 1], stdout);
		}
		fputc('\n', stdout);
	}
	fputc('\n', stdout);
	QRcode_free(q);
	return 0;
}
