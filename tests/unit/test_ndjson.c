/* Unit tests of lib/ndjson.c: lines, the line limit (exactly at it and one
 * byte over, with and without a newline, inside and beyond the read
 * buffer), many lines across the 256 KiB buffer boundary, pipes. */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../lib/hf.h"
#include "tap.h"

static char path[] = "/tmp/hf-test-ndjson-XXXXXX";

/* Replace the temporary file's contents with s[0..n). */
static void
put(const char *s, size_t n)
{
	int fd = mkstemp(path);
	size_t off = 0;

	while (off < n) {
		ssize_t k = write(fd, s + off, n - off);

		if (k <= 0)
			break;
		off += (size_t)k;
	}
	close(fd);
}

/* A string of n copies of c followed by tail (malloc'd); *len set. */
static char *
filled(size_t n, char c, const char *tail, size_t *len)
{
	size_t t = strlen(tail);
	char *s = malloc(n + t + 1);

	memset(s, c, n);
	memcpy(s + n, tail, t + 1);
	*len = n + t;
	return s;
}

static void
reset_path(void)
{
	unlink(path);
	strcpy(path, "/tmp/hf-test-ndjson-XXXXXX");
}

static void
test_basic(void)
{
	ndj_reader r;
	const char *line;
	size_t len;

	put("a\n\nbc\r\ndef", 10);
	ok(ndj_open(&r, path) == 0, "open");
	ok(strcmp(r.name, path) == 0 && r.lineno == 0 && r.max == NDJ_LINE_MAX,
	   "name, no line yet, the default limit");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 1 && *line == 'a',
	   "first line");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 0, "empty line");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 2 &&
	   memcmp(line, "bc", 2) == 0, "CR before the newline dropped");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 3 &&
	   memcmp(line, "def", 3) == 0 && r.lineno == 4, "last line, no newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF && r.lineno == 4, "EOF again");
	ndj_close(&r);
	reset_path();

	put("", 0);
	ok(ndj_open(&r, path) == 0 && ndj_next(&r, &line, &len) == NDJ_EOF &&
	   r.lineno == 0, "an empty file has no line");
	ndj_close(&r);
	reset_path();

	put("x\r", 2);
	ok(ndj_open(&r, path) == 0 && ndj_next(&r, &line, &len) == NDJ_LINE &&
	   len == 1 && *line == 'x', "a last line ending in CR");
	ndj_close(&r);
	reset_path();

	put("a\rb\n", 4);
	ok(ndj_open(&r, path) == 0 && ndj_next(&r, &line, &len) == NDJ_LINE &&
	   len == 3, "a CR inside a line stays");
	ndj_close(&r);
	reset_path();

	errno = 0;
	ok(ndj_open(&r, "/nonexistent/x") == -1 && errno == ENOENT,
	   "a missing file: -1, ENOENT");
	ok(ndj_open(&r, "-") == 0 && strcmp(r.name, "<stdin>") == 0 &&
	   r.fd == 0, "- is standard input");
	ndj_close(&r);
	ok(ndj_open(&r, NULL) == 0 && strcmp(r.name, "<stdin>") == 0,
	   "NULL is standard input");
	ndj_close(&r);
	ok(ndj_open(&r, "/") == 0 && ndj_next(&r, &line, &len) == NDJ_ERROR &&
	   errno == EISDIR, "a read error is NDJ_ERROR with errno");
	ndj_close(&r);
}

/* A small limit: exactly at it, one over, with CR LF, at the end. */
static void
test_small_limit(void)
{
	static const char in[] =
		"12345678\n"    /* 1: exactly 8 */
		"123456789\n"   /* 2: one over */
		"ok\n"          /* 3 */
		"12345678\r\n"  /* 4: 8 and CR LF */
		"123456789\r\n" /* 5: 9 and CR LF */
		"\n"            /* 6 */
		"123456789";    /* 7: one over, no newline */
	ndj_reader r;
	const char *line;
	size_t len;

	put(in, sizeof in - 1);
	ok(ndj_open(&r, path) == 0, "open");
	r.max = 8;
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 8 &&
	   memcmp(line, "12345678", 8) == 0, "exactly the limit");
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 2,
	   "one byte over: too long, line 2");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 2 && r.lineno == 3,
	   "the next line");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 8 && r.lineno == 4,
	   "exactly the limit before CR LF");
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 5,
	   "one over before CR LF");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 0 && r.lineno == 6,
	   "empty line after");
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 7,
	   "one over, no newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();

	put("12345678", 8);
	ok(ndj_open(&r, path) == 0, "open");
	r.max = 8;
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 8,
	   "exactly the limit, no newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();
}

/* A line over a small limit and longer than the read buffer is skipped
 * while it is read: the buffer does not grow for it. */
static void
test_skip_beyond_buffer(void)
{
	size_t n;
	char *s = filled(1000000, 'x', "\nafter\n", &n);
	char *in = malloc(n + 16);
	ndj_reader r;
	const char *line;
	size_t len;

	memcpy(in, "first\n", 6);
	memcpy(in + 6, s, n);
	put(in, n + 6);
	ok(ndj_open(&r, path) == 0, "open");
	r.max = 100;
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 5, "first");
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 2,
	   "a 1 MB line over a 100-byte limit");
	ok(r.cap <= 256 * 1024, "the buffer did not grow for it (%zu)", r.cap);
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 5 &&
	   memcmp(line, "after", 5) == 0 && r.lineno == 3, "the line after");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();

	/* The same, no newline at the end. */
	put(s, 1000000);
	ok(ndj_open(&r, path) == 0, "open");
	r.max = 100;
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 1,
	   "a 1 MB last line without newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();
	free(s);
	free(in);
}

/* A limit one byte under the read buffer (found by the fuzz harness with
 * smaller buffers): a line of exactly the limit whose CR fills the buffer
 * and whose LF is still unread is a line, not too long. */
static void
test_limit_at_buffer_end(void)
{
	size_t n, max = 256 * 1024 - 1;
	char *s = filled(max, 'x', "\r\nnext\n", &n);
	ndj_reader r;
	const char *line;
	size_t len;

	put(s, n);
	ok(ndj_open(&r, path) == 0, "open");
	r.max = max;
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == max,
	   "a line of the limit, its CR the buffer's last byte (%zu)", len);
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 4 && r.lineno == 2,
	   "the next line");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();
	free(s);
}

/* The real limit: a line of NDJ_LINE_MAX bytes is read whole, one more
 * byte is too long, and the lines around them are intact. */
static void
test_real_limit(void)
{
	size_t n;
	char *s = malloc(3 * (size_t)NDJ_LINE_MAX + 64), *p = s;
	ndj_reader r;
	const char *line;
	size_t len;
	int whole;

	p += sprintf(p, "a\n");
	memset(p, 'y', NDJ_LINE_MAX);
	p += NDJ_LINE_MAX;
	*p++ = '\n';
	memset(p, 'y', NDJ_LINE_MAX);
	p += NDJ_LINE_MAX;
	*p++ = '\r';
	*p++ = '\n';
	memset(p, 'z', NDJ_LINE_MAX + 1);
	p += NDJ_LINE_MAX + 1;
	p += sprintf(p, "\nb\n");
	n = (size_t)(p - s);
	put(s, n);
	ok(ndj_open(&r, path) == 0, "open");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 1, "a");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == NDJ_LINE_MAX,
	   "a line of exactly NDJ_LINE_MAX bytes");
	whole = 1;
	for (size_t i = 0; i < len; i++)
		whole &= line[i] == 'y';
	ok(whole, "read whole");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == NDJ_LINE_MAX &&
	   line[len - 1] == 'y', "NDJ_LINE_MAX bytes before CR LF");
	ok(ndj_next(&r, &line, &len) == NDJ_TOOLONG && r.lineno == 4,
	   "NDJ_LINE_MAX + 1 is too long");
	ok(r.cap <= NDJ_LINE_MAX + 2, "buffer bounded by the limit (%zu)", r.cap);
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 1 && *line == 'b' &&
	   r.lineno == 5, "b");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	reset_path();
	free(s);
}

/* 100,000 lines of lengths 0..199 cross the 256 KiB buffer many times;
 * each comes back whole with its number. */
static void
test_many_lines(void)
{
	size_t cap = 100000 * 220, n = 0, bad = 0, i;
	char *s = malloc(cap);
	ndj_reader r;
	const char *line;
	size_t len;

	for (i = 0; i < 100000; i++) {
		size_t k = (i * 7919) % 200;

		n += (size_t)sprintf(s + n, "%zu:", i);
		memset(s + n, 'a' + (int)(i % 26), k);
		n += k;
		s[n++] = '\n';
	}
	put(s, n);
	ok(ndj_open(&r, path) == 0, "open");
	for (i = 0; i < 100000; i++) {
		char head[32];
		size_t k = (i * 7919) % 200, h = (size_t)sprintf(head, "%zu:", i);

		if (ndj_next(&r, &line, &len) != NDJ_LINE || len != h + k ||
		    memcmp(line, head, h) != 0 || r.lineno != i + 1 ||
		    (k && (line[h] != 'a' + (int)(i % 26) ||
		           line[len - 1] != 'a' + (int)(i % 26)))) {
			if (bad++ < 3)
				printf("# line %zu wrong\n", i + 1);
		}
	}
	ok(bad == 0, "100,000 lines across the buffer boundary (%zu wrong)", bad);
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "then EOF");
	ok(r.cap == 256 * 1024, "short lines never grow the buffer");
	ndj_close(&r);
	reset_path();
	free(s);
}

/* From a pipe written one byte at a time: short reads make whole lines. */
static void
test_pipe(void)
{
	static const char in[] = "ab\n{\"x\":1}\r\n\nlast";
	int p[2], saved;
	pid_t pid;
	ndj_reader r;
	const char *line;
	size_t len;

	ok(pipe(p) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (size_t i = 0; i < sizeof in - 1; i++) {
			if (write(p[1], in + i, 1) != 1)
				_exit(1);
			usleep(200);
		}
		_exit(0);
	}
	close(p[1]);
	saved = dup(0);
	dup2(p[0], 0);
	close(p[0]);
	ok(ndj_open(&r, "-") == 0, "open standard input");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 2 &&
	   memcmp(line, "ab", 2) == 0, "ab");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 7 &&
	   memcmp(line, "{\"x\":1}", 7) == 0, "an object, CR LF");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 0, "empty");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 4 &&
	   memcmp(line, "last", 4) == 0 && r.lineno == 4, "last, no newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	dup2(saved, 0);
	close(saved);
	waitpid(pid, NULL, 0);
}

int
main(void)
{
	test_basic();
	test_small_limit();
	test_skip_beyond_buffer();
	test_limit_at_buffer_end();
	test_real_limit();
	test_many_lines();
	test_pipe();
	return done_testing();
}
