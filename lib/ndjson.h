/*
 * ndjson.h - the one line reader of every tool: lines of at most
 * NDJ_LINE_MAX bytes point into one buffer the reader owns (valid until
 * the next call); longer lines are skipped while being read, so memory
 * stays bounded whatever the input.  ndj_close releases the buffer.
 */
#ifndef HF_NDJSON_H
#define HF_NDJSON_H

#include <stddef.h>

/* Lines longer than this (without the newline) are reported and skipped
 * without being held in memory.  Documented in hf-tools(7). */
#define NDJ_LINE_MAX (4u * 1024 * 1024)

typedef struct {
	int fd;
	const char *name;  /* "<stdin>" for standard input */
	size_t lineno;     /* number of the line last returned */
	char *buf;         /* read buffer; lines point into it */
	size_t cap, start, end;
	size_t max;        /* line limit, NDJ_LINE_MAX unless changed */
	int eof, owned;
} ndj_reader;

enum { NDJ_LINE = 1, NDJ_EOF = 0, NDJ_TOOLONG = -1, NDJ_ERROR = -2 };

/* path NULL or "-" means standard input.  Returns -1 with errno set.
 * The buffer (r->cap bytes, 256 KiB) is allocated by the first ndj_next,
 * so a caller may set a smaller r->cap (at least 1) before it. */
int ndj_open(ndj_reader *r, const char *path);
/* Next line without its '\n' (and without a '\r' before it): *line stays
 * valid until the next call.  Returns NDJ_LINE, NDJ_EOF, NDJ_TOOLONG (the
 * line was skipped; r->lineno names it) or NDJ_ERROR (errno set). */
int ndj_next(ndj_reader *r, const char **line, size_t *len);
void ndj_close(ndj_reader *r);

#endif
