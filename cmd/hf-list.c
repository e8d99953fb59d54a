/* hf-list - list models from the Hub API, or fetch named ones, as NDJSON:
 * one request per page, many listings at once under one pacer, retries,
 * byte-offset checkpoints. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/ckpt.h"
#include "../lib/fetch.h"
#include "../lib/http.h"
#include "../lib/listfile.h"
#include "../lib/listing.h"
#include "../lib/opt.h"
#include "../lib/progress.h"
#include "../lib/record.h"
#include "../lib/scan.h"
#include "../lib/token.h"

#define JOBS_MAX 64

struct opts {
	const char *endpoint, *output, *checkpoint, *token_file, *listings;
	const char *known_ids, *models_from;
	const char **expand, **author;
	char **models;            /* owned copies */
	int nexpand, nauthor, nmodels, capmodels;
	lst_query q;              /* the listing of the command line */
	int listing_opts;         /* listing options given on the command line */
	int64_t page_size;
	int jobs, quiet, allow_http, fetch_config, page_size_given;
	int error_records, suggest;
};

/* Set by SIGINT/SIGTERM, read by the loops: a signal handler can only
 * reach static storage. */
static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

enum { O_EXPAND = 256, O_PAGE, O_CKPT, O_ENDPOINT, O_TOKENFILE, O_HTTP,
       O_MODEL, O_URL, O_FROM, O_FETCH, O_LISTINGS, O_KNOWN, O_ERRREC,
       O_SUGGEST };

static const struct option own_options[] = {
	{ "page-size", required_argument, NULL, O_PAGE },
	{ "expand", required_argument, NULL, O_EXPAND },
	{ "listings", required_argument, NULL, O_LISTINGS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "known-ids", required_argument, NULL, O_KNOWN },
	{ "output", required_argument, NULL, 'o' },
	{ "checkpoint", required_argument, NULL, O_CKPT },
	{ "endpoint", required_argument, NULL, O_ENDPOINT },
	{ "token-file", required_argument, NULL, O_TOKENFILE },
	{ "allow-http", no_argument, NULL, O_HTTP },
	{ "model", required_argument, NULL, O_MODEL },
	{ "url", required_argument, NULL, O_URL },
	{ "models-from", required_argument, NULL, O_FROM },
	{ "fetch-config", no_argument, NULL, O_FETCH },
	{ "error-records", no_argument, NULL, O_ERRREC },
	{ "suggest", no_argument, NULL, O_SUGGEST },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc own_docs[] = {
	{ "page-size", "N", "models per page (default and at most 1000)", NULL },
	{ "expand", "FIELD", "a property to ask for; repeatable (default: what "
	  "the stages read)", NULL },
	{ "listings", "FILE", "many listings, one a line of listing options",
	  NULL },
	{ "jobs", "N", "listings or named models at once (default 4)",
	  NULL },
	{ "known-ids", "FILE", "ids that do not count toward --limit", NULL },
	{ "output", "FILE", "write to FILE (default: standard output)", NULL },
	{ "checkpoint", "CKPT", "with -o, resume from CKPT after an interruption",
	  NULL },
	{ "endpoint", "URL", "the Hub (default: HF_ENDPOINT, else "
	  "https://huggingface.co)", NULL },
	{ "token-file", "FILE", "read the token from FILE (default: HF_TOKEN, "
	  "else the token file)", NULL },
	{ "allow-http", NULL, "allow plain http:// to a host other than "
	  "loopback", NULL },
	{ "model", "ID", "fetch model ID (ORG/NAME); repeatable", NULL },
	{ "url", "URL", "fetch the model of a model page URL; repeatable", NULL },
	{ "models-from", "FILE", "fetch the models FILE names, one a line "
	  "('-': standard input)", NULL },
	{ "fetch-config", NULL, "also fetch each named model's whole "
	  "config.json (a download)", NULL },
	{ "error-records", NULL, "a named model that fails is an error record "
	  "in the output, not a line on standard error", NULL },
	{ "suggest", NULL, "a missing model gets \"did you mean\" from one "
	  "search of the Hub", NULL },
	{ "quiet", NULL, "no progress, no summary; errors only", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const char synopsis[] =
	"usage: hf-list [--task TASK] [--filter TAG]... [--author ORG]... [--search TEXT]\n"
	"               [--pipeline-tag TAG] [--gated | --no-gated]\n"
	"               [--num-parameters RANGE] [--sort KEY|none] [--limit N]\n"
	"               [--page-size N] [--expand FIELD]... [--min-downloads N]\n"
	"               [--known-ids FILE] [-j N] [-o FILE [--checkpoint CKPT]]\n"
	"               [--endpoint URL] [--token-file FILE] [--allow-http] [-q]\n"
	"       hf-list --listings FILE [-j N] [--page-size N] [--expand FIELD]...\n"
	"               [--known-ids FILE] [-o FILE [--checkpoint CKPT]] [options]\n"
	"       hf-list [--model ID]... [--url URL]... [--models-from FILE]\n"
	"               [--fetch-config] [--error-records] [--suggest]\n"
	"               [--expand FIELD]... [options]\n";

static const char examples[] =
	"hf-list --task text-generation --min-downloads 500 > models.ndjson\n"
	"hf-list --author meta-llama --author Qwen --sort none\n";

/* ---- progress ---- */

struct run {
	struct opts *o;
	http_pool pool;
	scan_stats *st;           /* of the listings, while they run */
	int64_t records;          /* of named models */
	double started;
};

static void
show(const struct run *r, double waiting, int live)
{
	hf_out w;

	out_init_mem(&w);
	progress_status(&w, r->st, r->records, &r->pool,
	                progress_now() - r->started, waiting);
	out_putc(&w, '\0');
	if (live)
		fprintf(stderr, "\r%s: %s\033[K", hf_progname(), w.buf);
	else
		hf_warn("%s", w.buf);
	free(w.buf);
}

static void
on_tick(void *arg, double waiting)
{
	const struct run *r = arg;

	if (r->pool.tty && !r->o->quiet && r->st)
		show(r, waiting, 1);
}

static void
summary(const struct run *r)
{
	hf_out w;

	if (r->o->quiet)
		return;
	if (r->pool.tty)
		fputs("\r\033[K", stderr);
	out_init_mem(&w);
	progress_summary(&w, r->st ? r->st->records : r->records,
	                 r->st ? r->st->pages : 0, &r->pool,
	                 progress_now() - r->started);
	out_putc(&w, '\0');
	hf_warn("%s", w.buf);
	free(w.buf);
}

static void
on_page(void *arg, const scan_stats *st, int last)
{
	struct run *r = arg;

	r->st = (scan_stats *)st;
	if (r->o->quiet)
		return;
	if (last)
		summary(r);
	else if (r->pool.tty)
		show(r, 0, 1);
	else if (st->pages % 10 == 0)
		show(r, 0, 0);
}

/* ---- listings ---- */

/* The listings of a listings file, or of the command line (one per
 * --author). */
static lst_query *
plan_listings(struct opts *o, lf_list *file, int *n)
{
	lst_query *q;
	char err[512];

	if (o->listings) {
		if (lst_read_file(o->listings, file, &q, n, err, sizeof err) < 0)
			hf_die(HF_USAGE, "%s", err);
		return q;
	}
	*n = o->nauthor ? o->nauthor : 1;
	q = hf_calloc((size_t)*n, sizeof *q);
	for (int i = 0; i < *n; i++) {
		q[i] = o->q;
		if (o->nauthor)
			q[i].author = o->author[i];
	}
	return q;
}

static int
run_listings(struct run *r, const char *endpoint)
{
	struct opts *o = r->o;
	lf_list file = { 0 };
	strset known;
	scan_stats st;
	scan_opts so = { 0 };
	int status;

	strset_init(&known);
	so.q = plan_listings(o, &file, &so.nq);
	so.endpoint = endpoint;
	so.expand = o->expand;
	so.nexpand = o->nexpand;
	so.page_size = o->page_size;
	so.output = o->output;
	so.checkpoint = o->checkpoint;
	so.jobs = o->jobs;
	so.stop = &got_signal;
	so.quiet = o->quiet;
	if (o->known_ids) {
		char err[512];

		if (lf_read_set(&known, o->known_ids, "id list", err, sizeof err) < 0)
			hf_die(HF_USAGE, "%s", err);
		so.known = &known;
	}
	status = scan_run(&so, &r->pool, &st, on_page, r);
	r->st = NULL;
	free(so.q);
	lf_free(&file);
	strset_free(&known);
	return status;
}

/* ---- named models ---- */

static int
run_named(struct run *r, const char *endpoint)
{
	const struct opts *o = r->o;
	fetch_opts fo = { o->models, o->nmodels, endpoint, o->expand,
	                  o->nexpand, o->fetch_config, o->error_records,
	                  o->suggest, o->jobs, &got_signal };
	fetch_stats st;
	char err[512];
	int status, fd = 1;
	hf_out out;

	if (o->output &&
	    (fd = ckpt_open_output(o->output, 0, 0, err, sizeof err)) < 0)
		hf_die(HF_STATE, "%s", err);
	out_init(&out, fd, o->output ? o->output : "standard output");
	status = fetch_run(&fo, &r->pool, &out, &st);
	r->records = st.records;
	out_free(&out);
	if (o->output && close(fd) < 0)
		hf_die(HF_STATE, "cannot write %s:", o->output);
	summary(r);
	return status;
}

/* ---- options ---- */

static void
add_model(struct opts *o, const char *src)
{
	if (o->nmodels == o->capmodels)
		o->models = hf_realloc(o->models, (size_t)(o->capmodels =
		                       o->capmodels ? 2 * o->capmodels : 16) *
		                       sizeof *o->models);
	o->models[o->nmodels++] = hf_strdup(src);
}

/* Ids and URLs from --models-from, a list file. */
static void
read_models_file(struct opts *o, const char *path)
{
	lf_list l;
	char err[512];

	if (lf_read(&l, path, "model list", err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	for (size_t i = 0; i < l.n; i++)
		add_model(o, l.v[i]);
	lf_free(&l);
}

/* One option of the command line. */
static void
take_option(struct opts *o, int c, const char *v)
{
	char err[256];

	switch (c) {
	case O_EXPAND: o->expand[o->nexpand++] = v; break;
	case O_PAGE:
		o->page_size = opt_count("--page-size", v, 1, LST_PAGE_MAX);
		o->page_size_given = 1;
		break;
	case O_LISTINGS: o->listings = v; break;
	case 'j': o->jobs = (int)opt_count("--jobs", v, 1, JOBS_MAX); break;
	case O_KNOWN: o->known_ids = v; break;
	case 'o': o->output = v; break;
	case O_CKPT: o->checkpoint = v; break;
	case O_ENDPOINT: o->endpoint = v; break;
	case O_TOKENFILE: o->token_file = v; break;
	case O_HTTP: o->allow_http = 1; break;
	case O_MODEL: case O_URL: add_model(o, v); break;
	case O_FROM: read_models_file(o, v); o->models_from = v; break;
	case O_FETCH: o->fetch_config = 1; break;
	case O_ERRREC: o->error_records = 1; break;
	case O_SUGGEST: o->suggest = 1; break;
	case 'q': o->quiet = 1; break;
	case LST_O_AUTHOR:
		o->author[o->nauthor++] = v;
		o->listing_opts = 1;
		break;
	default:
		if (lst_set(&o->q, c, v, err, sizeof err) < 0)
			opt_fail("%s", err);
		o->listing_opts = 1;
	}
}

/* Options that do not go together. */
static void
check_options(const struct opts *o)
{
	struct stat sb;
	char err[256];
	int listing = o->listing_opts || o->page_size_given || o->listings ||
	              o->known_ids;

	if (o->checkpoint && !o->output && !o->listings)
		opt_fail("--checkpoint needs -o FILE");
	if (o->checkpoint && o->output && ckpt_same_file(o->checkpoint, o->output))
		/* each checkpoint would replace the output, and success
		 * would remove it */
		opt_fail("-o and --checkpoint name the same file");
	if (o->checkpoint && o->output && stat(o->output, &sb) == 0 &&
	    !S_ISREG(sb.st_mode))
		opt_fail("%s: --checkpoint needs a regular file", o->output);
	if (!o->listings && lst_check(&o->q, err, sizeof err) < 0)
		opt_fail("%s", err);
	if (o->listings && o->listing_opts)
		opt_fail("with --listings, the listing options go in its lines");
	for (int i = 0; o->q.min_downloads >= 0 && o->nexpand; i++) {
		if (i == o->nexpand)
			opt_fail("--min-downloads needs --expand downloads");
		if (strcmp(o->expand[i], "downloads") == 0)
			break;
	}
	if (o->checkpoint && (o->nmodels || o->models_from))
		opt_fail("--checkpoint goes with listings, not named models");
	if ((o->nmodels || o->models_from) && listing)
		opt_fail("listing options do not go with --model, --url or "
		         "--models-from");
	if ((o->fetch_config || o->error_records || o->suggest) && !o->nmodels &&
	    !o->models_from)
		opt_fail("--fetch-config, --error-records and --suggest go with "
		         "--model, --url or --models-from");
}

static void
parse_options(struct opts *o, int argc, char **argv)
{
	int c;

	o->author = hf_calloc((size_t)argc, sizeof *o->author);
	o->expand = hf_calloc((size_t)argc, sizeof *o->expand);
	while ((c = opt_next(argc, argv)) != -1)
		take_option(o, c, optarg);
	opt_operands(argc, argv, 0, 0);
	check_options(o);
}

static void
setup_pool(struct run *r, const char *endpoint, const char *token)
{
	char err[512];

	if (http_pool_init(&r->pool, endpoint, token, r->o->allow_http, err,
	                   sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	r->pool.quiet = r->o->quiet;
	/* no live line over records written to the same terminal */
	r->pool.tty = isatty(2) && !(isatty(1) && !r->o->output);
	r->pool.stop = &got_signal;
	r->pool.tick = on_tick;
	r->pool.tick_arg = r;
	if (getenv("HF_LIST_BACKOFF_MS"))
		r->pool.base_wait = atof(getenv("HF_LIST_BACKOFF_MS")) / 1000;
	if (getenv("HF_LIST_STALL_TIMEOUT"))
		r->pool.stall_timeout = atol(getenv("HF_LIST_STALL_TIMEOUT"));
}

int
main(int argc, char **argv)
{
	struct option table[64];
	opt_doc doc[64];
	opt_tool tool = { "hf-list", synopsis, "List models from the Hub API "
	                  "as NDJSON, or fetch named ones.", "j:o:qh", table,
	                  doc, examples };
	struct opts o = { 0 };
	struct run r = { 0 };
	struct sigaction sa = { 0 };
	char err[512], *token, *endpoint;
	size_t n = 0;
	int st;

	/* the listing options of lib/listing.c, then hf-list's own */
	for (const struct option *p = lst_options; p->name; p++)
		table[n++] = *p;
	for (const struct option *p = own_options; n < 64; p++)
		if (!(table[n++] = *p).name)
			break;
	n = 0;
	for (const opt_doc *p = lst_docs; p->name; p++)
		doc[n++] = *p;
	for (const opt_doc *p = own_docs; n < 64; p++)
		if (!(doc[n++] = *p).name)
			break;
	opt_init(&tool, argv[0]);
	hf_init_signals();
	lst_init(&o.q);
	o.page_size = LST_PAGE_MAX;
	o.jobs = 4;
	parse_options(&o, argc, argv);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!(endpoint = http_endpoint(o.endpoint, err, sizeof err)))
		hf_die(HF_USAGE, "%s", err);
	if (token_env_flag("HF_HUB_OFFLINE"))
		hf_die(HF_NET, "HF_HUB_OFFLINE is set; not contacting %s", endpoint);
	if (token_load(o.token_file, &token, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	r.o = &o;
	setup_pool(&r, endpoint, token);
	r.started = progress_now();
	st = o.nmodels || o.models_from ? run_named(&r, endpoint)
	                                : run_listings(&r, endpoint);
	http_pool_free(&r.pool);
	token_free(token);
	free(endpoint);
	for (int i = 0; i < o.nmodels; i++)
		free(o.models[i]);
	free(o.models);
	free(o.author);
	free(o.expand);
	return st;
}
