/* hf-report - merge model and gap records into TransformerLens's registry
 * files, or into a calculator's models.json; atomically, never over a
 * file that does not parse. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/calc.h"
#include "../lib/model.h"
#include "../lib/opt.h"
#include "../lib/record.h"
#include "../lib/pyjson.h"
#include "../lib/registry.h"
#include "../lib/score.h"
#include "../lib/strset.h"

/* Room for a message that names a path. */
#define ERR_MAX 8192

/* Per-model state beside the registry (hf-report(1), FILES): a header
 * line, then one line per unsupported model ever seen. */
#define STATE_FILE ".hf-report-state.ndjson"
#define STATE_HEADER "{\"hf_report_state\":1}\n"

/* One unsupported model.  The strings are the copies held by the sets
 * known_ids and archs: shared, not owned. */
struct known {
	const char *id, *arch;
	int64_t downloads, params;
	int now;                 /* read in this run, not only remembered */
};

struct opts {
	const char *dir, *task, *adapters_file;
	int64_t min_downloads, scanned;
	double duration;
	int dry_run, strict, quiet;
	calc_opts calc;          /* calculator mode: calc.path set */
	adapters ad;
	hf_out out;
	/* registry mode; every string is decoded text */
	strset registered, added_ids, archs;
	struct { const char *arch, *id; } *added; /* new entries, in order */
	size_t nadded, capadded;
	int64_t read;
	struct known *known;
	size_t nknown, capknown;
	strset known_ids;
	gap_set incoming;        /* gap records read */
	/* baseline entries of another scan's task, kept and added to */
	gap_set remainders;
	const char **rem_task;   /* the task of remainders.v[i] */
	size_t caprem;
	char summary[256];       /* the closing line, once all went well */
};

enum { O_TASK = 256, O_MIN, O_SCANNED, O_DURATION, O_ADAPTERS, O_DRY,
       O_STRICT, O_MJ, O_SET, O_FORCE, O_MM };
static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "task", required_argument, NULL, O_TASK },
	{ "min-downloads", required_argument, NULL, O_MIN },
	{ "scanned", required_argument, NULL, O_SCANNED },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "adapters", required_argument, NULL, O_ADAPTERS },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "models-json", required_argument, NULL, O_MJ },
	{ "set", required_argument, NULL, O_SET },
	{ "force", no_argument, NULL, O_FORCE },
	{ "multimodal", no_argument, NULL, O_MM },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_tool tool = {
	"hf-report",
	"usage: hf-report [-o DIR] [--task TASK] [--min-downloads N] [--scanned N]\n"
	"                 [--duration S] [--adapters FILE] [--dry-run] [--strict]\n"
	"                 [-q] [FILE ...]\n"
	"       hf-report --models-json FILE [--set KEY=VALUE]... [--force]\n"
	"                 [--multimodal] [--dry-run] [--strict] [FILE ...]\n",
	NULL,
	"o:qh",
	longopts
};

/* ---- the TransformerLens registry ---- */

static const char *
intern(strset *s, const char *str)
{
	strset_add(s, str, strlen(str));
	return strset_stored(s, str, strlen(str));
}

static void
remember_unsupported(struct opts *o, const char *id, const char *arch,
                     int64_t dl, int64_t params, int now)
{
	struct known *k;
	size_t at;

	if (strset_add_val(&o->known_ids, id, strlen(id), o->nknown, &at)) {
		if (o->nknown == o->capknown)
			o->known = hf_realloc(o->known, (o->capknown = o->capknown ?
			                      o->capknown * 2 : 1024) * sizeof *o->known);
		at = o->nknown++;
		o->known[at].id = strset_stored(&o->known_ids, id, strlen(id));
		o->known[at].now = 0;
	}
	/* The latest scan's downloads and size; the first-seen place. */
	k = &o->known[at];
	k->arch = intern(&o->archs, arch);
	k->downloads = dl;
	k->params = params;
	k->now |= now;
}

/* Keep g (a baseline entry, or a remainder line of the state) as the
 * remainder of a scan of task; the last one for an architecture wins. */
static void
keep_remainder(struct opts *o, const gap *g, const char *task)
{
	size_t before = o->remainders.n, at;
	gap *r = gaps_get(&o->remainders, g->arch, strlen(g->arch));

	at = (size_t)(r - o->remainders.v);
	if (o->remainders.n > before) {
		if (o->remainders.n > o->caprem)
			o->rem_task = hf_realloc(o->rem_task, (o->caprem =
			              o->remainders.n * 2) * sizeof *o->rem_task);
	}
	for (int k = 0; k < r->nsample; k++)
		free(r->sample[k]);
	r->models = g->models;
	r->downloads = g->downloads;
	r->min_params = g->min_params;
	for (int k = 0; k < g->nsample; k++)
		r->sample[k] = hf_strdup(g->sample[k]);
	r->nsample = g->nsample;
	o->rem_task[at] = intern(&o->archs, task);
}

static void
add_supported(struct opts *o, const char *arch, const char *id)
{
	if (strset_has(&o->registered, id, strlen(id)) ||
	    !strset_add(&o->added_ids, id, strlen(id)))
		return; /* never listed twice */
	if (o->nadded == o->capadded)
		o->added = hf_realloc(o->added, (o->capadded = o->capadded ?
		                      o->capadded * 2 : 1024) * sizeof *o->added);
	o->added[o->nadded].arch = intern(&o->archs, arch);
	o->added[o->nadded++].id = strset_stored(&o->added_ids, id, strlen(id));
}

static int
report_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	struct opts *o = ctx;
	struct model_summary s;
	int bad;

	if (gap_is_record(d)) {
		gap_read(&o->incoming, d, 0);
		return 0;
	}
	o->read++;
	bad = model_summary(d, "downloads", 0, r, &s);
	if (s.id && adapters_find(&o->ad, s.arch, strlen(s.arch)))
		add_supported(o, s.arch, s.id);
	else if (s.id)
		remember_unsupported(o, s.id, s.arch, s.downloads, s.params, 1);
	model_summary_free(&s);
	return bad;
}

/* Models already in supported_models.json, by model_id. */
static void
load_registered(struct opts *o, const reg_file *sup)
{
	int l = reg_list(sup, "models");

	for (int k = 0, i = l + 1; l >= 0 && k < sup->d.tok[l].size;
	     k++, i = json_skip(&sup->d, i)) {
		char *id = json_strdup(&sup->d, json_get(&sup->d, i, "model_id"));

		if (id)
			strset_add(&o->registered, id, strlen(id));
		free(id);
	}
}

/* A remainder line of the state: a gaps entry and its scan's task. */
static void
take_remainder(struct opts *o, const json_doc *d)
{
	gap_set one;
	char *task = json_strdup(d, json_get(d, 0, "task"));

	gaps_init(&one);
	if (gap_read(&one, d, 0) == 0)
		keep_remainder(o, &one.v[0], task);
	gaps_free(&one);
	free(task);
}

/* The unsupported models of earlier runs, in first-seen order, and the
 * remainders; 0 when there is no state file. */
static int
load_state(struct opts *o, const char *path)
{
	ndj_reader r;
	const char *line, *why;
	size_t len;
	json_doc d;
	int got;

	if (ndj_open(&r, path) < 0) {
		if (errno != ENOENT)
			hf_die(HF_STATE, "cannot read %s:", path);
		return 0;
	}
	json_init(&d);
	while ((got = ndj_next(&r, &line, &len)) != NDJ_EOF) {
		char *id, *arch;
		int a, i;

		if (got != NDJ_LINE || json_parse(&d, line, len, 1, &why) < 0)
			hf_die(HF_STATE, "%s:%zu: not a state line; not overwritten "
			       "(remove it to start the state afresh)", path, r.lineno);
		if (json_is_string(&d, json_get(&d, 0, "architecture_id")) &&
		    json_is_string(&d, json_get(&d, 0, "task"))) {
			take_remainder(o, &d);
			continue;
		}
		a = json_get(&d, 0, "architecture");
		i = json_get(&d, 0, "id");
		if (!json_is_string(&d, a) || !json_is_string(&d, i))
			continue; /* the header, or a line of a later format */
		id = json_strdup(&d, i);
		arch = json_strdup(&d, a);
		remember_unsupported(o, id, arch, json_count(&d, json_get(&d, 0,
		                     "downloads"), 0), json_count(&d, json_get(&d, 0,
		                     "params"), -1), 0);
		free(id);
		free(arch);
	}
	json_free(&d);
	ndj_close(&r);
	return 1;
}

static void
load_baseline(gap_set *baseline, const reg_file *gaps)
{
	int l = reg_list(gaps, "gaps");

	for (int k = 0, i = l + 1; l >= 0 && k < gaps->d.tok[l].size;
	     k++, i = json_skip(&gaps->d, i))
		gap_read(baseline, &gaps->d, i);
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
update_remainders(struct opts *o, const gap_set *baseline, const char *base_task,
                  int had_state)
{
	strset now_archs;

	for (size_t i = 0; !had_state && base_task && i < baseline->n; i++)
		keep_remainder(o, &baseline->v[i], base_task);
	strset_init(&now_archs);
	for (size_t i = 0; i < o->nknown; i++)
		if (o->known[i].now)
			strset_add(&now_archs, o->known[i].arch,
			           strlen(o->known[i].arch));
	for (size_t i = 0; i < o->remainders.n; i++) {
		gap *r = &o->remainders.v[i];

		if (o->rem_task[i] && strcmp(o->rem_task[i], o->task) == 0 &&
		    strset_has(&now_archs, r->arch, strlen(r->arch)))
			o->rem_task[i] = NULL; /* dropped */
	}
	strset_free(&now_archs);
}

/* The merged gaps.  An architecture's aggregates come from the most
 * complete data there is: its unsupported models (this run's and the
 * state's, each counted once) plus its remainder if it has one; else the
 * gap records read; else its remainder; else the gaps file as it was
 * (the baseline).  Supported architectures leave. */
static void
merge_gaps(struct opts *o, gap_set *out, const gap_set *baseline)
{
	const gap_set *extra[3] = { &o->incoming, &o->remainders, baseline };

	gaps_init(out);
	for (size_t i = 0; i < o->nknown; i++) {
		struct known *k = &o->known[i];

		if (adapters_find(&o->ad, k->arch, strlen(k->arch)))
			continue;
		gap_add_model(gaps_get(out, k->arch, strlen(k->arch)), k->id,
		              strlen(k->id), k->downloads, k->params, 0);
	}
	for (size_t i = 0; i < o->remainders.n; i++) {
		const gap *r = &o->remainders.v[i];
		gap *g = gaps_find(out, r->arch, strlen(r->arch));

		if (o->rem_task[i] && g)
			add_remainder(g, r);
	}
	for (int e = 0; e < 3; e++)
		for (size_t i = 0; i < extra[e]->n; i++) {
			const gap *src = &extra[e]->v[i];
			size_t before = out->n;
			gap *g;

			if ((e == 1 && !o->rem_task[i]) ||
			    adapters_find(&o->ad, src->arch, strlen(src->arch)))
				continue;
			g = gaps_get(out, src->arch, strlen(src->arch));
			if (out->n > before)
				copy_gap(g, src);
		}
	gaps_score(out);
}

static reg_scan_info
scan_info_of(const struct opts *o)
{
	reg_scan_info si = { o->scanned >= 0 ? o->scanned : o->read, o->task,
	                     o->min_downloads, o->duration };

	return si;
}

static int
is_verified(const json_doc *d, int entry)
{
	int st = json_get(d, entry, "status"), b;
	double v;

	/* Python's model.get("status", 0) == 1: 1, 1.0 and true. */
	return (json_double(d, st, &v) == 0 && v == 1) ||
	       (json_is_bool(d, st, &b) && b);
}

static void
render_supported(hf_out *w, const struct opts *o, const reg_file *sup)
{
	int l = reg_list(sup, "models"), n = l >= 0 ? sup->d.tok[l].size : 0;
	int64_t verified = 0;
	reg_scan_info si = scan_info_of(o);
	strset archs;

	/* The counts first, over the entries kept and the new ones. */
	strset_init(&archs);
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		char *a = json_strdup(&sup->d, json_get(&sup->d, i,
		                                        "architecture_id"));

		verified += is_verified(&sup->d, i);
		if (a)
			strset_add(&archs, a, strlen(a));
		free(a);
	}
	for (size_t i = 0; i < o->nadded; i++)
		strset_add(&archs, o->added[i].arch, strlen(o->added[i].arch));
	reg_write_head(w, &si);
	py_key(w, 1, "total_architectures", 0);
	out_int(w, (int64_t)archs.n);
	py_key(w, 1, "total_models", 0);
	out_int(w, n + (int64_t)o->nadded);
	py_key(w, 1, "total_verified", 0);
	out_int(w, verified);
	py_key(w, 1, "models", 0);
	out_puts(w, n + o->nadded ? "[" : "[]");
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		py_item(w, 2, k == 0);
		py_value(w, &sup->d, i, 2); /* kept as it is */
	}
	for (size_t i = 0; i < o->nadded; i++)
		reg_write_model_entry(w, o->added[i].arch, o->added[i].id,
		                      n == 0 && i == 0);
	if (n + o->nadded)
		py_close(w, 1, ']');
	py_close(w, 0, '}');
	out_putc(w, '\n');
	strset_free(&archs);
}

static void
render_remainders(hf_out *w, const struct opts *o)
{
	for (size_t i = 0; i < o->remainders.n; i++) {
		const gap *r = &o->remainders.v[i];

		if (!o->rem_task[i] || adapters_find(&o->ad, r->arch, strlen(r->arch)))
			continue;
		out_putc(w, '{');
		gap_write_fields(w, r, 1);
		out_puts(w, ",\"task\":");
		out_json_str(w, o->rem_task[i], strlen(o->rem_task[i]), 1);
		out_puts(w, "}\n");
	}
}

static void
render_state(hf_out *w, const struct opts *o)
{
	out_puts(w, STATE_HEADER);
	render_remainders(w, o);
	for (size_t i = 0; i < o->nknown; i++) {
		const struct known *k = &o->known[i];

		if (adapters_find(&o->ad, k->arch, strlen(k->arch)))
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

/* Files that change together: all are staged before any is renamed, so
 * a full disk or an error leaves every old file as it was. */
struct staged {
	char *path[4], *tmp[4];
	int n;
};

static void
stage(struct staged *s, const char *dir, const char *name, const hf_out *w)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = hf_malloc(n);

	snprintf(path, n, "%s/%s", dir, name);
	s->path[s->n] = path;
	if (!(s->tmp[s->n] = file_stage(path, w->buf, w->len))) {
		int e = errno;

		for (int i = 0; i < s->n; i++)
			unlink(s->tmp[i]);
		errno = e;
		hf_die(HF_STATE, "cannot write %s (every file left as it was):",
		       path);
	}
	s->n++;
}

static void
commit(struct staged *s)
{
	for (int i = 0; i < s->n; i++) {
		if (file_commit(s->tmp[i], s->path[i]) < 0)
			hf_die(HF_STATE, "cannot replace %s:", s->path[i]);
		free(s->path[i]);
	}
}

/* What changes in the gaps: added, updated (counts, downloads or size),
 * removed, for the closing line.  With --dry-run, also one line per
 * change on stdout. */
static void
summarize(struct opts *o, const reg_file *old, const gap_set *g)
{
	int l = reg_list(old, "gaps");
	int64_t added = 0, updated = 0, removed = 0;
	gap_set before;
	strset now;

	gaps_init(&before);
	load_baseline(&before, old);
	strset_init(&now);
	for (size_t i = 0; o->dry_run && i < o->nadded; i++)
		out_printf(&o->out, "+ model %s (%s)\n", o->added[i].id,
		           o->added[i].arch);
	for (size_t i = 0; i < g->n; i++) {
		const gap *x = &g->v[i];
		size_t nb = before.n;
		gap *b = gaps_get(&before, x->arch, strlen(x->arch));

		strset_add(&now, x->arch, strlen(x->arch));
		if (before.n > nb) {
			added++;
			if (o->dry_run)
				out_printf(&o->out, "+ gap %s: %lld models, %lld "
				           "downloads\n", x->arch, (long long)x->models,
				           (long long)x->downloads);
		} else if (b->models != x->models || b->downloads != x->downloads ||
		           b->min_params != x->min_params) {
			updated++;
			if (o->dry_run)
				out_printf(&o->out, "~ gap %s: %lld -> %lld models, %lld "
				           "-> %lld downloads\n", x->arch,
				           (long long)b->models, (long long)x->models,
				           (long long)b->downloads, (long long)x->downloads);
		}
	}
	for (int k = 0, e = l + 1; l >= 0 && k < old->d.tok[l].size;
	     k++, e = json_skip(&old->d, e)) {
		char *a = json_strdup(&old->d, json_get(&old->d, e, "architecture_id"));

		if (a && !strset_has(&now, a, strlen(a))) {
			removed++;
			strset_add(&now, a, strlen(a)); /* once per architecture */
			if (o->dry_run)
				out_printf(&o->out, "- gap %s\n", a);
		}
		free(a);
	}
	out_flush(&o->out);
	snprintf(o->summary, sizeof o->summary, "%zu new supported models; gaps: "
	         "%lld added, %lld updated, %lld removed, %zu in all", o->nadded,
	         (long long)added, (long long)updated, (long long)removed, g->n);
	strset_free(&now);
	gaps_free(&before);
}

static char *
path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = hf_malloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void
open_or_die(reg_file *f, const char *dir, const char *name, const char *list)
{
	char err[ERR_MAX], *path = path_in(dir, name);

	if (reg_open(f, path, list, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	free(path);
}

static int
run_registry(struct opts *o, char **files, int nfiles)
{
	reg_file sup, gaps;
	gap_set baseline, merged;
	char *state_path = path_in(o->dir, STATE_FILE);
	char *hist_path = path_in(o->dir, "verification_history.json");
	char *base_task;
	int st, have_history, had_state;
	struct stat sb;

	if (!o->dry_run && mkdir(o->dir, 0777) < 0 &&
	    !(stat(o->dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		hf_die(HF_STATE, "cannot create %s:", o->dir);
	open_or_die(&sup, o->dir, "supported_models.json", "models");
	open_or_die(&gaps, o->dir, "architecture_gaps.json", "gaps");
	/* Never read, never touched when it is there. */
	have_history = lstat(hist_path, &sb) == 0;
	gaps_init(&baseline);
	load_registered(o, &sup);
	had_state = load_state(o, state_path);
	load_baseline(&baseline, &gaps);
	st = rec_each(files, nfiles, o->strict, &o->out, report_record, o);
	base_task = gaps.exists ? json_strdup(&gaps.d, json_get(&gaps.d,
	            json_get(&gaps.d, 0, "scan_info"), "task_filter")) : NULL;
	update_remainders(o, &baseline, base_task, had_state);
	free(base_task);
	merge_gaps(o, &merged, &baseline);
	summarize(o, &gaps, &merged);
	if (!o->dry_run) {
		struct staged s = { { 0 }, { 0 }, 0 };
		reg_scan_info si = scan_info_of(o);
		hf_out w;

		out_init_mem(&w);
		render_state(&w, o);
		stage(&s, o->dir, STATE_FILE, &w);
		w.len = 0;
		reg_write_gaps(&w, &si, &merged);
		stage(&s, o->dir, "architecture_gaps.json", &w);
		w.len = 0;
		render_supported(&w, o, &sup);
		stage(&s, o->dir, "supported_models.json", &w);
		if (!have_history) {
			w.len = 0;
			reg_write_history(&w);
			stage(&s, o->dir, "verification_history.json", &w);
		}
		commit(&s);
		free(w.buf);
	}
	if (!o->quiet || o->dry_run)
		hf_warn("%s%s", o->dry_run ? "would write " : "", o->summary);
	gaps_free(&merged);
	gaps_free(&baseline);
	free(state_path);
	free(hist_path);
	reg_close(&sup);
	reg_close(&gaps);
	return st;
}

/* ---- the calculator's models.json ---- */

static int
run_calculator(struct opts *o, char **files, int nfiles)
{
	char err[ERR_MAX];
	calc_merge m;
	int st;

	o->calc.dry_run = o->dry_run ? &o->out : NULL;
	if (calc_open(&m, &o->calc, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	st = rec_each(files, nfiles, o->strict, &o->out, calc_add_record, &m);
	if (m.refused)
		st = HF_PARTIAL;
	calc_finish(&m);
	if (calc_commit(&m, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	calc_free(&m);
	return st;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char err[OPT_ERR_MAX];
	int c, st;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	o.dir = "./data";
	o.task = "text-generation";
	o.min_downloads = 500;
	o.scanned = -1;
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case 'o': o.dir = optarg; break;
		case 'q': o.quiet = 1; break;
		case O_TASK: o.task = optarg; break;
		case O_MIN:
			o.min_downloads = opt_count("--min-downloads", optarg, 0,
			                            INT64_MAX);
			break;
		case O_SCANNED:
			o.scanned = opt_count("--scanned", optarg, 0, INT64_MAX);
			break;
		case O_DURATION:
			o.duration = opt_number("--duration", optarg, 0, HUGE_VAL,
			                        "seconds");
			break;
		case O_ADAPTERS: o.adapters_file = optarg; break;
		case O_DRY: o.dry_run = 1; break;
		case O_STRICT: o.strict = 1; break;
		case O_MJ: o.calc.path = optarg; break;
		case O_SET:
			if (calc_parse_override(&o.calc.set, optarg, err, sizeof err) < 0)
				opt_fail("%s", err);
			break;
		case O_FORCE: o.calc.force = 1; break;
		case O_MM: o.calc.multimodal = 1; break;
		}
	}
	if (!o.calc.path && (calc_overrides_given(&o.calc.set) || o.calc.force ||
	                     o.calc.multimodal))
		opt_fail("--set, --force and --multimodal go with --models-json");
	if (adapters_load(&o.ad, o.adapters_file, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	strset_init(&o.registered);
	strset_init(&o.added_ids);
	strset_init(&o.known_ids);
	strset_init(&o.archs);
	gaps_init(&o.incoming);
	gaps_init(&o.remainders);
	out_init(&o.out, 1, NULL);
	st = o.calc.path ? run_calculator(&o, argv + optind, argc - optind)
	                 : run_registry(&o, argv + optind, argc - optind);
	out_free(&o.out);
	free(o.known);
	free(o.added);
	gaps_free(&o.incoming);
	gaps_free(&o.remainders);
	free(o.rem_task);
	strset_free(&o.registered);
	strset_free(&o.added_ids);
	strset_free(&o.known_ids);
	strset_free(&o.archs);
	adapters_free(&o.ad);
	return st;
}
