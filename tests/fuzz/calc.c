/*
 * calc - a calculator's models.json merged with records, as hf-report
 * --models-json does it (lib/calc.c).  The input is the file, a line
 * "%%", and the records; bits of its hash choose --force, --multimodal
 * and --dry-run.  The file goes into a directory of the harness's own,
 * then calc_open, calc_add_record (by rec_each, as hf-report reads its
 * input), calc_finish and calc_commit.  Properties: a file that does not
 * load says why in one line; the merged file parses with its entries
 * under "models", reads back through calc_open and is written again the
 * same; calc_commit puts exactly that on disk, with the file as it was
 * in its one backup, or (dry run, nothing imported, nothing changed)
 * leaves the file alone.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/calc.h"
#include "../../lib/record.h"
#include "fuzz.h"

static char dir[4096], path[4096 + 16];

/* Remove every backup of models.json; the one there was, if any, in
 * *text (malloc'd) and its length in *len.  Returns how many. */
static int
take_backups(char **text, size_t *len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char bak[sizeof dir + 300];
	int n = 0;

	fuzz_assert(d != NULL);
	*text = NULL;
	while ((e = readdir(d)) != NULL) {
		size_t k = strlen(e->d_name);

		if (strncmp(e->d_name, "models.json.", 12) || k < 16 ||
		    strcmp(e->d_name + k - 4, ".bak"))
			continue;
		snprintf(bak, sizeof bak, "%s/%s", dir, e->d_name);
		if (!n++)
			*text = file_read(bak, SIZE_MAX / 2, len);
		unlink(bak);
	}
	closedir(d);
	return n;
}

/* The entries of a file calc_merge wrote, written again. */
static void
write_again(const hf_out *w, hf_out *again)
{
	calc_opts o = { .path = fuzz_path("again.json") };
	calc_merge m;
	char err[512];
	fuzz_put(o.path, w->buf, w->len);
	if (calc_open(&m, &o, err, sizeof err) != 0)
		fuzz_fail(err, __FILE__, __LINE__);
	calc_finish(&m);
	calc_write_models(again, &m);
	calc_free(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data, *end = rest + size, *p;
	uint64_t bits = num_hash(data, size);
	char *rec[1];
	calc_opts o = { 0 };
	calc_merge m;
	hf_out w, again, shown, quiet;
	char err[512], *bak, *now;
	size_t n, baklen, nowlen;

	if (!dir[0]) {
		hf_setprogname("calc");
		snprintf(dir, sizeof dir, "%s", fuzz_path("calc"));
		fuzz_assert(mkdir(dir, 0700) == 0);
		snprintf(path, sizeof path, "%s/models.json", dir);
	}
	/* an empty file part: no models.json yet */
	p = fuzz_part(&rest, end, &n);
	unlink(path);
	if (n)
		fuzz_put(path, p, n);
	out_init_mem(&shown);
	o.path = path;
	o.force = bits & 1;
	o.multimodal = bits >> 1 & 1;
	o.dry_run = bits >> 2 & 1 ? &shown : NULL;
	if (calc_open(&m, &o, err, sizeof err) < 0) {
		fuzz_assert(err[0] && !strchr(err, '\n'));
		calc_free(&m);
		out_free(&shown);
		return 0;
	}
	rec[0] = (char *)fuzz_file((const uint8_t *)rest,
	                           rest ? (size_t)(end - rest) : 0);
	out_init_mem(&quiet);
	rec_each(rec, 1, 0, &quiet, calc_add_record, &m);
	calc_finish(&m);
	out_init_mem(&w);
	calc_write_models(&w, &m);
	{
		static json_doc d;
		const char *why;

		if (json_parse(&d, w.buf, w.len, 1, &why) != 0)
			fuzz_fail(why, __FILE__, __LINE__);
		fuzz_assert(json_type(&d, json_get(&d, 0, "models")) == JSMN_ARRAY &&
		            d.tok[json_get(&d, 0, "models")].size == (int)m.n);
	}
	out_init_mem(&again);
	write_again(&w, &again);
	fuzz_assert(again.len == w.len && memcmp(again.buf, w.buf, w.len) == 0);
	if (calc_commit(&m, err, sizeof err) != 0)
		fuzz_fail(err, __FILE__, __LINE__);
	now = file_read(path, SIZE_MAX / 2, &nowlen);
	if (o.dry_run || !m.changed) {
		/* as it was */
		fuzz_assert(n == 0 ? !now : now && nowlen == n &&
		            memcmp(now, p, n) == 0);
		fuzz_assert(take_backups(&bak, &baklen) == 0);
	} else {
		int changed = !n || w.len != n || memcmp(w.buf, p, n) != 0;

		fuzz_assert(now && nowlen == w.len && memcmp(now, w.buf, w.len) == 0);
		/* a backup of what there was, if it changed */
		fuzz_assert(take_backups(&bak, &baklen) == (n && changed));
		fuzz_assert(!bak || (baklen == n && memcmp(bak, p, n) == 0));
	}
	free(bak);
	free(now);
	calc_free(&m);
	out_free(&w);
	out_free(&again);
	out_free(&shown);
	out_free(&quiet);
	return 0;
}
