#!/usr/bin/env bats
# hf-serve's faults, each observable with curl.
load helper

@test "--fail-rate 1 answers 5xx and counts them" {
	start_serve --fail-rate 1 --seed 3 "$SNAP"
	for i in 1 2 3 4 5 6; do
		code=$(curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models?limit=1")
		[[ "$code" =~ ^50[0234]$ ]]
	done
	run -0 curl -sS "$SERVE_URL/_stats"
	echo "$output" | grep -o '"50[0234]":[0-9]*' | cut -d: -f2 | awk '{ s += $1 } END { exit s != 6 }'
}

@test "--reset-rate 1 closes the connection before the body" {
	start_serve --reset-rate 1 "$SNAP"
	run curl -sS -o /dev/null "$SERVE_URL/api/models?limit=10"
	[ "$status" -ne 0 ]
}

@test "--truncate-rate 1 sends less than the Content-Length" {
	start_serve --truncate-rate 1 "$SNAP"
	run curl -sS -o "$BATS_TEST_TMPDIR/b" "$SERVE_URL/api/models?limit=10"
	[ "$status" -eq 18 ]
}

@test "--garbage-rate 1 answers 200 with a body that is not JSON" {
	start_serve --garbage-rate 1 "$SNAP"
	run -0 curl -sS -w '%{http_code}' "$SERVE_URL/api/models?limit=10"
	[[ "$output" == "<!DOCTYPE html>"*200 ]]
}

@test "--rate-limit Q/W answers 429 with RateLimit, RateLimit-Policy and Retry-After" {
	start_serve --rate-limit 2/60 "$SNAP"
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models?limit=1"
	assert_line --regexp '^RateLimit: "api";r=1;t=[0-9]+'
	assert_line --partial 'RateLimit-Policy: "fixed window";"api";q=2;w=60'
	curl -sS -o /dev/null "$SERVE_URL/api/models?limit=1"
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models?limit=1"
	assert_line --partial "429"
	assert_line --regexp '^RateLimit: "api";r=0;t=[0-9]+'
	assert_line --regexp '^Retry-After: [0-9]+'
}

@test "--latency delays each answer" {
	start_serve --latency 300 "$SNAP"
	run -0 curl -sS -o /dev/null -w '%{time_total}' "$SERVE_URL/api/models?limit=1"
	awk -v t="$output" 'BEGIN { exit !(t >= 0.3) }'
}

@test "--redirect-to answers 307 to the same path and query on another origin" {
	start_serve --redirect-to http://localhost:1 "$SNAP"
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models?limit=1&sort=likes"
	assert_line --partial "307"
	assert_line --partial "Location: http://localhost:1/api/models?limit=1&sort=likes"
}

@test "faults are deterministic by --seed" {
	start_serve --fail-rate 0.5 --seed 7 "$SNAP"
	for i in $(seq 12); do curl -sS -o /dev/null -w '%{http_code} ' "$SERVE_URL/api/models?limit=1"; done > "$BATS_TEST_TMPDIR/a"
	stop_serve
	start_serve --fail-rate 0.5 --seed 7 "$SNAP"
	for i in $(seq 12); do curl -sS -o /dev/null -w '%{http_code} ' "$SERVE_URL/api/models?limit=1"; done > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	grep -q 200 "$BATS_TEST_TMPDIR/a"
	grep -q '50[0234]' "$BATS_TEST_TMPDIR/a"
}
