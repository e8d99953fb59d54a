/* fstats.c - hf-filter's counts, written and read back. */
#include <stdio.h>
#include <string.h>

#include "fstats.h"

const char *const fst_reason[FST_COUNT] = {
	"duplicate", "excluded", "quantized", "downloads", "architecture",
	"supported", "unsupported", "canonical", "author"
};

void
fst_write(hf_out *w, const fst_counts *c)
{
	out_printf(w, "{\"read\":%lld,\"kept\":%lld,\"dropped\":%lld,"
	           "\"inverted\":%s,\"dropped_by\":{", (long long)c->read,
	           (long long)c->kept, (long long)(c->read - c->kept),
	           c->inverted ? "true" : "false");
	for (int i = 0; i < FST_COUNT; i++)
		out_printf(w, "%s\"%s\":%lld", i ? "," : "", fst_reason[i],
		           (long long)c->dropped[i]);
	out_puts(w, "}}\n");
}

int
fst_parse(fst_counts *c, const char *text, size_t len, char *err,
          size_t errlen)
{
	json_doc d;
	const char *why = NULL;
	int by, ok;

	memset(c, 0, sizeof *c);
	json_init(&d);
	ok = json_parse(&d, text, len, 1, &why) == 0;
	by = ok ? json_get(&d, 0, "dropped_by") : -1;
	ok = ok && json_int64(&d, json_get(&d, 0, "read"), &c->read) == 0 &&
	     json_int64(&d, json_get(&d, 0, "kept"), &c->kept) == 0 &&
	     json_is_bool(&d, json_get(&d, 0, "inverted"), &c->inverted) &&
	     json_type(&d, by) == JSMN_OBJECT && c->read >= 0 && c->kept >= 0;
	for (int i = 0; ok && i < FST_COUNT; i++)
		ok = json_int64(&d, json_get(&d, by, fst_reason[i]),
		                &c->dropped[i]) == 0 && c->dropped[i] >= 0;
	json_free(&d);
	if (!ok)
		snprintf(err, errlen, "%s", why ? why : "not the counts of hf-filter");
	return ok ? 0 : -1;
}
