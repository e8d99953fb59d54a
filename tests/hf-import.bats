#!/usr/bin/env bats
# hf-import against hf-serve: one metadata request and one config.json
# fetch per model, the calculator's models.json written by hf-report.
load helper

export HF_LIST_BACKOFF_MS=10

setup() {
	start_serve --token plain --grant granted "$SNAP"
	cd "$BATS_TEST_TMPDIR"
	# Text models with whole configs and sizes, a gated one, a multimodal one.
	grep '"gated":false' "$SNAP" | grep '"architectures":\["LlamaForCausalLM"\]' |
	    grep -v quantization | grep safetensors | head -n 2 | cut -d'"' -f8 > text-models
	A=$(sed -n 1p text-models) B=$(sed -n 2p text-models)
	GATED=$(grep '"gated":"' "$SNAP" | grep '"architectures":\["\(Llama\|Qwen2\|Mistral\)' | grep -m1 safetensors | cut -d'"' -f8)
	MM=$(grep '"gated":false' "$SNAP" | grep -m1 '"architectures":\["Gemma3ForConditionalGeneration"\]' | cut -d'"' -f8)
	export A B GATED MM
}
imp() { hf-import --endpoint "$SERVE_URL" "$@"; }

@test "one model: one API request, one config.json download, one entry" {
	run -0 imp --model "$A" --force
	grep -q "\"hf_model_id\": \"$A\"" models.json
	[ "$(stat_of "$A")" -eq 1 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"requests":{"list":0,"model":1,"resolve":1,'* ]]
}

@test "URL forms: /tree/main and /blob/main/config.json name the same model" {
	run -0 imp -u "https://huggingface.co/$A/tree/main" --force
	run -1 --separate-stderr imp -u "https://huggingface.co/$A/blob/main/config.json"
	[[ "$stderr" == *"already in ./models.json"*"use --force to replace it"* ]]
	[ "$(grep -c "\"hf_model_id\": \"$A\"" models.json)" -eq 1 ]
}

@test "--dry-run shows the entry and writes nothing" {
	run -0 imp -m "$A" --dry-run
	[[ "$output" == *"would import"*"\"hf_model_id\": \"$A\""* ]]
	[ ! -e models.json ]
}

@test "--params and --context override the config" {
	run -0 imp -m "$A" --params 1.5 --context 4096 --force
	grep -q '"parameters_billions": 1.5$' models.json
	grep -q '"default_context_length": 4096,' models.json
}

@test "a gated model ends with one line saying what to do; a granted token imports it" {
	run -1 --separate-stderr imp -m "$GATED" --force
	[ "$stderr" = "hf-list: $GATED: gated model; log in: set HF_TOKEN to a token with access" ]
	HF_TOKEN=plain run -1 --separate-stderr imp -m "$GATED" --force
	[[ "$stderr" == *"your token has no access: request it at https://huggingface.co/$GATED"* ]]
	HF_TOKEN=granted run -0 imp -m "$GATED" --force
	grep -q "\"hf_model_id\": \"$GATED\"" models.json
}

@test "a missing model and a multimodal one each end with one clear line" {
	run -1 --separate-stderr imp -m nobody/nothing --force
	[ "$stderr" = "hf-list: nobody/nothing: not found, or private: check the id, or set HF_TOKEN" ]
	run -1 --separate-stderr imp -m "$MM" --force
	[[ "$stderr" == *"$MM: multimodal model; the calculator takes text models: use --multimodal to import it with its vision_config"* ]]
	run -0 imp -m "$MM" --force --multimodal
	grep -q '"modality": "multimodal"' models.json
}

@test "batch: a failure stops the run unless --continue-on-error; a tally by reason; a log" {
	printf '# to import\n%s\n\nnobody/nothing  # gone\nhttps://huggingface.co/%s\n' "$A" "$B" > list
	run -1 --separate-stderr imp --file list --force
	[[ "$stderr" == *"stopped at nobody/nothing (use --continue-on-error to go on)"* ]]
	[[ "$stderr" == *"hf-import: imported 1, skipped 0, failed 1 (1 missing)"* ]]
	run ! grep -q "\"hf_model_id\": \"$B\"" models.json
	run -1 --separate-stderr imp --file list --force --continue-on-error --log import.log
	[[ "$stderr" == *"hf-import: imported 2, skipped 0, failed 1 (1 missing)"* ]]
	grep -q "\"hf_model_id\": \"$B\"" models.json
	[ "$(grep -c 'imported' import.log)" -eq 2 ]
	grep -q 'failed nobody/nothing: missing' import.log
	[ "$(stat_of "$B")" -eq 1 ]
}

@test "--models-json FILE is created as {\"models\": []} and kept sorted by size" {
	run -0 imp -m "$A" -m "$B" --force --models-json reg.json
	[ "$(head -n 2 reg.json)" = "$(printf '{\n  "models": [')" ]
	grep -o '"parameters_billions": [0-9.]*' reg.json | cut -d' ' -f2 | sort -c -n
	run -2 imp
	run -0 imp -h
}
