/* json.c - jsmn, wrapped once and made strict.
 *
 * This is the only translation unit that compiles jsmn's implementation.
 * jsmn's JSMN_STRICT mode still accepts {"a"}, [1,,3], trailing commas,
 * [01], [tru], raw control characters in strings and two values on one
 * line, so after jsmn has tokenized, validate() walks the tokens once and
 * checks the bytes between them, every primitive's grammar, and every
 * string's escapes and UTF-8. */
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"

void
json_init(json_doc *d)
{
	memset(d, 0, sizeof *d);
}

void
json_free(json_doc *d)
{
	free(d->tok);
	memset(d, 0, sizeof *d);
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t
outer_start(const jsmntok_t *t)
{
	return (size_t)(t->type == JSMN_STRING ? t->start - 1 : t->start);
}

static size_t
outer_end(const jsmntok_t *t)
{
	return (size_t)(t->type == JSMN_STRING ? t->end + 1 : t->end);
}

/* The bytes js[from..to) are white space, one sep (if sep), white space. */
static int
gap_ok(const char *js, size_t from, size_t to, char sep)
{
	size_t k = from;

	while (k < to && is_ws(js[k]))
		k++;
	if (sep) {
		if (k >= to || js[k] != sep)
			return 0;
		k++;
		while (k < to && is_ws(js[k]))
			k++;
	}
	return k == to;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 8259 number, or true/false/null, exactly. */
static int
primitive_ok(const char *s, size_t n)
{
	size_t i = 0;

	if ((n == 4 && memcmp(s, "true", 4) == 0) ||
	    (n == 5 && memcmp(s, "false", 5) == 0) ||
	    (n == 4 && memcmp(s, "null", 4) == 0))
		return 1;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && is_digit(s[i]))
		while (i < n && is_digit(s[i]))
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	return i == n;
}

size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_seq(s + i, n - i);

		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

static const char *
string_problem(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x80 && c != '\\') {
			i++;
		} else if (c < 0x20) {
			return "control character in a string";
		} else if (c == '\\') {
			if (i + 1 >= n)
				return "bad escape in a string";
			if (strchr("\"\\/bfnrt", (char)s[i + 1]) && s[i + 1]) {
				i += 2;
				continue;
			}
			if (s[i + 1] != 'u' || i + 5 >= n + 0 ||
			    num_hexval((char)s[i + 2]) < 0 ||
			    num_hexval((char)s[i + 3]) < 0 ||
			    num_hexval((char)s[i + 4]) < 0 ||
			    num_hexval((char)s[i + 5]) < 0)
				return "bad escape in a string";
			i += 6;
		} else {
			size_t k = utf8_seq(s + i, n - i);

			if (!k)
				return "invalid UTF-8";
			i += k;
		}
	}
	return NULL;
}

static const char *
leaf_problem(const char *js, const jsmntok_t *t, int plain)
{
	const char *s = js + t->start;
	size_t n = (size_t)(t->end - t->start);

	if (t->type == JSMN_STRING)
		return plain ? NULL : string_problem(s, n);
	return primitive_ok(s, n) ? NULL : "invalid JSON value";
}

struct frame {
	int tok;
	int remaining; /* direct children still to come */
	int is_obj, expect_key, first;
	size_t pos;    /* end of the previous child, or after the bracket */
};

/* With plain (see scan_line), strings hold only printable ASCII and no
 * escapes: jsmn's own scan has checked them. */
static const char *
validate(const json_doc *d, int ntok, size_t end, int plain, size_t *where)
{
	struct frame st[JSON_DEPTH_MAX];
	const jsmntok_t *tok = d->tok;
	int depth = 0, i = 1;

	if (outer_end(&tok[0]) != end)
		return "more than one JSON value";
	if (tok[0].type == JSMN_STRING || tok[0].type == JSMN_PRIMITIVE) {
		if (ntok != 1)
			return "more than one JSON value";
		return leaf_problem(d->js, &tok[0], plain);
	}
	st[depth++] = (struct frame){ 0,
		tok[0].type == JSMN_OBJECT ? 2 * tok[0].size : tok[0].size,
		tok[0].type == JSMN_OBJECT, 1, 1, (size_t)tok[0].start + 1 };
	while (depth > 0) {
		struct frame *f = &st[depth - 1];

		if (f->remaining == 0) {
			const jsmntok_t *c = &tok[f->tok];

			if (!gap_ok(d->js, f->pos, (size_t)c->end - 1, 0))
				return "invalid JSON syntax";
			depth--;
			if (depth > 0)
				st[depth - 1].pos = (size_t)c->end;
			continue;
		}
		if (i >= ntok)
			return "invalid JSON syntax";
		const jsmntok_t *t = &tok[i];

		*where = f->pos;
		char sep = f->first ? 0 : (f->is_obj && !f->expect_key) ? ':' : ',';

		if (!gap_ok(d->js, f->pos, outer_start(t), sep))
			return "invalid JSON syntax";
		if (f->is_obj && f->expect_key) {
			if (t->type != JSMN_STRING)
				return "object key is not a string";
			if (t->size != 1)
				return "object key without a value";
		} else if ((t->type == JSMN_STRING || t->type == JSMN_PRIMITIVE) &&
		           t->size != 0) {
			return "invalid JSON syntax";
		}
		f->first = 0;
		f->remaining--;
		if (f->is_obj)
			f->expect_key = !f->expect_key;
		if (t->type == JSMN_OBJECT || t->type == JSMN_ARRAY) {
			if (depth == JSON_DEPTH_MAX)
				return "JSON nested too deeply";
			st[depth++] = (struct frame){ i,
				t->type == JSMN_OBJECT ? 2 * t->size : t->size,
				t->type == JSMN_OBJECT, 1, 1, (size_t)t->start + 1 };
		} else {
			const char *why = leaf_problem(d->js, t, plain);

			if (why)
				return why;
			f->pos = outer_end(t);
		}
		i++;
	}
	return i == ntok ? NULL : "more than one JSON value";
}

/* One pass over s[0..n), eight bytes at a time: returns at least the
 * number of '[' and '{' bytes (('[' | 0x20) is '{'; the zero-byte test
 * counts every zero byte of x and may also count a 0x01 above one: an upper
 * bound), and sets *plain when no byte is a control character, a backslash
 * or beyond ASCII, so that no string of the line needs checking byte by
 * byte (the "any byte" tests below are exact). */
static size_t
scan_line(const char *s, size_t n, int *plain)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	const uint64_t lanes16 = 0x00FF00FF00FF00FFu;
	uint64_t odd = 0;
	size_t total = 0, i = 0;

	while (i + 8 <= n) {
		uint64_t acc = 0, w, x, b;

		/* Byte lanes of acc count to at most 255. */
		for (int r = 0; r < 255 && i + 8 <= n; r++, i += 8) {
			memcpy(&w, s + i, 8);
			x = (w | 0x2020202020202020u) ^ 0x7B7B7B7B7B7B7B7Bu;
			acc += ((x - ones) & ~x & high) >> 7;
			b = w ^ 0x5C5C5C5C5C5C5C5Cu;
			odd |= (w & high) | ((w - 0x20 * ones) & ~w & high) |
			       ((b - ones) & ~b & high);
		}
		acc = (acc & lanes16) + ((acc >> 8) & lanes16);
		total += (size_t)((acc * 0x0001000100010001u) >> 48);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		total += (c | 0x20) == '{';
		odd |= c < 0x20 || c >= 0x80 || c == '\\';
	}
	*plain = odd == 0;
	return total;
}

/* Does js[i..e) nest containers deeper than JSON_DEPTH_MAX?  Checked
 * before jsmn, which closes a container by walking up from the last token:
 * quadratic in the depth (100,000 nested arrays took 8 s).  A line with
 * at most JSON_DEPTH_MAX brackets costs one quick count (5% of hf-arch's
 * time); others are scanned once, strings skipped with memchr. */
static int
too_deep(const char *js, size_t i, size_t e, int *plain)
{
	int depth = 0;

	/* Few '[' and '{' bytes at all (every record in practice): no need
	 * to look further. */
	if (scan_line(js + i, e - i, plain) <= JSON_DEPTH_MAX)
		return 0;
	while (i < e) {
		char c = js[i++];

		if (c == '"') {
			for (;;) {
				const char *q = memchr(js + i, '"', e - i);
				size_t k, bs = 0;

				if (!q)
					return 0; /* unterminated: jsmn says so */
				k = (size_t)(q - js);
				while (k - bs > i && js[k - bs - 1] == '\\')
					bs++;
				i = k + 1;
				if (bs % 2 == 0)
					break;
			}
		} else if (c == '[' || c == '{') {
			if (++depth > JSON_DEPTH_MAX)
				return 1;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return 0;
}

int
json_parse(json_doc *d, const char *js, size_t len, int want_object,
           const char **why)
{
	size_t b = 0, e = len;
	jsmn_parser p;
	int r, plain = 0;

	d->js = js;
	d->len = len;
	d->ntok = 0;
	d->plain = 0;
	while (b < e && is_ws(js[b]))
		b++;
	while (e > b && is_ws(js[e - 1]))
		e--;
	if (b == e) {
		*why = "empty line";
		return -1;
	}
	if (e > INT_MAX / 2) {
		*why = "line too long";
		return -1;
	}
	if (want_object && js[b] != '{') {
		*why = "not a JSON object";
		return -1;
	}
	if (too_deep(js, b, e, &plain)) {
		*why = "JSON nested too deeply";
		return -1;
	}
	if (!d->tok) {
		d->cap = 256;
		d->tok = hf_malloc(d->cap * sizeof *d->tok);
	}
	for (;;) {
		jsmn_init(&p);
		r = jsmn_parse(&p, js, e, d->tok, d->cap);
		if (r != JSMN_ERROR_NOMEM)
			break;
		d->cap *= 2;
		d->tok = hf_realloc(d->tok, d->cap * sizeof *d->tok);
	}
	d->errpos = p.pos;
	if (r == JSMN_ERROR_PART && !memchr("{[\"", js[b], 3)) {
		/* Strict jsmn cannot end a primitive at the end of the text
		 * (it wants a delimiter after it): take the text as one
		 * primitive, which validate() then checks. */
		d->tok[0] = (jsmntok_t){ .type = JSMN_PRIMITIVE, .start = (int)b,
		                         .end = (int)e, .size = 0, .parent = -1 };
		r = 1;
	}
	if (r == JSMN_ERROR_PART) {
		/* The root closed and a primitive follows ({"a":1} 2): jsmn
		 * waits for its delimiter, but the line is not truncated. */
		*why = p.toknext > 0 && d->tok[0].end >= 0 ?
		       "more than one JSON value" : "truncated JSON";
		return -1;
	}
	if (r < 0) {
		*why = "invalid JSON";
		return -1;
	}
	if (r == 0 || outer_start(&d->tok[0]) != b) {
		*why = "invalid JSON";
		return -1;
	}
	d->ntok = (unsigned)r;
	d->plain = plain;
	if ((*why = validate(d, r, e, plain, &d->errpos)) != NULL)
		return -1;
	return 0;
}

int
json_skip(const json_doc *d, int i)
{
	int pending = 1;

	if (i < 0)
		return -1;
	while (pending > 0 && (unsigned)i < d->ntok) {
		pending += d->tok[i].size - 1;
		i++;
	}
	return i;
}

int
json_type(const json_doc *d, int i)
{
	return i < 0 || (unsigned)i >= d->ntok ? 0 : (int)d->tok[i].type;
}

const char *
json_raw(const json_doc *d, int i, size_t *len)
{
	*len = (size_t)(d->tok[i].end - d->tok[i].start);
	return d->js + d->tok[i].start;
}

const char *
json_span(const json_doc *d, int i, size_t *len)
{
	size_t s = outer_start(&d->tok[i]);

	*len = outer_end(&d->tok[i]) - s;
	return d->js + s;
}

/* Does the string token i decode to exactly s[0..n)? */
static int
str_equal(const json_doc *d, int i, const char *s, size_t n)
{
	size_t rn;
	const char *raw = json_raw(d, i, &rn);

	/* An escape makes the raw text longer than what it decodes to. */
	if (rn < n)
		return 0;
	if (d->plain || !memchr(raw, '\\', rn))
		return rn == n && memcmp(raw, s, n) == 0;
	char small[256], *buf = rn <= sizeof small ? small : hf_malloc(rn);
	long k = json_unescape(raw, rn, buf);
	int eq = k >= 0 && (size_t)k == n && memcmp(buf, s, n) == 0;

	if (buf != small)
		free(buf);
	return eq;
}

int
json_streq(const json_doc *d, int i, const char *s)
{
	return json_type(d, i) == JSMN_STRING && str_equal(d, i, s, strlen(s));
}

int
json_get(const json_doc *d, int obj, const char *key)
{
	size_t kn = strlen(key);
	int i, k;

	if (json_type(d, obj) != JSMN_OBJECT)
		return -1;
	for (i = obj + 1, k = 0; k < d->tok[obj].size; k++) {
		if (str_equal(d, i, key, kn))
			return i + 1;
		i = json_skip(d, i + 1);
	}
	return -1;
}

int
json_at(const json_doc *d, int arr, int n)
{
	int i, k;

	if (json_type(d, arr) != JSMN_ARRAY || n < 0 || n >= d->tok[arr].size)
		return -1;
	for (i = arr + 1, k = 0; k < n; k++)
		i = json_skip(d, i);
	return i;
}

int
json_is_null(const json_doc *d, int i)
{
	return json_type(d, i) == JSMN_PRIMITIVE && d->js[d->tok[i].start] == 'n';
}

int
json_is_bool(const json_doc *d, int i, int *val)
{
	char c;

	if (json_type(d, i) != JSMN_PRIMITIVE)
		return 0;
	c = d->js[d->tok[i].start];
	if (c != 't' && c != 'f')
		return 0;
	if (val)
		*val = c == 't';
	return 1;
}

int
json_is_string(const json_doc *d, int i)
{
	return json_type(d, i) == JSMN_STRING;
}

int
json_int64(const json_doc *d, int i, int64_t *out)
{
	size_t n, k = 0;
	const char *s;
	uint64_t v = 0, lim;
	int neg = 0;

	if (json_type(d, i) != JSMN_PRIMITIVE)
		return -1;
	s = json_raw(d, i, &n);
	if (n && s[0] == '-') {
		neg = 1;
		k = 1;
	}
	if (k >= n)
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; k < n; k++) {
		if (!is_digit(s[k]))
			return -1;
		unsigned dgt = (unsigned)(s[k] - '0');
		if (v > (lim - dgt) / 10)
			return -1;
		v = v * 10 + dgt;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

int
json_double(const json_doc *d, int i, double *out)
{
	char tmp[64], *num = tmp, *end;
	size_t n;
	const char *s;
	int r;

	if (json_type(d, i) != JSMN_PRIMITIVE)
		return -1;
	s = json_raw(d, i, &n);
	if (n == 0 || !(is_digit(s[0]) || s[0] == '-'))
		return -1;
	/* a number of any length, as JSON.parse and Python read it (a
	 * digit string past 63 bytes was taken for no number) */
	if (n >= sizeof tmp)
		num = hf_malloc(n + 1);
	memcpy(num, s, n);
	num[n] = '\0';
	*out = strtod(num, &end);
	r = *end ? -1 : 0;
	if (num != tmp)
		free(num);
	return r;
}

int64_t
json_count(const json_doc *d, int i, int64_t dflt)
{
	int64_t v;
	double x;

	if (json_int64(d, i, &v) == 0 && v >= 0)
		return v;
	/* Python writes a count it summed as floats as 3.0 or 1e3. */
	if (json_double(d, i, &x) == 0 && x >= 0 && x < 9e18)
		return (int64_t)x;
	return dflt;
}

static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int
hex4(const char *s, size_t n, size_t i, unsigned *v)
{
	int k;

	if (i + 4 > n)
		return -1;
	*v = 0;
	for (k = 0; k < 4; k++) {
		int h = num_hexval(s[i + (size_t)k]);

		if (h < 0)
			return -1;
		*v = *v << 4 | (unsigned)h;
	}
	return 0;
}

long
json_unescape(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned cp, lo;

		if (s[i] != '\\') {
			out[o++] = s[i++];
			continue;
		}
		if (i + 1 >= n)
			return -1;
		switch (s[i + 1]) {
		case '"': out[o++] = '"'; break;
		case '\\': out[o++] = '\\'; break;
		case '/': out[o++] = '/'; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u':
			if (hex4(s, n, i + 2, &cp) < 0)
				return -1;
			i += 6;
			if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n &&
			    s[i] == '\\' && s[i + 1] == 'u' &&
			    hex4(s, n, i + 2, &lo) == 0 && lo >= 0xDC00 &&
			    lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD; /* a lone surrogate has no UTF-8 */
			}
			o += put_utf8(out + o, cp);
			continue;
		default:
			return -1;
		}
		i += 2;
	}
	return (long)o;
}

/* String token i decoded, malloc'd; NULL when it is not a string, or
 * with whole set when it holds a NUL byte. */
static char *
dup_string(const json_doc *d, int i, int whole)
{
	size_t n;
	const char *raw;
	char *s;
	long k;

	if (json_type(d, i) != JSMN_STRING)
		return NULL;
	raw = json_raw(d, i, &n);
	s = hf_malloc(n + 1);
	k = json_unescape(raw, n, s);
	if (k < 0 || (whole && memchr(s, '\0', (size_t)k))) {
		free(s);
		return NULL;
	}
	s[k] = '\0';
	return s;
}

char *
json_strdup(const json_doc *d, int i)
{
	return dup_string(d, i, 0);
}

char *
json_strdup_whole(const json_doc *d, int i)
{
	return dup_string(d, i, 1);
}
