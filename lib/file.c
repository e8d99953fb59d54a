/* file.c - whole files: read with a limit, replaced atomically. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hf.h"

/* Everything fd holds, NUL-terminated; NULL with errno on failure. */
static char *
read_all(int fd, size_t limit, size_t *lenp)
{
	size_t len = 0, cap = 64 * 1024;
	char *buf = hf_malloc(cap);

	for (;;) {
		ssize_t n;

		if (len + 1 == cap)
			buf = hf_realloc(buf, cap *= 2);
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (size_t)n > limit - len) {
			int e = n < 0 ? errno : EFBIG;

			free(buf);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

char *
file_read(const char *path, size_t limit, size_t *lenp)
{
	int fd, e;
	char *buf;

	if (strcmp(path, "-") == 0)
		return read_all(0, limit, lenp);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	buf = read_all(fd, limit, lenp);
	e = errno;
	close(fd);
	errno = e;
	return buf;
}

int
file_write_fd(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

char *
file_stage(const char *path, const void *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = hf_malloc(n + 16);
	struct stat sb;
	mode_t mask = umask(0);
	int fd, e;

	umask(mask);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return NULL;
	}
	/* mkstemp makes 0600: keep the old file's mode, else honour umask. */
	fchmod(fd, stat(path, &sb) == 0 ? sb.st_mode & 07777 : 0666 & ~mask);
	if (file_write_fd(fd, data, len) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = e;
	return NULL;
}

/* Make a rename in path's directory durable.  A failure is not reported:
 * the rename is done either way, and the old file or the new one is
 * there after a crash, never neither. */
static void
sync_dir(const char *path)
{
	char *dir = hf_strdup(path), *slash = strrchr(dir, '/');
	int dfd;

	if (slash)
		slash[slash == dir] = '\0';
	dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
}

int
file_commit(char *tmp, const char *path)
{
	int r = rename(tmp, path), e = errno;

	if (r < 0)
		unlink(tmp);
	free(tmp);
	sync_dir(path);
	errno = e;
	return r;
}

/* Before any rename, a second name for each old file, beside its
 * temporary (the same random part, "old" for "tmp"): what a failed
 * rename needs to put it back.  old[i] is 0 when path[i] did not exist,
 * 1 when kept, 2 when it exists but cannot be linked (no hard links on
 * that file system, or not ours to link): it could not be put back.
 * Returns the index of a link that failed otherwise, or -1. */
static int
keep_old(char *const *tmp, char *const *path, int n, char **keep, int *old)
{
	for (int i = 0; i < n; i++) {
		keep[i] = hf_strdup(tmp[i]);
		memcpy(keep[i] + strlen(path[i]) + 1, "old", 3);
		if (link(path[i], keep[i]) == 0) {
			old[i] = 1;
			continue;
		}
		free(keep[i]);
		keep[i] = NULL;
		if (errno != ENOENT && errno != EPERM && errno != EOPNOTSUPP)
			return i;
		old[i] = errno == ENOENT ? 0 : 2;
	}
	return -1;
}

/* Undo the renames of path[0..i), newest first. */
static void
put_back(char *const *path, int i, char **keep, const int *old)
{
	while (i-- > 0) {
		if (old[i] == 1 ? rename(keep[i], path[i]) == 0 :
		    old[i] == 0 && unlink(path[i]) == 0)
			continue;
		if (old[i] == 1) {
			hf_warn("cannot put back %s; it is in %s:", path[i], keep[i]);
			free(keep[i]);
			keep[i] = NULL; /* the only copy left: not removed */
		} else {
			hf_warn("cannot put back %s:", path[i]);
		}
	}
}

int
file_commit_all(char **tmp, char *const *path, int n, int *failed)
{
	char **keep = hf_calloc((size_t)n, sizeof *keep);
	int *old = hf_calloc((size_t)n, sizeof *old);
	int i = 0, k, e, bad = keep_old(tmp, path, n, keep, old);

	if (bad < 0) {
		while (i < n && rename(tmp[i], path[i]) == 0)
			i++;
		bad = i < n ? i : -1;
	}
	e = errno;
	if (bad >= 0) {
		put_back(path, i, keep, old);
		for (k = i; k < n; k++)
			unlink(tmp[k]);
		*failed = bad;
	}
	for (k = 0; k < n; k++) {
		if (keep[k])
			unlink(keep[k]);
		sync_dir(path[k]);
		free(keep[k]);
		free(tmp[k]);
	}
	free(keep);
	free(old);
	errno = e;
	return bad < 0 ? 0 : -1;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = file_stage(path, data, len);

	return tmp ? file_commit(tmp, path) : -1;
}
