/* Unit tests of lib/opt.c: the one option path of every tool.  Whatever
 * exits runs in a forked child (child.h); the tests check its status and
 * the exact text on standard output and standard error. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "../../lib/opt.h"
#include "child.h"
#include "tap.h"

#define SYNOPSIS "usage: hf-test [--spec] [--limit N] [FILE ...]\n"
/* What -h prints after the synopsis: the tool's sentence, the options
 * in table order with a letter where they have one, help wrapped under
 * its column, a head too wide for the column on a line of its own, and
 * the examples. */
#define HELP \
	"\n" \
	"Test the options.\n" \
	"\n" \
	"options:\n" \
	"  -s, --spec                say more\n" \
	"      --strict              stop at the first bad line, status 1 " \
	"(default:\n" \
	"                            report it and go on)\n" \
	"  -n, --limit N             at most N\n" \
	"      --min-downloads N     at least N downloads\n" \
	"      --min-likes N         at least N likes\n" \
	"      --quantized-by name|meta|any\n" \
	"                            how\n" \
	"  -h, --help                print this help and exit\n" \
	"      --version             print the version and exit\n" \
	"\n" \
	"examples:\n" \
	"  hf-test --spec a\n" \
	"  hf-test -n 3 b\n"

enum { O_STRICT = 256, O_MIN_DL, O_MIN_LIKES, O_QUANT };

static const struct option longopts[] = {
	{ "spec", no_argument, NULL, 's' },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "limit", required_argument, NULL, 'n' },
	{ "min-downloads", required_argument, NULL, O_MIN_DL },
	{ "min-likes", required_argument, NULL, O_MIN_LIKES },
	{ "quantized-by", required_argument, NULL, O_QUANT },
	OPT_HELP_VERSION,
	{ 0, 0, 0, 0 }
};

static const char *const ways[] = { "name", "meta", "any", NULL };

static const opt_doc doc[] = {
	{ "spec", NULL, "say more", NULL },
	{ "strict", NULL, "stop at the first bad line, status 1 (default: "
	  "report it and go on)", NULL },
	{ "limit", "N", "at most N", NULL },
	{ "min-downloads", "N", "at least N downloads", NULL },
	{ "min-likes", "N", "at least N likes", NULL },
	{ "quantized-by", "name|meta|any", "how", ways },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = { "hf-test", SYNOPSIS, "Test the options.",
                               "hsn:", longopts, doc,
                               "hf-test --spec a\nhf-test -n 3 b\n" };

/* What the hidden OPT_TABLE prints for it. */
#define TABLE \
	"--spec\t-s\t-\t-\tsay more\n" \
	"--strict\t-\t-\t-\tstop at the first bad line, status 1 (default: " \
	"report it and go on)\n" \
	"--limit\t-n\tN\t-\tat most N\n" \
	"--min-downloads\t-\tN\t-\tat least N downloads\n" \
	"--min-likes\t-\tN\t-\tat least N likes\n" \
	"--quantized-by\t-\tname|meta|any\tname meta any\thow\n" \
	"--help\t-h\t-\t-\tprint this help and exit\n" \
	"--version\t-\t-\t-\tprint the version and exit\n"


/* A command line, as the child parses it: words[0] is the program. */
typedef struct {
	const char *words[12];
} cmdline;

/* argv from cl, in writable copies (getopt permutes argv); argc. */
static int
argv_of(const cmdline *cl, char **argv)
{
	static char store[12][64];
	int argc = 0;

	for (; argc < 12 && cl->words[argc]; argc++)
		argv[argc] = strcpy(store[argc], cl->words[argc]);
	argv[argc] = NULL;
	return argc;
}

/* What a tool's option loop sees, on standard output: each option (a
 * letter, or the number of a long-only one) and its value, then the
 * operands. */
static void
parse(void *arg)
{
	char *argv[13];
	int argc = argv_of(arg, argv), c;

	while ((c = opt_next(argc, argv)) != -1)
		if (c < 256)
			printf("-%c %s\n", c, optarg ? optarg : "");
		else
			printf("%d %s\n", c, optarg ? optarg : "");
	for (int i = optind; i < argc; i++)
		printf("operand %s\n", argv[i]);
}

/* Parse the words (after "hf-test") in a child; c gets what it did. */
#define RUN(c, ...) \
	run_line(c, NULL, (cmdline){ { "hf-test", __VA_ARGS__, NULL } })

static void
run_line(child *c, const char *out_path, cmdline cl)
{
	child_run_io(c, parse, &cl, out_path, NULL);
}

/* A refused command line: status 2, nothing on standard output, the one
 * line msg and the synopsis on standard error. */
static void
refused(child *c, const char *msg, const char *name)
{
	char want[1024];

	snprintf(want, sizeof want, "hf-test: %s\n%s", msg, SYNOPSIS);
	child_ok(c, c->status == 2 && !*c->out && strcmp(c->err, want) == 0,
	         "%s: status 2, \"%s\" and the synopsis", name, msg);
}

static void
help_and_version(void)
{
	child c;

	RUN(&c, "-h");
	child_ok(&c, c.status == 0 && strcmp(c.out, SYNOPSIS HELP) == 0 && !*c.err,
	         "-h: synopsis and help on stdout, status 0");
	RUN(&c, "--help");
	child_ok(&c, c.status == 0 && strcmp(c.out, SYNOPSIS HELP) == 0 && !*c.err,
	         "--help: the same");
	RUN(&c, "--he");
	child_ok(&c, c.status == 0 && strcmp(c.out, SYNOPSIS HELP) == 0,
	         "--he, a unique prefix, is --help");
	RUN(&c, "--spec", "-h", "--bogus");
	child_ok(&c, c.status == 0 && strcmp(c.out, "-s \n" SYNOPSIS HELP) == 0,
	         "-h after another option answers before a later mistake");
	RUN(&c, "--version");
	child_ok(&c, c.status == 0 && !*c.err &&
	         strcmp(c.out, "hf-test " HF_VERSION "\n") == 0,
	         "--version prints NAME VERSION");
	RUN(&c, OPT_TABLE);
	child_ok(&c, c.status == 0 && strcmp(c.out, TABLE) == 0 && !*c.err,
	         OPT_TABLE " prints the table, status 0");
	RUN(&c, "--option-tab");
	refused(&c, "unknown option --option-tab", "no prefix of " OPT_TABLE);
	RUN(&c, "--strict", OPT_TABLE);
	child_ok(&c, c.status == 2 && strcmp(c.out, "256 \n") == 0 &&
	         strncmp(c.err, "hf-test: unknown option " OPT_TABLE "\n", 39) == 0,
	         OPT_TABLE " only alone");
	run_line(&c, "/dev/full", (cmdline){ { "hf-test", "-h", NULL } });
	child_ok(&c, c.status == 4 &&
	         strcmp(c.err, "hf-test: cannot write standard output: No space "
	                       "left on device\n") == 0,
	         "-h > /dev/full: status 4 and one line");
	run_line(&c, "/dev/full", (cmdline){ { "hf-test", "--version", NULL } });
	child_ok(&c, c.status == 4 && *c.err &&
	         strchr(c.err, '\n') == c.err + strlen(c.err) - 1,
	         "--version > /dev/full: status 4 and one line");
}

static void
mistakes(void)
{
	child c;

	RUN(&c, "--sepc");
	refused(&c, "unknown option --sepc; did you mean --spec?", "a swap");
	RUN(&c, "--limt=5");
	refused(&c, "unknown option --limt; did you mean --limit?",
	        "a dropped letter, with a value");
	RUN(&c, "--Strict");
	refused(&c, "unknown option --Strict; did you mean --strict?",
	        "another case");
	RUN(&c, "--min-download", "3");
	child_ok(&c, c.status == CHILD_RETURNED && strstr(c.out, "257 3\n"),
	         "--min-download is a unique prefix of --min-downloads");
	RUN(&c, "--min-downlaods", "3");
	refused(&c, "unknown option --min-downlaods; did you mean "
	        "--min-downloads?", "a long option's swap");
	RUN(&c, "--zzzz");
	refused(&c, "unknown option --zzzz", "nothing near: no suggestion");
	RUN(&c, "-x");
	refused(&c, "unknown option -x", "an unknown letter");
	RUN(&c, "-xs");
	refused(&c, "unknown option -x", "an unknown letter in a cluster");
	/* what was typed is shown, its control bytes and invalid UTF-8 as
	 * \xNN: not sent to the terminal as they are */
	RUN(&c, "--sp\x1b[2Jec\xff");
	refused(&c, "unknown option --sp\\x1b[2Jec\\xff",
	        "an unknown option with an escape sequence");
	RUN(&c, "-\x07");
	refused(&c, "unknown option -\\x07", "an unknown control letter");
	RUN(&c, "-\xc3\xa9");
	refused(&c, "unknown option -\\xc3", "half a UTF-8 letter");
	RUN(&c, "--min\x1b=3");
	refused(&c, "unknown option --min\\x1b", "a prefix with a control byte");
	RUN(&c, "--min", "3");
	refused(&c, "option --min is ambiguous: --min-downloads, --min-likes",
	        "an ambiguous prefix names the candidates");
	RUN(&c, "--min=3");
	refused(&c, "option --min is ambiguous: --min-downloads, --min-likes",
	        "an ambiguous prefix with a value");
	RUN(&c, "--limit");
	refused(&c, "option --limit needs a value", "a missing value");
	RUN(&c, "--lim");
	refused(&c, "option --limit needs a value",
	        "a missing value after a prefix names the option");
	RUN(&c, "-n");
	refused(&c, "option -n needs a value", "a letter's missing value");
	RUN(&c, "--spec=yes");
	refused(&c, "option --spec takes no value", "a value to a flag");
	RUN(&c, "--spe=yes");
	refused(&c, "option --spec takes no value",
	        "a value to a flag named by a prefix");
	RUN(&c, "--strict=1");
	refused(&c, "option --strict takes no value",
	        "a value to a flag without a letter");
}

static void
accepted(void)
{
	child c;

	RUN(&c, "-s", "--limit", "5", "--lim=6", "-n7", "a", "--", "--bogus");
	child_ok(&c, c.status == CHILD_RETURNED && !*c.err &&
	         strcmp(c.out, "-s \n-n 5\n-n 6\n-n 7\noperand a\n"
	                       "operand --bogus\n") == 0,
	         "options, values three ways, operands, and -- ends them");
	RUN(&c, "--strict", "-");
	child_ok(&c, c.status == CHILD_RETURNED &&
	         strcmp(c.out, "256 \noperand -\n") == 0,
	         "a long-only option and - as an operand");
}

/* One check of a value in a child; prints what the check returned. */
typedef struct {
	int kind; /* 'c' opt_count, 'n' opt_number, 'w' opt_word */
	const char *flag, *v;
	double min, max;
	int64_t imin, imax;
	const char *what;
} value;

/* opt_arch against the table compiled in, with a hint when imax. */
static void
arch_checked(const value *v)
{
	adapters a;
	char err[512];

	if (adapters_load(&a, NULL, err, sizeof err) < 0)
		exit(9);
	opt_arch(v->flag, v->v, &a, v->imax != 0);
	adapters_free(&a);
}

static void
check_value(void *arg)
{
	static const char *const two[] = { "30d", "all", NULL };
	static const char *const three[] = { "name", "meta", "any", NULL };
	static const char *const one[] = { "downloads", NULL };
	value *v = arg;

	if (v->kind == 'c')
		printf("%lld\n",
		       (long long)opt_count(v->flag, v->v, v->imin, v->imax));
	else if (v->kind == 'n')
		printf("%g\n", opt_number(v->flag, v->v, v->min, v->max, v->what));
	else if (v->kind == 'w')
		printf("%d\n", opt_word(v->flag, v->v,
		                        v->imax == 1 ? one : v->imax == 2 ? two : three));
	else if (v->kind == 'h')
		opt_hint_word(v->flag, v->v, three, "a way");
	else
		arch_checked(v);
}

/* The check of v gives out (status CHILD_RETURNED) or, when msg is not
 * NULL, refuses it with msg and status 2, without the synopsis. */
static void
value_is(value v, const char *out, const char *msg)
{
	child c;
	char want[512];

	child_run(&c, check_value, &v);
	if (msg) {
		snprintf(want, sizeof want, "hf-test: %s\n", msg);
		child_ok(&c, c.status == 2 && !*c.out && strcmp(c.err, want) == 0,
		         "%s '%s' refused: %s", v.flag, v.v, msg);
	} else {
		child_ok(&c, c.status == CHILD_RETURNED && !*c.err &&
		         strcmp(c.out, out) == 0, "%s '%s' is taken", v.flag, v.v);
	}
}

#define COUNT(f, s, lo, hi) \
	((value){ .kind = 'c', .flag = f, .v = s, .imin = lo, .imax = hi })
#define NUMBER(f, s, lo, hi, w) \
	((value){ .kind = 'n', .flag = f, .v = s, .min = lo, .max = hi, .what = w })
#define WORD(f, s, nwords) ((value){ .kind = 'w', .flag = f, .v = s, .imax = nwords })
#define PROB "a probability from 0 to 1"

/* The check of v returns, with hint (or nothing) on standard error. */
static void
hint_is(value v, const char *hint)
{
	child c;
	char want[512] = "";

	if (hint)
		snprintf(want, sizeof want, "hf-test: %s\n", hint);
	child_run(&c, check_value, &v);
	child_ok(&c, c.status == CHILD_RETURNED && strcmp(c.err, want) == 0,
	         "%s '%s': %s", v.flag, v.v, hint ? hint : "no hint");
}

#define ARCH(s, hint) ((value){ .kind = 'a', .flag = "--arch", .v = s, .imax = hint })
#define HINT(s) ((value){ .kind = 'h', .flag = "--way", .v = s })

/* opt_arch and opt_hint_word: a wrong case refused, near misses hinted. */
static void
names(void)
{
	value_is(ARCH("LLamaForCausalLM", 1), NULL, "--arch LLamaForCausalLM: "
	         "did you mean LlamaForCausalLM? (architectures are matched "
	         "exactly)");
	value_is(ARCH("llamaforcausallm", 0), NULL, "--arch llamaforcausallm: "
	         "did you mean LlamaForCausalLM? (architectures are matched "
	         "exactly)");
	hint_is(ARCH("LlamaForCasualLM", 1), "--arch LlamaForCasualLM is not in "
	        "the adapter table; did you mean LlamaForCausalLM?");
	hint_is(ARCH("LlamaForCasualLM", 0), NULL);
	hint_is(ARCH("LlamaForCausalLM", 1), NULL);
	hint_is(ARCH("MambaForCausalLM", 1), NULL);
	hint_is(ARCH("LlamaForCasualLM\x1b", 1), "--arch LlamaForCasualLM\\x1b is "
	        "not in the adapter table; did you mean LlamaForCausalLM?");
	hint_is(HINT("meta"), NULL);
	hint_is(HINT("mata"), "--way mata is not a way; did you mean meta?");
	hint_is(HINT("something-else"), NULL);
}

static void
values(void)
{
	const char *any = "--limit takes a whole number";
	const char *least = "--page-size takes a whole number of at least 1";
	const char *port = "--port takes a whole number from 0 to 65535";
	const char *prob = "--fail-rate takes " PROB;

	value_is(COUNT("--limit", "0", 0, INT64_MAX), "0\n", NULL);
	value_is(COUNT("--limit", "007", 0, INT64_MAX), "7\n", NULL);
	value_is(COUNT("--limit", "9223372036854775807", 0, INT64_MAX),
	         "9223372036854775807\n", NULL);
	value_is(COUNT("--limit", "9223372036854775808", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--limit", "-1", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--limit", "", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--limit", "5x", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--limit", " 5", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--limit", "+5", 0, INT64_MAX), NULL, any);
	value_is(COUNT("--page-size", "0", 1, INT64_MAX), NULL, least);
	value_is(COUNT("--page-size", "1", 1, INT64_MAX), "1\n", NULL);
	value_is(COUNT("--port", "0", 0, 65535), "0\n", NULL);
	value_is(COUNT("--port", "65535", 0, 65535), "65535\n", NULL);
	value_is(COUNT("--port", "65536", 0, 65535), NULL, port);
	value_is(NUMBER("--fail-rate", "0.25", 0, 1, PROB), "0.25\n", NULL);
	value_is(NUMBER("--fail-rate", "0", 0, 1, PROB), "0\n", NULL);
	value_is(NUMBER("--fail-rate", "1", 0, 1, PROB), "1\n", NULL);
	value_is(NUMBER("--fail-rate", "1e-3", 0, 1, PROB), "0.001\n", NULL);
	value_is(NUMBER("--fail-rate", "1.5", 0, 1, PROB), NULL, prob);
	value_is(NUMBER("--fail-rate", "-0.1", 0, 1, PROB), NULL, prob);
	value_is(NUMBER("--fail-rate", "nan", 0, 1, PROB), NULL, prob);
	value_is(NUMBER("--fail-rate", "0.5x", 0, 1, PROB), NULL, prob);
	value_is(NUMBER("--fail-rate", "", 0, 1, PROB), NULL, prob);
	value_is(NUMBER("--duration", "inf", 0, HUGE_VAL, "seconds"), NULL,
	         "--duration takes seconds");
	value_is(NUMBER("--duration", "1e400", 0, HUGE_VAL, "seconds"), NULL,
	         "--duration takes seconds");
	value_is(WORD("--downloads", "all", 2), "1\n", NULL);
	value_is(WORD("--downloads", "30d", 2), "0\n", NULL);
	value_is(WORD("--downloads", "All", 2), NULL, "--downloads takes 30d or all");
	value_is(WORD("--downloads", "", 2), NULL, "--downloads takes 30d or all");
	value_is(WORD("--quantized-by", "bits", 3), NULL,
	         "--quantized-by takes name, meta or any");
	value_is(WORD("--sort", "likes", 1), NULL, "--sort takes downloads");
}

/* Operands: words[1..] after the options, checked against min..max. */
typedef struct {
	cmdline cl;
	int min, max;
} operands;

static void
check_operands(void *arg)
{
	operands *o = arg;
	char *argv[13];
	int argc = argv_of(&o->cl, argv);

	while (opt_next(argc, argv) != -1)
		;
	opt_operands(argc, argv, o->min, o->max);
	printf("%d operands\n", argc - optind);
}

static void
operands_and_failures(void)
{
	operands o = { { { "hf-test", "a", "b", NULL } }, 1, 1 };
	child c;

	child_run(&c, check_operands, &o);
	refused(&c, "unexpected argument b", "one operand too many");
	o = (operands){ { { "hf-test", "a", "b\r\x1b", NULL } }, 1, 1 };
	child_run(&c, check_operands, &o);
	refused(&c, "unexpected argument b\\x0d\\x1b",
	        "an operand too many, its control bytes shown");
	o = (operands){ { { "hf-test", "--spec", NULL } }, 1, 1 };
	child_run(&c, check_operands, &o);
	refused(&c, "missing argument", "a missing operand");
	o = (operands){ { { "hf-test", "a", "b", "c", NULL } }, 0, -1 };
	child_run(&c, check_operands, &o);
	child_ok(&c, c.status == CHILD_RETURNED &&
	         strcmp(c.out, "3 operands\n") == 0, "max -1 takes any number");
	o = (operands){ { { "hf-test", "a", "b", NULL } }, 2, 2 };
	child_run(&c, check_operands, &o);
	child_ok(&c, c.status == CHILD_RETURNED &&
	         strcmp(c.out, "2 operands\n") == 0, "as many as asked for");
}

static void
fail_two(void *arg)
{
	(void)arg;
	opt_fail("--%s and --%s exclude each other", "gated", "no-gated");
}

static void
usage_two(void *arg)
{
	(void)arg;
	opt_usage(HF_USAGE);
}

/* A tool whose doc disagrees with its table, in a child. */
static const struct option two_opts[] = {
	{ "spec", no_argument, NULL, 's' },
	{ "limit", required_argument, NULL, 'n' },
	OPT_HELP_VERSION,
	{ 0, 0, 0, 0 }
};
static const opt_doc no_limit[] = { { "spec", NULL, "x", NULL },
                                    { NULL, NULL, NULL, NULL } };
static const opt_doc limit_flag[] = { { "spec", NULL, "x", NULL },
                                      { "limit", NULL, "x", NULL },
                                      { NULL, NULL, NULL, NULL } };
static const opt_doc spec_value[] = { { "spec", "X", "x", NULL },
                                      { "limit", "N", "x", NULL },
                                      { NULL, NULL, NULL, NULL } };
static const opt_doc stray[] = { { "spec", NULL, "x", NULL },
                                 { "limit", "N", "x", NULL },
                                 { "lmit", "N", "x", NULL },
                                 { NULL, NULL, NULL, NULL } };
static const opt_doc twice[] = { { "spec", NULL, "x", NULL },
                                 { "limit", "N", "x", NULL },
                                 { "spec", NULL, "y", NULL },
                                 { NULL, NULL, NULL, NULL } };

static void
init_with(void *arg)
{
	opt_tool t = { "hf-bad", SYNOPSIS, NULL, "hsn:", two_opts, arg, NULL };

	opt_init(&t, "hf-bad");
}

/* -h of a tool without a doc. */
static void
help_without_doc(void *arg)
{
	opt_tool t = { "hf-bad", SYNOPSIS, "  --spec  as it is\n", "hsn:", two_opts,
	               NULL, NULL };
	char *argv[] = { "hf-bad", "-h", NULL };

	(void)arg;
	opt_init(&t, "hf-bad");
	opt_next(2, argv);
}

static void
bad_doc(const opt_doc *d, const char *msg)
{
	child c;
	char want[256];

	child_run(&c, init_with, (void *)d);
	snprintf(want, sizeof want, "hf-bad: internal error: %s\n", msg);
	child_ok(&c, c.status == 2 && strcmp(c.err, want) == 0,
	         "a doc that disagrees with the table: %s", msg);
}

static void
docs(void)
{
	child c;

	bad_doc(no_limit, "--limit has no help");
	bad_doc(limit_flag, "the help of --limit lacks a value");
	bad_doc(spec_value, "the help of --spec gives a value");
	bad_doc(stray, "help for --lmit, which is no option");
	bad_doc(twice, "help for --spec, twice");
	child_run(&c, init_with, NULL);
	child_ok(&c, c.status == CHILD_RETURNED && !*c.err,
	         "no doc at all is no error");
	child_run(&c, help_without_doc, NULL);
	child_ok(&c, c.status == 0 && !strcmp(c.out, SYNOPSIS "  --spec  as it is\n"),
	         "without a doc, -h prints the synopsis and the help as it is");
}

int
main(void)
{
	child c;

	opt_init(&tool, "/usr/local/bin/hf-test");
	help_and_version();
	mistakes();
	accepted();
	values();
	names();
	operands_and_failures();
	docs();
	child_run(&c, fail_two, NULL);
	child_ok(&c, c.status == 2 && !*c.out &&
	         strcmp(c.err, "hf-test: --gated and --no-gated exclude each "
	                       "other\n") == 0,
	         "opt_fail: one line, no synopsis, status 2");
	child_run(&c, usage_two, NULL);
	child_ok(&c, c.status == 2 && !*c.out && strcmp(c.err, SYNOPSIS) == 0,
	         "opt_usage(2): the synopsis alone on stderr, no help");
	return done_testing();
}
