/* Unit tests of lib/regdir.c over tests/fixtures/hf-page (see its
 * README.md), and over broken registries. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../lib/regdir.h"
#include "scratch.h"
#include "tap.h"

#define FIX "tests/fixtures/hf-page"

static void
test_fixture(void)
{
	regdir r;
	char err[512];
	const regdir_model *m;
	const regdir_ckpt *c;
	regdir_ckpt s[GAP_SAMPLES];
	const gap *g;
	size_t n;
	int st;

	st = regdir_load(&r, FIX "/reg", err, sizeof err);
	is_int(st, 0, "the fixture loads");
	is_str(r.date, "2026-11-24", "generated_at");
	is_str(r.task, "text-generation", "task_filter");
	is_int(r.scanned, 1200, "total_scanned");
	is_int(r.min_downloads, 500, "min_downloads");
	ok(r.duration == 12.5, "scan_duration_seconds");
	is_int(r.nmodel, 11, "models");
	is_int(r.verified, 2, "verified: status 1");
	is_int(r.narch, 4, "supported architectures");
	is_str(r.arch[0].arch, "LlamaForCausalLM", "most models first");
	is_int(r.arch[0].models, 5, "its models");
	is_str(r.arch[2].arch, "GPT2LMHeadModel", "then 3 Qwen2, 2 GPT-2");
	m = regdir_model_of(&r, "openai-community/gpt2");
	ok(m && m->verified && strcmp(m->verified, "2026-11-18") == 0,
	   "no verified_date: the latest valid record of the history");
	m = regdir_model_of(&r, "meta-llama/Llama-3.1-8B");
	ok(m && !m->verified, "an invalidated record gives no date");
	m = regdir_model_of(&r, "gpt2");
	ok(m && m->status == REGDIR_FAILED && strcmp(m->org, "") == 0 &&
	   strcmp(m->verified, "2026-11-19") == 0,
	   "a legacy id: no organisation; its own verified_date");
	m = regdir_model_of(&r, "caf\xc3\xa9/\xe6\xa8\xa1\xe5\x9e\x8b-\xc3\xbc");
	ok(m && strcmp(m->org, "caf\xc3\xa9") == 0, "escapes decoded to UTF-8");
	is_str(regdir_status_name(REGDIR_PROVISIONAL), "provisional", "status 4");
	is_str(regdir_status_name(7), "other", "an unknown status");
	is_int(r.gaps.n, 12, "gaps");
	is_int(r.gap_models, 448, "models in them");
	is_str(r.gaps.v[10].arch, "Caf\xc3\xa9" "ForCausalLM",
	       "a tie of score and models goes by name, whatever the file's order");
	g = regdir_gap_of(&r, "Starcoder2ForCausalLM");
	ok(g && regdir_rank(&r, g) == 12, "rank of a gap");
	ok(!regdir_gap_of(&r, "LlamaForCausalLM"), "a supported architecture is no gap");
	ok(r.has_state, "the state file was read");
	c = regdir_ckpts(&r, "Qwen2_5_VLForConditionalGeneration", &n);
	is_int(n, 4, "the state's checkpoints of an architecture");
	ok(c && c[0].params == 3754622976 && c[2].params == 73410777344 &&
	   c[3].params == -1, "smallest first, unknown last");
	g = regdir_gap_of(&r, "Qwen2_5_VLForConditionalGeneration");
	is_int(regdir_samples(&r, g, s), 3, "samples");
	is_str(s[0].id, "Qwen/Qwen2.5-VL-3B-Instruct", "samples smallest first");
	is_int(s[0].downloads, 800000, "with the state's downloads");
	g = regdir_gap_of(&r, "PaliGemmaForConditionalGeneration");
	regdir_samples(&r, g, s);
	ok(s[0].params == -1 && s[0].downloads == -1,
	   "a sample the state does not know: sizes unknown");
	regdir_free(&r);
}

static void
test_broken(void)
{
	regdir r;
	char err[512];
	int st;

	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	ok(st < 0 && strstr(err, "no supported_models.json or "
	   "architecture_gaps.json"), "an empty directory (%s)", err);
	regdir_free(&r);
	st = regdir_load(&r, scratch_path("none"), err, sizeof err);
	ok(st < 0 && strstr(err, "cannot read ") &&
	   strstr(err, "none: No such file or directory"),
	   "a missing directory (%s)", err);
	regdir_free(&r);
	scratch_put("file", "");
	st = regdir_load(&r, scratch_path("file"), err, sizeof err);
	ok(st < 0 && strstr(err, "file: Not a directory"), "a file (%s)", err);
	regdir_free(&r);
	scratch_put("architecture_gaps.json", "{\"gaps\": [{\"total_models\": 3}]}");
	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	ok(st < 0 && strstr(err, "architecture_gaps.json: an entry without a "
	   "string \"architecture_id\", at byte 10"), "a gap without a name (%s)",
	   err);
	regdir_free(&r);
	scratch_put("architecture_gaps.json", "{\"gaps\": []}");
	scratch_put("supported_models.json", "{\"models\": [{\"architecture_id\": \"A\"}]}");
	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	ok(st < 0 && strstr(err, "model_id"), "a model without an id (%s)", err);
	regdir_free(&r);
	scratch_put("supported_models.json", "{\"models\": [{\"architecture_id\": \"A\", "
	    "\"model_id\": \"a/b\", \"verified\": true, \"verified_date\": 7}, "
	    "{\"architecture_id\": \"B\", \"model_id\": \"a/b\"}]}");
	scratch_put("verification_history.json", "{\"records\": 5}");
	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	is_int(st, 0, "an old entry; a history of another shape is ignored");
	ok(r.nmodel == 1 && r.model[0].status == REGDIR_VERIFIED &&
	   !r.model[0].verified && r.narch == 1,
	   "\"verified\": true is status 1; an id listed twice counts once");
	ok(!r.date && r.scanned == -1 && r.duration == -1, "no scan_info");
	regdir_free(&r);
	scratch_put("verification_history.json", "{\"records\": ");
	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	ok(st < 0 && strstr(err, "verification_history.json: "),
	   "a history that does not parse (%s)", err);
	regdir_free(&r);
	scratch_put("verification_history.json", "{}");
	scratch_put(".hf-report-state.ndjson", "{\"hf_report_state\":1}\nnot json\n");
	st = regdir_load(&r, scratch_dir(), err, sizeof err);
	ok(st < 0 && strstr(err, ".hf-report-state.ndjson:2: not a state line"),
	   "a state line that does not parse (%s)", err);
	regdir_free(&r);
}

int
main(void)
{
	test_fixture();
	test_broken();
	scratch_remove();
	return done_testing();
}
