/*
 * regdiff.h - what changed between two registries: change records, as
 * NDJSON (hf-diff(1) defines the format) or as a "since the last scan"
 * section of a document.  An rdiff owns its array of changes; their
 * strings belong to the two regdirs, which must outlive it.
 */
#ifndef HF_REGDIFF_H
#define HF_REGDIFF_H

#include "doc.h"
#include "regdir.h"

/* Change types, in the order the records come. */
enum {
	RDIFF_MODEL_ADDED, RDIFF_MODEL_REMOVED, RDIFF_MODEL_STATUS,
	RDIFF_GAP_NEW, RDIFF_GAP_SUPPORTED, RDIFF_GAP_GONE, RDIFF_GAP_RANK,
	RDIFF_GAP_COUNTS, RDIFF_NTYPES
};

typedef struct {
	int type;
	const char *arch, *id;          /* id: model changes only */
	int old_status, new_status;     /* model_status */
	size_t old_rank, new_rank;      /* 0 where there is none */
	double old_score, new_score;
	int64_t old_models, new_models, old_downloads, new_downloads;
	int64_t supported;              /* gap_supported: models in NEW */
} rdiff_change;

typedef struct {
	const regdir *old, *new;
	rdiff_change *v;
	size_t n, cap;
	size_t count[RDIFF_NTYPES];
} rdiff;

/* The changes from old to new, sorted: by type in the order above;
 * models by architecture_id then model_id, gaps by rank (the old rank
 * for gap_supported and gap_gone, else the new one), in byte order. */
void rdiff_compute(rdiff *d, const regdir *old, const regdir *new);
void rdiff_free(rdiff *d);
/* The record type's name: "model_added", ... */
const char *rdiff_type_name(int type);
/* One line per change. */
void rdiff_write_ndjson(hf_out *w, const rdiff *d);
/* A "Since the last scan" section under a heading of level: the two
 * scans, then a table per kind of change (model lists cut at
 * RDIFF_LIST_MAX rows, saying how many more). */
#define RDIFF_LIST_MAX 50
void rdiff_write_doc(doc *o, const rdiff *d, int level);

#endif
