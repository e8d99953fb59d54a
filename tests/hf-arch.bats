#!/usr/bin/env bats
# hf-arch: architecture, params and spec of real configs, field by field;
# pass-through of the record's bytes; every kind of bad input; output
# errors; the command line.
load helper

RECS="$FIX/records/realconfigs.ndjson"
HAND="$FIX/hf-arch/handwritten.ndjson"

# The keys hf-arch appended to each line: from the last ',"architecture":'.
appended() { sed 's/.*,"architecture":/"architecture":/'; }

# spec NAME H L NH KV HD CTX FFN MOEFFN VOCAB NE K MOE MODALITY: the spec
# object of DESIGN section 2 with those values, in its key order.
spec() {
	printf '{"hidden_size":%s,"num_layers":%s,"num_heads":%s,"num_kv_heads":%s,"head_dim":%s,"context_length":%s,"intermediate_size":%s,"moe_intermediate_size":%s,"vocab_size":%s,"num_experts":%s,"experts_per_token":%s,"moe":%s,"modality":"%s"}' "$@"
}

@test "real configs: architecture, params and every spec field (tests/fixtures/records/realconfigs.ndjson)" {
	# Expected values: the configs' own keys, as listed in config_values of
	# the fixtures' index (default_context_length is context_length).  Where
	# the index derives a value no key states (GPT-2's n_inner and KV heads,
	# T5's and Florence-2's KV heads), hf-arch says null: nothing is guessed.
	# params: the record's safetensors.total (Florence-2 has none).
	{
		# GPT-2: n_embd, n_layer, n_head, n_positions (n_ctx is the legacy twin)
		echo "\"architecture\":\"GPT2LMHeadModel\",\"params\":137022720,\"spec\":$(spec 768 12 12 null null 1024 null null 50257 null null false text)}"
		# Llama 3 8B: GQA, 32 heads over 8 KV heads
		echo "\"architecture\":\"LlamaForCausalLM\",\"params\":8030261248,\"spec\":$(spec 4096 32 32 8 null 8192 14336 null 128256 null null false text)}"
		# Mistral 7B v0.1: GQA; sliding_window 4096 is not the context
		echo "\"architecture\":\"MistralForCausalLM\",\"params\":7241732096,\"spec\":$(spec 4096 32 32 8 null 32768 14336 null 32000 null null false text)}"
		# Mixtral 8x7B: num_local_experts 8, num_experts_per_tok 2
		echo "\"architecture\":\"MixtralForCausalLM\",\"params\":46702792704,\"spec\":$(spec 4096 32 32 8 null 32768 14336 null 32000 8 2 true text)}"
		# Qwen2.5 7B
		echo "\"architecture\":\"Qwen2ForCausalLM\",\"params\":7615616512,\"spec\":$(spec 3584 28 28 4 null 32768 18944 null 152064 null null false text)}"
		# Qwen3 0.6B: head_dim 128 stated, not 1024/16
		echo "\"architecture\":\"Qwen3ForCausalLM\",\"params\":751632384,\"spec\":$(spec 1024 28 16 8 128 40960 3072 null 151936 null null false text)}"
		# T5 small: d_model, num_layers, num_heads, d_ff, n_positions
		echo "\"architecture\":\"T5ForConditionalGeneration\",\"params\":60506624,\"spec\":$(spec 512 6 8 null null 512 2048 null 32128 null null false text)}"
		# Phi-3-vision: top-level text keys; img_processor and no vision_config
		echo "\"architecture\":\"Phi3VForCausalLM\",\"params\":4146621440,\"spec\":$(spec 3072 32 32 32 null 131072 8192 null 32064 null null false multimodal)}"
		# Qwen3-VL 8B: text_config, not the vision tower's depth/num_heads
		echo "\"architecture\":\"Qwen3VLForConditionalGeneration\",\"params\":8767123696,\"spec\":$(spec 4096 36 32 8 128 262144 12288 null 151936 null null false multimodal)}"
		# DeepSeek-V3: n_routed_experts 256, moe_intermediate_size 2048
		echo "\"architecture\":\"DeepseekV3ForCausalLM\",\"params\":684531386000,\"spec\":$(spec 7168 61 128 128 null 163840 18432 2048 129280 256 8 true text)}"
		# Llama 4 Scout: MoE under text_config, not the vision_config's 1408/34
		echo "\"architecture\":\"Llama4ForConditionalGeneration\",\"params\":108641793536,\"spec\":$(spec 5120 48 40 8 128 10485760 8192 null 202048 16 1 true multimodal)}"
		# Florence-2 base: BART-style text_config (decoder_* keys)
		echo "\"architecture\":\"Florence2ForConditionalGeneration\",\"params\":null,\"spec\":$(spec 768 6 12 null null 1024 3072 null 51289 null null false multimodal)}"
	} > "$BATS_TEST_TMPDIR/want"
	hf-arch --spec "$RECS" | appended > "$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	# Without --spec: the same two keys and no spec.
	hf-arch "$RECS" | appended > "$BATS_TEST_TMPDIR/got"
	sed 's/,"spec":.*/}/' "$BATS_TEST_TMPDIR/want" | diff -u - "$BATS_TEST_TMPDIR/got"
}

@test "hand-written: Gemma 3 and LLaVA (sparse text_config), Gemma 3 1B, no config, architectures [], other params sources" {
	{
		# Gemma 3 4B: text_config states hidden, FFN and layers only; heads,
		# KV heads, head_dim and vocab are Gemma3TextConfig defaults: null.
		echo "\"architecture\":\"Gemma3ForConditionalGeneration\",\"params\":4300079472,\"spec\":$(spec 2560 34 null null null null 10240 null null null null false multimodal)}"
		# LLaVA 1.5: text_config is model_type llama plus two overrides.
		echo "\"architecture\":\"LlavaForConditionalGeneration\",\"params\":7063427072,\"spec\":$(spec null null null null null 4096 null null 32064 null null false multimodal)}"
		# no config
		echo "\"architecture\":null,\"params\":null,\"spec\":$(spec null null null null null null null null null null null false text)}"
		# architectures: []
		echo "\"architecture\":null,\"params\":null,\"spec\":$(spec null null null null null null null null null null null false text)}"
		# safetensors.parameters.total before config.num_parameters
		echo "\"architecture\":\"X\",\"params\":99,\"spec\":$(spec null null null null null null null null null null null false text)}"
		# config.n_params
		echo "\"architecture\":\"X\",\"params\":77,\"spec\":$(spec null null null null null null null null null null null false text)}"
		# Gemma 3 1B: text only, top-level gemma3_text keys
		echo "\"architecture\":\"Gemma3ForCausalLM\",\"params\":999885952,\"spec\":$(spec 1152 26 4 1 256 32768 6912 null 262144 null null false text)}"
	} > "$BATS_TEST_TMPDIR/want"
	hf-arch --spec "$HAND" | appended > "$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	run -0 --separate-stderr hf-arch "$HAND"
	[ -z "$stderr" ]
	[ "${lines[2]}" = '{"id":"nobody/no-config","downloads":3,"architecture":null,"params":null}' ]
	[ "${lines[3]}" = '{"id":"nobody/empty","config":{"architectures":[],"model_type":"llama"},"architecture":null,"params":null}' ]
}

@test "the record's own bytes pass through: cmp after stripping the appended keys" {
	# Records as they come (minified real configs) and odd but valid ones.
	cp "$RECS" "$BATS_TEST_TMPDIR/in"
	printf '%s\n' '{ "id" : "a/b" ,  "x" : [ 1 , 2.50 , 1e5 , -0 ] , "s" : "\u00e9\ud83d\ude00 \"q\" \\ /" }' \
	    '{"id":"h\u00e9","t":"caf'"$(printf '\303\251')"'","n":{"a":{"b":[{}]}},"f":false,"z":null	}' '{}' >> "$BATS_TEST_TMPDIR/in"
	hf-arch --spec "$BATS_TEST_TMPDIR/in" |
	    sed 's/,"architecture":[^,]*,"params":[^,]*,"spec":{[^}]*}}$//; t; s/^{"architecture":[^,]*,"params":[^,]*,"spec":{[^}]*}}$/{/' > "$BATS_TEST_TMPDIR/got"
	sed 's/}$//' "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	hf-arch "$BATS_TEST_TMPDIR/in" |
	    sed 's/,"architecture":[^,]*,"params":[^,]*}$//; t; s/^{"architecture":[^,]*,"params":[^,]*}$/{/' > "$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "existing architecture, params and spec keys are replaced, not repeated" {
	printf '%s\n' '{ "id" : "a/b",  "x":[1, 2],"architecture":"old","config":{"architectures":["Y"]},"params":5,"spec":{}}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-arch "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"id" : "a/b","x":[1, 2],"config":{"architectures":["Y"]},"architecture":"Y","params":null}' ]
	printf '%s\n' '{"architecture":"old","id":"a"}' '{"id":"a","params":1}' '{"params":1,"architecture":2,"spec":3}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-arch "$BATS_TEST_TMPDIR/in"
	[ "${lines[0]}" = '{"id":"a","architecture":null,"params":null}' ]
	[ "${lines[1]}" = '{"id":"a","architecture":null,"params":null}' ]
	[ "${lines[2]}" = '{"architecture":null,"params":null}' ]
	# A second pass over its own output changes nothing.
	hf-arch --spec "$RECS" > "$BATS_TEST_TMPDIR/once"
	hf-arch --spec "$BATS_TEST_TMPDIR/once" > "$BATS_TEST_TMPDIR/twice"
	cmp "$BATS_TEST_TMPDIR/once" "$BATS_TEST_TMPDIR/twice"
	[ "$(grep -o '"architecture":' "$BATS_TEST_TMPDIR/twice" | wc -l)" -eq 12 ]
	[ "$(grep -o '"spec":' "$BATS_TEST_TMPDIR/twice" | wc -l)" -eq 12 ]
}

# bad_line LINE REASON: LINE (printf %b) between two good records, the last
# one without a final newline, gives "hf-arch: FILE:2: REASON", status 1 and
# both good records; with --strict, status 1, the first record and a stop.
bad_line() {
	local f="$BATS_TEST_TMPDIR/bad" want
	{
		printf '%s\n' '{"id":"o/before","config":{"architectures":["LlamaForCausalLM"]}}'
		printf '%b\n' "$1"
		printf '%s' '{"id":"o/after"}'
	} > "$f"
	want='{"id":"o/before","config":{"architectures":["LlamaForCausalLM"]},"architecture":"LlamaForCausalLM","params":null}
{"id":"o/after","architecture":null,"params":null}'
	run --separate-stderr hf-arch "$f"
	if [ "$status" -ne 1 ] || [ "$output" != "$want" ] || [ "$stderr" != "hf-arch: $f:2: $2" ]; then
		printf 'case %s: status %s\nstdout: %s\nstderr: %s\n' "$1" "$status" "$output" "$stderr" >&2
		return 1
	fi
	run --separate-stderr hf-arch --strict "$f"
	if [ "$status" -ne 1 ] || [ "$output" != "${want%%$'\n'*}" ] ||
	    [ "$stderr" != "hf-arch: $f:2: $2"$'\n'"hf-arch: $f:2: stopping (--strict)" ]; then
		printf 'case %s --strict: status %s\nstdout: %s\nstderr: %s\n' "$1" "$status" "$output" "$stderr" >&2
		return 1
	fi
}

@test "jsmn's gaps (STYLE.md 4): FILE:LINE: reason, status 1, the good lines around still come out; --strict stops" {
	bad_line '{"a"}' 'object key without a value'
	bad_line '{"a":[1,,3]}' 'invalid JSON syntax'
	bad_line '{"a":1,}' 'invalid JSON syntax'
	bad_line '{"a":[1,]}' 'invalid JSON syntax'
	bad_line '{,}' 'invalid JSON syntax'
	bad_line '{"a":[01]}' 'invalid JSON value'
	bad_line '{"a":[1.]}' 'invalid JSON value'
	bad_line '{"a":[1e]}' 'invalid JSON value'
	bad_line '{"a":[tru]}' 'invalid JSON value'
	bad_line '{"a":nul}' 'invalid JSON value'
	bad_line '{"a":["b":1]}' 'invalid JSON syntax'
	bad_line '{"a":"b":"c"}' 'invalid JSON syntax'
	bad_line '{"a":"x\ty"}' 'control character in a string'
	bad_line '{"a":"x\001y"}' 'control character in a string'
	bad_line '{"a\037":1}' 'control character in a string'
	bad_line '{} {}' 'more than one JSON value'
	bad_line '{"a":1}{"b":2}' 'more than one JSON value'
	bad_line '{"a":1} 2' 'more than one JSON value'
	bad_line '{"a":1} "x"' 'more than one JSON value'
}

@test "other bad lines: not an object, truncated, bad escapes, invalid UTF-8" {
	bad_line '[1]' 'not a JSON object'
	bad_line '"x"' 'not a JSON object'
	bad_line '42' 'not a JSON object'
	bad_line 'nope' 'not a JSON object'
	bad_line '{"a":1' 'truncated JSON'
	bad_line '{"a":{"b":[1]}' 'truncated JSON'
	bad_line '{"a":1}}' 'invalid JSON'
	bad_line '{1:2}' 'invalid JSON'
	bad_line '{"a":"\\q"}' 'invalid JSON'
	bad_line '{"a":"\\u12G4"}' 'invalid JSON'
	bad_line '{"a":NaN}' 'invalid JSON'
	bad_line '{"a":"\377"}' 'invalid UTF-8'
	bad_line '{"a":"\300\257"}' 'invalid UTF-8'
	bad_line '{"a":"\355\240\200"}' 'invalid UTF-8'
	bad_line '{"a":"\342\202"}' 'invalid UTF-8'
	bad_line '{"a":"\364\220\200\200"}' 'invalid UTF-8'
	bad_line '{"\200":1}' 'invalid UTF-8'
	bad_line '{"a":1\377}' 'invalid JSON'
}

@test "line numbers count blank lines and restart for each file; blank lines are not errors" {
	printf '\n   \n\t\n{"id":"a"}\n{x}\n' > "$BATS_TEST_TMPDIR/one"
	printf '{x}\n' > "$BATS_TEST_TMPDIR/two"
	run -1 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/two"
	[ "$output" = '{"id":"a","architecture":null,"params":null}' ]
	[ "$stderr" = "hf-arch: $BATS_TEST_TMPDIR/one:5: invalid JSON
hf-arch: $BATS_TEST_TMPDIR/two:1: invalid JSON" ]
	printf '\n \n' > "$BATS_TEST_TMPDIR/blank"
	run -0 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/blank"
	[ -z "$output" ] && [ -z "$stderr" ]
}

# wrong_type RECORD REASON: reported as FILE:1: REASON; the record still
# comes out with architecture and params read as absent, and so does the
# next one; --strict stops before the next one.
wrong_type() {
	local f="$BATS_TEST_TMPDIR/wrong"
	printf '%s\n%s\n' "$1" '{"id":"o/next"}' > "$f"
	run --separate-stderr hf-arch "$f"
	if [ "$status" -ne 1 ] || [ "$stderr" != "hf-arch: $f:1: $2" ] ||
	    [ "$output" != "${1%\}},\"architecture\":null,\"params\":null}
{\"id\":\"o/next\",\"architecture\":null,\"params\":null}" ]; then
		printf 'case %s: status %s\nstdout: %s\nstderr: %s\n' "$1" "$status" "$output" "$stderr" >&2
		return 1
	fi
	run --separate-stderr hf-arch --strict "$f"
	if [ "$status" -ne 1 ] || [[ "$output" == *o/next* ]] ||
	    [ "$stderr" != "hf-arch: $f:1: $2"$'\n'"hf-arch: $f:1: stopping (--strict)" ]; then
		printf 'case %s --strict: status %s\nstdout: %s\nstderr: %s\n' "$1" "$status" "$output" "$stderr" >&2
		return 1
	fi
}

@test "wrong types are reported and read as absent; the record still comes out" {
	wrong_type '{"id":"a","config":{"architectures":"X"}}' 'config.architectures is not an array'
	wrong_type '{"id":"a","config":{"architectures":[5,"X"]}}' 'config.architectures[0] is not a string'
	wrong_type '{"id":"b","config":5}' 'config is not an object'
	wrong_type '{"id":"b","config":"{}"}' 'config is not an object'
	wrong_type '{"id":"c","safetensors":{"total":"7"}}' 'safetensors.total is not a count'
	wrong_type '{"id":"c","safetensors":{"total":-7}}' 'safetensors.total is not a count'
	wrong_type '{"id":"c","safetensors":{"total":7.5}}' 'safetensors.total is not a count'
	wrong_type '{"id":"c","safetensors":{"total":9223372036854775808}}' 'safetensors.total is not a count'
	wrong_type '{"id":"c","safetensors":[7]}' 'safetensors is not an object'
	# hf-arch does not read downloads: a string there is not its business.
	printf '%s\n' '{"id":"d","downloads":"12"}' > "$BATS_TEST_TMPDIR/in"
	run -0 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"id":"d","downloads":"12","architecture":null,"params":null}' ]
	[ -z "$stderr" ]
}

@test "a 100 MB line is skipped in bounded memory; the next line comes out; --strict stops" {
	local big="$BATS_TEST_TMPDIR/big"
	{ printf '{"id":"before"}\n{"a":"'; head -c 100000000 /dev/zero | tr '\0' x; printf '"}\n{"id":"after"}'; } > "$big"
	if grep -q __asan_init "$TOP/hf-arch"; then
		run -1 --separate-stderr hf-arch "$big"
	else
		# 40 MB of address space: the line is never held whole.
		run -1 --separate-stderr bash -c "ulimit -v 40000; hf-arch '$big'"
	fi
	[ "$stderr" = "hf-arch: $big:2: line longer than 4194304 bytes" ]
	[ "$output" = '{"id":"before","architecture":null,"params":null}
{"id":"after","architecture":null,"params":null}' ]
	run -1 --separate-stderr hf-arch --strict "$big"
	[ "$output" = '{"id":"before","architecture":null,"params":null}' ]
	[ "$stderr" = "hf-arch: $big:2: line longer than 4194304 bytes
hf-arch: $big:2: stopping (--strict)" ]
}

@test "a line of exactly 4194304 bytes is read; one byte more is skipped" {
	local f="$BATS_TEST_TMPDIR/limit"
	# {"a":"xxx...x"} of 4194304 bytes, then of 4194305 bytes.
	{ printf '{"a":"'; head -c 4194296 /dev/zero | tr '\0' x; printf '"}\n';
	  printf '{"a":"'; head -c 4194297 /dev/zero | tr '\0' x; printf '"}\r\n{"id":"z"}\n'; } > "$f"
	run -1 --separate-stderr bash -c "hf-arch '$f' > '$f.out'"
	[ "$stderr" = "hf-arch: $f:2: line longer than 4194304 bytes" ]
	[ "$(wc -l < "$f.out")" -eq 2 ]
	# The first line whole: 4194304 bytes less its '}', the keys, '\n'.
	[ "$(head -n 1 "$f.out" | wc -c)" -eq $((4194304 - 1 + 35 + 1)) ]
	[ "$(tail -n 1 "$f.out")" = '{"id":"z","architecture":null,"params":null}' ]
}

@test "100,000 nested arrays are refused at once, not crashed on; the next line comes out" {
	local f="$BATS_TEST_TMPDIR/deep"
	{ printf '{"a":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}\n{"id":"after"}\n'; } > "$f"
	# (jsmn alone takes seconds on this: quadratic in the depth)
	run -1 --separate-stderr timeout 5 hf-arch "$f"
	[ "$stderr" = "hf-arch: $f:1: JSON nested too deeply" ]
	[ "$output" = '{"id":"after","architecture":null,"params":null}' ]
	run -1 --separate-stderr hf-arch --strict "$f"
	[ -z "$output" ]
}

@test "an empty file: no output, status 0; a last record without a final newline; CR LF" {
	: > "$BATS_TEST_TMPDIR/empty"
	run -0 --separate-stderr hf-arch "$BATS_TEST_TMPDIR/empty"
	[ -z "$output" ] && [ -z "$stderr" ]
	run -0 --separate-stderr hf-arch --strict --spec < "$BATS_TEST_TMPDIR/empty"
	[ -z "$output" ] && [ -z "$stderr" ]
	# The same records with and without the final newline, and with CR LF.
	head -n 3 "$RECS" > "$BATS_TEST_TMPDIR/nl"
	head -c -1 "$BATS_TEST_TMPDIR/nl" > "$BATS_TEST_TMPDIR/nonl"
	sed 's/$/\r/' "$BATS_TEST_TMPDIR/nl" > "$BATS_TEST_TMPDIR/crlf"
	hf-arch --spec "$BATS_TEST_TMPDIR/nl" > "$BATS_TEST_TMPDIR/out.nl"
	hf-arch --spec "$BATS_TEST_TMPDIR/nonl" > "$BATS_TEST_TMPDIR/out.nonl"
	hf-arch --spec "$BATS_TEST_TMPDIR/crlf" > "$BATS_TEST_TMPDIR/out.crlf"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/out.nl")" -eq 3 ]
	cmp "$BATS_TEST_TMPDIR/out.nl" "$BATS_TEST_TMPDIR/out.nonl"
	cmp "$BATS_TEST_TMPDIR/out.nl" "$BATS_TEST_TMPDIR/out.crlf"
	printf '{"id":"x"}' | hf-arch > "$BATS_TEST_TMPDIR/out"
	printf '{"id":"x","architecture":null,"params":null}\n' | cmp - "$BATS_TEST_TMPDIR/out"
}

@test "files in order, '-' is standard input, a missing file is reported and the rest still read" {
	printf '{"id":"1"}\n' > "$BATS_TEST_TMPDIR/a"
	printf '{"id":"3"}\n' > "$BATS_TEST_TMPDIR/b"
	run -1 --separate-stderr bash -c "echo '{\"id\":\"2\"}' | hf-arch '$BATS_TEST_TMPDIR/a' - /nonexistent '$BATS_TEST_TMPDIR/b'"
	[ "$stderr" = "hf-arch: cannot open /nonexistent: No such file or directory" ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}${lines[1]}${lines[2]}" == '{"id":"1",'*'{"id":"2",'*'{"id":"3",'* ]]
	run -1 --separate-stderr bash -c "echo 'x' | hf-arch"
	[ "$stderr" = "hf-arch: <stdin>:1: not a JSON object" ]
}

@test "> /dev/full: status 4 and exactly one message, for a short and a long output" {
	run -4 --separate-stderr bash -c "hf-arch '$HAND' > /dev/full"
	[ "$stderr" = "hf-arch: cannot write standard output: No space left on device" ]
	for _ in $(seq 500); do cat "$RECS"; done > "$BATS_TEST_TMPDIR/many"
	run -4 --separate-stderr bash -c "hf-arch --spec '$BATS_TEST_TMPDIR/many' > /dev/full"
	[ "$stderr" = "hf-arch: cannot write standard output: No space left on device" ]
	run -4 --separate-stderr bash -c "printf '{}' | hf-arch > /dev/full"
	[ "$stderr" = "hf-arch: cannot write standard output: No space left on device" ]
}

@test "--brief: id, downloads, architecture, params (and spec) alone; hf-report writes the same registry from them" {
	run -0 --separate-stderr hf-arch --brief "$SNAP"
	[ "${#lines[@]}" -eq "$(wc -l < "$SNAP")" ]
	[ "${lines[0]}" = '{"id":"mlx-community/gpt2-7B-base-1-mlx","downloads":0,"architecture":"GPT2LMHeadModel","params":353453056}' ]
	run -0 bash -c "printf '{\"id\":\"o/m\",\"x\":1}\n' | hf-arch --brief --spec"
	[[ "$output" == '{"id":"o/m","downloads":null,"architecture":null,"params":null,"spec":{'* ]]
	hf-arch --brief "$SNAP" | hf-report -q -o "$BATS_TEST_TMPDIR/brief" --duration 1 --summary-json "$BATS_TEST_TMPDIR/brief.json"
	hf-report -q -o "$BATS_TEST_TMPDIR/whole" --duration 1 --summary-json "$BATS_TEST_TMPDIR/whole.json" "$SNAP"
	diff -r "$BATS_TEST_TMPDIR/brief" "$BATS_TEST_TMPDIR/whole"
	cmp "$BATS_TEST_TMPDIR/brief.json" "$BATS_TEST_TMPDIR/whole.json"
	local e='{"hf_error":"missing","id":"o/m","message":"o/m: not found"}'
	run -0 --separate-stderr bash -c "printf '%s\n' '$e' | hf-arch --brief"
	[ "$output" = "$e" ] && [ -z "$stderr" ]
}

@test "an error record (a model hf-list could not fetch) passes through byte for byte" {
	local e='{"hf_error":"missing","id":"o/m","message":"o/m: not found"}'
	run -0 --separate-stderr bash -c "printf '%s\n' '$e' | hf-arch --spec"
	[ "$output" = "$e" ] && [ -z "$stderr" ]
}
