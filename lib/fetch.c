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

enum { M_WAITING, M_INFO, M_CONFIG, M_DONE };

struct model {
	char *id;             /* NULL: not a model id */
	int state, status;    /* status: HF_OK or what the failure means */
	http_req info, config;
	json_doc d, c;
	hf_out line;          /* the record, or the message, once done */
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

/* GET endpoint/path (for the model's info: path ends in api/models/,
 * and the id and expand[] follow). */
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
	}
	out_putc(&url, '\0');
	r->check = check_object;
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
	json_init(&m->d);
	json_init(&m->c);
	out_init_mem(&m->line);
	if (!m->id) {
		m->state = M_DONE;
		m->status = HF_PARTIAL;
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

static void
failed(struct fetch *f, struct model *m, const http_req *r)
{
	char why[1024];

	huberr_model_line(r, f->p->token == NULL, m->id, why, sizeof why);
	out_puts(&m->line, why);
	m->status = r->result == HTTP_GAVE_UP || r->result == HTTP_UNREACHABLE
	            ? HF_NET : HF_PARTIAL;
	m->state = M_DONE;
}

/* A request of m came back. */
static void
step(struct fetch *f, struct model *m, const http_req *r)
{
	if (r->result != HTTP_OK) {
		failed(f, m, r);
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
		else if (!m->id)
			hf_warn("%s: not a model id (ORG/NAME) or model URL",
			        f->o->src[f->written]);
		else if (m->line.len)
			hf_warn("%.*s", (int)m->line.len, m->line.buf);
		if (m->status != HF_OK)
			f->st->failed++;
		if (m->status > status)
			status = m->status;
		http_req_free(&m->info);
		http_req_free(&m->config);
		json_free(&m->d);
		json_free(&m->c);
		free(m->line.buf);
		free(m->id);
		m->id = NULL;
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
	for (int i = f.written; i < o->n; i++) {
		http_req_free(&f.m[i].info);
		http_req_free(&f.m[i].config);
		json_free(&f.m[i].d);
		json_free(&f.m[i].c);
		free(f.m[i].line.buf);
		free(f.m[i].id);
	}
	free(f.m);
	return status;
}
