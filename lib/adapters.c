/* adapters.c - the table of supported architectures and their canonical
 * orgs.  One format everywhere: the compiled-in table is the text of
 * lib/adapters.tsv, read as a list file like --adapters FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "near.h"

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

/* An architecture is a Python class name, as config.architectures holds. */
static int
arch_name_ok(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* Each line of the table: ARCH, then after a tab the orgs. */
static int
parse_table(adapters *a, const char *name, char *err, size_t errlen)
{
	a->v = hf_calloc(a->lines.n, sizeof *a->v);
	for (a->n = 0; a->n < a->lines.n; a->n++) {
		char *line = a->lines.v[a->n], *tab = strchr(line, '\t');

		if (tab)
			*tab = '\0';
		if (!arch_name_ok(line)) {
			snprintf(err, errlen, "%s:%zu: bad architecture name", name,
			         a->lines.lineno[a->n]);
			return -1;
		}
		a->v[a->n].arch = line;
		split_orgs(&a->v[a->n], tab ? tab + 1 : line + strlen(line));
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
		if (lf_read(&a->lines, path, "adapters", err, errlen) < 0)
			return -1;
	} else {
		path = "built-in adapters";
		lf_parse(&a->lines, hf_strdup(hf_builtin_adapters));
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
	lf_free(&a->lines);
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

size_t
adapters_near(const adapters *a, const char *arch, const char **out,
              size_t max)
{
	const char **names = hf_calloc(a->n, sizeof *names);
	size_t got;

	for (size_t i = 0; i < a->n; i++)
		names[i] = a->v[i].arch;
	got = near_pick(arch, names, a->n, out, max);
	free(names);
	return got;
}
