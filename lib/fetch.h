/*
 * fetch.h - named models: for each id or model URL, GET /api/models/ID
 * (with the listings' fields, as expand[]) and, when asked, the whole
 * /ID/resolve/main/config.json put in the record in place of the curated
 * config; up to `jobs` models in flight at once over one http_pool, and
 * the records and the one line about each failure written in the order
 * the models were named: on standard error, or as an error record in
 * the output (huberr.h).  A missing model can get "did you mean" from
 * one search of the Hub.  fetch_run owns what it allocates for the
 * length of the call.
 */
#ifndef HF_FETCH_H
#define HF_FETCH_H

#include <signal.h>

#include "http.h"

typedef struct {
	char *const *src;           /* ids or model URLs, as users wrote them */
	int n;
	const char *endpoint;
	const char *const *expand;  /* none: the listings' default fields */
	int nexpand;
	int fetch_config;
	int error_records;          /* failures as error records in out */
	int suggest;                /* search for a missing model's name */
	int jobs;
	volatile sig_atomic_t *stop;
} fetch_opts;

typedef struct {
	int64_t records, failed;
} fetch_stats;

/* Fetch every model into out.  HF_OK; HF_PARTIAL when some could not
 * be fetched (a missing, gated or malformed one: one line each, the
 * others still run); HF_NET when the Hub kept failing on one or could
 * not be reached at all.  With suggest, a missing model costs one more
 * request, GET /api/models?search=NAME&limit=5 (NAME the part after
 * the '/'), whose ids (but the model's own) end its line as "did you
 * mean A, B or C?" and go in its error record as suggestions.  A signal ends the run with status 128 + its
 * number after one line. */
int fetch_run(const fetch_opts *o, http_pool *p, hf_out *out,
              fetch_stats *st);

#endif
