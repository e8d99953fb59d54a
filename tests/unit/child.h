/* child.h - run a piece of lib/ in a forked child, as a command would
 * run it, for the unit tests of code that exits (usage, messages, write
 * failures): the child's exit status (128 + N after signal N), and its
 * standard output and standard error, each captured whole up to
 * CHILD_MAX - 1 bytes and NUL-terminated.  Code that returns instead of
 * exiting ends the child through exit(CHILD_RETURNED), so stdio is
 * flushed the way a program's is.  child_ok(c, cond, name...) is tap.h's
 * ok() that, when cond fails, shows what the child did as TAP comments. */
#ifndef CHILD_H
#define CHILD_H
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#define CHILD_MAX 8192
#define CHILD_RETURNED 99

typedef struct {
	int status;
	char out[CHILD_MAX], err[CHILD_MAX];
} child;

#define child_ok(c, cond, ...) \
	do { if (!ok(cond, __VA_ARGS__)) child_show(c); } while (0)

/* One line of TAP comment: what, then text with newlines as \n. */
static void
child_show_text(const char *what, const char *text)
{
	printf("#   %s: '", what);
	for (; *text; text++)
		if (*text == '\n')
			fputs("\\n", stdout);
		else
			putchar(*text);
	puts("'");
}

static void __attribute__((unused))
child_show(const child *c)
{
	printf("#   status %d\n", c->status);
	child_show_text("stdout", c->out);
	child_show_text("stderr", c->err);
}

static void
child_slurp(FILE *f, char *buf)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, CHILD_MAX - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run fn(arg) in a child.  out_path, when not NULL, is opened for its
 * standard output instead of the capture (e.g. "/dev/full"); in_path,
 * when not NULL, is its standard input. */
static void __attribute__((unused))
child_run_io(child *c, void (*fn)(void *), void *arg, const char *out_path,
             const char *in_path)
{
	FILE *out = tmpfile(), *err = tmpfile();
	int st;
	pid_t pid;

	/* the parent's unwritten TAP lines must not reach the child */
	fflush(stdout);
	fflush(stderr);
	c->status = -1;
	c->out[0] = c->err[0] = '\0';
	if (!out || !err || (pid = fork()) < 0) {
		perror("child_run");
		exit(2);
	}
	if (pid == 0) {
		int ofd = out_path ? open(out_path, O_WRONLY) : fileno(out);
		int ifd = in_path ? open(in_path, O_RDONLY) : 0;

		if (ofd < 0 || ifd < 0 || dup2(ofd, 1) < 0 ||
		    dup2(fileno(err), 2) < 0 || dup2(ifd, 0) < 0)
			_exit(98);
		fn(arg);
		exit(CHILD_RETURNED);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("waitpid");
			exit(2);
		}
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	child_slurp(out, c->out);
	child_slurp(err, c->err);
}

static void __attribute__((unused))
child_run(child *c, void (*fn)(void *), void *arg)
{
	child_run_io(c, fn, arg, NULL, NULL);
}
#endif
