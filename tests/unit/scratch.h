/* scratch.h - a scratch directory for the unit tests that need files:
 * scratch_dir() makes it (once), scratch_put writes a file in it,
 * scratch_path names one, scratch_remove removes it all at the end. */
#ifndef SCRATCH_H
#define SCRATCH_H
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static char scratch[] = "/tmp/hf-unit.XXXXXX";
static int scratch_made;

static inline const char *
scratch_dir(void)
{
	if (!scratch_made && !mkdtemp(scratch)) {
		perror("mkdtemp");
		exit(1);
	}
	scratch_made = 1;
	return scratch;
}

/* name inside the scratch directory, in a static buffer. */
static inline const char *
scratch_path(const char *name)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/%s", scratch_dir(), name);
	return path;
}

static inline void
scratch_mkdir(const char *name)
{
	mkdir(scratch_path(name), 0777);
}

static inline void
scratch_put(const char *name, const char *text)
{
	FILE *f = fopen(scratch_path(name), "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(name);
		exit(1);
	}
}

static inline void
scratch_remove(void)
{
	char rm[64];

	if (!scratch_made)
		return;
	snprintf(rm, sizeof rm, "rm -rf '%s'", scratch);
	if (system(rm) != 0)
		exit(1);
}
#endif
