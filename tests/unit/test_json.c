/* Unit tests of lib/json.c (strict parsing, access, integers, counts,
 * unescaping, UTF-8) and of lib/out.c's JSON string writer. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../lib/hf.h"
#include "tap.h"

static json_doc doc;

static int
parses(const char *s)
{
	const char *why;

	return json_parse(&doc, s, strlen(s), 0, &why) == 0;
}

/* The reason json_parse gives for s, or "ok". */
static const char *
reason(const char *s, int want_object)
{
	const char *why;

	return json_parse(&doc, s, strlen(s), want_object, &why) == 0 ? "ok" : why;
}

/* A string's bytes are checked one by one only on lines that hold a
 * control byte, a backslash or a byte beyond ASCII (json.c scans eight
 * bytes at a time for them): put each such byte at every place of a word
 * and of the tail after the last whole word. */
static void
test_odd_byte_anywhere(void)
{
	static const struct { const char *bytes, *why; } odd[] = {
		{ "\x01", "control character in a string" },
		{ "\x1f", "control character in a string" },
		{ "\xff", "invalid UTF-8" },
		{ "\xc3", "invalid UTF-8" },
		{ "\\q", "invalid JSON" },
	};
	char line[64];

	for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
		for (size_t at = 0; at < 30; at++) {
			size_t n = strlen(odd[k].bytes);

			memset(line, 'a', sizeof line);
			memcpy(line, "{\"k\":\"", 6);
			memcpy(line + 6 + at, odd[k].bytes, n);
			memcpy(line + 6 + 30 + n, "\"}", 3);
			const char *got = reason(line, 1);

			ok(strcmp(got, odd[k].why) == 0,
			   "odd byte %zu at %zu of a string: %s", k, at, got);
		}
	for (size_t at = 0; at < 30; at++) {
		memset(line, 'a', sizeof line);
		memcpy(line, "{\"k\":\"", 6);
		memcpy(line + 6 + at, "\xc3\xa9", 2);
		memcpy(line + 6 + 32, "\"}", 3);
		const char *got = reason(line, 1);

		ok(strcmp(got, "ok") == 0, "UTF-8 at %zu of a string: %s", at, got);
	}
}

static void
test_grammar(void)
{
	/* STYLE.md section 4: what jsmn lets through, and more. */
	static const char *const bad[] = {
		"{\"a\"}", "[1,,3]", "{\"a\":1,}", "{,}", "[01]", "[1.]",
		"[1e]", "[tru]", "[\"a\":1]", "{\"a\":\"b\":\"c\"}",
		"[\"a\tb\"]", "{} {}", "[1 2]", "{\"a\" 1}", "[,1]", "[1,]",
		"{\"a\":1 \"b\":2}", "[\"\\x\"]", "[\"\\u12\"]", "[\"\xff\"]",
		"[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[-]", "[+1]", "[.5]",
		"{\"a\":nul}", "[truee]", "", "   ", "[", "{\"a\":{}",
		"[00]", "[-01]", "[1.e5]", "[1e+]", "[0x10]", "[Infinity]",
		"[NaN]", "{1:2}", "{\"a\":1}}", "[[]", "[]]", "{\"a\":[}",
		"[\"a\nb\"]", "[\"\x01\"]", "[\"\\u00G0\"]", "[\"\\\"]",
		"{\"\xff\":1}", "[\"\xe2\x82\"]", "[\"\xf4\x90\x80\x80\"]",
		"[True]", "[null,]", "{\"a\":1}x", "{\"a\":1} 2", "1 2", "-",
		"nul", "01", "1.", "truex",
	};
	static const char *const good[] = {
		"{}", "[]", "{\"a\":[1,-2.5e+3,true,false,null]}",
		" { \"a\" : 1 , \"b\" : [ ] } ", "[\"\\u00e9\\ud83d\\ude00\"]",
		"[\"h\xc3\xa9\"]", "[0,-0,0.5,1E9]", "\"x\"", "42", "null", "-1.5e3", " true ",
		"[\"\\ud800\"]", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
		"[\"\x7f\"]", "{\"a\":{\"b\":{\"c\":[[[]]]}}}", "\t{}\r\n",
		"[1e-7,-0.0E+00,123456789012345678901234567890]",
		"[\"\xf0\x9f\x98\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf\"]",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ok(!parses(bad[i]), "rejects bad[%zu]", i);
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ok(parses(good[i]), "accepts good[%zu]", i);

	is_str(reason("{\"a\"}", 1), "object key without a value", "{\"a\"}");
	is_str(reason("{\"a\":[01]}", 1), "invalid JSON value", "[01]");
	is_str(reason("{\"a\":\"\x1f\"}", 1), "control character in a string",
	       "raw control character");
	is_str(reason("{\"a\":\"\xc3\"}", 1), "invalid UTF-8", "cut UTF-8");
	is_str(reason("{} {}", 1), "more than one JSON value", "two values");
	is_str(reason("[1]", 1), "not a JSON object", "array for an object");
	is_str(reason("{\"a\":\"\\q\"}", 1), "invalid JSON", "bad escape");
	is_str(reason("  ", 1), "empty line", "blank");
	is_str(reason("{\"a\":1", 1), "truncated JSON", "truncated");
	is_str(reason("{\"a\":{\"b\":[1]}", 1), "truncated JSON",
	       "truncated after a closed child");
	is_str(reason("{\"a\":1} 2", 1), "more than one JSON value",
	       "an object then a number");
	is_str(reason("[1] true", 0), "more than one JSON value",
	       "an array then true");
	is_str(reason("{\"a\":1} {\"b\":2", 1), "more than one JSON value",
	       "an object then a truncated one");
}

static void
test_depth(void)
{
	char *s;
	size_t n = JSON_DEPTH_MAX;

	/* Exactly the limit (the root counts) is fine; one more is not. */
	s = malloc(2 * n + 2);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	ok(parses(s), "nesting of %zu accepted", n);
	free(s);
	n++;
	s = malloc(2 * n + 2);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	is_str(reason(s, 0), "JSON nested too deeply", "nesting of 513");
	free(s);
	/* More than 512 brackets but shallow, brackets in strings, escaped
	 * quotes and backslashes: only real nesting counts. */
	s = malloc(40000);
	strcpy(s, "[");
	for (int k = 0; k < 600; k++)
		strcat(s, "[{},\"\\\"[{\",\"\\\\\"],");
	strcat(s, "[]]");
	ok(parses(s), "600 shallow containers and strings of brackets");
	strcpy(s, "[\"\\\\\",");
	for (int k = 0; k < 511; k++)
		strcat(s, "[");
	for (int k = 0; k < 511; k++)
		strcat(s, "]");
	strcat(s, ",{\"a\":{}}]");
	ok(parses(s), "512 deep after a string ending in a backslash");
	strcpy(s, "[\"\\\\\",{\"k\":");
	for (int k = 0; k < 511; k++)
		strcat(s, k % 2 ? "[" : "{\"x\":");
	strcat(s, "1");
	for (int k = 510; k >= 0; k--)
		strcat(s, k % 2 ? "]" : "}");
	strcat(s, "}]");
	is_str(reason(s, 0), "JSON nested too deeply", "513 deep, mixed");
	free(s);
	n = 100000;
	s = malloc(2 * n + 2);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	is_str(reason(s, 0), "JSON nested too deeply", "nesting of 100000");
	free(s);
}

static void
test_access(void)
{
	static const char js[] =
		"{\"a\":1,\"b\":{\"c\":[10,[20,21],{\"d\":null}],\"e\":\"x\"},"
		"\"f\":[],\"a\\u0062\":\"esc\",\"a\":2,\"t\":true,\"g\":false}";
	int b, c, e, f, x;
	size_t n;
	const char *raw;
	int v;

	ok(parses(js), "parse the access document");
	/* tokens: 0 {, 1 "a", 2 1, 3 "b", 4 {, 5 "c", 6 [, 7 10, 8 [, 9 20,
	 * 10 21, 11 {, 12 "d", 13 null, 14 "e", 15 "x", 16 "f", 17 [], ... */
	is_int(json_get(&doc, 0, "a"), 2, "json_get: the first of two keys");
	b = json_get(&doc, 0, "b");
	is_int(b, 4, "json_get: an object value");
	c = json_get(&doc, b, "c");
	is_int(c, 6, "json_get: nested");
	is_int(json_get(&doc, 0, "c"), -1, "json_get: not at the top level");
	is_int(json_get(&doc, 0, "zz"), -1, "json_get: absent");
	is_int(json_get(&doc, c, "a"), -1, "json_get on an array");
	is_int(json_get(&doc, -1, "a"), -1, "json_get on absent");
	is_int(json_get(&doc, 2, "a"), -1, "json_get on a number");
	x = json_get(&doc, 0, "ab");
	ok(json_streq(&doc, x, "esc"), "json_get: a key spelt with \\u escapes");
	is_int(json_get(&doc, 0, "a\\u0062"), -1, "json_get compares decoded keys");

	is_int(json_at(&doc, c, 0), 7, "json_at 0");
	is_int(json_at(&doc, c, 1), 8, "json_at 1 (an array)");
	is_int(json_at(&doc, c, 2), 11, "json_at 2 after a nested array");
	is_int(json_at(&doc, c, 3), -1, "json_at past the end");
	is_int(json_at(&doc, c, -1), -1, "json_at negative");
	is_int(json_at(&doc, b, 0), -1, "json_at on an object");
	f = json_get(&doc, 0, "f");
	is_int(json_at(&doc, f, 0), -1, "json_at on an empty array");
	is_int(json_at(&doc, -1, 0), -1, "json_at on absent");
	is_int(json_at(&doc, json_at(&doc, c, 1), 1), 10, "json_at nested");

	is_int(json_skip(&doc, 0), (int)doc.ntok, "json_skip of the root");
	is_int(json_skip(&doc, b), 16, "json_skip of an object");
	is_int(json_skip(&doc, c), 14, "json_skip of an array");
	is_int(json_skip(&doc, 7), 8, "json_skip of a number");
	is_int(json_skip(&doc, 3), 16, "json_skip of a key skips its value too");
	is_int(json_skip(&doc, f), 18, "json_skip of an empty array");
	is_int(json_skip(&doc, -1), -1, "json_skip of absent");

	e = json_get(&doc, b, "e");
	ok(json_is_string(&doc, e) && json_streq(&doc, e, "x"), "string");
	ok(!json_streq(&doc, e, "xy") && !json_streq(&doc, e, ""), "streq length");
	ok(!json_streq(&doc, 2, "1"), "streq of a number is false");
	ok(json_is_null(&doc, 13) && !json_is_null(&doc, 2) &&
	   !json_is_null(&doc, -1), "json_is_null");
	ok(json_is_bool(&doc, json_get(&doc, 0, "t"), &v) && v == 1, "true");
	ok(json_is_bool(&doc, json_get(&doc, 0, "g"), &v) && v == 0, "false");
	ok(!json_is_bool(&doc, 13, NULL) && !json_is_bool(&doc, e, NULL),
	   "null and strings are not booleans");
	is_int(json_type(&doc, -1), 0, "type of absent");
	is_int(json_type(&doc, (int)doc.ntok), 0, "type past the end");
	is_int(json_type(&doc, c), JSMN_ARRAY, "type of an array");
	raw = json_raw(&doc, e, &n);
	ok(n == 1 && *raw == 'x', "json_raw: a string without quotes");
	raw = json_span(&doc, e, &n);
	ok(n == 3 && memcmp(raw, "\"x\"", 3) == 0, "json_span: with quotes");
	raw = json_span(&doc, c, &n);
	ok(n == strlen("[10,[20,21],{\"d\":null}]") &&
	   memcmp(raw, "[10,[20,21],{\"d\":null}]", n) == 0,
	   "json_span of an array");
}

/* json_int64 on the only value of "[s]". */
static int
int_of(const char *s, int64_t *v)
{
	char buf[64];

	snprintf(buf, sizeof buf, "[%s]", s);
	if (!parses(buf))
		return -2;
	return json_int64(&doc, 1, v);
}

static void
test_int64(void)
{
	static const char *const bad[] = {
		"9223372036854775808", "-9223372036854775809",
		"18446744073709551616", "99999999999999999999", "1.0", "1e3",
		"-1.5", "0.0", "\"7\"", "true", "null", "1E0",
	};
	int64_t v = 0;

	ok(int_of("0", &v) == 0 && v == 0, "0");
	ok(int_of("-0", &v) == 0 && v == 0, "-0");
	ok(int_of("7", &v) == 0 && v == 7, "7");
	ok(int_of("-12", &v) == 0 && v == -12, "negative");
	ok(int_of("9223372036854775807", &v) == 0 && v == INT64_MAX, "INT64_MAX");
	ok(int_of("-9223372036854775808", &v) == 0 && v == INT64_MIN,
	   "INT64_MIN");
	ok(int_of("9223372036854775799", &v) == 0 && v == INT64_MAX - 8,
	   "INT64_MAX - 8");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		v = 42;
		ok(int_of(bad[i], &v) == -1 && v == 42, "rejects %s", bad[i]);
	}
	ok(json_int64(&doc, -1, &v) == -1, "absent");

	double x = 0;
	ok(parses("[1.5e3,-2,\"3\"]") && json_double(&doc, 1, &x) == 0 &&
	   x == 1500, "json_double 1.5e3");
	ok(json_double(&doc, 2, &x) == 0 && x == -2, "json_double -2");
	ok(json_double(&doc, 3, &x) == -1, "json_double of a string");
	ok(parses("[0.124439803333333333333333333333333333333333333333333333333"
	          "33333333333333333338]") &&
	   json_double(&doc, 1, &x) == 0 && x == 0.12443980333333333,
	   "json_double of a number past 63 bytes: the nearest double");
}

/* Counts as files hold them: what a registry's numbers may look like. */
static void
test_count(void)
{
	ok(parses("[7, 3.0, 1e3, 2.9, -1, -0.5, 1e19, \"5\", null, "
	          "99999999999999999999, 0]"), "parse");
	is_int(json_count(&doc, 1, -1), 7, "an integer");
	is_int(json_count(&doc, 2, -1), 3, "3.0 as Python writes a float");
	is_int(json_count(&doc, 3, -1), 1000, "1e3");
	is_int(json_count(&doc, 4, -1), 2, "a fraction dropped");
	is_int(json_count(&doc, 5, -1), -1, "negative: the default");
	is_int(json_count(&doc, 6, -1), -1, "negative fraction: the default");
	is_int(json_count(&doc, 7, -1), -1, "too large: the default");
	is_int(json_count(&doc, 8, -1), -1, "a string: the default");
	is_int(json_count(&doc, 9, 0), 0, "null: the default");
	is_int(json_count(&doc, 10, -1), -1, "past INT64_MAX: the default");
	is_int(json_count(&doc, 11, -1), 0, "0");
	is_int(json_count(&doc, -1, 4), 4, "absent: the default");
}

/* json_unescape of s is want (wlen bytes), or -1 when wlen is -1. */
static void
unescapes(const char *s, const char *want, long wlen, const char *name)
{
	char out[64];
	long k = json_unescape(s, strlen(s), out);

	if (wlen < 0)
		ok(k == -1, "unescape %s: rejected (got %ld)", name, k);
	else
		ok(k == wlen && memcmp(out, want, (size_t)wlen) == 0,
		   "unescape %s (got %ld bytes)", name, k);
}

static void
test_unescape(void)
{
	char *s;

	unescapes("plain", "plain", 5, "plain");
	unescapes("", "", 0, "empty");
	unescapes("\\\"\\\\\\/\\b\\f\\n\\r\\t", "\"\\/\b\f\n\r\t", 8, "simple");
	unescapes("\\u0041\\u00e9\\u20AC", "A\xc3\xa9\xe2\x82\xac", 6, "BMP");
	unescapes("\\u0000", "\0", 1, "NUL");
	unescapes("\\ud83d\\ude00", "\xf0\x9f\x98\x80", 4, "surrogate pair");
	unescapes("\\uD83D\\uDE00!", "\xf0\x9f\x98\x80!", 5, "upper-case pair");
	unescapes("\\udbff\\udfff", "\xf4\x8f\xbf\xbf", 4, "U+10FFFF");
	unescapes("\\ud800\\udc00", "\xf0\x90\x80\x80", 4, "U+10000");
	unescapes("\\ud83d", "\xef\xbf\xbd", 3, "lone high surrogate");
	unescapes("\\ude00x", "\xef\xbf\xbdx", 4, "lone low surrogate");
	unescapes("\\ud83dx", "\xef\xbf\xbdx", 4, "high then a letter");
	unescapes("\\ud83d\\u0041", "\xef\xbf\xbd" "A", 4, "high then BMP");
	unescapes("\\ud83d\\ud83d\\ude00", "\xef\xbf\xbd\xf0\x9f\x98\x80", 7,
	          "high, then a pair");
	unescapes("\\ude00\\ud83d", "\xef\xbf\xbd\xef\xbf\xbd", 6,
	          "low then high: two replacements");
	unescapes("\\x", NULL, -1, "\\x");
	unescapes("a\\", NULL, -1, "a trailing backslash");
	unescapes("\\u12", NULL, -1, "short \\u");
	unescapes("\\u12G4", NULL, -1, "\\u with a non-hex digit");
	unescapes("\\ud83d\\u12", NULL, -1, "pair cut short");

	ok(parses("[\"a\\u00e9\\ud83d\\ude00\\n\"]"), "parse for strdup");
	s = json_strdup(&doc, 1);
	ok(s && strcmp(s, "a\xc3\xa9\xf0\x9f\x98\x80\n") == 0, "json_strdup decodes");
	free(s);
	ok(json_strdup(&doc, 0) == NULL, "json_strdup of an array is NULL");
	ok(json_streq(&doc, 1, "a\xc3\xa9\xf0\x9f\x98\x80\n"),
	   "json_streq decodes");
	s = json_strdup_whole(&doc, 1);
	ok(s && strcmp(s, "a\xc3\xa9\xf0\x9f\x98\x80\n") == 0,
	   "json_strdup_whole: a string without a NUL");
	free(s);
	ok(parses("[\"Zeta\\u0000x\"]"), "parse a NUL escape");
	s = json_strdup(&doc, 1);
	ok(s && strcmp(s, "Zeta") == 0, "json_strdup cuts it short");
	free(s);
	ok(json_strdup_whole(&doc, 1) == NULL, "json_strdup_whole refuses it");
}

static void
test_utf8(void)
{
	static const struct {
		const char *s;
		int valid;
	} cases[] = {
		{ "", 1 }, { "abc", 1 }, { "\x7f", 1 },
		{ "\xc2\x80", 1 }, { "\xdf\xbf", 1 },           /* U+0080, U+07FF */
		{ "\xc0\x80", 0 }, { "\xc1\xbf", 0 },           /* overlong 2 */
		{ "\xe0\xa0\x80", 1 }, { "\xe0\x9f\xbf", 0 },   /* U+0800; overlong */
		{ "\xed\x9f\xbf", 1 }, { "\xed\xa0\x80", 0 },   /* U+D7FF; surrogate */
		{ "\xed\xbf\xbf", 0 }, { "\xee\x80\x80", 1 },   /* U+DFFF; U+E000 */
		{ "\xef\xbf\xbf", 1 },                          /* U+FFFF */
		{ "\xf0\x90\x80\x80", 1 }, { "\xf0\x8f\xbf\xbf", 0 }, /* overlong 4 */
		{ "\xf4\x8f\xbf\xbf", 1 }, { "\xf4\x90\x80\x80", 0 }, /* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 0 }, { "\xf8\x88\x80\x80\x80", 0 },
		{ "\x80", 0 }, { "\xbf", 0 }, { "\xfe", 0 }, { "\xff", 0 },
		{ "\xc3", 0 }, { "\xe2\x82", 0 }, { "\xf0\x9f\x98", 0 }, /* cut */
		{ "\xc3\x28", 0 }, { "\xe2\x28\xa1", 0 }, { "\xe2\x82\x28", 0 },
		{ "\xf0\x28\x8c\xbc", 0 }, { "a\xc3\xa9z", 1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *s = cases[i].s;

		is_int(utf8_valid((const unsigned char *)s, strlen(s)),
		       cases[i].valid, "utf8_valid case");
	}
	ok(utf8_valid((const unsigned char *)"a\0b", 3), "NUL is valid UTF-8");
	ok(!utf8_valid((const unsigned char *)"\xe2\x82\xac", 2),
	   "a length that cuts a sequence");
}

/* out_json_str(s, ascii) into a temporary file, read back. */
static char *
written(const char *s, size_t n, int ascii)
{
	static char back[4096];
	char path[] = "/tmp/hf-test-out-XXXXXX";
	int fd = mkstemp(path);
	hf_out w;
	ssize_t k;

	out_init(&w, fd, path);
	out_json_str(&w, s, n, ascii);
	out_free(&w);
	k = pread(fd, back, sizeof back - 1, 0);
	back[k < 0 ? 0 : k] = '\0';
	close(fd);
	unlink(path);
	return back;
}

static void
test_out_str(void)
{
	static const char ctl[] = "\x01\x1f\x7f\"\\\n\r\t\b\f/";
	char all[32], want[200];
	size_t i;

	is_str(written("abc", 3, 0), "\"abc\"", "plain");
	is_str(written("", 0, 1), "\"\"", "empty");
	is_str(written(ctl, sizeof ctl - 1, 0),
	       "\"\\u0001\\u001f\x7f\\\"\\\\\\n\\r\\t\\b\\f/\"",
	       "control characters, quote, backslash; DEL and / as is");
	is_str(written("a\0b", 3, 0), "\"a\\u0000b\"", "NUL as \\u0000");
	for (i = 0; i < 32; i++)
		all[i] = (char)i;
	{
		const char *got = written(all, 32, 0);
		size_t o = 0;

		want[o++] = '"';
		for (i = 0; i < 32; i++) {
			const char *e = i == '\n' ? "\\n" : i == '\r' ? "\\r" :
			                i == '\t' ? "\\t" : i == '\b' ? "\\b" :
			                i == '\f' ? "\\f" : NULL;
			if (e)
				o += (size_t)sprintf(want + o, "%s", e);
			else
				o += (size_t)sprintf(want + o, "\\u%04zx", i);
		}
		want[o++] = '"';
		want[o] = '\0';
		is_str(got, want, "every control character");
	}
	is_str(written("h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10, 0),
	       "\"h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"", "UTF-8 kept as is");
	is_str(written("h\xc3\xa9", 3, 1), "\"h\\u00e9\"", "ascii: 2 bytes");
	is_str(written("\xe2\x82\xac", 3, 1), "\"\\u20ac\"", "ascii: 3 bytes");
	is_str(written("\xef\xbf\xbf", 3, 1), "\"\\uffff\"", "ascii: U+FFFF");
	is_str(written("\xf0\x9f\x98\x80", 4, 1), "\"\\ud83d\\ude00\"",
	       "ascii: U+1F600 as a surrogate pair");
	is_str(written("\xf0\x90\x80\x80", 4, 1), "\"\\ud800\\udc00\"",
	       "ascii: U+10000");
	is_str(written("\xf4\x8f\xbf\xbf", 4, 1), "\"\\udbff\\udfff\"",
	       "ascii: U+10FFFF");
	is_str(written("a\x01\xc3\xa9\"z", 6, 1), "\"a\\u0001\\u00e9\\\"z\"",
	       "ascii: mixed");
	is_str(written("~\x7f", 2, 1), "\"~\\u007f\"",
	       "ascii: DEL escaped, as Python's ensure_ascii does");
}

/* Large pieces through a pipe: what goes in comes out, in order. */
static void
test_out_pipe(void)
{
	int p[2];
	hf_out w;
	char *big, *got;
	size_t n = 200000, have = 0, want_len;
	pid_t pid;

	ok(pipe(p) == 0, "pipe");
	big = malloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	want_len = 1 + n + 2 + 2 + 20 + 1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		out_init(&w, p[1], "pipe");
		out_putc(&w, '[');
		out_write(&w, big, n); /* larger than the buffer: straight out */
		out_puts(&w, "\"\\");
		out_json_str(&w, "", 0, 0);
		out_int(&w, INT64_MIN);
		out_int(&w, 0);
		out_free(&w);
		_exit(0);
	}
	close(p[1]);
	got = malloc(want_len + 16);
	for (;;) {
		ssize_t k = read(p[0], got + have, want_len + 16 - have);

		if (k <= 0)
			break;
		have += (size_t)k;
	}
	close(p[0]);
	waitpid(pid, NULL, 0);
	ok(have == want_len, "pipe: every byte (%zu of %zu)", have, want_len);
	ok(have == want_len && got[0] == '[' && memcmp(got + 1, big, n) == 0 &&
	   memcmp(got + 1 + n, "\"\\\"\"-92233720368547758080", 25) == 0,
	   "pipe: in order");
	free(big);
	free(got);
}

static void
test_out_minified(void)
{
	hf_out w;
	static const char in[] = " { \"a b\" : [ 1 ,\t2 ] ,\n\"c\\\" d\" : \" x \" } ";
	static const char want[] = "{\"a b\":[1,2],\"c\\\" d\":\" x \"}";

	out_init_mem(&w);
	out_json_minified(&w, in, sizeof in - 1);
	ok(w.len == strlen(want) && memcmp(w.buf, want, w.len) == 0,
	   "minified keeps white space inside strings");
	out_free(&w);
}

int
main(void)
{
	json_init(&doc);
	test_grammar();
	test_odd_byte_anywhere();
	test_depth();
	test_access();
	test_int64();
	test_count();
	test_unescape();
	test_utf8();
	test_out_str();
	test_out_pipe();
	test_out_minified();
	json_free(&doc);
	return done_testing();
}
