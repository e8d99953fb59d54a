/*
 * listings - any bytes as an hf-list --listings file, each entry through
 * lst_parse_line.  Properties: a line that parses and passes lst_check
 * gives a first-page URL under the endpoint that is a URL (it has an
 * origin), and a description; one that does not says why in one line
 * of valid UTF-8 without control bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/http.h"
#include "../../lib/listfile.h"
#include "../../lib/listing.h"
#include "fuzz.h"

#define ENDPOINT "http://127.0.0.1:8080"

/* A C1 control (U+0080 to U+009F) in s, which some terminals obey. */
static int
c1_control(const char *s)
{
	for (; (s = strchr(s, '\xc2')); s++)
		if ((unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xa0)
			return 1;
	return 0;
}

/* One entry of the file, as hf-list hands it over; the first page's
 * expand fields are the default ones with defaults set (the same twelve
 * for every line: once an input is enough), else one. */
static void
one_line(char *line, int *defaults)
{
	static const char *const one[] = { "config" };
	lst_query q;
	char err[256] = "", words[1024], *url, *key; /* lst_read_file's size */

	lst_init(&q);
	if (lst_parse_line(&q, line, err, sizeof err) < 0 ||
	    lst_check(&q, err, sizeof err) < 0) {
		fuzz_assert(err[0]);
		/* one line a terminal shows as it is: no control byte, no
		 * invalid UTF-8 (what was typed is shown as \xNN) */
		for (const char *p = err; *p; p++)
			fuzz_assert((unsigned char)*p >= 0x20 && *p != 0x7f);
		fuzz_assert(utf8_valid((const unsigned char *)err, strlen(err)));
		fuzz_assert(!c1_control(err));
		return;
	}
	url = lst_url(&q, ENDPOINT, 1000, one, *defaults ? 0 : 1);
	*defaults = 0;
	fuzz_assert(strncmp(url, ENDPOINT "/api/models?", 33) == 0);
	fuzz_assert(!strpbrk(url, " \t\r\n\"<>\\^`{|}"));
	key = http_origin_key(url);
	fuzz_assert(key && strcmp(key, "http://127.0.0.1:8080") == 0);
	lst_describe(&q, words, sizeof words);
	free(key);
	free(url);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lf_list l;
	int defaults = 1;

	/* the file cut into lines as hf-list --listings reads it */
	lf_parse(&l, fuzz_str(data, size));
	for (size_t i = 0; i < l.n; i++)
		one_line(l.v[i], &defaults);
	lf_free(&l);
	return 0;
}
