/*
 * listfile - any bytes as a list file (--models-from, --exclude-ids,
 * --adapters), through lf_parse and lf_read.  Properties: every entry is
 * non-empty, holds no '#' and no white space at either end, stands in
 * the input, and the entries' lines only grow; lf_read gives the same
 * entries, or a one-line reason (a NUL byte, a line over its limit).
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/listfile.h"
#include "fuzz.h"

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lf_list l, f;
	char err[512] = "", *text = fuzz_str(data, size);
	char *copy = strdup(text);

	lf_parse(&l, text);
	for (size_t i = 0; i < l.n; i++) {
		const char *e = l.v[i];
		size_t n = strlen(e);

		fuzz_assert(n > 0 && !strchr(e, '#'));
		fuzz_assert(!space(e[0]) && !space(e[n - 1]));
		fuzz_assert(strstr(copy, e) != NULL);
		fuzz_assert(i == 0 || l.lineno[i] > l.lineno[i - 1]);
	}
	if (lf_read(&f, fuzz_file(data, size), "list", err, sizeof err) == 0) {
		fuzz_assert(f.n == l.n);
		for (size_t i = 0; i < f.n; i++)
			fuzz_assert(strcmp(f.v[i], l.v[i]) == 0 &&
			            f.lineno[i] == l.lineno[i]);
		lf_free(&f);
	} else {
		fuzz_assert(err[0] && !strchr(err, '\n'));
	}
	lf_free(&l);
	free(copy);
	return 0;
}
