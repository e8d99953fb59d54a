/* regdiff.c - the changes between two registries, as records and as a
 * section of a document. */
#include <stdlib.h>
#include <string.h>

#include "regdiff.h"

static const char *const type_names[RDIFF_NTYPES] = {
	"model_added", "model_removed", "model_status", "gap_new",
	"gap_supported", "gap_gone", "gap_rank", "gap_counts"
};

const char *
rdiff_type_name(int type)
{
	return type >= 0 && type < RDIFF_NTYPES ? type_names[type] : "?";
}

static rdiff_change *
add(rdiff *d, int type, const char *arch, const char *id)
{
	rdiff_change *c;

	if (d->n == d->cap)
		d->v = hf_realloc(d->v, (d->cap = d->cap ? d->cap * 2 : 64) *
		                  sizeof *d->v);
	c = &d->v[d->n++];
	memset(c, 0, sizeof *c);
	c->type = type;
	c->arch = arch;
	c->id = id;
	d->count[type]++;
	return c;
}

static void
diff_models(rdiff *d)
{
	for (size_t i = 0; i < d->new->nmodel; i++) {
		const regdir_model *m = &d->new->model[i];
		const regdir_model *o = regdir_model_of(d->old, m->id);

		if (o && strcmp(o->arch, m->arch) != 0) {
			/* It left one architecture and joined another. */
			add(d, RDIFF_MODEL_REMOVED, o->arch, o->id);
			o = NULL;
		}
		if (!o) {
			add(d, RDIFF_MODEL_ADDED, m->arch, m->id);
		} else if (o->status != m->status) {
			rdiff_change *c = add(d, RDIFF_MODEL_STATUS, m->arch, m->id);

			c->old_status = o->status;
			c->new_status = m->status;
		}
	}
	for (size_t i = 0; i < d->old->nmodel; i++) {
		const regdir_model *o = &d->old->model[i];

		if (!regdir_model_of(d->new, o->id))
			add(d, RDIFF_MODEL_REMOVED, o->arch, o->id);
	}
}

static void
set_old(rdiff_change *c, const regdir *r, const gap *g)
{
	c->old_rank = regdir_rank(r, g);
	c->old_score = g->score;
	c->old_models = g->models;
	c->old_downloads = g->downloads;
}

static void
set_new(rdiff_change *c, const regdir *r, const gap *g)
{
	c->new_rank = regdir_rank(r, g);
	c->new_score = g->score;
	c->new_models = g->models;
	c->new_downloads = g->downloads;
}

static void
diff_gaps(rdiff *d)
{
	for (size_t i = 0; i < d->new->gaps.n; i++) {
		const gap *g = &d->new->gaps.v[i];
		const gap *o = regdir_gap_of(d->old, g->arch);

		if (!o) {
			set_new(add(d, RDIFF_GAP_NEW, g->arch, NULL), d->new, g);
			continue;
		}
		if (regdir_rank(d->old, o) != i + 1 || o->score != g->score) {
			rdiff_change *c = add(d, RDIFF_GAP_RANK, g->arch, NULL);

			set_old(c, d->old, o);
			set_new(c, d->new, g);
		}
		if (o->models != g->models || o->downloads != g->downloads) {
			rdiff_change *c = add(d, RDIFF_GAP_COUNTS, g->arch, NULL);

			set_old(c, d->old, o);
			set_new(c, d->new, g);
		}
	}
	for (size_t i = 0; i < d->old->gaps.n; i++) {
		const gap *o = &d->old->gaps.v[i];
		const regdir_arch *now;
		rdiff_change *c;

		if (regdir_gap_of(d->new, o->arch))
			continue;
		now = regdir_arch_of(d->new, o->arch);
		c = add(d, now ? RDIFF_GAP_SUPPORTED : RDIFF_GAP_GONE, o->arch, NULL);
		set_old(c, d->old, o);
		c->supported = now ? now->models : 0;
	}
}

static size_t
rank_key(const rdiff_change *c)
{
	return c->type == RDIFF_GAP_SUPPORTED || c->type == RDIFF_GAP_GONE ?
	       c->old_rank : c->new_rank;
}

static int
cmp_change(const void *a, const void *b)
{
	const rdiff_change *x = a, *y = b;
	int c;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->type <= RDIFF_MODEL_STATUS) {
		c = strcmp(x->arch, y->arch);
		return c ? c : strcmp(x->id, y->id);
	}
	return rank_key(x) < rank_key(y) ? -1 : rank_key(x) > rank_key(y);
}

void
rdiff_compute(rdiff *d, const regdir *old, const regdir *new)
{
	memset(d, 0, sizeof *d);
	d->old = old;
	d->new = new;
	diff_models(d);
	diff_gaps(d);
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, cmp_change);
}

void
rdiff_free(rdiff *d)
{
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void
key_str(hf_out *w, const char *key, const char *s)
{
	out_printf(w, ",\"%s\":", key);
	out_json_str(w, s, strlen(s), 0);
}

static void
key_int(hf_out *w, const char *key, int64_t v)
{
	out_printf(w, ",\"%s\":%lld", key, (long long)v);
}

static void
write_record(hf_out *w, const rdiff_change *c)
{
	out_printf(w, "{\"type\":\"%s\"", rdiff_type_name(c->type));
	key_str(w, "architecture_id", c->arch);
	switch (c->type) {
	case RDIFF_MODEL_ADDED:
	case RDIFF_MODEL_REMOVED:
		key_str(w, "model_id", c->id);
		break;
	case RDIFF_MODEL_STATUS:
		key_str(w, "model_id", c->id);
		key_int(w, "old_status", c->old_status);
		key_int(w, "new_status", c->new_status);
		break;
	case RDIFF_GAP_NEW:
		key_int(w, "rank", (int64_t)c->new_rank);
		out_printf(w, ",\"relevancy_score\":%.1f", c->new_score);
		key_int(w, "total_models", c->new_models);
		key_int(w, "total_downloads", c->new_downloads);
		break;
	case RDIFF_GAP_SUPPORTED:
		key_int(w, "old_rank", (int64_t)c->old_rank);
		key_int(w, "total_models", c->old_models);
		key_int(w, "supported_models", c->supported);
		break;
	case RDIFF_GAP_GONE:
		key_int(w, "old_rank", (int64_t)c->old_rank);
		out_printf(w, ",\"relevancy_score\":%.1f", c->old_score);
		key_int(w, "total_models", c->old_models);
		key_int(w, "total_downloads", c->old_downloads);
		break;
	case RDIFF_GAP_RANK:
		key_int(w, "old_rank", (int64_t)c->old_rank);
		key_int(w, "new_rank", (int64_t)c->new_rank);
		out_printf(w, ",\"old_score\":%.1f,\"new_score\":%.1f",
		           c->old_score, c->new_score);
		break;
	case RDIFF_GAP_COUNTS:
		key_int(w, "rank", (int64_t)c->new_rank);
		key_int(w, "old_models", c->old_models);
		key_int(w, "new_models", c->new_models);
		key_int(w, "old_downloads", c->old_downloads);
		key_int(w, "new_downloads", c->new_downloads);
		break;
	}
	out_puts(w, "}\n");
}

void
rdiff_write_ndjson(hf_out *w, const rdiff *d)
{
	for (size_t i = 0; i < d->n; i++)
		write_record(w, &d->v[i]);
}

/* ---- the section --------------------------------------------------- */

/* "DATE, N models scanned", or what of it is known. */
static void
scan_words(doc *o, const regdir *r)
{
	char n[32];

	doc_text(o, r->date ? r->date : "undated");
	if (r->scanned >= 0) {
		doc_count(n, sizeof n, r->scanned);
		doc_printf(o, ", %s models scanned", n);
	}
}

/* "10 → 12 (+2)" */
static void
change_text(doc *o, int64_t from, int64_t to)
{
	char a[32], b[32], diff[32];

	doc_count(a, sizeof a, from);
	doc_count(b, sizeof b, to);
	doc_count(diff, sizeof diff, to - from);
	doc_printf(o, "%s \xe2\x86\x92 %s (%s%s)", a, b, to > from ? "+" : "",
	           diff);
}

static void
count_cell(doc *o, int64_t v)
{
	char n[32];

	doc_count(n, sizeof n, v);
	doc_td_key(o, (double)v);
	doc_text(o, n);
}

static void
summary(doc *o, const rdiff *d)
{
	static const char *const words[RDIFF_NTYPES][2] = {
		{ "supported model added", "supported models added" },
		{ "removed", "removed" },
		{ "status changed", "statuses changed" },
		{ "new gap", "new gaps" },
		{ "gap now supported", "gaps now supported" },
		{ "gap gone", "gaps gone" },
		{ "rank move", "rank moves" },
		{ "count change", "count changes" }
	};
	int first = 1;

	doc_p(o);
	if (!d->n) {
		doc_text(o, "Nothing changed since the last scan (");
		scan_words(o, d->old);
		doc_text(o, ").");
		doc_p_end(o);
		return;
	}
	doc_text(o, "This scan (");
	scan_words(o, d->new);
	doc_text(o, ") against the last (");
	scan_words(o, d->old);
	doc_text(o, "): ");
	for (int t = 0; t < RDIFF_NTYPES; t++) {
		if (!d->count[t])
			continue;
		doc_printf(o, "%s%zu %s", first ? "" : ", ", d->count[t],
		           words[t][d->count[t] != 1]);
		first = 0;
	}
	doc_text(o, ".");
	doc_p_end(o);
}

static void
row(doc *o, const rdiff_change *c)
{
	char s[64];

	doc_tr(o);
	switch (c->type) {
	case RDIFF_MODEL_ADDED:
	case RDIFF_MODEL_REMOVED:
	case RDIFF_MODEL_STATUS:
		doc_td(o);
		doc_text(o, c->arch);
		doc_td(o);
		doc_model(o, c->id);
		if (c->type == RDIFF_MODEL_STATUS) {
			doc_td(o);
			doc_printf(o, "%s \xe2\x86\x92 %s",
			           regdir_status_name(c->old_status),
			           regdir_status_name(c->new_status));
		}
		return;
	case RDIFF_GAP_NEW:
	case RDIFF_GAP_GONE:
		doc_td_key(o, (double)rank_key(c));
		doc_printf(o, "%zu", rank_key(c));
		doc_td(o);
		doc_text(o, c->arch);
		doc_td_key(o, c->type == RDIFF_GAP_NEW ? c->new_score : c->old_score);
		doc_printf(o, "%.1f", c->type == RDIFF_GAP_NEW ? c->new_score :
		           c->old_score);
		count_cell(o, c->type == RDIFF_GAP_NEW ? c->new_models :
		           c->old_models);
		count_cell(o, c->type == RDIFF_GAP_NEW ? c->new_downloads :
		           c->old_downloads);
		return;
	case RDIFF_GAP_SUPPORTED:
		doc_td_key(o, (double)c->old_rank);
		doc_printf(o, "%zu", c->old_rank);
		doc_td(o);
		doc_text(o, c->arch);
		count_cell(o, c->old_models);
		count_cell(o, c->supported);
		return;
	case RDIFF_GAP_RANK:
		doc_td(o);
		doc_text(o, c->arch);
		doc_td_key(o, (double)c->new_rank);
		doc_printf(o, "%zu \xe2\x86\x92 %zu", c->old_rank, c->new_rank);
		doc_td_key(o, c->new_score);
		snprintf(s, sizeof s, "%.1f \xe2\x86\x92 %.1f", c->old_score,
		         c->new_score);
		doc_text(o, s);
		return;
	case RDIFF_GAP_COUNTS:
		doc_td(o);
		doc_text(o, c->arch);
		doc_td_key(o, (double)c->new_models);
		change_text(o, c->old_models, c->new_models);
		doc_td_key(o, (double)c->new_downloads);
		change_text(o, c->old_downloads, c->new_downloads);
		return;
	}
}

/* The title and columns of each type's table. */
static const struct {
	const char *title, *align, *heads[5];
} tables[RDIFF_NTYPES] = {
	{ "Supported models added", "ll", { "Architecture", "Model" } },
	{ "Supported models removed", "ll", { "Architecture", "Model" } },
	{ "Verification status changed", "lll",
	  { "Architecture", "Model", "Status" } },
	{ "New gaps", "rlrrr",
	  { "Rank", "Architecture", "Score", "Models", "Downloads" } },
	{ "Gaps now supported", "rlrr",
	  { "Was rank", "Architecture", "Models then", "Supported now" } },
	{ "Gaps gone", "rlrrr",
	  { "Was rank", "Architecture", "Score", "Models", "Downloads" } },
	{ "Rank moves", "lrr", { "Architecture", "Rank", "Score" } },
	{ "Model and download counts", "lrr",
	  { "Architecture", "Models", "Downloads" } },
};

void
rdiff_write_doc(doc *o, const rdiff *d, int level)
{
	size_t i = 0;

	doc_heading(o, level, "since", "Since the last scan");
	summary(o, d);
	for (int t = 0; t < RDIFF_NTYPES; t++) {
		char title[64];
		size_t shown = 0;

		if (!d->count[t])
			continue;
		snprintf(title, sizeof title, "%s (%zu)", tables[t].title,
		         d->count[t]);
		doc_heading(o, level + 1, NULL, title);
		doc_table(o, NULL, tables[t].heads, tables[t].align);
		for (; i < d->n && d->v[i].type == t; i++)
			if (shown++ < RDIFF_LIST_MAX)
				row(o, &d->v[i]);
		doc_table_end(o);
		if (shown > RDIFF_LIST_MAX) {
			doc_p(o);
			doc_printf(o, "And %zu more (hf-diff lists them all).",
			           shown - RDIFF_LIST_MAX);
			doc_p_end(o);
		}
	}
}
