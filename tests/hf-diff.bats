#!/usr/bin/env bats
# hf-diff: the change records between the fixture's two registries
# (tests/fixtures/hf-page/README.md lists them), Markdown, exit statuses
# 0/1/2 as diff's.
load helper

F="$FIX/hf-page"

@test "old -> new: the change records, sorted, and exit 1" {
	run -1 --separate-stderr hf-diff "$F/old" "$F/reg"
	[ -z "$stderr" ]
	[ "$output" = "$(cat "$F/diff.expected.ndjson")" ]
}

@test "the same registry, or one whose dates alone differ: nothing, exit 0" {
	run -0 hf-diff "$F/reg" "$F/reg"
	[ -z "$output" ]
	cp -r "$F/reg" "$BATS_TEST_TMPDIR/r"
	sed 's/"2026-11-24"/"2027-01-01"/' "$F/reg/supported_models.json" >"$BATS_TEST_TMPDIR/r/supported_models.json"
	run ! cmp -s "$F/reg/supported_models.json" "$BATS_TEST_TMPDIR/r/supported_models.json"
	run -0 hf-diff "$F/reg" "$BATS_TEST_TMPDIR/r"
	[ -z "$output" ]
}

@test "new -> old: every change the other way round" {
	run -1 hf-diff "$F/reg" "$F/old"
	[ "${lines[0]}" = '{"type":"model_added","architecture_id":"LlamaForCausalLM","model_id":"old-org/retired-model"}' ]
	[[ "$output" == *'{"type":"gap_new","architecture_id":"Qwen2ForCausalLM","rank":4,"relevancy_score":60.0,"total_models":50,"total_downloads":3000000}'* ]]
	[[ "$output" == *'{"type":"gap_gone","architecture_id":"Phi4FlashForCausalLM","old_rank":4,'* ]]
	[[ "$output" == *'{"type":"model_status","architecture_id":"LlamaForCausalLM","model_id":"meta-llama/Llama-3.2-1B","old_status":1,"new_status":0}'* ]]
	[ "${#lines[@]}" -eq 10 ]
}

@test "--markdown: the golden file; nothing changed says so" {
	run -1 hf-diff --markdown "$F/old" "$F/reg"
	[ "$output" = "$(cat "$F/diff.expected.md")" ]
	run -0 hf-diff --markdown "$F/reg" "$F/reg"
	[ "$output" = "$(printf '## Since the last scan\n\nNothing changed since the last scan (2026-11-24, 1,200 models scanned).')" ]
}

@test "-q: the status only" {
	run -1 hf-diff -q "$F/old" "$F/reg"
	[ -z "$output" ]
	run -0 hf-diff --quiet "$F/reg" "$F/reg"
	[ -z "$output" ]
}

@test "trouble is exit 2: usage, a registry that does not parse, none at all" {
	run -2 --separate-stderr hf-diff "$F/old"
	run -2 --separate-stderr hf-diff --markdown -q "$F/old" "$F/reg"
	[[ "$stderr" == *'--markdown and -q exclude each other'* ]]
	cp -r "$F/reg" "$BATS_TEST_TMPDIR/r"
	printf '{"gaps": [' >"$BATS_TEST_TMPDIR/r/architecture_gaps.json"
	run -2 --separate-stderr hf-diff "$F/old" "$BATS_TEST_TMPDIR/r"
	[[ "$stderr" == "hf-diff: $BATS_TEST_TMPDIR/r/architecture_gaps.json: "*" near byte "* ]]
	[ -z "$output" ]
	run -2 --separate-stderr hf-diff "$BATS_TEST_TMPDIR/none" "$F/reg"
	[ "$stderr" = "hf-diff: cannot read $BATS_TEST_TMPDIR/none: No such file or directory" ]
	mkdir "$BATS_TEST_TMPDIR/empty"
	run -2 --separate-stderr hf-diff "$F/reg" "$BATS_TEST_TMPDIR/empty"
	[[ "$stderr" == *'empty: no supported_models.json or architecture_gaps.json' ]]
	run -0 hf-diff -h
	[[ "$output" == *'exit status 0 nothing changed, 1 something did'* ]]
}

@test "a failed write is 4, as for every tool (tests/cli.bats); still not 0 or 1" {
	run -4 --separate-stderr bash -c "hf-diff '$F/old' '$F/reg' > /dev/full"
	[ "$stderr" = 'hf-diff: cannot write standard output: No space left on device' ]
	run -4 --separate-stderr bash -c "hf-diff --markdown '$F/old' '$F/reg' > /dev/full"
}
