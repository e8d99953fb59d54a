/*
 * http_header - response header lines as libcurl hands them over, with or
 * without CR LF, into http_take_header (Link, Location, Retry-After,
 * RateLimit, RateLimit-Policy, X-Error-*); and the input as a C string
 * through every value parser, the origins and, split at its first
 * newline, as base and reference for http_resolve.  Properties: a next
 * link is what stood between < and >; a wait is -1 or not negative; the
 * pacer's window stays in its bounds; a resolved URL has an origin.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/http.h"
#include "fuzz.h"

static void
take_line(const uint8_t *data, size_t size)
{
	static const char policy[] = "RateLimit-Policy: q=1000;w=300";
	static http_pool p;
	static int ready;
	http_req r;
	char err[256], *line = malloc(size ? size : 1);

	if (!ready) {
		fuzz_assert(http_pool_init(&p, "http://127.0.0.1:1", NULL, 0,
		                           err, sizeof err) == 0);
		ready = 1;
	}
	/* an exact copy: a read past the line is a finding */
	memcpy(line, data, size);
	http_req_init(&r);
	http_take_header(&p, &r, line, size);
	fuzz_assert(r.retry_after == -1 || r.retry_after >= 0);
	fuzz_assert(p.q >= 1 && p.q <= 100000 && p.w >= 1);
	fuzz_assert(p.nsent <= p.q && p.head < p.q);
	/* the pool as it was for the next input: the default policy */
	http_take_header(&p, &r, policy, sizeof policy - 1);
	p.not_before = 0;
	fuzz_assert(p.q == 1000 && p.w == 300);
	free(line);
	http_req_free(&r);
}

static void
parse_values(const char *s)
{
	char *next = http_link_next(s), *origin, *key;
	int r = -1, t = -1, q = 0, w = 0;
	double wait = http_parse_retry_after(s);
	const char *nl;

	if (next)
		fuzz_assert(strstr(s, next) && strchr(s, '<') && strchr(s, '>'));
	free(next);
	fuzz_assert(wait == -1 || wait >= 0);
	http_parse_ratelimit(s, &r, &t);
	http_parse_policy(s, &q, &w);
	http_is_loopback(s);
	origin = http_origin(s);
	if (origin)
		fuzz_assert(strncmp(origin, s, strlen(origin)) == 0);
	free(origin);
	free(http_origin_key(s));
	if ((nl = strchr(s, '\n')) != NULL) {
		char *base = strndup(s, (size_t)(nl - s));
		char *url = http_resolve(base, nl + 1);

		if (url && !strstr(nl + 1, "://"))
			fuzz_assert((key = http_origin_key(url)) != NULL);
		else
			key = NULL;
		free(key);
		free(url);
		free(base);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	take_line(data, size);
	parse_values(s);
	free(s);
	return 0;
}
