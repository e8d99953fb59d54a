/* model.c - architecture, parameter count, spec and quantization of one
 * model record, read from jsmn tokens without copying. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "record.h"

static void
issue(model_issues *iss, const char *msg)
{
	if (iss && iss->n < (int)(sizeof iss->msg / sizeof iss->msg[0]))
		iss->msg[iss->n++] = msg;
}

/* The record's "config" object, or -1 (an issue when of the wrong type). */
static int
config_of(const json_doc *d, model_issues *iss)
{
	int c = json_get(d, 0, "config");

	if (c >= 0 && json_type(d, c) != JSMN_OBJECT && !json_is_null(d, c)) {
		issue(iss, "config is not an object");
		return -1;
	}
	return json_type(d, c) == JSMN_OBJECT ? c : -1;
}

int
model_arch(const json_doc *d, model_issues *iss)
{
	int a = json_get(d, config_of(d, iss), "architectures"), first;

	if (a < 0 || json_is_null(d, a))
		return -1;
	if (json_type(d, a) != JSMN_ARRAY) {
		issue(iss, "config.architectures is not an array");
		return -1;
	}
	first = json_at(d, a, 0);
	if (first < 0)
		return -1;
	if (!json_is_string(d, first)) {
		issue(iss, "config.architectures[0] is not a string");
		return -1;
	}
	return first;
}

/* An integer member: 0 and *out, -1 when absent or null, -2 (and an issue
 * naming what) when of another type. */
static int
int_member(const json_doc *d, int obj, const char *key, int64_t *out,
           model_issues *iss, const char *what)
{
	int v = json_get(d, obj, key);

	if (v < 0 || json_is_null(d, v))
		return -1;
	if (json_int64(d, v, out) == 0 && *out >= 0)
		return 0;
	issue(iss, what);
	return -2;
}

int
model_params(const json_doc *d, int64_t *out, model_issues *iss)
{
	static const char *const config_keys[] = { "num_parameters", "n_params",
	                                           "num_params" };
	int st = json_get(d, 0, "safetensors"), c;

	if (st >= 0 && json_type(d, st) != JSMN_OBJECT && !json_is_null(d, st))
		issue(iss, "safetensors is not an object");
	if (int_member(d, st, "total", out, iss,
	               "safetensors.total is not a count") == 0)
		return 0;
	if (int_member(d, json_get(d, st, "parameters"), "total", out, iss,
	               "safetensors.parameters.total is not a count") == 0)
		return 0;
	c = config_of(d, NULL);
	for (size_t i = 0; i < sizeof config_keys / sizeof *config_keys; i++)
		if (int_member(d, c, config_keys[i], out, iss,
		               "config parameter count is not a count") == 0)
			return 0;
	return -1;
}

int
model_record_arch(const json_doc *d, model_issues *iss)
{
	int a = json_get(d, 0, "architecture");

	if (a < 0)
		return model_arch(d, iss);
	return json_is_string(d, a) ? a : -1;
}

int
model_record_params(const json_doc *d, int64_t *out, model_issues *iss)
{
	int p = json_get(d, 0, "params");

	if (p >= 0 && json_int64(d, p, out) == 0 && *out >= 0)
		return 0;
	return model_params(d, out, iss);
}

int
model_int(const json_doc *d, const char *key, int64_t *out, model_issues *iss)
{
	int v = json_get(d, 0, key);

	if (v < 0 || json_is_null(d, v))
		return -1;
	if (json_int64(d, v, out) == 0)
		return 0;
	issue(iss, strcmp(key, "downloads") == 0 ? "downloads is not an integer"
	                                         : "a count is not an integer");
	return -1;
}

int
model_summary(const json_doc *d, const char *downloads_key, int estimate,
              const ndj_reader *r, struct model_summary *s)
{
	int a, idt;

	memset(s, 0, sizeof *s);
	a = model_record_arch(d, &s->iss);
	if (model_record_params(d, &s->params, &s->iss) < 0)
		s->params = -1;
	if (s->params < 0 && estimate &&
	    model_estimate_params(d, &s->params) == 0)
		s->estimated = 1;
	model_int(d, downloads_key, &s->downloads, &s->iss);
	for (int i = 0; r && i < s->iss.n; i++)
		rec_warn(r, s->iss.msg[i]);
	idt = json_get(d, 0, "id");
	if (a >= 0 && json_is_string(d, idt)) {
		s->arch = json_strdup(d, a);
		s->id = json_strdup(d, idt);
	}
	return s->iss.n > 0;
}

void
model_summary_free(struct model_summary *s)
{
	free(s->id);
	free(s->arch);
	s->id = s->arch = NULL;
}

const char *
model_id(const json_doc *d, size_t *len)
{
	int v = json_get(d, 0, "id");

	if (!json_is_string(d, v))
		v = json_get(d, 0, "modelId");
	return json_is_string(d, v) ? json_raw(d, v, len) : NULL;
}

const char *
model_author(const json_doc *d, size_t *len)
{
	int v = json_get(d, 0, "author");
	const char *id, *slash;

	if (json_is_string(d, v))
		return json_raw(d, v, len);
	id = model_id(d, len);
	if (!id || !(slash = memchr(id, '/', *len)))
		return NULL;
	*len = (size_t)(slash - id);
	return id;
}

/* ---- spec ---- */

/* Where each spec field is read from, in order of preference (DESIGN
 * section 2).  One pass over an object's keys fills every field. */
enum { F_HIDDEN, F_LAYERS, F_HEADS, F_KV, F_HEADDIM, F_CTX, F_FFN, F_MOEFFN,
       F_VOCAB, F_EXPERTS, F_TOPK, F_COUNT };

static const struct {
	const char *key;
	unsigned char field, rank;
} spec_keys[] = {
	{ "hidden_size", F_HIDDEN, 0 }, { "n_embd", F_HIDDEN, 1 },
	{ "d_model", F_HIDDEN, 2 },
	{ "num_hidden_layers", F_LAYERS, 0 }, { "n_layer", F_LAYERS, 1 },
	{ "num_layers", F_LAYERS, 2 }, { "decoder_layers", F_LAYERS, 3 },
	{ "num_attention_heads", F_HEADS, 0 }, { "n_head", F_HEADS, 1 },
	{ "num_heads", F_HEADS, 2 }, { "decoder_attention_heads", F_HEADS, 3 },
	{ "num_key_value_heads", F_KV, 0 }, { "n_head_kv", F_KV, 1 },
	{ "head_dim", F_HEADDIM, 0 },
	{ "max_position_embeddings", F_CTX, 0 }, { "n_positions", F_CTX, 1 },
	{ "n_ctx", F_CTX, 2 }, { "max_sequence_length", F_CTX, 3 },
	{ "seq_length", F_CTX, 4 },
	{ "intermediate_size", F_FFN, 0 }, { "n_inner", F_FFN, 1 },
	{ "d_ff", F_FFN, 2 }, { "ffn_dim", F_FFN, 3 },
	{ "decoder_ffn_dim", F_FFN, 4 },
	{ "moe_intermediate_size", F_MOEFFN, 0 },
	{ "vocab_size", F_VOCAB, 0 },
	{ "num_local_experts", F_EXPERTS, 0 }, { "num_experts", F_EXPERTS, 1 },
	{ "n_routed_experts", F_EXPERTS, 2 },
	{ "num_experts_per_tok", F_TOPK, 0 }, { "experts_per_token", F_TOPK, 1 },
	{ "moe_topk", F_TOPK, 2 },
};

/* Fill v[] from obj's integer members, where no better key was seen. */
static void
scan_dims(const json_doc *d, int obj, int64_t *v, int *rank)
{
	int i, k;

	if (json_type(d, obj) != JSMN_OBJECT)
		return;
	for (i = obj + 1, k = 0; k < d->tok[obj].size; k++, i = json_skip(d, i + 1)) {
		size_t n;
		const char *key = json_raw(d, i, &n);
		int64_t x;

		for (size_t e = 0; e < sizeof spec_keys / sizeof *spec_keys; e++) {
			const char *sk = spec_keys[e].key;
			int f = spec_keys[e].field;

			if (sk[0] != key[0] || strncmp(sk, key, n) || sk[n] ||
			    spec_keys[e].rank >= rank[f])
				continue;
			if (json_int64(d, i + 1, &x) == 0 && x >= 0) {
				v[f] = x;
				rank[f] = spec_keys[e].rank;
			}
		}
	}
}

static int
vision_model_type(const json_doc *d, int c)
{
	static const char *const types[] = {
		"llava", "vl", "vision", "mllama", "paligemma", "idefics",
		"florence", "pixtral", "internvl", "smolvlm", "blip", "kosmos",
		"fuyu", "clip", "siglip", "chameleon", "aria", "molmo", NULL
	};
	int mt = json_get(d, c, "model_type");
	char buf[64];
	size_t n;
	const char *s;

	if (!json_is_string(d, mt))
		return 0;
	s = json_raw(d, mt, &n);
	if (n >= sizeof buf)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	buf[n] = '\0';
	for (const char *const *t = types; *t; t++)
		if (strstr(buf, *t))
			return 1;
	return 0;
}

void
model_get_spec(const json_doc *d, model_spec *s)
{
	int c = config_of(d, NULL);
	int tc = json_get(d, c, "text_config");
	int64_t v[F_COUNT], tv[F_COUNT];
	int rank[F_COUNT], trank[F_COUNT];

	for (int f = 0; f < F_COUNT; f++) {
		v[f] = tv[f] = -1;
		rank[f] = trank[f] = 255;
	}
	/* text_config first; the top level fills what it does not state. */
	scan_dims(d, tc, tv, trank);
	scan_dims(d, c, v, rank);
	for (int f = 0; f < F_COUNT; f++)
		if (tv[f] >= 0)
			v[f] = tv[f];
	s->hidden_size = v[F_HIDDEN];
	s->num_layers = v[F_LAYERS];
	s->num_heads = v[F_HEADS];
	s->num_kv_heads = v[F_KV];
	s->head_dim = v[F_HEADDIM];
	s->context_length = v[F_CTX];
	s->intermediate_size = v[F_FFN];
	s->moe_intermediate_size = v[F_MOEFFN];
	s->vocab_size = v[F_VOCAB];
	s->num_experts = v[F_EXPERTS];
	s->experts_per_token = v[F_TOPK];
	s->moe = s->num_experts > 1;
	s->multimodal = c >= 0 && (json_get(d, c, "vision_config") >= 0 ||
	                           json_get(d, c, "img_processor") >= 0 ||
	                           json_get(d, c, "vision_tower") >= 0 ||
	                           vision_model_type(d, c));
}

static int
config_has(const json_doc *d, const char *key)
{
	int c = config_of(d, NULL), tc = json_get(d, c, "text_config");

	return json_get(d, c, key) >= 0 || json_get(d, tc, key) >= 0;
}

int
model_estimate_params(const json_doc *d, int64_t *out)
{
	model_spec s;
	int gpt2, t5, tied, b;
	double h, L, H, kv, hd, ffn, V, attn, mlp, total;

	model_get_spec(d, &s);
	if (s.hidden_size <= 0 || s.num_layers <= 0 || s.vocab_size <= 0)
		return -1;
	gpt2 = config_has(d, "n_embd");
	t5 = config_has(d, "d_model") && config_has(d, "d_ff");
	h = (double)s.hidden_size;
	L = (double)s.num_layers;
	V = (double)s.vocab_size;
	H = s.num_heads > 0 ? (double)s.num_heads : h / 64;
	kv = s.num_kv_heads > 0 ? (double)s.num_kv_heads : H;
	hd = s.head_dim > 0 ? (double)s.head_dim : h / H;
	ffn = s.intermediate_size > 0 ? (double)s.intermediate_size : 4 * h;
	attn = h * H * hd * 2 + h * kv * hd * 2;
	if (s.moe) {
		double e = (double)s.num_experts;
		double w = s.moe_intermediate_size > 0 ?
		           (double)s.moe_intermediate_size : ffn;

		mlp = e * 3 * h * w + h * e;
	} else {
		mlp = (gpt2 || t5 ? 2 : 3) * h * ffn;
	}
	total = L * (attn + mlp);
	if (t5) /* the decoder adds cross-attention to the same stack */
		total = L * (attn + mlp) + L * (2 * attn + mlp);
	/* GPT-2 and T5 tie the output head by default; Llama-style do not. */
	tied = gpt2 || t5;
	{
		int c = config_of(d, NULL), t = json_get(d, c, "tie_word_embeddings");

		if (json_is_bool(d, t, &b))
			tied = b;
	}
	total += V * h * (tied ? 1 : 2);
	if (gpt2 && s.context_length > 0)
		total += (double)s.context_length * h;
	/* Dimensions from a config can multiply past any count (a cast of
	 * such a double is undefined): no estimate then, as with none. */
	if (!(total < 9223372036854775808.0))
		return -1;
	*out = (int64_t)total;
	return 0;
}

static void
field(hf_out *w, const char *key, int64_t v, int comma)
{
	if (comma)
		out_putc(w, ',');
	out_putc(w, '"');
	out_puts(w, key);
	out_puts(w, "\":");
	if (v < 0)
		out_puts(w, "null");
	else
		out_int(w, v);
}

void
model_write_spec(hf_out *w, const model_spec *s)
{
	out_putc(w, '{');
	field(w, "hidden_size", s->hidden_size, 0);
	field(w, "num_layers", s->num_layers, 1);
	field(w, "num_heads", s->num_heads, 1);
	field(w, "num_kv_heads", s->num_kv_heads, 1);
	field(w, "head_dim", s->head_dim, 1);
	field(w, "context_length", s->context_length, 1);
	field(w, "intermediate_size", s->intermediate_size, 1);
	field(w, "moe_intermediate_size", s->moe_intermediate_size, 1);
	field(w, "vocab_size", s->vocab_size, 1);
	field(w, "num_experts", s->num_experts, 1);
	field(w, "experts_per_token", s->experts_per_token, 1);
	out_puts(w, s->moe ? ",\"moe\":true" : ",\"moe\":false");
	out_puts(w, s->multimodal ? ",\"modality\":\"multimodal\"}"
	                          : ",\"modality\":\"text\"}");
}

/* ---- quantization ---- */

/* Markers in the model id, matched case-sensitively as substrings of the
 * whole id: TransformerLens's list (registry_io.py _QUANTIZED_PATTERNS),
 * then a few it lacks (HQQ, EXL2, FP4, MLX suffixes), grouped by their
 * first byte so that each place in an id is compared with its own group. */
static const char *const quant_dash[] = {
	"-awq", "-AWQ", "-gptq", "-GPTQ", "-gguf", "-GGUF", "-bnb-", "-4bit",
	"-5bit", "-6bit", "-8bit", "-fp8", "-FP8", "-nvfp4", "-NVFP4",
	"-mxfp4", "-MXFP4", "-int4", "-int8", "-w4a16", "-w8a8", "-W4A16",
	"-W8A8", "-3bit", "-2bit", "-oQ", "-quantized.", "-Quantized",
	"-MLX-", "-fp4", "-FP4", "-HQQ", "-hqq", "-exl2", "-EXL2", "-mlx",
	"-MLX", NULL
};
static const char *const quant_underscore[] = {
	"_awq", "_AWQ", "_gptq", "_GPTQ", "_gguf", "_GGUF", "_bnb_", "_4bit",
	"_8bit", "_fp8", "_FP8", "_nvfp4", "_NVFP4", "_mxfp4", "_MXFP4",
	"_int4", "_int8", "_3bit", "_2bit", "_oQ", "_Quantized", NULL
};
static const char *const quant_upper_g[] = {
	"GPTQ", NULL
};
static const char *const quant_lower_b[] = {
	"bnb-4bit", "bnb-8bit", NULL
};
static const char *const quant_dot[] = {
	".w4a16", ".W4A16", NULL
};
static const char *const quant_lower_m[] = {
	"mlx-community/", NULL
};

/* The markers that start with c, or NULL. */
static const char *const *
quant_group(char c)
{
	switch (c) {
	case '-': return quant_dash;
	case '_': return quant_underscore;
	case 'G': return quant_upper_g;
	case 'b': return quant_lower_b;
	case '.': return quant_dot;
	case 'm': return quant_lower_m;
	default: return NULL;
	}
}

/* A TransformerLens marker anywhere in id[0..n), as it is written. */
static int
tl_marker(const char *id, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *const *m = quant_group(id[i]);

		for (; m && *m; m++) {
			const char *a = *m, *b = id + i, *end = id + n;

			while (*a && b < end && *a == *b)
				a++, b++;
			if (!*a)
				return 1;
		}
	}
	return 0;
}

/* Words of a name that say it is quantized, whatever their case: the
 * formats TransformerLens's markers miss when written otherwise
 * (-INT4, NF4, MXFP8, fp8- or MLX_ first, .gguf last, exl2...); lower
 * case, by length. */
static const struct { const char *w; size_t n; } quant_words[] = {
	{ "awq", 3 }, { "bnb", 3 }, { "nf4", 3 }, { "fp8", 3 }, { "fp4", 3 },
	{ "hqq", 3 }, { "mlx", 3 }, { "gptq", 4 }, { "gguf", 4 },
	{ "ggml", 4 }, { "int2", 4 }, { "int3", 4 }, { "int4", 4 },
	{ "int8", 4 }, { "w8a8", 4 }, { "w4a8", 4 }, { "exl2", 4 },
	{ "exl3", 4 }, { "nvfp4", 5 }, { "mxfp4", 5 }, { "mxfp8", 5 },
	{ "w4a16", 5 }, { "w8a16", 5 }, { "quantized", 9 }
};

static int
name_separator(char c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Is the word s[0..n) (a piece of a name between '-', '_' and '.'), in
 * lower case, one that says quantized?  Also NNbit and NNbpw (4bit, and
 * 0bpw of 4.0bpw). */
static int
quant_word(const char *s, size_t n)
{
	size_t d = 0;

	for (size_t i = 0; i < sizeof quant_words / sizeof *quant_words; i++)
		if (quant_words[i].n == n && memcmp(quant_words[i].w, s, n) == 0)
			return 1;
	while (d < n && s[d] >= '0' && s[d] <= '9')
		d++;
	return d > 0 && n - d == 3 && (memcmp(s + d, "bit", 3) == 0 ||
	                               memcmp(s + d, "bpw", 3) == 0);
}

int
quant_name_marker(const char *id, size_t n)
{
	const char *name = id, *p, *end = id + n;
	int found = 0;

	if (tl_marker(id, n))
		return 1;
	for (p = id; p < end; p++)
		if (*p == '/')
			name = p + 1;
	for (p = name; p < end;) {
		char word[12];
		size_t k = 0;

		/* words longer than the longest marker are never one */
		while (p + k < end && !name_separator(p[k])) {
			if (k < sizeof word)
				word[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32
				                                            : p[k]);
			k++;
		}
		if (k < sizeof word) {
			/* "unquantized" (a QAT checkpoint in full precision) wins */
			if (k == 11 && memcmp(word, "unquantized", 11) == 0)
				return 0;
			found |= quant_word(word, k);
		}
		p += k + 1;
	}
	return found;
}

int
quant_metadata(const json_doc *d)
{
	int c = json_get(d, 0, "config"), q, tags, g;

	q = json_get(d, c, "quantization_config");
	if (q >= 0 && !json_is_null(d, q))
		return 1;
	g = json_get(d, 0, "gguf");
	if (g >= 0 && !json_is_null(d, g))
		return 1;
	tags = json_get(d, 0, "tags");
	if (json_type(d, tags) == JSMN_ARRAY)
		for (int i = 0, t = tags + 1; i < d->tok[tags].size; i++) {
			if (json_streq(d, t, "gguf"))
				return 1;
			t = json_skip(d, t);
		}
	return 0;
}

int
model_quantized(const json_doc *d, int by)
{
	size_t n;
	const char *id;

	if ((by & QUANT_BY_NAME) && (id = model_id(d, &n)) &&
	    quant_name_marker(id, n))
		return 1;
	return (by & QUANT_BY_META) && quant_metadata(d);
}
