/* fetch.c - named models, several at once, written in the order given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "hf.h"
#include "huberr.h"
#include "hubref.h"
#include "listing.h"
#include "record.h"

#include "url.h"

#define SUGGEST_MAX 5

enum { M_WAITING, M_INFO, M_CONFIG, M_SEARCH, M_DONE };

struct model {
	char *id;             /* NULL: not a model id */
	int state, status;    /* status: HF_OK or what the failure means */
	int reason;           /* of a failure: HUBERR_* */
	http_req info, config, search;
	json_doc d, c, s;
	hf_out line;          /* the record, or the message, once done */
	char *suggest[SUGGEST_MAX];
	int nsuggest;
};

struct fetch {
	const fetch_opts *o;
	http_pool *p;
	hf_out *out;
	fetch_stats *st;
	struct model *m;
	int next, written, running;
};

static int
check_object(void *ctx, const char *body, size_t len)
{
	const char *why;

	return json_parse(ctx, body, len, 1, &why);
}

static int
check_array(void *ctx, const char *body, size_t len)
{
	const char *why;
	json_doc *d = ctx;

	return json_parse(d, body, len, 0, &why) || json_type(d, 0) != JSMN_ARRAY;
}

/* GET endpoint/path (for the model's info: path ends in api/models/,
 * and the id and expand[] follow; for its search, the query). */
static void
submit(struct fetch *f, struct model *m, http_req *r, json_doc *d,
       const char *path)
{
	hf_out url;

	out_init_mem(&url);
	out_printf(&url, "%s/%s", f->o->endpoint, path);
	if (r == &m->info) {
		out_printf(&url, "%s?", m->id);
		lst_put_expand(&url, "expand[]", f->o->expand, f->o->nexpand);
	} else if (r == &m->search) {
		url_put_param(&url, "search", strchr(m->id, '/') ?
		              strchr(m->id, '/') + 1 : m->id);
		url_put_param(&url, "limit", "5");
	}
	out_putc(&url, '\0');
	r->check = r == &m->search ? check_array : check_object;
	r->ctx = d;
	r->what = m->id;
	r->user = m;
	http_submit(f->p, r, url.buf);
	free(url.buf);
}

static void
start(struct fetch *f, struct model *m)
{
	http_req_init(&m->info);
	http_req_init(&m->config);
	http_req_init(&m->search);
	json_init(&m->d);
	json_init(&m->c);
	json_init(&m->s);
	out_init_mem(&m->line);
	if (!m->id) {
		m->state = M_DONE;
		m->status = HF_PARTIAL;
		m->reason = HUBERR_MALFORMED;
		return;
	}
	m->state = M_INFO;
	submit(f, m, &m->info, &m->d, "api/models/");
	f->running++;
}

/* The record of a fetched model, as one line. */
static void
record(const struct fetch *f, struct model *m)
{
	size_t n;
	const char *s;

	if (f->o->fetch_config) {
		s = json_span(&m->c, 0, &n);
		rec_write_with(&m->line, &m->d, "config", s, n);
	} else {
		s = json_span(&m->d, 0, &n);
		out_json_minified(&m->line, s, n);
		out_putc(&m->line, '\n');
	}
}

/* m's request r failed: its line and status; a search for a missing
 * one's name, when asked for (1: submitted). */
static int
failed(struct fetch *f, struct model *m, const http_req *r)
{
	char why[1024];

	huberr_model_line(r, f->p->token == NULL, m->id, why, sizeof why);
	out_puts(&m->line, why);
	m->reason = huberr_reason(r);
	m->status = r->result == HTTP_GAVE_UP || r->result == HTTP_UNREACHABLE
	            ? HF_NET : HF_PARTIAL;
	if (f->o->suggest && m->reason == HUBERR_MISSING) {
		m->state = M_SEARCH;
		submit(f, m, &m->search, &m->s, "api/models?");
		return 1;
	}
	m->state = M_DONE;
	return 0;
}

/* The ids the search found, but the model's own, as "did you mean". */
static void
take_suggestions(struct model *m)
{
	for (int k = 0, el; (el = json_at(&m->s, 0, k)) >= 0; k++) {
		char *id = json_strdup(&m->s, json_get(&m->s, el, "id"));

		if (!id || !strcmp(id, m->id) || m->nsuggest == SUGGEST_MAX) {
			free(id);
			continue;
		}
		m->suggest[m->nsuggest++] = id;
	}
	for (int i = 0; i < m->nsuggest; i++)
		out_printf(&m->line, "%s%s", i == 0 ? "; did you mean " :
		           i == m->nsuggest - 1 ? " or " : ", ", m->suggest[i]);
	if (m->nsuggest)
		out_putc(&m->line, '?');
}

/* A request of m came back. */
static void
step(struct fetch *f, struct model *m, const http_req *r)
{
	if (r == &m->search) {
		/* a search that failed only leaves the line without hints */
		if (r->result == HTTP_OK)
			take_suggestions(m);
		m->state = M_DONE;
	} else if (r->result != HTTP_OK) {
		if (failed(f, m, r))
			return;
	} else if (m->state == M_INFO && f->o->fetch_config) {
		char path[512];

		m->state = M_CONFIG;
		snprintf(path, sizeof path, "%s/resolve/main/config.json", m->id);
		submit(f, m, &m->config, &m->c, path);
		return;
	} else {
		record(f, m);
		m->state = M_DONE;
		f->st->records++;
	}
	f->running--;
}

static void
free_model(struct model *m)
{
	http_req_free(&m->info);
	http_req_free(&m->config);
	http_req_free(&m->search);
	json_free(&m->d);
	json_free(&m->c);
	json_free(&m->s);
	free(m->line.buf);
	free(m->id);
	for (int i = 0; i < m->nsuggest; i++)
		free(m->suggest[i]);
	memset(m, 0, sizeof *m);
}

/* The line about a model that failed: on standard error, or as an
 * error record. */
static void
report(struct fetch *f, struct model *m, const char *src)
{
	char why[1024];

	if (!m->id)
		snprintf(why, sizeof why, "%s: not a model id (ORG/NAME) or model "
		         "URL", src);
	else if (m->line.len)
		snprintf(why, sizeof why, "%.*s", (int)m->line.len, m->line.buf);
	else if (f->o->error_records) /* after the endpoint proved unreachable */
		snprintf(why, sizeof why, "%s: not fetched: the Hub cannot be "
		         "reached", m->id);
	else
		return;
	if (f->o->error_records)
		huberr_put_record(f->out, m->id ? m->reason : HUBERR_MALFORMED,
		                  m->id ? m->id : src, why, m->suggest, m->nsuggest);
	else
		hf_warn("%s", why);
}

/* Write the finished models at the front, in order. */
static int
write_done(struct fetch *f)
{
	int status = HF_OK;

	for (; f->written < f->next && f->m[f->written].state == M_DONE;
	     f->written++) {
		struct model *m = &f->m[f->written];

		if (m->status == HF_OK)
			out_write(f->out, m->line.buf, m->line.len);
		else
			report(f, m, f->o->src[f->written]);
		if (m->status != HF_OK)
			f->st->failed++;
		if (m->status > status)
			status = m->status;
		free_model(m);
	}
	return status;
}

int
fetch_run(const fetch_opts *o, http_pool *p, hf_out *out, fetch_stats *st)
{
	struct fetch f = { o, p, out, st, NULL, 0, 0, 0 };
	int status = HF_OK, got;
	http_req *r;

	memset(st, 0, sizeof *st);
	f.m = hf_calloc((size_t)o->n + 1, sizeof *f.m);
	for (;;) {
		while (f.next < o->n && f.running < o->jobs) {
			struct model *m = &f.m[f.next++];

			m->id = ref_model_id(o->src[f.next - 1]);
			start(&f, m);
		}
		got = write_done(&f);
		if (got > status)
			status = got;
		if (f.written == o->n)
			break;
		if (http_next(p, &r) != 1)
			break;
		if (r->result == HTTP_UNREACHABLE) {
			/* nothing will get through: say it once, for this one */
			http_cancel(p);
			step(&f, r->user, r);
			for (int i = f.written; i < f.next; i++)
				if (f.m[i].state != M_DONE) {
					f.m[i].state = M_DONE;
					f.m[i].status = HF_NET;
					f.m[i].reason = HUBERR_NETWORK;
				}
			write_done(&f);
			status = HF_NET;
			break;
		}
		step(&f, r->user, r);
	}
	if (o->stop && *o->stop) {
		out_flush(out);
		hf_warn("interrupted after %lld models", (long long)st->records);
		exit(128 + *o->stop);
	}
	for (int i = f.written; i < o->n; i++)
		free_model(&f.m[i]);
	free(f.m);
	return status;
}
