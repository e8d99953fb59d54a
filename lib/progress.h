/*
 * progress.h - the lines hf-list writes on standard error about a run:
 * the status of the listings and the pool (pages by label, models, the
 * rate of this run's fetches, retries, a wait, the seconds since the
 * start) and the closing summary.  They are written into the caller's
 * hf_out; nothing else is allocated.
 */
#ifndef HF_PROGRESS_H
#define HF_PROGRESS_H

#include "http.h"
#include "scan.h"

/* Seconds on a clock that only goes forward. */
double progress_now(void);
/* "main 4 pages, at 1523 downloads (stop below 500), sweep 3 of 43,
 * 4000 models, 900 models/s, 1 retry, waiting 2.0 s, 12 s"; st NULL for
 * named models (records then counts them); waiting 0 for none. */
void progress_status(hf_out *w, const scan_stats *st, int64_t records,
                     const http_pool *p, double elapsed, double waiting);
/* "N models, P pages, R requests, X retries, M MB, S s". */
void progress_summary(hf_out *w, int64_t records, int64_t pages,
                      const http_pool *p, double elapsed);

#endif
