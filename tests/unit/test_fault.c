/* Unit tests of lib/fault.c: the seeded fault sequence, the rates, the
 * rate-limit window and its headers. */
#include <stdlib.h>
#include "../../lib/hf.h"
#include "../../lib/fault.h"
#include "tap.h"

static void
test_sequence(void)
{
	fault_state a, b, c;
	int same = 1, differ = 0, in_range = 1;

	/* splitmix64's first output for seed 0, to 53 bits: --seed runs of
	 * old releases must meet the same faults */
	fault_init(&a, 0);
	ok(fault_uniform(&a) == (double)(0xe220a8397b1dcdafu >> 11) /
	   9007199254740992.0, "seed 0: splitmix64's first number");
	fault_init(&a, 7);
	fault_init(&b, 7);
	fault_init(&c, 8);
	for (int i = 0; i < 1000; i++) {
		double x = fault_uniform(&a), y = fault_uniform(&b);

		same &= x == y;
		differ |= x != fault_uniform(&c);
		in_range &= x >= 0 && x < 1;
	}
	ok(same, "the same seed gives the same sequence");
	ok(differ, "another seed another");
	ok(in_range, "every number in [0, 1)");
}

/* n draws under c from seed; the counts of each fault in got. */
static void
draw_n(const fault_conf *c, uint64_t seed, int n, long got[FAULT_COUNT + 1])
{
	fault_state st;
	fault_limit l;

	fault_init(&st, seed);
	for (int i = 0; i <= FAULT_COUNT; i++)
		got[i] = 0;
	for (int i = 0; i < n; i++)
		got[fault_draw(&st, c, 1000, &l) + 1]++;
	for (int i = 0; i < FAULT_COUNT; i++)
		if (st.count[i] != got[i + 1])
			ok(0, "st.count[%s] is %ld, drawn %ld", fault_name[i],
			   st.count[i], got[i + 1]);
}

static void
test_rates(void)
{
	long got[FAULT_COUNT + 1];
	fault_conf c = { 0 };
	fault_state a, b;
	fault_limit l;
	int same = 1;

	draw_n(&c, 1, 1000, got);
	is_int(got[0], 1000, "no rates: no faults");
	c.fail = 1;
	draw_n(&c, 1, 4000, got);
	ok(got[0] == 0 && got[FAULT_500 + 1] > 800 && got[FAULT_502 + 1] > 800 &&
	   got[FAULT_503 + 1] > 800 && got[FAULT_504 + 1] > 800,
	   "--fail-rate 1: 500, 502, 503 and 504, about evenly (%ld %ld %ld %ld)",
	   got[1 + FAULT_500], got[1 + FAULT_502], got[1 + FAULT_503],
	   got[1 + FAULT_504]);
	c = (fault_conf){ .fail = 0.25, .reset = 0.25, .trunc = 0.25,
	                  .garbage = 0.25 };
	draw_n(&c, 2, 8000, got);
	ok(got[0] == 0, "rates adding up to 1 leave no request alone");
	ok(got[1 + FAULT_RESET] > 1800 && got[1 + FAULT_RESET] < 2200 &&
	   got[1 + FAULT_TRUNC] > 1800 && got[1 + FAULT_TRUNC] < 2200 &&
	   got[1 + FAULT_GARBAGE] > 1800 && got[1 + FAULT_GARBAGE] < 2200,
	   "each a quarter (%ld %ld %ld)", got[1 + FAULT_RESET],
	   got[1 + FAULT_TRUNC], got[1 + FAULT_GARBAGE]);
	c = (fault_conf){ .reset = 0.1 };
	draw_n(&c, 3, 10000, got);
	ok(got[1 + FAULT_RESET] > 850 && got[1 + FAULT_RESET] < 1150,
	   "--reset-rate 0.1: about a tenth (%ld)", got[1 + FAULT_RESET]);
	c = (fault_conf){ .fail = 1, .redirect_to = "http://x" };
	draw_n(&c, 4, 100, got);
	is_int(got[1 + FAULT_REDIRECT], 100, "--redirect-to comes before the rates");

	/* two numbers a request whatever it meets: the faults of the later
	 * requests do not depend on the earlier ones' */
	c = (fault_conf){ .fail = 0.5, .rl_q = 1, .rl_w = 60 };
	fault_init(&a, 9);
	fault_init(&b, 9);
	for (int i = 0; i < 20; i++) {
		fault_draw(&a, &c, 120, &l);
		fault_uniform(&b);
		fault_uniform(&b);
		same &= a.rng == b.rng;
	}
	ok(same, "every draw takes two numbers, a 429 too");
}

static void
test_window(void)
{
	fault_conf c = { .rl_q = 2, .rl_w = 60, .redirect_to = "http://x" };
	fault_state st;
	fault_limit l = { 5, 5 };
	char *v;
	int f;

	fault_init(&st, 1);
	ok(fault_window(&st, &(fault_conf){ 0 }, 100, &l) == 0 &&
	   l.remaining == 0 && l.reset == 0, "no limit: never past it");
	f = fault_draw(&st, &c, 120, &l);
	is_int(f, FAULT_REDIRECT, "1st request passes");
	ok(l.remaining == 1 && l.reset == 60, "r=1, t=60 (got %d, %d)",
	   l.remaining, l.reset);
	fault_draw(&st, &c, 130, &l);
	ok(l.remaining == 0 && l.reset == 50, "r=0, t=50 (got %d, %d)",
	   l.remaining, l.reset);
	f = fault_draw(&st, &c, 150, &l);
	is_int(f, FAULT_429, "past the limit: 429, before the redirect");
	ok(l.remaining == 0 && l.reset == 30, "r=0, t=30 (got %d, %d)",
	   l.remaining, l.reset);
	is_int(st.count[FAULT_429], 1, "counted");
	f = fault_draw(&st, &c, 180, &l);
	is_int(f, FAULT_REDIRECT, "the next window starts on a multiple of W");
	ok(l.remaining == 1 && l.reset == 60, "r=1, t=60 (got %d, %d)",
	   l.remaining, l.reset);
	for (int i = 0; i < 100000; i++)
		fault_window(&st, &c, 200, &l);
	ok(st.window_count <= c.rl_q + 1, "the count stops past the limit");

	l = (fault_limit){ 0, 42 };
	v = fault_ratelimit(&l);
	is_str(v, "\"api\";r=0;t=42", "RateLimit");
	free(v);
	v = fault_policy(&c);
	is_str(v, "\"fixed window\";\"api\";q=2;w=60", "RateLimit-Policy");
	free(v);
	v = fault_retry_after(&l);
	is_str(v, "42", "Retry-After");
	free(v);
	ok(fault_window(&st, &(fault_conf){ .rl_q = 1, .rl_w = 0 }, 5, &l) == 0,
	   "a window of 0 seconds is no limit, not a division by zero");
}

int
main(void)
{
	test_sequence();
	test_rates();
	test_window();
	return done_testing();
}
