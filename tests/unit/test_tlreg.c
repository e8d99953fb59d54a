/* Unit tests of lib/tlreg.c: a scan merged into a registry directory,
 * the state file written and read back, idempotent runs, tasks that add
 * up, remainders, architectures that become supported, what --dry-run
 * lists, and files that are refused. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../lib/tlreg.h"
#include "tap.h"

static char top[] = "/tmp/test_tlreg.XXXXXX";
static json_doc doc;
static adapters ad, ad_un;

static const char *
at(const char *sub, const char *name)
{
	static char path[2][512];
	static int k;

	k ^= 1;
	snprintf(path[k], sizeof path[k], "%s/%s%s%s", top, sub, *name ? "/" : "",
	         name);
	return path[k];
}

static void
put(const char *sub, const char *name, const char *text)
{
	FILE *f = fopen(at(sub, name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The file's text, malloc'd, or NULL. */
static char *
slurp(const char *sub, const char *name)
{
	size_t len;

	return file_read(at(sub, name), 1 << 20, &len);
}

static const tl_scan scan1 = { "text-generation", 500, 5, 1.5, &ad };

/* One run of hf-report over recs (NULL-terminated) into dir sub: load,
 * records, finish (the changes listed into *changes when asked), commit.
 * The summary in *sum; 0, or -1 with the message printed. */
static int
run(const char *sub, const tl_scan *scan, const char *const *recs,
    tl_summary *sum, char **changes)
{
	ndj_reader r = { .name = "t.ndjson" };
	char err[1024];
	const char *why;
	tl_merge m;
	hf_out w;
	int st = -1;

	mkdir(at(sub, ""), 0700);
	out_init_mem(&w);
	tl_init(&m, scan);
	if (tl_load(&m, at(sub, ""), err, sizeof err) < 0)
		goto out;
	for (; *recs; recs++) {
		r.lineno++;
		if (json_parse(&doc, *recs, strlen(*recs), 1, &why) == 0)
			tl_add_record(&m, &doc, &r);
	}
	*sum = *tl_finish(&m, changes ? &w : NULL);
	if (tl_commit(&m, err, sizeof err) < 0)
		goto out;
	st = 0;
out:
	if (st < 0)
		printf("# %s\n", err);
	out_putc(&w, '\0');
	if (changes)
		*changes = hf_strdup(w.buf);
	out_free(&w);
	tl_free(&m);
	return st;
}

static const char *const scan_a[] = {
	"{\"id\":\"s/1\",\"architecture\":\"Supp\",\"downloads\":5}",
	"{\"id\":\"s/1\",\"architecture\":\"Supp\",\"downloads\":5}",
	"{\"id\":\"u/1\",\"architecture\":\"Un\",\"downloads\":10,\"params\":100}",
	"{\"id\":\"u/2\",\"architecture\":\"Un\",\"downloads\":20}",
	"{\"id\":\"v/1\",\"config\":{\"architectures\":[\"Vee\"]},\"downloads\":1,"
	"\"safetensors\":{\"total\":5}}",
	"{\"id\":\"w/1\",\"architecture\":null}",
	"{\"architecture_id\":\"G\",\"total_models\":4,\"total_downloads\":40,"
	"\"min_param_count\":7,\"sample_models\":[\"g/1\"]}",
	"{\"architecture_id\":\"Un\",\"total_models\":99,\"total_downloads\":1}",
	NULL
};

static const char *const state_a =
	"{\"hf_report_state\":1}\n"
	"{\"id\":\"u/1\",\"architecture\":\"Un\",\"downloads\":10,\"params\":100}\n"
	"{\"id\":\"u/2\",\"architecture\":\"Un\",\"downloads\":20,\"params\":null}\n"
	"{\"id\":\"v/1\",\"architecture\":\"Vee\",\"downloads\":1,\"params\":5}\n";

static void
test_fresh(void)
{
	static const char *const none[] = { NULL };
	char *changes, *gaps, *sup, *state, *t;
	tl_summary sum;

	ok(run("a", &scan1, scan_a, &sum, &changes) == 0, "a fresh directory");
	ok(sum.read == 6 && sum.new_supported == 1 && sum.gaps_added == 3 &&
	   sum.gaps_updated == 0 && sum.gaps_removed == 0 && sum.gaps == 3,
	   "the closing line's numbers: 6 read, 1 new, 3 gaps added");
	is_str(changes, "+ model s/1 (Supp)\n"
	       "+ gap G: 4 models, 40 downloads\n"
	       "+ gap Un: 2 models, 30 downloads\n"
	       "+ gap Vee: 1 models, 1 downloads\n",
	       "the changes, gaps in score order; the model counted once");
	free(changes);
	state = slurp("a", TL_STATE_FILE);
	is_str(state, state_a, "the state: the unsupported models, first seen first");
	gaps = slurp("a", "architecture_gaps.json");
	ok(gaps && strstr(gaps, "\"architecture_id\": \"Un\",\n      \"total_models\": 2,\n"
	   "      \"total_downloads\": 30,\n      \"min_param_count\": 100,\n"
	   "      \"sample_models\": [\n        \"u/2\",\n        \"u/1\"\n      ],"),
	   "known models win over a gap record of their architecture");
	ok(gaps && strstr(gaps, "\"total_unsupported_models\": 7,"),
	   "a gap record alone counts as it says");
	sup = slurp("a", "supported_models.json");
	ok(sup && strstr(sup, "\"model_id\": \"s/1\"") &&
	   strstr(sup, "\"total_models\": 1,"), "the supported model, once");
	t = slurp("a", "verification_history.json");
	is_str(t, "{\n  \"last_updated\": null,\n  \"records\": []\n}\n",
	       "verification_history.json created");
	free(t);

	/* The same scan again, then no scan at all: nothing changes. */
	ok(run("a", &scan1, scan_a, &sum, NULL) == 0 && sum.new_supported == 0 &&
	   sum.gaps_added == 0 && sum.gaps_updated == 0 && sum.gaps_removed == 0,
	   "the same scan twice: no change counted");
	t = slurp("a", "architecture_gaps.json");
	is_str(t, gaps, "the gaps file as it was");
	free(t);
	t = slurp("a", "supported_models.json");
	is_str(t, sup, "the supported models as they were");
	free(t);
	t = slurp("a", TL_STATE_FILE);
	is_str(t, state, "the state as it was");
	free(t);
	ok(run("a", &scan1, none, &sum, NULL) == 0 && sum.read == 0 &&
	   sum.gaps_updated == 0, "no records: the state alone");
	t = slurp("a", TL_STATE_FILE);
	is_str(t, state, "the state read back and written again, the same");
	free(t);
	t = slurp("a", "architecture_gaps.json");
	is_str(t, gaps, "the gaps rebuilt from it, the same");
	free(t);
	free(gaps);
	free(sup);
	free(state);

	/* verification_history.json is never touched when present. */
	put("a", "verification_history.json", "mine");
	ok(run("a", &scan1, none, &sum, NULL) == 0, "again");
	t = slurp("a", "verification_history.json");
	is_str(t, "mine", "the history left alone");
	free(t);
}

static void
test_tasks(void)
{
	static const char *const scan_b[] = {
		"{\"id\":\"u/1\",\"architecture\":\"Un\",\"downloads\":11}",
		"{\"id\":\"u/3\",\"architecture\":\"Un\",\"downloads\":1}",
		NULL
	};
	tl_scan t2t = scan1;
	tl_summary sum;
	char *changes, *state;

	t2t.task = "text2text-generation";
	ok(run("a", &t2t, scan_b, &sum, &changes) == 0 && sum.gaps_updated == 1,
	   "a scan of another task");
	is_str(changes, "~ gap Un: 2 -> 3 models, 30 -> 32 downloads\n",
	       "adds up: a model in both counted once, its downloads the latest");
	free(changes);
	state = slurp("a", TL_STATE_FILE);
	ok(state && strstr(state, "{\"id\":\"u/1\",\"architecture\":\"Un\","
	   "\"downloads\":11,\"params\":null}\n{\"id\":\"u/2\""),
	   "the model keeps its place, with the latest downloads and size");
	free(state);

	t2t.ad = &ad_un;
	ok(run("a", &t2t, scan_b, &sum, &changes) == 0 && sum.gaps_removed == 1 &&
	   sum.new_supported == 2, "Un becomes supported");
	is_str(changes, "+ model u/1 (Un)\n+ model u/3 (Un)\n- gap Un\n",
	       "its models are added, its gap leaves");
	free(changes);
	state = slurp("a", TL_STATE_FILE);
	is_str(state, "{\"hf_report_state\":1}\n{\"id\":\"v/1\",\"architecture\":"
	       "\"Vee\",\"downloads\":1,\"params\":5}\n", "and the state forgets them");
	free(state);
}

static void
test_remainders(void)
{
	static const char *const t2t_recs[] = {
		"{\"id\":\"u/9\",\"architecture\":\"Un\",\"downloads\":5}", NULL
	};
	static const char *const tg_recs[] = {
		"{\"id\":\"u/8\",\"architecture\":\"Un\",\"downloads\":2}", NULL
	};
	tl_scan t2t = scan1;
	tl_summary sum;
	char *changes, *gaps, *state;

	/* Another tool's gaps file: no state beside it. */
	ok(run("r", &scan1, scan_a, &sum, NULL) == 0, "a registry");
	unlink(at("r", TL_STATE_FILE));
	t2t.task = "text2text-generation";
	ok(run("r", &t2t, t2t_recs, &sum, &changes) == 0, "then a scan of "
	   "another task, without the state");
	is_str(changes, "~ gap Un: 2 -> 3 models, 30 -> 35 downloads\n",
	   "the file's counts kept as remainders, the new model added");
	free(changes);
	state = slurp("r", TL_STATE_FILE);
	is_str(state, "{\"hf_report_state\":1}\n"
	       "{\"architecture_id\":\"G\",\"total_models\":4,\"total_downloads\":40,"
	       "\"min_param_count\":7,\"sample_models\":[\"g/1\"],\"task\":"
	       "\"text-generation\"}\n"
	       "{\"architecture_id\":\"Un\",\"total_models\":2,\"total_downloads\":30,"
	       "\"min_param_count\":100,\"sample_models\":[\"u/2\",\"u/1\"],\"task\":"
	       "\"text-generation\"}\n"
	       "{\"architecture_id\":\"Vee\",\"total_models\":1,\"total_downloads\":1,"
	       "\"min_param_count\":5,\"sample_models\":[\"v/1\"],\"task\":"
	       "\"text-generation\"}\n"
	       "{\"id\":\"u/9\",\"architecture\":\"Un\",\"downloads\":5,\"params\":null}\n",
	       "the remainders in the state, with their task");
	free(state);
	gaps = slurp("r", "architecture_gaps.json");
	ok(gaps && strstr(gaps, "\"sample_models\": [\n        \"u/9\",\n"
	   "        \"u/2\",\n        \"u/1\"\n      ]"),
	   "samples: the known model's first, then the remainder's");
	free(gaps);
	ok(run("r", &scan1, tg_recs, &sum, &changes) == 0,
	   "a scan of the remainders' own task");
	is_str(changes, "~ gap Un: 3 -> 2 models, 35 -> 7 downloads\n",
	       "its models replace the remainder of their architecture");
	free(changes);
	state = slurp("r", TL_STATE_FILE);
	ok(state && !strstr(state, "\"architecture_id\":\"Un\"") &&
	   strstr(state, "\"architecture_id\":\"Vee\""), "that remainder gone, "
	   "the others kept");
	free(state);
}

static char err_of_refusal[1024];

/* tl_load's message for dir sub without the directory above, or "ok". */
static const char *
refusal(const char *sub)
{
	char *err = err_of_refusal;
	tl_merge m;
	int st;

	tl_init(&m, &scan1);
	st = tl_load(&m, at(sub, ""), err, sizeof err_of_refusal);
	tl_free(&m);
	return st == 0 ? "ok" : err + strlen(top) + 1;
}

static void
test_refused(void)
{
	static const char *const none[] = { NULL };
	char err[1024];
	tl_summary sum;
	tl_merge m;
	char *t;

	mkdir(at("b", ""), 0700);
	is_str(refusal("b"), "ok", "an empty directory");
	is_str(refusal("nowhere"), "ok", "a missing one: nothing to read");
	put("b", TL_STATE_FILE, "{\"hf_report_state\":1}\n"
	    "{\"id\":\"a/b\",\"architecture\":\"Un\",\"downloads\":1.5e3,"
	    "\"params\":\"x\"}\n{\"later\":\"format\"}\n"
	    "{\"architecture_id\":\"R\",\"task\":\"t\",\"sample_models\":[1,\"r/1\"]}\n");
	ok(run("b", &scan1, none, &sum, NULL) == 0, "odd but valid state lines");
	t = slurp("b", TL_STATE_FILE);
	is_str(t, "{\"hf_report_state\":1}\n"
	       "{\"architecture_id\":\"R\",\"total_models\":0,\"total_downloads\":0,"
	       "\"min_param_count\":null,\"sample_models\":[\"r/1\"],\"task\":\"t\"}\n"
	       "{\"id\":\"a/b\",\"architecture\":\"Un\",\"downloads\":1500,"
	       "\"params\":null}\n", "read as counts can be read; unknown lines "
	       "passed over");
	free(t);
	put("b", TL_STATE_FILE, "{\"hf_report_state\":1}\n{bad\n");
	is_str(refusal("b"), "b/.hf-report-state.ndjson:2: not a state line; not "
	       "overwritten (remove it to start the state afresh)", "a bad state line");
	unlink(at("b", TL_STATE_FILE));
	mkdir(at("b", TL_STATE_FILE), 0700);
	ok(strcmp(refusal("b"), "ok") != 0 && strstr(err_of_refusal, "cannot read ") ==
	   err_of_refusal && strstr(err_of_refusal, "/b/.hf-report-state.ndjson: Is a "
	   "directory"), "a state that cannot be read (got %s)", err_of_refusal);
	rmdir(at("b", TL_STATE_FILE));
	put("b", "architecture_gaps.json", "{\"gaps\": 3}");
	is_str(refusal("b"), "b/architecture_gaps.json: \"gaps\" is not a list, at "
	       "byte 9; not overwritten", "a gaps file of the wrong shape");
	put("b", "supported_models.json", "{\"models\": [");
	is_str(refusal("b"), "b/supported_models.json: truncated JSON near byte 12; "
	       "not overwritten", "the supported models first");
	unlink(at("b", "architecture_gaps.json"));
	unlink(at("b", "supported_models.json"));

	/* Staging fails (the directory went away): nothing renamed. */
	mkdir(at("c", ""), 0700);
	tl_init(&m, &scan1);
	ok(tl_load(&m, at("c", ""), err, sizeof err) == 0, "load");
	tl_finish(&m, NULL);
	rmdir(at("c", ""));
	ok(tl_commit(&m, err, sizeof err) == -1 &&
	   strstr(err, "/c/.hf-report-state.ndjson (every file left as it was): "
	          "No such file or directory"), "cannot write: the first file named "
	   "(got %s)", err);
	tl_free(&m);
}

static void
rm_dir(const char *sub)
{
	static const char *const names[] = {
		TL_STATE_FILE, "architecture_gaps.json", "supported_models.json",
		"verification_history.json"
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		unlink(at(sub, names[i]));
	rmdir(at(sub, ""));
}

/* What tl_state_read gives its callback, one "m ID ARCH DL PARAMS;" or
 * "r TASK ARCH;" a line. */
struct seen {
	char text[512];
};

static void
collect(void *ctx, const tl_state_line *l)
{
	struct seen *s = ctx;
	size_t n = strlen(s->text);

	if (l->id)
		snprintf(s->text + n, sizeof s->text - n, "m %s %s %lld %lld;",
		         l->id, l->arch, (long long)l->downloads,
		         (long long)l->params);
	else
		snprintf(s->text + n, sizeof s->text - n, "r %s %s;", l->task,
		         json_streq(l->d, json_get(l->d, 0, "architecture_id"), "R")
		         ? "R" : "?");
}

static void
test_state_read(void)
{
	struct seen s = { "" };
	char err[512];
	int st;

	mkdir(at("sr", ""), 0777);
	st = tl_state_read(at("sr", TL_STATE_FILE), collect, &s, err, sizeof err);
	is_int(st, 0, "tl_state_read: no state file is 0");
	put("sr", TL_STATE_FILE, TL_STATE_HEADER
	    "{\"id\":\"o/\\u00e9\",\"architecture\":\"X\",\"downloads\":5,\"params\":null}\n"
	    "{\"architecture_id\":\"R\",\"total_models\":2,\"task\":\"t2t\"}\n"
	    "{\"id\":\"o/b\",\"architecture\":\"X\",\"downloads\":1,\"params\":70}\n"
	    "{\"later\":\"format\"}\n");
	st = tl_state_read(at("sr", TL_STATE_FILE), collect, &s, err, sizeof err);
	is_int(st, 1, "tl_state_read: read");
	is_str(s.text, "m o/\xc3\xa9 X 5 -1;r t2t R;m o/b X 1 70;",
	       "models decoded, remainders with their task, other lines passed over");
	put("sr", TL_STATE_FILE, TL_STATE_HEADER
	    "{\"id\":\"o/a\",\"architecture\":\"X\",\"downloads\":5,\"params\":1}\n"
	    "{\"id\":\n");
	s.text[0] = '\0';
	st = tl_state_read(at("sr", TL_STATE_FILE), collect, &s, err, sizeof err);
	is_int(st, TL_STATE_MALFORMED, "a line that does not parse");
	ok(strstr(err, TL_STATE_FILE ":3: not a state line") &&
	   !strstr(err, "overwritten"), "names the file and line (%s)", err);
	is_str(s.text, "m o/a X 5 1;", "the lines before it were given");
	unlink(at("sr", TL_STATE_FILE));
	rmdir(at("sr", ""));
}

int
main(void)
{
	char err[256];

	if (!mkdtemp(top))
		return 1;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	put("", "ad", "Supp\n");
	put("", "ad_un", "Supp\nUn\n");
	if (adapters_load(&ad, at("", "ad"), err, sizeof err) < 0 ||
	    adapters_load(&ad_un, at("", "ad_un"), err, sizeof err) < 0)
		return 1;
	json_init(&doc);
	test_fresh();
	test_tasks();
	test_remainders();
	test_refused();
	test_state_read();
	json_free(&doc);
	adapters_free(&ad);
	adapters_free(&ad_un);
	unlink(at("", "ad"));
	unlink(at("", "ad_un"));
	rm_dir("a");
	rm_dir("r");
	rm_dir("b");
	rmdir(top);
	return done_testing();
}
