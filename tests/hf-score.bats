#!/usr/bin/env bats
# hf-score: aggregates, the relevancy formula (tests/fixtures/hf-report/README.md
# shows the arithmetic), order, pass-through, table.
load helper

M="$FIX/hf-report/models.ndjson"

@test "gap records match the hand-derived golden file byte for byte" {
	run -0 bash -c "hf-filter --unsupported '$M' | hf-score"
	[ "$output" = "$(cat "$FIX/hf-report/gaps.expected.ndjson")" ]
}

@test "-p passes the model records through unchanged, ahead of the gap records" {
	run -0 bash -c "hf-filter --unsupported '$M' | hf-score -p"
	[ "${#lines[@]}" -eq 8 ]
	[ "$(printf '%s\n' "${lines[@]:0:5}")" = "$(hf-filter --unsupported "$M")" ]
	[[ "${lines[5]}" == '{"architecture_id":"AlphaForCausalLM"'* ]]
}

@test "ties: score, then total_models, then architecture_id" {
	printf '%s\n' '{"id":"z/1","downloads":5,"config":{"architectures":["ZedLM"]}}' \
	    '{"id":"y/1","downloads":5,"config":{"architectures":["WyeLM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -0 bash -c "hf-score '$BATS_TEST_TMPDIR/in' | cut -d'\"' -f4"
	[ "$output" = "$(printf 'WyeLM\nZedLM')" ]
}

@test "sample_models: the 10 most downloaded, ties in the order first seen" {
	for i in $(seq 1 12); do printf '{"id":"o/m%d","downloads":%d,"config":{"architectures":["XLM"]}}\n' "$i" $((i % 3)); done > "$BATS_TEST_TMPDIR/in"
	run -0 hf-score "$BATS_TEST_TMPDIR/in"
	[[ "$output" == *'"sample_models":["o/m2","o/m5","o/m8","o/m11","o/m1","o/m4","o/m7","o/m10","o/m3","o/m6"]'* ]]
}

@test "--table prints an aligned table naming the download window" {
	run -0 bash -c "hf-filter --unsupported '$M' | hf-score --table"
	[[ "${lines[0]}" == *"downloads (30d)"* ]]
	[[ "${lines[1]}" =~ ^\ +1\ +AlphaForCausalLM\ +100\.0\ +3\ +999\ +500M$ ]]
	[[ "${lines[3]}" =~ GammaForCausalLM.*\ -$ ]]
	run -0 bash -c "hf-filter --unsupported '$M' | hf-score --table --downloads all"
	[[ "${lines[0]}" == *"downloads (all)"* ]]
}

@test "--downloads all reads downloadsAllTime" {
	printf '%s\n' '{"id":"a/b","downloads":1,"downloadsAllTime":70,"config":{"architectures":["XLM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -0 hf-score --downloads all "$BATS_TEST_TMPDIR/in"
	[[ "$output" == *'"total_downloads":70,'* ]]
}

@test "--estimate-params fills a missing count from the config, within 10%, and marks it" {
	for f in openai-community__gpt2:124439808 meta-llama__Meta-Llama-3-8B:8030261248 \
	    mistralai__Mixtral-8x7B-v0.1:46702792704 mistralai__Mistral-7B-v0.1:7241732096 \
	    Qwen__Qwen3-0.6B:596049920 google-t5__t5-small:60506624; do
		name=${f%%:*} want=${f##*:}
		printf '{"id":"%s","downloads":1,"config":%s}\n' "$name" "$(tr -d '\n' < "$FIX/realconfigs/$name.json")" > "$BATS_TEST_TMPDIR/in"
		run -0 hf-score --estimate-params "$BATS_TEST_TMPDIR/in"
		got=$(printf '%s\n' "$output" | sed 's/.*"min_param_count":\([0-9]*\).*/\1/')
		[[ "$output" == *'"min_param_count_estimated":true'* ]]
		awk -v g="$got" -v w="$want" -v n="$name" 'BEGIN { r = g / w; if (r < 0.9 || r > 1.1) { print n, g, w > "/dev/stderr"; exit 1 } }'
	done
}

@test "bad lines are reported and skipped; bad options exit 2" {
	printf '%s\n' 'nope' '{"id":"a/b","downloads":"7","config":{"architectures":["XLM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-score "$BATS_TEST_TMPDIR/in"
	[[ "$stderr" == *"in:1: not a JSON object"* ]]
	[[ "$stderr" == *"in:2: downloads is not an integer"* ]]
	[[ "$output" == *'"total_downloads":0,'* ]]
	run -2 hf-score -p --table
	run -2 hf-score --downloads week
	run -0 hf-score -h
}
