/* listing.c - the query of one listing, its options and its URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "listing.h"
#include "url.h"

const struct option lst_options[] = {
	{ "task", required_argument, NULL, LST_O_TASK },
	{ "filter", required_argument, NULL, LST_O_FILTER },
	{ "author", required_argument, NULL, LST_O_AUTHOR },
	{ "search", required_argument, NULL, LST_O_SEARCH },
	{ "pipeline-tag", required_argument, NULL, LST_O_PIPE },
	{ "gated", no_argument, NULL, LST_O_GATED },
	{ "no-gated", no_argument, NULL, LST_O_NOGATED },
	{ "num-parameters", required_argument, NULL, LST_O_NUMP },
	{ "sort", required_argument, NULL, LST_O_SORT },
	{ "limit", required_argument, NULL, LST_O_LIMIT },
	{ "min-downloads", required_argument, NULL, LST_O_MIN },
	{ "tee", no_argument, NULL, LST_O_TEE },
	{ "tee-fd", required_argument, NULL, LST_O_TEEFD },
	{ NULL, 0, NULL, 0 }
};

const char *const lst_tasks[] = {
	"text-generation", "text2text-generation", "image-text-to-text",
	"fill-mask", "feature-extraction", "sentence-similarity",
	"text-classification", "token-classification", "question-answering",
	"summarization", "translation", "zero-shot-classification",
	"image-to-text", "visual-question-answering", "any-to-any",
	"automatic-speech-recognition", "text-to-speech", "text-to-image",
	"image-classification", NULL
};

static const char *const sort_words[] = {
	"downloads", "likes", "lastModified", "createdAt", "trendingScore",
	"none", NULL
};

const opt_doc lst_docs[] = {
	{ "task", "TASK", "models tagged TASK, e.g. text-generation",
	  lst_tasks },
	{ "filter", "TAG", "models tagged TAG as well; repeatable", NULL },
	{ "author", "ORG", "models of ORG; repeated, one listing per author",
	  NULL },
	{ "search", "TEXT", "models whose id contains TEXT", NULL },
	{ "pipeline-tag", "TAG", "models whose pipeline_tag is TAG", NULL },
	{ "gated", NULL, "gated models only", NULL },
	{ "no-gated", NULL, "models that are not gated only", NULL },
	{ "num-parameters", "RANGE", "models of that size, e.g. min:6B,max:128B",
	  NULL },
	{ "sort", "KEY", "the order, always descending (default downloads; "
	  "none: the Hub's own)", sort_words },
	{ "limit", "N", "stop each listing after N models (default: none)",
	  NULL },
	{ "min-downloads", "N", "stop below N downloads (default: none)", NULL },
	{ "tee", NULL, "the records written to the -o file also to standard "
	  "output, from its first byte", NULL },
	{ "tee-fd", "N", "the same to descriptor N, closed once the file is "
	  "complete", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const char *const default_expand[] = {
	"author", "downloads", "downloadsAllTime", "likes", "tags",
	"pipeline_tag", "library_name", "gated", "createdAt", "lastModified",
	"config", "safetensors", NULL
};

void
lst_init(lst_query *q)
{
	memset(q, 0, sizeof *q);
	q->sort = "downloads";
	q->limit = q->min_downloads = -1;
}

/* The Hub's name of a sort key; the Python CLI's snake_case names too. */
static const char *
sort_key(const char *v)
{
	static const char *const keys[][2] = {
		{ "none", "none" }, { "downloads", "downloads" },
		{ "likes", "likes" }, { "lastModified", "lastModified" },
		{ "last_modified", "lastModified" }, { "createdAt", "createdAt" },
		{ "created_at", "createdAt" }, { "trendingScore", "trendingScore" },
		{ "trending_score", "trendingScore" }
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(v, keys[i][0]) == 0)
			return keys[i][1];
	return NULL;
}

/* *out, unchanged when v is not a count. */
static int
count(const char *flag, const char *v, int64_t *out, char *err,
      size_t errlen)
{
	int64_t n = num_parse_count(v);

	if (n < 0) {
		snprintf(err, errlen, "%s takes a whole number", flag);
		return -1;
	}
	*out = n;
	return 0;
}

int
lst_set(lst_query *q, int val, const char *v, char *err, size_t errlen)
{
	switch (val) {
	case LST_O_TASK: case LST_O_FILTER:
		if (q->nfilter == LST_TAGS_MAX) {
			snprintf(err, errlen, "more than %d tags", LST_TAGS_MAX);
			return -1;
		}
		q->filter[q->nfilter++] = v;
		return 0;
	case LST_O_AUTHOR: q->author = v; return 0;
	case LST_O_SEARCH: q->search = v; return 0;
	case LST_O_PIPE: q->pipeline_tag = v; return 0;
	case LST_O_GATED: q->gated = "true"; return 0;
	case LST_O_NOGATED: q->gated = "false"; return 0;
	case LST_O_NUMP: q->num_parameters = v; return 0;
	case LST_O_SORT:
		if (!sort_key(v)) {
			snprintf(err, errlen, "--sort takes downloads, likes, "
			         "lastModified, createdAt, trendingScore or none");
			return -1;
		}
		q->sort = sort_key(v);
		q->order_given = 1;
		return 0;
	case LST_O_LIMIT: return count("--limit", v, &q->limit, err, errlen);
	case LST_O_MIN: return count("--min-downloads", v, &q->min_downloads, err,
	                         errlen);
	case LST_O_TEE: q->tee = 1; return 0;
	case LST_O_TEEFD: {
		int64_t fd;

		if (count("--tee-fd", v, &fd, err, errlen) < 0)
			return -1;
		if (fd == 0 || fd == 2 || fd > 1023) {
			snprintf(err, errlen, "--tee-fd takes a descriptor other than "
			         "0 and 2, below 1024");
			return -1;
		}
		q->tee = (int)fd;
		return 0;
	}
	case LST_O_OUTPUT: q->output = v; return 0;
	case LST_O_LABEL: q->label = v; return 0;
	}
	snprintf(err, errlen, "not a listing option");
	return -1;
}

int
lst_check(const lst_query *q, char *err, size_t errlen)
{
	if (q->min_downloads >= 0 && strcmp(q->sort, "downloads")) {
		snprintf(err, errlen, "--min-downloads needs the downloads order");
		return -1;
	}
	return 0;
}

/* The entry of lst_options named name[0..n), or -o, or --label; NULL
 * if none. */
static const struct option *
option_named(const char *name, size_t n)
{
	static const struct option output = { "o", required_argument, NULL,
	                                      LST_O_OUTPUT };
	static const struct option label = { "label", required_argument, NULL,
	                                     LST_O_LABEL };

	if (n == 1 && *name == 'o')
		return &output;
	if (n == 5 && memcmp(name, "label", 5) == 0)
		return &label;
	for (const struct option *o = lst_options; o->name; o++)
		if (strlen(o->name) == n && memcmp(o->name, name, n) == 0)
			return o;
	return NULL;
}

/* The next word of *s (cut in place), or NULL. */
static char *
word(char **s)
{
	char *w = *s;

	while (*w == ' ' || *w == '\t')
		w++;
	if (!*w)
		return NULL;
	*s = w + strcspn(w, " \t");
	if (**s)
		*(*s)++ = '\0';
	return w;
}

int
lst_parse_line(lst_query *q, char *line, char *err, size_t errlen)
{
	char *s = line, *w;

	while ((w = word(&s))) {
		const char *name = w + (w[0] == '-' && w[1] == '-' ? 2 : 1);
		size_t n = strcspn(name, "=");
		const struct option *o;
		char *v = NULL;

		if (w[0] != '-' || !(o = option_named(name, n))) {
			char shown[80];

			/* a word of the file may hold any bytes: shown, and
			 * cut so that the reason still fits the message */
			snprintf(err, errlen, "%s is not a listing option",
			         hf_shown(shown, sizeof shown, w, strlen(w)));
			return -1;
		}
		if (o->has_arg == required_argument) {
			if (name[n] == '=')
				v = (char *)name + n + 1;
			else if (!(v = word(&s))) {
				snprintf(err, errlen, "%s needs a value", w);
				return -1;
			}
		} else if (name[n] == '=') {
			snprintf(err, errlen, "--%s takes no value", o->name);
			return -1;
		}
		if (lst_set(q, o->val, v, err, errlen) < 0)
			return -1;
	}
	return lst_check(q, err, errlen);
}

int
lst_read_file(const char *path, lf_list *file, lst_query **q, int *n,
              char *err, size_t errlen)
{
	char why[256];

	*q = NULL;
	*n = 0;
	if (lf_read(file, path, "listings", err, errlen) < 0)
		return -1;
	if (file->n == 0) {
		snprintf(err, errlen, "%s: no listings in it", path);
		return -1;
	}
	*q = hf_calloc(file->n, sizeof **q);
	for (size_t i = 0; i < file->n; i++) {
		lst_init(&(*q)[i]);
		(*q)[i].lineno = file->lineno[i];
		if (lst_parse_line(&(*q)[i], file->v[i], why, sizeof why) < 0) {
			snprintf(err, errlen, "%s:%zu: %s", path, file->lineno[i], why);
			free(*q);
			*q = NULL;
			return -1;
		}
	}
	*n = (int)file->n;
	return 0;
}

char *
lst_url(const lst_query *q, const char *endpoint, int64_t page_size,
        const char *const *expand, int nexpand)
{
	hf_out w;
	char n[32];

	out_init_mem(&w);
	out_puts(&w, endpoint);
	out_puts(&w, "/api/models?");
	for (int i = 0; i < q->nfilter; i++)
		url_put_param(&w, "filter", q->filter[i]);
	if (q->author)
		url_put_param(&w, "author", q->author);
	if (q->search)
		url_put_param(&w, "search", q->search);
	if (q->pipeline_tag)
		url_put_param(&w, "pipeline_tag", q->pipeline_tag);
	if (q->gated)
		url_put_param(&w, "gated", q->gated);
	if (q->num_parameters)
		url_put_param(&w, "num_parameters", q->num_parameters);
	if (strcmp(q->sort, "none") != 0)
		url_put_param(&w, "sort", q->sort);
	/* a small --limit needs no bigger page */
	snprintf(n, sizeof n, "%lld", (long long)(q->limit > 0 &&
	         q->limit < page_size ? q->limit : page_size));
	url_put_param(&w, "limit", n);
	lst_put_expand(&w, "expand", expand, nexpand);
	out_putc(&w, '\0');
	return w.buf;
}

void
lst_put_expand(hf_out *w, const char *key, const char *const *expand,
               int nexpand)
{
	if (nexpand == 0)
		for (const char *const *e = default_expand; *e; e++)
			url_put_param(w, key, *e);
	for (int i = 0; i < nexpand; i++)
		url_put_param(w, key, expand[i]);
}

void
lst_describe(const lst_query *q, char *buf, size_t n)
{
	hf_out w;

	out_init_mem(&w);
	for (int i = 0; i < q->nfilter; i++)
		out_printf(&w, " --filter %s", q->filter[i]);
	if (q->author)
		out_printf(&w, " --author %s", q->author);
	if (q->search)
		out_printf(&w, " --search %s", q->search);
	if (q->pipeline_tag)
		out_printf(&w, " --pipeline-tag %s", q->pipeline_tag);
	if (q->gated)
		out_puts(&w, strcmp(q->gated, "true") ? " --no-gated" : " --gated");
	if (q->num_parameters)
		out_printf(&w, " --num-parameters %s", q->num_parameters);
	if (q->order_given)
		out_printf(&w, " --sort %s", q->sort);
	if (q->limit >= 0)
		out_printf(&w, " --limit %lld", (long long)q->limit);
	if (q->min_downloads >= 0)
		out_printf(&w, " --min-downloads %lld", (long long)q->min_downloads);
	out_putc(&w, '\0');
	snprintf(buf, n, "%s", w.len > 1 ? w.buf + 1 : "(all models)");
	free(w.buf);
}
