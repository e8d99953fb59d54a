/*
 * json - any bytes through the strict parser, then every token through
 * the accessors, and every writer over what parsed.  Properties: a string
 * decodes to valid UTF-8 and out_json_str writes it so that it decodes to
 * the same bytes (Python and JavaScript style); json_get finds each key
 * (or an equal one before it), json_at each element; the minified copy
 * and the json.dump-style copies parse, and writing a copy again gives
 * the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/hf.h"
#include "../../lib/pyjson.h"
#include "fuzz.h"

typedef void (*writer)(hf_out *w, const json_doc *d, int ascii);

/* Documents and buffers kept from one input to the next: json_parse
 * reuses a document's tokens, and a fresh 5 KiB token array per string
 * made most of the harness's time. */
static json_doc input, copy, str_doc;
static hf_out str_out, once, twice;

/* s[0..n) written as a JSON string with ascii as given, read back. */
static void
string_round_trip(const char *s, size_t n, int ascii)
{
	hf_out *w = &str_out;
	json_doc *d = &str_doc;
	const char *why, *raw;
	size_t rn;
	char *back;
	long k;

	w->len = 0;
	out_json_str(w, s, n, ascii);
	fuzz_assert(json_parse(d, w->buf, w->len, 0, &why) == 0);
	fuzz_assert(json_is_string(d, 0));
	raw = json_raw(d, 0, &rn);
	back = malloc(rn + 1);
	k = json_unescape(raw, rn, back);
	fuzz_assert(k >= 0 && (size_t)k == n && memcmp(back, s, n) == 0);
	free(back);
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
	/* below DEL the two styles write the same text: read back once */
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)s[k] >= 0x7f) {
			string_round_trip(s, n, 1);
			break;
		}
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
	const char *why;

	once.len = twice.len = 0;
	write(&once, d, ascii);
	if (json_parse(&copy, once.buf, once.len, 0, &why) != 0)
		fuzz_fail(why, __FILE__, __LINE__);
	write(&twice, &copy, ascii);
	fuzz_assert(twice.len == once.len &&
	            memcmp(twice.buf, once.buf, once.len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *why;

	if (!ready) {
		out_init_mem(&str_out);
		out_init_mem(&once);
		out_init_mem(&twice);
		ready = 1;
	}
	if (json_parse(&input, (const char *)data, size, 0, &why) == 0) {
		check_tokens(&input);
		check_writer(&input, minified, 0);
		check_writer(&input, dumped, 1);
		check_writer(&input, dumped, 0);
	}
	return 0;
}
