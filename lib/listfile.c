/* listfile.c - list files: one entry a line, '#' comments. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "listfile.h"
#include "strset.h"

#define LF_FILE_MAX (64u << 20)  /* bigger lists are refused */
#define LF_LINE_MAX 4096         /* and so are longer lines */

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The entry of line s (NUL-terminated, cut in place), or NULL. */
static char *
entry_of(char *s)
{
	char *e;

	s[strcspn(s, "#")] = '\0';
	while (blank(*s))
		s++;
	e = s + strlen(s);
	while (e > s && blank(e[-1]))
		*--e = '\0';
	return *s ? s : NULL;
}

void
lf_parse(lf_list *l, char *text)
{
	size_t cap = 16, lineno = 0;
	char *line, *next;

	memset(l, 0, sizeof *l);
	l->text = text;
	l->v = hf_malloc(cap * sizeof *l->v);
	l->lineno = hf_malloc(cap * sizeof *l->lineno);
	for (line = text; line && *line; line = next) {
		char *e;

		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!(e = entry_of(line)))
			continue;
		if (l->n == cap) {
			cap *= 2;
			l->v = hf_realloc(l->v, cap * sizeof *l->v);
			l->lineno = hf_realloc(l->lineno, cap * sizeof *l->lineno);
		}
		l->lineno[l->n] = lineno;
		l->v[l->n++] = e;
	}
}

/* The number of the first line of text[0..len) longer than the limit or
 * holding a NUL byte (*why says which), or 0. */
static size_t
bad_line(const char *text, size_t len, const char **why)
{
	size_t lineno = 1, start = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0') {
			*why = "a NUL byte";
			return lineno;
		}
		if (text[i] == '\n') {
			lineno++;
			start = i + 1;
		} else if (i - start >= LF_LINE_MAX) {
			*why = "line too long";
			return lineno;
		}
	}
	return 0;
}

int
lf_read(lf_list *l, const char *path, const char *what, char *err,
        size_t errlen)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path, *why;
	size_t len, at;
	char *text = file_read(path, LF_FILE_MAX, &len);

	memset(l, 0, sizeof *l);
	if (!text) {
		snprintf(err, errlen, "cannot read %s%s%s: %s", what ? what : "",
		         what ? " " : "", name,
		         errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		return -1;
	}
	if ((at = bad_line(text, len, &why))) {
		snprintf(err, errlen, "%s:%zu: %s", name, at, why);
		free(text);
		return -1;
	}
	lf_parse(l, text);
	return 0;
}

void
lf_free(lf_list *l)
{
	free(l->text);
	free(l->v);
	free(l->lineno);
	memset(l, 0, sizeof *l);
}

int
lf_read_set(struct strset *set, const char *path, const char *what, char *err,
            size_t errlen)
{
	lf_list l;

	if (lf_read(&l, path, what, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		strset_add(set, l.v[i], strlen(l.v[i]));
	lf_free(&l);
	return 0;
}
