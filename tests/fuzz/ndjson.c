/*
 * ndjson - the line reader over any bytes: NUL bytes, CR LF, no final
 * newline, lines at and past the limit.  The first byte sets the limit
 * (0 to 63) and the second the size of the read buffer (1 to 64 bytes),
 * so that growing, sliding and skipping happen on small inputs as they do
 * on 4 MiB lines.  Property: the reader returns exactly the lines, line
 * numbers and too-long verdicts of a plain split at '\n'.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/hf.h"
#include "fuzz.h"

/* What ndj_next must return for the line s[0..n) (the '\n' not in it). */
static void
expect(ndj_reader *r, const uint8_t *s, size_t n, size_t lineno)
{
	const char *line;
	size_t len = 0;
	int got = ndj_next(r, &line, &len);

	if (n && s[n - 1] == '\r')
		n--;
	fuzz_assert(r->lineno == lineno);
	if (n > r->max) {
		fuzz_assert(got == NDJ_TOOLONG);
	} else {
		fuzz_assert(got == NDJ_LINE);
		fuzz_assert(len == n && memcmp(line, s, n) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ndj_reader r;
	const char *line;
	size_t len, lineno = 0, max, cap;

	if (size < 2)
		return 0;
	max = data[0] % 64;
	cap = 1 + data[1] % 64;
	data += 2;
	size -= 2;
	fuzz_assert(ndj_open(&r, fuzz_file(data, size)) == 0);
	r.max = max;
	/* a smaller buffer than ndj_open's 256 KiB, before the first read
	 * allocates it */
	r.cap = cap;
	for (size_t at = 0; at < size;) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;

		expect(&r, data + at, n, ++lineno);
		at += n + (nl != NULL);
	}
	fuzz_assert(ndj_next(&r, &line, &len) == NDJ_EOF);
	fuzz_assert(ndj_next(&r, &line, &len) == NDJ_EOF && r.lineno == lineno);
	ndj_close(&r);
	return 0;
}
