/* Unit tests of lib/score.c: the relevancy score, aggregates and their
 * order, gap records read and written. */
#include <stdlib.h>
#include "../../lib/score.h"
#include "tap.h"

static json_doc doc;

static int
load(const char *js)
{
	const char *why;

	return json_parse(&doc, js, strlen(js), 1, &why) == 0;
}

static void
test_relevancy(void)
{
	ok(relevancy(3, 999, 500000000, 3, 999) == 100.0, "the top architecture scores 100.0");
	ok(relevancy(1, 9, 8000000000, 3, 999) == 34.7, "1/3 demand, 1/3 usage, 8B -> 34.7");
	ok(relevancy(1, 9, -1, 3, 999) == 26.7, "unknown size -> no benchmarkability");
	ok(relevancy(1, 0, 30000000001, 3, 999) == 15.0, "no downloads, > 30B -> 15.0");
	ok(relevancy(0, 0, -1, 0, 0) == 0.0, "an empty set scores 0");
}

static void
test_aggregates(void)
{
	gap_set s;
	gap *g;

	gaps_init(&s);
	g = gaps_get(&s, "X", 1);
	gap_add_model(g, "a", 1, 5, 700, 0);
	gap_add_model(gaps_get(&s, "X", 1), "b", 1, 9, 300, 0);
	gap_add_model(gaps_get(&s, "X", 1), "c", 1, 5, -1, 0);
	g = gaps_get(&s, "X", 1);
	ok(g->models == 3 && g->downloads == 19 && g->min_params == 300, "aggregates");
	ok(g->nsample == 3 && !strcmp(g->sample[0], "b") && !strcmp(g->sample[1], "a") &&
	   !strcmp(g->sample[2], "c"), "samples by downloads, ties first seen");
	ok(gaps_find(&s, "Y", 1) == NULL && s.n == 1, "gaps_find creates nothing");
	gap_add_model(gaps_get(&s, "Y", 1), "y", 1, 1, -1, 0);
	gaps_score(&s);
	ok(s.n == 2 && !strcmp(s.v[0].arch, "X"), "sorted by score");
	gaps_free(&s);
}

static void
test_read(void)
{
	gap_set s;
	gap *g;

	gaps_init(&s);
	ok(load("{\"architecture_id\":\"X\",\"total_models\":3.0,"
	        "\"total_downloads\":1e3,\"min_param_count\":null,"
	        "\"sample_models\":[\"a/b\",3,\"c/d\"]}") && gap_is_record(&doc),
	   "a gap record is one");
	ok(gap_read(&s, &doc, 0) == 0 && s.n == 1, "read");
	g = gaps_find(&s, "X", 1);
	ok(g && g->models == 3 && g->downloads == 1000 && g->min_params == -1,
	   "counts Python wrote as floats; null size unknown");
	ok(g && g->nsample == 2 && !strcmp(g->sample[1], "c/d"),
	   "a sample that is not a string is left out");
	ok(load("{\"architecture_id\":\"X\",\"total_models\":-1,"
	        "\"total_downloads\":\"9\",\"min_param_count\":12}") &&
	   gap_read(&s, &doc, 0) == 0 && s.n == 1, "the same architecture again");
	g = gaps_find(&s, "X", 1);
	ok(g && g->models == 0 && g->downloads == 0 && g->min_params == 12 &&
	   g->nsample == 0, "the later one replaces it; what is not a count is 0");
	ok(load("{\"architecture_id\":7,\"total_models\":1}") &&
	   gap_is_record(&doc) && gap_read(&s, &doc, 0) == -1 && s.n == 1,
	   "an architecture_id that is not a string: nothing read");
	ok(load("{\"id\":\"a/b\"}") && !gap_is_record(&doc), "a model record is not one");
	ok(load("{\"gaps\":[{\"architecture_id\":\"Y\",\"total_models\":2}]}") &&
	   gap_read(&s, &doc, 3) == 0 && gaps_find(&s, "Y", 1) &&
	   gaps_find(&s, "Y", 1)->models == 2, "an entry at any token");
	gaps_free(&s);
}

static void
test_write(void)
{
	gap_set s;
	hf_out w;
	gap *g;

	gaps_init(&s);
	g = gaps_get(&s, "Caf\xc3\xa9", 5);
	gap_add_model(g, "o/\xc3\xa9", 4, 7, 1234, 1);
	gaps_score(&s);
	out_init_mem(&w);
	gap_write_record(&w, &s.v[0]);
	out_putc(&w, '\0');
	is_str(w.buf, "{\"architecture_id\":\"Caf\xc3\xa9\",\"total_models\":1,"
	       "\"total_downloads\":7,\"min_param_count\":1234,\"sample_models\":"
	       "[\"o/\xc3\xa9\"],\"relevancy_score\":100.0,"
	       "\"min_param_count_estimated\":true}\n",
	       "a gap record: UTF-8 kept, the estimate marked");
	w.len = 0;
	gap_write_fields(&w, &s.v[0], 1);
	out_putc(&w, '\0');
	is_str(w.buf, "\"architecture_id\":\"Caf\\u00e9\",\"total_models\":1,"
	       "\"total_downloads\":7,\"min_param_count\":1234,\"sample_models\":"
	       "[\"o/\\u00e9\"]", "the fields, ASCII as the state keeps them");
	free(w.buf);
	gaps_free(&s);
}

/* Scores as a file has them, sorted without being recomputed. */
static void
test_sort_and_sizes(void)
{
	static const struct { int64_t v; const char *s; } t[] = {
		{ -1, "-" }, { 124, "124" }, { 999999, "999999" },
		{ 124439808, "124M" }, { 1500000000, "1.5B" },
		{ 671000000000, "671.0B" },
	};
	gap_set s;
	char buf[24];

	gaps_init(&s);
	gaps_get(&s, "B", 1)->score = 50;
	gaps_get(&s, "A", 1)->score = 50;
	gaps_get(&s, "C", 1)->score = 70;
	gaps_get(&s, "D", 1)->score = 50;
	s.v[3].models = 2;
	gaps_sort(&s);
	ok(!strcmp(s.v[0].arch, "C") && !strcmp(s.v[1].arch, "D") &&
	   !strcmp(s.v[2].arch, "A") && !strcmp(s.v[3].arch, "B") &&
	   s.v[0].score == 70, "gaps_sort: score, models, name; scores kept");
	ok(gaps_find(&s, "A", 1) == NULL, "and no lookups after");
	gaps_free(&s);
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		gap_params_text(buf, sizeof buf, t[i].v);
		is_str(buf, t[i].s, "gap_params_text");
	}
}

int
main(void)
{
	json_init(&doc);
	test_relevancy();
	test_aggregates();
	test_read();
	test_write();
	test_sort_and_sizes();
	json_free(&doc);
	return done_testing();
}
