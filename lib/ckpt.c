/* ckpt.c - read and atomically write hf-list checkpoints; cut outputs
 * back to them. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hf.h"
#include "ckpt.h"

#define CKPT_MAGIC "hf-list checkpoint 2\n"
#define CKPT_MAX 100000 /* outputs or listings: more is not a checkpoint */

uint64_t
ckpt_fingerprint(const char *s, size_t n)
{
	return num_hash(s, n);
}

int
ckpt_write(const char *path, const ckpt *k)
{
	hf_out w;
	int r;

	out_init_mem(&w);
	out_puts(&w, CKPT_MAGIC);
	out_printf(&w, "query %016" PRIx64 "\noutputs %d\n", k->query,
	           k->noutputs);
	for (int i = 0; i < k->noutputs; i++)
		out_printf(&w, "output %d %" PRId64 "\n", i, k->offset[i]);
	out_printf(&w, "listings %d\n", k->nlistings);
	for (int i = 0; i < k->nlistings; i++) {
		const ckpt_listing *l = &k->l[i];

		out_printf(&w, "listing %d %s %" PRId64 " %" PRId64 " %" PRId64
		           " %s\n", i, l->done ? "done" : "todo", l->records,
		           l->pages, l->spool, l->next && *l->next ? l->next : "-");
	}
	r = file_write_atomic(path, w.buf, w.len);
	free(w.buf);
	return r;
}

/* A decimal number at *p (a '-' allowed when neg), then a space or the
 * end of the line; -1 when there is none. */
static int
number(char **p, int neg, int64_t *out)
{
	int minus = neg && **p == '-';
	char *s = *p + minus;
	int64_t v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s == ' ')
		s++;
	else if (*s)
		return -1;
	*p = s;
	*out = minus ? -v : v;
	return 0;
}

/* "WORD N" with N in [0, max): N, else -1. */
static int64_t
counted(char **line, const char *word, int64_t max)
{
	size_t n = strlen(word);
	char *p = *line;
	int64_t v;

	if (strncmp(p, word, n) || p[n] != ' ')
		return -1;
	p += n + 1;
	if (number(&p, 0, &v) < 0 || v >= max)
		return -1;
	*line = p;
	return v;
}

/* The next line of the text (cut in place), or NULL at the end. */
static char *
next_line(char **s)
{
	char *line = *s, *nl;

	if (!*line || !(nl = strchr(line, '\n')))
		return NULL;
	*nl = '\0';
	*s = nl + 1;
	return line;
}

static int
parse_listing(char *p, int i, ckpt_listing *l)
{
	int64_t state;

	if (counted(&p, "listing", CKPT_MAX) != i)
		return -1;
	if (strncmp(p, "done ", 5) == 0)
		state = 1;
	else if (strncmp(p, "todo ", 5) == 0)
		state = 0;
	else
		return -1;
	p += 5;
	l->done = (int)state;
	if (number(&p, 0, &l->records) < 0 || number(&p, 0, &l->pages) < 0 ||
	    number(&p, 1, &l->spool) < 0 || l->spool < -1 || !*p ||
	    strchr(p, ' '))
		return -1;
	l->next = strcmp(p, "-") ? hf_strdup(p) : NULL;
	return 0;
}

static int
parse_body(char *s, ckpt *k)
{
	char *line, *p;
	int64_t n, v;

	if (!(line = next_line(&s)) || strncmp(line, "query ", 6) ||
	    strlen(line + 6) != 16)
		return -1;
	for (p = line + 6; *p; p++) {
		if (num_hexval(*p) < 0)
			return -1;
		k->query = k->query << 4 | (uint64_t)num_hexval(*p);
	}
	if (!(line = next_line(&s)) || (n = counted(&line, "outputs", CKPT_MAX)) < 0
	    || *line)
		return -1;
	k->offset = hf_calloc((size_t)n, sizeof *k->offset);
	k->noutputs = (int)n;
	for (int i = 0; i < k->noutputs; i++) {
		if (!(line = next_line(&s)) || counted(&line, "output", CKPT_MAX) != i ||
		    number(&line, 0, &v) < 0 || *line)
			return -1;
		k->offset[i] = v;
	}
	if (!(line = next_line(&s)) || (n = counted(&line, "listings", CKPT_MAX)) < 0
	    || *line)
		return -1;
	k->l = hf_calloc((size_t)n, sizeof *k->l);
	k->nlistings = (int)n;
	for (int i = 0; i < k->nlistings; i++)
		if (!(line = next_line(&s)) || parse_listing(line, i, &k->l[i]) < 0)
			return -1;
	return *s ? -1 : 0;
}

int
ckpt_parse(const char *text, size_t len, ckpt *k, char *err, size_t errlen)
{
	size_t m = strlen(CKPT_MAGIC);
	char *copy;
	int r;

	memset(k, 0, sizeof *k);
	if (len < m || memcmp(text, CKPT_MAGIC, m) != 0) {
		snprintf(err, errlen, len >= 19 && memcmp(text,
		         "hf-list checkpoint ", 19) == 0 ? "a checkpoint of "
		         "another version of hf-list" : "not an hf-list checkpoint");
		return -1;
	}
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "not an hf-list checkpoint");
		return -1;
	}
	copy = hf_strndup(text + m, len - m);
	r = parse_body(copy, k);
	free(copy);
	if (r < 0) {
		snprintf(err, errlen, "incomplete or damaged checkpoint");
		ckpt_free(k);
		return -1;
	}
	return 1;
}

int
ckpt_read(const char *path, ckpt *k, char *err, size_t errlen)
{
	size_t len;
	char *text = file_read(path, 64u << 20, &len);
	int r;

	memset(k, 0, sizeof *k);
	if (!text) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	r = ckpt_parse(text, len, k, err, errlen);
	free(text);
	return r;
}

void
ckpt_free(ckpt *k)
{
	for (int i = 0; i < k->nlistings; i++)
		free(k->l[i].next);
	free(k->l);
	free(k->offset);
	memset(k, 0, sizeof *k);
}

int
ckpt_open_output(const char *path, int64_t offset, int flags, char *err,
                 size_t errlen)
{
	struct stat sb;
	int resumed = flags & CKPT_RESUME;
	int fd = open(path, (flags & CKPT_READ ? O_RDWR : O_WRONLY) | O_CREAT |
	              O_CLOEXEC, 0666);

	if (fd < 0 || fstat(fd, &sb) < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		if (!(flags & CKPT_REGULAR))
			return fd; /* a device or a pipe: nothing to cut */
		snprintf(err, errlen, "%s: a checkpoint needs a regular file", path);
		close(fd);
		return -1;
	}
	if (flags & CKPT_LOCK) {
		struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

		if (fcntl(fd, F_SETLK, &l) < 0) {
			l.l_type = F_WRLCK;
			if (fcntl(fd, F_GETLK, &l) == 0 && l.l_type != F_UNLCK)
				snprintf(err, errlen, "%s is being written by another "
				         "run (process %ld)", path, (long)l.l_pid);
			else
				snprintf(err, errlen, "cannot lock %s: %s", path,
				         strerror(errno));
			close(fd);
			return -1;
		}
	}
	if (resumed && sb.st_size < offset) {
		snprintf(err, errlen, "%s is shorter (%lld bytes) than its "
		         "checkpoint says (%lld); remove the checkpoint to start "
		         "over", path, (long long)sb.st_size, (long long)offset);
		close(fd);
		return -1;
	}
	if (ftruncate(fd, resumed ? offset : 0) < 0 ||
	    lseek(fd, 0, SEEK_END) < 0) {
		snprintf(err, errlen, "cannot truncate %s: %s", path,
		         strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
ckpt_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

int
ckpt_sync(int fd, int64_t *len)
{
	off_t off;

	if (fdatasync(fd) < 0 || (off = lseek(fd, 0, SEEK_CUR)) < 0)
		return -1;
	*len = off;
	return 0;
}
