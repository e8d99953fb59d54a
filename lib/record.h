/*
 * record.h - model records read and passed through: every line of the
 * input files checked as one JSON object and handed to a callback (bad
 * lines reported as FILE:LINE and skipped), and a record's own bytes
 * written again with some top-level members left out, never
 * re-serialized.  Nothing is allocated that outlives a call.
 */
#ifndef HF_RECORD_H
#define HF_RECORD_H

#include "hf.h"

/* Write the record's original bytes up to (not including) its closing '}',
 * leaving out the top-level members named in drop[] (NULL-terminated).
 * Returns 1 when at least one member was written (so the next member
 * needs a comma), else 0.  Nothing else is re-serialized. */
int rec_write_open(hf_out *w, const json_doc *d, const char *const *drop);

/* The record on one line, minified, with its top-level member key (if
 * any) replaced by the JSON text value[0..n) put last, and '\n'. */
void rec_write_with(hf_out *w, const json_doc *d, const char *key,
                    const char *value, size_t n);

/* "prog: FILE:LINE: why" on stderr. */
void rec_warn(const ndj_reader *r, const char *why);

/* Called for each record that parsed as one JSON object; returns 0, or 1
 * when the record had problems (already reported) but was handled. */
typedef int (*rec_fn)(void *ctx, const json_doc *d, const ndj_reader *r);

/* Read every line of files[0..n) (none: standard input; "-": standard
 * input), skip blank lines, report lines that are too long or not a JSON
 * object as FILE:LINE and skip them, and call fn for the rest.  Returns
 * HF_OK or HF_PARTIAL.  With strict, the first problem exits HF_PARTIAL
 * after flushing w. */
int rec_each(char *const *files, int n, int strict, hf_out *w, rec_fn fn,
             void *ctx);

#endif
