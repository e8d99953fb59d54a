/* fault.c - the seeded fault sequence and the rate-limit window. */
#include <stdarg.h>
#include <stdio.h>

#include "hf.h"
#include "fault.h"

const char *const fault_name[FAULT_COUNT] = {
	"429", "500", "502", "503", "504", "reset", "truncate", "garbage",
	"redirect"
};

void
fault_init(fault_state *st, uint64_t seed)
{
	*st = (fault_state){ .rng = seed };
}

/* splitmix64: the same seed gives the same sequence on any machine. */
double
fault_uniform(fault_state *st)
{
	uint64_t z = (st->rng += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

int
fault_window(fault_state *st, const fault_conf *c, time_t now,
             fault_limit *l)
{
	*l = (fault_limit){ 0, 0 };
	if (c->rl_q <= 0 || c->rl_w <= 0)
		return 0;
	if (now - st->window_start >= c->rl_w) {
		st->window_start = now - (now % c->rl_w);
		st->window_count = 0;
	}
	/* past the limit the count stops: the window cannot overflow */
	if (st->window_count <= c->rl_q)
		st->window_count++;
	l->reset = (int)(st->window_start + c->rl_w - now);
	if (l->reset < 1)
		l->reset = 1;
	l->remaining = c->rl_q - st->window_count;
	if (l->remaining >= 0)
		return 0;
	l->remaining = 0;
	return 1;
}

int
fault_draw(fault_state *st, const fault_conf *c, time_t now,
           fault_limit *l)
{
	/* both numbers are drawn whatever happens, so that the sequence
	 * depends only on the number of requests */
	double u = fault_uniform(st), pick = fault_uniform(st);
	int fault = FAULT_NONE;

	if (fault_window(st, c, now, l))
		fault = FAULT_429;
	else if (c->redirect_to)
		fault = FAULT_REDIRECT;
	else if (u < c->fail)
		fault = FAULT_500 + (int)(pick * 4);
	else if ((u -= c->fail) < c->reset)
		fault = FAULT_RESET;
	else if ((u -= c->reset) < c->trunc)
		fault = FAULT_TRUNC;
	else if ((u -= c->trunc) < c->garbage)
		fault = FAULT_GARBAGE;
	if (fault != FAULT_NONE)
		st->count[fault]++;
	return fault;
}

static char * __attribute__((format(printf, 1, 2)))
format(const char *fmt, ...)
{
	char buf[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return hf_strdup(buf);
}

char *
fault_ratelimit(const fault_limit *l)
{
	return format("\"api\";r=%d;t=%d", l->remaining, l->reset);
}

char *
fault_policy(const fault_conf *c)
{
	return format("\"fixed window\";\"api\";q=%d;w=%d", c->rl_q, c->rl_w);
}

char *
fault_retry_after(const fault_limit *l)
{
	return format("%d", l->reset);
}
