/* Unit tests of lib/scan.c against the project's own hf-serve (serve.h)
 * on a 30-model snapshot written here: several listings into one output
 * and into two, -j 1 and -j 4, --limit, --min-downloads, --known-ids,
 * checkpoints and runs resumed after an interruption, a listing the Hub
 * refuses, an endpoint that cannot be reached.  Each scan runs in a
 * forked child (child.h), as hf-list would run it: scan_run exits on an
 * interruption.  What each output should hold is worked out here from
 * the snapshot, the way the Hub orders and hf-list limits a listing. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../lib/ckpt.h"
#include "../../lib/scan.h"
#include "child.h"
#include "scratch.h"
#include "serve.h"
#include "tap.h"

#define NMODELS 30
#define PAGE 4

/* Model g: org-a, org-b or org-c in turn, downloads falling with g and
 * _id falling too, so that --sort none (by _id) is the reverse order. */
struct model {
	char oid[32], id[32];
	const char *org;
	int64_t downloads;
};

static struct model models[NMODELS];
static const char *const expand[] = { "downloads" };
static serve srv;
static char dir[256], snapshot[512], out1[512], out2[512], out3[512], ck[512];
/* set in the scanning child only, from its progress callback */
static volatile sig_atomic_t stop;

/* The listings every test starts from, as lines of a listings file. */
static const char *const base_lines[] = {
	"--author org-a",
	"--author org-b --sort none",
	"--author org-c --limit 3 -o OUT1",
	"--task text-generation --min-downloads 2000",
	"--author org-a --limit 0",
};
#define NQ 5

static void
make_snapshot(void)
{
	FILE *f = fopen(snapshot, "w");

	for (int g = 0; g < NMODELS; g++) {
		struct model *m = &models[g];

		m->org = g % 3 == 0 ? "org-a" : g % 3 == 1 ? "org-b" : "org-c";
		snprintf(m->oid, sizeof m->oid, "6500000000000000000000%02d", 99 - g);
		snprintf(m->id, sizeof m->id, "%s/m%02d", m->org, g);
		m->downloads = 3000 - 100 * g;
		if (f)
			fprintf(f, "{\"_id\":\"%s\",\"id\":\"%s\",\"author\":\"%s\","
			        "\"downloads\":%lld,\"likes\":%d,"
			        "\"tags\":[\"text-generation\"],"
			        "\"pipeline_tag\":\"text-generation\"}\n", m->oid, m->id,
			        m->org, (long long)m->downloads, g);
	}
	if (!f || fclose(f) != 0) {
		perror(snapshot);
		exit(1);
	}
}

/* The lines plan() cut listings from, freed at the end. */
static char *kept[32];
static int nkept;

/* The listings of lines, -o OUT1 meaning out1. */
static void
plan(lst_query *q, const char *const *lines, int n)
{
	char err[256];

	for (int i = 0; i < n; i++) {
		char *line = hf_malloc(strlen(lines[i]) + strlen(out1) + 1), *at;

		if (nkept == 32)
			exit(1);
		kept[nkept++] = line;
		strcpy(line, lines[i]);
		if ((at = strstr(line, "OUT1")))
			strcpy(at, out1);
		lst_init(&q[i]);
		if (lst_parse_line(&q[i], line, err, sizeof err) < 0) {
			fprintf(stderr, "%s: %s\n", lines[i], err);
			exit(1);
		}
	}
}

/* What listing q writes: the snapshot in the Hub's order, cut where the
 * listing's --limit (known ids not counted) or --min-downloads says. */
static void
want_listing(const lst_query *q, const strset *known, hf_out *w)
{
	int none = strcmp(q->sort, "none") == 0;
	int64_t counted = 0;

	for (int k = 0; k < NMODELS; k++) {
		const struct model *m = &models[none ? NMODELS - 1 - k : k];

		if (q->author && strcmp(q->author, m->org) != 0)
			continue;
		if ((q->limit >= 0 && counted >= q->limit) ||
		    (q->min_downloads >= 0 && m->downloads < q->min_downloads))
			break;
		counted += !(known && strset_has(known, m->id, strlen(m->id)));
		out_printf(w, "{\"_id\":\"%s\",\"id\":\"%s\",\"downloads\":%lld}\n",
		           m->oid, m->id, (long long)m->downloads);
	}
}

/* What the output path (NULL: the run's default output) should hold:
 * its listings, in order. */
static void
want_output(const lst_query *q, int n, const char *path, const strset *known,
            hf_out *w)
{
	out_init_mem(w);
	for (int i = 0; i < n; i++)
		if ((q[i].output && path && strcmp(q[i].output, path) == 0) ||
		    (!q[i].output && !path))
			want_listing(&q[i], known, w);
	out_putc(w, '\0');
	w->len--;
}

/* One scan, as the child runs it. */
struct run {
	lst_query *q;
	int nq;
	const char *endpoint;     /* NULL: hf-serve's */
	const char *output;       /* the run's -o; NULL: standard output */
	const char *checkpoint;
	int jobs;
	const strset *known;
	int stop_after;           /* progress calls before "a signal"; 0 none */
	int calls;
};

static void
on_progress(void *arg, const scan_stats *st, int last)
{
	struct run *r = arg;

	(void)st;
	if (!last && r->stop_after && ++r->calls == r->stop_after)
		stop = SIGTERM;
}

/* The child: scan_run's status is its exit status; with an output file,
 * the counts are its standard output. */
static void
scan_child(void *arg)
{
	struct run *r = arg;
	scan_opts o = { .q = r->q, .nq = r->nq, .expand = expand, .nexpand = 1,
	                .page_size = PAGE, .output = r->output,
	                .checkpoint = r->checkpoint, .jobs = r->jobs,
	                .known = r->known, .stop = &stop };
	http_pool p;
	scan_stats st;
	int status;

	o.endpoint = r->endpoint ? r->endpoint : srv.url;
	serve_pool(&p, o.endpoint, &stop);
	status = scan_run(&o, &p, &st, on_progress, r);
	if (r->output)
		printf("records %lld pages %lld done %d failed %d",
		       (long long)st.records, (long long)st.pages, st.done,
		       st.failed);
	http_pool_free(&p);
	exit(status);
}

/* Does path hold exactly want? */
static int
holds(const char *path, const hf_out *want)
{
	size_t len;
	char *text = file_read(path, 1u << 20, &len);
	int same = text && len == want->len && memcmp(text, want->buf, len) == 0;

	free(text);
	return same;
}

static off_t
size_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* How many spool files of the checkpoint are in the directory. */
static int
spools(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strstr(e->d_name, ".spool") != NULL;
	if (d)
		closedir(d);
	return n;
}

/* The length of the first n lines of s. */
static size_t
lines_len(const char *s, int n)
{
	const char *p = s;

	while (n-- > 0 && (p = strchr(p, '\n')))
		p++;
	return p ? (size_t)(p - s) : strlen(s);
}

/* The ids of the records in path, comma-separated, into buf. */
static const char *
ids_in(const char *path, char *buf, size_t n)
{
	size_t len, k = 0;
	char *text = file_read(path, 1u << 20, &len);
	const char *p = text;

	buf[0] = '\0';
	while (p && (p = strstr(p, "\"id\":\"")) && k + 1 < n) {
		const char *e = strchr(p += 6, '"');

		k += (size_t)snprintf(buf + k, n - k, "%s%.*s", k ? "," : "",
		                      (int)(e - p), p);
	}
	free(text);
	return buf;
}

static void
fresh(void)
{
	char spool[600];

	unlink(out1);
	unlink(out2);
	unlink(ck);
	for (int i = 0; i < NQ; i++) {
		snprintf(spool, sizeof spool, "%s.%d.spool", ck, i);
		unlink(spool);
	}
}

static void
test_outputs(lst_query *q)
{
	struct run r = { q, NQ, NULL, out2, NULL, 1, NULL, 0, 0 };
	hf_out w1, w2, all;
	char ids[1024];
	child c;

	want_output(q, NQ, out1, NULL, &w1);
	want_output(q, NQ, NULL, NULL, &w2);
	fresh();
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, "records 34 pages 10 "
	         "done 5 failed 0") == 0 && !c.err[0],
	         "-j 1: every listing done, nothing said");
	ok(holds(out2, &w2), "the run's output: its four listings in order");
	ok(holds(out1, &w1), "-o of a listing's own: its records alone");
	is_str(ids_in(out2, ids, sizeof ids), "org-a/m00,org-a/m03,org-a/m06,"
	       "org-a/m09,org-a/m12,org-a/m15,org-a/m18,org-a/m21,org-a/m24,"
	       "org-a/m27,org-b/m28,org-b/m25,org-b/m22,org-b/m19,org-b/m16,"
	       "org-b/m13,org-b/m10,org-b/m07,org-b/m04,org-b/m01,org-a/m00,"
	       "org-b/m01,org-c/m02,org-a/m03,org-b/m04,org-c/m05,org-a/m06,"
	       "org-b/m07,org-c/m08,org-a/m09,org-b/m10",
	       "by downloads; --sort none by _id; --min-downloads 2000 stops "
	       "above 1900; --limit 0 writes nothing");
	is_str(ids_in(out1, ids, sizeof ids), "org-c/m02,org-c/m05,org-c/m08",
	       "--limit 3");
	r.jobs = 4;
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_OK, "-j 4");
	ok(holds(out2, &w2) && holds(out1, &w1), "-j 4 writes the bytes of -j 1");

	/* every listing into one output */
	for (int i = 0; i < NQ; i++)
		q[i].output = NULL;
	want_output(q, NQ, NULL, NULL, &all);
	for (int jobs = 1; jobs <= 4; jobs += 3) {
		r.jobs = jobs;
		fresh();
		child_run(&c, scan_child, &r);
		child_ok(&c, c.status == HF_OK && holds(out2, &all),
		         "-j %d: five listings in one output, in order", jobs);
	}
	r.output = NULL;
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_OK && strcmp(c.out, all.buf) == 0,
	         "no -o: standard output, the same bytes");
	free(w1.buf);
	free(w2.buf);
	free(all.buf);
}

/* --known-ids: the ids listed are written but not counted. */
static void
test_known(lst_query *q)
{
	static const char *const lines[] = {
		"--author org-c --limit 3",
		"--task text-generation --min-downloads 2000",
		"--author org-a --limit 2 --sort none",
	};
	struct run r = { q, 3, NULL, out2, NULL, 2, NULL, 0, 0 };
	strset known;
	char ids[1024];
	hf_out w;
	child c;

	plan(q, lines, 3);
	strset_init(&known);
	strset_add(&known, "org-c/m02", 9);
	strset_add(&known, "org-c/m05", 9);
	strset_add(&known, "org-a/m27", 9);
	r.known = &known;
	fresh();
	child_run(&c, scan_child, &r);
	want_output(q, 3, NULL, &known, &w);
	child_ok(&c, c.status == HF_OK && holds(out2, &w), "--known-ids");
	is_str(ids_in(out2, ids, sizeof ids), "org-c/m02,org-c/m05,org-c/m08,"
	       "org-c/m11,org-c/m14,org-a/m00,org-b/m01,org-c/m02,org-a/m03,"
	       "org-b/m04,org-c/m05,org-a/m06,org-b/m07,org-c/m08,org-a/m09,"
	       "org-b/m10,org-a/m27,org-a/m24,org-a/m21",
	       "known ids do not count toward a --limit: five of org-c, three "
	       "of org-a; a listing without one is all there");
	child_ok(&c, strcmp(c.out, "records 19 pages 7 done 3 failed 0") == 0,
	         "the counts: every record written, known ones included, and "
	         "the second pages asked for them");
	free(w.buf);
	strset_free(&known);
}

static void
test_checkpoint(lst_query *q)
{
	struct run r = { q, NQ, NULL, out2, ck, 1, NULL, 2, 0 };
	hf_out w, w1;
	ckpt k = { 0 };
	char err[256], spool[600], said[700];
	size_t eight;
	int spooled = 1;
	child c;

	want_output(q, NQ, NULL, NULL, &w);
	want_output(q, NQ, out1, NULL, &w1);
	eight = lines_len(w.buf, 8);
	fresh();
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == 128 + SIGTERM && strstr(c.err, "interrupted "
	         "after 8 models; run the same command again to resume"),
	         "-j 1, stopped after two pages: 128 + the signal, and why");
	ok(ckpt_read(ck, &k, err, sizeof err) == 1, "a checkpoint is left: '%s'",
	   err);
	ok(k.noutputs == 2 && k.nlistings == NQ && k.offset[0] == (int64_t)eight &&
	   k.offset[1] == 0, "the outputs' lengths: two pages, nothing");
	ok(size_of(out2) == (off_t)eight && size_of(out1) == 0,
	   "the outputs are that long");
	ok(!k.l[0].done && k.l[0].records == 8 && k.l[0].pages == 2 &&
	   k.l[0].spool == -1 && k.l[0].next && strstr(k.l[0].next, "cursor="),
	   "the first listing: two pages in, writing into its output, its next "
	   "page");
	for (int i = 1; i < NQ; i++) {
		/* the third listing is the first of out1: it writes there */
		int head = i == 2;

		snprintf(spool, sizeof spool, "%s.%d.spool", ck, i);
		spooled &= !k.l[i].done && k.l[i].records == 0 && !k.l[i].next &&
		           k.l[i].spool == (head ? -1 : 0) &&
		           size_of(spool) == (head ? -1 : 0);
	}
	ok(spooled, "the others: not begun, each with an empty spool beside it "
	   "but the first of out1");
	ckpt_free(&k);

	r.stop_after = 0;
	child_run(&c, scan_child, &r);
	snprintf(said, sizeof said, "test_scan: resuming after 8 models from %s\n",
	         ck);
	child_ok(&c, c.status == HF_OK && strcmp(c.err, said) == 0,
	         "resumed, and said so");
	child_ok(&c, strcmp(c.out, "records 34 pages 10 done 5 failed 0") == 0,
	         "the counts include the resumed records");
	ok(holds(out2, &w) && holds(out1, &w1),
	   "the bytes of an uninterrupted run");
	ok(size_of(ck) < 0 && spools() == 0, "no checkpoint and no spool left");

	r.stop_after = 1;
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == 128 + SIGTERM, "stopped again after a page");
	{
		lst_query other[NQ];

		memcpy(other, q, sizeof other);
		other[0].limit = 5;
		r.q = other;
		r.stop_after = 0;
		child_run(&c, scan_child, &r);
		child_ok(&c, c.status == HF_USAGE && strstr(c.err, "is the checkpoint "
		         "of another query; run the same command to resume it, or "
		         "remove it"), "another query's checkpoint is refused");
		memcpy(other, q, sizeof other);
		other[2].output = out3;
		child_run(&c, scan_child, &r);
		child_ok(&c, c.status == HF_USAGE && strstr(c.err, "is the checkpoint "
		         "of another query") && size_of(out3) < 0,
		         "so is a run whose listing goes to another file, before it "
		         "opens it");
		r.q = q;
	}
	free(w.buf);
	free(w1.buf);
}

/* Stopped after k progress calls, resumed and stopped again after one,
 * resumed to the end: the bytes of the run never stopped. */
static void
test_resume_anywhere(lst_query *q)
{
	struct run r = { q, NQ, NULL, out2, ck, 3, NULL, 0, 0 };
	hf_out w, w1;
	child c;

	want_output(q, NQ, NULL, NULL, &w);
	want_output(q, NQ, out1, NULL, &w1);
	for (int k = 1; k <= 6; k++) {
		int st[3];

		fresh();
		r.stop_after = k;
		child_run(&c, scan_child, &r);
		st[0] = c.status;
		r.stop_after = 1;
		child_run(&c, scan_child, &r);
		st[1] = c.status;
		r.stop_after = 0;
		child_run(&c, scan_child, &r);
		st[2] = c.status;
		child_ok(&c, (st[0] == 128 + SIGTERM || st[0] == 0) &&
		         (st[1] == 128 + SIGTERM || st[1] == 0) && st[2] == 0 &&
		         holds(out2, &w) && holds(out1, &w1) && size_of(ck) < 0 &&
		         spools() == 0, "-j 3, stopped after %d and again after 1: "
		         "the same bytes, nothing left (statuses %d %d %d)", k, st[0],
		         st[1], st[2]);
	}
	free(w.buf);
	free(w1.buf);
}

static void
test_refused(lst_query *q)
{
	struct run r = { q, NQ, NULL, out2, NULL, 4, NULL, 0, 0 };
	hf_out w1, w3;
	ckpt k = { 0 };
	char err[256];
	child c;

	q[1].num_parameters = "garbage";
	want_output(q, NQ, out1, NULL, &w1);
	out_init_mem(&w3);
	want_listing(&q[0], NULL, &w3);
	want_listing(&q[3], NULL, &w3);
	want_listing(&q[4], NULL, &w3);
	fresh();
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_NET && strstr(c.err, "test_scan: listing 2 "
	         "(--author org-b --num-parameters garbage --sort none): the Hub "
	         "rejected the query (HTTP 400: Invalid num_parameters); check "
	         "--expand, --sort and the filters after 0 models\n"),
	         "a listing the Hub refuses: HF_NET, named with its options");
	child_ok(&c, strcmp(c.out, "records 24 pages 7 done 4 failed 1") == 0,
	         "the others ran to the end");
	ok(holds(out2, &w3) && holds(out1, &w1),
	   "without a checkpoint, the others' records are written, in order");

	r.checkpoint = ck;
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_NET && strstr(c.err, "test_scan: 1 of 5 "
	         "listings failed; run the same command again to resume them"),
	         "with a checkpoint: HF_NET, and how to resume");
	ok(ckpt_read(ck, &k, err, sizeof err) == 1 && k.l[0].done &&
	   !k.l[1].done && k.l[2].done && k.l[3].done && k.l[4].done,
	   "the checkpoint: every listing done but the refused one");
	ok(k.nlistings == NQ && k.offset[0] == (int64_t)lines_len(w3.buf, 10) &&
	   k.l[3].spool == (int64_t)(w3.len - lines_len(w3.buf, 10)),
	   "the output holds the first listing; the ones after the refused one "
	   "wait in their spools");
	ckpt_free(&k);
	fresh();
	q[1].num_parameters = NULL;
	free(w1.buf);
	free(w3.buf);
}

static void
test_unreachable(lst_query *q)
{
	struct run r = { q, NQ, "http://127.0.0.1:9", out2, NULL, 4, NULL, 0, 0 };
	child c;

	fresh();
	child_run(&c, scan_child, &r);
	child_ok(&c, c.status == HF_NET && strncmp(c.err, "test_scan: cannot "
	         "reach http://127.0.0.1:9: ", 44) == 0 &&
	         strchr(c.err, '\n') == c.err + strlen(c.err) - 1,
	         "an endpoint that cannot be reached: HF_NET after one line");
	child_ok(&c, strcmp(c.out, "records 0 pages 0 done 0 failed 0") == 0 &&
	         size_of(out2) == 0 && size_of(out1) == 0, "nothing written");
}

/* The groups' part of a progress line, from counts made up here. */
static void
test_groups(void)
{
	scan_group g[3] = {
		{ "main", 1, 0, 0, 40, 4000, 1523, 500 },
		{ "sweep", 43, 12, 1, 90, 9000, -1, -1 },
		{ NULL, 3, 1, 0, 1, 10, -1, 700 },
	};
	scan_stats st = { .group = g, .ngroups = 3 };
	hf_out w;

	out_init_mem(&w);
	scan_put_groups(&w, &st);
	out_putc(&w, '\0');
	is_str(w.buf, "main 40 pages, at 1523 downloads (stop below 500), "
	       "sweep 12 of 43, 1 of 3 listings, 1 page, ",
	       "a label's pages (one listing) or its listings done (several), "
	       "the downloads against --min-downloads once there are some, "
	       "the unlabelled ones' listings and pages");
	w.len = 0;
	g[0].label = NULL;
	g[0].pages = 1;
	st.ngroups = 1;
	scan_put_groups(&w, &st);
	out_putc(&w, '\0');
	is_str(w.buf, "1 page, at 1523 downloads (stop below 500), ",
	       "one listing without a label: its pages");
	free(w.buf);
}

int
main(void)
{
	lst_query q[NQ];
	int status;

	hf_setprogname("test_scan");
	snprintf(dir, sizeof dir, "%s", scratch_dir());
	snprintf(snapshot, sizeof snapshot, "%s/hub.ndjson", dir);
	snprintf(out1, sizeof out1, "%s/out1", dir);
	snprintf(out2, sizeof out2, "%s/out2", dir);
	snprintf(out3, sizeof out3, "%s/out3", dir);
	snprintf(ck, sizeof ck, "%s/ck", dir);
	test_groups();
	make_snapshot();
	/* Each answer 20 ms after its request: a page cannot come in the
	 * same turn that asked for it (a kept-alive connection and an idle
	 * server could), so the pages come one batch each, as the stops
	 * after so many progress calls expect. */
	if (serve_start_slow(&srv, snapshot, scratch_path("url"), 20) < 0) {
		ok(0, "hf-serve started");
		scratch_remove();
		return done_testing();
	}
	plan(q, base_lines, NQ);
	test_outputs(q);
	plan(q, base_lines, NQ);
	test_checkpoint(q);
	test_resume_anywhere(q);
	test_refused(q);
	test_unreachable(q);
	test_known(q);
	status = serve_stop(&srv);
	is_int(status, 0, "hf-serve ends with SIGTERM, status 0");
	while (nkept > 0)
		free(kept[--nkept]);
	scratch_remove();
	return done_testing();
}
