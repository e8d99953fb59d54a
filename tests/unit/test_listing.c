/* Unit tests of lib/listing.c: a listings-file line into a query, its
 * messages, and the first page's URL. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "../../lib/listing.h"
#include "tap.h"

#define ENDPOINT "http://h:1"

/* lst_parse_line of text: its status, the message in err. */
static int
parse(lst_query *q, const char *text, char *err, size_t errlen)
{
	static char line[512];

	strcpy(line, text); /* cut in place, and must outlive q */
	lst_init(q);
	err[0] = '\0';
	return lst_parse_line(q, line, err, errlen);
}

static void
refused(const char *text, const char *want, const char *name)
{
	lst_query q;
	char err[256];

	ok(parse(&q, text, err, sizeof err) < 0 && strcmp(err, want) == 0,
	   "%s: '%s' (got '%s')", name, want, err);
}

static void
test_lines(void)
{
	lst_query q;
	char err[256], *url;

	ok(parse(&q, "--author google -o out/google.ndjson --label=g "
	         "--filter a --filter=b --sort likes --limit 5", err,
	         sizeof err) == 0, "a line of options (%s)", err);
	is_str(q.author, "google", "--author VALUE");
	is_str(q.output, "out/google.ndjson", "-o FILE");
	is_str(q.label, "g", "--label=NAME");
	ok(q.nfilter == 2 && strcmp(q.filter[1], "b") == 0, "two tags");
	url = lst_url(&q, ENDPOINT, 1000, NULL, 0);
	ok(strncmp(url, ENDPOINT "/api/models?filter=a&filter=b&author=google"
	           "&sort=likes&limit=5&expand=author&", 73) == 0,
	   "the first page's URL (%s)", url);
	free(url);
	refused("--bogus 1", "--bogus is not a listing option", "an unknown option");
	refused("author x", "author is not a listing option", "a word without '-'");
	refused("--author", "--author needs a value", "a missing value");
	refused("--gated=yes", "--gated takes no value", "a value for a flag");
	refused("--limit x", "--limit takes a whole number", "a bad number");
	/* found by the listings fuzz harness: the word went into the message
	 * as it was, control bytes and all */
	refused("--a\x1b[2Jb\x01\xff", "--a\\x1b[2Jb\\x01\\xff is not a listing "
	        "option", "an unknown option's control bytes and invalid UTF-8 "
	        "shown as \\xNN");
	refused("--\xc3\xa9t\xc3\xa9", "--\xc3\xa9t\xc3\xa9 is not a listing option",
	        "valid UTF-8 as it is");
}

int
main(void)
{
	test_lines();
	return done_testing();
}
