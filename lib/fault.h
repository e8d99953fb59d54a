/*
 * fault.h - hf-serve's faults on demand: which fault each request meets,
 * drawn in arrival order from a splitmix64 generator seeded by --seed,
 * and the rate-limit window (a fixed window of Q requests per W seconds,
 * announced in RateLimit and RateLimit-Policy headers, answered 429 with
 * Retry-After past the limit).  The state is the caller's, and so is
 * the locking around it; the header values returned are malloc'd and
 * the caller frees them.
 */
#ifndef HF_FAULT_H
#define HF_FAULT_H

#include <stdint.h>
#include <time.h>

enum {
	FAULT_NONE = -1,
	FAULT_429, FAULT_500, FAULT_502, FAULT_503, FAULT_504,
	FAULT_RESET,    /* close the connection before the body */
	FAULT_TRUNC,    /* close it half way through the body */
	FAULT_GARBAGE,  /* 200 with an HTML body */
	FAULT_REDIRECT, /* 307 to the same path on another origin */
	FAULT_COUNT
};
/* "429", "500", ..., "reset", "truncate", "garbage", "redirect". */
extern const char *const fault_name[FAULT_COUNT];

typedef struct {
	double fail, reset, trunc, garbage; /* probabilities, summing to <= 1 */
	const char *redirect_to;  /* an origin: every request redirected */
	int rl_q, rl_w;           /* Q requests per W seconds; 0: no limit */
} fault_conf;

typedef struct {
	uint64_t rng;             /* the generator's state */
	time_t window_start;
	int window_count;
	long count[FAULT_COUNT];  /* faults drawn, by kind */
} fault_state;

/* What the window says about one request. */
typedef struct {
	int remaining;            /* requests left in the window, >= 0 */
	int reset;                /* seconds until the next one, >= 1 */
} fault_limit;

void fault_init(fault_state *st, uint64_t seed);
/* The next number of the sequence, uniform in [0, 1). */
double fault_uniform(fault_state *st);
/* Count one request at time now in the window: 1 when it is past the
 * limit; *l says what remains.  Without a limit, 0 and *l zeroed. */
int fault_window(fault_state *st, const fault_conf *c, time_t now,
                 fault_limit *l);
/* The fault of the next request, a FAULT_*: two numbers drawn from the
 * sequence, then the window (FAULT_429 past its limit), the redirect,
 * and the rates in the order fail, reset, truncate, garbage.  Each
 * fault is counted in st->count. */
int fault_draw(fault_state *st, const fault_conf *c, time_t now,
               fault_limit *l);

/* The header values for l under c's window: RateLimit "api";r=R;t=T,
 * RateLimit-Policy "fixed window";"api";q=Q;w=W, Retry-After T. */
char *fault_ratelimit(const fault_limit *l);
char *fault_policy(const fault_conf *c);
char *fault_retry_after(const fault_limit *l);

#endif
