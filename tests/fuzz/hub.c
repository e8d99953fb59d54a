/*
 * hub - a snapshot and its aliases as hf-serve loads them
 * (hub_load_mem, hub_load_aliases_mem), then requests against what was
 * loaded.  The input is the snapshot, then optionally a line "%%" and
 * the aliases file, then a line "%%" and a request (hubreq.h).
 * Properties: each sort order holds every model once, strings before
 * numbers before the rest, numbers descending, ties by _id; every model
 * is found by its id; for the first CHECK_MAX models, the model object
 * written in each mode parses and a GET of it answers 200; an alias
 * gives the first new id of its old one and a request for a renamed
 * model that is not also loaded redirects (the first CHECK_MAX aliases);
 * a listing walked page by page gives as many models as were loaded;
 * the request's reply passes hubreq.h's checks.
 */
#include "hubreq.h"
#include "../../lib/hubref.h"

#define CHECK_MAX 8 /* models and aliases asked for one by one */

enum { RANK_OTHER, RANK_NUMBER, RANK_STRING };

/* How the sorts rank model m's value of key; -1 for a number too long
 * to be read (hub.c counts it as missing: no claim either way). */
static int
rank(const hub_model *m, const char *key, double *num, const char **s,
     size_t *n)
{
	const char *v = hub_member_value(m, key, n);

	if (!v)
		return RANK_OTHER;
	if (*v == '"') {
		*s = v + 1;
		*n -= 2;
		return RANK_STRING;
	}
	if (*v == '-' || (*v >= '0' && *v <= '9')) {
		char tmp[64];

		if (*n >= sizeof tmp)
			return -1;
		memcpy(tmp, v, *n);
		tmp[*n] = '\0';
		*num = strtod(tmp, NULL);
		return RANK_NUMBER;
	}
	return RANK_OTHER;
}

static int
bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

static void
check_order(const hub *h, int key)
{
	const size_t *o = hub_sorted(h, key);
	char *seen = calloc(h->n ? h->n : 1, 1);

	fuzz_assert(seen != NULL);
	for (size_t i = 0; i < h->n; i++) {
		fuzz_assert(o[i] < h->n && !seen[o[i]]);
		seen[o[i]] = 1;
	}
	for (size_t i = 1; i < h->n; i++) {
		const hub_model *a = &h->m[o[i - 1]], *b = &h->m[o[i]];
		double x = 0, y = 0;
		const char *s = NULL, *t = NULL;
		size_t sn = 0, tn = 0;
		int ra = rank(a, hub_sort_name(key), &x, &s, &sn);
		int rb = rank(b, hub_sort_name(key), &y, &t, &tn);
		int tie;

		if (ra < 0 || rb < 0)
			continue;
		fuzz_assert(ra >= rb);
		if (ra != rb)
			continue;
		if (ra == RANK_STRING)
			fuzz_assert(bytes_cmp(s, sn, t, tn) >= 0);
		if (ra == RANK_NUMBER)
			fuzz_assert(x >= y);
		tie = ra == RANK_OTHER || (ra == RANK_NUMBER && x == y) ||
		      (ra == RANK_STRING && bytes_cmp(s, sn, t, tn) == 0);
		if (tie)
			fuzz_assert(bytes_cmp(a->oid, a->oidlen, b->oid,
			                      b->oidlen) <= 0);
	}
	free(seen);
}

/* Every model object parses, in every mode. */
static void
check_objects(const hub_model *m)
{
	static const char *const expand[] = { "config", "sha", "tags" };
	static json_doc d;
	const char *why;
	hf_out w;

	out_init_mem(&w);
	for (int mode = 0; mode < 4; mode++) {
		w.len = 0;
		if (mode == 3)
			hub_write_model(&w, m, HUB_DEFAULT_LIST, NULL, 0, 1);
		else
			hub_write_model(&w, m, mode, expand, 3, 0);
		if (json_parse(&d, w.buf, w.len, 1, &why) != 0)
			fuzz_fail(why, __FILE__, __LINE__);
	}
	out_free(&w);
}

/* GET path from srv; the reply checked, its status returned in *r. */
static void
get(const hubsrv *srv, hubsrv_state *st, const char *path, const char *query,
    hubsrv_reply *r)
{
	hubsrv_request rq = { "GET", path, query, NULL, NULL, "h:1", NULL };

	hubsrv_reply_free(r);
	hubsrv_handle(srv, st, &rq, 0, r);
	check_reply(srv, r);
}

/* An id a request can name as it is: valid, and nothing a URL decodes. */
static char *
plain_id(const char *raw, size_t n)
{
	char *id = strndup(raw, n);

	fuzz_assert(id != NULL);
	if (!ref_valid_id(id) || strpbrk(id, "%+\\")) {
		free(id);
		return NULL;
	}
	return id;
}

static void
check_requests(const hub *h, const hubsrv *srv, hubsrv_state *st, int key)
{
	hubsrv_reply r = { 0 };
	hubsrv_request rq = { "GET", "/api/models", NULL, NULL, NULL, "h:1",
	                      NULL };
	char path[1024], query[64];

	for (size_t i = 0; i < h->n && i < CHECK_MAX; i++) {
		char *id = plain_id(h->m[i].id, h->m[i].idlen);

		check_objects(&h->m[i]);
		if (!id)
			continue;
		snprintf(path, sizeof path, "/api/models/%s", id);
		get(srv, st, path, NULL, &r);
		fuzz_assert(r.status == 200);
		free(id);
	}
	for (size_t i = 0; i + 1 < h->naliases && i < 2 * CHECK_MAX; i += 2) {
		const char *old = h->aliases[i], *renamed;
		size_t j = 0;

		while (strcmp(h->aliases[j], old) != 0)
			j += 2;
		fuzz_assert((renamed = hub_alias(h, old, strlen(old))) ==
		            h->aliases[j + 1]);
		if (!ref_valid_id(old) || strpbrk(old, "%+\\") ||
		    hub_find(h, old, strlen(old)) ||
		    strlen(old) + 16 > sizeof path)
			continue;
		snprintf(path, sizeof path, "/api/models/%s", old);
		get(srv, st, path, NULL, &r);
		fuzz_assert(r.status == 307 &&
		            strncmp(r.header[HUBSRV_LOCATION], "/api/models/",
		                    12) == 0);
	}
	snprintf(query, sizeof query, "sort=%s", hub_sort_name(key));
	rq.query = query;
	get(srv, st, rq.path, query, &r);
	fuzz_assert(r.status == 200);
	fuzz_assert(walk(srv, st, &rq, &r, h->n + 1) == h->n);
	hubsrv_reply_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int named;
	const char *rest = (const char *)data, *end = rest + size, *part;
	uint64_t seed = num_hash(data, size);
	int key = (int)(seed % HUB_NSORTS);
	size_t n;
	hubsrv srv;
	hubsrv_state st;
	hub h;

	if (!named++)
		hf_setprogname("hub");
	part = fuzz_part(&rest, end, &n);
	hub_load_mem(&h, part, n, "snapshot");
	if ((part = fuzz_part(&rest, end, &n)))
		hub_load_aliases_mem(&h, part, n);
	for (int k = 0; k < HUB_NSORTS; k++)
		check_order(&h, k);
	for (size_t i = 0; i < h.n; i++) {
		const hub_model *m = &h.m[i], *f = hub_find(&h, m->id, m->idlen);

		/* this model, or one loaded under the same id */
		fuzz_assert(f && f->idlen == m->idlen &&
		            memcmp(f->id, m->id, m->idlen) == 0);
	}
	srv = (hubsrv){ .h = &h, .host = "127.0.0.1:9", .max_page = 4 };
	hubsrv_state_init(&st, &srv, seed);
	check_requests(&h, &srv, &st, key);
	/* the rest, separators and all, is the request */
	if (rest) {
		char *req = fuzz_str((const uint8_t *)rest, (size_t)(end - rest));
		hubsrv_request rq;
		hubsrv_reply r = { 0 };

		read_request(req, &rq);
		hubsrv_handle(&srv, &st, &rq, 0, &r);
		check_reply(&srv, &r);
		if (r.route == HUBSRV_LIST && r.status == 200)
			walk(&srv, &st, &rq, &r, h.n + 1);
		hubsrv_reply_free(&r);
		free(req);
	}
	hubsrv_state_free(&st);
	hub_free(&h);
	return 0;
}
