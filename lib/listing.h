/*
 * listing.h - one listing of GET /api/models: its query (tags, author,
 * search, sort, limits, where its records go, a label for progress), set
 * option by option with the names hf-list's command line uses, read from
 * a line of a listings file, and written as the URL of its first page.
 * A query's strings point into what the caller gave; nothing is
 * allocated but the URL lst_url returns.
 */
#ifndef HF_LISTING_H
#define HF_LISTING_H

#include <getopt.h>
#include <stdint.h>

#include "hf.h"
#include "listfile.h"
#include "opt.h"

#define LST_TAGS_MAX 32
#define LST_PAGE_MAX 1000  /* the largest page the Hub is said to serve */

typedef struct {
	const char *filter[LST_TAGS_MAX]; /* --task and --filter tags */
	int nfilter;
	const char *author, *search, *pipeline_tag, *num_parameters;
	const char *gated;       /* "true", "false" or NULL */
	const char *sort;        /* the Hub's name, or "none" */
	const char *output;      /* -o of a listings-file line, or NULL */
	const char *label;       /* --label, for progress; or NULL */
	int64_t limit;           /* records at most; -1 none */
	int64_t min_downloads;   /* stop below; -1 none */
	int tee;                 /* --tee (1) or --tee-fd N: its output (a
	                          * file) also to that descriptor; 0 none */
	int order_given;         /* --sort or --page-size was given */
	size_t lineno;           /* of the listings file; 0 command line */
} lst_query;

/* The long options a listing takes, as hf-list's table holds them (val
 * is one of LST_O_*); hf-list copies them into its own table.  Ends with
 * a zeroed entry.  -o and --label are for listings-file lines only. */
enum { LST_O_TASK = 0x1000, LST_O_FILTER, LST_O_AUTHOR, LST_O_SEARCH,
       LST_O_PIPE, LST_O_GATED, LST_O_NOGATED, LST_O_NUMP, LST_O_SORT,
       LST_O_LIMIT, LST_O_MIN, LST_O_TEE, LST_O_TEEFD, LST_O_OUTPUT,
       LST_O_LABEL };
extern const struct option lst_options[];
/* What -h says about each of lst_options; ends with a zeroed entry. */
extern const opt_doc lst_docs[];
/* The Hub's tasks (pipeline tags) that --task completes to, most asked
 * for first; NULL-terminated.  Any other tag is taken as well. */
extern const char *const lst_tasks[];

void lst_init(lst_query *q);
/* Set the option whose getopt value is val (from lst_options) to value
 * (NULL for one without a value).  0, or -1 with a one-line reason in
 * err (a bad number, an unknown sort, too many tags). */
int lst_set(lst_query *q, int val, const char *value, char *err,
            size_t errlen);
/* Options that contradict each other in q (--min-downloads without the
 * downloads order): 0, or -1 and err. */
int lst_check(const lst_query *q, char *err, size_t errlen);

/* One line of a listings file: hf-list's listing options separated by
 * white space (--opt value or --opt=value, no quoting), -o FILE for
 * where its records go and --label NAME.  The line is cut in place and
 * must outlive q.  0, or -1 with what is wrong in err. */
int lst_parse_line(lst_query *q, char *line, char *err, size_t errlen);

/* Every listing of a listings file (a list file: '#' comments, blank
 * lines skipped), each parsed by lst_parse_line; *q is malloc'd, its
 * strings point into *file, which the caller frees after it.  0, or -1
 * with "FILE:LINE: what is wrong" (or why it cannot be read) in err. */
int lst_read_file(const char *path, lf_list *file, lst_query **q, int *n,
                  char *err, size_t errlen);

/* The first page's URL: endpoint + /api/models? and the query's
 * parameters, then limit (the page size, or a smaller --limit) and one
 * expand per field.  malloc'd. */
char *lst_url(const lst_query *q, const char *endpoint, int64_t page_size,
              const char *const *expand, int nexpand);
/* key=FIELD for each field of expand[0..n) (the default fields when n is
 * 0), percent-encoded, joined by '&', after a '&' unless w ends in '?'. */
void lst_put_expand(hf_out *w, const char *key, const char *const *expand,
                    int nexpand);
/* The query in words for messages: "--author google --sort none". */
void lst_describe(const lst_query *q, char *buf, size_t n);

#endif
