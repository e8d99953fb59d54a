/* Unit tests of lib/page.c over tests/fixtures/hf-page: what the HTML
 * page holds and does not, the Markdown, proposals, the chart's cap. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/page.h"
#include "scratch.h"
#include "tap.h"

#define FIX "tests/fixtures/hf-page"

static void
load(regdir *r, const char *dir)
{
	char err[512];

	if (regdir_load(r, dir, err, sizeof err) < 0) {
		printf("# %s\n", err);
		exit(1);
	}
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Every https:// link goes to the Hub; nothing says http:// or src=. */
static int
links_only_to_hub(const char *s)
{
	for (const char *p = s; (p = strstr(p, "https://")); p++)
		if (strncmp(p, "https://huggingface.co/", 23) != 0)
			return 0;
	return !strstr(s, "http://") && !strstr(s, " src=\"") &&
	       !strstr(s, "url(") && !strstr(s, "@import");
}

static int
every_lt_escaped(const char *s)
{
	for (const char *p = s; (p = strchr(p, '<')); p++)
		if (p == s || p[-1] != '\\')
			return 0;
	return 1;
}

static char *
render_html(const regdir *r, const page_opts *po)
{
	hf_out w;

	out_init_mem(&w);
	page_html(&w, r, po);
	out_putc(&w, '\0');
	return w.buf;
}

static void
test_html(void)
{
	regdir r, old;
	rdiff since;
	page_opts po = { "T <&>", NULL };
	char *s;
	const char *a, *b;

	load(&r, FIX "/reg");
	s = render_html(&r, &po);
	ok(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0, "a page");
	ok(strstr(s, "<meta http-equiv=\"Content-Security-Policy\" content=\""
	   "default-src 'none'; style-src 'unsafe-inline'; script-src "
	   "'unsafe-inline'; img-src data:\">") != NULL, "the CSP");
	ok(strstr(s, "<title>T &lt;&amp;&gt;, 2026-11-24</title>") != NULL,
	   "the title, escaped, with the scan's date");
	ok(links_only_to_hub(s), "nothing refers to anywhere but the Hub");
	is_int(count(s, "<script"), 1, "one script element: ours");
	is_int(count(s, "</script>"), 1, "closed once");
	ok(!strstr(s, "<img") && !strstr(s, "<script>document"),
	   "hostile ids and architectures are text");
	ok(strstr(s, "&lt;script&gt;document.documentElement.setAttribute(&#39;"
	   "data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;") != NULL,
	   "and show as what they are");
	ok(strstr(s, "evil/x&quot; onmouseover=&quot;") != NULL,
	   "a quote cannot leave an attribute");
	is_int(count(s, "class=\"gap-bar\""), 12, "a bar per gap (12 < 20)");
	is_int(count(s, "class=\"arch-bar\""), 4, "a bar per supported architecture");
	a = strstr(s, "<td>Qwen2_5_VLForConditionalGeneration</td>");
	b = strstr(s, "<td>Qwen2VLForConditionalGeneration</td>");
	ok(a && b && a < b, "gaps in rank order");
	ok(strstr(s, "<td class=\"n\" data-v=\"9800000\">9,800,000</td>") != NULL,
	   "downloads with a sort key");
	ok(strstr(s, "<a href=\"https://huggingface.co/Qwen/Qwen2.5-VL-3B-Instruct\">"
	   "Qwen/Qwen2.5-VL-3B-Instruct</a> (3.8B), <a href=\"https://huggingface"
	   ".co/Qwen/Qwen2.5-VL-7B-Instruct\">") != NULL,
	   "samples smallest first, with sizes");
	ok(strstr(s, "<table id=\"models\">") && count(s, "<tr><td>") == 11 &&
	   count(s, "<tr><td class=\"n\" data-v=") == 12,
	   "every supported model and every gap a row");
	ok(strstr(s, "<form id=\"filters\" hidden>") != NULL,
	   "the filters stay hidden without the script");
	ok(!strstr(s, "id=\"since\""), "no since section unless asked");
	free(s);
	load(&old, FIX "/old");
	rdiff_compute(&since, &old, &r);
	po.since = &since;
	s = render_html(&r, &po);
	ok(strstr(s, "<h2 id=\"since\">Since the last scan</h2>") &&
	   strstr(s, "<a href=\"#since\">"), "the since section, linked");
	ok(strstr(s, "<td>Phi4FlashForCausalLM</td>") != NULL, "with its tables");
	free(s);
	rdiff_free(&since);
	regdir_free(&old);
	regdir_free(&r);
}

static void
test_markdown(void)
{
	regdir r;
	hf_out w;
	char *s;

	load(&r, FIX "/reg");
	out_init_mem(&w);
	page_markdown(&w, &r, NULL);
	out_putc(&w, '\0');
	s = w.buf;
	ok(strncmp(s, "# Model registry\n\nScan of **2026-11-24**: task "
	   "**text-generation**, models with at least 500 downloads; 1,200 "
	   "models scanned in 12.5 s.\n\n## Summary\n\n", 140) == 0, "the head");
	ok(strstr(s, "| Supported models | 11 |\n") &&
	   strstr(s, "| Models in unsupported architectures | 448 |\n"),
	   "the summary table");
	ok(strstr(s, "| LlamaForCausalLM | 5 | 1 |\n"), "per architecture");
	ok(strstr(s, "| 1 | Qwen2\\_5\\_VLForConditionalGeneration | 94.5 | 120 | "
	   "9,800,000 | 3.8B | [Qwen/Qwen2.5-VL-3B-Instruct](https://huggingface"
	   ".co/Qwen/Qwen2.5-VL-3B-Instruct) (3.8B), ") != NULL, "the top gap");
	ok(strstr(s, "\\<script\\>document") && every_lt_escaped(s),
	   "hostile text escaped: no < without a backslash");
	ok(links_only_to_hub(s), "links only to the Hub");
	free(s);
	regdir_free(&r);
}

static void
test_proposal(void)
{
	regdir r;
	hf_out w;
	char *s;

	load(&r, FIX "/reg");
	out_init_mem(&w);
	is_int(page_proposal(&w, &r, "LlamaForCausalLM"), -1,
	       "no proposal for a supported architecture");
	is_int(w.len, 0, "and nothing written");
	is_int(page_proposal(&w, &r, "Qwen2_5_VLForConditionalGeneration"), 0,
	       "a proposal");
	out_putc(&w, '\0');
	s = w.buf;
	ok(strncmp(s, "## Adapter proposal: Qwen2\\_5\\_VLForConditionalGeneration"
	   "\n\nScan of **2026-11-24**", 80) == 0, "titled, with the scan");
	ok(strstr(s, "has 120 models with 9,800,000 downloads in all; it ranks 1 "
	   "of 12") != NULL, "models, downloads, rank");
	ok(strstr(s, "### Verify first: the smallest checkpoints\n\n| Model | "
	   "Parameters | Downloads |\n| --- | ---: | ---: |\n| [Qwen/Qwen2.5-VL-"
	   "3B-Instruct](https://huggingface.co/Qwen/Qwen2.5-VL-3B-Instruct) | "
	   "3.8B | 800,000 |\n") != NULL, "the smallest checkpoint first");
	ok(!strstr(s, "someone/qwen2.5-vl-finetune"),
	   "a checkpoint of unknown size is not among them");
	free(s);
	out_init_mem(&w);
	page_proposal(&w, &r, "PaliGemmaForConditionalGeneration");
	out_putc(&w, '\0');
	ok(strstr(w.buf, "No checkpoint of this architecture has a known "
	   "parameter count.") != NULL, "when the state knows none, it says so");
	free(w.buf);
	regdir_free(&r);
}

static void
test_chart_cap(void)
{
	regdir r;
	hf_out w;
	char *s;

	out_init_mem(&w);
	out_puts(&w, "{\"gaps\": [");
	for (int i = 0; i < 25; i++)
		out_printf(&w, "%s{\"architecture_id\": \"G%02d\", \"total_models\": "
		           "%d, \"relevancy_score\": %d}", i ? "," : "", i, 25 - i,
		           90 - i);
	out_puts(&w, "]}");
	out_putc(&w, '\0');
	scratch_put("architecture_gaps.json", w.buf);
	free(w.buf);
	load(&r, scratch_dir());
	s = render_html(&r, NULL);
	is_int(count(s, "class=\"gap-bar\""), PAGE_CHART_GAPS,
	       "the chart stops at the top 20");
	is_int(count(s, "<tr><td class=\"n\" data-v=\""), 25,
	       "the table has them all");
	ok(strstr(s, "<h1>Model registry</h1>") && strstr(s, "Undated scan."),
	   "the default title; no scan_info");
	free(s);
	out_init_mem(&w);
	page_markdown(&w, &r, NULL);
	out_putc(&w, '\0');
	ok(strstr(w.buf, "| 20 | G19 |") && !strstr(w.buf, "| 21 | G20 |"),
	   "the Markdown shows the top 20");
	free(w.buf);
	regdir_free(&r);
}

int
main(void)
{
	test_html();
	test_markdown();
	test_proposal();
	test_chart_cap();
	scratch_remove();
	return done_testing();
}
