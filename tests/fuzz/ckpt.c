/*
 * ckpt - any bytes as an hf-list checkpoint (format 2: outputs and
 * listings).  Properties: a checkpoint that parses has no negative
 * length or count, and written again (ckpt_write) and read back from
 * the file (ckpt_read) it is the same checkpoint; one that does not
 * parse says why in one line.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/ckpt.h"
#include "fuzz.h"

static int
same_next(const char *a, const char *b)
{
	/* "no next page yet" is written as "-", read back as NULL */
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

static void
check_same(const ckpt *a, const ckpt *b)
{
	fuzz_assert(a->query == b->query && a->noutputs == b->noutputs &&
	            a->nlistings == b->nlistings);
	for (int i = 0; i < a->noutputs; i++)
		fuzz_assert(a->offset[i] == b->offset[i]);
	for (int i = 0; i < a->nlistings; i++) {
		const ckpt_listing *x = &a->l[i], *y = &b->l[i];

		fuzz_assert(x->done == y->done && x->records == y->records &&
		            x->pages == y->pages && x->spool == y->spool &&
		            same_next(x->next, y->next));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ckpt k, back;
	char err[256] = "";
	const char *path;
	int got = ckpt_parse((const char *)data, size, &k, err, sizeof err);

	fuzz_assert(got == 1 || got == -1);
	if (got < 0) {
		fuzz_assert(err[0] && !strchr(err, '\n'));
		return 0;
	}
	fuzz_assert(k.noutputs >= 0 && k.nlistings >= 0);
	for (int i = 0; i < k.noutputs; i++)
		fuzz_assert(k.offset[i] >= 0);
	for (int i = 0; i < k.nlistings; i++)
		fuzz_assert(k.l[i].records >= 0 && k.l[i].pages >= 0 &&
		            k.l[i].spool >= -1);
	path = fuzz_path("ckpt");
	fuzz_assert(ckpt_write(path, &k) == 0);
	fuzz_assert(ckpt_read(path, &back, err, sizeof err) == 1);
	check_same(&k, &back);
	ckpt_free(&back);
	ckpt_free(&k);
	return 0;
}
