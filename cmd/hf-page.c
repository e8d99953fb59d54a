/* hf-page - a registry directory as one self-contained HTML page, as
 * Markdown, or the Markdown of an adapter proposal for one gap. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/opt.h"
#include "../lib/page.h"

enum { O_MARKDOWN = 256, O_SINCE, O_TITLE, O_PROPOSAL };
static const struct option longopts[] = {
	{ "markdown", no_argument, NULL, O_MARKDOWN },
	{ "since", required_argument, NULL, O_SINCE },
	{ "title", required_argument, NULL, O_TITLE },
	{ "proposal", required_argument, NULL, O_PROPOSAL },
	{ "output", required_argument, NULL, 'o' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc options_doc[] = {
	{ "markdown", NULL, "the same content as GitHub-flavoured Markdown",
	  NULL },
	{ "since", "OLD", "add what changed since the registry in OLD", NULL },
	{ "title", "TEXT", "the page's title (default: Model registry)", NULL },
	{ "proposal", "ARCH", "the Markdown of an adapter proposal for the gap "
	  "ARCH", NULL },
	{ "output", "FILE", "write FILE (atomically), not standard output",
	  NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-page",
	"usage: hf-page [--markdown] [--since OLD] [--title TEXT] [-o FILE] DIR\n"
	"       hf-page --proposal ARCH [-o FILE] DIR\n",
	"Render the registry directory DIR as one self-contained HTML page, as "
	"Markdown, or an adapter proposal for one gap.",
	"o:h",
	longopts,
	options_doc,
	"hf-page -o data/index.html data\n"
	"hf-page --proposal RwkvForCausalLM data > proposal.md\n"
};

struct opts {
	int markdown;
	const char *since, *title, *proposal, *output;
};

static void
load(regdir *r, const char *dir)
{
	char err[REGDIR_ERR_MAX];

	if (regdir_load(r, dir, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
}

/* --proposal ARCH that is not a gap of r: why, and the gaps it may mean. */
static void
no_such_gap(const regdir *r, const char *arch)
{
	const char *near[2];
	char shown[128], near0[128], near1[128];
	size_t k = regdir_gaps_near(r, arch, near, 2);

	hf_shown(shown, sizeof shown, arch, strlen(arch));
	if (regdir_arch_of(r, arch))
		opt_fail("%s: not an unsupported architecture of %s (it is "
		         "supported)", shown, r->dir);
	/* a registry's names came from the Hub, so from strangers */
	if (k)
		opt_fail("%s: not an unsupported architecture of %s; did you mean "
		         "%s%s%s?", shown, r->dir,
		         hf_shown(near0, sizeof near0, near[0], strlen(near[0])),
		         k > 1 ? " or " : "",
		         k > 1 ? hf_shown(near1, sizeof near1, near[1],
		                          strlen(near[1])) : "");
	opt_fail("%s: not an unsupported architecture of %s", shown, r->dir);
}

/* What the page is made of, into w. */
static void
render(hf_out *w, const struct opts *o, const regdir *r)
{
	regdir old;
	rdiff since;
	page_opts po = { o->title, NULL };

	if (o->proposal) {
		if (page_proposal(w, r, o->proposal) < 0)
			no_such_gap(r, o->proposal);
		return;
	}
	if (o->since) {
		load(&old, o->since);
		rdiff_compute(&since, &old, r);
		po.since = &since;
	}
	if (o->markdown)
		page_markdown(w, r, &po);
	else
		page_html(w, r, &po);
	if (o->since) {
		rdiff_free(&since);
		regdir_free(&old);
	}
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	regdir r;
	hf_out w;
	int c;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_MARKDOWN: o.markdown = 1; break;
		case O_SINCE: o.since = optarg; break;
		case O_TITLE: o.title = optarg; break;
		case O_PROPOSAL: o.proposal = optarg; break;
		case 'o': o.output = optarg; break;
		}
	}
	opt_operands(argc, argv, 1, 1);
	if (o.proposal && (o.markdown || o.since || o.title))
		opt_fail("--proposal excludes --markdown, --since and --title");
	if (o.title && !utf8_valid((const unsigned char *)o.title,
	                           strlen(o.title)))
		opt_fail("--title is not UTF-8");
	load(&r, argv[optind]);
	if (o.output)
		out_init_mem(&w);
	else
		out_init(&w, 1, NULL);
	render(&w, &o, &r);
	/* Written whole or not at all: a reader never sees half a page. */
	if (o.output && file_write_atomic(o.output, w.buf, w.len) < 0)
		hf_die(HF_STATE, "cannot write %s:", o.output);
	out_free(&w);
	regdir_free(&r);
	return HF_OK;
}
