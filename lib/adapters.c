/* adapters.c - the table of supported architectures and their canonical
 * orgs.  One format everywhere: the compiled-in table is the text of
 * lib/adapters.tsv, parsed by the same code as --adapters FILE. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"

static int
cmp_adapter(const void *a, const void *b)
{
	return strcmp(((const adapter *)a)->arch, ((const adapter *)b)->arch);
}

/* Split the org list in place at commas; empty names are dropped. */
static void
split_orgs(adapter *ad, char *list)
{
	size_t cap = 1;
	char *p;

	for (p = list; *p; p++)
		cap += *p == ',';
	ad->orgs = hf_calloc(cap, sizeof *ad->orgs);
	ad->norgs = 0;
	for (p = list; p;) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		while (*p == ' ')
			p++;
		if (*p)
			ad->orgs[ad->norgs++] = p;
		p = comma ? comma + 1 : NULL;
	}
}

static int
parse_table(adapters *a, const char *name, char *err, size_t errlen)
{
	size_t cap = 64, lineno = 0;
	char *line = a->text, *next;

	a->v = hf_calloc(cap, sizeof *a->v);
	a->n = 0;
	for (; line && *line; line = next) {
		char *tab;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		tab = strchr(line, '\t');
		if (tab)
			*tab = '\0';
		if (!*line || strpbrk(line, " ,\"\\")) {
			snprintf(err, errlen, "%s:%zu: bad architecture name",
			         name, lineno);
			return -1;
		}
		if (a->n == cap)
			a->v = hf_realloc(a->v, (cap *= 2) * sizeof *a->v);
		a->v[a->n].arch = line;
		split_orgs(&a->v[a->n], tab ? tab + 1 : line + strlen(line));
		a->n++;
	}
	qsort(a->v, a->n, sizeof *a->v, cmp_adapter);
	for (size_t i = 1; i < a->n; i++)
		if (strcmp(a->v[i - 1].arch, a->v[i].arch) == 0) {
			snprintf(err, errlen, "%s: %s is listed twice", name,
			         a->v[i].arch);
			return -1;
		}
	return 0;
}

int
adapters_load(adapters *a, const char *path, char *err, size_t errlen)
{
	memset(a, 0, sizeof *a);
	if (!path)
		path = getenv("HF_ADAPTERS");
	if (path && *path) {
		size_t len;

		a->text = file_read(path, 16u << 20, &len);
		if (a->text && strlen(a->text) != len) {
			free(a->text);
			a->text = NULL;
			errno = EINVAL;
		}
		if (!a->text) {
			snprintf(err, errlen, "cannot read adapters %s: %s", path,
			         strerror(errno));
			return -1;
		}
	} else {
		path = "built-in adapters";
		a->text = hf_strdup(hf_builtin_adapters);
	}
	if (parse_table(a, path, err, errlen) < 0) {
		adapters_free(a);
		return -1;
	}
	return 0;
}

void
adapters_free(adapters *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].orgs);
	free(a->v);
	free(a->text);
	memset(a, 0, sizeof *a);
}

const adapter *
adapters_find(const adapters *a, const char *arch, size_t n)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = a->v[mid].arch;
		int c = strncmp(s, arch, n);

		if (c == 0)
			c = s[n] ? 1 : 0;
		if (c == 0)
			return &a->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
adapter_has_org(const adapter *ad, const char *org, size_t n)
{
	if (!ad)
		return 0;
	for (size_t i = 0; i < ad->norgs; i++)
		if (strlen(ad->orgs[i]) == n && memcmp(ad->orgs[i], org, n) == 0)
			return 1;
	return 0;
}
