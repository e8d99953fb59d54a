/* Unit tests of lib/hubref.c: model ids from ids and model page URLs. */
#include <stdlib.h>
#include "../../lib/hubref.h"
#include "tap.h"

/* ref_model_id(src) is want (NULL: names no model). */
static void
id_is(const char *src, const char *want)
{
	char *got = ref_model_id(src);

	if (want)
		is_str(got, want, src);
	else
		ok(got == NULL, "%s names no model (got '%s')", src,
		   got ? got : "(null)");
	free(got);
}

int
main(void)
{
	id_is("Qwen/Qwen3-8B", "Qwen/Qwen3-8B");
	id_is("gpt2", "gpt2");
	id_is("https://huggingface.co/Qwen/Qwen3-8B", "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B/", "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B/tree/main", "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json",
	      "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B/resolve/main/config.json",
	      "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B?library=transformers",
	      "Qwen/Qwen3-8B");
	id_is("https://huggingface.co/Qwen/Qwen3-8B#usage", "Qwen/Qwen3-8B");
	id_is("huggingface.co/google/t5-small", "google/t5-small");
	id_is("hf.co/google/t5-small", "google/t5-small");
	id_is("http://127.0.0.1:8080/acme/tiny-1b", "acme/tiny-1b");
	id_is("https://huggingface.co/api/models/acme/tiny-1b", "acme/tiny-1b");
	id_is("https://huggingface.co/gpt2", "gpt2");
	id_is("https://huggingface.co/gpt2/tree/main", "gpt2");
	id_is("https://huggingface.co/datasets/acme/data", NULL);
	id_is("https://huggingface.co/spaces/acme/demo", NULL);
	id_is("https://huggingface.co/", NULL);
	id_is("https://huggingface.co", NULL);
	id_is("bad id", NULL);
	id_is("", NULL);
	id_is("a/b/c", NULL);
	id_is("/name", NULL);
	id_is("org/", NULL);
	id_is("org/na--me", NULL);
	id_is("org/na..me", NULL);
	id_is("org/-name", NULL);
	id_is("org/name.", NULL);
	id_is("org/na\tme", NULL);
	id_is("org/n%41me", NULL);
	id_is("org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	      "a", NULL);
	id_is("org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	      "org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	id_is("https://huggingface.co/Qwen/Qwen3-8B.git", "Qwen/Qwen3-8B");
	id_is("org/name.git", NULL);
	id_is("https://huggingface.co/api/models/gpt2/revision/main", "gpt2");
	id_is("https://huggingface.co/api/models/org/m/revision/main", "org/m");
	id_is("https://huggingface.co/gpt2/blame/main/config.json", "gpt2");
	id_is("https://huggingface.co/collections/Qwen/x", NULL);
	id_is("https://huggingface.co/models?search=x", NULL);
	id_is("https://huggingface.co/papers/2401.00001", NULL);
	id_is("https://huggingface.co/docs/hub", NULL);
	ok(ref_valid_id("EleutherAI/pythia-70m-deduped_v0.1"), "dots, dashes and underscores");
	ok(!ref_valid_id("org//name"), "empty part");
	ok(ref_valid_org_id("org/name") && ref_valid_id("gpt2") &&
	   !ref_valid_org_id("gpt2") && !ref_valid_org_id("a/b/c") &&
	   !ref_valid_org_id("org/na me"), "ORG/NAME only for ref_valid_org_id");
	return done_testing();
}
