/*
 * json - any bytes through the strict parser, then every token through
 * the accessors, and every writer over what parsed.  Properties: a string
 * decodes to valid UTF-8 and out_json_str writes it so that it decodes to
 * the same bytes (Python and JavaScript style); json_get finds each key
 * (or an equal one before it), json_at each element; the minified copy and the json.dump-style copies parse,
 * and writing a copy again gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/hf.h"
#include "../../lib/pyjson.h"
#include "fuzz.h"

typedef void (*writer)(hf_out *w, const json_doc *d, int ascii);

/* s[0..n) written as a JSON string with ascii as given, read back. */
static void
string_round_trip(const char *s, size_t n, int ascii)
{
	hf_out w;
	json_doc d;
	const char *why, *raw;
	size_t rn;
	char *back;
	long k;

	out_init_mem(&w);
	out_json_str(&w, s, n, ascii);
	json_init(&d);
	fuzz_assert(json_parse(&d, w.buf, w.len, 0, &why) == 0);
	fuzz_assert(json_is_string(&d, 0));
	raw = json_raw(&d, 0, &rn);
	back = malloc(rn + 1);
	k = json_unescape(raw, rn, back);
	fuzz_assert(k >= 0 && (size_t)k == n && memcmp(back, s, n) == 0);
	free(back);
	json_free(&d);
	free(w.buf);
}

/* String token i decoded (malloc'd, NUL-terminated) and its length. */
static char *
decoded(const json_doc *d, int i, size_t *len)
{
	size_t n;
	const char *raw = json_raw(d, i, &n);
	char *s = malloc(n + 1);
	long k = json_unescape(raw, n, s);

	fuzz_assert(k >= 0 && (size_t)k <= n);
	s[k] = '\0';
	*len = (size_t)k;
	return s;
}

static void
check_string(const json_doc *d, int i)
{
	size_t n;
	char *s = decoded(d, i, &n), *dup;

	fuzz_assert(utf8_valid((const unsigned char *)s, n));
	string_round_trip(s, n, 0);
	string_round_trip(s, n, 1);
	dup = json_strdup(d, i);
	fuzz_assert(dup && memcmp(dup, s, n + 1) == 0);
	if (strlen(s) == n)
		fuzz_assert(json_streq(d, i, s));
	free(dup);
	free(s);
}

/* Every member of object o can be found by its decoded key (the first of
 * equal keys wins), every element of array a by its index. */
static void
check_container(const json_doc *d, int c)
{
	int size = d->tok[c].size, i = c + 1;

	for (int k = 0; k < size; k++) {
		if (json_type(d, c) == JSMN_OBJECT) {
			size_t n;
			char *key = decoded(d, i, &n);
			int v = json_get(d, c, key);

			/* a key with a NUL cannot be asked for */
			if (strlen(key) == n)
				fuzz_assert(v > c && v <= i + 1 &&
				            json_streq(d, v - 1, key));
			free(key);
			i = json_skip(d, i + 1);
		} else {
			fuzz_assert(json_at(d, c, k) == i);
			i = json_skip(d, i);
		}
	}
	fuzz_assert(json_at(d, c, size) == -1);
}

static void
check_tokens(const json_doc *d)
{
	for (int i = 0; i < (int)d->ntok; i++) {
		int64_t v;
		double x;
		int b;

		switch (json_type(d, i)) {
		case JSMN_STRING:
			check_string(d, i);
			break;
		case JSMN_PRIMITIVE:
			if (json_is_null(d, i) || json_is_bool(d, i, &b))
				fuzz_assert(json_int64(d, i, &v) < 0 &&
				            json_double(d, i, &x) < 0);
			else if (json_int64(d, i, &v) == 0)
				fuzz_assert(json_double(d, i, &x) == 0);
			break;
		default:
			check_container(d, i);
		}
	}
	fuzz_assert(json_skip(d, 0) == (int)d->ntok);
}

static void
minified(hf_out *w, const json_doc *d, int ascii)
{
	(void)ascii;
	out_json_minified(w, d->js, d->len);
}

static void
dumped(hf_out *w, const json_doc *d, int ascii)
{
	py_value_as(w, d, 0, 0, ascii);
}

/* write(d) parses, and write(parse(write(d))) is write(d) again. */
static void
check_writer(const json_doc *d, writer write, int ascii)
{
	hf_out once, twice;
	json_doc d2;
	const char *why;

	out_init_mem(&once);
	write(&once, d, ascii);
	json_init(&d2);
	if (json_parse(&d2, once.buf, once.len, 0, &why) != 0)
		fuzz_fail(why, __FILE__, __LINE__);
	out_init_mem(&twice);
	write(&twice, &d2, ascii);
	fuzz_assert(twice.len == once.len &&
	            memcmp(twice.buf, once.buf, once.len) == 0);
	json_free(&d2);
	free(once.buf);
	free(twice.buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_doc d;
	const char *why;

	json_init(&d);
	if (json_parse(&d, (const char *)data, size, 0, &why) == 0) {
		check_tokens(&d);
		check_writer(&d, minified, 0);
		check_writer(&d, dumped, 1);
		check_writer(&d, dumped, 0);
	}
	json_free(&d);
	return 0;
}
