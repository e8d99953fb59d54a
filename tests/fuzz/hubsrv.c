/*
 * hubsrv - hf-serve's answer (lib/hubsrv.c) to any request, as
 * hubreq.h reads it from the input, over a small snapshot
 * (tests/fixtures/hub-fuzz.ndjson and .aliases: plain, gated and renamed
 * models, a sort key that is a string in one model and a number in
 * another).  The request goes to a server without faults, then twice to
 * one with every fault and a limit of 1 request (the second is past
 * it), then to one that redirects everything.  Properties: every
 * reply passes hubreq.h's checks; a listing's next links, followed,
 * answer 200 and reach the end; a download is counted once; the cursor
 * of any position reads back as that position.
 */
#include "hubreq.h"

#define SNAPSHOT "tests/fixtures/hub-fuzz.ndjson"
#define ALIASES "tests/fixtures/hub-fuzz.aliases"

static hub h;
static hubsrv plain, faulty, redirect;

static void
load(void)
{
	static char *grant[] = { "granted" }, *token[] = { "valid" };

	hf_setprogname("hubsrv");
	if (hub_load(&h, SNAPSHOT) < 0 || hub_load_aliases(&h, ALIASES) < 0)
		fuzz_fail("run from the top directory: " SNAPSHOT, __FILE__,
		          __LINE__);
	fuzz_assert(h.n > 10);
	plain = (hubsrv){ .h = &h, .host = "127.0.0.1:9", .max_page = 3,
	                  .grant = grant, .ngrant = 1, .token = token,
	                  .ntoken = 1 };
	faulty = plain;
	faulty.fault = (fault_conf){ .fail = 0.2, .reset = 0.1, .trunc = 0.1,
	                             .garbage = 0.1, .rl_q = 1, .rl_w = 60 };
	redirect = plain;
	redirect.fault.redirect_to = "http://127.0.0.1:2";
}

/* rq answered by srv n times in a row, from a fresh state. */
static void
answer(const hubsrv *srv, const hubsrv_request *rq, uint64_t seed, int n)
{
	hubsrv_state st;
	hubsrv_reply r = { 0 };

	hubsrv_state_init(&st, srv, seed);
	for (int i = 0; i < n; i++) {
		long counted = 0;

		hubsrv_reply_free(&r);
		hubsrv_handle(srv, &st, rq, 1000, &r);
		check_reply(srv, &r);
		for (size_t m = 0; m < st.nmodels; m++)
			counted += st.downloads[m];
		/* the download this reply made, once, and no other */
		fuzz_assert(r.download < 0 ? counted == 0 :
		            counted == 1 && st.downloads[r.download] == 1);
		if (r.route == HUBSRV_LIST && r.status == 200 && !srv->fault.rl_q)
			walk(srv, &st, rq, &r, h.n + 1);
		memset(st.downloads, 0, st.nmodels * sizeof *st.downloads);
	}
	hubsrv_reply_free(&r);
	hubsrv_state_free(&st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t seed = num_hash((const char *)data, size);
	char *text = fuzz_str(data, size), cur[64];
	hubsrv_request rq;
	size_t pos;

	if (!h.n)
		load();
	read_request(text, &rq);
	answer(&plain, &rq, seed, 1);
	answer(&faulty, &rq, seed, 2);
	answer(&redirect, &rq, seed, 1);
	/* any position's cursor, as a client sends it back */
	hubsrv_cursor(cur, sizeof cur, (size_t)seed);
	url_decode(cur);
	fuzz_assert(hubsrv_cursor_pos(cur, &pos) == 0 && pos == (size_t)seed);
	free(text);
	return 0;
}
