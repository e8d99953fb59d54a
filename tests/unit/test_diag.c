/* Unit tests of lib/diag.c: one-line messages with the program's name,
 * strerror after a trailing ':', exits, and SIGPIPE ignored. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "../../lib/hf.h"
#include "child.h"

static void
messages(void *arg)
{
	(void)arg;
	hf_warn("plain");
	hf_warn("%s has %d lines", "f", 3);
	errno = ENOENT;
	hf_warn("cannot open %s:", "models.ndjson");
	errno = ENOENT;
	hf_warn("%s", "a value ending in a colon:");
	errno = ENOENT;
	hf_warn("a: b");
	errno = ENOENT;
	hf_warn(":");
}

static void
die_enospc(void *arg)
{
	(void)arg;
	errno = ENOSPC;
	hf_die(HF_STATE, "cannot write %s:", "out.json");
}

static void
die_usage(void *arg)
{
	(void)arg;
	hf_die(HF_USAGE, "no value");
}

/* Write to a pipe nobody reads, with or without hf_init_signals. */
static void
write_to_closed_pipe(void *arg)
{
	int fd[2];

	/* from the default, whatever this test inherited */
	signal(SIGPIPE, SIG_DFL);
	if (arg)
		hf_init_signals();
	if (pipe(fd) < 0)
		return;
	close(fd[0]);
	if (write(fd[1], "x", 1) < 0 && errno == EPIPE)
		puts("EPIPE");
}

/* hf_shown: what a message may show of bytes from outside. */
static void
test_shown(void)
{
	char buf[64], tiny[6];

	is_str(hf_shown(buf, sizeof buf, "--spec", 6), "--spec", "plain ASCII");
	is_str(hf_shown(buf, sizeof buf, "--a\x01\x1b[2J\x7f", 9),
	       "--a\\x01\\x1b[2J\\x7f", "controls and DEL as \\xNN");
	is_str(hf_shown(buf, sizeof buf, "a\nb\0c", 5), "a\\x0ab\\x00c",
	       "a newline and a NUL");
	is_str(hf_shown(buf, sizeof buf, "\xc3\xa9t\xc3\xa9", 5),
	       "\xc3\xa9t\xc3\xa9", "valid UTF-8 as it is");
	is_str(hf_shown(buf, sizeof buf, "\xff\xc3(\xed\xa0\x80", 6),
	       "\\xff\\xc3(\\xed\\xa0\\x80",
	       "a stray byte, a cut sequence, a surrogate: byte by byte");
	is_str(hf_shown(buf, sizeof buf, "a\xc2\x9b" "2J\xc2\x85\xc2\xa0", 9),
	       "a\\xc2\\x9b2J\\xc2\\x85\xc2\xa0",
	       "C1 controls (CSI, NEL) as \\xNN, a no-break space as it is");
	is_str(hf_shown(tiny, sizeof tiny, "abcd", 4), "abcd",
	       "what fits whole is not cut");
	is_str(hf_shown(tiny, sizeof tiny, "ab\x01", 3), "ab...",
	       "cut short before an escape that does not fit, and said so");
	is_str(hf_shown(tiny, sizeof tiny, "\xc3\xa9\xc3\xa9\xc3\xa9", 6),
	       "\xc3\xa9...",
	       "and before a character, never inside it");
	is_str(hf_shown(tiny, 1, "abc", 3), "", "a buffer of one byte");
}

int
main(void)
{
	child c;

	ok(strcmp(hf_progname(), "hf") == 0, "the name before main sets it");
	hf_setprogname("/usr/local/bin/hf-x");
	is_str(hf_progname(), "hf-x", "the name is argv0 without its directory");
	hf_setprogname("");
	is_str(hf_progname(), "hf-x", "an empty argv0 keeps the name");
	hf_setprogname(NULL);
	is_str(hf_progname(), "hf-x", "no argv0 keeps the name");
	hf_setprogname("hf-y");
	is_str(hf_progname(), "hf-y", "an argv0 without a directory");

	child_run(&c, messages, NULL);
	child_ok(&c, c.status == CHILD_RETURNED && !*c.out &&
	         strcmp(c.err, "hf-y: plain\n"
	                       "hf-y: f has 3 lines\n"
	                       "hf-y: cannot open models.ndjson: No such file or "
	                       "directory\n"
	                       "hf-y: a value ending in a colon:\n"
	                       "hf-y: a: b\n"
	                       "hf-y: : No such file or directory\n") == 0,
	         "one line each on stderr with the prefix; only a format "
	         "ending in ':' appends strerror");
	child_run(&c, die_enospc, NULL);
	child_ok(&c, c.status == HF_STATE &&
	         strcmp(c.err, "hf-y: cannot write out.json: No space left on "
	                       "device\n") == 0,
	         "hf_die: the message and the status given");
	child_run(&c, die_usage, NULL);
	child_ok(&c, c.status == HF_USAGE && strcmp(c.err, "hf-y: no value\n") == 0,
	         "hf_die with another status");
	child_run(&c, write_to_closed_pipe, NULL);
	child_ok(&c, c.status == 128 + SIGPIPE, "without hf_init_signals a "
	         "write to a closed pipe kills");
	child_run(&c, write_to_closed_pipe, "init");
	child_ok(&c, c.status == CHILD_RETURNED && strcmp(c.out, "EPIPE\n") == 0,
	         "after hf_init_signals it fails with EPIPE instead");
	test_shown();
	return done_testing();
}
