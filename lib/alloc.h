/*
 * alloc.h - allocation that cannot fail silently: the hf_ wrappers never
 * return NULL; out of memory is one message and exit HF_STATE.  What they
 * return is the caller's to free.
 */
#ifndef HF_ALLOC_H
#define HF_ALLOC_H

#include <stddef.h>

void *hf_malloc(size_t n);
void *hf_calloc(size_t n, size_t size);
void *hf_realloc(void *p, size_t n);
char *hf_strdup(const char *s);
/* The n bytes at s (all of them, NUL bytes too: s must hold n), and a
 * NUL after them. */
char *hf_strndup(const char *s, size_t n);

#endif
