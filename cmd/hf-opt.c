/* hf-opt - a script's command line parsed as every hf-tools program
 * parses its own (lib/opt.c), from the text of the script's -h
 * (lib/optspec.c); what comes out is shell code for eval: the options
 * normalised, or the help, or nothing but a status after a mistake. */
#include <stdlib.h>
#include <string.h>

#include "../lib/listing.h"
#include "../lib/optspec.h"

static const struct option longopts[] = {
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc doc[] = { { NULL, NULL, NULL, NULL } };

static const opt_tool tool = {
	"hf-opt",
	"usage: hf-opt SPEC [ARG ...]\n",
	"Parse a script's ARGs by SPEC, the text of its -h, and print shell "
	"code to eval: set -- with each option by its long name and its "
	"value as the next word; the help, version or option table and exit "
	"0; or, after a mistake (one line on standard error, prefixed with "
	"the script's name), nothing and status 2.",
	"+h",
	longopts,
	doc,
	"args=$(hf-opt \"$spec\" \"$@\") || exit\n"
	"eval \"$args\"\n"
};

/* printf of text, as sh code, then exit 0; a failed write (a full
 * disk) is the script's one line and status 4, as for every tool. */
static _Noreturn void
answer(hf_out *out, const char *text, const char *script)
{
	char line[256];

	snprintf(line, sizeof line, "%s: cannot write standard output", script);
	hf_setprogname(tool.name); /* the output is hf-opt's, not the script's */
	out_puts(out, "printf '%s' ");
	ospec_put_word(out, text);
	out_puts(out, " 2>/dev/null || { printf '%s\\n' ");
	ospec_put_word(out, line);
	out_puts(out, " >&2; exit 4; }\nexit 0\n");
	out_free(out);
	exit(HF_OK);
}

/* What opt.c prints for the script, as a string. */
static char *
captured(void (*put)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (!fp)
		hf_die(HF_STATE, "cannot allocate:");
	put(fp);
	fclose(fp);
	return buf;
}

/* A value checked as the spec names it: N a whole number, a|b one of
 * those words, ARCH an architecture (opt_arch: a wrong case is a
 * mistake, a near miss a hint), TASK a task (a near miss of one the Hub
 * lists gets a hint). */
static void
check_value(const opt_doc *d, const char *flag, const char *v)
{
	if (d->words == lst_tasks) {
		opt_hint_word(flag, v, lst_tasks, "a task the Hub lists");
	} else if (d->words) {
		opt_word(flag, v, d->words);
	} else if (!strcmp(d->arg, "N")) {
		opt_count(flag, v, 0, INT64_MAX);
	} else if (!strcmp(d->arg, "ARCH")) {
		adapters a;
		char err[512];

		/* the table the script's stages will use */
		if (adapters_load(&a, NULL, err, sizeof err) < 0)
			hf_die(HF_USAGE, "%s", err);
		opt_arch(flag, v, &a, 1);
		adapters_free(&a);
	}
}

/* Parse the script's words argv[0..argc) (argv[0] its name) by s into
 * "set -- WORD..." on out, written only once every word is right. */
static void
normalise(const ospec *s, int argc, char **argv, hf_out *out)
{
	hf_out set;
	int c;

	out_init_mem(&set);
	out_puts(&set, "set --");
	while ((c = opt_next(argc, argv)) != -1) {
		const struct option *o = ospec_option(s, c);
		char flag[128];

		if (c == 'h' || c == OPT_VERSION || c == OPT_TABLE_SEEN) {
			char *text, v[256];

			snprintf(v, sizeof v, "%s %s\n", s->tool.name, HF_VERSION);
			text = c == 'h' ? captured(opt_put_help)
			     : c == OPT_TABLE_SEEN ? captured(opt_print_table) : v;
			answer(out, text, s->tool.name);
		}
		snprintf(flag, sizeof flag, "--%s", o->name);
		if (o->has_arg)
			check_value(&s->doc[o - s->longopts], flag, optarg);
		out_putc(&set, ' ');
		ospec_put_word(&set, flag);
		if (o->has_arg) {
			out_putc(&set, ' ');
			ospec_put_word(&set, optarg);
		}
	}
	opt_operands(argc, argv, 0, 0);
	out_putc(&set, '\n');
	hf_setprogname(tool.name);
	out_write(out, set.buf, set.len);
	out_free(&set);
}

int
main(int argc, char **argv)
{
	char err[512];
	hf_out out;
	ospec s;
	int c, first;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	while ((c = opt_next(argc, argv)) != -1)
		;
	opt_operands(argc, argv, 1, -1);
	if (ospec_parse(&s, argv[optind], err, sizeof err) < 0)
		hf_die(HF_USAGE, "SPEC %s", err);
	/* a script's tasks complete to the Hub's, as hf-list's --task */
	for (int i = 0; i < s.n; i++)
		if (s.doc[i].arg && !strcmp(s.doc[i].arg, "TASK"))
			s.doc[i].words = lst_tasks;
	first = optind;
	opt_init_self(&s.tool, s.tool.name);
	optind = 0;
	argv[first] = (char *)s.tool.name;
	/* npm run's habit: "script -- --opt" passes --opt on */
	if (first + 1 < argc && !strcmp(argv[first + 1], "--")) {
		argv[first + 1] = argv[first];
		first++;
	}
	out_init(&out, 1, NULL);
	normalise(&s, argc - first, argv + first, &out);
	out_free(&out);
	ospec_free(&s);
	return HF_OK;
}
