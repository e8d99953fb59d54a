/* hf-list - list models from the Hub API, or fetch named ones, as NDJSON:
 * one request per page, retries, pacing, byte-offset checkpoints. */
#include <errno.h>
#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lib/ckpt.h"
#include "../lib/http.h"
#include "../lib/hubref.h"
#include "../lib/listfile.h"
#include "../lib/model.h"
#include "../lib/opt.h"
#include "../lib/token.h"
#include "../lib/record.h"

#define MAX_PAGE 1000

struct opts {
	const char *endpoint, *output, *checkpoint, *token_file, *sort;
	const char *search, *pipeline_tag, *num_parameters, *gated;
	const char **filter, **author, **expand;
	char **models; /* owned copies */
	int nfilter, nauthor, nexpand, nmodels;
	int64_t limit, min_downloads, page_size;
	int order_given;          /* --sort or --page-size: listings only */
	int quiet, allow_http, fetch_config;
};

/* Set by SIGINT/SIGTERM, read by the loops: a signal handler can only
 * reach static storage. */
static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static const char *const default_expand[] = {
	"author", "downloads", "downloadsAllTime", "likes", "tags",
	"pipeline_tag", "library_name", "gated", "createdAt", "lastModified",
	"config", "safetensors", NULL
};

/* ---- URLs ---- */

static void
put_encoded(hf_out *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~:,", c)) {
			out_putc(w, (char)c);
		} else {
			out_putc(w, '%');
			out_putc(w, hex[c >> 4]);
			out_putc(w, hex[c & 15]);
		}
	}
}

static void
put_param(hf_out *w, const char *key, const char *val)
{
	if (w->buf[w->len - 1] != '?')
		out_putc(w, '&');
	out_puts(w, key);
	out_putc(w, '=');
	put_encoded(w, val);
}

static void
put_expand(hf_out *w, const struct opts *o, const char *key)
{
	if (o->nexpand)
		for (int i = 0; i < o->nexpand; i++)
			put_param(w, key, o->expand[i]);
	else
		for (const char *const *e = default_expand; *e; e++)
			put_param(w, key, *e);
}

/* The first page's URL of one listing (author may be NULL). */
static char *
listing_url(const struct opts *o, const char *endpoint, const char *author)
{
	hf_out w;
	char n[32];

	out_init_mem(&w);
	out_puts(&w, endpoint);
	out_puts(&w, "/api/models?");
	for (int i = 0; i < o->nfilter; i++)
		put_param(&w, "filter", o->filter[i]);
	if (author)
		put_param(&w, "author", author);
	if (o->search)
		put_param(&w, "search", o->search);
	if (o->pipeline_tag)
		put_param(&w, "pipeline_tag", o->pipeline_tag);
	if (o->gated)
		put_param(&w, "gated", o->gated);
	if (o->num_parameters)
		put_param(&w, "num_parameters", o->num_parameters);
	if (strcmp(o->sort, "none") != 0)
		put_param(&w, "sort", o->sort);
	/* a small --limit needs no bigger page */
	snprintf(n, sizeof n, "%lld", (long long)(o->limit > 0 &&
	         o->limit < o->page_size ? o->limit : o->page_size));
	put_param(&w, "limit", n);
	put_expand(&w, o, "expand");
	out_putc(&w, '\0');
	return w.buf;
}

/* ---- progress ---- */

struct run {
	struct opts *o;
	http_client c;
	json_doc d;
	hf_out out;
	int fd;
	double started;
	int64_t records, pages;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The live line of a terminal; waiting > 0 adds how long is left. */
static void
live_line(const struct run *r, double waiting)
{
	double t = now_s() - r->started;

	fprintf(stderr, "\r%s: %lld pages, %lld models, %.0f models/s, "
	        "%ld retries", hf_progname(), (long long)r->pages,
	        (long long)r->records, t > 0 ? r->records / t : 0.0,
	        r->c.retries);
	if (waiting > 0)
		fprintf(stderr, ", waiting %.1f s", waiting);
	fputs("\033[K", stderr);
}

static void
on_wait(void *arg, double left)
{
	live_line(arg, left);
}

static void
progress(struct run *r, int last)
{
	double t = now_s() - r->started;

	if (r->o->quiet)
		return;
	if (last) {
		if (r->c.tty)
			fputs("\r\033[K", stderr);
		hf_warn("%lld models, %lld pages, %ld requests, %ld retries, "
		        "%.1f MB, %.1f s", (long long)r->records,
		        (long long)r->pages, r->c.requests, r->c.retries,
		        r->c.bytes / 1e6, t);
	} else if (r->c.tty) {
		live_line(r, 0);
	} else if (r->pages % 10 == 0) {
		hf_warn("%lld pages, %lld models, %.0f models/s, %ld retries",
		        (long long)r->pages, (long long)r->records,
		        t > 0 ? r->records / t : 0.0, r->c.retries);
	}
}

/* ---- pages ---- */

/* A page is a JSON array of objects; anything else is retried. */
static int
check_array(void *ctx, const char *body, size_t len)
{
	json_doc *d = ctx;
	const char *why;
	int i = 1;

	if (json_parse(d, body, len, 0, &why) < 0 || json_type(d, 0) != JSMN_ARRAY)
		return -1;
	for (int k = 0; k < d->tok[0].size; k++, i = json_skip(d, i))
		if (json_type(d, i) != JSMN_OBJECT)
			return -1;
	return 0;
}

static int
check_object(void *ctx, const char *body, size_t len)
{
	const char *why;

	return json_parse(ctx, body, len, 1, &why);
}

/* Write the page's models; 1 when the listing is complete (limit or
 * download threshold reached), else 0. */
static int
write_page(struct run *r)
{
	const json_doc *d = &r->d;
	int i = 1;

	for (int k = 0; k < d->tok[0].size; k++, i = json_skip(d, i)) {
		int64_t dl;
		size_t n;
		const char *s;

		if (r->o->limit >= 0 && r->records >= r->o->limit)
			return 1;
		if (r->o->min_downloads >= 0 &&
		    (json_int64(d, json_get(d, i, "downloads"), &dl) < 0 ||
		     dl < r->o->min_downloads))
			return 1;
		s = json_span(d, i, &n);
		out_json_minified(&r->out, s, n);
		out_putc(&r->out, '\n');
		r->records++;
		if (got_signal)
			return 0;
	}
	return r->o->limit >= 0 && r->records >= r->o->limit;
}

static void
die_interrupted(struct run *r)
{
	out_flush(&r->out);
	if (r->c.tty && !r->o->quiet)
		fputs("\r\033[K", stderr);
	hf_warn("interrupted after %lld models%s", (long long)r->records,
	        r->o->checkpoint ? "; run the same command again to resume" : "");
	exit(128 + got_signal);
}

/* Make the output agree with the checkpoint, or start it afresh.  A
 * resumed file must hold at least what the checkpoint counted: growing it
 * would fill the gap with zero bytes. */
static void
open_output(struct run *r, ckpt *k, int resumed)
{
	struct opts *o = r->o;
	struct stat sb;

	r->fd = 1;
	if (!o->output)
		return;
	r->fd = open(o->output, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (r->fd < 0 || fstat(r->fd, &sb) < 0)
		hf_die(HF_STATE, "cannot open %s:", o->output);
	if (!S_ISREG(sb.st_mode)) {
		if (o->checkpoint)
			hf_die(HF_USAGE, "%s: --checkpoint needs a regular file",
			       o->output);
		return; /* a device or a pipe: nothing to truncate */
	}
	if (resumed && sb.st_size < k->offset)
		hf_die(HF_STATE, "%s is shorter (%lld bytes) than %s says "
		       "(%lld); remove the checkpoint to start over", o->output,
		       (long long)sb.st_size, o->checkpoint, (long long)k->offset);
	if (ftruncate(r->fd, resumed ? k->offset : 0) < 0 ||
	    lseek(r->fd, 0, SEEK_END) < 0)
		hf_die(HF_STATE, "cannot truncate %s:", o->output);
}

static void
save_checkpoint(struct run *r, int listing, const char *next, uint64_t query)
{
	ckpt k = { query, listing, (char *)next, 0, r->records, r->pages };
	off_t off;

	out_flush(&r->out);
	if (!r->o->checkpoint)
		return;
	if (fdatasync(r->fd) < 0 || (off = lseek(r->fd, 0, SEEK_CUR)) < 0)
		hf_die(HF_STATE, "cannot sync %s:", r->o->output);
	k.offset = off;
	if (ckpt_write(r->o->checkpoint, &k) < 0)
		hf_die(HF_STATE, "cannot write checkpoint %s:", r->o->checkpoint);
}

/* A listing the Hub answered with an error it will not take back. */
static _Noreturn void
listing_failed(const struct run *r, const char *url)
{
	const http_client *c = &r->c;

	if (c->status == 401 && c->token)
		hf_die(HF_NET, "the Hub refused the token (HTTP 401); check "
		       "HF_TOKEN or the token file");
	if (c->status == 400)
		hf_die(HF_NET, "the Hub rejected the query (HTTP 400%s%s); "
		       "check --expand, --sort and the filters",
		       c->error_message ? ": " : "",
		       c->error_message ? c->error_message : "");
	if (c->status == 0)
		hf_die(HF_NET, "%s: %s", url, c->error_message ? c->error_message :
		       "no answer");
	hf_die(HF_NET, "%s: HTTP %ld%s%s", url, c->status,
	       c->error_message ? ": " : "",
	       c->error_message ? c->error_message : "");
}

static int
run_listings(struct run *r, const char *endpoint)
{
	struct opts *o = r->o;
	int nlist = o->nauthor ? o->nauthor : 1, start = 0, resumed = 0;
	char **urls = hf_calloc((size_t)nlist, sizeof *urls), err[256], what[64];
	char *url = NULL;
	hf_out fp;
	uint64_t query;
	ckpt k = { 0 };

	out_init_mem(&fp);
	for (int i = 0; i < nlist; i++) {
		urls[i] = listing_url(o, endpoint, o->nauthor ? o->author[i] : NULL);
		out_printf(&fp, "%s\n", urls[i]);
	}
	out_printf(&fp, "limit=%lld min_downloads=%lld\n", (long long)o->limit,
	           (long long)o->min_downloads);
	query = ckpt_fingerprint(fp.buf, fp.len);
	free(fp.buf);
	if (o->checkpoint) {
		int got = ckpt_read(o->checkpoint, &k, err, sizeof err);

		if (got < 0)
			hf_die(HF_STATE, "%s: %s; remove it to start over",
			       o->checkpoint, err);
		if (got && k.query != query)
			hf_die(HF_USAGE, "%s is the checkpoint of another query; "
			       "run the same command to resume it, or remove it",
			       o->checkpoint);
		if (got && k.listing < nlist) {
			resumed = 1;
			start = k.listing;
			url = k.next;
			k.next = NULL;
			r->records = k.records;
			r->pages = k.pages;
			if (!o->quiet)
				hf_warn("resuming after %lld models from %s",
				        (long long)k.records, o->checkpoint);
		}
	}
	open_output(r, &k, resumed);
	out_init(&r->out, r->fd, o->output);
	if (o->limit == 0)
		start = nlist; /* nothing wanted: ask nothing */
	for (int i = start; i < nlist; i++) {
		int done = 0;

		if (!url || !*url) {
			free(url);
			url = hf_strdup(urls[i]);
		}
		while (url && !done) {
			int got;

			snprintf(what, sizeof what, "page %lld", (long long)r->pages + 1);
			r->c.what = what;
			got = http_get(&r->c, url, check_array, &r->d);
			if (got == HTTP_STOPPED)
				die_interrupted(r);
			if (got == HTTP_GAVE_UP)
				hf_die(HF_NET, "the Hub kept failing after %lld "
				       "models; %s", (long long)r->records,
				       o->checkpoint ? "run the same command again to "
				       "resume" : "-o FILE --checkpoint CKPT make a "
				       "scan resumable");
			if (got == HTTP_FAILED)
				listing_failed(r, url);
			done = write_page(r);
			if (got_signal)
				die_interrupted(r);
			r->pages++;
			free(url);
			url = r->c.next ? hf_strdup(r->c.next) : NULL;
			if (done) {
				free(url);
				url = NULL;
			}
			save_checkpoint(r, url ? i : i + 1, url ? url :
			                i + 1 < nlist ? urls[i + 1] : "", query);
			progress(r, 0);
		}
		if (done && (o->nauthor == 0 ||
		             (o->limit >= 0 && r->records >= o->limit)))
			break;
	}
	free(url);
	for (int i = 0; i < nlist; i++)
		free(urls[i]);
	free(urls);
	out_flush(&r->out);
	if (o->checkpoint && unlink(o->checkpoint) < 0 && errno != ENOENT)
		hf_warn("cannot remove %s:", o->checkpoint);
	return HF_OK;
}

/* ---- named models ---- */

/* One line for a model that could not be fetched: what and what to do. */
static void
explain(const struct run *r, const char *id, int got)
{
	const http_client *c = &r->c;
	const char *code = c->error_code ? c->error_code : "";

	if (got == HTTP_GAVE_UP)
		hf_warn("%s: the Hub kept failing; try again later", id);
	else if (strcmp(code, "GatedRepo") == 0 && c->status == 403)
		hf_warn("%s: gated model; your token has no access: request it "
		        "at https://huggingface.co/%s", id, id);
	else if (strcmp(code, "GatedRepo") == 0)
		hf_warn("%s: gated model; log in: set HF_TOKEN to a token with "
		        "access", id);
	else if (c->status == 401 && c->error_message &&
	         strstr(c->error_message, "Invalid credentials"))
		hf_warn("%s: the Hub refused the token; check HF_TOKEN or the "
		        "token file", id);
	else if (c->status == 401 && !c->token)
		hf_warn("%s: not found, or private: check the id, or set HF_TOKEN",
		        id);
	else if (c->status == 404 || c->status == 401)
		hf_warn("%s: not found on the Hub: check the id", id);
	else if (c->status == 0)
		hf_warn("%s: %s", id, c->error_message ? c->error_message :
		        "no answer");
	else
		hf_warn("%s: HTTP %ld%s%s", id, c->status,
		        c->error_message ? ": " : "",
		        c->error_message ? c->error_message : "");
}

static int
fetch_one(struct run *r, const char *endpoint, const char *id)
{
	static const char *const drop[] = { "config", NULL };
	json_doc cfg;
	hf_out url;
	int got, st = HF_OK;

	r->c.what = id;
	out_init_mem(&url);
	out_printf(&url, "%s/api/models/%s?", endpoint, id);
	put_expand(&url, r->o, "expand[]");
	out_putc(&url, '\0');
	got = http_get(&r->c, url.buf, check_object, &r->d);
	free(url.buf);
	if (got == HTTP_STOPPED)
		die_interrupted(r);
	if (got != HTTP_OK) {
		explain(r, id, got);
		return got == HTTP_GAVE_UP ? HF_NET : HF_PARTIAL;
	}
	if (!r->o->fetch_config) {
		size_t n;
		const char *s = json_span(&r->d, 0, &n);

		out_json_minified(&r->out, s, n);
		out_putc(&r->out, '\n');
		r->records++;
		return HF_OK;
	}
	/* The record is the API's object with the whole config.json in it;
	 * the body buffer is reused, so keep the object first. */
	char *rec = hf_strndup(r->c.body.buf, r->c.body.len);
	json_doc d;
	const char *why;

	json_init(&d);
	json_init(&cfg);
	json_parse(&d, rec, strlen(rec), 1, &why);
	out_init_mem(&url);
	out_printf(&url, "%s/%s/resolve/main/config.json", endpoint, id);
	out_putc(&url, '\0');
	got = http_get(&r->c, url.buf, check_object, &cfg);
	free(url.buf);
	if (got == HTTP_STOPPED)
		die_interrupted(r);
	if (got != HTTP_OK) {
		explain(r, id, got);
		st = got == HTTP_GAVE_UP ? HF_NET : HF_PARTIAL;
	} else {
		hf_out tmp;
		size_t n;
		const char *s;

		out_init_mem(&tmp);
		out_puts(&tmp, rec_write_open(&tmp, &d, drop) ? ",\"config\":"
		                                              : "\"config\":");
		s = json_span(&cfg, 0, &n);
		out_json_minified(&tmp, s, n);
		out_putc(&tmp, '}');
		out_json_minified(&r->out, tmp.buf, tmp.len);
		out_putc(&r->out, '\n');
		free(tmp.buf);
		r->records++;
	}
	json_free(&d);
	json_free(&cfg);
	free(rec);
	return st;
}

/* Ids and URLs from --models-from, a list file. */
static void
read_models_file(struct opts *o, const char *path, int *cap)
{
	lf_list l;
	char err[512];

	if (lf_read(&l, path, "model list", err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	for (size_t i = 0; i < l.n; i++) {
		if (o->nmodels == *cap)
			o->models = hf_realloc(o->models, (size_t)(*cap *= 2) *
			                       sizeof *o->models);
		o->models[o->nmodels++] = hf_strdup(l.v[i]);
	}
	lf_free(&l);
}

static int
run_named(struct run *r, const char *endpoint)
{
	int st = HF_OK;

	open_output(r, NULL, 0);
	out_init(&r->out, r->fd, r->o->output);
	for (int i = 0; i < r->o->nmodels; i++) {
		const char *src = r->o->models[i];
		char *id = ref_model_id(src);
		int got;

		if (!id) {
			hf_warn("%s: not a model id (ORG/NAME) or model URL", src);
			st = st > HF_PARTIAL ? st : HF_PARTIAL;
			free(id);
			continue;
		}
		got = fetch_one(r, endpoint, id);
		if (got > st)
			st = got;
		free(id);
	}
	out_flush(&r->out);
	return st;
}

/* ---- options ---- */

/* Do a and b name one file (the same path, or the same inode)? */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The Hub's name of a sort key; the Python CLI's snake_case names too. */
static const char *
sort_key(const char *v)
{
	static const char *const keys[][2] = {
		{ "none", "none" }, { "downloads", "downloads" },
		{ "likes", "likes" }, { "lastModified", "lastModified" },
		{ "last_modified", "lastModified" }, { "createdAt", "createdAt" },
		{ "created_at", "createdAt" }, { "trendingScore", "trendingScore" },
		{ "trending_score", "trendingScore" }
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(v, keys[i][0]) == 0)
			return keys[i][1];
	return NULL;
}

enum { O_TASK = 256, O_FILTER, O_AUTHOR, O_SEARCH, O_PIPE, O_GATED,
       O_NOGATED, O_NUMP, O_SORT, O_LIMIT, O_PAGE, O_EXPAND, O_MIN,
       O_CKPT, O_ENDPOINT, O_TOKENFILE, O_HTTP, O_MODEL, O_URL,
       O_FROM, O_FETCH };
static const struct option longopts[] = {
	{ "task", required_argument, NULL, O_TASK },
	{ "filter", required_argument, NULL, O_FILTER },
	{ "author", required_argument, NULL, O_AUTHOR },
	{ "search", required_argument, NULL, O_SEARCH },
	{ "pipeline-tag", required_argument, NULL, O_PIPE },
	{ "gated", no_argument, NULL, O_GATED },
	{ "no-gated", no_argument, NULL, O_NOGATED },
	{ "num-parameters", required_argument, NULL, O_NUMP },
	{ "sort", required_argument, NULL, O_SORT },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "page-size", required_argument, NULL, O_PAGE },
	{ "expand", required_argument, NULL, O_EXPAND },
	{ "min-downloads", required_argument, NULL, O_MIN },
	{ "output", required_argument, NULL, 'o' },
	{ "checkpoint", required_argument, NULL, O_CKPT },
	{ "endpoint", required_argument, NULL, O_ENDPOINT },
	{ "token-file", required_argument, NULL, O_TOKENFILE },
	{ "allow-http", no_argument, NULL, O_HTTP },
	{ "model", required_argument, NULL, O_MODEL },
	{ "url", required_argument, NULL, O_URL },
	{ "models-from", required_argument, NULL, O_FROM },
	{ "fetch-config", no_argument, NULL, O_FETCH },
	{ "quiet", no_argument, NULL, 'q' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_tool tool = {
	"hf-list",
	"usage: hf-list [--task TAG] [--filter TAG]... [--author ORG]... [--search S]\n"
	"               [--pipeline-tag TAG] [--gated | --no-gated]\n"
	"               [--num-parameters RANGE] [--sort KEY|none] [--limit N]\n"
	"               [--page-size N] [--expand FIELD]... [--min-downloads N]\n"
	"               [-o FILE [--checkpoint CKPT]] [--endpoint URL]\n"
	"               [--token-file FILE] [--allow-http] [-q]\n"
	"       hf-list [--model ID]... [--url URL]... [--models-from FILE]\n"
	"               [--fetch-config] [--expand FIELD]... [options]\n",
	NULL,
	"o:qh",
	longopts
};

static void
parse_options(struct opts *o, int argc, char **argv)
{
	int c, cap = argc > 8 ? argc : 8;

	o->filter = hf_calloc((size_t)argc, sizeof *o->filter);
	o->author = hf_calloc((size_t)argc, sizeof *o->author);
	o->expand = hf_calloc((size_t)argc, sizeof *o->expand);
	o->models = hf_calloc((size_t)cap, sizeof *o->models);
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_TASK: case O_FILTER: o->filter[o->nfilter++] = optarg; break;
		case O_AUTHOR: o->author[o->nauthor++] = optarg; break;
		case O_SEARCH: o->search = optarg; break;
		case O_PIPE: o->pipeline_tag = optarg; break;
		case O_GATED: o->gated = "true"; break;
		case O_NOGATED: o->gated = "false"; break;
		case O_NUMP: o->num_parameters = optarg; break;
		case O_SORT:
			if (!(o->sort = sort_key(optarg)))
				opt_fail("--sort takes downloads, likes, lastModified, "
				         "createdAt, trendingScore or none");
			o->order_given = 1;
			break;
		case O_LIMIT: o->limit = opt_count("--limit", optarg, 0, INT64_MAX); break;
		case O_PAGE:
			o->page_size = opt_count("--page-size", optarg, 1, MAX_PAGE);
			o->order_given = 1;
			break;
		case O_EXPAND: o->expand[o->nexpand++] = optarg; break;
		case O_MIN: o->min_downloads = opt_count("--min-downloads", optarg, 0, INT64_MAX); break;
		case 'o': o->output = optarg; break;
		case O_CKPT: o->checkpoint = optarg; break;
		case O_ENDPOINT: o->endpoint = optarg; break;
		case O_TOKENFILE: o->token_file = optarg; break;
		case O_HTTP: o->allow_http = 1; break;
		case O_MODEL: case O_URL:
			if (o->nmodels == cap)
				o->models = hf_realloc(o->models, (size_t)(cap *= 2) *
				                       sizeof *o->models);
			o->models[o->nmodels++] = hf_strdup(optarg);
			break;
		case O_FROM: read_models_file(o, optarg, &cap); break;
		case O_FETCH: o->fetch_config = 1; break;
		case 'q': o->quiet = 1; break;
		}
	}
	opt_operands(argc, argv, 0, 0);
	if (o->checkpoint && !o->output)
		opt_fail("--checkpoint needs -o FILE");
	if (o->checkpoint && same_file(o->checkpoint, o->output)) {
		/* each checkpoint would replace the output, and success
		 * would remove it */
		opt_fail("-o and --checkpoint name the same file");
	}
	if (o->min_downloads >= 0 && strcmp(o->sort, "downloads"))
		opt_fail("--min-downloads needs the downloads order");
	if (o->min_downloads >= 0 && o->nexpand) {
		int has = 0;

		for (int i = 0; i < o->nexpand; i++)
			has |= strcmp(o->expand[i], "downloads") == 0;
		if (!has)
			opt_fail("--min-downloads needs --expand downloads");
	}
	if (o->checkpoint && o->nmodels)
		opt_fail("--checkpoint goes with listings, not named models");
	if (o->nmodels && (o->nfilter || o->nauthor || o->search ||
	                   o->pipeline_tag || o->gated || o->num_parameters ||
	                   o->limit >= 0 || o->min_downloads >= 0 ||
	                   o->order_given))
		opt_fail("listing options do not go with --model, --url or "
		         "--models-from");
	if (o->fetch_config && !o->nmodels)
		opt_fail("--fetch-config goes with --model, --url or --models-from");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct run r;
	char err[256], *token, *endpoint;
	struct sigaction sa;
	int st;
	size_t n;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	o.sort = "downloads";
	o.limit = o.min_downloads = -1;
	o.page_size = MAX_PAGE;
	parse_options(&o, argc, argv);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	endpoint = hf_strdup(o.endpoint ? o.endpoint : getenv("HF_ENDPOINT") &&
	                     *getenv("HF_ENDPOINT") ? getenv("HF_ENDPOINT")
	                                            : "https://huggingface.co");
	while ((n = strlen(endpoint)) > 0 && endpoint[n - 1] == '/')
		endpoint[n - 1] = '\0';
	if (token_env_flag("HF_HUB_OFFLINE"))
		hf_die(HF_NET, "HF_HUB_OFFLINE is set; not contacting %s", endpoint);
	if (token_load(o.token_file, &token, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	memset(&r, 0, sizeof r);
	r.o = &o;
	if (http_init(&r.c, endpoint, token, o.allow_http, err, sizeof err) < 0)
		hf_die(HF_USAGE, "%s", err);
	r.c.quiet = o.quiet;
	/* no live line over records written to the same terminal */
	r.c.tty = isatty(2) && !(isatty(1) && !o.output);
	r.c.stop = &got_signal;
	if (r.c.tty && !o.quiet) {
		r.c.on_wait = on_wait;
		r.c.wait_arg = &r;
	}
	if (getenv("HF_LIST_BACKOFF_MS"))
		r.c.base_wait = atof(getenv("HF_LIST_BACKOFF_MS")) / 1000;
	if (getenv("HF_LIST_STALL_TIMEOUT"))
		r.c.stall_timeout = atol(getenv("HF_LIST_STALL_TIMEOUT"));
	json_init(&r.d);
	r.started = now_s();
	st = o.nmodels ? run_named(&r, endpoint) : run_listings(&r, endpoint);
	progress(&r, 1);
	out_free(&r.out);
	if (o.output && close(r.fd) < 0)
		hf_die(HF_STATE, "cannot write %s:", o.output);
	json_free(&r.d);
	http_free(&r.c);
	token_free(token);
	free(endpoint);
	for (int i = 0; i < o.nmodels; i++)
		free(o.models[i]);
	free(o.models);
	free(o.filter);
	free(o.author);
	free(o.expand);
	return st;
}
