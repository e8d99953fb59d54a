/* Unit tests of lib/json.c: strict parsing, access, unescaping. */
#include "../../lib/hf.h"
#include "tap.h"

static int
parses(const char *s)
{
	json_doc d;
	const char *why;
	int r;

	json_init(&d);
	r = json_parse(&d, s, strlen(s), 0, &why) == 0;
	json_free(&d);
	return r;
}

int
main(void)
{
	static const char *const bad[] = {
		"{\"a\"}", "[1,,3]", "{\"a\":1,}", "{,}", "[01]", "[1.]",
		"[1e]", "[tru]", "[\"a\":1]", "{\"a\":\"b\":\"c\"}",
		"[\"a\tb\"]", "{} {}", "[1 2]", "{\"a\" 1}", "[,1]", "[1,]",
		"{\"a\":1 \"b\":2}", "[\"\\x\"]", "[\"\\u12\"]", "[\"\xff\"]",
		"[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[-]", "[+1]", "[.5]",
		"{\"a\":nul}", "[truee]", "", "   ", "[", "{\"a\":{}",
	};
	static const char *const good[] = {
		"{}", "[]", "{\"a\":[1,-2.5e+3,true,false,null]}",
		" { \"a\" : 1 , \"b\" : [ ] } ", "[\"\\u00e9\\ud83d\\ude00\"]",
		"[\"h\xc3\xa9\"]", "[0,-0,0.5,1E9]", "\"x\"",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ok(!parses(bad[i]), "rejects bad[%zu]", i);
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ok(parses(good[i]), "accepts %s", good[i]);
	return done_testing();
}
