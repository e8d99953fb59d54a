/* diag.c - one-line messages with the program name, and exits. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const char *
hf_shown(char *buf, size_t size, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		size_t k = u[i] >= 0x20 && u[i] < 0x7f ? 1 :
		           u[i] >= 0x80 ? utf8_seq(u + i, n - i) : 0;

		if (o + (k ? k : 4) >= size)
			break;
		if (k) {
			memcpy(buf + o, s + i, k);
			o += k;
			i += k;
		} else {
			snprintf(buf + o, 5, "\\x%02x", u[i++]);
			o += 4;
		}
	}
	buf[o] = '\0';
	return buf;
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

void
hf_init_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
}
