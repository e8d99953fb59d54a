/* hf-diff - what changed between two registry directories: change
 * records (NDJSON), or a "since the last scan" section in Markdown.
 * Exit 0 when nothing changed, 1 when something did, 2 on trouble, as
 * diff(1) does; 4 when standard output cannot be written, as every
 * tool. */
#include "../lib/opt.h"
#include "../lib/regdiff.h"

enum { O_MARKDOWN = 256 };
static const struct option longopts[] = {
	{ "markdown", no_argument, NULL, O_MARKDOWN },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc options_doc[] = {
	{ "markdown", NULL, "a \"Since the last scan\" section for a pull "
	  "request, not change records", NULL },
	{ "quiet", NULL, "print nothing; the exit status says", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-diff",
	"usage: hf-diff [--markdown | -q] OLD NEW\n",
	"What changed between the registry directories OLD and NEW, as change "
	"records (NDJSON); exit status 0 nothing changed, 1 something did, 2 "
	"trouble, 4 standard output could not be written.",
	"qh",
	longopts,
	options_doc,
	"hf-diff old data | cut -d'\"' -f4 | sort | uniq -c\n"
	"hf-diff --markdown old data > since.md || test $? -eq 1\n"
};

/* Trouble is status 2 here, whatever it is elsewhere. */
#define TROUBLE HF_USAGE

static void
load(regdir *r, const char *dir)
{
	char err[REGDIR_ERR_MAX];

	if (regdir_load(r, dir, err, sizeof err) < 0)
		hf_die(TROUBLE, "%s", err);
}

int
main(int argc, char **argv)
{
	int c, markdown = 0, quiet = 0, changed;
	regdir old, new;
	rdiff d;
	hf_out w;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_MARKDOWN: markdown = 1; break;
		case 'q': quiet = 1; break;
		}
	}
	opt_operands(argc, argv, 2, 2);
	if (markdown && quiet)
		opt_fail("--markdown and -q exclude each other");
	load(&old, argv[optind]);
	load(&new, argv[optind + 1]);
	rdiff_compute(&d, &old, &new);
	changed = d.n > 0;
	out_init(&w, 1, NULL);
	if (markdown) {
		doc o;

		doc_init(&o, &w, DOC_MD);
		rdiff_write_doc(&o, &d, 2);
	} else if (!quiet) {
		rdiff_write_ndjson(&w, &d);
	}
	out_free(&w);
	rdiff_free(&d);
	regdir_free(&old);
	regdir_free(&new);
	return changed ? 1 : 0;
}
