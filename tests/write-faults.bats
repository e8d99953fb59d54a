#!/usr/bin/env bats
# Write faults: every write-side call of a registry merge, a calculator
# merge and a checkpointed listing made to fail in turn (tests/wfault.so,
# ENOSPC and EIO), then a real full file system.  A failed run exits 4
# with one message and leaves every file as it was, no temporary beside
# them; a checkpointed listing resumes to the exact output.
load helper

WF="$TOP/tests/wfault.so"
M="$FIX/hf-report/models.ndjson"
MORE="$FIX/hf-report/more.ndjson"
# Sanitized tools (make check-san) would refuse a library loaded first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export SOURCE_DATE_EPOCH=1700000000 HF_LIST_BACKOFF_MS=20

teardown() {
	stop_serve
	if [ -n "${MNT:-}" ]; then umount "$MNT" 2>/dev/null || true; fi
}

# calls CMD...: run CMD (it must succeed) under the library, counting;
# CALLS is how many write-side calls it made.
calls() {
	local log="$BATS_TEST_TMPDIR/wfault.log"
	rm -f "$log"
	WFAULT_LOG="$log" LD_PRELOAD="$WF" "$@" >/dev/null
	# clang's sanitizers link their own write into the program, where
	# no preloaded library can come before it
	grep -q ' write$' "$log" ||
	    skip "write is not interposed here (a static sanitizer runtime?)"
	CALLS=$(wc -l < "$log")
}

# faulted N ERRNO CMD...: run CMD with its Nth call failing, as run does.
faulted() {
	local n=$1 e=$2
	shift 2
	run --separate-stderr env WFAULT_N="$n" WFAULT_ERRNO="$e" LD_PRELOAD="$WF" "$@"
}

# failed_cleanly TOOL ERRNO: the last run exited 4 with one message, from
# TOOL, that names the errno.
failed_cleanly() {
	local why="No space left on device"
	[ "$2" = EIO ] && why="Input/output error"
	[ "$status" -eq 4 ] || { echo "status $status: $stderr"; return 1; }
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || { echo "more than one line: $stderr"; return 1; }
	[[ "$stderr" == "$1: "*"$why"* ]] || { echo "message: $stderr"; return 1; }
}

# same_dir A B: the same files with the same bytes (temporaries count).
same_dir() { diff -r "$1" "$2"; }

# registry_faults BEFORE: merge models.ndjson and more.ndjson into a copy
# of BEFORE (a directory, maybe empty) with each call failing in turn.
registry_faults() {
	local before=$1 d="$BATS_TEST_TMPDIR/data" after="$BATS_TEST_TMPDIR/after" n m e
	rm -rf "$d"; cp -r "$before" "$d"
	calls hf-report -q -o "$d" "$M" "$MORE"
	m=$CALLS
	cp -r "$d" "$after"
	[ "$m" -ge 10 ]
	for n in $(seq "$m"); do
		for e in ENOSPC EIO; do
			echo "# call $n of $m fails with $e"
			rm -rf "$d"; cp -r "$before" "$d"
			faulted "$n" "$e" hf-report -q -o "$d" "$M" "$MORE"
			if [ "$status" -eq 0 ]; then
				# a failure that changes nothing (a directory's fsync)
				[ -z "$stderr" ]
				same_dir "$d" "$after"
			else
				failed_cleanly hf-report "$e"
				same_dir "$d" "$before"
			fi
		done
	done
}

@test "registry merge into a fresh directory: any call failing leaves no file" {
	mkdir "$BATS_TEST_TMPDIR/empty"
	registry_faults "$BATS_TEST_TMPDIR/empty"
}

@test "registry merge into an existing registry: any call failing leaves it byte for byte" {
	hf-report -q -o "$BATS_TEST_TMPDIR/old" "$M"
	registry_faults "$BATS_TEST_TMPDIR/old"
}

@test "calculator merge: any call failing leaves models.json, no backup and no temporary" {
	local w="$BATS_TEST_TMPDIR/calc" g="$BATS_TEST_TMPDIR/gpt2" n m e
	printf '{"id":"openai-community/gpt2","downloads":1,"safetensors":{"total":124439808},"config":%s}\n' \
	    "$(tr -d '\n' < "$FIX/hf-report/gpt2.config.json")" > "$g"
	mkdir "$w"
	cp "$FIX/hf-report/models-json.before.json" "$w/models.json"
	calls hf-report --models-json "$w/models.json" "$g"
	m=$CALLS
	cmp "$w/models.json" "$FIX/hf-report/models-json.expected.json"
	[ "$m" -ge 8 ]
	for n in $(seq "$m"); do
		for e in ENOSPC EIO; do
			echo "# call $n of $m fails with $e"
			rm -rf "$w"; mkdir "$w"
			cp "$FIX/hf-report/models-json.before.json" "$w/models.json"
			faulted "$n" "$e" hf-report --models-json "$w/models.json" "$g"
			if [ "$status" -eq 0 ]; then
				cmp "$w/models.json" "$FIX/hf-report/models-json.expected.json"
				cmp "$w"/models.json.*.bak "$FIX/hf-report/models-json.before.json"
				[ "$(ls "$w" | wc -l)" -eq 2 ]
			else
				failed_cleanly hf-report "$e"
				cmp "$w/models.json" "$FIX/hf-report/models-json.before.json"
				[ "$(ls "$w")" = models.json ]
			fi
		done
	done
}


# only_outputs DIR: DIR holds the output and perhaps its checkpoint and
# the spools it names.
only_outputs() {
	local f
	for f in "$1"/*; do
		[ -e "$f" ] || continue
		case ${f##*/} in o|ck|ck.[0-9]*.spool) ;; *) echo "left behind: $f"; return 1 ;; esac
	done
}

# listing_faults DIR HF-LIST-ARGS...: fail each call of a listing in turn,
# resume it under the same fault, then resume it to the end: the output
# is the unfaulted one, and nothing else is left.
listing_faults() {
	local w=$1 want="$BATS_TEST_TMPDIR/want" n m e
	shift
	mkdir "$w"
	calls hf-list "$@"
	m=$CALLS
	cp "$w/o" "$want"
	[ "$(ls "$w")" = o ]
	[ "$m" -ge 20 ]
	for n in $(seq "$m"); do
		for e in ENOSPC EIO; do
			echo "# call $n of $m fails with $e"
			rm -f "$w"/*
			faulted "$n" "$e" hf-list "$@"
			if [ "$status" -eq 0 ]; then
				cmp "$w/o" "$want"; [ "$(ls "$w")" = o ]
				continue
			fi
			failed_cleanly hf-list "$e"
			only_outputs "$w"
			# the resumed run meets the same fault at its own Nth call
			faulted "$n" "$e" hf-list "$@"
			[ "$status" -eq 0 ] || failed_cleanly hf-list "$e"
			only_outputs "$w"
			run -0 --separate-stderr hf-list "$@"
			cmp "$w/o" "$want"
			[ "$(ls "$w")" = o ]
		done
	done
}

@test "checkpointed listing: any call failing, then failing again on resuming, still ends in the exact output" {
	local w="$BATS_TEST_TMPDIR/list"
	start_serve "$FIX/hub-small.ndjson"
	# 10 models in 4 pages, each page checkpointed
	listing_faults "$w" -q --endpoint "$SERVE_URL" --task text-generation \
	    --page-size 3 --limit 10 -o "$w/o" --checkpoint "$w/ck"
}

@test "two listings at once, the second spooled: any call failing, then again on resuming, still ends in the exact output" {
	local w="$BATS_TEST_TMPDIR/list"
	start_serve "$FIX/hub-small.ndjson"
	listing_faults "$w" -q --endpoint "$SERVE_URL" --author google \
	    --author mistralai --page-size 4 --limit 8 -j 2 -o "$w/o" \
	    --checkpoint "$w/ck"
}

# small_fs: a 128 KiB tmpfs at $MNT, or skip.
small_fs() {
	MNT="$BATS_TEST_TMPDIR/small"
	mkdir -p "$MNT"
	[ "$(id -u)" -eq 0 ] || skip "not root: cannot mount a small file system"
	mount -t tmpfs -o size=128k tmpfs "$MNT" 2>/dev/null || skip "cannot mount a tmpfs here"
}

# fill DIR: write zeros into DIR/fill until the file system is full.
fill() { dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null || true; }

@test "a real full file system: registry and calculator merges fail cleanly, files kept" {
	small_fs
	hf-report -q -o "$MNT/reg" "$M"
	cp "$FIX/hf-report/models-json.before.json" "$MNT/models.json"
	printf '{"id":"openai-community/gpt2","downloads":1,"safetensors":{"total":124439808},"config":%s}\n' \
	    "$(tr -d '\n' < "$FIX/hf-report/gpt2.config.json")" > "$BATS_TEST_TMPDIR/gpt2"
	fill "$MNT"
	cp -r "$MNT/reg" "$BATS_TEST_TMPDIR/reg-before"
	run --separate-stderr hf-report -q -o "$MNT/reg" "$M" "$MORE"
	failed_cleanly hf-report ENOSPC
	same_dir "$MNT/reg" "$BATS_TEST_TMPDIR/reg-before"
	run --separate-stderr hf-report --models-json "$MNT/models.json" "$BATS_TEST_TMPDIR/gpt2"
	failed_cleanly hf-report ENOSPC
	cmp "$MNT/models.json" "$FIX/hf-report/models-json.before.json"
	[ "$(ls "$MNT")" = "$(printf 'fill\nmodels.json\nreg')" ]
}

@test "a real full file system: a checkpointed listing stops with exit 4 and resumes to the exact output once there is room" {
	small_fs
	start_serve "$FIX/hub-small.ndjson"
	hf-list -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 --limit 400 > "$BATS_TEST_TMPDIR/want"
	[ "$(wc -c < "$BATS_TEST_TMPDIR/want")" -gt 200000 ]
	mkdir "$MNT/l"
	set -- -q --endpoint "$SERVE_URL" --task text-generation --page-size 50 --limit 400 -o "$MNT/l/o" --checkpoint "$MNT/l/ck"
	run --separate-stderr hf-list "$@"
	failed_cleanly hf-list ENOSPC
	grep -q '^listing 0 todo .* http://127.0.0.1:' "$MNT/l/ck"
	only_outputs "$MNT/l"
	mount -o remount,size=2m "$MNT"
	run -0 --separate-stderr hf-list "$@"
	cmp "$MNT/l/o" "$BATS_TEST_TMPDIR/want"
	[ ! -e "$MNT/l/ck" ]
}
