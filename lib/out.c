/* out.c - the buffered writer every tool prints through.  Write errors are
 * failures (one message, HF_STATE); a reader that went away (EPIPE) ends
 * the program quietly with status 0, as `| head` expects. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hf.h"

#define OUT_CAP (64u * 1024)

void
out_init(hf_out *w, int fd, const char *name)
{
	w->fd = fd;
	w->len = 0;
	w->cap = OUT_CAP;
	w->buf = hf_malloc(w->cap);
	w->name = name ? name : "standard output";
}

void
out_init_mem(hf_out *w)
{
	/* Small to start: a memory writer may hold one short string. */
	w->fd = -1;
	w->len = 0;
	w->cap = 256;
	w->buf = hf_malloc(w->cap);
	w->name = "memory";
}

/* In memory mode the buffer grows instead of being written out. */
static int
grow_mem(hf_out *w, size_t n)
{
	if (w->fd >= 0)
		return 0;
	while (w->len + n > w->cap)
		w->cap *= 2;
	w->buf = hf_realloc(w->buf, w->cap);
	return 1;
}

void
out_flush(hf_out *w)
{
	size_t off = 0;

	if (w->fd < 0)
		return;

	while (off < w->len) {
		ssize_t n = write(w->fd, w->buf + off, w->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			exit(HF_OK);
		if (n < 0)
			hf_die(HF_STATE, "cannot write %s:", w->name);
		off += (size_t)n;
	}
	w->len = 0;
}

void
out_free(hf_out *w)
{
	out_flush(w);
	free(w->buf);
	w->buf = NULL;
}

void
out_write(hf_out *w, const void *p, size_t n)
{
	if (w->len + n > w->cap && !grow_mem(w, n)) {
		out_flush(w);
		if (n > w->cap) {
			/* Large pieces go straight out, no copy. */
			const char *s = p;
			size_t off = 0;

			while (off < n) {
				ssize_t k = write(w->fd, s + off, n - off);

				if (k < 0 && errno == EINTR)
					continue;
				if (k < 0 && errno == EPIPE)
					exit(HF_OK);
				if (k < 0)
					hf_die(HF_STATE, "cannot write %s:",
					       w->name);
				off += (size_t)k;
			}
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void
out_puts(hf_out *w, const char *s)
{
	out_write(w, s, strlen(s));
}

void
out_putc(hf_out *w, char c)
{
	if (w->len == w->cap && !grow_mem(w, 1))
		out_flush(w);
	w->buf[w->len++] = c;
}

void
out_int(hf_out *w, int64_t v)
{
	char tmp[24];
	int i = sizeof tmp;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do
		tmp[--i] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		tmp[--i] = '-';
	out_write(w, tmp + i, sizeof tmp - (size_t)i);
}

void
out_vprintf(hf_out *w, const char *fmt, va_list ap)
{
	char tmp[512];
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	if (n >= 0 && (size_t)n < sizeof tmp) {
		out_write(w, tmp, (size_t)n);
	} else if (n >= 0) {
		char *big = hf_malloc((size_t)n + 1);

		vsnprintf(big, (size_t)n + 1, fmt, again);
		out_write(w, big, (size_t)n);
		free(big);
	}
	va_end(again);
}

void
out_printf(hf_out *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(w, fmt, ap);
	va_end(ap);
}

static void
out_u16(hf_out *w, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15],
	              hex[(v >> 4) & 15], hex[v & 15] };

	out_write(w, e, sizeof e);
}

/* Decode one UTF-8 sequence (input already validated); returns its length. */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0xE0 && n >= 2) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if (s[0] < 0xF0 && n >= 3) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		      (s[2] & 0x3Fu);
		return 3;
	}
	if (n >= 4) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

/* The body of a JSON string, without its quotes.  With ascii, as
 * Python's json.dumps writes it: every byte outside ' '..'~' escaped
 * (DEL included), characters beyond the BMP as surrogate pairs. */
void
out_json_body(hf_out *w, const char *str, size_t n, int ascii)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = s[i];
		const char *esc = NULL;

		if (c >= 0x20 && c != '"' && c != '\\' && (!ascii || c < 0x7f)) {
			i++;
			continue;
		}
		out_write(w, s + run, i - run);
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		}
		if (esc) {
			out_puts(w, esc);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			out_u16(w, c);
			i++;
		} else {
			unsigned cp;

			i += utf8_decode(s + i, n - i, &cp);
			if (cp >= 0x10000) {
				cp -= 0x10000;
				out_u16(w, 0xD800 + (cp >> 10));
				out_u16(w, 0xDC00 + (cp & 0x3FF));
			} else {
				out_u16(w, cp);
			}
		}
		run = i;
	}
	out_write(w, s + run, i - run);
}

void
out_json_str(hf_out *w, const char *str, size_t n, int ascii)
{
	out_putc(w, '"');
	out_json_body(w, str, n, ascii);
	out_putc(w, '"');
}

void
out_json_minified(hf_out *w, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	int in_str = 0;

	while (i < n) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			out_write(w, s + run, i - run);
			run = i + 1;
		}
		i++;
	}
	if (run < n)
		out_write(w, s + run, n - run);
}
