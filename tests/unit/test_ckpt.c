/* Unit tests of lib/ckpt.c: checkpoints of many listings, and outputs
 * cut back to them. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/hf.h"
#include "../../lib/ckpt.h"
#include "tap.h"

static int
parses(const char *text, ckpt *k, char *err, size_t n)
{
	return ckpt_parse(text, strlen(text), k, err, n);
}

static void
refused(const char *text, const char *part, const char *name)
{
	ckpt k;
	char err[256] = "";

	ok(parses(text, &k, err, sizeof err) == -1 && strstr(err, part), "%s (%s)",
	   name, err);
	ok(k.l == NULL && k.offset == NULL, "%s: nothing left allocated", name);
}

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fputs(text, fp) < 0 || fclose(fp) != 0)
		exit(1);
}

int
main(void)
{
	char dir[] = "/tmp/hf-test-ckpt-XXXXXX", path[256], out[256], err[256];
	int64_t offsets[2] = { 42, 0 };
	ckpt_listing l[3] = {
		{ 0, 7, 3, -1, "http://h/api/models?cursor=x%3D" },
		{ 1, 5, 1, -1, NULL },
		{ 0, 2, 1, 300, "http://h/api/models?author=a&cursor=y" },
	};
	ckpt k = { 0x0123456789abcdefu, offsets, 2, l, 3 }, back;
	struct stat sb;
	int fd;
	int64_t len;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/ck", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	ok(ckpt_write(path, &k) == 0, "checkpoint written");
	ok(ckpt_read(path, &back, err, sizeof err) == 1, "read back: %s", err);
	ok(back.query == k.query && back.noutputs == 2 && back.offset[0] == 42 &&
	   back.offset[1] == 0 && back.nlistings == 3, "the outputs round-trip");
	ok(!back.l[0].done && back.l[0].records == 7 && back.l[0].pages == 3 &&
	   back.l[0].spool == -1, "a listing writing into its output");
	is_str(back.l[0].next, l[0].next, "its next URL");
	ok(back.l[1].done && back.l[1].next == NULL, "a done listing has no next URL");
	ok(back.l[2].spool == 300 && back.l[2].records == 2, "a spooled listing");
	ckpt_free(&back);
	ok(back.l == NULL && back.nlistings == 0, "ckpt_free empties it");
	unlink(path);
	ok(ckpt_read(path, &back, err, sizeof err) == 0, "absent is 0");
	ok(ckpt_fingerprint("a", 1) != ckpt_fingerprint("b", 1), "fingerprints differ");
	ok(ckpt_fingerprint("abc", 3) == ckpt_fingerprint("abc", 3), "fingerprints are stable");

	refused("{\"not\":\"a checkpoint\"}\n", "not an hf-list checkpoint", "another file");
	refused("hf-list checkpoint 1\nquery 1\nlisting 0\noffset 5\n",
	        "another version", "a checkpoint of the first format");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\n",
	        "incomplete", "torn after the outputs line");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\noutput 0 5\n"
	        "listings 1\nlisting 0 todo 1 1 -1 http://h/a",
	        "incomplete", "torn in the last line");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\noutput 0 -5\n"
	        "listings 0\n", "damaged", "a negative offset");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\n"
	        "output 0 99999999999999999999\nlistings 0\n", "damaged",
	        "an offset past int64");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\noutput 0 5\n"
	        "listings 1\nlisting 0 maybe 1 1 -1 -\n", "damaged", "an unknown state");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\noutput 0 5\n"
	        "listings 1\nlisting 0 todo 1 1 -2 -\n", "damaged", "a spool below -1");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 1\noutput 0 5\n"
	        "listings 1\nlisting 1 todo 1 1 -1 -\n", "damaged", "listings out of order");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 999999999\n",
	        "damaged", "a count too large to be real");
	refused("hf-list checkpoint 2\nquery 0123\noutputs 0\nlistings 0\n", "damaged",
	        "a short fingerprint");
	refused("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 0\nlistings 0\n"
	        "extra\n", "damaged", "a line after the last listing");
	ok(ckpt_parse("hf-list checkpoint 2\n\0", 22, &back, err, sizeof err) == -1,
	   "a NUL byte");
	ok(parses("hf-list checkpoint 2\nquery 0123456789abcdef\noutputs 0\nlistings 0\n",
	          &back, err, sizeof err) == 1 && back.nlistings == 0, "an empty run parses");
	ckpt_free(&back);

	/* outputs cut back to a checkpoint */
	put(out, "0123456789");
	fd = ckpt_open_output(out, 4, CKPT_RESUME | CKPT_REGULAR, err, sizeof err);
	ok(fd >= 0 && fstat(fd, &sb) == 0 && sb.st_size == 4, "resumed: cut to 4 bytes");
	ok(write(fd, "x", 1) == 1 && ckpt_sync(fd, &len) == 0 && len == 5,
	   "written at the end; ckpt_sync gives the length");
	close(fd);
	fd = ckpt_open_output(out, 40, CKPT_RESUME | CKPT_REGULAR, err, sizeof err);
	ok(fd < 0 && strstr(err, "shorter (5 bytes) than its checkpoint says (40)"),
	   "a shorter output is refused, not padded: %s", err);
	fd = ckpt_open_output(out, 3, CKPT_REGULAR, err, sizeof err);
	ok(fd >= 0 && fstat(fd, &sb) == 0 && sb.st_size == 0, "a fresh run empties it");
	close(fd);
	ok(ckpt_open_output("/dev/null", 0, CKPT_REGULAR, err, sizeof err) < 0 &&
	   strstr(err, "regular file"), "a device refused with a checkpoint");
	fd = ckpt_open_output("/dev/null", 0, 0, err, sizeof err);
	ok(fd >= 0, "a device taken as it is without one");
	close(fd);
	snprintf(path, sizeof path, "%s/no/such/dir", dir);
	ok(ckpt_open_output(path, 0, 0, err, sizeof err) < 0 &&
	   strstr(err, "cannot open"), "an unopenable output: %s", err);
	unlink(out);
	rmdir(dir);
	return done_testing();
}
