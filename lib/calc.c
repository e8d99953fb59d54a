/* calc.c - the calculator's models.json: import, check, sort, write. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calc.h"
#include "huberr.h"
#include "hubref.h"
#include "opt.h"
#include "pyjson.h"

/* The counts --set takes, in the order of calc_overrides.count. */
static const struct {
	const char *key;
	size_t field; /* offset of the int64_t in model_spec */
} counts[CALC_NCOUNTS] = {
	{ "default_context_length", offsetof(model_spec, context_length) },
	{ "hidden_size", offsetof(model_spec, hidden_size) },
	{ "num_layers", offsetof(model_spec, num_layers) },
	{ "num_heads", offsetof(model_spec, num_heads) },
	{ "num_kv_heads", offsetof(model_spec, num_kv_heads) },
	{ "intermediate_size", offsetof(model_spec, intermediate_size) },
	{ "vocab_size", offsetof(model_spec, vocab_size) },
	{ "num_experts", offsetof(model_spec, num_experts) },
	{ "experts_per_token", offsetof(model_spec, experts_per_token) },
};

int
calc_parse_override(calc_overrides *o, const char *kv, char *err,
                    size_t errlen)
{
	const char *eq = strchr(kv, '=');
	size_t n = eq ? (size_t)(eq - kv) : 0, len;
	char flag[64];

	if (eq && n == 19 && strncmp(kv, "parameters_billions", n) == 0)
		return opt_check_number("--set parameters_billions", eq + 1,
		                        DBL_MIN, HUGE_VAL, "a positive number",
		                        &o->params, err, errlen);
	for (int i = 0; eq && i < CALC_NCOUNTS; i++)
		if (strlen(counts[i].key) == n && strncmp(kv, counts[i].key, n) == 0) {
			snprintf(flag, sizeof flag, "--set %s", counts[i].key);
			return opt_check_count(flag, eq + 1, 1, INT64_MAX,
			                       &o->count[i], err, errlen);
		}
	len = (size_t)snprintf(err, errlen, "--set takes KEY=VALUE with KEY "
	                       "parameters_billions");
	for (int i = 0; i < CALC_NCOUNTS && len < errlen; i++)
		len += (size_t)snprintf(err + len, errlen - len, "%s%s",
		                        i < CALC_NCOUNTS - 1 ? ", " : " or ",
		                        counts[i].key);
	if (len < errlen) {
		char shown[64];

		snprintf(err + len, errlen - len, ", not %s",
		         hf_shown(shown, sizeof shown, kv, strlen(kv)));
	}
	return -1;
}

int
calc_overrides_given(const calc_overrides *o)
{
	int any = o->params > 0;

	for (int i = 0; i < CALC_NCOUNTS; i++)
		any |= o->count[i] > 0;
	return any;
}

void
calc_apply_overrides(const calc_overrides *o, model_spec *s)
{
	for (int i = 0; i < CALC_NCOUNTS; i++)
		if (o->count[i] > 0)
			*(int64_t *)((char *)s + counts[i].field) = o->count[i];
}

void
calc_names(const char *hf_id, char **id, char **name)
{
	const char *slash = strchr(hf_id, '/'), *base = slash ? slash + 1 : hf_id;
	size_t len = slash && strchr(base, '/') ? (size_t)(strchr(base, '/') - base)
	                                        : strlen(base);
	char *i = hf_malloc(len + 1), *n = hf_strndup(base, len), *p, *q;
	size_t k = 0;

	for (size_t j = 0; j < len; j++) {
		char c = base[j];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			c = '-';
		if (c == '-' && (k == 0 || i[k - 1] == '-'))
			continue;
		i[k++] = c;
	}
	while (k && i[k - 1] == '-')
		k--;
	i[k] = '\0';
	for (p = n; *p; p++)
		if (*p == '-')
			*p = ' ';
	for (p = n; *p == ' ' || *p == '\t'; p++)
		;
	for (q = p + strlen(p); q > p && (q[-1] == ' ' || q[-1] == '\t'); q--)
		;
	memmove(n, p, (size_t)(q - p));
	n[q - p] = '\0';
	*id = i;
	*name = n;
}

/* One violation: a line on standard error, or appended to why. */
static void __attribute__((format(printf, 3, 4)))
violation(hf_out *why, const char *hf_id, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!why)
		hf_warn("%s: %s", hf_id, msg);
	else if (why->len)
		out_printf(why, "; %s", msg);
	else
		out_printf(why, "%s: %s", hf_id, msg);
}

static int
range_ok(const char *hf_id, const char *what, int64_t v, int64_t lo,
         int64_t hi, hf_out *why)
{
	if (v < 0)
		violation(why, hf_id, "%s is missing from the config (fetch the "
		          "whole config: hf-list --fetch-config, or --set %s=N)",
		          what, what);
	else if (v < lo)
		violation(why, hf_id, "%s %lld is below %lld", what, (long long)v,
		          (long long)lo);
	else if (v > hi)
		violation(why, hf_id, "%s %lld is above %lld", what, (long long)v,
		          (long long)hi);
	else
		return 1;
	return 0;
}

int
calc_valid(const char *hf_id, const char *id, const char *name,
           double billions, const model_spec *s, hf_out *why)
{
	const struct { const char *name; int64_t v, lo, hi; int required; } f[] = {
		{ "hidden_size", s->hidden_size, 128, 32768, 1 },
		{ "num_layers", s->num_layers, 1, 200, 1 },
		{ "num_heads", s->num_heads, 1, 256, 1 },
		{ "default_context_length", s->context_length, 512, 1000000, 1 },
		{ "num_kv_heads", s->num_kv_heads, 1, 256, 0 },
		{ "intermediate_size", s->intermediate_size, 128, INT64_MAX, 0 },
		{ "vocab_size", s->vocab_size, 1000, INT64_MAX, 0 },
		{ "num_experts", s->moe ? s->num_experts : 0, 2, INT64_MAX, 0 },
		{ "experts_per_token", s->moe ? s->experts_per_token : 0, 1,
		  INT64_MAX, 0 },
	};
	int ok = 1;

	if (!*id) {
		violation(why, hf_id, "no id can be made from the name (the id "
		          "takes [a-z0-9-])");
		ok = 0;
	}
	if (!*name) {
		violation(why, hf_id, "the name is empty");
		ok = 0;
	}
	if (!ref_valid_org_id(hf_id)) {
		violation(why, hf_id, "hf_model_id is not ORG/NAME of "
		          "[A-Za-z0-9_.-]");
		ok = 0;
	}
	if (billions <= 0) {
		violation(why, hf_id, "parameters_billions unknown; give it with "
		          "--set parameters_billions=B");
		ok = 0;
	} else if (billions < 0.1 || billions > 1000) {
		violation(why, hf_id, "parameters_billions %g is outside 0.1..1000",
		          billions);
		ok = 0;
	}
	/* An optional field counts only when the config gives it. */
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if ((f[i].required || f[i].v > 0) &&
		    !range_ok(hf_id, f[i].name, f[i].v, f[i].lo, f[i].hi, why))
			ok = 0;
	if (s->num_kv_heads > 0 && s->num_heads > 0 &&
	    s->num_kv_heads > s->num_heads) {
		violation(why, hf_id, "num_kv_heads %lld exceeds num_heads %lld",
		          (long long)s->num_kv_heads, (long long)s->num_heads);
		ok = 0;
	}
	return ok;
}

/* x goes before y: by parameters_billions, "custom" last. */
static int
before(const calc_entry *x, const calc_entry *y)
{
	if (!strcmp(y->id, "custom"))
		return strcmp(x->id, "custom") != 0;
	if (!strcmp(x->id, "custom"))
		return 0;
	return x->params < y->params;
}

/* A merge sort, for stability: entries of the same size keep their
 * order, as JavaScript's Array.prototype.sort does. */
static void
merge_sort(calc_entry *v, size_t n, calc_entry *tmp)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	merge_sort(v, h, tmp);
	merge_sort(v + h, n - h, tmp);
	while (i < h && j < n)
		tmp[k++] = before(&v[j], &v[i]) ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void
calc_sort(calc_entry *v, size_t n)
{
	calc_entry *tmp = hf_malloc((n + 1) * sizeof *tmp);

	merge_sort(v, n, tmp);
	free(tmp);
}

static void
free_entry(calc_entry *e)
{
	free(e->text);
	free(e->id);
	free(e->hf_id);
}

/* Does x clash with e: the same id or the same Hub id? */
static int
clashes(const calc_entry *x, const calc_entry *e)
{
	return strcmp(x->hf_id, e->hf_id) == 0 || strcmp(x->id, e->id) == 0;
}

/* The first entry e clashes with, or NULL. */
static calc_entry *
find_clash(const calc_merge *m, const calc_entry *e)
{
	for (size_t i = 0; i < m->n; i++)
		if (clashes(&m->v[i], e))
			return &m->v[i];
	return NULL;
}

static void
append_entry(calc_merge *m, calc_entry e)
{
	if (m->n == m->cap)
		m->v = hf_realloc(m->v, (m->cap = m->cap ? m->cap * 2 : 64) *
		                  sizeof *m->v);
	m->v[m->n++] = e;
}

/* Put e in the place of the first entry it clashes with (the caller has
 * checked --force) and drop every other one it clashes with, so that no
 * id or Hub id is left twice; or append it. */
static void
replace_entry(calc_merge *m, calc_entry e)
{
	size_t k = 0;
	int placed = 0;

	for (size_t i = 0; i < m->n; i++) {
		if (!clashes(&m->v[i], &e)) {
			m->v[k++] = m->v[i];
			continue;
		}
		free_entry(&m->v[i]);
		if (!placed)
			m->v[k++] = e;
		placed = 1;
	}
	m->n = k;
	if (!placed)
		append_entry(m, e);
}

int
calc_open(calc_merge *m, const calc_opts *opt, char *err, size_t errlen)
{
	const reg_file *f = &m->file;
	int l;

	memset(m, 0, sizeof *m);
	m->opt = *opt;
	if (reg_open(&m->file, opt->path, "models", err, errlen) < 0) {
		reg_not_overwritten(err, errlen);
		return -1;
	}
	l = reg_list(f, "models");
	for (int k = 0, i = l + 1; l >= 0 && k < f->d.tok[l].size;
	     k++, i = json_skip(&f->d, i)) {
		hf_out w;
		calc_entry e = { NULL, NULL, NULL, 0 };
		char *id = json_strdup(&f->d, json_get(&f->d, i, "id"));
		char *hf = json_strdup(&f->d, json_get(&f->d, i, "hf_model_id"));

		out_init_mem(&w);
		py_value_as(&w, &f->d, i, 2, 0); /* kept as it is */
		out_putc(&w, '\0');
		json_double(&f->d, json_get(&f->d, i, "parameters_billions"),
		            &e.params);
		e.text = w.buf;
		e.id = id ? id : hf_strdup("");
		/* "" never matches: entries without a Hub id differ by id */
		e.hf_id = hf ? hf : hf_strdup("\x01");
		append_entry(m, e); /* the file's own duplicates stay */
	}
	m->nbefore = m->n;
	return 0;
}

/* An optional field, written only when set, as the importer does. */
static void
put_count(hf_out *w, const char *key, int64_t v)
{
	if (v <= 0)
		return;
	py_key(w, 3, key, 0);
	out_int(w, v);
}

/* The entry in the importer's key order; parameters_billions comes last
 * because the importer merges it in as an override. */
static char *
render_entry(const json_doc *d, const char *id, const char *name,
             const char *hf_id, double billions, const model_spec *s)
{
	int vc = json_get(d, json_get(d, 0, "config"), "vision_config");
	hf_out w;

	out_init_mem(&w);
	out_putc(&w, '{');
	py_key(&w, 3, "id", 1);
	out_json_str(&w, id, strlen(id), 0);
	py_key(&w, 3, "name", 0);
	out_json_str(&w, name, strlen(name), 0);
	py_key(&w, 3, "hf_model_id", 0);
	out_json_str(&w, hf_id, strlen(hf_id), 0);
	put_count(&w, "hidden_size", s->hidden_size);
	put_count(&w, "num_layers", s->num_layers);
	put_count(&w, "num_heads", s->num_heads);
	put_count(&w, "default_context_length", s->context_length);
	py_key(&w, 3, "architecture", 0);
	out_puts(&w, s->moe ? "\"moe\"" : "\"transformer\"");
	py_key(&w, 3, "modality", 0);
	out_puts(&w, s->multimodal ? "\"multimodal\"" : "\"text\"");
	if (s->multimodal && json_type(d, vc) == JSMN_OBJECT) {
		py_key(&w, 3, "vision_config", 0);
		py_value_as(&w, d, vc, 3, 0);
	}
	put_count(&w, "num_kv_heads", s->num_kv_heads);
	put_count(&w, "intermediate_size", s->intermediate_size);
	put_count(&w, "vocab_size", s->vocab_size);
	if (s->moe) {
		put_count(&w, "num_experts", s->num_experts);
		put_count(&w, "experts_per_token", s->experts_per_token);
	}
	py_key(&w, 3, "parameters_billions", 0);
	js_repr_double(&w, billions);
	py_close(&w, 2, '}');
	out_putc(&w, '\0');
	return w.buf;
}

/* Keep what became of a record (words and ids copied; line taken). */
static void
note(calc_merge *m, const char *hf_id, const char *word, const char *id,
     char *line, const char *replaced)
{
	if (!m->opt.outcomes) {
		free(line);
		return;
	}
	if (m->nout == m->capout)
		m->out = hf_realloc(m->out, (m->capout = m->capout ? m->capout * 2
		                                                  : 16) *
		                    sizeof *m->out);
	m->out[m->nout++] = (calc_outcome){ hf_strdup(hf_id), hf_strdup(word),
	                                    id ? hf_strdup(id) : NULL, line,
	                                    replaced ? hf_strdup(replaced)
	                                             : NULL };
}

/* A record not imported: its line on standard error, or noted. */
static void __attribute__((format(printf, 5, 6)))
refuse(calc_merge *m, const char *hf_id, const char *word, const char *id,
       const char *fmt, ...)
{
	hf_out line;
	va_list ap;

	out_init_mem(&line);
	va_start(ap, fmt);
	{
		char buf[2048];

		vsnprintf(buf, sizeof buf, fmt, ap);
		out_puts(&line, buf);
	}
	va_end(ap);
	out_putc(&line, '\0');
	m->refused++;
	if (!m->opt.outcomes)
		hf_warn("%s", line.buf);
	note(m, hf_id, word, id, line.buf, NULL);
}

/* A model that could not be fetched, as hf-list's error record says. */
static void
take_error_record(calc_merge *m, const json_doc *d)
{
	char *word, *id, *message;

	huberr_read_record(d, &word, &id, &message);
	refuse(m, id, word, NULL, "%s", message);
	free(word);
	free(id);
	free(message);
}

/* The entry of the same Hub id as e, else the first it clashes with by
 * id, or NULL. */
static const calc_entry *
clash_of(const calc_merge *m, const calc_entry *e)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].hf_id, e->hf_id) == 0)
			return &m->v[i];
	return find_clash(m, e);
}

/* e is valid.  Import it, or refuse it as present (or its id as taken). */
static void
import_entry(calc_merge *m, calc_entry e, const char *name)
{
	const calc_entry *x = clash_of(m, &e);
	char *was = x ? hf_strdup(x->id) : NULL;

	if (x && !m->opt.force && strcmp(x->hf_id, e.hf_id)) {
		refuse(m, e.hf_id, "invalid", e.id, "%s: its id %s is taken in %s "
		       "by another entry; --force replaces it", e.hf_id, e.id,
		       m->opt.path);
		free_entry(&e);
		free(was);
		return;
	}
	if (x && (!m->opt.force || !strcmp(x->text, e.text))) {
		refuse(m, e.hf_id, "present", e.id, m->opt.force ?
		       "skipped %s (already present in %s as %s, the same entry)" :
		       "skipped %s (already present in %s as %s; --force replaces "
		       "it)", e.hf_id, m->opt.path, was);
		if (m->opt.force) /* nothing to write for it, nothing refused */
			m->refused--;
		free_entry(&e);
		free(was);
		return;
	}
	if (m->opt.dry_run) {
		out_printf(m->opt.dry_run, "would import %s (%s) - ", e.id, name);
		js_repr_double(m->opt.dry_run, e.params);
		out_printf(m->opt.dry_run, "B params\n%s\n", e.text);
	}
	note(m, e.hf_id, "imported", e.id, NULL, was);
	free(was);
	replace_entry(m, e);
	m->changed++;
}

int
calc_add_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	calc_merge *m = ctx;
	model_spec s;
	int64_t params = -1;
	double billions;
	char *hf_id, *id, *name;
	calc_entry e;
	int idt = json_get(d, 0, "id");
	hf_out why;

	(void)r;
	if (huberr_is_record(d)) {
		take_error_record(m, d);
		return 0;
	}
	if (!json_is_string(d, idt) || gap_is_record(d))
		return 0; /* gap records have no place here */
	hf_id = json_strdup(d, idt);
	model_get_spec(d, &s);
	calc_apply_overrides(&m->opt.set, &s);
	if (model_record_params(d, &params, NULL) < 0)
		params = -1;
	billions = m->opt.set.params > 0 ? m->opt.set.params
	         : params > 0 ? params / 1e9 : -1;
	if (s.multimodal && !m->opt.multimodal) {
		refuse(m, hf_id, "multimodal", NULL, "%s: multimodal model; the "
		       "calculator takes text models: use --multimodal to import it "
		       "with its vision_config", hf_id);
		free(hf_id);
		return 1;
	}
	calc_names(hf_id, &id, &name);
	out_init_mem(&why);
	if (!calc_valid(hf_id, id, name, billions, &s,
	                m->opt.outcomes ? &why : NULL)) {
		out_putc(&why, '\0');
		m->refused++;
		note(m, hf_id, "invalid", *id ? id : NULL, why.buf, NULL);
		free(hf_id);
		free(id);
		free(name);
		return 1;
	}
	out_free(&why);
	e = (calc_entry){ render_entry(d, id, name, hf_id, billions, &s),
	                  id, hf_id, billions };
	import_entry(m, e, name);
	free(name);
	return 0;
}

void
calc_finish(calc_merge *m)
{
	calc_sort(m->v, m->n);
	if (m->opt.dry_run)
		out_printf(m->opt.dry_run, "Total models: %zu -> %zu\n", m->nbefore,
		           m->n);
}

void
calc_write_models(hf_out *w, const calc_merge *m)
{
	const reg_file *f = &m->file;
	int n = f->exists ? f->d.tok[0].size : 0, first = 1;

	out_putc(w, '{');
	/* One round per member of the file, or one for "models" alone. */
	for (int k = 0, i = 1; k < n || (first && k == n); k++) {
		if (k < n && !json_streq(&f->d, i, "models")) {
			py_item(w, 1, first);
			py_value_as(w, &f->d, i, 1, 0);
			out_puts(w, ": ");
			py_value_as(w, &f->d, i + 1, 1, 0);
			i = json_skip(&f->d, i + 1);
			first = 0;
			continue;
		}
		py_key(w, 1, "models", first);
		out_puts(w, m->n ? "[" : "[]");
		for (size_t e = 0; e < m->n; e++) {
			py_item(w, 2, e == 0);
			out_puts(w, m->v[e].text);
		}
		if (m->n)
			py_close(w, 1, ']');
		if (k < n)
			i = json_skip(&f->d, i + 1);
		first = 0;
	}
	py_close(w, 0, '}');
	out_putc(w, '\n');
}

char *
calc_backup_path(const char *path, time_t now)
{
	char stamp[32];
	struct tm tm;
	size_t n = strlen(path) + 48;
	char *bak = hf_malloc(n);

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	snprintf(bak, n, "%s.%s.bak", path, stamp);
	for (int i = 2; access(bak, F_OK) == 0; i++)
		snprintf(bak, n, "%s.%s-%d.bak", path, stamp, i);
	return bak;
}

int
calc_commit(calc_merge *m, char *err, size_t errlen)
{
	const reg_file *f = &m->file;
	char *bak = NULL;
	int st = 0;
	hf_out w;

	if (m->opt.dry_run || !m->changed)
		return 0;
	out_init_mem(&w);
	calc_write_models(&w, m);
	/* A forced re-import of the same entries changes nothing: no
	 * backup, no write. */
	if (f->exists && w.len == f->len && memcmp(w.buf, f->text, f->len) == 0)
		goto done;
	if (f->exists && file_write_atomic(bak = calc_backup_path(m->opt.path,
	                                   time(NULL)), f->text, f->len) < 0) {
		snprintf(err, errlen, "cannot write the backup %s (%s left as it "
		         "was): %s", bak, m->opt.path, strerror(errno));
		st = -1;
	} else if (file_write_atomic(m->opt.path, w.buf, w.len) < 0) {
		snprintf(err, errlen, "cannot write %s (left as it was): %s",
		         m->opt.path, strerror(errno));
		st = -1;
		/* the file is as it was: its copy is not needed */
		if (bak)
			unlink(bak);
	} else {
		m->written = 1;
		m->backup = bak;
		bak = NULL;
	}
done:
	free(bak);
	out_free(&w);
	return st;
}

/* s as one field of an outcome line: tabs and newlines as spaces. */
static void
put_field(hf_out *w, const char *s)
{
	for (; *s; s++)
		out_putc(w, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void
calc_put_outcomes(hf_out *w, const calc_merge *m)
{
	for (size_t i = 0; i < m->nout; i++) {
		const calc_outcome *o = &m->out[i];

		put_field(w, o->hf_id);
		out_putc(w, '\t');
		put_field(w, o->word);
		out_putc(w, '\t');
		put_field(w, o->id && *o->id ? o->id : "-");
		out_putc(w, '\t');
		if (o->line) {
			put_field(w, o->line);
		} else {
			hf_out line;

			out_init_mem(&line);
			out_printf(&line, "%s %s as %s into %s", m->opt.dry_run ?
			           "would import" : "imported", o->hf_id, o->id,
			           m->opt.path);
			if (o->replaced)
				out_printf(&line, ", replacing %s", o->replaced);
			if (m->backup)
				out_printf(&line, " (backup %s)", m->backup);
			else if (m->written)
				out_puts(&line, " (a new file)");
			else if (!m->opt.dry_run)
				out_puts(&line, " (the file unchanged)");
			out_putc(&line, '\0');
			put_field(w, line.buf);
			out_free(&line);
		}
		out_putc(w, '\n');
	}
}

void
calc_put_ids(hf_out *w, const calc_merge *m)
{
	for (size_t i = 0; i < m->nbefore; i++)
		if (strcmp(m->v[i].hf_id, "\x01")) {
			put_field(w, m->v[i].hf_id);
			out_putc(w, '\n');
		}
}

void
calc_free(calc_merge *m)
{
	for (size_t i = 0; i < m->nout; i++) {
		free(m->out[i].hf_id);
		free(m->out[i].word);
		free(m->out[i].id);
		free(m->out[i].line);
		free(m->out[i].replaced);
	}
	free(m->out);
	free(m->backup);
	for (size_t i = 0; i < m->n; i++)
		free_entry(&m->v[i]);
	free(m->v);
	reg_close(&m->file);
	memset(m, 0, sizeof *m);
}
