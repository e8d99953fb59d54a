#!/usr/bin/env bats
# hf-page in a real browser: Debian's headless Chromium loads the page from
# file:// with every host name unresolvable, and the DOM it dumps is
# checked.  Four launches, all in setup_file: the page (DOM, screenshot,
# net log), the page with a filter in its fragment, a page of 10,000
# models (the filter's time is reported, not asserted), and a control page
# that does request something, which proves the net log check can fail.
load helper

CHROMIUM=/usr/bin/chromium
F="$FIX/hf-page"

# browse OUT URL [chromium options]: OUT.dom, OUT.net (the net log) and
# OUT.err; at most 60 s.  No host resolves, so nothing leaves the machine
# whatever the browser itself tries (it asks its update service).
browse() {
	local out=$1 url=$2
	shift 2
	rm -rf "$BATS_FILE_TMPDIR/profile"
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking --disable-component-update \
	    --disable-sync --disable-extensions --allow-browser-signin=false \
	    --disable-features=NetworkTimeServiceQuerying \
	    --host-resolver-rules='MAP * ~NOTFOUND' \
	    --user-data-dir="$BATS_FILE_TMPDIR/profile" --log-net-log="$out.net" \
	    "$@" --dump-dom "$url" >"$out.dom" 2>"$out.err"
}

setup_file() {
	if [ ! -x "$CHROMIUM" ]; then
		echo "no $CHROMIUM: install Debian's chromium (sh scripts/deps --browser)" >&2
		return 1
	fi
	local d=$BATS_FILE_TMPDIR
	hf-page --since "$F/old" "$F/reg" >"$d/page.html"
	printf '%s\n' '<!DOCTYPE html><title>control</title>' \
	    '<link rel="stylesheet" href="https://example.invalid/a.css">' >"$d/control.html"
	sh "$TOP/scripts/bench-page" --registry "$d/big"
	hf-page -o "$d/big.html" "$d/big"
	browse "$d/page" "file://$d/page.html" --window-size=1280,900 --screenshot="$d/page.png"
	browse "$d/filtered" "file://$d/page.html#arch=LlamaForCausalLM"
	browse "$d/big" "file://$d/big.html#arch=LlamaForCausalLM"
	browse "$d/control" "file://$d/control.html" --window-size=1280,900 --screenshot="$d/control.png"
}

# The rows of table id in a DOM, one per line.
rows() {
	sed -n "/<table id=\"$1\">/,/<\/table>/p" "$2" | sed 's|</tr>|&\n|g' |
	    sed -n 's|^.*\(<tr><td.*\)$|\1|p'
}

@test "the top 10 gaps in order, with the numbers of architecture_gaps.json" {
	rows gap-table "$BATS_FILE_TMPDIR/page.dom" | head -n 10 |
	    sed -n 's|^<tr><td class="n" data-v="\([0-9]*\)">[0-9]*</td><td>\([^<]*\)</td><td class="n" data-v="[^"]*">\([0-9.]*\)</td><td class="n" data-v="\([0-9]*\)">[^<]*</td><td class="n" data-v="\([0-9]*\)">.*|\1\t\2\t\3\t\4\t\5|p' |
	    sed 's/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' >"$BATS_TEST_TMPDIR/got"
	grep -v '^#' "$F/top10.tsv" | diff - "$BATS_TEST_TMPDIR/got"
}

@test "one chart bar per top gap" {
	[ "$(grep -o 'class="gap-bar"' "$BATS_FILE_TMPDIR/page.dom" | wc -l)" -eq 12 ]
	[ "$(grep -o 'class="arch-bar"' "$BATS_FILE_TMPDIR/page.dom" | wc -l)" -eq 4 ]
	# ... and no more than 20 on a page of 500 gaps
	[ "$(grep -o 'class="gap-bar"' "$BATS_FILE_TMPDIR/big.dom" | wc -l)" -eq 20 ]
}

@test "the script ran: filters shown, every model listed without a filter" {
	grep -q '<form id="filters">' "$BATS_FILE_TMPDIR/page.dom"
	grep -q '<body data-filter-ms="[0-9.]*" data-shown="11">' "$BATS_FILE_TMPDIR/page.dom"
	[ "$(rows models "$BATS_FILE_TMPDIR/page.dom" | wc -l)" -eq 11 ]
}

@test "#arch=LlamaForCausalLM leaves only that architecture's rows" {
	rows models "$BATS_FILE_TMPDIR/filtered.dom" >"$BATS_TEST_TMPDIR/rows"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/rows")" -eq 5 ]
	run ! grep -v '^<tr><td>LlamaForCausalLM</td>' "$BATS_TEST_TMPDIR/rows"
	grep -q '<option value="LlamaForCausalLM">LlamaForCausalLM</option>' "$BATS_FILE_TMPDIR/filtered.dom"
	grep -q '<output id="shown">5 of 11 models</output>' "$BATS_FILE_TMPDIR/filtered.dom"
}

@test "a filter over 10,000 models (time reported, not asserted)" {
	grep -q 'data-shown="1250"' "$BATS_FILE_TMPDIR/big.dom"
	ms=$(sed -n 's/.*<body data-filter-ms="\([0-9.]*\)".*/\1/p' "$BATS_FILE_TMPDIR/big.dom")
	[ -n "$ms" ]
	echo "# filter #arch=LlamaForCausalLM over 10,000 models: $ms ms (performance.now())" >&3
}

@test "hostile ids and architectures show as text and run nothing" {
	dom=$BATS_FILE_TMPDIR/page.dom
	# each payload, had it run, would have set data-pwned on <html>
	run ! grep -q '<[^>]*data-pwned=' "$dom"
	run ! grep -q '<img' "$dom"
	run ! grep -q '<[^>]* onmouseover=' "$dom"
	grep -qF "<td>&lt;script&gt;document.documentElement.setAttribute('data-pwned','1')&lt;/script&gt;</td>" "$dom"
	grep -qF "<td>evil/x\" onmouseover=\"document.documentElement.setAttribute('data-pwned','2')</td>" "$dom"
	grep -qF '<td>café/模型-ü</td>' "$dom"
}

@test "no resource is requested from anywhere" {
	# Requests a page makes carry its origin ("null" for file://); the
	# browser's own carry "not an origin".
	for net in page filtered big; do
		run ! bash -c "grep -o '\"initiator\":\"[^\"]*\"' '$BATS_FILE_TMPDIR/$net.net' | grep -v '\"not an origin\"'"
	done
	# The check can fail: the control page's stylesheet shows up.
	grep -q '"initiator":"null"' "$BATS_FILE_TMPDIR/control.net"
	grep -q 'example.invalid/a.css' "$BATS_FILE_TMPDIR/control.net"
}

@test "the screenshot is not blank" {
	png=$BATS_FILE_TMPDIR/page.png blank=$BATS_FILE_TMPDIR/control.png
	# a PNG of 1280x900 (IHDR width and height, big-endian)
	[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	[ "$(od -An -tu1 -j16 -N8 "$png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 3 132" ]
	# a blank page of the same size compresses to almost nothing
	size=$(wc -c <"$png") empty=$(wc -c <"$blank")
	echo "# screenshot $size bytes, blank page $empty bytes" >&3
	[ "$size" -gt $((empty * 10)) ]
}
