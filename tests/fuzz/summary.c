/*
 * summary - any bytes as hf-report --summary-json's file, through
 * sum_parse (what --print-summary reads).  Properties: a summary that
 * parses is written by sum_write_json as one line of JSON that parses
 * again, to the same summary: written a second time, the same bytes;
 * the scraper's closing report can be written from it.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/summary.h"
#include "fuzz.h"

static hf_out once, twice, text;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sum_report s, back;
	char err[256];

	if (!once.buf) {
		out_init_mem(&once);
		out_init_mem(&twice);
		out_init_mem(&text);
	}
	if (sum_parse(&s, (const char *)data, size, err, sizeof err) < 0) {
		fuzz_assert(err[0] && !strchr(err, '\n'));
		return 0;
	}
	once.len = twice.len = text.len = 0;
	sum_write_json(&once, &s);
	fuzz_assert(once.len > 0 && once.buf[once.len - 1] == '\n' &&
	            memchr(once.buf, '\n', once.len) == once.buf + once.len - 1);
	if (sum_parse(&back, once.buf, once.len, err, sizeof err) < 0)
		fuzz_fail(err, __FILE__, __LINE__);
	sum_write_json(&twice, &back);
	fuzz_assert(twice.len == once.len &&
	            memcmp(twice.buf, once.buf, once.len) == 0);
	sum_write_text(&text, &s);
	sum_free(&s);
	sum_free(&back);
	return 0;
}
