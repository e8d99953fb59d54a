/* regdir.c - a registry directory read into C values. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "registry.h"
#include "regdir.h"
#include "tlreg.h"

/* Room for element n of *v (of size sz), doubling: 1, 2, 4, ... */
static void *
grow(void *v, size_t n, size_t sz)
{
	return (n & (n - 1)) == 0 ? hf_realloc(v, (n ? n * 2 : 1) * sz) : v;
}

/* One shared copy of each string, valid until regdir_free. */
static const char *
intern(regdir *r, const char *s)
{
	strset_add(&r->str, s, strlen(s));
	return strset_stored(&r->str, s, strlen(s));
}

/* A decoded string member of object obj, interned; NULL when it is not a
 * string. */
static const char *
member(regdir *r, const json_doc *d, int obj, const char *key)
{
	char *s = json_strdup(d, json_get(d, obj, key));
	const char *v = s ? intern(r, s) : NULL;

	free(s);
	return v;
}

static void
take_scan(regdir *r, const reg_file *f)
{
	int si = json_get(&f->d, 0, "scan_info");

	if (!f->exists)
		return;
	r->date = member(r, &f->d, 0, "generated_at");
	r->task = member(r, &f->d, si, "task_filter");
	r->scanned = json_count(&f->d, json_get(&f->d, si, "total_scanned"), -1);
	r->min_downloads = json_count(&f->d, json_get(&f->d, si, "min_downloads"), -1);
	if (json_double(&f->d, json_get(&f->d, si, "scan_duration_seconds"),
	                &r->duration) < 0)
		r->duration = -1;
}

static int
missing(const reg_file *f, int obj, const char *key, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: an entry without a string \"%s\", at byte %d",
	         f->path, key, f->d.tok[obj].start);
	return -1;
}

/* The history's latest valid verification date of each model: ids in
 * hist, dates[i] for the i-th id added. */
struct history {
	strset ids;
	const char **date;
	size_t n;
};

static void
take_history(regdir *r, const reg_file *f, struct history *h)
{
	int l = reg_list(f, "records");

	for (int k = 0, i = l + 1; l >= 0 && k < f->d.tok[l].size;
	     k++, i = json_skip(&f->d, i)) {
		const char *id = member(r, &f->d, i, "model_id");
		const char *date = member(r, &f->d, i, "verified_date");
		int inval = 0;
		size_t at;

		json_is_bool(&f->d, json_get(&f->d, i, "invalidated"), &inval);
		if (!id || !date || inval)
			continue;
		if (strset_add_val(&h->ids, id, strlen(id), h->n, &at)) {
			h->date = grow(h->date, h->n, sizeof *h->date);
			at = h->n++;
		}
		h->date[at] = date; /* a later record wins */
	}
}

static void
count_arch(regdir *r, const char *arch, int verified)
{
	size_t at;

	if (strset_add_val(&r->arch_ix, arch, strlen(arch), r->narch, &at)) {
		r->arch = grow(r->arch, r->narch, sizeof *r->arch);
		at = r->narch++;
		r->arch[at].arch = arch;
		r->arch[at].models = r->arch[at].verified = 0;
	}
	r->arch[at].models++;
	r->arch[at].verified += verified;
}

static int
take_models(regdir *r, const reg_file *f, const struct history *h, char *err,
            size_t errlen)
{
	int l = reg_list(f, "models");
	size_t n = l >= 0 ? (size_t)f->d.tok[l].size : 0, at;

	r->model = hf_calloc(n ? n : 1, sizeof *r->model);
	for (int k = 0, i = l + 1; l >= 0 && k < f->d.tok[l].size;
	     k++, i = json_skip(&f->d, i)) {
		regdir_model *m = &r->model[r->nmodel];
		const char *slash;
		int64_t st;
		int verified = 0;

		if (!(m->arch = member(r, &f->d, i, "architecture_id")))
			return missing(f, i, "architecture_id", err, errlen);
		if (!(m->id = member(r, &f->d, i, "model_id")))
			return missing(f, i, "model_id", err, errlen);
		if (!strset_add_val(&r->model_ix, m->id, strlen(m->id), r->nmodel,
		                    &at))
			continue; /* an id listed twice: the first one counts */
		if (json_int64(&f->d, json_get(&f->d, i, "status"), &st) == 0)
			m->status = st >= 0 && st < 100 ? (int)st : 99;
		else if (json_is_bool(&f->d, json_get(&f->d, i, "verified"),
		                      &verified))
			m->status = verified ? REGDIR_VERIFIED : REGDIR_UNVERIFIED;
		slash = strchr(m->id, '/');
		if (slash) {
			char *org = hf_strndup(m->id, (size_t)(slash - m->id));

			m->org = intern(r, org);
			free(org);
		} else {
			m->org = intern(r, "");
		}
		m->verified = member(r, &f->d, i, "verified_date");
		if (!m->verified && strset_get(&h->ids, m->id, strlen(m->id), &at))
			m->verified = h->date[at];
		r->verified += m->status == REGDIR_VERIFIED;
		count_arch(r, m->arch, m->status == REGDIR_VERIFIED);
		r->nmodel++;
	}
	return 0;
}

static int
cmp_arch(const void *a, const void *b)
{
	const regdir_arch *x = a, *y = b;

	if (x->models != y->models)
		return x->models < y->models ? 1 : -1;
	return strcmp(x->arch, y->arch);
}

static int
take_gaps(regdir *r, const reg_file *f, char *err, size_t errlen)
{
	int l = reg_list(f, "gaps");
	size_t at;

	for (int k = 0, i = l + 1; l >= 0 && k < f->d.tok[l].size;
	     k++, i = json_skip(&f->d, i)) {
		char *arch = json_strdup(&f->d, json_get(&f->d, i, "architecture_id"));
		gap *g;

		if (!arch)
			return missing(f, i, "architecture_id", err, errlen);
		gap_read(&r->gaps, &f->d, i);
		/* The score as the file has it: the page shows the scan's. */
		g = gaps_find(&r->gaps, arch, strlen(arch));
		if (json_double(&f->d, json_get(&f->d, i, "relevancy_score"),
		                &g->score) < 0)
			g->score = 0;
		free(arch);
	}
	gaps_sort(&r->gaps);
	for (size_t i = 0; i < r->gaps.n; i++) {
		const char *a = r->gaps.v[i].arch;

		strset_add_val(&r->gap_ix, a, strlen(a), i, &at);
		r->gap_models = num_add_count(r->gap_models, r->gaps.v[i].models);
	}
	return 0;
}

static void
take_ckpt(void *ctx, const tl_state_line *l)
{
	regdir *r = ctx;

	if (!l->id || !strset_add(&r->ckpt_ix, l->id, strlen(l->id)))
		return;
	r->ckpt = grow(r->ckpt, r->nckpt, sizeof *r->ckpt);
	r->ckpt[r->nckpt].id = intern(r, l->id);
	r->ckpt[r->nckpt].arch = intern(r, l->arch);
	r->ckpt[r->nckpt].downloads = l->downloads;
	r->ckpt[r->nckpt].params = l->params;
	r->nckpt++;
}

/* Smallest first; unknown sizes last; then most downloaded, then id. */
static int
cmp_size(const regdir_ckpt *x, const regdir_ckpt *y)
{
	if (x->params != y->params) {
		if (x->params < 0 || y->params < 0)
			return x->params < 0 ? 1 : -1;
		return x->params < y->params ? -1 : 1;
	}
	if (x->downloads != y->downloads)
		return x->downloads < y->downloads ? 1 : -1;
	return strcmp(x->id, y->id);
}

static int
cmp_ckpt(const void *a, const void *b)
{
	const regdir_ckpt *x = a, *y = b;
	int c = strcmp(x->arch, y->arch);

	return c ? c : cmp_size(x, y);
}

static int
take_state(regdir *r, char *err, size_t errlen)
{
	size_t n = strlen(r->dir) + sizeof "/" TL_STATE_FILE, at;
	char *path = hf_malloc(n);
	int st;

	snprintf(path, n, "%s/%s", r->dir, TL_STATE_FILE);
	st = tl_state_read(path, take_ckpt, r, err, errlen);
	free(path);
	if (st < 0)
		return -1;
	r->has_state = st;
	if (r->nckpt)
		qsort(r->ckpt, r->nckpt, sizeof *r->ckpt, cmp_ckpt);
	/* Indexes of each id's place after sorting, and of each
	 * architecture's first checkpoint. */
	strset_free(&r->ckpt_ix);
	strset_init(&r->ckpt_ix);
	for (size_t i = 0; i < r->nckpt; i++) {
		const char *id = r->ckpt[i].id, *a = r->ckpt[i].arch;

		strset_add_val(&r->ckpt_ix, id, strlen(id), i, &at);
		strset_add_val(&r->ckpt_arch_ix, a, strlen(a), i, &at);
	}
	return 0;
}

/* reg_open of dir/name. */
static int
open_file(reg_file *f, const char *dir, const char *name, const char *list,
          char *err, size_t errlen)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = hf_malloc(n);
	int st;

	snprintf(path, n, "%s/%s", dir, name);
	st = reg_open(f, path, list, err, errlen);
	free(path);
	return st;
}

int
regdir_load(regdir *r, const char *dir, char *err, size_t errlen)
{
	reg_file sup, gaps, hist;
	struct history h = { { 0 }, NULL, 0 };
	struct stat sb;
	int st = -1, e;

	memset(r, 0, sizeof *r);
	r->dir = hf_strdup(dir);
	r->scanned = r->min_downloads = -1;
	r->duration = -1;
	strset_init(&r->str);
	strset_init(&r->model_ix);
	strset_init(&r->arch_ix);
	strset_init(&r->gap_ix);
	strset_init(&r->ckpt_ix);
	strset_init(&r->ckpt_arch_ix);
	strset_init(&h.ids);
	gaps_init(&r->gaps);
	memset(&sup, 0, sizeof sup);
	memset(&gaps, 0, sizeof gaps);
	memset(&hist, 0, sizeof hist);
	e = stat(dir, &sb) < 0 ? errno : S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
	if (e) {
		snprintf(err, errlen, "cannot read %s: %s", dir, strerror(e));
		goto done;
	}
	if (open_file(&sup, dir, "supported_models.json", "models", err,
	              errlen) < 0 ||
	    open_file(&gaps, dir, "architecture_gaps.json", "gaps", err,
	              errlen) < 0 ||
	    open_file(&hist, dir, "verification_history.json", NULL, err,
	              errlen) < 0)
		goto done;
	if (!sup.exists && !gaps.exists) {
		snprintf(err, errlen, "%s: no supported_models.json or "
		         "architecture_gaps.json", dir);
		goto done;
	}
	take_scan(r, sup.exists ? &sup : &gaps);
	take_history(r, &hist, &h);
	if (take_models(r, &sup, &h, err, errlen) < 0 ||
	    take_gaps(r, &gaps, err, errlen) < 0 || take_state(r, err, errlen) < 0)
		goto done;
	if (r->narch)
		qsort(r->arch, r->narch, sizeof *r->arch, cmp_arch);
	strset_free(&r->arch_ix);
	strset_init(&r->arch_ix);
	for (size_t i = 0, at; i < r->narch; i++)
		strset_add_val(&r->arch_ix, r->arch[i].arch,
		               strlen(r->arch[i].arch), i, &at);
	st = 0;
done:
	strset_free(&h.ids);
	free(h.date);
	reg_close(&sup);
	reg_close(&gaps);
	reg_close(&hist);
	return st;
}

void
regdir_free(regdir *r)
{
	free(r->dir);
	free(r->model);
	free(r->arch);
	free(r->ckpt);
	gaps_free(&r->gaps);
	strset_free(&r->str);
	strset_free(&r->model_ix);
	strset_free(&r->arch_ix);
	strset_free(&r->gap_ix);
	strset_free(&r->ckpt_ix);
	strset_free(&r->ckpt_arch_ix);
	memset(r, 0, sizeof *r);
}

const char *
regdir_status_name(int status)
{
	static const char *const names[] = { "unverified", "verified",
		"skipped", "failed", "provisional" };

	return status >= 0 && status < 5 ? names[status] : "other";
}

/* The value stored for s in set, or -1. */
static long
index_of(const strset *set, const char *s)
{
	size_t at;

	return strset_get(set, s, strlen(s), &at) ? (long)at : -1;
}

const regdir_model *
regdir_model_of(const regdir *r, const char *id)
{
	long i = index_of(&r->model_ix, id);

	return i < 0 ? NULL : &r->model[i];
}

const regdir_arch *
regdir_arch_of(const regdir *r, const char *arch)
{
	long i = index_of(&r->arch_ix, arch);

	return i < 0 ? NULL : &r->arch[i];
}

const gap *
regdir_gap_of(const regdir *r, const char *arch)
{
	long i = index_of(&r->gap_ix, arch);

	return i < 0 ? NULL : &r->gaps.v[i];
}


size_t
regdir_rank(const regdir *r, const gap *g)
{
	return (size_t)(g - r->gaps.v) + 1;
}

const regdir_ckpt *
regdir_ckpts(const regdir *r, const char *arch, size_t *n)
{
	long i = index_of(&r->ckpt_arch_ix, arch);
	size_t e;

	*n = 0;
	if (i < 0)
		return NULL;
	for (e = (size_t)i; e < r->nckpt && strcmp(r->ckpt[e].arch, arch) == 0;)
		e++;
	*n = e - (size_t)i;
	return &r->ckpt[i];
}

static const regdir_ckpt *
ckpt_of(const regdir *r, const char *id)
{
	long i = index_of(&r->ckpt_ix, id);

	return i < 0 ? NULL : &r->ckpt[i];
}

int
regdir_samples(const regdir *r, const gap *g, regdir_ckpt out[GAP_SAMPLES])
{
	int n = 0;

	for (int k = 0; k < g->nsample; k++) {
		const regdir_ckpt *c = ckpt_of(r, g->sample[k]);
		regdir_ckpt s = { g->sample[k], g->arch, c ? c->downloads : -1,
		                  c ? c->params : -1 };
		int at = n;

		/* Insertion keeps ties in the file's order. */
		while (at > 0 && s.params >= 0 &&
		       (out[at - 1].params < 0 || out[at - 1].params > s.params)) {
			out[at] = out[at - 1];
			at--;
		}
		out[at] = s;
		n++;
	}
	return n;
}
