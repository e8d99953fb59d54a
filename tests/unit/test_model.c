/* Unit tests of lib/model.c: architecture, params (and the type problems
 * they report), the spec of each family's keys, quantization by name and
 * by metadata, and model_summary as hf-score and hf-report read records. */
#include <stdlib.h>

#include "../../lib/model.h"
#include "tap.h"

static json_doc doc;

static int
load(const char *rec)
{
	const char *why;

	if (json_parse(&doc, rec, strlen(rec), 1, &why) == 0)
		return 1;
	printf("# cannot parse %s: %s\n", rec, why);
	return 0;
}

/* The spec of a record {"config": CONFIG} as hf-arch --spec writes it. */
static const char *
spec_of(const char *config)
{
	static char text[1024];
	char rec[2048];
	model_spec s;
	hf_out w;

	snprintf(rec, sizeof rec, "{\"config\":%s}", config);
	if (!load(rec))
		return "unparsed";
	model_get_spec(&doc, &s);
	out_init_mem(&w);
	model_write_spec(&w, &s);
	snprintf(text, sizeof text, "%.*s", (int)w.len, w.buf);
	out_free(&w);
	return text;
}

#define SPEC(h, l, nh, kv, hd, ctx, ffn, moeffn, voc, ne, k, moe, mod)     \
	"{\"hidden_size\":" #h ",\"num_layers\":" #l ",\"num_heads\":" #nh     \
	",\"num_kv_heads\":" #kv ",\"head_dim\":" #hd                          \
	",\"context_length\":" #ctx ",\"intermediate_size\":" #ffn             \
	",\"moe_intermediate_size\":" #moeffn ",\"vocab_size\":" #voc          \
	",\"num_experts\":" #ne ",\"experts_per_token\":" #k ",\"moe\":" #moe  \
	",\"modality\":\"" #mod "\"}"

static void
test_spec_families(void)
{
	/* Llama / Mistral / Qwen keys, GQA, head_dim stated. */
	is_str(spec_of("{\"hidden_size\":1024,\"num_hidden_layers\":28,"
	               "\"num_attention_heads\":16,\"num_key_value_heads\":8,"
	               "\"head_dim\":128,\"max_position_embeddings\":40960,"
	               "\"intermediate_size\":3072,\"vocab_size\":151936}"),
	       SPEC(1024, 28, 16, 8, 128, 40960, 3072, null, 151936, null,
	            null, false, text), "llama keys");
	/* GPT-2: n_embd, n_layer, n_head, n_positions (before n_ctx), n_inner. */
	is_str(spec_of("{\"n_ctx\":2048,\"n_embd\":768,\"n_head\":12,"
	               "\"n_inner\":null,\"n_layer\":12,\"n_positions\":1024,"
	               "\"vocab_size\":50257}"),
	       SPEC(768, 12, 12, null, null, 1024, null, null, 50257, null,
	            null, false, text), "gpt2 keys; n_inner null is absent");
	is_str(spec_of("{\"n_ctx\":2048,\"n_embd\":64}"),
	       SPEC(64, null, null, null, null, 2048, null, null, null, null,
	            null, false, text), "n_ctx alone");
	/* T5: d_model, num_layers, num_heads, d_ff. */
	is_str(spec_of("{\"d_model\":512,\"d_ff\":2048,\"num_layers\":6,"
	               "\"num_decoder_layers\":6,\"num_heads\":8,\"d_kv\":64,"
	               "\"n_positions\":512,\"vocab_size\":32128}"),
	       SPEC(512, 6, 8, null, null, 512, 2048, null, 32128, null, null,
	            false, text), "t5 keys");
	/* BART style: decoder_layers, decoder_attention_heads, ffn widths. */
	is_str(spec_of("{\"d_model\":768,\"encoder_layers\":6,"
	               "\"decoder_layers\":6,\"encoder_attention_heads\":12,"
	               "\"decoder_attention_heads\":12,\"encoder_ffn_dim\":3072,"
	               "\"decoder_ffn_dim\":3072,\"max_position_embeddings\":1024,"
	               "\"vocab_size\":51289}"),
	       SPEC(768, 6, 12, null, null, 1024, 3072, null, 51289, null, null,
	            false, text), "bart keys");
	is_str(spec_of("{\"ffn_dim\":4096,\"decoder_ffn_dim\":1}"),
	       SPEC(null, null, null, null, null, null, 4096, null, null, null,
	            null, false, text), "ffn_dim before decoder_ffn_dim");
	/* Falcon: n_head_kv; ChatGLM: seq_length; others max_sequence_length. */
	is_str(spec_of("{\"hidden_size\":4544,\"n_head\":71,\"n_head_kv\":1,"
	               "\"n_layer\":32}"),
	       SPEC(4544, 32, 71, 1, null, null, null, null, null, null, null,
	            false, text), "falcon keys");
	is_str(spec_of("{\"seq_length\":8192,\"max_sequence_length\":4096}"),
	       SPEC(null, null, null, null, null, 4096, null, null, null, null,
	            null, false, text), "max_sequence_length before seq_length");
	is_str(spec_of("{\"seq_length\":8192,\"num_layers\":28}"),
	       SPEC(null, 28, null, null, null, 8192, null, null, null, null,
	            null, false, text), "seq_length alone");
	/* Mixtral: num_local_experts, num_experts_per_tok. */
	is_str(spec_of("{\"hidden_size\":4096,\"num_local_experts\":8,"
	               "\"num_experts_per_tok\":2,\"intermediate_size\":14336}"),
	       SPEC(4096, null, null, null, null, null, 14336, null, null, 8, 2,
	            true, text), "mixtral keys");
	/* Qwen3-MoE: num_experts, moe_intermediate_size. */
	is_str(spec_of("{\"num_experts\":128,\"num_experts_per_tok\":8,"
	               "\"moe_intermediate_size\":768,\"intermediate_size\":6144}"),
	       SPEC(null, null, null, null, null, null, 6144, 768, null, 128, 8,
	            true, text), "qwen moe keys");
	/* DeepSeek: n_routed_experts (n_shared_experts is not the count). */
	is_str(spec_of("{\"n_routed_experts\":256,\"n_shared_experts\":1,"
	               "\"num_experts_per_tok\":8}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 256, 8,
	            true, text), "deepseek keys");
	/* gpt-oss: experts_per_token; Hunyuan: moe_topk. */
	is_str(spec_of("{\"num_local_experts\":32,\"experts_per_token\":4}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 32, 4,
	            true, text), "gpt-oss keys");
	is_str(spec_of("{\"num_experts\":16,\"moe_topk\":2}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 16, 2,
	            true, text), "moe_topk");
	is_str(spec_of("{\"num_experts\":1,\"num_experts_per_tok\":1}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 1, 1,
	            false, text), "one expert is not MoE");
	is_str(spec_of("{\"num_local_experts\":8,\"num_experts\":4,"
	               "\"n_routed_experts\":2}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 8, null,
	            true, text), "num_local_experts first");
}

static void
test_spec_rules(void)
{
	/* Preference is by key, not by position in the object. */
	is_str(spec_of("{\"d_model\":1,\"n_embd\":2,\"hidden_size\":3,"
	               "\"decoder_layers\":1,\"num_layers\":2,\"n_layer\":3,"
	               "\"num_hidden_layers\":4}"),
	       SPEC(3, 4, null, null, null, null, null, null, null, null, null,
	            false, text), "the first key of the list wins");
	/* null, negative, fractional and string values count as absent and
	 * let the next key speak. */
	is_str(spec_of("{\"hidden_size\":null,\"n_embd\":-1,\"d_model\":64,"
	               "\"num_hidden_layers\":2.5,\"n_layer\":\"7\","
	               "\"num_layers\":3,\"vocab_size\":1e3}"),
	       SPEC(64, 3, null, null, null, null, null, null, null, null, null,
	            false, text), "null, negative, 2.5, \"7\", 1e3 are absent");
	/* text_config first; the top level fills what it lacks. */
	is_str(spec_of("{\"hidden_size\":1,\"vocab_size\":9,"
	               "\"text_config\":{\"hidden_size\":2560,"
	               "\"num_hidden_layers\":34},\"vision_config\":{"
	               "\"hidden_size\":1152,\"num_attention_heads\":16}}"),
	       SPEC(2560, 34, null, null, null, null, null, null, 9, null, null,
	            false, multimodal), "text_config first, then the top level");
	is_str(spec_of("{\"hidden_size\":1,\"text_config\":{\"n_embd\":2}}"),
	       SPEC(2, null, null, null, null, null, null, null, null, null, null,
	            false, text), "any text_config key beats the top level");
	is_str(spec_of("{\"text_config\":{\"num_local_experts\":16,"
	               "\"num_experts_per_tok\":1}}"),
	       SPEC(null, null, null, null, null, null, null, null, null, 16, 1,
	            true, text), "MoE under text_config (Llama 4)");
	is_str(spec_of("{\"text_config\":5,\"hidden_size\":7}"),
	       SPEC(7, null, null, null, null, null, null, null, null, null, null,
	            false, text), "a text_config that is not an object");
	is_str(spec_of("{}"),
	       SPEC(null, null, null, null, null, null, null, null, null, null,
	            null, false, text), "an empty config");
	ok(load("{\"id\":\"x\"}"), "parse");
	{
		model_spec s;

		model_get_spec(&doc, &s);
		ok(s.hidden_size == -1 && s.vocab_size == -1 && !s.moe &&
		   !s.multimodal, "no config: all absent");
	}
	ok(load("{\"config\":5}"), "parse");
	{
		model_spec s;

		model_get_spec(&doc, &s);
		ok(s.hidden_size == -1 && !s.multimodal, "config not an object");
	}
}

static void
test_modality(void)
{
	static const char *const multi[] = {
		"{\"vision_config\":{}}", "{\"img_processor\":{\"name\":\"clip\"}}",
		"{\"vision_tower\":\"openai/clip\"}", "{\"model_type\":\"llava\"}",
		"{\"model_type\":\"qwen2_vl\"}", "{\"model_type\":\"paligemma\"}",
		"{\"model_type\":\"Idefics3\"}", "{\"model_type\":\"mllama\"}",
		"{\"model_type\":\"florence2\"}", "{\"model_type\":\"internvl_chat\"}",
	};
	static const char *const text[] = {
		"{\"model_type\":\"llama\"}", "{\"model_type\":\"gemma3_text\"}",
		"{\"model_type\":5}", "{\"text_config\":{\"vision_config\":{}}}",
		"{\"model_type\":\"gpt2\",\"architectures\":[\"GPT2LMHeadModel\"]}",
	};

	for (size_t i = 0; i < sizeof multi / sizeof *multi; i++) {
		const char *s = spec_of(multi[i]);
		ok(strstr(s, "\"modality\":\"multimodal\""), "multimodal: %s",
		   multi[i]);
	}
	for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
		const char *s = spec_of(text[i]);
		ok(strstr(s, "\"modality\":\"text\""), "text: %s", text[i]);
	}
}

static void
test_arch_params(void)
{
	model_issues iss = { { 0 }, 0 };
	int64_t p = -5;
	size_t n;
	const char *s;
	int a;

	ok(load("{\"id\":\"acme/x-AWQ\",\"config\":{\"architectures\":"
	        "[\"LlamaForCausalLM\",\"Other\"]},\"safetensors\":{\"total\":7}}"),
	   "parse");
	ok(json_streq(&doc, model_arch(&doc, &iss), "LlamaForCausalLM"),
	   "architectures[0]");
	ok(model_params(&doc, &p, &iss) == 0 && p == 7, "safetensors.total");
	ok(iss.n == 0, "no issue");
	s = model_author(&doc, &n);
	ok(s && n == 4 && memcmp(s, "acme", 4) == 0, "author from the id");
	s = model_id(&doc, &n);
	ok(s && n == 10, "id");

	ok(load("{\"modelId\":\"o/n\",\"author\":\"someone\"}"), "parse");
	s = model_id(&doc, &n);
	ok(s && n == 3, "modelId when no id");
	s = model_author(&doc, &n);
	ok(s && n == 7, "the author field first");
	ok(load("{\"id\":\"noslash\"}") && !model_author(&doc, &n),
	   "no author without a slash");

	/* Absent without an issue. */
	iss.n = 0;
	ok(load("{\"config\":{\"architectures\":[]}}") &&
	   model_arch(&doc, &iss) == -1 && iss.n == 0, "empty list: absent");
	ok(load("{\"config\":{\"architectures\":null}}") &&
	   model_arch(&doc, &iss) == -1 && iss.n == 0, "null: absent");
	ok(load("{\"config\":null}") && model_arch(&doc, &iss) == -1 &&
	   iss.n == 0, "config null: absent");
	ok(load("{}") && model_arch(&doc, &iss) == -1 &&
	   model_params(&doc, &p, &iss) == -1 && iss.n == 0, "nothing at all");

	/* Wrong types: absent, with an issue each. */
	ok(load("{\"config\":{\"architectures\":\"X\"}}") &&
	   model_arch(&doc, &iss) == -1 && iss.n == 1 &&
	   strcmp(iss.msg[0], "config.architectures is not an array") == 0,
	   "architectures a string");
	iss.n = 0;
	ok(load("{\"config\":{\"architectures\":[5]}}") &&
	   model_arch(&doc, &iss) == -1 && iss.n == 1 &&
	   strcmp(iss.msg[0], "config.architectures[0] is not a string") == 0,
	   "architectures[0] a number");
	iss.n = 0;
	ok(load("{\"config\":5}") && model_arch(&doc, &iss) == -1 &&
	   iss.n == 1 && strcmp(iss.msg[0], "config is not an object") == 0,
	   "config a number");
	iss.n = 0;
	ok(load("{\"safetensors\":{\"total\":\"7\"}}") &&
	   model_params(&doc, &p, &iss) == -1 && iss.n == 1 &&
	   strcmp(iss.msg[0], "safetensors.total is not a count") == 0,
	   "total a string");
	iss.n = 0;
	ok(load("{\"safetensors\":{\"total\":-7,\"parameters\":{\"total\":5}}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == 5 && iss.n == 1,
	   "a negative total is reported; parameters.total next");
	iss.n = 0;
	ok(load("{\"safetensors\":5,\"config\":{\"n_params\":2}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == 2 && iss.n == 1 &&
	   strcmp(iss.msg[0], "safetensors is not an object") == 0,
	   "safetensors a number: reported, the config next");
	iss.n = 0;
	ok(load("{\"safetensors\":null}") &&
	   model_params(&doc, &p, &iss) == -1 && iss.n == 0,
	   "safetensors null: absent, no issue");
	iss.n = 0;
	ok(load("{\"safetensors\":{\"total\":1.5e9}}") &&
	   model_params(&doc, &p, &iss) == -1 && iss.n == 1, "total 1.5e9");

	/* The order of the sources. */
	iss.n = 0;
	ok(load("{\"safetensors\":{\"parameters\":{\"BF16\":3,\"total\":9}},"
	        "\"config\":{\"num_parameters\":1}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == 9,
	   "safetensors.parameters.total before the config");
	ok(load("{\"safetensors\":{\"total\":null,\"parameters\":{\"BF16\":3}},"
	        "\"config\":{\"n_params\":2,\"num_params\":3}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == 2,
	   "config.n_params before num_params; total null is absent");
	ok(load("{\"config\":{\"num_params\":3,\"num_parameters\":4}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == 4, "num_parameters first");
	ok(load("{\"safetensors\":{\"parameters\":{\"BF16\":3}}}") &&
	   model_params(&doc, &p, &iss) == -1,
	   "per-dtype counts alone are not summed");
	ok(load("{\"safetensors\":{\"total\":9223372036854775807}}") &&
	   model_params(&doc, &p, &iss) == 0 && p == INT64_MAX, "INT64_MAX");
	ok(iss.n == 0, "no issue in these");

	/* What later stages read: the keys hf-arch wrote, else the config. */
	ok(load("{\"architecture\":\"A\",\"params\":3,\"config\":{"
	        "\"architectures\":[\"B\"]},\"safetensors\":{\"total\":4}}"),
	   "parse");
	a = model_record_arch(&doc, &iss);
	ok(json_streq(&doc, a, "A"), "model_record_arch: the architecture key");
	ok(model_record_params(&doc, &p, &iss) == 0 && p == 3,
	   "model_record_params: the params key");
	ok(load("{\"architecture\":null,\"params\":null,\"config\":{"
	        "\"architectures\":[\"B\"]},\"safetensors\":{\"total\":4}}"),
	   "parse");
	ok(model_record_arch(&doc, &iss) == -1,
	   "architecture null stays null (hf-arch found none)");
	ok(model_record_params(&doc, &p, &iss) == 0 && p == 4,
	   "params null: computed");
	ok(load("{\"config\":{\"architectures\":[\"B\"]}}") &&
	   json_streq(&doc, model_record_arch(&doc, &iss), "B"),
	   "no architecture key: computed");

	iss.n = 0;
	ok(load("{\"downloads\":12,\"likes\":\"3\"}"), "parse");
	ok(model_int(&doc, "downloads", &p, &iss) == 0 && p == 12, "downloads");
	ok(model_int(&doc, "likes", &p, &iss) == -1 && iss.n == 1 &&
	   strcmp(iss.msg[0], "a count is not an integer") == 0, "likes \"3\"");
	ok(load("{\"downloads\":\"12\"}") &&
	   model_int(&doc, "downloads", &p, &iss) == -1 && iss.n == 2 &&
	   strcmp(iss.msg[1], "downloads is not an integer") == 0,
	   "downloads \"12\"");
	ok(model_int(&doc, "absent", &p, &iss) == -1 && iss.n == 2, "absent");

	/* At most 8 issues are kept, never more. */
	iss.n = 0;
	ok(load("{\"config\":5}"), "parse");
	for (int i = 0; i < 20; i++)
		model_arch(&doc, &iss);
	ok(iss.n == 8, "issues are bounded");
}

static void
test_quant_names(void)
{
	static const char *const quantized[] = {
		"TheBloke/Llama-2-7B-AWQ", "org/m-awq", "org/m_AWQ", "org/m_awq",
		"TheBloke/Llama-2-7B-GPTQ", "org/m-gptq", "org/GPTQ-thing",
		"TheBloke/Llama-2-7B-GGUF", "org/m-gguf", "org/m_GGUF",
		"unsloth/llama-3-8b-bnb-4bit", "org/m_bnb_x", "org/m-4bit",
		"org/m_4bit", "org/m-8bit", "org/m-3bit", "org/m-2bit",
		"org/m-5bit", "org/m-6bit", "org/m-FP8", "org/m_fp8",
		"org/m-NVFP4", "org/m-mxfp4", "org/m-int4", "org/m_int8",
		"org/m-w4a16", "org/m-W8A8", "org/m.w4a16", "org/m-oQ",
		"org/m-quantized.w8a8", "org/m_Quantized", "mlx-community/Llama",
		"org/m-MLX-4", "org/m-fp4", "org/m-HQQ", "org/m-exl2",
		"org/m-EXL2", "org/m-mlx", "org/m-4bit-x",
	};
	static const char *const plain[] = {
		"meta-llama/Llama-3-8B", "openai-community/gpt2", "org/m-aw",
		"org/m-gpt", "org/m-int", "org/m-4bi", "mlx/Llama", "org/m-fp16",
		"org/m-bf16", "org/m-8b", "org/m-w4", "", "-", "org/mlxthing",
		"org/m-Int4x", "org/quantizedish", "org/m-bits", "org/m-4.0bp",
		/* full precision, whatever else the name says */
		"google/gemma-3-270m-it-qat-q4_0-unquantized",
		"org/m-INT4-Unquantized", "org/q4-model", "org/m-q9_0",
		"org/m-q4_km", "org/Q4",
	};
	/* real ids TransformerLens's markers miss, and acronyms in any case */
	static const char *const real[] = {
		"meta-llama/Llama-Guard-3-8B-INT8", "pytorch/Qwen3-8B-INT4",
		"poolside/Laguna-XS.2-INT4", "meituan/DeepSeek-R1-Channel-INT8",
		"hugging-quants/Meta-Llama-3.1-8B-Instruct-BNB-NF4",
		"org/m-nf4", "OsaurusAI/LFM2.5-8B-A1B-MXFP8",
		"drisspg/fp8-opt-125m", "uirev/MLX_unsloth_gemma-2b-it",
		"org/Llama-3-8B-Instruct-q4_k_m.gguf", "org/m-exl2",
		"org/m-4.0bpw", "org/m-6.5bpw-h8", "org/m-Awq", "org/m-Gguf",
		"org/awq", "org/m-bnb", "org/mlx-thing", "org/m-Mlx",
		"org/m-Quantized", "org/m_GPTQ_4bit", "org/m.GGML",
		"x/model-Q4_K_M", "x/q8_0-model", "x/m-Q5_K_S", "x/m-q4_1",
	};

	for (size_t i = 0; i < sizeof real / sizeof *real; i++)
		ok(quant_name_marker(real[i], strlen(real[i])),
		   "quantized by name: %s", real[i]);

	for (size_t i = 0; i < sizeof quantized / sizeof *quantized; i++)
		ok(quant_name_marker(quantized[i], strlen(quantized[i])),
		   "quantized by name: %s", quantized[i]);
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		ok(!quant_name_marker(plain[i], strlen(plain[i])),
		   "not quantized: '%s'", plain[i]);
	ok(!quant_name_marker("org/m-AWQ", 7), "only the first n bytes count");
	ok(quant_name_marker("org/m-AWQ", 9), "all n bytes");
}

static void
test_quant_meta(void)
{
	static const char *const yes[] = {
		"{\"config\":{\"quantization_config\":{\"quant_method\":\"fp8\"}}}",
		"{\"config\":{\"quantization_config\":{}}}",
		"{\"gguf\":{\"total\":7}}",
		"{\"tags\":[\"text-generation\",\"gguf\"]}",
	};
	static const char *const no[] = {
		"{}", "{\"config\":{\"quantization_config\":null}}",
		"{\"gguf\":null}", "{\"tags\":[\"GGUF\",\"ggufx\",\"x-gguf\"]}",
		"{\"tags\":\"gguf\"}",
		"{\"config\":{\"text_config\":{\"quantization_config\":{}}}}",
		"{\"quantization_config\":{}}",
		"{\"tags\":[[\"gguf\"],{\"gguf\":1}]}",
	};

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		ok(load(yes[i]) && quant_metadata(&doc), "metadata: %s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		ok(load(no[i]) && !quant_metadata(&doc), "no metadata: %s", no[i]);

	ok(load("{\"id\":\"o/m-AWQ\"}"), "parse");
	ok(model_quantized(&doc, QUANT_BY_NAME) &&
	   !model_quantized(&doc, QUANT_BY_META) &&
	   model_quantized(&doc, QUANT_BY_ANY), "by name only");
	ok(load("{\"id\":\"o/m\",\"tags\":[\"gguf\"]}"), "parse");
	ok(!model_quantized(&doc, QUANT_BY_NAME) &&
	   model_quantized(&doc, QUANT_BY_META) &&
	   model_quantized(&doc, QUANT_BY_ANY), "by metadata only");
	ok(load("{\"id\":\"o/m\"}") && !model_quantized(&doc, QUANT_BY_ANY),
	   "neither");
}

static void
test_estimate(void)
{
	int64_t p = 0;

	/* GPT-2 small: 124,439,808 with tied embeddings, per the usual sum
	 * (the estimate leaves out biases and norms: 124.3 M). */
	ok(load("{\"config\":{\"n_embd\":768,\"n_layer\":12,\"n_head\":12,"
	        "\"n_positions\":1024,\"vocab_size\":50257}}") &&
	   model_estimate_params(&doc, &p) == 0 && p > 120000000 &&
	   p < 126000000, "gpt2 about 124 M (got %lld)", (long long)p);
	ok(load("{\"config\":{\"n_embd\":768}}") &&
	   model_estimate_params(&doc, &p) == -1, "not enough to estimate");
	/* Past INT64_MAX the cast would be undefined: no estimate. */
	ok(load("{\"config\":{\"hidden_size\":1000000,\"num_hidden_layers\":"
	        "1000000,\"vocab_size\":32000}}") &&
	   model_estimate_params(&doc, &p) == -1,
	   "hidden 1e6 by 1e6 layers (1.6e19): no estimate");
	ok(load("{\"config\":{\"hidden_size\":2,\"num_hidden_layers\":1,"
	        "\"vocab_size\":9000000000000000000}}") &&
	   model_estimate_params(&doc, &p) == -1,
	   "vocabulary 9e18 (3.6e19 with the output head): no estimate");
	ok(load("{\"config\":{\"hidden_size\":1,\"num_hidden_layers\":1,"
	        "\"vocab_size\":4000000000000000000,\"num_attention_heads\":1,"
	        "\"intermediate_size\":1}}") &&
	   model_estimate_params(&doc, &p) == 0 && p == 8000000000000000000,
	   "8e18 still fits (got %lld)", (long long)p);
}

static void
test_summary(void)
{
	ndj_reader r = { .name = "t.ndjson", .lineno = 3 };
	struct model_summary sum, *s = &sum;
	const char *err;
	int bad;

	ok(load("{\"id\":\"o/m\",\"downloads\":12,\"config\":{\"architectures\":"
	        "[\"X\"]},\"safetensors\":{\"total\":7}}") &&
	   model_summary(&doc, "downloads", 0, NULL, s) == 0, "a plain record");
	is_str(s->id, "o/m", "its id");
	is_str(s->arch, "X", "its architecture");
	ok(s->params == 7 && s->downloads == 12 && !s->estimated && s->iss.n == 0,
	   "params, downloads, no issue");
	model_summary_free(s);
	ok(s->id == NULL && s->arch == NULL, "freed");

	ok(load("{\"id\":\"o/m\",\"architecture\":\"Zeta\\u0000x\","
	        "\"downloads\":-5}") &&
	   model_summary(&doc, "downloads", 0, NULL, s) == 1, "a NUL and a "
	   "negative count are problems");
	ok(s->arch == NULL && s->id == NULL && s->downloads == 0 && s->iss.n == 2,
	   "no architecture Zeta, downloads 0, two issues");
	is_str(s->iss.msg[0], "downloads is negative", "the first");
	is_str(s->iss.msg[1], "a NUL byte in the id or the architecture",
	       "the second");
	model_summary_free(s);

	ok(load("{\"id\":\"o/\\u00e9\",\"architecture\":\"A\\\"B\",\"params\":5,"
	        "\"config\":{\"architectures\":[\"X\"]},\"safetensors\":{\"total\":7}}") &&
	   model_summary(&doc, "downloads", 0, NULL, s) == 0, "hf-arch's keys");
	is_str(s->id, "o/\xc3\xa9", "the id decoded");
	is_str(s->arch, "A\"B", "architecture before config.architectures, decoded");
	ok(s->params == 5 && s->downloads == 0, "params before safetensors; no "
	   "downloads is 0");
	model_summary_free(s);

	ok(load("{\"id\":\"o/m\",\"architecture\":null,\"config\":{\"architectures\":"
	        "[\"X\"]}}") && model_summary(&doc, "downloads", 0, NULL, s) == 0 &&
	   !s->id && !s->arch && s->params == -1, "architecture null: no id or "
	   "architecture, size unknown");
	ok(load("{\"config\":{\"architectures\":[\"X\"]}}") &&
	   model_summary(&doc, "downloads", 0, NULL, s) == 0 && !s->id && !s->arch,
	   "no id: neither");

	ok(load("{\"id\":\"o/m\",\"downloads\":1,\"downloadsAllTime\":99,"
	        "\"architecture\":\"X\"}") &&
	   model_summary(&doc, "downloadsAllTime", 0, NULL, s) == 0 &&
	   s->downloads == 99, "downloads from the key asked for");
	model_summary_free(s);

	ok(load("{\"id\":\"o/m\",\"architecture\":\"X\",\"config\":{\"n_embd\":768,"
	        "\"n_layer\":12,\"n_head\":12,\"vocab_size\":50257}}") &&
	   model_summary(&doc, "downloads", 0, NULL, s) == 0 && s->params == -1 &&
	   !s->estimated, "no estimate unless asked");
	model_summary_free(s);
	ok(model_summary(&doc, "downloads", 1, NULL, s) == 0 &&
	   s->params > 120000000 && s->estimated, "estimated when asked");
	model_summary_free(s);

	ok(load("{\"id\":\"o/m\",\"downloads\":\"x\",\"config\":{\"architectures\":"
	        "[\"X\"]},\"safetensors\":{\"total\":\"7\"}}"), "parse");
	stderr_begin();
	bad = model_summary(&doc, "downloads", 0, &r, s);
	err = stderr_end();
	ok(bad == 1 && s->iss.n == 2, "two problems: 1");
	is_str(s->id, "o/m", "the record still read");
	ok(s->params == -1 && s->downloads == 0, "neither count taken");
	is_str(err, "hf: t.ndjson:3: safetensors.total is not a count\n"
	       "hf: t.ndjson:3: downloads is not an integer\n",
	       "each reported at its line, in reading order");
	model_summary_free(s);
	ok(load("{\"id\":\"o/m\",\"downloadsAllTime\":[]}") &&
	   model_summary(&doc, "downloadsAllTime", 0, NULL, s) == 1 &&
	   !strcmp(s->iss.msg[0], "a count is not an integer"),
	   "another key's problem named as a count");
	model_summary_free(s);
}

int
main(void)
{
	json_init(&doc);
	test_spec_families();
	test_spec_rules();
	test_modality();
	test_arch_params();
	test_quant_names();
	test_quant_meta();
	test_estimate();
	test_summary();
	json_free(&doc);
	return done_testing();
}
