/* pyjson.c - Python's json.dump(indent=2) byte for byte. */
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

void
py_float1(hf_out *w, double v)
{
	out_printf(w, "%.1f", v == 0 ? 0.0 : v); /* no "-0.0" */
}

static void
py_string_token(hf_out *w, const json_doc *d, int i, int ascii)
{
	size_t n;
	const char *raw = json_raw(d, i, &n);
	char small[256], *buf = n <= sizeof small ? small : hf_malloc(n);
	long k = json_unescape(raw, n, buf);

	out_json_str(w, buf, k < 0 ? 0 : (size_t)k, ascii);
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
		out_write(w, raw, len);
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
