/* url.c - percent-encoding and decoding, query strings. */
#include <stdlib.h>
#include <string.h>

#include "url.h"

void
url_decode(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && num_hexval(s[1]) >= 0 && num_hexval(s[2]) >= 0) {
			*o++ = (char)(num_hexval(s[1]) * 16 + num_hexval(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static void
put_escape(hf_out *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3] = { '%', hex[c >> 4], hex[c & 15] };

	out_write(w, e, sizeof e);
}

static int
unreserved(unsigned char c, const char *keep)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("-._~", c)) ||
	       (c && keep && strchr(keep, c));
}

void
url_put_encoded(hf_out *w, const char *s, const char *keep)
{
	while (*s) {
		size_t run = 0;

		/* what needs no escape goes out in one piece */
		while (unreserved((unsigned char)s[run], keep))
			run++;
		out_write(w, s, run);
		s += run;
		if (*s)
			put_escape(w, (unsigned char)*s++);
	}
}

void
url_put_sent(hf_out *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || c == '<' || c == '>')
			put_escape(w, c);
		else
			out_putc(w, (char)c);
	}
}

void
url_put_param(hf_out *w, const char *key, const char *val)
{
	if (w->len && w->buf[w->len - 1] != '?')
		out_putc(w, '&');
	out_puts(w, key);
	out_putc(w, '=');
	url_put_encoded(w, val, ":,");
}

void
url_query_parse(url_query *q, const char *raw)
{
	const char *p = raw ? raw : "";
	size_t pieces = 1;
	char *b;

	/* every piece, however many: a page's next link holds them all
	 * and its cursor last (with a limit, a cursor past it was lost and
	 * the listing started over) */
	for (const char *c = p; *c; c++)
		pieces += *c == '&';
	q->n = 0;
	q->p = hf_calloc(pieces, sizeof *q->p);
	q->buf = hf_strdup(p);
	/* p walks the raw text and b its copy, which is cut and decoded */
	for (b = q->buf; *p;) {
		size_t n = strcspn(p, "&");

		if (n) {
			url_param *x = &q->p[q->n++];
			char *eq;

			x->raw = p;
			x->rawlen = n;
			b[n] = '\0';
			x->key = b;
			eq = strchr(b, '=');
			x->val = eq ? (*eq = '\0', eq + 1) : b + n;
			url_decode(x->key);
			url_decode(x->val);
		}
		p += n;
		b += n;
		if (*p == '&') {
			p++;
			b++;
		}
	}
}

const char *
url_query_get(const url_query *q, const char *key)
{
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->p[i].key, key) == 0)
			return q->p[i].val;
	return NULL;
}

void
url_query_free(url_query *q)
{
	free(q->buf);
	free(q->p);
	q->buf = NULL;
	q->p = NULL;
	q->n = 0;
}
