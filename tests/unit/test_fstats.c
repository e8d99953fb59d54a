/* Unit tests of lib/fstats.c: hf-filter's counts written, read back, and
 * what is not them refused. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/fstats.h"
#include "tap.h"

#define REASONS "\"duplicate\":1,\"excluded\":2,\"quantized\":3," \
	"\"downloads\":4,\"architecture\":5,\"supported\":6," \
	"\"unsupported\":7,\"canonical\":8,\"author\":9"

static char err[256];

static int
parse(fst_counts *c, const char *text)
{
	err[0] = '\0';
	return fst_parse(c, text, strlen(text), err, sizeof err);
}

/* text is refused, with a reason that holds why. */
static void
refused(const char *text, const char *why, const char *name)
{
	fst_counts c;

	ok(parse(&c, text) == -1 && strstr(err, why), "%s: '%s'", name, err);
}

/* The counts with read, kept, inverted and dropped_by as given. */
static const char *
counts(const char *read, const char *kept, const char *inverted,
       const char *by)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, "{\"read\":%s,\"kept\":%s,\"dropped\":0,"
	         "\"inverted\":%s,\"dropped_by\":%s}\n", read, kept, inverted, by);
	return buf;
}

static void
test_round_trip(void)
{
	fst_counts c = { 100, 10, { 0 }, 0 }, back;
	hf_out w;
	int same = 1;

	for (int i = 0; i < FST_COUNT; i++)
		c.dropped[i] = i + 1;
	out_init_mem(&w);
	fst_write(&w, &c);
	ok(fst_parse(&back, w.buf, w.len, err, sizeof err) == 0,
	   "read back: '%s'", err);
	ok(w.len > 0 && w.buf[w.len - 1] == '\n' && !memchr(w.buf, '\n', w.len - 1),
	   "one line");
	w.buf[w.len - 1] = '\0';
	is_str(w.buf, "{\"read\":100,\"kept\":10,\"dropped\":90,\"inverted\":false,"
	       "\"dropped_by\":{" REASONS "}}",
	       "dropped is read - kept, the reasons in their order");
	ok(back.read == 100 && back.kept == 10 && !back.inverted,
	   "read, kept and inverted round-trip");
	for (int i = 0; i < FST_COUNT; i++)
		same &= back.dropped[i] == i + 1;
	ok(same, "each reason keeps its own count");

	w.len = 0;
	c.inverted = 1;
	c.read = INT64_MAX;
	c.kept = 0;
	c.dropped[FST_AUTHOR] = INT64_MAX;
	fst_write(&w, &c);
	ok(fst_parse(&back, w.buf, w.len, err, sizeof err) == 0 && back.inverted &&
	   back.read == INT64_MAX && back.dropped[FST_AUTHOR] == INT64_MAX,
	   "--invert and int64's top round-trip: '%s'", err);
	free(w.buf);

	ok(parse(&back, counts("0", "0", "false", "{" REASONS "}")) == 0 &&
	   back.read == 0 && back.dropped[FST_DUPLICATE] == 1 &&
	   back.dropped[FST_CANONICAL] == 8, "zero records read");
	ok(parse(&back, "{\"dropped_by\":{" REASONS "},\"inverted\":true,"
	         "\"kept\":2,\"read\":3}") == 0 && back.read == 3 &&
	   back.kept == 2 && back.inverted,
	   "keys in another order, no newline, no dropped (it is read - kept)");
}

static void
test_reasons(void)
{
	static const char *const keys[FST_COUNT] = {
		"duplicate", "excluded", "quantized", "downloads", "architecture",
		"supported", "unsupported", "canonical", "author"
	};

	for (int i = 0; i < FST_COUNT; i++) {
		char by[512] = "{", name[64];
		fst_counts c;
		int n = 1;

		is_str(fst_reason[i], keys[i], "a reason's key");
		/* every reason 0 but this one; then every one but this one */
		for (int k = 0; k < FST_COUNT; k++)
			n += snprintf(by + n, sizeof by - (size_t)n, "%s\"%s\":%d",
			              k ? "," : "", keys[k], k == i ? 42 : 0);
		strcat(by, "}");
		ok(parse(&c, counts("50", "8", "false", by)) == 0 &&
		   c.dropped[i] == 42, "dropped_by.%s read into its place", keys[i]);
		n = 1;
		by[1] = '\0';
		for (int k = 0; k < FST_COUNT; k++)
			if (k != i)
				n += snprintf(by + n, sizeof by - (size_t)n, "%s\"%s\":1",
				              n > 1 ? "," : "", keys[k]);
		strcat(by, "}");
		snprintf(name, sizeof name, "without dropped_by.%s", keys[i]);
		refused(counts("50", "8", "false", by), "not the counts of hf-filter",
		        name);
	}
}

static void
test_refusals(void)
{
	refused("", "empty line", "empty");
	refused("read 5 kept 3\n", "not a JSON object", "not JSON");
	refused("{\"read\":5,", "truncated JSON", "cut short");
	refused("[5,3]", "not a JSON object", "an array");
	refused("{}", "not the counts of hf-filter", "an empty object");
	refused("{\"kept\":3,\"inverted\":false,\"dropped_by\":{" REASONS "}}",
	        "not the counts of hf-filter", "without read");
	refused("{\"read\":3,\"inverted\":false,\"dropped_by\":{" REASONS "}}",
	        "not the counts of hf-filter", "without kept");
	refused("{\"read\":3,\"kept\":3,\"dropped_by\":{" REASONS "}}",
	        "not the counts of hf-filter", "without inverted");
	refused("{\"read\":3,\"kept\":3,\"inverted\":false}",
	        "not the counts of hf-filter", "without dropped_by");
	refused(counts("-1", "0", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "a negative read");
	refused(counts("5", "-2", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "a negative kept");
	refused(counts("5", "2", "false", "{\"duplicate\":-1,\"excluded\":2,"
	        "\"quantized\":3,\"downloads\":4,\"architecture\":5,"
	        "\"supported\":6,\"unsupported\":7,\"canonical\":8,\"author\":9}"),
	        "not the counts of hf-filter", "a negative reason");
	refused(counts("\"5\"", "2", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "read as a string");
	refused(counts("5.5", "2", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "read with a fraction");
	refused(counts("5e2", "2", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "read with an exponent");
	refused(counts("99999999999999999999", "2", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "read past int64");
	refused(counts("5", "null", "false", "{" REASONS "}"),
	        "not the counts of hf-filter", "kept null");
	refused(counts("5", "2", "\"false\"", "{" REASONS "}"),
	        "not the counts of hf-filter", "inverted as a string");
	refused(counts("5", "2", "0", "{" REASONS "}"),
	        "not the counts of hf-filter", "inverted as a number");
	refused(counts("5", "2", "false", "[1,2,3,4,5,6,7,8,9]"),
	        "not the counts of hf-filter", "dropped_by as an array");
	refused(counts("5", "2", "false", "{\"duplicate\":true,\"excluded\":2,"
	        "\"quantized\":3,\"downloads\":4,\"architecture\":5,"
	        "\"supported\":6,\"unsupported\":7,\"canonical\":8,\"author\":9}"),
	        "not the counts of hf-filter", "a reason as a boolean");
	refused("{\"read\":1,\"kept\":1,\"inverted\":false,\"dropped_by\":{"
	        REASONS "}}\n{\"read\":1}\n", "more than one JSON value", "two objects");
}

int
main(void)
{
	test_round_trip();
	test_reasons();
	test_refusals();
	return done_testing();
}
