/*
 * opt.h - the command line every tool shares: getopt_long behind one
 * call that answers -h/--help (synopsis, what the tool does, each option
 * with its default, examples: on standard output, status 0) and
 * --version itself, one usage path for mistakes (one line on standard
 * error, status 2; an unknown option gets "did you mean" and the
 * synopsis), the option table in a form completion scripts are made
 * from, and the checks of option values: whole numbers in a range,
 * numbers, one of some words.  Nothing is allocated; the tables are the
 * caller's and must outlive the run.
 */
#ifndef HF_OPT_H
#define HF_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "adapters.h"

/* The values opt_next returns for --version and OPT_TABLE to a tool that
 * answers them itself; tools use letters and 256+. */
#define OPT_VERSION 1
#define OPT_TABLE_SEEN 2
/* The last two entries of every tool's long option table. */
#define OPT_HELP_VERSION                                   \
	{ "help", no_argument, NULL, 'h' },                  \
	{ "version", no_argument, NULL, OPT_VERSION }

/* What -h says about one long option, and what a completion offers for
 * its value: words when given; else by arg: FILE, LIST and CKPT name a
 * file, DIR, OLD and NEW a directory, ARCH an architecture of the
 * adapter table, anything else (N, URL, ID...) no completion. */
typedef struct {
	const char *name;          /* the long option, as in longopts */
	const char *arg;           /* its value in help (FILE, N...); NULL
	                            * for an option without one */
	const char *help;          /* what it does, and its default */
	const char *const *words;  /* the values it takes (NULL-terminated),
	                            * or NULL for any */
} opt_doc;

typedef struct {
	const char *name;      /* the tool, as --version prints it */
	const char *synopsis;  /* "usage: ...\n" lines */
	const char *help;      /* what the tool does, a sentence or two for
	                        * -h after the synopsis (wrapped); without a
	                        * doc, text printed as it is; NULL for none */
	const char *shortopts; /* getopt's letters, 'h' among them */
	const struct option *longopts; /* ends with OPT_HELP_VERSION and
	                                * a zeroed entry */
	const opt_doc *doc;    /* one entry per long option but --help and
	                        * --version, any order, ends with a zeroed
	                        * entry; NULL: -h prints the synopsis and
	                        * help alone */
	const char *examples;  /* command lines, one a line, each also in
	                        * the man page's EXAMPLES; NULL for none */
} opt_tool;

/* Name the program for messages (from argv0) and remember the tool;
 * called once, first thing in main().  A doc that leaves out a long
 * option, names one the table does not have, or gives a value where the
 * table takes none (or none where it takes one) is a bug the tool's
 * first run reports: one line, exit HF_USAGE. */
void opt_init(const opt_tool *t, const char *argv0);
/* The same for a tool that answers -h, --version and OPT_TABLE itself
 * (hf-opt, in shell code): opt_next returns 'h', OPT_VERSION and
 * OPT_TABLE_SEEN for them. */
void opt_init_self(const opt_tool *t, const char *argv0);

/* The next option, as getopt_long returns it (optarg set), or -1 after
 * the last.  -h and --help print the synopsis and help to standard
 * output and exit 0; --version prints "NAME VERSION" and exits 0; an
 * unknown or ambiguous option, a missing value or a value given to an
 * option that takes none is one line, the synopsis, and exit 2.  The
 * one word OPT_TABLE alone (never a prefix of it) prints the table
 * (opt_print_table) and exits 0.  Letters starting with '+' stop at
 * the first operand (getopt's own rule) instead of taking options
 * after it. */
int opt_next(int argc, char **argv);

/* What -h prints: the synopsis, what the tool does, the options, the
 * examples. */
void opt_put_help(FILE *fp);

/* The hidden option behind shell completion. */
#define OPT_TABLE "--option-table"
/* Every option of the tool, one a line, five fields separated by tabs,
 * '-' for an empty one: --LONG, -L (its letter), ARG (as the doc names
 * the value), WORDS (the values it takes, separated by spaces), HELP.
 * --help and --version come last. */
void opt_print_table(FILE *fp);

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
/* A value that may be one of words (NULL-terminated) or another that
 * the list does not know (a task the Hub added): one near a word gets
 * "FLAG V is not WHAT; did you mean W?" on standard error. */
void opt_hint_word(const char *flag, const char *v, const char *const *words,
                   const char *what);
/* An architecture name (--arch, --architecture) against the adapter
 * table: the name of a class there in another case is a usage error
 * naming the right one (a typo, never another class); one or two edits
 * from names there gets a hint when hint is set; any other name passes,
 * since a class the table does not know is a gap, which is what a scan
 * looks for. */
void opt_arch(const char *flag, const char *name, const adapters *a,
              int hint);

#endif
