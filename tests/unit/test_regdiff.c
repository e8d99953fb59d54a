/* Unit tests of lib/regdiff.c: the fixture's changes (old -> reg, as its
 * README.md lists them), order, a model that changes architecture, the
 * cut of long lists. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/regdiff.h"
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

static void
test_fixture(void)
{
	regdir old, new;
	rdiff d;
	hf_out w;
	const rdiff_change *c;

	load(&old, FIX "/old");
	load(&new, FIX "/reg");
	rdiff_compute(&d, &old, &new);
	is_int(d.n, 10, "ten changes");
	is_int(d.count[RDIFF_MODEL_ADDED], 1, "one model added");
	is_int(d.count[RDIFF_GAP_RANK], 2, "two rank moves");
	c = &d.v[0];
	ok(c->type == RDIFF_MODEL_ADDED && strcmp(c->id, "Qwen/Qwen2.5-0.5B") == 0,
	   "model records first");
	c = &d.v[4];
	ok(c->type == RDIFF_GAP_SUPPORTED && strcmp(c->arch, "Qwen2ForCausalLM") == 0
	   && c->old_rank == 4 && c->supported == 3,
	   "a gap that became supported, with its supported models");
	c = &d.v[6];
	ok(c->type == RDIFF_GAP_RANK && c->new_rank == 2 && c->old_rank == 3 &&
	   d.v[7].new_rank == 3, "rank moves by new rank");
	is_str(rdiff_type_name(RDIFF_GAP_COUNTS), "gap_counts", "type names");
	out_init_mem(&w);
	rdiff_write_ndjson(&w, &d);
	out_putc(&w, '\0');
	ok(strncmp(w.buf, "{\"type\":\"model_added\",\"architecture_id\":"
	   "\"Qwen2ForCausalLM\",\"model_id\":\"Qwen/Qwen2.5-0.5B\"}\n", 90) == 0,
	   "the first record");
	free(w.buf);
	rdiff_free(&d);
	rdiff_compute(&d, &new, &new);
	is_int(d.n, 0, "a registry against itself: nothing");
	out_init_mem(&w);
	{
		doc o;

		doc_init(&o, &w, DOC_MD);
		rdiff_write_doc(&o, &d, 2);
	}
	out_putc(&w, '\0');
	is_str(w.buf, "## Since the last scan\n\nNothing changed since the last "
	       "scan (2026-11-24, 1,200 models scanned).\n\n", "and says so");
	free(w.buf);
	rdiff_free(&d);
	regdir_free(&old);
	regdir_free(&new);
}

/* A registry in the scratch directory dir: n models a/m0 ... of
 * architecture arch. */
static void
models(const char *dir, const char *arch, int n)
{
	char name[64];
	hf_out w;

	out_init_mem(&w);
	out_puts(&w, "{\"models\": [");
	for (int i = 0; i < n; i++)
		out_printf(&w, "%s{\"architecture_id\": \"%s\", \"model_id\": "
		           "\"a/m%d\"}", i ? ", " : "", arch, i);
	out_puts(&w, "]}");
	out_putc(&w, '\0');
	snprintf(name, sizeof name, "%s/supported_models.json", dir);
	scratch_put(name, w.buf);
	free(w.buf);
}

static void
test_synthetic(void)
{
	regdir old, new;
	rdiff d;
	hf_out w;
	doc o;

	scratch_mkdir("a");
	scratch_mkdir("b");
	models("a", "X", 1);
	models("b", "Y", 1);
	load(&old, scratch_path("a"));
	load(&new, scratch_path("b"));
	rdiff_compute(&d, &old, &new);
	ok(d.n == 2 && d.v[0].type == RDIFF_MODEL_ADDED &&
	   strcmp(d.v[0].arch, "Y") == 0 && d.v[1].type == RDIFF_MODEL_REMOVED &&
	   strcmp(d.v[1].arch, "X") == 0,
	   "a model that changed architecture: added to one, removed from the other");
	rdiff_free(&d);
	regdir_free(&old);
	regdir_free(&new);
	models("a", "X", 0);
	models("b", "X", RDIFF_LIST_MAX + 3);
	load(&old, scratch_path("a"));
	load(&new, scratch_path("b"));
	rdiff_compute(&d, &old, &new);
	is_int(d.n, RDIFF_LIST_MAX + 3, "every model a record");
	ok(strcmp(d.v[1].id, "a/m1") == 0 && strcmp(d.v[2].id, "a/m10") == 0,
	   "in byte order of model_id");
	out_init_mem(&w);
	doc_init(&o, &w, DOC_MD);
	rdiff_write_doc(&o, &d, 2);
	out_putc(&w, '\0');
	ok(strstr(w.buf, "And 3 more (hf-diff lists them all).") != NULL,
	   "the section cuts long lists and says how many more");
	ok(strstr(w.buf, "### Supported models added (53)\n") != NULL,
	   "with the whole count in the heading");
	ok(strstr(w.buf, "against the last (undated)") != NULL,
	   "a registry without a date");
	free(w.buf);
	rdiff_free(&d);
	regdir_free(&old);
	regdir_free(&new);
}

int
main(void)
{
	test_fixture();
	test_synthetic();
	scratch_remove();
	return done_testing();
}
