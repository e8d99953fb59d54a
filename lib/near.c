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
 * letters as one edit ("--sepc" is one typo away from "--spec"). */
size_t
near_distance(const char *a, size_t alen, const char *b, size_t blen,
              size_t limit)
{
	size_t rows[3][NEAR_WORD_MAX + 1], *prev2, *prev, *cur;

	if (alen > NEAR_WORD_MAX || blen > NEAR_WORD_MAX)
		return limit + 1;
	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;
	prev2 = rows[0], prev = rows[1], cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t best = cur[0] = i, *t;

		for (size_t j = 1; j <= blen; j++) {
			int ca = lower((unsigned char)a[i - 1]);
			int cb = lower((unsigned char)b[j - 1]);
			size_t d = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2]) &&
			    cb == lower((unsigned char)a[i - 2]) &&
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
