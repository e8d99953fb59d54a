/* huberr.c - reasons and advice for failed Hub requests. */
#include <stdio.h>
#include <string.h>

#include "hf.h"
#include "huberr.h"

const char *
huberr_word(int reason)
{
	static const char *const words[HUBERR_COUNT] = {
		"missing", "gated", "token", "query", "network", "http",
		"malformed"
	};

	return reason >= 0 && reason < HUBERR_COUNT ? words[reason] : "http";
}

static int
gated(const http_req *r)
{
	return r->error_code && strcmp(r->error_code, "GatedRepo") == 0;
}

int
huberr_reason(const http_req *r)
{
	if (r->result == HTTP_GAVE_UP || r->result == HTTP_UNREACHABLE ||
	    r->status == 0)
		return HUBERR_NETWORK;
	if (gated(r))
		return HUBERR_GATED;
	if (r->status == 401 && r->error_message &&
	    strstr(r->error_message, "Invalid credentials"))
		return HUBERR_TOKEN;
	if (r->status == 404 || r->status == 401)
		return HUBERR_MISSING;
	if (r->status == 400)
		return HUBERR_QUERY;
	return HUBERR_HTTP;
}

/* ": message" when the Hub said one, else nothing. */
static const char *
colon(const http_req *r)
{
	return r->error_message ? ": " : "";
}

static const char *
said(const http_req *r)
{
	return r->error_message ? r->error_message : "";
}

/* The file a URL asks for, the last segment of its path, and its
 * length in *len; NULL when the path ends in '/' or there is no URL. */
static const char *
file_of(const char *url, int *len)
{
	const char *end, *f;

	if (!url)
		return NULL;
	f = end = url + strcspn(url, "?#");
	while (f > url && f[-1] != '/')
		f--;
	*len = (int)(end - f);
	return *len > 0 ? f : NULL;
}

void
huberr_model_line(const http_req *r, int anonymous, const char *id,
                  char *buf, size_t n)
{
	const char *file;
	int len;

	if (r->result == HTTP_GAVE_UP)
		snprintf(buf, n, "%s: the Hub kept failing; try again later", id);
	else if (r->result == HTTP_UNREACHABLE)
		snprintf(buf, n, "%s: %s", id, said(r));
	else if (gated(r) && r->status == 403)
		snprintf(buf, n, "%s: gated model; your token has no access: "
		         "request it at https://huggingface.co/%s", id, id);
	else if (gated(r))
		snprintf(buf, n, "%s: gated model; log in: set HF_TOKEN to a "
		         "token with access", id);
	else if (r->status == 401 && r->error_message &&
	         strstr(r->error_message, "Invalid credentials"))
		snprintf(buf, n, "%s: the Hub refused the token; check HF_TOKEN "
		         "or the token file", id);
	else if (r->status == 404 && r->error_code &&
	         strcmp(r->error_code, "EntryNotFound") == 0 &&
	         (file = file_of(r->url, &len)))
		/* the model is there, the file (its config.json) is not */
		snprintf(buf, n, "%s: no %.*s in the repository", id, len, file);
	else if (r->status == 401 && anonymous)
		snprintf(buf, n, "%s: not found, or private: check the id, or set "
		         "HF_TOKEN", id);
	else if (r->status == 404 || r->status == 401)
		snprintf(buf, n, "%s: not found on the Hub: check the id", id);
	else if (r->status == 0)
		snprintf(buf, n, "%s: %s", id, r->error_message ? r->error_message
		                                                : "no answer");
	else
		snprintf(buf, n, "%s: HTTP %ld%s%s", id, r->status, colon(r),
		         said(r));
}

void
huberr_listing_line(const http_req *r, int anonymous, char *buf, size_t n)
{
	if (r->result == HTTP_GAVE_UP)
		snprintf(buf, n, "the Hub kept failing");
	else if (r->result == HTTP_UNREACHABLE)
		snprintf(buf, n, "%s", said(r));
	else if (r->status == 401 && !anonymous)
		snprintf(buf, n, "the Hub refused the token (HTTP 401); check "
		         "HF_TOKEN or the token file");
	else if (r->status == 400)
		snprintf(buf, n, "the Hub rejected the query (HTTP 400%s%s); "
		         "check --expand, --sort and the filters", colon(r), said(r));
	else if (r->status == 0)
		snprintf(buf, n, "%s: %s", r->url, r->error_message ?
		         r->error_message : "no answer");
	else
		snprintf(buf, n, "%s: HTTP %ld%s%s", r->url, r->status, colon(r),
		         said(r));
}

void
huberr_put_record(hf_out *w, int reason, const char *id, const char *message,
                  char *const *suggest, int n)
{
	out_puts(w, "{\"hf_error\":\"");
	out_puts(w, huberr_word(reason));
	out_puts(w, "\",\"id\":");
	out_json_str(w, id, strlen(id), 0);
	out_puts(w, ",\"message\":");
	out_json_str(w, message, strlen(message), 0);
	if (n > 0) {
		out_puts(w, ",\"suggestions\":[");
		for (int i = 0; i < n; i++) {
			if (i)
				out_putc(w, ',');
			out_json_str(w, suggest[i], strlen(suggest[i]), 0);
		}
		out_putc(w, ']');
	}
	out_puts(w, "}\n");
}

int
huberr_is_record(const json_doc *d)
{
	return json_get(d, 0, "hf_error") >= 0;
}

static char *
string_or_empty(const json_doc *d, const char *key)
{
	char *s = json_strdup(d, json_get(d, 0, key));

	return s ? s : hf_strdup("");
}

void
huberr_read_record(const json_doc *d, char **word, char **id, char **message)
{
	*word = string_or_empty(d, "hf_error");
	*id = string_or_empty(d, "id");
	*message = string_or_empty(d, "message");
}
