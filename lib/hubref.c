/* hubref.c - model ids from what users paste: ids and model page URLs. */
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "hubref.h"

#define PART_MAX 96

static int
valid_part(const char *s, size_t n)
{
	if (n == 0 || n > PART_MAX || s[0] == '-' || s[0] == '.' ||
	    s[n - 1] == '-' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return 0;
		if (i > 0 && (c == '-' || c == '.') && s[i - 1] == c)
			return 0;
	}
	return 1;
}

int
ref_valid_id(const char *id)
{
	const char *slash = strchr(id, '/');
	size_t n = strlen(id);

	/* The Python client refuses it too: it is a clone URL's suffix. */
	if (n >= 4 && strcmp(id + n - 4, ".git") == 0)
		return 0;
	if (!slash)
		return valid_part(id, n);
	return valid_part(id, (size_t)(slash - id)) &&
	       valid_part(slash + 1, strlen(slash + 1));
}

int
ref_valid_org_id(const char *id)
{
	return strchr(id, '/') && ref_valid_id(id);
}

static int
is_word(const char *const *words, const char *s, size_t n)
{
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == n && memcmp(*w, s, n) == 0)
			return 1;
	return 0;
}

/* Path segments after ORG/NAME on a model page; a legacy one-part id
 * (gpt2) is followed directly by one of them. */
static int
page_section(const char *s, size_t n)
{
	static const char *const words[] = { "tree", "blob", "resolve", "raw",
		"commits", "commit", "discussions", "edit", "blame", "revision",
		"settings", "community", "upload", NULL };

	return is_word(words, s, n);
}

/* First path segments of the site's own pages, never an organisation. */
static int
site_page(const char *s, size_t n)
{
	static const char *const words[] = { "api", "blog", "chat", "collections",
		"datasets", "docs", "join", "learn", "login", "models",
		"organizations", "papers", "posts", "pricing", "search",
		"settings", "spaces", "tasks", NULL };

	return is_word(words, s, n);
}

/* s[0..n), less a clone URL's ".git". */
static char *
id_without_git(const char *s, size_t n)
{
	if (n > 4 && memcmp(s + n - 4, ".git", 4) == 0)
		n -= 4;
	return hf_strndup(s, n);
}

/* ORG/NAME from the path of a model URL (the part after the host). */
static char *
id_from_path(const char *p)
{
	const char *end = p + strcspn(p, "?#"), *a, *b;
	size_t n1, n2;

	if (strncmp(p, "api/models/", 11) == 0)
		p += 11;
	else if (strncmp(p, "models/", 7) == 0)
		p += 7;
	a = p;
	n1 = strcspn(a, "/?#");
	if (site_page(a, n1))
		return NULL;
	if (a + n1 >= end || a[n1] != '/')
		return id_without_git(a, n1);
	b = a + n1 + 1;
	n2 = strcspn(b, "/?#");
	if (n2 == 0 || page_section(b, n2))
		return id_without_git(a, n1);
	return id_without_git(a, n1 + 1 + n2);
}

char *
ref_model_id(const char *src)
{
	const char *p = strstr(src, "://");
	char *id;

	if (p)
		p += 3;
	else if (strncmp(src, "huggingface.co/", 15) == 0 ||
	         strncmp(src, "hf.co/", 6) == 0)
		p = src;
	if (p) {
		if (!(p = strchr(p, '/')))
			return NULL;
		id = id_from_path(p + 1);
	} else {
		id = hf_strdup(src);
	}
	if (id && !ref_valid_id(id)) {
		free(id);
		id = NULL;
	}
	return id;
}
