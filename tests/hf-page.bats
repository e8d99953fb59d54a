#!/usr/bin/env bats
# hf-page: the page's content and escaping, Markdown and proposals byte
# for byte (tests/fixtures/hf-page/README.md says why they are right),
# -o, bad registries.  In a browser: hf-page-browser.bats; the man page's
# examples: tests/man-examples.
load helper

F="$FIX/hf-page"

@test "a self-contained page: CSP, no external resource, charts, every row" {
	run -0 --separate-stderr hf-page "$F/reg"
	[ -z "$stderr" ]
	[[ "${lines[0]}" == '<!DOCTYPE html>' ]]
	page=$output
	[[ "$page" == *"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"* ]]
	# every URL is a Hub page; nothing is loaded from anywhere
	[ -z "$(grep -o 'https\?://[^"]*' <<<"$page" | grep -v '^https://huggingface\.co/')" ]
	[ "$(grep -o 'class="gap-bar"' <<<"$page" | wc -l)" -eq 12 ]
	[ "$(grep -o 'class="arch-bar"' <<<"$page" | wc -l)" -eq 4 ]
	[ "$(grep -c '^<tr><td>' <<<"$page")" -eq 11 ]
	[ "$(grep -c '^<tr><td class="n" data-v="' <<<"$page")" -eq 12 ]
	[[ "$page" == *'<title>Model registry, 2026-11-24</title>'* ]]
	run ! grep -Eq ' src="|<link rel="stylesheet|url\(|@import' <<<"$page"
}

@test "every string escaped: hostile ids are text, only valid ids are links" {
	run -0 hf-page "$F/reg"
	[ "$(grep -c '<script' <<<"$output")" -eq 1 ]
	[[ "$output" == *"<td>&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;</td>"* ]]
	[[ "$output" == *'<td>evil/x&quot; onmouseover=&quot;document'* ]]
	[[ "$output" == *'<td>a&amp;b/c</td>'* ]]
	[[ "$output" == *'<td>café/模型-ü</td>'* ]]
	[[ "$output" == *'<a href="https://huggingface.co/openai-community/gpt2">openai-community/gpt2</a>'* ]]
	[[ "$output" == *'<a href="https://huggingface.co/gpt2">gpt2</a>'* ]]
	page=$output
	run ! grep -q '<img' <<<"$page"
	run ! grep -q 'href="https://huggingface.co/caf' <<<"$page"
}

@test "gaps ranked and their samples smallest first; dates from the history" {
	run -0 hf-page "$F/reg"
	# the file lists Starcoder2 before Café; the rank puts the tie by name
	[ "$(sed -n '/<table id="gap-table">/,/<\/table>/p' <<<"$output" | grep -o '<td>[^<]*ForCausalLM</td>' | tail -n 2 | tr -d '\n')" = '<td>CaféForCausalLM</td><td>Starcoder2ForCausalLM</td>' ]
	[[ "$output" == *'Qwen2.5-VL-3B-Instruct</a> (3.8B), <a href="https://huggingface.co/Qwen/Qwen2.5-VL-7B-Instruct">Qwen/Qwen2.5-VL-7B-Instruct</a> (8.3B)'* ]]
	[[ "$output" == *'openai-community/gpt2</a></td><td>verified</td><td>2026-11-18</td>'* ]]
	[[ "$output" == *'meta-llama/Llama-3.1-8B</a></td><td>unverified</td><td></td>'* ]]
}

@test "--markdown: the golden file, byte for byte" {
	run -0 hf-page --markdown "$F/reg"
	diff "$F/page.expected.md" <(hf-page --markdown "$F/reg")
}

@test "--since: the section hf-diff --markdown writes, on the page and in the Markdown" {
	run -0 hf-page --markdown --since "$F/old" "$F/reg"
	[[ "$output" == *"$(cat "$F/diff.expected.md")"* ]]
	run -0 hf-page --since "$F/old" "$F/reg"
	[[ "$output" == *'<h2 id="since">Since the last scan</h2>'* ]]
	[[ "$output" == *'<h3>New gaps (1)</h3>'* ]]
	[[ "$output" == *'<a href="#since">'* ]]
	run -0 hf-page "$F/reg"
	[[ "$output" != *'id="since"'* ]]
}

@test "--title, escaped" {
	run -0 hf-page --title 'TransformerLens <models> & more' "$F/reg"
	[[ "$output" == *'<title>TransformerLens &lt;models&gt; &amp; more, 2026-11-24</title>'* ]]
	[[ "$output" == *'<h1>TransformerLens &lt;models&gt; &amp; more</h1>'* ]]
}

@test "--proposal: the golden file; a name that is no gap is exit 2" {
	run -0 hf-page --proposal Qwen2_5_VLForConditionalGeneration "$F/reg"
	[ "$output" = "$(cat "$F/proposal.expected.md")" ]
	run -2 --separate-stderr hf-page --proposal NopeForCausalLM "$F/reg"
	[ "$stderr" = "hf-page: NopeForCausalLM: not an unsupported architecture of $F/reg" ]
	[ -z "$output" ]
	run -2 --separate-stderr hf-page --proposal LlamaForCausalLM "$F/reg"
	[[ "$stderr" == *'(it is supported)' ]]
	# without a state file the proposal says where sizes would come from
	cp -r "$F/reg" "$BATS_TEST_TMPDIR/r"
	rm "$BATS_TEST_TMPDIR/r/.hf-report-state.ndjson"
	run -0 hf-page --proposal Qwen2_5_VLForConditionalGeneration "$BATS_TEST_TMPDIR/r"
	[[ "$output" == *'The registry has no per-model sizes (no .hf-report-state.ndjson beside it)'* ]]
}

@test "-o writes the file whole; a failed write is exit 4 naming it" {
	run -0 hf-page -o "$BATS_TEST_TMPDIR/index.html" "$F/reg"
	[ -z "$output" ]
	cmp "$BATS_TEST_TMPDIR/index.html" <(hf-page "$F/reg")
	run -4 --separate-stderr hf-page -o "$BATS_TEST_TMPDIR/no/such/index.html" "$F/reg"
	[[ "$stderr" == "hf-page: cannot write $BATS_TEST_TMPDIR/no/such/index.html: No such file or directory" ]]
	run -4 --separate-stderr bash -c "hf-page '$F/reg' > /dev/full"
	[[ "$stderr" == *'cannot write standard output'* ]]
}

@test "a registry that does not parse is exit 4 naming the file and the byte" {
	cp -r "$F/reg" "$BATS_TEST_TMPDIR/r"
	printf '{"models": [{"model_id": "a/b",}]}' >"$BATS_TEST_TMPDIR/r/supported_models.json"
	run -4 --separate-stderr hf-page "$BATS_TEST_TMPDIR/r"
	[[ "$stderr" == "hf-page: $BATS_TEST_TMPDIR/r/supported_models.json: "*" near byte "* ]]
	[ -z "$output" ]
	printf '{"models": [{"model_id": "a/b"}]}' >"$BATS_TEST_TMPDIR/r/supported_models.json"
	run -4 --separate-stderr hf-page "$BATS_TEST_TMPDIR/r"
	[[ "$stderr" == *'supported_models.json: an entry without a string "architecture_id", at byte 12' ]]
	run -4 --separate-stderr hf-page --since "$BATS_TEST_TMPDIR/r" "$F/reg"
	[[ "$stderr" == *'supported_models.json: an entry without'* ]]
	run -4 --separate-stderr hf-page "$BATS_TEST_TMPDIR/none"
	[ "$stderr" = "hf-page: cannot read $BATS_TEST_TMPDIR/none: No such file or directory" ]
	mkdir "$BATS_TEST_TMPDIR/empty"
	run -4 --separate-stderr hf-page "$BATS_TEST_TMPDIR/empty"
	[ "$stderr" = "hf-page: $BATS_TEST_TMPDIR/empty: no supported_models.json or architecture_gaps.json" ]
}

@test "usage: one directory; --proposal alone; -h and --version" {
	run -2 --separate-stderr hf-page
	run -2 --separate-stderr hf-page "$F/reg" "$F/old"
	run -2 --separate-stderr hf-page --proposal X --markdown "$F/reg"
	[[ "$stderr" == *'--proposal excludes --markdown, --since and --title'* ]]
	run -2 --separate-stderr hf-page --bogus "$F/reg"
	run -0 hf-page -h
	[[ "$output" == *'usage: hf-page [--markdown] [--since OLD] [--title TEXT] [-o FILE] DIR'* ]]
	[[ "$output" == *'--proposal ARCH'* ]]
	run -0 hf-page --version
	[[ "$output" == 'hf-page '[0-9]* ]]
}

@test "a registry hf-report wrote: the page of its records" {
	hf-report -q -o "$BATS_TEST_TMPDIR/d" "$FIX/hf-report/models.ndjson"
	run -0 hf-page --markdown "$BATS_TEST_TMPDIR/d"
	[[ "$output" == *'| 1 | AlphaForCausalLM | 100.0 | 3 | 999 | 500M | [a/one](https://huggingface.co/a/one) (500M), [a/two](https://huggingface.co/a/two) (2.0B), [a/three](https://huggingface.co/a/three) |'* ]]
	[[ "$output" == *'| Supported models | 2 |'* ]]
}
