/* ckpt.c - read and atomically write hf-list checkpoints. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "ckpt.h"

#define CKPT_MAGIC "hf-list checkpoint 1\n"

uint64_t
ckpt_fingerprint(const char *s, size_t n)
{
	return num_hash(s, n);
}

int
ckpt_write(const char *path, const ckpt *k)
{
	hf_out w;
	int r;

	out_init_mem(&w);
	out_puts(&w, CKPT_MAGIC);
	out_printf(&w, "query %016" PRIx64 "\nlisting %d\noffset %" PRId64
	           "\nrecords %" PRId64 "\npages %" PRId64 "\nnext %s\n",
	           k->query, k->listing, k->offset, k->records, k->pages,
	           k->next ? k->next : "");
	r = file_write_atomic(path, w.buf, w.len);
	free(w.buf);
	return r;
}

int
ckpt_read(const char *path, ckpt *k, char *err, size_t errlen)
{
	size_t len;
	char *text = file_read(path, 1u << 20, &len), *p, *nl;
	int fields = 0;

	memset(k, 0, sizeof *k);
	if (!text) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (strncmp(text, CKPT_MAGIC, strlen(CKPT_MAGIC)) != 0) {
		snprintf(err, errlen, "not an hf-list checkpoint");
		free(text);
		return -1;
	}
	for (p = text + strlen(CKPT_MAGIC); *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
		if (sscanf(p, "query %" SCNx64, &k->query) == 1 ||
		    sscanf(p, "listing %d", &k->listing) == 1 ||
		    sscanf(p, "offset %" SCNd64, &k->offset) == 1 ||
		    sscanf(p, "records %" SCNd64, &k->records) == 1 ||
		    sscanf(p, "pages %" SCNd64, &k->pages) == 1)
			fields++;
		else if (strncmp(p, "next ", 5) == 0 && !k->next) {
			k->next = hf_strdup(p + 5);
			fields++;
		}
	}
	free(text);
	if (fields != 6 || k->offset < 0 || k->listing < 0) {
		snprintf(err, errlen, "incomplete checkpoint");
		ckpt_free(k);
		return -1;
	}
	return 1;
}

void
ckpt_free(ckpt *k)
{
	free(k->next);
	k->next = NULL;
}
