/* http.c - GET with retries, pacing and safe redirects, on libcurl. */
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
say(const http_client *c, const char *fmt, ...)
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
refused(const http_client *c, const char *url, char *why, size_t n)
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

int
http_init(http_client *c, const char *endpoint, const char *token,
          int allow_http, char *err, size_t errlen)
{
	char *origin = http_origin(endpoint), *host = NULL;
	int bad = 1;

	memset(c, 0, sizeof *c);
	c->allow_http = allow_http;
	if (origin && strchr(origin, '@'))
		/* user:password@ would be sent to every host a redirect names */
		snprintf(err, errlen, "endpoint must not contain a user name or "
		         "password; use a token");
	else if (origin && !*(host = origin_host(origin)))
		snprintf(err, errlen, "endpoint %s has no host", origin);
	else if (!refused(c, endpoint, err, errlen))
		bad = 0;
	free(host);
	free(origin);
	if (bad)
		return -1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c->curl = curl_easy_init();
	c->origin_key = http_origin_key(endpoint);
	if (!c->curl || !c->origin_key) {
		snprintf(err, errlen, c->curl ? "endpoint %s is not a URL" :
		         "cannot start libcurl", endpoint);
		free(c->origin_key);
		if (c->curl)
			curl_easy_cleanup(c->curl);
		return -1;
	}
	c->token = token && *token ? token : NULL;
	c->base_wait = 1.0;
	c->connect_timeout = 10;
	c->stall_timeout = 30;
	c->q = 1000;
	c->w = 300;
	c->sent = hf_calloc((size_t)c->q, sizeof *c->sent);
	c->retry_after = -1;
	c->rng = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 20;
	out_init_mem(&c->body);
	return 0;
}

void
http_free(http_client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	free(c->sent);
	free(c->origin_key);
	free(c->next);
	free(c->location);
	free(c->error_message);
	free(c->error_code);
	free(c->body.buf);
	memset(c, 0, sizeof *c);
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
			*out = atoi(p + n + 1);
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

static char *
header_value(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	const char *v;

	if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
		return NULL;
	v = line + k + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	n -= (size_t)(v - line);
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	return hf_strndup(v, n);
}

static void
set_pacer(http_client *c, int q, int w)
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

void
http_take_header(http_client *c, const char *buf, size_t len)
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
			c->not_before = now_s() + (t < HTTP_WAIT_MAX ? t : HTTP_WAIT_MAX);
	} else if ((v = header_value(buf, len, "ratelimit-policy"))) {
		http_parse_policy(v, &q, &w);
		set_pacer(c, q, w);
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
	http_take_header(cls, buf, size * n);
	return size * n;
}

/* A signal ends a transfer at once rather than after the page. */
static int
on_xfer(void *cls, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
        curl_off_t ulnow)
{
	const http_client *c = cls;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return c->stop && *c->stop;
}

static size_t
on_body(char *buf, size_t size, size_t n, void *cls)
{
	http_client *c = cls;

	out_write(&c->body, buf, size * n);
	return size * n;
}

/* Sleep up to s seconds; 0, or -1 when a signal asked us to stop. */
static int
nap(http_client *c, double s)
{
	double end = now_s() + s;

	while (!(c->stop && *c->stop)) {
		double left = end - now_s();
		struct timespec ts;

		if (left <= 0)
			return 0;
		if (c->on_wait)
			c->on_wait(c->wait_arg, left);
		if (left > 0.2)
			left = 0.2;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	return -1;
}

/* Keep under the policy: at most q requests in any w seconds. */
static int
pace(http_client *c)
{
	double t = now_s();

	if (c->not_before > t) {
		say(c, "rate limit reached (RateLimit r=0); waiting %.1f s",
		    c->not_before - t);
		if (nap(c, c->not_before - t) < 0)
			return -1;
	}
	if (c->nsent == c->q) {
		double oldest = c->sent[c->head];
		/* 2% slack: the server's clock and queue are not ours */
		double wait = oldest + c->w * 1.02 - now_s();

		if (wait > 0) {
			say(c, "pacing: %d requests in %d s; waiting %.1f s",
			    c->q, c->w, wait);
			if (nap(c, wait) < 0)
				return -1;
		}
	}
	c->sent[c->head] = now_s();
	c->head = (c->head + 1) % c->q;
	if (c->nsent < c->q)
		c->nsent++;
	return 0;
}

static double
uniform(http_client *c)
{
	c->rng = c->rng * 6364136223846793005u + 1442695040888963407u;
	return (double)(c->rng >> 11) / 9007199254740992.0;
}

/* One request, no retries.  Returns the CURLcode. */
static CURLcode
perform(http_client *c, const char *url, int with_token)
{
	struct curl_slist *hdrs = NULL;
	char auth[4096];
	CURLcode rc;
	curl_off_t dl = 0;

	c->body.len = 0;
	c->status = 0;
	c->retry_after = -1;
	free(c->next);
	free(c->location);
	free(c->error_message);
	free(c->error_code);
	c->next = c->location = c->error_message = c->error_code = NULL;
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c->curl, CURLOPT_USERAGENT,
	                 "hf-list/" HF_VERSION " (hf-tools; libcurl)");
	curl_easy_setopt(c->curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT, c->connect_timeout);
	curl_easy_setopt(c->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c->curl, CURLOPT_LOW_SPEED_TIME, c->stall_timeout);
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(c->curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c->curl, CURLOPT_XFERINFOFUNCTION, on_xfer);
	curl_easy_setopt(c->curl, CURLOPT_XFERINFODATA, c);
	hdrs = curl_slist_append(hdrs, "Accept: application/json");
	if (with_token && c->token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", c->token);
		hdrs = curl_slist_append(hdrs, auth);
		memset(auth, 0, sizeof auth);
	}
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, hdrs);
	rc = curl_easy_perform(c->curl);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdrs);
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &c->status);
	curl_easy_getinfo(c->curl, CURLINFO_SIZE_DOWNLOAD_T, &dl);
	c->bytes += (double)dl;
	c->requests++;
	return rc;
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

/* A final failure that is not an HTTP status: status 0 and why. */
static int
fail(http_client *c, char *url, const char *why)
{
	c->status = 0;
	free(c->error_message);
	c->error_message = hf_strdup(why);
	free(url);
	return HTTP_FAILED;
}

int
http_get(http_client *c, const char *start_url, http_check check, void *ctx)
{
	char *url = hf_strdup(start_url), why[256];
	int attempt = 0, hops = 0;

	for (;;) {
		char *key = http_origin_key(url);
		int same = key && strcmp(key, c->origin_key) == 0;
		CURLcode rc;
		double wait;

		free(key);
		if (refused(c, url, why, sizeof why))
			return fail(c, url, why);
		if (pace(c) < 0)
			break;
		rc = perform(c, url, same);
		if (c->stop && *c->stop)
			break;
		if (rc == CURLE_OK && c->status >= 301 && c->status <= 308 &&
		    c->status != 304 && c->location && hops < 5) {
			char *next = http_resolve(url, c->location);

			if (!next)
				return fail(c, url, "a redirect to what is not a URL");
			free(url);
			url = next;
			hops++;
			continue;
		}
		if (rc == CURLE_OK && c->status >= 200 && c->status < 300 &&
		    (!check || check(ctx, c->body.buf, c->body.len) == 0)) {
			if (c->next && !strstr(c->next, "://")) {
				/* the Hub's links are absolute; be lenient */
				char *abs = http_resolve(url, c->next);

				free(c->next);
				c->next = abs;
				if (!abs)
					return fail(c, url, "a next link that is not a URL");
			}
			free(url);
			return HTTP_OK;
		}
		if (rc == CURLE_OK && !retryable_status(c->status) &&
		    !(c->status >= 200 && c->status < 300)) {
			free(url);
			return HTTP_FAILED;
		}
		if (rc != CURLE_OK && !retryable_error(rc))
			return fail(c, url, curl_easy_strerror(rc));
		if (rc != CURLE_OK)
			snprintf(why, sizeof why, "%s", curl_easy_strerror(rc));
		else if (c->status >= 200 && c->status < 300)
			snprintf(why, sizeof why, "HTTP %ld with a body that is not "
			         "the JSON expected", c->status);
		else
			snprintf(why, sizeof why, "HTTP %ld", c->status);
		if (++attempt >= HTTP_ATTEMPTS) {
			if (c->tty)
				fputs("\r\033[K", stderr);
			hf_warn("%s: %s; giving up after %d attempts", c->what, why,
			        attempt);
			free(url);
			return HTTP_GAVE_UP;
		}
		wait = http_backoff(c->base_wait, attempt, uniform(c));
		if (c->retry_after >= 0)
			wait = c->retry_after;
		if (c->not_before > now_s() && c->not_before - now_s() > wait)
			wait = c->not_before - now_s();
		if (!(wait <= HTTP_WAIT_MAX))
			wait = HTTP_WAIT_MAX;
		c->retries++;
		say(c, "%s: %s; attempt %d of %d in %.1f s", c->what, why,
		    attempt + 1, HTTP_ATTEMPTS, wait);
		if (nap(c, wait) < 0)
			break;
	}
	free(url);
	return HTTP_STOPPED;
}
