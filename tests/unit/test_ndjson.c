/* Unit tests of lib/ndjson.c: lines, limits, a last line without '\n'. */
#include <stdlib.h>
#include <unistd.h>
#include "../../lib/hf.h"
#include "tap.h"

int
main(void)
{
	char path[] = "/tmp/hf-test-ndjson-XXXXXX";
	int fd = mkstemp(path);
	ndj_reader r;
	const char *line;
	size_t len;

	ok(fd >= 0, "temporary file");
	ok(write(fd, "a\n\nbc\r\ndef", 10) == 10, "write");
	close(fd);
	ok(ndj_open(&r, path) == 0, "open");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 1 && *line == 'a',
	   "first line");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 0, "empty line");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 2, "CR dropped");
	ok(ndj_next(&r, &line, &len) == NDJ_LINE && len == 3 &&
	   memcmp(line, "def", 3) == 0 && r.lineno == 4, "last line, no newline");
	ok(ndj_next(&r, &line, &len) == NDJ_EOF, "EOF");
	ndj_close(&r);
	unlink(path);
	return done_testing();
}
