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

/* Format a message and write it to stderr cleaned (messages quote names,
 * ids and words people typed). */
static void
err_clean(const char *fmt, va_list ap)
{
	char msg[2048];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (n < 0)
		return;
	put_clean(stderr, msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1, true);
}

void
cli_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	err_clean(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	err_clean(fmt, ap);
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
 * The one rule for putting text that came from people (entries, titles,
 * names, labels, and messages quoting them) on a terminal. At s[0..n)
 * (n > 0) it finds one unit and says what to write for it:
 *  - C0 controls, DEL, the C1 controls U+0080..U+009F (which some
 *    terminals read as escape sequences), a malformed UTF-8 byte: '?';
 *  - the characters that reorder text (U+061C, U+200E/F, U+202A..U+202E,
 *    U+2066..U+2069): '?', so that nothing a person wrote can make what
 *    follows it on screen read differently;
 *  - a line break ('\n', U+2028, U+2029) and a tab: themselves ('\n' for
 *    the separators) when keep_lines, else a space; '\r': nothing;
 *  - anything else: itself.
 * Returns the unit's length (at least 1); *rep is CLEAN_COPY for "itself",
 * CLEAN_DROP for nothing, or the byte to write instead. The replacement is
 * never longer than the unit, so the cleaned text is never longer than
 * the text.
 */
#define CLEAN_COPY (-1)
#define CLEAN_DROP 0
static size_t
clean_step(const unsigned char *p, size_t n, bool keep_lines, int *rep)
{
	size_t k;

	*rep = CLEAN_COPY;
	if (p[0] == '\n' || p[0] == '\t') {
		*rep = keep_lines ? p[0] : ' ';
		return 1;
	}
	if (p[0] == '\r') {
		*rep = CLEAN_DROP;
		return 1;
	}
	if (p[0] < 0x80 && p[0] >= 0x20 && p[0] != 0x7f)
		return 1;
	k = dy_utf8_seq(p, n);
	if (k == 0 || (k == 1 && p[0] < 0x20) || p[0] == 0x7f) {
		*rep = '?';
		return 1;
	}
	if (k == 2 && p[0] == 0xC2 && p[1] <= 0x9F)
		*rep = '?';                     /* C1 */
	else if (k == 2 && p[0] == 0xD8 && p[1] == 0x9C)
		*rep = '?';                     /* U+061C */
	else if (k == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
		*rep = '?';                     /* U+200E/F, U+202A..U+202E */
	else if (k == 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		*rep = '?';                     /* U+2066..U+2069 */
	else if (k == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		*rep = keep_lines ? '\n' : ' '; /* U+2028, U+2029 */
	return k;
}

size_t
term_clean(const char *s, size_t n, bool keep_lines, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;

	while (i < n) {
		int rep;
		size_t k = clean_step(p + i, n - i, keep_lines, &rep);

		if (rep == CLEAN_COPY) {
			memcpy(out + o, s + i, k);
			o += k;
		} else if (rep != CLEAN_DROP) {
			out[o++] = (char)rep;
		}
		i += k;
	}
	out[o] = '\0';
	return o;
}

void
put_clean(FILE *f, const char *s, size_t n, bool keep_lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while (i < n) {
		int rep;
		size_t k = clean_step(p + i, n - i, keep_lines, &rep);

		if (rep == CLEAN_COPY) {
			i += k;
			continue;
		}
		fwrite(s + start, 1, i - start, f);
		if (rep != CLEAN_DROP)
			fputc(rep, f);
		i += k;
		start = i;
	}
	fwrite(s + start, 1, i - start, f);
}

/* Rotating buffers for shown(): eight names fit in one message. */
#define SHOWN_SLOTS 8
#define SHOWN_MAX (DY_NAME_INPUT_MAX + 1)

const char *
shown(const char *s)
{
	static char slots[SHOWN_SLOTS][SHOWN_MAX];
	static unsigned next;
	char *buf = slots[next++ % SHOWN_SLOTS];
	size_t n;

	if (s == NULL)
		return "";
	n = strnlen(s, SHOWN_MAX - 1);
	while (n > 0 && n < strlen(s) && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;                            /* cut at a character's start */
	term_clean(s, n, false, buf);
	return buf;
}

/* Copy the first line of p (up to cols characters, at a character boundary)
 * to buf, cleaned by clean_step; true when it was cut. */
static bool
first_line(const char *s, size_t n, size_t cols, char *buf, size_t bufn)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, chars = 0;
	bool cut = false;

	while (i < n && (p[i] == '\n' || p[i] == '\r' || p[i] == ' ' || p[i] == '\t'))
		i++;
	while (i < n && p[i] != '\n') {
		int rep;
		size_t k = clean_step(p + i, n - i, false, &rep);
		size_t len = rep == CLEAN_COPY ? k : rep == CLEAN_DROP ? 0 : 1;

		if (chars == cols || o + len >= bufn) {
			cut = true;
			goto out;
		}
		if (rep == CLEAN_COPY)
			memcpy(buf + o, s + i, k);
		else if (rep != CLEAN_DROP)
			buf[o] = (char)rep;
		o += len;
		i += k;
		if (len > 0)
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
