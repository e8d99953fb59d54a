/*
 * adapters.h - the table of supported architectures and the canonical
 * organisations of each: compiled in from lib/adapters.tsv, or read from
 * --adapters FILE / $HF_ADAPTERS, in the one list-file format.  An
 * adapters table owns its text and entries; adapters_free releases them.
 */
#ifndef HF_ADAPTERS_H
#define HF_ADAPTERS_H

#include <stddef.h>

#include "listfile.h"

typedef struct {
	char *arch;
	char **orgs;
	size_t norgs;
} adapter;

typedef struct {
	adapter *v;
	size_t n;
	lf_list lines;  /* the table's lines, which the entries point into */
} adapters;

/* Load from path; NULL means $HF_ADAPTERS if set, else the table compiled
 * in.  Returns 0, or -1 with a one-line reason in err. */
int adapters_load(adapters *a, const char *path, char *err, size_t errlen);
void adapters_free(adapters *a);
const adapter *adapters_find(const adapters *a, const char *arch, size_t n);
int adapter_has_org(const adapter *ad, const char *org, size_t n);
/* Up to max architectures of the table near arch (a typo of one, or it
 * in another case), nearest first; how many went into out. */
size_t adapters_near(const adapters *a, const char *arch, const char **out,
                     size_t max);
extern const char hf_builtin_adapters[];

#endif
