#!/usr/bin/env bats
# hf-list against hf-serve on loopback: listings, named models, faults,
# rate limits, checkpoints, tokens.
load helper

export HF_LIST_BACKOFF_MS=20

teardown() { stop_serve; [ -z "${SERVE2_PID:-}" ] || { kill "$SERVE2_PID"; wait "$SERVE2_PID" || true; }; }

# expected_ids TAG: the snapshot's models with TAG, downloads order.
expected_ids() { by_downloads "\"tags\":\\[[^]]*\"$1\""; }

# wait_for CMD: poll CMD (through eval) every 50 ms, at most 10 s.
wait_for() {
	local i
	for ((i = 0; i < 200; i++)); do eval "$1" && return 0; sleep 0.05; done
	echo "timed out waiting for: $1" >&2
	return 1
}

@test "a full listing is the snapshot filtered and sorted: same ids, same order, each once" {
	start_serve "$SNAP"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --page-size 500
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out"
	ids "$BATS_TEST_TMPDIR/out" > "$BATS_TEST_TMPDIR/got"
	expected_ids text-generation > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
	[ "$(stat_of list)" -eq "$(( ($(wc -l < "$BATS_TEST_TMPDIR/want") + 499) / 500 ))" ]
	[[ "$stderr" == *"models, 6 pages, 6 requests, 0 retries"* ]]
}

@test "records are the server's objects byte for byte, one per line" {
	start_serve "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --limit 50 > "$BATS_TEST_TMPDIR/a"
	{ curl -sS "$SERVE_URL/api/models?filter=text-generation&sort=downloads&limit=50&expand=author&expand=downloads&expand=downloadsAllTime&expand=likes&expand=tags&expand=pipeline_tag&expand=library_name&expand=gated&expand=createdAt&expand=lastModified&expand=config&expand=safetensors" |
	    sed 's/^\[//; s/\]$//; s/},{"_id"/}\n{"_id"/g'; echo; } > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}

@test "--limit, --min-downloads, --task text2text-generation" {
	start_serve "$SNAP"
	run -0 bash -c "hf-list -q --endpoint '$SERVE_URL' --task text-generation --limit 7 --page-size 3 | wc -l"
	[ "$output" -eq 7 ]
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --limit 0
	[ -z "$output" ]
	[[ "$stderr" == *"0 models, 0 pages, 0 requests"* ]]
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --min-downloads 500 > "$BATS_TEST_TMPDIR/m"
	want=$(expected_ids text-generation | head -n "$(grep '"tags":\[[^]]*"text-generation"' "$SNAP" | grep -o '"downloads":[0-9]*' | cut -d: -f2 | awk '$1 >= 500' | wc -l)")
	[ "$(ids "$BATS_TEST_TMPDIR/m")" = "$want" ]
	[ -z "$(grep -o '"downloads":[0-9]*' "$BATS_TEST_TMPDIR/m" | cut -d: -f2 | awk '$1 < 500')" ]
	hf-list -q --endpoint "$SERVE_URL" --task text2text-generation > "$BATS_TEST_TMPDIR/t"
	[ "$(ids "$BATS_TEST_TMPDIR/t")" = "$(expected_ids text2text-generation)" ]
	grep -q '"id":"[^"]*/t5-' "$BATS_TEST_TMPDIR/t"
}

@test "--author repeated: one listing per author, in the order given" {
	start_serve "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --author Qwen --author google --page-size 50 > "$BATS_TEST_TMPDIR/d"
	[ "$(ids "$BATS_TEST_TMPDIR/d")" = "$(by_downloads '"author":"Qwen"'; by_downloads '"author":"google"')" ]
	hf-list -q --endpoint "$SERVE_URL" --author google --author Qwen --sort none > "$BATS_TEST_TMPDIR/a"
	run -0 ids "$BATS_TEST_TMPDIR/a"
	first_qwen=$(printf '%s\n' "$output" | grep -n '^Qwen/' | head -n 1 | cut -d: -f1)
	last_google=$(printf '%s\n' "$output" | grep -n '^google/' | tail -n 1 | cut -d: -f1)
	[ "$last_google" -lt "$first_qwen" ]
	[ "${#lines[@]}" -eq "$(grep -c '"author":"\(google\|Qwen\)"' "$SNAP")" ]
}

@test "faults alone and mixed give output identical to a fault-free run" {
	start_serve "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 > "$BATS_TEST_TMPDIR/clean"
	stop_serve
	for flags in "--fail-rate 0.3" "--reset-rate 0.3" "--truncate-rate 0.3" "--garbage-rate 0.3" \
	    "--fail-rate 0.1 --reset-rate 0.05 --truncate-rate 0.05 --garbage-rate 0.05"; do
		# shellcheck disable=SC2086
		start_serve $flags --seed 11 "$SNAP"
		hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 > "$BATS_TEST_TMPDIR/faulty"
		cmp "$BATS_TEST_TMPDIR/clean" "$BATS_TEST_TMPDIR/faulty"
		run -0 curl -sS "$SERVE_URL/_stats"
		[[ "$output" =~ \"(50[0234]|reset|truncate|garbage)\":[1-9] ]]
		stop_serve
	done
}

@test "retries are shown on stderr; after 10 attempts the exit is 3 with how to resume" {
	start_serve --fail-rate 1 "$SNAP"
	run -3 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"page 1: HTTP 50"*"attempt 2 of 10 in "* ]]
	[[ "$stderr" == *"giving up after 10 attempts"* ]]
	[[ "$stderr" == *"run the same command again to resume"* ]]
	[ "$(stat_of list)" -eq 10 ]
}

@test "a 429 is honoured: the wait is at least Retry-After, and there is no second 429" {
	start_serve --rate-limit 2/4 "$SNAP"
	# use up the window: request until the server answers 429 with at
	# least 2 s of the window left, so hf-list starts inside it
	ra=0
	for i in $(seq 400); do
		code=$(curl -sS -o /dev/null -D "$BATS_TEST_TMPDIR/h" -w '%{http_code}' "$SERVE_URL/api/models?limit=1")
		[ "$code" = 429 ] || continue
		ra=$(tr -d '\r' < "$BATS_TEST_TMPDIR/h" | sed -n 's/^[Rr]etry-[Aa]fter: *//p')
		[ "$ra" -ge 2 ] && break
	done
	[ "$code" = 429 ]
	[ "$ra" -ge 2 ]
	before=$(stat_of 429)
	t0=$(date +%s)
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --limit 5
	t1=$(date +%s)
	[ "${#lines[@]}" -eq 5 ]
	# the client's wait is the server's Retry-After (same window: at most ra)
	wait_s=$(printf '%s\n' "$stderr" | sed -n 's/.*page 1: HTTP 429; attempt 2 of 10 in \([0-9.]*\) s$/\1/p')
	[ -n "$wait_s" ]
	awk -v w="$wait_s" -v ra="$ra" 'BEGIN { exit !(w >= 1 && w <= ra) }'
	# measured with date +%s (whole seconds): at least the wait, less one tick
	[ $((t1 - t0)) -ge $(( ${wait_s%.*} - 1 )) ]
	# one 429 for hf-list: it did not knock again before the window reset
	[ "$(stat_of 429)" -eq $((before + 1)) ]
}

@test "the pacer keeps a run under the announced policy without any 429" {
	start_serve --rate-limit 4/1 "$SNAP"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --page-size 300
	[ "${#lines[@]}" -eq "$(expected_ids text-generation | wc -l)" ]
	[ "$(stat_of 429)" -eq 0 ]
	[[ "$stderr" == *"waiting"* ]]
}

@test "kill -9 in flight, during a retry wait, after a torn write and at random points; resuming gives a byte-identical file" {
	start_serve "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 > "$BATS_TEST_TMPDIR/want"
	stop_serve
	start_serve --latency 100 --fail-rate 0.2 --seed 5 "$SNAP"
	out="$BATS_TEST_TMPDIR/out" ck="$BATS_TEST_TMPDIR/ck" err="$BATS_TEST_TMPDIR/err"
	args=(--endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$out" --checkpoint "$ck")
	# 1. while a page is in flight: two pages are checkpointed, the third is on its way
	hf-list -q "${args[@]}" 3>&- &
	pid=$!
	wait_for 'grep -q "^listing 0 todo [0-9]* [2-9]" "$ck" 2>/dev/null'
	kill -9 "$pid"; wait "$pid" || true
	grep -q '^listing 0 todo .* http://127.0.0.1:' "$ck"
	# 2. a torn write: a page half on disk when the process died
	printf '{"_id":"600000010000000000000001","id":"torn' >> "$out"
	# 3. during a retry wait: a 5 s backoff has just been announced
	HF_LIST_BACKOFF_MS=5000 hf-list "${args[@]}" 2> "$err" 3>&- &
	pid=$!
	wait_for 'grep -q "attempt 2 of 10 in" "$err"'
	kill -9 "$pid"; wait "$pid" || true
	grep -q "resuming after [1-9][0-9]* models" "$err"
	# 4. at random points of a run
	for delay in 0.3 0.7 0.5; do
		hf-list -q "${args[@]}" 3>&- &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	hf-list -q "${args[@]}"
	cmp "$out" "$BATS_TEST_TMPDIR/want"
	[ ! -e "$ck" ]
}

@test "SIGTERM stops after the current line with a valid checkpoint" {
	start_serve --latency 50 "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck" 3>&- &
	pid=$!
	for i in $(seq 100); do [ -s "$BATS_TEST_TMPDIR/ck" ] && break; sleep 0.05; done
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 143 ]
	grep -q '^output 0 [1-9]' "$BATS_TEST_TMPDIR/ck"
	[ "$(tail -c 1 "$BATS_TEST_TMPDIR/o" | od -An -c | tr -d ' ')" = '\n' ]
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[ "$(ids "$BATS_TEST_TMPDIR/o")" = "$(expected_ids text-generation)" ]
}

@test "a checkpoint of another query is refused" {
	start_serve "$SNAP"
	printf 'hf-list checkpoint 2\nquery 0000000000000001\noutputs 1\noutput 0 0\nlistings 1\nlisting 0 todo 0 0 -1 %s/api/models\n' "$SERVE_URL" > "$BATS_TEST_TMPDIR/ck"
	run -2 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"is the checkpoint of another query"* ]]
	echo garbage > "$BATS_TEST_TMPDIR/ck"
	run -4 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"not an hf-list checkpoint"* ]]
}

@test "the token goes to the endpoint only: not after a cross-host redirect, never in output, logs or ps" {
	start_serve --token hf_secret_token_123 "$SNAP"
	SERVE2_URL=$SERVE_URL SERVE2_PID=$SERVE_PID
	port2=${SERVE2_URL##*:}
	SERVE_PID=
	start_serve --token hf_secret_token_123 --redirect-to "http://localhost:$port2" "$SNAP"
	export HF_TOKEN=hf_secret_token_123
	hf-list --endpoint "$SERVE_URL" --task text-generation --limit 20 -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck" 2> "$BATS_TEST_TMPDIR/err"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/o")" -eq 20 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"auth_seen":{"list":true'* ]]
	run -0 curl -sS "$SERVE2_URL/_stats"
	[[ "$output" == *'"auth_seen":{"list":false'* ]]
	[[ "$output" == *'"requests":{"list":1,'* ]]
	run ! grep -q hf_secret "$BATS_TEST_TMPDIR/o" "$BATS_TEST_TMPDIR/err"
	stop_serve
	start_serve --token hf_secret_token_123 --latency 200 "$SNAP"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 10 -o "$BATS_TEST_TMPDIR/o2" --checkpoint "$BATS_TEST_TMPDIR/ck2" 3>&- &
	pid=$!
	for i in $(seq 100); do [ -s "$BATS_TEST_TMPDIR/ck2" ] && break; sleep 0.05; done
	# hf-list's own command line (hf-serve's holds the token it grants).
	ps -eo args | grep -q '^[^ ]*hf-list '
	run ! sh -c 'ps -eo args | grep "^[^ ]*hf-list " | grep -q hf_secret'
	run ! grep -q hf_secret "$BATS_TEST_TMPDIR/ck2"
	kill "$pid"; wait "$pid" || true
}

@test "the token file under HF_HOME is used when HF_TOKEN is unset; a refused token is explained" {
	start_serve --grant from_file "$SNAP"
	mkdir -p "$HF_HOME"; printf 'from_file\n' > "$HF_HOME/token"
	run -0 hf-list -q --endpoint "$SERVE_URL" --limit 1 --task text-generation
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"auth_seen":{"list":true'* ]]
	id=$(head -n 1 "$SNAP" | cut -d'"' -f8)
	HF_TOKEN=wrong run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --model "$id"
	[ "$stderr" = "hf-list: $id: the Hub refused the token; check HF_TOKEN or the token file" ]
}

@test "hf-list | head -1 exits 0 quietly and stops requesting pages" {
	start_serve "$SNAP"
	run -0 --separate-stderr bash -c "set -o pipefail; hf-list -q --endpoint '$SERVE_URL' --task text-generation --page-size 20 | head -n 1"
	[ "${#lines[@]}" -eq 1 ]
	[ -z "$stderr" ]
	# of 138 pages: what the 64 KiB pipe holds before head reads (a page
	# is about 11 KB, so seven at most), and the one whose write failed
	[ "$(stat_of list)" -le 10 ]
}

@test "named models: ids, URL forms, a file with comments; one line per failure, the others still run" {
	start_serve --aliases "$FIX/hub-small.aliases" "$SNAP"
	a=$(sed -n 1p "$SNAP" | cut -d'"' -f8) b=$(sed -n 2p "$SNAP" | cut -d'"' -f8) c=$(sed -n 3p "$SNAP" | cut -d'"' -f8)
	old=$(head -n 1 "$FIX/hub-small.aliases" | cut -f1) new=$(head -n 1 "$FIX/hub-small.aliases" | cut -f2)
	printf '# models\n\n%s  # the third\n' "$c" > "$BATS_TEST_TMPDIR/list"
	run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --model "$a" --url "https://huggingface.co/$b/tree/main" \
	    --model nobody/nothing --model 'bad id' --models-from "$BATS_TEST_TMPDIR/list" --url "https://huggingface.co/$old/blob/main/config.json"
	[ "$(printf '%s\n' "$output" | ids)" = "$(printf '%s\n' "$a" "$b" "$c" "$new")" ]
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 2
	[[ "$stderr" == *"nobody/nothing: not found, or private: check the id, or set HF_TOKEN"* ]]
	[[ "$stderr" == *"bad id: not a model id (ORG/NAME) or model URL"* ]]
	[ "$(stat_of resolve)" -eq 0 ]
}

@test "--error-records: each failure is an error record in its place, with its reason word; nothing on stderr" {
	start_serve --token plain "$SNAP"
	a=$(sed -n 1p "$SNAP" | cut -d'"' -f8) g=$(grep -m1 '"gated":"' "$SNAP" | cut -d'"' -f8)
	run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --error-records --fetch-config \
	    --model nobody/nothing --model "$a" --model 'bad id' --model "$g"
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = '{"hf_error":"missing","id":"nobody/nothing","message":"nobody/nothing: not found, or private: check the id, or set HF_TOKEN"}' ]
	[[ "${lines[1]}" == '{"_id":"'*"\"id\":\"$a\""* ]]
	[ "${lines[2]}" = '{"hf_error":"malformed","id":"bad id","message":"bad id: not a model id (ORG/NAME) or model URL"}' ]
	[ "${lines[3]}" = "{\"hf_error\":\"gated\",\"id\":\"$g\",\"message\":\"$g: gated model; log in: set HF_TOKEN to a token with access\"}" ]
	HF_TOKEN=bad run -1 hf-list -q --endpoint "$SERVE_URL" --error-records --model "$a"
	[[ "$output" == '{"hf_error":"token","id":"'"$a"'",'* ]]
	run -2 --separate-stderr hf-list --endpoint "$SERVE_URL" --error-records --task text-generation
	[[ "$stderr" == "hf-list: --fetch-config, --error-records and --suggest go with --model, --url or --models-from"* ]]
}

@test "--suggest: a missing model costs one search request, whose ids end its line and go in its record" {
	start_serve "$SNAP"
	a=$(sed -n 2p "$SNAP" | cut -d'"' -f8)  # user2518/gpt2-3B-dpo-2
	typo=${a%-2}
	run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --suggest --model "$typo" --model nobody/nothing
	# only the ids near the one asked for: an edit or two, or another case
	[[ "${stderr_lines[0]}" == "hf-list: $typo: not found, or private: check the id, or set HF_TOKEN; did you mean $a"*"?" ]]
	[ "${stderr_lines[1]}" = "hf-list: nobody/nothing: not found, or private: check the id, or set HF_TOKEN" ]
	[ "$(stat_of list)" -eq 2 ] && [ "$(stat_of model)" -eq 2 ]
	run -1 hf-list -q --endpoint "$SERVE_URL" --suggest --error-records --model "$typo"
	[[ "$output" == *"\"suggestions\":[\"$a\""* ]]
	run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --suggest --model nosuch/x
	[ "$stderr" = "hf-list: nosuch/x: not found, or private: check the id, or set HF_TOKEN" ]
	run -0 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --suggest --model "$a"
	[ "$(stat_of list)" -eq 4 ]
}

@test "--models-from an empty list fetches nothing and lists nothing" {
	start_serve "$SNAP"
	printf '# nothing yet\n\n' > "$BATS_TEST_TMPDIR/none"
	run -0 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --models-from "$BATS_TEST_TMPDIR/none"
	[ -z "$output" ] && [ -z "$stderr" ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"requests":{"list":0,"model":0,'* ]]
	run -0 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --models-from - < /dev/null
	[ -z "$output" ]
}

@test "--fetch-config puts the whole config in the record: one download; gated models explained" {
	start_serve --token plain --grant granted "$SNAP"
	id=$(grep '"gated":false' "$SNAP" | grep -m1 '"hidden_size"' | cut -d'"' -f8)
	run -0 hf-list -q --endpoint "$SERVE_URL" --fetch-config --model "$id"
	[[ "$output" == *'"hidden_size":'* ]]
	[ "$(printf '%s\n' "$output" | grep -o '"config":' | wc -l)" -eq 1 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *"\"downloads\":{\"$id\":1}"* ]]
	g=$(grep '"gated":"' "$SNAP" | grep -m1 '"hidden_size"' | cut -d'"' -f8)
	run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --fetch-config --model "$g"
	[ "$stderr" = "hf-list: $g: gated model; log in: set HF_TOKEN to a token with access" ]
	HF_TOKEN=plain run -1 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --fetch-config --model "$g"
	[ "$stderr" = "hf-list: $g: gated model; your token has no access: request it at https://huggingface.co/$g" ]
	HF_TOKEN=granted run -0 hf-list -q --endpoint "$SERVE_URL" --fetch-config --model "$g"
}

@test "usage errors: plain http off loopback, --checkpoint without -o, --min-downloads without downloads order" {
	run -2 --separate-stderr hf-list --endpoint http://example.com --limit 1
	[[ "$stderr" == *"refusing plain http to example.com"* ]]
	run -2 hf-list --checkpoint x
	run -2 hf-list --min-downloads 5 --sort likes
	run -2 hf-list --sort sideways
	run -2 --separate-stderr hf-list --min-downloads 5 --expand likes
	[[ "$stderr" == *"--min-downloads needs --expand downloads"* ]]
	run -2 hf-list --min-downloads 5 --sort created_at
	run -2 hf-list --page-size 5000
}

@test "SIGINT during a slow page ends the transfer at once: status 130, a valid checkpoint" {
	start_serve --latency 3000 "$SNAP"
	o="$BATS_TEST_TMPDIR/o" ck="$BATS_TEST_TMPDIR/ck"
	hf-list --endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$o" --checkpoint "$ck" 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	wait_for '[ -s "$ck" ]'
	# the second page has been asked for: its 3 s are running
	wait_for 'curl -sS "$SERVE_URL/_stats" | grep -q "\"list\":2,"'
	t0=$(date +%s%N)
	kill -INT "$pid"
	st=0
	wait "$pid" || st=$?
	t1=$(date +%s%N)
	[ "$st" -eq 130 ]
	# not the rest of the 3 s page
	[ $(( (t1 - t0) / 1000000 )) -lt 2500 ]
	grep -q "interrupted after 100 models; run the same command again to resume" "$BATS_TEST_TMPDIR/err"
	grep -q '^output 0 [1-9]' "$ck"
	[ "$(wc -c < "$o")" -eq "$(sed -n 's/^output 0 //p' "$ck")" ]
}

@test "a resumed output shorter than its checkpoint is refused, not padded" {
	start_serve --latency 100 "$SNAP"
	o="$BATS_TEST_TMPDIR/o" ck="$BATS_TEST_TMPDIR/ck"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$o" --checkpoint "$ck" 3>&- &
	pid=$!
	wait_for '[ -s "$ck" ]'
	kill -TERM "$pid"; wait "$pid" || true
	printf 'short\n' > "$o"
	run -4 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$o" --checkpoint "$ck"
	[[ "$stderr" == *"is shorter (6 bytes) than"*"remove the checkpoint to start over"* ]]
	[ "$(cat "$o")" = short ]
}

@test "--pipeline-tag, --search, --gated, --no-gated, --num-parameters go to the Hub as its parameters" {
	start_serve "$SNAP"
	l() { hf-list -q --endpoint "$SERVE_URL" "$@"; }
	l --pipeline-tag text2text-generation > "$BATS_TEST_TMPDIR/p"
	[ "$(ids "$BATS_TEST_TMPDIR/p")" = "$(by_downloads '"pipeline_tag":"text2text-generation"')" ]
	l --search T5 > "$BATS_TEST_TMPDIR/s"
	[ "$(ids "$BATS_TEST_TMPDIR/s")" = "$(by_downloads '^\{"_id":"[^"]*","id":"[^"]*[tT]5')" ]
	[ -s "$BATS_TEST_TMPDIR/s" ]
	l --gated > "$BATS_TEST_TMPDIR/g"
	[ "$(ids "$BATS_TEST_TMPDIR/g")" = "$(by_downloads '"gated":"')" ]
	l --no-gated > "$BATS_TEST_TMPDIR/n"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/n")" -eq "$(grep -c '"gated":false' "$SNAP")" ]
	l --sort last_modified --limit 40 > "$BATS_TEST_TMPDIR/lm1"
	l --sort lastModified --limit 40 > "$BATS_TEST_TMPDIR/lm2"
	cmp "$BATS_TEST_TMPDIR/lm1" "$BATS_TEST_TMPDIR/lm2"
	[ "$(grep -o '"lastModified":"[^"]*"' "$BATS_TEST_TMPDIR/lm1")" = "$(grep -o '"lastModified":"[^"]*"' "$SNAP" | sort -r | head -n 40)" ]
	l --num-parameters min:7B > "$BATS_TEST_TMPDIR/b"
	[ -s "$BATS_TEST_TMPDIR/b" ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/b")" -eq "$(grep -o '"safetensors":{[^}]*},"total":[0-9]*' "$SNAP" | awk -F'"total":' '$2 >= 7000000000' | wc -l)" ]
}

@test "progress: a line every 10 pages off a terminal, one summary line, nothing with -q" {
	start_serve "$SNAP"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --page-size 100
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ "${stderr_lines[0]}" =~ ^hf-list:\ 10\ pages,\ 1000\ models,\ [0-9]+\ models/s,\ 0\ retries,\ [0-9]+\ s$ ]]
	[[ "${stderr_lines[1]}" == "hf-list: 20 pages, 2000 models, "* ]]
	[[ "${stderr_lines[2]}" =~ ^hf-list:\ 2753\ models,\ 28\ pages,\ 28\ requests,\ 0\ retries,\ [0-9.]+\ MB,\ [0-9.]+\ s$ ]]
	run -0 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 100
	[ -z "$stderr" ]
}

@test "tokens: the legacy variable and HF_TOKEN_PATH are read; a token that cannot be a header is refused without being shown" {
	start_serve --grant tok_legacy --grant tok_path "$SNAP"
	HUGGING_FACE_HUB_TOKEN=tok_legacy run -0 hf-list -q --endpoint "$SERVE_URL" --task text-generation --limit 1
	[[ "$(curl -sS "$SERVE_URL/_stats")" == *'"auth_seen":{"list":true'* ]]
	printf '  tok_path\r\n' > "$BATS_TEST_TMPDIR/tok"
	HF_TOKEN_PATH="$BATS_TEST_TMPDIR/tok" run -0 hf-list -q --endpoint "$SERVE_URL" --model "$(head -n 1 "$SNAP" | cut -d'"' -f8)"
	[[ "$(curl -sS "$SERVE_URL/_stats")" == *'"model":true'* ]]
	HF_TOKEN='   ' HUGGING_FACE_HUB_TOKEN=tok_legacy run -0 hf-list -q --endpoint "$SERVE_URL" --task text-generation --limit 1
	HF_TOKEN=$'hf_bad\r\nX-Injected: 1' run -2 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --limit 1
	[ "$stderr" = "hf-list: the token from HF_TOKEN contains white space or control characters" ]
	HF_HUB_DISABLE_IMPLICIT_TOKEN=1 HF_TOKEN=hf_secret run -0 hf-list -q --endpoint "$SERVE_URL" --limit 1
	HF_HUB_OFFLINE=1 run -3 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --limit 1
	[[ "$stderr" == *"HF_HUB_OFFLINE is set"* ]]
}

@test "unsafe endpoints and mixed modes are usage errors" {
	run -2 --separate-stderr hf-list --endpoint http://127.example.com --limit 1
	[[ "$stderr" == *"refusing plain http to 127.example.com"* ]]
	run -2 --separate-stderr hf-list --endpoint http://localhost.example.com --limit 1
	[[ "$stderr" == *"refusing plain http"* ]]
	run -2 --separate-stderr hf-list --endpoint 'http://user:pw@127.0.0.1:1' --limit 1
	[[ "$stderr" == *"must not contain a user name or password"* ]]
	[[ "$stderr" != *pw* ]]
	run -2 --separate-stderr hf-list --endpoint ftp://127.0.0.1 --limit 1
	run -2 --separate-stderr hf-list --model a/b -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"--checkpoint goes with listings"* ]]
	run -2 --separate-stderr hf-list --model a/b --task text-generation
	[[ "$stderr" == *"listing options do not go with"* ]]
	run -2 --separate-stderr hf-list -o /dev/null --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"--checkpoint needs a regular file"* ]]
	run -2 --separate-stderr hf-list --model a/b --sort likes
	[[ "$stderr" == *"listing options do not go with"* ]]
	run -2 --separate-stderr hf-list --model a/b --page-size 3
	[[ "$stderr" == *"listing options do not go with"* ]]
	touch "$BATS_TEST_TMPDIR/same"
	ln "$BATS_TEST_TMPDIR/same" "$BATS_TEST_TMPDIR/link"
	for ck in "$BATS_TEST_TMPDIR/same" "$BATS_TEST_TMPDIR/link"; do
		run -2 --separate-stderr hf-list --limit 1 -o "$BATS_TEST_TMPDIR/same" --checkpoint "$ck"
		[[ "$stderr" == *"-o and --checkpoint name the same file"* ]]
	done
	[ -e "$BATS_TEST_TMPDIR/same" ]
}

@test "no plain http off loopback or other scheme through a redirect; errors that retrying cannot mend end at once" {
	start_serve --redirect-to http://10.255.255.1:9 "$SNAP"
	run -3 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --limit 1
	[[ "$stderr" == *"refusing plain http to 10.255.255.1 (not loopback); use https or --allow-http"* ]]
	stop_serve
	start_serve --redirect-to file:// "$SNAP"
	run -3 --separate-stderr hf-list -q --endpoint "$SERVE_URL" --limit 1
	[[ "$stderr" == *"not an http(s) URL: file:///api/models"* ]]
	stop_serve
	start_serve "$SNAP"
	# TLS to a plain HTTP server: one attempt, no retry schedule
	run -3 --separate-stderr hf-list --endpoint "https://${SERVE_URL#http://}" --limit 1
	[[ "$stderr" != *"attempt 2 of"* ]]
	[ "${#lines[@]}" -eq 0 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"requests":{"list":0,'* ]]
}

@test "progress on a terminal: one live line redrawn in place, then the summary" {
	command -v script > /dev/null || skip "script(1) is not installed"
	start_serve "$SNAP"
	script -qc "hf-list --endpoint '$SERVE_URL' --task text-generation --page-size 1000 -o '$BATS_TEST_TMPDIR/o'" /dev/null > "$BATS_TEST_TMPDIR/tty"
	grep -q $'\rhf-list: 3 pages, 2753 models, [0-9]* models/s, 0 retries, [0-9]* s\e\\[K' "$BATS_TEST_TMPDIR/tty"
	grep -q $'\r\e\\[Khf-list: 2753 models, 3 pages, 3 requests, 0 retries, ' "$BATS_TEST_TMPDIR/tty"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/o")" -eq 2753 ]
}

# listings FILE: a main scan and a sweep of three organisations, into
# $BATS_TEST_TMPDIR/main and .../sweep.
listings() {
	local d="$BATS_TEST_TMPDIR"
	cat > "$1" <<-EOF
	# the main scan, then the sweep
	--task text-generation --min-downloads 500 --label main -o $d/main
	--author google --sort none --label sweep -o $d/sweep   # a comment
	--author Qwen --sort=none --label sweep -o $d/sweep

	--author meta-llama --sort none --label sweep -o $d/sweep
	EOF
}

@test "--listings: one query a line, each output in listing order; -j 8 writes what -j 1 writes and what one run per listing writes" {
	start_serve --latency 20 "$SNAP"
	d="$BATS_TEST_TMPDIR"
	listings "$d/L"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --listings "$d/L" -j 1 --page-size 50
	[[ "${stderr_lines[-1]}" =~ ^hf-list:\ [0-9]+\ models,\ ([0-9]+)\ pages,\ ([0-9]+)\ requests, ]]
	[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
	mv "$d/main" "$d/main.1"; mv "$d/sweep" "$d/sweep.1"
	hf-list -q --endpoint "$SERVE_URL" --listings "$d/L" -j 8 --page-size 50
	cmp "$d/main" "$d/main.1"
	cmp "$d/sweep" "$d/sweep.1"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --min-downloads 500 --page-size 50 | cmp - "$d/main"
	for a in google Qwen meta-llama; do
		hf-list -q --endpoint "$SERVE_URL" --author "$a" --sort none --page-size 50
	done | cmp - "$d/sweep"
	[ -s "$d/sweep" ]
	# repeated --author on the command line: the same concatenation
	hf-list -q --endpoint "$SERVE_URL" --author google --author Qwen --author meta-llama --sort none -j 3 --page-size 50 | cmp - "$d/sweep"
}

@test "keep-alive: a listing's pages come over one connection, -j 4 listings over at most four" {
	start_serve --latency 20 "$SNAP"
	d="$BATS_TEST_TMPDIR"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --page-size 200
	[[ "${stderr_lines[-1]}" == *" 14 requests, "* ]]
	run -0 curl -sS "$SERVE_URL/_stats?connections"
	[ "$output" = 2 ] # hf-list's one, and this one
	listings "$d/L"
	hf-list -q --endpoint "$SERVE_URL" --listings "$d/L" -j 4 --page-size 50
	run -0 curl -sS "$SERVE_URL/_stats?connections"
	[ "$output" -le 7 ] # and the two curls
}

@test "--tee: the -o file also on standard output as it is written; a resumed run's standard output is the whole file again" {
	start_serve --latency 20 "$SNAP"
	d="$BATS_TEST_TMPDIR"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 -o "$d/clean"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 -o "$d/o" --tee > "$d/copy"
	cmp "$d/copy" "$d/clean"
	rm -f "$d/o"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 -o "$d/o" \
	    --checkpoint "$d/ck" --tee > "$d/copy1" 3>&- &
	pid=$!
	for i in $(seq 200); do [ -s "$d/copy1" ] && [ -e "$d/ck" ] && break; sleep 0.05; done
	kill -9 "$pid"
	wait "$pid" || true
	[ -e "$d/ck" ]
	# stopped part way: a prefix of the listing
	[ "$(wc -c < "$d/copy1")" -lt "$(wc -c < "$d/clean")" ]
	head -c "$(wc -c < "$d/copy1")" "$d/clean" | cmp - "$d/copy1"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 -o "$d/o" \
	    --checkpoint "$d/ck" --tee > "$d/copy2"
	cmp "$d/o" "$d/clean"
	cmp "$d/copy2" "$d/clean"
	# the sweep's listings share an output: its copy is in listing order
	listings "$d/L"
	sed -i 's|-o '"$d"'/sweep$|& --tee|; s|-o '"$d"'/sweep |&--tee |' "$d/L"
	hf-list -q --endpoint "$SERVE_URL" --listings "$d/L" -j 4 --page-size 50 > "$d/sweep.copy"
	cmp "$d/sweep.copy" "$d/sweep"
	[ -s "$d/sweep" ]
}

@test "--tee-fd N: a second output's copy on descriptor N, ended as soon as that output is complete, while the rest goes on" {
	start_serve --latency 150 "$SNAP"
	d="$BATS_TEST_TMPDIR"
	printf -- '--task text-generation -o %s/main --tee\n--author google --sort none -o %s/sweep --tee-fd 3\n' "$d" "$d" > "$d/L"
	mkfifo "$d/fifo"
	# the reader of descriptor 3 notes how much of the main scan was in
	# when its copy ended
	( cat < "$d/fifo" > "$d/sweep.copy"; wc -c < "$d/main.copy" > "$d/main-at-eof" ) 3>&- &
	reader=$!
	hf-list -q --endpoint "$SERVE_URL" --listings "$d/L" -j 2 --page-size 200 3> "$d/fifo" > "$d/main.copy"
	wait "$reader"
	cmp "$d/main.copy" "$d/main"
	cmp "$d/sweep.copy" "$d/sweep"
	[ -s "$d/sweep" ]
	# 14 pages of the main scan, 150 ms each; the sweep's copy ended early
	[ "$(cat "$d/main-at-eof")" -lt "$(($(wc -c < "$d/main") / 2))" ]
}

@test "--tee: one output at most, a file, and nothing else on standard output" {
	run -2 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --task text-generation --tee
	[ "$stderr" = "hf-list: --tee needs -o FILE" ]
	printf -- '--task text-generation -o %s/a --tee\n--author google -o %s/b --tee\n' "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: --tee goes with one output a descriptor; 1 has two" ]
	printf -- '--task text-generation -o %s/a --tee\n--author google -o %s/b --tee-fd 200\n' "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: --tee-fd 200: not an open descriptor" ]
	for fd in 0 2 x 1024; do
		run -2 --separate-stderr hf-list --endpoint http://127.0.0.1:9 -o "$BATS_TEST_TMPDIR/a" --tee-fd "$fd"
		[[ "$stderr" == "hf-list: --tee-fd "* ]]
	done
	printf -- '--task text-generation -o %s/a --tee\n--author google\n' "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: --tee and a listing without -o would both write standard output" ]
}

@test "--listings: bad lines are usage errors naming FILE:LINE; listing options go in the file" {
	printf -- '--author a\n--sort sideways\n' > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: $BATS_TEST_TMPDIR/L:2: --sort takes downloads, likes, lastModified, createdAt, trendingScore or none" ]
	printf -- '--author a --checkpoint x\n' > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: $BATS_TEST_TMPDIR/L:1: --checkpoint is not a listing option" ]
	printf -- '--author\n' > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L"
	[ "$stderr" = "hf-list: $BATS_TEST_TMPDIR/L:1: --author needs a value" ]
	printf '# nothing\n\n' > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L"
	[[ "$stderr" == *"no listings in it"* ]]
	printf -- '--author a\n' > "$BATS_TEST_TMPDIR/L"
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L" --task text-generation
	[[ "$stderr" == *"with --listings, the listing options go in its lines"* ]]
	run -2 --separate-stderr hf-list --listings "$BATS_TEST_TMPDIR/L" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"--checkpoint needs every listing's records in a file"* ]]
	run -2 --separate-stderr hf-list -j 0 --task x
	[ "$stderr" = "hf-list: --jobs takes a whole number from 1 to 64" ]
}

@test "--listings with -j 4: kill -9 at ten points over main scan and sweep; resuming gives byte-identical outputs" {
	start_serve "$SNAP"
	d="$BATS_TEST_TMPDIR"
	listings "$d/L"
	hf-list -q --endpoint "$SERVE_URL" --listings "$d/L" --page-size 50 -j 1
	mv "$d/main" "$d/main.want"; mv "$d/sweep" "$d/sweep.want"
	stop_serve
	start_serve --latency 40 --fail-rate 0.1 --seed 11 "$SNAP"
	args=(--endpoint "$SERVE_URL" --listings "$d/L" --page-size 50 -j 4 --checkpoint "$d/ck")
	# kill points by progress: after 1, 2, ... 10 pages of the whole run
	# (counted over every listing of the checkpoint)
	for k in 1 2 3 4 5 6 7 8 9 10; do
		hf-list "${args[@]}" 2>> "$d/err" 3>&- &
		pid=$!
		wait_for "[ \"\$(awk '/^listing /{ p += \$5 } END { print p + 0 }' '$d/ck' 2>/dev/null)\" -ge $k ] || ! kill -0 $pid 2>/dev/null"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	grep -q "resuming after [1-9][0-9]* models" "$d/err"
	hf-list -q "${args[@]}"
	cmp "$d/main" "$d/main.want"
	cmp "$d/sweep" "$d/sweep.want"
	[ ! -e "$d/ck" ]
	[ -z "$(find "$d" -name 'ck.*.spool')" ]
}

@test "a listing the Hub refuses leaves the others running; exit 3 names it; the same command retries only it" {
	start_serve "$SNAP"
	d="$BATS_TEST_TMPDIR"
	printf -- '--author google --sort none -o %s/a\n--author Qwen --num-parameters garbage -o %s/b\n--author meta-llama --sort none -o %s/c\n' "$d" "$d" "$d" > "$d/L"
	run -3 --separate-stderr hf-list --endpoint "$SERVE_URL" --listings "$d/L" --checkpoint "$d/ck"
	[[ "$stderr" == *"listing 2 (--author Qwen --num-parameters garbage): the Hub rejected the query (HTTP 400"* ]]
	[[ "$stderr" == *"1 of 3 listings failed; run the same command again to resume them"* ]]
	[ "$(wc -l < "$d/a")" -eq "$(grep -c '"author":"google"' "$SNAP")" ]
	[ "$(wc -l < "$d/c")" -eq "$(grep -c '"author":"meta-llama"' "$SNAP")" ]
	[ -e "$d/ck" ]
	before=$(stat_of list)
	run -3 --separate-stderr hf-list --endpoint "$SERVE_URL" --listings "$d/L" --checkpoint "$d/ck"
	# only the failed listing asked again
	[ "$(stat_of list)" -eq $((before + 1)) ]
}

@test "an endpoint that refuses connections: a few quick tries, its name, exit 3, no advice to resume; an empty HF_ENDPOINT is an error" {
	run -3 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --task text-generation -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck"
	[[ "$stderr" == *"cannot reach http://127.0.0.1:9: "* ]]
	[[ "$stderr" != *resume* ]]
	[ "$(grep -c 'attempt [0-9] of 3 in' <<< "$stderr")" -eq 2 ]
	[ ! -e "$BATS_TEST_TMPDIR/ck" ]
	run -3 --separate-stderr hf-list --endpoint http://127.0.0.1:9 --model a/b
	[[ "$stderr" == *"a/b: cannot reach http://127.0.0.1:9: "* ]]
	HF_ENDPOINT= run -2 --separate-stderr hf-list --task text-generation
	[ "$stderr" = "hf-list: HF_ENDPOINT is empty; unset it to use https://huggingface.co" ]
	run -2 --separate-stderr hf-list --endpoint '' --task text-generation
	[[ "$stderr" == *"the endpoint is empty"* ]]
}

@test "--known-ids: known models are written but do not count toward --limit" {
	start_serve "$SNAP"
	first=$(hf-list -q --endpoint "$SERVE_URL" --task text-generation --limit 6 | ids)
	printf '# known\n%s\n%s  # and this one\n' "$(sed -n 1p <<< "$first")" "$(sed -n 3p <<< "$first")" > "$BATS_TEST_TMPDIR/known"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" --task text-generation --limit 3 --known-ids "$BATS_TEST_TMPDIR/known"
	[ "$(printf '%s\n' "$output" | ids)" = "$(head -n 5 <<< "$first")" ]
}

@test "one pacer for every listing: many listings at -j 4 under a tight policy get no 429" {
	start_serve --rate-limit 6/2 "$SNAP"
	run -0 --separate-stderr hf-list --endpoint "$SERVE_URL" -j 4 --sort none --page-size 100 \
	    --author google --author Qwen --author meta-llama --author mistralai --author microsoft \
	    --author EleutherAI --author openai-community --author deepseek-ai
	[ "$(stat_of 429)" -eq 0 ]
	[[ "$stderr" == *"pacing: 6 requests in 2 s; waiting"* ]]
	[ "${#lines[@]}" -gt 0 ]
}

@test "named models -j 8: records and failure lines in the order the models were named, whatever order they arrive in" {
	start_serve --latency 30 "$SNAP"
	mapfile -t some < <(sed -n '1,12p' "$SNAP" | cut -d'"' -f8)
	args=() want=()
	for i in "${!some[@]}"; do
		args+=(--model "${some[i]}")
		want+=("${some[i]}")
		[ "$i" -eq 4 ] && args+=(--model nobody/first)
		[ "$i" -eq 8 ] && args+=(--model 'not an id' --model nobody/second)
	done
	run -1 --separate-stderr hf-list -q -j 8 --endpoint "$SERVE_URL" "${args[@]}"
	[ "$(printf '%s\n' "$output" | ids)" = "$(printf '%s\n' "${want[@]}")" ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ "${stderr_lines[0]}" == "hf-list: nobody/first: "* ]]
	[[ "${stderr_lines[1]}" == "hf-list: not an id: not a model id"* ]]
	[[ "${stderr_lines[2]}" == "hf-list: nobody/second: "* ]]
	run -1 --separate-stderr hf-list -q -j 1 --endpoint "$SERVE_URL" "${args[@]}"
	[ "$(printf '%s\n' "$output" | ids)" = "$(printf '%s\n' "${want[@]}")" ]
}

@test "one run on a checkpoint's files at a time: a second is refused, naming the first, and leaves them alone" {
	start_serve --latency 300 "$SNAP"
	args=(--endpoint "$SERVE_URL" --task text-generation --page-size 100 -o "$BATS_TEST_TMPDIR/o" --checkpoint "$BATS_TEST_TMPDIR/ck")
	hf-list -q "${args[@]}" 3>&- &
	pid=$!
	wait_for '[ -s "$BATS_TEST_TMPDIR/ck" ]'
	run -4 --separate-stderr hf-list -q "${args[@]}"
	[ "$stderr" = "hf-list: $BATS_TEST_TMPDIR/o is being written by another run (process $pid)" ]
	kill -TERM "$pid"; wait "$pid" || true
	hf-list -q "${args[@]}"
	[ "$(ids "$BATS_TEST_TMPDIR/o")" = "$(by_downloads '"text-generation"')" ]
}
