/*
 * ckpt.h - hf-list's byte-offset checkpoints (DESIGN section 4): which
 * query, which listing, the next page's URL, the output's length after
 * the last complete page, and the counts.  ckpt_read allocates next;
 * ckpt_free releases it.  No token is ever part of a checkpoint.
 */
#ifndef HF_CKPT_H
#define HF_CKPT_H

#include <stdint.h>

typedef struct {
	uint64_t query;   /* fingerprint of the query */
	int listing;      /* index of the listing (one per --author) */
	char *next;       /* URL of the next page */
	int64_t offset, records, pages;
} ckpt;

/* 1 read, 0 no such file, -1 unreadable or not a checkpoint (errno or a
 * reason in err). */
int ckpt_read(const char *path, ckpt *k, char *err, size_t errlen);
/* Atomic replace; 0 or -1 with errno. */
int ckpt_write(const char *path, const ckpt *k);
void ckpt_free(ckpt *k);
uint64_t ckpt_fingerprint(const char *s, size_t n);

#endif
