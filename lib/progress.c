/* progress.c - hf-list's status and summary lines. */
#include <stdio.h>
#include <stdlib.h>
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

/* The status line: in place on a terminal (live), else one line. */
static void
show(const progress *pr, double waiting, int live)
{
	hf_out w;

	out_init_mem(&w);
	progress_status(&w, pr->st, pr->records, pr->pool,
	                progress_now() - pr->started, waiting);
	out_putc(&w, '\0');
	if (live)
		fprintf(stderr, "\r%s: %s\033[K", hf_progname(), w.buf);
	else
		hf_warn("%s", w.buf);
	free(w.buf);
}

void
progress_tick(const progress *pr, double waiting)
{
	if (pr->tty && !pr->quiet && pr->st)
		show(pr, waiting, 1);
}

void
progress_page(const progress *pr)
{
	if (pr->quiet)
		return;
	if (pr->tty)
		show(pr, 0, 1);
	else if (pr->st && pr->st->pages % 10 == 0)
		show(pr, 0, 0);
}

void
progress_end(const progress *pr)
{
	hf_out w;

	if (pr->quiet)
		return;
	if (pr->tty)
		fputs("\r\033[K", stderr);
	out_init_mem(&w);
	progress_summary(&w, pr->st ? pr->st->records : pr->records,
	                 pr->st ? pr->st->pages : 0, pr->pool,
	                 progress_now() - pr->started);
	out_putc(&w, '\0');
	hf_warn("%s", w.buf);
	free(w.buf);
}
