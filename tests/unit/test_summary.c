/* Unit tests of lib/summary.c: a merge's summary, its JSON read back,
 * and the scraper's report. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../lib/summary.h"
#include "tap.h"

static char top[] = "/tmp/test_summary.XXXXXX";

/* A merge of recs (NULL-terminated) into an empty directory, finished. */
static void
merged(tl_merge *m, const adapters *ad, const char *const *recs)
{
	static const tl_scan scan = { "text-generation", 500, 40, 12, NULL };
	tl_scan sc = scan;
	ndj_reader r = { .name = "t.ndjson" };
	char err[512];
	const char *why;
	json_doc d;

	sc.ad = ad;
	tl_init(m, &sc);
	ok(tl_load(m, top, err, sizeof err) == 0, "load: %s", err);
	json_init(&d);
	for (int i = 0; recs[i]; i++) {
		r.lineno = (size_t)i + 1;
		if (json_parse(&d, recs[i], strlen(recs[i]), 1, &why) == 0)
			tl_add_record(m, &d, &r);
	}
	tl_finish(m, NULL);
	json_free(&d);
}

static char *
render(const sum_report *s, int json)
{
	hf_out w;

	out_init_mem(&w);
	if (json)
		sum_write_json(&w, s);
	else
		sum_write_text(&w, s);
	out_putc(&w, '\0');
	return w.buf;
}

int
main(void)
{
	static const char *const recs[] = {
		"{\"id\":\"m/l1\",\"architecture\":\"LlamaForCausalLM\",\"downloads\":10}",
		"{\"id\":\"m/l2\",\"architecture\":\"LlamaForCausalLM\",\"downloads\":5}",
		"{\"id\":\"o/g\",\"architecture\":\"GPT2LMHeadModel\",\"downloads\":7}",
		"{\"id\":\"a/one\",\"architecture\":\"AlphaForCausalLM\",\"downloads\":1234567,\"params\":500000000}",
		"{\"id\":\"a/two\",\"architecture\":\"AlphaForCausalLM\",\"downloads\":3}",
		"{\"id\":\"b/one\",\"architecture\":\"BetaForCausalLM\",\"downloads\":9}",
		NULL
	};
	adapters ad;
	tl_merge m;
	sum_report s, back;
	strset base;
	char err[256], *text, *js;

	if (!mkdtemp(top))
		return 1;
	ok(adapters_load(&ad, NULL, err, sizeof err) == 0, "adapters");
	merged(&m, &ad, recs);

	sum_from_merge(&s, &m, NULL, -1, -1);
	ok(s.scanned == 6 && s.skipped == 0, "scanned defaults to the records read");
	ok(s.new_supported == 3 && s.total_supported == 3, "three new supported");
	ok(s.nsup == 2 && strcmp(s.sup[0].arch, "LlamaForCausalLM") == 0 &&
	   s.sup[0].models == 2 && s.sup[1].models == 1, "by architecture, most first");
	ok(s.unsupported_architectures == 2 && s.unsupported_models == 3,
	   "two gaps, three models in them");
	ok(s.ntop == 2 && strcmp(s.top[0].arch, "AlphaForCausalLM") == 0 &&
	   s.top[0].models == 2 && s.top[0].downloads == 1234570, "the top gap");
	ok(s.total_scanned == 40 && s.duration == 12, "scan_info's numbers");

	js = render(&s, 1);
	ok(strncmp(js, "{\"hf_report_summary\":1,\"task\":\"text-generation\",", 47) == 0,
	   "JSON: the format first (%.60s)", js);
	ok(strchr(js, '\n') == js + strlen(js) - 1, "JSON: one line");
	ok(sum_parse(&back, js, strlen(js), err, sizeof err) == 0, "read back: %s", err);
	{
		char *again = render(&back, 1);

		is_str(again, js, "JSON round trip");
		free(again);
	}
	text = render(&back, 0);
	ok(strstr(text, "Scan complete in 12s\nNew models scanned: 6\n"
	           "Existing models skipped: 0\nNew supported models found: 3\n"
	           "Total supported models: 3\nUnsupported architectures found: 2\n") == text,
	   "the report's head");
	ok(strstr(text, "\nSUPPORTED ARCHITECTURES (2):\n  LlamaForCausalLM: 2 models\n"
	           "  GPT2LMHeadModel: 1 models\n") != NULL, "supported per architecture");
	ok(strstr(text, "  AlphaForCausalLM: score=100.0, 2 models, 1,234,570 downloads\n")
	   != NULL, "downloads with commas, as Python's {:,}");
	ok(strstr(text, "... and") == NULL, "no remainder line within 20 gaps");
	free(text);
	free(js);
	sum_free(&back);
	sum_free(&s);

	/* counted against the ids registered before the scan */
	strset_init(&base);
	strset_add(&base, "m/l1", 4);
	sum_from_merge(&s, &m, &base, 4, 2);
	ok(s.new_supported == 2 && s.total_supported == 3,
	   "a baseline id is not new (got %lld)", (long long)s.new_supported);
	ok(s.scanned == 4 && s.skipped == 2, "the caller's counts");
	sum_free(&s);
	strset_free(&base);

	/* more than 20 gaps: the rest counted */
	{
		const char *many[30];
		char buf[26][96];
		tl_merge m2;

		for (int i = 0; i < 25; i++) {
			snprintf(buf[i], sizeof buf[i], "{\"id\":\"x/%d\",\"architecture\":"
			         "\"Gap%02dForCausalLM\",\"downloads\":%d}", i, i, 100 - i);
			many[i] = buf[i];
		}
		many[25] = NULL;
		tl_free(&m);
		merged(&m2, &ad, many);
		sum_from_merge(&s, &m2, NULL, -1, -1);
		ok(s.ntop == 20 && s.more_architectures == 5 && s.more_models == 5,
		   "20 named, 5 more");
		text = render(&s, 0);
		ok(strstr(text, "TOP 20 UNSUPPORTED ARCHITECTURES by relevancy (of 25):\n") &&
		   strstr(text, "  ... and 5 more architectures (5 models)\n"), "the remainder line");
		free(text);
		sum_free(&s);
		tl_free(&m2);
	}

	/* found by the tlreg fuzz harness: no supported model at all handed
	 * qsort a NULL array (undefined, even for none) */
	{
		static const char *const none[] = { NULL };
		tl_merge m3;

		merged(&m3, &ad, none);
		sum_from_merge(&s, &m3, NULL, -1, -1);
		ok(s.nsup == 0 && s.total_supported == 0 && s.ntop == 0,
		   "an empty registry and no records: an empty summary");
		js = render(&s, 1);
		ok(strstr(js, "\"supported_architectures\":[]") != NULL,
		   "with no architecture listed");
		free(js);
		sum_free(&s);
		tl_free(&m3);
	}

	ok(sum_parse(&back, "{}", 2, err, sizeof err) < 0 &&
	   strstr(err, "not a summary"), "an object that is not one: %s", err);
	ok(sum_parse(&back, "[1]", 3, err, sizeof err) < 0, "not an object");
	ok(sum_parse(&back, "{\"hf_report_summary\":2}", 23, err, sizeof err) < 0,
	   "another version");
	adapters_free(&ad);
	rmdir(top);
	return done_testing();
}
