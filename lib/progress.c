/* progress.c - hf-list's status and summary lines. */
#include <time.h>

#include "progress.h"

double
progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *
plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
progress_status(hf_out *w, const scan_stats *st, int64_t records,
                const http_pool *p, double elapsed, double waiting)
{
	int64_t fresh;

	if (st) {
		scan_put_groups(w, st);
		records = st->records;
	}
	fresh = records - (st ? st->resumed : 0);
	out_printf(w, "%lld model%s, %.0f models/s, %ld retr%s",
	           (long long)records, plural(records, "", "s"),
	           elapsed > 0 ? fresh / elapsed : 0.0, p->retries,
	           plural(p->retries, "y", "ies"));
	if (waiting > 0)
		out_printf(w, ", waiting %.1f s", waiting);
	out_printf(w, ", %.0f s", elapsed);
}

void
progress_summary(hf_out *w, int64_t records, int64_t pages,
                 const http_pool *p, double elapsed)
{
	out_printf(w, "%lld model%s, %lld page%s, %ld request%s, %ld retr%s, "
	           "%.1f MB, %.1f s", (long long)records, plural(records, "", "s"),
	           (long long)pages, plural(pages, "", "s"), p->requests,
	           plural(p->requests, "", "s"), p->retries,
	           plural(p->retries, "y", "ies"), p->bytes / 1e6, elapsed);
}
