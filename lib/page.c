/* page.c - a registry as an HTML page, as Markdown, and an adapter
 * proposal for one gap.  The parts both formats share go through doc.h;
 * the head, the charts and the filters are HTML only. */
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "tlreg.h"

/* lib/page.css and lib/page.js, compiled in (lib/page_assets.c). */
extern const char page_css[], page_js[];

#define CSP "default-src 'none'; style-src 'unsafe-inline'; " \
	"script-src 'unsafe-inline'; img-src data:"

#define LABEL_MAX 34 /* characters of a chart label before an ellipsis */

static const char *
models(int64_t n)
{
	return n == 1 ? "model" : "models";
}

static const char *
title_of(const page_opts *o)
{
	return o && o->title ? o->title : "Model registry";
}

static void
count_text(doc *d, int64_t v)
{
	char n[32];

	doc_count(n, sizeof n, v);
	doc_text(d, n);
}

static void
count_cell(doc *d, int64_t v)
{
	doc_td_key(d, (double)v);
	count_text(d, v);
}

/* "Scan of DATE: task T, models with at least N downloads; S models
 * scanned in X s." with what the registry says of it. */
static void
scan_par(doc *d, const regdir *r)
{
	char n[32];

	doc_p(d);
	doc_text(d, r->date ? "Scan of " : "Undated scan");
	if (r->date)
		doc_strong(d, r->date);
	if (r->task) {
		doc_text(d, ": task ");
		doc_strong(d, r->task);
	}
	if (r->min_downloads >= 0) {
		doc_count(n, sizeof n, r->min_downloads);
		doc_printf(d, "%s models with at least %s downloads",
		           r->task ? "," : ":", n);
	}
	if (r->scanned >= 0) {
		doc_count(n, sizeof n, r->scanned);
		doc_printf(d, "; %s models scanned", n);
		if (r->duration >= 0)
			doc_printf(d, " in %.1f s", r->duration);
	}
	doc_text(d, ".");
	doc_p_end(d);
}

static void
summary(doc *d, const regdir *r)
{
	doc_figures(d, "summary");
	doc_figure(d, "Supported models", (int64_t)r->nmodel);
	doc_figure(d, "Supported architectures", (int64_t)r->narch);
	doc_figure(d, "Verified models", r->verified);
	doc_figure(d, "Unsupported architectures", (int64_t)r->gaps.n);
	doc_figure(d, "Models in unsupported architectures", r->gap_models);
	doc_figures_end(d);
}

/* The samples, smallest first, with their sizes when known. */
static void
samples(doc *d, const regdir *r, const gap *g)
{
	regdir_ckpt s[GAP_SAMPLES];
	int n = regdir_samples(r, g, s);
	char p[24];

	for (int k = 0; k < n; k++) {
		if (k)
			doc_text(d, ", ");
		doc_model(d, s[k].id);
		if (s[k].params >= 0) {
			gap_params_text(p, sizeof p, s[k].params);
			doc_printf(d, " (%s)", p);
		}
	}
}

static void
gap_table(doc *d, const regdir *r, size_t limit)
{
	static const char *const heads[] = { "Rank", "Architecture", "Score",
		"Models", "Downloads", "Smallest", "Sample models, smallest first" };
	char p[24];

	doc_table(d, "gap-table", heads, "rlrrrrl");
	for (size_t i = 0; i < r->gaps.n && i < limit; i++) {
		const gap *g = &r->gaps.v[i];

		doc_tr(d);
		doc_td_key(d, (double)(i + 1));
		doc_printf(d, "%zu", i + 1);
		doc_td(d);
		doc_text(d, g->arch);
		doc_td_key(d, g->score);
		doc_printf(d, "%.1f", g->score);
		count_cell(d, g->models);
		count_cell(d, g->downloads);
		/* Unknown sizes sort after every known one. */
		doc_td_key(d, g->min_params >= 0 ? (double)g->min_params : 1e30);
		gap_params_text(p, sizeof p, g->min_params);
		doc_text(d, p);
		doc_td(d);
		samples(d, r, g);
	}
	doc_table_end(d);
}

/* ---- HTML only ------------------------------------------------------ */

/* s, cut to LABEL_MAX characters with an ellipsis, as SVG text. */
static void
label(hf_out *w, const char *s)
{
	size_t n = 0, chars = 0;

	while (s[n] && chars < LABEL_MAX)
		if (((unsigned char)s[++n] & 0xc0) != 0x80)
			chars++;
	doc_esc_html(w, s, n);
	if (s[n])
		out_puts(w, "\xe2\x80\xa6");
}

/* A horizontal bar chart: rows of a label, a bar of width frac (0..1)
 * and a value text; bar_class names the bars for style and tests. */
struct bar {
	const char *label;
	double frac;
	char value[96], title[160];
};

static void
bar_chart(hf_out *w, const char *id, const char *what, const char *bar_class,
          const struct bar *b, size_t n)
{
	const int row = 22, lw = 250, bx = 260, bw = 300;

	out_printf(w, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 900 %zu\" "
	           "role=\"img\" aria-label=\"%s\">\n", id, n * row + 8, what);
	for (size_t i = 0; i < n; i++) {
		int y = 4 + (int)i * row;
		/* At least a sliver, at most the width, whatever a file says. */
		double len = b[i].frac > 1 ? bw : b[i].frac * bw;

		if (!(len >= 1))
			len = 1;

		out_puts(w, "<g><title>");
		doc_esc_html(w, b[i].label, strlen(b[i].label));
		doc_esc_html(w, b[i].title, strlen(b[i].title));
		out_printf(w, "</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		           lw, y + 15);
		label(w, b[i].label);
		out_printf(w, "</text><rect class=\"%s\" x=\"%d\" y=\"%d\" "
		           "width=\"%.1f\" height=\"16\" rx=\"2\"/><text class=\"v\" "
		           "x=\"%.1f\" y=\"%d\">", bar_class, bx, y + 3, len,
		           bx + len + 6, y + 15);
		doc_esc_html(w, b[i].value, strlen(b[i].value));
		out_puts(w, "</text></g>\n");
	}
	out_puts(w, "</svg>\n");
}

static void
gap_chart(hf_out *w, const regdir *r)
{
	size_t n = r->gaps.n < PAGE_CHART_GAPS ? r->gaps.n : PAGE_CHART_GAPS;
	struct bar b[PAGE_CHART_GAPS];

	for (size_t i = 0; i < n; i++) {
		const gap *g = &r->gaps.v[i];
		char m[32], dl[32];

		doc_count(m, sizeof m, g->models);
		doc_count(dl, sizeof dl, g->downloads);
		b[i].label = g->arch;
		b[i].frac = g->score / 100;
		snprintf(b[i].value, sizeof b[i].value, "%.1f \xc2\xb7 %s %s "
		         "\xc2\xb7 %s downloads", g->score, m, models(g->models), dl);
		snprintf(b[i].title, sizeof b[i].title, ": rank %zu, score %.1f, "
		         "%s %s, %s downloads", i + 1, g->score, m,
		         models(g->models), dl);
	}
	bar_chart(w, "gap-chart", "The top unsupported architectures by "
	          "relevancy score", "gap-bar", b, n);
}

static void
arch_chart(hf_out *w, const regdir *r)
{
	struct bar *b = hf_calloc(r->narch ? r->narch : 1, sizeof *b);
	int64_t max = r->narch ? r->arch[0].models : 1;

	for (size_t i = 0; i < r->narch; i++) {
		const regdir_arch *a = &r->arch[i];
		char m[32], v[32];

		doc_count(m, sizeof m, a->models);
		doc_count(v, sizeof v, a->verified);
		b[i].label = a->arch;
		b[i].frac = (double)a->models / (double)max;
		snprintf(b[i].value, sizeof b[i].value, "%s %s, %s verified",
		         m, models(a->models), v);
		snprintf(b[i].title, sizeof b[i].title, ": %s", b[i].value);
	}
	bar_chart(w, "arch-chart", "Supported models per architecture",
	          "arch-bar", b, r->narch);
	free(b);
}

/* The filter controls: hidden until the script fills and shows them. */
static void
filters(hf_out *w)
{
	static const char *const sel[][2] = { { "arch", "Architecture" },
		{ "org", "Organisation" }, { "status", "Status" } };

	out_puts(w, "<form id=\"filters\" hidden>\n"
	         "<label>Search <input type=\"search\" name=\"q\" "
	         "placeholder=\"id, architecture, date\"></label>\n");
	for (size_t i = 0; i < sizeof sel / sizeof *sel; i++)
		out_printf(w, "<label>%s <select name=\"%s\"><option value=\"\">"
		           "all</option></select></label>\n", sel[i][1], sel[i][0]);
	out_puts(w, "<output id=\"shown\"></output>\n</form>\n");
}

static void
model_table(doc *d, const regdir *r)
{
	static const char *const heads[] = { "Architecture", "Organisation",
		"Model", "Status", "Verified" };

	doc_table(d, "models", heads, "lllll");
	for (size_t i = 0; i < r->nmodel; i++) {
		const regdir_model *m = &r->model[i];

		doc_tr(d);
		doc_td(d);
		doc_text(d, m->arch);
		doc_td(d);
		doc_text(d, m->org);
		doc_td(d);
		doc_model(d, m->id);
		doc_td(d);
		doc_text(d, regdir_status_name(m->status));
		doc_td(d);
		doc_text(d, m->verified ? m->verified : "");
	}
	doc_table_end(d);
}

static void
html_head(hf_out *w, const regdir *r, const page_opts *o)
{
	const char *t = title_of(o);

	out_puts(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	         "<meta charset=\"utf-8\">\n"
	         "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
	         "<meta name=\"viewport\" content=\"width=device-width, "
	         "initial-scale=1\">\n"
	         "<meta name=\"generator\" content=\"hf-page " HF_VERSION "\">\n"
	         "<link rel=\"icon\" href=\"data:,\">\n<title>");
	doc_esc_html(w, t, strlen(t));
	if (r->date) {
		out_puts(w, ", ");
		doc_esc_html(w, r->date, strlen(r->date));
	}
	out_puts(w, "</title>\n<style>\n");
	out_puts(w, page_css);
	out_puts(w, "</style>\n</head>\n<body>\n<header>\n");
}

void
page_html(hf_out *w, const regdir *r, const page_opts *o)
{
	doc d;

	doc_init(&d, w, DOC_HTML);
	html_head(w, r, o);
	doc_heading(&d, 1, NULL, title_of(o));
	scan_par(&d, r);
	out_puts(w, "<nav><a href=\"#gaps\">Unsupported architectures</a>"
	         "<a href=\"#supported\">Supported models</a>");
	if (o && o->since)
		out_puts(w, "<a href=\"#since\">Since the last scan</a>");
	out_puts(w, "</nav>\n</header>\n<main>\n");
	summary(&d, r);
	if (o && o->since)
		rdiff_write_doc(&d, o->since, 2);
	doc_heading(&d, 2, "gaps", "Unsupported architectures");
	doc_p(&d);
	doc_printf(&d, "%zu architectures by relevancy score (TransformerLens's "
	           "formula: demand, downloads, benchmarkability); the chart "
	           "shows the top %zu.", r->gaps.n, r->gaps.n < PAGE_CHART_GAPS ?
	           r->gaps.n : (size_t)PAGE_CHART_GAPS);
	doc_p_end(&d);
	gap_chart(w, r);
	gap_table(&d, r, r->gaps.n);
	doc_heading(&d, 2, "supported", "Supported models");
	arch_chart(w, r);
	filters(w);
	model_table(&d, r);
	out_puts(w, "</main>\n<footer><p>Written by hf-page from "
	         "supported_models.json, architecture_gaps.json and "
	         "verification_history.json.</p></footer>\n<script>\n");
	out_puts(w, page_js);
	out_puts(w, "</script>\n</body>\n</html>\n");
}

/* ---- Markdown ------------------------------------------------------- */

static void
arch_table(doc *d, const regdir *r)
{
	static const char *const heads[] = { "Architecture", "Models",
		"Verified" };

	doc_table(d, NULL, heads, "lrr");
	for (size_t i = 0; i < r->narch; i++) {
		doc_tr(d);
		doc_td(d);
		doc_text(d, r->arch[i].arch);
		count_cell(d, r->arch[i].models);
		count_cell(d, r->arch[i].verified);
	}
	doc_table_end(d);
}

void
page_markdown(hf_out *w, const regdir *r, const page_opts *o)
{
	doc d;

	doc_init(&d, w, DOC_MD);
	doc_heading(&d, 1, NULL, title_of(o));
	scan_par(&d, r);
	doc_heading(&d, 2, NULL, "Summary");
	summary(&d, r);
	if (o && o->since)
		rdiff_write_doc(&d, o->since, 2);
	doc_heading(&d, 2, NULL, "Supported models per architecture");
	arch_table(&d, r);
	doc_heading(&d, 2, NULL, "Top gaps");
	doc_p(&d);
	doc_printf(&d, "The top %zu of %zu unsupported architectures by "
	           "relevancy score; sample models smallest first.",
	           r->gaps.n < PAGE_MD_GAPS ? r->gaps.n : PAGE_MD_GAPS,
	           r->gaps.n);
	doc_p_end(&d);
	gap_table(&d, r, PAGE_MD_GAPS);
}

/* ---- proposals ------------------------------------------------------ */

static void
ckpt_table(doc *d, const regdir_ckpt *c, size_t n)
{
	static const char *const heads[] = { "Model", "Parameters",
		"Downloads" };
	char p[24];

	doc_table(d, NULL, heads, "lrr");
	for (size_t i = 0; i < n; i++) {
		doc_tr(d);
		doc_td(d);
		doc_model(d, c[i].id);
		doc_td(d);
		gap_params_text(p, sizeof p, c[i].params);
		doc_text(d, p);
		doc_td(d);
		if (c[i].downloads >= 0)
			count_text(d, c[i].downloads);
		else
			doc_text(d, "-");
	}
	doc_table_end(d);
}

/* The scan, then the gap's numbers from it. */
static void
proposal_intro(doc *d, const regdir *r, const gap *g)
{
	char p[24];

	scan_par(d, r);
	doc_p(d);
	doc_strong(d, g->arch);
	doc_text(d, " has ");
	count_text(d, g->models);
	doc_printf(d, " %s with ", models(g->models));
	count_text(d, g->downloads);
	doc_printf(d, " downloads in all; it ranks %zu of %zu unsupported "
	           "architectures, with a relevancy score of %.1f.",
	           regdir_rank(r, g), r->gaps.n, g->score);
	if (g->min_params >= 0) {
		gap_params_text(p, sizeof p, g->min_params);
		doc_printf(d, " Its smallest checkpoint has %s parameters.", p);
	}
	doc_p_end(d);
}

int
page_proposal(hf_out *w, const regdir *r, const char *arch)
{
	const gap *g = regdir_gap_of(r, arch);
	const regdir_ckpt *c;
	regdir_ckpt s[GAP_SAMPLES];
	size_t n, known = 0;
	char *title;
	doc d;

	if (!g)
		return -1;
	doc_init(&d, w, DOC_MD);
	n = strlen(g->arch) + sizeof "Adapter proposal: ";
	title = hf_malloc(n);
	snprintf(title, n, "Adapter proposal: %s", g->arch);
	doc_heading(&d, 2, NULL, title);
	free(title);
	proposal_intro(&d, r, g);
	doc_heading(&d, 3, NULL, "Verify first: the smallest checkpoints");
	c = regdir_ckpts(r, g->arch, &n);
	while (known < n && known < PAGE_VERIFY_FIRST && c[known].params >= 0)
		known++;
	if (known) {
		ckpt_table(&d, c, known);
	} else {
		doc_p(&d);
		doc_text(&d, r->has_state ? "No checkpoint of this architecture "
		         "has a known parameter count." : "The registry has no "
		         "per-model sizes (no " TL_STATE_FILE " beside it); the "
		         "sample models below are the most downloaded.");
		doc_p_end(&d);
	}
	doc_heading(&d, 3, NULL, "Sample models, smallest first");
	n = (size_t)regdir_samples(r, g, s);
	ckpt_table(&d, s, n);
	return 0;
}
