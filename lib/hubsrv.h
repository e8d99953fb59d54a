/*
 * hubsrv.h - what hf-serve answers, without a socket: a request (method,
 * path, query, the headers that matter) goes in, a reply (status,
 * headers, body, and whether a fault cuts the body) comes out, as the
 * Hub's model API would answer it from a loaded snapshot.  The server's
 * configuration is read only; the state requests share (counters,
 * downloads, the fault sequence) is the caller's, passed in to the two
 * calls that change it, so that the caller can lock around them.  A
 * reply owns its body and header values until hubsrv_reply_free.
 */
#ifndef HF_HUBSRV_H
#define HF_HUBSRV_H

#include <time.h>

#include "hf.h"
#include "fault.h"
#include "hub.h"

/* Routes, as /_stats counts them. */
enum { HUBSRV_LIST, HUBSRV_MODEL, HUBSRV_RESOLVE, HUBSRV_STATS,
       HUBSRV_OTHER, HUBSRV_NROUTES };

/* r->stats for /_stats?connections */
#define HUBSRV_STATS_CONNECTIONS (2 + HUBSRV_NROUTES)

/* The headers a reply may carry besides Content-Type, in the order they
 * are sent. */
enum { HUBSRV_LOCATION, HUBSRV_LINK, HUBSRV_ERROR_CODE,
       HUBSRV_ERROR_MESSAGE, HUBSRV_ETAG, HUBSRV_REPO_COMMIT,
       HUBSRV_CONTENT_RANGE, HUBSRV_ACCEPT_RANGES, HUBSRV_RATELIMIT,
       HUBSRV_RATELIMIT_POLICY, HUBSRV_RETRY_AFTER, HUBSRV_NHEADERS };
extern const char *const hubsrv_header_name[HUBSRV_NHEADERS];

typedef struct {
	const hub *h;              /* the snapshot, with its aliases */
	const char *host;          /* HOST:PORT of next links when the
	                            * request has no usable Host */
	int max_page;              /* the largest page, >= 1 */
	char *const *grant;        /* tokens with access to gated models */
	int ngrant;
	char *const *token;        /* valid tokens without that access */
	int ntoken;
	fault_conf fault;
} hubsrv;

/* A request; every string NUL-terminated, any bytes; NULL: absent. */
typedef struct {
	const char *method;
	const char *path;          /* as sent: percent-encoded, no query */
	const char *query;         /* as sent, after the '?'; NULL: no '?' */
	const char *authorization, *range, *host, *if_none_match;
} hubsrv_request;

/* What requests share: the caller serializes hubsrv_arrive and
 * hubsrv_settle. */
typedef struct {
	long requests[HUBSRV_NROUTES];
	long connections;              /* accepted (the caller counts them) */
	int auth_seen[HUBSRV_NROUTES]; /* a request carried Authorization */
	long *downloads;               /* per model, in snapshot order */
	size_t nmodels;
	fault_state fault;
} hubsrv_state;

typedef struct {
	int status;
	const char *type;          /* Content-Type (static), or NULL */
	hf_out body;
	char *header[HUBSRV_NHEADERS]; /* values, malloc'd, or NULL */
	int cut;                   /* FAULT_RESET or FAULT_TRUNC: the body
	                            * is to be cut; FAULT_NONE */
	/* set by hubsrv_arrive */
	int route, fault;
	fault_limit limit;
	char *path;                /* decoded */
	/* left for hubsrv_settle */
	long download;             /* the model downloaded, or -1 */
	int stats;                 /* the body is to be the counters: 1 all
	                            * of them (JSON), 2 + route one count,
	                            * HUBSRV_STATS_CONNECTIONS that one */
} hubsrv_reply;

/* Counters at zero (a download counter per model of srv's snapshot),
 * the fault sequence at seed. */
void hubsrv_state_init(hubsrv_state *st, const hubsrv *srv, uint64_t seed);
void hubsrv_state_free(hubsrv_state *st);

/* The route of a decoded path. */
int hubsrv_route(const char *path);

/* A request in three steps: hubsrv_arrive starts r (whatever r held is
 * overwritten, not freed), counts the request and draws its fault, at
 * time now; hubsrv_answer builds the reply, reading only srv (the slow
 * part, which needs no lock); hubsrv_settle counts the download the
 * reply made and writes the /_stats body. */
void hubsrv_arrive(const hubsrv *srv, hubsrv_state *st,
                   const hubsrv_request *rq, time_t now, hubsrv_reply *r);
void hubsrv_answer(const hubsrv *srv, const hubsrv_request *rq,
                   hubsrv_reply *r);
void hubsrv_settle(const hubsrv *srv, hubsrv_state *st, hubsrv_reply *r);
/* The three in a row, for one thread. */
void hubsrv_handle(const hubsrv *srv, hubsrv_state *st,
                   const hubsrv_request *rq, time_t now, hubsrv_reply *r);
/* Release r and zero it: freeing a zeroed reply again is harmless. */
void hubsrv_reply_free(hubsrv_reply *r);

/* The cursor of page position pos (base64 of {"$pos":N}, '=' as %3D),
 * into out of size n (64 bytes are enough); and the position of a
 * cursor once percent-decoded: 0, or -1 when s is not one. */
void hubsrv_cursor(char *out, size_t n, size_t pos);
int hubsrv_cursor_pos(const char *s, size_t *pos);

#endif
