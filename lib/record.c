/* record.c - pass records through byte for byte, adding keys at the end. */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"

static int
dropped(const json_doc *d, int key, const char *const *drop)
{
	for (; drop && *drop; drop++)
		if (json_streq(d, key, *drop))
			return 1;
	return 0;
}

int
rec_write_open(hf_out *w, const json_doc *d, const char *const *drop)
{
	const jsmntok_t *root = &d->tok[0];
	int i, k, any = 0, need = 0;
	size_t from, to;

	for (i = 1, k = 0; k < root->size; k++, i = json_skip(d, i + 1))
		need |= dropped(d, i, drop);
	if (!need) {
		/* The common case: everything but the closing brace, as is. */
		out_write(w, d->js + root->start,
		          (size_t)(root->end - 1 - root->start));
		return root->size > 0;
	}
	out_putc(w, '{');
	for (i = 1, k = 0; k < root->size; k++) {
		int next = json_skip(d, i + 1);

		if (!dropped(d, i, drop)) {
			size_t vlen;
			const char *v = json_span(d, i + 1, &vlen);

			from = (size_t)d->tok[i].start - 1; /* the key's quote */
			to = (size_t)(v - d->js) + vlen;
			if (any)
				out_putc(w, ',');
			out_write(w, d->js + from, to - from);
			any = 1;
		}
		i = next;
	}
	return any;
}

void
rec_warn(const ndj_reader *r, const char *why)
{
	hf_warn("%s:%zu: %s", r->name, r->lineno, why);
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static int
each_line(ndj_reader *r, json_doc *d, int strict, hf_out *w, rec_fn fn,
          void *ctx)
{
	int st = HF_OK, got;
	const char *line, *why;
	size_t len;
	char msg[64];

	while ((got = ndj_next(r, &line, &len)) != NDJ_EOF) {
		int bad = 0;

		if (got == NDJ_ERROR) {
			hf_warn("%s: read error:", r->name);
			return HF_PARTIAL;
		}
		if (got == NDJ_TOOLONG) {
			snprintf(msg, sizeof msg, "line longer than %zu bytes",
			         r->max);
			rec_warn(r, msg);
			bad = 1;
		} else if (blank(line, len)) {
			continue;
		} else if (json_parse(d, line, len, 1, &why) < 0) {
			rec_warn(r, why);
			bad = 1;
		} else {
			bad = fn(ctx, d, r);
		}
		if (bad) {
			st = HF_PARTIAL;
			if (strict) {
				out_flush(w);
				hf_die(HF_PARTIAL, "%s:%zu: stopping (--strict)",
				       r->name, r->lineno);
			}
		}
	}
	return st;
}

int
rec_each(char *const *files, int n, int strict, hf_out *w, rec_fn fn,
         void *ctx)
{
	static char *const std_in[] = { "-" };
	int st = HF_OK;
	json_doc d;

	if (n == 0) {
		files = std_in;
		n = 1;
	}
	json_init(&d);
	for (int i = 0; i < n; i++) {
		ndj_reader r;

		if (ndj_open(&r, files[i]) < 0) {
			hf_warn("cannot open %s:", files[i]);
			st = HF_PARTIAL;
			continue;
		}
		st |= each_line(&r, &d, strict, w, fn, ctx);
		ndj_close(&r);
	}
	json_free(&d);
	return st;
}

void
rec_write_with(hf_out *w, const json_doc *d, const char *key,
               const char *value, size_t n)
{
	const char *const drop[] = { key, NULL };
	hf_out tmp;

	/* the Hub's single-model answers may be indented: copy, then minify */
	out_init_mem(&tmp);
	if (rec_write_open(&tmp, d, drop))
		out_putc(&tmp, ',');
	out_json_str(&tmp, key, strlen(key), 0);
	out_putc(&tmp, ':');
	out_write(&tmp, value, n);
	out_putc(&tmp, '}');
	out_json_minified(w, tmp.buf, tmp.len);
	out_putc(w, '\n');
	free(tmp.buf);
}
