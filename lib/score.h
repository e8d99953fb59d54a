/*
 * score.h - per-architecture aggregates and TransformerLens's relevancy
 * score (DESIGN section 6), shared by hf-score and hf-report.  A gap_set
 * owns its gaps and their strings; gaps_free releases them.  Strings are
 * plain decoded text (not JSON escapes); the writers escape them.
 */
#ifndef HF_SCORE_H
#define HF_SCORE_H

#include "hf.h"

#define GAP_SAMPLES 10

typedef struct {
	char *arch;
	int64_t models, downloads, min_params; /* min_params -1: unknown */
	int estimated;                         /* min_params was estimated */
	char *sample[GAP_SAMPLES];             /* most downloaded first */
	int64_t sample_dl[GAP_SAMPLES];
	int nsample;
	double score;
} gap;

typedef struct {
	gap *v;
	size_t n, cap;
	size_t *slot;  /* hash of arch -> index + 1; 0 empty */
	size_t nslot;
} gap_set;

void gaps_init(gap_set *s);
void gaps_free(gap_set *s);
/* The gap of arch, created empty when new; NULL after gaps_score. */
gap *gaps_get(gap_set *s, const char *arch, size_t n);
/* The gap of arch, or NULL; nothing is created.  Before gaps_score. */
gap *gaps_find(const gap_set *s, const char *arch, size_t n);
/* 1 when the record at d's root is a gap record (it has an
 * architecture_id), not a model record. */
int gap_is_record(const json_doc *d);
/* Read the gap record or gaps-file entry at token obj into set: a later
 * one for an architecture replaces an earlier one, as the scraper's
 * loader does.  Counts that are not counts read as 0 (min_param_count
 * as unknown), samples that are not strings are left out.  0, or -1
 * when obj has no architecture_id string (nothing read). */
int gap_read(gap_set *set, const json_doc *d, int obj);
/* Count one model: its downloads, its parameter count (-1 unknown), and
 * it as a sample when among the 10 most downloaded (ties: first seen). */
void gap_add_model(gap *g, const char *id, size_t n, int64_t downloads,
                   int64_t params, int estimated);
/* Score every gap over the whole set, then gaps_sort. */
void gaps_score(gap_set *s);
/* Sort as the scores stand: score descending, total_models descending,
 * architecture_id in byte order.  Lookups end here (gaps_get, gaps_find). */
void gaps_sort(gap_set *s);
/* A parameter count for people: 1.2B, 500M, 124, or "-" when unknown. */
void gap_params_text(char *buf, size_t n, int64_t params);
double relevancy(int64_t models, int64_t downloads, int64_t min_params,
                 int64_t max_models, int64_t max_downloads);
/* One gap record on one line, keys in TransformerLens's order. */
void gap_write_record(hf_out *w, const gap *g);
/* Its members from architecture_id to sample_models, without braces
 * (ascii: \uXXXX for non-ASCII, as the state file keeps them). */
void gap_write_fields(hf_out *w, const gap *g, int ascii);

#endif
