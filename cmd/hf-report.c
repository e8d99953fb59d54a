/* hf-report - merge model and gap records into TransformerLens's registry
 * files (lib/tlreg.c), or into a calculator's models.json (lib/calc.c);
 * atomically, never over a file that does not parse. */
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/calc.h"
#include "../lib/fstats.h"
#include "../lib/listfile.h"
#include "../lib/listing.h"
#include "../lib/opt.h"
#include "../lib/record.h"
#include "../lib/summary.h"
#include "../lib/tlreg.h"

/* Room for a message that names a path. */
#define ERR_MAX 8192

struct opts {
	const char *dir, *adapters_file, *outcomes;
	const char *summary_json, *print_summary, *baseline_ids, *scan_stats;
	fst_counts stats;        /* --scan-stats; -1 counts when not given */
	int64_t since;           /* --since; -1 not given */
	int dry_run, strict, quiet, print_ids;
	tl_scan scan;            /* registry mode */
	calc_opts calc;          /* calculator mode: calc.path set */
	adapters ad;
	hf_out out;
};

enum { O_TASK = 256, O_MIN, O_SCANNED, O_DURATION, O_SINCE, O_ADAPTERS, O_DRY,
       O_STRICT, O_MJ, O_SET, O_FORCE, O_MM, O_SUMJSON, O_PRINTSUM,
       O_BASELINE, O_SCANSTATS, O_PRINTIDS, O_OUTCOMES };
static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "task", required_argument, NULL, O_TASK },
	{ "min-downloads", required_argument, NULL, O_MIN },
	{ "scanned", required_argument, NULL, O_SCANNED },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "since", required_argument, NULL, O_SINCE },
	{ "adapters", required_argument, NULL, O_ADAPTERS },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "models-json", required_argument, NULL, O_MJ },
	{ "set", required_argument, NULL, O_SET },
	{ "force", no_argument, NULL, O_FORCE },
	{ "multimodal", no_argument, NULL, O_MM },
	{ "summary-json", required_argument, NULL, O_SUMJSON },
	{ "baseline-ids", required_argument, NULL, O_BASELINE },
	{ "scan-stats", required_argument, NULL, O_SCANSTATS },
	{ "print-summary", required_argument, NULL, O_PRINTSUM },
	{ "print-ids", no_argument, NULL, O_PRINTIDS },
	{ "outcomes", required_argument, NULL, O_OUTCOMES },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc doc[] = {
	{ "output", "DIR", "the registry directory (default ./data)", NULL },
	{ "task", "TASK", "scan_info's task_filter (default text-generation)",
	  lst_tasks },
	{ "min-downloads", "N", "scan_info's min_downloads (default 500)", NULL },
	{ "scanned", "N", "scan_info's total_scanned (default: the model "
	  "records read)", NULL },
	{ "duration", "S", "scan_info's scan_duration_seconds (default 0)",
	  NULL },
	{ "since", "T", "scan_duration_seconds from T (seconds since the epoch) "
	  "to the writing", NULL },
	{ "adapters", "FILE", "the adapter table (default: HF_ADAPTERS, else "
	  "the built-in one)", NULL },
	{ "dry-run", NULL, "say what would change on standard output; write "
	  "nothing", NULL },
	{ "strict", NULL, "stop at the first bad line, status 1 (default: "
	  "report it and go on)", NULL },
	{ "models-json", "FILE", "merge into a calculator's models.json "
	  "instead", NULL },
	{ "set", "KEY=VALUE", "with --models-json, override a field of every "
	  "entry; repeatable", NULL },
	{ "force", NULL, "with --models-json, replace entries of the same id "
	  "or Hub id (default: refuse)", NULL },
	{ "multimodal", NULL, "with --models-json, import multimodal models "
	  "(default: refuse)", NULL },
	{ "summary-json", "FILE", "also write the scan's summary to FILE, as "
	  "one JSON object", NULL },
	{ "baseline-ids", "FILE", "with --summary-json, count new supported "
	  "models against the ids FILE lists", NULL },
	{ "scan-stats", "FILE", "with --summary-json, the scan's counts: the "
	  "--stats of the hf-filter that chose its models", NULL },
	{ "print-summary", "FILE", "print the scraper's report from the "
	  "summary FILE and exit", NULL },
	{ "print-ids", NULL, "check the registry and print its ids, one a "
	  "line (with --models-json: its Hub ids), and exit", NULL },
	{ "outcomes", "FILE", "with --models-json, one line per record to FILE "
	  "('-': standard output): Hub id, outcome, id, message", NULL },
	{ "quiet", NULL, "no closing line on standard error", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-report",
	"usage: hf-report [-o DIR] [--task TASK] [--min-downloads N] [--scanned N]\n"
	"                 [--duration S | --since T] [--adapters FILE] [--dry-run]\n"
	"                 [--strict] [--summary-json FILE [--baseline-ids FILE]\n"
	"                 [--scan-stats FILE]] [-q] [FILE ...]\n"
	"       hf-report -o DIR --print-ids\n"
	"       hf-report --print-summary FILE\n"
	"       hf-report --models-json FILE [--set KEY=VALUE]... [--force]\n"
	"                 [--multimodal] [--dry-run] [--outcomes FILE] [--strict]\n"
	"                 [-q] [FILE ...]\n"
	"       hf-report --models-json FILE --print-ids\n",
	"Merge the model and gap records of the FILEs (default: standard input) "
	"into TransformerLens's registry files, or into a calculator's "
	"models.json.",
	"o:qh",
	longopts,
	doc,
	"hf-list --task text-generation | hf-filter --no-quantized "
	"--min-downloads 500 | hf-report -o data\n"
	"hf-list --fetch-config --model Qwen/Qwen3-8B | hf-report --models-json "
	"models.json --dry-run\n"
};

/* --scan-stats FILE: the counts of the hf-filter that chose the scan's
 * new models (kept: new, excluded: registered). */
static void
read_scan_stats(const char *path, fst_counts *c)
{
	char err[ERR_MAX];
	size_t len;
	char *text = file_read(path, 1u << 20, &len);

	if (!text)
		hf_die(HF_USAGE, "cannot read %s:", path);
	if (fst_parse(c, text, len, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s: %s", path, err);
	free(text);
}

/* What is known only once the records are in: --scan-stats (a stage
 * before this one in the pipeline writes it at the end of its input),
 * and the time since --since. */
static void
after_the_records(struct opts *o, tl_scan *scan)
{
	if (o->scan_stats) {
		read_scan_stats(o->scan_stats, &o->stats);
		if (scan->scanned < 0) /* every model the scan went past */
			scan->scanned = o->stats.read;
	}
	if (o->since >= 0) {
		time_t now = time(NULL);

		scan->duration = now > o->since ? (double)(now - o->since) : 0;
	}
}

/* --summary-json: the merge's numbers, replaced atomically. */
static void
write_summary(const struct opts *o, const tl_merge *m)
{
	char err[ERR_MAX];
	sum_report s;
	strset base;
	hf_out w;

	strset_init(&base);
	if (o->baseline_ids &&
	    lf_read_set(&base, o->baseline_ids, "id list", err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	sum_from_merge(&s, m, o->baseline_ids ? &base : NULL, o->scan_stats ?
	               fst_new_models(&o->stats) : -1,
	               o->scan_stats ? o->stats.dropped[FST_EXCLUDED] : -1);
	out_init_mem(&w);
	sum_write_json(&w, &s);
	if (file_write_atomic(o->summary_json, w.buf, w.len) < 0)
		hf_die(HF_STATE, "cannot write %s:", o->summary_json);
	free(w.buf);
	sum_free(&s);
	strset_free(&base);
}

/* --print-summary FILE: the scraper's report from a summary. */
static int
print_summary(struct opts *o)
{
	char err[ERR_MAX];
	size_t len;
	char *text = file_read(o->print_summary, 1u << 24, &len);
	sum_report s;

	if (!text)
		hf_die(HF_USAGE, "cannot read %s:", o->print_summary);
	if (sum_parse(&s, text, len, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s: %s", o->print_summary, err);
	sum_write_text(&o->out, &s);
	sum_free(&s);
	free(text);
	return HF_OK;
}

/* --print-ids: every registry file of DIR checked, the registered ids
 * listed in the registry's order, one a line: what a scraper skips. */
static int
print_ids(struct opts *o)
{
	char err[ERR_MAX];
	tl_merge m;

	tl_init(&m, &o->scan);
	if (tl_load(&m, o->dir, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	tl_put_ids(&o->out, &m);
	tl_free(&m);
	return HF_OK;
}

static int
run_registry(struct opts *o, char **files, int nfiles)
{
	char err[ERR_MAX];
	const tl_summary *sum;
	tl_merge m;
	struct stat sb;
	int st;

	tl_init(&m, &o->scan);
	if (tl_load(&m, o->dir, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	st = rec_each(files, nfiles, o->strict, &o->out, tl_add_record, &m);
	after_the_records(o, &m.scan);
	if (!o->dry_run && mkdir(o->dir, 0777) < 0 &&
	    !(stat(o->dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		hf_die(HF_STATE, "cannot create %s:", o->dir);
	sum = tl_finish(&m, o->dry_run ? &o->out : NULL);
	out_flush(&o->out);
	if (!o->dry_run && tl_commit(&m, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	if (!o->quiet || o->dry_run)
		hf_warn("%s%zu new supported model%s; gaps: %lld added, %lld "
		        "updated, %lld removed, %zu in all",
		        o->dry_run ? "would write " : "", sum->new_supported,
		        sum->new_supported == 1 ? "" : "s",
		        (long long)sum->gaps_added, (long long)sum->gaps_updated,
		        (long long)sum->gaps_removed, sum->gaps);
	if (o->summary_json && !o->dry_run)
		write_summary(o, &m);
	tl_free(&m);
	return st;
}

/* The outcome of each record, to --outcomes FILE ('-': standard
 * output). */
static void
write_outcomes(struct opts *o, const calc_merge *m)
{
	int fd = strcmp(o->outcomes, "-") ? open(o->outcomes, O_WRONLY |
	                                         O_CREAT | O_TRUNC, 0666) : 1;
	hf_out w;

	if (fd < 0)
		hf_die(HF_STATE, "cannot write %s:", o->outcomes);
	if (fd == 1) {
		calc_put_outcomes(&o->out, m);
		return;
	}
	out_init(&w, fd, o->outcomes);
	calc_put_outcomes(&w, m);
	out_free(&w);
	if (close(fd) < 0)
		hf_die(HF_STATE, "cannot write %s:", o->outcomes);
}

static int
run_calculator(struct opts *o, char **files, int nfiles)
{
	char err[ERR_MAX];
	calc_merge m;
	int st;

	o->calc.dry_run = o->dry_run ? &o->out : NULL;
	o->calc.outcomes = o->outcomes != NULL;
	if (calc_open(&m, &o->calc, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	if (o->print_ids) {
		calc_put_ids(&o->out, &m);
		calc_free(&m);
		return HF_OK;
	}
	st = rec_each(files, nfiles, o->strict, &o->out, calc_add_record, &m);
	if (m.refused)
		st = HF_PARTIAL;
	calc_finish(&m);
	if (calc_commit(&m, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	if (o->outcomes)
		write_outcomes(o, &m);
	if (o->dry_run && !o->quiet)
		hf_warn("dry run: %s left as it was", o->calc.path);
	calc_free(&m);
	return st;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char err[OPT_ERR_MAX];
	int c, st, duration_given = 0;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	o.dir = "./data";
	o.scan.task = "text-generation";
	o.scan.min_downloads = 500;
	o.scan.scanned = -1;
	o.since = -1;
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case 'o': o.dir = optarg; break;
		case 'q': o.quiet = 1; break;
		case O_TASK: o.scan.task = optarg; break;
		case O_MIN:
			o.scan.min_downloads = opt_count("--min-downloads", optarg, 0,
			                                 INT64_MAX);
			break;
		case O_SCANNED:
			o.scan.scanned = opt_count("--scanned", optarg, 0, INT64_MAX);
			break;
		case O_DURATION:
			o.scan.duration = opt_number("--duration", optarg, 0, HUGE_VAL,
			                             "seconds");
			duration_given = 1;
			break;
		case O_SINCE:
			o.since = opt_count("--since", optarg, 0, INT64_MAX);
			break;
		case O_ADAPTERS: o.adapters_file = optarg; break;
		case O_DRY: o.dry_run = 1; break;
		case O_STRICT: o.strict = 1; break;
		case O_MJ: o.calc.path = optarg; break;
		case O_SET:
			if (calc_parse_override(&o.calc.set, optarg, err, sizeof err) < 0)
				opt_fail("%s", err);
			break;
		case O_FORCE: o.calc.force = 1; break;
		case O_MM: o.calc.multimodal = 1; break;
		case O_SUMJSON: o.summary_json = optarg; break;
		case O_PRINTSUM: o.print_summary = optarg; break;
		case O_BASELINE: o.baseline_ids = optarg; break;
		case O_SCANSTATS: o.scan_stats = optarg; break;
		case O_PRINTIDS: o.print_ids = 1; break;
		case O_OUTCOMES: o.outcomes = optarg; break;
		}
	}
	if (!o.calc.path && (calc_overrides_given(&o.calc.set) || o.calc.force ||
	                     o.calc.multimodal || o.outcomes))
		opt_fail("--set, --force, --multimodal and --outcomes go with "
		         "--models-json");
	if (!o.summary_json && (o.baseline_ids || o.scan_stats))
		opt_fail("--baseline-ids and --scan-stats go with --summary-json");
	if (duration_given && o.since >= 0)
		opt_fail("--duration and --since do not go together");
	o.stats.read = o.stats.kept = -1;
	if ((o.print_summary || o.print_ids) && (optind < argc || o.summary_json ||
	                                         (o.print_summary && o.calc.path)))
		opt_fail("--print-summary and --print-ids read no records");
	if (adapters_load(&o.ad, o.adapters_file, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	o.scan.ad = &o.ad;
	out_init(&o.out, 1, NULL);
	if (o.print_summary)
		st = print_summary(&o);
	else if (o.print_ids && !o.calc.path)
		st = print_ids(&o);
	else if (o.calc.path)
		st = run_calculator(&o, argv + optind, argc - optind);
	else
		st = run_registry(&o, argv + optind, argc - optind);
	out_free(&o.out);
	adapters_free(&o.ad);
	return st;
}
