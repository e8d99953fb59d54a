/*
 * http.h - the Hub client's HTTP, on libcurl's multi interface: several
 * requests in flight at once over one connection pool (keep-alive,
 * HTTP/2 over TLS where the server offers it), one pacer for all of them
 * under the announced rate-limit policy, retries with backoff, redirects
 * that never carry the token to another origin, and a quick end when the
 * endpoint cannot be reached at all.  An http_pool owns its handles and
 * its copy of the endpoint (http_pool_free); an http_req owns its URLs,
 * body and header values (http_req_free).  The token is never printed.
 */
#ifndef HF_HTTP_H
#define HF_HTTP_H

#include <signal.h>

#include "hf.h"

#define HTTP_ATTEMPTS 10
#define HTTP_EARLY_ATTEMPTS 3  /* while the endpoint has never answered */
#define HTTP_WAIT_MAX 3600.0   /* seconds: no server makes us wait longer */

/* Check a response body; 0 if good, -1 to retry as garbage.  ctx is the
 * caller's, e.g. a json_doc the check parses into for later use. */
typedef int (*http_check)(void *ctx, const char *body, size_t len);

/* What became of a request. */
enum {
	HTTP_OK = 0,          /* status 2xx, the body passed the check */
	HTTP_FAILED = -1,     /* a final status (status, error_message), or
	                       * a transport error retrying cannot mend
	                       * (status 0, error_message) */
	HTTP_GAVE_UP = -2,    /* still failing after the last attempt (a
	                       * message was printed) */
	HTTP_STOPPED = -3,    /* *stop was set */
	HTTP_UNREACHABLE = -4 /* no connection (refused, unknown host, a
	                       * timeout) to an endpoint that has not answered
	                       * once in this run, after a few quick tries;
	                       * error_message says why */
};

typedef struct http_req {
	/* set by the caller before http_submit */
	http_check check;
	void *ctx;
	const char *what;     /* "page 3", "org/name": for messages */
	void *user;           /* the caller's */
	/* the outcome, once http_next handed the request back */
	int result;
	long status;
	hf_out body;
	char *url;            /* the URL asked last, after redirects */
	char *next;           /* a Link rel="next", absolute */
	char *location, *error_message, *error_code;
	double retry_after;   /* -1: none */
	/* the pool's */
	struct http_pool *pool;
	void *easy;
	struct curl_slist *hdrs;
	int attempt, hops, queued;
	double wake;          /* not to be sent before (a backoff) */
	struct http_req *link;   /* next in the queue or the done list */
	struct http_req *flying; /* next in flight */
} http_req;

typedef struct http_pool {
	void *multi;              /* CURLM * */
	char *endpoint;           /* for messages */
	char *origin_key;         /* the endpoint's scheme://host:port, lower
	                           * case, the default port filled in */
	const char *token;        /* NULL: anonymous */
	int allow_http;           /* plain http beyond loopback allowed */
	int quiet, tty;
	double base_wait;         /* backoff base, seconds */
	long connect_timeout, stall_timeout; /* seconds */
	/* the pacer: when the last q requests were sent, in a ring */
	double *sent;
	int q, w, nsent, head;
	double not_before;        /* a RateLimit r=0 said: wait until */
	int pacing_said;          /* the current pacer wait was reported */
	uint64_t rng;
	int answered;             /* the endpoint answered in this run */
	/* requests waiting to be sent (submit order), in flight, done */
	http_req *queue, *done, *done_tail, *flying;
	int running;
	/* counters for the summary */
	long requests, retries;
	double bytes, waited;     /* seconds spent waiting on the pacer or
	                           * a backoff with nothing in flight */
	volatile sig_atomic_t *stop; /* set by a signal: give up waiting */
	/* called about five times a second while requests are pending;
	 * waiting is the seconds until the next can be sent when none is
	 * in flight, else 0 */
	void (*tick)(void *arg, double waiting);
	void *tick_arg;
} http_pool;

/* The endpoint to use: given (--endpoint), else $HF_ENDPOINT, else
 * https://huggingface.co, without a trailing '/'; malloc'd.  NULL with
 * a reason in err when HF_ENDPOINT is set but empty. */
char *http_endpoint(const char *given, char *err, size_t errlen);

/* Returns 0, or -1 with a reason in err (an empty, malformed or unsafe
 * endpoint: plain http to a host that is not loopback without
 * allow_http, a user name in it). */
int http_pool_init(http_pool *p, const char *endpoint, const char *token,
                   int allow_http, char *err, size_t errlen);
void http_pool_free(http_pool *p);

void http_req_init(http_req *r);
void http_req_free(http_req *r);

/* Queue a GET of url (absolute) with r->check and r->ctx: redirects
 * followed (307/308/301/302, five at most; http and https only, plain
 * http only to loopback unless allow_http; the token only to the
 * endpoint's origin), 408/429/5xx, transient transport errors and bodies
 * the check rejects retried up to HTTP_ATTEMPTS times (HTTP_EARLY_ATTEMPTS
 * for connections before the endpoint first answered). */
void http_submit(http_pool *p, http_req *r, const char *url);
/* Run until a request is finished: 1 and *done set (its result filled
 * in), 0 when nothing is queued or in flight, -1 when *stop was set (the
 * transfers in flight are abandoned and the requests dropped). */
int http_next(http_pool *p, http_req **done);
/* Without waiting: send what may be sent, and hand back a finished
 * request if there is one (1 and *done), else 0. */
int http_next_ready(http_pool *p, http_req **done);
/* Abandon every request queued or in flight (their result becomes
 * HTTP_STOPPED), e.g. before freeing them after a fatal error. */
void http_cancel(http_pool *p);
/* Submit r and run until it is finished; its result.  For one request
 * at a time: nothing else may be pending. */
int http_get(http_pool *p, http_req *r, const char *url);

/* Parsers, exposed for the unit tests and the fuzzers. */
/* One response header line (with or without its CR LF) into r and p:
 * Link rel="next", Location, Retry-After and X-Error-* into r, RateLimit
 * and RateLimit-Policy into the pacer. */
void http_take_header(http_pool *p, http_req *r, const char *line,
                      size_t len);
/* The URL of rel="next" in a Link header value, malloc'd, or NULL. */
char *http_link_next(const char *value);
/* "\"api\";r=R;t=T" and "...;q=Q;w=W": fills what is present. */
void http_parse_ratelimit(const char *value, int *r, int *t);
void http_parse_policy(const char *value, int *q, int *w);
/* Seconds of a Retry-After value (integer or decimal), -1 for anything
 * else (an HTTP-date included); a wait is at most HTTP_WAIT_MAX. */
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
