/* registry.c - open registry files, refusing any that do not parse. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

void
reg_open(reg_file *f, const char *dir, const char *name, const char *list)
{
	const char *why;
	size_t n;

	memset(f, 0, sizeof *f);
	json_init(&f->d);
	if (dir) {
		n = strlen(dir) + strlen(name) + 2;
		f->path = hf_malloc(n);
		snprintf(f->path, n, "%s/%s", dir, name);
	} else {
		f->path = hf_strdup(name);
	}
	f->text = hf_read_file(f->path, (size_t)1 << 30, &f->len);
	if (!f->text) {
		if (errno == ENOENT)
			return;
		hf_die(HF_STATE, "cannot read %s:", f->path);
	}
	f->exists = 1;
	if (json_parse(&f->d, f->text, f->len, 1, &why) < 0)
		hf_die(HF_STATE, "%s: %s near byte %zu; not overwritten", f->path,
		       why, f->d.errpos);
	if (list) {
		int l = reg_list(f, list);

		if (l < 0)
			hf_die(HF_STATE, "%s: no \"%s\" list at the top; not "
			       "overwritten", f->path, list);
		for (int k = 0, i = l + 1; k < f->d.tok[l].size; k++) {
			if (json_type(&f->d, i) != JSMN_OBJECT)
				hf_die(HF_STATE, "%s: an entry of \"%s\" is not an "
				       "object, at byte %d; not overwritten", f->path,
				       list, f->d.tok[i].start);
			i = json_skip(&f->d, i);
		}
	}
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
py_repr_double(hf_out *w, double v)
{
	char buf[40];

	int prec;
	char *e;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* Python writes positional notation for exponents -4 to 15. */
	if ((e = strchr(buf, 'e')) && atoi(e + 1) >= -4 && atoi(e + 1) < 16) {
		int exp = atoi(e + 1), decimals = prec - 1 - exp;

		snprintf(buf, sizeof buf, "%.*f", decimals > 0 ? decimals : 0, v);
	}
	if (!strpbrk(buf, ".en"))
		strcat(buf, ".0");
	out_puts(w, buf);
}
