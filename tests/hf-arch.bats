#!/usr/bin/env bats
# hf-arch: architecture, params and spec of real configs, field by field
# (expected values from the configs' own keys, see NOTES of the fixtures'
# source), pass-through, and every kind of bad input.
load helper

R="$FIX/realconfigs"

# spec_of NAME: the spec hf-arch --spec gives for tests/fixtures/realconfigs/NAME.json.
spec_of() {
	printf '{"id":"%s","config":%s}\n' "$1" "$(tr -d '\n' < "$R/$1.json")" |
	    hf-arch --spec | sed 's/.*"spec"://; s/}$//'
}

@test "GPT-2: n_embd, n_layer, n_head, n_positions; nothing guessed" {
	run -0 spec_of openai-community__gpt2
	[ "$output" = '{"hidden_size":768,"num_layers":12,"num_heads":12,"num_kv_heads":null,"head_dim":null,"context_length":1024,"intermediate_size":null,"moe_intermediate_size":null,"vocab_size":50257,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"text"}' ]
}

@test "Llama 3 8B and Mistral 7B: GQA with 8 KV heads" {
	run -0 spec_of meta-llama__Meta-Llama-3-8B
	[ "$output" = '{"hidden_size":4096,"num_layers":32,"num_heads":32,"num_kv_heads":8,"head_dim":null,"context_length":8192,"intermediate_size":14336,"moe_intermediate_size":null,"vocab_size":128256,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"text"}' ]
	run -0 spec_of mistralai__Mistral-7B-v0.1
	[ "$output" = '{"hidden_size":4096,"num_layers":32,"num_heads":32,"num_kv_heads":8,"head_dim":null,"context_length":32768,"intermediate_size":14336,"moe_intermediate_size":null,"vocab_size":32000,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"text"}' ]
}

@test "Mixtral and DeepSeek-V3: MoE experts, top-k, expert width" {
	run -0 spec_of mistralai__Mixtral-8x7B-v0.1
	[[ "$output" == *'"num_experts":8,"experts_per_token":2,"moe":true,'* ]]
	run -0 spec_of deepseek-ai__DeepSeek-V3
	[ "$output" = '{"hidden_size":7168,"num_layers":61,"num_heads":128,"num_kv_heads":128,"head_dim":null,"context_length":163840,"intermediate_size":18432,"moe_intermediate_size":2048,"vocab_size":129280,"num_experts":256,"experts_per_token":8,"moe":true,"modality":"text"}' ]
}

@test "Qwen2.5 and Qwen3: head_dim stated apart from hidden/heads" {
	run -0 spec_of Qwen__Qwen2.5-7B-Instruct
	[ "$output" = '{"hidden_size":3584,"num_layers":28,"num_heads":28,"num_kv_heads":4,"head_dim":null,"context_length":32768,"intermediate_size":18944,"moe_intermediate_size":null,"vocab_size":152064,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"text"}' ]
	run -0 spec_of Qwen__Qwen3-0.6B
	[[ "$output" == '{"hidden_size":1024,"num_layers":28,"num_heads":16,"num_kv_heads":8,"head_dim":128,"context_length":40960,'* ]]
}

@test "T5: d_model, num_layers, num_heads, d_ff" {
	run -0 spec_of google-t5__t5-small
	[ "$output" = '{"hidden_size":512,"num_layers":6,"num_heads":8,"num_kv_heads":null,"head_dim":null,"context_length":512,"intermediate_size":2048,"moe_intermediate_size":null,"vocab_size":32128,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"text"}' ]
}

@test "multimodal: text_config first (Qwen3-VL, Llama-4 MoE, Florence-2), img_processor (Phi-3-vision)" {
	run -0 spec_of Qwen__Qwen3-VL-8B-Instruct
	[ "$output" = '{"hidden_size":4096,"num_layers":36,"num_heads":32,"num_kv_heads":8,"head_dim":128,"context_length":262144,"intermediate_size":12288,"moe_intermediate_size":null,"vocab_size":151936,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"multimodal"}' ]
	run -0 spec_of meta-llama__Llama-4-Scout-17B-16E-Instruct
	[[ "$output" == '{"hidden_size":5120,"num_layers":48,"num_heads":40,"num_kv_heads":8,'*'"num_experts":16,"experts_per_token":1,"moe":true,"modality":"multimodal"}' ]]
	run -0 spec_of microsoft__Florence-2-base
	[[ "$output" == '{"hidden_size":768,"num_layers":6,"num_heads":12,'*'"vocab_size":51289,'*'"modality":"multimodal"}' ]]
	run -0 spec_of microsoft__Phi-3-vision-128k-instruct
	[ "$output" = '{"hidden_size":3072,"num_layers":32,"num_heads":32,"num_kv_heads":32,"head_dim":null,"context_length":131072,"intermediate_size":8192,"moe_intermediate_size":null,"vocab_size":32064,"num_experts":null,"experts_per_token":null,"moe":false,"modality":"multimodal"}' ]
}

@test "Gemma 3 and LLaVA: sparse text_config, the rest absent not guessed; params from safetensors" {
	run -0 hf-arch --spec "$FIX/hf-arch/handwritten.ndjson"
	[[ "${lines[0]}" == *'"architecture":"Gemma3ForConditionalGeneration","params":4300079472,"spec":{"hidden_size":2560,"num_layers":34,"num_heads":null,"num_kv_heads":null,"head_dim":null,"context_length":null,"intermediate_size":10240,'*'"modality":"multimodal"}}' ]]
	[[ "${lines[1]}" == *'"architecture":"LlavaForConditionalGeneration","params":7063427072,"spec":{"hidden_size":null,"num_layers":null,"num_heads":null,"num_kv_heads":null,"head_dim":null,"context_length":4096,"intermediate_size":null,"moe_intermediate_size":null,"vocab_size":32064,'*'"modality":"multimodal"}}' ]]
}

@test "no config, an empty architectures list, params from safetensors.parameters.total or the config" {
	run -0 hf-arch "$FIX/hf-arch/handwritten.ndjson"
	[ "${lines[2]}" = '{"id":"nobody/no-config","downloads":3,"architecture":null,"params":null}' ]
	[ "${lines[3]}" = '{"id":"nobody/empty","config":{"architectures":[],"model_type":"llama"},"architecture":null,"params":null}' ]
	[[ "${lines[4]}" == *'"architecture":"X","params":99}' ]]
	[[ "${lines[5]}" == *'"architecture":"X","params":77}' ]]
}

@test "the record's bytes pass through; existing keys are replaced, not repeated" {
	printf '%s\n' '{ "id" : "a/b",  "x":[1, 2],"architecture":"old","config":{"architectures":["Y"]},"params":5,"spec":{}}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-arch "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"id" : "a/b","x":[1, 2],"config":{"architectures":["Y"]},"architecture":"Y","params":null}' ]
	printf '%s\n' '{ "id" : "a/b",  "x":[1, 2] }' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-arch "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{ "id" : "a/b",  "x":[1, 2] ,"architecture":null,"params":null}' ]
	printf '{"id":"\\u00e9/x","n":1e5}\n{}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-arch "$BATS_TEST_TMPDIR/in"
	[ "${lines[0]}" = '{"id":"\u00e9/x","n":1e5,"architecture":null,"params":null}' ]
	[ "${lines[1]}" = '{"architecture":null,"params":null}' ]
}

@test "jsmn's gaps and other bad lines: FILE:LINE and the reason, the good lines after still come out" {
	printf '%s\n' '{"a"}' '{"a":[1,,3]}' '{"a":1,}' '{"a":[01]}' '{"a":[tru]}' '{"a":"b":"c"}' '{} {}' '[1]' 'nope' > "$BATS_TEST_TMPDIR/in"
	printf '{"a":"x\ty"}\n{"a":"\377"}\n{"id":"good"}' >> "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"id":"good","architecture":null,"params":null}' ]
	f="$BATS_TEST_TMPDIR/in"
	[ "$stderr" = "hf-arch: $f:1: object key without a value
hf-arch: $f:2: invalid JSON syntax
hf-arch: $f:3: invalid JSON syntax
hf-arch: $f:4: invalid JSON value
hf-arch: $f:5: invalid JSON value
hf-arch: $f:6: invalid JSON syntax
hf-arch: $f:7: more than one JSON value
hf-arch: $f:8: not a JSON object
hf-arch: $f:9: not a JSON object
hf-arch: $f:10: control character in a string
hf-arch: $f:11: invalid UTF-8" ]
	run -1 --separate-stderr hf-arch --strict "$BATS_TEST_TMPDIR/in"
	[ -z "$output" ]
	[[ "$stderr" == *"in:1: stopping (--strict)" ]]
}

@test "wrong types are reported and read as absent; the record still comes out" {
	printf '%s\n' '{"id":"a","config":{"architectures":"X"}}' '{"id":"b","config":5}' '{"id":"c","safetensors":{"total":"7"}}' > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/in"
	[ "${#lines[@]}" -eq 3 ]
	[[ "$stderr" == *"in:1: config.architectures is not an array"* ]]
	[[ "$stderr" == *"in:2: config is not an object"* ]]
	[[ "$stderr" == *"in:3: safetensors.total is not a count"* ]]
}

@test "a 100 MB line is skipped in bounded memory; 100,000 nested arrays are refused, not crashed on" {
	{ printf '{"a":"'; head -c 100000000 /dev/zero | tr '\0' x; printf '"}\n{"id":"after"}\n'; } > "$BATS_TEST_TMPDIR/big"
	run -1 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/big"
	[ "$stderr" = "hf-arch: $BATS_TEST_TMPDIR/big:1: line longer than 4194304 bytes" ]
	[ "$output" = '{"id":"after","architecture":null,"params":null}' ]
	{ printf '{"a":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}\n'; } > "$BATS_TEST_TMPDIR/deep"
	run -1 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/deep"
	[ "$stderr" = "hf-arch: $BATS_TEST_TMPDIR/deep:1: JSON nested too deeply" ]
}

@test "an empty file, stdin as '-', a missing file" {
	: > "$BATS_TEST_TMPDIR/empty"
	run -0 hf-arch "$BATS_TEST_TMPDIR/empty"
	[ -z "$output" ]
	run -0 bash -c "echo '{}' | hf-arch -"
	run -1 --separate-stderr hf-arch /nonexistent
	[ "$stderr" = "hf-arch: cannot open /nonexistent: No such file or directory" ]
	run -1 --separate-stderr bash -c "echo 'x' | hf-arch"
	[ "$stderr" = "hf-arch: <stdin>:1: not a JSON object" ]
}

@test "> /dev/full: one message, status 4; | head -1: quiet, status 0" {
	run -4 --separate-stderr bash -c "hf-arch '$FIX/hf-arch/handwritten.ndjson' > /dev/full"
	[ "$stderr" = "hf-arch: cannot write standard output: No space left on device" ]
	for i in $(seq 3000); do cat "$FIX/hf-arch/handwritten.ndjson"; done > "$BATS_TEST_TMPDIR/many"
	run -0 --separate-stderr bash -c "set -o pipefail; hf-arch '$BATS_TEST_TMPDIR/many' | head -n 1"
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "-h, --version, a bad option" {
	run -0 hf-arch -h
	[ "$output" = "usage: hf-arch [--spec] [--strict] [FILE ...]" ]
	run -0 hf-arch --version
	[[ "$output" == "hf-arch "* ]]
	run -2 hf-arch --bogus
}
