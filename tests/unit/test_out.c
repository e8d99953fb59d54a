/* Unit tests of lib/out.c: the buffered writer, the memory writer, JSON
 * strings, the minified copy, and what a failed write does. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../lib/hf.h"
#include "child.h"

static off_t
size_of(int fd)
{
	struct stat sb;

	return fstat(fd, &sb) == 0 ? sb.st_size : -1;
}

/* The n bytes of fd from its start. */
static int
holds(int fd, const char *want, size_t n)
{
	char *buf = malloc(n + 1);
	int same = pread(fd, buf, n + 1, 0) == (ssize_t)n &&
	           memcmp(buf, want, n) == 0;

	free(buf);
	return same;
}

static void
buffered(void)
{
	char path[] = "/tmp/hf-test-out-XXXXXX", *big = hf_malloc(200000);
	int fd = mkstemp(path);
	hf_out w;

	unlink(path);
	out_init(&w, fd, NULL);
	is_str(w.name, "standard output", "a writer without a name");
	out_puts(&w, "abc");
	out_putc(&w, '\n');
	ok(size_of(fd) == 0, "written into the buffer, not yet to the file");
	out_flush(&w);
	ok(size_of(fd) == 4 && holds(fd, "abc\n", 4), "out_flush writes it");
	for (int i = 0; i < 70000; i++)
		out_putc(&w, 'y');
	ok(size_of(fd) >= 4 + 65536 && size_of(fd) < 4 + 70000,
	   "a full buffer is written out by itself");
	out_flush(&w);
	memset(big, 'z', 200000);
	out_putc(&w, 'x');
	out_write(&w, big, 200000);
	ok(size_of(fd) == 4 + 70000 + 1 + 200000 && w.len == 0,
	   "a piece bigger than the buffer goes straight out, after what "
	   "was buffered");
	out_free(&w);
	ok(w.buf == NULL, "out_free releases the buffer");
	close(fd);
	free(big);
}

static void
numbers_and_formats(void)
{
	char want[2000];
	hf_out w;

	out_init_mem(&w);
	out_int(&w, 0);
	out_putc(&w, ' ');
	out_int(&w, -7);
	out_putc(&w, ' ');
	out_int(&w, INT64_MAX);
	out_putc(&w, ' ');
	out_int(&w, INT64_MIN);
	ok(w.len == strlen("0 -7 9223372036854775807 -9223372036854775808") &&
	   memcmp(w.buf, "0 -7 9223372036854775807 -9223372036854775808",
	          w.len) == 0, "out_int: 0, negatives, both ends of int64");
	w.len = 0;
	out_printf(&w, "%s=%d", "n", 5);
	ok(w.len == 3 && memcmp(w.buf, "n=5", 3) == 0, "out_printf");
	w.len = 0;
	memset(want, 'q', 1500);
	want[1500] = '\0';
	out_printf(&w, "<%s>", want);
	ok(w.len == 1502 && w.buf[0] == '<' && w.buf[1501] == '>' &&
	   memcmp(w.buf + 1, want, 1500) == 0,
	   "out_printf of more than its 512-byte buffer");
	out_free(&w);
}

static void
memory(void)
{
	hf_out w;
	int same = 1;

	out_init_mem(&w);
	ok(w.fd < 0 && w.len == 0, "a memory writer starts empty");
	for (int i = 0; i < 100000; i++)
		out_putc(&w, (char)('a' + i % 26));
	out_write(&w, "END", 3);
	for (int i = 0; i < 100000; i++)
		same &= w.buf[i] == (char)('a' + i % 26);
	ok(w.len == 100003 && same && memcmp(w.buf + 100000, "END", 3) == 0,
	   "it grows to hold everything, in order");
	out_flush(&w);
	ok(w.len == 100003, "out_flush leaves memory as it is");
	out_free(&w);
	ok(w.buf == NULL, "out_free releases it");
}

/* out_json_str (or _body) of s[0..n) with ascii is want. */
static void
json_is(const char *s, size_t n, int ascii, int quotes, const char *want,
        const char *name)
{
	hf_out w;

	out_init_mem(&w);
	if (quotes)
		out_json_str(&w, s, n, ascii);
	else
		out_json_body(&w, s, n, ascii);
	ok(w.len == strlen(want) && memcmp(w.buf, want, w.len) == 0,
	   "%s: %s (got %.*s)", name, want, (int)w.len, w.buf);
	out_free(&w);
}

static void
json_strings(void)
{
	static const char raw[] = "a\"b\\c\n\r\t\b\f\x01\x1f\x7f \xc3\xa9";

	json_is(raw, sizeof raw - 1, 0, 1,
	        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f \xc3\xa9\"",
	        "escapes; DEL and UTF-8 as they are");
	json_is(raw, sizeof raw - 1, 1, 1,
	        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f \\u00e9\"",
	        "ascii: DEL and UTF-8 as \\u escapes, as Python's json.dump");
	json_is("\xe2\x82\xac \xf0\x9f\x98\x80", 8, 1, 1,
	        "\"\\u20ac \\ud83d\\ude00\"",
	        "ascii: three bytes, and four as a surrogate pair");
	json_is("a\0b", 3, 0, 1, "\"a\\u0000b\"", "a NUL byte within n");
	json_is("", 0, 1, 1, "\"\"", "the empty string");
	json_is("x\"y", 3, 0, 0, "x\\\"y", "out_json_body: no quotes");
	json_is("/<>&'", 5, 1, 1, "\"/<>&'\"", "what JSON needs no escape for");
}

static void
minify_is(const char *s, const char *want, const char *name)
{
	hf_out w;

	out_init_mem(&w);
	out_json_minified(&w, s, strlen(s));
	ok(w.len == strlen(want) && memcmp(w.buf, want, w.len) == 0,
	   "%s (got %.*s)", name, (int)w.len, w.buf);
	out_free(&w);
}

static void
minified(void)
{
	minify_is("{ \"a\" : [1, 2],\r\n\t\"b\": {} }", "{\"a\":[1,2],\"b\":{}}",
	          "white space outside strings goes");
	minify_is("{\"s\": \"x y\\\" z\"}", "{\"s\":\"x y\\\" z\"}",
	          "inside a string it stays, past an escaped quote");
	minify_is("[\"a\\\\\" , \"b\\\\\\\"c \"]", "[\"a\\\\\",\"b\\\\\\\"c \"]",
	          "an escaped backslash before a quote ends the string");
	minify_is("{\"k\":1}", "{\"k\":1}", "minified text is copied as it is");
	minify_is("  \n", "", "only white space");
}

/* In a child: w on a descriptor, a write, a flush; a quiet EPIPE. */
typedef struct {
	const char *name;
	size_t n;
	int closed_pipe;
} failing;

static void
write_and_flush(void *arg)
{
	failing *f = arg;
	static char data[100000];
	int fd[2] = { 1, -1 };
	hf_out w;

	memset(data, 'd', sizeof data);
	if (f->closed_pipe) {
		hf_init_signals();
		if (pipe(fd) < 0)
			return;
		close(fd[0]);
		fd[0] = fd[1];
	}
	out_init(&w, fd[0], f->name);
	out_write(&w, data, f->n);
	out_flush(&w);
	puts("returned");
}

static void
failures(void)
{
	failing f = { NULL, 10, 0 };
	child c;

	child_run_io(&c, write_and_flush, &f, "/dev/full", NULL);
	child_ok(&c, c.status == HF_STATE &&
	         strcmp(c.err, "hf-test: cannot write standard output: No space "
	                       "left on device\n") == 0,
	         "/dev/full: one line and status 4 at the flush");
	f = (failing){ "out.ndjson", 100000, 0 };
	child_run_io(&c, write_and_flush, &f, "/dev/full", NULL);
	child_ok(&c, c.status == HF_STATE &&
	         strcmp(c.err, "hf-test: cannot write out.ndjson: No space left "
	                       "on device\n") == 0,
	         "/dev/full: a big piece written straight out fails the same, "
	         "naming the writer");
	f = (failing){ NULL, 10, 1 };
	child_run(&c, write_and_flush, &f);
	child_ok(&c, c.status == 0 && !*c.err && !*c.out,
	         "a reader that went away: status 0, quietly");
	f = (failing){ NULL, 100000, 1 };
	child_run(&c, write_and_flush, &f);
	child_ok(&c, c.status == 0 && !*c.err && !*c.out,
	         "the same for a big piece written straight out");
}

int
main(void)
{
	hf_setprogname("hf-test");
	buffered();
	numbers_and_formats();
	memory();
	json_strings();
	minified();
	failures();
	return done_testing();
}
