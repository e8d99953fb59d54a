/* hf-score - aggregate model records per architecture and rank them by
 * TransformerLens's relevancy score: gap records, or a table. */
#include <string.h>

#include "../lib/huberr.h"
#include "../lib/model.h"
#include "../lib/opt.h"
#include "../lib/record.h"
#include "../lib/score.h"

struct opts {
	int pass, table, all_time, estimate, strict;
	gap_set gaps;
	hf_out out;
};

enum { O_TABLE = 256, O_DL, O_EST, O_STRICT };
static const struct option longopts[] = {
	{ "pass", no_argument, NULL, 'p' },
	{ "table", no_argument, NULL, O_TABLE },
	{ "downloads", required_argument, NULL, O_DL },
	{ "estimate-params", no_argument, NULL, O_EST },
	{ "strict", no_argument, NULL, O_STRICT },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const char *const periods[] = { "30d", "all", NULL };

static const opt_doc doc[] = {
	{ "pass", NULL, "also pass every input record through, ahead of the "
	  "gap records", NULL },
	{ "table", NULL, "print an aligned table instead of gap records", NULL },
	{ "downloads", "30d|all", "count the 30-day downloads (the default) or "
	  "downloadsAllTime", periods },
	{ "estimate-params", NULL, "estimate a missing parameter count from "
	  "the config's dimensions", NULL },
	{ "strict", NULL, "stop at the first bad line, status 1 (default: "
	  "report it and go on)", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-score",
	"usage: hf-score [-p | --table] [--downloads 30d|all] [--estimate-params]\n"
	"                [--strict] [FILE ...]\n",
	"Aggregate model records per architecture and rank the architectures "
	"by TransformerLens's relevancy score.",
	"ph",
	longopts,
	doc,
	"hf-list --task text-generation --min-downloads 500 | hf-filter "
	"--no-quantized --unsupported | hf-score --table | head -21\n"
	"hf-list --task text-generation | hf-filter --no-quantized | hf-score -p "
	"| hf-report -o data\n"
};

static int
score_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	struct opts *o = ctx;
	struct model_summary m;
	int bad;

	if (o->pass) {
		out_write(&o->out, d->js, d->len);
		out_putc(&o->out, '\n');
	}
	if (gap_is_record(d) || huberr_is_record(d))
		return 0; /* not a model */
	bad = model_summary(d, o->all_time ? "downloadsAllTime" : "downloads",
	                    o->estimate, r, &m);
	if (m.id)
		gap_add_model(gaps_get(&o->gaps, m.arch, strlen(m.arch)), m.id,
		              strlen(m.id), m.downloads, m.params, m.estimated);
	model_summary_free(&m);
	return bad;
}

/* The smallest model's size, '~' when estimated. */
static void
human(char *buf, size_t n, int64_t v, int estimated)
{
	char p[24];

	gap_params_text(p, sizeof p, v);
	snprintf(buf, n, "%s%s", estimated && v >= 0 ? "~" : "", p);
}

static void
write_table(struct opts *o)
{
	char size[32];
	int width = (int)strlen("architecture");

	for (size_t i = 0; i < o->gaps.n; i++)
		if ((int)strlen(o->gaps.v[i].arch) > width)
			width = (int)strlen(o->gaps.v[i].arch);
	out_printf(&o->out, "%4s  %-*s %6s %7s %16s  %s\n", "rank", width,
	           "architecture", "score", "models",
	           o->all_time ? "downloads (all)" : "downloads (30d)",
	           "smallest");
	for (size_t i = 0; i < o->gaps.n; i++) {
		const gap *g = &o->gaps.v[i];

		human(size, sizeof size, g->min_params, g->estimated);
		out_printf(&o->out, "%4zu  %-*s %6.1f %7lld %16lld  %s\n", i + 1,
		           width, g->arch, g->score, (long long)g->models,
		           (long long)g->downloads, size);
	}
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	int c, st;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case 'p': o.pass = 1; break;
		case O_TABLE: o.table = 1; break;
		case O_DL: o.all_time = opt_word("--downloads", optarg, periods); break;
		case O_EST: o.estimate = 1; break;
		case O_STRICT: o.strict = 1; break;
		}
	}
	if (o.pass && o.table)
		opt_fail("-p and --table exclude each other");
	gaps_init(&o.gaps);
	out_init(&o.out, 1, NULL);
	st = rec_each(argv + optind, argc - optind, o.strict, &o.out,
	              score_record, &o);
	gaps_score(&o.gaps);
	if (o.table)
		write_table(&o);
	else
		for (size_t i = 0; i < o.gaps.n; i++)
			gap_write_record(&o.out, &o.gaps.v[i]);
	out_free(&o.out);
	gaps_free(&o.gaps);
	return st;
}
