/* Unit tests of lib/url.c: percent-encoding, decoding, query strings. */
#include <stdlib.h>
#include "../../lib/url.h"
#include "tap.h"

/* url_decode(in) is want. */
static void
decoded_is(const char *in, const char *want)
{
	char *s = hf_strdup(in);

	url_decode(s);
	is_str(s, want, in);
	free(s);
}

/* url_put_encoded(s, keep) writes want. */
static void
encoded_is(const char *s, const char *keep, const char *want)
{
	hf_out w;

	out_init_mem(&w);
	url_put_encoded(&w, s, keep);
	out_putc(&w, '\0');
	is_str(w.buf, want, s);
	out_free(&w);
}

static void
test_decode(void)
{
	decoded_is("a%2Fb+c", "a/b c");
	decoded_is("%41%62%7e", "Ab~");
	decoded_is("100%", "100%");
	decoded_is("%4", "%4");
	decoded_is("%zz%", "%zz%");
	decoded_is("a%00b", "a");
	decoded_is("", "");
	decoded_is("%%41", "%A");
}

static void
test_encode(void)
{
	hf_out w;

	encoded_is("abc-._~XYZ09", NULL, "abc-._~XYZ09");
	encoded_is("a b/c?d&e=f", NULL, "a%20b%2Fc%3Fd%26e%3Df");
	encoded_is("min:6B,max:1T", ":,", "min:6B,max:1T");
	encoded_is("min:6B,max:1T", NULL, "min%3A6B%2Cmax%3A1T");
	encoded_is("\xc3\xa9\x7f\x01", NULL, "%C3%A9%7F%01");
	encoded_is("/a b", "/", "/a%20b");

	out_init_mem(&w);
	url_put_sent(&w, "a=%41&b=<c d>\r\n\x7f\xc3\xa9~", 19);
	out_putc(&w, '\0');
	is_str(w.buf, "a=%41&b=%3Cc%20d%3E%0D%0A%7F%C3%A9~",
	       "url_put_sent: escapes stay, what cannot stand in a header is encoded");
	w.len = 0;
	url_put_sent(&w, "a\0b", 3);
	out_putc(&w, '\0');
	is_str(w.buf, "a%00b", "url_put_sent: a NUL byte too");
	w.len = 0;
	url_put_param(&w, "filter", "a b");
	url_put_param(&w, "num_parameters", "min:1B,max:2B");
	out_putc(&w, '\0');
	is_str(w.buf, "filter=a%20b&num_parameters=min:1B,max:2B",
	       "url_put_param: no '&' first, then one between");
	w.len = 0;
	out_puts(&w, "http://h/api/models?");
	url_put_param(&w, "sort", "likes");
	url_put_param(&w, "expand", "config");
	out_putc(&w, '\0');
	is_str(w.buf, "http://h/api/models?sort=likes&expand=config",
	       "url_put_param: no '&' right after '?'");
	out_free(&w);
}

static void
test_query(void)
{
	url_query q;
	const char *raw = "filter=a&filter=b%20c&expand[]=x&&flag&=v&k=1=2&"
	                  "s=a+b&e=";

	url_query_parse(&q, raw);
	is_int(q.n, 8, "empty pieces are skipped");
	is_str(q.p[0].key, "filter", "first key");
	is_str(q.p[1].val, "b c", "values are decoded");
	is_str(q.p[2].key, "expand[]", "expand[] is a key of its own");
	is_str(q.p[3].key, "flag", "a key without '='");
	is_str(q.p[3].val, "", "has an empty value");
	is_str(q.p[4].key, "", "an empty key");
	is_str(q.p[5].val, "1=2", "the value runs from the first '='");
	ok(q.p[1].rawlen == 12 && strncmp(q.p[1].raw, "filter=b%20c", 12) == 0,
	   "raw keeps the piece as sent");
	is_str(url_query_get(&q, "filter"), "a", "get: the first of a repeated key");
	is_str(url_query_get(&q, "s"), "a b", "'+' is a space");
	is_str(url_query_get(&q, "e"), "", "an empty value");
	ok(url_query_get(&q, "nope") == NULL, "get: NULL for a missing key");
	url_query_free(&q);

	url_query_parse(&q, NULL);
	is_int(q.n, 0, "no query");
	url_query_free(&q);
	url_query_parse(&q, "&&&");
	is_int(q.n, 0, "only separators");
	url_query_free(&q);
	url_query_parse(&q, "a=%&b=%4&c=%00x");
	ok(q.n == 3 && strcmp(q.p[0].val, "%") == 0 &&
	   strcmp(q.p[1].val, "%4") == 0 && strcmp(q.p[2].val, "") == 0,
	   "a '%%' at the end, a half escape, and %%00 are safe");
	url_query_free(&q);
}

static void
test_query_limit(void)
{
	hf_out w;
	url_query q;

	out_init_mem(&w);
	for (int i = 0; i < 1000; i++)
		out_printf(&w, "%sk%d=%d", i ? "&&" : "", i, i);
	out_putc(&w, '\0');
	url_query_parse(&q, w.buf);
	is_int(q.n, 1000, "every parameter is read, however many");
	is_str(url_query_get(&q, "k999"), "999", "the last one too");
	ok(q.p[64].rawlen == 6 && memcmp(q.p[64].raw, "k64=64", 6) == 0,
	   "its raw piece as sent");
	url_query_free(&q);
	out_free(&w);
}

int
main(void)
{
	test_decode();
	test_encode();
	test_query();
	test_query_limit();
	return done_testing();
}
