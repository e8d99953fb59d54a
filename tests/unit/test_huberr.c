/* Unit tests of lib/huberr.c: finished requests as http.c leaves them
 * (result, status, X-Error-Code, X-Error-Message, the URL asked), and
 * the reason and the two lines each one gives. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "../../lib/huberr.h"
#include "tap.h"

#define ID "org/model"
#define PAGE "http://h:1/api/models?limit=5"
#define INVALID "Invalid credentials in Authorization header"

/* A finished request; the strings are the test's (no http_req_free). */
static http_req
req(int result, long status, char *code, char *message)
{
	http_req r = { .result = result, .status = status, .error_code = code,
	               .error_message = message, .url = PAGE,
	               .retry_after = -1 };

	return r;
}

static const char *
model_line(const http_req *r, int anonymous)
{
	static char buf[512];

	huberr_model_line(r, anonymous, ID, buf, sizeof buf);
	return buf;
}

static const char *
listing_line(const http_req *r, int anonymous)
{
	static char buf[512];

	huberr_listing_line(r, anonymous, buf, sizeof buf);
	return buf;
}

/* r's reason is the word want. */
static void
reason(const http_req *r, const char *want, const char *name)
{
	is_str(huberr_word(huberr_reason(r)), want, name);
}

static void
test_words(void)
{
	static const char *const words[HUBERR_COUNT] = {
		"missing", "gated", "token", "query", "network", "http", "malformed"
	};

	for (int i = 0; i < HUBERR_COUNT; i++)
		is_str(huberr_word(i), words[i], "a reason's word");
	is_str(huberr_word(-1), "http", "below the range: http");
	is_str(huberr_word(HUBERR_COUNT), "http", "past the range: http");
}

static void
test_gated(void)
{
	http_req r = req(HTTP_FAILED, 401, "GatedRepo",
	                 "Access to model " ID " is restricted. You must have "
	                 "access to it and be authenticated to access it. "
	                 "Please log in.");

	reason(&r, "gated", "gated, 401: gated");
	is_str(model_line(&r, 1), ID ": gated model; log in: set HF_TOKEN to a "
	       "token with access", "gated, 401, anonymous: log in");
	is_str(model_line(&r, 0), ID ": gated model; log in: set HF_TOKEN to a "
	       "token with access", "gated, 401, with a token: the same advice");
	r.status = 403;
	r.error_message = "Access to model " ID " is restricted and you are not "
	                  "in the authorized list.";
	reason(&r, "gated", "gated, 403: gated");
	is_str(model_line(&r, 0), ID ": gated model; your token has no access: "
	       "request it at https://huggingface.co/" ID,
	       "gated, 403: ask for access, at the model's page");
	is_str(listing_line(&r, 0), PAGE ": HTTP 403: Access to model " ID
	       " is restricted and you are not in the authorized list.",
	       "a listing's 403: the URL, the status and what the Hub said");
	r.error_code = "RepoNotFound";
	reason(&r, "http", "403 with another error code: http");
}

static void
test_token(void)
{
	http_req r = req(HTTP_FAILED, 401, NULL, INVALID);

	reason(&r, "token", "401 Invalid credentials: token");
	is_str(model_line(&r, 0), ID ": the Hub refused the token; check "
	       "HF_TOKEN or the token file", "a model: check the token");
	is_str(listing_line(&r, 0), "the Hub refused the token (HTTP 401); check "
	       "HF_TOKEN or the token file", "a listing: check the token");
	r.error_message = "Error: " INVALID ".";
	reason(&r, "token", "the words anywhere in the message");
	r.status = 403;
	reason(&r, "http", "the words with a 403: http");
}

static void
test_missing(void)
{
	http_req r = req(HTTP_FAILED, 401, NULL, "Invalid username or password.");

	reason(&r, "missing", "401 without a token: missing");
	is_str(model_line(&r, 1), ID ": not found, or private: check the id, or "
	       "set HF_TOKEN", "401 without a token: perhaps private");
	is_str(model_line(&r, 0), ID ": not found on the Hub: check the id",
	       "401 with a token: not found");
	is_str(listing_line(&r, 1), PAGE ": HTTP 401: Invalid username or "
	       "password.", "a listing's 401 without a token: as the Hub said");
	is_str(listing_line(&r, 0), "the Hub refused the token (HTTP 401); check "
	       "HF_TOKEN or the token file", "a listing's 401 with a token");
	r = req(HTTP_FAILED, 404, "RepoNotFound", "Repository not found");
	reason(&r, "missing", "404: missing");
	is_str(model_line(&r, 0), ID ": not found on the Hub: check the id",
	       "404 with a token: not found");
	is_str(model_line(&r, 1), ID ": not found on the Hub: check the id",
	       "404 without a token: not found");
	r = req(HTTP_FAILED, 404, "EntryNotFound", "Entry not found");
	r.url = "http://h:1/" ID "/resolve/main/config.json";
	reason(&r, "missing", "a file not found: missing");
	is_str(model_line(&r, 1), ID ": no config.json in the repository",
	       "a model without config.json: the file is missing, not the model");
	r.url = "http://h:1/" ID "/resolve/main/sub/params.json?x=1#y";
	is_str(model_line(&r, 0), ID ": no params.json in the repository",
	       "the file is the last segment of the path");
	r.url = "http://h:1/" ID "/resolve/main/";
	is_str(model_line(&r, 0), ID ": not found on the Hub: check the id",
	       "a URL naming no file: the plain 404");
	r.url = NULL;
	is_str(model_line(&r, 0), ID ": not found on the Hub: check the id",
	       "no URL: the plain 404");
	r = req(HTTP_FAILED, 404, "RepoNotFound", NULL);
	reason(&r, "missing", "404 without a message: missing");
	r.status = 401;
	reason(&r, "missing", "401 without a message: missing");
	is_str(model_line(&r, 0), ID ": not found on the Hub: check the id",
	       "401 without a message, with a token");
}

static void
test_query(void)
{
	http_req r = req(HTTP_FAILED, 400, NULL, "Invalid num_parameters");

	reason(&r, "query", "400: query");
	is_str(listing_line(&r, 1), "the Hub rejected the query (HTTP 400: "
	       "Invalid num_parameters); check --expand, --sort and the filters",
	       "a listing's 400, with what the Hub said");
	is_str(model_line(&r, 1), ID ": HTTP 400: Invalid num_parameters",
	       "a model's 400");
	r.error_message = NULL;
	is_str(listing_line(&r, 0), "the Hub rejected the query (HTTP 400); "
	       "check --expand, --sort and the filters",
	       "a 400 without a message");
	is_str(model_line(&r, 0), ID ": HTTP 400", "a model's bare 400");
}

static void
test_network(void)
{
	http_req r = req(HTTP_GAVE_UP, 503, NULL, "Service Unavailable");

	reason(&r, "network", "gave up after a 503: network, not http");
	is_str(model_line(&r, 0), ID ": the Hub kept failing; try again later",
	       "a model the Hub kept failing on");
	is_str(listing_line(&r, 0), "the Hub kept failing",
	       "a listing the Hub kept failing on");
	r = req(HTTP_GAVE_UP, 0, NULL, "Timeout was reached");
	reason(&r, "network", "gave up on timeouts: network");
	r = req(HTTP_UNREACHABLE, 0, NULL, "cannot reach http://127.0.0.1:9: "
	        "Couldn't connect to server");
	reason(&r, "network", "unreachable: network");
	is_str(model_line(&r, 1), ID ": cannot reach http://127.0.0.1:9: "
	       "Couldn't connect to server", "a model: why it is unreachable");
	is_str(listing_line(&r, 1), "cannot reach http://127.0.0.1:9: Couldn't "
	       "connect to server", "a listing: only why, without its URL");
	r = req(HTTP_FAILED, 0, NULL, "SSL peer certificate or SSH remote key "
	        "was not OK");
	reason(&r, "network", "a transport error (status 0): network");
	is_str(model_line(&r, 0), ID ": SSL peer certificate or SSH remote key "
	       "was not OK", "a model: the transport's words");
	is_str(listing_line(&r, 0), PAGE ": SSL peer certificate or SSH remote "
	       "key was not OK", "a listing: the URL and the transport's words");
	r.error_message = NULL;
	is_str(model_line(&r, 0), ID ": no answer", "status 0, no message");
	is_str(listing_line(&r, 0), PAGE ": no answer",
	       "a listing: status 0, no message");
	r = req(HTTP_FAILED, 0, "GatedRepo", NULL);
	reason(&r, "network", "status 0 comes before any error code");
}

static void
test_other(void)
{
	http_req r = req(HTTP_FAILED, 410, NULL, "Gone");

	reason(&r, "http", "410: http");
	is_str(model_line(&r, 0), ID ": HTTP 410: Gone", "a model's 410");
	is_str(listing_line(&r, 0), PAGE ": HTTP 410: Gone", "a listing's 410");
	r.error_message = NULL;
	is_str(model_line(&r, 0), ID ": HTTP 410", "without a message");
	is_str(listing_line(&r, 0), PAGE ": HTTP 410",
	       "a listing's, without a message");
	r = req(HTTP_FAILED, 403, NULL, NULL);
	reason(&r, "http", "a 403 that is not gated: http");
	r = req(HTTP_FAILED, 451, "GatedRepo", NULL);
	reason(&r, "gated", "the GatedRepo code decides, whatever the status");
	{
		char small[16];

		r = req(HTTP_FAILED, 404, NULL, NULL);
		huberr_model_line(&r, 0, ID, small, sizeof small);
		is_str(small, ID ": not ", "a line cut to the buffer");
	}
}

static int
parse(json_doc *d, const char *line)
{
	const char *why;

	return json_parse(d, line, strlen(line), 1, &why) == 0;
}

/* The error record written for these, read back. */
static void
records(void)
{
	char *const two[] = { "o/m-2", "o/\"q\"" };
	char *word, *id, *msg;
	const char *why;
	json_doc d;
	hf_out w;

	out_init_mem(&w);
	huberr_put_record(&w, HUBERR_MISSING, "o/m", "o/m: not found; did you "
	                  "mean o/m-2?", two, 2);
	huberr_put_record(&w, HUBERR_MALFORMED, "bad id", "bad id: no id", NULL, 0);
	out_putc(&w, '\0');
	is_str(w.buf, "{\"hf_error\":\"missing\",\"id\":\"o/m\",\"message\":\"o/m: "
	       "not found; did you mean o/m-2?\",\"suggestions\":[\"o/m-2\","
	       "\"o/\\\"q\\\"\"]}\n{\"hf_error\":\"malformed\",\"id\":\"bad id\","
	       "\"message\":\"bad id: no id\"}\n",
	       "one line each; suggestions only when there are some; JSON strings");
	json_init(&d);
	ok(json_parse(&d, w.buf, strcspn(w.buf, "\n") + 1, 1, &why) == 0,
	   "the record is one JSON object");
	ok(huberr_is_record(&d), "huberr_is_record knows it");
	huberr_read_record(&d, &word, &id, &msg);
	ok(!strcmp(word, "missing") && !strcmp(id, "o/m") &&
	   !strcmp(msg, "o/m: not found; did you mean o/m-2?"),
	   "its word, id and message read back");
	free(word);
	free(id);
	free(msg);
	ok(parse(&d, "{\"id\":\"o/m\",\"hf_error\":7}\n") &&
	   huberr_is_record(&d), "any hf_error makes one");
	huberr_read_record(&d, &word, &id, &msg);
	ok(!*word && !strcmp(id, "o/m") && !*msg, "fields that are no strings "
	   "read as empty");
	free(word);
	free(id);
	free(msg);
	ok(parse(&d, "{\"id\":\"o/m\"}\n") &&
	   !huberr_is_record(&d), "a model record is none");
	json_free(&d);
	out_free(&w);
}

int
main(void)
{
	test_words();
	test_gated();
	test_token();
	test_missing();
	test_query();
	test_network();
	test_other();
	records();
	return done_testing();
}
