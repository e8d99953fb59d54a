#!/usr/bin/env bats
# hf-import against hf-serve on the bundled snapshot, whose real models
# (tests/fixtures/hub-real.ndjson) carry real configs under real ids: one
# metadata request and one config.json fetch per model, the calculator's
# models.json written by hf-report once per run, every line hf-import's.
load helper

export HF_LIST_BACKOFF_MS=10

Q8=Qwen/Qwen3-8B Q06=Qwen/Qwen3-0.6B MIX=mistralai/Mixtral-8x7B-v0.1
GATED=meta-llama/Meta-Llama-3-8B MM=microsoft/Phi-3-vision-128k-instruct

setup() {
	start_serve --token plain --grant granted "$SNAP"
	cd "$BATS_TEST_TMPDIR"
}
imp() { hf-import --endpoint "$SERVE_URL" "$@"; }
# backups: how many backups of ./models.json there are.
backups() { find . -maxdepth 1 -name 'models.json.*.bak' | wc -l; }

@test "one model: one API request, one config.json download, one line saying what went where" {
	run -0 --separate-stderr imp --model "$Q8" --force
	[ -z "$output" ]
	[ "$stderr" = "hf-import: imported $Q8 as qwen3-8b into ./models.json (a new file)" ]
	grep -q "\"hf_model_id\": \"$Q8\"" models.json
	grep -q '"parameters_billions": 8.19073536$' models.json
	[ "$(stat_of "$Q8")" -eq 1 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"requests":{"list":0,"model":1,"resolve":1,'* ]]
}

@test "the same model again is skipped, not a failure; a run makes one backup, named on each line" {
	run -0 imp --model "$Q8" --force
	run -0 --separate-stderr imp -u "https://huggingface.co/$Q8/blob/main/config.json" --force
	[ "$stderr" = "hf-import: skipped $Q8 (already present in ./models.json as qwen3-8b, the same entry)" ]
	run -0 --separate-stderr imp -u "https://huggingface.co/$Q8/tree/main"
	[ "$stderr" = "hf-import: skipped $Q8 (already present in ./models.json as qwen3-8b; --force replaces it)" ]
	[ "$(backups)" -eq 0 ]
	run -0 --separate-stderr imp -m "$Q06" -m "$MIX" -m "$Q8" --force
	[ "$(backups)" -eq 1 ]
	bak=$(find . -maxdepth 1 -name 'models.json.*.bak')
	[ "${stderr_lines[0]}" = "hf-import: imported $Q06 as qwen3-0-6b into ./models.json (backup ./${bak#./})" ]
	[ "${stderr_lines[1]}" = "hf-import: imported $MIX as mixtral-8x7b-v0-1 into ./models.json (backup ./${bak#./})" ]
	[ "${stderr_lines[3]}" = "hf-import: imported 2, skipped 1 (1 present), failed 0" ]
	[ "$(grep -c '"hf_model_id"' models.json)" -eq 3 ]
}

@test "--dry-run shows the entry and writes nothing; only a dry run says so" {
	run -0 --separate-stderr imp -m "$MIX" --dry-run
	[ "${lines[0]}" = "would import mixtral-8x7b-v0-1 (Mixtral 8x7B v0.1) - 46.702792704B params" ]
	[[ "$output" == *'"architecture": "moe",'*'"num_experts": 8,'* ]]
	[ "${lines[-1]}" = "Total models: 0 -> 1" ]
	[ "$stderr" = "hf-import: would import $MIX as mixtral-8x7b-v0-1 into ./models.json
hf-import: dry run: nothing written to ./models.json" ]
	[ ! -e models.json ]
	run -0 imp -m "$MIX" --force
	[[ "$output" != *"dry run"* ]]
}

@test "on a terminal: the entries, one question for the batch; no means nothing written" {
	command -v script > /dev/null || skip "script(1) is not installed"
	printf 'n\n' | script -qc "hf-import --endpoint '$SERVE_URL' -m $Q06 -m $MIX" /dev/null > tty
	grep -q '^would import qwen3-0-6b (Qwen3 0.6B) - ' tty
	grep -q 'Import 2 models into ./models.json? \[y/N\] ' tty
	grep -q "hf-import: skipped $MIX (not confirmed)" tty
	grep -q 'hf-import: imported 0, skipped 2 (2 declined), failed 0' tty
	[ ! -e models.json ]
	printf 'y\n' | script -qc "hf-import --endpoint '$SERVE_URL' -m $Q06" /dev/null > tty
	grep -q 'Import 1 model into ./models.json? \[y/N\] ' tty
	grep -q "hf-import: imported $Q06 as qwen3-0-6b into ./models.json (a new file)" tty
	grep -q "\"hf_model_id\": \"$Q06\"" models.json
}

@test "--params and --context override the config" {
	run -0 imp -m "$Q06" --params 1.5 --context 4096 --force
	grep -q '"parameters_billions": 1.5$' models.json
	grep -q '"default_context_length": 4096,' models.json
	run -2 --separate-stderr imp -m "$Q06" --params many
	[ "$stderr" = "hf-import: --params takes a number of billions, not many" ]
}

@test "a gated model: one line saying what to do, no file made; a granted token imports it" {
	run -1 --separate-stderr imp -m "$GATED" --force
	[ "$stderr" = "hf-import: $GATED: gated model; log in: set HF_TOKEN to a token with access" ]
	[ ! -e models.json ]
	HF_TOKEN=plain run -1 --separate-stderr imp -m "$GATED" --force
	[ "$stderr" = "hf-import: $GATED: gated model; your token has no access: request it at https://huggingface.co/$GATED" ]
	HF_TOKEN=granted run -0 imp -m "$GATED" --force
	grep -q "\"hf_model_id\": \"$GATED\"" models.json
}

@test "a missing model: one line, with the Hub's search as 'did you mean'; a multimodal one: one line" {
	run -1 --separate-stderr imp -m Qwen/Qwen3-8 --force
	[[ "$stderr" == "hf-import: Qwen/Qwen3-8: not found, or private: check the id, or set HF_TOKEN; did you mean $Q8"*"?" ]]
	[ "$(stat_of list)" -eq 1 ]
	run -1 --separate-stderr imp -m nobody/nothing --force
	[ "$stderr" = "hf-import: nobody/nothing: not found, or private: check the id, or set HF_TOKEN" ]
	run -1 --separate-stderr imp -m "$MM" --force
	[ "$stderr" = "hf-import: $MM: multimodal model; the calculator takes text models: use --multimodal to import it with its vision_config" ]
	[ ! -e models.json ]
	run -0 imp -m "$MM" --force --multimodal
	grep -q '"modality": "multimodal"' models.json
}

@test "batch: a failure stops the run unless --continue-on-error; re-run after the fix; a tally by reason; a log with the words" {
	printf '# to import\n%s\n\nnobody/nothing  # gone\nhttps://huggingface.co/%s\n' "$Q06" "$MIX" > list
	run -1 --separate-stderr imp --file list --force
	[ "${stderr_lines[0]}" = "hf-import: imported $Q06 as qwen3-0-6b into ./models.json (a new file)" ]
	[ "${stderr_lines[1]}" = "hf-import: nobody/nothing: not found, or private: check the id, or set HF_TOKEN" ]
	[ "${stderr_lines[2]}" = "hf-import: stopped at nobody/nothing (use --continue-on-error to go on)" ]
	[ "${stderr_lines[3]}" = "hf-import: imported 1, skipped 0, failed 1 (1 missing)" ]
	run ! grep -q "\"hf_model_id\": \"$MIX\"" models.json
	run -1 --separate-stderr imp --file list --force --continue-on-error --log import.log
	[ "${stderr_lines[-1]}" = "hf-import: imported 1, skipped 1 (1 present), failed 1 (1 missing)" ]
	grep -q "\"hf_model_id\": \"$MIX\"" models.json
	[ "$(cut -d' ' -f2- import.log)" = "$(printf '%s\n' "present $Q06" "missing nobody/nothing" "imported $MIX")" ]
	sed -i '/nobody/d' list
	run -0 --separate-stderr imp --file list --log import.log
	[ "${stderr_lines[-1]}" = "hf-import: imported 0, skipped 2 (2 present), failed 0" ]
	[ "$(wc -l < import.log)" -eq 5 ]
	[ "$(backups)" -eq 1 ]
	# stopped at the first model: the tally all the same
	run -1 --separate-stderr imp -m nobody/nothing -m "$MIX" --force
	[ "${stderr_lines[-2]}" = "hf-import: stopped at nobody/nothing (use --continue-on-error to go on)" ]
	[ "${stderr_lines[-1]}" = "hf-import: imported 0, skipped 0, failed 1 (1 missing)" ]
}

@test "a line is one id: a malformed one is one message; nothing is made by a failed import" {
	printf 'bad id with spaces\n' > list
	run -1 --separate-stderr imp --file list --force
	[ "$stderr" = "hf-import: bad id with spaces: not a model id (ORG/NAME) or model URL" ]
	run -1 --separate-stderr imp --model 'bad id' --force
	[ "$stderr" = "hf-import: bad id: not a model id (ORG/NAME) or model URL" ]
	run -2 --separate-stderr imp --model $'a/b\nc/d'
	[ "$stderr" = "hf-import: --model takes one model, not lines of them" ]
	[ ! -e models.json ]
	[ "$(find . -name 'models.json*' | wc -l)" -eq 0 ]
}

@test "--file - reads the ids from standard input: hf-list ... | hf-filter --ids | hf-import --file -" {
	run -0 --separate-stderr bash -c "hf-list -q --endpoint '$SERVE_URL' --author Qwen --sort trendingScore --limit 2 |
	    hf-filter --ids | hf-import --endpoint '$SERVE_URL' --file -"
	[ "${stderr_lines[0]}" = "hf-import: imported $Q8 as qwen3-8b into ./models.json (a new file)" ]
	[ "${stderr_lines[1]}" = "hf-import: imported $Q06 as qwen3-0-6b into ./models.json (a new file)" ]
	run -2 --separate-stderr imp --file no-such-list
	[ "$stderr" = "hf-import: cannot read no-such-list" ]
	run -2 --separate-stderr bash -c "printf '# none\n' | hf-import --endpoint '$SERVE_URL' --file -"
	[ "$stderr" = "hf-import: no model named: the list has no id" ]
}

@test "--trending N: the first N text-generation models by trending score, none present, quantized, multimodal or gated past the token" {
	run -0 --separate-stderr imp --trending 3 --dry-run
	[ "${stderr_lines[0]}" = "hf-import: passed over 2 trending models (1 gated, 1 multimodal)" ]
	[ "${stderr_lines[1]}" = "hf-import: would import $Q8 as qwen3-8b into ./models.json" ]
	[ "${stderr_lines[2]}" = "hf-import: would import $Q06 as qwen3-0-6b into ./models.json" ]
	[ "${stderr_lines[3]}" = "hf-import: would import $MIX as mixtral-8x7b-v0-1 into ./models.json" ]
	[ ! -e models.json ]
	# the quantized DeepSeek-V3 is never fetched
	[ "$(stat_of deepseek-ai/DeepSeek-V3)" = "" ]
	run -0 imp --trending 1 --force
	grep -q "\"hf_model_id\": \"$Q8\"" models.json
	HF_TOKEN=granted run -0 --separate-stderr imp --trending 2 --force --multimodal
	[ "${stderr_lines[0]}" = "hf-import: imported $GATED as meta-llama-3-8b into ./models.json (backup ./$(cd . && ls models.json.*.bak))" ]
	[[ "${stderr_lines[1]}" == "hf-import: imported $MM as phi-3-vision-128k-instruct into ./models.json (backup "* ]]
	[ "${stderr_lines[2]}" = "hf-import: imported 2, skipped 0, failed 0" ]
	run -2 --separate-stderr imp --trending 2 -m "$Q8"
	[ "$stderr" = "hf-import: --trending finds the models itself: no --model, --url or --file with it" ]
}

@test "options as argparse takes them; every message is hf-import's; a broken registry is exit 4, untouched" {
	run -0 imp --model="$Q06" --for --dry
	run -0 hf-import -- --url "https://huggingface.co/$Q06" --endpoint="$SERVE_URL" --force
	grep -q "\"hf_model_id\": \"$Q06\"" models.json
	run -2 --separate-stderr imp --modle "$Q8"
	[ "${stderr_lines[0]}" = "hf-import: unknown option --modle; did you mean --model?" ]
	run -2 --separate-stderr imp --trending=0
	[ "$stderr" = "hf-import: --trending takes a whole number from 1 to 10000" ]
	run -2 --separate-stderr imp
	[ "$stderr" = "hf-import: name a model with --model, --url or --file, or ask for --trending N" ]
	printf 'not json' > models.json
	run -4 --separate-stderr imp -m "$Q8" --force
	[[ "$stderr" == "hf-import: ./models.json: "* ]]
	[ "$(cat models.json)" = "not json" ]
	run -3 --separate-stderr hf-import --endpoint http://127.0.0.1:9 -m "$Q8" --models-json other.json
	[[ "$stderr" == "hf-import: $Q8: cannot reach http://127.0.0.1:9"* ]]
	[[ "$stderr" != *"hf-list"* ]]
	[ ! -e other.json ]
	run -2 --separate-stderr hf-import --endpoint ftp://127.0.0.1 -m "$Q8"
	[ "$stderr" = "hf-import: not an http(s) URL: ftp://127.0.0.1" ]
	run -3 --separate-stderr hf-import --endpoint http://127.0.0.1:9 --trending 2 --models-json other.json
	[[ "$stderr" == "hf-import: cannot reach http://127.0.0.1:9"* ]]
}

@test "-h: the usage, each option with its default, the examples; exit 0" {
	run -0 --separate-stderr hf-import -h
	[ "${lines[0]}" = "usage: hf-import (-m|--model ID | -u|--url URL | --file LIST)... [--dry-run]" ]
	[[ "$output" == *$'\n  -m, --model ID '* ]]
	[[ "$output" == *"--models-json FILE"*"(default ./models.json"* ]]
	[[ "$output" == *$'\nexamples:\n  hf-import --model Qwen/Qwen3-8B --dry-run\n'* ]]
	[ -z "$stderr" ]
}

@test "checked before anything is fetched: an empty --endpoint, --params 0, a log that cannot be written, too many trending models" {
	run -2 --separate-stderr hf-import --endpoint '' --model a/b --dry-run
	[ "$stderr" = "hf-import: --endpoint is empty" ]
	run -2 --separate-stderr hf-import --params 0 --model a/b --dry-run
	[ "$stderr" = "hf-import: --params takes a positive number of billions, not 0" ]
	run -4 --separate-stderr hf-import --model a/b --log /nonexistent/dir/log
	[ "$stderr" = "hf-import: cannot write the log /nonexistent/dir/log" ]
	[ ! -e models.json ]
	run -2 --separate-stderr hf-import --trending 1000000000000000000 --dry-run
	[ "$stderr" = "hf-import: --trending takes a whole number from 1 to 10000" ]
}
