/*
 * json.h - JSON text checked strictly (RFC 8259 grammar, UTF-8, depth) on
 * top of jsmn, and access to the tokens: this is the only way into jsmn.
 * A json_doc owns its token array (json_free releases it), never the
 * text; json_strdup's result is the caller's to free.
 */
#ifndef HF_JSON_H
#define HF_JSON_H

#define JSMN_HEADER
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include <stddef.h>
#include <stdint.h>

/* Deepest nesting accepted; deeper documents are rejected, not crashed on. */
#define JSON_DEPTH_MAX 512

typedef struct {
	const char *js;  /* the text parsed; not owned */
	size_t len;
	jsmntok_t *tok;  /* grown as needed, reused between parses */
	unsigned int ntok, cap;
	size_t errpos;   /* after a failed parse: about where, in bytes */
	int plain;       /* no escapes, control bytes or non-ASCII anywhere */
} json_doc;

void json_init(json_doc *d);
void json_free(json_doc *d);
/* Parse js[0..len) as exactly one JSON value of RFC 8259 grammar (object
 * only when want_object), UTF-8 checked.  Returns 0, or -1 with *why set
 * to a static message such as "not a JSON object".  Token 0 is the root. */
int json_parse(json_doc *d, const char *js, size_t len, int want_object,
               const char **why);

/* Token access.  Indexes are token numbers; -1 means "absent" and is
 * accepted everywhere as input, giving absent/false results. */
int json_skip(const json_doc *d, int i);          /* token after i's subtree */
int json_get(const json_doc *d, int obj, const char *key); /* value or -1 */
int json_at(const json_doc *d, int arr, int n);    /* n-th element or -1 */
int json_type(const json_doc *d, int i);           /* JSMN_* or 0 if absent */
int json_is_null(const json_doc *d, int i);
int json_is_bool(const json_doc *d, int i, int *val);
int json_is_string(const json_doc *d, int i);
/* String token equals s (escapes decoded). */
int json_streq(const json_doc *d, int i, const char *s);
/* Integer value (no fraction, no exponent), overflow checked: 0 or -1. */
int json_int64(const json_doc *d, int i, int64_t *out);
/* Any number as a double: 0 or -1. */
int json_double(const json_doc *d, int i, double *out);
/* A count as a file may hold it: a non-negative integer, or a
 * non-negative number below 9e18 with its fraction dropped; else dflt. */
int64_t json_count(const json_doc *d, int i, int64_t dflt);
/* Decoded string value, malloc'd; NULL when i is not a string. */
char *json_strdup(const json_doc *d, int i);
/* The same, or NULL too when the string holds a NUL (\u0000), which a C
 * string would cut short: a name that is not what it would seem. */
char *json_strdup_whole(const json_doc *d, int i);
/* Raw bytes of token i as in the text (strings without their quotes). */
const char *json_raw(const json_doc *d, int i, size_t *len);
/* Raw extent of token i including a string's quotes. */
const char *json_span(const json_doc *d, int i, size_t *len);
/* Decode a JSON string body (escapes) into out, which has room for n bytes
 * (decoding never grows).  Returns the decoded length, or -1 if invalid. */
long json_unescape(const char *s, size_t n, char *out);
/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int utf8_valid(const unsigned char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (n > 0 bytes), or 0. */
size_t utf8_seq(const unsigned char *s, size_t n);

#endif
