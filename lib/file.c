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

char *
file_stage(const char *path, const void *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = hf_malloc(n + 16);
	const char *p = data;
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
	while (len > 0) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			goto fail;
		p += k;
		len -= (size_t)k;
	}
	if (fsync(fd) < 0)
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

int
file_commit(char *tmp, const char *path)
{
	char *dir = hf_strdup(path), *slash = strrchr(dir, '/');
	int dfd, r = rename(tmp, path), e = errno;

	if (r < 0)
		unlink(tmp);
	free(tmp);
	if (slash)
		slash[slash == dir] = '\0';
	dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	errno = e;
	return r;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = file_stage(path, data, len);

	return tmp ? file_commit(tmp, path) : -1;
}
