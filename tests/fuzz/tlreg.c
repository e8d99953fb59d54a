/*
 * tlreg - a TransformerLens registry directory merged with records, as
 * hf-report -o DIR does it (lib/tlreg.c).  The input is four parts
 * separated by lines "%%": supported_models.json, architecture_gaps.json,
 * the state file .hf-report-state.ndjson (an empty part: no such file),
 * and the records (model and gap records).  They go into a directory of
 * the harness's own, through tl_load, tl_add_record (by rec_each, as
 * hf-report reads its input), tl_finish, the writers and tl_commit.
 * Properties: a directory that does not load says why in one line; one
 * that loads merges, and what the writers give parses (the state line by
 * line), is what tl_commit puts on disk, and loads again; merging the
 * same records into it again changes neither registry file; the merge's
 * summary (lib/summary.c) round-trips through sum_write_json and
 * sum_parse.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/record.h"
#include "../../lib/summary.h"
#include "../../lib/tlreg.h"
#include "fuzz.h"

static const char *const files[] = {
	"supported_models.json", "architecture_gaps.json", TL_STATE_FILE
};

static char dir[4096];
static adapters ad;
static tl_scan scan;

static void
setup(void)
{
	char err[256];

	hf_setprogname("tlreg");
	/* generated_at from it, the same day whenever the input runs */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fuzz_assert(adapters_load(&ad, "", err, sizeof err) == 0);
	scan = (tl_scan){ "text-generation", 10, -1, 1.5, &ad };
	snprintf(dir, sizeof dir, "%s", fuzz_path("registry"));
	fuzz_assert(mkdir(dir, 0700) == 0);
}

static const char *
in_dir(const char *name)
{
	static char path[sizeof dir + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* dir/name is exactly w's text. */
static void
on_disk(const char *name, const hf_out *w)
{
	size_t len;
	char *text = file_read(in_dir(name), SIZE_MAX / 2, &len);

	fuzz_assert(text && len == w->len && memcmp(text, w->buf, len) == 0);
	free(text);
}

static void
parses(const hf_out *w, int ndjson)
{
	static json_doc d;
	const char *why, *p = w->buf, *end = w->buf + w->len;

	while (p < end) {
		const char *nl = ndjson ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (json_parse(&d, p, n, 1, &why) != 0)
			fuzz_fail(why, __FILE__, __LINE__);
		p += n + 1;
	}
}

/* The summary of m written, read back and written again: the same. */
static void
check_summary(const tl_merge *m)
{
	sum_report s, back;
	hf_out a, b;
	char err[256];

	out_init_mem(&a);
	out_init_mem(&b);
	sum_from_merge(&s, m, NULL, -1, 0);
	sum_write_json(&a, &s);
	if (sum_parse(&back, a.buf, a.len, err, sizeof err) != 0)
		fuzz_fail(err, __FILE__, __LINE__);
	sum_write_json(&b, &back);
	fuzz_assert(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0);
	sum_free(&s);
	sum_free(&back);
	out_free(&a);
	out_free(&b);
}

/* Merge the records file into dir; the registry files' text in sup and
 * gaps.  -1 when dir does not load. */
static int
merge(const char *records, hf_out *sup, hf_out *gaps, int first)
{
	char *const rec[] = { (char *)records };
	char err[512];
	hf_out changes, state, quiet;
	tl_merge m;

	tl_init(&m, &scan);
	if (tl_load(&m, dir, err, sizeof err) < 0) {
		fuzz_assert(first && err[0] && !strchr(err, '\n'));
		tl_free(&m);
		return -1;
	}
	out_init_mem(&quiet);
	rec_each(rec, 1, 0, &quiet, tl_add_record, &m);
	out_init_mem(&changes);
	tl_finish(&m, &changes);
	out_init_mem(&state);
	tl_write_state(&state, &m);
	tl_write_supported(sup, &m);
	tl_write_gaps(gaps, &m);
	fuzz_assert(state.len >= strlen(TL_STATE_HEADER) &&
	            memcmp(state.buf, TL_STATE_HEADER,
	                   strlen(TL_STATE_HEADER)) == 0);
	parses(&state, 1);
	parses(sup, 0);
	parses(gaps, 0);
	check_summary(&m);
	if (tl_commit(&m, err, sizeof err) != 0)
		fuzz_fail(err, __FILE__, __LINE__);
	on_disk(files[0], sup);
	on_disk(files[1], gaps);
	on_disk(files[2], &state);
	tl_free(&m);
	out_free(&changes);
	out_free(&state);
	out_free(&quiet);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data, *end = rest + size, *records;
	hf_out sup, gaps, sup2, gaps2;

	if (!dir[0])
		setup();
	unlink(in_dir("verification_history.json"));
	for (size_t i = 0; i < 3; i++) {
		size_t n;
		const char *part = fuzz_part(&rest, end, &n);

		if (part && n)
			fuzz_put(in_dir(files[i]), part, n);
		else
			unlink(in_dir(files[i]));
	}
	records = rest ? fuzz_file((const uint8_t *)rest, (size_t)(end - rest))
	               : fuzz_file(NULL, 0);
	out_init_mem(&sup);
	out_init_mem(&gaps);
	out_init_mem(&sup2);
	out_init_mem(&gaps2);
	if (merge(records, &sup, &gaps, 1) == 0) {
		/* what it wrote loads, and the same scan again is no change */
		fuzz_assert(merge(records, &sup2, &gaps2, 0) == 0);
		fuzz_assert(sup2.len == sup.len &&
		            memcmp(sup2.buf, sup.buf, sup.len) == 0);
		fuzz_assert(gaps2.len == gaps.len &&
		            memcmp(gaps2.buf, gaps.buf, gaps.len) == 0);
	}
	out_free(&sup);
	out_free(&gaps);
	out_free(&sup2);
	out_free(&gaps2);
	return 0;
}
