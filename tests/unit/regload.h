/* regload.h - regload(r, dir): a registry directory for the unit tests of
 * lib/regdir.c's readers (page, regdiff), or the test stops with why. */
#ifndef REGLOAD_H
#define REGLOAD_H
#include <stdio.h>
#include <stdlib.h>
#include "../../lib/regdir.h"

static inline void
regload(regdir *r, const char *dir)
{
	char err[512];

	if (regdir_load(r, dir, err, sizeof err) < 0) {
		printf("# %s\n", err);
		exit(1);
	}
}
#endif
