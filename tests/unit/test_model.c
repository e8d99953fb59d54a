/* Unit tests of lib/model.c: architecture, params, quantization. */
#include "../../lib/model.h"
#include "tap.h"

int
main(void)
{
	const char *rec = "{\"id\":\"acme/x-AWQ\",\"config\":{\"architectures\":"
	                  "[\"LlamaForCausalLM\"]},\"safetensors\":{\"total\":7}}";
	json_doc d;
	const char *why;
	int64_t p = 0;
	size_t n;

	json_init(&d);
	ok(json_parse(&d, rec, strlen(rec), 1, &why) == 0, "parse");
	ok(json_streq(&d, model_arch(&d, NULL), "LlamaForCausalLM"), "arch");
	ok(model_params(&d, &p, NULL) == 0 && p == 7, "params");
	ok(model_quantized(&d, QUANT_BY_NAME), "quantized by name");
	ok(!model_quantized(&d, QUANT_BY_META), "not by metadata");
	ok(model_author(&d, &n) && n == 4, "author from id");
	json_free(&d);
	return done_testing();
}
