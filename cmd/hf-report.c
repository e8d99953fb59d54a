/* hf-report - merge model and gap records into TransformerLens's registry
 * files (lib/tlreg.c), or into a calculator's models.json (lib/calc.c);
 * atomically, never over a file that does not parse. */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/calc.h"
#include "../lib/listing.h"
#include "../lib/opt.h"
#include "../lib/record.h"
#include "../lib/tlreg.h"

/* Room for a message that names a path. */
#define ERR_MAX 8192

struct opts {
	const char *dir, *adapters_file, *outcomes;
	int dry_run, strict, quiet, print_ids;
	tl_scan scan;            /* registry mode */
	calc_opts calc;          /* calculator mode: calc.path set */
	adapters ad;
	hf_out out;
};

enum { O_TASK = 256, O_MIN, O_SCANNED, O_DURATION, O_ADAPTERS, O_DRY,
       O_STRICT, O_MJ, O_SET, O_FORCE, O_MM, O_OUTCOMES, O_IDS };
static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "task", required_argument, NULL, O_TASK },
	{ "min-downloads", required_argument, NULL, O_MIN },
	{ "scanned", required_argument, NULL, O_SCANNED },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "adapters", required_argument, NULL, O_ADAPTERS },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "models-json", required_argument, NULL, O_MJ },
	{ "set", required_argument, NULL, O_SET },
	{ "force", no_argument, NULL, O_FORCE },
	{ "multimodal", no_argument, NULL, O_MM },
	{ "outcomes", required_argument, NULL, O_OUTCOMES },
	{ "print-ids", no_argument, NULL, O_IDS },
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
	{ "outcomes", "FILE", "with --models-json, one line per record to FILE "
	  "('-': standard output): Hub id, outcome, id, message", NULL },
	{ "print-ids", NULL, "with --models-json, print the Hub id of each "
	  "entry and exit", NULL },
	{ "quiet", NULL, "no closing line on standard error", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-report",
	"usage: hf-report [-o DIR] [--task TASK] [--min-downloads N] [--scanned N]\n"
	"                 [--duration S] [--adapters FILE] [--dry-run] [--strict]\n"
	"                 [-q] [FILE ...]\n"
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

static int
run_registry(struct opts *o, char **files, int nfiles)
{
	char err[ERR_MAX];
	const tl_summary *sum;
	tl_merge m;
	struct stat sb;
	int st;

	if (!o->dry_run && mkdir(o->dir, 0777) < 0 &&
	    !(stat(o->dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		hf_die(HF_STATE, "cannot create %s:", o->dir);
	tl_init(&m, &o->scan);
	if (tl_load(&m, o->dir, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	st = rec_each(files, nfiles, o->strict, &o->out, tl_add_record, &m);
	sum = tl_finish(&m, o->dry_run ? &o->out : NULL);
	out_flush(&o->out);
	if (!o->dry_run && tl_commit(&m, err, sizeof err) < 0)
		hf_die(HF_STATE, "%s", err);
	if (!o->quiet || o->dry_run)
		hf_warn("%s%zu new supported models; gaps: %lld added, %lld "
		        "updated, %lld removed, %zu in all",
		        o->dry_run ? "would write " : "", sum->new_supported,
		        (long long)sum->gaps_added, (long long)sum->gaps_updated,
		        (long long)sum->gaps_removed, sum->gaps);
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
	int st = HF_OK;

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
	int c, st;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	o.dir = "./data";
	o.scan.task = "text-generation";
	o.scan.min_downloads = 500;
	o.scan.scanned = -1;
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
		case O_OUTCOMES: o.outcomes = optarg; break;
		case O_IDS: o.print_ids = 1; break;
		}
	}
	if (!o.calc.path && (calc_overrides_given(&o.calc.set) || o.calc.force ||
	                     o.calc.multimodal || o.outcomes || o.print_ids))
		opt_fail("--set, --force, --multimodal, --outcomes and --print-ids "
		         "go with --models-json");
	if (adapters_load(&o.ad, o.adapters_file, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	o.scan.ad = &o.ad;
	out_init(&o.out, 1, NULL);
	st = o.calc.path ? run_calculator(&o, argv + optind, argc - optind)
	                 : run_registry(&o, argv + optind, argc - optind);
	out_free(&o.out);
	adapters_free(&o.ad);
	return st;
}
