/* Unit tests of lib/near.c: edit distances and "did you mean". */
#include <string.h>
#include "../../lib/near.h"
#include "tap.h"

static size_t
dist(const char *a, const char *b, size_t limit)
{
	return near_distance(a, strlen(a), b, strlen(b), limit);
}

/* near_pick(word) among cand gives exactly want ("a b", "" for none). */
static void
picks(const char *word, const char *const *cand, size_t n, size_t max,
      const char *want)
{
	const char *out[8];
	char got[256] = "";
	size_t k = near_pick(word, cand, n, out, max);

	for (size_t i = 0; i < k; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, out[i]);
	}
	ok(strcmp(got, want) == 0, "%s: suggests '%s' (got '%s')", word, want,
	   got);
}

int
main(void)
{
	static const char *const opts[] = { "spec", "strict", "limit",
	                                    "min-downloads", "min-likes",
	                                    "help", "version" };
	static const char *const arch[] = { "LlamaForCausalLM",
	                                    "MistralForCausalLM",
	                                    "MixtralForCausalLM" };
	char longa[300], longb[300];

	ok(dist("kitten", "sitting", 5) == 3, "kitten/sitting is 3");
	ok(dist("", "abc", 5) == 3 && dist("abc", "", 5) == 3,
	   "to and from the empty word");
	ok(dist("spec", "spec", 3) == 0, "the same word is 0");
	ok(dist("SPEC", "spec", 3) == 0, "case is ignored");
	ok(dist("sepc", "spec", 3) == 1, "a swap of neighbours is one edit");
	ok(dist("ab", "ba", 3) == 1, "the shortest swap");
	ok(dist("abc", "ca", 5) == 3, "a swap does not cross an edit (OSA)");
	ok(dist("limit", "limt", 3) == 1 && dist("limt", "limit", 3) == 1,
	   "a dropped letter, both ways");
	ok(dist("kitten", "sitting", 2) == 3, "stops at limit + 1");
	ok(dist("a", "abcdefgh", 3) == 4, "lengths far apart: limit + 1");
	memset(longa, 'a', 299);
	longa[299] = '\0';
	memcpy(longb, longa, 300);
	ok(near_distance(longa, 299, longb, 299, 3) == 4,
	   "words past 256 bytes are never near");

	picks("sepc", opts, 7, 3, "spec");
	picks("SPEC", opts, 7, 3, "spec");
	picks("spec", opts, 7, 3, "");
	picks("zzzzzz", opts, 7, 3, "");
	picks("min-downlods", opts, 7, 3, "min-downloads");
	picks("min-likse", opts, 7, 3, "min-likes");
	picks("lmit", opts, 7, 3, "limit");
	picks("versoin", opts, 7, 3, "version");
	picks("hlp", opts, 7, 3, "help");
	/* only the nearest: Mistral is two edits away, Mixtral one */
	picks("MixtralForCasualLM", arch, 3, 3, "MixtralForCausalLM");
	picks("MixtrlForCausalLM", arch, 3, 3, "MixtralForCausalLM");
	picks("MiXtralForCausalLX", arch, 3, 3, "MixtralForCausalLM");
	picks("MistxalForCausalLM", arch, 3, 3, "MistralForCausalLM");
	/* ties at the nearest distance come in candidate order */
	picks("MiztralForCausalLM", arch, 3, 3,
	      "MistralForCausalLM MixtralForCausalLM");
	/* a real name three edits from another is no typo of it */
	picks("MambaForCausalLM", arch, 3, 3, "");
	picks("MixtralForCasualLM", arch, 3, 1, "MixtralForCausalLM");
	picks("llamaforcausallm", arch, 3, 3, "LlamaForCausalLM");
	/* one letter: a third of the length is 0, but at least 1 */
	picks("x", (const char *const[]){ "y", "xy", "abc" }, 3, 3, "y xy");
	/* ties come in candidate order */
	picks("cat", (const char *const[]){ "bat", "cab", "car" }, 3, 3,
	      "bat cab car");
	/* at most 2 edits however long the word */
	picks("abcdefghijklmnopqrst",
	      (const char *const[]){ "abcdefghijklmnopqrXX",
	                             "abcdefghijklmnopqXXX" }, 2, 3,
	      "abcdefghijklmnopqrXX");
	return done_testing();
}
