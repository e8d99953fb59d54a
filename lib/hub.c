/* hub.c - the snapshot index behind hf-serve: load once, then select,
 * sort and write model objects by copying member bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hub.h"

/* The config keys the Hub's API routes return (HUB-API.md section 3). */
static const char *const curated_keys[] = {
	"architectures", "auto_map", "model_type", "quantization_config",
	"tokenizer_config", "processor_config", "chat_template_jinja", "peft",
	"diffusers", "sentence_transformers", "adapter_transformers", NULL
};

static const char *const expandable[] = {
	"author", "baseModels", "cardData", "childrenModelCount", "config",
	"createdAt", "disabled", "downloads", "downloadsAllTime", "evalResults",
	"gated", "gguf", "inference", "inferenceProviderMapping",
	"lastModified", "library_name", "likes", "mask_token", "model-index",
	"pipeline_tag", "private", "resourceGroup", "safetensors", "sha",
	"siblings", "spaces", "tags", "transformersInfo", "trendingScore",
	"usedStorage", "widgetData", "gitalyUid", NULL
};

static int
in_set(const char *const *set, const char *s, size_t n)
{
	for (; *set; set++)
		if (strlen(*set) == n && memcmp(*set, s, n) == 0)
			return 1;
	return 0;
}

int
hub_expandable(const char *name)
{
	return in_set(expandable, name, strlen(name));
}

static char *
curate_config(const json_doc *d, int c, size_t *len)
{
	hf_out w;
	int i, k, any = 0;

	out_init_mem(&w);
	out_putc(&w, '{');
	for (i = c + 1, k = 0; k < d->tok[c].size; k++, i = json_skip(d, i + 1)) {
		size_t kn, vn;
		const char *key = json_raw(d, i, &kn);
		const char *v;

		if (!in_set(curated_keys, key, kn))
			continue;
		if (any++)
			out_putc(&w, ',');
		v = json_span(d, i + 1, &vn);
		out_write(&w, key - 1, (size_t)(v + vn - (key - 1)));
	}
	out_putc(&w, '}');
	*len = w.len;
	return hf_realloc(w.buf, w.len); /* ours now, no slack kept */
}

/* Index one parsed line; 0, or -1 when it is not a usable model. */
static int
index_model(hub_model *m, const json_doc *d, const char *line)
{
	int i, k, v;
	size_t n;

	memset(m, 0, sizeof *m);
	m->line = line;
	m->params = -1;
	m->nmem = d->tok[0].size;
	m->mem = hf_calloc((size_t)m->nmem, sizeof *m->mem);
	for (i = 1, k = 0; k < m->nmem; k++, i = json_skip(d, i + 1)) {
		const char *val = json_span(d, i + 1, &n);

		m->mem[k].kstart = (uint32_t)d->tok[i].start;
		m->mem[k].klen = (uint32_t)(d->tok[i].end - d->tok[i].start);
		m->mem[k].vstart = (uint32_t)(val - line);
		m->mem[k].vlen = (uint32_t)n;
	}
	v = json_get(d, 0, "id");
	if (json_is_string(d, v))
		m->id = json_raw(d, v, &m->idlen);
	v = json_get(d, 0, "_id");
	if (json_is_string(d, v))
		m->oid = json_raw(d, v, &m->oidlen);
	if (!m->id || !m->oid) {
		free(m->mem);
		return -1;
	}
	v = json_get(d, 0, "author");
	if (json_is_string(d, v))
		m->author = json_raw(d, v, &m->authorlen);
	v = json_get(d, 0, "gated");
	m->gated = json_is_string(d, v);
	json_int64(d, json_get(d, json_get(d, 0, "safetensors"), "total"),
	           &m->params);
	v = json_get(d, 0, "config");
	if (json_type(d, v) == JSMN_OBJECT) {
		m->config = json_span(d, v, &m->config_len);
		m->curated = curate_config(d, v, &m->curated_len);
	}
	return 0;
}

/* Byte order of two strings that are not NUL-terminated. */
static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

/* What the sorts compare, copied into each item: qsort has no context. */
enum { SORT_MISSING, SORT_NUMBER, SORT_STRING };
struct sort_item {
	size_t idx;
	int kind;           /* SORT_*, the rank of the value's type */
	double num;
	const char *s, *oid;
	size_t slen, oidlen;
};

static int
cmp_by_s(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	return cmp_bytes(x->s, x->slen, y->s, y->slen);
}

static void sort_all(hub *h);

/* Index text[0..len), which has a NUL at text[len] and becomes h's. */
static void
load_text(hub *h, char *text, size_t len, const char *name)
{
	size_t cap = 1024, lineno = 0;
	char *p, *next, *end;
	json_doc d;
	const char *why;

	memset(h, 0, sizeof *h);
	h->text = text;
	h->m = hf_malloc(cap * sizeof *h->m);
	json_init(&d);
	for (p = text, end = text + len; p < end; p = next) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		next = p + n + 1; /* by length: a NUL byte does not split a line */
		lineno++;
		p[n] = '\0';
		if (n == 0 || n > 0x7fffffff)
			continue;
		if (json_parse(&d, p, n, 1, &why) < 0) {
			hf_warn("%s:%zu: %s", name, lineno, why);
			continue;
		}
		if (h->n == cap)
			h->m = hf_realloc(h->m, (cap *= 2) * sizeof *h->m);
		if (index_model(&h->m[h->n], &d, p) < 0) {
			hf_warn("%s:%zu: a model needs a string id and _id", name,
			        lineno);
			continue;
		}
		h->n++;
	}
	json_free(&d);
	sort_all(h);
}

int
hub_load(hub *h, const char *path)
{
	size_t len;
	char *text = file_read(path, SIZE_MAX / 2, &len);

	if (!text)
		return -1;
	load_text(h, text, len, path);
	return 0;
}

void
hub_load_mem(hub *h, const char *data, size_t len, const char *name)
{
	char *text = hf_malloc(len + 1);

	memcpy(text, data, len);
	text[len] = '\0';
	load_text(h, text, len, name);
}

void
hub_load_aliases_mem(hub *h, const char *data, size_t len)
{
	const char *line, *nl, *tab, *end = data + len;
	size_t cap = h->naliases; /* at least what is there: grown from it */

	for (line = data; line < end; line = nl + 1) {
		if (!(nl = memchr(line, '\n', (size_t)(end - line))))
			nl = end;
		if (*line == '#' ||
		    !(tab = memchr(line, '\t', (size_t)(nl - line))))
			continue;
		if (h->naliases + 2 > cap)
			h->aliases = hf_realloc(h->aliases,
			                        (cap = cap ? cap * 2 : 64) * sizeof(char *));
		h->aliases[h->naliases++] = hf_strndup(line, (size_t)(tab - line));
		h->aliases[h->naliases++] = hf_strndup(tab + 1,
		                                       (size_t)(nl - tab - 1));
	}
}

int
hub_load_aliases(hub *h, const char *path)
{
	size_t len;
	char *text = file_read(path, 64u << 20, &len);

	if (!text)
		return -1;
	hub_load_aliases_mem(h, text, len);
	free(text);
	return 0;
}

void
hub_free(hub *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->m[i].mem);
		free(h->m[i].curated);
	}
	for (size_t i = 0; i < h->naliases; i++)
		free(h->aliases[i]);
	for (size_t i = 0; i < sizeof h->order / sizeof *h->order; i++) {
		free(h->order[i]);
		free(h->owned[i]);
	}
	free(h->owners);
	free(h->aliases);
	free(h->by_id);
	free(h->m);
	free(h->text);
	memset(h, 0, sizeof *h);
}

const hub_model *
hub_find(const hub *h, const char *id, size_t n)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const hub_model *m = &h->m[h->by_id[mid]];
		size_t k = m->idlen < n ? m->idlen : n;
		int c = memcmp(m->id, id, k);

		if (c == 0)
			c = (m->idlen > n) - (m->idlen < n);
		if (c == 0)
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
hub_alias(const hub *h, const char *id, size_t n)
{
	for (size_t i = 0; i + 1 < h->naliases; i += 2)
		if (strlen(h->aliases[i]) == n && memcmp(h->aliases[i], id, n) == 0)
			return h->aliases[i + 1];
	return NULL;
}

const char *
hub_member_value(const hub_model *m, const char *key, size_t *len)
{
	size_t kn = strlen(key);

	for (int i = 0; i < m->nmem; i++)
		if (m->mem[i].klen == kn &&
		    memcmp(m->line + m->mem[i].kstart, key, kn) == 0) {
			*len = m->mem[i].vlen;
			return m->line + m->mem[i].vstart;
		}
	return NULL;
}

static const char *const sort_names[HUB_NSORTS] = {
	"trendingScore", "downloads", "likes", "createdAt", "lastModified",
	"downloadsAllTime"
};

int
hub_sort_key(const char *name)
{
	for (int i = 0; i < HUB_NSORTS; i++)
		if (strcmp(name, sort_names[i]) == 0)
			return i;
	return -1;
}

const char *
hub_sort_name(int key)
{
	return sort_names[key];
}

/* Descending: strings, then numbers, then missing values (MongoDB's
 * order of types, reversed), each by value; ties by _id ascending. */
static int
cmp_item(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c = 0;

	if (x->kind != y->kind)
		return y->kind - x->kind;
	if (x->kind == SORT_STRING)
		c = -cmp_bytes(x->s, x->slen, y->s, y->slen);
	else if (x->kind == SORT_NUMBER)
		c = (x->num < y->num) - (x->num > y->num);
	return c ? c : cmp_bytes(x->oid, x->oidlen, y->oid, y->oidlen);
}

const size_t *
hub_sorted(const hub *h, int key)
{
	return h->order[key];
}

static size_t *
sort_by(hub *h, int key)
{
	struct sort_item *it = hf_malloc((h->n ? h->n : 1) * sizeof *it);
	size_t *order = hf_malloc((h->n ? h->n : 1) * sizeof *order);

	for (size_t i = 0; i < h->n; i++) {
		size_t n;
		const char *v = hub_member_value(&h->m[i], sort_names[key], &n);
		char tmp[64];

		it[i] = (struct sort_item){ i, SORT_MISSING, 0, "", h->m[i].oid, 0,
		                            h->m[i].oidlen };
		if (!v)
			continue;
		if (*v == '"') {
			it[i].s = v + 1;
			it[i].slen = n - 2;
			it[i].kind = SORT_STRING;
		} else if ((*v == '-' || (*v >= '0' && *v <= '9')) &&
		           n < sizeof tmp) {
			memcpy(tmp, v, n);
			tmp[n] = '\0';
			it[i].num = strtod(tmp, NULL);
			it[i].kind = SORT_NUMBER;
		}
	}
	qsort(it, h->n, sizeof *it, cmp_item);
	for (size_t i = 0; i < h->n; i++)
		order[i] = it[i].idx;
	free(it);
	return order;
}

/* One name a model is selected by, for the owner index. */
struct owning {
	const char *name;
	size_t len, model;
};

static int
cmp_owning(const void *a, const void *b)
{
	const struct owning *x = a, *y = b;
	int c = cmp_bytes(x->name, x->len, y->name, y->len);

	return c ? c : (x->model > y->model) - (x->model < y->model);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* Every name that selects model i: its author, and each prefix of its id
 * that a '/' follows (hub_match's two ways). */
static size_t
names_of(const hub_model *m, size_t i, struct owning *out)
{
	size_t k = 0;

	if (m->author)
		out[k++] = (struct owning){ m->author, m->authorlen, i };
	for (size_t p = 0; p < m->idlen; p++)
		if (m->id[p] == '/')
			out[k++] = (struct owning){ m->id, p, i };
	return k;
}

/* The owner index: who selects which models, and where each of them is
 * in every order. */
static void
index_owners(hub *h)
{
	size_t cap = 0, n = 0, *rank = hf_malloc((h->n ? h->n : 1) * sizeof *rank);
	struct owning *all;

	for (size_t i = 0; i < h->n; i++) {
		cap += h->m[i].author != NULL;
		for (size_t p = 0; p < h->m[i].idlen; p++)
			cap += h->m[i].id[p] == '/';
	}
	all = hf_malloc((cap ? cap : 1) * sizeof *all);
	for (size_t i = 0; i < h->n; i++)
		n += names_of(&h->m[i], i, all + n);
	qsort(all, n, sizeof *all, cmp_owning);
	h->owners = hf_malloc((n ? n : 1) * sizeof *h->owners);
	for (size_t i = 0, kept = 0; i < n; i++) {
		hub_owner *o = h->nowners ? &h->owners[h->nowners - 1] : NULL;

		if (o && cmp_bytes(o->name, o->len, all[i].name, all[i].len) == 0) {
			if (all[kept - 1].model == all[i].model)
				continue; /* its author is also its org */
			o->count++;
		} else {
			h->owners[h->nowners++] = (hub_owner){ all[i].name, all[i].len,
			                                       kept, 1 };
		}
		all[kept++] = all[i];
	}
	for (int k = 0; k < HUB_NSORTS; k++) {
		size_t total = h->nowners ? h->owners[h->nowners - 1].start +
		               h->owners[h->nowners - 1].count : 0;

		for (size_t p = 0; p < h->n; p++)
			rank[h->order[k][p]] = p;
		h->owned[k] = hf_malloc((total ? total : 1) * sizeof **h->owned);
		for (size_t i = 0; i < total; i++)
			h->owned[k][i] = rank[all[i].model];
		for (size_t o = 0; o < h->nowners; o++)
			qsort(h->owned[k] + h->owners[o].start, h->owners[o].count,
			      sizeof **h->owned, cmp_size);
	}
	free(all);
	free(rank);
}

const size_t *
hub_owned(const hub *h, int key, const char *author, size_t len, size_t *n)
{
	size_t lo = 0, hi = h->nowners;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_bytes(h->owners[mid].name, h->owners[mid].len, author,
		                  len);

		if (c == 0) {
			*n = h->owners[mid].count;
			return h->owned[key] + h->owners[mid].start;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = 0;
	return NULL;
}

/* Every order a request can ask for, once, at load: requests then only
 * read the index, from any thread. */
static void
sort_all(hub *h)
{
	struct sort_item *it = hf_malloc((h->n ? h->n : 1) * sizeof *it);

	for (size_t i = 0; i < h->n; i++)
		it[i] = (struct sort_item){ i, SORT_STRING, 0, h->m[i].id, "",
		                            h->m[i].idlen, 0 };
	qsort(it, h->n, sizeof *it, cmp_by_s);
	h->by_id = hf_malloc((h->n ? h->n : 1) * sizeof *h->by_id);
	for (size_t i = 0; i < h->n; i++)
		h->by_id[i] = it[i].idx;
	free(it);
	for (int k = 0; k < HUB_NSORTS; k++)
		h->order[k] = sort_by(h, k);
	index_owners(h);
}

/* Is "tag" one element of the raw JSON array of strings arr? */
static int
has_tag(const char *arr, size_t n, const char *tag)
{
	size_t tn = strlen(tag);
	const char *p = arr, *end = arr + n;

	while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= tn + 2 && memcmp(p + 1, tag, tn) == 0 &&
		    p[tn + 1] == '"' && (p[-1] == '[' || p[-1] == ',') &&
		    (p[tn + 2] == ']' || p[tn + 2] == ','))
			return 1;
		p++;
	}
	return 0;
}

static int
str_member_is(const hub_model *m, const char *key, const char *want)
{
	size_t n;
	const char *v = hub_member_value(m, key, &n);

	return v && n == strlen(want) + 2 && *v == '"' &&
	       memcmp(v + 1, want, n - 2) == 0;
}

static int
id_contains(const hub_model *m, const char *s)
{
	size_t sn = strlen(s);

	for (size_t i = 0; i + sn <= m->idlen; i++)
		if (strncasecmp(m->id + i, s, sn) == 0)
			return 1;
	return 0;
}

int
hub_match(const hub_model *m, const hub_query *q)
{
	size_t tn;
	const char *tags;

	if (q->nfilter) {
		tags = hub_member_value(m, "tags", &tn);
		if (!tags || *tags != '[')
			return 0;
		for (int i = 0; i < q->nfilter; i++)
			if (!has_tag(tags, tn, q->filter[i]))
				return 0;
	}
	if (q->author) {
		/* the author member, or the id's org: kept at load, since a
		 * sweep asks this of every model */
		size_t an = strlen(q->author);

		if (!(m->author && m->authorlen == an &&
		      memcmp(m->author, q->author, an) == 0) &&
		    !(m->idlen > an && m->id[an] == '/' &&
		      memcmp(m->id, q->author, an) == 0))
			return 0;
	}
	if (q->search && !id_contains(m, q->search))
		return 0;
	if (q->pipeline_tag && !str_member_is(m, "pipeline_tag", q->pipeline_tag))
		return 0;
	if (q->gated >= 0 && m->gated != q->gated)
		return 0;
	if (q->min_params >= 0 && (m->params < 0 || m->params < q->min_params))
		return 0;
	if (q->max_params >= 0 && (m->params < 0 || m->params > q->max_params))
		return 0;
	return 1;
}

static void
write_member(hf_out *w, const hub_model *m, const hub_member *mem, int *any)
{
	const char *key = m->line + mem->kstart;

	if ((*any)++)
		out_putc(w, ',');
	if (mem->klen == 6 && memcmp(key, "config", 6) == 0 && m->curated) {
		out_puts(w, "\"config\":");
		out_write(w, m->curated, m->curated_len);
		return;
	}
	out_write(w, key - 1, mem->vstart + mem->vlen - (mem->kstart - 1));
}

static const char *const default_list[] = {
	"_id", "id", "likes", "trendingScore", "private", "downloads", "tags",
	"pipeline_tag", "library_name", "createdAt", NULL
};
static const char *const not_in_info[] = {
	"downloadsAllTime", "trendingScore", "gguf", NULL
};

void
hub_write_model(hf_out *w, const hub_model *m, int mode,
                const char *const *expand, int nexpand, int with_config)
{
	int any = 0;

	out_putc(w, '{');
	for (int i = 0; i < m->nmem; i++) {
		const hub_member *mem = &m->mem[i];
		const char *key = m->line + mem->kstart;
		int want;

		if (mode == HUB_EXPAND) {
			want = (mem->klen == 3 && memcmp(key, "_id", 3) == 0) ||
			       (mem->klen == 2 && memcmp(key, "id", 2) == 0);
			for (int k = 0; !want && k < nexpand; k++)
				want = strlen(expand[k]) == mem->klen &&
				       memcmp(expand[k], key, mem->klen) == 0;
		} else if (mode == HUB_DEFAULT_LIST) {
			want = in_set(default_list, key, mem->klen) ||
			       (with_config && mem->klen == 6 &&
			        memcmp(key, "config", 6) == 0);
		} else {
			want = !in_set(not_in_info, key, mem->klen);
		}
		if (want)
			write_member(w, m, mem, &any);
	}
	if (mode != HUB_EXPAND) {
		out_puts(w, any ? ",\"modelId\":\"" : "\"modelId\":\"");
		out_write(w, m->id, m->idlen);
		out_putc(w, '"');
	}
	out_putc(w, '}');
}
