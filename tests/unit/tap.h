/* tap.h - a tiny TAP producer for the unit tests of lib/.
 * ok(cond, name) prints "ok N - name" or "not ok N - name" and returns
 * whether cond held; done_testing()
 * prints the plan and returns the exit status.  stderr_begin() and
 * stderr_end() catch what lib/ writes on standard error in between. */
#ifndef TAP_H
#define TAP_H
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, name) \
	tap_is_str((got), (want), (name), __FILE__, __LINE__)
#define is_int(got, want, name) \
	ok((long long)(got) == (long long)(want), "%s (got %lld, want %lld)", \
	   name, (long long)(got), (long long)(want))

static int __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

/* A function, so that got is evaluated once, and may be an array. */
static inline int
tap_is_str(const char *got, const char *want, const char *name,
           const char *file, int line)
{
	return tap_ok(got && strcmp(got, want) == 0, file, line,
	              "%s (got '%s')", name, got ? got : "(null)");
}

static FILE *tap_err;
static int tap_saved_fd = -1;

/* Send standard error to a temporary file until stderr_end(). */
static inline void
stderr_begin(void)
{
	fflush(stderr);
	tap_err = tmpfile();
	tap_saved_fd = dup(2);
	if (tap_err)
		dup2(fileno(tap_err), 2);
}

/* Standard error back, and what was written meanwhile (up to 8 KiB;
 * valid until the next call). */
static inline const char *
stderr_end(void)
{
	static char text[8192];
	size_t n = 0;

	fflush(stderr);
	dup2(tap_saved_fd, 2);
	close(tap_saved_fd);
	if (tap_err) {
		rewind(tap_err);
		n = fread(text, 1, sizeof text - 1, tap_err);
		fclose(tap_err);
	}
	text[n] = '\0';
	return text;
}

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
#endif
