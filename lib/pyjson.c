/* pyjson.c - Python's json.dump(indent=2) byte for byte. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyjson.h"

static void
indent(hf_out *w, int level)
{
	for (int i = 0; i < level; i++)
		out_write(w, "  ", 2);
}

void
py_str(hf_out *w, const char *s, size_t n)
{
	out_json_str(w, s, n, 1);
}

void
py_key(hf_out *w, int level, const char *key, int first)
{
	out_puts(w, first ? "\n" : ",\n");
	indent(w, level);
	py_str(w, key, strlen(key));
	out_puts(w, ": ");
}

void
py_item(hf_out *w, int level, int first)
{
	out_puts(w, first ? "\n" : ",\n");
	indent(w, level);
}

void
py_close(hf_out *w, int level, char bracket)
{
	out_putc(w, '\n');
	indent(w, level);
	out_putc(w, bracket);
}

/* The shortest digits that read back as v (v finite, not zero): into
 * digits, with the decimal exponent of the first one. */
static void
shortest_digits(double v, char digits[20], int *exp10)
{
	char buf[40], *e;
	size_t k = 0;

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	for (const char *p = buf; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[k++] = *p;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	e = strchr(buf, 'e');
	*exp10 = e ? atoi(e + 1) : 0;
}

void
py_repr_double(hf_out *w, double v)
{
	char d[20];
	int e, k;

	if (!isfinite(v)) {
		out_printf(w, "%g", v); /* never written: callers check */
		return;
	}
	if (v == 0) {
		out_puts(w, signbit(v) ? "-0.0" : "0.0");
		return;
	}
	if (v < 0) {
		out_putc(w, '-');
		v = -v;
	}
	shortest_digits(v, d, &e);
	k = (int)strlen(d);
	if (e < -4 || e >= 16) { /* repr's exponent form: 1e+16, 1.5e-05 */
		out_putc(w, d[0]);
		if (k > 1) {
			out_putc(w, '.');
			out_puts(w, d + 1);
		}
		out_printf(w, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (e < 0) {        /* 0.000123 */
		out_puts(w, "0.");
		for (int i = e + 1; i < 0; i++)
			out_putc(w, '0');
		out_puts(w, d);
	} else {                   /* 123.45, 100.0 */
		for (int i = 0; i <= e; i++)
			out_putc(w, i < k ? d[i] : '0');
		out_putc(w, '.');
		out_puts(w, k > e + 1 ? d + e + 1 : "0");
	}
}

void
py_float1(hf_out *w, double v)
{
	char buf[400];

	/* round(v, 1) is the double nearest the decimal %.1f prints;
	 * json.dump writes its repr. */
	snprintf(buf, sizeof buf, "%.1f", v);
	v = strtod(buf, NULL);
	py_repr_double(w, v == 0 ? 0.0 : v); /* no "-0.0" */
}

void
js_repr_double(hf_out *w, double v)
{
	char d[20];
	int e, k, n;

	if (!isfinite(v)) {
		out_puts(w, "null"); /* as JSON.stringify writes them */
		return;
	}
	if (v == 0) {
		out_putc(w, '0'); /* -0 too */
		return;
	}
	if (v < 0) {
		out_putc(w, '-');
		v = -v;
	}
	shortest_digits(v, d, &e);
	k = (int)strlen(d);
	n = e + 1; /* ECMAScript Number::toString: the point after n digits */
	if (k <= n && n <= 21) {
		out_puts(w, d);
		for (int i = k; i < n; i++)
			out_putc(w, '0');
	} else if (0 < n && n <= 21) {
		out_write(w, d, (size_t)n);
		out_putc(w, '.');
		out_puts(w, d + n);
	} else if (-6 < n && n <= 0) {
		out_puts(w, "0.");
		for (int i = n; i < 0; i++)
			out_putc(w, '0');
		out_puts(w, d);
	} else {
		out_putc(w, d[0]);
		if (k > 1) {
			out_putc(w, '.');
			out_puts(w, d + 1);
		}
		out_printf(w, "e%c%d", n - 1 < 0 ? '-' : '+', n - 1 < 0 ? 1 - n : n - 1);
	}
}

/* The code unit of the \\uXXXX escape at s (validated by json_parse). */
static unsigned
u16_at(const char *s)
{
	return (unsigned)(num_hexval(s[2]) << 12 | num_hexval(s[3]) << 8 |
	                  num_hexval(s[4]) << 4 | num_hexval(s[5]));
}

/* Raw string bytes s[0..n) decoded and written as Python (ascii) or
 * JavaScript writes them. */
static void
write_decoded(hf_out *w, const char *s, size_t n, int ascii)
{
	char small[256], *buf = n <= sizeof small ? small : hf_malloc(n);
	long k = json_unescape(s, n, buf);

	out_json_body(w, buf, k < 0 ? 0 : (size_t)k, ascii);
	if (buf != small)
		free(buf);
}

/* A string token as Python and JavaScript write a string they read: a
 * lone surrogate escape (which UTF-8 cannot hold) stays \\udXXX. */
static void
py_string_token(hf_out *w, const json_doc *d, int i, int ascii)
{
	size_t n, from = 0, k = 0;
	const char *raw = json_raw(d, i, &n);

	out_putc(w, '"');
	while (k < n) {
		unsigned u;

		if (raw[k] != '\\' || raw[k + 1] != 'u') {
			k += raw[k] == '\\' ? 2 : 1;
			continue;
		}
		u = u16_at(raw + k);
		if (u >= 0xD800 && u <= 0xDBFF && k + 12 <= n &&
		    raw[k + 6] == '\\' && raw[k + 7] == 'u' &&
		    u16_at(raw + k + 6) >= 0xDC00 && u16_at(raw + k + 6) <= 0xDFFF) {
			k += 12; /* a pair: an ordinary character */
			continue;
		}
		if (u < 0xD800 || u > 0xDFFF) {
			k += 6;
			continue;
		}
		write_decoded(w, raw + from, k - from, ascii);
		out_printf(w, "\\u%04x", u);
		from = k += 6;
	}
	write_decoded(w, raw + from, n - from, ascii);
	out_putc(w, '"');
}

/* A number as Python (ascii) or JavaScript writes one it has read:
 * Python keeps integers as they are (but -0) and writes floats as
 * repr(); JavaScript has only doubles.  true, false, null, and numbers
 * beyond a double's range, are written as they are. */
static void
write_primitive(hf_out *w, const char *raw, size_t n, int ascii)
{
	char small[64], *buf;
	double v;

	if (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		out_write(w, raw, n);
		return;
	}
	if (ascii && !memchr(raw, '.', n) && !memchr(raw, 'e', n) &&
	    !memchr(raw, 'E', n)) {
		if (n == 2 && raw[0] == '-' && raw[1] == '0')
			out_putc(w, '0');
		else
			out_write(w, raw, n);
		return;
	}
	buf = n < sizeof small ? small : hf_malloc(n + 1);
	memcpy(buf, raw, n);
	buf[n] = '\0';
	v = strtod(buf, NULL);
	if (!isfinite(v))
		out_write(w, raw, n);
	else if (ascii)
		py_repr_double(w, v);
	else
		js_repr_double(w, v);
	if (buf != small)
		free(buf);
}

void
py_value(hf_out *w, const json_doc *d, int i, int level)
{
	py_value_as(w, d, i, level, 1);
}

void
py_value_as(hf_out *w, const json_doc *d, int i, int level, int ascii)
{
	int type = json_type(d, i), n = d->tok[i].size, k, j;
	size_t len;
	const char *raw;

	if (type == JSMN_STRING) {
		py_string_token(w, d, i, ascii);
	} else if (type == JSMN_PRIMITIVE) {
		raw = json_raw(d, i, &len);
		write_primitive(w, raw, len, ascii);
	} else if (n == 0) {
		out_puts(w, type == JSMN_OBJECT ? "{}" : "[]");
	} else {
		out_putc(w, type == JSMN_OBJECT ? '{' : '[');
		for (k = 0, j = i + 1; k < n; k++) {
			py_item(w, level + 1, k == 0);
			if (type == JSMN_OBJECT) {
				py_string_token(w, d, j, ascii);
				out_puts(w, ": ");
				j++;
			}
			py_value_as(w, d, j, level + 1, ascii);
			j = json_skip(d, j);
		}
		py_close(w, level, type == JSMN_OBJECT ? '}' : ']');
	}
}
