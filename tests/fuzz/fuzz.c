/* fuzz.c - the helpers of fuzz.h: inputs as strings and as files. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Set once, on the first call that needs it; the harness's own. */
static char scratch[4096];
static int input_fd = -1;

void
fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	abort();
}

void
fuzz_put(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	fuzz_assert(fd >= 0 && write(fd, data, size) == (ssize_t)size &&
	            close(fd) == 0);
}

const char *
fuzz_part(const char **rest, const char *end, size_t *n)
{
	const char *part = *rest, *sep;

	if (!part)
		return NULL;
	sep = memmem(part, (size_t)(end - part), "\n%%\n", 4);
	*n = (size_t)((sep ? sep : end) - part);
	*rest = sep ? sep + 4 : NULL;
	return part;
}

char *
fuzz_str(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *s = malloc(n + 1);

	fuzz_assert(s != NULL);
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

static void
remove_scratch(void)
{
	DIR *dir = opendir(scratch);
	struct dirent *e;
	char path[sizeof scratch + 256];

	if (input_fd >= 0)
		close(input_fd);
	while (dir && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
			unlink(path);
		}
	}
	if (dir)
		closedir(dir);
	rmdir(scratch);
}

/* A directory of this process's own, removed at exit: in $FUZZ_TMPDIR,
 * else /dev/shm (no disk behind it), else $TMPDIR or /tmp. */
static const char *
scratch_dir(void)
{
	const char *base = getenv("FUZZ_TMPDIR");

	if (scratch[0])
		return scratch;
	if (!base && access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	if (!base && !(base = getenv("TMPDIR")))
		base = "/tmp";
	snprintf(scratch, sizeof scratch, "%s/hf-fuzz-XXXXXX", base);
	fuzz_assert(mkdtemp(scratch) != NULL);
	atexit(remove_scratch);
	return scratch;
}

const char *
fuzz_path(const char *name)
{
	static char path[sizeof scratch + 256];

	snprintf(path, sizeof path, "%s/%s", scratch_dir(), name);
	return path;
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static char path[sizeof scratch + 16];
	size_t off = 0;

	if (input_fd < 0) {
		snprintf(path, sizeof path, "%s/input", scratch_dir());
		input_fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		fuzz_assert(input_fd >= 0);
	}
	while (off < size) {
		ssize_t n = pwrite(input_fd, data + off, size - off, (off_t)off);

		fuzz_assert(n > 0);
		off += (size_t)n;
	}
	/* cut after writing: the pages of a longer last input are reused,
	 * not freed and faulted in again */
	fuzz_assert(ftruncate(input_fd, (off_t)size) == 0);
	return path;
}
