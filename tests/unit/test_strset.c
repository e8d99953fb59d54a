/* Unit tests of lib/strset.c: exact membership and values through growth. */
#include <stdio.h>
#include "../../lib/hf.h"
#include "../../lib/strset.h"
#include "tap.h"

int
main(void)
{
	strset s;
	char key[32];
	int all_new = 1, all_found = 1, none_extra = 1;

	strset_init(&s);
	ok(!strset_has(&s, "a", 1), "empty set has nothing");
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "org/model-%d", i);
		all_new &= strset_add(&s, key, (size_t)n);
	}
	ok(all_new, "5000 distinct ids are all new");
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "org/model-%d", i);
		all_found &= strset_has(&s, key, (size_t)n);
		none_extra &= !strset_add(&s, key, (size_t)n);
	}
	ok(all_found, "every id is found after growing");
	ok(none_extra, "adding again reports present");
	ok(!strset_has(&s, "org/model-5000", 14), "an absent id is absent");
	ok(!strset_has(&s, "org/model-1", 10), "a prefix is not a member");
	ok(strset_add(&s, "", 0) && strset_has(&s, "", 0), "empty string");
	is_int(s.n, 5001, "count");
	strset_free(&s);
	{
		size_t v = 99, old;

		ok(!strset_get(&s, "a", 1, &v) && v == 99, "get from an empty set");
		for (int i = 0; i < 3000; i++) {
			int n = snprintf(key, sizeof key, "k%d", i);
			strset_add_val(&s, key, (size_t)n, (size_t)i * 7, &old);
		}
		ok(strset_get(&s, "k2999", 5, &v) && v == 2999 * 7,
		   "get: the value stored, after growing");
		ok(!strset_get(&s, "k3000", 5, &v), "get: absent");
		strset_free(&s);
	}
	return done_testing();
}
