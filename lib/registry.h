/*
 * registry.h - reading the registry files hf-report merges into, safely:
 * a file that does not parse or has the wrong shape is reported with the
 * byte where it went wrong and is never overwritten.  reg_file owns its
 * text and tokens; reg_close releases them.
 */
#ifndef HF_REGISTRY_H
#define HF_REGISTRY_H

#include "hf.h"

typedef struct {
	char *path;
	char *text;
	size_t len;
	json_doc d;
	int exists;
} reg_file;

/* Read and parse dir/name (or the path itself when dir is NULL).  A
 * missing file is fine (exists 0).  With list set, the root must be an
 * object whose member list is an array of objects.  On any problem, one
 * line naming the file and the byte, and exit HF_STATE. */
void reg_open(reg_file *f, const char *dir, const char *name,
              const char *list);
void reg_close(reg_file *f);
/* The array member named list of the root, or -1. */
int reg_list(const reg_file *f, const char *list);

/* Python's repr of a float (shortest round-trip, ".0" when integral). */
void py_repr_double(hf_out *w, double v);

#endif
