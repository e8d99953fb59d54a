/* strset.h - a set of byte strings (open addressing, FNV-1a).  The set
 * copies what it stores; strset_free releases everything. */
#ifndef HF_STRSET_H
#define HF_STRSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct strset {
	char **slot;    /* NULL or a stored string: length-prefixed copy */
	uint64_t *hash;
	size_t *val;    /* a value per string, for strset_add_val */
	size_t cap, n;
} strset;

void strset_init(strset *s);
void strset_free(strset *s);
/* Add s[0..n); returns 1 when it was new, 0 when already present. */
int strset_add(strset *s, const char *str, size_t n);
int strset_has(const strset *s, const char *str, size_t n);
/* Add with a value: 1 when new (val stored), 0 when present (*old set to
 * the stored value). */
int strset_add_val(strset *s, const char *str, size_t n, size_t val,
                   size_t *old);
/* 1 and *val set to the value stored with str, or 0 when absent. */
int strset_get(const strset *s, const char *str, size_t n, size_t *val);
/* The set's own NUL-terminated copy of str, valid until strset_free, or
 * NULL when absent: lets callers share one copy of repeated strings. */
const char *strset_stored(const strset *s, const char *str, size_t n);

/* The stored strings in no particular order: start with *at = 0; NULL
 * after the last. */
const char *strset_next(const strset *s, size_t *at);

#endif
