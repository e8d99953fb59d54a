/*
 * listfile.h - the one format of every list file (--models-from,
 * --exclude-ids, --adapters, the adapter table compiled in): one entry a
 * line; '#' starts a comment that runs to the end of the line; white
 * space (spaces, tabs, a CR before the newline) around an entry is not
 * part of it; lines left empty are skipped.  A list owns its text and
 * entries; lf_free releases them.
 */
#ifndef HF_LISTFILE_H
#define HF_LISTFILE_H

#include <stddef.h>

typedef struct {
	char *text;       /* the file, cut into entries in place */
	char **v;         /* the entries, NUL-terminated, in file order */
	size_t *lineno;   /* the line of each entry, for messages */
	size_t n;
} lf_list;

/* Read path ("-": standard input) and cut it into entries.  0, or -1
 * with a one-line reason in err: "cannot read WHAT F: why" (what names
 * the list for the user, e.g. "adapters"; NULL for none), or "F:LINE:
 * why" for a NUL byte or a line over 4096 bytes. */
int lf_read(lf_list *l, const char *path, const char *what, char *err,
            size_t errlen);
/* The same over text already in memory (taken over: lf_free frees it). */
void lf_parse(lf_list *l, char *text);
void lf_free(lf_list *l);

/* The entries of a list file added to a strset (strset.h), for id lists
 * such as --exclude-ids and --known-ids; 0, or -1 as lf_read. */
struct strset;
int lf_read_set(struct strset *set, const char *path, const char *what,
                char *err, size_t errlen);

#endif
