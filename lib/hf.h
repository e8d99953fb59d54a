/*
 * hf.h - the shared core of hf-tools: exit codes, diagnostics, allocation,
 * the NDJSON reader, the buffered writer, JSON tokens and the adapter table.
 *
 * Ownership: a returned char * is malloc'd and the caller frees it; inputs
 * are never freed.  Functions named *_free release what *_init/_open/_load
 * allocated.  The allocation wrappers never return NULL: they exit.
 */
#ifndef HF_H
#define HF_H

#define JSMN_HEADER
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef HF_VERSION
#define HF_VERSION "0.1.0"
#endif

/* Exit status of every tool (DESIGN section 7). */
enum {
	HF_OK = 0,      /* success */
	HF_PARTIAL = 1, /* some models failed or some lines were skipped */
	HF_USAGE = 2,   /* bad command line */
	HF_NET = 3,     /* network or Hub failure after retries */
	HF_STATE = 4    /* bad or unsafe output state, failed write */
};

/* ---- diag.c ------------------------------------------------------------ */

/* Set once at the start of main(); every message is prefixed with it. */
void hf_setprogname(const char *argv0);
const char *hf_progname(void);
/* "prog: msg\n" on stderr; a format ending in ':' appends strerror(errno). */
void hf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void hf_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hf_vwarn(const char *fmt, va_list ap);

void *hf_malloc(size_t n);
void *hf_calloc(size_t n, size_t size);
void *hf_realloc(void *p, size_t n);
char *hf_strdup(const char *s);
char *hf_strndup(const char *s, size_t n);

/* Ignore SIGPIPE so that writes report EPIPE, which hf-tools treat as the
 * reader having gone away: the tool ends quietly with status 0. */
void hf_init_signals(void);

/* The whole file, NUL-terminated (the NUL not counted in *len); NULL with
 * errno set on failure, EFBIG past limit bytes. */
char *hf_read_file(const char *path, size_t limit, size_t *len);

/* Replace path with data atomically: a temporary file in the same
 * directory, fsync, rename, fsync of the directory.  0, or -1 with errno
 * set (the old file is then untouched). */
int hf_write_atomic(const char *path, const void *data, size_t len);
/* The two halves, for several files that must change together: stage
 * each (a synced temporary beside path, returned malloc'd; NULL and errno
 * on failure, nothing left behind), then commit each (rename; frees tmp). */
char *hf_stage_file(const char *path, const void *data, size_t len);
int hf_commit_file(char *tmp, const char *path);

/* FNV-1a, 64 bits: the one hash of hf-tools (sets, fingerprints, ETags). */
uint64_t hf_hash(const void *p, size_t n);
/* The value of a hexadecimal digit, or -1. */
int hf_hexval(char c);

/* a + b for counts that are not negative, held at INT64_MAX instead of
 * overflowing: a stage's totals never wrap, whatever its input says. */
static inline int64_t
hf_add_count(int64_t a, int64_t b)
{
	return b > 0 && a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* Parse a non-negative decimal integer option value; -1 if not one. */
int64_t hf_parse_count(const char *s);

/* ---- ndjson.c: the line reader ----------------------------------------- */

/* Lines longer than this (without the newline) are reported and skipped
 * without being held in memory.  Documented in hf-tools(7). */
#define NDJ_LINE_MAX (4u * 1024 * 1024)

typedef struct {
	int fd;
	const char *name;  /* "<stdin>" for standard input */
	size_t lineno;     /* number of the line last returned */
	char *buf;         /* read buffer; lines point into it */
	size_t cap, start, end;
	size_t max;        /* line limit, NDJ_LINE_MAX unless changed */
	int eof, owned;
} ndj_reader;

enum { NDJ_LINE = 1, NDJ_EOF = 0, NDJ_TOOLONG = -1, NDJ_ERROR = -2 };

/* path NULL or "-" means standard input.  Returns -1 with errno set. */
int ndj_open(ndj_reader *r, const char *path);
/* Next line without its '\n' (and without a '\r' before it): *line stays
 * valid until the next call.  Returns NDJ_LINE, NDJ_EOF, NDJ_TOOLONG (the
 * line was skipped; r->lineno names it) or NDJ_ERROR (errno set). */
int ndj_next(ndj_reader *r, const char **line, size_t *len);
void ndj_close(ndj_reader *r);

/* ---- out.c: the buffered writer ---------------------------------------- */

typedef struct {
	int fd;
	char *buf;
	size_t len, cap;
	const char *name; /* for messages: "standard output" or a path */
} hf_out;

void out_init(hf_out *w, int fd, const char *name);
/* A writer into memory: w->buf/w->len hold what was written; the buffer
 * grows as needed and is released by out_free. */
void out_init_mem(hf_out *w);
void out_write(hf_out *w, const void *p, size_t n);
void out_puts(hf_out *w, const char *s);
void out_putc(hf_out *w, char c);
void out_int(hf_out *w, int64_t v);
void out_printf(hf_out *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A JSON string literal, quotes included, from raw UTF-8 bytes.  With
 * ascii set, non-ASCII and DEL are written as \uXXXX (surrogate pairs
 * above the BMP) as Python's json.dump does by default.  out_json_body
 * writes the same without the quotes. */
void out_json_str(hf_out *w, const char *s, size_t n, int ascii);
void out_json_body(hf_out *w, const char *s, size_t n, int ascii);
/* Copy valid JSON text without the white space outside strings. */
void out_json_minified(hf_out *w, const char *s, size_t n);
/* Write everything buffered.  On EPIPE the program exits 0 quietly; on any
 * other error it exits HF_STATE with one message. */
void out_flush(hf_out *w);
/* Flush and release; the fd is not closed. */
void out_free(hf_out *w);

/* ---- json.c: jsmn, strictly -------------------------------------------- */

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
/* Decoded string value, malloc'd; NULL when i is not a string. */
char *json_strdup(const json_doc *d, int i);
/* Raw bytes of token i as in the text (strings without their quotes). */
const char *json_raw(const json_doc *d, int i, size_t *len);
/* Raw extent of token i including a string's quotes. */
const char *json_span(const json_doc *d, int i, size_t *len);
/* Decode a JSON string body (escapes) into out, which has room for n bytes
 * (decoding never grows).  Returns the decoded length, or -1 if invalid. */
long json_unescape(const char *s, size_t n, char *out);
/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int utf8_valid(const unsigned char *s, size_t n);

/* ---- adapters.c: supported architectures and canonical orgs ------------ */

typedef struct {
	char *arch;
	char **orgs;
	size_t norgs;
} adapter;

typedef struct {
	adapter *v;
	size_t n;
	char *text;  /* the table text the entries point into */
} adapters;

/* Load from path; NULL means $HF_ADAPTERS if set, else the table compiled
 * in.  Returns 0, or -1 with a one-line reason in err. */
int adapters_load(adapters *a, const char *path, char *err, size_t errlen);
void adapters_free(adapters *a);
const adapter *adapters_find(const adapters *a, const char *arch, size_t n);
int adapter_has_org(const adapter *ad, const char *org, size_t n);
extern const char hf_builtin_adapters[];

#endif
