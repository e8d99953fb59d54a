/* http.c - GETs in flight at once with retries, one pacer and safe
 * redirects, on libcurl's multi interface. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "http.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

char *
http_origin(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (!p)
		return NULL;
	p += 3;
	n = strcspn(p, "/?#");
	return hf_strndup(url, (size_t)(p - url) + n);
}

char *
http_origin_key(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *key = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		size_t n = strlen(scheme) + strlen(host) + strlen(port) + 5;

		key = hf_malloc(n);
		snprintf(key, n, "%s://%s:%s", scheme, host, port);
		for (char *p = key; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return key;
}

char *
http_resolve(const char *base, const char *ref)
{
	CURLU *u;
	char *got = NULL, *url = NULL;

	if (strstr(ref, "://"))
		return hf_strdup(ref); /* absolute: byte for byte */
	u = curl_url();
	if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &got, 0) == CURLUE_OK)
		url = hf_strdup(got);
	curl_free(got);
	curl_url_cleanup(u);
	return url;
}

/* Host part of an origin, without port or brackets. */
static char *
origin_host(const char *origin)
{
	const char *p = strstr(origin, "://") + 3;
	size_t n;

	if (*p == '[')
		return hf_strndup(p + 1, strcspn(p + 1, "]"));
	n = strcspn(p, ":");
	return hf_strndup(p, n);
}

int
http_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	return inet_pton(AF_INET6, host, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* A message about waiting or retrying: on a terminal it first clears the
 * live progress line, which the caller redraws. */
static void __attribute__((format(printf, 2, 3)))
say(const http_pool *c, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	if (c->tty)
		fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	hf_vwarn(fmt, ap);
	va_end(ap);
}

/* May url be asked at all?  NULL, or why not. */
static const char *
refused(const http_pool *c, const char *url, char *why, size_t n)
{
	char *origin = http_origin(url), *host;
	int plain = strncmp(url, "http://", 7) == 0;

	if (!origin || (!plain && strncmp(url, "https://", 8))) {
		free(origin);
		snprintf(why, n, "not an http(s) URL: %s", url);
		return why;
	}
	host = origin_host(origin);
	if (plain && !c->allow_http && !http_is_loopback(host))
		snprintf(why, n, "refusing plain http to %s (not loopback); "
		         "use https or --allow-http", host);
	else
		why = NULL;
	free(host);
	free(origin);
	return why;
}

char *
http_link_next(const char *v)
{
	while (v && *v) {
		const char *lt = strchr(v, '<'), *gt, *end;

		if (!lt || !(gt = strchr(lt, '>')))
			return NULL;
		end = strchr(gt, ',');
		if (!end)
			end = gt + strlen(gt);
		for (const char *p = gt; p < end; p++)
			if (strncasecmp(p, "rel=\"next\"", 10) == 0 ||
			    strncasecmp(p, "rel=next", 8) == 0)
				return hf_strndup(lt + 1, (size_t)(gt - lt - 1));
		v = *end ? end + 1 : end;
	}
	return NULL;
}

static int
param_int(const char *v, const char *name, int *out)
{
	const char *p = v;
	size_t n = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		if ((p == v || p[-1] == ';' || p[-1] == ' ' || p[-1] == ',') &&
		    p[n] == '=') {
			long x = 0;

			/* digits only, held at a million: no overflow */
			for (p += n + 1; *p >= '0' && *p <= '9'; p++)
				x = x < 1000000 ? x * 10 + (*p - '0') : x;
			*out = (int)(x < 1000000 ? x : 1000000);
			return 1;
		}
		p += n;
	}
	return 0;
}

void
http_parse_ratelimit(const char *v, int *r, int *t)
{
	param_int(v, "r", r);
	param_int(v, "t", t);
}

void
http_parse_policy(const char *v, int *q, int *w)
{
	param_int(v, "q", q);
	param_int(v, "w", w);
}

double
http_parse_retry_after(const char *v)
{
	char *end;
	double s;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v < '0' || *v > '9')
		return -1; /* an HTTP-date, which the Hub does not send */
	s = strtod(v, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	return *end == '\0' ? s : -1;
}

double
http_backoff(double base, int attempt, double u)
{
	double wait = base * pow(2, attempt - 1);

	if (wait > 60)
		wait = 60;
	return wait * (0.75 + 0.5 * u);
}

/* The value of header line[0..n) when it is name's, malloc'd; the line
 * need not end in CR LF, nor hold a NUL. */
static char *
header_value(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	const char *v, *end = line + n;

	if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
		return NULL;
	for (v = line + k + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	                   end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return hf_strndup(v, (size_t)(end - v));
}

static void
set_pacer(http_pool *c, int q, int w)
{
	double *sent;
	int keep;

	if (q > 100000)
		q = 100000;
	if (q < 1 || w < 1 || (q == c->q && w == c->w))
		return;
	/* keep the newest timestamps: requests already made still count */
	sent = hf_calloc((size_t)q, sizeof *sent);
	keep = c->nsent < q ? c->nsent : q;
	for (int i = 0; i < keep; i++)
		sent[i] = c->sent[((c->head - keep + i) % c->q + c->q) % c->q];
	free(c->sent);
	c->sent = sent;
	c->q = q;
	c->w = w;
	c->nsent = keep;
	c->head = keep % q;
}

char *
http_endpoint(const char *given, char *err, size_t errlen)
{
	const char *env = getenv("HF_ENDPOINT");
	char *e;
	size_t n;

	if (!given && env && !*env) {
		snprintf(err, errlen, "HF_ENDPOINT is empty; unset it to use "
		         "https://huggingface.co");
		return NULL;
	}
	e = hf_strdup(given ? given : env ? env : "https://huggingface.co");
	while ((n = strlen(e)) > 0 && e[n - 1] == '/')
		e[n - 1] = '\0';
	return e;
}

int
http_pool_init(http_pool *p, const char *endpoint, const char *token,
               int allow_http, char *err, size_t errlen)
{
	char *origin = http_origin(endpoint), *host = NULL;
	int bad = 1;

	memset(p, 0, sizeof *p);
	p->allow_http = allow_http;
	if (!*endpoint)
		snprintf(err, errlen, "the endpoint is empty (HF_ENDPOINT or "
		         "--endpoint)");
	else if (origin && strchr(origin, '@'))
		/* user:password@ would be sent to every host a redirect names */
		snprintf(err, errlen, "endpoint must not contain a user name or "
		         "password; use a token");
	else if (origin && !*(host = origin_host(origin)))
		snprintf(err, errlen, "endpoint %s has no host", origin);
	else if (!refused(p, endpoint, err, errlen))
		bad = 0;
	free(host);
	free(origin);
	if (bad)
		return -1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	p->multi = curl_multi_init();
	p->origin_key = http_origin_key(endpoint);
	if (!p->multi || !p->origin_key) {
		snprintf(err, errlen, p->multi ? "endpoint %s is not a URL" :
		         "cannot start libcurl", endpoint);
		free(p->origin_key);
		if (p->multi)
			curl_multi_cleanup(p->multi);
		return -1;
	}
	/* several requests to one host share its connections, HTTP/2
	 * streams where the server speaks it */
	curl_multi_setopt(p->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	p->endpoint = hf_strdup(endpoint);
	p->token = token && *token ? token : NULL;
	p->base_wait = 1.0;
	p->connect_timeout = 10;
	p->stall_timeout = 30;
	p->q = 1000;
	p->w = 300;
	p->sent = hf_calloc((size_t)p->q, sizeof *p->sent);
	p->rng = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 20;
	return 0;
}

void
http_req_init(http_req *r)
{
	memset(r, 0, sizeof *r);
	r->retry_after = -1;
	out_init_mem(&r->body);
}

/* Forget the last response's header values. */
static void
clear_response(http_req *r)
{
	free(r->next);
	free(r->location);
	free(r->error_message);
	free(r->error_code);
	r->next = r->location = r->error_message = r->error_code = NULL;
	r->status = 0;
	r->retry_after = -1;
	r->body.len = 0;
}

void
http_req_free(http_req *r)
{
	clear_response(r);
	if (r->easy)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->hdrs);
	free(r->url);
	free(r->body.buf);
	memset(r, 0, sizeof *r);
}

/* Drop a request from the transfers in flight. */
static void
detach(http_pool *p, http_req *r)
{
	http_req **f = &p->flying;

	while (*f && *f != r)
		f = &(*f)->flying;
	if (*f)
		*f = r->flying;
	r->flying = NULL;
	curl_multi_remove_handle(p->multi, r->easy);
	curl_slist_free_all(r->hdrs);
	r->hdrs = NULL;
	p->running--;
}

void
http_pool_free(http_pool *p)
{
	if (p->multi)
		curl_multi_cleanup(p->multi);
	free(p->sent);
	free(p->origin_key);
	free(p->endpoint);
	memset(p, 0, sizeof *p);
}

void
http_take_header(http_pool *p, http_req *c, const char *buf, size_t len)
{
	char *v;
	int r = -1, t = -1, q = 0, w = 0;

	if ((v = header_value(buf, len, "link"))) {
		/* a Link line without rel="next" does not undo one that had it */
		char *next = http_link_next(v);

		if (next) {
			free(c->next);
			c->next = next;
		}
	} else if ((v = header_value(buf, len, "location"))) {
		free(c->location);
		c->location = hf_strdup(v);
	} else if ((v = header_value(buf, len, "retry-after"))) {
		c->retry_after = http_parse_retry_after(v);
	} else if ((v = header_value(buf, len, "ratelimit"))) {
		http_parse_ratelimit(v, &r, &t);
		if (r == 0 && t > 0)
			p->not_before = now_s() + (t < HTTP_WAIT_MAX ? t : HTTP_WAIT_MAX);
	} else if ((v = header_value(buf, len, "ratelimit-policy"))) {
		http_parse_policy(v, &q, &w);
		set_pacer(p, q, w);
	} else if ((v = header_value(buf, len, "x-error-message"))) {
		free(c->error_message);
		c->error_message = hf_strdup(v);
	} else if ((v = header_value(buf, len, "x-error-code"))) {
		free(c->error_code);
		c->error_code = hf_strdup(v);
	}
	free(v);
}

static size_t
on_header(char *buf, size_t size, size_t n, void *cls)
{
	http_req *r = cls;

	http_take_header(r->pool, r, buf, size * n);
	return size * n;
}

static size_t
on_body(char *buf, size_t size, size_t n, void *cls)
{
	http_req *r = cls;

	out_write(&r->body, buf, size * n);
	return size * n;
}

/* Seconds before the pacer lets another request go: a RateLimit that
 * said none are left, or q requests already sent within w seconds. */
static double
pace_wait(const http_pool *p, double now)
{
	double wait = p->not_before - now;

	if (p->nsent == p->q) {
		/* 2% slack: the server's clock and queue are not ours */
		double ring = p->sent[p->head] + p->w * 1.02 - now;

		if (ring > wait)
			wait = ring;
	}
	return wait > 0 ? wait : 0;
}

static void
pace_mark(http_pool *p, double now)
{
	p->sent[p->head] = now;
	p->head = (p->head + 1) % p->q;
	if (p->nsent < p->q)
		p->nsent++;
}

/* Report a pacer wait once, when it begins. */
static void
say_pacing(http_pool *p, double now, double wait)
{
	if (p->pacing_said)
		return;
	p->pacing_said = 1;
	if (p->not_before > now && p->not_before - now >= wait)
		say(p, "rate limit reached (RateLimit r=0); waiting %.1f s", wait);
	else
		say(p, "pacing: %d requests in %d s; waiting %.1f s", p->q, p->w,
		    wait);
}

static double
uniform(http_pool *p)
{
	p->rng = p->rng * 6364136223846793005u + 1442695040888963407u;
	return (double)(p->rng >> 11) / 9007199254740992.0;
}

/* Hand r over to libcurl. */
static void
send_req(http_pool *p, http_req *r)
{
	char auth[4096], *key = http_origin_key(r->url);
	int same = key && strcmp(key, p->origin_key) == 0;
	CURL *e;

	free(key);
	clear_response(r);
	if (!r->easy)
		r->easy = curl_easy_init();
	e = r->easy;
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT,
	                 "hf-list/" HF_VERSION " (hf-tools; libcurl)");
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, p->connect_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, p->stall_timeout);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	r->hdrs = curl_slist_append(NULL, "Accept: application/json");
	if (same && p->token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", p->token);
		r->hdrs = curl_slist_append(r->hdrs, auth);
		memset(auth, 0, sizeof auth);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->hdrs);
	curl_multi_add_handle(p->multi, e);
	r->flying = p->flying;
	p->flying = r;
	p->running++;
	p->pacing_said = 0;
}

static void
finish(http_pool *p, http_req *r, int result)
{
	r->result = result;
	r->link = NULL;
	if (p->done_tail)
		p->done_tail->link = r;
	else
		p->done = r;
	p->done_tail = r;
}

/* A final failure that is not an HTTP status: status 0 and why. */
static void
fail(http_pool *p, http_req *r, int result, const char *why)
{
	r->status = 0;
	free(r->error_message);
	r->error_message = hf_strdup(why);
	finish(p, r, result);
}

static void
enqueue(http_pool *p, http_req *r)
{
	http_req **q = &p->queue;

	while (*q)
		q = &(*q)->link;
	r->link = NULL;
	*q = r;
}

void
http_submit(http_pool *p, http_req *r, const char *url)
{
	free(r->url);
	r->url = hf_strdup(url);
	r->pool = p;
	r->attempt = r->hops = 0;
	r->wake = 0;
	r->result = HTTP_OK;
	clear_response(r);
	enqueue(p, r);
}

/* Start what may start now, in order; the seconds until the next queued
 * request may go, or -1 when none is queued. */
static double
start_due(http_pool *p, double now)
{
	http_req **q = &p->queue;
	double next = -1;
	char why[512];

	while (*q) {
		http_req *r = *q;
		double wait;

		if (r->wake > now) {
			if (next < 0 || r->wake - now < next)
				next = r->wake - now;
			q = &r->link;
			continue;
		}
		if (refused(p, r->url, why, sizeof why)) {
			*q = r->link;
			fail(p, r, HTTP_FAILED, why);
			continue;
		}
		if ((wait = pace_wait(p, now)) > 0) {
			say_pacing(p, now, wait);
			return next < 0 || wait < next ? wait : next;
		}
		pace_mark(p, now);
		*q = r->link;
		send_req(p, r);
	}
	return next;
}

static int
retryable_status(long s)
{
	return s == 408 || s == 429 || s == 500 || s == 502 || s == 503 ||
	       s == 504;
}

/* Transport errors that another attempt may not meet. */
static int
retryable_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT: case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
	case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_WEIRD_SERVER_REPLY:
		return 1;
	default:
		return 0;
	}
}

/* Another attempt of r, after a wait, or the end of its tries. */
static void
retry(http_pool *p, http_req *r, CURLcode rc, const char *why)
{
	int early = rc != CURLE_OK && !p->answered;
	int limit = early ? HTTP_EARLY_ATTEMPTS : HTTP_ATTEMPTS;
	double wait, now = now_s();

	if (++r->attempt >= limit) {
		if (early) {
			char msg[1024];

			snprintf(msg, sizeof msg, "cannot reach %s: %s", p->endpoint,
			         why);
			fail(p, r, HTTP_UNREACHABLE, msg);
			return;
		}
		if (p->tty && !p->quiet)
			fputs("\r\033[K", stderr);
		hf_warn("%s: %s; giving up after %d attempts", r->what, why,
		        r->attempt);
		finish(p, r, HTTP_GAVE_UP);
		return;
	}
	/* before the endpoint ever answered, a few quick tries only */
	wait = http_backoff(early ? p->base_wait / 2 : p->base_wait, r->attempt,
	                    uniform(p));
	if (r->retry_after >= 0)
		wait = r->retry_after;
	if (p->not_before > now && p->not_before - now > wait)
		wait = p->not_before - now;
	if (!(wait <= HTTP_WAIT_MAX))
		wait = HTTP_WAIT_MAX;
	p->retries++;
	say(p, "%s: %s; attempt %d of %d in %.1f s", r->what, why,
	    r->attempt + 1, limit, wait);
	r->wake = now + wait;
	enqueue(p, r);
}

/* A transfer ended: done, redirected, retried or failed. */
static void
transfer_done(http_pool *p, http_req *r, CURLcode rc)
{
	curl_off_t dl = 0;
	char why[512];

	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(r->easy, CURLINFO_SIZE_DOWNLOAD_T, &dl);
	detach(p, r);
	p->bytes += (double)dl;
	p->requests++;
	if (r->status > 0)
		p->answered = 1;
	if (rc == CURLE_OK && r->status >= 301 && r->status <= 308 &&
	    r->status != 304 && r->location && r->hops < 5) {
		char *next = http_resolve(r->url, r->location);

		if (!next) {
			fail(p, r, HTTP_FAILED, "a redirect to what is not a URL");
			return;
		}
		free(r->url);
		r->url = next;
		r->hops++;
		r->wake = 0;
		enqueue(p, r);
		return;
	}
	if (rc == CURLE_OK && r->status >= 200 && r->status < 300 &&
	    (!r->check || r->check(r->ctx, r->body.buf, r->body.len) == 0)) {
		if (r->next && !strstr(r->next, "://")) {
			/* the Hub's links are absolute; be lenient */
			char *abs = http_resolve(r->url, r->next);

			free(r->next);
			r->next = abs;
			if (!abs) {
				fail(p, r, HTTP_FAILED, "a next link that is not a URL");
				return;
			}
		}
		finish(p, r, HTTP_OK);
		return;
	}
	if (rc == CURLE_OK && !retryable_status(r->status) &&
	    !(r->status >= 200 && r->status < 300)) {
		finish(p, r, HTTP_FAILED);
		return;
	}
	if (rc != CURLE_OK && !retryable_error(rc)) {
		fail(p, r, HTTP_FAILED, curl_easy_strerror(rc));
		return;
	}
	if (rc != CURLE_OK)
		snprintf(why, sizeof why, "%s", curl_easy_strerror(rc));
	else if (r->status >= 200 && r->status < 300)
		snprintf(why, sizeof why, "HTTP %ld with a body that is not "
		         "the JSON expected", r->status);
	else
		snprintf(why, sizeof why, "HTTP %ld", r->status);
	retry(p, r, rc, why);
}

void
http_cancel(http_pool *p)
{
	CURLMsg *m;
	int left;

	for (http_req *r = p->queue, *n; r; r = n) {
		n = r->link;
		r->link = NULL;
		r->result = HTTP_STOPPED;
	}
	p->queue = NULL;
	p->done = p->done_tail = NULL;
	while ((m = curl_multi_info_read(p->multi, &left)))
		;
	while (p->flying) {
		http_req *r = p->flying;

		detach(p, r);
		r->result = HTTP_STOPPED;
	}
}

/* Hand back the first finished request, if any. */
static int
pop_done(http_pool *p, http_req **done)
{
	if (!p->done)
		return 0;
	*done = p->done;
	if (!(p->done = p->done->link))
		p->done_tail = NULL;
	(*done)->link = NULL;
	return 1;
}

/* Start what is due and let libcurl move; the seconds until the next
 * queued request may go (-1: none queued). */
static double
turn(http_pool *p, double now)
{
	double wait = start_due(p, now);
	CURLMsg *m;
	int still, left;

	if (p->done || (!p->running && !p->queue))
		return wait;
	curl_multi_perform(p->multi, &still);
	while ((m = curl_multi_info_read(p->multi, &left)))
		if (m->msg == CURLMSG_DONE) {
			http_req *r;

			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			transfer_done(p, r, m->data.result);
		}
	return wait;
}

int
http_next_ready(http_pool *p, http_req **done)
{
	if (p->stop && *p->stop)
		return 0;
	if (!p->done)
		turn(p, now_s());
	return pop_done(p, done);
}

int
http_next(http_pool *p, http_req **done)
{
	double last_tick = 0;

	for (;;) {
		double now = now_s(), wait;
		int ms;

		if (p->stop && *p->stop) {
			http_cancel(p);
			return -1;
		}
		if (pop_done(p, done))
			return 1;
		wait = turn(p, now);
		if (p->done)
			continue;
		if (!p->running && !p->queue)
			return 0;
		if (p->tick && now - last_tick >= 0.2) {
			p->tick(p->tick_arg, p->running ? 0 : wait);
			last_tick = now;
		}
		/* wake for the next start, a signal, or the next tick */
		ms = 200;
		if (wait >= 0 && wait * 1000 < ms)
			ms = (int)(wait * 1000) + 1;
		curl_multi_poll(p->multi, NULL, 0, ms, NULL);
		if (!p->running)
			p->waited += now_s() - now;
	}
}

int
http_get(http_pool *p, http_req *r, const char *url)
{
	http_req *done;

	http_submit(p, r, url);
	while (http_next(p, &done) == 1)
		if (done == r)
			return r->result;
	return HTTP_STOPPED;
}
