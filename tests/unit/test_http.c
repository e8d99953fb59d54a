/* Unit tests of lib/http.c's parsers and lib/ckpt.c. */
#include <stdlib.h>
#include <unistd.h>
#include "../../lib/http.h"
#include "../../lib/ckpt.h"
#include "tap.h"

int
main(void)
{
	char *s;
	int r = -1, t = -1, q = 0, w = 0;
	char path[] = "/tmp/hf-test-ckpt-XXXXXX", err[128];
	ckpt k = { 0x0123456789abcdefu, 2, "http://h/api/models?cursor=x%3D", 42, 7, 3 }, back;

	s = http_link_next("<http://127.0.0.1:8/api/models?a=1&cursor=Y%3D>; rel=\"next\"");
	is_str(s, "http://127.0.0.1:8/api/models?a=1&cursor=Y%3D", "Link rel=next");
	free(s);
	s = http_link_next("<http://a/p1>; rel=\"prev\", <http://a/p3>; rel=\"next\"");
	is_str(s, "http://a/p3", "the next of several links");
	free(s);
	ok(http_link_next("<http://a/p1>; rel=\"prev\"") == NULL, "no next");
	ok(http_link_next("garbage") == NULL, "garbage");
	http_parse_ratelimit("\"api\";r=0;t=55", &r, &t);
	ok(r == 0 && t == 55, "RateLimit r and t");
	http_parse_policy("\"fixed window\";\"api\";q=500;w=300", &q, &w);
	ok(q == 500 && w == 300, "RateLimit-Policy q and w (not fooled by 'window')");
	s = http_origin("https://huggingface.co/api/models?x=1");
	is_str(s, "https://huggingface.co", "origin");
	free(s);
	s = http_origin("http://127.0.0.1:8080/a");
	is_str(s, "http://127.0.0.1:8080", "origin with port");
	free(s);
	ok(http_backoff(1, 1, 0.5) == 1.0, "first wait is the base");
	ok(http_backoff(1, 4, 0.5) == 8.0, "doubles");
	ok(http_backoff(1, 10, 0.5) == 60.0, "capped at 60 s");
	ok(http_backoff(1, 2, 0) == 1.5 && http_backoff(1, 2, 0.999999) < 2.5, "jitter is +-25%%");

	ok(mkstemp(path) >= 0, "temporary file");
	ok(ckpt_write(path, &k) == 0, "checkpoint written");
	ok(ckpt_read(path, &back, err, sizeof err) == 1, "read back");
	ok(back.query == k.query && back.listing == 2 && back.offset == 42 &&
	   back.records == 7 && back.pages == 3, "fields round-trip");
	is_str(back.next, k.next, "next URL round-trips");
	ckpt_free(&back);
	unlink(path);
	ok(ckpt_read(path, &back, err, sizeof err) == 0, "absent is 0");
	ok(ckpt_fingerprint("a", 1) != ckpt_fingerprint("b", 1), "fingerprints differ");
	return done_testing();
}
