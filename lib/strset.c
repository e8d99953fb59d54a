/* strset.c - exact membership for ids (hf-filter --unique and friends). */
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "strset.h"

void
strset_init(strset *s)
{
	memset(s, 0, sizeof *s);
}

void
strset_free(strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	free(s->hash);
	free(s->val);
	memset(s, 0, sizeof *s);
}

/* Index of str's slot, or of the empty slot where it would go. */
static size_t
find(const strset *s, const char *str, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (s->cap - 1);

	while (s->slot[i]) {
		size_t len;

		memcpy(&len, s->slot[i], sizeof len);
		if (s->hash[i] == h && len == n &&
		    memcmp(s->slot[i] + sizeof len, str, n) == 0)
			break;
		i = (i + 1) & (s->cap - 1);
	}
	return i;
}

static void
grow(strset *s)
{
	strset old = *s;

	s->cap = old.cap ? old.cap * 2 : 16; /* most sets hold a few names */
	s->slot = hf_calloc(s->cap, sizeof *s->slot);
	s->hash = hf_calloc(s->cap, sizeof *s->hash);
	s->val = hf_calloc(s->cap, sizeof *s->val);
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.slot[i])
			continue;
		size_t j = (size_t)old.hash[i] & (s->cap - 1);
		while (s->slot[j])
			j = (j + 1) & (s->cap - 1);
		s->slot[j] = old.slot[i];
		s->hash[j] = old.hash[i];
		s->val[j] = old.val[i];
	}
	free(old.slot);
	free(old.hash);
	free(old.val);
}

int
strset_add(strset *s, const char *str, size_t n)
{
	size_t old;

	return strset_add_val(s, str, n, 0, &old);
}

int
strset_add_val(strset *s, const char *str, size_t n, size_t val, size_t *old)
{
	uint64_t h = num_hash(str, n);
	size_t i;

	if ((s->n + 1) * 4 > s->cap * 3)
		grow(s);
	i = find(s, str, n, h);
	if (s->slot[i]) {
		*old = s->val[i];
		return 0;
	}
	s->val[i] = val;
	s->slot[i] = hf_malloc(sizeof n + n + 1);
	memcpy(s->slot[i], &n, sizeof n);
	memcpy(s->slot[i] + sizeof n, str, n);
	s->slot[i][sizeof n + n] = '\0';
	s->hash[i] = h;
	s->n++;
	return 1;
}

int
strset_has(const strset *s, const char *str, size_t n)
{
	return s->cap && s->slot[find(s, str, n, num_hash(str, n))] != NULL;
}

const char *
strset_stored(const strset *s, const char *str, size_t n)
{
	size_t i;

	if (!s->cap)
		return NULL;
	i = find(s, str, n, num_hash(str, n));
	return s->slot[i] ? s->slot[i] + sizeof n : NULL;
}

const char *
strset_next(const strset *s, size_t *at)
{
	while (*at < s->cap)
		if (s->slot[(*at)++])
			return s->slot[*at - 1] + sizeof (size_t);
	return NULL;
}

int
strset_get(const strset *s, const char *str, size_t n, size_t *val)
{
	size_t i;

	if (!s->cap)
		return 0;
	i = find(s, str, n, num_hash(str, n));
	if (!s->slot[i])
		return 0;
	*val = s->val[i];
	return 1;
}
