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

/* How many bytes at u are shown as they are: a printable ASCII byte or
 * a whole UTF-8 sequence, except the C1 controls U+0080 to U+009F, which
 * some terminals obey (U+009B is CSI); 0 for a byte shown as \xNN. */
static size_t
shown_as_is(const unsigned char *u, size_t n)
{
	size_t k;

	if (u[0] < 0x80)
		return u[0] >= 0x20 && u[0] < 0x7f;
	k = utf8_seq(u, n);
	return k == 2 && u[0] == 0xc2 && u[1] < 0xa0 ? 0 : k;
}

/* The length of s[0..n) as hf_shown writes it in full. */
static size_t
shown_length(const unsigned char *u, size_t n)
{
	size_t len = 0;

	for (size_t i = 0, k; i < n; i += k ? k : 1) {
		k = shown_as_is(u + i, n - i);
		len += k ? k : 4;
	}
	return len;
}

const char *
hf_shown(char *buf, size_t size, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	/* what is cut ends with "...", which then needs its room */
	int cut = shown_length(u, n) >= size;
	size_t room = cut ? (size > 4 ? size - 4 : 0) : size - 1, o = 0;

	for (size_t i = 0; i < n;) {
		size_t k = shown_as_is(u + i, n - i);

		if (o + (k ? k : 4) > room)
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
	if (cut && size > 4) {
		memcpy(buf + o, "...", 3);
		o += 3;
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
