/* alloc.c - allocation that never returns NULL: out of memory is one
 * message and exit HF_STATE. */
#include <stdlib.h>
#include <string.h>

#include "hf.h"

static void *
checked(void *p)
{
	if (!p)
		hf_die(HF_STATE, "out of memory");
	return p;
}

void *
hf_malloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *
hf_calloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *
hf_realloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

char *
hf_strdup(const char *s)
{
	return checked(strdup(s));
}

char *
hf_strndup(const char *s, size_t n)
{
	char *p = hf_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
