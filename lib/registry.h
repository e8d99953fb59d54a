/*
 * registry.h - the registry files hf-report merges into: reading them
 * safely (a file that does not parse or has the wrong shape is reported
 * with the byte where it went wrong and is never overwritten) and writing
 * TransformerLens's formats byte for byte.  reg_file owns its text and
 * tokens; reg_close releases them.  Writers take plain decoded strings.
 */
#ifndef HF_REGISTRY_H
#define HF_REGISTRY_H

#include "hf.h"
#include "score.h"

typedef struct {
	char *path;
	char *text;
	size_t len;
	json_doc d;
	int exists;
} reg_file;

/* Read and parse the file at path.  A missing file is fine (exists 0).
 * With list set, the root must be an object whose member list is an
 * array of objects.  0, or -1 with one line in err naming the file and
 * the byte where it went wrong (a writer adds reg_not_overwritten and
 * exits HF_STATE: such a file is never overwritten).  Either way
 * reg_close releases f. */
int reg_open(reg_file *f, const char *path, const char *list, char *err,
             size_t errlen);
void reg_close(reg_file *f);
/* Append "; not overwritten" to a reason reg_open gave, for the tools
 * that would have written the file. */
void reg_not_overwritten(char *err, size_t errlen);
/* The array member named list of the root, or -1. */
int reg_list(const reg_file *f, const char *list);


/* The scan_info both TransformerLens files carry. */
typedef struct {
	int64_t total_scanned;
	const char *task_filter;
	int64_t min_downloads;
	double duration;        /* rounded to one decimal when written */
} reg_scan_info;

/* generated_at: today's local date as YYYY-MM-DD (Python's
 * date.today().isoformat()), or the UTC date of $SOURCE_DATE_EPOCH. */
void reg_today(char buf[16]);

/* "{", generated_at and scan_info: how both files begin. */
void reg_write_head(hf_out *w, const reg_scan_info *si);
/* A new supported_models.json entry as the scraper's _build_model_entry
 * makes it, as element of the models list (first: no comma before). */
void reg_write_model_entry(hf_out *w, const char *arch, const char *id,
                           int first);
/* A model listed in supported_models.json: its architecture and id. */
typedef struct {
	const char *arch, *id;
} reg_model;

/* The whole supported_models.json: the entries of sup (which may not
 * exist) kept as they are, then added as new entries; the totals count
 * both (total_verified: entries whose status is 1, 1.0 or true). */
void reg_write_supported(hf_out *w, const reg_scan_info *si,
                         const reg_file *sup, const reg_model *added,
                         size_t nadded);
/* The whole architecture_gaps.json (no newline at the end, as the
 * scraper writes it); gaps already scored and sorted. */
void reg_write_gaps(hf_out *w, const reg_scan_info *si, const gap_set *g);
/* verification_history.json as the scraper creates it when absent. */
void reg_write_history(hf_out *w);

#endif
