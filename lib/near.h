/*
 * near.h - "did you mean": the candidates nearest to a word a user
 * mistyped, by edit distance with case ignored (an option name, an
 * architecture).  Nothing is allocated; results point at the candidates.
 */
#ifndef HF_NEAR_H
#define HF_NEAR_H

#include <stddef.h>

/* Levenshtein distance between a and b, ASCII case ignored; counting
 * stops at limit + 1 (words that far apart are all alike to us). */
size_t near_distance(const char *a, size_t alen, const char *b, size_t blen,
                     size_t limit);

/* Up to max of cand[0..n) close enough to word to suggest, all at the
 * nearest distance found (in candidate order): the same word in another
 * case, else those one edit away, else (for words over 4 bytes) two.
 * Returns how many were put in out. */
size_t near_pick(const char *word, const char *const *cand, size_t n,
                 const char **out, size_t max);

#endif
