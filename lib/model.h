/*
 * model.h - what hf-tools read out of one model record (DESIGN section 2):
 * the architecture, the parameter count, the normalized spec, and whether
 * the model is quantized.  All functions read a parsed json_doc whose root
 * (token 0) is the record; nothing is allocated unless said.
 */
#ifndef HF_MODEL_H
#define HF_MODEL_H

#include "hf.h"

/* Type problems found while reading a record, reported by the caller as
 * "FILE:LINE: <msg>" and counted as a partial failure. */
typedef struct {
	const char *msg[8];
	int n;
} model_issues;

/* Token of config.architectures[0] when it is a string, else -1.  A wrong
 * type (architectures not an array, element not a string) adds an issue. */
int model_arch(const json_doc *d, model_issues *iss);

/* Total parameter count: safetensors.total, else safetensors.parameters.
 * total, else config.num_parameters / n_params / num_params.  Returns 0 and
 * sets *out, or -1 when none is there. */
int model_params(const json_doc *d, int64_t *out, model_issues *iss);

/* What later stages read: the "architecture" key an earlier hf-arch set
 * (string or null), else model_arch; the "params" key, else model_params. */
int model_record_arch(const json_doc *d, model_issues *iss);
int model_record_params(const json_doc *d, int64_t *out, model_issues *iss);

/* Count field of the top-level record (e.g. "downloads"): 0 and *out,
 * -1 when absent or null; a wrong type or a negative number adds an
 * issue and gives -1 (*out 0). */
int model_int(const json_doc *d, const char *key, int64_t *out,
              model_issues *iss);

/* The model id ("org/name") as raw string bytes, or NULL. */
const char *model_id(const json_doc *d, size_t *len);
/* The author: the "author" field, else the part of the id before '/'. */
const char *model_author(const json_doc *d, size_t *len);

/* What hf-score and hf-report count of a model record.  id and arch are
 * decoded copies, malloc'd, set only when the record has both (else
 * NULL); model_summary_free releases them. */
struct model_summary {
	char *id, *arch;
	int64_t params;     /* -1 unknown */
	int64_t downloads;  /* 0 when absent */
	int estimated;      /* params estimated from the config's dimensions */
	model_issues iss;   /* the type problems found, in reading order */
};

/* Read d as later stages do: model_record_arch, model_record_params
 * (with estimate set, model_estimate_params when it gives none), and the
 * integer member downloads_key ("downloads" or "downloadsAllTime").  Each
 * problem is also reported as "FILE:LINE: why" when r is not NULL.
 * Returns 1 when there was one (the record is still read), else 0. */
int model_summary(const json_doc *d, const char *downloads_key, int estimate,
                  const ndj_reader *r, struct model_summary *s);
void model_summary_free(struct model_summary *s);

/* The normalized spec of DESIGN section 2.  Absent values are -1. */
typedef struct {
	int64_t hidden_size, num_layers, num_heads, num_kv_heads, head_dim,
	        context_length, intermediate_size, moe_intermediate_size,
	        vocab_size, num_experts, experts_per_token;
	int moe;        /* more than one expert */
	int multimodal; /* vision_config, img_processor, vision_tower, or a
	                   vision model_type */
} model_spec;

void model_get_spec(const json_doc *d, model_spec *s);
/* Estimate the parameter count from the config's dimensions (hf-score
 * --estimate-params): embeddings (+ an untied output head), per layer
 * attention with GQA (q, k, v, o) and the MLP (3 matrices when gated,
 * 2 for GPT-2 and T5 style), MoE experts; T5 counts encoder and decoder.
 * 0 and *out, or -1 when hidden size, layers or vocabulary are unknown
 * or the estimate is beyond INT64_MAX. */
int model_estimate_params(const json_doc *d, int64_t *out);
/* Write the spec as a JSON object, keys in the order of DESIGN section 2. */
void model_write_spec(hf_out *w, const model_spec *s);

/* How a model counts as quantized (hf-filter --quantized-by). */
enum { QUANT_BY_NAME = 1, QUANT_BY_META = 2, QUANT_BY_ANY = 3 };
/* 1 when the id carries a quantization marker (case-sensitive, as
 * TransformerLens matches them; hf-filter(1) lists them). */
int quant_name_marker(const char *id, size_t n);
/* 1 when the metadata says so: config.quantization_config, a "gguf" tag,
 * or a "gguf" field. */
int quant_metadata(const json_doc *d);
int model_quantized(const json_doc *d, int by);

#endif
