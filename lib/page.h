/*
 * page.h - a registry for people to look at: one self-contained HTML page
 * (inline style and SVG charts, tables complete without the small inline
 * script that filters and sorts them, filters kept in the URL fragment,
 * a Content-Security-Policy that lets nothing load from anywhere), the
 * same content as GitHub-flavoured Markdown, and the Markdown an adapter
 * proposal for one gap needs.  Every string is escaped through doc.h.
 * Nothing is allocated that outlives a call.
 */
#ifndef HF_PAGE_H
#define HF_PAGE_H

#include "hf.h"
#include "regdiff.h"
#include "regdir.h"

#define PAGE_CHART_GAPS 20 /* bars in the chart of the top gaps */
#define PAGE_MD_GAPS 20    /* rows of the Markdown's gap table */
#define PAGE_VERIFY_FIRST 5 /* smallest checkpoints a proposal names */

typedef struct {
	const char *title;  /* NULL: "Model registry" */
	const rdiff *since; /* a "Since the last scan" section, or NULL */
} page_opts;

/* The HTML page (every gap in its table, every supported model in the
 * filterable one). */
void page_html(hf_out *w, const regdir *r, const page_opts *o);
/* The Markdown: scan, summary, the since section, supported models per
 * architecture, the top PAGE_MD_GAPS gaps. */
void page_markdown(hf_out *w, const regdir *r, const page_opts *o);
/* A proposal for the gap arch: 0, or -1 when arch is not a gap of r. */
int page_proposal(hf_out *w, const regdir *r, const char *arch);

#endif
