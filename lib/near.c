/* near.c - suggestions for a mistyped word, by edit distance. */
#include <string.h>

#include "near.h"

#define NEAR_WORD_MAX 256 /* longer words get no suggestion */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment: Levenshtein plus the swap of two adjacent
 * letters as one edit ("--sepc" is one typo away from "--spec").  Only
 * the cells within limit of the diagonal are computed: a path through
 * any other costs more than limit, so those are taken as limit + 1 (a
 * hint's limit of 1 or 2 makes a row 3 or 5 cells, not 256). */
size_t
near_distance(const char *a, size_t alen, const char *b, size_t blen,
              size_t limit)
{
	size_t rows[3][NEAR_WORD_MAX + 2], *prev2, *prev, *cur;
	int lb[NEAR_WORD_MAX]; /* b in lower case, once */

	if (alen > NEAR_WORD_MAX || blen > NEAR_WORD_MAX)
		return limit + 1;
	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;
	prev2 = rows[0], prev = rows[1], cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t j = 0; j < blen; j++)
		lb[j] = lower((unsigned char)b[j]);
	for (size_t i = 1; i <= alen; i++) {
		size_t lo = i > limit ? i - limit : 1;
		size_t hi = limit >= blen || i >= blen - limit ? blen : i + limit;
		size_t best = cur[lo - 1] = lo > 1 ? limit + 1 : i, *t;
		int ca = lower((unsigned char)a[i - 1]);
		int pa = i > 1 ? lower((unsigned char)a[i - 2]) : -1;

		if (hi < blen)
			cur[hi + 1] = limit + 1; /* read by the next row */
		for (size_t j = lo; j <= hi; j++) {
			int cb = lb[j - 1];
			size_t d = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			/* a swap of two letters: pa is -1 on the first row */
			if (cb == pa && j > 1 && ca == lb[j - 2] &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
		t = prev2, prev2 = prev, prev = cur, cur = t;
	}
	return prev[blen] > limit ? limit + 1 : prev[blen];
}

size_t
near_pick(const char *word, const char *const *cand, size_t n,
          const char **out, size_t max)
{
	size_t wlen = strlen(word), limit = wlen <= 4 ? 1 : 2, got = 0;

	/* the nearest only: distance 0 is the word in another case */
	for (size_t d = 0; d <= limit && got == 0; d++)
		for (size_t i = 0; i < n && got < max; i++) {
			size_t clen = strlen(cand[i]);

			if (clen == wlen && memcmp(cand[i], word, wlen) == 0)
				continue; /* the word itself is no suggestion */
			if (near_distance(word, wlen, cand[i], clen, limit) == d)
				out[got++] = cand[i];
		}
	return got;
}
