/*
 * hf.h - the exit statuses every tool shares (DESIGN section 7), and the
 * core of lib/ in one include: messages, allocation, numbers, whole
 * files, the NDJSON reader, the buffered writer, JSON and the adapter
 * table.  Each of those has its own header, which says what it owns.
 */
#ifndef HF_H
#define HF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef HF_VERSION
#define HF_VERSION "0.1.0"
#endif

/* Exit status of every tool (DESIGN section 7). */
enum {
	HF_OK = 0,      /* success */
	HF_PARTIAL = 1, /* some models failed or some lines were skipped */
	HF_USAGE = 2,   /* bad command line */
	HF_NET = 3,     /* network or Hub failure after retries */
	HF_STATE = 4    /* bad or unsafe output state, failed write */
};

#include "adapters.h"
#include "alloc.h"
#include "diag.h"
#include "file.h"
#include "json.h"
#include "ndjson.h"
#include "num.h"
#include "out.h"

#endif
