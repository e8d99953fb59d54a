/*
 * fstats.h - hf-filter's counts (--stats FILE): the records read, kept,
 * and dropped by the first test each one failed, as one JSON object on
 * one line, and read back (hf-report --scan-stats takes a scan's counts
 * from it).  Nothing is allocated.
 */
#ifndef HF_FSTATS_H
#define HF_FSTATS_H

#include "hf.h"

/* Why a record was dropped; the first failing test names it. */
enum { FST_DUPLICATE, FST_EXCLUDED, FST_QUANTIZED, FST_DOWNLOADS, FST_ARCH,
       FST_SUPPORTED, FST_UNSUPPORTED, FST_CANONICAL, FST_AUTHOR, FST_COUNT };

/* "duplicate", "excluded", ...: the keys of dropped_by. */
extern const char *const fst_reason[FST_COUNT];

typedef struct {
	int64_t read, kept, dropped[FST_COUNT];
	int inverted;          /* --invert: kept is what the tests dropped */
} fst_counts;

/* {"read":N,"kept":N,"dropped":N,"inverted":B,"dropped_by":{...}} */
void fst_write(hf_out *w, const fst_counts *c);
/* Read what fst_write wrote.  0, or -1 with why in err. */
int fst_parse(fst_counts *c, const char *text, size_t len, char *err,
              size_t errlen);

#endif
