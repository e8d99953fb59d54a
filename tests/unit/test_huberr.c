/* Unit tests of lib/huberr.c: the reason of a failed request, the line
 * that says what to do, and the error record that carries both in a
 * stream of model records. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "../../lib/huberr.h"
#include "tap.h"

/* A finished request: result, HTTP status, the Hub's code and message. */
static http_req
req(int result, long status, const char *code, const char *message)
{
	http_req r;

	http_req_init(&r);
	r.result = result;
	r.status = status;
	r.error_code = (char *)code;
	r.error_message = (char *)message;
	return r;
}

static void
reasons(void)
{
	static const struct { http_req r; int want; const char *name; } t[] = {
		{ { .result = HTTP_GAVE_UP, .status = 503 }, HUBERR_NETWORK,
		  "gave up after retries" },
		{ { .result = HTTP_UNREACHABLE }, HUBERR_NETWORK, "unreachable" },
		{ { .result = HTTP_FAILED, .status = 401, .error_code = "GatedRepo" }, HUBERR_GATED,
		  "gated, 401" },
		{ { .result = HTTP_FAILED, .status = 403, .error_code = "GatedRepo" }, HUBERR_GATED,
		  "gated, 403" },
		{ { .result = HTTP_FAILED, .status = 401, .error_message = "Invalid credentials in "
		    "Authorization header" }, HUBERR_TOKEN, "a refused token" },
		{ { .result = HTTP_FAILED, .status = 401 }, HUBERR_MISSING, "401: missing or private" },
		{ { .result = HTTP_FAILED, .status = 404, .error_code = "RepoNotFound" }, HUBERR_MISSING,
		  "404" },
		{ { .result = HTTP_FAILED, .status = 400 }, HUBERR_QUERY, "400" },
		{ { .result = HTTP_FAILED, .status = 418 }, HUBERR_HTTP, "another status" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		is_str(huberr_word(huberr_reason(&t[i].r)), huberr_word(t[i].want),
		       t[i].name);
	is_str(huberr_word(HUBERR_MALFORMED), "malformed", "malformed");
	is_str(huberr_word(-1), "http", "an unknown reason is http");
	is_str(huberr_word(HUBERR_COUNT), "http", "so is one past the end");
}

static void
lines(void)
{
	http_req r = req(HTTP_FAILED, 403, "GatedRepo", NULL);
	char buf[512];

	huberr_model_line(&r, 0, "o/m", buf, sizeof buf);
	is_str(buf, "o/m: gated model; your token has no access: request it at "
	       "https://huggingface.co/o/m", "gated, a token without access");
	r = req(HTTP_FAILED, 401, NULL, NULL);
	huberr_model_line(&r, 1, "o/m", buf, sizeof buf);
	is_str(buf, "o/m: not found, or private: check the id, or set HF_TOKEN",
	       "anonymous 401");
	r = req(HTTP_FAILED, 404, NULL, NULL);
	huberr_model_line(&r, 0, "o/m", buf, sizeof buf);
	is_str(buf, "o/m: not found on the Hub: check the id", "404 with a token");
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
	reasons();
	lines();
	records();
	return done_testing();
}
