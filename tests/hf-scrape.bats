#!/usr/bin/env bats
# hf-scrape against hf-serve with the bundled snapshot.  The golden files
# in tests/fixtures/hf-scrape were computed independently, with Python
# over the snapshot (golden.py.txt there), not by these tools.
load helper

G="$FIX/hf-scrape"
D="$BATS_TEST_TMPDIR/data"
export HF_LIST_BACKOFF_MS=10

# pairs DIR: "architecture<TAB>model" for each registry entry, in order.
pairs() {
	awk '/^ *"architecture_id": /{ a = $2; gsub(/[",]/, "", a) }
	     /^ *"model_id": /{ m = $2; gsub(/[",]/, "", m); print a "\t" m }' "$1/supported_models.json"
}

# gaps DIR: "arch<TAB>models<TAB>downloads<TAB>min<TAB>samples", by name.
gaps() {
	awk '/^ *"architecture_id": /{ a = $2; gsub(/[",]/, "", a); s = ""; ins = 0 }
	     /^ *"total_models": /{ n = $2 + 0 }
	     /^ *"total_downloads": /{ d = $2 + 0 }
	     /^ *"min_param_count": /{ p = $2; gsub(/,/, "", p) }
	     ins && /^ *\]/ { ins = 0 }
	     ins { x = $1; gsub(/[",]/, "", x); s = s (s == "" ? "" : ",") x }
	     /^ *"sample_models": \[$/ { ins = 1 }
	     /^ *"relevancy_score": /{ print a "\t" n "\t" d "\t" p "\t" s }' "$1/architecture_gaps.json" | LC_ALL=C sort
}

# undated DIR: the registry without its dates and durations.
undated() {
	undate "$1/supported_models.json" "$1/architecture_gaps.json" |
	    grep -v '"scan_duration_seconds"'
}

scrape() { hf-scrape --endpoint "$SERVE_URL" -q "$@"; }

@test "a full scan gives exactly the registry computed independently from the snapshot; -q is silent on stderr" {
	start_serve "$SNAP"
	run -0 --separate-stderr scrape --full-scan -o "$D"
	[ -z "$stderr" ]
	diff <(pairs "$D") "$G/supported.expected"
	diff <(gaps "$D") "$G/gaps.expected"
	[ -f "$D/verification_history.json" ]
	[ ! -e "$D/.hf-scrape" ]
	grep -q '"task_filter": "text-generation"' "$D/supported_models.json"
	grep -q '"min_downloads": 500' "$D/supported_models.json"
	scanned=$(grep -o '"total_scanned": [0-9]*' "$D/supported_models.json" | cut -d' ' -f2)
	[ "$scanned" -eq "$(grep '"tags":\[[^]]*"text-generation"' "$SNAP" | grep -o '"downloads":[0-9]*' | cut -d: -f2 | awk '$1 >= 500' | wc -l)" ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"downloads":{}'* ]]
	[[ "$output" == *'"resolve":0'* ]]
}

@test "the summary is the Python scraper's" {
	start_serve "$SNAP"
	run -0 scrape --full-scan -o "$D"
	assert_line --regexp '^Scan complete in [0-9]+s$'
	assert_line --regexp '^New models scanned: [0-9]+$'
	assert_line "Existing models skipped: 0"
	assert_line "New supported models found: $(wc -l < "$G/supported.expected")"
	assert_line "Total supported models: $(wc -l < "$G/supported.expected")"
	assert_line "SCAN SUMMARY"
	assert_line --regexp '^SUPPORTED ARCHITECTURES \([0-9]+\):$'
	assert_line --regexp '^  LlamaForCausalLM: [0-9]+ models$'
	assert_line "TOP 20 UNSUPPORTED ARCHITECTURES by relevancy (of $(wc -l < "$G/gaps.expected")):"
	assert_line --regexp '^  [A-Za-z0-9]+: score=[0-9]+\.[0-9], [0-9]+ models, [0-9,]+ downloads$'
	assert_line --regexp '^  \.\.\. and [0-9]+ more architectures \([0-9]+ models\)$'
}

@test "a quick scan counts --limit new models, quantized included; a rescan skips the registered ones" {
	start_serve "$SNAP"
	run -0 scrape --limit 40 --no-canonical-sweep -o "$D"
	assert_line "New models scanned: 40"
	first=$(pairs "$D" | wc -l)
	[ "$first" -lt 40 ]
	run -0 scrape --limit 40 --no-canonical-sweep -o "$D"
	assert_line "Existing models skipped: $first"
	[ "$(pairs "$D" | cut -f2 | sort | uniq -d | wc -l)" -eq 0 ]
	[ "$(pairs "$D" | wc -l)" -gt "$first" ]
	assert_line "New supported models found: $(($(pairs "$D" | wc -l) - first))"
}

@test "targeted, canonical path: only the architecture's canonical orgs are swept" {
	start_serve "$SNAP"
	run -0 --separate-stderr hf-scrape --endpoint "$SERVE_URL" --architecture GPT2LMHeadModel -o "$D"
	[[ "$stderr" == *"targeted scrape of GPT2LMHeadModel: sweeping its canonical orgs only (Writer openai-community stanford-crfm)"* ]]
	[ -z "$(pairs "$D" | grep -v "^GPT2LMHeadModel	openai-community/")" ]
	[ "$(pairs "$D" | wc -l)" -eq "$(grep '"author":"openai-community"' "$SNAP" | grep '"architectures":\["GPT2LMHeadModel"\]' | grep -v -e '-mlx"' -e '"quantization_config"' -e '"gguf"' -e '-GPTQ' -e '-AWQ' -e '-GGUF' -e '4bit' -e '8bit' -e '-FP8' -e '-fp4' -e '-int[48]' -e '-w4a16' -e '-HQQ' -e '-exl2' | wc -l)" ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"list":3,'* ]]
}

@test "targeted, fallback path: an architecture without canonical orgs filters the main scan" {
	start_serve "$SNAP"
	run -0 --separate-stderr hf-scrape --endpoint "$SERVE_URL" --architecture Zeta1ForCausalLM --full-scan -o "$D"
	[[ "$stderr" == *"Zeta1ForCausalLM has no canonical orgs: main scan filtered to it"* ]]
	[ "$(pairs "$D" | wc -l)" -eq 0 ]
	[ "$(gaps "$D" | cut -f1)" = Zeta1ForCausalLM ]
	diff <(gaps "$D") <(grep '^Zeta1ForCausalLM	' "$G/gaps.expected")
}

@test "the sweep admits canonical checkpoints below the threshold, not an org's other architectures" {
	start_serve "$G/sweep.ndjson"
	run -0 scrape --full-scan -o "$D"
	run -0 pairs "$D"
	[ "$output" = "$(printf 'MistralForCausalLM\tmistralai/small-mistral\nMixtralForCausalLM\tmistralai/small-mixtral')" ]
}

@test "existing verified entries survive a rescan unchanged; two identical scans give identical registries" {
	start_serve "$SNAP"
	scrape --full-scan -o "$D" > /dev/null
	sed -i '0,/"status": 0,/s//"status": 1,/; 0,/"verified_date": null,/s//"verified_date": "2025-06-01",/' "$D/supported_models.json"
	scrape --full-scan -o "$D" > /dev/null
	undated "$D" > "$BATS_TEST_TMPDIR/one"
	scrape --full-scan -o "$D" > /dev/null
	undated "$D" > "$BATS_TEST_TMPDIR/two"
	diff "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/two"
	grep -q '"verified_date": "2025-06-01",' "$D/supported_models.json"
	grep -q '"total_verified": 1,' "$D/supported_models.json"
}

@test "text-generation then text2text-generation: T5 models join, nothing is counted twice" {
	start_serve "$SNAP"
	scrape --full-scan -o "$D" > /dev/null
	before=$(pairs "$D" | wc -l)
	scrape --full-scan --task text2text-generation -o "$D" > /dev/null
	[ "$(pairs "$D" | cut -f2 | sort | uniq -d | wc -l)" -eq 0 ]
	[ "$(pairs "$D" | grep -c '^T5ForConditionalGeneration	')" -gt "$(grep -c '^T5ForConditionalGeneration	' "$G/supported.expected")" ]
	[ "$(pairs "$D" | wc -l)" -gt "$before" ]
	grep -q '"task_filter": "text2text-generation"' "$D/architecture_gaps.json"
}

@test "killed with kill -9 at ten points over main scan and sweep, then run again: the registry of an uninterrupted run" {
	start_serve "$SNAP"
	scrape --full-scan --checkpoint-interval 100 -o "$BATS_TEST_TMPDIR/clean" > /dev/null
	stop_serve
	start_serve --latency 20 "$SNAP"
	for delay in 0.1 0.3 0.5 0.2 0.7 0.4 0.9 0.6 1.2 0.8; do
		setsid hf-scrape --endpoint "$SERVE_URL" -q --full-scan --checkpoint-interval 100 -o "$D" > /dev/null 2>&1 3>&- &
		pid=$!
		sleep "$delay"
		kill -9 -- "-$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		# every process of the group gone, so none still holds the lock
		for i in $(seq 200); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.05; done
	done
	scrape --full-scan --checkpoint-interval 100 -o "$D" > /dev/null
	diff <(undated "$D") <(undated "$BATS_TEST_TMPDIR/clean")
	cmp "$D/verification_history.json" "$BATS_TEST_TMPDIR/clean/verification_history.json"
	[ ! -e "$D/.hf-scrape" ]
}

@test "429 storms and 5xx at 20% still give the identical registry" {
	start_serve "$SNAP"
	scrape --full-scan --no-canonical-sweep -o "$BATS_TEST_TMPDIR/clean" > /dev/null
	stop_serve
	start_serve --fail-rate 0.2 --rate-limit 8/1 --seed 3 "$SNAP"
	scrape --full-scan --no-canonical-sweep --checkpoint-interval 200 -o "$D" > /dev/null
	diff <(pairs "$D") <(pairs "$BATS_TEST_TMPDIR/clean")
	diff <(gaps "$D") <(gaps "$BATS_TEST_TMPDIR/clean")
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" =~ \"50[0234]\":[1-9] ]]
}

@test "a dead Hub: a few quick tries, its name, status 3, no advice to resume; an empty HF_ENDPOINT is an error; bad options exit 2" {
	run -3 --separate-stderr hf-scrape --endpoint http://127.0.0.1:9 -o "$D" --no-canonical-sweep
	[[ "$stderr" == *"cannot reach http://127.0.0.1:9: "* ]]
	[[ "$stderr" != *resume* ]]
	[[ "$stderr" == *"hf-scrape: the scan stopped (status 3) before any page was in"* ]]
	HF_ENDPOINT= run -2 --separate-stderr hf-scrape -o "$D"
	[ "$stderr" = "hf-scrape: HF_ENDPOINT is empty; unset it to use https://huggingface.co" ]
	run -2 hf-scrape --limit many
	run -2 hf-scrape --bogus
	run -0 hf-scrape -h
	[[ "$output" == usage:* ]]
}

@test "checked before the first request: a registry file that does not parse, an output directory that cannot be made" {
	start_serve "$SNAP"
	mkdir -p "$D"
	printf '{"models": [' > "$D/supported_models.json"
	run -4 --separate-stderr scrape -o "$D"
	[[ "$stderr" == *"$D/supported_models.json: "*"near byte "*"; not overwritten"* ]]
	[ "$(stat_of list)" -eq 0 ]
	[ "$(cat "$D/supported_models.json")" = '{"models": [' ]
	run -4 --separate-stderr scrape -o /dev/null/data
	[ "$stderr" = "hf-scrape: cannot create the output directory /dev/null/data" ]
	if [ "$(id -u)" -ne 0 ]; then
		mkdir "$BATS_TEST_TMPDIR/ro" && chmod 555 "$BATS_TEST_TMPDIR/ro"
		run -4 --separate-stderr scrape -o "$BATS_TEST_TMPDIR/ro"
		[ "$stderr" = "hf-scrape: cannot write in the output directory $BATS_TEST_TMPDIR/ro" ]
	fi
	[ "$(stat_of list)" -eq 0 ]
}

@test "a stage between hf-list and hf-report that fails mid-scan: status 4, its reason, the registry byte for byte as it was; the next run completes it" {
	start_serve "$SNAP"
	scrape --full-scan -o "$BATS_TEST_TMPDIR/clean" > /dev/null
	scrape --limit 20 -o "$D" > /dev/null
	cp -r "$D" "$BATS_TEST_TMPDIR/before"
	stop_serve
	start_serve --latency 20 "$SNAP"
	# the main scan's filter cannot write its list of ids: it fails as
	# the first page comes in, the others go on to their end
	mkdir -p "$D/.hf-scrape/main.ids"
	run -4 --separate-stderr scrape --full-scan -o "$D"
	[ "${stderr_lines[0]}" = "hf-filter: cannot write $D/.hf-scrape/main.ids: Is a directory" ]
	[ "${stderr_lines[-1]}" = "hf-scrape: a stage between hf-list and hf-report failed; the registry in $D is left as it was" ]
	diff -r -x .hf-scrape "$D" "$BATS_TEST_TMPDIR/before"
	rmdir "$D/.hf-scrape/main.ids"
	scrape --full-scan -o "$D" > /dev/null
	[ ! -e "$D/.hf-scrape" ]
	diff <(pairs "$D") <(pairs "$BATS_TEST_TMPDIR/before"; pairs "$BATS_TEST_TMPDIR/clean" | grep -vxFf <(pairs "$BATS_TEST_TMPDIR/before"))
}

@test "one run per directory: a second exits at once naming the first's pid; a run killed with kill -9 does not block the next" {
	start_serve --latency 300 "$SNAP"
	setsid hf-scrape --endpoint "$SERVE_URL" -q --full-scan -o "$D" > /dev/null 2>&1 3>&- &
	pid=$!
	for i in $(seq 100); do [ -s "$D/.hf-scrape/pid" ] && break; sleep 0.05; done
	run -4 --separate-stderr scrape --full-scan -o "$D"
	[ "$stderr" = "hf-scrape: $D is being scraped by process $pid" ]
	kill -9 -- "-$pid"
	wait "$pid" 2>/dev/null || true
	for i in $(seq 200); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.05; done
	stop_serve
	start_serve "$SNAP"
	run -0 scrape --full-scan -o "$D"
	diff <(pairs "$D") "$G/supported.expected"
}

@test "say what it will do: a typo of a supported architecture gets one hint in hf-scrape's words, a task's typo too; a targeted scrape without its sweep says no Hub query will run" {
	start_serve "$SNAP"
	run -2 --separate-stderr scrape --architecture LLamaForCausalLM --limit 5 -o "$D"
	[ "$stderr" = "hf-scrape: --architecture LLamaForCausalLM: did you mean LlamaForCausalLM? (architectures are matched exactly)" ]
	[ "$(stat_of list)" -eq 0 ]
	run -0 --separate-stderr scrape --architecture LlamaForCasualLM --limit 5 -o "$D"
	[ "${stderr_lines[0]}" = "hf-scrape: --architecture LlamaForCasualLM is not in the adapter table; did you mean LlamaForCausalLM?" ]
	[ "$(grep -c 'did you mean\|no record has' <<<"$stderr")" -eq 1 ]
	run -0 --separate-stderr scrape --architecture LlamaForCausalLM --limit 5 -o "$BATS_TEST_TMPDIR/t0"
	[[ "$stderr" != *"no record has"* ]]
	run -0 --separate-stderr scrape --task text-generatoin --no-canonical-sweep -o "$BATS_TEST_TMPDIR/t1"
	[ "${stderr_lines[0]}" = "hf-scrape: --task text-generatoin is not a task the Hub lists; did you mean text-generation?" ]
	run -0 --separate-stderr scrape --architecture GPT2LMHeadModel --no-canonical-sweep -o "$BATS_TEST_TMPDIR/t"
	[[ "$stderr" == *"GPT2LMHeadModel has canonical orgs, so there is no main scan, and --no-canonical-sweep skips the sweep: no Hub query will run"* ]]
	before=$(stat_of list)
	run -0 --separate-stderr scrape --architecture GPT2LMHeadModel --no-canonical-sweep -o "$BATS_TEST_TMPDIR/t2"
	[ "$(stat_of list)" -eq "$before" ]
}

@test "--limit 10 stops paging once 10 new models are in hand" {
	start_serve "$SNAP"
	run -0 scrape --limit 10 --min-downloads 0 --no-canonical-sweep --checkpoint-interval 5 -o "$D"
	assert_line "New models scanned: 10"
	# pages of 5: two, maybe three if a quantized one shifts them; not 549
	[ "$(stat_of list)" -le 3 ]
}

@test "--summary-json leaves the summary for CI; the sweep's additions are named; the printed summary is read from it" {
	start_serve "$SNAP"
	run -0 scrape --full-scan --summary-json "$BATS_TEST_TMPDIR/s.json" -o "$D"
	assert_line --regexp '^Canonical sweep added [0-9]+ models?\.$'
	grep -q '"new_supported_models":'"$(wc -l < "$G/supported.expected")"',' "$BATS_TEST_TMPDIR/s.json"
	grep -q '"unsupported_architectures":'"$(wc -l < "$G/gaps.expected")"',' "$BATS_TEST_TMPDIR/s.json"
	[ "$(hf-report --print-summary "$BATS_TEST_TMPDIR/s.json")" = "$(printf '%s\n' "$output" | grep -v '^Canonical sweep added')" ]
}

@test "under a tight rate limit (12 requests in 2 s) a full scrape receives no 429 and writes the same registry" {
	start_serve "$SNAP"
	scrape --full-scan -o "$BATS_TEST_TMPDIR/clean" > /dev/null
	stop_serve
	start_serve --rate-limit 12/2 "$SNAP"
	scrape --full-scan -o "$D" > /dev/null
	[ "$(stat_of 429)" -eq 0 ]
	diff <(undated "$D") <(undated "$BATS_TEST_TMPDIR/clean")
}

@test "--page writes OUTPUT/index.html after the scan; a page that cannot be written is its exit status" {
	start_serve "$SNAP"
	run -0 scrape --full-scan -o "$D"
	[ ! -e "$D/index.html" ]
	run -0 scrape --full-scan --page -o "$D"
	cmp "$D/index.html" <(hf-page "$D")
	grep -q '<table id="gap-table">' "$D/index.html"
	rm "$D/index.html"
	mkdir "$D/index.html"
	run -4 --separate-stderr scrape --full-scan --page -o "$D"
	[[ "$stderr" == *"hf-scrape: writing $D/index.html failed (status 4)" ]]
	[ -f "$D/supported_models.json" ]
}

@test "a signal to hf-scrape alone stops its hf-list too; a kill -9 of it alone leaves no lock behind, and no second writer" {
	start_serve --latency 100 "$SNAP"
	hf-scrape --endpoint "$SERVE_URL" -q --full-scan --checkpoint-interval 50 -o "$D" > /dev/null 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	for i in $(seq 200); do [ -s "$D/.hf-scrape/scan.ckpt" ] && break; sleep 0.05; done
	kill -TERM "$pid"
	st=0; wait "$pid" || st=$?
	[ "$st" -eq 143 ]
	# said once, by the hf-list that knows where it stopped
	[ "$(grep -c 'run the same command again to resume' "$BATS_TEST_TMPDIR/err")" -eq 1 ]
	! pgrep -f -- "--listings listings --known-ids existing.ids" > /dev/null
	# the registry was being written as the scan went: none was
	[ ! -e "$D/supported_models.json" ] && [ ! -e "$D/architecture_gaps.json" ]
	# kill -9 of the script alone: its hf-list goes on, holding only its files
	hf-scrape --endpoint "$SERVE_URL" -q --full-scan --checkpoint-interval 50 -o "$D" > /dev/null 2>&1 3>&- &
	pid=$!
	# once its hf-list has written a page (and so holds its files)
	before=$(cat "$D/.hf-scrape/scan.ckpt")
	for i in $(seq 200); do [ "$(cat "$D/.hf-scrape/scan.ckpt")" != "$before" ] && break; sleep 0.05; done
	kill -9 "$pid"; wait "$pid" 2>/dev/null || true
	run -4 --separate-stderr scrape --full-scan --checkpoint-interval 50 -o "$D"
	[[ "$stderr" == *"is being written by another run (process "* ]]
	for i in $(seq 400); do pgrep -f -- "--listings listings --known-ids existing.ids|--scan-stats $D/" > /dev/null || break; sleep 0.05; done
	# what the script had started ended without writing a registry
	[ ! -e "$D/supported_models.json" ]
	run -0 scrape --full-scan --checkpoint-interval 50 -o "$D"
	diff <(pairs "$D") "$G/supported.expected"
}

@test "make demo's script: serves the bundled snapshot, scrapes it, prints the top gaps, writes the page, leaves no server" {
	run -0 sh scripts/demo "$BATS_TEST_TMPDIR/demo"
	[[ "${lines[0]}" == "demo: serving 3"*" models from tests/fixtures/hub-small.ndjson at http://127.0.0.1:"* ]]
	url=${lines[0]##* at }
	assert_line --regexp '^rank +architecture +score +models'
	assert_line --regexp '^ +1 +[A-Za-z0-9]+ +[0-9.]+ +[0-9]+ '
	[ "${lines[${#lines[@]} - 1]}" = "demo: its page (open it in a browser): $BATS_TEST_TMPDIR/demo/index.html" ]
	[ -s "$BATS_TEST_TMPDIR/demo/supported_models.json" ]
	grep -q '<table' "$BATS_TEST_TMPDIR/demo/index.html"
	# the server is stopped: its port refuses
	run curl -sS --max-time 5 "$url/api/models?limit=1"
	[ "$status" -ne 0 ]
}
