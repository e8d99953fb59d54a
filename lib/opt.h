/*
 * opt.h - the command line every tool shares: getopt_long behind one
 * call that answers -h/--help (synopsis and help on standard output,
 * status 0) and --version itself, one usage path for mistakes (one line
 * on standard error, status 2; an unknown option gets "did you mean" and
 * the synopsis), and the checks of option values: whole numbers in a
 * range, numbers, one of some words.  Nothing is allocated.
 */
#ifndef HF_OPT_H
#define HF_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/* The value opt_next returns for --version; tools use letters and 256+. */
#define OPT_VERSION 1
/* The last two entries of every tool's long option table. */
#define OPT_HELP_VERSION                                   \
	{ "help", no_argument, NULL, 'h' },                  \
	{ "version", no_argument, NULL, OPT_VERSION }

typedef struct {
	const char *name;      /* the tool, as --version prints it */
	const char *synopsis;  /* "usage: ...\n" lines */
	const char *help;      /* what -h adds after the synopsis: the
	                        * options with their defaults, examples;
	                        * NULL for none */
	const char *shortopts; /* getopt's letters, 'h' among them */
	const struct option *longopts; /* ends with OPT_HELP_VERSION and
	                                * a zeroed entry */
} opt_tool;

/* Name the program for messages (from argv0) and remember the tool;
 * called once, first thing in main(). */
void opt_init(const opt_tool *t, const char *argv0);

/* The next option, as getopt_long returns it (optarg set), or -1 after
 * the last.  -h and --help print the synopsis and help to standard
 * output and exit 0; --version prints "NAME VERSION" and exits 0; an
 * unknown or ambiguous option, a missing value or a value given to an
 * option that takes none is one line, the synopsis, and exit 2. */
int opt_next(int argc, char **argv);

/* Synopsis to standard error and exit HF_USAGE (status 0: synopsis and
 * help to standard output, exit 0). */
_Noreturn void opt_usage(int status);
/* A usage mistake the tool found itself (options that exclude each
 * other, a bad value): "prog: msg" on standard error, exit HF_USAGE. */
_Noreturn void opt_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Between min and max operands left after the options (max -1: any
 * number), else one line and the synopsis, exit HF_USAGE. */
void opt_operands(int argc, char **argv, int min, int max);

/* The value of flag as a whole number in [min, max], else opt_fail with
 * a message saying what it takes. */
int64_t opt_count(const char *flag, const char *v, int64_t min,
                  int64_t max);
/* A finite number in [min, max] (strtod's syntax), else opt_fail with
 * "FLAG takes WHAT" (what: "seconds", "a positive number"...). */
double opt_number(const char *flag, const char *v, double min, double max,
                  const char *what);
/* The same two checks without the exit, for a value a module takes
 * apart itself (hf-report's --set KEY=VALUE): 0 and *out, or -1 with
 * the message opt_count or opt_number would print in err. */
#define OPT_ERR_MAX 512
int opt_check_count(const char *flag, const char *v, int64_t min,
                    int64_t max, int64_t *out, char *err, size_t errlen);
int opt_check_number(const char *flag, const char *v, double min,
                     double max, const char *what, double *out, char *err,
                     size_t errlen);
/* The index of v in words (NULL-terminated), else opt_fail listing
 * them. */
int opt_word(const char *flag, const char *v, const char *const *words);

#endif
