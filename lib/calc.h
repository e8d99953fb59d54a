/*
 * calc.h - an LLM inference calculator's models.json (hf-report
 * --models-json): its entries and what they are matched by (id, Hub id),
 * the importer's ids and names, the schema's ranges, --set overrides, the
 * importer's order, the timestamped backup, the file written as
 * JSON.stringify(v, null, 2) writes it, and the outcome of each record
 * as a line a script reads (hf-report --outcomes).  A calc_merge owns
 * its entries, outcomes and the file it read; calc_free releases them.
 * Returned strings are malloc'd and the caller's.
 */
#ifndef HF_CALC_H
#define HF_CALC_H

#include <time.h>

#include "hf.h"
#include "model.h"
#include "registry.h"

/* --set KEY=VALUE overrides of what a record's config gives; 0: not
 * given.  count[] follows the order of the keys calc_parse_override
 * names (default_context_length, hidden_size, num_layers, num_heads,
 * num_kv_heads, intermediate_size, vocab_size, num_experts,
 * experts_per_token). */
#define CALC_NCOUNTS 9
typedef struct {
	double params;                /* parameters_billions */
	int64_t count[CALC_NCOUNTS];
} calc_overrides;

/* Take one --set KEY=VALUE into o (a later one for a key wins): 0, or
 * -1 with the message in err (the caller exits HF_USAGE). */
int calc_parse_override(calc_overrides *o, const char *kv, char *err,
                        size_t errlen);
/* 1 when any override was given. */
int calc_overrides_given(const calc_overrides *o);
/* Put the counts given into s. */
void calc_apply_overrides(const calc_overrides *o, model_spec *s);

/* The importer's names from a Hub id, both malloc'd: from the second part
 * of "org/name", the id lowercased with runs of anything but [a-z0-9-] as
 * one '-', no '-' at either end ("Qwen/Qwen2.5-1.5B" -> "qwen2-5-1-5b");
 * the name with each '-' a space, trimmed ("Qwen2.5 1.5B"). */
void calc_names(const char *hf_id, char **id, char **name);
/* The schema's required fields and ranges (model.schema.json) and the
 * importer's rule on KV heads: 1 when the entry is valid; else one line
 * on standard error per violation, naming hf_id, or with why, the
 * violations in one line "HF_ID: what; what" appended to it. */
int calc_valid(const char *hf_id, const char *id, const char *name,
               double billions, const model_spec *s, hf_out *why);

/* An entry as it will be written, with what it sorts and matches by. */
typedef struct {
	char *text;   /* the entry's JSON, indented for the models list */
	char *id;     /* "" when the file's entry has none */
	char *hf_id;  /* "\x01" (matches nothing) when it has none */
	double params; /* parameters_billions, 0 when unknown */
} calc_entry;

/* The importer's order: by parameters_billions, the entry "custom" last;
 * stable. */
void calc_sort(calc_entry *v, size_t n);

typedef struct {
	const char *path;      /* the models.json */
	calc_overrides set;
	int force;             /* replace entries with the same id or Hub id */
	int multimodal;        /* import multimodal models (vision_config) */
	hf_out *dry_run;       /* NULL, or where --dry-run shows each change */
	int outcomes;          /* keep each record's outcome for
	                        * calc_put_outcomes, and its line there, not
	                        * on standard error */
} calc_opts;

/* What became of one record. */
typedef struct {
	char *hf_id;   /* its id (for an error record, the source named) */
	char *word;    /* imported, present, multimodal, invalid, or the
	                * reason of an error record (huberr.h) */
	char *id;      /* the calculator id; NULL when none was made */
	char *line;    /* what to tell the user; NULL for an imported one,
	                * whose line names the backup (calc_put_outcomes) */
	char *replaced; /* imported: the id of the entry it replaced */
} calc_outcome;

typedef struct {
	calc_opts opt;
	reg_file file;         /* models.json as it was */
	calc_entry *v;         /* its entries, then the ones imported */
	size_t n, cap;
	size_t nbefore;        /* entries the file had */
	int64_t refused;       /* records not imported (each reported) */
	int64_t changed;       /* records imported */
	calc_outcome *out;     /* with opt.outcomes, one per record */
	size_t nout, capout;
	int written;           /* calc_commit replaced or created the file */
	char *backup;          /* the backup it wrote first, or NULL */
} calc_merge;

/* Read opt->path (a missing file has no entries; its own duplicates
 * stay).  0, or -1 with err naming the file (the caller exits HF_STATE).
 * Either way calc_free releases m. */
int calc_open(calc_merge *m, const calc_opts *opt, char *err, size_t errlen);
/* A rec_fn: import the model record d (gap records are ignored).  A
 * multimodal model without opt.multimodal, an entry out of the schema's
 * ranges, and (without opt.force) one whose id or Hub id is taken
 * ("present") are refused with a message; with force the new entry
 * takes the place of the first it clashes with and the others go (the
 * same entry again is "present" too).  An error record (huberr.h) is a
 * model that could not be fetched: refused with its own message.
 * Returns 1 for a record refused for what it holds. */
int calc_add_record(void *m, const json_doc *d, const ndj_reader *r);
/* Sort the entries; with dry_run, the closing "Total models: N -> M"
 * line. */
void calc_finish(calc_merge *m);
/* The whole file: {"models": [...]} with any other top-level member of
 * the file kept in its place. */
void calc_write_models(hf_out *w, const calc_merge *m);
/* Unless dry_run or nothing was imported: when the text differs from the
 * file's, back the file up (calc_backup_path) and replace it atomically.
 * 0, or -1 with err (the caller exits HF_STATE; the file is as it was). */
int calc_commit(calc_merge *m, char *err, size_t errlen);
/* After calc_commit: one line per record, in input order, four fields
 * separated by tabs: the Hub id, the outcome's word, the calculator id
 * (or '-'), and the line to show ("imported ORG/NAME as ID into FILE
 * (backup FILE.YYYYMMDD-HHMMSS.bak)", "would import ..." under dry_run,
 * "skipped ... (already present ...)", "ORG/NAME: why ...").  Tabs and
 * newlines in a field are written as spaces. */
void calc_put_outcomes(hf_out *w, const calc_merge *m);
/* The Hub id of each entry of the file, one a line, in file order. */
void calc_put_ids(hf_out *w, const calc_merge *m);
void calc_free(calc_merge *m);

/* The backup's name, malloc'd: PATH.YYYYMMDD-HHMMSS.bak in local time,
 * PATH.YYYYMMDD-HHMMSS-2.bak, -3... when one exists. */
char *calc_backup_path(const char *path, time_t now);

#endif
