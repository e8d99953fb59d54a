/*
 * doc.h - documents for people, written once for two formats: HTML and
 * GitHub-flavoured Markdown.  Headings, paragraphs, figures and tables
 * are calls; every string given to them is text and is escaped for
 * where it goes (HTML text and double-quoted attributes, a URL path,
 * Markdown), so an id from a stranger such as <script> or "x" shows as
 * text and runs nothing.  Only a valid Hub model id becomes a link, to
 * https://huggingface.co/ and its path percent-encoded (url.h).  A doc
 * writes through an hf_out it does not own; nothing is allocated that
 * outlives a call.
 */
#ifndef HF_DOC_H
#define HF_DOC_H

#include "hf.h"

enum { DOC_HTML, DOC_MD };

#define DOC_HUB "https://huggingface.co/"

typedef struct {
	hf_out *w;
	int fmt;
	const char *align; /* the current table's columns: 'l' or 'r' each */
	int col;           /* cells begun in the current row */
	int in_row, in_par;
	int bol;           /* Markdown: at the start of a block's text */
} doc;

void doc_init(doc *d, hf_out *w, int fmt);

/* s[0..n) as HTML text, also right inside a double-quoted attribute:
 * & < > " ' as references, control characters but tab and newline as
 * U+FFFD. */
void doc_esc_html(hf_out *w, const char *s, size_t n);
/* 1 when id gets a link to its Hub page: a valid Hub model id. */
int doc_linkable(const char *id);
/* A count for people: 1,234,567. */
void doc_count(char *buf, size_t n, int64_t v);

/* Blocks.  A heading's id (an HTML id attribute, a literal of the
 * caller's, not escaped) may be NULL; Markdown has none. */
void doc_heading(doc *d, int level, const char *id, const char *text);
void doc_p(doc *d);
void doc_p_end(doc *d);

/* Inline text: escaped. */
void doc_text(doc *d, const char *s);
void doc_printf(doc *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void doc_strong(doc *d, const char *s);
/* A model id: a link to its Hub page when doc_linkable, else text. */
void doc_model(doc *d, const char *id);

/* A table: heads and align ("lrr": left or right, one per column) are
 * the caller's literals and must outlive the table; id as for headings.
 * doc_tr starts a row, doc_td the next cell (doc_td_key also gives a
 * number to sort by, in HTML a data-v attribute).  Cells hold inline
 * text only. */
void doc_table(doc *d, const char *id, const char *const *heads,
               const char *align);
void doc_tr(doc *d);
void doc_td(doc *d);
void doc_td_key(doc *d, double key);
void doc_table_end(doc *d);

/* Figures: labelled numbers (HTML: a definition list of class figures;
 * Markdown: a table of "Metric" and "Count"). */
void doc_figures(doc *d, const char *id);
void doc_figure(doc *d, const char *label, int64_t value);
void doc_figures_end(doc *d);

#endif
