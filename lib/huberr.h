/*
 * huberr.h - what a failed Hub request means to the user: a reason word
 * that scripts can act on (the exit status and a field of error records
 * carry it, never the wording) and one line saying what to do; and the
 * error record, the line that stands for a named model that could not
 * be fetched in a stream of model records (hf-list --error-records):
 *
 *   {"hf_error":"missing","id":"ID","message":"ID: not found ...",
 *    "suggestions":["ORG/NAME",...]}
 *
 * (suggestions only when a search was made).  Messages are written into
 * the caller's buffer; the record's reader returns malloc'd copies.
 */
#ifndef HF_HUBERR_H
#define HF_HUBERR_H

#include <stddef.h>

#include "http.h"

enum {
	HUBERR_MISSING,   /* no such model (or private, without a token) */
	HUBERR_GATED,     /* gated: no token, or one without access */
	HUBERR_TOKEN,     /* the Hub refused the token */
	HUBERR_QUERY,     /* the Hub refused the query (HTTP 400) */
	HUBERR_NETWORK,   /* no answer, or failing after every retry */
	HUBERR_HTTP,      /* another final HTTP status */
	HUBERR_MALFORMED, /* not a model id or model URL: never asked */
	HUBERR_COUNT
};

/* "missing", "gated", "token", "query", "network", "http",
 * "malformed". */
const char *huberr_word(int reason);
/* Why the request r (finished, not HTTP_OK) failed. */
int huberr_reason(const http_req *r);
/* One line for a named model that could not be fetched: "ID: what; what
 * to do". */
void huberr_model_line(const http_req *r, int anonymous, const char *id,
                       char *buf, size_t n);
/* One line for a listing the Hub answered with an error or never
 * answered, naming the page's URL where it helps. */
void huberr_listing_line(const http_req *r, int anonymous, char *buf,
                         size_t n);

/* The error record of the model id (or the source as written, for a
 * malformed one), with its reason, message and the n suggestions, on
 * one line. */
void huberr_put_record(hf_out *w, int reason, const char *id,
                       const char *message, char *const *suggest, int n);
/* 1 when d is an error record (a top-level hf_error). */
int huberr_is_record(const json_doc *d);
/* Its reason word, id and message, each malloc'd ("" when absent). */
void huberr_read_record(const json_doc *d, char **word, char **id,
                        char **message);

#endif
