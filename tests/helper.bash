# tests/helper.bash - loaded by every bats suite: the build on PATH, the C
# locale, bats-support/bats-assert, a bounded wait for hf-serve, and the
# few readers of records, registries and hf-serve's counters that more
# than one suite needs.
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

TOP="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
PATH="$TOP:$TOP/scripts:$PATH"
FIX="$BATS_TEST_DIRNAME/fixtures"
# The bundled Hub snapshot, served by hf-serve: 3000 synthetic models
# (mkhub) and 13 real ones (fixtures/hub-real.ndjson, hub-real.py.txt).
SNAP="$FIX/hub-small.ndjson"
export LC_ALL=C TOP FIX PATH SNAP
# Never reach a real Hub or a user's token from a test.
unset HF_TOKEN HF_ENDPOINT HF_HOME HF_ADAPTERS
export HF_HOME="$BATS_TEST_TMPDIR/hf-home"

# start_serve [hf-serve options] SNAPSHOT: start hf-serve on a free loopback
# port, wait (polling, at most 10 s) for the URL file it writes at once
# when it listens (--url-file), and set SERVE_URL and SERVE_PID.  Standard
# output goes to $BATS_TEST_TMPDIR/serve.out and standard error to
# serve.err.  FD 3 is closed so bats does not wait.
start_serve() {
	local out="$BATS_TEST_TMPDIR/serve.out" url="$BATS_TEST_TMPDIR/serve.url" i
	rm -f "$url"
	hf-serve --port 0 --url-file "$url" "$@" >"$out" 2>"$BATS_TEST_TMPDIR/serve.err" 3>&- &
	SERVE_PID=$!
	for ((i = 0; i < 200; i++)); do
		if [ -e "$url" ]; then
			SERVE_URL=$(cat "$url")
			export SERVE_URL SERVE_PID
			return 0
		fi
		if ! kill -0 "$SERVE_PID" 2>/dev/null; then
			cat "$BATS_TEST_TMPDIR/serve.err" >&2
			return 1
		fi
		sleep 0.05
	done
	echo "hf-serve printed no URL within 10 s" >&2
	return 1
}

# stop_serve: SIGTERM, then wait for the exit status (bounded by hf-serve).
stop_serve() {
	[ -n "${SERVE_PID:-}" ] || return 0
	kill -TERM "$SERVE_PID" 2>/dev/null || true
	wait "$SERVE_PID" 2>/dev/null || true
	SERVE_PID=
}

# Every test ends with the hf-serve it started stopped; a suite with its
# own teardown calls stop_serve there.
teardown() { stop_serve; }

# stat_of KEY: the first value of KEY in hf-serve's /_stats (a count, or
# true/false): stat_of list is the listing requests, stat_of ID the
# config.json downloads of ID.
stat_of() {
	curl -sS "$SERVE_URL/_stats" | grep -o "\"$1\":[0-9a-z]*" | head -n 1 | cut -d: -f2
}

# ids [FILE...]: the id of each record (files, else standard input), one
# a line, in order.
ids() { grep -ho '"id":"[^"]*"' "$@" | cut -d'"' -f4; }

# by_downloads [ERE]: the ids of the snapshot's models (those whose line
# matches ERE) in the Hub's downloads order: descending, ties by _id.
by_downloads() {
	grep -E "${1:-.}" "$SNAP" |
	    sed 's/^{"_id":"\([^"]*\)","id":"\([^"]*\)".*"downloads":\([0-9]*\).*/\3 \1 \2/' |
	    sort -k1,1nr -k2,2 | cut -d' ' -f3
}

# undate FILE...: the files with each generated_at date written as DATE,
# to compare registries written on different days.
undate() {
	sed 's/"generated_at": "[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]"/"generated_at": "DATE"/' "$@"
}
