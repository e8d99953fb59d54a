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

@test "--estimate-params: within 10% of the real totals (tests/fixtures/hf-score/estimates.tsv), marked" {
	E="$FIX/hf-score"
	grep -v '^#' "$E/estimates.tsv" | while IFS='	' read -r name want src; do
		printf '{"id":"%s","architecture":"%s","downloads":1,"config":%s}\n' "$name" "$name" "$(tr -d '\n' < "$E/configs/$name.json")"
	done > "$BATS_TEST_TMPDIR/in"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/in")" -eq 16 ]
	run -0 hf-score --estimate-params "$BATS_TEST_TMPDIR/in"
	[ "$(printf '%s\n' "$output" | grep -c '"min_param_count_estimated":true')" -eq 16 ]
	printf '%s\n' "$output" | sed 's/^{"architecture_id":"\([^"]*\)".*"min_param_count":\([0-9]*\).*/\1 \2/' | sort > "$BATS_TEST_TMPDIR/got"
	grep -v '^#' "$E/estimates.tsv" | cut -f1,2 | tr '\t' ' ' | sort > "$BATS_TEST_TMPDIR/want"
	join "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want" | awk '{ r = $2 / $3; if (r < 0.9 || r > 1.1) { print $1, $2, $3, r; bad = 1 } } END { exit bad }'
	[ "$(join "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want" | wc -l)" -eq 16 ]
	# a count the record has is never replaced by an estimate
	printf '{"id":"k/n","downloads":1,"safetensors":{"total":5},"config":%s}\n' "$(tr -d '\n' < "$E/configs/openai-community__gpt2.json")" |
	    hf-score --estimate-params | grep -q '"min_param_count":5,.*"relevancy_score":[0-9.]*}$'
}

@test "bad lines are reported and skipped; bad options exit 2" {
	printf '%s\n' 'nope' '{"id":"a/b","downloads":"7","config":{"architectures":["XLM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr hf-score "$BATS_TEST_TMPDIR/in"
	[[ "$stderr" == *"in:1: not a JSON object"* ]]
	[[ "$stderr" == *"in:2: downloads is not an integer"* ]]
	[[ "$output" == *'"total_downloads":0,'* ]]
	run -2 hf-score -p --table
	run -2 hf-score --downloads week
}

@test "error records are not models: counted nowhere" {
	printf '%s\n' '{"hf_error":"missing","id":"o/m","message":"o/m: not found"}' \
	    '{"id":"a/b","downloads":7,"config":{"architectures":["XLM"]}}' > "$BATS_TEST_TMPDIR/in"
	run -0 --separate-stderr hf-score "$BATS_TEST_TMPDIR/in"
	[ "${#lines[@]}" -eq 1 ] && [[ "$output" == '{"architecture_id":"XLM","total_models":1,'* ]]
}
