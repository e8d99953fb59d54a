/* hf-report - merge model and gap records into TransformerLens's registry
 * files, or into a calculator's models.json; atomically, never over a
 * file that does not parse. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/model.h"
#include "../lib/pyjson.h"
#include "../lib/registry.h"
#include "../lib/score.h"
#include "../lib/strset.h"

#define STATE_FILE ".hf-report-state.ndjson"

/* One unsupported model, as the state file keeps it.  The strings are
 * the copies held by known_ids and archs, shared, not owned. */
struct known {
	const char *id, *arch;
	int64_t downloads, params;
};

/* A calculator entry, rendered, with what it sorts and matches by. */
struct entry {
	char *text, *id, *hf_id;
	double params;
};

struct opts {
	const char *dir, *task, *models_json, *adapters_file;
	int64_t min_downloads, scanned;
	double duration, set_params;
	int64_t set_context;
	int dry_run, force, multimodal, strict, have_duration;
	adapters ad;
	hf_out out;
	/* registry mode */
	strset registered, added_ids, added_archs;
	struct { const char *arch, *id; } *added; /* new entries, raw bytes,
	                                             the sets' copies */
	int64_t nadded, capadded, read;
	struct known *known;
	size_t nknown, capknown;
	strset known_ids, archs;
	gap_set incoming;        /* gap records read */
	/* calculator mode */
	struct entry *entries;
	size_t nentries, capentries;
	int64_t refused;
};

static const char usage_text[] =
	"usage: hf-report [-o DIR] [--task TASK] [--min-downloads N] [--scanned N]\n"
	"                 [--duration S] [--adapters FILE] [--dry-run] [--strict]\n"
	"                 [FILE ...]\n"
	"       hf-report --models-json FILE [--set KEY=VALUE]... [--force]\n"
	"                 [--multimodal] [--dry-run] [FILE ...]\n";

static void
usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/* ---- the TransformerLens registry ---- */

static void
write_entry(hf_out *w, const char *arch, size_t an, const char *id, size_t idn,
            int first)
{
	static const char *const nulls[] = {
		"verified_date", "metadata", "note", "phase1_score", "phase2_score",
		"phase3_score", "phase4_score", "phase7_score", "phase8_score"
	};
	char *a = hf_strndup(arch, an), *i = hf_strndup(id, idn);
	long k;

	/* Ids and architectures are raw JSON string bytes: decode first. */
	k = json_unescape(arch, an, a);
	a[k < 0 ? 0 : k] = '\0';
	k = json_unescape(id, idn, i);
	i[k < 0 ? 0 : k] = '\0';
	py_item(w, 2, first);
	out_putc(w, '{');
	py_key(w, 3, "architecture_id", 1);
	py_str(w, a, strlen(a));
	py_key(w, 3, "model_id", 0);
	py_str(w, i, strlen(i));
	py_key(w, 3, "status", 0);
	out_putc(w, '0');
	for (size_t n = 0; n < sizeof nulls / sizeof *nulls; n++) {
		py_key(w, 3, nulls[n], 0);
		out_puts(w, "null");
	}
	py_close(w, 2, '}');
	free(a);
	free(i);
}

static void
remember_unsupported(struct opts *o, const char *id, size_t idn,
                     const char *arch, size_t an, int64_t dl, int64_t params)
{
	struct known *k = NULL;
	size_t at;

	if (!strset_add_val(&o->known_ids, id, idn, o->nknown, &at))
		k = &o->known[at];
	if (!k) {
		if (o->nknown == o->capknown)
			o->known = hf_realloc(o->known, (o->capknown = o->capknown ?
			                      o->capknown * 2 : 1024) * sizeof *o->known);
		k = &o->known[o->nknown++];
		k->id = strset_stored(&o->known_ids, id, idn);
	}
	strset_add(&o->archs, arch, an);
	k->arch = strset_stored(&o->archs, arch, an);
	k->downloads = dl;
	k->params = params;
}

static void
take_gap_record(gap_set *set, const json_doc *d)
{
	int a = json_get(d, 0, "architecture_id"), s;
	int64_t models = 0, dl = 0, minp = -1;
	size_t an;
	const char *arch;
	gap *g;

	if (!json_is_string(d, a))
		return;
	arch = json_raw(d, a, &an);
	g = gaps_get(set, arch, an);
	json_int64(d, json_get(d, 0, "total_models"), &models);
	json_int64(d, json_get(d, 0, "total_downloads"), &dl);
	json_int64(d, json_get(d, 0, "min_param_count"), &minp);
	g->models = models;
	g->downloads = dl;
	g->min_params = minp;
	s = json_get(d, 0, "sample_models");
	for (int k = 0, i = s + 1; json_type(d, s) == JSMN_ARRAY &&
	     k < d->tok[s].size && g->nsample < GAP_SAMPLES; k++, i = json_skip(d, i)) {
		char *id = json_strdup(d, i);

		if (id)
			g->sample[g->nsample++] = id;
	}
}

static int
report_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	struct opts *o = ctx;
	model_issues iss = { { 0 }, 0 };
	int a;
	int64_t params = -1, dl = 0;
	size_t an, idn;
	const char *arch, *id;

	if (json_get(d, 0, "architecture_id") >= 0) {
		take_gap_record(&o->incoming, d);
		return 0;
	}
	o->read++;
	a = model_record_arch(d, &iss);
	if (model_record_params(d, &params, &iss) < 0)
		params = -1;
	model_int(d, "downloads", &dl, &iss);
	for (int i = 0; i < iss.n; i++)
		rec_warn(r, iss.msg[i]);
	id = model_id(d, &idn);
	if (a < 0 || !id)
		return iss.n > 0;
	arch = json_raw(d, a, &an);
	if (adapters_find(&o->ad, arch, an)) {
		char *plain = hf_strndup(id, idn);
		long k = json_unescape(id, idn, plain);

		if (k >= 0 && !strset_has(&o->registered, plain, (size_t)k) &&
		    strset_add(&o->added_ids, id, idn)) {
			if (o->nadded == o->capadded)
				o->added = hf_realloc(o->added, (size_t)(o->capadded =
				                      o->capadded ? o->capadded * 2 : 1024) *
				                      sizeof *o->added);
			strset_add(&o->added_archs, arch, an);
			o->added[o->nadded].arch = strset_stored(&o->added_archs, arch, an);
			o->added[o->nadded++].id = strset_stored(&o->added_ids, id, idn);
		}
		free(plain);
	} else {
		remember_unsupported(o, id, idn, arch, an, dl, params);
	}
	return iss.n > 0;
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

/* The per-model state of earlier runs, in first-seen order. */
static void
load_state(struct opts *o, const char *path, gap_set *baseline, int *have)
{
	ndj_reader r;
	const char *line, *why;
	size_t len;
	json_doc d;
	int got;

	*have = 0;
	if (ndj_open(&r, path) < 0)
		return;
	*have = 1;
	json_init(&d);
	while ((got = ndj_next(&r, &line, &len)) != NDJ_EOF) {
		int64_t dl = 0, params = -1;
		size_t idn, an;
		const char *id, *arch;
		int a;

		if (got != NDJ_LINE || json_parse(&d, line, len, 1, &why) < 0)
			hf_die(HF_STATE, "%s:%zu: not a state line; remove the file "
			       "to rebuild it from the registry", path, r.lineno);
		if (json_get(&d, 0, "architecture_id") >= 0) {
			take_gap_record(baseline, &d);
			continue;
		}
		a = json_get(&d, 0, "architecture");
		id = model_id(&d, &idn);
		if (!id || !json_is_string(&d, a))
			continue;
		arch = json_raw(&d, a, &an);
		json_int64(&d, json_get(&d, 0, "downloads"), &dl);
		json_int64(&d, json_get(&d, 0, "params"), &params);
		remember_unsupported(o, id, idn, arch, an, dl, params);
	}
	json_free(&d);
	ndj_close(&r);
}

/* Baseline aggregates from an existing gaps file that has no state. */
static void
load_baseline(gap_set *baseline, const reg_file *gaps)
{
	int l = reg_list(gaps, "gaps");

	for (int k = 0, i = l + 1; l >= 0 && k < gaps->d.tok[l].size;
	     k++, i = json_skip(&gaps->d, i)) {
		json_doc one;
		size_t n;
		const char *span = json_span(&gaps->d, i, &n);
		const char *why;

		/* Re-parse the entry alone so the gap-record reader applies. */
		json_init(&one);
		if (json_parse(&one, span, n, 1, &why) == 0)
			take_gap_record(baseline, &one);
		json_free(&one);
	}
}

static char *
plain(const char *raw)
{
	char *s = hf_strdup(raw);
	long k = json_unescape(raw, strlen(raw), s);

	s[k < 0 ? 0 : k] = '\0';
	return s;
}

/* The merged gaps: this and earlier runs' unsupported models, aggregated
 * in first-seen order; for architectures none of them has, the gap
 * records read, else the baseline.  Supported architectures leave. */
static void
merge_gaps(struct opts *o, gap_set *out, const gap_set *baseline)
{
	const gap_set *extra[2] = { &o->incoming, baseline };

	gaps_init(out);
	for (size_t i = 0; i < o->nknown; i++) {
		struct known *k = &o->known[i];

		if (adapters_find(&o->ad, k->arch, strlen(k->arch)))
			continue;
		gap_add_model(gaps_get(out, k->arch, strlen(k->arch)), k->id,
		              strlen(k->id), k->downloads, k->params, 0);
	}
	for (int e = 0; e < 2; e++)
		for (size_t i = 0; i < extra[e]->n; i++) {
			const gap *src = &extra[e]->v[i];
			size_t before = out->n;
			gap *g;

			if (adapters_find(&o->ad, src->arch, strlen(src->arch)))
				continue;
			g = gaps_get(out, src->arch, strlen(src->arch));
			if (out->n == before)
				continue; /* newer, complete data already */
			g->models = src->models;
			g->downloads = src->downloads;
			g->min_params = src->min_params;
			for (int k = 0; k < src->nsample; k++) {
				g->sample[k] = hf_strdup(src->sample[k]);
				g->sample_dl[k] = 0;
			}
			g->nsample = src->nsample;
		}
	gaps_score(out);
}

static void
scan_info(hf_out *w, const struct opts *o)
{
	char date[16];
	time_t t = time(NULL);

	strftime(date, sizeof date, "%Y-%m-%d", localtime(&t));
	py_key(w, 1, "generated_at", 1);
	py_str(w, date, strlen(date));
	py_key(w, 1, "scan_info", 0);
	out_putc(w, '{');
	py_key(w, 2, "total_scanned", 1);
	out_int(w, o->scanned >= 0 ? o->scanned : o->read);
	py_key(w, 2, "task_filter", 0);
	py_str(w, o->task, strlen(o->task));
	py_key(w, 2, "min_downloads", 0);
	out_int(w, o->min_downloads);
	py_key(w, 2, "scan_duration_seconds", 0);
	py_float1(w, o->duration);
	py_close(w, 1, '}');
}

static void
render_supported(hf_out *w, const struct opts *o, const reg_file *sup)
{
	int l = reg_list(sup, "models"), n = l >= 0 ? sup->d.tok[l].size : 0;
	int64_t verified = 0;
	strset archs;

	/* The counts first, from the entries kept and the new ones. */
	strset_init(&archs);
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		int st = json_get(&sup->d, i, "status");
		int a = json_get(&sup->d, i, "architecture_id");
		int64_t v = 0;
		size_t len;

		if (json_int64(&sup->d, st, &v) == 0 && v == 1)
			verified++;
		if (json_is_string(&sup->d, a)) {
			const char *raw = json_raw(&sup->d, a, &len);

			strset_add(&archs, raw, len);
		}
	}
	for (int64_t i = 0; i < o->nadded; i++)
		strset_add(&archs, o->added[i].arch, strlen(o->added[i].arch));
	out_putc(w, '{');
	scan_info(w, o);
	py_key(w, 1, "total_architectures", 0);
	out_int(w, (int64_t)archs.n);
	py_key(w, 1, "total_models", 0);
	out_int(w, n + o->nadded);
	py_key(w, 1, "total_verified", 0);
	out_int(w, verified);
	py_key(w, 1, "models", 0);
	if (n + o->nadded == 0)
		out_puts(w, "[]");
	else
		out_putc(w, '[');
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		py_item(w, 2, k == 0);
		py_value(w, &sup->d, i, 2);
	}
	for (int64_t i = 0; i < o->nadded; i++)
		write_entry(w, o->added[i].arch, strlen(o->added[i].arch),
		            o->added[i].id, strlen(o->added[i].id), n == 0 && i == 0);
	if (n + o->nadded)
		py_close(w, 1, ']');
	py_close(w, 0, '}');
	out_putc(w, '\n');
	strset_free(&archs);
}

static void
render_gaps(hf_out *w, const struct opts *o, const gap_set *g)
{
	int64_t models = 0;

	for (size_t i = 0; i < g->n; i++)
		models += g->v[i].models;
	out_putc(w, '{');
	scan_info(w, o);
	py_key(w, 1, "total_unsupported_architectures", 0);
	out_int(w, (int64_t)g->n);
	py_key(w, 1, "total_unsupported_models", 0);
	out_int(w, models);
	py_key(w, 1, "gaps", 0);
	if (!g->n)
		out_puts(w, "[]");
	else
		out_putc(w, '[');
	for (size_t i = 0; i < g->n; i++) {
		const gap *x = &g->v[i];
		char *a = plain(x->arch);

		py_item(w, 2, i == 0);
		out_putc(w, '{');
		py_key(w, 3, "architecture_id", 1);
		py_str(w, a, strlen(a));
		py_key(w, 3, "total_models", 0);
		out_int(w, x->models);
		py_key(w, 3, "total_downloads", 0);
		out_int(w, x->downloads);
		py_key(w, 3, "min_param_count", 0);
		if (x->min_params < 0)
			out_puts(w, "null");
		else
			out_int(w, x->min_params);
		py_key(w, 3, "sample_models", 0);
		if (!x->nsample)
			out_puts(w, "[]");
		else
			out_putc(w, '[');
		for (int k = 0; k < x->nsample; k++) {
			char *id = plain(x->sample[k]);

			py_item(w, 4, k == 0);
			py_str(w, id, strlen(id));
			free(id);
		}
		if (x->nsample)
			py_close(w, 3, ']');
		py_key(w, 3, "relevancy_score", 0);
		py_float1(w, x->score);
		py_close(w, 2, '}');
		free(a);
	}
	if (g->n)
		py_close(w, 1, ']');
	py_close(w, 0, '}');
}

static void
render_state(hf_out *w, const struct opts *o, const gap_set *baseline)
{
	for (size_t i = 0; i < o->nknown; i++) {
		const struct known *k = &o->known[i];

		if (adapters_find(&o->ad, k->arch, strlen(k->arch)))
			continue;
		out_printf(w, "{\"id\":\"%s\",\"architecture\":\"%s\","
		           "\"downloads\":%lld,\"params\":", k->id, k->arch,
		           (long long)k->downloads);
		if (k->params < 0)
			out_puts(w, "null}\n");
		else
			out_printf(w, "%lld}\n", (long long)k->params);
	}
	for (size_t i = 0; i < baseline->n; i++)
		gap_write_record(w, &baseline->v[i]);
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
	if (!(s->tmp[s->n] = hf_stage_file(path, w->buf, w->len))) {
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
		if (hf_commit_file(s->tmp[i], s->path[i]) < 0)
			hf_die(HF_STATE, "cannot replace %s:", s->path[i]);
		free(s->path[i]);
	}
}

/* What would change, for --dry-run and the closing line. */
static void
summarize(const struct opts *o, const reg_file *old, const gap_set *g)
{
	int l = reg_list(old, "gaps");
	int64_t added = 0, updated = 0, removed = 0;
	strset now;

	strset_init(&now);
	for (size_t i = 0; i < g->n; i++) {
		char *a = plain(g->v[i].arch);
		int found = 0;

		strset_add(&now, a, strlen(a));
		for (int k = 0, e = l + 1; l >= 0 && k < old->d.tok[l].size;
		     k++, e = json_skip(&old->d, e)) {
			int64_t m = -1, d = -1;

			if (!json_streq(&old->d, json_get(&old->d, e, "architecture_id"), a))
				continue;
			found = 1;
			json_int64(&old->d, json_get(&old->d, e, "total_models"), &m);
			json_int64(&old->d, json_get(&old->d, e, "total_downloads"), &d);
			updated += m != g->v[i].models || d != g->v[i].downloads;
			break;
		}
		added += !found;
		free(a);
	}
	for (int k = 0, e = l + 1; l >= 0 && k < old->d.tok[l].size;
	     k++, e = json_skip(&old->d, e)) {
		char *a = json_strdup(&old->d, json_get(&old->d, e, "architecture_id"));

		removed += a && !strset_has(&now, a, strlen(a));
		free(a);
	}
	fprintf(stderr, "%s: %s%lld new supported models; gaps: %lld added, "
	        "%lld updated, %lld removed, %zu in all\n", hf_progname(),
	        o->dry_run ? "would write " : "", (long long)o->nadded,
	        (long long)added, (long long)updated, (long long)removed, g->n);
	strset_free(&now);
}

static int
run_registry(struct opts *o, char **files, int nfiles)
{
	reg_file sup, gaps, hist;
	gap_set baseline, merged;
	hf_out w;
	char *state_path;
	size_t n = strlen(o->dir) + sizeof STATE_FILE + 2;
	int have_state, st;
	struct stat sb;

	if (!o->dry_run && mkdir(o->dir, 0777) < 0 &&
	    !(stat(o->dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		hf_die(HF_STATE, "cannot create %s:", o->dir);
	reg_open(&sup, o->dir, "supported_models.json", "models");
	reg_open(&gaps, o->dir, "architecture_gaps.json", "gaps");
	reg_open(&hist, o->dir, "verification_history.json", NULL);
	state_path = hf_malloc(n);
	snprintf(state_path, n, "%s/%s", o->dir, STATE_FILE);
	gaps_init(&baseline);
	load_registered(o, &sup);
	load_state(o, state_path, &baseline, &have_state);
	if (!have_state)
		load_baseline(&baseline, &gaps);
	st = rec_each(files, nfiles, o->strict, &o->out, report_record, o);
	merge_gaps(o, &merged, &baseline);
	summarize(o, &gaps, &merged);
	if (!o->dry_run) {
		struct staged s = { { 0 }, { 0 }, 0 };

		out_init_mem(&w);
		render_state(&w, o, &baseline);
		stage(&s, o->dir, STATE_FILE, &w);
		w.len = 0;
		render_gaps(&w, o, &merged);
		stage(&s, o->dir, "architecture_gaps.json", &w);
		w.len = 0;
		render_supported(&w, o, &sup);
		stage(&s, o->dir, "supported_models.json", &w);
		if (!hist.exists) {
			w.len = 0;
			out_puts(&w, "{\n  \"last_updated\": null,\n  \"records\": []\n}\n");
			stage(&s, o->dir, "verification_history.json", &w);
		}
		commit(&s);
		free(w.buf);
	}
	gaps_free(&merged);
	gaps_free(&baseline);
	free(state_path);
	reg_close(&sup);
	reg_close(&gaps);
	reg_close(&hist);
	return st;
}

/* ---- the calculator's models.json ---- */

static int
add_entry(struct opts *o, char *text, const char *id, const char *hf_id,
          double params)
{
	for (size_t i = 0; i < o->nentries; i++) {
		struct entry *e = &o->entries[i];

		if (strcmp(e->hf_id, hf_id) && strcmp(e->id, id))
			continue;
		if (!o->force) {
			hf_warn("%s: already in %s (as %s); use --force to replace it",
			        hf_id, o->models_json, e->id);
			free(text);
			return -1;
		}
		free(e->text);
		free(e->id);
		free(e->hf_id);
		*e = (struct entry){ text, hf_strdup(id), hf_strdup(hf_id), params };
		return 0;
	}
	if (o->nentries == o->capentries)
		o->entries = hf_realloc(o->entries, (o->capentries = o->capentries ?
		                        o->capentries * 2 : 64) * sizeof *o->entries);
	o->entries[o->nentries++] = (struct entry){ text, hf_strdup(id),
	                                            hf_strdup(hf_id), params };
	return 0;
}

static void
load_models_json(struct opts *o, const reg_file *f)
{
	int l = reg_list(f, "models");

	for (int k = 0, i = l + 1; l >= 0 && k < f->d.tok[l].size;
	     k++, i = json_skip(&f->d, i)) {
		hf_out w;
		double params = 0;
		char *id = json_strdup(&f->d, json_get(&f->d, i, "id"));
		char *hf = json_strdup(&f->d, json_get(&f->d, i, "hf_model_id"));

		out_init_mem(&w);
		py_value(&w, &f->d, i, 2);
		out_putc(&w, '\0');
		json_double(&f->d, json_get(&f->d, i, "parameters_billions"), &params);
		add_entry(o, w.buf, id ? id : "", hf ? hf : "", params);
		free(id);
		free(hf);
	}
}

/* "Qwen/Qwen3-0.6B" -> id "qwen3-0-6b", name "Qwen3 0.6B". */
static void
names_of(const char *hf_id, char **id, char **name)
{
	const char *base = strrchr(hf_id, '/') ? strrchr(hf_id, '/') + 1 : hf_id;
	char *i = hf_malloc(strlen(base) + 1), *n = hf_strdup(base);
	size_t k = 0;

	for (const char *p = base; *p; p++) {
		char c = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			c = '-';
		if (c == '-' && (k == 0 || i[k - 1] == '-'))
			continue;
		i[k++] = c;
	}
	while (k && i[k - 1] == '-')
		k--;
	i[k] = '\0';
	for (char *p = n; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	*id = i;
	*name = n;
}

/* A number as the calculator's JavaScript writes it: shortest round-trip,
 * no ".0" on whole numbers. */
static void
js_number(hf_out *w, double v)
{
	hf_out tmp;

	out_init_mem(&tmp);
	py_repr_double(&tmp, v);
	if (tmp.len > 2 && memcmp(tmp.buf + tmp.len - 2, ".0", 2) == 0)
		tmp.len -= 2;
	out_write(w, tmp.buf, tmp.len);
	free(tmp.buf);
}

static const char *
range_problem(const char *what, int64_t v, int64_t lo, int64_t hi, char *buf,
              size_t n)
{
	if (v < 0)
		snprintf(buf, n, "%s is missing from the config (fetch the whole "
		         "config: hf-list --fetch-config)", what);
	else if (v < lo)
		snprintf(buf, n, "%s %lld is below %lld", what, (long long)v,
		         (long long)lo);
	else if (v > hi)
		snprintf(buf, n, "%s %lld is above %lld", what, (long long)v,
		         (long long)hi);
	else
		return NULL;
	return buf;
}

static void
opt_int(hf_out *w, const char *key, int64_t v)
{
	if (v < 0)
		return;
	py_key(w, 3, key, 0);
	out_int(w, v);
}

static int
calc_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	struct opts *o = ctx;
	model_spec s;
	int64_t params = -1;
	double billions;
	char *hf_id, *id, *name, buf[256];
	const char *why = NULL;
	int bad = 0, vc;
	hf_out w;
	size_t n;
	const char *raw = model_id(d, &n);

	(void)r;
	if (!raw)
		return 0;
	hf_id = hf_strndup(raw, n);
	model_get_spec(d, &s);
	if (o->set_context > 0)
		s.context_length = o->set_context;
	if (model_record_params(d, &params, NULL) < 0)
		params = -1;
	billions = o->set_params > 0 ? o->set_params : params > 0 ? params / 1e9 : -1;
	if (s.multimodal && !o->multimodal) {
		hf_warn("%s: multimodal model; the calculator takes text models: "
		        "use --multimodal to import it with its vision_config", hf_id);
		o->refused++;
		free(hf_id);
		return 1;
	}
	/* The calculator's schema (model.schema.json): every violation gets
	 * its own line. */
	if (billions <= 0) {
		hf_warn("%s: parameters_billions unknown; give it with --set "
		        "parameters_billions=B", hf_id);
		bad = 1;
	} else if (billions < 0.1 || billions > 1000) {
		hf_warn("%s: parameters_billions %g is outside 0.1..1000", hf_id,
		        billions);
		bad = 1;
	}
	{
		const struct { const char *name; int64_t v, lo, hi; int required; } f[] = {
			{ "hidden_size", s.hidden_size, 128, 32768, 1 },
			{ "num_layers", s.num_layers, 1, 200, 1 },
			{ "num_heads", s.num_heads, 1, 256, 1 },
			{ "default_context_length", s.context_length, 512, 1000000, 1 },
			{ "num_kv_heads", s.num_kv_heads, 1, 256, 0 },
			{ "intermediate_size", s.intermediate_size, 128, INT64_MAX, 0 },
			{ "vocab_size", s.vocab_size, 1000, INT64_MAX, 0 },
			{ "num_experts", s.num_experts, 2, INT64_MAX, 0 },
			{ "experts_per_token", s.experts_per_token, 1, INT64_MAX, 0 },
		};

		for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
			if (f[i].v < 0 && !f[i].required)
				continue;
			if ((why = range_problem(f[i].name, f[i].v, f[i].lo, f[i].hi,
			                         buf, sizeof buf))) {
				hf_warn("%s: %s", hf_id, why);
				bad = 1;
			}
		}
	}
	if (s.num_kv_heads > 0 && s.num_heads > 0 && s.num_kv_heads > s.num_heads) {
		hf_warn("%s: num_kv_heads %lld exceeds num_heads %lld", hf_id,
		        (long long)s.num_kv_heads, (long long)s.num_heads);
		bad = 1;
	}
	if (bad) {
		o->refused++;
		free(hf_id);
		return 1;
	}
	names_of(hf_id, &id, &name);
	out_init_mem(&w);
	out_putc(&w, '{');
	py_key(&w, 3, "id", 1);
	py_str(&w, id, strlen(id));
	py_key(&w, 3, "name", 0);
	py_str(&w, name, strlen(name));
	py_key(&w, 3, "hf_model_id", 0);
	py_str(&w, hf_id, strlen(hf_id));
	py_key(&w, 3, "parameters_billions", 0);
	js_number(&w, billions);
	opt_int(&w, "hidden_size", s.hidden_size);
	opt_int(&w, "num_layers", s.num_layers);
	opt_int(&w, "num_heads", s.num_heads);
	opt_int(&w, "default_context_length", s.context_length);
	py_key(&w, 3, "architecture", 0);
	out_puts(&w, s.moe ? "\"moe\"" : "\"transformer\"");
	opt_int(&w, "num_kv_heads", s.num_kv_heads);
	opt_int(&w, "intermediate_size", s.intermediate_size);
	opt_int(&w, "vocab_size", s.vocab_size);
	opt_int(&w, "num_experts", s.num_experts);
	opt_int(&w, "experts_per_token", s.experts_per_token);
	py_key(&w, 3, "modality", 0);
	out_puts(&w, s.multimodal ? "\"multimodal\"" : "\"text\"");
	vc = json_get(d, json_get(d, 0, "config"), "vision_config");
	if (s.multimodal && json_type(d, vc) == JSMN_OBJECT) {
		py_key(&w, 3, "vision_config", 0);
		py_value(&w, d, vc, 3);
	}
	py_close(&w, 2, '}');
	out_putc(&w, '\0');
	if (o->dry_run)
		printf("%s: would import %s\n", hf_progname(), w.buf);
	if (add_entry(o, w.buf, id, hf_id, billions) < 0)
		o->refused++;
	free(id);
	free(name);
	free(hf_id);
	return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (x->params > y->params) - (x->params < y->params);
}

static int
run_calculator(struct opts *o, char **files, int nfiles)
{
	reg_file f;
	hf_out w;
	int st;

	reg_open(&f, NULL, o->models_json, "models");
	load_models_json(o, &f);
	st = rec_each(files, nfiles, o->strict, &o->out, calc_record, o);
	if (o->refused)
		st = HF_PARTIAL;
	/* A stable sort keeps equal sizes in the order they came. */
	for (size_t i = 1; i < o->nentries; i++)
		for (size_t j = i; j > 0 && cmp_entry(&o->entries[j - 1],
		                                      &o->entries[j]) > 0; j--) {
			struct entry t = o->entries[j];
			o->entries[j] = o->entries[j - 1];
			o->entries[j - 1] = t;
		}
	if (!o->dry_run) {
		if (f.exists) {
			char stamp[32], *bak;
			time_t t = time(NULL);
			size_t n = strlen(o->models_json) + 40;

			strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
			bak = hf_malloc(n);
			snprintf(bak, n, "%s.%s.bak", o->models_json, stamp);
			if (hf_write_atomic(bak, f.text, f.len) < 0)
				hf_die(HF_STATE, "cannot write the backup %s:", bak);
			free(bak);
		}
		out_init_mem(&w);
		out_putc(&w, '{');
		py_key(&w, 1, "models", 1);
		if (!o->nentries)
			out_puts(&w, "[]");
		else
			out_putc(&w, '[');
		for (size_t i = 0; i < o->nentries; i++) {
			py_item(&w, 2, i == 0);
			out_puts(&w, o->entries[i].text);
		}
		if (o->nentries)
			py_close(&w, 1, ']');
		py_close(&w, 0, '}');
		out_putc(&w, '\n');
		if (hf_write_atomic(o->models_json, w.buf, w.len) < 0)
			hf_die(HF_STATE, "cannot write %s (left as it was):",
			       o->models_json);
		free(w.buf);
	}
	for (size_t i = 0; i < o->nentries; i++) {
		free(o->entries[i].text);
		free(o->entries[i].id);
		free(o->entries[i].hf_id);
	}
	free(o->entries);
	reg_close(&f);
	return st;
}

/* ---- options ---- */

static void
parse_set(struct opts *o, const char *kv)
{
	char *end;

	if (strncmp(kv, "parameters_billions=", 20) == 0) {
		o->set_params = strtod(kv + 20, &end);
		if (end == kv + 20 || *end || o->set_params <= 0)
			hf_die(HF_USAGE, "--set parameters_billions takes a positive number");
	} else if (strncmp(kv, "default_context_length=", 23) == 0) {
		o->set_context = hf_parse_count(kv + 23);
		if (o->set_context <= 0)
			hf_die(HF_USAGE, "--set default_context_length takes a whole number");
	} else {
		hf_die(HF_USAGE, "--set takes parameters_billions=B or "
		       "default_context_length=N, not %s", kv);
	}
}

int
main(int argc, char **argv)
{
	enum { O_TASK = 256, O_MIN, O_SCANNED, O_DURATION, O_ADAPTERS, O_DRY,
	       O_STRICT, O_MJ, O_SET, O_FORCE, O_MM, O_VERSION };
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { 0 };
	char err[256], *end;
	int c, st;

	hf_setprogname(argv[0]);
	hf_init_signals();
	o.dir = "./data";
	o.task = "text-generation";
	o.min_downloads = 500;
	o.scanned = -1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.dir = optarg; break;
		case O_TASK: o.task = optarg; break;
		case O_MIN:
			if ((o.min_downloads = hf_parse_count(optarg)) < 0)
				hf_die(HF_USAGE, "--min-downloads takes a whole number");
			break;
		case O_SCANNED:
			if ((o.scanned = hf_parse_count(optarg)) < 0)
				hf_die(HF_USAGE, "--scanned takes a whole number");
			break;
		case O_DURATION:
			o.duration = strtod(optarg, &end);
			if (end == optarg || *end || o.duration < 0)
				hf_die(HF_USAGE, "--duration takes seconds");
			break;
		case O_ADAPTERS: o.adapters_file = optarg; break;
		case O_DRY: o.dry_run = 1; break;
		case O_STRICT: o.strict = 1; break;
		case O_MJ: o.models_json = optarg; break;
		case O_SET: parse_set(&o, optarg); break;
		case O_FORCE: o.force = 1; break;
		case O_MM: o.multimodal = 1; break;
		case 'h': usage(HF_OK); break;
		case O_VERSION: puts("hf-report " HF_VERSION); return HF_OK;
		default: usage(HF_USAGE);
		}
	}
	if (adapters_load(&o.ad, o.adapters_file, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	strset_init(&o.registered);
	strset_init(&o.added_ids);
	strset_init(&o.added_archs);
	strset_init(&o.known_ids);
	strset_init(&o.archs);
	gaps_init(&o.incoming);
	out_init(&o.out, 1, NULL);
	st = o.models_json ? run_calculator(&o, argv + optind, argc - optind)
	                   : run_registry(&o, argv + optind, argc - optind);
	out_free(&o.out);
	free(o.known);
	free(o.added);
	gaps_free(&o.incoming);
	strset_free(&o.registered);
	strset_free(&o.added_ids);
	strset_free(&o.added_archs);
	strset_free(&o.known_ids);
	strset_free(&o.archs);
	adapters_free(&o.ad);
	return st;
}
