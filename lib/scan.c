/* scan.c - many listings at once, each output in listing order, one
 * checkpoint for all. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ckpt.h"
#include "file.h"
#include "hf.h"
#include "huberr.h"
#include "scan.h"

enum { J_TODO, J_RUNNING, J_DONE, J_FAILED };

struct job {
	lst_query *q;
	int out, state, group;
	int direct;           /* writes into its output (it is the head) */
	char *url;            /* the next page, or NULL for none */
	int spool_fd;         /* its spool, or -1 */
	char *spool_path;     /* the spool's name with a checkpoint */
	hf_out spool;
	int64_t spool_len;    /* bytes of the spool on disk */
	int64_t records, counted, pages, last_downloads;
	/* two requests, so that the next page is asked for while this one
	 * is written: a page's body and tokens live in its own pair */
	http_req req[2];
	json_doc d[2];
	int page;             /* the pair holding the page to write, or -1 */
	int nwrite;           /* how many of its models to write */
	char what[64];
};

struct output {
	const char *path;     /* NULL: standard output */
	int fd;
	hf_out w;
	int64_t len;          /* bytes on disk after the last checkpoint */
	int tee;              /* also to this descriptor (--tee, --tee-fd);
	                       * 0 none, -1 closed: the copy is complete */
	int64_t teed;         /* bytes of it copied there so far */
	int *jobs, njobs;     /* its listings, in order */
	int head;             /* the first of them not yet merged */
};

struct scan {
	const scan_opts *o;
	http_pool *p;
	scan_stats *st;
	struct job *j;
	struct output *out;
	int nout;
	uint64_t query;
	char **unlink_later;  /* merged spools, removed after a checkpoint */
	int nunlink;
};

/* ---- the checkpoint ---- */

static void
save(struct scan *s)
{
	ckpt k = { s->query, NULL, s->nout, NULL, s->o->nq };

	if (!s->o->checkpoint)
		return;
	k.offset = hf_calloc((size_t)s->nout, sizeof *k.offset);
	k.l = hf_calloc((size_t)s->o->nq, sizeof *k.l);
	for (int i = 0; i < s->nout; i++)
		k.offset[i] = s->out[i].len;
	for (int i = 0; i < s->o->nq; i++) {
		const struct job *j = &s->j[i];

		k.l[i].done = j->state == J_DONE;
		k.l[i].records = j->records;
		k.l[i].pages = j->pages;
		k.l[i].spool = j->direct ? -1 : j->spool_len;
		k.l[i].next = j->url;
	}
	if (ckpt_write(s->o->checkpoint, &k) < 0)
		hf_die(HF_STATE, "cannot write checkpoint %s:", s->o->checkpoint);
	free(k.offset);
	free(k.l);
	for (int i = 0; i < s->nunlink; i++) {
		unlink(s->unlink_later[i]);
		free(s->unlink_later[i]);
	}
	s->nunlink = 0;
}

/* What the run is: every listing's first URL, limits and output. */
static uint64_t
fingerprint(const scan_opts *o, struct scan *s)
{
	hf_out w;
	uint64_t h;

	out_init_mem(&w);
	for (int i = 0; i < o->nq; i++) {
		char *url = lst_url(&o->q[i], o->endpoint, o->page_size, o->expand,
		                    o->nexpand);

		const char *path = s->out[s->j[i].out].path;

		out_printf(&w, "%s\nlimit=%lld min_downloads=%lld output=%s\n", url,
		           (long long)o->q[i].limit,
		           (long long)o->q[i].min_downloads, path ? path : "-");
		free(url);
	}
	out_printf(&w, "known=%d\n", o->known != NULL);
	h = ckpt_fingerprint(w.buf, w.len);
	free(w.buf);
	return h;
}

/* ---- outputs and spools ---- */

/* --tee: what the output's file holds beyond what was copied, to its
 * descriptor, read back from the file so that the copy is its bytes in
 * their order whichever listing (or an earlier run) wrote them. */
static void
tee_output(struct output *out)
{
	char buf[65536];
	off_t end;
	ssize_t n;

	if (out->tee <= 0)
		return;
	out_flush(&out->w);
	if ((end = lseek(out->fd, 0, SEEK_CUR)) < 0)
		hf_die(HF_STATE, "cannot read %s:", out->path);
	while (out->teed < end) {
		size_t want = end - out->teed < (off_t)sizeof buf ?
		              (size_t)(end - out->teed) : sizeof buf;

		if ((n = pread(out->fd, buf, want, out->teed)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			hf_die(HF_STATE, "cannot read %s:", out->path);
		}
		if (file_write_fd(out->tee, buf, (size_t)n) < 0)
			hf_die(HF_STATE, out->tee == 1 ? "cannot write standard output:"
			       : "cannot write descriptor %d (--tee-fd):", out->tee);
		out->teed += n;
	}
}

/* The output is complete: the rest of its copy, then the copy's end, so
 * that its reader need not wait for the other listings.  /dev/null takes
 * the descriptor's place, so no file opened later gets it. */
static void
tee_end(struct output *out)
{
	int null;

	if (out->tee <= 0)
		return;
	tee_output(out);
	if ((null = open("/dev/null", O_WRONLY)) < 0 || dup2(null, out->tee) < 0)
		hf_die(HF_STATE, "cannot close descriptor %d:", out->tee);
	close(null);
	out->tee = -1;
}

static void
sync_output(struct scan *s, struct output *out)
{
	out_flush(&out->w);
	if (s->o->checkpoint && ckpt_sync(out->fd, &out->len) < 0)
		hf_die(HF_STATE, "cannot sync %s:", out->path);
	tee_output(out);
}

/* The name of listing i's spool beside the checkpoint, malloc'd. */
static char *
spool_name(const struct scan *s, int i)
{
	size_t n = strlen(s->o->checkpoint) + 32;
	char *name = hf_malloc(n);

	snprintf(name, n, "%s.%d.spool", s->o->checkpoint, i);
	return name;
}

/* Remove every spool of the run: after success, and a spool that a kill
 * left after its listing had moved into its output. */
static void
remove_spool(const struct scan *s, int i)
{
	char *name = spool_name(s, i);

	unlink(name);
	free(name);
}

static void
open_spool(struct scan *s, struct job *j, int index, int64_t len)
{
	char err[512];

	if (s->o->checkpoint) {
		j->spool_path = spool_name(s, index);
		j->spool_fd = ckpt_open_output(j->spool_path, len, CKPT_RESUME |
		                               CKPT_REGULAR | CKPT_READ |
		                               CKPT_LOCK, err, sizeof err);
		if (j->spool_fd < 0)
			hf_die(HF_STATE, "%s", err);
	} else {
		const char *tmp = getenv("TMPDIR");
		size_t n = (tmp && *tmp ? strlen(tmp) : 4) + 32;
		char *path = hf_malloc(n);

		snprintf(path, n, "%s/hf-list.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if ((j->spool_fd = mkstemp(path)) < 0)
			hf_die(HF_STATE, "cannot make a spool file in %s:",
			       tmp && *tmp ? tmp : "/tmp");
		unlink(path);
		free(path);
	}
	fcntl(j->spool_fd, F_SETFD, FD_CLOEXEC);
	out_init(&j->spool, j->spool_fd, j->spool_path ? j->spool_path
	                                                : "a spool file");
	j->spool_len = len;
}

/* Append j's spool to its output, and let j write there from now on;
 * 1 when there was a spool. */
static int
merge(struct scan *s, struct job *j)
{
	struct output *out = &s->out[j->out];
	char buf[65536];
	off_t at = 0;
	ssize_t n;

	j->direct = 1;
	if (j->spool_fd < 0)
		return 0;
	out_flush(&j->spool);
	while ((n = pread(j->spool_fd, buf, sizeof buf, at)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			hf_die(HF_STATE, "cannot read %s:", j->spool.name);
		out_write(&out->w, buf, (size_t)n);
		at += n;
	}
	out_free(&j->spool);
	close(j->spool_fd);
	j->spool_fd = -1;
	if (j->spool_path) {
		s->unlink_later = hf_realloc(s->unlink_later, (size_t)(s->nunlink + 1) *
		                             sizeof *s->unlink_later);
		s->unlink_later[s->nunlink++] = j->spool_path;
		j->spool_path = NULL;
	}
	return 1;
}

/* Merge out's finished head listings, then make the next one direct. */
static void
advance(struct scan *s, struct output *out)
{
	int moved = 0;

	while (out->head < out->njobs) {
		struct job *h = &s->j[out->jobs[out->head]];

		if (!h->direct)
			moved |= merge(s, h);
		if (h->state != J_DONE)
			break;
		out->head++;
	}
	if (moved) {
		sync_output(s, out);
		save(s);
	}
	if (out->head == out->njobs)
		tee_end(out);
}

/* ---- pages ---- */

/* A page is a JSON array of objects; anything else is retried. */
static int
check_array(void *ctx, const char *body, size_t len)
{
	json_doc *d = ctx;
	const char *why;
	int i = 1;

	if (json_parse(d, body, len, 0, &why) < 0 || json_type(d, 0) != JSMN_ARRAY)
		return -1;
	for (int k = 0; k < d->tok[0].size; k++, i = json_skip(d, i))
		if (json_type(d, i) != JSMN_OBJECT)
			return -1;
	return 0;
}

/* Does model i count toward the listing's --limit? */
static int
counts(const struct scan *s, const json_doc *d, int i)
{
	size_t n;
	const char *id;

	if (!s->o->known)
		return 1;
	id = json_raw(d, json_get(d, i, "id"), &n);
	return !id || !strset_has(s->o->known, id, n);
}

/* How many models of the page d to write, counting them toward the
 * limit; *complete when the listing ends with them (its limit or
 * download threshold reached). */
static int
plan_page(const struct scan *s, struct job *j, const json_doc *d,
          int *complete)
{
	const lst_query *q = j->q;
	int i = 1, n = 0;

	*complete = 1;
	for (int k = 0; k < d->tok[0].size; k++, i = json_skip(d, i)) {
		int64_t dl;

		if (q->limit >= 0 && j->counted >= q->limit)
			return n;
		if (json_int64(d, json_get(d, i, "downloads"), &dl) == 0)
			j->last_downloads = dl;
		if (q->min_downloads >= 0 &&
		    (json_int64(d, json_get(d, i, "downloads"), &dl) < 0 ||
		     dl < q->min_downloads))
			return n;
		j->counted += counts(s, d, i);
		n++;
	}
	*complete = q->limit >= 0 && j->counted >= q->limit;
	return n;
}

/* Write the first n models of page d; 0, or -1 when a signal came
 * in between (the page is then not complete: no checkpoint). */
static int
write_page(struct scan *s, struct job *j, const json_doc *d, int n, hf_out *w)
{
	int i = 1;

	for (int k = 0; k < n; k++, i = json_skip(d, i)) {
		size_t len;
		const char *m = json_span(d, i, &len);

		out_json_minified(w, m, len);
		out_putc(w, '\n');
		j->records++;
		s->st->records++;
		s->st->group[j->group].records++;
		if (s->o->stop && *s->o->stop)
			return -1;
	}
	return 0;
}

/* Ask for j's next page (j->url) in pair k. */
static void
submit_page(struct scan *s, struct job *j, int k)
{
	if (s->o->nq > 1)
		snprintf(j->what, sizeof j->what, "listing %d page %lld",
		         (int)(j - s->j) + 1, (long long)j->pages + 1);
	else
		snprintf(j->what, sizeof j->what, "page %lld",
		         (long long)j->pages + 1);
	j->req[k].what = j->what;
	http_submit(s->p, &j->req[k], j->url);
}

static void
finish_job(struct scan *s, struct job *j, int state)
{
	j->state = state;
	s->st->running--;
	if (state == J_DONE) {
		free(j->url);
		j->url = NULL;
		s->st->done++;
		s->st->group[j->group].done++;
	} else {
		s->st->failed++;
		s->st->group[j->group].failed++;
	}
}

/* The page in pair k of j has come: decide whether the listing goes on,
 * and ask for the next page at once, before this one is written. */
static int page_write(struct scan *s, struct job *j);

static void
page_came(struct scan *s, struct job *j, int k)
{
	int complete;

	/* the page before came in this same batch: it goes out first, as
	 * its pair is the one the next request will use */
	if (j->page >= 0 && page_write(s, j) < 0)
		return;
	j->nwrite = plan_page(s, j, &j->d[k], &complete);
	j->page = k;
	free(j->url);
	j->url = !complete && j->req[k].next ? hf_strdup(j->req[k].next) : NULL;
	if (j->url)
		submit_page(s, j, 1 - k);
}

/* Write j's page and sync what it went into; -1 when interrupted. */
static int
page_write(struct scan *s, struct job *j)
{
	struct output *out = &s->out[j->out];
	hf_out *w = j->direct ? &out->w : &j->spool;
	int k = j->page;

	j->page = -1;
	if (write_page(s, j, &j->d[k], j->nwrite, w) < 0)
		return -1;
	j->pages++;
	s->st->pages++;
	s->st->group[j->group].pages++;
	if (j->direct) {
		sync_output(s, out);
	} else {
		out_flush(&j->spool);
		if (s->o->checkpoint && ckpt_sync(j->spool_fd, &j->spool_len) < 0)
			hf_die(HF_STATE, "cannot sync %s:", j->spool.name);
	}
	if (!j->url)
		finish_job(s, j, J_DONE);
	return 0;
}

/* One line for a listing the Hub refused or kept failing on. */
static void
job_failed(struct scan *s, struct job *j, const http_req *r)
{
	char why[1024], what[512];

	huberr_listing_line(r, s->p->token == NULL, why, sizeof why);
	if (s->o->nq == 1) {
		if (r->result == HTTP_GAVE_UP)
			hf_warn("the Hub kept failing after %lld models; %s",
			        (long long)s->st->records, s->o->checkpoint ?
			        "run the same command again to resume" :
			        "-o FILE --checkpoint CKPT make a scan resumable");
		else
			hf_warn("%s", why);
	} else {
		lst_describe(j->q, what, sizeof what);
		hf_warn("listing %d (%s): %s after %lld models", (int)(j - s->j) + 1,
		        what, why, (long long)j->records);
	}
	finish_job(s, j, J_FAILED);
}

/* Write every page that came, then checkpoint once; the outputs of
 * listings that ended move on. */
static void
write_pages(struct scan *s)
{
	int ended = 0, wrote = 0;

	for (int i = 0; i < s->o->nq; i++) {
		struct job *j = &s->j[i];

		if (j->page < 0)
			continue;
		if (page_write(s, j) < 0)
			return; /* interrupted: this page gets no checkpoint */
		ended |= j->state == J_DONE;
		wrote = 1;
	}
	if (wrote)
		save(s);
	for (int i = 0; ended && i < s->nout; i++)
		advance(s, &s->out[i]);
}

/* ---- progress ---- */

void
scan_put_groups(hf_out *w, const scan_stats *st)
{
	for (int g = 0; g < st->ngroups; g++) {
		const scan_group *gr = &st->group[g];

		if (gr->label)
			out_printf(w, "%s ", gr->label);
		if (gr->listings > 1)
			out_printf(w, "%d of %d%s, ", gr->done, gr->listings,
			           gr->label ? "" : " listings");
		if (gr->listings == 1 || !gr->label)
			out_printf(w, "%lld page%s, ", (long long)gr->pages,
			           gr->pages == 1 ? "" : "s");
		if (gr->threshold >= 0 && gr->last_downloads >= 0)
			out_printf(w, "at %lld downloads (stop below %lld), ",
			           (long long)gr->last_downloads,
			           (long long)gr->threshold);
	}
}

/* ---- the run ---- */

static void
start_jobs(struct scan *s)
{
	for (int i = 0; i < s->o->nq && s->st->running < s->o->jobs; i++) {
		struct job *j = &s->j[i];

		if (j->state != J_TODO)
			continue;
		j->state = J_RUNNING;
		s->st->running++;
		if (j->q->limit == 0) {
			/* nothing wanted: ask nothing */
			finish_job(s, j, J_DONE);
			save(s);
			advance(s, &s->out[j->out]);
			continue;
		}
		if (!j->url)
			j->url = lst_url(j->q, s->o->endpoint, s->o->page_size,
			                 s->o->expand, s->o->nexpand);
		submit_page(s, j, 0);
	}
}

/* The outputs (one per distinct path), and which listing goes where. */
static void
plan_outputs(struct scan *s)
{
	const scan_opts *o = s->o;

	s->out = hf_calloc((size_t)o->nq, sizeof *s->out);
	for (int i = 0; i < o->nq; i++) {
		const char *path = o->q[i].output ? o->q[i].output : o->output;
		int k = 0;

		if (path && strcmp(path, "-") == 0)
			path = NULL;
		while (k < s->nout && !(s->out[k].path == path ||
		       (path && s->out[k].path && strcmp(s->out[k].path, path) == 0)))
			k++;
		if (k == s->nout) {
			s->out[k].path = path;
			s->out[k].jobs = hf_calloc((size_t)o->nq, sizeof (int));
			s->nout++;
		}
		s->out[k].jobs[s->out[k].njobs++] = i;
		if (o->q[i].tee)
			s->out[k].tee = o->q[i].tee;
		s->j[i].out = k;
	}
}

/* Read the checkpoint: 1 resumed, 0 a fresh run. */
static int
resume(struct scan *s, ckpt *k)
{
	char err[256];
	int got;

	if (!s->o->checkpoint)
		return 0;
	got = ckpt_read(s->o->checkpoint, k, err, sizeof err);
	if (got < 0)
		hf_die(HF_STATE, "%s: %s; remove it to start over",
		       s->o->checkpoint, err);
	if (got && (k->query != s->query || k->nlistings != s->o->nq ||
	            k->noutputs != s->nout))
		hf_die(HF_USAGE, "%s is the checkpoint of another query; run the "
		       "same command to resume it, or remove it", s->o->checkpoint);
	return got;
}

/* --tee copies a file to a descriptor: one file a descriptor, an open
 * one, and nothing else on standard output when it is the one. */
static void
check_tee(const struct scan *s)
{
	int stdout_used = 0;

	for (int i = 0; i < s->nout; i++)
		stdout_used |= !s->out[i].path;
	for (int i = 0; i < s->nout; i++) {
		int fd = s->out[i].tee;

		if (!fd)
			continue;
		if (!s->out[i].path)
			hf_die(HF_USAGE, "--tee needs -o FILE");
		for (int k = 0; k < i; k++)
			if (s->out[k].tee == fd)
				hf_die(HF_USAGE, "--tee goes with one output a "
				       "descriptor; %d has two", fd);
		if (fd == 1 && stdout_used)
			hf_die(HF_USAGE, "--tee and a listing without -o would both "
			       "write standard output");
		if (fcntl(fd, F_GETFD) < 0)
			hf_die(HF_USAGE, "--tee-fd %d: not an open descriptor", fd);
	}
}

static void
setup(struct scan *s, ckpt *k, int resumed)
{
	char err[512];

	check_tee(s);
	for (int i = 0; i < s->nout; i++) {
		struct output *out = &s->out[i];

		if (s->o->checkpoint && !out->path)
			hf_die(HF_USAGE, "--checkpoint needs every listing's records "
			       "in a file (-o)");
		if (s->o->checkpoint && ckpt_same_file(s->o->checkpoint, out->path))
			hf_die(HF_USAGE, "%s is both an output and the checkpoint",
			       out->path);

		out->len = resumed ? k->offset[i] : 0;
		if (!out->path) {
			out->fd = 1;
		} else if ((out->fd = ckpt_open_output(out->path, out->len,
		                (resumed ? CKPT_RESUME : 0) |
		                (s->o->checkpoint ? CKPT_REGULAR | CKPT_LOCK : 0) |
		                (out->tee ? CKPT_REGULAR | CKPT_READ : 0),
		                err, sizeof err)) < 0) {
			hf_die(HF_STATE, "%s", err);
		}
		out_init(&out->w, out->fd, out->path ? out->path : "standard output");
	}
	for (int i = 0; i < s->o->nq; i++) {
		struct job *j = &s->j[i];

		j->q = &s->o->q[i];
		j->spool_fd = -1;
		j->last_downloads = -1;
		j->page = -1;
		for (int k = 0; k < 2; k++) {
			http_req_init(&j->req[k]);
			j->req[k].check = check_array;
			j->req[k].ctx = &j->d[k];
			j->req[k].user = j;
			json_init(&j->d[k]);
		}
		if (resumed) {
			const ckpt_listing *l = &k->l[i];

			j->state = l->done ? J_DONE : J_TODO;
			j->records = j->counted = l->records;
			j->pages = l->pages;
			j->url = l->next ? hf_strdup(l->next) : NULL;
			s->st->records += l->records;
			s->st->pages += l->pages;
			s->st->done += l->done;
			s->st->group[j->group].records += l->records;
			s->st->group[j->group].pages += l->pages;
			s->st->group[j->group].done += l->done;
			if (l->spool >= 0) {
				open_spool(s, j, i, l->spool);
			} else {
				j->direct = 1;
				remove_spool(s, i);
			}
		}
	}
	s->st->resumed = s->st->records;
	/* a fresh run: the first listing of each output writes into it */
	for (int i = 0; i < s->nout && !resumed; i++)
		for (int n = 1; n < s->out[i].njobs; n++)
			open_spool(s, &s->j[s->out[i].jobs[n]], s->out[i].jobs[n], 0);
	/* a resumed one: finished spools at the front are merged now, and
	 * what the outputs hold is copied for --tee at once */
	for (int i = 0; i < s->nout; i++) {
		advance(s, &s->out[i]);
		tee_output(&s->out[i]);
	}
}

/* The groups of listings by label, in order of first appearance. */
static void
plan_groups(struct scan *s)
{
	scan_stats *st = s->st;

	st->group = hf_calloc((size_t)s->o->nq, sizeof *st->group);
	for (int i = 0; i < s->o->nq; i++) {
		const char *label = s->o->q[i].label;
		int g = 0;

		while (g < st->ngroups && !(st->group[g].label == label ||
		       (label && st->group[g].label &&
		        strcmp(st->group[g].label, label) == 0)))
			g++;
		if (g == st->ngroups) {
			st->group[g].label = label;
			st->group[g].last_downloads = st->group[g].threshold = -1;
			st->ngroups++;
		}
		st->group[g].listings++;
		s->j[i].group = g;
	}
}

static void
update_thresholds(struct scan *s)
{
	for (int g = 0; g < s->st->ngroups; g++)
		s->st->group[g].last_downloads = s->st->group[g].threshold = -1;
	for (int i = s->o->nq - 1; i >= 0; i--) {
		const struct job *j = &s->j[i];
		scan_group *g = &s->st->group[j->group];

		if (j->state == J_RUNNING && j->q->min_downloads >= 0) {
			g->last_downloads = j->last_downloads;
			g->threshold = j->q->min_downloads;
		}
	}
}

static _Noreturn void
interrupted(struct scan *s)
{
	for (int i = 0; i < s->nout; i++)
		out_flush(&s->out[i].w);
	hf_warn("interrupted after %lld models%s", (long long)s->st->records,
	        s->o->checkpoint ? "; run the same command again to resume" : "");
	exit(128 + *s->o->stop);
}

/* The end of a run with failures and no checkpoint: what there is of
 * the other listings is written after all, in order. */
static void
flush_the_rest(struct scan *s)
{
	for (int i = 0; i < s->nout; i++) {
		struct output *out = &s->out[i];

		for (int n = out->head; n < out->njobs; n++)
			merge(s, &s->j[out->jobs[n]]);
		out_flush(&out->w);
		tee_output(out);
	}
}

static void
cleanup(struct scan *s)
{
	for (int i = 0; i < s->o->nq; i++) {
		struct job *j = &s->j[i];

		if (j->spool_fd >= 0) {
			out_free(&j->spool);
			close(j->spool_fd);
		}
		free(j->spool_path);
		free(j->url);
		for (int k = 0; k < 2; k++) {
			http_req_free(&j->req[k]);
			json_free(&j->d[k]);
		}
	}
	for (int i = 0; i < s->nout; i++) {
		out_free(&s->out[i].w);
		if (s->out[i].path && close(s->out[i].fd) < 0)
			hf_die(HF_STATE, "cannot write %s:", s->out[i].path);
		free(s->out[i].jobs);
	}
	for (int i = 0; i < s->nunlink; i++)
		free(s->unlink_later[i]);
	free(s->unlink_later);
	free(s->out);
	free(s->j);
}

int
scan_run(const scan_opts *o, http_pool *p, scan_stats *st,
         scan_progress progress, void *arg)
{
	struct scan s = { o, p, st, NULL, NULL, 0, 0, NULL, 0 };
	ckpt k = { 0 };
	http_req *r;
	int resumed, status = HF_OK;

	memset(st, 0, sizeof *st);
	st->listings = o->nq;
	s.j = hf_calloc((size_t)o->nq, sizeof *s.j);
	plan_outputs(&s);
	plan_groups(&s);
	s.query = fingerprint(o, &s);
	resumed = resume(&s, &k);
	setup(&s, &k, resumed);
	ckpt_free(&k);
	if (resumed && !o->quiet)
		hf_warn("resuming after %lld models from %s",
		        (long long)st->records, o->checkpoint);
	start_jobs(&s);
	while (status == HF_OK && http_next(p, &r) == 1) {
		/* every page that is in: first the next requests go out, then
		 * the pages are written, then one checkpoint for them all */
		do {
			struct job *j = r->user;

			if (r->result == HTTP_UNREACHABLE) {
				/* nothing will get through: no point in the others */
				hf_warn("%s", r->error_message);
				http_cancel(p);
				status = HF_NET;
				break;
			}
			if (r->result == HTTP_OK)
				page_came(&s, j, (int)(r - j->req));
			else
				job_failed(&s, j, r);
		} while (http_next_ready(p, &r));
		write_pages(&s);
		if (o->stop && *o->stop)
			interrupted(&s);
		update_thresholds(&s);
		if (progress)
			progress(arg, st, 0);
		start_jobs(&s);
	}
	if (o->stop && *o->stop)
		interrupted(&s);
	if (status == HF_OK && st->failed) {
		status = HF_NET;
		if (!o->checkpoint)
			flush_the_rest(&s);
		else if (o->nq > 1)
			hf_warn("%d of %d listings failed; run the same command again "
			        "to resume them", st->failed, st->listings);
	}
	for (int i = 0; i < s.nout; i++) {
		out_flush(&s.out[i].w);
		tee_output(&s.out[i]);
	}
	if (status == HF_OK && o->checkpoint) {
		if (unlink(o->checkpoint) < 0 && errno != ENOENT)
			hf_warn("cannot remove %s:", o->checkpoint);
		for (int i = 0; i < o->nq; i++)
			remove_spool(&s, i);
	}
	if (progress)
		progress(arg, st, 1);
	cleanup(&s);
	free(st->group);
	st->group = NULL;
	return status;
}
