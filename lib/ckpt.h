/*
 * ckpt.h - hf-list's checkpoints (DESIGN section 4), for a run of one or
 * many listings: the query's fingerprint, the length of each output
 * after its last complete page, and for each listing whether it is done,
 * its counts, the length of its spool (the file its pages wait in while
 * an earlier listing of the same output is unfinished) and its next
 * page's URL.  Also the resume half of the protocol: an output opened,
 * checked and cut back to the length a checkpoint gives.  ckpt_read
 * allocates the arrays and URLs; ckpt_free releases them.  No token is
 * ever part of a checkpoint.
 */
#ifndef HF_CKPT_H
#define HF_CKPT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	int done;            /* the listing is complete */
	int64_t records, pages;
	int64_t spool;       /* bytes in its spool file; -1: it writes into
	                      * its output directly */
	char *next;          /* the next page's URL; NULL: the first page */
} ckpt_listing;

typedef struct {
	uint64_t query;      /* fingerprint of the listings and options */
	int64_t *offset;     /* each output's length */
	int noutputs;
	ckpt_listing *l;
	int nlistings;
} ckpt;

/* 1 read, 0 no such file, -1 unreadable or not a checkpoint (a reason
 * in err). */
int ckpt_read(const char *path, ckpt *k, char *err, size_t errlen);
/* The same from text[0..len) (for the tests and the fuzzers). */
int ckpt_parse(const char *text, size_t len, ckpt *k, char *err,
               size_t errlen);
/* Atomic replace; 0 or -1 with errno. */
int ckpt_write(const char *path, const ckpt *k);
void ckpt_free(ckpt *k);
uint64_t ckpt_fingerprint(const char *s, size_t n);

/* How ckpt_open_output opens a file. */
enum {
	CKPT_RESUME = 1,  /* cut back to offset; else emptied */
	CKPT_REGULAR = 2, /* refuse a device or a pipe (else written as is) */
	CKPT_READ = 4,    /* readable too (a spool) */
	CKPT_LOCK = 8     /* a write lock on it (fcntl) for as long as it
	                   * is open: a second run on the same files is
	                   * refused, naming the process that holds them */
};
/* Open path for writing at its end: created if missing; with CKPT_RESUME
 * it must be at least offset bytes long (growing it would fill the gap
 * with zero bytes) and is cut back to offset.  The descriptor, or -1
 * with a reason in err. */
int ckpt_open_output(const char *path, int64_t offset, int flags, char *err,
                     size_t errlen);
/* Do a and b name one file (the same path, or the same inode)? */
int ckpt_same_file(const char *a, const char *b);
/* Write what fd holds to disk; its length in *len.  0, or -1 and errno. */
int ckpt_sync(int fd, int64_t *len);

#endif
