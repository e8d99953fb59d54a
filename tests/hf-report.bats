#!/usr/bin/env bats
# hf-report: the TransformerLens registry files byte for byte, merges,
# safety; the calculator's models.json.
load helper

M="$FIX/hf-report/models.ndjson"
D="$BATS_TEST_TMPDIR/data"

report() { hf-report -o "$D" --scanned 8 --duration 2.5 "$@"; }

@test "a fresh directory: both registry files equal the hand-written goldens byte for byte" {
	run -0 --separate-stderr report "$M"
	cmp <(undate "$D/supported_models.json") "$FIX/hf-report/supported_models.expected.json"
	cmp <(undate "$D/architecture_gaps.json") "$FIX/hf-report/architecture_gaps.expected.json"
	[ "$(cat "$D/verification_history.json")" = "$(printf '{\n  "last_updated": null,\n  "records": []\n}')" ]
	[ "$(tail -c 1 "$D/supported_models.json" | od -An -c | tr -d ' ')" = '\n' ]
	[ "$(tail -c 1 "$D/architecture_gaps.json")" = "}" ]
	grep -q "\"generated_at\": \"$(date +%Y-%m-%d)\"" "$D/supported_models.json"
	[[ "$stderr" == *"2 new supported models; gaps: 3 added, 0 updated, 0 removed, 3 in all"* ]]
}

@test "gap records from hf-score -p give the same registry as model records alone" {
	report "$M"
	mkdir -p "$BATS_TEST_TMPDIR/b"
	hf-score -p "$M" | hf-report -o "$BATS_TEST_TMPDIR/b" --scanned 8 --duration 2.5
	cmp "$D/supported_models.json" "$BATS_TEST_TMPDIR/b/supported_models.json"
	cmp "$D/architecture_gaps.json" "$BATS_TEST_TMPDIR/b/architecture_gaps.json"
}

@test "the same scan twice leaves the files as they were; -q leaves out the closing line" {
	report "$M"
	cp -r "$D" "$BATS_TEST_TMPDIR/first"
	run -0 --separate-stderr report -q "$M"
	[ -z "$stderr" ]
	diff -r "$D" "$BATS_TEST_TMPDIR/first"
}

@test "existing entries are kept exactly: a verified model stays verified" {
	report "$M"
	sed -i '0,/"status": 0,/s//"status": 1,/; 0,/"note": null,/s//"note": "ok \\u00e9",/' "$D/supported_models.json"
	cp "$D/supported_models.json" "$BATS_TEST_TMPDIR/before"
	report "$M" "$FIX/hf-report/more.ndjson"
	grep -q '"note": "ok \\u00e9",' "$D/supported_models.json"
	grep -q '"total_verified": 1,' "$D/supported_models.json"
	grep -q '"total_models": 3,' "$D/supported_models.json"
	[ "$(grep -c '"model_id": "meta-llama/Llama-3.2-1B"' "$D/supported_models.json")" -eq 1 ]
	# the old entries, then the new one
	[ "$(grep -o '"model_id": "[^"]*"' "$D/supported_models.json" | cut -d'"' -f4 | tr '\n' ' ')" = "meta-llama/Llama-3.2-1B openai-community/gpt2 google-t5/t5-small " ]
}

@test "a second task adds up: a model seen in both counted once, its downloads the latest" {
	report "$M"
	hf-report -o "$D" --task text2text-generation "$FIX/hf-report/more.ndjson"
	grep -q '"task_filter": "text2text-generation"' "$D/architecture_gaps.json"
	run -0 grep -A 3 '"architecture_id": "AlphaForCausalLM"' "$D/architecture_gaps.json"
	[[ "$output" == *'"total_models": 4,'* ]]
	[[ "$output" == *'"total_downloads": 5010,'* ]]
	[[ "$output" == *'"min_param_count": 300000000,'* ]]
	run -0 grep -A 10 '"architecture_id": "AlphaForCausalLM"' "$D/architecture_gaps.json"
	[[ "$(printf '%s\n' "$output" | grep -o '"[a-z]/[a-z]*"' | tr '\n' ' ')" == '"a/one" "a/four" "a/two" "a/three" ' ]]
}

@test "an architecture that becomes supported leaves the gaps" {
	report "$M"
	run -0 --separate-stderr report --adapters "$FIX/hf-report/alpha.adapters" "$M"
	run ! grep -q AlphaForCausalLM "$D/architecture_gaps.json"
	grep -q '"total_unsupported_architectures": 2,' "$D/architecture_gaps.json"
	[[ "$stderr" == *"1 removed"* ]]
}

@test "a gaps file without state is a baseline, replaced per architecture by newer data" {
	report "$M"
	rm "$D/.hf-report-state.ndjson"
	report "$FIX/hf-report/more.ndjson"
	run -0 grep -A 2 '"architecture_id": "AlphaForCausalLM"' "$D/architecture_gaps.json"
	[[ "$output" == *'"total_models": 2,'* ]]
	grep -A 1 '"architecture_id": "BetaForCausalLM"' "$D/architecture_gaps.json" | grep -q '"total_models": 1,'
	report "$FIX/hf-report/more.ndjson"
	grep -q '"architecture_id": "GammaForCausalLM"' "$D/architecture_gaps.json"
}

@test "a gaps file without state, then a scan of another task: its counts are kept and the new models add to them" {
	report "$M"
	rm "$D/.hf-report-state.ndjson"
	# another tool's file: Alpha has 3 models, 999 downloads, from a text-generation scan
	printf '%s\n' '{"id":"x/t5ish","downloads":1,"config":{"architectures":["AlphaForCausalLM"]},"safetensors":{"total":200000000}}' > "$BATS_TEST_TMPDIR/t2t"
	hf-report -o "$D" --task text2text-generation "$BATS_TEST_TMPDIR/t2t"
	alpha() { grep -A 9 '"architecture_id": "AlphaForCausalLM"' "$D/architecture_gaps.json"; }
	run alpha
	[[ "$output" == *'"total_models": 4,'* ]]
	[[ "$output" == *'"total_downloads": 1000,'* ]]
	[[ "$output" == *'"min_param_count": 200000000,'* ]]
	grep -A 1 '"architecture_id": "BetaForCausalLM"' "$D/architecture_gaps.json" | grep -q '"total_models": 1,'
	grep -q '^{"architecture_id":"AlphaForCausalLM","total_models":3,.*"task":"text-generation"}$' "$D/.hf-report-state.ndjson"
	# the same run again changes nothing
	cp "$D/architecture_gaps.json" "$BATS_TEST_TMPDIR/once"
	hf-report -o "$D" --task text2text-generation "$BATS_TEST_TMPDIR/t2t"
	cmp "$D/architecture_gaps.json" "$BATS_TEST_TMPDIR/once"
	# a new text-generation scan is complete data of that scope: the remainder goes
	hf-report -o "$D" "$FIX/hf-report/more.ndjson"
	run alpha
	[[ "$output" == *'"total_models": 3,'* ]]
	[[ "$output" == *'"total_downloads": 5011,'* ]]
	run ! grep -q '"architecture_id":"AlphaForCausalLM",.*"task"' "$D/.hf-report-state.ndjson"
	grep -q '^{"architecture_id":"BetaForCausalLM",.*"task":"text-generation"}$' "$D/.hf-report-state.ndjson"
}

@test "corrupt and wrong-shape registry files are never overwritten: exit 4, one line with the byte" {
	report "$M"
	printf '{"generated_at": "x", "models": [1, 2' > "$D/supported_models.json"
	cp "$D/supported_models.json" "$BATS_TEST_TMPDIR/c"
	cp "$D/architecture_gaps.json" "$BATS_TEST_TMPDIR/g"
	run -4 --separate-stderr report "$M"
	[[ "$stderr" =~ ^hf-report:\ .*/supported_models.json:\ truncated\ JSON\ near\ byte\ [0-9]+\;\ not\ overwritten$ ]]
	cmp "$D/supported_models.json" "$BATS_TEST_TMPDIR/c"
	cmp "$D/architecture_gaps.json" "$BATS_TEST_TMPDIR/g"
	printf '{"models": {"a": 1}}\n' > "$D/supported_models.json"
	run -4 --separate-stderr report "$M"
	[[ "$stderr" == *'supported_models.json: "models" is not a list, at byte 11; not overwritten' ]]
	printf '{"gaps": []}' > "$D/supported_models.json"
	run -4 --separate-stderr report "$M"
	[[ "$stderr" == *'supported_models.json: no "models" key in the top object at byte 0; not overwritten' ]]
	printf '{"gaps": [1]}' > "$D/architecture_gaps.json"
	printf '{"models": []}\n' > "$D/supported_models.json"
	run -4 --separate-stderr report "$M"
	[[ "$stderr" == *'an entry of "gaps" is not an object, at byte 10; not overwritten'* ]]
}

@test "an unwritable directory is exit 4 and one line" {
	touch "$BATS_TEST_TMPDIR/file"
	run -4 --separate-stderr hf-report -o "$BATS_TEST_TMPDIR/file/data" "$M"
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

@test "a full disk leaves the old files intact" {
	mnt="$BATS_TEST_TMPDIR/small"
	mkdir -p "$mnt"
	mount -t tmpfs -o size=64k tmpfs "$mnt" 2>/dev/null || skip "cannot mount a tmpfs here"
	hf-report -o "$mnt" "$M" || true
	cp -r "$mnt" "$BATS_TEST_TMPDIR/saved"
	for i in $(seq 400); do printf '{"id":"big/model-%04d-%s","downloads":1,"config":{"architectures":["LlamaForCausalLM"]}}\n' "$i" "$(printf '%0120d' 0)"; done > "$BATS_TEST_TMPDIR/big"
	run hf-report -o "$mnt" "$BATS_TEST_TMPDIR/big"
	umount_st=0
	[ "$status" -eq 4 ] || { umount "$mnt"; false; }
	diff -r "$BATS_TEST_TMPDIR/saved" "$mnt" || umount_st=1
	umount "$mnt"
	[ "$umount_st" -eq 0 ]
}

@test "verification_history.json is never touched when present; --dry-run writes nothing" {
	mkdir -p "$D"
	printf '{"last_updated": "2025-01-01", "records": [1]}' > "$D/verification_history.json"
	run -0 --separate-stderr report --dry-run "$M"
	[[ "$stderr" == *"would write 2 new supported models"* ]]
	[ ! -e "$D/supported_models.json" ]
	report "$M"
	[ "$(cat "$D/verification_history.json")" = '{"last_updated": "2025-01-01", "records": [1]}' ]
}

# ---- the calculator's models.json ----

record() { printf '{"id":"%s","downloads":1,"safetensors":{"total":%s},"config":%s}\n' "$1" "$2" "$(tr -d '\n' < "$FIX/realconfigs/$3.json")"; }

@test "models.json: GPT-2, Llama and Mixtral entries from their configs, sorted by size" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	{ record meta-llama/Meta-Llama-3-8B 8030261248 meta-llama__Meta-Llama-3-8B
	  record mistralai/Mixtral-8x7B-v0.1 46702792704 mistralai__Mixtral-8x7B-v0.1
	  record openai-community/gpt2 124439808 openai-community__gpt2; } > "$BATS_TEST_TMPDIR/in"
	run -0 hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/in"
	[ "$(grep -o '"hf_model_id": "[^"]*"' "$MJ" | cut -d'"' -f4 | tr '\n' ' ')" = "openai-community/gpt2 meta-llama/Meta-Llama-3-8B mistralai/Mixtral-8x7B-v0.1 " ]
	grep -A 16 '"id": "meta-llama-3-8b"' "$MJ" > "$BATS_TEST_TMPDIR/llama"
	for kv in '"name": "Meta Llama 3 8B"' '"parameters_billions": 8.030261248' '"hidden_size": 4096' \
	    '"num_layers": 32' '"num_heads": 32' '"default_context_length": 8192' '"architecture": "transformer"' \
	    '"num_kv_heads": 8' '"intermediate_size": 14336' '"vocab_size": 128256' '"modality": "text"'; do
		grep -qF "$kv" "$BATS_TEST_TMPDIR/llama"
	done
	grep -A 16 '"id": "mixtral-8x7b-v0-1"' "$MJ" | grep -q '"architecture": "moe"'
	grep -A 16 '"id": "mixtral-8x7b-v0-1"' "$MJ" | grep -q '"num_experts": 8'
	grep -A 16 '"id": "gpt2"' "$MJ" | grep -q '"hidden_size": 768'
	[ "$(tail -c 2 "$MJ")" = "}" ]
}

@test "models.json --outcomes: one line per record, in order, with its word; one backup; the messages there, not on stderr" {
	MJ="$BATS_TEST_TMPDIR/models.json" O="$BATS_TEST_TMPDIR/outcomes"
	printf '{\n  "models": []\n}\n' > "$MJ"
	{ record openai-community/gpt2 124439808 openai-community__gpt2
	  printf '%s\n' '{"hf_error":"gated","id":"g/m","message":"g/m: gated model; log in"}'
	  record Qwen/Qwen3-VL-8B-Instruct 8767123696 Qwen__Qwen3-VL-8B-Instruct
	  printf '{"id":"x/curated","safetensors":{"total":7000000000},"config":{"model_type":"llama"}}\n'
	  record mistralai/Mistral-7B-v0.1 7241732096 mistralai__Mistral-7B-v0.1
	  record openai-community/gpt2 124439808 openai-community__gpt2; } > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-report -q --models-json "$MJ" --outcomes "$O" "$BATS_TEST_TMPDIR/in"
	[ -z "$stderr" ] && [ -z "$output" ]
	bak=$(ls "$MJ".*.bak)
	[ "$(echo "$bak" | wc -l)" -eq 1 ]
	run -0 cut -f 1-3 "$O"
	[ "$output" = "$(printf '%s\t%s\t%s\n' openai-community/gpt2 imported gpt2 g/m gated - \
	    Qwen/Qwen3-VL-8B-Instruct multimodal - x/curated invalid curated \
	    mistralai/Mistral-7B-v0.1 imported mistral-7b-v0-1 openai-community/gpt2 present gpt2)" ]
	run -0 cut -f 4 "$O"
	[ "${lines[0]}" = "imported openai-community/gpt2 as gpt2 into $MJ (backup $bak)" ]
	[ "${lines[1]}" = "g/m: gated model; log in" ]
	[[ "${lines[3]}" == "x/curated: hidden_size is missing from the config (fetch the whole config: hf-list --fetch-config, or --set hidden_size=N); num_layers is missing"* ]]
	[ "${lines[5]}" = "skipped openai-community/gpt2 (already present in $MJ as gpt2; --force replaces it)" ]
	# a dry run says what it would do; nothing written
	run -1 --separate-stderr hf-report -q --models-json "$BATS_TEST_TMPDIR/new.json" --dry-run --outcomes - "$BATS_TEST_TMPDIR/in"
	[[ "$output" == "would import gpt2 (gpt2) - "* ]]
	[[ "$output" == *$'openai-community/gpt2\timported\tgpt2\twould import openai-community/gpt2 as gpt2 into '"$BATS_TEST_TMPDIR/new.json"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/new.json" ]
	run -2 --separate-stderr hf-report --outcomes "$O"
}

@test "models.json --print-ids: the Hub id of each entry, in file order" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	{ record openai-community/gpt2 124439808 openai-community__gpt2
	  record mistralai/Mistral-7B-v0.1 7241732096 mistralai__Mistral-7B-v0.1; } | hf-report --models-json "$MJ"
	run -0 --separate-stderr hf-report --models-json "$MJ" --print-ids
	[ "$output" = "$(printf '%s\n' openai-community/gpt2 mistralai/Mistral-7B-v0.1)" ]
	run -0 hf-report --models-json "$BATS_TEST_TMPDIR/absent.json" --print-ids
	[ -z "$output" ]
}

@test "registry mode: error records are no scanned models" {
	printf '%s\n' '{"hf_error":"missing","id":"o/m","message":"o/m: not found"}' |
	    hf-report -q -o "$BATS_TEST_TMPDIR/r"
	grep -q '"total_scanned": 0,' "$BATS_TEST_TMPDIR/r/supported_models.json"
}

@test "models.json: multimodal refused unless --multimodal; range violations named; --set overrides" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	record Qwen/Qwen3-VL-8B-Instruct 8767123696 Qwen__Qwen3-VL-8B-Instruct > "$BATS_TEST_TMPDIR/vl"
	run -1 --separate-stderr hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/vl"
	[ "$stderr" = "hf-report: Qwen/Qwen3-VL-8B-Instruct: multimodal model; the calculator takes text models: use --multimodal to import it with its vision_config" ]
	run -0 hf-report --models-json "$MJ" --multimodal "$BATS_TEST_TMPDIR/vl"
	grep -q '"modality": "multimodal"' "$MJ"
	grep -q '"vision_config": {' "$MJ"
	printf '{"id":"x/curated","safetensors":{"total":7000000000},"config":{"architectures":["LlamaForCausalLM"],"model_type":"llama"}}\n' > "$BATS_TEST_TMPDIR/cur"
	run -1 --separate-stderr hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/cur"
	[[ "$stderr" == *"x/curated: hidden_size is missing from the config (fetch the whole config: hf-list --fetch-config, or --set hidden_size=N)"* ]]
	record x/huge 1 openai-community__gpt2 | sed 's/"n_layer": *12/"n_layer":5000/; s/"n_layer":12/"n_layer":5000/' > "$BATS_TEST_TMPDIR/huge"
	run -1 --separate-stderr hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/huge"
	[[ "$stderr" == *"x/huge: num_layers 5000 is above 200"* ]]
	record x/tiny 1 openai-community__gpt2 | sed 's/"n_embd": *768/"n_embd":64/; s/"n_positions": *1024/"n_positions":100/' > "$BATS_TEST_TMPDIR/tiny"
	run -1 --separate-stderr hf-report --models-json "$MJ" --set parameters_billions=2000 "$BATS_TEST_TMPDIR/tiny"
	[ "$stderr" = "hf-report: x/tiny: parameters_billions 2000 is outside 0.1..1000
hf-report: x/tiny: hidden_size 64 is below 128
hf-report: x/tiny: default_context_length 100 is below 512" ]
	record org/gpt2-small 124439808 openai-community__gpt2 > "$BATS_TEST_TMPDIR/g"
	run -0 hf-report --models-json "$MJ" --set parameters_billions=0.125 --set default_context_length=2048 "$BATS_TEST_TMPDIR/g"
	grep -A 11 '"id": "gpt2-small"' "$MJ" | grep -q '"parameters_billions": 0.125$'
	grep -A 8 '"id": "gpt2-small"' "$MJ" | grep -q '"default_context_length": 2048,'
}

@test "models.json: a timestamped backup before writing; duplicates refused unless --force; --dry-run writes nothing" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	printf '{\n  "models": []\n}\n' > "$MJ"
	record openai-community/gpt2 124439808 openai-community__gpt2 > "$BATS_TEST_TMPDIR/g"
	hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/g"
	ls "$MJ".[0-9]*-[0-9]*.bak
	[ "$(cat "$MJ".*.bak)" = "$(printf '{\n  "models": []\n}')" ]
	cp "$MJ" "$BATS_TEST_TMPDIR/before"
	run -1 --separate-stderr hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/g"
	[ "$stderr" = "hf-report: skipped openai-community/gpt2 (already present in $MJ as gpt2; --force replaces it)" ]
	run -0 hf-report --models-json "$MJ" --force --set parameters_billions=2 "$BATS_TEST_TMPDIR/g"
	[ "$(grep -c '"hf_model_id": "openai-community/gpt2"' "$MJ")" -eq 1 ]
	grep -q '"parameters_billions": 2$' "$MJ"
	cp "$MJ" "$BATS_TEST_TMPDIR/before"
	record mistralai/Mistral-7B-v0.1 7241732096 mistralai__Mistral-7B-v0.1 > "$BATS_TEST_TMPDIR/m"
	run -0 --separate-stderr hf-report --models-json "$MJ" --dry-run "$BATS_TEST_TMPDIR/m"
	[ "${lines[0]}" = "would import mistral-7b-v0-1 (Mistral 7B v0.1) - 7.241732096B params" ]
	[[ "$output" == *'"hf_model_id": "mistralai/Mistral-7B-v0.1"'* ]]
	[ "${lines[${#lines[@]}-1]}" = "Total models: 1 -> 2" ]
	[ "$stderr" = "hf-report: dry run: $MJ left as it was" ]
	run -0 --separate-stderr hf-report -q --models-json "$MJ" --dry-run "$BATS_TEST_TMPDIR/m"
	[ -z "$stderr" ]
	[ "$(ls "$MJ".*.bak | wc -l)" -eq 2 ]
	cmp "$MJ" "$BATS_TEST_TMPDIR/before"
	printf 'not json' > "$MJ"
	run -4 hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/m"
	[ "$(cat "$MJ")" = "not json" ]
}

@test "models.json: --force leaves no id twice; a duplicate is refused before a dry run shows it; the same entry again writes nothing" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	record openai-community/gpt2 124439808 openai-community__gpt2 > "$BATS_TEST_TMPDIR/a"
	record org/gpt2-x 124439808 openai-community__gpt2 > "$BATS_TEST_TMPDIR/b"
	hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	sed -i 's|"hf_model_id": "org/gpt2-x"|"hf_model_id": "org/gpt2"|' "$MJ"
	# org/gpt2 has the id of the first entry and the Hub id of the
	# second: --force leaves one entry in the place of both.
	record org/gpt2 124439808 openai-community__gpt2 > "$BATS_TEST_TMPDIR/c"
	run -1 --separate-stderr hf-report --models-json "$MJ" --dry-run "$BATS_TEST_TMPDIR/c"
	[[ "$stderr" == *"skipped org/gpt2 (already present in $MJ as gpt2-x; --force replaces it)"* ]]
	[[ "$output" != *"would import"* ]]
	run -0 hf-report --models-json "$MJ" --force "$BATS_TEST_TMPDIR/c"
	[ "$(grep -c '"id": "gpt2"' "$MJ")" -eq 1 ]
	[ "$(grep -c '"hf_model_id": "org/gpt2"' "$MJ")" -eq 1 ]
	run ! grep -q '"hf_model_id": "openai-community/gpt2"' "$MJ"
	run ! grep -q '"id": "gpt2-x"' "$MJ"
	cp "$MJ" "$BATS_TEST_TMPDIR/before"
	nbak=$(ls "$MJ".*.bak | wc -l)
	run -0 hf-report --models-json "$MJ" --force "$BATS_TEST_TMPDIR/c"
	cmp "$MJ" "$BATS_TEST_TMPDIR/before"
	[ "$(ls "$MJ".*.bak | wc -l)" -eq "$nbak" ]
}

@test "models.json: byte for byte as the importer writes it; other top-level keys kept; custom last; UTF-8 left as it is" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	cp "$FIX/hf-report/models-json.before.json" "$MJ"
	printf '{"id":"openai-community/gpt2","downloads":1,"safetensors":{"total":124439808},"config":%s}\n' \
	    "$(tr -d '\n' < "$FIX/hf-report/gpt2.config.json")" > "$BATS_TEST_TMPDIR/g"
	run -0 hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/g"
	cmp "$MJ" "$FIX/hf-report/models-json.expected.json"
	cmp "$MJ".*.bak "$FIX/hf-report/models-json.before.json"
}

@test "models.json: nothing importable means no write and no backup" {
	MJ="$BATS_TEST_TMPDIR/models.json"
	cp "$FIX/hf-report/models-json.before.json" "$MJ"
	printf '{"id":"x/none","config":{"architectures":["LlamaForCausalLM"]}}\n' > "$BATS_TEST_TMPDIR/n"
	run -1 --separate-stderr hf-report --models-json "$MJ" "$BATS_TEST_TMPDIR/n"
	[[ "$stderr" == *"x/none: parameters_billions unknown; give it with --set parameters_billions=B"* ]]
	cmp "$MJ" "$FIX/hf-report/models-json.before.json"
	run ! ls "$MJ".*.bak
	run -2 hf-report --models-json "$MJ" --set colour=blue "$BATS_TEST_TMPDIR/n"
	run -2 hf-report -o "$D" --force "$BATS_TEST_TMPDIR/n"
}

# ---- more of the registry ----

@test "SOURCE_DATE_EPOCH fixes generated_at; scan_info defaults and options" {
	SOURCE_DATE_EPOCH=86400 run -0 hf-report -o "$D" "$M"
	grep -q '"generated_at": "1970-01-02",' "$D/supported_models.json"
	grep -q '"generated_at": "1970-01-02",' "$D/architecture_gaps.json"
	# defaults: the model records read (8), text-generation, 500, 0.0
	grep -A 5 '"scan_info": {' "$D/architecture_gaps.json" > "$BATS_TEST_TMPDIR/si"
	printf '%s\n' '  "scan_info": {' '    "total_scanned": 8,' '    "task_filter": "text-generation",' \
	    '    "min_downloads": 500,' '    "scan_duration_seconds": 0.0' '  },' | cmp - "$BATS_TEST_TMPDIR/si"
	hf-report -o "$D" --task text2text-generation --min-downloads 0 --scanned 12345 --duration 61.26 "$M"
	grep -q '"total_scanned": 12345,' "$D/supported_models.json"
	grep -q '"min_downloads": 0,' "$D/supported_models.json"
	grep -q '"scan_duration_seconds": 61.3$' "$D/supported_models.json"
	hf-report -o "$D" --duration 1e17 "$M"
	grep -q '"scan_duration_seconds": 1e+17$' "$D/supported_models.json"
	cp -r "$D" "$BATS_TEST_TMPDIR/kept"
	for bad in nan inf -1 12s; do
		run -2 --separate-stderr hf-report -o "$D" --duration "$bad" "$M"
		[ "$stderr" = "hf-report: --duration takes seconds" ]
	done
	diff -r "$D" "$BATS_TEST_TMPDIR/kept"
}

@test "ids and architectures with escapes and non-ASCII are decoded once and written as \\uXXXX" {
	printf '%s\n' '{"id":"a/caf\u00e9","downloads":3,"config":{"architectures":["Caf\u00e9LM"]}}' \
	    '{"id":"a/q\"uote","downloads":1,"config":{"architectures":["Café\u004cM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-score "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"architecture_id":"CaféLM","total_models":2,"total_downloads":4,"min_param_count":null,"sample_models":["a/café","a/q\"uote"],"relevancy_score":80.0}' ]
	hf-report -o "$D" "$BATS_TEST_TMPDIR/in"
	grep -qxF '      "architecture_id": "Caf\u00e9LM",' "$D/architecture_gaps.json"
	grep -qxF '        "a/caf\u00e9",' "$D/architecture_gaps.json"
	grep -qxF '        "a/q\"uote"' "$D/architecture_gaps.json"
	hf-report -o "$D" "$BATS_TEST_TMPDIR/in"
	grep -q '"total_models": 2,' "$D/architecture_gaps.json"
}

@test "gap records alone: each run's architectures kept, a newer record replacing an older one" {
	printf '%s\n' '{"architecture_id":"XLM","total_models":5,"total_downloads":50,"min_param_count":null,"sample_models":["x/1"],"relevancy_score":1.0}' > "$BATS_TEST_TMPDIR/x"
	printf '%s\n' '{"architecture_id":"YLM","total_models":2,"total_downloads":5,"min_param_count":7,"sample_models":["y/1"],"relevancy_score":1.0}' > "$BATS_TEST_TMPDIR/y"
	hf-report -o "$D" "$BATS_TEST_TMPDIR/x"
	hf-report -o "$D" "$BATS_TEST_TMPDIR/y"
	grep -q '"total_unsupported_architectures": 2,' "$D/architecture_gaps.json"
	grep -q '"total_unsupported_models": 7,' "$D/architecture_gaps.json"
	sed 's/"total_models":5/"total_models":6/' "$BATS_TEST_TMPDIR/x" | hf-report -o "$D"
	grep -q '"total_unsupported_models": 8,' "$D/architecture_gaps.json"
}

@test "--dry-run lists every change, one line each, and writes nothing" {
	report "$M"
	cp -r "$D" "$BATS_TEST_TMPDIR/before"
	run -0 --separate-stderr report --dry-run --adapters "$FIX/hf-report/alpha.adapters" "$FIX/hf-report/more.ndjson"
	[ "$output" = "+ model a/one (AlphaForCausalLM)
+ model a/four (AlphaForCausalLM)
+ gap T5ForConditionalGeneration: 1 models, 100 downloads
- gap AlphaForCausalLM" ]
	[[ "$stderr" == *"would write 2 new supported models; gaps: 1 added, 0 updated, 1 removed, 3 in all" ]]
	diff -r "$D" "$BATS_TEST_TMPDIR/before"
	run -0 report --dry-run "$FIX/hf-report/more.ndjson"
	[[ "$output" == *"~ gap AlphaForCausalLM: 3 -> 4 models, 999 -> 5010 downloads"* ]]
}

@test "the state file: a header and one line per unsupported model; a bad one is exit 4, untouched" {
	report "$M"
	[ "$(head -1 "$D/.hf-report-state.ndjson")" = '{"hf_report_state":1}' ]
	grep -qxF '{"id":"a/one","architecture":"AlphaForCausalLM","downloads":999,"params":500000000}' "$D/.hf-report-state.ndjson"
	grep -qxF '{"id":"c/one","architecture":"GammaForCausalLM","downloads":9,"params":null}' "$D/.hf-report-state.ndjson"
	[ "$(wc -l < "$D/.hf-report-state.ndjson")" -eq 6 ]
	printf 'garbage\n' >> "$D/.hf-report-state.ndjson"
	cp -r "$D" "$BATS_TEST_TMPDIR/before"
	run -4 --separate-stderr report "$M"
	[[ "$stderr" == *".hf-report-state.ndjson:7: not a state line; not overwritten (remove it to start the state afresh)" ]]
	diff -r "$D" "$BATS_TEST_TMPDIR/before"
}

@test "a read-only directory: exit 4, the files as they were" {
	report "$M"
	cp -r "$D" "$BATS_TEST_TMPDIR/before"
	chmod a-w "$D"
	if touch "$D/probe" 2>/dev/null; then
		rm -f "$D/probe"; chmod u+w "$D"
		skip "running as root: chmod does not stop writes (the path-under-a-file test covers exit 4)"
	fi
	run -4 --separate-stderr report "$FIX/hf-report/more.ndjson"
	chmod u+w "$D"
	[[ "$stderr" == *"cannot write $D/"*"(every file left as it was): Permission denied" ]]
	diff -r "$D" "$BATS_TEST_TMPDIR/before"
}

@test "--summary-json: one JSON line after the registry is written; --print-summary prints the scraper's report from it" {
	# the counts of the hf-filter that chose the scan's new models
	printf 'x/registered\n' > "$BATS_TEST_TMPDIR/reg"
	{ cat "$M"; printf '{"id":"x/registered","downloads":1}\n'; } |
	    hf-filter --unique --exclude-ids "$BATS_TEST_TMPDIR/reg" --stats "$BATS_TEST_TMPDIR/stats" > /dev/null
	run -0 --separate-stderr hf-report -q -o "$D" --duration 2.5 --summary-json "$BATS_TEST_TMPDIR/s.json" --scan-stats "$BATS_TEST_TMPDIR/stats" "$M"
	grep -q '"total_scanned": 9,' "$D/supported_models.json"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/s.json")" -eq 1 ]
	grep -q '^{"hf_report_summary":1,"task":"text-generation","min_downloads":500,"total_scanned":9,"scan_duration_seconds":2.5,"new_models_scanned":8,"existing_models_skipped":1,"new_supported_models":2,"total_supported_models":2,' "$BATS_TEST_TMPDIR/s.json"
	run -0 hf-report --print-summary "$BATS_TEST_TMPDIR/s.json"
	[ "${lines[0]}" = "Scan complete in 2.5s" ]
	assert_line "Existing models skipped: 1"
	assert_line "New supported models found: 2"
	assert_line "  AlphaForCausalLM: score=100.0, 3 models, 999 downloads"
	# the same scan again: nothing new, unless counted against a baseline
	printf '# before\n' > "$BATS_TEST_TMPDIR/base"
	hf-report -q -o "$D" --scanned 8 --duration 2.5 --summary-json "$BATS_TEST_TMPDIR/s2.json" "$M"
	grep -q '"new_supported_models":0,' "$BATS_TEST_TMPDIR/s2.json"
	hf-report -q -o "$D" --scanned 8 --duration 2.5 --summary-json "$BATS_TEST_TMPDIR/s3.json" --baseline-ids "$BATS_TEST_TMPDIR/base" "$M"
	grep -q '"new_supported_models":2,' "$BATS_TEST_TMPDIR/s3.json"
	# --dry-run writes no summary
	hf-report -o "$D" --dry-run --summary-json "$BATS_TEST_TMPDIR/s4.json" "$M" > /dev/null 2>&1
	[ ! -e "$BATS_TEST_TMPDIR/s4.json" ]
}

@test "--scan-stats is read once the records are in: the hf-filter before it in the pipeline writes it; --since counts the seconds to the writing" {
	s="$BATS_TEST_TMPDIR/new.stats"
	since=$(($(date +%s) - 100))
	hf-filter --unique --stats "$s" "$M" |
	    hf-report -q -o "$D" --since "$since" --summary-json "$BATS_TEST_TMPDIR/s.json" --scan-stats "$s"
	grep -q '"total_scanned": 8,' "$D/supported_models.json"
	grep -q '"new_models_scanned":8,"existing_models_skipped":0,' "$BATS_TEST_TMPDIR/s.json"
	run -0 grep -o '"scan_duration_seconds": [0-9.]*' "$D/supported_models.json"
	d=${output##* }
	[ "${d%.*}" -ge 100 ] && [ "${d%.*}" -lt 200 ]
	# no stats once the records are in: a usage error, nothing written
	run -2 --separate-stderr hf-report -q -o "$D.2" --summary-json "$BATS_TEST_TMPDIR/s2.json" --scan-stats "$BATS_TEST_TMPDIR/none" "$M"
	[ "$stderr" = "hf-report: cannot read $BATS_TEST_TMPDIR/none: No such file or directory" ]
	[ ! -e "$D.2" ] && [ ! -e "$BATS_TEST_TMPDIR/s2.json" ]
	run -2 --separate-stderr hf-report --since 5 --duration 1 "$M"
	[ "$stderr" = "hf-report: --duration and --since do not go together" ]
	run -2 hf-report --since soon "$M"
}

@test "--print-ids lists the registered ids in order, after checking every file; bad summaries and mixed modes are usage errors" {
	report "$M"
	run -0 --separate-stderr hf-report -o "$D" --print-ids
	[ "$output" = "$(printf '%s\n' meta-llama/Llama-3.2-1B openai-community/gpt2)" ]
	run -0 hf-report -o "$BATS_TEST_TMPDIR/none" --print-ids
	[ -z "$output" ]
	[ ! -e "$BATS_TEST_TMPDIR/none" ]
	printf '{' > "$D/architecture_gaps.json"
	run -4 --separate-stderr hf-report -o "$D" --print-ids
	[[ "$stderr" == "hf-report: $D/architecture_gaps.json: "*"near byte"* ]]
	printf '{"a":1}\n' > "$BATS_TEST_TMPDIR/bad.json"
	run -2 --separate-stderr hf-report --print-summary "$BATS_TEST_TMPDIR/bad.json"
	[ "$stderr" = "hf-report: $BATS_TEST_TMPDIR/bad.json: not a summary of hf-report" ]
	run -2 --separate-stderr hf-report --print-summary "$BATS_TEST_TMPDIR/bad.json" "$M"
	[[ "$stderr" == *"read no records"* ]]
	run -2 --separate-stderr hf-report --scan-stats "$BATS_TEST_TMPDIR/bad.json" "$M"
	[[ "$stderr" == *"go with --summary-json"* ]]
	run -2 --separate-stderr hf-report -o "$D.2" --summary-json "$BATS_TEST_TMPDIR/s5.json" --scan-stats "$BATS_TEST_TMPDIR/bad.json" "$M"
	[ "$stderr" = "hf-report: $BATS_TEST_TMPDIR/bad.json: not the counts of hf-filter" ]
}
