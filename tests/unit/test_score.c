/* Unit tests of lib/score.c and lib/pyjson.c / registry.c formatting. */
#include <stdlib.h>
#include <unistd.h>
#include "../../lib/score.h"
#include "../../lib/pyjson.h"
#include "../../lib/registry.h"
#include "tap.h"

/* v as writer writes it, malloc'd. */
static char *
render_with(void (*writer)(hf_out *, double), double v)
{
	hf_out w;

	out_init_mem(&w);
	writer(&w, v);
	out_putc(&w, '\0');
	return w.buf;
}

static char *
render_double(double v)
{
	return render_with(py_repr_double, v);
}

static char *
render_js(double v)
{
	return render_with(js_repr_double, v);
}

/* What node prints for String(v), for each v. */
static void
test_js_numbers(void)
{
	static const struct { double v; const char *js; } t[] = {
		{ 1.0, "1" }, { 1.5, "1.5" }, { -0.0, "0" }, { 0.1 + 0.2, "0.30000000000000004" },
		{ 1e-7, "1e-7" }, { 1.5e-7, "1.5e-7" }, { 1e-6, "0.000001" },
		{ 0.00001, "0.00001" }, { 1e16, "10000000000000000" },
		{ 1e21, "1e+21" }, { 1.25e21, "1.25e+21" }, { 1e20, "100000000000000000000" },
		{ 123456.789, "123456.789" }, { -2.5, "-2.5" }, { 8.030261248, "8.030261248" },
		{ 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
	};
	char *r;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		r = render_js(t[i].v);
		ok(strcmp(r, t[i].js) == 0, "JavaScript writes %s (got %s)", t[i].js, r);
		free(r);
	}
}

/* Python's json.dump of what json.load read, and JavaScript's. */
static void
test_rewritten_values(void)
{
	static const struct { const char *in, *py, *js; } t[] = {
		{ "[1.50, 1E5, -0, -0.0, 10, 12345678901234567890, 1e400, true]",
		  "[\n  1.5,\n  100000.0,\n  0,\n  -0.0,\n  10,\n  12345678901234567890,\n  1e400,\n  true\n]",
		  "[\n  1.5,\n  100000,\n  0,\n  0,\n  10,\n  12345678901234567000,\n  1e400,\n  true\n]" },
		{ "[\"lone \\ud83d, pair \\ud83d\\ude00, \\u00e9\\u007f, \\\\ud83d\"]",
		  "[\n  \"lone \\ud83d, pair \\ud83d\\ude00, \\u00e9\\u007f, \\\\ud83d\"\n]",
		  "[\n  \"lone \\ud83d, pair \xf0\x9f\x98\x80, \xc3\xa9\x7f, \\\\ud83d\"\n]" },
	};
	json_doc d;
	hf_out w;
	const char *why;

	json_init(&d);
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		ok(json_parse(&d, t[i].in, strlen(t[i].in), 0, &why) == 0, "parse %zu", i);
		for (int ascii = 1; ascii >= 0; ascii--) {
			out_init_mem(&w);
			py_value_as(&w, &d, 0, 0, ascii);
			out_putc(&w, '\0');
			ok(strcmp(w.buf, ascii ? t[i].py : t[i].js) == 0,
			   "%s rewrites %zu as it does (got %s)",
			   ascii ? "Python" : "JavaScript", i, w.buf);
			free(w.buf);
		}
	}
	json_free(&d);
}

int
main(void)
{
	gap_set s;
	gap *g;
	char *r;
	hf_out w;
	json_doc d;
	const char *why, *src = "{\"a\": [1, {\"b\": \"\\u00e9\\n\"}], \"c\": {}, \"d\": []}";

	ok(relevancy(3, 999, 500000000, 3, 999) == 100.0, "the top architecture scores 100.0");
	ok(relevancy(1, 9, 8000000000, 3, 999) == 34.7, "1/3 demand, 1/3 usage, 8B -> 34.7");
	ok(relevancy(1, 9, -1, 3, 999) == 26.7, "unknown size -> no benchmarkability");
	ok(relevancy(1, 0, 30000000001, 3, 999) == 15.0, "no downloads, > 30B -> 15.0");
	ok(relevancy(0, 0, -1, 0, 0) == 0.0, "an empty set scores 0");

	gaps_init(&s);
	g = gaps_get(&s, "X", 1);
	gap_add_model(g, "a", 1, 5, 700, 0);
	gap_add_model(gaps_get(&s, "X", 1), "b", 1, 9, 300, 0);
	gap_add_model(gaps_get(&s, "X", 1), "c", 1, 5, -1, 0);
	g = gaps_get(&s, "X", 1);
	ok(g->models == 3 && g->downloads == 19 && g->min_params == 300, "aggregates");
	ok(g->nsample == 3 && !strcmp(g->sample[0], "b") && !strcmp(g->sample[1], "a") &&
	   !strcmp(g->sample[2], "c"), "samples by downloads, ties first seen");
	gap_add_model(gaps_get(&s, "Y", 1), "y", 1, 1, -1, 0);
	gaps_score(&s);
	ok(s.n == 2 && !strcmp(s.v[0].arch, "X"), "sorted by score");
	gaps_free(&s);

	r = render_double(7.0); is_str(r, "7.0", "repr 7.0"); free(r);
	r = render_double(0.751632384); is_str(r, "0.751632384", "repr shortest"); free(r);
	r = render_double(1e5); is_str(r, "100000.0", "repr positional below 1e16"); free(r);
	r = render_double(1e16); is_str(r, "1e+16", "repr exponent from 1e16"); free(r);
	r = render_double(1e-5); is_str(r, "1e-05", "repr exponent below 1e-4"); free(r);
	test_js_numbers();
	test_rewritten_values();

	json_init(&d);
	ok(json_parse(&d, src, strlen(src), 1, &why) == 0, "parse");
	out_init_mem(&w);
	py_value(&w, &d, 0, 0);
	out_putc(&w, '\0');
	is_str(w.buf, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"\\u00e9\\n\"\n    }\n  ],\n"
	       "  \"c\": {},\n  \"d\": []\n}", "json.dump(indent=2) layout");
	free(w.buf);
	out_init_mem(&w);
	py_float1(&w, 99.74);
	py_float1(&w, -0.0);
	out_putc(&w, ' ');
	py_float1(&w, 1e300);
	out_putc(&w, ' ');
	py_float1(&w, 0.05);
	out_putc(&w, '\0');
	is_str(w.buf, "99.70.0 1e+300 0.1", "round(x, 1) and no -0.0; repr of large ones");
	free(w.buf);
	/* registry writers */
	{
		gap_set none;
		reg_scan_info si = { 7, "text-generation", 500, 2.25 };

		setenv("SOURCE_DATE_EPOCH", "86399", 1);
		gaps_init(&none);
		out_init_mem(&w);
		reg_write_gaps(&w, &si, &none);
		out_putc(&w, '\0');
		is_str(w.buf, "{\n  \"generated_at\": \"1970-01-01\",\n  \"scan_info\": {\n"
		       "    \"total_scanned\": 7,\n    \"task_filter\": \"text-generation\",\n"
		       "    \"min_downloads\": 500,\n    \"scan_duration_seconds\": 2.2\n  },\n"
		       "  \"total_unsupported_architectures\": 0,\n"
		       "  \"total_unsupported_models\": 0,\n  \"gaps\": []\n}",
		       "an empty gaps file: [] and no newline; round(2.25, 1) is 2.2");
		free(w.buf);
		out_init_mem(&w);
		reg_write_model_entry(&w, "Caf\xc3\xa9LM", "o/m", 1);
		out_putc(&w, '\0');
		is_str(w.buf, "\n    {\n      \"architecture_id\": \"Caf\\u00e9LM\",\n"
		       "      \"model_id\": \"o/m\",\n      \"status\": 0,\n"
		       "      \"verified_date\": null,\n      \"metadata\": null,\n"
		       "      \"note\": null,\n      \"phase1_score\": null,\n"
		       "      \"phase2_score\": null,\n      \"phase3_score\": null,\n"
		       "      \"phase4_score\": null,\n      \"phase7_score\": null,\n"
		       "      \"phase8_score\": null\n    }", "a new model entry");
		free(w.buf);
		unsetenv("SOURCE_DATE_EPOCH");
	}
	{
		const char *js = "{\"n\": \"\\u00e9\", \"x\": [1.50]}";

		ok(json_parse(&d, js, strlen(js), 1, &why) == 0, "parse 2");
		out_init_mem(&w);
		py_value_as(&w, &d, 0, 0, 0);
		out_putc(&w, '\0');
		is_str(w.buf, "{\n  \"n\": \"\xc3\xa9\",\n  \"x\": [\n    1.5\n  ]\n}",
		       "JavaScript style: UTF-8 kept, numbers as JavaScript writes them");
		free(w.buf);
	}
	json_free(&d);
	return done_testing();
}
