/*
 * diag.h - messages and exits: every message is one line on standard
 * error, prefixed with the program's name (set once by main), and a
 * format ending in ':' gets strerror(errno) appended, as sbase's eprintf.
 */
#ifndef HF_DIAG_H
#define HF_DIAG_H

#include <stdarg.h>
#include <stddef.h>

/* Set once at the start of main(); every message is prefixed with it. */
void hf_setprogname(const char *argv0);
const char *hf_progname(void);
/* "prog: msg\n" on stderr; a format ending in ':' appends strerror(errno). */
void hf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hf_vwarn(const char *fmt, va_list ap);
_Noreturn void hf_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* s[0..n) as a message may show it, into buf of size size (>= 1; cut
 * short at a character, never inside one, and then ended with "..."):
 * printable ASCII and valid UTF-8 as they are, any other byte (a control
 * character, DEL, a C1 control's two bytes, a byte of no valid sequence)
 * as \xNN, so that what a user typed or a client sent cannot break a
 * line, a terminal or a JSON string.  Returns buf. */
const char *hf_shown(char *buf, size_t size, const char *s, size_t n);

/* Ignore SIGPIPE so that writes report EPIPE, which hf-tools treat as the
 * reader having gone away: the tool ends quietly with status 0. */
void hf_init_signals(void);

#endif
