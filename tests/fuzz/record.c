/*
 * record - one input line as the record stages read it: hf-arch's
 * architecture, params and spec, hf-filter's id, author, quantization and
 * adapter look-ups, hf-score's downloads, estimate and gap record.
 * Properties: what hf-arch writes is one JSON object again, and a second
 * pass changes nothing more (the first may drop white space); every gap
 * record parses; an estimate is a count.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/model.h"
#include "../../lib/record.h"
#include "../../lib/score.h"
#include "fuzz.h"

static const char *const ours[] = { "architecture", "params", "spec", NULL };

/* Kept from one input to the next (json_parse reuses a document's
 * tokens): a fresh token array and buffer per parse made a third of the
 * harness's time. */
static json_doc in, d2, d3, gap_doc;
static hf_out once, twice, thrice, gap_out;

/* The record as hf-arch --spec writes it, without the newline. */
static void
annotate(hf_out *w, const json_doc *d)
{
	model_issues iss = { { 0 }, 0 };
	int arch = model_arch(d, &iss);
	int64_t params;
	int have_params = model_params(d, &params, &iss) == 0;
	model_spec s;
	size_t n;

	out_puts(w, rec_write_open(w, d, ours) ? ",\"architecture\":"
	                                       : "\"architecture\":");
	if (arch >= 0) {
		const char *a = json_span(d, arch, &n);

		out_write(w, a, n);
	} else {
		out_puts(w, "null");
	}
	out_puts(w, ",\"params\":");
	if (have_params)
		out_int(w, params);
	else
		out_puts(w, "null");
	model_get_spec(d, &s);
	out_puts(w, ",\"spec\":");
	model_write_spec(w, &s);
	out_putc(w, '}');
}

/* hf-filter's and hf-score's reads, and one gap record from the line. */
static void
judge(const json_doc *d, const adapters *ad)
{
	model_issues iss = { { 0 }, 0 };
	size_t idn = 0, an = 0, aun = 0;
	const char *id = model_id(d, &idn);
	const char *author = model_author(d, &aun);
	int a = model_record_arch(d, &iss);
	int64_t params = -1, dl = 0;
	int estimated = 0;
	const adapter *sup = NULL;

	if (a >= 0) {
		const char *arch = json_raw(d, a, &an);

		sup = adapters_find(ad, arch, an);
	}
	if (author)
		adapter_has_org(sup, author, aun);
	if (id)
		quant_name_marker(id, idn);
	model_quantized(d, QUANT_BY_ANY);
	if (model_record_params(d, &params, &iss) < 0)
		params = -1;
	if (params < 0 && model_estimate_params(d, &params) == 0) {
		fuzz_assert(params >= 0);
		estimated = 1;
	}
	model_int(d, "downloads", &dl, &iss);
	fuzz_assert(iss.n <= 8);
	if (a >= 0 && json_is_string(d, json_get(d, 0, "id"))) {
		char *arch = json_strdup(d, a);
		char *mid = json_strdup(d, json_get(d, 0, "id"));
		gap_set g;
		const char *why;

		gaps_init(&g);
		gap_add_model(gaps_get(&g, arch, strlen(arch)), mid, strlen(mid),
		              dl, params, estimated);
		gaps_score(&g);
		gap_out.len = 0;
		gap_write_record(&gap_out, &g.v[0]);
		fuzz_assert(gap_out.len > 0 && gap_out.buf[gap_out.len - 1] == '\n');
		fuzz_assert(json_parse(&gap_doc, gap_out.buf, gap_out.len - 1, 1,
		                       &why) == 0);
		gaps_free(&g);
		free(arch);
		free(mid);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static adapters ad;
	static int loaded;
	const char *why;
	char err[256];

	if (!loaded) {
		fuzz_assert(adapters_load(&ad, "", err, sizeof err) == 0);
		out_init_mem(&once);
		out_init_mem(&twice);
		out_init_mem(&thrice);
		out_init_mem(&gap_out);
		loaded = 1;
	}
	if (json_parse(&in, (const char *)data, size, 1, &why) < 0)
		return 0;
	judge(&in, &ad);
	once.len = twice.len = thrice.len = 0;
	annotate(&once, &in);
	if (json_parse(&d2, once.buf, once.len, 1, &why) != 0)
		fuzz_fail(why, __FILE__, __LINE__);
	annotate(&twice, &d2);
	fuzz_assert(json_parse(&d3, twice.buf, twice.len, 1, &why) == 0);
	annotate(&thrice, &d3);
	fuzz_assert(thrice.len == twice.len &&
	            memcmp(thrice.buf, twice.buf, twice.len) == 0);
	return 0;
}
