/* registry.c - read registry files safely; write TransformerLens's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pyjson.h"
#include "registry.h"
#include "strset.h"

/* Where the value of key sits, for messages: its byte, or the root's. */
static int
byte_of(const reg_file *f, int tok)
{
	return tok >= 0 ? f->d.tok[tok].start : f->d.tok[0].start;
}

static int
check_list(const reg_file *f, const char *list, char *err, size_t errlen)
{
	int l = json_get(&f->d, 0, list);

	if (l < 0) {
		snprintf(err, errlen, "%s: no \"%s\" key in the top object at "
		         "byte %d", f->path, list, byte_of(f, -1));
		return -1;
	}
	if (json_type(&f->d, l) != JSMN_ARRAY) {
		snprintf(err, errlen, "%s: \"%s\" is not a list, at byte %d",
		         f->path, list, byte_of(f, l));
		return -1;
	}
	for (int k = 0, i = l + 1; k < f->d.tok[l].size; k++) {
		if (json_type(&f->d, i) != JSMN_OBJECT) {
			snprintf(err, errlen, "%s: an entry of \"%s\" is not an "
			         "object, at byte %d", f->path, list, byte_of(f, i));
			return -1;
		}
		i = json_skip(&f->d, i);
	}
	return 0;
}

void
reg_not_overwritten(char *err, size_t errlen)
{
	size_t n = strlen(err);

	snprintf(err + n, errlen - n, "; not overwritten");
}

/* Whether text is nothing but white space (json_parse would call it an
 * empty line, which is no way to speak of a whole file). */
static int
blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", text[i]) || text[i] == '\0')
			return 0;
	return 1;
}

int
reg_open(reg_file *f, const char *path, const char *list, char *err,
         size_t errlen)
{
	const char *why;

	memset(f, 0, sizeof *f);
	json_init(&f->d);
	f->path = hf_strdup(path);
	f->text = file_read(f->path, (size_t)1 << 30, &f->len);
	if (!f->text) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", f->path,
		         strerror(errno));
		return -1;
	}
	f->exists = 1;
	if (blank(f->text, f->len)) {
		snprintf(err, errlen, "%s: empty (a registry file holds one JSON "
		         "object)", f->path);
		return -1;
	}
	if (json_parse(&f->d, f->text, f->len, 1, &why) < 0) {
		snprintf(err, errlen, "%s: %s near byte %zu", f->path, why,
		         f->d.errpos);
		return -1;
	}
	return list ? check_list(f, list, err, errlen) : 0;
}

void
reg_close(reg_file *f)
{
	json_free(&f->d);
	free(f->text);
	free(f->path);
	memset(f, 0, sizeof *f);
}

int
reg_list(const reg_file *f, const char *list)
{
	int l;

	if (!f->exists)
		return -1;
	l = json_get(&f->d, 0, list);
	return json_type(&f->d, l) == JSMN_ARRAY ? l : -1;
}

void
reg_today(char buf[16])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;
	int64_t e;

	if (sde && (e = num_parse_count(sde)) >= 0) {
		t = (time_t)e;
		gmtime_r(&t, &tm);
	} else {
		localtime_r(&t, &tm);
	}
	strftime(buf, 16, "%Y-%m-%d", &tm);
}

void
reg_write_head(hf_out *w, const reg_scan_info *si)
{
	char date[16];

	reg_today(date);
	out_putc(w, '{');
	py_key(w, 1, "generated_at", 1);
	py_str(w, date, strlen(date));
	py_key(w, 1, "scan_info", 0);
	out_putc(w, '{');
	py_key(w, 2, "total_scanned", 1);
	out_int(w, si->total_scanned);
	py_key(w, 2, "task_filter", 0);
	py_str(w, si->task_filter, strlen(si->task_filter));
	py_key(w, 2, "min_downloads", 0);
	out_int(w, si->min_downloads);
	py_key(w, 2, "scan_duration_seconds", 0);
	py_float1(w, si->duration);
	py_close(w, 1, '}');
}

/* A new entry up to its model_id... */
static void
entry_head(hf_out *w, const char *arch, const char *id, int first)
{
	py_item(w, 2, first);
	out_putc(w, '{');
	py_key(w, 3, "architecture_id", 1);
	py_str(w, arch, strlen(arch));
	py_key(w, 3, "model_id", 0);
	py_str(w, id, strlen(id));
}

/* ...and the rest, the same for every one. */
static void
entry_tail(hf_out *w)
{
	static const char *const nulls[] = {
		"verified_date", "metadata", "note", "phase1_score", "phase2_score",
		"phase3_score", "phase4_score", "phase7_score", "phase8_score"
	};

	py_key(w, 3, "status", 0);
	out_putc(w, '0');
	for (size_t n = 0; n < sizeof nulls / sizeof *nulls; n++) {
		py_key(w, 3, nulls[n], 0);
		out_puts(w, "null");
	}
	py_close(w, 2, '}');
}

void
reg_write_model_entry(hf_out *w, const char *arch, const char *id, int first)
{
	entry_head(w, arch, id, first);
	entry_tail(w);
}

static int
is_verified(const json_doc *d, int entry)
{
	int st = json_get(d, entry, "status"), b;
	double v;

	/* Python's model.get("status", 0) == 1: 1, 1.0 and true. */
	return (json_double(d, st, &v) == 0 && v == 1) ||
	       (json_is_bool(d, st, &b) && b);
}

void
reg_write_supported(hf_out *w, const reg_scan_info *si, const reg_file *sup,
                    const reg_model *added, size_t nadded)
{
	int l = reg_list(sup, "models"), n = l >= 0 ? sup->d.tok[l].size : 0;
	int64_t verified = 0;
	strset archs;
	hf_out tail;

	/* The counts first, over the entries kept and the new ones. */
	strset_init(&archs);
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		char *a = json_strdup(&sup->d, json_get(&sup->d, i,
		                                        "architecture_id"));

		verified += is_verified(&sup->d, i);
		if (a)
			strset_add(&archs, a, strlen(a));
		free(a);
	}
	for (size_t i = 0; i < nadded; i++)
		strset_add(&archs, added[i].arch, strlen(added[i].arch));
	reg_write_head(w, si);
	py_key(w, 1, "total_architectures", 0);
	out_int(w, (int64_t)archs.n);
	py_key(w, 1, "total_models", 0);
	out_int(w, n + (int64_t)nadded);
	py_key(w, 1, "total_verified", 0);
	out_int(w, verified);
	py_key(w, 1, "models", 0);
	out_puts(w, n + nadded ? "[" : "[]");
	for (int k = 0, i = l + 1; k < n; k++, i = json_skip(&sup->d, i)) {
		py_item(w, 2, k == 0);
		py_value(w, &sup->d, i, 2); /* kept as it is */
	}
	/* tens of thousands of new entries after a scan: their common tail
	 * made once */
	out_init_mem(&tail);
	entry_tail(&tail);
	for (size_t i = 0; i < nadded; i++) {
		entry_head(w, added[i].arch, added[i].id, n == 0 && i == 0);
		out_write(w, tail.buf, tail.len);
	}
	free(tail.buf);
	if (n + nadded)
		py_close(w, 1, ']');
	py_close(w, 0, '}');
	out_putc(w, '\n');
	strset_free(&archs);
}

static void
write_gap(hf_out *w, const gap *x, int first)
{
	py_item(w, 2, first);
	out_putc(w, '{');
	py_key(w, 3, "architecture_id", 1);
	py_str(w, x->arch, strlen(x->arch));
	py_key(w, 3, "total_models", 0);
	out_int(w, x->models);
	py_key(w, 3, "total_downloads", 0);
	out_int(w, x->downloads);
	py_key(w, 3, "min_param_count", 0);
	if (x->min_params < 0)
		out_puts(w, "null");
	else
		out_int(w, x->min_params);
	py_key(w, 3, "sample_models", 0);
	if (!x->nsample)
		out_puts(w, "[]");
	else
		out_putc(w, '[');
	for (int k = 0; k < x->nsample; k++) {
		py_item(w, 4, k == 0);
		py_str(w, x->sample[k], strlen(x->sample[k]));
	}
	if (x->nsample)
		py_close(w, 3, ']');
	py_key(w, 3, "relevancy_score", 0);
	py_float1(w, x->score);
	py_close(w, 2, '}');
}

void
reg_write_gaps(hf_out *w, const reg_scan_info *si, const gap_set *g)
{
	int64_t models = 0;

	for (size_t i = 0; i < g->n; i++)
		models = num_add_count(models, g->v[i].models);
	reg_write_head(w, si);
	py_key(w, 1, "total_unsupported_architectures", 0);
	out_int(w, (int64_t)g->n);
	py_key(w, 1, "total_unsupported_models", 0);
	out_int(w, models);
	py_key(w, 1, "gaps", 0);
	if (!g->n)
		out_puts(w, "[]");
	else
		out_putc(w, '[');
	for (size_t i = 0; i < g->n; i++)
		write_gap(w, &g->v[i], i == 0);
	if (g->n)
		py_close(w, 1, ']');
	py_close(w, 0, '}');
}

void
reg_write_history(hf_out *w)
{
	out_puts(w, "{\n  \"last_updated\": null,\n  \"records\": []\n}\n");
}
