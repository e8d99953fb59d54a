/* Unit tests of lib/listing.c: a listing's options one by one, its line
 * in a listings file, the file itself, its first URL and its words. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/listing.h"
#include "scratch.h"
#include "tap.h"

#define ENDPOINT "http://h:1"
#define DEFAULT_EXPAND "expand=author&expand=downloads&expand=downloadsAllTime" \
	"&expand=likes&expand=tags&expand=pipeline_tag&expand=library_name" \
	"&expand=gated&expand=createdAt&expand=lastModified&expand=config" \
	"&expand=safetensors"
#define SORT_MSG "--sort takes downloads, likes, lastModified, createdAt, " \
	"trendingScore or none"

static char err[512];

/* Set one option on a fresh query; lst_set's result. */
static int
set1(lst_query *q, int val, const char *v)
{
	lst_init(q);
	err[0] = '\0';
	return lst_set(q, val, v, err, sizeof err);
}

/* lst_set refuses val=v with exactly msg. */
static void
set_refused(int val, const char *v, const char *msg, const char *name)
{
	lst_query q;

	ok(set1(&q, val, v) == -1 && strcmp(err, msg) == 0, "%s ('%s'): '%s'",
	   name, v ? v : "(none)", err);
}

/* Parse a copy of line into q (fresh); the result, err set. */
static int
parse(lst_query *q, const char *line)
{
	static char buf[8][512];
	static int k;
	char *copy = strcpy(buf[k++ % 8], line);

	lst_init(q);
	err[0] = '\0';
	return lst_parse_line(q, copy, err, sizeof err);
}

static void
parse_refused(const char *line, const char *msg, const char *name)
{
	lst_query q;

	ok(parse(&q, line) == -1 && strcmp(err, msg) == 0, "%s: '%s'", name, err);
}

/* The URL of q, freed at the next call. */
static const char *
url(const lst_query *q, int64_t page, const char *const *expand, int n)
{
	static char *last;

	free(last);
	return last = lst_url(q, ENDPOINT, page, expand, n);
}

static const char *
describe(const lst_query *q)
{
	static char buf[512];

	lst_describe(q, buf, sizeof buf);
	return buf;
}

static void
test_set(void)
{
	static const char *const sorts[][2] = {
		{ "none", "none" }, { "downloads", "downloads" }, { "likes", "likes" },
		{ "lastModified", "lastModified" }, { "last_modified", "lastModified" },
		{ "createdAt", "createdAt" }, { "created_at", "createdAt" },
		{ "trendingScore", "trendingScore" },
		{ "trending_score", "trendingScore" }
	};
	static const char *const bad_counts[] = {
		"", "x", "-1", "+5", " 5", "5 ", "1.5", "1e3", "0x10",
		"9223372036854775808"
	};
	lst_query q;
	const char *author = "google";

	lst_init(&q);
	ok(q.nfilter == 0 && !q.author && !q.search && !q.pipeline_tag &&
	   !q.num_parameters && !q.gated && !q.output && !q.label &&
	   !q.tee && !q.order_given && q.lineno == 0, "lst_init: nothing set");
	is_str(q.sort, "downloads", "lst_init: the downloads order");
	ok(q.limit == -1 && q.min_downloads == -1, "lst_init: no limits");

	ok(lst_set(&q, LST_O_TASK, "text-generation", err, sizeof err) == 0 &&
	   lst_set(&q, LST_O_FILTER, "llama", err, sizeof err) == 0 &&
	   lst_set(&q, LST_O_TASK, "en", err, sizeof err) == 0 && q.nfilter == 3,
	   "--task and --filter are tags, in the order given");
	ok(strcmp(q.filter[0], "text-generation") == 0 &&
	   strcmp(q.filter[1], "llama") == 0 && strcmp(q.filter[2], "en") == 0,
	   "each tag kept");
	ok(lst_set(&q, LST_O_AUTHOR, author, err, sizeof err) == 0 &&
	   q.author == author, "--author points at the caller's string");
	ok(set1(&q, LST_O_SEARCH, "gpt") == 0 && strcmp(q.search, "gpt") == 0,
	   "--search");
	ok(set1(&q, LST_O_PIPE, "fill-mask") == 0 &&
	   strcmp(q.pipeline_tag, "fill-mask") == 0, "--pipeline-tag");
	ok(set1(&q, LST_O_NUMP, "min:6B") == 0 &&
	   strcmp(q.num_parameters, "min:6B") == 0,
	   "--num-parameters is the Hub's to check");
	ok(set1(&q, LST_O_GATED, NULL) == 0 && strcmp(q.gated, "true") == 0,
	   "--gated");
	ok(lst_set(&q, LST_O_NOGATED, NULL, err, sizeof err) == 0 &&
	   strcmp(q.gated, "false") == 0, "--no-gated after --gated: the last wins");
	ok(set1(&q, LST_O_OUTPUT, "o.ndjson") == 0 &&
	   strcmp(q.output, "o.ndjson") == 0, "-o");
	ok(set1(&q, LST_O_LABEL, "main") == 0 && strcmp(q.label, "main") == 0,
	   "--label");

	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
		ok(set1(&q, LST_O_SORT, sorts[i][0]) == 0 &&
		   strcmp(q.sort, sorts[i][1]) == 0 && q.order_given,
		   "--sort %s is the Hub's %s", sorts[i][0], sorts[i][1]);
	set_refused(LST_O_SORT, "sideways", SORT_MSG, "an unknown sort");
	set_refused(LST_O_SORT, "Downloads", SORT_MSG, "sort keys are case-sensitive");
	set_refused(LST_O_SORT, "downloads_all_time", SORT_MSG,
	            "a snake_case name the Hub lacks");
	set_refused(LST_O_SORT, "", SORT_MSG, "an empty sort");

	ok(set1(&q, LST_O_LIMIT, "0") == 0 && q.limit == 0, "--limit 0");
	ok(set1(&q, LST_O_LIMIT, "9223372036854775807") == 0 &&
	   q.limit == INT64_MAX, "--limit at int64's top");
	ok(set1(&q, LST_O_MIN, "500") == 0 && q.min_downloads == 500,
	   "--min-downloads");
	ok(!q.order_given, "--min-downloads is no order");
	for (size_t i = 0; i < sizeof bad_counts / sizeof bad_counts[0]; i++) {
		set_refused(LST_O_LIMIT, bad_counts[i], "--limit takes a whole number",
		            "a bad --limit");
		set_refused(LST_O_MIN, bad_counts[i],
		            "--min-downloads takes a whole number",
		            "a bad --min-downloads");
	}

	lst_init(&q);
	for (int i = 0; i < LST_TAGS_MAX; i++)
		lst_set(&q, LST_O_FILTER, "t", err, sizeof err);
	ok(q.nfilter == LST_TAGS_MAX, "%d tags taken", LST_TAGS_MAX);
	err[0] = '\0';
	ok(lst_set(&q, LST_O_TASK, "one-more", err, sizeof err) == -1 &&
	   strcmp(err, "more than 32 tags") == 0 && q.nfilter == LST_TAGS_MAX,
	   "one more is refused, the others kept: '%s'", err);
	set_refused('j', "4", "not a listing option", "another tool's option");
	set_refused(0, NULL, "not a listing option", "no option at all");
}

static void
test_check(void)
{
	lst_query q;

	lst_init(&q);
	ok(lst_check(&q, err, sizeof err) == 0, "no options: fine");
	lst_set(&q, LST_O_MIN, "10", err, sizeof err);
	ok(lst_check(&q, err, sizeof err) == 0,
	   "--min-downloads in the default order");
	lst_set(&q, LST_O_SORT, "downloads", err, sizeof err);
	ok(lst_check(&q, err, sizeof err) == 0,
	   "--min-downloads with --sort downloads");
	lst_set(&q, LST_O_SORT, "likes", err, sizeof err);
	err[0] = '\0';
	ok(lst_check(&q, err, sizeof err) == -1 &&
	   strcmp(err, "--min-downloads needs the downloads order") == 0,
	   "--min-downloads with --sort likes: '%s'", err);
	lst_set(&q, LST_O_SORT, "none", err, sizeof err);
	ok(lst_check(&q, err, sizeof err) == -1, "--min-downloads with --sort none");
	lst_init(&q);
	lst_set(&q, LST_O_SORT, "likes", err, sizeof err);
	lst_set(&q, LST_O_LIMIT, "5", err, sizeof err);
	ok(lst_check(&q, err, sizeof err) == 0, "--limit goes with any order");
}

static void
test_parse_line(void)
{
	lst_query q;
	int n = 0;

	ok(parse(&q, "--task text-generation --author google --search gpt "
	         "--pipeline-tag text-generation --gated --num-parameters "
	         "min:1B --sort likes --limit 7") == 0, "--opt value: '%s'", err);
	ok(q.nfilter == 1 && strcmp(q.filter[0], "text-generation") == 0 &&
	   strcmp(q.author, "google") == 0 && strcmp(q.search, "gpt") == 0 &&
	   strcmp(q.pipeline_tag, "text-generation") == 0 &&
	   strcmp(q.gated, "true") == 0 &&
	   strcmp(q.num_parameters, "min:1B") == 0 &&
	   strcmp(q.sort, "likes") == 0 && q.limit == 7,
	   "every option as it was given");
	ok(parse(&q, "--filter=llama --author=Qwen --limit=3 --min-downloads=9 "
	         "--no-gated --search=a=b") == 0 &&
	   strcmp(q.filter[0], "llama") == 0 && strcmp(q.author, "Qwen") == 0 &&
	   q.limit == 3 && q.min_downloads == 9 && strcmp(q.gated, "false") == 0,
	   "--opt=value");
	is_str(q.search, "a=b", "a value holding '=' is cut at the first");
	ok(parse(&q, "-o out.ndjson --label main --author x") == 0 &&
	   strcmp(q.output, "out.ndjson") == 0 && strcmp(q.label, "main") == 0,
	   "-o FILE and --label NAME");
	ok(parse(&q, "--label=sweep -o=o2") == 0 && strcmp(q.label, "sweep") == 0 &&
	   strcmp(q.output, "o2") == 0 && !q.tee, "--label=NAME, -o=FILE");
	ok(parse(&q, "-o main --tee --task x") == 0 && q.tee &&
	   strcmp(q.output, "main") == 0 && q.nfilter == 1, "--tee takes no value");
	parse_refused("--tee=yes", "--tee takes no value", "--tee=VALUE");
	ok(parse(&q, "-o sweep --tee-fd 3") == 0 && q.tee == 3, "--tee-fd N");
	parse_refused("--tee-fd 2", "--tee-fd takes a descriptor other than 0 and "
	              "2, below 1024", "--tee-fd 2: standard error");
	parse_refused("--tee-fd 0", "--tee-fd takes a descriptor other than 0 and "
	              "2, below 1024", "--tee-fd 0: standard input");
	ok(parse(&q, " \t --author\t\tgoogle   --limit  2 \t") == 0 &&
	   strcmp(q.author, "google") == 0 && q.limit == 2,
	   "spaces and tabs around and between words");
	ok(parse(&q, "") == 0 && q.nfilter == 0 && !q.author,
	   "an empty line: every model");
	ok(parse(&q, " \t ") == 0, "white space only");
	for (const struct option *o = lst_options; o->name; o++, n++) {
		char line[128];

		snprintf(line, sizeof line, "--%s%s", o->name,
		         o->has_arg == no_argument ? "" :
		         o->val == LST_O_SORT ? " likes" : " 5");
		ok(parse(&q, line) == 0, "%s is a listing option: '%s'", line, err);
	}
	is_int(n, 13, "lst_options holds every listing option");

	parse_refused("--author", "--author needs a value", "a value missing");
	parse_refused("--task a --limit", "--limit needs a value",
	              "a value missing at the end");
	parse_refused("-o", "-o needs a value", "-o without its file");
	parse_refused("--gated=yes", "--gated takes no value", "a flag given a value");
	parse_refused("--no-gated=", "--no-gated takes no value",
	              "a flag given an empty value");
	parse_refused("--checkpoint ck", "--checkpoint is not a listing option",
	              "hf-list's own option");
	parse_refused("--page-size 5", "--page-size is not a listing option",
	              "a run's option");
	parse_refused("--author a author b", "author is not a listing option",
	              "a word that is no option");
	parse_refused("-x", "-x is not a listing option", "an unknown short option");
	/* found by the listings fuzz harness: the word went into the message
	 * as it was, control bytes and all */
	parse_refused("--a\x1b[2Jb\x01\xff", "--a\\x1b[2Jb\\x01\\xff is not a "
	              "listing option", "an unknown option's control bytes and "
	              "invalid UTF-8 shown as \\xNN");
	parse_refused("--\xc3\xa9t\xc3\xa9", "--\xc3\xa9t\xc3\xa9 is not a listing "
	              "option", "valid UTF-8 as it is");
	parse_refused("--", "-- is not a listing option", "a bare --");
	parse_refused("--limit x", "--limit takes a whole number",
	              "lst_set's refusal");
	parse_refused("--sort=up", SORT_MSG, "an unknown sort after '='");
	parse_refused("--min-downloads 5 --sort likes",
	              "--min-downloads needs the downloads order",
	              "lst_check's refusal");
	parse_refused("--author google # note", "# is not a listing option",
	              "no comments: lst_read_file cut them already");
	ok(parse(&q, "--search a#b") == 0 && strcmp(q.search, "a#b") == 0,
	   "a '#' inside a word is part of it");
}

static void
test_read_file(void)
{
	lst_query *q, untouched;
	lf_list file;
	char path[512];
	int n = -1;

	scratch_put("L", "# listings of the weekly scan\n"
	            "--task text-generation --min-downloads 500 -o main.ndjson\n"
	            "\n"
	            "   # the sweep\n"
	            "--author google --sort none --label sweep  # its note\n");
	snprintf(path, sizeof path, "%s", scratch_path("L"));
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == 0 && n == 2,
	   "two listings among comments and a blank line: '%s'", err);
	ok(q[0].lineno == 2 && q[1].lineno == 5, "each with its line");
	ok(q[0].nfilter == 1 && strcmp(q[0].filter[0], "text-generation") == 0 &&
	   q[0].min_downloads == 500 && strcmp(q[0].output, "main.ndjson") == 0 &&
	   strcmp(q[0].sort, "downloads") == 0, "the first listing");
	ok(strcmp(q[1].author, "google") == 0 && strcmp(q[1].sort, "none") == 0 &&
	   strcmp(q[1].label, "sweep") == 0 && !q[1].output && q[1].limit == -1,
	   "the second, its trailing comment cut");
	free(q);
	lf_free(&file);

	scratch_put("bad", "--author a\n# two\n--limit 5 --sort sideways\n");
	snprintf(path, sizeof path, "%s", scratch_path("bad"));
	q = &untouched;
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == -1 && !q &&
	   n == 0, "a bad line: nothing returned");
	ok(strncmp(err, path, strlen(path)) == 0 &&
	   strcmp(err + strlen(path), ":3: " SORT_MSG) == 0,
	   "FILE:LINE: why: '%s'", err);
	lf_free(&file);

	scratch_put("dash", "--limit=-1\n");
	snprintf(path, sizeof path, "%s", scratch_path("dash"));
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == -1 &&
	   strstr(err, ":1: --limit takes a whole number"), "line 1: '%s'", err);
	lf_free(&file);

	scratch_put("empty", "");
	snprintf(path, sizeof path, "%s", scratch_path("empty"));
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == -1 && !q &&
	   n == 0 && strstr(err, "empty: no listings in it") &&
	   strncmp(err, path, strlen(path)) == 0, "an empty file: '%s'", err);
	lf_free(&file);
	scratch_put("comments", "# nothing yet\n\n   \n# still nothing\n");
	snprintf(path, sizeof path, "%s", scratch_path("comments"));
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == -1 &&
	   strstr(err, "comments: no listings in it"), "comments only: '%s'", err);
	lf_free(&file);
	snprintf(path, sizeof path, "%s", scratch_path("absent"));
	ok(lst_read_file(path, &file, &q, &n, err, sizeof err) == -1 && !q &&
	   strstr(err, "cannot read listings") && strstr(err, path),
	   "a missing file, named: '%s'", err);
}

static void
test_url(void)
{
	static const char *const two[] = { "downloads", "a b&c" };
	lst_query q;

	lst_init(&q);
	is_str(url(&q, 1000, NULL, 0),
	       ENDPOINT "/api/models?sort=downloads&limit=1000&" DEFAULT_EXPAND,
	       "every model: the order, the page size, the default fields");
	/* given in another order than the URL's */
	lst_set(&q, LST_O_LIMIT, "5000", err, sizeof err);
	lst_set(&q, LST_O_NUMP, "min:6B,max:128B", err, sizeof err);
	lst_set(&q, LST_O_GATED, NULL, err, sizeof err);
	lst_set(&q, LST_O_PIPE, "text-generation", err, sizeof err);
	lst_set(&q, LST_O_SEARCH, "a b&c=d/\xc3\xa9%+#?", err, sizeof err);
	lst_set(&q, LST_O_AUTHOR, "google", err, sizeof err);
	lst_set(&q, LST_O_SORT, "last_modified", err, sizeof err);
	lst_set(&q, LST_O_TASK, "text-generation", err, sizeof err);
	lst_set(&q, LST_O_FILTER, "region:us", err, sizeof err);
	lst_set(&q, LST_O_MIN, "10", err, sizeof err);
	lst_set(&q, LST_O_OUTPUT, "o", err, sizeof err);
	lst_set(&q, LST_O_LABEL, "l", err, sizeof err);
	is_str(url(&q, 1000, two, 2),
	       ENDPOINT "/api/models?filter=text-generation&filter=region:us"
	       "&author=google&search=a%20b%26c%3Dd%2F%C3%A9%25%2B%23%3F"
	       "&pipeline_tag=text-generation&gated=true"
	       "&num_parameters=min:6B,max:128B&sort=lastModified&limit=1000"
	       "&expand=downloads&expand=a%20b%26c",
	       "the parameters in a fixed order, odd bytes encoded, a --limit "
	       "above the page size asks a page, the fields given alone");
	lst_init(&q);
	lst_set(&q, LST_O_SORT, "none", err, sizeof err);
	lst_set(&q, LST_O_LIMIT, "7", err, sizeof err);
	is_str(url(&q, 50, NULL, 0),
	       ENDPOINT "/api/models?limit=7&" DEFAULT_EXPAND,
	       "--sort none sends no sort; a smaller --limit is the page size");
	lst_set(&q, LST_O_LIMIT, "50", err, sizeof err);
	ok(strstr(url(&q, 50, NULL, 0), "?limit=50&"), "--limit equal to the page");
	lst_set(&q, LST_O_LIMIT, "0", err, sizeof err);
	ok(strstr(url(&q, 50, NULL, 0), "?limit=50&"),
	   "--limit 0 asks no smaller page (nothing is asked at all)");
	lst_init(&q);
	lst_set(&q, LST_O_NOGATED, NULL, err, sizeof err);
	ok(strstr(url(&q, 3, NULL, 0), "?gated=false&sort=downloads&limit=3&"),
	   "--no-gated, a small page size");
	q.sort = "none";
	{
		char *u = lst_url(&q, "https://hub.example/mirror", 1, two, 1);

		is_str(u, "https://hub.example/mirror/api/models?gated=false&limit=1"
		       "&expand=downloads", "the endpoint as given, with its path");
		free(u);
	}
}

static void
test_put_expand(void)
{
	static const char *const fields[] = { "id", "config", "x[y]" };
	hf_out w;

	out_init_mem(&w);
	lst_put_expand(&w, "expand[]", fields, 3);
	out_putc(&w, '\0');
	is_str(w.buf, "expand[]=id&expand[]=config&expand[]=x%5By%5D",
	       "into an empty buffer: no '&' first; the key as given, values "
	       "encoded");
	w.len = 0;
	out_puts(&w, "u?");
	lst_put_expand(&w, "expand", fields, 1);
	out_putc(&w, '\0');
	is_str(w.buf, "u?expand=id", "after '?': no '&'");
	w.len = 0;
	out_puts(&w, "u?a=1");
	lst_put_expand(&w, "e", NULL, 0);
	out_putc(&w, '\0');
	ok(strncmp(w.buf, "u?a=1&e=author&e=downloads&", 27) == 0 &&
	   strlen(w.buf) > 27 && strcmp(w.buf + strlen(w.buf) - 13,
	                                "e=safetensors") == 0,
	   "after a parameter: '&', then the twelve default fields");
	free(w.buf);
}

static void
test_describe(void)
{
	lst_query q;
	char small[12];

	lst_init(&q);
	is_str(describe(&q), "(all models)", "no options");
	lst_set(&q, LST_O_LIMIT, "0", err, sizeof err);
	is_str(describe(&q), "--limit 0", "--limit 0 is an option");
	lst_init(&q);
	lst_set(&q, LST_O_MIN, "10", err, sizeof err);
	lst_set(&q, LST_O_LIMIT, "5", err, sizeof err);
	lst_set(&q, LST_O_SORT, "trending_score", err, sizeof err);
	lst_set(&q, LST_O_NUMP, "min:1B", err, sizeof err);
	lst_set(&q, LST_O_GATED, NULL, err, sizeof err);
	lst_set(&q, LST_O_PIPE, "p", err, sizeof err);
	lst_set(&q, LST_O_SEARCH, "s", err, sizeof err);
	lst_set(&q, LST_O_AUTHOR, "google", err, sizeof err);
	lst_set(&q, LST_O_TASK, "a", err, sizeof err);
	lst_set(&q, LST_O_FILTER, "b", err, sizeof err);
	lst_set(&q, LST_O_OUTPUT, "o", err, sizeof err);
	lst_set(&q, LST_O_LABEL, "l", err, sizeof err);
	is_str(describe(&q), "--filter a --filter b --author google --search s "
	       "--pipeline-tag p --gated --num-parameters min:1B "
	       "--sort trendingScore --limit 5 --min-downloads 10",
	       "every option in a fixed order, tags as --filter, the Hub's sort "
	       "name, no -o or --label");
	lst_init(&q);
	lst_set(&q, LST_O_NOGATED, NULL, err, sizeof err);
	lst_set(&q, LST_O_SORT, "downloads", err, sizeof err);
	is_str(describe(&q), "--no-gated --sort downloads",
	       "--no-gated; a --sort given is said even when it is the default");
	lst_set(&q, LST_O_AUTHOR, "a-long-organisation", err, sizeof err);
	lst_describe(&q, small, sizeof small);
	is_str(small, "--author a-", "cut to the buffer, NUL-terminated");
}

int
main(void)
{
	test_set();
	test_check();
	test_parse_line();
	test_read_file();
	test_url();
	test_put_expand();
	test_describe();
	scratch_remove();
	return done_testing();
}
