/* Unit tests of lib/hubsrv.c: what hf-serve answers, request by request,
 * over a five-model snapshot. */
#include <stdlib.h>
#include "../../lib/hubsrv.h"
#include "../../lib/url.h"
#include "tap.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define CONFIG_A "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":" \
                 "\"llama\",\"hidden_size\":4096}"

static const char snapshot[] =
	"{\"_id\":\"01\",\"id\":\"org/alpha\",\"author\":\"org\",\"downloads\":30,"
	"\"likes\":1,\"tags\":[\"text-generation\",\"llama\"],"
	"\"pipeline_tag\":\"text-generation\",\"gated\":false,\"sha\":\"" SHA_A
	"\",\"safetensors\":{\"total\":7000000000},\"config\":" CONFIG_A "}\n"
	"{\"_id\":\"02\",\"id\":\"org/beta\",\"author\":\"org\",\"downloads\":20,"
	"\"likes\":5,\"tags\":[\"text-generation\"],\"gated\":\"manual\","
	"\"config\":{\"architectures\":[\"X\"],\"hidden_size\":8}}\n"
	"{\"_id\":\"03\",\"id\":\"other/gamma\",\"author\":\"other\","
	"\"downloads\":10,\"likes\":5,\"tags\":[\"fill-mask\"],\"gated\":false,"
	"\"safetensors\":{\"total\":100000000}}\n"
	"{\"_id\":\"04\",\"id\":\"solo\",\"downloads\":40,\"likes\":0,"
	"\"tags\":[\"llama\"]}\n"
	"{\"_id\":\"05\",\"id\":\"org/delta\",\"downloads\":0,\"tags\":[]}\n";
static const char aliases[] = "org/old-alpha\torg/alpha\n";

static hub h;
static hubsrv srv;
static hubsrv_state st;
static hubsrv_reply r;
static time_t now = 1000;

/* Answer METHOD TARGET (path?query) with these headers into r; the
 * body is NUL-terminated for the checks. */
static hubsrv_reply *
request(const char *method, const char *target, const char *auth,
        const char *range, const char *host)
{
	char *path = hf_strdup(target), *q = strchr(path, '?');
	hubsrv_request rq = { method, path, NULL, auth, range, host, NULL };

	if (q) {
		*q++ = '\0';
		rq.query = q;
	}
	hubsrv_reply_free(&r);
	hubsrv_handle(&srv, &st, &rq, now, &r);
	out_putc(&r.body, '\0');
	r.body.len--;
	free(path);
	return &r;
}

static hubsrv_reply *
get(const char *target)
{
	return request("GET", target, NULL, NULL, "h:1");
}

/* The ids of a listing's body, comma-separated, into buf. */
static const char *
ids(const hubsrv_reply *x, char *buf, size_t n)
{
	const char *p = x->body.buf;
	size_t k = 0;

	buf[0] = '\0';
	while ((p = strstr(p, "\"id\":\"")) && k + 1 < n) {
		const char *e = strchr(p += 6, '"');

		k += (size_t)snprintf(buf + k, n - k, "%s%.*s", k ? "," : "",
		                      (int)(e - p), p);
	}
	return buf;
}

/* The ids a listing's target gives, walking its next links. */
static const char *
walk(const char *target, char *buf, size_t n, int *pages)
{
	char *next = hf_strdup(target), one[256];

	buf[0] = '\0';
	for (*pages = 0; next && *pages < 20; ++*pages) {
		const char *link;

		get(next);
		free(next);
		next = NULL;
		if (strlen(buf))
			strncat(buf, ",", n - strlen(buf) - 1);
		strncat(buf, ids(&r, one, sizeof one), n - strlen(buf) - 1);
		if ((link = r.header[HUBSRV_LINK]) &&
		    strncmp(link, "<http://h:1", 11) == 0 && strchr(link, '>'))
			next = hf_strndup(link + 11, (size_t)(strchr(link, '>') -
			                                      link - 11));
	}
	return buf;
}

static const char *
hdr(int which)
{
	return r.header[which] ? r.header[which] : "(none)";
}

static void
test_listing(void)
{
	char buf[512];
	int pages;

	get("/api/models");
	is_int(r.status, 200, "the listing");
	is_str(r.type, "application/json", "is JSON");
	is_str(ids(&r, buf, sizeof buf), "org/alpha,org/beta,other/gamma",
	       "without sort: _id order (no trendingScore), a page of --max-page");
	is_str(hdr(HUBSRV_LINK), "<http://h:1/api/models?sort=trendingScore&"
	       "cursor=eyIkcG9zIjozfQ%3D%3D>; rel=\"next\"",
	       "the next link: Host, sort=trendingScore, the cursor");
	ok(strstr(r.body.buf, "\"modelId\":\"org/alpha\"") &&
	   !strstr(r.body.buf, "\"config\""), "default fields, modelId");
	is_str(walk("/api/models?limit=2&sort=downloads", buf, sizeof buf,
	            &pages), "solo,org/alpha,org/beta,other/gamma,org/delta",
	       "a walk by downloads gives every model once, in order");
	is_int(pages, 3, "in pages of limit");
	get("/api/models?filter=text-generation&expand[]=downloads&limit=1&sort=likes");
	is_str(hdr(HUBSRV_LINK), "<http://h:1/api/models?filter=text-generation&"
	       "expand[]=downloads&limit=1&sort=likes&cursor=eyIkcG9zIjoyfQ%3D%3D>"
	       "; rel=\"next\"", "the next link keeps the query as sent");
	request("GET", "/api/models?limit=1", NULL, NULL, NULL);
	ok(strncmp(hdr(HUBSRV_LINK), "<http://127.0.0.1:9/", 20) == 0,
	   "without Host, the server's own (%s)", hdr(HUBSRV_LINK));
	request("GET", "/api/models?limit=1", NULL, NULL, "h\r\nX: 1");
	ok(strncmp(hdr(HUBSRV_LINK), "<http://127.0.0.1:9/", 20) == 0,
	   "and for a Host that could not stand in a link");
	get("/api/models?limit=1&x=%3C%3E&y=<a\x01>");
	ok(strstr(hdr(HUBSRV_LINK), "&x=%3C%3E&y=%3Ca%01%3E&") != NULL,
	   "bytes that cannot stand in a link are encoded (%s)", hdr(HUBSRV_LINK));
	get("/api/models?limit=5000");
	is_int(strlen(ids(&r, buf, sizeof buf)) > 0, 1, "a limit past --max-page");
	ok(!strstr(buf, "solo"), "is capped to it");
	get("/api/models?limit=5&full=true");
	ok(strstr(r.body.buf, "\"author\":\"org\"") && strstr(r.body.buf, "\"sha\"") &&
	   !strstr(r.body.buf, "modelId") && !strstr(r.body.buf, "\"config\""),
	   "full=true");
	get("/api/models?limit=5&full=true&config=true");
	ok(strstr(r.body.buf, "\"config\":{\"architectures\":[\"LlamaForCausalLM\"]"
	          ",\"model_type\":\"llama\"}") != NULL,
	   "config=true: the curated config");
}

static void
listed(const char *query, const char *want)
{
	char target[256], buf[512];
	int pages;

	snprintf(target, sizeof target, "/api/models?%s", query);
	is_str(walk(target, buf, sizeof buf, &pages), want, query);
}

static void
refused(const char *target, int status, const char *msg)
{
	get(target);
	ok(r.status == status && strstr(r.body.buf, msg) &&
	   strcmp(hdr(HUBSRV_ERROR_MESSAGE), msg) == 0,
	   "%s: %d %s (got %d %s)", target, status, msg, r.status,
	   hdr(HUBSRV_ERROR_MESSAGE));
}

static void
test_filters_and_sorts(void)
{
	listed("filter=text-generation", "org/alpha,org/beta");
	listed("filter=text-generation&filter=llama", "org/alpha");
	listed("filter=llama&sort=downloads", "solo,org/alpha");
	listed("author=org", "org/alpha,org/beta,org/delta");
	listed("search=ALP", "org/alpha");
	listed("pipeline_tag=text-generation", "org/alpha");
	listed("gated=true", "org/beta");
	listed("gated=false", "org/alpha,other/gamma,solo,org/delta");
	listed("num_parameters=min:1B", "org/alpha");
	listed("num_parameters=max:0.1B", "other/gamma");
	listed("num_parameters=min:6B,max:128B", "org/alpha");
	listed("num_parameters=min:0,max:7000000000", "org/alpha,other/gamma");
	listed("sort=likes", "org/beta,other/gamma,org/alpha,solo,org/delta");
	listed("sort=likes&direction=-1",
	       "org/beta,other/gamma,org/alpha,solo,org/delta");
	listed("search=nothing-like-it", "");
	refused("/api/models?num_parameters=max:99999999999999999999999B", 400,
	        "Invalid num_parameters");
	refused("/api/models?num_parameters=max:9.3e18", 400,
	        "Invalid num_parameters");
	refused("/api/models?num_parameters=min:nan", 400, "Invalid num_parameters");
	refused("/api/models?num_parameters=max:inf", 400, "Invalid num_parameters");
	refused("/api/models?num_parameters=min:-1", 400, "Invalid num_parameters");
	refused("/api/models?num_parameters=min:", 400, "Invalid num_parameters");
	refused("/api/models?num_parameters=avg:5", 400, "Invalid num_parameters");
	refused("/api/models?num_parameters=min:5X", 400, "Invalid num_parameters");
	refused("/api/models?sort=id", 400, "Invalid sort parameter");
	refused("/api/models?sort=", 400, "Invalid sort parameter");
	refused("/api/models?limit=0", 400, "Invalid limit parameter");
	refused("/api/models?limit=abc", 400, "Invalid limit parameter");
	refused("/api/models?limit=", 400, "Invalid limit parameter");
	refused("/api/models?limit=99999999999999999999", 400,
	        "Invalid limit parameter");
}

static void
test_cursor(void)
{
	static const size_t pos[] = { 0, 1, 2, 99, 12345, (size_t)-1 };
	char cur[64], target[128], buf[256], *huge;
	size_t got;
	int all = 1;

	for (size_t i = 0; i < sizeof pos / sizeof *pos; i++) {
		hubsrv_cursor(cur, sizeof cur, pos[i]);
		url_decode(cur);
		all &= hubsrv_cursor_pos(cur, &got) == 0 && got == pos[i];
	}
	ok(all, "cursors read back as their positions, SIZE_MAX too");
	hubsrv_cursor(cur, sizeof cur, 3);
	ok(strcmp(cur, "eyIkcG9zIjozfQ%3D%3D") == 0,
	   "base64 of {\"$pos\":3}, = as %%3D (got %s)", cur);
	ok(hubsrv_cursor_pos("", &got) < 0, "an empty cursor is not one");
	ok(hubsrv_cursor_pos("garbage!", &got) < 0, "nor garbage");
	ok(hubsrv_cursor_pos("eyIkcG9zIjozfQ", &got) == 0 && got == 3,
	   "padding is optional");
	ok(hubsrv_cursor_pos("eyIkcG9zIjoteH0=", &got) < 0, "{\"$pos\":-x} is not");
	ok(hubsrv_cursor_pos("eyJhIjoxfQ==", &got) < 0, "nor {\"a\":1}");
	huge = hf_malloc(100001);
	memset(huge, 'A', 100000);
	huge[100000] = '\0';
	ok(hubsrv_cursor_pos(huge, &got) < 0, "nor 100000 bytes of base64");
	free(huge);

	snprintf(target, sizeof target, "/api/models?sort=downloads&cursor=%s",
	         "eyIkcG9zIjozfQ%3D%3D");
	get(target);
	is_str(ids(&r, buf, sizeof buf), "other/gamma,org/delta",
	       "a cursor starts the page at its position");
	ok(r.header[HUBSRV_LINK] == NULL, "the last page has no next link");
	hubsrv_cursor(cur, sizeof cur, 99);
	snprintf(target, sizeof target, "/api/models?cursor=%s", cur);
	get(target);
	ok(r.status == 200 && strcmp(r.body.buf, "[]") == 0 &&
	   !r.header[HUBSRV_LINK], "a cursor past the end: an empty page");
	refused("/api/models?cursor=garbage!", 400, "Invalid cursor");
	refused("/api/models?cursor=", 400, "Invalid cursor");
	refused("/api/models?cursor=%", 400, "Invalid cursor");

	/* found by the hubsrv fuzz harness: past 64 parameters the next
	 * link's cursor was not read, and the listing started over */
	{
		char many[1024] = "/api/models?sort=downloads&limit=2";
		int pages;

		for (int i = 0; i < 70; i++)
			strcat(many, "&x=1");
		is_str(walk(many, buf, sizeof buf, &pages),
		       "solo,org/alpha,org/beta,other/gamma,org/delta",
		       "70 parameters: the links still reach the end");
		is_int(pages, 3, "in 3 pages");
	}
}

static void
test_expand(void)
{
	get("/api/models?expand=downloads&expand[]=likes&limit=1");
	is_str(r.body.buf, "[{\"_id\":\"01\",\"id\":\"org/alpha\",\"downloads\":30,"
	       "\"likes\":1}]", "expand: _id, id and what was asked");
	get("/api/models?expand=config&limit=1");
	is_str(r.body.buf, "[{\"_id\":\"01\",\"id\":\"org/alpha\",\"config\":"
	       "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\"}}]",
	       "expand=config: the curated subset");
	refused("/api/models?expand=nonsense", 400, "Invalid expand value: nonsense");
	refused("/api/models?expand=", 400, "Invalid expand value: ");
	refused("/api/models/org/alpha?expand[]=bogus", 400,
	        "Invalid expand value: bogus");
	get("/api/models?expand=%0D%0AX-Evil:%201");
	ok(r.status == 400 && strcmp(hdr(HUBSRV_ERROR_MESSAGE),
	   "Invalid expand value: \\x0d\\x0aX-Evil: 1") == 0,
	   "CR LF in a message are shown as \\xNN (%s)",
	   hdr(HUBSRV_ERROR_MESSAGE));
	is_str(r.body.buf, "{\"error\":\"Invalid expand value: "
	       "\\\\x0d\\\\x0aX-Evil: 1\"}", "in the body too");
	/* found by the hubsrv fuzz harness: bytes that are no UTF-8 made a
	 * JSON body no client can parse */
	get("/api/models?expand=config%FF%C3");
	is_str(r.body.buf, "{\"error\":\"Invalid expand value: "
	       "config\\\\xff\\\\xc3\"}", "invalid UTF-8 is shown as \\xNN");
	get("/api/models?expand=%C3%A9t%C3%A9");
	is_str(hdr(HUBSRV_ERROR_MESSAGE), "Invalid expand value: \xc3\xa9t\xc3\xa9",
	       "valid UTF-8 as it is");
}

static void
test_model_info(void)
{
	get("/api/models/org/alpha");
	ok(r.status == 200 && strncmp(r.body.buf, "{\"_id\":\"01\",\"id\":"
	   "\"org/alpha\",\"author\":\"org\"", 34) == 0 &&
	   strstr(r.body.buf, ",\"modelId\":\"org/alpha\"}"),
	   "a model: every property and modelId (%.60s)", r.body.buf);
	get("/api/models/org/alpha/revision/HEAD?expand[]=downloads");
	is_str(r.body.buf, "{\"_id\":\"01\",\"id\":\"org/alpha\",\"downloads\":30}",
	       "revision HEAD with expand");
	get("/api/models/solo");
	is_int(r.status, 200, "a legacy id without an org");
	get("/api/models/nobody/nothing");
	ok(r.status == 401 && strcmp(hdr(HUBSRV_ERROR_CODE), "RepoNotFound") == 0,
	   "missing, anonymous: 401 RepoNotFound");
	request("GET", "/api/models/nobody/nothing", "Bearer valid", NULL, "h:1");
	ok(r.status == 404 && strcmp(hdr(HUBSRV_ERROR_MESSAGE),
	   "Repository not found") == 0, "missing, with a token: 404");
	refused("/api/models/bad..id", 400, "Invalid repo id");
	refused("/api/models//x", 400, "Invalid repo id");
	refused("/api/models/a/b/c", 400, "Invalid repo id");
	get("/api/models/org/old-alpha/revision/main?expand=likes");
	ok(r.status == 307 && strcmp(hdr(HUBSRV_LOCATION),
	   "/api/models/org/alpha/revision/main?expand=likes") == 0,
	   "a renamed repository: 307 to the new id, revision and query kept "
	   "(%s)", hdr(HUBSRV_LOCATION));
	is_str(r.body.buf, "Temporary Redirect. Redirecting to /api/models/"
	       "org/alpha/revision/main?expand=likes", "with a text body");
	is_str(r.type, "text/plain; charset=utf-8", "as text");
	get("/api/models/org/old-alpha/revision/a%0D%0AX:%201");
	ok(r.status == 307 && strcmp(hdr(HUBSRV_LOCATION),
	   "/api/models/org/alpha/revision/a%0D%0AX:%201") == 0,
	   "a Location from a decoded path is encoded again (%s)",
	   hdr(HUBSRV_LOCATION));
}

/* config.json with If-None-Match inm (and a Range, which 304 goes
 * before): status want. */
static void
revalidated(const char *inm, const char *etag, int want)
{
	hubsrv_request rq = { "GET", "/org/alpha/resolve/main/config.json", NULL,
	                      NULL, "bytes=0-1", "h:1", inm };

	hubsrv_reply_free(&r);
	hubsrv_handle(&srv, &st, &rq, now, &r);
	if (want == 304)
		ok(r.status == 304 && r.body.len == 0 && r.download >= 0 &&
		   strcmp(hdr(HUBSRV_ETAG), etag) == 0,
		   "If-None-Match: %s: 304, no body, the ETag, a download", inm);
	else
		ok(r.status == 206, "If-None-Match: %s: not a match (got %d)", inm,
		   r.status);
}

static void
test_resolve(void)
{
	char etag[32], inm[64];

	snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)
	         num_hash(CONFIG_A, strlen(CONFIG_A)));
	get("/org/alpha/resolve/main/config.json");
	ok(r.status == 200 && strcmp(r.body.buf, CONFIG_A) == 0,
	   "resolve: the whole config, byte for byte");
	is_str(hdr(HUBSRV_ETAG), etag, "its ETag");
	is_str(hdr(HUBSRV_REPO_COMMIT), SHA_A, "X-Repo-Commit is the sha");
	is_str(hdr(HUBSRV_ACCEPT_RANGES), "bytes", "Accept-Ranges");
	request("HEAD", "/org/alpha/resolve/HEAD/config.json", NULL, NULL, "h:1");
	is_int(r.status, 200, "HEAD at revision HEAD");
	get("/org/alpha/resolve/" SHA_A "/config.json");
	is_int(r.status, 200, "the revision named by the sha");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=0-9", "h:1");
	ok(r.status == 206 && r.body.len == 10 &&
	   strncmp(r.body.buf, CONFIG_A, 10) == 0, "Range 0-9: 206, 10 bytes");
	ok(strncmp(hdr(HUBSRV_CONTENT_RANGE), "bytes 0-9/", 10) == 0,
	   "Content-Range (%s)", hdr(HUBSRV_CONTENT_RANGE));
	is_str(hdr(HUBSRV_ETAG), etag, "the ETag of the whole file");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=-5", "h:1");
	ok(r.status == 206 && strcmp(r.body.buf, "4096}") == 0, "bytes=-5: the last 5");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=5-", "h:1");
	ok(r.status == 206 && strcmp(r.body.buf, &CONFIG_A[5]) == 0, "bytes=5-");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=5-99999", "h:1");
	ok(r.status == 206 && strcmp(r.body.buf, &CONFIG_A[5]) == 0,
	   "an end past the file is cut to it");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=99999-", "h:1");
	is_int(r.status, 416, "a start past the file: 416");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=9-3", "h:1");
	is_int(r.status, 416, "a start after the end: 416");
	request("GET", "/org/alpha/resolve/main/config.json", NULL,
	        "bytes=99999999999999999999999-", "h:1");
	is_int(r.status, 416, "a start too large for any integer: 416");
	request("GET", "/org/alpha/resolve/main/config.json", NULL,
	        "bytes=-99999999999999999999999", "h:1");
	ok(r.status == 206 && strcmp(r.body.buf, CONFIG_A) == 0,
	   "a suffix too large for any integer: all of it");
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "items=0-3", "h:1");
	is_int(r.status, 200, "a Range that is not of bytes is ignored");

	revalidated(etag, etag, 304);
	snprintf(inm, sizeof inm, "W/%s", etag);
	revalidated(inm, etag, 304);
	snprintf(inm, sizeof inm, "\"0\", %s", etag);
	revalidated(inm, etag, 304);
	revalidated("*", etag, 304);
	revalidated("\"0\"", etag, 200);
	revalidated("", etag, 200);
	revalidated(",,, ,", etag, 200);
	revalidated(etag + 1, etag, 200);

	refused("/org/alpha/resolve/deadbeef/config.json", 404, "Invalid rev id");
	is_str(hdr(HUBSRV_ERROR_CODE), "RevisionNotFound", "RevisionNotFound");
	refused("/org/alpha/resolve/main/model.safetensors", 404, "Entry not found");
	is_str(hdr(HUBSRV_ERROR_CODE), "EntryNotFound", "EntryNotFound");
	refused("/org/alpha/resolve/main", 404, "Entry not found");
	refused("/other/gamma/resolve/main/config.json", 404, "Entry not found");
	refused("/a..b/resolve/main/config.json", 400, "Invalid repo id");
	refused("/resolve/", 404, "Entry not found");
	get("/org/old-alpha/resolve/main/config.json?x=1");
	ok(r.status == 307 && strcmp(hdr(HUBSRV_LOCATION),
	   "/org/alpha/resolve/main/config.json?x=1") == 0, "resolve follows aliases");
}

static void
test_gating_and_auth(void)
{
	get("/org/beta/resolve/main/config.json");
	ok(r.status == 401 && strcmp(hdr(HUBSRV_ERROR_CODE), "GatedRepo") == 0 &&
	   strstr(hdr(HUBSRV_ERROR_MESSAGE), "Please log in."),
	   "gated, anonymous: 401 GatedRepo");
	request("GET", "/org/beta/resolve/main/config.json", "Bearer valid", NULL, "h:1");
	ok(r.status == 403 && strcmp(hdr(HUBSRV_ERROR_CODE), "GatedRepo") == 0 &&
	   strstr(hdr(HUBSRV_ERROR_MESSAGE), "https://huggingface.co/org/beta"),
	   "gated, a token without access: 403");
	request("GET", "/org/beta/resolve/main/config.json", "Bearer granted", NULL, "h:1");
	is_int(r.status, 200, "gated, a granted token: 200");
	get("/api/models/org/beta");
	is_int(r.status, 200, "a gated model's object is served to anyone");
	request("GET", "/api/models?limit=1", "Bearer wrong", NULL, "h:1");
	ok(r.status == 401 && strcmp(hdr(HUBSRV_ERROR_MESSAGE),
	   "Invalid credentials in Authorization header") == 0,
	   "an unknown token: 401");
	request("GET", "/api/models?limit=1", "Basic valid", NULL, "h:1");
	is_int(r.status, 401, "a token not sent as Bearer");
	request("GET", "/api/models?limit=1", "Bearer ", NULL, "h:1");
	is_int(r.status, 401, "an empty token");
	request("POST", "/api/models", NULL, NULL, "h:1");
	is_int(r.status, 405, "POST: 405");
	get("/nothing");
	is_int(r.status, 404, "another path: 404");
}

static void
test_stats(void)
{
	hubsrv_state_free(&st);
	hubsrv_state_init(&st, &srv, 1);
	get("/org/alpha/resolve/main/config.json");
	request("HEAD", "/org/alpha/resolve/main/config.json", NULL, NULL, NULL);
	request("GET", "/org/alpha/resolve/main/config.json", NULL, "bytes=99999-", NULL);
	get("/org/beta/resolve/main/config.json");
	request("GET", "/api/models?limit=1", "Bearer valid", NULL, "h:1");
	request("GET", "/_stats", "Bearer wrong", NULL, "h:1");
	is_int(r.status, 200, "/_stats does not check tokens");
	is_str(r.body.buf, "{\"requests\":{\"list\":1,\"model\":0,\"resolve\":4,"
	       "\"stats\":1,\"other\":0},\"connections\":0,"
	       "\"downloads\":{\"org/alpha\":3},"
	       "\"auth_seen\":{\"list\":true,\"model\":false,\"resolve\":false,"
	       "\"stats\":true,\"other\":false},\"faults\":{\"429\":0,\"500\":0,"
	       "\"502\":0,\"503\":0,\"504\":0,\"reset\":0,\"truncate\":0,"
	       "\"garbage\":0,\"redirect\":0}}",
	       "/_stats: GET, HEAD and a 416 each count a download; a 401 not");
	ok(r.header[HUBSRV_RATELIMIT] == NULL, "no RateLimit without a limit");
	st.connections = 3;
	get("/_stats?connections");
	is_str(r.body.buf, "3\n", "/_stats?connections: the caller's count");
	is_str(r.type, "text/plain", "/_stats?connections is text");
}

static void
test_faults(void)
{
	hubsrv f = srv;
	hubsrv_state fs;
	hubsrv_request rq = { "GET", "/api/models", "limit=1", NULL, NULL, "h:1",
	                      NULL };
	hubsrv_reply x;
	int codes = 1;

	f.fault = (fault_conf){ .fail = 1 };
	hubsrv_state_init(&fs, &f, 3);
	for (int i = 0; i < 20; i++) {
		hubsrv_handle(&f, &fs, &rq, now, &x);
		codes &= x.status == 500 || x.status == 502 || x.status == 503 ||
		         x.status == 504;
		hubsrv_reply_free(&x);
	}
	ok(codes && fs.fault.count[FAULT_500] + fs.fault.count[FAULT_502] +
	   fs.fault.count[FAULT_503] + fs.fault.count[FAULT_504] == 20,
	   "--fail-rate 1: every answer a 5xx, counted");
	rq.path = "/_stats";
	hubsrv_handle(&f, &fs, &rq, now, &x);
	is_int(x.status, 200, "but never /_stats");
	hubsrv_reply_free(&x);
	hubsrv_state_free(&fs);

	rq.path = "/api/models";
	f.fault = (fault_conf){ .reset = 1 };
	hubsrv_state_init(&fs, &f, 3);
	hubsrv_handle(&f, &fs, &rq, now, &x);
	ok(x.status == 200 && x.cut == FAULT_RESET, "--reset-rate: the body is cut");
	hubsrv_reply_free(&x);
	f.fault = (fault_conf){ .trunc = 1 };
	hubsrv_handle(&f, &fs, &rq, now, &x);
	ok(x.cut == FAULT_TRUNC, "--truncate-rate too");
	hubsrv_reply_free(&x);
	f.fault = (fault_conf){ .garbage = 1 };
	hubsrv_handle(&f, &fs, &rq, now, &x);
	ok(x.status == 200 && strncmp(x.body.buf, "<!DOCTYPE html>", 15) == 0 &&
	   strcmp(x.type, "text/html") == 0, "--garbage-rate: 200 with HTML");
	hubsrv_reply_free(&x);
	f.fault = (fault_conf){ .redirect_to = "http://elsewhere:1" };
	rq.path = "/api/models/a%20b";
	rq.query = "";
	hubsrv_handle(&f, &fs, &rq, now, &x);
	ok(x.status == 307 && strcmp(x.header[HUBSRV_LOCATION],
	   "http://elsewhere:1/api/models/a%20b?") == 0,
	   "--redirect-to: 307, same path and query (%s)", x.header[HUBSRV_LOCATION]);
	hubsrv_reply_free(&x);
	hubsrv_state_free(&fs);

	rq.path = "/org/alpha/resolve/main/config.json";
	rq.query = NULL;
	f.fault = (fault_conf){ .rl_q = 1, .rl_w = 60 };
	hubsrv_state_init(&fs, &f, 3);
	hubsrv_handle(&f, &fs, &rq, 1050, &x);
	ok(x.status == 200 && strcmp(x.header[HUBSRV_RATELIMIT],
	   "\"api\";r=0;t=30") == 0 && strcmp(x.header[HUBSRV_RATELIMIT_POLICY],
	   "\"fixed window\";\"api\";q=1;w=60") == 0 &&
	   !x.header[HUBSRV_RETRY_AFTER], "RateLimit and RateLimit-Policy");
	hubsrv_reply_free(&x);
	hubsrv_handle(&f, &fs, &rq, 1051, &x);
	ok(x.status == 429 && strcmp(x.header[HUBSRV_RETRY_AFTER], "29") == 0 &&
	   strcmp(x.header[HUBSRV_ERROR_CODE], "RateLimited") == 0 &&
	   x.download == -1, "past the limit: 429, Retry-After, no download");
	hubsrv_reply_free(&x);
	rq.path = "/nothing";
	hubsrv_handle(&f, &fs, &rq, 1052, &x);
	ok(x.status == 404 && !x.header[HUBSRV_RATELIMIT],
	   "paths outside the API meet no limit");
	hubsrv_reply_free(&x);
	hubsrv_state_free(&fs);
}

/* Nothing a client sends can crash the answer or put a control byte in
 * a header. */
static void
test_any_bytes(void)
{
	static const char *const paths[] = {
		"", "/", "%", "/%", "/%0", "/api/models/%00", "/api/models/%",
		"/x/resolve/", "/resolve/", "/resolve/x/", "x/resolve/a/b",
		"/api/models/org/old-alpha/revision/%0A%0D%01%7F",
		"/org/old-alpha/resolve/%0A/%0D", "/api/models/org/alpha/revision/",
		"/_stats%00", NULL
	};
	static const char *const queries[] = {
		NULL, "", "%", "&", "=", "==&&==", "expand", "expand[]=%0A",
		"cursor=%ZZ", "limit=-1", "limit=1&limit=%", "sort=%00",
		"num_parameters=,,,", "num_parameters=min:1e308B",
		"num_parameters=max:0x1p70", "filter=%22,%22", "x=\r\n"
	};
	static const char *const ranges[] = {
		"bytes=", "bytes=-", "bytes=--1", "bytes=0--1", "bytes=,",
		"bytes=18446744073709551615-18446744073709551616", "bytes=-0",
		NULL
	};
	size_t nq = sizeof queries / sizeof *queries;
	size_t ng = sizeof ranges / sizeof *ranges;
	char *long_auth = hf_malloc(70000), *long_cursor = hf_malloc(70000);
	int clean = 1, n = 0;

	memcpy(long_auth, "Bearer ", 7);
	memset(long_auth + 7, 'x', 69992);
	long_auth[69999] = '\0';
	memcpy(long_cursor, "cursor=", 7);
	memset(long_cursor + 7, 'Q', 69992);
	long_cursor[69999] = '\0';
	for (const char *const *p = paths; *p; p++)
		for (size_t q = 0; q < nq; q++)
			for (size_t g = 0; g < ng; g++) {
				hubsrv_request rq = { "GET", *p, queries[q], n % 3 ?
				                      NULL : "Bearer granted", ranges[g],
				                      "\x01", n % 2 ? "W/" : "\"" };

				hubsrv_reply_free(&r);
				hubsrv_handle(&srv, &st, &rq, now, &r);
				for (int i = 0; i < HUBSRV_NHEADERS; i++)
					for (const char *c = r.header[i]; c && *c; c++)
						clean &= (unsigned char)*c >= 0x20 && *c != 0x7f;
				clean &= r.status >= 200 && r.status < 600;
				n++;
			}
	ok(clean, "%d odd requests: answered, no control byte in a header", n);
	request("GET", "/api/models", long_auth, NULL, NULL);
	is_int(r.status, 401, "a 70000-byte token");
	request("GET", "/api/models", NULL, NULL, NULL);
	{
		hubsrv_request rq = { "GET", "/api/models", long_cursor, NULL,
		                      NULL, NULL, NULL };

		hubsrv_reply_free(&r);
		hubsrv_handle(&srv, &st, &rq, now, &r);
		is_int(r.status, 400, "a 70000-byte cursor");
	}
	{
		hubsrv_request rq = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

		hubsrv_reply_free(&r);
		hubsrv_handle(&srv, &st, &rq, now, &r);
		is_int(r.status, 405, "no method, no path");
	}
	free(long_auth);
	free(long_cursor);
}

int
main(void)
{
	static char *grant[] = { "granted" }, *token[] = { "valid" };

	hf_setprogname("test_hubsrv");
	hub_load_mem(&h, snapshot, sizeof snapshot - 1, "snapshot");
	hub_load_aliases_mem(&h, aliases, sizeof aliases - 1);
	srv = (hubsrv){ .h = &h, .host = "127.0.0.1:9", .max_page = 3,
	                .grant = grant, .ngrant = 1, .token = token, .ntoken = 1 };
	hubsrv_state_init(&st, &srv, 1);
	test_listing();
	test_filters_and_sorts();
	test_cursor();
	test_expand();
	test_model_info();
	test_resolve();
	test_gating_and_auth();
	test_stats();
	test_faults();
	test_any_bytes();
	hubsrv_reply_free(&r);
	hubsrv_state_free(&st);
	hub_free(&h);
	return done_testing();
}
