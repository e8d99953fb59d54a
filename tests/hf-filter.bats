#!/usr/bin/env bats
# hf-filter: every predicate, its flags, pass-through and errors.
load helper

M="$FIX/hf-filter/models.ndjson"

# ids_of CMD...: the ids of the records CMD writes; the status is CMD's.
ids_of() { set -o pipefail; "$@" | ids; }

@test "no flags: every record passes through byte for byte" {
	run -0 hf-filter "$M"
	[ "$output" = "$(cat "$M")" ]
}

@test "--no-quantized drops name markers, quantization_config, gguf tags and fields" {
	run -0 ids_of hf-filter --no-quantized "$M"
	refute_line "TheBloke/Llama-2-7B-AWQ"
	refute_line "someone/tiny-llama"
	refute_line "someone/plain"
	assert_line "meta-llama/Llama-3.1-8B"
	[ "${#lines[@]}" -eq 9 ]
}

@test "--no-quantized: real names TransformerLens's markers miss, acronyms in any case; unquantized stays" {
	run -0 bash -c "hf-filter --no-quantized '$FIX/hf-filter/quantized-names.ndjson' | grep -o '\"id\":\"[^\"]*\"' | cut -d'\"' -f4"
	[ "$output" = "$(printf '%s\n' google/gemma-3-270m-it-qat-q4_0-unquantized Qwen/Qwen3-8B)" ]
	run -0 bash -c "hf-filter --no-quantized --invert --stats - '$FIX/hf-filter/quantized-names.ndjson' 2>&1 >/dev/null"
	[[ "$output" == *'"kept":12,'* ]]
}

@test "--quantized-by name only looks at the id" {
	run -0 bash -c "hf-filter --no-quantized --quantized-by name '$M' | wc -l"
	[ "$output" -eq 11 ]
}

@test "--quantized-by meta only looks at metadata" {
	run -0 bash -c "hf-filter --no-quantized --quantized-by meta '$M' | wc -l"
	[ "$output" -eq 9 ]
}

@test "--min-downloads drops models below N" {
	run -0 ids_of hf-filter --min-downloads 800 "$M"
	[ "${lines[*]}" = "meta-llama/Llama-3.1-8B TheBloke/Llama-2-7B-AWQ someone/tiny-llama nocfg/model meta-llama/Llama-3.1-8B Qwen/Qwen2.5-0.5B" ]
}

@test "--keep-canonical keeps a canonical org's checkpoint of its own architecture only" {
	run -0 ids_of hf-filter --min-downloads 500 --keep-canonical "$M"
	assert_line "meta-llama/Llama-tiny"
	refute_line "randomuser/llama-small"
	refute_line "google/pali-x"
}

@test "--keep-canonical without --min-downloads is a usage error" {
	run -2 --separate-stderr hf-filter --keep-canonical "$M"
	[[ "$stderr" == *"--keep-canonical goes with --min-downloads"* ]]
}

@test "--arch matches config.architectures[0] exactly, repeatable" {
	run -0 bash -c "hf-filter --arch ZetaForCausalLM --arch PaliGemmaForConditionalGeneration '$M' | wc -l"
	[ "$output" -eq 4 ]
	run -0 --separate-stderr bash -c "hf-filter --arch zetaforcausallm '$M' | wc -l"
	[ "$output" -eq 0 ]
	[ "$stderr" = "hf-filter: no record has architecture zetaforcausallm; did you mean ZetaForCausalLM?" ]
}

@test "--arch: a name near one of the adapter table gets a hint; one that matched nothing says so" {
	# the same class name in another case: a usage error
	run -2 --separate-stderr hf-filter --arch LLamaForCausalLM "$M"
	[ -z "$output" ]
	[ "$stderr" = "hf-filter: --arch LLamaForCausalLM: did you mean LlamaForCausalLM? (architectures are matched exactly)" ]
	# an edit or two away: a hint, and the count at the end
	run -0 --separate-stderr hf-filter --arch LlamaForCasualLM "$M"
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "hf-filter: --arch LlamaForCasualLM is not in the adapter table; did you mean LlamaForCausalLM?" ]
	[ "${stderr_lines[1]}" = "hf-filter: no record has architecture LlamaForCasualLM; did you mean LlamaForCausalLM?" ]
	run -0 --separate-stderr hf-filter --arch LlamaForCausalLN --print-adapters
	[ "$stderr" = "hf-filter: --arch LlamaForCausalLN is not in the adapter table; did you mean LlamaForCausalLM?" ]
	# a real architecture the table lacks: no false hint, only the count
	run -0 --separate-stderr hf-filter --arch MambaForCausalLM "$M"
	[ "$stderr" = "hf-filter: no record has architecture MambaForCausalLM" ]
	run -0 --separate-stderr hf-filter --arch LlamaForCausalLM "$M"
	[ -z "$stderr" ]
	# -q: no hints (a script that checked the names), mistakes still
	run -0 --separate-stderr hf-filter -q --arch LlamaForCasualLM --arch MambaForCausalLM "$M"
	[ -z "$stderr" ]
	run -2 --separate-stderr hf-filter -q --arch LLamaForCausalLM "$M"
	[ "$stderr" = "hf-filter: --arch LLamaForCausalLM: did you mean LlamaForCausalLM? (architectures are matched exactly)" ]
}

@test "an architecture key set by an earlier stage wins over the config" {
	run -0 bash -c "hf-filter --arch ZetaForCausalLM '$M' | grep -c Qwen2.5-0.5B"
	[ "$output" -eq 1 ]
}

@test "records from hf-arch filter the same as raw records" {
	run -0 bash -c "hf-arch '$M' | hf-filter --arch LlamaForCausalLM"
	[ "$(printf '%s\n' "$output" | ids)" = "$(hf-filter --arch LlamaForCausalLM "$M" | ids)" ]
	[ "${#lines[@]}" -eq 6 ]
}

@test "--supported and --unsupported split on the adapter table; no architecture goes to neither" {
	run -0 bash -c "hf-filter --supported '$M' | wc -l"
	[ "$output" -eq 6 ]
	run -0 ids_of hf-filter --unsupported "$M"
	[ "${lines[*]}" = "acme/zeta-1 acme/zeta-2 google/pali-x Qwen/Qwen2.5-0.5B" ]
}

@test "--supported with --unsupported is a usage error" {
	run -2 hf-filter --supported --unsupported "$M"
}

@test "--adapters FILE and HF_ADAPTERS replace the table" {
	run -0 bash -c "hf-filter --adapters '$FIX/hf-filter/zeta.adapters' --unsupported '$M' | wc -l"
	[ "$output" -eq 1 ]
	run -0 bash -c "HF_ADAPTERS='$FIX/hf-filter/zeta.adapters' hf-filter --min-downloads 500 --keep-canonical --arch ZetaForCausalLM '$M' | wc -l"
	[ "$output" -eq 3 ]
}

@test "an unreadable or bad adapter table is a usage error with one line" {
	run -2 --separate-stderr hf-filter --adapters /nonexistent "$M"
	[ "$stderr" = "hf-filter: cannot read adapters /nonexistent: No such file or directory" ]
	printf 'Bad Name\tx\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run -2 --separate-stderr hf-filter --adapters "$BATS_TEST_TMPDIR/bad.tsv" "$M"
	[ "$stderr" = "hf-filter: $BATS_TEST_TMPDIR/bad.tsv:1: bad architecture name" ]
}

@test "--canonical keeps only canonical orgs' checkpoints of their own architectures" {
	run -0 ids_of hf-filter --canonical "$M"
	[ "${lines[*]}" = "meta-llama/Llama-3.1-8B meta-llama/Llama-tiny meta-llama/Llama-3.1-8B" ]
}

@test "--exclude-ids drops listed ids; comments, blanks, padding and CR LF ignored" {
	printf '# existing\nmeta-llama/Llama-3.1-8B\n\n  acme/zeta-1  \ngoogle/pali-x  # a note\r\n' > "$BATS_TEST_TMPDIR/ids"
	run -0 ids_of hf-filter --exclude-ids "$BATS_TEST_TMPDIR/ids" "$M"
	[ "${#lines[@]}" -eq 8 ]
	refute_line "meta-llama/Llama-3.1-8B"
	refute_line "acme/zeta-1"
	refute_line "google/pali-x"
	run -2 hf-filter --exclude-ids /nonexistent "$M"
}

@test "--author keeps the named orgs, from author or the id" {
	run -0 bash -c "hf-filter --author acme --author Qwen '$M' | wc -l"
	[ "$output" -eq 3 ]
}

@test "--unique keeps the first record of each id" {
	run -0 bash -c "hf-filter --unique '$M' | grep -c '\"id\":\"meta-llama/Llama-3.1-8B\"'"
	[ "$output" -eq 1 ]
}

@test "--invert writes what would have been dropped" {
	run -0 bash -c "hf-filter --invert --unsupported '$M' | wc -l"
	[ "$output" -eq 8 ]
}

@test "--stats counts kept and dropped by the first failing test" {
	run -0 hf-filter --unique --no-quantized --min-downloads 500 --supported --stats "$BATS_TEST_TMPDIR/s.json" "$M"
	[ "$output" = "$(head -n 1 "$M")" ]
	[ "$(cat "$BATS_TEST_TMPDIR/s.json")" = '{"read":12,"kept":1,"dropped":11,"inverted":false,"dropped_by":{"duplicate":1,"excluded":0,"quantized":3,"downloads":4,"architecture":0,"supported":3,"unsupported":0,"canonical":0,"author":0}}' ]
}

@test "a wrong-typed downloads is reported with file and line, the record dropped, status 1" {
	printf '%s\n' '{"id":"a/b","downloads":"12"}' '{"id":"a/c","downloads":900}' > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-filter --min-downloads 500 "$BATS_TEST_TMPDIR/in"
	[ "$stderr" = "hf-filter: $BATS_TEST_TMPDIR/in:1: downloads is not an integer" ]
	[ "$output" = '{"id":"a/c","downloads":900}' ]
}

@test "malformed lines are reported and skipped; good lines after them still come out" {
	printf '%s\n' '{"a"}' 'not json' '{"id":"a/b","downloads":1}' > "$BATS_TEST_TMPDIR/in"
	printf '\377\n{"id":"x/y"}' >> "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-filter "$BATS_TEST_TMPDIR/in"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = '{"id":"x/y"}' ]
	[[ "$stderr" == *"in:1: object key without a value"* ]]
	[[ "$stderr" == *"in:2: not a JSON object"* ]]
	[[ "$stderr" == *"in:4: not a JSON object"* ]]
}

@test "--strict stops at the first bad line with status 1" {
	printf '%s\n' '{"id":"a/b"}' '[1]' '{"id":"a/c"}' > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-filter --strict "$BATS_TEST_TMPDIR/in"
	[ "$output" = '{"id":"a/b"}' ]
	[[ "$stderr" == *"stopping (--strict)"* ]]
}

@test "bad option values exit 2" {
	run -2 --separate-stderr hf-filter --quantized-by sometimes
	[ "$stderr" = "hf-filter: --quantized-by takes name, meta or any" ]
	run -2 --separate-stderr hf-filter --min-downloads ten
	[ "$stderr" = "hf-filter: --min-downloads takes a whole number" ]
}

@test "--print-adapters prints the table in use in its own format" {
	run -0 hf-filter --print-adapters
	assert_line "GPT2LMHeadModel	openai-community,stanford-crfm,Writer"
	assert_line "LlamaForCausalLM	meta-llama,huggyllama,codellama,SimpleStories"
	run -0 hf-filter --print-adapters --adapters "$FIX/hf-filter/zeta.adapters"
	[ "$output" = "$(printf 'LlamaForCausalLM\t\nZetaForCausalLM\tacme')" ]
}

@test "--ids writes the id of each record kept, one a line; with --exclude-ids --invert, only the listed" {
	run -0 --separate-stderr hf-filter --ids --arch MixtralForCausalLM --author mistralai "$SNAP"
	[ "${#lines[@]}" -eq 7 ] && [ "${lines[6]}" = mistralai/Mixtral-8x7B-v0.1 ]
	[ "$output" = "$(hf-filter --arch MixtralForCausalLM --author mistralai "$SNAP" | ids)" ]
	printf '%s\n' mistralai/Mixtral-8x7B-v0.1 Qwen/Qwen3-8B > "$BATS_TEST_TMPDIR/list"
	run -0 hf-filter --ids --exclude-ids "$BATS_TEST_TMPDIR/list" --invert "$SNAP"
	[ "$output" = "$(printf '%s\n' mistralai/Mixtral-8x7B-v0.1 Qwen/Qwen3-8B)" ]
	run -0 bash -c "printf '{\"downloads\":3}\n' | hf-filter --ids"
	[ -z "$output" ]
}

@test "--ids-to FILE: the records on standard output and their ids in FILE, which a second filter can leave out" {
	hf-filter --arch MixtralForCausalLM --ids-to "$BATS_TEST_TMPDIR/ids" "$SNAP" > "$BATS_TEST_TMPDIR/kept"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/ids")" -gt 7 ]
	[ "$(cat "$BATS_TEST_TMPDIR/ids")" = "$(ids "$BATS_TEST_TMPDIR/kept")" ]
	[ "$(cat "$BATS_TEST_TMPDIR/ids")" = "$(hf-filter --ids --arch MixtralForCausalLM "$SNAP")" ]
	cmp "$BATS_TEST_TMPDIR/kept" <(hf-filter --arch MixtralForCausalLM "$SNAP")
	run -0 hf-filter -q --ids --exclude-ids "$BATS_TEST_TMPDIR/ids" --arch MixtralForCausalLM "$SNAP"
	[ -z "$output" ]
	# emptied first, even when nothing is kept
	printf 'stale\n' > "$BATS_TEST_TMPDIR/ids"
	hf-filter --arch NoSuchForCausalLM -q --ids-to "$BATS_TEST_TMPDIR/ids" "$SNAP" > /dev/null
	[ ! -s "$BATS_TEST_TMPDIR/ids" ]
	run -4 --separate-stderr hf-filter --ids-to "$BATS_TEST_TMPDIR/no/dir/ids" "$SNAP"
	[ "$stderr" = "hf-filter: cannot write $BATS_TEST_TMPDIR/no/dir/ids: No such file or directory" ]
}
