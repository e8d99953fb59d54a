/*
 * numbers - the Python and JavaScript number writers as a property: for
 * any finite double (the input's first 8 bytes), the text py_repr_double
 * and js_repr_double write reads back with strtod as the same double
 * (JavaScript writes -0 as 0); Python's always shows it is a float ('.'
 * or an exponent), JavaScript's never ends in ".0"; and py_float1 writes
 * a number with at most one decimal.  Non-finite doubles: JavaScript
 * writes null.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/pyjson.h"
#include "fuzz.h"

/* What w holds, as a C string in buf. */
static const char *
text(hf_out *w, char *buf, size_t n)
{
	fuzz_assert(w->len < n);
	memcpy(buf, w->buf, w->len);
	buf[w->len] = '\0';
	w->len = 0;
	return buf;
}

static double
read_back(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	fuzz_assert(*s && *end == '\0');
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double v, back;
	hf_out w;
	char buf[512];
	const char *s, *dot;

	if (size < sizeof v)
		return 0;
	memcpy(&v, data, sizeof v);
	out_init_mem(&w);
	if (!isfinite(v)) {
		js_repr_double(&w, v);
		fuzz_assert(strcmp(text(&w, buf, sizeof buf), "null") == 0);
		free(w.buf);
		return 0;
	}
	py_repr_double(&w, v);
	s = text(&w, buf, sizeof buf);
	back = read_back(s);
	fuzz_assert(memcmp(&back, &v, sizeof v) == 0);
	fuzz_assert(strchr(s, '.') || strchr(s, 'e'));

	js_repr_double(&w, v);
	s = text(&w, buf, sizeof buf);
	back = read_back(s);
	fuzz_assert(back == v && (v != 0 || !signbit(back)));
	fuzz_assert(strlen(s) < 2 || strcmp(s + strlen(s) - 2, ".0") != 0);

	py_float1(&w, v);
	s = text(&w, buf, sizeof buf);
	read_back(s);
	dot = strchr(s, '.');
	fuzz_assert(strchr(s, 'e') || (dot && strlen(dot) == 2));
	free(w.buf);
	return 0;
}
