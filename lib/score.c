/* score.c - aggregate models per architecture and rank the gaps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

void
gaps_init(gap_set *s)
{
	memset(s, 0, sizeof *s);
}

void
gaps_free(gap_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].arch);
		for (int k = 0; k < s->v[i].nsample; k++)
			free(s->v[i].sample[k]);
	}
	free(s->v);
	free(s->slot);
	memset(s, 0, sizeof *s);
}

static void
rehash(gap_set *s)
{
	free(s->slot);
	s->nslot = s->nslot ? s->nslot * 2 : 256;
	s->slot = hf_calloc(s->nslot, sizeof *s->slot);
	for (size_t i = 0; i < s->n; i++) {
		size_t j = num_hash(s->v[i].arch, strlen(s->v[i].arch)) & (s->nslot - 1);

		while (s->slot[j])
			j = (j + 1) & (s->nslot - 1);
		s->slot[j] = i + 1;
	}
}

gap *
gaps_find(const gap_set *s, const char *arch, size_t n)
{
	if (!s->slot)
		return NULL;
	for (size_t j = num_hash(arch, n) & (s->nslot - 1); s->slot[j];
	     j = (j + 1) & (s->nslot - 1)) {
		gap *g = &s->v[s->slot[j] - 1];

		if (strlen(g->arch) == n && memcmp(g->arch, arch, n) == 0)
			return g;
	}
	return NULL;
}

gap *
gaps_get(gap_set *s, const char *arch, size_t n)
{
	size_t j;

	if (!s->slot || (s->n + 1) * 2 > s->nslot)
		rehash(s);
	for (j = num_hash(arch, n) & (s->nslot - 1); s->slot[j];
	     j = (j + 1) & (s->nslot - 1)) {
		gap *g = &s->v[s->slot[j] - 1];

		if (strlen(g->arch) == n && memcmp(g->arch, arch, n) == 0)
			return g;
	}
	if (s->n == s->cap)
		s->v = hf_realloc(s->v, (s->cap = s->cap ? s->cap * 2 : 64) *
		                  sizeof *s->v);
	memset(&s->v[s->n], 0, sizeof s->v[s->n]);
	s->v[s->n].arch = hf_strndup(arch, n);
	s->v[s->n].min_params = -1;
	s->slot[j] = ++s->n;
	return &s->v[s->n - 1];
}

void
gap_add_model(gap *g, const char *id, size_t n, int64_t downloads,
              int64_t params, int estimated)
{
	int at;

	g->models = num_add_count(g->models, 1);
	g->downloads = num_add_count(g->downloads, downloads > 0 ? downloads : 0);
	if (params >= 0 && (g->min_params < 0 || params < g->min_params)) {
		g->min_params = params;
		g->estimated = estimated;
	}
	/* Insert after every sample with at least as many downloads. */
	for (at = g->nsample; at > 0 && g->sample_dl[at - 1] < downloads; at--)
		;
	if (at >= GAP_SAMPLES)
		return;
	if (g->nsample == GAP_SAMPLES)
		free(g->sample[--g->nsample]);
	memmove(g->sample + at + 1, g->sample + at,
	        (size_t)(g->nsample - at) * sizeof *g->sample);
	memmove(g->sample_dl + at + 1, g->sample_dl + at,
	        (size_t)(g->nsample - at) * sizeof *g->sample_dl);
	g->sample[at] = hf_strndup(id, n);
	g->sample_dl[at] = downloads;
	g->nsample++;
}

int
gap_is_record(const json_doc *d)
{
	return json_get(d, 0, "architecture_id") >= 0;
}

int
gap_read(gap_set *set, const json_doc *d, int obj)
{
	int a = json_get(d, obj, "architecture_id"), s;
	char *arch;
	gap *g;

	if (!json_is_string(d, a))
		return -1;
	arch = json_strdup(d, a);
	g = gaps_get(set, arch, strlen(arch));
	free(arch);
	for (int k = 0; k < g->nsample; k++)
		free(g->sample[k]);
	g->nsample = 0;
	g->models = json_count(d, json_get(d, obj, "total_models"), 0);
	g->downloads = json_count(d, json_get(d, obj, "total_downloads"), 0);
	g->min_params = json_count(d, json_get(d, obj, "min_param_count"), -1);
	s = json_get(d, obj, "sample_models");
	for (int k = 0, i = s + 1; json_type(d, s) == JSMN_ARRAY &&
	     k < d->tok[s].size && g->nsample < GAP_SAMPLES;
	     k++, i = json_skip(d, i)) {
		char *id = json_strdup(d, i);

		if (id)
			g->sample[g->nsample++] = id;
	}
	return 0;
}

double
relevancy(int64_t models, int64_t downloads, int64_t min_params,
          int64_t max_models, int64_t max_downloads)
{
	double demand = 0, usage = 0, bench = 0, score;

	if (max_models > 0) {
		demand = (double)models / (double)max_models * 100;
		if (demand > 100)
			demand = 100;
	}
	if (max_downloads > 0 && downloads > 0) {
		usage = log10((double)downloads + 1) /
		        log10((double)max_downloads + 1) * 100;
		if (usage > 100)
			usage = 100;
	}
	if (min_params < 0)
		bench = 0;
	else if (min_params <= 1000000000)
		bench = 100;
	else if (min_params <= 3000000000)
		bench = 80;
	else if (min_params <= 7000000000)
		bench = 60;
	else if (min_params <= 14000000000)
		bench = 40;
	else if (min_params <= 30000000000)
		bench = 20;
	score = 0.45 * demand + 0.35 * usage + 0.20 * bench;
	/* Python's round(score, 1): the nearest tenth of the exact value. */
	{
		char buf[64];

		snprintf(buf, sizeof buf, "%.1f", score);
		return strtod(buf, NULL);
	}
}

static int
cmp_gap(const void *a, const void *b)
{
	const gap *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->models != y->models)
		return x->models < y->models ? 1 : -1;
	return strcmp(x->arch, y->arch);
}

void
gaps_score(gap_set *s)
{
	int64_t max_models = 0, max_downloads = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].models > max_models)
			max_models = s->v[i].models;
		if (s->v[i].downloads > max_downloads)
			max_downloads = s->v[i].downloads;
	}
	for (size_t i = 0; i < s->n; i++)
		s->v[i].score = relevancy(s->v[i].models, s->v[i].downloads,
		                          s->v[i].min_params, max_models,
		                          max_downloads);
	gaps_sort(s);
}

void
gaps_sort(gap_set *s)
{
	if (s->n) /* qsort wants a real array, even for none */
		qsort(s->v, s->n, sizeof *s->v, cmp_gap);
	free(s->slot);
	s->slot = NULL;
	s->nslot = 0;
}

void
gap_params_text(char *buf, size_t n, int64_t params)
{
	if (params < 0)
		snprintf(buf, n, "-");
	else if (params >= 1000000000)
		snprintf(buf, n, "%.1fB", (double)params / 1e9);
	else if (params >= 1000000)
		snprintf(buf, n, "%.0fM", (double)params / 1e6);
	else
		snprintf(buf, n, "%lld", (long long)params);
}

void
gap_write_fields(hf_out *w, const gap *g, int ascii)
{
	out_puts(w, "\"architecture_id\":");
	out_json_str(w, g->arch, strlen(g->arch), ascii);
	out_printf(w, ",\"total_models\":%lld,\"total_downloads\":%lld,"
	           "\"min_param_count\":", (long long)g->models,
	           (long long)g->downloads);
	if (g->min_params < 0)
		out_puts(w, "null");
	else
		out_int(w, g->min_params);
	out_puts(w, ",\"sample_models\":[");
	for (int k = 0; k < g->nsample; k++) {
		if (k)
			out_putc(w, ',');
		out_json_str(w, g->sample[k], strlen(g->sample[k]), ascii);
	}
	out_putc(w, ']');
}

void
gap_write_record(hf_out *w, const gap *g)
{
	out_putc(w, '{');
	gap_write_fields(w, g, 0);
	out_printf(w, ",\"relevancy_score\":%.1f", g->score);
	if (g->estimated)
		out_puts(w, ",\"min_param_count_estimated\":true");
	out_puts(w, "}\n");
}
