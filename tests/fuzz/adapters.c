/*
 * adapters - any bytes as an --adapters FILE.  Properties: a table that
 * loads is sorted without duplicates, every architecture is found by
 * adapters_find and every organisation by adapter_has_org; each input
 * line is also looked up as a name, found or not.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/hf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	adapters a;
	char err[512];
	char *text;

	if (adapters_load(&a, fuzz_file(data, size), err, sizeof err) < 0) {
		fuzz_assert(err[0] != '\0' && !strchr(err, '\n'));
		return 0;
	}
	for (size_t i = 0; i < a.n; i++) {
		const adapter *ad = &a.v[i];

		fuzz_assert(ad->arch[0] != '\0');
		fuzz_assert(i == 0 || strcmp(a.v[i - 1].arch, ad->arch) < 0);
		fuzz_assert(adapters_find(&a, ad->arch, strlen(ad->arch)) == ad);
		for (size_t k = 0; k < ad->norgs; k++)
			fuzz_assert(adapter_has_org(ad, ad->orgs[k],
			                            strlen(ad->orgs[k])));
	}
	text = fuzz_str(data, size);
	for (char *p = text, *nl; *p; p = nl + 1) {
		size_t n = strcspn(p, "\n");

		nl = p + n;
		adapters_find(&a, p, n);
		if (!*nl)
			break;
	}
	free(text);
	adapters_free(&a);
	return 0;
}
