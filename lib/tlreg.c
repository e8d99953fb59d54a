/* tlreg.c - merge a scan into a TransformerLens registry directory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huberr.h"
#include "model.h"
#include "record.h"
#include "tlreg.h"

void
tl_init(tl_merge *m, const tl_scan *scan)
{
	memset(m, 0, sizeof *m);
	m->scan = *scan;
}

static char *
path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = hf_malloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static const char *
intern(strset *s, const char *str)
{
	strset_add(s, str, strlen(str));
	return strset_stored(s, str, strlen(str));
}

static int
supported(const tl_merge *m, const char *arch)
{
	return adapters_find(m->scan.ad, arch, strlen(arch)) != NULL;
}

static void
remember_unsupported(tl_merge *m, const char *id, const char *arch,
                     int64_t dl, int64_t params, int now)
{
	tl_known *k;
	size_t at;

	if (strset_add_val(&m->known_ids, id, strlen(id), m->nknown, &at)) {
		if (m->nknown == m->capknown)
			m->known = hf_realloc(m->known, (m->capknown = m->capknown ?
			                      m->capknown * 2 : 1024) * sizeof *m->known);
		at = m->nknown++;
		m->known[at].id = strset_stored(&m->known_ids, id, strlen(id));
		m->known[at].now = 0;
	}
	/* The latest scan's downloads and size; the first-seen place. */
	k = &m->known[at];
	k->arch = intern(&m->names, arch);
	k->downloads = dl;
	k->params = params;
	k->now |= now;
}

static void
add_supported(tl_merge *m, const char *arch, const char *id)
{
	if (strset_has(&m->registered, id, strlen(id)) ||
	    !strset_add(&m->added_ids, id, strlen(id)))
		return; /* never listed twice */
	if (m->nadded == m->capadded)
		m->added = hf_realloc(m->added, (m->capadded = m->capadded ?
		                      m->capadded * 2 : 1024) * sizeof *m->added);
	m->added[m->nadded].arch = intern(&m->names, arch);
	m->added[m->nadded++].id = strset_stored(&m->added_ids, id, strlen(id));
}

/* Keep g (a baseline entry, or a remainder line of the state) as the
 * remainder of a scan of task; the last one for an architecture wins. */
static void
keep_remainder(tl_merge *m, const gap *g, const char *task)
{
	size_t before = m->remainders.n, at;
	gap *r = gaps_get(&m->remainders, g->arch, strlen(g->arch));

	at = (size_t)(r - m->remainders.v);
	if (m->remainders.n > before && m->remainders.n > m->caprem)
		m->rem_task = hf_realloc(m->rem_task, (m->caprem =
		              m->remainders.n * 2) * sizeof *m->rem_task);
	for (int k = 0; k < r->nsample; k++)
		free(r->sample[k]);
	r->models = g->models;
	r->downloads = g->downloads;
	r->min_params = g->min_params;
	for (int k = 0; k < g->nsample; k++)
		r->sample[k] = hf_strdup(g->sample[k]);
	r->nsample = g->nsample;
	m->rem_task[at] = intern(&m->names, task);
}

int
tl_add_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	tl_merge *m = ctx;
	struct model_summary s;
	int bad;

	if (gap_is_record(d)) {
		gap_read(&m->incoming, d, 0);
		return 0;
	}
	if (huberr_is_record(d))
		return 0; /* a model hf-list could not fetch: nothing to merge */
	m->sum.read++;
	bad = model_summary(d, "downloads", 0, r, &s);
	if (s.id && supported(m, s.arch))
		add_supported(m, s.arch, s.id);
	else if (s.id)
		remember_unsupported(m, s.id, s.arch, s.downloads, s.params, 1);
	model_summary_free(&s);
	return bad;
}

/* Models already in supported_models.json, by model_id. */
static void
load_registered(tl_merge *m)
{
	const reg_file *sup = &m->sup;
	int l = reg_list(sup, "models");

	for (int k = 0, i = l + 1; l >= 0 && k < sup->d.tok[l].size;
	     k++, i = json_skip(&sup->d, i)) {
		char *id = json_strdup(&sup->d, json_get(&sup->d, i, "model_id"));

		if (id)
			strset_add(&m->registered, id, strlen(id));
		free(id);
	}
}

static void
load_baseline(tl_merge *m)
{
	const reg_file *gaps = &m->gaps;
	int l = reg_list(gaps, "gaps");

	for (int k = 0, i = l + 1; l >= 0 && k < gaps->d.tok[l].size;
	     k++, i = json_skip(&gaps->d, i))
		gap_read(&m->baseline, &gaps->d, i);
	if (gaps->exists)
		m->base_task = json_strdup(&gaps->d, json_get(&gaps->d,
		               json_get(&gaps->d, 0, "scan_info"), "task_filter"));
}

/* One line of the state to the callback: a remainder (a gaps entry and
 * its scan's task), an unsupported model, or neither (the header, a line
 * of a later format). */
static void
state_line(const json_doc *d, tl_state_fn fn, void *ctx)
{
	tl_state_line l = { d, NULL, NULL, 0, -1, NULL };
	char *a = NULL, *b = NULL;

	if (json_is_string(d, json_get(d, 0, "architecture_id")) &&
	    json_is_string(d, json_get(d, 0, "task"))) {
		l.task = b = json_strdup(d, json_get(d, 0, "task"));
	} else if (json_is_string(d, json_get(d, 0, "architecture")) &&
	           json_is_string(d, json_get(d, 0, "id"))) {
		l.id = a = json_strdup(d, json_get(d, 0, "id"));
		l.arch = b = json_strdup(d, json_get(d, 0, "architecture"));
		l.downloads = json_count(d, json_get(d, 0, "downloads"), 0);
		l.params = json_count(d, json_get(d, 0, "params"), -1);
	} else {
		return;
	}
	fn(ctx, &l);
	free(a);
	free(b);
}

int
tl_state_read(const char *path, tl_state_fn fn, void *ctx, char *err,
              size_t errlen)
{
	const char *line, *why;
	ndj_reader r;
	size_t len;
	json_doc d;
	int got, st = 1;

	if (ndj_open(&r, path) < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return TL_STATE_UNREADABLE;
	}
	json_init(&d);
	while (st > 0 && (got = ndj_next(&r, &line, &len)) != NDJ_EOF) {
		if (got == NDJ_ERROR) {
			snprintf(err, errlen, "cannot read %s: %s", path,
			         strerror(errno));
			st = TL_STATE_UNREADABLE;
		} else if (got != NDJ_LINE ||
		           json_parse(&d, line, len, 1, &why) < 0) {
			snprintf(err, errlen, "%s:%zu: not a state line", path,
			         r.lineno);
			st = TL_STATE_MALFORMED;
		} else {
			state_line(&d, fn, ctx);
		}
	}
	json_free(&d);
	ndj_close(&r);
	return st;
}

/* A line of the state: an unsupported model of an earlier run, or a
 * remainder. */
static void
take_state_line(void *ctx, const tl_state_line *l)
{
	tl_merge *m = ctx;
	gap_set one;

	if (l->id) {
		remember_unsupported(m, l->id, l->arch, l->downloads, l->params, 0);
		return;
	}
	gaps_init(&one);
	if (gap_read(&one, l->d, 0) == 0)
		keep_remainder(m, &one.v[0], l->task);
	gaps_free(&one);
}

/* The unsupported models of earlier runs, in first-seen order, and the
 * remainders; had_state 0 when there is no state file. */
static int
load_state(tl_merge *m, char *err, size_t errlen)
{
	char *path = path_in(m->dir, TL_STATE_FILE);
	int st = tl_state_read(path, take_state_line, m, err, errlen);
	size_t n;

	free(path);
	if (st == TL_STATE_MALFORMED) {
		n = strlen(err);
		snprintf(err + n, errlen - n, "; not overwritten (remove it to "
		         "start the state afresh)");
	}
	if (st < 0)
		return -1;
	m->had_state = st;
	return 0;
}

int
tl_load(tl_merge *m, const char *dir, char *err, size_t errlen)
{
	char *sup = path_in(dir, "supported_models.json");
	char *gaps = path_in(dir, "architecture_gaps.json");
	char *hist = path_in(dir, "verification_history.json");
	struct stat sb;
	int st;

	m->dir = dir;
	st = reg_open(&m->sup, sup, "models", err, errlen);
	if (st == 0)
		st = reg_open(&m->gaps, gaps, "gaps", err, errlen);
	/* Never read, never touched when it is there. */
	m->have_history = lstat(hist, &sb) == 0;
	free(sup);
	free(gaps);
	free(hist);
	if (st < 0)
		return -1;
	load_registered(m);
	if (load_state(m, err, errlen) < 0)
		return -1;
	load_baseline(m);
	return 0;
}

static void
copy_gap(gap *g, const gap *src)
{
	g->models = src->models;
	g->downloads = src->downloads;
	g->min_params = src->min_params;
	for (int k = 0; k < src->nsample; k++) {
		g->sample[k] = hf_strdup(src->sample[k]);
		g->sample_dl[k] = 0;
	}
	g->nsample = src->nsample;
}

/* Add a remainder to g (the known models of its architecture): counts
 * and downloads add up, the smaller size wins, and its samples follow
 * the known models' (their downloads are not known). */
static void
add_remainder(gap *g, const gap *r)
{
	g->models = num_add_count(g->models, r->models);
	g->downloads = num_add_count(g->downloads, r->downloads);
	if (r->min_params >= 0 && (g->min_params < 0 || r->min_params < g->min_params))
		g->min_params = r->min_params;
	for (int k = 0; k < r->nsample && g->nsample < GAP_SAMPLES; k++) {
		int dup = 0;

		for (int j = 0; j < g->nsample; j++)
			dup |= strcmp(g->sample[j], r->sample[k]) == 0;
		if (!dup) {
			g->sample_dl[g->nsample] = 0;
			g->sample[g->nsample++] = hf_strdup(r->sample[k]);
		}
	}
}

/* Remainders before the merge.  A gaps file with no state beside it
 * (another tool's, or one whose state was removed) is taken whole as
 * remainders of the scan its scan_info names: its counts stand for models
 * this run cannot name.  A run of a remainder's own task that has models
 * of its architecture is newer complete data: the remainder goes.  Runs
 * of other tasks add their models to it. */
static void
update_remainders(tl_merge *m)
{
	strset now_archs;

	for (size_t i = 0; !m->had_state && m->base_task && i < m->baseline.n; i++)
		keep_remainder(m, &m->baseline.v[i], m->base_task);
	strset_init(&now_archs);
	for (size_t i = 0; i < m->nknown; i++)
		if (m->known[i].now)
			strset_add(&now_archs, m->known[i].arch,
			           strlen(m->known[i].arch));
	for (size_t i = 0; i < m->remainders.n; i++) {
		gap *r = &m->remainders.v[i];

		if (m->rem_task[i] && strcmp(m->rem_task[i], m->scan.task) == 0 &&
		    strset_has(&now_archs, r->arch, strlen(r->arch)))
			m->rem_task[i] = NULL; /* dropped */
	}
	strset_free(&now_archs);
}

/* The merged gaps.  An architecture's aggregates come from the most
 * complete data there is: its unsupported models (this run's and the
 * state's, each counted once) plus its remainder if it has one; else the
 * gap records read; else its remainder; else the gaps file as it was
 * (the baseline).  Supported architectures leave. */
static void
merge_gaps(tl_merge *m)
{
	const gap_set *extra[3] = { &m->incoming, &m->remainders, &m->baseline };
	gap_set *out = &m->merged;

	for (size_t i = 0; i < m->nknown; i++) {
		tl_known *k = &m->known[i];

		if (supported(m, k->arch))
			continue;
		gap_add_model(gaps_get(out, k->arch, strlen(k->arch)), k->id,
		              strlen(k->id), k->downloads, k->params, 0);
	}
	for (size_t i = 0; i < m->remainders.n; i++) {
		const gap *r = &m->remainders.v[i];
		gap *g = gaps_find(out, r->arch, strlen(r->arch));

		if (m->rem_task[i] && g)
			add_remainder(g, r);
	}
	for (int e = 0; e < 3; e++)
		for (size_t i = 0; i < extra[e]->n; i++) {
			const gap *src = &extra[e]->v[i];
			size_t before = out->n;
			gap *g;

			if ((e == 1 && !m->rem_task[i]) || supported(m, src->arch))
				continue;
			g = gaps_get(out, src->arch, strlen(src->arch));
			if (out->n > before)
				copy_gap(g, src);
		}
	gaps_score(out);
}

/* Count what changes in the gaps against the file as it was: added,
 * updated (counts, downloads or size), removed; with changes set, one
 * line for each and for each new supported model. */
static void
summarize(tl_merge *m, hf_out *changes)
{
	const gap_set *g = &m->merged;
	tl_summary *sum = &m->sum;
	strset now;

	strset_init(&now);
	for (size_t i = 0; changes && i < m->nadded; i++)
		out_printf(changes, "+ model %s (%s)\n", m->added[i].id,
		           m->added[i].arch);
	for (size_t i = 0; i < g->n; i++) {
		const gap *x = &g->v[i];
		const gap *b = gaps_find(&m->baseline, x->arch, strlen(x->arch));

		strset_add(&now, x->arch, strlen(x->arch));
		if (!b) {
			sum->gaps_added++;
			if (changes)
				out_printf(changes, "+ gap %s: %lld models, %lld "
				           "downloads\n", x->arch, (long long)x->models,
				           (long long)x->downloads);
		} else if (b->models != x->models || b->downloads != x->downloads ||
		           b->min_params != x->min_params) {
			sum->gaps_updated++;
			if (changes)
				out_printf(changes, "~ gap %s: %lld -> %lld models, %lld "
				           "-> %lld downloads\n", x->arch,
				           (long long)b->models, (long long)x->models,
				           (long long)b->downloads, (long long)x->downloads);
		}
	}
	/* The baseline holds each architecture of the file once, in the
	 * file's order. */
	for (size_t i = 0; i < m->baseline.n; i++) {
		const char *a = m->baseline.v[i].arch;

		if (!strset_has(&now, a, strlen(a))) {
			sum->gaps_removed++;
			if (changes)
				out_printf(changes, "- gap %s\n", a);
		}
	}
	sum->new_supported = m->nadded;
	sum->gaps = g->n;
	strset_free(&now);
}

const tl_summary *
tl_finish(tl_merge *m, hf_out *changes)
{
	update_remainders(m);
	merge_gaps(m);
	summarize(m, changes);
	return &m->sum;
}

static reg_scan_info
scan_info_of(const tl_merge *m)
{
	reg_scan_info si = { m->scan.scanned >= 0 ? m->scan.scanned : m->sum.read,
	                     m->scan.task, m->scan.min_downloads,
	                     m->scan.duration };

	return si;
}

void
tl_write_state(hf_out *w, const tl_merge *m)
{
	out_puts(w, TL_STATE_HEADER);
	for (size_t i = 0; i < m->remainders.n; i++) {
		const gap *r = &m->remainders.v[i];

		if (!m->rem_task[i] || supported(m, r->arch))
			continue;
		out_putc(w, '{');
		gap_write_fields(w, r, 1);
		out_puts(w, ",\"task\":");
		out_json_str(w, m->rem_task[i], strlen(m->rem_task[i]), 1);
		out_puts(w, "}\n");
	}
	for (size_t i = 0; i < m->nknown; i++) {
		const tl_known *k = &m->known[i];

		if (supported(m, k->arch))
			continue;
		out_puts(w, "{\"id\":");
		out_json_str(w, k->id, strlen(k->id), 1);
		out_puts(w, ",\"architecture\":");
		out_json_str(w, k->arch, strlen(k->arch), 1);
		out_printf(w, ",\"downloads\":%lld,\"params\":",
		           (long long)k->downloads);
		if (k->params < 0)
			out_puts(w, "null}\n");
		else
			out_printf(w, "%lld}\n", (long long)k->params);
	}
}

void
tl_write_gaps(hf_out *w, const tl_merge *m)
{
	reg_scan_info si = scan_info_of(m);

	reg_write_gaps(w, &si, &m->merged);
}

void
tl_write_supported(hf_out *w, const tl_merge *m)
{
	reg_scan_info si = scan_info_of(m);

	reg_write_supported(w, &si, &m->sup, m->added, m->nadded);
}

/* The files that change together, in the order they are renamed. */
enum { F_STATE, F_GAPS, F_SUPPORTED, F_HISTORY, NFILES };
static const char *const file_names[NFILES] = {
	TL_STATE_FILE, "architecture_gaps.json", "supported_models.json",
	"verification_history.json"
};

static void
render(hf_out *w, const tl_merge *m, int f)
{
	switch (f) {
	case F_STATE: tl_write_state(w, m); break;
	case F_GAPS: tl_write_gaps(w, m); break;
	case F_SUPPORTED: tl_write_supported(w, m); break;
	case F_HISTORY: reg_write_history(w); break;
	}
}

int
tl_commit(tl_merge *m, char *err, size_t errlen)
{
	char *path[NFILES] = { NULL }, *tmp[NFILES] = { NULL };
	int n = m->have_history ? F_HISTORY : NFILES, st = 0, f, bad;
	hf_out w;

	/* Stage all (the history, last, only when absent), so that a full
	 * disk or an error leaves every old file as it was. */
	out_init_mem(&w);
	for (f = 0; f < n; f++) {
		w.len = 0;
		render(&w, m, f);
		path[f] = path_in(m->dir, file_names[f]);
		if (!(tmp[f] = file_stage(path[f], w.buf, w.len))) {
			snprintf(err, errlen, "cannot write %s (every file left as "
			         "it was): %s", path[f], strerror(errno));
			st = -1;
			break;
		}
	}
	out_free(&w);
	/* All renamed, or those renamed put back when one fails. */
	if (st == 0 && file_commit_all(tmp, path, n, &bad) < 0) {
		snprintf(err, errlen, "cannot replace %s (every file left as it "
		         "was): %s", path[bad], strerror(errno));
		st = -1;
	} else if (st < 0) {
		for (int i = 0; i < n; i++) {
			if (tmp[i])
				unlink(tmp[i]);
			free(tmp[i]);
		}
	}
	for (int i = 0; i < n; i++)
		free(path[i]);
	return st;
}

void
tl_free(tl_merge *m)
{
	reg_close(&m->sup);
	reg_close(&m->gaps);
	gaps_free(&m->baseline);
	gaps_free(&m->incoming);
	gaps_free(&m->remainders);
	gaps_free(&m->merged);
	free(m->base_task);
	free(m->rem_task);
	free(m->added);
	free(m->known);
	strset_free(&m->registered);
	strset_free(&m->added_ids);
	strset_free(&m->known_ids);
	strset_free(&m->names);
	memset(m, 0, sizeof *m);
}
