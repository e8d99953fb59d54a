/* Unit tests of lib/doc.c: escaping for HTML and Markdown, links, counts,
 * and the same document calls in both formats. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/doc.h"
#include "tap.h"

static hf_out w;
static doc d;

static void
start(int fmt)
{
	out_init_mem(&w);
	doc_init(&d, &w, fmt);
}

/* What was written, NUL-terminated; the caller frees. */
static char *
got(void)
{
	out_putc(&w, '\0');
	return w.buf;
}

static char *
html(const char *s)
{
	out_init_mem(&w);
	doc_esc_html(&w, s, strlen(s));
	return got();
}

static char *
md_text(const char *s, int in_par)
{
	start(DOC_MD);
	if (in_par)
		doc_p(&d);
	doc_text(&d, s);
	return got();
}

static void
test_escaping(void)
{
	char *s;

	s = html("<script>alert(\"x\" & 'y')</script>");
	is_str(s, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
	       "html: the five characters");
	free(s);
	s = html("caf\xc3\xa9 \x01\x7f\tend\n");
	is_str(s, "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd\tend\n",
	       "html: UTF-8 kept, controls become U+FFFD, tab and newline kept");
	free(s);
	ok(doc_linkable("meta-llama/Llama-3.2-1B") && doc_linkable("gpt2"),
	   "valid ids get links");
	ok(!doc_linkable("<script>") && !doc_linkable("a/b/c") &&
	   !doc_linkable("caf\xc3\xa9/m") && !doc_linkable("a\"b/c") &&
	   !doc_linkable(""), "others do not");
	s = md_text("a|b *c* _d_ [e](f) <g> `h` #i ~j &k; $l$ \\m", 0);
	is_str(s, "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\#i \\~j "
	       "\\&k; \\$l\\$ \\\\m", "markdown: markup characters escaped");
	free(s);
	s = md_text("line\none\r\x01", 0);
	is_str(s, "line one \xef\xbf\xbd", "markdown: one line, controls U+FFFD");
	free(s);
	s = md_text("- item", 1);
	is_str(s, "\\- item", "markdown: a list marker at the start of a paragraph");
	free(s);
	s = md_text("12. x", 1);
	is_str(s, "12\\. x", "markdown: an ordered list marker too");
	free(s);
	s = md_text("a-b 1. c", 1);
	is_str(s, "a-b 1. c", "markdown: inside a line they stay");
	free(s);
}

static void
test_count(void)
{
	static const struct { int64_t v; const char *s; } t[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 1234567, "1,234,567" },
		{ -1234, "-1,234" }, { -123, "-123" },
		{ INT64_MAX, "9,223,372,036,854,775,807" },
	};
	char buf[32], small[4];
	const char *b = buf;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		doc_count(buf, sizeof buf, t[i].v);
		is_str(b, t[i].s, "doc_count");
	}
	doc_count(small, sizeof small, 123456);
	ok(strlen(small) < sizeof small, "a small buffer is cut, not overrun");
}

/* The same calls as HTML and as Markdown. */
static void
sample(void)
{
	static const char *const heads[] = { "Name", "N" };

	doc_heading(&d, 2, "x", "A <b> title");
	doc_p(&d);
	doc_text(&d, "Hello ");
	doc_strong(&d, "a*b");
	doc_printf(&d, " %d%%.", 5);
	doc_p_end(&d);
	doc_table(&d, "t", heads, "lr");
	doc_tr(&d);
	doc_td(&d);
	doc_model(&d, "o/m");
	doc_td_key(&d, 1500);
	doc_text(&d, "1,500");
	doc_tr(&d);
	doc_td(&d);
	doc_model(&d, "<x>");
	doc_td(&d);
	doc_table_end(&d);
	doc_figures(&d, "f");
	doc_figure(&d, "models", 12345);
	doc_figures_end(&d);
}

static void
test_formats(void)
{
	char *s, *long_text;

	start(DOC_HTML);
	sample();
	s = got();
	is_str(s, "<h2 id=\"x\">A &lt;b&gt; title</h2>\n"
	       "<p>Hello <strong>a*b</strong> 5%.</p>\n"
	       "<table id=\"t\">\n<thead><tr><th>Name</th><th class=\"n\">N</th>"
	       "</tr></thead>\n<tbody>\n"
	       "<tr><td><a href=\"https://huggingface.co/o/m\">o/m</a></td>"
	       "<td class=\"n\" data-v=\"1500\">1,500</td></tr>\n"
	       "<tr><td>&lt;x&gt;</td><td class=\"n\"></td></tr>\n"
	       "</tbody></table>\n"
	       "<dl id=\"f\" class=\"figures\">\n<div><dt>models</dt>"
	       "<dd>12,345</dd></div>\n</dl>\n", "html");
	free(s);
	start(DOC_MD);
	sample();
	s = got();
	is_str(s, "## A \\<b\\> title\n\n"
	       "Hello **a\\*b** 5%.\n\n"
	       "| Name | N |\n| --- | ---: |\n"
	       "| [o/m](https://huggingface.co/o/m) | 1,500 |\n"
	       "| \\<x\\> |  |\n\n"
	       "| Metric | Count |\n| --- | ---: |\n| models | 12,345 |\n\n",
	       "markdown");
	free(s);
	long_text = malloc(2001);
	memset(long_text, 'x', 2000);
	long_text[2000] = '\0';
	start(DOC_HTML);
	doc_printf(&d, "%s<", long_text);
	s = got();
	ok(strlen(s) == 2004 && strcmp(s + 2000, "&lt;") == 0,
	   "doc_printf: long text whole, escaped");
	free(s);
	free(long_text);
}

int
main(void)
{
	test_escaping();
	test_count();
	test_formats();
	return done_testing();
}
