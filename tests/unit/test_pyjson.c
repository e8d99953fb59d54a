/* Unit tests of lib/pyjson.c: json.dump(indent=2) layout, Python's repr
 * and round(x, 1), JavaScript's Number::toString, and values rewritten
 * as each language writes back what it read. */
#include <stdlib.h>
#include "../../lib/pyjson.h"
#include "tap.h"

/* v as writer writes it, malloc'd. */
static char *
render_with(void (*writer)(hf_out *, double), double v)
{
	hf_out w;

	out_init_mem(&w);
	writer(&w, v);
	out_putc(&w, '\0');
	return w.buf;
}

static char *
render_double(double v)
{
	return render_with(py_repr_double, v);
}

static char *
render_js(double v)
{
	return render_with(js_repr_double, v);
}

static void
test_py_numbers(void)
{
	char *r;
	hf_out w;

	r = render_double(7.0); is_str(r, "7.0", "repr 7.0"); free(r);
	r = render_double(0.751632384); is_str(r, "0.751632384", "repr shortest"); free(r);
	r = render_double(1e5); is_str(r, "100000.0", "repr positional below 1e16"); free(r);
	r = render_double(1e16); is_str(r, "1e+16", "repr exponent from 1e16"); free(r);
	r = render_double(1e-5); is_str(r, "1e-05", "repr exponent below 1e-4"); free(r);
	out_init_mem(&w);
	py_float1(&w, 99.74);
	py_float1(&w, -0.0);
	out_putc(&w, ' ');
	py_float1(&w, 1e300);
	out_putc(&w, ' ');
	py_float1(&w, 0.05);
	out_putc(&w, '\0');
	is_str(w.buf, "99.70.0 1e+300 0.1", "round(x, 1) and no -0.0; repr of large ones");
	free(w.buf);
}

/* What node prints for String(v), for each v. */
static void
test_js_numbers(void)
{
	static const struct { double v; const char *js; } t[] = {
		{ 1.0, "1" }, { 1.5, "1.5" }, { -0.0, "0" }, { 0.1 + 0.2, "0.30000000000000004" },
		{ 1e-7, "1e-7" }, { 1.5e-7, "1.5e-7" }, { 1e-6, "0.000001" },
		{ 0.00001, "0.00001" }, { 1e16, "10000000000000000" },
		{ 1e21, "1e+21" }, { 1.25e21, "1.25e+21" }, { 1e20, "100000000000000000000" },
		{ 123456.789, "123456.789" }, { -2.5, "-2.5" }, { 8.030261248, "8.030261248" },
		{ 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
	};
	char *r;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		r = render_js(t[i].v);
		ok(strcmp(r, t[i].js) == 0, "JavaScript writes %s (got %s)", t[i].js, r);
		free(r);
	}
}

/* Python's json.dump of what json.load read, and JavaScript's. */
static void
test_rewritten_values(void)
{
	static const struct { const char *in, *py, *js; } t[] = {
		{ "[1.50, 1E5, -0, -0.0, 10, 12345678901234567890, 1e400, true]",
		  "[\n  1.5,\n  100000.0,\n  0,\n  -0.0,\n  10,\n  12345678901234567890,\n  1e400,\n  true\n]",
		  "[\n  1.5,\n  100000,\n  0,\n  0,\n  10,\n  12345678901234567000,\n  1e400,\n  true\n]" },
		{ "[\"lone \\ud83d, pair \\ud83d\\ude00, \\u00e9\\u007f, \\\\ud83d\"]",
		  "[\n  \"lone \\ud83d, pair \\ud83d\\ude00, \\u00e9\\u007f, \\\\ud83d\"\n]",
		  "[\n  \"lone \\ud83d, pair \xf0\x9f\x98\x80, \xc3\xa9\x7f, \\\\ud83d\"\n]" },
	};
	json_doc d;
	hf_out w;
	const char *why;

	json_init(&d);
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		ok(json_parse(&d, t[i].in, strlen(t[i].in), 0, &why) == 0, "parse %zu", i);
		for (int ascii = 1; ascii >= 0; ascii--) {
			out_init_mem(&w);
			py_value_as(&w, &d, 0, 0, ascii);
			out_putc(&w, '\0');
			ok(strcmp(w.buf, ascii ? t[i].py : t[i].js) == 0,
			   "%s rewrites %zu as it does (got %s)",
			   ascii ? "Python" : "JavaScript", i, w.buf);
			free(w.buf);
		}
	}
	json_free(&d);
}

static void
test_layout(void)
{
	const char *why, *src = "{\"a\": [1, {\"b\": \"\\u00e9\\n\"}], \"c\": {}, \"d\": []}";
	const char *js = "{\"n\": \"\\u00e9\", \"x\": [1.50]}";
	json_doc d;
	hf_out w;

	json_init(&d);
	ok(json_parse(&d, src, strlen(src), 1, &why) == 0, "parse");
	out_init_mem(&w);
	py_value(&w, &d, 0, 0);
	out_putc(&w, '\0');
	is_str(w.buf, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"\\u00e9\\n\"\n    }\n  ],\n"
	       "  \"c\": {},\n  \"d\": []\n}", "json.dump(indent=2) layout");
	free(w.buf);
	ok(json_parse(&d, js, strlen(js), 1, &why) == 0, "parse 2");
	out_init_mem(&w);
	py_value_as(&w, &d, 0, 0, 0);
	out_putc(&w, '\0');
	is_str(w.buf, "{\n  \"n\": \"\xc3\xa9\",\n  \"x\": [\n    1.5\n  ]\n}",
	       "JavaScript style: UTF-8 kept, numbers as JavaScript writes them");
	free(w.buf);
	/* Members and elements as the writers of lib/ start them. */
	out_init_mem(&w);
	out_putc(&w, '{');
	py_key(&w, 1, "k", 1);
	out_putc(&w, '[');
	py_item(&w, 2, 1);
	py_str(&w, "\xc3\xa9", 2);
	py_item(&w, 2, 0);
	out_putc(&w, '1');
	py_close(&w, 1, ']');
	py_key(&w, 1, "z", 0);
	out_puts(&w, "null");
	py_close(&w, 0, '}');
	out_putc(&w, '\0');
	is_str(w.buf, "{\n  \"k\": [\n    \"\\u00e9\",\n    1\n  ],\n  \"z\": null\n}",
	       "py_key, py_item, py_str, py_close");
	free(w.buf);
	json_free(&d);
}

int
main(void)
{
	test_py_numbers();
	test_js_numbers();
	test_rewritten_values();
	test_layout();
	return done_testing();
}
