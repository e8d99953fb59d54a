/* hf-serve - serve a frozen Hub listing with the Hub's model API on
 * loopback, with faults on demand, for tests, demos and offline CI. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../lib/fault.h"
#include "../lib/hub.h"
#include "../lib/hubref.h"
#include "../lib/opt.h"
#include "../lib/url.h"

enum { RT_LIST, RT_MODEL, RT_RESOLVE, RT_STATS, RT_OTHER, RT_COUNT };
static const char *const route_name[RT_COUNT] = {
	"list", "model", "resolve", "stats", "other"
};

struct opts {
	const char *bind, *aliases, *snapshot;
	int port, latency_ms, max_page;
	char **grant, **token;
	int ngrant, ntoken;
	uint64_t seed;
	fault_conf fault;
};

/* Everything the request threads share; the counters under lock. */
struct server {
	struct opts o;
	hub h;
	char origin[64];
	pthread_mutex_t lock;
	fault_state fs;
	long requests[RT_COUNT];
	int auth_seen[RT_COUNT];
	long *downloads;
};

/* What one request gets back, built before it is queued. */
struct reply {
	int status;
	hf_out body;
	const char *type;
	char *location, *link, *error_code, *error_message, *etag, *commit;
	char *content_range;
	int fault; /* FAULT_RESET or FAULT_TRUNC: cut the body; -1 none */
	int ratelimit_r, ratelimit_t;
};

/* ---- replies ---- */

static void
reply_error(struct reply *r, int status, const char *code, const char *msg)
{
	r->status = status;
	r->body.len = 0;
	out_puts(&r->body, "{\"error\":");
	out_json_str(&r->body, msg, strlen(msg), 0);
	out_putc(&r->body, '}');
	r->type = "application/json";
	free(r->error_code);
	free(r->error_message);
	r->error_code = code ? hf_strdup(code) : NULL;
	r->error_message = hf_strdup(msg);
}

static char *
xprintf(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
	char *s = hf_malloc(n);

	snprintf(s, n, fmt, a, b);
	return s;
}

/* ---- the listing ---- */

static int64_t
parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case 'K': case 'k': v *= 1e3; end++; break;
	case 'M': case 'm': v *= 1e6; end++; break;
	case 'B': case 'b': case 'G': case 'g': v *= 1e9; end++; break;
	case 'T': case 't': v *= 1e12; end++; break;
	}
	return *end ? -1 : (int64_t)v;
}

/* num_parameters=min:6B,max:128B */
static int
parse_num_parameters(const char *s, hub_query *hq)
{
	char buf[128], *tok, *save;

	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strncmp(tok, "min:", 4) == 0)
			hq->min_params = parse_size(tok + 4);
		else if (strncmp(tok, "max:", 4) == 0)
			hq->max_params = parse_size(tok + 4);
		else
			return -1;
		if ((strncmp(tok, "min:", 4) == 0 ? hq->min_params : hq->max_params) < 0)
			return -1;
	}
	return 0;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The cursor is base64 of {"$pos":N}, '=' written as %3D as the Hub's. */
static void
encode_cursor(char *out, size_t outlen, size_t pos)
{
	char raw[48];
	int n = snprintf(raw, sizeof raw, "{\"$pos\":%zu}", pos);
	size_t o = 0;

	for (int i = 0; i < n && o + 12 < outlen; i += 3) {
		unsigned v = (unsigned char)raw[i] << 16;

		if (i + 1 < n)
			v |= (unsigned char)raw[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)raw[i + 2];
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		if (i + 1 < n)
			out[o++] = b64[v >> 6 & 63];
		else
			o += (size_t)sprintf(out + o, "%%3D");
		if (i + 2 < n)
			out[o++] = b64[v & 63];
		else
			o += (size_t)sprintf(out + o, "%%3D");
	}
	out[o] = '\0';
}

static int
decode_cursor(const char *s, size_t *pos)
{
	char raw[64];
	size_t n = 0;
	unsigned v = 0;
	int bits = 0;
	char *end;

	for (; *s && *s != '='; s++) {
		const char *p = strchr(b64, *s);

		if (!p || !*s || n + 1 >= sizeof raw)
			return -1;
		v = v << 6 | (unsigned)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			raw[n++] = (char)(v >> bits & 255);
		}
	}
	raw[n] = '\0';
	if (strncmp(raw, "{\"$pos\":", 8) != 0)
		return -1;
	errno = 0;
	*pos = strtoul(raw + 8, &end, 10);
	return errno || strcmp(end, "}") != 0 ? -1 : 0;
}

/* The next link: the query as sent, less its cursor, plus the new one. */
static char *
next_link(const struct server *s, const char *host, const url_query *q,
          size_t pos)
{
	hf_out w;
	char cur[96];
	int any = 0;

	out_init_mem(&w);
	out_puts(&w, "<http://");
	out_puts(&w, host);
	out_puts(&w, "/api/models?");
	for (int i = 0; i < q->n; i++) {
		if (strcmp(q->p[i].key, "cursor") == 0)
			continue;
		if (any++)
			out_putc(&w, '&');
		out_write(&w, q->p[i].raw, q->p[i].rawlen);
	}
	if (!url_query_get(q, "sort")) {
		out_puts(&w, any++ ? "&" : "");
		out_puts(&w, "sort=trendingScore");
	}
	encode_cursor(cur, sizeof cur, pos);
	out_puts(&w, any ? "&cursor=" : "cursor=");
	out_puts(&w, cur);
	out_puts(&w, ">; rel=\"next\"");
	out_putc(&w, '\0');
	(void)s;
	return w.buf;
}

/* Collect the expand values (both expand= and expand[]=); -1 and an
 * error reply on an unknown one. */
static int
collect_expand(const url_query *q, const char **expand, int *n,
               struct reply *r)
{
	*n = 0;
	for (int i = 0; i < q->n; i++) {
		if (strcmp(q->p[i].key, "expand") && strcmp(q->p[i].key, "expand[]"))
			continue;
		if (!hub_expandable(q->p[i].val)) {
			char msg[256];

			snprintf(msg, sizeof msg, "Invalid expand value: %.200s",
			         q->p[i].val);
			reply_error(r, 400, NULL, msg);
			return -1;
		}
		if (*n < 64)
			expand[(*n)++] = q->p[i].val;
	}
	return 0;
}

static void
list_models(struct server *s, const url_query *q, const char *host,
            struct reply *r)
{
	hub_query hq = { NULL, 0, url_query_get(q, "author"), url_query_get(q, "search"),
	                 url_query_get(q, "pipeline_tag"), -1, -1, -1 };
	const char *filter[64], *expand[64], *v;
	int nexpand, key = 0, with_config, full;
	int64_t limit = s->o.max_page;
	size_t pos = 0, count = 0;
	const size_t *order;

	for (int i = 0; i < q->n && hq.nfilter < 64; i++)
		if (strcmp(q->p[i].key, "filter") == 0)
			filter[hq.nfilter++] = q->p[i].val;
	hq.filter = filter;
	if (collect_expand(q, expand, &nexpand, r) < 0)
		return;
	if ((v = url_query_get(q, "gated")))
		hq.gated = strcmp(v, "true") == 0;
	if ((v = url_query_get(q, "num_parameters")) && parse_num_parameters(v, &hq) < 0)
		{
		reply_error(r, 400, NULL, "Invalid num_parameters");
		return;
	}
	if ((v = url_query_get(q, "sort")) && (key = hub_sort_key(v)) < 0)
		{
		reply_error(r, 400, NULL, "Invalid sort parameter");
		return;
	}
	if ((v = url_query_get(q, "limit")) && ((limit = num_parse_count(v)) < 1))
		{
		reply_error(r, 400, NULL, "Invalid limit parameter");
		return;
	}
	if (limit > s->o.max_page)
		limit = s->o.max_page;
	if ((v = url_query_get(q, "cursor")) && decode_cursor(v, &pos) < 0)
		{
		reply_error(r, 400, NULL, "Invalid cursor");
		return;
	}
	with_config = (v = url_query_get(q, "config")) && strcmp(v, "true") == 0;
	full = (v = url_query_get(q, "full")) && strcmp(v, "true") == 0;
	order = hub_sorted(&s->h, key);
	out_putc(&r->body, '[');
	for (; pos < s->h.n; pos++) {
		const hub_model *m = &s->h.m[order[pos]];

		if (!hub_match(m, &hq))
			continue;
		if ((int64_t)count == limit)
			break; /* one more exists: there is a next page */
		if (count++)
			out_putc(&r->body, ',');
		if (nexpand) {
			hub_write_model(&r->body, m, HUB_EXPAND, expand, nexpand, 0);
		} else if (full) {
			static const char *const full_keys[] = {
				"author", "sha", "lastModified", "gated", "private",
				"likes", "downloads", "tags", "pipeline_tag",
				"library_name", "createdAt", "trendingScore", "config"
			};
			hub_write_model(&r->body, m, HUB_EXPAND, full_keys,
			                with_config ? 13 : 12, 0);
		} else {
			hub_write_model(&r->body, m, HUB_DEFAULT_LIST, NULL, 0,
			                with_config);
		}
	}
	out_putc(&r->body, ']');
	r->status = 200;
	r->type = "application/json";
	if (pos < s->h.n)
		r->link = next_link(s, host, q, pos);
}

/* ---- one model, config.json ---- */

static const hub_model *
find_or_redirect(struct server *s, const char *id, const char *prefix,
                 const char *suffix, const char *qs, struct reply *r,
                 int anonymous)
{
	const hub_model *m = hub_find(&s->h, id, strlen(id));
	const char *renamed;

	if (m)
		return m;
	if ((renamed = hub_alias(&s->h, id, strlen(id)))) {
		hf_out w;

		out_init_mem(&w);
		out_puts(&w, prefix);
		out_puts(&w, renamed);
		out_puts(&w, suffix);
		if (qs && *qs) {
			out_putc(&w, '?');
			out_puts(&w, qs);
		}
		out_putc(&w, '\0');
		r->location = w.buf;
		r->status = 307;
		r->type = "text/plain; charset=utf-8";
		r->body.len = 0;
		out_puts(&r->body, "Temporary Redirect. Redirecting to ");
		out_puts(&r->body, r->location);
		return NULL;
	}
	if (anonymous)
		reply_error(r, 401, "RepoNotFound", "Invalid username or password.");
	else
		reply_error(r, 404, "RepoNotFound", "Repository not found");
	return NULL;
}

static void
model_info(struct server *s, char *rest, const char *qs, const url_query *q,
           struct reply *r, int anonymous)
{
	const char *expand[64];
	char *rev = strstr(rest, "/revision/"), suffix[256] = "";
	const hub_model *m;
	int nexpand;

	if (rev) {
		snprintf(suffix, sizeof suffix, "%s", rev);
		*rev = '\0';
	}
	if (!ref_valid_id(rest))
		{
		reply_error(r, 400, NULL, "Invalid repo id");
		return;
	}
	if (collect_expand(q, expand, &nexpand, r) < 0)
		return;
	if (!(m = find_or_redirect(s, rest, "/api/models/", suffix, qs, r,
	                           anonymous)))
		return;
	r->status = 200;
	r->type = "application/json";
	hub_write_model(&r->body, m, nexpand ? HUB_EXPAND : HUB_DEFAULT_INFO,
	                expand, nexpand, 0);
}

static void
resolve(struct server *s, char *path, const char *qs, const char *range,
        struct reply *r, int auth, int granted)
{
	char *res = strstr(path, "/resolve/"), *rev, *file, suffix[512];
	const hub_model *m;
	size_t shalen, total, from = 0, to;
	const char *sha;

	*res = '\0';
	rev = res + 9;
	if (!(file = strchr(rev, '/')))
		{
		reply_error(r, 404, "EntryNotFound", "Entry not found");
		return;
	}
	*file++ = '\0';
	snprintf(suffix, sizeof suffix, "/resolve/%s/%s", rev, file);
	if (!ref_valid_id(path + 1))
		{
		reply_error(r, 400, NULL, "Invalid repo id");
		return;
	}
	if (!(m = find_or_redirect(s, path + 1, "/", suffix, qs, r, !auth)))
		return;
	sha = hub_member_value(m, "sha", &shalen);
	if (strcmp(rev, "main") && strcmp(rev, "HEAD") &&
	    !(sha && shalen == strlen(rev) + 2 && !memcmp(sha + 1, rev, shalen - 2)))
		{
		reply_error(r, 404, "RevisionNotFound", "Invalid rev id");
		return;
	}
	if (m->gated && !auth) {
		char msg[512];

		snprintf(msg, sizeof msg, "Access to model %.*s is restricted. You "
		         "must have access to it and be authenticated to access "
		         "it. Please log in.", (int)m->idlen, m->id);
		{
		reply_error(r, 401, "GatedRepo", msg);
		return;
	}
	}
	if (m->gated && !granted) {
		char msg[512];

		snprintf(msg, sizeof msg, "Access to model %.*s is restricted and "
		         "you are not in the authorized list. Visit "
		         "https://huggingface.co/%.*s to ask for access.",
		         (int)m->idlen, m->id, (int)m->idlen, m->id);
		{
		reply_error(r, 403, "GatedRepo", msg);
		return;
	}
	}
	if (strcmp(file, "config.json") || !m->config)
		{
		reply_error(r, 404, "EntryNotFound", "Entry not found");
		return;
	}
	pthread_mutex_lock(&s->lock);
	s->downloads[m - s->h.m]++;
	pthread_mutex_unlock(&s->lock);
	total = m->config_len;
	to = total ? total - 1 : 0;
	if (range && strncmp(range, "bytes=", 6) == 0 && total) {
		char *end;
		const char *spec = range + 6;

		if (*spec == '-') {
			size_t n = strtoul(spec + 1, &end, 10);
			from = n >= total ? 0 : total - n;
		} else {
			from = strtoul(spec, &end, 10);
			if (*end == '-' && end[1])
				to = strtoul(end + 1, &end, 10);
		}
		if (from >= total || from > to)
			{
		reply_error(r, 416, NULL, "Range Not Satisfiable");
		return;
	}
		if (to >= total)
			to = total - 1;
		char cr[96];
		snprintf(cr, sizeof cr, "bytes %zu-%zu/%zu", from, to, total);
		r->content_range = hf_strdup(cr);
		r->status = 206;
	} else {
		r->status = 200;
	}
	out_write(&r->body, m->config + from, total ? to - from + 1 : 0);
	r->type = "application/json";
	{
		char etag[48], commit[48];
		uint64_t h = num_hash(m->config, total);

		snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)h);
		r->etag = hf_strdup(etag);
		if (sha && shalen == 42)
			snprintf(commit, sizeof commit, "%.40s", sha + 1);
		else
			snprintf(commit, sizeof commit, "%040d", 0);
		r->commit = hf_strdup(commit);
	}
}

static void
stats(struct server *s, struct reply *r)
{
	hf_out *w = &r->body;
	int any = 0;

	pthread_mutex_lock(&s->lock);
	out_puts(w, "{\"requests\":{");
	for (int i = 0; i < RT_COUNT; i++)
		out_printf(w, "%s\"%s\":%ld", i ? "," : "", route_name[i],
		           s->requests[i]);
	out_puts(w, "},\"downloads\":{");
	for (size_t i = 0; i < s->h.n; i++) {
		if (!s->downloads[i])
			continue;
		if (any++)
			out_putc(w, ',');
		out_putc(w, '"');
		out_write(w, s->h.m[i].id, s->h.m[i].idlen);
		out_printf(w, "\":%ld", s->downloads[i]);
	}
	out_puts(w, "},\"auth_seen\":{");
	for (int i = 0; i < RT_COUNT; i++)
		out_printf(w, "%s\"%s\":%s", i ? "," : "", route_name[i],
		           s->auth_seen[i] ? "true" : "false");
	out_puts(w, "},\"faults\":{");
	for (int i = 0; i < FAULT_COUNT; i++)
		out_printf(w, "%s\"%s\":%ld", i ? "," : "", fault_name[i],
		           s->fs.count[i]);
	out_puts(w, "}}");
	pthread_mutex_unlock(&s->lock);
	r->status = 200;
	r->type = "application/json";
}

/* ---- faults, auth, dispatch ---- */

static int
classify(const char *path)
{
	if (strcmp(path, "/api/models") == 0 || strcmp(path, "/api/models/") == 0)
		return RT_LIST;
	if (strncmp(path, "/api/models/", 12) == 0)
		return RT_MODEL;
	if (strcmp(path, "/_stats") == 0)
		return RT_STATS;
	if (strstr(path, "/resolve/"))
		return RT_RESOLVE;
	return RT_OTHER;
}

/* Decide this request's fault, in arrival order.  Returns a FAULT_*. */
static int
draw_fault(struct server *s, int route, struct reply *r)
{
	int fault = FAULT_NONE;
	fault_limit lim;

	pthread_mutex_lock(&s->lock);
	s->requests[route]++;
	if (route != RT_STATS && route != RT_OTHER) {
		fault = fault_draw(&s->fs, &s->o.fault, time(NULL), &lim);
		r->ratelimit_r = lim.remaining;
		r->ratelimit_t = lim.reset;
	}
	pthread_mutex_unlock(&s->lock);
	return fault;
}

static int
token_in(char *const *list, int n, const char *t)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], t) == 0)
			return 1;
	return 0;
}

static void
handle(struct server *s, struct MHD_Connection *c, const char *method,
       char *uri, struct reply *r)
{
	char *qs = strchr(uri, '?');
	const char *authz = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                                "Authorization");
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	int route, fault, auth = 0, granted = 0;
	url_query q;

	if (qs)
		*qs++ = '\0';
	url_decode(uri);
	route = classify(uri);
	fault = draw_fault(s, route, r);
	if (authz) {
		pthread_mutex_lock(&s->lock);
		s->auth_seen[route] = 1;
		pthread_mutex_unlock(&s->lock);
	}
	if (s->o.latency_ms && route != RT_STATS)
		usleep((useconds_t)s->o.latency_ms * 1000);
	r->fault = fault == FAULT_RESET || fault == FAULT_TRUNC ? fault : -1;
	if (fault == FAULT_REDIRECT) {
		r->location = xprintf("%s%s", s->o.fault.redirect_to, uri);
		if (qs) {
			char *l = r->location;
			r->location = xprintf("%s?%s", l, qs);
			free(l);
		}
		r->status = 307;
		r->type = "text/plain; charset=utf-8";
		out_puts(&r->body, "Temporary Redirect");
		return;
	}
	if (fault == FAULT_429) {
		char msg[128];

		snprintf(msg, sizeof msg, "You have exceeded our rate limit, retry in %d seconds",
		         r->ratelimit_t);
		{
		reply_error(r, 429, "RateLimited", msg);
		return;
	}
	}
	if (fault >= FAULT_500 && fault <= FAULT_504) {
		static const int code[] = { 500, 502, 503, 504 };
		{
		reply_error(r, code[fault - FAULT_500], NULL, "Internal Error");
		return;
	}
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		{
		reply_error(r, 405, NULL, "Method not allowed");
		return;
	}
	if (authz) {
		const char *t = strncmp(authz, "Bearer ", 7) == 0 ? authz + 7 : "";

		granted = token_in(s->o.grant, s->o.ngrant, t);
		auth = granted || token_in(s->o.token, s->o.ntoken, t);
		if (!auth && route != RT_STATS)
			{
		reply_error(r, 401, NULL,
			                   "Invalid credentials in Authorization header");
		return;
	}
	}
	url_query_parse(&q, qs);
	switch (route) {
	case RT_LIST:
		list_models(s, &q, host ? host : s->origin + 7, r);
		break;
	case RT_MODEL:
		model_info(s, uri + 12, qs, &q, r, !auth);
		break;
	case RT_RESOLVE:
		resolve(s, uri, qs, MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		        "Range"), r, auth, granted);
		break;
	case RT_STATS:
		stats(s, r);
		break;
	default:
		reply_error(r, 404, NULL, "Not Found");
	}
	url_query_free(&q);
	if (fault == FAULT_GARBAGE && r->status == 200) {
		r->body.len = 0;
		out_puts(&r->body, "<!DOCTYPE html><html><body>502 Bad Gateway"
		         "</body></html>");
		r->type = "text/html";
	}
}

/* A body that stops early: after the headers (reset) or half way
 * (truncate); MHD then closes the connection. */
struct cut {
	char *buf;
	size_t len, stop;
};

static ssize_t
cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct cut *c = cls;
	size_t n;

	if (pos >= c->stop)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = c->stop - (size_t)pos < max ? c->stop - (size_t)pos : max;
	memcpy(buf, c->buf + pos, n);
	return (ssize_t)n;
}

static void
cut_free(void *cls)
{
	struct cut *c = cls;

	free(c->buf);
	free(c);
}

static int
accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                             "Accept-Encoding");

	return ae && strstr(ae, "gzip");
}

static void
gzip_body(hf_out *body)
{
	z_stream z;
	uLong bound;
	char *out;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	bound = deflateBound(&z, (uLong)body->len) + 32;
	out = hf_malloc(bound);
	z.next_in = (Bytef *)body->buf;
	z.avail_in = (uInt)body->len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
		free(body->buf);
		body->buf = out;
		body->len = z.total_out;
		body->cap = bound;
	} else {
		free(out);
	}
	deflateEnd(&z);
}

static void
add_header(struct MHD_Response *resp, const char *k, const char *v)
{
	if (v)
		MHD_add_response_header(resp, k, v);
}

static enum MHD_Result
send_reply(struct server *s, struct MHD_Connection *c, struct reply *r,
           int route)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	int gz = r->body.len > 256 && accepts_gzip(c) && r->status != 206;
	if (gz)
		gzip_body(&r->body);
	if (r->fault >= 0) {
		struct cut *cut = hf_malloc(sizeof *cut);

		cut->buf = r->body.buf;
		cut->len = r->body.len;
		cut->stop = r->fault == FAULT_RESET ? 0 : r->body.len / 2;
		r->body.buf = NULL;
		resp = MHD_create_response_from_callback(cut->len, 4096, cut_reader,
		                                         cut, cut_free);
	} else {
		resp = MHD_create_response_from_buffer(r->body.len, r->body.buf,
		                                       MHD_RESPMEM_MUST_FREE);
		r->body.buf = NULL;
	}
	if (!resp)
		return MHD_NO;
	add_header(resp, "Content-Type", r->type);
	if (gz)
		add_header(resp, "Content-Encoding", "gzip");
	add_header(resp, "Location", r->location);
	add_header(resp, "Link", r->link);
	add_header(resp, "X-Error-Code", r->error_code);
	add_header(resp, "X-Error-Message", r->error_message);
	add_header(resp, "ETag", r->etag);
	add_header(resp, "X-Repo-Commit", r->commit);
	add_header(resp, "Content-Range", r->content_range);
	if (route == RT_RESOLVE)
		add_header(resp, "Accept-Ranges", "bytes");
	if (s->o.fault.rl_q && route != RT_STATS && route != RT_OTHER) {
		fault_limit lim = { r->ratelimit_r, r->ratelimit_t };
		char *v[3] = { fault_ratelimit(&lim), fault_policy(&s->o.fault),
		               fault_retry_after(&lim) };

		add_header(resp, "RateLimit", v[0]);
		add_header(resp, "RateLimit-Policy", v[1]);
		if (r->status == 429)
			add_header(resp, "Retry-After", v[2]);
		free(v[0]);
		free(v[1]);
		free(v[2]);
	}
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
reply_free(struct reply *r)
{
	free(r->body.buf);
	free(r->location);
	free(r->link);
	free(r->error_code);
	free(r->error_message);
	free(r->etag);
	free(r->commit);
	free(r->content_range);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **req_cls)
{
	struct server *s = cls;
	char *uri = *req_cls;
	struct reply r;
	enum MHD_Result ret;
	int route;

	(void)version;
	(void)upload;
	if (*upload_size) {
		*upload_size = 0; /* no bodies are expected; discard */
		return MHD_YES;
	}
	memset(&r, 0, sizeof r);
	out_init_mem(&r.body);
	r.fault = -1;
	if (!uri)
		uri = hf_strdup(url);
	else
		*req_cls = NULL;
	route = classify(url);
	handle(s, c, method, uri, &r);
	ret = send_reply(s, c, &r, route);
	reply_free(&r);
	free(uri);
	return ret;
}

/* The raw URI, query included, which the access handler does not get. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	return hf_strdup(uri);
}

static void
on_done(void *cls, struct MHD_Connection *c, void **req_cls,
        enum MHD_RequestTerminationCode why)
{
	(void)cls;
	(void)c;
	(void)why;
	free(*req_cls);
	*req_cls = NULL;
}

static double
parse_rate(const char *flag, const char *s)
{
	return opt_number(flag, s, 0, 1, "a probability from 0 to 1");
}

/* --rate-limit Q/W: Q requests per W seconds. */
static void
parse_rate_limit(struct opts *o, const char *s)
{
	const char *slash = strchr(s, '/');
	char q[32];

	if (!slash || (size_t)(slash - s) >= sizeof q)
		opt_fail("--rate-limit takes Q/W, e.g. 1000/300");
	snprintf(q, sizeof q, "%.*s", (int)(slash - s), s);
	o->fault.rl_q = (int)opt_count("--rate-limit Q", q, 1, 1000000);
	o->fault.rl_w = (int)opt_count("--rate-limit W", slash + 1, 1, 86400);
}

enum { O_BIND = 256, O_PORT, O_ALIASES, O_GRANT, O_TOKEN, O_SEED,
       O_RL, O_FAIL, O_RESET, O_TRUNC, O_GARBAGE, O_LATENCY,
       O_REDIRECT, O_MAXPAGE };
static const struct option longopts[] = {
	{ "bind", required_argument, NULL, O_BIND },
	{ "port", required_argument, NULL, O_PORT },
	{ "aliases", required_argument, NULL, O_ALIASES },
	{ "grant", required_argument, NULL, O_GRANT },
	{ "token", required_argument, NULL, O_TOKEN },
	{ "seed", required_argument, NULL, O_SEED },
	{ "rate-limit", required_argument, NULL, O_RL },
	{ "fail-rate", required_argument, NULL, O_FAIL },
	{ "reset-rate", required_argument, NULL, O_RESET },
	{ "truncate-rate", required_argument, NULL, O_TRUNC },
	{ "garbage-rate", required_argument, NULL, O_GARBAGE },
	{ "latency", required_argument, NULL, O_LATENCY },
	{ "redirect-to", required_argument, NULL, O_REDIRECT },
	{ "max-page", required_argument, NULL, O_MAXPAGE },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_tool tool = {
	"hf-serve",
	"usage: hf-serve [--bind ADDR] [--port N] [--aliases FILE] [--grant TOKEN]...\n"
	"                [--token TOKEN]... [--seed N] [--rate-limit Q/W]\n"
	"                [--fail-rate P] [--reset-rate P] [--truncate-rate P]\n"
	"                [--garbage-rate P] [--latency MS] [--redirect-to ORIGIN]\n"
	"                [--max-page N] SNAPSHOT\n",
	NULL,
	"h",
	longopts
};

static void
parse_options(struct opts *o, int argc, char **argv)
{
	int c;

	o->grant = hf_calloc((size_t)argc, sizeof *o->grant);
	o->token = hf_calloc((size_t)argc, sizeof *o->token);
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_BIND: o->bind = optarg; break;
		case O_PORT: o->port = (int)opt_count("--port", optarg, 0, 65535); break;
		case O_ALIASES: o->aliases = optarg; break;
		case O_GRANT: o->grant[o->ngrant++] = optarg; break;
		case O_TOKEN: o->token[o->ntoken++] = optarg; break;
		case O_SEED:
			o->seed = (uint64_t)opt_count("--seed", optarg, 0, INT64_MAX);
			break;
		case O_RL: parse_rate_limit(o, optarg); break;
		case O_FAIL: o->fault.fail = parse_rate("--fail-rate", optarg); break;
		case O_RESET: o->fault.reset = parse_rate("--reset-rate", optarg); break;
		case O_TRUNC: o->fault.trunc = parse_rate("--truncate-rate", optarg); break;
		case O_GARBAGE: o->fault.garbage = parse_rate("--garbage-rate", optarg); break;
		case O_LATENCY:
			o->latency_ms = (int)opt_count("--latency", optarg, 0, 600000);
			break;
		case O_REDIRECT: o->fault.redirect_to = optarg; break;
		case O_MAXPAGE:
			o->max_page = (int)opt_count("--max-page", optarg, 1, 100000);
			break;
		}
	}
	opt_operands(argc, argv, 1, 1);
	o->snapshot = argv[optind];
	if (o->fault.fail + o->fault.reset + o->fault.trunc + o->fault.garbage > 1)
		opt_fail("the fault rates add up to more than 1");
}

static struct MHD_Daemon *
start(struct server *s)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	const char *addr = s->o.bind ? s->o.bind : "127.0.0.1";

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)s->o.port);
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		hf_die(HF_USAGE, "--bind takes an IPv4 address, not %s", addr);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	                     MHD_USE_THREAD_PER_CONNECTION,
	                     0, NULL, NULL, on_request, s,
	                     MHD_OPTION_SOCK_ADDR, &sa,
	                     MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
	                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	                     MHD_OPTION_END);
	if (!d)
		hf_die(HF_STATE, "cannot listen on %s port %d", addr, s->o.port);
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(s->origin, sizeof s->origin, "http://%s:%u", addr,
	         info ? info->port : (unsigned)s->o.port);
	return d;
}

int
main(int argc, char **argv)
{
	struct server s = { 0 }; /* shared with the request threads */
	struct MHD_Daemon *d;
	sigset_t set;
	int sig;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	s.o.max_page = 1000;
	parse_options(&s.o, argc, argv);
	if (hub_load(&s.h, s.o.snapshot) < 0)
		hf_die(HF_STATE, "cannot read %s:", s.o.snapshot);
	if (s.o.aliases && hub_load_aliases(&s.h, s.o.aliases) < 0)
		hf_die(HF_STATE, "cannot read %s:", s.o.aliases);
	s.downloads = hf_calloc(s.h.n, sizeof *s.downloads);
	fault_init(&s.fs, s.o.seed);
	pthread_mutex_init(&s.lock, NULL);
	/* SIGTERM and SIGINT are taken by sigwait below, in this thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	d = start(&s);
	printf("%s\n", s.origin);
	if (fflush(stdout) != 0)
		hf_die(HF_STATE, "cannot write standard output:");
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	hub_free(&s.h);
	free(s.downloads);
	free(s.o.grant);
	free(s.o.token);
	return HF_OK;
}
