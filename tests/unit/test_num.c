/* Unit tests of lib/num.c: counts from text, sums that cannot wrap,
 * hexadecimal digits, FNV-1a. */
#include <stdint.h>
#include <string.h>
#include "../../lib/num.h"
#include "tap.h"

int
main(void)
{
	static const char *const bad[] = { "", "-1", "+1", " 1", "1 ", "1.0",
	                                   "1e3", "0x10", "١", "12a" };
	int refused = 1, hex = 1;

	is_int(num_parse_count("0"), 0, "0");
	is_int(num_parse_count("42"), 42, "42");
	is_int(num_parse_count("007"), 7, "leading zeros");
	is_int(num_parse_count("9223372036854775807"), INT64_MAX, "INT64_MAX");
	is_int(num_parse_count("9223372036854775808"), -1, "INT64_MAX + 1");
	is_int(num_parse_count("99999999999999999999"), -1, "far too big");
	is_int(num_parse_count(NULL), -1, "NULL");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (num_parse_count(bad[i]) != -1) {
			refused = 0;
			printf("# accepted '%s'\n", bad[i]);
		}
	ok(refused, "signs, spaces, decimals, exponents, hex, other digits "
	   "and trailing letters are not counts");

	is_int(num_add_count(2, 3), 5, "2 + 3");
	is_int(num_add_count(INT64_MAX - 1, 1), INT64_MAX, "up to INT64_MAX");
	is_int(num_add_count(INT64_MAX - 1, 2), INT64_MAX, "held at INT64_MAX");
	is_int(num_add_count(INT64_MAX, INT64_MAX), INT64_MAX, "MAX + MAX");
	is_int(num_add_count(5, 0), 5, "adding 0");

	for (int c = 0; c < 256; c++) {
		int want = c >= '0' && c <= '9' ? c - '0'
		         : c >= 'a' && c <= 'f' ? c - 'a' + 10
		         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (num_hexval((char)c) != want) {
			hex = 0;
			printf("# num_hexval(%d) is %d\n", c, num_hexval((char)c));
		}
	}
	ok(hex, "num_hexval: 0-9, a-f, A-F, and -1 for the 234 other bytes");

	/* FNV-1a 64 reference values */
	ok(num_hash("", 0) == 0xcbf29ce484222325u, "FNV-1a of nothing");
	ok(num_hash("a", 1) == 0xaf63dc4c8601ec8cu, "FNV-1a of 'a'");
	ok(num_hash("foobar", 6) == 0x85944171f73967e8u, "FNV-1a of 'foobar'");
	ok(num_hash("a\0b", 3) != num_hash("a", 1), "bytes after a NUL count");
	return done_testing();
}
