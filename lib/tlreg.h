/*
 * tlreg.h - a TransformerLens registry directory merged with a scan
 * (hf-report -o DIR): supported_models.json, architecture_gaps.json,
 * verification_history.json and the state beside them,
 * .hf-report-state.ndjson (hf-report(1), FILES), which makes the gap
 * merge idempotent: every unsupported model ever read, and remainders,
 * the counts of models no state names.  The files are read whole, merged
 * in memory, written through lib/registry.c's writers, and replaced
 * together, all staged before any is renamed.  Nothing exits on bad
 * input: errors come back as -1 and one line in err.  A tl_merge owns
 * all it holds (strings are decoded text); tl_free releases it.
 */
#ifndef HF_TLREG_H
#define HF_TLREG_H

#include "hf.h"
#include "registry.h"
#include "score.h"
#include "strset.h"

#define TL_STATE_FILE ".hf-report-state.ndjson"
#define TL_STATE_HEADER "{\"hf_report_state\":1}\n"

/* The scan being merged, as its scan_info says. */
typedef struct {
	const char *task;        /* task_filter */
	int64_t min_downloads;
	int64_t scanned;         /* total_scanned; -1: the model records read */
	double duration;         /* scan_duration_seconds */
	const adapters *ad;      /* the supported architectures; not owned */
} tl_scan;

/* The numbers of hf-report's closing line. */
typedef struct {
	int64_t read;            /* model records read */
	size_t new_supported;    /* models added to supported_models.json */
	int64_t gaps_added, gaps_updated, gaps_removed;
	size_t gaps;             /* gaps after the merge */
} tl_summary;

/* An unsupported model of the state; id and arch are shared copies held
 * by the merge's sets. */
typedef struct {
	const char *id, *arch;
	int64_t downloads, params; /* the latest scan's; params -1 unknown */
	int now;                   /* read in this run, not only remembered */
} tl_known;

typedef struct {
	tl_scan scan;
	const char *dir;           /* not owned */
	reg_file sup, gaps;        /* the registry files as they were */
	int had_state, have_history;
	gap_set baseline;          /* the gaps file's entries */
	char *base_task;           /* its scan_info.task_filter, or NULL */
	strset registered;         /* model ids supported_models.json lists */
	strset added_ids, known_ids;
	strset names;              /* one copy of each architecture and task */
	reg_model *added;          /* new supported models, in order */
	size_t nadded, capadded;
	tl_known *known;           /* unsupported models, first seen first */
	size_t nknown, capknown;
	gap_set incoming;          /* gap records read */
	gap_set remainders;        /* entries of another scan's task, kept */
	const char **rem_task;     /* the task of remainders.v[i]; NULL: gone */
	size_t caprem;
	gap_set merged;            /* after tl_finish: scored and sorted */
	tl_summary sum;
} tl_merge;

/* One line of the state, decoded; valid during the callback only. */
typedef struct {
	const json_doc *d;         /* the line; its root is token 0 */
	const char *id, *arch;     /* a model line: both set */
	int64_t downloads, params; /* of a model line; params -1 unknown */
	const char *task;          /* a remainder line: the gaps entry is d's
	                              root, of a scan of this task */
} tl_state_line;
typedef void (*tl_state_fn)(void *ctx, const tl_state_line *l);

enum { TL_STATE_UNREADABLE = -1, TL_STATE_MALFORMED = -2 };

/* Call fn for each model and remainder line of the state file at path,
 * in order (the header and lines of a later format are passed over); a
 * second reader of the state (hf-page) reads it through this.  1 when
 * read, 0 when there is no such file, TL_STATE_UNREADABLE or
 * TL_STATE_MALFORMED ("PATH:LINE: not a state line") with one line in
 * err; fn may have been called for the lines before. */
int tl_state_read(const char *path, tl_state_fn fn, void *ctx, char *err,
                  size_t errlen);

void tl_init(tl_merge *m, const tl_scan *scan);
/* Read dir's registry files and state (missing ones are empty).  0, or
 * -1 with err naming the file and what is wrong with it (the caller
 * exits HF_STATE: such a file is never overwritten). */
int tl_load(tl_merge *m, const char *dir, char *err, size_t errlen);
/* A rec_fn: a model record (its problems reported, as hf-score reports
 * them) goes to the supported models or the unsupported ones; a gap
 * record is kept, a later one for an architecture replacing an earlier
 * one.  Returns 1 when the record had problems. */
int tl_add_record(void *m, const json_doc *d, const ndj_reader *r);
/* Merge: the remainders this scan makes stale go, and each
 * architecture's gap comes from the most complete data there is (see
 * tlreg.c).  With changes set, one line per change there (--dry-run).
 * Returns the numbers of the merge, held by m. */
const tl_summary *tl_finish(tl_merge *m, hf_out *changes);

/* The files as tl_commit writes them, after tl_finish. */
void tl_write_state(hf_out *w, const tl_merge *m);
void tl_write_gaps(hf_out *w, const tl_merge *m);
void tl_write_supported(hf_out *w, const tl_merge *m);
/* Write the state, the gaps and the supported models into dir (and
 * verification_history.json if absent): all staged, then renamed.  0,
 * or -1 with err; when staging fails no file has changed. */
int tl_commit(tl_merge *m, char *err, size_t errlen);
void tl_free(tl_merge *m);

#endif
