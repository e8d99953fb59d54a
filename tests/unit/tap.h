/* tap.h - a tiny TAP producer for the unit tests of lib/.
 * ok(cond, name) prints "ok N - name" or "not ok N - name" and returns
 * whether cond held; done_testing()
 * prints the plan and returns the exit status. */
#ifndef TAP_H
#define TAP_H
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, name) \
	ok((got) && strcmp((got), (want)) == 0, "%s (got '%s')", name, \
	   (got) ? (got) : "(null)")
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

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
#endif
