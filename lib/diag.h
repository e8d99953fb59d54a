/*
 * diag.h - messages and exits: every message is one line on standard
 * error, prefixed with the program's name (set once by main), and a
 * format ending in ':' gets strerror(errno) appended, as sbase's eprintf.
 */
#ifndef HF_DIAG_H
#define HF_DIAG_H

#include <stdarg.h>

/* Set once at the start of main(); every message is prefixed with it. */
void hf_setprogname(const char *argv0);
const char *hf_progname(void);
/* "prog: msg\n" on stderr; a format ending in ':' appends strerror(errno). */
void hf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hf_vwarn(const char *fmt, va_list ap);
_Noreturn void hf_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Ignore SIGPIPE so that writes report EPIPE, which hf-tools treat as the
 * reader having gone away: the tool ends quietly with status 0. */
void hf_init_signals(void);

#endif
