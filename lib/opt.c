/* opt.c - getopt_long with one usage path, help, version, the option
 * table and checked option values for every tool. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hf.h"
#include "near.h"
#include "opt.h"

#define OPT_NAMES_MAX 128
/* -h's lines: the help column starts at most this far in, text wraps
 * before WRAP_AT. */
#define HELP_COLUMN 28
#define WRAP_AT 80

/* Set once by opt_init, read-only after (like the program name). */
static const opt_tool *tool;
static int answers_self;

/* The doc of --help and --version, which every tool shares. */
static const opt_doc shared_doc[] = {
	{ "help", NULL, "print this help and exit", NULL },
	{ "version", NULL, "print the version and exit", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_doc *
doc_of(const char *name)
{
	for (const opt_doc *d = tool->doc; d && d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	for (const opt_doc *d = shared_doc; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

/* The long option named exactly name[0..n), or NULL. */
static const struct option *
long_named(const char *name, size_t n)
{
	for (const struct option *o = tool->longopts; o->name; o++)
		if (strlen(o->name) == n && memcmp(o->name, name, n) == 0)
			return o;
	return NULL;
}

/* The doc and the table say the same: every option documented once,
 * with a value exactly when it takes one. */
static void
check_doc(void)
{
	const struct option *o;

	if (!tool->doc)
		return;
	for (o = tool->longopts; o->name; o++) {
		const opt_doc *d = doc_of(o->name);

		if (!d)
			hf_die(HF_USAGE, "internal error: --%s has no help", o->name);
		if (!d->arg != (o->has_arg == no_argument))
			hf_die(HF_USAGE, "internal error: the help of --%s %s a value",
			       o->name, d->arg ? "gives" : "lacks");
	}
	for (const opt_doc *d = tool->doc; d->name; d++)
		if (!(o = long_named(d->name, strlen(d->name))) || doc_of(d->name) != d)
			hf_die(HF_USAGE, "internal error: help for --%s, %s", d->name,
			       o ? "twice" : "which is no option");
}

void
opt_init(const opt_tool *t, const char *argv0)
{
	tool = t;
	hf_setprogname(argv0 ? argv0 : t->name);
	check_doc();
}

void
opt_init_self(const opt_tool *t, const char *argv0)
{
	opt_init(t, argv0);
	answers_self = 1;
}

/* The letter of o, or 0 when it has none. */
static int
letter_of(const struct option *o)
{
	return o->val > 0 && o->val < 128 && isalnum(o->val) &&
	       strchr(tool->shortopts, o->val) ? o->val : 0;
}

/* "  -o, --output DIR" or "      --spec" into buf; its length. */
static int
option_head(char *buf, size_t n, const struct option *o, const opt_doc *d)
{
	int c = letter_of(o);

	return snprintf(buf, n, "  %c%c%s--%s%s%s", c ? '-' : ' ', c ? c : ' ',
	                c ? ", " : "  ", o->name, d->arg ? " " : "",
	                d->arg ? d->arg : "");
}

/* text from column at, wrapped before WRAP_AT with lines indented to
 * column at, then a newline. */
static void
put_wrapped(FILE *fp, const char *text, int at)
{
	int col = at;

	while (*text) {
		size_t w = strcspn(text, " ");

		if (col > at && col + 1 + (int)w >= WRAP_AT) {
			fprintf(fp, "\n%*s", at, "");
			col = at;
		} else if (col > at) {
			fputc(' ', fp);
			col++;
		}
		fwrite(text, 1, w, fp);
		col += (int)w;
		text += w;
		text += strspn(text, " ");
	}
	fputc('\n', fp);
}

/* The options, the examples: what -h prints after the synopsis. */
static void
put_help(FILE *fp)
{
	char head[160];
	int width = 0, n;
	const struct option *o;

	if (tool->help) {
		fputc('\n', fp);
		put_wrapped(fp, tool->help, 0);
	}
	for (o = tool->longopts; o->name; o++)
		if ((n = option_head(head, sizeof head, o, doc_of(o->name))) > width)
			width = n;
	width = width + 2 > HELP_COLUMN ? HELP_COLUMN : width + 2;
	fputs("\noptions:\n", fp);
	for (o = tool->longopts; o->name; o++) {
		const opt_doc *d = doc_of(o->name);

		n = option_head(head, sizeof head, o, d);
		if (n + 1 >= width)
			fprintf(fp, "%s\n%*s", head, width, "");
		else
			fprintf(fp, "%-*s", width, head);
		put_wrapped(fp, d->help, width);
	}
	if (tool->examples) {
		const char *p = tool->examples;

		fputs("\nexamples:\n", fp);
		while (*p) {
			size_t len = strcspn(p, "\n");

			fprintf(fp, "  %.*s\n", (int)len, p);
			p += len + (p[len] == '\n');
		}
	}
}

void
opt_print_table(FILE *fp)
{
	for (const struct option *o = tool->longopts; o->name; o++) {
		const opt_doc *d = doc_of(o->name);
		int c = letter_of(o);

		fprintf(fp, "--%s\t", o->name);
		if (c)
			fprintf(fp, "-%c\t", c);
		else
			fputs("-\t", fp);
		fprintf(fp, "%s\t", d && d->arg ? d->arg : "-");
		if (d && d->words)
			for (const char *const *w = d->words; *w; w++)
				fprintf(fp, "%s%s", w == d->words ? "" : " ", *w);
		else
			fputc('-', fp);
		fprintf(fp, "\t%s\n", d ? d->help : "-");
	}
}

/* Standard output written in full, or one message and HF_STATE; a reader
 * that went away is not an error. */
static _Noreturn void
exit_flushed(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		exit(HF_OK);
	if (errno == EPIPE)
		exit(HF_OK);
	hf_die(HF_STATE, "cannot write standard output:");
}

void
opt_put_help(FILE *fp)
{
	fputs(tool->synopsis, fp);
	if (tool->doc)
		put_help(fp);
	else if (tool->help)
		fputs(tool->help, fp); /* a tool without a doc: its text as is */
}

void
opt_usage(int status)
{
	if (status == HF_OK) {
		opt_put_help(stdout);
		exit_flushed();
	}
	fputs(tool->synopsis, stderr);
	exit(status);
}

void
opt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hf_vwarn(fmt, ap);
	va_end(ap);
	exit(HF_USAGE);
}

/* One line about a long option getopt refused (arg is "--name[=v]"). */
static void
explain_long(const char *arg, int missing)
{
	const char *name = arg + 2, *hits[OPT_NAMES_MAX], *near[3];
	size_t n = strcspn(name, "="), nhits = 0, nnear;
	const struct option *o = long_named(name, n);
	char word[128], shown[256];

	for (const struct option *p = tool->longopts; p->name; p++)
		if (nhits < OPT_NAMES_MAX && strncmp(p->name, name, n) == 0)
			hits[nhits++] = p->name;
	/* a unique prefix is the option getopt took it for */
	if (!o && nhits == 1)
		o = long_named(hits[0], strlen(hits[0]));
	if (missing && o) {
		hf_warn("option --%s needs a value", o->name);
	} else if (o && name[n] == '=') {
		hf_warn("option --%s takes no value", o->name);
	} else if (nhits > 1) {
		hf_warn("option --%s is ambiguous: --%s, --%s%s",
		        hf_shown(shown, sizeof shown, name, n), hits[0], hits[1],
		        nhits > 2 ? ", ..." : "");
	} else {
		size_t k = 0;

		for (const struct option *p = tool->longopts; p->name; p++)
			if (k < OPT_NAMES_MAX)
				hits[k++] = p->name;
		snprintf(word, sizeof word, "%.*s", (int)n, name);
		nnear = near_pick(word, hits, k, near, 3);
		/* what was typed, control bytes shown as \xNN */
		hf_shown(shown, sizeof shown, name, n);
		if (nnear == 0)
			hf_warn("unknown option --%s", shown);
		else
			hf_warn("unknown option --%s; did you mean --%s%s%s%s%s?",
			        shown, near[0], nnear > 1 ? " or --" : "",
			        nnear > 1 ? near[1] : "", nnear > 2 ? " or --" : "",
			        nnear > 2 ? near[2] : "");
	}
}

/* Did getopt just refuse the long option arg (rather than a letter)? */
static int
refused_long(const char *arg, int letter)
{
	const char *name;
	size_t n;

	if (!arg || arg[0] != '-' || arg[1] != '-' || !arg[2])
		return 0;
	if (letter == 0)
		return 1;
	name = arg + 2;
	n = strcspn(name, "=");
	for (const struct option *o = tool->longopts; o->name; o++)
		if (o->val == letter && strncmp(o->name, name, n) == 0)
			return 1;
	return 0;
}

int
opt_next(int argc, char **argv)
{
	const char *letters = tool->shortopts;
	char shortopts[128];
	int c, stop = *letters == '+';

	if (optind <= 1 && argc == 2 && strcmp(argv[1], OPT_TABLE) == 0) {
		optind = 2;
		if (answers_self)
			return OPT_TABLE_SEEN;
		opt_print_table(stdout);
		exit_flushed();
	}
	/* ':' first (after '+'): a missing value is told apart from an
	 * unknown option */
	snprintf(shortopts, sizeof shortopts, "%s:%s", stop ? "+" : "",
	         letters + stop);
	opterr = 0;
	c = getopt_long(argc, argv, shortopts, tool->longopts, NULL);
	if ((c == 'h' || c == OPT_VERSION) && answers_self)
		return c;
	if (c == 'h')
		opt_usage(HF_OK);
	if (c == OPT_VERSION) {
		printf("%s %s\n", tool->name, HF_VERSION);
		exit_flushed();
	}
	if (c == '?' || c == ':') {
		const char *arg = optind > 0 && optind <= argc ? argv[optind - 1]
		                                               : NULL;

		char letter = (char)optopt, shown[8];

		if (refused_long(arg, optopt))
			explain_long(arg, c == ':');
		else if (c == ':')
			hf_warn("option -%c needs a value", optopt);
		else
			hf_warn("unknown option -%s",
			        hf_shown(shown, sizeof shown, &letter, 1));
		opt_usage(HF_USAGE);
	}
	return c;
}

void
opt_operands(int argc, char **argv, int min, int max)
{
	int n = argc - optind;
	char shown[256];

	if (max >= 0 && n > max)
		hf_warn("unexpected argument %s", hf_shown(shown, sizeof shown,
		        argv[optind + max], strlen(argv[optind + max])));
	else if (n < min)
		hf_warn("missing argument");
	else
		return;
	opt_usage(HF_USAGE);
}

int
opt_check_count(const char *flag, const char *v, int64_t min, int64_t max,
                int64_t *out, char *err, size_t errlen)
{
	int64_t n = num_parse_count(v);

	if (n >= min && n <= max) {
		*out = n;
		return 0;
	}
	if (max == INT64_MAX && min <= 0)
		snprintf(err, errlen, "%s takes a whole number", flag);
	else if (max == INT64_MAX)
		snprintf(err, errlen, "%s takes a whole number of at least %lld",
		         flag, (long long)min);
	else
		snprintf(err, errlen, "%s takes a whole number from %lld to %lld",
		         flag, (long long)min, (long long)max);
	return -1;
}

int64_t
opt_count(const char *flag, const char *v, int64_t min, int64_t max)
{
	char err[OPT_ERR_MAX];
	int64_t n;

	if (opt_check_count(flag, v, min, max, &n, err, sizeof err) < 0)
		opt_fail("%s", err);
	return n;
}

int
opt_check_number(const char *flag, const char *v, double min, double max,
                 const char *what, double *out, char *err, size_t errlen)
{
	char *end;
	double x = strtod(v, &end);

	if (end == v || *end || !isfinite(x) || !(x >= min && x <= max)) {
		snprintf(err, errlen, "%s takes %s", flag, what);
		return -1;
	}
	*out = x;
	return 0;
}

double
opt_number(const char *flag, const char *v, double min, double max,
           const char *what)
{
	char err[OPT_ERR_MAX];
	double x;

	if (opt_check_number(flag, v, min, max, what, &x, err, sizeof err) < 0)
		opt_fail("%s", err);
	return x;
}

int
opt_word(const char *flag, const char *v, const char *const *words)
{
	char list[512];
	size_t len = 0;
	int n = 0;

	for (; words[n]; n++)
		if (strcmp(v, words[n]) == 0)
			return n;
	list[0] = '\0';
	for (int i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		                        i == 0 ? "" : i == n - 1 ? " or " : ", ",
		                        words[i]);
	opt_fail("%s takes %s", flag, list);
}

void
opt_hint_word(const char *flag, const char *v, const char *const *words,
              const char *what)
{
	const char *near[1];
	char shown[128];
	size_t n = 0;

	for (; words[n]; n++)
		if (strcmp(v, words[n]) == 0)
			return;
	if (near_pick(v, words, n, near, 1))
		hf_warn("%s %s is not %s; did you mean %s?", flag,
		        hf_shown(shown, sizeof shown, v, strlen(v)), what, near[0]);
}

void
opt_arch(const char *flag, const char *name, const adapters *a, int hint)
{
	const char *near[2];
	char shown[128];
	size_t k;

	if (adapters_find(a, name, strlen(name)) ||
	    (k = adapters_near(a, name, near, 2)) == 0)
		return;
	hf_shown(shown, sizeof shown, name, strlen(name));
	if (strcasecmp(near[0], name) == 0)
		opt_fail("%s %s: did you mean %s? (architectures are matched "
		         "exactly)", flag, shown, near[0]);
	if (hint)
		hf_warn("%s %s is not in the adapter table; did you mean "
		        "%s%s%s?", flag, shown, near[0], k > 1 ? " or " : "",
		        k > 1 ? near[1] : "");
}
