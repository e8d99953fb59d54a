/*
 * ckpt - any bytes as an hf-list checkpoint file.  Properties: a
 * checkpoint that reads has every field and no negative offset or
 * listing; written again and read back, it is the same checkpoint; one
 * that does not read says why in one line.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/ckpt.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ckpt k, back;
	char err[256] = "";
	int got = ckpt_read(fuzz_file(data, size), &k, err, sizeof err);
	const char *path;

	fuzz_assert(got == 1 || got == -1);
	if (got < 0) {
		fuzz_assert(err[0] && !strchr(err, '\n'));
		return 0;
	}
	fuzz_assert(k.next && k.offset >= 0 && k.listing >= 0);
	path = fuzz_path("ckpt");
	fuzz_assert(ckpt_write(path, &k) == 0);
	fuzz_assert(ckpt_read(path, &back, err, sizeof err) == 1);
	fuzz_assert(back.query == k.query && back.listing == k.listing &&
	            back.offset == k.offset && back.records == k.records &&
	            back.pages == k.pages && strcmp(back.next, k.next) == 0);
	ckpt_free(&back);
	ckpt_free(&k);
	return 0;
}
