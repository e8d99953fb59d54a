/*
 * hub.h - a frozen Hub listing in memory, for hf-serve: the snapshot's
 * lines are loaded once and indexed; queries select, sort and page over
 * the index, and model objects are written by copying member bytes from
 * the snapshot (never re-serialized).  The loaders allocate everything
 * (a snapshot loaded from memory is copied); hub_free releases it.
 * Returned pointers point into the snapshot.
 */
#ifndef HF_HUB_H
#define HF_HUB_H

#include "hf.h"

typedef struct {
	uint32_t kstart, klen; /* key bytes, without quotes */
	uint32_t vstart, vlen; /* value span, a string with its quotes */
} hub_member;

typedef struct {
	const char *line;
	hub_member *mem;
	int nmem;
	const char *id, *oid; /* "id" and "_id", raw string bytes */
	size_t idlen, oidlen;
	const char *author;   /* "author" as a string's raw bytes, or NULL */
	size_t authorlen;
	int gated;            /* "auto" or "manual" */
	int64_t params;       /* safetensors.total, or -1 */
	char *curated;        /* the curated config object, or NULL */
	size_t curated_len;
	const char *config;   /* the whole config object, or NULL */
	size_t config_len;
} hub_model;

enum { HUB_NSORTS = 6 }; /* sort keys, see hub_sort_key */

/* The models an author query selects: its own "author", or an id that
 * starts with NAME and a '/'. */
typedef struct {
	const char *name;     /* raw bytes in the snapshot */
	size_t len;
	size_t start, count;  /* its run in hub.owned[key] */
} hub_owner;

typedef struct {
	char *text;           /* the snapshot file */
	hub_model *m;
	size_t n;
	size_t *by_id;        /* indexes sorted by id, for lookups */
	char **aliases;       /* old, new, old, new, ... (owned) */
	size_t naliases;
	size_t *order[HUB_NSORTS]; /* sort orders, see hub_sort_key */
	hub_owner *owners;    /* by name, in byte order */
	size_t nowners;
	size_t *owned[HUB_NSORTS]; /* each owner's models as positions in
	                            * order[key], ascending, owner by owner */
} hub;

/* Load SNAPSHOT (NDJSON of model objects).  Bad lines are reported as
 * FILE:LINE and skipped, as are models without a string id and _id.
 * Returns 0, or -1 when the file cannot be read. */
int hub_load(hub *h, const char *path);
/* The same from data[0..len) (copied), named name in messages. */
void hub_load_mem(hub *h, const char *data, size_t len, const char *name);
/* Add the renamed repositories of an aliases file: lines "OLD<TAB>NEW";
 * lines without a tab, and lines starting with '#', are skipped.  0, or
 * -1 when the file cannot be read. */
int hub_load_aliases(hub *h, const char *path);
void hub_load_aliases_mem(hub *h, const char *data, size_t len);
void hub_free(hub *h);

const hub_model *hub_find(const hub *h, const char *id, size_t n);
/* The new id of a renamed repository, or NULL. */
const char *hub_alias(const hub *h, const char *id, size_t n);

/* Value span of a top-level member, or NULL. */
const char *hub_member_value(const hub_model *m, const char *key,
                             size_t *len);

/* Sort keys: 0 trendingScore (the Hub's default), 1 downloads, 2 likes,
 * 3 createdAt, 4 lastModified, 5 downloadsAllTime; -1 unknown. */
int hub_sort_key(const char *name);
/* The name of sort key 0 to HUB_NSORTS - 1. */
const char *hub_sort_name(int key);
/* Models in the order of key: descending, string values before numbers
 * (when a snapshot mixes them), missing ones last (null, booleans and
 * objects count as missing), ties by _id ascending.  All orders are
 * computed by hub_load. */
const size_t *hub_sorted(const hub *h, int key);
/* The positions in hub_sorted(h, key) of the models author[0..len)
 * selects (hub_query.author), ascending; *n of them (NULL and 0 for
 * none), so a sweep's page need not look at every model. */
const size_t *hub_owned(const hub *h, int key, const char *author,
                        size_t len, size_t *n);

/* The selection of GET /api/models. */
typedef struct {
	const char **filter;  /* tags that must all be present */
	int nfilter;
	const char *author, *search, *pipeline_tag;
	int gated;            /* -1 any, 0 not gated, 1 gated */
	int64_t min_params, max_params; /* -1 when not given */
} hub_query;

int hub_match(const hub_model *m, const hub_query *q);

/* Which properties to write for a model object. */
enum { HUB_DEFAULT_LIST, HUB_DEFAULT_INFO, HUB_EXPAND };

/* 1 when name is a property the Hub accepts in expand. */
int hub_expandable(const char *name);
/* Write the model object: mode HUB_EXPAND writes _id, id and the members
 * named in expand[0..n); the default modes write what the Hub sends
 * without expand.  config is always the curated subset. */
void hub_write_model(hf_out *w, const hub_model *m, int mode,
                     const char *const *expand, int nexpand, int with_config);

#endif
