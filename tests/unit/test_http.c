/* Unit tests of lib/http.c's parsers and the pool's header handling. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../lib/http.h"
#include "tap.h"

int
main(void)
{
	char *s;
	int r = -1, t = -1, q = 0, w = 0;

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
	{
		/* header lines as libcurl hands them over, and without CR LF */
		http_pool c;
		http_req rq;
		char err[128];
		double *ring;
		static const char l1[] = "Link: <http://a/2>; rel=\"next\"\r\n",
		                  l2[] = "link: <http://a/1>; rel=\"first\"\r\n",
		                  p1[] = "RateLimit-Policy: \"fixed window\";\"api\";q=5000000;w=300\r\n",
		                  r1[] = "Retry-After: 7\r\n",
		                  r0[] = "RateLimit: \"api\";r=0;t=99999999999999999999",
		                  e1[] = "X-Error-Code:GatedRepo",
		                  bare[] = "Link:";
		char *heap;

		ok(http_pool_init(&c, "http://127.0.0.1:1", NULL, 0, err, sizeof err) == 0, "init");
		http_req_init(&rq);
		http_take_header(&c, &rq, l1, sizeof l1 - 1);
		http_take_header(&c, &rq, l2, sizeof l2 - 1);
		is_str(rq.next, "http://a/2", "a Link line without rel=next keeps the next link");
		http_take_header(&c, &rq, p1, sizeof p1 - 1);
		ok(c.q == 100000 && c.w == 300, "a policy's q is capped at 100000");
		ring = c.sent;
		http_take_header(&c, &rq, p1, sizeof p1 - 1);
		ok(c.sent == ring, "the same policy again keeps the pacer as it is");
		http_take_header(&c, &rq, r1, sizeof r1 - 1);
		ok(rq.retry_after == 7, "Retry-After");
		http_take_header(&c, &rq, r0, sizeof r0 - 1);
		ok(c.not_before > 0, "RateLimit r=0 with a huge t: a wait, held at the cap");
		http_take_header(&c, &rq, e1, sizeof e1 - 1);
		is_str(rq.error_code, "GatedRepo", "a header without a space or CR LF");
		/* the 5 bytes "Link:" alone, in a buffer of exactly 5 bytes */
		heap = malloc(sizeof bare - 1);
		memcpy(heap, bare, sizeof bare - 1);
		http_take_header(&c, &rq, heap, sizeof bare - 1);
		free(heap);
		is_str(rq.next, "http://a/2", "an empty Link: read within its bytes");
		http_req_free(&rq);
		http_pool_free(&c);
		ok(http_pool_init(&c, "", NULL, 0, err, sizeof err) < 0 &&
		   strstr(err, "empty"), "an empty endpoint is refused: %s", err);
		ok(http_pool_init(&c, "http://example.com", NULL, 0, err, sizeof err) < 0 &&
		   strstr(err, "refusing plain http"), "plain http off loopback is refused");
		ok(http_pool_init(&c, "http://example.com", NULL, 1, err, sizeof err) == 0,
		   "unless allowed");
		http_pool_free(&c);
	}
	{
		/* origins compared as browsers do */
		char *a = http_origin_key("https://HuggingFace.co/api/models");
		char *b = http_origin_key("https://huggingface.co:443/api/models?cursor=x");
		char *c = http_origin_key("http://huggingface.co/api/models");

		is_str(a, "https://huggingface.co:443", "origin key: lower case, default port");
		ok(a && b && strcmp(a, b) == 0, "HuggingFace.co and huggingface.co:443 are one origin");
		ok(a && c && strcmp(a, c) != 0, "http and https are two");
		free(a);
		free(b);
		free(c);
		ok(http_origin_key("not a url") == NULL, "no key for what is not a URL");
	}
	{
		/* next links and redirects as RFC 3986 resolves them */
		static const char *const t[][2] = {
			{ "?cursor=abc", "http://h:1/api/models?cursor=abc" },
			{ "models?cursor=abc", "http://h:1/api/models?cursor=abc" },
			{ "/api/models?cursor=abc", "http://h:1/api/models?cursor=abc" },
			{ "//other:2/x", "http://other:2/x" },
			{ "https://elsewhere/a?b=%41", "https://elsewhere/a?b=%41" },
		};

		for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
			s = http_resolve("http://h:1/api/models?limit=5", t[i][0]);
			ok(s && strcmp(s, t[i][1]) == 0, "resolve %s: %s", t[i][0], s ? s : "NULL");
			free(s);
		}
	}
	ok(http_backoff(1, 1, 0.5) == 1.0, "first wait is the base");
	ok(http_backoff(1, 4, 0.5) == 8.0, "doubles");
	ok(http_backoff(1, 10, 0.5) == 60.0, "capped at 60 s");
	ok(http_backoff(1, 2, 0) == 1.5 && http_backoff(1, 2, 0.999999) < 2.5, "jitter is +-25%%");
	{
		/* the schedule under the default base: 1 2 4 ... 60 s, nine waits */
		static const double want[] = { 1, 2, 4, 8, 16, 32, 60, 60, 60 };
		int same = 1;

		for (int n = 1; n <= HTTP_ATTEMPTS - 1; n++)
			same &= http_backoff(1, n, 0.5) == want[n - 1];
		ok(same, "the schedule is 1, 2, 4, 8, 16, 32, 60, 60, 60 s");
		ok(http_backoff(0.02, 3, 0.5) == 0.08, "a test base scales it (20 ms -> 80 ms)");
	}
	ok(http_parse_retry_after("7") == 7, "Retry-After seconds");
	ok(http_parse_retry_after(" 0 ") == 0, "Retry-After 0");
	ok(http_parse_retry_after("1.5") == 1.5, "Retry-After decimal");
	ok(http_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") < 0, "Retry-After date ignored");
	ok(http_parse_retry_after("-3") < 0 && http_parse_retry_after("5s") < 0 &&
	   http_parse_retry_after("") < 0, "Retry-After garbage ignored");
	r = t = -1;
	http_parse_ratelimit("\"api\";r=12;t=3", &r, &t);
	ok(r == 12 && t == 3, "RateLimit with requests left");
	r = t = -1;
	http_parse_ratelimit("garbage", &r, &t);
	ok(r == -1 && t == -1, "RateLimit garbage leaves both unset");
	q = w = 0;
	http_parse_policy("\"fixed window\";\"api\";q=1000;w=300", &q, &w);
	ok(q == 1000 && w == 300, "the Hub's free-tier policy");
	s = http_link_next("<http://a/p2>; rel=next");
	is_str(s, "http://a/p2", "unquoted rel");
	free(s);
	s = http_link_next("<http://a/p2>;rel=\"NEXT\"");
	is_str(s, "http://a/p2", "case and no space");
	free(s);
	ok(http_link_next("") == NULL && http_link_next("<http://a/p2>") == NULL,
	   "empty and rel-less");
	ok(http_is_loopback("127.0.0.1") && http_is_loopback("127.1.2.3") &&
	   http_is_loopback("::1") && http_is_loopback("localhost") &&
	   http_is_loopback("LOCALHOST"), "loopback hosts");
	ok(!http_is_loopback("127.example.com") && !http_is_loopback("128.0.0.1") &&
	   !http_is_loopback("localhost.example.com") && !http_is_loopback("::2") &&
	   !http_is_loopback(""), "not loopback");

	{
		/* where the endpoint comes from */
		char err[256], *e;

		unsetenv("HF_ENDPOINT");
		e = http_endpoint(NULL, err, sizeof err);
		is_str(e, "https://huggingface.co", "the Hub by default");
		free(e);
		setenv("HF_ENDPOINT", "http://127.0.0.1:8//", 1);
		e = http_endpoint(NULL, err, sizeof err);
		is_str(e, "http://127.0.0.1:8", "HF_ENDPOINT, trailing slashes removed");
		free(e);
		e = http_endpoint("http://x", err, sizeof err);
		is_str(e, "http://x", "--endpoint before HF_ENDPOINT");
		free(e);
		setenv("HF_ENDPOINT", "", 1);
		ok(http_endpoint(NULL, err, sizeof err) == NULL &&
		   strstr(err, "HF_ENDPOINT is empty"), "an empty HF_ENDPOINT is refused");
		e = http_endpoint("http://x", err, sizeof err);
		ok(e != NULL, "unless --endpoint is given");
		free(e);
		unsetenv("HF_ENDPOINT");
	}
	return done_testing();
}
