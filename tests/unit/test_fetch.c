/* Unit tests of lib/fetch.c against the project's own hf-serve (serve.h)
 * on a snapshot written here: named models written in the order named
 * whatever order they come in, one line for each that cannot be fetched
 * (missing, malformed, gated, without a config.json), --fetch-config,
 * an endpoint that cannot be reached, an interruption.  Each fetch runs
 * in a forked child (child.h): its records are the child's standard
 * output, its messages and then its counts ("# N records, M failed")
 * its standard error, fetch_run's status its exit status. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "../../lib/fetch.h"
#include "child.h"
#include "scratch.h"
#include "serve.h"
#include "tap.h"

#define NMODELS 10
#define CONFIG "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":" \
               "\"llama\",\"hidden_size\":%d}"
#define CURATED "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":" \
                "\"llama\"}"
#define MISSING "not found, or private: check the id, or set HF_TOKEN"
#define NOT_AN_ID "not a model id (ORG/NAME) or model URL"

static serve srv;
static const char *const downloads[] = { "downloads" };
static const char *const with_config[] = { "downloads", "config" };

/* One fetch, as the child runs it. */
struct run {
	const char *const *src;
	int n;
	const char *endpoint;        /* NULL: hf-serve's */
	const char *const *expand;   /* NULL: downloads only */
	int nexpand;
	int fetch_config, jobs;
	int stopped;                 /* a signal came before it began */
};

static void
fetch_child(void *arg)
{
	static volatile sig_atomic_t stop;
	struct run *r = arg;
	fetch_opts o = { .src = (char *const *)r->src, .n = r->n,
	                 .expand = r->expand ? r->expand : downloads,
	                 .nexpand = r->expand ? r->nexpand : 1,
	                 .fetch_config = r->fetch_config, .jobs = r->jobs,
	                 .stop = &stop };
	http_pool p;
	fetch_stats st;
	hf_out out;
	int status;

	o.endpoint = r->endpoint ? r->endpoint : srv.url;
	serve_pool(&p, o.endpoint, &stop);
	if (r->stopped)
		stop = SIGINT;
	out_init(&out, 1, "standard output");
	status = fetch_run(&o, &p, &out, &st);
	out_free(&out);
	fprintf(stderr, "# %lld records, %lld failed\n", (long long)st.records,
	        (long long)st.failed);
	http_pool_free(&p);
	exit(status);
}

/* The snapshot: org/m00..m09 with a config each (its hidden_size 64 + g),
 * org/gated (gated, with a config) and org/gguf (no config.json).  The
 * config comes before downloads, so that --fetch-config's record, whose
 * config goes last, differs in more than the config. */
static void
make_snapshot(const char *path)
{
	FILE *f = fopen(path, "w");

	for (int g = 0; f && g < NMODELS; g++) {
		fprintf(f, "{\"_id\":\"66000000000000000000%04d\",\"id\":\"org/m%02d\","
		        "\"author\":\"org\",\"config\":" CONFIG ",\"downloads\":%d,"
		        "\"gated\":false}\n", g, g, 64 + g, 1000 - g);
	}
	if (f)
		fputs("{\"_id\":\"660000000000000000000100\",\"id\":\"org/gated\","
		      "\"config\":" CURATED ",\"downloads\":5,\"gated\":\"manual\"}\n"
		      "{\"_id\":\"660000000000000000000101\",\"id\":\"org/gguf\","
		      "\"downloads\":7,\"gated\":false}\n", f);
	if (!f || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Model g's record as hf-serve gives it with expand[]=downloads. */
static void
put_record(hf_out *w, int g)
{
	out_printf(w, "{\"_id\":\"66000000000000000000%04d\",\"id\":\"org/m%02d\","
	           "\"downloads\":%d}\n", g, g, 1000 - g);
}

/* The records of models g[0..n), in that order, NUL-terminated. */
static const char *
records(const int *g, int n)
{
	static hf_out w;

	free(w.buf);
	out_init_mem(&w);
	for (int i = 0; i < n; i++)
		put_record(&w, g[i]);
	out_putc(&w, '\0');
	return w.buf;
}

static void
test_order(void)
{
	static const char *const src[] = {
		"org/m07", "https://huggingface.co/org/m02/tree/main", "org/m09",
		"org/m00", "hf.co/org/m05", "org/m01", "org/m08", "org/m03",
		"org/m07"
	};
	static const int want[] = { 7, 2, 9, 0, 5, 1, 8, 3, 7 };
	struct run r = { src, 9, NULL, NULL, 0, 0, 4, 0 };
	child c;

	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, records(want, 9)) == 0,
	         "-j 4: the records in the order named, ids and URLs alike, one "
	         "named twice written twice");
	child_ok(&c, strcmp(c.err, "# 9 records, 0 failed\n") == 0,
	         "nothing said, every record counted");
	r.jobs = 1;
	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, records(want, 9)) == 0,
	         "-j 1: the same bytes");
	r.n = 0;
	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_OK && !c.out[0] &&
	         strcmp(c.err, "# 0 records, 0 failed\n") == 0,
	         "no models: nothing asked, nothing written");
}

static void
test_failures(void)
{
	static const char *const src[] = {
		"org/m01", "org/absent", "not an id", "org/m02",
		"https://huggingface.co/datasets/org/data", "org/m03", "org/na--me"
	};
	static const int want[] = { 1, 2, 3 };
	struct run r = { src, 7, NULL, NULL, 0, 0, 4, 0 };
	child c;

	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_PARTIAL && strcmp(c.out, records(want, 3)) == 0,
	         "missing and malformed ones: HF_PARTIAL, the others written");
	child_ok(&c, strcmp(c.err,
	         "test_fetch: org/absent: " MISSING "\n"
	         "test_fetch: not an id: " NOT_AN_ID "\n"
	         "test_fetch: https://huggingface.co/datasets/org/data: "
	         NOT_AN_ID "\n"
	         "test_fetch: org/na--me: " NOT_AN_ID "\n"
	         "# 3 records, 4 failed\n") == 0,
	         "one line for each, in the order named, as the user wrote it");
}

static void
test_fetch_config(void)
{
	static const char *const src[] = { "org/m04", "org/m06" };
	static const char *const gated[] = { "org/m04", "org/gated", "org/gguf",
	                                     "org/m06" };
	struct run r = { src, 2, NULL, with_config, 2, 0, 4, 0 };
	char want[512];
	child c;

	child_run(&c, fetch_child, &r);
	snprintf(want, sizeof want,
	         "{\"_id\":\"660000000000000000000004\",\"id\":\"org/m04\","
	         "\"config\":" CURATED ",\"downloads\":996}\n"
	         "{\"_id\":\"660000000000000000000006\",\"id\":\"org/m06\","
	         "\"config\":" CURATED ",\"downloads\":994}\n");
	child_ok(&c, c.status == HF_OK && strcmp(c.out, want) == 0,
	         "expand config: the Hub's curated config, in its place");
	r.fetch_config = 1;
	child_run(&c, fetch_child, &r);
	snprintf(want, sizeof want,
	         "{\"_id\":\"660000000000000000000004\",\"id\":\"org/m04\","
	         "\"downloads\":996,\"config\":" CONFIG "}\n"
	         "{\"_id\":\"660000000000000000000006\",\"id\":\"org/m06\","
	         "\"downloads\":994,\"config\":" CONFIG "}\n", 68, 70);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, want) == 0,
	         "--fetch-config: the whole config.json replaces it, last");
	r.expand = NULL;
	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, want) == 0,
	         "--fetch-config without config in expand: the config is added");

	r.src = gated;
	r.n = 4;
	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == HF_PARTIAL && strcmp(c.out, want) == 0,
	         "a gated model and one without config.json: HF_PARTIAL, the "
	         "others written");
	child_ok(&c, strcmp(c.err, "test_fetch: org/gated: gated model; log in: "
	         "set HF_TOKEN to a token with access\n"
	         "test_fetch: org/gguf: no config.json in the repository\n"
	         "# 2 records, 2 failed\n") == 0,
	         "gated: log in; no config.json: says so, not 'check the id'");
}

static void
test_unreachable(void)
{
	static const char *const src[] = { "org/m01", "org/m02", "org/m03" };
	struct run r = { src, 3, "http://127.0.0.1:9", NULL, 0, 0, 2, 0 };
	const char *line2;
	child c;

	child_run(&c, fetch_child, &r);
	line2 = strchr(c.err, '\n');
	child_ok(&c, c.status == HF_NET && !c.out[0] &&
	         strncmp(c.err, "test_fetch: org/m0", 18) == 0 &&
	         strncmp(c.err + 19, ": cannot reach http://127.0.0.1:9: ", 35) == 0,
	         "an endpoint that cannot be reached: HF_NET, one line naming it");
	child_ok(&c, line2 && strncmp(line2 + 1, "# 0 records, ", 13) == 0,
	         "and no line for the other models");
}

static void
test_interrupted(void)
{
	static const char *const src[] = { "org/m01", "org/m02" };
	struct run r = { src, 2, NULL, NULL, 0, 0, 2, 1 };
	child c;

	child_run(&c, fetch_child, &r);
	child_ok(&c, c.status == 128 + SIGINT && !c.out[0] &&
	         strcmp(c.err, "test_fetch: interrupted after 0 models\n") == 0,
	         "a signal: 128 + its number, after one line");
}

int
main(void)
{
	char snapshot[512];
	int status;

	hf_setprogname("test_fetch");
	snprintf(snapshot, sizeof snapshot, "%s", scratch_path("hub.ndjson"));
	make_snapshot(snapshot);
	if (serve_start(&srv, snapshot, scratch_path("url")) < 0) {
		ok(0, "hf-serve started");
		scratch_remove();
		return done_testing();
	}
	test_order();
	test_failures();
	test_fetch_config();
	test_unreachable();
	test_interrupted();
	status = serve_stop(&srv);
	is_int(status, 0, "hf-serve ends with SIGTERM, status 0");
	scratch_remove();
	return done_testing();
}
