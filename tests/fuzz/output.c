/*
 * output.c - the CLI's cleaning of text for a terminal (put_clean and
 * entry_summary, src/cli/output.c).
 *
 * Input: a flags byte (keep_lines; the summary's width), then the text.
 *
 * What must hold: put_clean writes no byte a terminal acts on (C0 controls
 * and DEL; newline and tab only when keeping lines; no C1 control
 * U+0080..U+009F, also none made of bytes that were apart in the text; no
 * character that reorders text, and line separators as line breaks), only
 * UTF-8, and leaves every other character as it was, in order; the
 * summary is terminated inside its buffer, writes nothing past it, holds no
 * control at all (not even one hidden behind a byte that starts no
 * character) and has no more characters than asked.
 */
#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"

static size_t control_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x20 || p[0] == 0x7f)
		return 1;
	if (p[0] == 0xC2 && n >= 2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	return 0;
}

/* The characters that reorder text (U+061C, U+200E/F, U+202A..U+202E,
 * U+2066..U+2069): put_clean shows each as '?' (part of #7). 0 when none
 * is at p, else its length. */
static size_t bidi_len(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xD8 && p[1] == 0x9C)
		return 2;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
		return 3;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return 3;
	return 0;
}

/* U+2028 and U+2029 (line and paragraph separators): a newline when
 * keeping lines, else a space. */
static bool separator_at(const unsigned char *p, size_t n)
{
	return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

static void check_clean(const uint8_t *in, size_t n, bool keep_lines)
{
	char *out = NULL;
	size_t out_len = 0, i = 0, o = 0;
	FILE *f = open_memstream(&out, &out_len);

	FUZZ_CHECK(f != NULL);
	put_clean(f, (const char *)in, n, keep_lines);
	FUZZ_CHECK(fclose(f) == 0);
	/* walk input and output together: whole characters are copied, each
	 * control or byte that starts no character becomes one harmless byte */
	while (i < n) {
		size_t k = control_len(in + i, n - i), len = 1, b = bidi_len(in + i, n - i);

		if (b != 0 || separator_at(in + i, n - i)) {
			FUZZ_CHECK(o < out_len && out[o] == (b != 0 ? '?' : keep_lines ? '\n' : ' '));
			i += b != 0 ? b : 3;
			o++;
			continue;
		}
		if (k == 0 && (in[i] < 0x80 || (len = dy_utf8_seq(in + i, n - i)) != 0)) {
			FUZZ_CHECK(o + len <= out_len && memcmp(out + o, in + i, len) == 0);
			i += len;
			o += len;
			continue;
		}
		if (k == 0) {
			FUZZ_CHECK(o < out_len && out[o] == '?');
			i++;
			o++;
			continue;
		}
		if (in[i] == '\r') {
			i++;
			continue;
		}
		FUZZ_CHECK(o < out_len);
		if (in[i] == '\n' || in[i] == '\t')
			FUZZ_CHECK(out[o] == (keep_lines ? (char)in[i] : ' '));
		else
			FUZZ_CHECK(out[o] == '?');
		i += k;
		o++;
	}
	FUZZ_CHECK(o == out_len);
	FUZZ_CHECK(out_len == 0 || dy_utf8_valid(out, out_len));
	for (i = 0; i < out_len; i++) {
		const unsigned char *p = (const unsigned char *)out + i;

		if (control_len(p, out_len - i) != 0)
			FUZZ_CHECK(keep_lines && (*p == '\n' || *p == '\t'));
	}
	free(out);
}

/* The number of characters in s: bytes that do not continue a UTF-8
 * sequence. */
static size_t chars_in(const char *s)
{
	size_t c = 0;

	for (; *s != '\0'; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c;
}

static void check_summary(const uint8_t *in, size_t n, size_t cols, size_t bufn, bool as_title)
{
	struct dy_entry e;
	char buf[300];
	size_t len, i;

	memset(&e, 0, sizeof(e));
	memset(buf, 'Z', sizeof(buf));
	if (as_title) {
		e.title = (char *)(uintptr_t)in;
		e.title_len = n;
		e.text = (char *)(uintptr_t)"text";
		e.text_len = 4;
	} else {
		e.text = (char *)(uintptr_t)in;
		e.text_len = n;
	}
	if (n == 0 && as_title)
		return;
	entry_summary(&e, cols, buf, bufn);
	if (bufn == 0)
		return;
	FUZZ_CHECK(memchr(buf, '\0', bufn) != NULL);
	len = strlen(buf);
	FUZZ_CHECK(len < bufn);
	/* nothing written past the buffer it was given */
	for (i = bufn; i < sizeof(buf); i++)
		FUZZ_CHECK(buf[i] == 'Z');
	for (i = 0; i < len; i++)
		FUZZ_CHECK(control_len((const unsigned char *)buf + i, len - i) == 0);
	if (bufn < 8)
		return;
	FUZZ_CHECK(chars_in(buf) <= cols);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cols, bufn;
	bool keep;

	if (size < 2)
		return 0;
	keep = (data[0] & 1) != 0;
	cols = 1 + (data[0] >> 1) % 100;
	bufn = data[1] % 3 == 0 ? 256 : (size_t)data[1] % 256;
	data += 2;
	size -= 2;
	check_clean(data, size, keep);
	check_summary(data, size, cols, bufn, (data - 2)[0] & 0x80);
	return 0;
}
