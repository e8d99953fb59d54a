/*
 * near - "did you mean" over any words: the input's first line is the
 * word, the others the candidates.  Properties of the edit distance: zero
 * from a word to itself in any case, the same both ways, never more than
 * the longer word (those three for the first FULL candidates: a whole
 * matrix each), and the same under a small limit as under a large one
 * (cut at the limit); near_pick returns candidates only, nearest first,
 * never the word itself.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/near.h"
#include "fuzz.h"

#define MAXCAND 64
#define FULL 4

static size_t
dist(const char *a, const char *b, size_t limit)
{
	return near_distance(a, strlen(a), b, strlen(b), limit);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *word = s, *nl;
	const char *cand[MAXCAND], *out[4];
	size_t n = 0, got, near5[MAXCAND];

	for (char *p = s; (nl = strchr(p, '\n')) && n < MAXCAND; p = nl + 1) {
		*nl = '\0';
		cand[n++] = nl + 1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *c = cand[i];
		size_t la = strlen(word), lc = strlen(c), big;

		/* within 5: a band of 11 cells a row */
		near5[i] = dist(word, c, 5);
		for (size_t limit = 0; limit <= 4; limit++)
			fuzz_assert(dist(word, c, limit) ==
			            (near5[i] > limit ? limit + 1 : near5[i]));
		if (i >= FULL)
			continue;
		big = dist(word, c, 1000);
		fuzz_assert(near5[i] == (big > 5 ? 6 : big));
		if (la <= 256 && lc <= 256) {
			fuzz_assert(big <= (la > lc ? la : lc));
			/* the same the other way: within big and not within
			 * big - 1 (two narrow bands cost less than a second
			 * whole matrix) */
			fuzz_assert(dist(c, word, big) == big);
			fuzz_assert(big == 0 || dist(c, word, big - 1) == big);
		} else {
			fuzz_assert(big == 1001 && dist(c, word, 1000) == 1001);
		}
	}
	fuzz_assert(strlen(word) > 256 || dist(word, word, 0) == 0);
	got = near_pick(word, cand, n, out, 4);
	fuzz_assert(got <= 4);
	for (size_t k = 0, prev = 0; k < got; k++) {
		size_t i = 0;

		while (i < n && cand[i] != out[k])
			i++;
		fuzz_assert(i < n && strcmp(out[k], word) != 0);
		/* the distances found above (picks are within 2): nearest
		 * first */
		fuzz_assert(k == 0 || near5[prev] <= near5[i]);
		prev = i;
	}
	free(s);
	return 0;
}
