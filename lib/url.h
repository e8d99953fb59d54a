/*
 * url.h - URLs as hf-list writes them and hf-serve reads them:
 * percent-encoding, percent-decoding, and query strings split into their
 * parameters (repeated keys kept, in order).  A url_query owns its decoded
 * copies until url_query_free; its raw pieces point into the string it
 * parsed, which must outlive it.  The encoders write into the caller's
 * hf_out.
 */
#ifndef HF_URL_H
#define HF_URL_H

#include "hf.h"

typedef struct {
	char *key, *val;  /* decoded, NUL-terminated; val is "" without '=' */
	const char *raw;  /* the piece as sent, "k=v", not NUL-terminated */
	size_t rawlen;
} url_param;

typedef struct {
	url_param *p;               /* every non-empty piece, in order; owned */
	int n;
	char *buf;                  /* the decoded copies; owned */
} url_query;

/* Decode %XX and '+' in place; a '%' without two hex digits after it
 * stays as it is.  %00 ends the string there. */
void url_decode(char *s);

/* s with every byte except letters, digits, "-._~" and those in keep
 * (NULL: none) written as %XX. */
void url_put_encoded(hf_out *w, const char *s, const char *keep);
/* s[0..n), a URL as it was sent (encoded already), with the bytes that
 * cannot stand in a header line or between '<' and '>' (controls,
 * space, '<', '>', DEL and non-ASCII) percent-encoded. */
void url_put_sent(hf_out *w, const char *s, size_t n);
/* One query parameter, key=value with the value encoded (":," kept, as
 * the Hub's own clients send them), after a '&' unless w is empty or
 * ends with '?'. */
void url_put_param(hf_out *w, const char *key, const char *val);

/* Split raw (the part after '?', without it; NULL for none) at '&' and
 * decode each key and value. */
void url_query_parse(url_query *q, const char *raw);
/* The value of the first parameter named key, or NULL. */
const char *url_query_get(const url_query *q, const char *key);
void url_query_free(url_query *q);

#endif
