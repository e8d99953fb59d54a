/*
 * wfault.c - an LD_PRELOAD library that makes one write-side call fail,
 * after jq's src/inject_errors.c: the Nth call, counted from 1, of open
 * for writing (mkstemp included), write, fsync, fdatasync, rename or
 * close fails with ENOSPC or EIO, as a full or failing disk would make
 * it.  write and close count only on descriptors opened for writing
 * here, so standard error, pipes and sockets are never touched.
 *
 *	WFAULT_N      the call to fail; unset or 0: none (count only)
 *	WFAULT_ERRNO  ENOSPC (the default) or EIO
 *	WFAULT_LOG    a file that gets a line per counted call, "3 write",
 *	              and "FAIL" after the one failed
 *
 * Built by make check as tests/wfault.so, never with sanitizers.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAXFD 4096

/* A test tool's state: counters and the descriptors opened for writing. */
static unsigned long calls, fail_at;
static int fail_errno = ENOSPC, log_fd = -2;
static unsigned char writable[MAXFD];

#define REAL(name) real_##name
#define BIND(name) \
	if (!REAL(name)) \
		REAL(name) = (__typeof__(REAL(name)))dlsym(RTLD_NEXT, #name)

static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_mkstemp)(char *);
static int (*real_mkostemp)(char *, int);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_close)(int);

static void
setup(void)
{
	const char *n = getenv("WFAULT_N"), *e = getenv("WFAULT_ERRNO");
	const char *log = getenv("WFAULT_LOG");

	if (log_fd != -2)
		return;
	BIND(open);
	BIND(write);
	fail_at = n ? strtoul(n, NULL, 10) : 0;
	if (e && strcmp(e, "EIO") == 0)
		fail_errno = EIO;
	log_fd = log ? real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	                         0666) : -1;
}

/* Count one call; 1 when it is the one to fail (errno then set). */
static int
fault(const char *what)
{
	char line[64];
	int n, hit;

	setup();
	hit = ++calls == fail_at;
	n = snprintf(line, sizeof line, "%lu %s%s\n", calls, what,
	             hit ? " FAIL" : "");
	if (log_fd >= 0 && real_write(log_fd, line, (size_t)n) < 0)
		abort();
	if (hit)
		errno = fail_errno;
	return hit;
}

static int
wants_write(int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
}

static int
opened(int fd, int for_writing)
{
	if (fd >= 0 && fd < MAXFD)
		writable[fd] = (unsigned char)for_writing;
	return fd;
}

static int
tracked(int fd)
{
	return fd >= 0 && fd < MAXFD && writable[fd];
}

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	setup();
	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	if (wants_write(flags) && fault("open"))
		return -1;
	return opened(real_open(path, flags, mode), wants_write(flags));
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	return open(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	BIND(openat);
	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	if (wants_write(flags) && fault("openat"))
		return -1;
	return opened(real_openat(dir, path, flags, mode), wants_write(flags));
}

int
mkstemp(char *template)
{
	BIND(mkstemp);
	if (fault("mkstemp"))
		return -1;
	return opened(real_mkstemp(template), 1);
}

int
mkostemp(char *template, int flags)
{
	BIND(mkostemp);
	if (fault("mkostemp"))
		return -1;
	return opened(real_mkostemp(template, flags), 1);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	setup();
	if (tracked(fd) && fault("write"))
		return -1;
	return real_write(fd, buf, n);
}

int
fsync(int fd)
{
	BIND(fsync);
	if (fault("fsync"))
		return -1;
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	BIND(fdatasync);
	if (fault("fdatasync"))
		return -1;
	return real_fdatasync(fd);
}

int
rename(const char *from, const char *to)
{
	BIND(rename);
	if (fault("rename"))
		return -1;
	return real_rename(from, to);
}

/* Linux closes the descriptor even when close fails: so do we. */
int
close(int fd)
{
	int was = tracked(fd), r;

	BIND(close);
	opened(fd, 0);
	r = real_close(fd);
	if (was && fault("close"))
		return -1;
	return r;
}
