/* Unit tests of lib/calc.c: --set overrides, the importer's ids and
 * names, the schema's ranges, the order, backup names, and models.json
 * merged, refused, forced, dry-run and written. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../lib/calc.h"
#include "tap.h"

static char dir[] = "/tmp/test_calc.XXXXXX";
static json_doc doc;
static const ndj_reader in = { .name = "t.ndjson", .lineno = 1 };

static const char *
in_dir(const char *name)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void
put(const char *name, const char *text)
{
	FILE *f = fopen(in_dir(name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The file's text (static), or "(none)". */
static const char *
slurp(const char *name)
{
	static char *text;
	size_t len;

	free(text);
	text = file_read(in_dir(name), 1 << 20, &len);
	return text ? text : "(none)";
}

static int
load(const char *js)
{
	const char *why;

	return json_parse(&doc, js, strlen(js), 1, &why) == 0;
}

static void
test_overrides(void)
{
	calc_overrides o = { 0 };
	model_spec s;
	char err[512];

	ok(!calc_overrides_given(&o), "none given");
	ok(calc_parse_override(&o, "hidden_size=4096", err, sizeof err) == 0 &&
	   o.count[1] == 4096, "hidden_size");
	ok(calc_parse_override(&o, "experts_per_token=2", err, sizeof err) == 0 &&
	   o.count[8] == 2, "experts_per_token, the last key");
	ok(calc_parse_override(&o, "hidden_size=1024", err, sizeof err) == 0 &&
	   o.count[1] == 1024, "a later one wins");
	ok(calc_parse_override(&o, "parameters_billions=1.5", err, sizeof err) == 0 &&
	   o.params == 1.5, "parameters_billions");
	ok(calc_overrides_given(&o), "given");
	ok(calc_parse_override(&o, "hidden_size=0", err, sizeof err) == -1 &&
	   o.count[1] == 1024, "a count of 0 refused, the value kept");
	is_str(err, "--set hidden_size takes a whole number of at least 1", "its message");
	ok(calc_parse_override(&o, "num_layers=12x", err, sizeof err) == -1,
	   "not a number");
	is_str(err, "--set num_layers takes a whole number of at least 1", "its message");
	ok(calc_parse_override(&o, "num_layers=", err, sizeof err) == -1,
	   "no value");
	for (int i = 0; i < 3; i++) {
		const char *v[] = { "parameters_billions=0", "parameters_billions=-1",
		                    "parameters_billions=inf" };

		ok(calc_parse_override(&o, v[i], err, sizeof err) == -1 &&
		   o.params == 1.5, "%s refused", v[i]);
		is_str(err, "--set parameters_billions takes a positive number",
		       "its message");
	}
	ok(calc_parse_override(&o, "bogus=1", err, sizeof err) == -1, "an unknown key");
	is_str(err, "--set takes KEY=VALUE with KEY parameters_billions, "
	       "default_context_length, hidden_size, num_layers, num_heads, "
	       "num_kv_heads, intermediate_size, vocab_size, num_experts or "
	       "experts_per_token, not bogus=1", "every key named");
	ok(calc_parse_override(&o, "hidden_size", err, sizeof err) == -1 &&
	   strstr(err, ", not hidden_size"), "a key without a value");
	ok(calc_parse_override(&o, "hidden_sizes=1", err, sizeof err) == -1 &&
	   calc_parse_override(&o, "hidden=1", err, sizeof err) == -1,
	   "only whole keys");
	ok(calc_parse_override(&o, "bogus=1", err, 20) == -1 &&
	   strlen(err) == 19, "a short buffer: the message cut");

	memset(&s, 0, sizeof s);
	s.num_layers = 7;
	s.context_length = -1;
	o.count[0] = 4096;
	calc_apply_overrides(&o, &s);
	ok(s.context_length == 4096 && s.hidden_size == 1024 &&
	   s.experts_per_token == 2 && s.num_layers == 7 && s.num_heads == 0,
	   "applied: given ones set, the others as they were");
}

static void
names_are(const char *hf_id, const char *want_id, const char *want_name)
{
	char *id, *name;

	calc_names(hf_id, &id, &name);
	ok(strcmp(id, want_id) == 0 && strcmp(name, want_name) == 0,
	   "%s -> %s, \"%s\" (got %s, \"%s\")", hf_id, want_id, want_name, id, name);
	free(id);
	free(name);
}

static void
test_names(void)
{
	names_are("Qwen/Qwen2.5-1.5B", "qwen2-5-1-5b", "Qwen2.5 1.5B");
	names_are("meta-llama/Llama-3.2-1B-Instruct", "llama-3-2-1b-instruct",
	          "Llama 3.2 1B Instruct");
	names_are("org/--A__b--", "a-b", "A__b");
	names_are("noslash", "noslash", "noslash");
	names_are("org/name/extra", "name", "name");
	names_are("o/\xc3\xa9t\xc3\xa9", "t", "\xc3\xa9t\xc3\xa9");
	names_are("o/...", "", "...");
	names_are("o/", "", "");
}

static model_spec
good_spec(void)
{
	model_spec s;

	memset(&s, 0xff, sizeof s); /* every count -1 */
	s.hidden_size = 4096;
	s.num_layers = 32;
	s.num_heads = 32;
	s.context_length = 8192;
	s.moe = s.multimodal = 0;
	return s;
}

/* calc_valid's answer, and its messages in *msgs. */
static int
valid(const char *hf_id, const char *id, const char *name, double b,
      const model_spec *s, const char **msgs)
{
	int v;

	stderr_begin();
	v = calc_valid(hf_id, id, name, b, s, NULL);
	*msgs = stderr_end();
	return v;
}

static void
test_ranges(void)
{
	model_spec s = good_spec();
	const char *m;

	ok(valid("o/m", "m", "m", 8, &s, &m) == 1 && !*m, "valid: no message");
	s.num_kv_heads = 0;
	s.vocab_size = 0;
	ok(valid("o/m", "m", "m", 0.1, &s, &m) == 1 && !*m,
	   "optional ones not given; 0.1 B at the edge");
	s = good_spec();
	s.hidden_size = -1;
	ok(valid("o/m", "m", "m", 8, &s, &m) == 0, "a required one missing");
	is_str(m, "hf: o/m: hidden_size is missing from the config (fetch the "
	       "whole config: hf-list --fetch-config, or --set hidden_size=N)\n",
	       "it says how to get it");
	s = good_spec();
	s.hidden_size = 64;
	s.num_layers = 201;
	s.num_kv_heads = 40;
	s.vocab_size = 999;
	ok(valid("o/m", "m", "m", 8, &s, &m) == 0, "out of range");
	is_str(m, "hf: o/m: hidden_size 64 is below 128\n"
	       "hf: o/m: num_layers 201 is above 200\n"
	       "hf: o/m: vocab_size 999 is below 1000\n"
	       "hf: o/m: num_kv_heads 40 exceeds num_heads 32\n",
	       "every violation, one line each");
	{
		hf_out why;

		out_init_mem(&why);
		stderr_begin();
		ok(calc_valid("o/m", "m", "m", 8, &s, &why) == 0 && !*stderr_end(),
		   "with a writer: nothing on standard error");
		out_putc(&why, '\0');
		is_str(why.buf, "o/m: hidden_size 64 is below 128; num_layers 201 "
		       "is above 200; vocab_size 999 is below 1000; num_kv_heads 40 "
		       "exceeds num_heads 32", "the violations on one line, the id once");
		out_free(&why);
	}
	s = good_spec();
	s.num_experts = 1;
	s.experts_per_token = 0;
	ok(valid("o/m", "m", "m", 8, &s, &m) == 1, "experts count only for MoE");
	s.moe = 1;
	ok(valid("o/m", "m", "m", 8, &s, &m) == 0 &&
	   !strcmp(m, "hf: o/m: num_experts 1 is below 2\n"), "a MoE's experts");
	s = good_spec();
	ok(valid("o/m", "m", "m", -1, &s, &m) == 0 &&
	   !strcmp(m, "hf: o/m: parameters_billions unknown; give it with --set "
	           "parameters_billions=B\n"), "size unknown");
	ok(valid("o/m", "m", "m", 1001, &s, &m) == 0 &&
	   !strcmp(m, "hf: o/m: parameters_billions 1001 is outside 0.1..1000\n"),
	   "size out of range");
	ok(valid("o/_", "", "_", 8, &s, &m) == 0 &&
	   !strcmp(m, "hf: o/_: no id can be made from the name (the id takes "
	           "[a-z0-9-])\n"), "no id");
	ok(valid("o/", "", "", 8, &s, &m) == 0 && strstr(m, "the name is empty"),
	   "no name");
	ok(valid("noslash", "noslash", "noslash", 8, &s, &m) == 0 &&
	   !strcmp(m, "hf: noslash: hf_model_id is not ORG/NAME of "
	           "[A-Za-z0-9_.-]\n"), "a Hub id without an org");
	ok(valid("o/a b", "a-b", "a b", 8, &s, &m) == 0 &&
	   strstr(m, "hf_model_id is not ORG/NAME"), "a Hub id with a space");
}

static void
test_sort(void)
{
	calc_entry v[] = {
		{ NULL, "a", NULL, 2 }, { NULL, "custom", NULL, 0.5 },
		{ NULL, "b", NULL, 1 }, { NULL, "c", NULL, 2 },
		{ NULL, "d", NULL, 1 }, { NULL, "e", NULL, 0 },
	};
	char got[64] = "";

	calc_sort(v, sizeof v / sizeof *v);
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s ", v[i].id);
	is_str(got, "e b d a c custom ", "by size, ties in their order, custom last");
	calc_sort(v, 0);
	ok(1, "no entries");
}

static void
test_backup_names(void)
{
	char *p;

	setenv("TZ", "UTC0", 1);
	tzset();
	p = calc_backup_path(in_dir("m.json"), 86399);
	ok(strcmp(p + strlen(dir), "/m.json.19700101-235959.bak") == 0,
	   "PATH.YYYYMMDD-HHMMSS.bak (got %s)", p);
	put("m.json.19700101-235959.bak", "");
	free(p);
	p = calc_backup_path(in_dir("m.json"), 86399);
	ok(strcmp(p + strlen(dir), "/m.json.19700101-235959-2.bak") == 0,
	   "-2 when it exists (got %s)", p);
	put("m.json.19700101-235959-2.bak", "");
	free(p);
	p = calc_backup_path(in_dir("m.json"), 86399);
	ok(strcmp(p + strlen(dir), "/m.json.19700101-235959-3.bak") == 0,
	   "then -3 (got %s)", p);
	free(p);
	unlink(in_dir("m.json.19700101-235959.bak"));
	unlink(in_dir("m.json.19700101-235959-2.bak"));
}

#define LLAMA_1B "{\"id\":\"Org/Model-1B\",\"safetensors\":{\"total\":1000000000}," \
	"\"config\":{\"hidden_size\":2048,\"num_hidden_layers\":16," \
	"\"num_attention_heads\":32,\"num_key_value_heads\":8," \
	"\"max_position_embeddings\":4096,\"vocab_size\":32000}}"
#define LLAMA_1B_ENTRY "{\n      \"id\": \"model-1b\",\n" \
	"      \"name\": \"Model 1B\",\n      \"hf_model_id\": \"Org/Model-1B\",\n" \
	"      \"hidden_size\": 2048,\n      \"num_layers\": 16,\n" \
	"      \"num_heads\": 32,\n      \"default_context_length\": 4096,\n" \
	"      \"architecture\": \"transformer\",\n      \"modality\": \"text\",\n" \
	"      \"num_kv_heads\": 8,\n      \"vocab_size\": 32000,\n" \
	"      \"parameters_billions\": 1\n    }"

/* Import each record of recs (NULL-terminated) into dir/name with opt;
 * the status as hf-report makes it (0, or 1 when one was refused). */
static int
import(const char *name, calc_opts opt, const char *const *recs, int64_t *changed)
{
	char err[512];
	calc_merge m;
	int st = 0;

	opt.path = in_dir(name);
	if (calc_open(&m, &opt, err, sizeof err) < 0) {
		printf("# %s\n", err);
		calc_free(&m);
		return -1;
	}
	for (; *recs; recs++)
		if (load(*recs))
			st |= calc_add_record(&m, &doc, &in);
	calc_finish(&m);
	if (calc_commit(&m, err, sizeof err) < 0)
		st = -1;
	if (m.refused && st == 0)
		st = 1;
	if (changed)
		*changed = m.changed;
	calc_free(&m);
	return st;
}

/* How many backups of m.json there are; they are removed. */
static int
backups(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (strncmp(e->d_name, "m.json.", 7) == 0 &&
		    strcmp(e->d_name + strlen(e->d_name) - 4, ".bak") == 0) {
			unlink(in_dir(e->d_name));
			n++;
		}
	if (d)
		closedir(d);
	return n;
}

static void
test_merge(void)
{
	static const char *const one[] = { LLAMA_1B, NULL };
	static const char *const gap[] = { "{\"architecture_id\":\"X\",\"id\":\"a/b\"}", NULL };
	static const char *const mm[] = {
		"{\"id\":\"o/vl\",\"safetensors\":{\"total\":2000000000},\"config\":"
		"{\"hidden_size\":2048,\"num_hidden_layers\":16,\"num_attention_heads\":"
		"32,\"max_position_embeddings\":4096,\"vision_config\":{\"depth\":2}}}",
		NULL };
	calc_opts opt = { 0 };
	int64_t changed;
	const char *e;
	char want[2048];

	ok(import("m.json", opt, one, &changed) == 0 && changed == 1, "imported");
	snprintf(want, sizeof want, "{\n  \"models\": [\n    %s\n  ]\n}\n",
	         LLAMA_1B_ENTRY);
	is_str(slurp("m.json"), want, "a new file, as the importer writes it");
	ok(backups() == 0, "no backup of a file that was not there");

	stderr_begin();
	ok(import("m.json", opt, one, &changed) == 1 && changed == 0,
	   "the same model again: refused");
	e = stderr_end();
	ok(strstr(e, "hf: skipped Org/Model-1B (already present in ") &&
	   strstr(e, "/m.json as model-1b; --force replaces it)\n"),
	   "it says so (got %s)", e);
	opt.force = 1;
	stderr_begin();
	ok(import("m.json", opt, one, &changed) == 0 && changed == 0,
	   "with --force, the same entry: nothing to import, nothing refused");
	e = stderr_end();
	ok(strstr(e, "/m.json as model-1b, the same entry)\n"), "it says so");
	is_str(slurp("m.json"), want, "the same file");
	ok(backups() == 0, "nothing changed: no backup");
	opt.force = 0;

	ok(import("m.json", opt, gap, &changed) == 0 && changed == 0,
	   "a gap record has no place here");
	stderr_begin();
	ok(import("m.json", opt, mm, &changed) == 1 && changed == 0,
	   "a multimodal model refused");
	e = stderr_end();
	is_str(e, "hf: o/vl: multimodal model; the calculator takes text models: "
	       "use --multimodal to import it with its vision_config\n", "why");
	opt.multimodal = 1;
	ok(import("m.json", opt, mm, &changed) == 0 && changed == 1,
	   "with --multimodal: imported");
	e = slurp("m.json");
	ok(strstr(e, "\"modality\": \"multimodal\",\n      \"vision_config\": {\n"
	          "        \"depth\": 2\n      },\n"), "its vision_config kept");
	ok(strstr(e, "\"id\": \"model-1b\"") < strstr(e, "\"id\": \"vl\""),
	   "sorted by size: 1 B before 2 B");
	ok(backups() == 1, "the old file backed up first");
	opt.multimodal = 0;

	/* Two entries that clash with the import: by Hub id and by id. */
	put("m.json", "{\"version\": 2, \"models\": [{\"id\": \"model-1b\", "
	    "\"hf_model_id\": \"x/y\", \"parameters_billions\": 1.50}, {\"id\": "
	    "\"keep\"}, {\"id\": \"z\", \"hf_model_id\": \"Org/Model-1B\"}], "
	    "\"z\": [\"\\u00e9\"]}");
	opt.force = 1;
	ok(import("m.json", opt, one, &changed) == 0, "forced over two clashes");
	snprintf(want, sizeof want, "{\n  \"version\": 2,\n  \"models\": [\n"
	         "    {\n      \"id\": \"keep\"\n    },\n    %s\n  ],\n"
	         "  \"z\": [\n    \"\xc3\xa9\"\n  ]\n}\n", LLAMA_1B_ENTRY);
	is_str(slurp("m.json"), want, "one entry left for both; other members "
	       "kept in their places, as JavaScript writes them");
	ok(backups() == 1, "backed up");

	/* --dry-run: what would change, on its writer; nothing written. */
	{
		hf_out w;

		unlink(in_dir("m.json"));
		out_init_mem(&w);
		opt.dry_run = &w;
		ok(import("m.json", opt, one, &changed) == 0 && changed == 1,
		   "a dry run imports");
		out_putc(&w, '\0');
		snprintf(want, sizeof want, "would import model-1b (Model 1B) - 1B "
		         "params\n%s\nTotal models: 0 -> 1\n", LLAMA_1B_ENTRY);
		is_str(w.buf, want, "and shows it");
		is_str(slurp("m.json"), "(none)", "but writes nothing");
		out_free(&w);
		opt.dry_run = NULL;
	}

	/* --set: the size and a dimension the config lacks. */
	{
		static const char *const bare[] = { "{\"id\":\"o/Bare\",\"config\":"
			"{\"hidden_size\":1024,\"num_hidden_layers\":8,"
			"\"num_attention_heads\":8}}", NULL };
		char err[256];

		stderr_begin();
		ok(import("m.json", opt, bare, &changed) == 1 && changed == 0,
		   "a config without a context length or a size: refused");
		e = stderr_end();
		ok(strstr(e, "default_context_length is missing") &&
		   strstr(e, "parameters_billions unknown"), "both named");
		calc_parse_override(&opt.set, "default_context_length=2048", err,
		                    sizeof err);
		calc_parse_override(&opt.set, "parameters_billions=0.35", err,
		                    sizeof err);
		ok(import("m.json", opt, bare, &changed) == 0 && changed == 1,
		   "given with --set: imported");
		ok(strstr(slurp("m.json"), "\"default_context_length\": 2048,") &&
		   strstr(slurp("m.json"), "\"parameters_billions\": 0.35\n"),
		   "the overrides written");
	}
	unlink(in_dir("m.json"));
}

/* Import recs with opt.outcomes into m.json; the outcome lines. */
static char *
outcomes(calc_opts opt, const char *const *recs)
{
	static char got[4096];
	char err[512];
	calc_merge m;
	hf_out w;

	opt.path = in_dir("m.json");
	opt.outcomes = 1;
	calc_open(&m, &opt, err, sizeof err);
	stderr_begin();
	for (; *recs; recs++)
		if (load(*recs))
			calc_add_record(&m, &doc, &in);
	calc_finish(&m);
	calc_commit(&m, err, sizeof err);
	out_init_mem(&w);
	calc_put_outcomes(&w, &m);
	out_putc(&w, '\0');
	snprintf(got, sizeof got, "%s%s", stderr_end(), w.buf);
	out_free(&w);
	calc_free(&m);
	return got;
}

/* got with the test directory written as D and backup stamps as S. */
static const char *
plain(const char *got)
{
	static char out[4096];
	size_t k = 0, dn = strlen(dir);

	for (const char *p = got; *p && k + 2 < sizeof out; )
		if (!strncmp(p, dir, dn)) {
			out[k++] = 'D';
			p += dn;
		} else if (!strncmp(p, ".2", 2) && strlen(p) > 17 && p[9] == '-') {
			memcpy(out + k, ".S", 2);
			k += 2;
			p += 16;
		} else {
			out[k++] = *p++;
		}
	out[k] = '\0';
	return out;
}

static void
test_outcomes(void)
{
	static const char *const batch[] = {
		LLAMA_1B,
		"{\"hf_error\":\"missing\",\"id\":\"no/where\",\"message\":"
		"\"no/where: not found\"}",
		"{\"id\":\"o/vl\",\"safetensors\":{\"total\":2000000000},"
		"\"config\":{\"hidden_size\":2048,\"num_hidden_layers\":16,"
		"\"num_attention_heads\":32,\"max_position_embeddings\":4096,"
		"\"vision_config\":{\"depth\":2}}}",
		"{\"id\":\"o/Small\",\"safetensors\":{\"total\":50000000},"
		"\"config\":{\"hidden_size\":64,\"num_hidden_layers\":2,"
		"\"num_attention_heads\":2,\"max_position_embeddings\":4096}}",
		"{\"hf_error\":\"malformed\",\"id\":\"bad\\tid\",\"message\":"
		"\"bad\\tid: not a model id\"}",
		LLAMA_1B,
		NULL };
	static const char *const other[] = {
		"{\"id\":\"Else/Model-1B\",\"safetensors\":{\"total\":1000000000},"
		"\"config\":{\"hidden_size\":2048,\"num_hidden_layers\":16,"
		"\"num_attention_heads\":32,\"max_position_embeddings\":4096}}",
		LLAMA_1B, NULL };
	calc_opts opt = { 0 };
	hf_out w;

	unlink(in_dir("m.json"));
	is_str(plain(outcomes(opt, batch)),
	       "Org/Model-1B\timported\tmodel-1b\timported Org/Model-1B as "
	       "model-1b into D/m.json (a new file)\n"
	       "no/where\tmissing\t-\tno/where: not found\n"
	       "o/vl\tmultimodal\t-\to/vl: multimodal model; the calculator takes "
	       "text models: use --multimodal to import it with its vision_config\n"
	       "o/Small\tinvalid\tsmall\to/Small: parameters_billions 0.05 is "
	       "outside 0.1..1000; hidden_size 64 is below 128\n"
	       "bad id\tmalformed\t-\tbad id: not a model id\n"
	       "Org/Model-1B\tpresent\tmodel-1b\tskipped Org/Model-1B (already "
	       "present in D/m.json as model-1b; --force replaces it)\n",
	       "one line per record, in order, nothing on standard error; a tab "
	       "in a field a space");
	is_str(plain(outcomes(opt, other)),
	       "Else/Model-1B\tinvalid\tmodel-1b\tElse/Model-1B: its id model-1b "
	       "is taken in D/m.json by another entry; --force replaces it\n"
	       "Org/Model-1B\tpresent\tmodel-1b\tskipped Org/Model-1B (already "
	       "present in D/m.json as model-1b; --force replaces it)\n",
	       "another model with the same id is no duplicate: invalid");
	ok(backups() == 0, "nothing imported: no backup");
	opt.force = 1;
	is_str(plain(outcomes(opt, other)),
	       "Else/Model-1B\timported\tmodel-1b\timported Else/Model-1B as "
	       "model-1b into D/m.json, replacing model-1b (the file unchanged)\n"
	       "Org/Model-1B\timported\tmodel-1b\timported Org/Model-1B as "
	       "model-1b into D/m.json, replacing model-1b (the file unchanged)\n",
	       "forced, each in place of the other: the file comes out the same");
	ok(backups() == 0, "no backup");
	put("m.json", "{\"models\": [{\"id\": \"old\", \"hf_model_id\": "
	    "\"O/Old\"}]}");
	is_str(plain(outcomes(opt, other)),
	       "Else/Model-1B\timported\tmodel-1b\timported Else/Model-1B as "
	       "model-1b into D/m.json (backup D/m.json.S.bak)\n"
	       "Org/Model-1B\timported\tmodel-1b\timported Org/Model-1B as "
	       "model-1b into D/m.json, replacing model-1b (backup D/m.json.S.bak)\n",
	       "forced: one backup for the run, named on each line");
	ok(backups() == 1, "one backup");
	{
		hf_out dry;

		opt.force = 0;
		out_init_mem(&dry);
		opt.dry_run = &dry;
		unlink(in_dir("m.json"));
		is_str(plain(outcomes(opt, other + 1)), "Org/Model-1B\timported\t"
		       "model-1b\twould import Org/Model-1B as model-1b into D/m.json\n",
		       "a dry run: would import, no backup named");
		out_free(&dry);
		opt.dry_run = NULL;
	}
	/* the Hub ids of a file's entries */
	{
		calc_merge m;
		char err[256];

		put("m.json", "{\"models\": [{\"id\": \"a\", \"hf_model_id\": "
		    "\"O/A\"}, {\"id\": \"custom\"}, {\"id\": \"b\", "
		    "\"hf_model_id\": \"O/B\"}]}");
		opt.path = in_dir("m.json");
		calc_open(&m, &opt, err, sizeof err);
		out_init_mem(&w);
		calc_put_ids(&w, &m);
		out_putc(&w, '\0');
		is_str(w.buf, "O/A\nO/B\n", "calc_put_ids: each Hub id, in order");
		out_free(&w);
		calc_free(&m);
	}
	unlink(in_dir("m.json"));
}

static void
test_bad_file(void)
{
	static const char *const none[] = { NULL };
	calc_opts opt = { 0 };
	char err[512];
	calc_merge m;

	put("bad.json", "{\"models\": [{\"id\": \"x\"}");
	opt.path = in_dir("bad.json");
	ok(calc_open(&m, &opt, err, sizeof err) == -1, "a file that does not parse");
	ok(strstr(err, "/bad.json: truncated JSON near byte 23; not overwritten") != NULL,
	   "named, with the byte (got %s)", err);
	calc_free(&m);
	put("bad.json", "{\"models\": {}}");
	ok(import("bad.json", opt, none, NULL) == -1, "models not a list");
	is_str(slurp("bad.json"), "{\"models\": {}}", "left as it was");
	unlink(in_dir("bad.json"));
	ok(import("bad.json", opt, none, NULL) == 0, "nothing to import, no file");
	is_str(slurp("bad.json"), "(none)", "none written");
}

int
main(void)
{
	if (!mkdtemp(dir))
		return 1;
	json_init(&doc);
	test_overrides();
	test_names();
	test_ranges();
	test_sort();
	test_backup_names();
	test_merge();
	test_outcomes();
	test_bad_file();
	json_free(&doc);
	rmdir(dir);
	return done_testing();
}
