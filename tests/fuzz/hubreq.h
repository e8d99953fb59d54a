/*
 * hubreq.h - what the hubsrv and hub harnesses share: a request read
 * from text, the checks every reply of lib/hubsrv.c must pass, and a
 * listing walked by its next links.  A request is written
 *
 *	METHOD TARGET              TARGET: the path, then ?QUERY if any
 *	Authorization: VALUE       and Range, Host, If-None-Match (any case)
 *
 * Its strings point into the text it was read from.  Static functions,
 * so that each harness stays one file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../lib/hubsrv.h"
#include "../../lib/url.h"
#include "fuzz.h"

/* Cut text (NUL-terminated, changed in place) into *rq. */
static void
read_request(char *text, hubsrv_request *rq)
{
	static const char *const names[] = {
		"authorization", "range", "host", "if-none-match"
	};
	const char **field[] = {
		&rq->authorization, &rq->range, &rq->host, &rq->if_none_match
	};
	char *line = text, *nl = strchr(line, '\n'), *sp, *q;

	memset(rq, 0, sizeof *rq);
	if (nl)
		*nl = '\0';
	rq->method = line;
	if ((sp = strchr(line, ' ')) != NULL) {
		*sp = '\0';
		rq->path = sp + 1;
		if ((q = strchr(rq->path, '?')) != NULL) {
			*q = '\0';
			rq->query = q + 1;
		}
	}
	while (nl) {
		char *colon;

		line = nl + 1;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (!(colon = strchr(line, ':')))
			continue;
		*colon++ = '\0';
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (strcasecmp(line, names[i]) == 0)
				*field[i] = colon + strspn(colon, " \t");
	}
}

/* The statuses hf-serve answers with. */
static int
known_status(int status)
{
	static const int known[] = {
		200, 206, 304, 307, 400, 401, 403, 404, 405, 416, 429, 500, 502,
		503, 504
	};

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (status == known[i])
			return 1;
	return 0;
}

/* What any reply must be: a status of the list, header values that can
 * stand in a header line, a type for a body, a JSON body that parses, a
 * Content-Range that is the body's, a Location for a redirect. */
static void
check_reply(const hubsrv *srv, const hubsrv_reply *r)
{
	static json_doc body;
	const char *why, *cr = r->header[HUBSRV_CONTENT_RANGE];

	fuzz_assert(known_status(r->status));
	for (int h = 0; h < HUBSRV_NHEADERS; h++)
		for (const char *p = r->header[h]; p && *p; p++)
			fuzz_assert((unsigned char)*p >= 0x20 && *p != 0x7f);
	fuzz_assert(r->body.len == 0 || r->type != NULL);
	if (r->type && strcmp(r->type, "application/json") == 0 &&
	    r->status != 206 &&
	    json_parse(&body, r->body.buf, r->body.len, 0, &why) != 0)
		fuzz_fail(why, __FILE__, __LINE__);
	if (r->status == 206) {
		size_t from, to, total;
		char extra;

		fuzz_assert(cr && sscanf(cr, "bytes %zu-%zu/%zu%c", &from, &to,
		                         &total, &extra) == 3);
		fuzz_assert(from <= to && to < total &&
		            to - from + 1 == r->body.len);
	}
	if (r->status == 307)
		fuzz_assert(r->header[HUBSRV_LOCATION] != NULL);
	if (r->status == 429 && srv->fault.rl_q)
		fuzz_assert(r->header[HUBSRV_RETRY_AFTER] != NULL);
}

/* A next link, checked: <http://HOST/api/models?QUERY>; rel="next", the
 * host the request's or the server's, the query ending in a cursor that
 * hubsrv_cursor writes again the same.  The query (malloc'd) in *query;
 * returns the cursor's position. */
static size_t
check_link(const char *link, const char *host, const char *srv_host,
           char **query)
{
	const char *p = link + 8, *end, *cur = NULL, *c;
	char dec[96], again[96];
	size_t pos, n;

	fuzz_assert(strncmp(link, "<http://", 8) == 0);
	if (host && strncmp(p, host, strlen(host)) == 0 &&
	    strncmp(p + strlen(host), "/api/models?", 12) == 0)
		p += strlen(host);
	else if (strncmp(p, srv_host, strlen(srv_host)) == 0)
		p += strlen(srv_host);
	else
		fuzz_fail("a next link to another host", __FILE__, __LINE__);
	fuzz_assert(strncmp(p, "/api/models?", 12) == 0);
	p += 12;
	end = strstr(p, ">; rel=\"next\"");
	fuzz_assert(end && strcmp(end, ">; rel=\"next\"") == 0);
	/* the cursor comes last */
	for (c = p; (c = strstr(c, "cursor=")) && c < end; c++)
		cur = c;
	fuzz_assert(cur && (cur == p || cur[-1] == '&'));
	n = (size_t)(end - (cur + 7));
	fuzz_assert(n < sizeof dec);
	memcpy(dec, cur + 7, n);
	dec[n] = '\0';
	url_decode(dec);
	fuzz_assert(hubsrv_cursor_pos(dec, &pos) == 0);
	hubsrv_cursor(again, sizeof again, pos);
	fuzz_assert(strlen(again) == n && memcmp(again, cur + 7, n) == 0);
	*query = strndup(p, (size_t)(end - p));
	fuzz_assert(*query != NULL);
	return pos;
}

/* Follow the next links of the listing r answered rq with, to the end:
 * each page 200, its cursor past the last one, at most pages pages.
 * Returns the models of every page, r's included. */
static size_t
walk(const hubsrv *srv, hubsrv_state *st, const hubsrv_request *rq,
     const hubsrv_reply *r, size_t pages)
{
	static json_doc page;
	const char *why, *link = r->header[HUBSRV_LINK];
	size_t models, last = 0;
	hubsrv_reply next = { 0 };

	fuzz_assert(json_parse(&page, r->body.buf, r->body.len, 0, &why) == 0);
	models = (size_t)page.tok[0].size;
	for (size_t n = 0; link; n++) {
		char *query;
		size_t pos = check_link(link, rq->host, srv->host, &query);
		hubsrv_request nrq = { "GET", "/api/models", query,
		                       rq->authorization, NULL, rq->host, NULL };

		fuzz_assert(n < pages && pos > last);
		last = pos;
		hubsrv_reply_free(&next);
		hubsrv_handle(srv, st, &nrq, 0, &next);
		check_reply(srv, &next);
		fuzz_assert(next.status == 200);
		fuzz_assert(json_parse(&page, next.body.buf, next.body.len, 0,
		                       &why) == 0);
		models += (size_t)page.tok[0].size;
		link = next.header[HUBSRV_LINK];
		free(query);
	}
	hubsrv_reply_free(&next);
	return models;
}
