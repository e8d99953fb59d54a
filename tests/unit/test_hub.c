/* Unit tests of lib/hub.c: loading a snapshot and its aliases, lookups,
 * the sort orders (mixed types too), selection, model objects. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/hub.h"
#include "tap.h"

#define LEN(s) (sizeof(s) - 1)

/* The ids of h in the order of sort key, comma-separated, into buf. */
static const char *
order_of(const hub *h, int key, char *buf, size_t n)
{
	const size_t *o = hub_sorted(h, key);
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < h->n && k + 1 < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%.*s", i ? "," : "",
		                      (int)h->m[o[i]].idlen, h->m[o[i]].id);
	return buf;
}

/* The model object hub_write_model writes. */
static char *
written(const hub_model *m, int mode, const char *const *expand, int n,
        int with_config)
{
	hf_out w;

	out_init_mem(&w);
	hub_write_model(&w, m, mode, expand, n, with_config);
	out_putc(&w, '\0');
	return w.buf;
}

static void
test_load(void)
{
	static const char snap[] =
		"{\"_id\":\"2\",\"id\":\"a/two\",\"downloads\":5}\n"
		"not json\n"
		"\n"
		"{\"id\":\"a/noid\"}\n"
		"{\"_id\":\"1\",\"id\":\"b/one\",\"downloads\":9}\r\n"
		"{\"_id\":\"x\",\"id\":\"nul\"\0\"x\"}\n"
		"{\"_id\":\"3\",\"id\":\"c/three\"}";
	hub h;

	hub_load_mem(&h, snap, LEN(snap), "mem");
	is_int(h.n, 3, "bad lines, models without _id, NUL bytes are skipped");
	ok(hub_find(&h, "b/one", 5) != NULL, "CR LF lines are read");
	ok(hub_find(&h, "c/three", 7) != NULL, "so is a last line without \\n");
	ok(hub_find(&h, "nul", 3) == NULL, "a line with a NUL is one bad line");
	ok(hub_find(&h, "a/tw", 4) == NULL && hub_find(&h, "a/twoo", 6) == NULL,
	   "lookups are by the whole id");
	hub_free(&h);

	hub_load_mem(&h, "", 0, "empty");
	is_int(h.n, 0, "an empty snapshot");
	ok(hub_sorted(&h, 1) != NULL, "still has its orders");
	hub_free(&h);
	ok(hub_load(&h, "/nonexistent/snapshot") == -1, "a missing file is -1");
}

static void
test_aliases(void)
{
	static const char snap[] = "{\"_id\":\"1\",\"id\":\"new/one\"}\n";
	static const char al[] = "# renamed\nold/one\tnew/one\n\nno tab here\n"
	                         "old/two\tnew/two";
	hub h;

	hub_load_mem(&h, snap, LEN(snap), "mem");
	hub_load_aliases_mem(&h, al, LEN(al));
	is_str(hub_alias(&h, "old/one", 7), "new/one", "an alias");
	is_str(hub_alias(&h, "old/two", 7), "new/two",
	       "a blank line does not end the file, nor does a missing \\n");
	ok(hub_alias(&h, "# renamed", 9) == NULL && hub_alias(&h, "no tab here", 11) == NULL,
	   "comments and lines without a tab are skipped");
	hub_load_aliases_mem(&h, "a\tb\n", 4);
	is_str(hub_alias(&h, "a", 1), "b", "a second file adds to the first");
	is_str(hub_alias(&h, "old/one", 7), "new/one", "and keeps it");
	hub_load_aliases_mem(&h, "\t\n\t", 3);
	is_str(hub_alias(&h, "", 0), "", "empty ids are safe");
	hub_free(&h);
}

static void
test_sorts(void)
{
	/* downloads: strings, numbers, null, a boolean and missing mixed
	 * (defect 3 of issue 10: memcmp was given NULL) */
	static const char snap[] =
		"{\"_id\":\"5\",\"id\":\"num1\",\"downloads\":1,\"likes\":3}\n"
		"{\"_id\":\"4\",\"id\":\"strx\",\"downloads\":\"x\",\"likes\":3}\n"
		"{\"_id\":\"3\",\"id\":\"num9\",\"downloads\":9e0,\"likes\":-1}\n"
		"{\"_id\":\"2\",\"id\":\"null\",\"downloads\":null}\n"
		"{\"_id\":\"1\",\"id\":\"stry\",\"downloads\":\"y\",\"likes\":3}\n"
		"{\"_id\":\"0\",\"id\":\"bool\",\"downloads\":true}\n"
		"{\"_id\":\"6\",\"id\":\"none\",\"createdAt\":\"2024-01-01\"}\n";
	char buf[256];
	hub h;

	hub_load_mem(&h, snap, LEN(snap), "mem");
	is_str(order_of(&h, 1, buf, sizeof buf),
	       "stry,strx,num9,num1,bool,null,none",
	       "downloads: strings, then numbers, each descending, then "
	       "missing by _id");
	is_str(order_of(&h, 2, buf, sizeof buf),
	       "stry,strx,num1,num9,bool,null,none",
	       "likes: ties by _id ascending");
	is_str(order_of(&h, 3, buf, sizeof buf),
	       "none,bool,stry,null,num9,strx,num1",
	       "createdAt: the one that has it, then _id order");
	is_int(hub_sort_key("trendingScore"), 0, "the default sort key");
	is_int(hub_sort_key("downloadsAllTime"), 5, "the last key");
	is_int(hub_sort_key("id"), -1, "an unknown key");
	for (int k = 0; k < HUB_NSORTS; k++)
		is_int(hub_sort_key(hub_sort_name(k)), k, hub_sort_name(k));
	hub_free(&h);
}

static void
test_match_and_write(void)
{
	static const char snap[] =
		"{\"_id\":\"1\",\"id\":\"org/m-7b\",\"author\":\"org\","
		"\"tags\":[\"a\",\"b\"],\"pipeline_tag\":\"text-generation\","
		"\"gated\":\"auto\",\"downloads\":4,\"trendingScore\":2,"
		"\"safetensors\":{\"total\":7000},"
		"\"config\":{\"architectures\":[\"X\"],\"hidden_size\":8}}\n"
		"{\"_id\":\"2\",\"id\":\"solo\",\"tags\":[\"ab\"],\"gated\":false}\n";
	const char *f1[] = { "a", "b" }, *f2[] = { "a", "c" }, *f3[] = { "ab" };
	const char *ex[] = { "downloads", "config" };
	hub_query q = { NULL, 0, NULL, NULL, NULL, -1, -1, -1 };
	const hub_model *m, *solo;
	char *s;
	hub h;

	hub_load_mem(&h, snap, LEN(snap), "mem");
	m = hub_find(&h, "org/m-7b", 8);
	solo = hub_find(&h, "solo", 4);
	ok(m && solo, "both found");
	ok(m->gated && !solo->gated, "gated is a string value");
	is_int(m->params, 7000, "params from safetensors.total");
	is_int(solo->params, -1, "or -1");
	ok(hub_match(m, &q) && hub_match(solo, &q), "no selection: all");
	q.filter = f1, q.nfilter = 2;
	ok(hub_match(m, &q) && !hub_match(solo, &q), "filter: every tag");
	q.filter = f2;
	ok(!hub_match(m, &q), "a tag missing");
	q.filter = f3, q.nfilter = 1;
	ok(!hub_match(m, &q) && hub_match(solo, &q), "whole tags, not prefixes");
	q = (hub_query){ NULL, 0, "org", NULL, NULL, -1, -1, -1 };
	ok(hub_match(m, &q) && !hub_match(solo, &q), "author");
	q = (hub_query){ NULL, 0, NULL, "M-7", NULL, -1, -1, -1 };
	ok(hub_match(m, &q) && !hub_match(solo, &q), "search ignores case");
	q = (hub_query){ NULL, 0, NULL, NULL, "text-generation", 1, 7000, 7000 };
	ok(hub_match(m, &q) && !hub_match(solo, &q),
	   "pipeline_tag, gated, num_parameters bounds included");
	q.max_params = 6999;
	ok(!hub_match(m, &q), "above the maximum");

	s = written(m, HUB_EXPAND, ex, 2, 0);
	is_str(s, "{\"_id\":\"1\",\"id\":\"org/m-7b\",\"downloads\":4,"
	       "\"config\":{\"architectures\":[\"X\"]}}",
	       "expand: _id, id and what was asked, config curated");
	free(s);
	s = written(solo, HUB_DEFAULT_LIST, NULL, 0, 0);
	is_str(s, "{\"_id\":\"2\",\"id\":\"solo\",\"tags\":[\"ab\"],"
	       "\"modelId\":\"solo\"}", "the default listing fields and modelId");
	free(s);
	s = written(m, HUB_DEFAULT_INFO, NULL, 0, 0);
	ok(strstr(s, "\"trendingScore\"") == NULL && strstr(s, "\"author\"") &&
	   strstr(s, "\"modelId\":\"org/m-7b\"}"),
	   "model info: all but trendingScore, plus modelId");
	free(s);
	ok(hub_expandable("safetensors") && !hub_expandable("nonsense") &&
	   !hub_expandable(""), "expandable properties");
	hub_free(&h);
}

/* hub_owned: for every sort and every name a query can give, exactly
 * the positions whose models hub_match selects by author, ascending. */
static void
test_owners(void)
{
	static const char snap[] =
		"{\"_id\":\"1\",\"id\":\"org/a\",\"author\":\"org\",\"downloads\":3}\n"
		"{\"_id\":\"2\",\"id\":\"org/b\",\"author\":\"other\",\"downloads\":9}\n"
		"{\"_id\":\"3\",\"id\":\"x/y/z\",\"downloads\":1}\n"
		"{\"_id\":\"4\",\"id\":\"lone\",\"author\":\"org\",\"likes\":2}\n"
		"{\"_id\":\"5\",\"id\":\"/lead\",\"author\":\"\"}\n"
		"{\"_id\":\"6\",\"id\":\"orgs/c\",\"downloads\":5}\n";
	static const char *const names[] = {
		"org", "other", "x", "x/y", "y", "", "orgs", "lone", "nobody"
	};
	int all_same = 1;
	hub h;

	hub_load_mem(&h, snap, LEN(snap), "mem");
	for (int k = 0; k < HUB_NSORTS; k++) {
		const size_t *o = hub_sorted(&h, k);

		for (size_t a = 0; a < sizeof names / sizeof *names; a++) {
			hub_query q = { NULL, 0, names[a], NULL, NULL, -1, -1, -1 };
			size_t n, got = 0;
			const size_t *at = hub_owned(&h, k, names[a], strlen(names[a]),
			                             &n);

			for (size_t p = 0; p < h.n; p++) {
				if (!hub_match(&h.m[o[p]], &q))
					continue;
				if (got >= n || at[got] != p)
					all_same = 0;
				got++;
			}
			if (got != n)
				all_same = 0;
		}
	}
	ok(all_same, "hub_owned: the positions hub_match selects by author, "
	   "for every sort and name");
	{
		size_t n;

		ok(hub_owned(&h, 1, "org", 3, &n) && n == 3,
		   "org: its author's two models and its id's third");
		ok(!hub_owned(&h, 1, "nobody", 6, &n) && n == 0, "nobody: none");
	}
	hub_free(&h);
}

int
main(void)
{
	hf_setprogname("test_hub");
	test_load();
	test_aliases();
	test_sorts();
	test_match_and_write();
	test_owners();
	return done_testing();
}
