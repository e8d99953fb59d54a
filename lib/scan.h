/*
 * scan.h - many listings in one run: up to `jobs` of them in flight at
 * once over one http_pool (one pacer, one connection pool), the pages of
 * each listing in order, and each output holding its listings' records
 * in listing order whatever order they finish in: a listing whose
 * predecessors in its output are unfinished waits in a spool file.  With
 * a checkpoint, one file after every page records every output's length
 * and every listing's state, so a run killed at any point resumes each
 * listing where it stopped and ends with the very bytes of an
 * uninterrupted run.  An output with --tee (lst_query.tee) is also
 * copied to standard output as it is written, from its first byte, so
 * that a pipeline can read a resumable scan as it goes.  The scan owns
 * its outputs, spools and requests for
 * the length of scan_run; messages go to standard error.
 */
#ifndef HF_SCAN_H
#define HF_SCAN_H

#include <signal.h>

#include "http.h"
#include "listing.h"
#include "strset.h"

typedef struct {
	lst_query *q;               /* the listings, in output order */
	int nq;
	const char *endpoint;
	const char *const *expand;  /* none: lst_url's defaults */
	int nexpand;
	int64_t page_size;
	const char *output;         /* for listings without their own -o;
	                             * NULL: standard output */
	const char *checkpoint;     /* NULL: none */
	int jobs;                   /* listings in flight at once */
	const strset *known;        /* ids that do not count toward a
	                             * --limit (still written); or NULL */
	volatile sig_atomic_t *stop;
	int quiet;
} scan_opts;

/* The listings of one --label (NULL: those without one), for progress. */
typedef struct {
	const char *label;
	int listings, done, failed;
	int64_t pages, records;
	/* its first unfinished listing with --min-downloads: the downloads
	 * of its last model and the threshold; -1 when there is none */
	int64_t last_downloads, threshold;
} scan_group;

/* What the progress lines show; updated as pages arrive. */
typedef struct {
	int64_t records;            /* written, resumed ones included */
	int64_t resumed;            /* of those, from an earlier run */
	int64_t pages;
	int listings, done, failed, running;
	scan_group *group;          /* by label, in order of appearance */
	int ngroups;
} scan_stats;

/* The listings' part of a progress line: each label's pages (one
 * listing) or how many of its listings are done, and the downloads of
 * the last model against --min-downloads: "main 40 pages, at 1523
 * downloads (stop below 500), sweep 12 of 43, ". */
void scan_put_groups(hf_out *w, const scan_stats *st);

/* Called after every page and at the end (last set). */
typedef void (*scan_progress)(void *arg, const scan_stats *st, int last);

/* Run every listing.  HF_OK when all are complete (the checkpoint is
 * then removed); HF_NET when some failed after their retries (each named
 * in a message; the others ran to the end; with a checkpoint, the same
 * command resumes what is missing) or the endpoint could not be reached
 * at all.  A signal ends the run with status 128 + its number, a failed
 * write or a bad checkpoint with HF_STATE or HF_USAGE, each after one
 * message. */
int scan_run(const scan_opts *o, http_pool *p, scan_stats *st,
             scan_progress progress, void *arg);

#endif
