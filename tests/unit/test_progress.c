/* Unit tests of lib/progress.c: hf-list's status and summary lines. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/progress.h"
#include "tap.h"

static char *
text(hf_out *w)
{
	out_putc(w, '\0');
	return w->buf;
}

int
main(void)
{
	http_pool p;
	scan_group g[2] = {
		{ "main", 1, 0, 0, 4, 4000, 1523, 500 },
		{ "sweep", 43, 3, 0, 3, 300, -1, -1 },
	};
	scan_stats st = { 4300, 300, 7, 44, 3, 0, 2, g, 2 };
	hf_out w;
	double t = progress_now();

	memset(&p, 0, sizeof p);
	p.retries = 1;
	p.requests = 9;
	p.bytes = 2.5e6;
	out_init_mem(&w);
	progress_status(&w, &st, 0, &p, 10, 2);
	is_str(text(&w), "main 4 pages, at 1523 downloads (stop below 500), "
	       "sweep 3 of 43, 4300 models, 400 models/s, 1 retry, waiting 2.0 s, "
	       "10 s", "labels, the threshold, the rate of this run's fetches");
	w.len = 0;
	g[0].threshold = -1;
	g[0].pages = 1;
	st.group = g;
	st.ngroups = 1;
	p.retries = 0;
	progress_status(&w, &st, 0, &p, 0, 0);
	is_str(text(&w), "main 1 page, 4300 models, 0 models/s, 0 retries, 0 s",
	       "one page, no rate at the start, no wait");
	w.len = 0;
	progress_status(&w, NULL, 1, &p, 2, 0);
	is_str(text(&w), "1 model, 0 models/s, 0 retries, 2 s", "named models");
	w.len = 0;
	progress_summary(&w, 2744, 3, &p, 1.25);
	is_str(text(&w), "2744 models, 3 pages, 9 requests, 0 retries, 2.5 MB, 1.2 s",
	       "the summary");
	w.len = 0;
	p.requests = 1;
	p.retries = 1;
	progress_summary(&w, 1, 1, &p, 0);
	is_str(text(&w), "1 model, 1 page, 1 request, 1 retry, 2.5 MB, 0.0 s",
	       "singulars");
	free(w.buf);
	ok(progress_now() >= t, "the clock goes forward");
	return done_testing();
}
