/* hf-filter - keep or drop model records: quantized, download threshold
 * (with a canonical-org bypass), architecture, author, duplicates.  Kept
 * records pass through byte for byte. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/fstats.h"
#include "../lib/listfile.h"
#include "../lib/model.h"
#include "../lib/near.h"
#include "../lib/opt.h"
#include "../lib/record.h"
#include "../lib/strset.h"


struct opts {
	int no_quantized, quantized_by, keep_canonical, unique, invert, strict;
	int print_adapters, ids;
	int quiet;                  /* no hints about --arch */
	int supported, unsupported; /* keep only these */
	int canonical;              /* keep only canonical checkpoints */
	int64_t min_downloads;      /* -1: no threshold */
	char **arch, **author;
	int narch, nauthor;
	int64_t *arch_hits;       /* records of each --arch */
	strset archs_seen;        /* the other architectures, for hints */
	const char *stats, *adapters_file, *ids_to;
	adapters ad;
	strset seen, excluded;
	hf_out out;
	hf_out ids_out;           /* --ids-to */
	fst_counts n;
};

enum { O_NOQ = 256, O_QBY, O_MIN, O_CANON, O_ARCH, O_SUP, O_UNSUP,
       O_AUTHOR, O_UNIQUE, O_INVERT, O_STATS, O_ADAPTERS, O_STRICT,
       O_CANONICAL, O_EXCLUDE, O_PRINT, O_IDS, O_IDSTO };
static const struct option longopts[] = {
	{ "no-quantized", no_argument, NULL, O_NOQ },
	{ "quantized-by", required_argument, NULL, O_QBY },
	{ "min-downloads", required_argument, NULL, O_MIN },
	{ "keep-canonical", no_argument, NULL, O_CANON },
	{ "arch", required_argument, NULL, O_ARCH },
	{ "supported", no_argument, NULL, O_SUP },
	{ "unsupported", no_argument, NULL, O_UNSUP },
	{ "author", required_argument, NULL, O_AUTHOR },
	{ "canonical", no_argument, NULL, O_CANONICAL },
	{ "exclude-ids", required_argument, NULL, O_EXCLUDE },
	{ "unique", no_argument, NULL, O_UNIQUE },
	{ "invert", no_argument, NULL, O_INVERT },
	{ "stats", required_argument, NULL, O_STATS },
	{ "adapters", required_argument, NULL, O_ADAPTERS },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "print-adapters", no_argument, NULL, O_PRINT },
	{ "ids", no_argument, NULL, O_IDS },
	{ "ids-to", required_argument, NULL, O_IDSTO },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const char *const ways[] = { "name", "meta", "any", NULL };

static const opt_doc doc[] = {
	{ "no-quantized", NULL, "drop quantized models (by name and metadata)",
	  NULL },
	{ "quantized-by", "name|meta|any", "which tests --no-quantized uses "
	  "(default any)", ways },
	{ "min-downloads", "N", "drop models with fewer than N downloads "
	  "(default: no threshold)", NULL },
	{ "keep-canonical", NULL, "with --min-downloads, keep the canonical "
	  "organisations' models below it", NULL },
	{ "arch", "ARCH", "keep only architecture ARCH, exactly; repeatable",
	  NULL },
	{ "supported", NULL, "keep only architectures of the adapter table",
	  NULL },
	{ "unsupported", NULL, "keep only architectures not in the adapter "
	  "table", NULL },
	{ "author", "ORG", "keep only models by ORG; repeatable", NULL },
	{ "canonical", NULL, "keep only models of a canonical organisation of "
	  "their architecture", NULL },
	{ "exclude-ids", "FILE", "drop the models whose ids FILE lists", NULL },
	{ "unique", NULL, "keep only the first record of each id", NULL },
	{ "invert", NULL, "write the records that would be dropped instead",
	  NULL },
	{ "stats", "FILE", "after the run, write the counts per reason to FILE "
	  "('-': standard error)", NULL },
	{ "adapters", "FILE", "read the adapter table from FILE (default: "
	  "HF_ADAPTERS, else the built-in one)", NULL },
	{ "strict", NULL, "stop at the first bad line, status 1 (default: "
	  "report it and go on)", NULL },
	{ "print-adapters", NULL, "print the adapter table in use and exit",
	  NULL },
	{ "ids", NULL, "write the id of each record kept, one a line, instead "
	  "of the record", NULL },
	{ "ids-to", "FILE", "also write the id of each record kept to FILE, one "
	  "a line", NULL },
	{ "quiet", NULL, "no hints about --arch names (for a script that "
	  "checked them); mistakes are still reported", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-filter",
	"usage: hf-filter [--no-quantized] [--quantized-by name|meta|any]\n"
	"                 [--min-downloads N [--keep-canonical]] [--arch ARCH]...\n"
	"                 [--supported | --unsupported] [--author ORG]...\n"
	"                 [--canonical] [--exclude-ids FILE] [--unique] [--invert]\n"
	"                 [--stats FILE] [--adapters FILE] [--ids] [--ids-to FILE]\n"
	"                 [--strict] [-q] [FILE ...]\n"
	"       hf-filter --print-adapters [--adapters FILE]\n",
	"Keep the model records of the FILEs (default: standard input) that "
	"pass every test given, byte for byte.",
	"hq",
	longopts,
	doc,
	"hf-list --task text-generation | hf-filter --no-quantized "
	"--min-downloads 500 --unsupported\n"
	"hf-list --author meta-llama | hf-filter --arch LlamaForCausalLM "
	"--min-downloads 500 --keep-canonical\n"
};

/* 1 + the index of s[0..len) in list, or 0. */
static int
in_list(char *const *list, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return i + 1;
	return 0;
}

/* The architecture's raw bytes, or NULL when the record has none. */
static const char *
record_arch(const json_doc *d, size_t *n, model_issues *iss)
{
	int a = model_record_arch(d, iss);

	return a >= 0 ? json_raw(d, a, n) : NULL;
}

/* FST_COUNT when every test passes, else the first reason to drop. */
static int
judge(struct opts *o, const json_doc *d, model_issues *iss)
{
	size_t idn = 0, an = 0, aun = 0;
	const char *id = model_id(d, &idn);
	const char *arch = record_arch(d, &an, iss);
	const char *author = model_author(d, &aun);
	const adapter *sup = arch ? adapters_find(&o->ad, arch, an) : NULL;
	int64_t dl;
	int k = 0;

	if (o->unique && id && !strset_add(&o->seen, id, idn))
		return FST_DUPLICATE;
	if (id && strset_has(&o->excluded, id, idn))
		return FST_EXCLUDED;
	if (o->no_quantized && model_quantized(d, o->quantized_by))
		return FST_QUANTIZED;
	if (o->min_downloads >= 0 &&
	    (model_int(d, "downloads", &dl, iss) < 0 || dl < o->min_downloads) &&
	    !(o->keep_canonical && author && adapter_has_org(sup, author, aun)))
		return FST_DOWNLOADS;
	if (o->narch && !(arch && (k = in_list(o->arch, o->narch, arch, an)))) {
		if (arch)
			strset_add(&o->archs_seen, arch, an);
		return FST_ARCH;
	}
	if (o->narch)
		o->arch_hits[k - 1]++;
	if (o->supported && !sup)
		return FST_SUPPORTED;
	if (o->unsupported && (sup || !arch))
		return FST_UNSUPPORTED;
	if (o->canonical && !(author && adapter_has_org(sup, author, aun)))
		return FST_CANONICAL;
	if (o->nauthor && !(author && in_list(o->author, o->nauthor, author, aun)))
		return FST_AUTHOR;
	return FST_COUNT;
}

static int
filter_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	struct opts *o = ctx;
	model_issues iss = { { 0 }, 0 };
	int why = judge(o, d, &iss);

	for (int i = 0; i < iss.n; i++)
		rec_warn(r, iss.msg[i]);
	o->n.read++;
	if ((why == FST_COUNT) != o->invert) {
		size_t n = 0;
		const char *id = o->ids || o->ids_to ? model_id(d, &n) : NULL;

		if (!o->ids)
			out_write(&o->out, d->js, d->len);
		else if (id)
			out_write(&o->out, id, n);
		if (!o->ids || id)
			out_putc(&o->out, '\n');
		if (o->ids_to && id) {
			out_write(&o->ids_out, id, n);
			out_putc(&o->ids_out, '\n');
		}
		o->n.kept++;
	} else if (why < FST_COUNT) {
		o->n.dropped[why]++;
	}
	return iss.n > 0;
}

/* The table in its own file format, sorted by architecture. */
static void
print_adapters(const adapters *a, hf_out *w)
{
	for (size_t i = 0; i < a->n; i++) {
		out_puts(w, a->v[i].arch);
		out_putc(w, '\t');
		for (size_t k = 0; k < a->v[i].norgs; k++) {
			if (k)
				out_putc(w, ',');
			out_puts(w, a->v[i].orgs[k]);
		}
		out_putc(w, '\n');
	}
}

/* --ids-to FILE: made empty before the first record, closed after the
 * last, so it holds exactly the ids of the records kept. */
static void
open_ids_to(struct opts *o)
{
	int fd;

	if (!o->ids_to)
		return;
	if ((fd = open(o->ids_to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	               0666)) < 0)
		hf_die(HF_STATE, "cannot write %s:", o->ids_to);
	out_init(&o->ids_out, fd, o->ids_to);
}

static void
close_ids_to(struct opts *o)
{
	if (!o->ids_to)
		return;
	out_free(&o->ids_out);
	if (close(o->ids_out.fd) < 0)
		hf_die(HF_STATE, "cannot write %s:", o->ids_to);
}

static void
write_stats(struct opts *o)
{
	hf_out w;
	int fd = strcmp(o->stats, "-") == 0 ? 2 : -1;
	FILE *fp = NULL;

	if (fd < 0) {
		if (!(fp = fopen(o->stats, "w")))
			hf_die(HF_STATE, "cannot write %s:", o->stats);
		fd = fileno(fp);
	}
	out_init(&w, fd, o->stats);
	o->n.inverted = o->invert;
	fst_write(&w, &o->n);
	out_free(&w);
	if (fp && fclose(fp) != 0)
		hf_die(HF_STATE, "cannot write %s:", o->stats);
}

/* Each --arch against the adapter table (opt_arch): a name in another
 * case is a usage error even with -q; a near name's hint is not. */
static void
check_archs(const struct opts *o)
{
	for (int i = 0; i < o->narch; i++)
		opt_arch("--arch", o->arch[i], &o->ad, !o->quiet);
}

/* A hint for an --arch that matched no record, from those that came. */
static void
hint_unmatched_archs(const struct opts *o)
{
	const char **seen = hf_calloc(o->archs_seen.n + 1, sizeof *seen), *near[1];
	char shown[128], near_shown[128];
	size_t n = 0, at = 0;

	while ((seen[n] = strset_next(&o->archs_seen, &at)))
		n++;
	for (int i = 0; i < o->narch; i++) {
		if (o->arch_hits[i] != 0)
			continue;
		hf_shown(shown, sizeof shown, o->arch[i], strlen(o->arch[i]));
		/* the records' names came from strangers too */
		if (near_pick(o->arch[i], seen, n, near, 1))
			hf_warn("no record has architecture %s; did you mean %s?",
			        shown, hf_shown(near_shown, sizeof near_shown,
			                        near[0], strlen(near[0])));
		else
			hf_warn("no record has architecture %s", shown);
	}
	free(seen);
}

static void
parse_options(struct opts *o, int argc, char **argv)
{
	static const int way_of[] = { QUANT_BY_NAME, QUANT_BY_META,
	                              QUANT_BY_ANY };
	char err[512];
	int c;

	o->arch = hf_calloc((size_t)argc, sizeof *o->arch);
	o->arch_hits = hf_calloc((size_t)argc, sizeof *o->arch_hits);
	o->author = hf_calloc((size_t)argc, sizeof *o->author);
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_NOQ: o->no_quantized = 1; break;
		case O_QBY:
			o->quantized_by = way_of[opt_word("--quantized-by", optarg,
			                                  ways)];
			break;
		case O_MIN:
			o->min_downloads = opt_count("--min-downloads", optarg, 0,
			                             INT64_MAX);
			break;
		case O_CANON: o->keep_canonical = 1; break;
		case O_ARCH: o->arch[o->narch++] = optarg; break;
		case O_SUP: o->supported = 1; break;
		case O_UNSUP: o->unsupported = 1; break;
		case O_AUTHOR: o->author[o->nauthor++] = optarg; break;
		case O_CANONICAL: o->canonical = 1; break;
		case O_EXCLUDE:
			if (lf_read_set(&o->excluded, optarg, "id list", err,
			                sizeof err) < 0)
				opt_fail("%s", err);
			break;
		case O_UNIQUE: o->unique = 1; break;
		case O_INVERT: o->invert = 1; break;
		case O_STATS: o->stats = optarg; break;
		case O_ADAPTERS: o->adapters_file = optarg; break;
		case O_STRICT: o->strict = 1; break;
		case O_PRINT: o->print_adapters = 1; break;
		case O_IDS: o->ids = 1; break;
		case O_IDSTO: o->ids_to = optarg; break;
		case 'q': o->quiet = 1; break;
		}
	}
	if (o->supported && o->unsupported)
		opt_fail("--supported and --unsupported exclude each other");
	if (o->keep_canonical && o->min_downloads < 0)
		opt_fail("--keep-canonical goes with --min-downloads");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char err[256];
	int st;

	strset_init(&o.seen);
	strset_init(&o.excluded);
	strset_init(&o.archs_seen);
	opt_init(&tool, argv[0]);
	hf_init_signals();
	o.quantized_by = QUANT_BY_ANY;
	o.min_downloads = -1;
	parse_options(&o, argc, argv);
	if (adapters_load(&o.ad, o.adapters_file, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	check_archs(&o);
	out_init(&o.out, 1, NULL);
	if (o.print_adapters) {
		print_adapters(&o.ad, &o.out);
		st = HF_OK;
	} else {
		open_ids_to(&o);
		st = rec_each(argv + optind, argc - optind, o.strict, &o.out,
		              filter_record, &o);
		close_ids_to(&o);
	}
	out_free(&o.out);
	if (!o.print_adapters && !o.quiet)
		hint_unmatched_archs(&o);
	if (o.stats && !o.print_adapters)
		write_stats(&o);
	strset_free(&o.seen);
	strset_free(&o.excluded);
	strset_free(&o.archs_seen);
	adapters_free(&o.ad);
	free(o.arch_hits);
	free(o.arch);
	free(o.author);
	return st;
}
