/*
 * http.h - the Hub client's HTTP: one reused libcurl handle, retries with
 * backoff, a pacer under the announced rate-limit policy, redirects that
 * never carry the token to another origin.  http_client owns its buffers;
 * http_free releases them.  The token is never printed.
 */
#ifndef HF_HTTP_H
#define HF_HTTP_H

#include <signal.h>

#include "hf.h"

#define HTTP_ATTEMPTS 10
#define HTTP_WAIT_MAX 3600.0 /* seconds: no server makes us wait longer */

typedef struct {
	void *curl;               /* CURL * */
	char *origin_key;         /* the endpoint's scheme://host:port, lower
	                           * case, the default port filled in */
	const char *token;        /* NULL: anonymous */
	int allow_http;           /* plain http beyond loopback allowed */
	int quiet, tty;
	double base_wait;         /* backoff base, seconds */
	long connect_timeout, stall_timeout; /* seconds */
	/* the pacer: timestamps of recent requests in a ring */
	double *sent;
	int q, w, nsent, head;
	double not_before;        /* a RateLimit r=0 said: wait until */
	uint64_t rng;
	/* the last response */
	long status;
	hf_out body;
	char *next, *location, *error_message, *error_code;
	double retry_after;       /* -1: none */
	/* counters for the summary */
	long requests, retries;
	double bytes;
	volatile sig_atomic_t *stop; /* set by a signal: give up waiting */
	/* called about five times a second while waiting (left: seconds) */
	void (*on_wait)(void *arg, double left);
	void *wait_arg;
	const char *what;         /* "page 3", "org/name": for messages */
} http_client;

/* Returns 0, or -1 with a reason in err (bad endpoint, plain http to a
 * host that is not loopback without allow_http). */
int http_init(http_client *c, const char *endpoint, const char *token,
              int allow_http, char *err, size_t errlen);
void http_free(http_client *c);

/* Check a response body; 0 if good, -1 to retry as garbage.  ctx is the
 * caller's, e.g. a json_doc the check parses into for later use. */
typedef int (*http_check)(void *ctx, const char *body, size_t len);

enum { HTTP_OK = 0, HTTP_FAILED = -1, HTTP_GAVE_UP = -2, HTTP_STOPPED = -3 };

/* GET url (absolute): redirects followed (307/308/301/302, five at most;
 * http and https only, plain http only to loopback unless allow_http;
 * the token only to the endpoint's origin), 408/429/5xx, transient
 * transport errors and bodies check rejects retried up to HTTP_ATTEMPTS
 * times.  HTTP_OK with c->status 2xx and c->body; HTTP_FAILED for another
 * final status (c->status, c->error_message) or a transport error that
 * retrying cannot mend (c->status 0, c->error_message); HTTP_GAVE_UP after
 * the last attempt (a message was printed); HTTP_STOPPED when *c->stop
 * was set.  c->next, from a Link rel="next", is absolute. */
int http_get(http_client *c, const char *url, http_check check, void *ctx);

/* Parsers, exposed for the unit tests. */
/* One response header line (with its CR LF) into c: Link rel="next",
 * Location, Retry-After, RateLimit, RateLimit-Policy, X-Error-*. */
void http_take_header(http_client *c, const char *line, size_t len);
/* The URL of rel="next" in a Link header value, malloc'd, or NULL. */
char *http_link_next(const char *value);
/* "\"api\";r=R;t=T" and "...;q=Q;w=W": fills what is present. */
void http_parse_ratelimit(const char *value, int *r, int *t);
void http_parse_policy(const char *value, int *q, int *w);
/* Seconds of a Retry-After value (integer or decimal), -1 for anything
 * else (an HTTP-date included); http_get waits at most HTTP_WAIT_MAX. */
double http_parse_retry_after(const char *value);
/* 1 for localhost, 127.0.0.0/8 and ::1 (numeric addresses, not names that
 * merely start with 127.). */
int http_is_loopback(const char *host);
/* The origin (scheme://host[:port]) of an absolute URL, malloc'd. */
char *http_origin(const char *url);
/* The same, compared as browsers do: scheme and host lower-case, the
 * default port filled in; malloc'd, NULL for what is not a URL. */
char *http_origin_key(const char *url);
/* ref (absolute, or relative as RFC 3986 says) against base; malloc'd,
 * NULL when either is not a URL. */
char *http_resolve(const char *base, const char *ref);
/* Seconds before attempt n (1-based) under base b, with jitter u in
 * [0,1): b * 2^(n-1), capped at 60 s, times 0.75..1.25. */
double http_backoff(double base, int attempt, double u);

#endif
