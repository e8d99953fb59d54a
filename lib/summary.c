/* summary.c - a scan's summary as JSON and as the scraper's report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"

#define RULE "======================================================================"

/* Count one supported entry of arch in s->sup (index in byarch). */
static void
count_arch(sum_report *s, strset *byarch, size_t *cap, const char *arch)
{
	size_t at;

	if (strset_add_val(byarch, arch, strlen(arch), s->nsup, &at)) {
		if (s->nsup == *cap)
			s->sup = hf_realloc(s->sup, (*cap = *cap ? 2 * *cap : 16) *
			                    sizeof *s->sup);
		s->sup[s->nsup].arch = hf_strdup(arch);
		s->sup[s->nsup].models = 0;
		at = s->nsup++;
	}
	s->sup[at].models++;
}

static int
by_count(const void *a, const void *b)
{
	const sum_arch *x = a, *y = b;

	if (x->models != y->models)
		return x->models < y->models ? 1 : -1;
	return strcmp(x->arch, y->arch);
}

/* The supported entries, those kept and those added. */
static void
count_supported(sum_report *s, const tl_merge *m, const strset *baseline)
{
	const json_doc *d = &m->sup.d;
	int l = reg_list(&m->sup, "models");
	strset byarch;
	size_t cap = 0;

	strset_init(&byarch);
	for (int k = 0, i = l + 1; l >= 0 && k < d->tok[l].size;
	     k++, i = json_skip(d, i)) {
		char *arch = json_strdup(d, json_get(d, i, "architecture_id"));
		char *id = json_strdup(d, json_get(d, i, "model_id"));

		count_arch(s, &byarch, &cap, arch ? arch : "");
		if (baseline && id && !strset_has(baseline, id, strlen(id)))
			s->new_supported++;
		s->total_supported++;
		free(arch);
		free(id);
	}
	for (size_t i = 0; i < m->nadded; i++) {
		count_arch(s, &byarch, &cap, m->added[i].arch);
		if (baseline && !strset_has(baseline, m->added[i].id,
		                            strlen(m->added[i].id)))
			s->new_supported++;
		s->total_supported++;
	}
	if (!baseline)
		s->new_supported = (int64_t)m->nadded;
	if (s->nsup)
		qsort(s->sup, s->nsup, sizeof *s->sup, by_count);
	strset_free(&byarch);
}

void
sum_from_merge(sum_report *s, const tl_merge *m, const strset *baseline,
               int64_t scanned, int64_t skipped)
{
	memset(s, 0, sizeof *s);
	s->task = hf_strdup(m->scan.task);
	s->min_downloads = m->scan.min_downloads;
	s->total_scanned = m->scan.scanned >= 0 ? m->scan.scanned : m->sum.read;
	s->duration = m->scan.duration;
	s->scanned = scanned >= 0 ? scanned : m->sum.read;
	s->skipped = skipped >= 0 ? skipped : 0;
	count_supported(s, m, baseline);
	s->unsupported_architectures = (int64_t)m->merged.n;
	for (size_t i = 0; i < m->merged.n; i++) {
		const gap *g = &m->merged.v[i];

		s->unsupported_models = num_add_count(s->unsupported_models,
		                                      g->models);
		if (s->ntop < SUM_TOP) {
			sum_gap *t = &s->top[s->ntop++];

			t->arch = hf_strdup(g->arch);
			t->models = g->models;
			t->downloads = g->downloads;
			t->score = g->score;
		} else {
			s->more_architectures++;
			s->more_models = num_add_count(s->more_models, g->models);
		}
	}
}

/* ---- JSON ---- */

static void
key(hf_out *w, const char *k, int first)
{
	if (!first)
		out_putc(w, ',');
	out_json_str(w, k, strlen(k), 0);
	out_putc(w, ':');
}

static void
key_int(hf_out *w, const char *k, int64_t v)
{
	key(w, k, 0);
	out_int(w, v);
}

void
sum_write_json(hf_out *w, const sum_report *s)
{
	out_putc(w, '{');
	key(w, "hf_report_summary", 1);
	out_puts(w, "1");
	key(w, "task", 0);
	out_json_str(w, s->task, strlen(s->task), 0);
	key_int(w, "min_downloads", s->min_downloads);
	key_int(w, "total_scanned", s->total_scanned);
	key(w, "scan_duration_seconds", 0);
	out_printf(w, "%.1f", s->duration);
	key_int(w, "new_models_scanned", s->scanned);
	key_int(w, "existing_models_skipped", s->skipped);
	key_int(w, "new_supported_models", s->new_supported);
	key_int(w, "total_supported_models", s->total_supported);
	key(w, "supported_architectures", 0);
	out_putc(w, '[');
	for (size_t i = 0; i < s->nsup; i++) {
		out_puts(w, i ? ",{" : "{");
		key(w, "architecture_id", 1);
		out_json_str(w, s->sup[i].arch, strlen(s->sup[i].arch), 0);
		key_int(w, "models", s->sup[i].models);
		out_putc(w, '}');
	}
	out_putc(w, ']');
	key_int(w, "unsupported_architectures", s->unsupported_architectures);
	key_int(w, "unsupported_models", s->unsupported_models);
	key(w, "top_gaps", 0);
	out_putc(w, '[');
	for (size_t i = 0; i < s->ntop; i++) {
		const sum_gap *g = &s->top[i];

		out_puts(w, i ? ",{" : "{");
		key(w, "architecture_id", 1);
		out_json_str(w, g->arch, strlen(g->arch), 0);
		key_int(w, "total_models", g->models);
		key_int(w, "total_downloads", g->downloads);
		key(w, "relevancy_score", 0);
		out_printf(w, "%.1f", g->score);
		out_putc(w, '}');
	}
	out_putc(w, ']');
	key_int(w, "more_architectures", s->more_architectures);
	key_int(w, "more_models", s->more_models);
	out_puts(w, "}\n");
}

/* Integer member k of object o into *v: 0, or -1 when absent or not one. */
static int
get_int(const json_doc *d, int o, const char *k, int64_t *v)
{
	return json_int64(d, json_get(d, o, k), v);
}

/* The two arrays: supported architectures and top gaps. */
static int
parse_lists(sum_report *s, const json_doc *d)
{
	int a = json_get(d, 0, "supported_architectures");
	int t = json_get(d, 0, "top_gaps");

	if (json_type(d, a) != JSMN_ARRAY || json_type(d, t) != JSMN_ARRAY ||
	    d->tok[t].size > SUM_TOP)
		return -1;
	s->sup = hf_calloc((size_t)d->tok[a].size + 1, sizeof *s->sup);
	for (int k = 0, i = a + 1; k < d->tok[a].size; k++, i = json_skip(d, i)) {
		sum_arch *x = &s->sup[s->nsup];

		if (!(x->arch = json_strdup(d, json_get(d, i, "architecture_id"))))
			return -1;
		s->nsup++;
		if (get_int(d, i, "models", &x->models) < 0)
			return -1;
	}
	for (int k = 0, i = t + 1; k < d->tok[t].size; k++, i = json_skip(d, i)) {
		sum_gap *g = &s->top[s->ntop];

		if (!(g->arch = json_strdup(d, json_get(d, i, "architecture_id"))))
			return -1;
		s->ntop++;
		if (get_int(d, i, "total_models", &g->models) < 0 ||
		    get_int(d, i, "total_downloads", &g->downloads) < 0 ||
		    json_double(d, json_get(d, i, "relevancy_score"), &g->score) < 0)
			return -1;
	}
	return 0;
}

int
sum_parse(sum_report *s, const char *text, size_t len, char *err,
          size_t errlen)
{
	json_doc d;
	const char *why = NULL;
	int64_t version = 0;
	int r = -1, parsed;

	memset(s, 0, sizeof *s);
	json_init(&d);
	parsed = json_parse(&d, text, len, 1, &why) == 0;
	if (parsed &&
	    get_int(&d, 0, "hf_report_summary", &version) == 0 && version == 1 &&
	    (s->task = json_strdup(&d, json_get(&d, 0, "task"))) &&
	    get_int(&d, 0, "min_downloads", &s->min_downloads) == 0 &&
	    get_int(&d, 0, "total_scanned", &s->total_scanned) == 0 &&
	    json_double(&d, json_get(&d, 0, "scan_duration_seconds"),
	                &s->duration) == 0 &&
	    get_int(&d, 0, "new_models_scanned", &s->scanned) == 0 &&
	    get_int(&d, 0, "existing_models_skipped", &s->skipped) == 0 &&
	    get_int(&d, 0, "new_supported_models", &s->new_supported) == 0 &&
	    get_int(&d, 0, "total_supported_models", &s->total_supported) == 0 &&
	    get_int(&d, 0, "unsupported_architectures",
	            &s->unsupported_architectures) == 0 &&
	    get_int(&d, 0, "unsupported_models", &s->unsupported_models) == 0 &&
	    get_int(&d, 0, "more_architectures", &s->more_architectures) == 0 &&
	    get_int(&d, 0, "more_models", &s->more_models) == 0 &&
	    parse_lists(s, &d) == 0)
		r = 0;
	else
		snprintf(err, errlen, "%s", parsed || !why ? "not a summary of "
		         "hf-report" : why);
	json_free(&d);
	if (r < 0)
		sum_free(s);
	return r;
}

/* ---- the scraper's report ---- */

/* n with a comma every three digits, as Python's f"{n:,}". */
static void
put_commas(hf_out *w, int64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	int lead = n < 0;

	for (int i = 0; i < len; i++) {
		if (i > lead && (len - i) % 3 == 0)
			out_putc(w, ',');
		out_putc(w, digits[i]);
	}
}

static void
put_seconds(hf_out *w, double s)
{
	if (s == floor(s) && fabs(s) < 1e15)
		out_printf(w, "%.0f", s);
	else
		out_printf(w, "%.1f", s);
}

void
sum_write_text(hf_out *w, const sum_report *s)
{
	out_puts(w, "Scan complete in ");
	put_seconds(w, s->duration);
	out_printf(w, "s\nNew models scanned: %lld\nExisting models skipped: "
	           "%lld\nNew supported models found: %lld\nTotal supported "
	           "models: %lld\nUnsupported architectures found: %lld\n",
	           (long long)s->scanned, (long long)s->skipped,
	           (long long)s->new_supported, (long long)s->total_supported,
	           (long long)s->unsupported_architectures);
	out_printf(w, "%s\nSCAN SUMMARY\n%s\nTotal models scanned: %lld\n", RULE,
	           RULE, (long long)s->scanned);
	out_printf(w, "\nSUPPORTED ARCHITECTURES (%zu):\n", s->nsup);
	for (size_t i = 0; i < s->nsup; i++)
		out_printf(w, "  %s: %lld models\n", s->sup[i].arch,
		           (long long)s->sup[i].models);
	out_printf(w, "\nTOP %d UNSUPPORTED ARCHITECTURES by relevancy (of %lld):\n",
	           SUM_TOP, (long long)s->unsupported_architectures);
	for (size_t i = 0; i < s->ntop; i++) {
		const sum_gap *g = &s->top[i];

		out_printf(w, "  %s: score=%.1f, %lld models, ", g->arch, g->score,
		           (long long)g->models);
		put_commas(w, g->downloads);
		out_puts(w, " downloads\n");
	}
	if (s->more_architectures)
		out_printf(w, "  ... and %lld more architectures (%lld models)\n",
		           (long long)s->more_architectures,
		           (long long)s->more_models);
	out_printf(w, "%s\n", RULE);
}

void
sum_free(sum_report *s)
{
	free(s->task);
	for (size_t i = 0; i < s->nsup; i++)
		free(s->sup[i].arch);
	free(s->sup);
	for (size_t i = 0; i < s->ntop; i++)
		free(s->top[i].arch);
	memset(s, 0, sizeof *s);
}
