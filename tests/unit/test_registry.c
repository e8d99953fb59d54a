/* Unit tests of lib/registry.c: reading registry files (every way one
 * can be refused, with the byte named) and TransformerLens's writers. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../lib/registry.h"
#include "tap.h"

static char dir[] = "/tmp/test_registry.XXXXXX";
static char path[256];

/* dir/name holding text; returns the path (static). */
static const char *
put(const char *name, const char *text)
{
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w"))) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* The message reg_open gives for text as dir/f.json (list "gaps"), or
 * "ok". */
static const char *
refusal(const char *text)
{
	static char err[512];
	reg_file f;
	int st = reg_open(&f, put("f.json", text), "gaps", err, sizeof err);

	reg_close(&f);
	return st == 0 ? "ok" : err + strlen(dir) + 1;
}

static void
test_open(void)
{
	char err[512];
	reg_file f;

	is_str(refusal(""), "f.json: empty (a registry file holds one JSON "
	       "object)", "an empty file does not parse, and is said to be empty");
	is_str(refusal(" \n\t\n"), "f.json: empty (a registry file holds one "
	       "JSON object)", "nor one of white space");
	snprintf(path, sizeof path, "%s/none.json", dir);
	ok(reg_open(&f, path, "gaps", err, sizeof err) == 0 && !f.exists &&
	   reg_list(&f, "gaps") == -1, "a missing file is fine: no list");
	reg_close(&f);
	is_str(refusal("{\"gaps\": [{}, {\"a\": 1}]}"), "ok", "a list of objects");
	is_str(refusal("{\"gaps\": []}"), "ok", "an empty list");
	is_str(refusal("{\"gaps\": [{}"), "f.json: truncated JSON near byte 12",
	       "truncated: the byte");
	is_str(refusal("[1]"), "f.json: not a JSON object near byte 0",
	       "not an object");
	is_str(refusal("{\"models\": []}"), "f.json: no \"gaps\" key in the top "
	       "object at byte 0", "no list");
	is_str(refusal("{\"gaps\": 3}"), "f.json: \"gaps\" is not a list, at byte "
	       "9", "not a list");
	is_str(refusal("{\"gaps\": [{}, 1]}"), "f.json: an entry of \"gaps\" is "
	       "not an object, at byte 14", "an entry not an object");
	{
		char e[64] = "f.json: broken";

		reg_not_overwritten(e, sizeof e);
		is_str(e, "f.json: broken; not overwritten", "what a writer adds");
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0700);
	ok(reg_open(&f, path, NULL, err, sizeof err) == -1 &&
	   strstr(err, "cannot read ") == err && strstr(err, "/sub: Is a directory"),
	   "unreadable: cannot read, and why (got %s)", err);
	reg_close(&f);
	rmdir(path);
	ok(reg_open(&f, put("f.json", "{\"x\": 1, \"gaps\": [{}]}"), "gaps", err,
	            sizeof err) == 0 && reg_list(&f, "gaps") == 4 &&
	   reg_list(&f, "x") == -1, "reg_list: the array, or -1 when not one");
	reg_close(&f);
	unlink(put("f.json", ""));
}

static const char *const head =
	"{\n  \"generated_at\": \"1970-01-01\",\n  \"scan_info\": {\n"
	"    \"total_scanned\": 7,\n    \"task_filter\": \"text-generation\",\n"
	"    \"min_downloads\": 500,\n    \"scan_duration_seconds\": 2.2\n  },\n";

static void
test_writers(void)
{
	reg_scan_info si = { 7, "text-generation", 500, 2.25 };
	char want[4096], err[512], date[16];
	gap_set none, some;
	reg_file sup;
	hf_out w;
	gap *g;

	setenv("SOURCE_DATE_EPOCH", "86399", 1);
	reg_today(date);
	ok(strcmp(date, "1970-01-01") == 0, "SOURCE_DATE_EPOCH: its UTC date (got %s)", date);
	gaps_init(&none);
	out_init_mem(&w);
	reg_write_gaps(&w, &si, &none);
	out_putc(&w, '\0');
	snprintf(want, sizeof want, "%s  \"total_unsupported_architectures\": 0,\n"
	         "  \"total_unsupported_models\": 0,\n  \"gaps\": []\n}", head);
	is_str(w.buf, want, "an empty gaps file: [] and no newline; round(2.25, 1) is 2.2");
	free(w.buf);

	gaps_init(&some);
	g = gaps_get(&some, "Caf\xc3\xa9LM", 7);
	gap_add_model(g, "o/a", 3, 9, -1, 0);
	gap_add_model(gaps_get(&some, "B", 1), "o/b", 3, 1, 5, 0);
	gaps_score(&some);
	out_init_mem(&w);
	reg_write_gaps(&w, &si, &some);
	out_putc(&w, '\0');
	snprintf(want, sizeof want, "%s  \"total_unsupported_architectures\": 2,\n"
	         "  \"total_unsupported_models\": 2,\n  \"gaps\": [\n    {\n"
	         "      \"architecture_id\": \"Caf\\u00e9LM\",\n      \"total_models\": 1,\n"
	         "      \"total_downloads\": 9,\n      \"min_param_count\": null,\n"
	         "      \"sample_models\": [\n        \"o/a\"\n      ],\n"
	         "      \"relevancy_score\": 80.0\n    },\n    {\n"
	         "      \"architecture_id\": \"B\",\n      \"total_models\": 1,\n"
	         "      \"total_downloads\": 1,\n      \"min_param_count\": 5,\n"
	         "      \"sample_models\": [\n        \"o/b\"\n      ],\n"
	         "      \"relevancy_score\": 75.5\n    }\n  ]\n}", head);
	is_str(w.buf, want, "gaps in score order, escaped, null for an unknown size");
	free(w.buf);
	gaps_free(&some);

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

	/* No file, nothing added. */
	snprintf(path, sizeof path, "%s/absent.json", dir);
	reg_open(&sup, path, "models", err, sizeof err);
	out_init_mem(&w);
	reg_write_supported(&w, &si, &sup, NULL, 0);
	out_putc(&w, '\0');
	snprintf(want, sizeof want, "%s  \"total_architectures\": 0,\n"
	         "  \"total_models\": 0,\n  \"total_verified\": 0,\n"
	         "  \"models\": []\n}\n", head);
	is_str(w.buf, want, "no models: [] and a newline at the end");
	free(w.buf);
	reg_close(&sup);

	/* Entries kept as they are, verified ones counted as Python's
	 * status == 1 counts them, architectures once. */
	{
		const reg_model added[] = { { "A", "a/3" }, { "C", "c/2" } };
		char *p;

		reg_open(&sup, put("sup.json", "{\"models\": [{\"architecture_id\": "
		         "\"A\", \"status\": 1}, {\"architecture_id\": \"B\", "
		         "\"status\": 1.0}, {\"architecture_id\": \"A\", \"status\": "
		         "true}, {\"status\": \"1\"}, {\"status\": 0}]}"), "models", err,
		         sizeof err);
		out_init_mem(&w);
		reg_write_supported(&w, &si, &sup, added, 2);
		out_putc(&w, '\0');
		snprintf(want, sizeof want, "%s  \"total_architectures\": 3,\n"
		         "  \"total_models\": 7,\n  \"total_verified\": 3,\n"
		         "  \"models\": [\n    {\n      \"architecture_id\": \"A\",\n"
		         "      \"status\": 1\n    },\n    {\n"
		         "      \"architecture_id\": \"B\",\n      \"status\": 1.0\n"
		         "    },\n", head);
		ok(strncmp(w.buf, want, strlen(want)) == 0, "totals; kept entries "
		   "as json.dump writes them (got %.*s)", (int)strlen(want), w.buf);
		p = strstr(w.buf, "{\n      \"status\": 0\n    },\n    {\n"
		           "      \"architecture_id\": \"A\",\n      \"model_id\": \"a/3\",");
		ok(p != NULL, "the new entries after the kept ones");
		ok(p && strstr(p, "\"model_id\": \"c/2\"") && strcmp(w.buf +
		   strlen(w.buf) - 12, "    }\n  ]\n}\n") == 0,
		   "the last new entry closes the list");
		free(w.buf);
		reg_close(&sup);
		unlink(put("sup.json", ""));
	}
	out_init_mem(&w);
	reg_write_history(&w);
	out_putc(&w, '\0');
	is_str(w.buf, "{\n  \"last_updated\": null,\n  \"records\": []\n}\n",
	       "verification_history.json as the scraper creates it");
	free(w.buf);
	unsetenv("SOURCE_DATE_EPOCH");
}

int
main(void)
{
	if (!mkdtemp(dir))
		return 1;
	test_open();
	test_writers();
	rmdir(dir);
	return done_testing();
}
