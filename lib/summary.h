/*
 * summary.h - what a scan did, as hf-report --summary-json writes it
 * (one JSON object, for CI) and as the TransformerLens scraper prints it
 * at the end (hf-report --print-summary): the scan, the new and skipped
 * models, the supported models per architecture, the most relevant gaps.
 * A sum_report owns its strings and arrays; sum_free releases them.
 */
#ifndef HF_SUMMARY_H
#define HF_SUMMARY_H

#include "hf.h"
#include "strset.h"
#include "tlreg.h"

#define SUM_TOP 20 /* gaps the summary names */

typedef struct {
	char *arch;
	int64_t models;
} sum_arch;

typedef struct {
	char *arch;
	int64_t models, downloads;
	double score;
} sum_gap;

typedef struct {
	char *task;
	int64_t min_downloads, total_scanned;
	double duration;
	int64_t scanned;          /* new models the scan went through */
	int64_t skipped;          /* models it skipped as registered */
	int64_t new_supported, total_supported;
	sum_arch *sup;            /* supported models per architecture, the
	                           * most first, ties by name */
	size_t nsup;
	int64_t unsupported_architectures, unsupported_models;
	sum_gap top[SUM_TOP];     /* the most relevant gaps, in order */
	size_t ntop;
	int64_t more_architectures, more_models; /* the gaps after those */
} sum_report;

/* The summary of a finished merge (after tl_finish).  new_supported
 * counts the entries whose id baseline does not hold (the ids registered
 * before the scan began, so a scan resumed after its registry was
 * written still counts its own), or the entries this merge added when
 * baseline is NULL.  scanned and skipped are the caller's (-1: the
 * model records read, and 0). */
void sum_from_merge(sum_report *s, const tl_merge *m, const strset *baseline,
                    int64_t scanned, int64_t skipped);
/* One JSON object on one line (hf-report(1) names its keys). */
void sum_write_json(hf_out *w, const sum_report *s);
/* Read what sum_write_json wrote.  0, or -1 with why in err. */
int sum_parse(sum_report *s, const char *text, size_t len, char *err,
              size_t errlen);
/* The TransformerLens scraper's closing report. */
void sum_write_text(hf_out *w, const sum_report *s);
void sum_free(sum_report *s);

#endif
