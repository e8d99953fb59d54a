/* hubsrv.c - hf-serve's answers: the Hub's model API over a snapshot,
 * request in, reply out, no socket. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hubref.h"
#include "hubsrv.h"
#include "url.h"

const char *const hubsrv_header_name[HUBSRV_NHEADERS] = {
	"Location", "Link", "X-Error-Code", "X-Error-Message", "ETag",
	"X-Repo-Commit", "Content-Range", "Accept-Ranges", "RateLimit",
	"RateLimit-Policy", "Retry-After"
};

static const char *const route_name[HUBSRV_NROUTES] = {
	"list", "model", "resolve", "stats", "other"
};

/* What a decoded path may keep unencoded when it goes back into a
 * Location: the path characters of RFC 3986 besides the unreserved. */
#define PATH_KEEP "/:@!$&'()*+,;="

/* ---- replies ---- */

/* Set header h to value (malloc'd, now the reply's).  A byte that
 * cannot stand in a header line (CR, LF, other controls) becomes '?'. */
static void
set_header(hubsrv_reply *r, int h, char *value)
{
	for (char *p = value; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	free(r->header[h]);
	r->header[h] = value;
}

/* msg may hold what the request sent (an expand value) or a model id
 * cut short: shown with hf_shown, it is valid UTF-8 in the JSON body and
 * has no control byte for the header. */
static void
reply_error(hubsrv_reply *r, int status, const char *code, const char *msg)
{
	char shown[1024];

	hf_shown(shown, sizeof shown, msg, strlen(msg));
	r->status = status;
	r->body.len = 0;
	out_puts(&r->body, "{\"error\":");
	out_json_str(&r->body, shown, strlen(shown), 0);
	out_putc(&r->body, '}');
	r->type = "application/json";
	set_header(r, HUBSRV_ERROR_CODE, code ? hf_strdup(code) : NULL);
	set_header(r, HUBSRV_ERROR_MESSAGE, hf_strdup(shown));
}

/* The text a writer holds, NUL-terminated and handed over. */
static char *
take(hf_out *w)
{
	out_putc(w, '\0');
	return w->buf;
}

/* ---- the listing ---- */

/* A size such as 6B or 1.5T; -1 unless it is a number from 0 to
 * INT64_MAX. */
static int64_t
parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || !(v >= 0)) /* NaN too */
		return -1;
	switch (*end) {
	case 'K': case 'k': v *= 1e3; end++; break;
	case 'M': case 'm': v *= 1e6; end++; break;
	case 'B': case 'b': case 'G': case 'g': v *= 1e9; end++; break;
	case 'T': case 't': v *= 1e12; end++; break;
	}
	/* 2^63 and up (infinity too) do not fit: the cast would be
	 * undefined (issue 10, defect 2) */
	return *end || v >= 0x1p63 ? -1 : (int64_t)v;
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
		int64_t *bound;

		if (strncmp(tok, "min:", 4) == 0)
			bound = &hq->min_params;
		else if (strncmp(tok, "max:", 4) == 0)
			bound = &hq->max_params;
		else
			return -1;
		if ((*bound = parse_size(tok + 4)) < 0)
			return -1;
	}
	return 0;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The cursor is base64 of {"$pos":N}, '=' written as %3D as the Hub's. */
void
hubsrv_cursor(char *out, size_t outlen, size_t pos)
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

int
hubsrv_cursor_pos(const char *s, size_t *pos)
{
	char raw[64];
	size_t n = 0;
	unsigned v = 0;
	int bits = 0;
	char *end;

	for (; *s && *s != '='; s++) {
		const char *p = strchr(b64, *s);

		if (!p || n + 1 >= sizeof raw)
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

/* A Host header fit to go into a link: the bytes of a host name, an IP
 * literal and a port. */
static int
usable_host(const char *h)
{
	if (!h || !*h)
		return 0;
	for (; *h; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z') ||
		      (*h >= '0' && *h <= '9') || strchr("-._~:[]", *h)))
			return 0;
	return 1;
}

/* The next link: the query as sent, less its cursor, plus the new one. */
static char *
next_link(const char *host, const url_query *q, size_t pos)
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
		url_put_sent(&w, q->p[i].raw, q->p[i].rawlen);
	}
	if (!url_query_get(q, "sort")) {
		out_puts(&w, any++ ? "&" : "");
		out_puts(&w, "sort=trendingScore");
	}
	hubsrv_cursor(cur, sizeof cur, pos);
	out_puts(&w, any ? "&cursor=" : "cursor=");
	out_puts(&w, cur);
	out_puts(&w, ">; rel=\"next\"");
	return take(&w);
}

/* The most expand values and filter tags a request is read for; later
 * ones are ignored. */
#define EXPAND_MAX 64
#define FILTER_MAX 64

/* Collect the expand values (both expand= and expand[]=); -1 and an
 * error reply on an unknown one. */
static int
collect_expand(const url_query *q, const char **expand, int *n,
               hubsrv_reply *r)
{
	*n = 0;
	for (int i = 0; i < q->n; i++) {
		if (strcmp(q->p[i].key, "expand") && strcmp(q->p[i].key, "expand[]"))
			continue;
		if (!hub_expandable(q->p[i].val)) {
			char msg[256], val[200];

			/* cut at a character, with "...", not inside one */
			snprintf(msg, sizeof msg, "Invalid expand value: %s",
			         hf_shown(val, sizeof val, q->p[i].val,
			                  strlen(q->p[i].val)));
			reply_error(r, 400, NULL, msg);
			return -1;
		}
		if (*n < EXPAND_MAX)
			expand[(*n)++] = q->p[i].val;
	}
	return 0;
}

/* The selection and page of a listing, from its query; -1 and an error
 * reply when a parameter is invalid. */
static int
list_query(const hubsrv *srv, const url_query *q, hub_query *hq,
           const char **filter, int *key, int64_t *limit, size_t *pos,
           hubsrv_reply *r)
{
	const char *v;

	*hq = (hub_query){ filter, 0, url_query_get(q, "author"),
	                   url_query_get(q, "search"),
	                   url_query_get(q, "pipeline_tag"), -1, -1, -1 };
	for (int i = 0; i < q->n && hq->nfilter < FILTER_MAX; i++)
		if (strcmp(q->p[i].key, "filter") == 0)
			filter[hq->nfilter++] = q->p[i].val;
	if ((v = url_query_get(q, "gated")))
		hq->gated = strcmp(v, "true") == 0;
	if ((v = url_query_get(q, "num_parameters")) &&
	    parse_num_parameters(v, hq) < 0) {
		reply_error(r, 400, NULL, "Invalid num_parameters");
		return -1;
	}
	if ((v = url_query_get(q, "sort")) && (*key = hub_sort_key(v)) < 0) {
		reply_error(r, 400, NULL, "Invalid sort parameter");
		return -1;
	}
	if ((v = url_query_get(q, "limit")) && (*limit = num_parse_count(v)) < 1) {
		reply_error(r, 400, NULL, "Invalid limit parameter");
		return -1;
	}
	if (*limit > srv->max_page)
		*limit = srv->max_page;
	if ((v = url_query_get(q, "cursor")) && hubsrv_cursor_pos(v, pos) < 0) {
		reply_error(r, 400, NULL, "Invalid cursor");
		return -1;
	}
	return 0;
}

static void
list_models(const hubsrv *srv, const hubsrv_request *rq, const url_query *q,
            hubsrv_reply *r)
{
	static const char *const full_keys[] = {
		"author", "sha", "lastModified", "gated", "private", "likes",
		"downloads", "tags", "pipeline_tag", "library_name", "createdAt",
		"trendingScore", "config"
	};
	const hub *h = srv->h;
	const char *filter[FILTER_MAX], *expand[EXPAND_MAX], *v;
	int nexpand, key = 0, with_config, full;
	int64_t limit = srv->max_page;
	size_t pos = 0, count = 0, nat = 0, j = 0;
	const size_t *order, *at = NULL;
	hub_query hq;

	if (collect_expand(q, expand, &nexpand, r) < 0 ||
	    list_query(srv, q, &hq, filter, &key, &limit, &pos, r) < 0)
		return;
	with_config = (v = url_query_get(q, "config")) && strcmp(v, "true") == 0;
	full = (v = url_query_get(q, "full")) && strcmp(v, "true") == 0;
	order = hub_sorted(h, key);
	if (hq.author) {
		/* only the author's models are looked at: from the first of
		 * them at or after the cursor's position */
		size_t hi;

		at = hub_owned(h, key, hq.author, strlen(hq.author), &nat);
		for (hi = nat; j < hi;) { /* the first at[j] >= pos */
			size_t mid = j + (hi - j) / 2;

			if (at[mid] < pos)
				j = mid + 1;
			else
				hi = mid;
		}
		pos = j < nat ? at[j] : h->n;
	}
	out_putc(&r->body, '[');
	for (; pos < h->n; pos = !at ? pos + 1 : ++j < nat ? at[j] : h->n) {
		const hub_model *m = &h->m[order[pos]];

		if (!hub_match(m, &hq))
			continue;
		if ((int64_t)count == limit)
			break; /* one more exists: there is a next page */
		if (count++)
			out_putc(&r->body, ',');
		if (nexpand)
			hub_write_model(&r->body, m, HUB_EXPAND, expand, nexpand, 0);
		else if (full)
			hub_write_model(&r->body, m, HUB_EXPAND, full_keys,
			                with_config ? 13 : 12, 0);
		else
			hub_write_model(&r->body, m, HUB_DEFAULT_LIST, NULL, 0,
			                with_config);
	}
	out_putc(&r->body, ']');
	r->status = 200;
	r->type = "application/json";
	if (pos < h->n)
		set_header(r, HUBSRV_LINK, next_link(usable_host(rq->host) ?
		           rq->host : srv->host, q, pos));
}

/* ---- one model, config.json ---- */

/* The model id names, or NULL with the reply made: a 307 to the new id
 * of a renamed one (prefix, new id, suffix, the query), else not found. */
static const hub_model *
find_or_redirect(const hubsrv *srv, const char *id, const char *prefix,
                 const char *suffix, const char *qs, hubsrv_reply *r,
                 int anonymous)
{
	const hub_model *m = hub_find(srv->h, id, strlen(id));
	const char *renamed;

	if (m)
		return m;
	if ((renamed = hub_alias(srv->h, id, strlen(id)))) {
		hf_out w;

		out_init_mem(&w);
		out_puts(&w, prefix);
		url_put_encoded(&w, renamed, PATH_KEEP);
		url_put_encoded(&w, suffix, PATH_KEEP);
		if (qs && *qs) {
			out_putc(&w, '?');
			url_put_sent(&w, qs, strlen(qs));
		}
		set_header(r, HUBSRV_LOCATION, take(&w));
		r->status = 307;
		r->type = "text/plain; charset=utf-8";
		r->body.len = 0;
		out_puts(&r->body, "Temporary Redirect. Redirecting to ");
		out_puts(&r->body, r->header[HUBSRV_LOCATION]);
		return NULL;
	}
	if (anonymous)
		reply_error(r, 401, "RepoNotFound", "Invalid username or password.");
	else
		reply_error(r, 404, "RepoNotFound", "Repository not found");
	return NULL;
}

/* GET /api/models/ID[/revision/REV]; rest is what follows /api/models/. */
static void
model_info(const hubsrv *srv, char *rest, const char *qs, const url_query *q,
           hubsrv_reply *r, int anonymous)
{
	const char *expand[EXPAND_MAX];
	char *rev = strstr(rest, "/revision/"), suffix[256] = "";
	const hub_model *m;
	int nexpand;

	if (rev) {
		snprintf(suffix, sizeof suffix, "%s", rev);
		*rev = '\0';
	}
	if (!ref_valid_id(rest)) {
		reply_error(r, 400, NULL, "Invalid repo id");
		return;
	}
	if (collect_expand(q, expand, &nexpand, r) < 0)
		return;
	if (!(m = find_or_redirect(srv, rest, "/api/models/", suffix, qs, r,
	                           anonymous)))
		return;
	r->status = 200;
	r->type = "application/json";
	hub_write_model(&r->body, m, nexpand ? HUB_EXPAND : HUB_DEFAULT_INFO,
	                expand, nexpand, 0);
}

/* 0 when a gated model may be downloaded, else -1 and the reply: 401
 * without a valid token, 403 with one that has no access. */
static int
gate(const hub_model *m, int auth, int granted, hubsrv_reply *r)
{
	char msg[512];

	if (!m->gated || granted)
		return 0;
	if (!auth) {
		snprintf(msg, sizeof msg, "Access to model %.*s is restricted. You "
		         "must have access to it and be authenticated to access "
		         "it. Please log in.", (int)m->idlen, m->id);
		reply_error(r, 401, "GatedRepo", msg);
	} else {
		snprintf(msg, sizeof msg, "Access to model %.*s is restricted and "
		         "you are not in the authorized list. Visit "
		         "https://huggingface.co/%.*s to ask for access.",
		         (int)m->idlen, m->id, (int)m->idlen, m->id);
		reply_error(r, 403, "GatedRepo", msg);
	}
	return -1;
}

/* The bytes [*from, *to] of total that a Range header asks for: 1, or
 * -1 when they are not there; 0 and the whole without a byte range. */
static int
parse_range(const char *range, size_t total, size_t *from, size_t *to)
{
	const char *spec;
	char *end;

	*from = 0;
	*to = total ? total - 1 : 0;
	if (!range || strncmp(range, "bytes=", 6) != 0 || !total)
		return 0;
	spec = range + 6;
	if (*spec == '-') {
		size_t n = strtoul(spec + 1, &end, 10);

		*from = n >= total ? 0 : total - n;
	} else {
		*from = strtoul(spec, &end, 10);
		if (*end == '-' && end[1])
			*to = strtoul(end + 1, &end, 10);
	}
	if (*from >= total || *from > *to)
		return -1;
	if (*to >= total)
		*to = total - 1;
	return 1;
}

/* 1 when an If-None-Match value names etag: "*", or a list of entity
 * tags compared weakly (W/ ignored), as RFC 9110 says. */
static int
etag_listed(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	while (inm && *inm) {
		size_t k;

		inm += strspn(inm, " \t,");
		if (strncmp(inm, "W/", 2) == 0)
			inm += 2;
		k = strcspn(inm, " \t,");
		if ((k == 1 && *inm == '*') || (k == n && memcmp(inm, etag, n) == 0))
			return 1;
		inm += k;
	}
	return 0;
}

/* A model's config.json: all of it, the range asked for, or 304 when
 * the client holds it; with its ETag and commit. */
static void
send_config(const hub_model *m, const hubsrv_request *rq, hubsrv_reply *r)
{
	size_t total = m->config_len, from, to, shalen;
	const char *sha = hub_member_value(m, "sha", &shalen);
	char buf[96], etag[24];
	int partial;

	snprintf(etag, sizeof etag, "\"%016llx\"",
	         (unsigned long long)num_hash(m->config, total));
	if (etag_listed(rq->if_none_match, etag)) {
		r->status = 304; /* before Range, as RFC 9110 orders them */
	} else if ((partial = parse_range(rq->range, total, &from, &to)) < 0) {
		reply_error(r, 416, NULL, "Range Not Satisfiable");
		return;
	} else {
		if (partial) {
			snprintf(buf, sizeof buf, "bytes %zu-%zu/%zu", from, to,
			         total);
			set_header(r, HUBSRV_CONTENT_RANGE, hf_strdup(buf));
		}
		r->status = partial ? 206 : 200;
		out_write(&r->body, m->config + from, total ? to - from + 1 : 0);
		r->type = "application/json";
	}
	set_header(r, HUBSRV_ETAG, hf_strdup(etag));
	if (sha && shalen == 42)
		snprintf(buf, sizeof buf, "%.40s", sha + 1);
	else
		snprintf(buf, sizeof buf, "%040d", 0);
	set_header(r, HUBSRV_REPO_COMMIT, hf_strdup(buf));
}

/* GET or HEAD /ID/resolve/REV/FILE: config.json is served. */
static void
resolve(const hubsrv *srv, char *path, const hubsrv_request *rq,
        hubsrv_reply *r, int auth, int granted)
{
	char *res = strstr(path, "/resolve/"), *rev, *file, suffix[512];
	const hub_model *m;
	size_t shalen;
	const char *sha;

	*res = '\0';
	rev = res + 9;
	if (!(file = strchr(rev, '/'))) {
		reply_error(r, 404, "EntryNotFound", "Entry not found");
		return;
	}
	*file++ = '\0';
	snprintf(suffix, sizeof suffix, "/resolve/%s/%s", rev, file);
	if (!ref_valid_id(path + 1)) {
		reply_error(r, 400, NULL, "Invalid repo id");
		return;
	}
	if (!(m = find_or_redirect(srv, path + 1, "/", suffix, rq->query, r,
	                           !auth)))
		return;
	sha = hub_member_value(m, "sha", &shalen);
	if (strcmp(rev, "main") && strcmp(rev, "HEAD") &&
	    !(sha && shalen == strlen(rev) + 2 && !memcmp(sha + 1, rev, shalen - 2))) {
		reply_error(r, 404, "RevisionNotFound", "Invalid rev id");
		return;
	}
	if (gate(m, auth, granted, r) < 0)
		return;
	if (strcmp(file, "config.json") || !m->config) {
		reply_error(r, 404, "EntryNotFound", "Entry not found");
		return;
	}
	r->download = m - srv->h->m;
	send_config(m, rq, r);
}

/* ---- the steps of a request ---- */

int
hubsrv_route(const char *path)
{
	if (strcmp(path, "/api/models") == 0 || strcmp(path, "/api/models/") == 0)
		return HUBSRV_LIST;
	if (strncmp(path, "/api/models/", 12) == 0)
		return HUBSRV_MODEL;
	if (strcmp(path, "/_stats") == 0)
		return HUBSRV_STATS;
	if (strstr(path, "/resolve/"))
		return HUBSRV_RESOLVE;
	return HUBSRV_OTHER;
}

/* The routes of the API, which meet faults and the rate limit. */
static int
is_api(int route)
{
	return route != HUBSRV_STATS && route != HUBSRV_OTHER;
}

void
hubsrv_arrive(const hubsrv *srv, hubsrv_state *st, const hubsrv_request *rq,
              time_t now, hubsrv_reply *r)
{
	memset(r, 0, sizeof *r);
	out_init_mem(&r->body);
	r->cut = FAULT_NONE;
	r->fault = FAULT_NONE;
	r->download = -1;
	r->path = hf_strdup(rq->path ? rq->path : "");
	url_decode(r->path);
	r->route = hubsrv_route(r->path);
	st->requests[r->route]++;
	if (rq->authorization)
		st->auth_seen[r->route] = 1;
	if (is_api(r->route))
		r->fault = fault_draw(&st->fault, &srv->fault, now, &r->limit);
}

static int
token_in(char *const *list, int n, const char *t)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], t) == 0)
			return 1;
	return 0;
}

/* A fault that answers in place of the route; 0 when there is none. */
static int
fault_reply(const hubsrv *srv, const hubsrv_request *rq, hubsrv_reply *r)
{
	static const int code[] = { 500, 502, 503, 504 };
	char msg[128];
	hf_out w;

	switch (r->fault) {
	case FAULT_REDIRECT:
		out_init_mem(&w);
		out_puts(&w, srv->fault.redirect_to);
		url_put_encoded(&w, r->path, PATH_KEEP);
		if (rq->query) {
			out_putc(&w, '?');
			url_put_sent(&w, rq->query, strlen(rq->query));
		}
		set_header(r, HUBSRV_LOCATION, take(&w));
		r->status = 307;
		r->type = "text/plain; charset=utf-8";
		out_puts(&r->body, "Temporary Redirect");
		return 1;
	case FAULT_429:
		snprintf(msg, sizeof msg, "You have exceeded our rate limit, "
		         "retry in %d seconds", r->limit.reset);
		reply_error(r, 429, "RateLimited", msg);
		return 1;
	case FAULT_500: case FAULT_502: case FAULT_503: case FAULT_504:
		reply_error(r, code[r->fault - FAULT_500], NULL, "Internal Error");
		return 1;
	}
	return 0;
}

/* The route's answer, or the fault's, or the error's. */
static void
respond(const hubsrv *srv, const hubsrv_request *rq, hubsrv_reply *r)
{
	const char *method = rq->method ? rq->method : "";
	int auth = 0, granted = 0;
	const char *v;
	char *path;
	url_query q;

	if (fault_reply(srv, rq, r))
		return;
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		reply_error(r, 405, NULL, "Method not allowed");
		return;
	}
	if (rq->authorization) {
		const char *a = rq->authorization;
		const char *t = strncmp(a, "Bearer ", 7) == 0 ? a + 7 : "";

		granted = token_in(srv->grant, srv->ngrant, t);
		auth = granted || token_in(srv->token, srv->ntoken, t);
		if (!auth && r->route != HUBSRV_STATS) {
			reply_error(r, 401, NULL,
			            "Invalid credentials in Authorization header");
			return;
		}
	}
	url_query_parse(&q, rq->query);
	path = hf_strdup(r->path); /* the routes cut it into pieces */
	switch (r->route) {
	case HUBSRV_LIST:
		list_models(srv, rq, &q, r);
		break;
	case HUBSRV_MODEL:
		model_info(srv, path + 12, rq->query, &q, r, !auth);
		break;
	case HUBSRV_RESOLVE:
		resolve(srv, path, rq, r, auth, granted);
		break;
	case HUBSRV_STATS:
		r->status = 200;
		r->type = "application/json";
		r->stats = 1;
		/* ?requests=ROUTE, ?connections: that one count as text,
		 * for scripts */
		if (url_query_get(&q, "connections")) {
			r->stats = HUBSRV_STATS_CONNECTIONS;
			r->type = "text/plain";
		} else if ((v = url_query_get(&q, "requests"))) {
			for (int i = 0; i < HUBSRV_NROUTES; i++)
				if (strcmp(v, route_name[i]) == 0)
					r->stats = 2 + i;
			if (r->stats == 1)
				reply_error(r, 400, NULL, "Unknown route");
			else
				r->type = "text/plain";
		}
		break;
	default:
		reply_error(r, 404, NULL, "Not Found");
	}
	free(path);
	url_query_free(&q);
}

void
hubsrv_answer(const hubsrv *srv, const hubsrv_request *rq, hubsrv_reply *r)
{
	respond(srv, rq, r);
	if (r->fault == FAULT_RESET || r->fault == FAULT_TRUNC)
		r->cut = r->fault;
	if (r->fault == FAULT_GARBAGE && r->status == 200) {
		r->body.len = 0;
		out_puts(&r->body, "<!DOCTYPE html><html><body>502 Bad Gateway"
		         "</body></html>");
		r->type = "text/html";
	}
	if (r->route == HUBSRV_RESOLVE)
		set_header(r, HUBSRV_ACCEPT_RANGES, hf_strdup("bytes"));
	if (srv->fault.rl_q && is_api(r->route)) {
		set_header(r, HUBSRV_RATELIMIT, fault_ratelimit(&r->limit));
		set_header(r, HUBSRV_RATELIMIT_POLICY, fault_policy(&srv->fault));
		if (r->status == 429)
			set_header(r, HUBSRV_RETRY_AFTER,
			           fault_retry_after(&r->limit));
	}
}

/* The /_stats body: the counters as one JSON object. */
static void
write_stats(const hubsrv *srv, const hubsrv_state *st, hf_out *w)
{
	int any = 0;

	out_puts(w, "{\"requests\":{");
	for (int i = 0; i < HUBSRV_NROUTES; i++)
		out_printf(w, "%s\"%s\":%ld", i ? "," : "", route_name[i],
		           st->requests[i]);
	out_printf(w, "},\"connections\":%ld,\"downloads\":{", st->connections);
	for (size_t i = 0; i < st->nmodels; i++) {
		if (!st->downloads[i])
			continue;
		if (any++)
			out_putc(w, ',');
		out_putc(w, '"');
		out_write(w, srv->h->m[i].id, srv->h->m[i].idlen);
		out_printf(w, "\":%ld", st->downloads[i]);
	}
	out_puts(w, "},\"auth_seen\":{");
	for (int i = 0; i < HUBSRV_NROUTES; i++)
		out_printf(w, "%s\"%s\":%s", i ? "," : "", route_name[i],
		           st->auth_seen[i] ? "true" : "false");
	out_puts(w, "},\"faults\":{");
	for (int i = 0; i < FAULT_COUNT; i++)
		out_printf(w, "%s\"%s\":%ld", i ? "," : "", fault_name[i],
		           st->fault.count[i]);
	out_puts(w, "}}");
}

void
hubsrv_settle(const hubsrv *srv, hubsrv_state *st, hubsrv_reply *r)
{
	if (r->download >= 0 && (size_t)r->download < st->nmodels)
		st->downloads[r->download]++;
	if (r->stats == HUBSRV_STATS_CONNECTIONS) {
		r->body.len = 0;
		out_printf(&r->body, "%ld\n", st->connections);
	} else if (r->stats >= 2) {
		r->body.len = 0;
		out_printf(&r->body, "%ld\n", st->requests[r->stats - 2]);
	} else if (r->stats) {
		r->body.len = 0;
		write_stats(srv, st, &r->body);
	}
}

void
hubsrv_handle(const hubsrv *srv, hubsrv_state *st, const hubsrv_request *rq,
              time_t now, hubsrv_reply *r)
{
	hubsrv_arrive(srv, st, rq, now, r);
	hubsrv_answer(srv, rq, r);
	hubsrv_settle(srv, st, r);
}

void
hubsrv_reply_free(hubsrv_reply *r)
{
	out_free(&r->body);
	for (int i = 0; i < HUBSRV_NHEADERS; i++)
		free(r->header[i]);
	free(r->path);
	memset(r, 0, sizeof *r);
}

void
hubsrv_state_init(hubsrv_state *st, const hubsrv *srv, uint64_t seed)
{
	memset(st, 0, sizeof *st);
	st->nmodels = srv->h->n;
	st->downloads = hf_calloc(st->nmodels ? st->nmodels : 1,
	                          sizeof *st->downloads);
	fault_init(&st->fault, seed);
}

void
hubsrv_state_free(hubsrv_state *st)
{
	free(st->downloads);
	memset(st, 0, sizeof *st);
}
