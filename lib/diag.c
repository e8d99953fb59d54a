/* diag.c - messages, exits and allocation that cannot fail silently. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hf.h"

/* Written once by main() before anything else runs; read-only after. */
static const char *progname = "hf";

void
hf_setprogname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0 && *argv0)
		progname = slash ? slash + 1 : argv0;
}

const char *
hf_progname(void)
{
	return progname;
}

void
hf_vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
hf_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hf_vwarn(fmt, ap);
	va_end(ap);
}

void
hf_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hf_vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

static void *
checked(void *p)
{
	if (!p)
		hf_die(HF_STATE, "out of memory");
	return p;
}

void *
hf_malloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *
hf_calloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *
hf_realloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

char *
hf_strdup(const char *s)
{
	return checked(strdup(s));
}

char *
hf_strndup(const char *s, size_t n)
{
	char *p = hf_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
hf_init_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
}

int64_t
hf_parse_count(const char *s)
{
	int64_t v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

char *
hf_read_file(const char *path, size_t limit, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 64 * 1024;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = hf_malloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 == cap) {
			if (cap > limit) {
				close(fd);
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			buf = hf_realloc(buf, cap *= 2);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			free(buf);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

char *
hf_stage_file(const char *path, const void *data, size_t len)
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
hf_commit_file(char *tmp, const char *path)
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
hf_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = hf_stage_file(path, data, len);

	return tmp ? hf_commit_file(tmp, path) : -1;
}

uint64_t
hf_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	return h;
}

int
hf_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
