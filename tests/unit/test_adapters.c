/* Unit tests of lib/adapters.c: the table compiled in, from a file (good,
 * a name listed twice, a bad name, unreadable), from HF_ADAPTERS. */
#include <stdlib.h>
#include <unistd.h>

#include "../../lib/hf.h"
#include "tap.h"

static char path[] = "/tmp/hf-test-adapters-XXXXXX";

static void
put(const char *s, size_t n)
{
	int fd;

	strcpy(path, "/tmp/hf-test-adapters-XXXXXX");
	fd = mkstemp(path);
	if (write(fd, s, n) != (ssize_t)n)
		printf("# short write\n");
	close(fd);
}

static int
has_org(const adapters *a, const char *arch, const char *org)
{
	return adapter_has_org(adapters_find(a, arch, strlen(arch)), org,
	                       strlen(org));
}

static void
test_builtin(void)
{
	adapters a;
	char err[256] = "";

	unsetenv("HF_ADAPTERS");
	ok(adapters_load(&a, NULL, err, sizeof err) == 0, "built-in: %s", err);
	ok(a.n > 50, "built-in: %zu architectures", a.n);
	ok(adapters_find(&a, "LlamaForCausalLM", 16) != NULL, "Llama supported");
	ok(has_org(&a, "LlamaForCausalLM", "meta-llama"), "meta-llama canonical");
	ok(has_org(&a, "GPT2LMHeadModel", "openai-community"), "gpt2 canonical");
	ok(adapters_find(&a, "NoSuchForCausalLM", 17) == NULL, "unknown");
	for (size_t i = 1; i < a.n; i++)
		if (strcmp(a.v[i - 1].arch, a.v[i].arch) >= 0) {
			ok(0, "sorted at %zu", i);
			break;
		}
	adapters_free(&a);
	ok(a.n == 0 && a.v == NULL && a.lines.text == NULL, "freed");

	setenv("HF_ADAPTERS", "", 1);
	ok(adapters_load(&a, NULL, err, sizeof err) == 0 && a.n > 50,
	   "HF_ADAPTERS empty: the built-in table");
	adapters_free(&a);
	unsetenv("HF_ADAPTERS");
}

static void
test_file(void)
{
	static const char good[] =
		"# comment\n"
		"\n"
		"ZetaForCausalLM\tzeta-org, other ,,third\n"
		"AlphaModel\r\n"
		"MidModel\t\n"
		"BetaModel\tbeta";
	adapters a;
	char err[256] = "";
	const char *msg = err;
	const adapter *ad;

	put(good, sizeof good - 1);
	ok(adapters_load(&a, path, err, sizeof err) == 0, "good file: %s", err);
	ok(a.n == 4, "4 architectures (%zu)", a.n);
	ok(a.n == 4 && strcmp(a.v[0].arch, "AlphaModel") == 0 &&
	   strcmp(a.v[3].arch, "ZetaForCausalLM") == 0, "sorted");
	ad = adapters_find(&a, "ZetaForCausalLM", 15);
	ok(ad && ad->norgs == 3, "three orgs, empty names dropped");
	ok(has_org(&a, "ZetaForCausalLM", "zeta-org") &&
	   has_org(&a, "ZetaForCausalLM", "other ") &&
	   has_org(&a, "ZetaForCausalLM", "third"),
	   "orgs as written (leading blanks dropped)");
	ok(!has_org(&a, "ZetaForCausalLM", "zeta"), "no prefix match of orgs");
	ad = adapters_find(&a, "AlphaModel", 10);
	ok(ad && ad->norgs == 0, "no tab: no orgs, CR dropped");
	ad = adapters_find(&a, "MidModel", 8);
	ok(ad && ad->norgs == 0, "empty org list");
	ok(has_org(&a, "BetaModel", "beta"), "last line without newline");
	ok(!adapters_find(&a, "Alpha", 5), "no prefix match of names");
	ok(adapters_find(&a, "AlphaModelX", 10) != NULL,
	   "a name given with its length needs no NUL");
	ok(!adapters_find(&a, "AlphaModelX", 11), "a longer name");
	ok(!adapter_has_org(NULL, "x", 1), "no adapter, no org");
	adapters_free(&a);

	/* HF_ADAPTERS is read when no path is given, not when one is. */
	setenv("HF_ADAPTERS", path, 1);
	ok(adapters_load(&a, NULL, err, sizeof err) == 0 && a.n == 4,
	   "HF_ADAPTERS names the file");
	adapters_free(&a);
	unlink(path);

	put("Dup\ta\nOther\nDup\tb\n", 18);
	setenv("HF_ADAPTERS", path, 1);
	{
		char want[300];

		snprintf(want, sizeof want, "%s: Dup is listed twice", path);
		ok(adapters_load(&a, NULL, err, sizeof err) == -1, "duplicate");
		is_str(msg, want, "the duplicate named");
	}
	unsetenv("HF_ADAPTERS");
	ok(a.v == NULL && a.n == 0, "nothing kept after an error");
	unlink(path);

	{
		static const char *const bad[] = {
			"Ok\nBad Name\tx\n", "Ok\n\"Quoted\"\n", "Ok\nA,B\n",
			"Ok\n\tonly-orgs\n", "Ok\nBack\\slash\n", "Ok\n1Digit\n",
			"Ok\nDash-ed\n",
		};
		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
			char want[300];

			put(bad[i], strlen(bad[i]));
			snprintf(want, sizeof want, "%s:2: bad architecture name",
			         path);
			ok(adapters_load(&a, path, err, sizeof err) == -1,
			   "bad name %zu refused", i);
			is_str(msg, want, "FILE:LINE: bad architecture name");
			unlink(path);
		}
	}

	put("A\n\0B\n", 5);
	ok(adapters_load(&a, path, err, sizeof err) == -1 &&
	   strstr(err, ":2: a NUL byte"), "a NUL byte: %s", err);
	unlink(path);
	ok(adapters_load(&a, "/nonexistent/t.tsv", err, sizeof err) == -1,
	   "a missing file");
	is_str(msg, "cannot read adapters /nonexistent/t.tsv: No such file or directory",
	       "its message");
	setenv("HF_ADAPTERS", "/nonexistent/t.tsv", 1);
	ok(adapters_load(&a, NULL, err, sizeof err) == -1,
	   "HF_ADAPTERS naming a missing file is an error, not the built-in");
	unsetenv("HF_ADAPTERS");

	put("", 0);
	ok(adapters_load(&a, path, err, sizeof err) == 0 && a.n == 0,
	   "an empty file: an empty table");
	ok(!adapters_find(&a, "X", 1), "nothing found in it");
	adapters_free(&a);
	unlink(path);
}

int
main(void)
{
	test_builtin();
	test_file();
	return done_testing();
}
