/*
 * hubref - any string as a model id or a model URL (--model, --url,
 * --models-from lines).  Properties: what ref_model_id returns is a valid
 * id, and a valid id given again names itself (unless it reads as a URL:
 * hf.co/NAME, huggingface.co/NAME).
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/hubref.h"
#include "fuzz.h"

static int
looks_like_url(const char *s)
{
	return strstr(s, "://") || strncmp(s, "huggingface.co/", 15) == 0 ||
	       strncmp(s, "hf.co/", 6) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *id = ref_model_id(s);
	int valid = ref_valid_id(s);

	if (id) {
		char *again;

		fuzz_assert(ref_valid_id(id));
		if (!looks_like_url(id)) {
			again = ref_model_id(id);
			fuzz_assert(again && strcmp(again, id) == 0);
			free(again);
		}
	}
	if (valid && !looks_like_url(s))
		fuzz_assert(id && strcmp(id, s) == 0);
	free(id);
	free(s);
	return 0;
}
