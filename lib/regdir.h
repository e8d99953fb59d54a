/*
 * regdir.h - a registry directory read into C values, for the page and
 * the diff: supported_models.json, architecture_gaps.json,
 * verification_history.json, and hf-report's state file when it is there
 * (it knows the size of every unsupported model).  The files are read
 * through registry.h, the state through tlreg.h; a file that does not
 * parse, or an entry without the strings it needs, is refused with one
 * line naming the file and the byte.  Other values of the wrong type read as absent.  A regdir owns
 * its strings and arrays; regdir_free releases them.
 */
#ifndef HF_REGDIR_H
#define HF_REGDIR_H

#include "hf.h"
#include "score.h"
#include "strset.h"

/* A supported model's status, as TransformerLens numbers them. */
enum {
	REGDIR_UNVERIFIED, REGDIR_VERIFIED, REGDIR_SKIPPED, REGDIR_FAILED,
	REGDIR_PROVISIONAL
};

typedef struct {
	const char *arch, *id;
	const char *org;      /* the id before its '/', "" when it has none */
	int status;           /* "status", else 1 for "verified": true, else 0 */
	const char *verified; /* verified_date, else that of the model's latest
	                         valid record in the history; NULL */
} regdir_model;

typedef struct {
	const char *arch;
	int64_t models, verified;
} regdir_arch;

/* An unsupported model the state file knows. */
typedef struct {
	const char *id, *arch;
	int64_t downloads, params; /* params -1: unknown */
} regdir_ckpt;

typedef struct {
	char *dir;
	/* The scan, from supported_models.json, or architecture_gaps.json
	 * when there is none: NULL or -1 when absent. */
	const char *date, *task;
	int64_t scanned, min_downloads;
	double duration;
	regdir_model *model;   /* in the file's order, each id once */
	size_t nmodel;
	int64_t verified;      /* models with status 1 */
	regdir_arch *arch;     /* supported: most models first, then name */
	size_t narch;
	gap_set gaps;          /* sorted as gaps_sort: the rank is index + 1 */
	int64_t gap_models;    /* total_models of all gaps */
	int has_state;
	regdir_ckpt *ckpt;     /* by architecture, then smallest first
	                          (unknown last), most downloaded, id */
	size_t nckpt;
	strset str, model_ix, arch_ix, gap_ix, ckpt_ix, ckpt_arch_ix;
} regdir;

/* Room enough for any message regdir_load puts in err. */
#define REGDIR_ERR_MAX (4096 + 256)

/* Read dir.  0, or -1 with one line in err (REGDIR_ERR_MAX bytes): a
 * directory that cannot be read, a file that cannot be read or does not
 * parse, an entry without the strings it needs, a directory with neither
 * supported_models.json nor architecture_gaps.json.  regdir_free either
 * way. */
int regdir_load(regdir *r, const char *dir, char *err, size_t errlen);
void regdir_free(regdir *r);

/* "unverified", "verified", "skipped", "failed", "provisional", else
 * "other". */
const char *regdir_status_name(int status);

/* Lookups; NULL when absent. */
const regdir_model *regdir_model_of(const regdir *r, const char *id);
const regdir_arch *regdir_arch_of(const regdir *r, const char *arch);
const gap *regdir_gap_of(const regdir *r, const char *arch);
/* 1-based rank of a gap of r. */
size_t regdir_rank(const regdir *r, const gap *g);
/* The checkpoints the state knows of arch, smallest first; *n of them. */
const regdir_ckpt *regdir_ckpts(const regdir *r, const char *arch, size_t *n);
/* g's sample models smallest first (sizes and downloads from the state,
 * -1 when it does not know the model; unknown sizes last, ties in the
 * file's order, which is most downloaded first): how many. */
int regdir_samples(const regdir *r, const gap *g,
                   regdir_ckpt out[GAP_SAMPLES]);

#endif
