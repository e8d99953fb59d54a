/*
 * num.h - numbers from text and numbers that cannot overflow: decimal
 * counts parsed with their range checked, counts summed without wrapping,
 * hexadecimal digits, and FNV-1a, the one hash of hf-tools (sets,
 * fingerprints, ETags).  Nothing here allocates.
 */
#ifndef HF_NUM_H
#define HF_NUM_H

#include <stddef.h>
#include <stdint.h>

/* A non-negative decimal integer (digits only, no sign, no space); -1 if
 * s is not one or does not fit in int64_t. */
int64_t num_parse_count(const char *s);

/* a + b for counts that are not negative, held at INT64_MAX instead of
 * overflowing: a stage's totals never wrap, whatever its input says. */
static inline int64_t
num_add_count(int64_t a, int64_t b)
{
	return b > 0 && a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* The value of a hexadecimal digit, or -1. */
int num_hexval(char c);

/* FNV-1a, 64 bits. */
uint64_t num_hash(const void *p, size_t n);

#endif
