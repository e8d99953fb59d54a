/* ndjson.c - one line reader for every tool: a single buffer that lines
 * point into, grown up to the line limit; longer lines are skipped while
 * being read, so memory stays bounded whatever the input. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hf.h"

#define NDJ_CHUNK (256u * 1024)

int
ndj_open(ndj_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->max = NDJ_LINE_MAX;
	if (!path || strcmp(path, "-") == 0) {
		r->fd = 0;
		r->name = "<stdin>";
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0)
			return -1;
		r->name = path;
		r->owned = 1;
	}
	r->cap = NDJ_CHUNK; /* allocated by the first ndj_next */
	return 0;
}

void
ndj_close(ndj_reader *r)
{
	if (r->owned && r->fd >= 0)
		close(r->fd);
	free(r->buf);
	r->buf = NULL;
}

/* Read more bytes after r->end; 0 at EOF, -1 on error, else bytes read. */
static ssize_t
fill(ndj_reader *r)
{
	ssize_t n;

	do
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		r->end += (size_t)n;
	return n;
}

/* Make room after r->end: slide the partial line to the front, else grow.
 * Returns 0, or -1 when the partial line already exceeds the limit. */
static int
make_room(ndj_reader *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
		if (r->end < r->cap)
			return 0;
	}
	/* max + 2 bytes and no newline: too long even if the last is a CR.
	 * (At max + 1 that CR could belong to a line of exactly max bytes
	 * whose LF is still unread.) */
	if (r->cap >= r->max + 2)
		return -1;
	r->cap = r->cap * 2 > r->max + 2 ? r->max + 2 : r->cap * 2;
	r->buf = hf_realloc(r->buf, r->cap);
	return 0;
}

/* Discard bytes up to and including the next newline. */
static int
skip_line(ndj_reader *r)
{
	for (;;) {
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		ssize_t n;

		if (nl) {
			r->start = (size_t)(nl - r->buf) + 1;
			return 0;
		}
		r->start = r->end = 0;
		n = fill(r);
		if (n < 0)
			return -1;
		if (n == 0) {
			r->eof = 1;
			return 0;
		}
	}
}

int
ndj_next(ndj_reader *r, const char **line, size_t *len)
{
	size_t scanned = r->start;

	if (!r->buf)
		r->buf = hf_malloc(r->cap);
	for (;;) {
		char *nl = memchr(r->buf + scanned, '\n', r->end - scanned);

		if (nl) {
			size_t n = (size_t)(nl - (r->buf + r->start));

			*line = r->buf + r->start;
			r->start += n + 1;
			r->lineno++;
			if (n && (*line)[n - 1] == '\r')
				n--; /* part of the newline, not of the line */
			if (n > r->max)
				return NDJ_TOOLONG;
			*len = n;
			return NDJ_LINE;
		}
		if (r->eof) {
			size_t n = r->end - r->start;

			if (n == 0)
				return NDJ_EOF;
			/* A last line without a newline is a line like any. */
			*line = r->buf + r->start;
			r->start = r->end;
			r->lineno++;
			if ((*line)[n - 1] == '\r')
				n--;
			if (n > r->max)
				return NDJ_TOOLONG;
			*len = n;
			return NDJ_LINE;
		}
		scanned = r->end - r->start;
		if (r->end == r->cap && make_room(r) < 0) {
			r->lineno++;
			if (skip_line(r) < 0)
				return NDJ_ERROR;
			return NDJ_TOOLONG;
		}
		scanned += r->start;
		ssize_t n = fill(r);
		if (n < 0)
			return NDJ_ERROR;
		if (n == 0)
			r->eof = 1;
	}
}
