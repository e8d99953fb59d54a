/* doc.c - headings, paragraphs, lists and tables as HTML or Markdown,
 * with every string escaped for where it goes. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "hubref.h"
#include "url.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

void
doc_init(doc *d, hf_out *w, int fmt)
{
	memset(d, 0, sizeof *d);
	d->w = w;
	d->fmt = fmt;
}

static int
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

void
doc_esc_html(hf_out *w, const char *s, size_t n)
{
	size_t plain = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *ref = NULL;

		switch (c) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default:
			if (is_control(c))
				ref = REPLACEMENT;
		}
		if (!ref)
			continue;
		out_write(w, s + plain, i - plain);
		out_puts(w, ref);
		plain = i + 1;
	}
	out_write(w, s + plain, n - plain);
}

/* Markdown: a backslash before every character that could start markup
 * anywhere in a line (GFM tables split on '|' even inside code, '$'
 * starts math on GitHub); line ends become spaces, since a table row or
 * list item is one line.  At the start of a block, also what would make
 * it a list or a heading underline: - + = and "1." / "1)". */
static void
esc_md(hf_out *w, const char *s, size_t n, int bol)
{
	size_t digits = 0;

	if (bol)
		while (digits < n && s[digits] >= '0' && s[digits] <= '9')
			digits++;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\r' || c == '\t')
			out_putc(w, ' ');
		else if (is_control(c))
			out_puts(w, REPLACEMENT);
		else if (strchr("\\`*_[]<>|#~&$", c) ||
		         (bol && i == 0 && strchr("-+=", c)) ||
		         (bol && digits > 0 && i == digits && (c == '.' || c == ')'))) {
			out_putc(w, '\\');
			out_putc(w, (char)c);
		} else {
			out_putc(w, (char)c);
		}
	}
}

int
doc_linkable(const char *id)
{
	return ref_valid_id(id);
}

void
doc_count(char *buf, size_t n, int64_t v)
{
	char digits[32];
	size_t len, at = 0;
	int neg = v < 0;

	snprintf(digits, sizeof digits, "%lld", (long long)v);
	len = strlen(digits);
	for (size_t i = 0; i < len && at + 2 < n; i++) {
		size_t left = len - i;

		if (i > (size_t)neg && left % 3 == 0)
			buf[at++] = ',';
		buf[at++] = digits[i];
	}
	if (n)
		buf[at < n ? at : n - 1] = '\0';
}

void
doc_text(doc *d, const char *s)
{
	size_t n = strlen(s);

	if (d->fmt == DOC_HTML)
		doc_esc_html(d->w, s, n);
	else
		esc_md(d->w, s, n, d->bol);
	if (n)
		d->bol = 0;
}

void
doc_printf(doc *d, const char *fmt, ...)
{
	hf_out text;
	va_list ap;

	out_init_mem(&text);
	va_start(ap, fmt);
	out_vprintf(&text, fmt, ap);
	va_end(ap);
	out_putc(&text, '\0');
	doc_text(d, text.buf);
	out_free(&text);
}

void
doc_strong(doc *d, const char *s)
{
	out_puts(d->w, d->fmt == DOC_HTML ? "<strong>" : "**");
	d->bol = 0;
	doc_text(d, s);
	out_puts(d->w, d->fmt == DOC_HTML ? "</strong>" : "**");
}

void
doc_model(doc *d, const char *id)
{
	size_t n = strlen(id);

	if (!doc_linkable(id)) {
		doc_text(d, id);
		return;
	}
	if (d->fmt == DOC_HTML) {
		out_puts(d->w, "<a href=\"" DOC_HUB);
		url_put_encoded(d->w, id, "/");
		out_puts(d->w, "\">");
		doc_esc_html(d->w, id, n);
		out_puts(d->w, "</a>");
	} else {
		out_putc(d->w, '[');
		esc_md(d->w, id, n, 0);
		out_puts(d->w, "](" DOC_HUB);
		url_put_encoded(d->w, id, "/");
		out_putc(d->w, ')');
	}
	d->bol = 0;
}

static void
open_id(doc *d, const char *tag, const char *id, const char *class)
{
	out_printf(d->w, "<%s", tag);
	if (id)
		out_printf(d->w, " id=\"%s\"", id);
	if (class)
		out_printf(d->w, " class=\"%s\"", class);
	out_putc(d->w, '>');
}

void
doc_heading(doc *d, int level, const char *id, const char *text)
{
	char tag[4];

	if (d->fmt == DOC_HTML) {
		snprintf(tag, sizeof tag, "h%d", level);
		open_id(d, tag, id, NULL);
		doc_text(d, text);
		out_printf(d->w, "</%s>\n", tag);
		return;
	}
	for (int i = 0; i < level; i++)
		out_putc(d->w, '#');
	out_putc(d->w, ' ');
	d->bol = 0;
	doc_text(d, text);
	out_puts(d->w, "\n\n");
}

void
doc_p(doc *d)
{
	if (d->fmt == DOC_HTML)
		out_puts(d->w, "<p>");
	d->in_par = 1;
	d->bol = 1;
}

void
doc_p_end(doc *d)
{
	if (!d->in_par)
		return;
	out_puts(d->w, d->fmt == DOC_HTML ? "</p>\n" : "\n\n");
	d->in_par = 0;
	d->bol = 0;
}

static int
right(const doc *d, int col)
{
	size_t n = strlen(d->align);

	return (size_t)col < n && d->align[col] == 'r';
}

void
doc_table(doc *d, const char *id, const char *const *heads,
          const char *align)
{
	int ncol = (int)strlen(align);

	d->align = align;
	d->in_row = 0;
	d->col = 0;
	if (d->fmt == DOC_HTML) {
		open_id(d, "table", id, NULL);
		out_puts(d->w, "\n<thead><tr>");
		for (int i = 0; i < ncol; i++) {
			out_puts(d->w, right(d, i) ? "<th class=\"n\">" : "<th>");
			doc_text(d, heads[i]);
			out_puts(d->w, "</th>");
		}
		out_puts(d->w, "</tr></thead>\n<tbody>\n");
		return;
	}
	for (int i = 0; i < ncol; i++) {
		out_puts(d->w, i ? " | " : "| ");
		d->bol = 0;
		doc_text(d, heads[i]);
	}
	out_puts(d->w, " |\n");
	for (int i = 0; i < ncol; i++)
		out_puts(d->w, right(d, i) ? "| ---: " : "| --- ");
	out_puts(d->w, "|\n");
}

static void
end_row(doc *d)
{
	if (!d->in_row)
		return;
	if (d->fmt == DOC_HTML)
		out_puts(d->w, d->col ? "</td></tr>\n" : "</tr>\n");
	else
		out_puts(d->w, d->col ? " |\n" : "|\n");
	d->in_row = 0;
}

void
doc_tr(doc *d)
{
	end_row(d);
	if (d->fmt == DOC_HTML)
		out_puts(d->w, "<tr>");
	d->in_row = 1;
	d->col = 0;
}

static void
begin_cell(doc *d, int keyed, double key)
{
	if (d->fmt == DOC_MD) {
		out_puts(d->w, d->col ? " | " : "| ");
	} else {
		out_puts(d->w, d->col ? "</td><td" : "<td");
		if (right(d, d->col))
			out_puts(d->w, " class=\"n\"");
		if (keyed)
			out_printf(d->w, " data-v=\"%.17g\"", key);
		out_putc(d->w, '>');
	}
	d->col++;
	d->bol = 0;
}

void
doc_td(doc *d)
{
	begin_cell(d, 0, 0);
}

void
doc_td_key(doc *d, double key)
{
	begin_cell(d, 1, key);
}

void
doc_table_end(doc *d)
{
	end_row(d);
	out_puts(d->w, d->fmt == DOC_HTML ? "</tbody></table>\n" : "\n");
	d->align = NULL;
}

void
doc_figures(doc *d, const char *id)
{
	static const char *const heads[] = { "Metric", "Count" };

	if (d->fmt == DOC_HTML)
		open_id(d, "dl", id, "figures");
	else
		doc_table(d, id, heads, "lr");
}

void
doc_figure(doc *d, const char *label, int64_t value)
{
	char n[32];

	doc_count(n, sizeof n, value);
	if (d->fmt == DOC_MD) {
		doc_tr(d);
		doc_td(d);
		doc_text(d, label);
		doc_td(d);
		doc_text(d, n);
		return;
	}
	out_puts(d->w, "\n<div><dt>");
	doc_text(d, label);
	out_puts(d->w, "</dt><dd>");
	doc_text(d, n);
	out_puts(d->w, "</dd></div>");
}

void
doc_figures_end(doc *d)
{
	if (d->fmt == DOC_HTML)
		out_puts(d->w, "\n</dl>\n");
	else
		doc_table_end(d);
}
