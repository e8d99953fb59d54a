/*
 * huberr.h - what a failed Hub request means to the user: a reason word
 * that scripts can act on (the exit status and a field of error records
 * carry it, never the wording) and one line saying what to do.  Messages
 * are written into the caller's buffer; nothing is allocated.
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
	HUBERR_COUNT
};

/* "missing", "gated", "token", "query", "network", "http". */
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

#endif
