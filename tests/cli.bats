#!/usr/bin/env bats
# The command line every tool shares (DESIGN section 7, lib/opt.c), one
# loop over every tool built from cmd/: -h and --help, --version, unknown
# options, a full disk, a reader that goes away, a missing input file.
# A new cmd/NAME.c is covered by itself; only the commands that make it
# write real output, and name a missing file, are listed below.
load helper

MISSING="$BATS_TEST_TMPDIR/no-such-file"
VERSION=$(sed -n 's/^VERSION = //p' "$TOP/config.mk")

# tools: the name of every tool, from cmd/*.c.
tools() {
	local f
	for f in "$TOP"/cmd/*.c; do
		f=${f##*/}
		echo "${f%.c}"
	done
}

# scripts: the driver scripts, which parse with hf-opt as the tools do.
scripts() { echo hf-scrape; echo hf-import; }

# registry DIR N: a registry written by hf-report from the snapshot's
# first N models, once (for the tools that read registries).
registry() {
	[ -f "$1/supported_models.json" ] ||
	    head -n "$2" "$SNAP" | hf-report -q -o "$1" --scanned "$2"
}

# real TOOL: run TOOL so that it writes a lot to standard output (more
# than a pipe holds).  hf-list needs start_serve first.
real() {
	case $1 in
	hf-arch | hf-filter) "$1" "$SNAP" ;;
	hf-score) hf-score -p "$SNAP" ;;
	hf-report) hf-report --dry-run -o "$BATS_TEST_TMPDIR/dry" "$SNAP" ;;
	hf-list) hf-list -q --endpoint "$SERVE_URL" --page-size 1000 ;;
	hf-serve) hf-serve --port 0 "$SNAP" ;;
	hf-opt) hf-opt "$(printf 'usage: x\n\n'; seq 20000)" -h ;;
	hf-page) registry "$BATS_TEST_TMPDIR/all" 3000 && hf-page "$BATS_TEST_TMPDIR/all" ;;
	hf-diff)
		registry "$BATS_TEST_TMPDIR/half" 1500 && registry "$BATS_TEST_TMPDIR/all" 3000 &&
		    hf-diff "$BATS_TEST_TMPDIR/half" "$BATS_TEST_TMPDIR/all" ;;
	*) echo "cli.bats: add a command writing real output for $1 to real()" >&2; return 99 ;;
	esac
}

# missing TOOL: run TOOL with $MISSING as its input file (hf-report with
# -q: it reports what it merged on stderr too).
missing() {
	case $1 in
	hf-list) hf-list --models-from "$MISSING" ;;
	hf-report) hf-report -q -o "$BATS_TEST_TMPDIR/out" "$MISSING" ;;
	hf-diff) registry "$BATS_TEST_TMPDIR/all" 3000 && hf-diff "$MISSING" "$BATS_TEST_TMPDIR/all" ;;
	*) "$1" "$MISSING" ;;
	esac
}

# near_miss TOOL: a long option of TOOL (from -h) with its last two
# letters swapped, and the option itself: "--spce --spec".
near_miss() {
	local o
	for o in $("$1" -h | grep -o -- '--[a-z][a-z-]*[a-z]'); do
		[ "${o: -1}" != "${o: -2:1}" ] || continue
		echo "${o:0:${#o}-2}${o: -1}${o: -2:1} $o"
		return 0
	done
	return 1
}

# man_options PAGE: the options the items (.It) of PAGE name, one a line,
# sorted: "--output", "-o".
man_options() {
	awk '/^\.It/ { for (i = 1; i < NF; i++) if ($i == "Fl") {
		w = $(i + 1); sub(/,$/, "", w); print "-" w } }' "$1" | sort -u
}

# table_options TOOL: the long options and letters of TOOL's table, sorted.
table_options() {
	"$1" --option-table | cut -f 1,2 | tr '\t' '\n' | grep -vx -- - | sort -u
}

# man_examples PAGE: the lines of PAGE's EXAMPLES section as the reader
# sees them (.Dl lines without the macro, roff escapes undone).
man_examples() {
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /{ s/^\.Dl //; /^\./d; p; }' "$1" |
	    sed 's/\\&//g; s/\\-/-/g; s/\\e/\\/g'
}

# to_full CMD...: CMD with its standard output on a full disk.
to_full() { "$@" >/dev/full; }
# to_head CMD...: CMD read by head -n 1; the status is CMD's.
to_head() { set -o pipefail; "$@" | head -n 1; }

@test "every tool is built and answers -h and --help on stdout, status 0" {
	[ "$(tools | wc -l)" -ge 6 ]
	for t in $(tools); do
		echo "# $t"
		run -0 --separate-stderr "$t" -h
		[[ "$output" == "usage: $t "* ]]
		[ -z "$stderr" ]
		local help=$output
		run -0 --separate-stderr "$t" --help
		[ "$output" = "$help" ]
		[ -z "$stderr" ]
	done
}

@test "-h: what the tool does, every option with its help, two examples" {
	for t in $(tools); do
		echo "# $t"
		run -0 --separate-stderr "$t" -h
		[[ "$output" == *$'\n\noptions:\n'* ]]
		[[ "$output" == *$'\n  -h, --help '*'print this help and exit'* ]]
		local opt
		for opt in $("$t" --option-table | cut -f 1); do
			[[ "$output" == *" $opt"[\ $'\n']* ]] || { echo "# -h lacks $opt"; false; }
		done
		[ "$(printf '%s\n' "$output" | sed -n '/^examples:$/,$p' | grep -c '^  ')" -eq 2 ]
	done
}

@test "-h is true to the man page: the same options, its examples among the page's" {
	for t in $(tools); do
		echo "# $t"
		diff <(table_options "$t") <(man_options "$TOP/man/$t.1")
		"$t" -h | sed -n '/^examples:$/,$s/^  //p' >"$BATS_TEST_TMPDIR/ex"
		man_examples "$TOP/man/$t.1" >"$BATS_TEST_TMPDIR/man"
		run -0 grep -vxFf "$BATS_TEST_TMPDIR/man" "$BATS_TEST_TMPDIR/ex" ||
		    [ "$status" -eq 1 ]
		[ -z "$output" ] || { echo "# not in man/$t.1: $output"; false; }
	done
}

@test "--option-table: five fields a line, --help and --version last; no prefix of it" {
	for t in $(tools); do
		echo "# $t"
		run -0 --separate-stderr "$t" --option-table
		[ -z "$stderr" ]
		[ "$(printf '%s\n' "$output" | awk -F '\t' 'NF != 5' | wc -l)" -eq 0 ]
		[ "${lines[-2]}" = $'--help\t-h\t-\t-\tprint this help and exit' ]
		[ "${lines[-1]}" = $'--version\t-\t-\t-\tprint the version and exit' ]
		run -2 --separate-stderr "$t" --option-tab
	done
}

@test "--version prints NAME VERSION" {
	for t in $(tools); do
		echo "# $t"
		run -0 --separate-stderr "$t" --version
		[ "$output" = "$t $VERSION" ]
		[ -z "$stderr" ]
	done
}

@test "an unknown option: status 2, the usage on stderr, 'did you mean' for a near miss" {
	for t in $(tools); do
		echo "# $t"
		run -2 --separate-stderr "$t" --no-such-option
		[ -z "$output" ]
		[ "${stderr_lines[0]}" = "$t: unknown option --no-such-option" ]
		[[ "${stderr_lines[1]}" == "usage: $t "* ]]
		read -r typo right < <(near_miss "$t")
		echo "# $t $typo"
		run -2 --separate-stderr "$t" "$typo"
		[ "${stderr_lines[0]}" = "$t: unknown option $typo; did you mean $right?" ]
		[[ "${stderr_lines[1]}" == "usage: $t "* ]]
		run -2 --separate-stderr "$t" -Z
		[ "${stderr_lines[0]}" = "$t: unknown option -Z" ]
	done
}

@test "a word that was typed is shown with its control bytes, C1 controls and invalid UTF-8 as \\xNN, a long one cut with ..." {
	esc=$'--no\e[2J\xc2\x9b\xff'
	for t in $(tools); do
		run -2 --separate-stderr "$t" "$esc"
		[ "${stderr_lines[0]}" = "$t: unknown option --no\\x1b[2J\\xc2\\x9b\\xff" ]
	done
	run -0 --separate-stderr hf-filter --arch $'LlamaForCausalLm\e' </dev/null
	[ "${stderr_lines[0]}" = 'hf-filter: --arch LlamaForCausalLm\x1b is not in the adapter table; did you mean LlamaForCausalLM?' ]
	run -2 --separate-stderr hf-serve --bind $'127.0.0.1\n' tests/fixtures/hub-small.ndjson
	[ "${stderr_lines[0]}" = 'hf-serve: --bind takes an IPv4 address, not 127.0.0.1\x0a' ]
	run -2 --separate-stderr hf-report --models-json /dev/null --set $'x=1\r' </dev/null
	[[ "${stderr_lines[0]}" == *', not x=1\x0d' ]]
	long=--$(printf 'x%.0s' $(seq 300))
	run -2 --separate-stderr hf-list "$long"
	[[ "${stderr_lines[0]}" == 'hf-list: unknown option --xxx'*'...' ]]
	[ "${#stderr_lines[0]}" -lt 300 ]
}

@test "> /dev/full: status 4 and one message, for -h, --version and real output" {
	start_serve "$SNAP"
	for t in $(tools); do
		for how in -h --version; do
			echo "# $t $how"
			run -4 --separate-stderr to_full "$t" "$how"
			[ "$stderr" = "$t: cannot write standard output: No space left on device" ]
		done
		echo "# $t real output"
		run -4 --separate-stderr to_full real "$t"
		[ "$stderr" = "$t: cannot write standard output: No space left on device" ]
	done
}

@test "mkhub: -h with its options, defaults and two examples; the same bytes for the same count and seed; a bad count is status 2" {
	run -0 --separate-stderr mkhub -h
	[[ "$output" == "usage: mkhub "* ]] && [ -z "$stderr" ]
	[[ "$output" == *"-n COUNT        how many models (default 3000)"* ]]
	[ "$(printf '%s\n' "$output" | sed -n '/^examples:$/,$p' | grep -c '^  ')" -eq 2 ]
	[ "$(mkhub -n 50 -s 3 | cksum)" = "$(mkhub -n 50 -s 3 | cksum)" ]
	[ "$(mkhub -n 50 -s 3 | wc -l)" -eq 50 ]
	[ "$(mkhub -n 50 -s 3 | cksum)" != "$(mkhub -n 50 -s 4 | cksum)" ]
	run -2 --separate-stderr mkhub -n many
	[[ "$stderr" == "usage: mkhub "* ]]
}

@test "> /dev/full: the scripts too, status 4 and one line; hf-scrape's registry is written and its work directory gone" {
	for s in $(scripts); do
		for how in -h --version; do
			echo "# $s $how"
			run -4 --separate-stderr to_full "$s" "$how"
			[ "$stderr" = "$s: cannot write standard output" ]
		done
	done
	start_serve "$SNAP"
	run -4 --separate-stderr to_full hf-scrape -q --endpoint "$SERVE_URL" --full-scan -o "$BATS_TEST_TMPDIR/d"
	[ "$stderr" = "hf-scrape: cannot write standard output" ]
	[ -s "$BATS_TEST_TMPDIR/d/supported_models.json" ]
	[ ! -e "$BATS_TEST_TMPDIR/d/.hf-scrape" ]
}

@test "| head -n 1: the tool ends quietly, status 0, nothing on stderr" {
	start_serve "$SNAP"
	for t in $(tools); do
		echo "# $t -h"
		run -0 --separate-stderr to_head "$t" -h
		[ "${#lines[@]}" -eq 1 ]
		[ -z "$stderr" ]
		# a server prints its URL and serves on: no reader goes away
		[ "$t" != hf-serve ] || continue
		echo "# $t real output"
		run -0 --separate-stderr to_head real "$t"
		[ "${#lines[@]}" -eq 1 ]
		[ -z "$stderr" ]
	done
}

@test "a missing input file: one line naming it, a failing status" {
	for t in $(tools); do
		[ "$t" != hf-opt ] || continue # reads no file
		echo "# $t"
		run --separate-stderr missing "$t"
		[ "$status" -ne 0 ]
		[ "$status" -lt 128 ]
		[ "${#stderr_lines[@]}" -eq 1 ]
		[[ "$stderr" == "$t: "*"$MISSING"* ]]
		[[ "$stderr" == *": No such file or directory" ]]
	done
}

@test "the scripts take options as the tools do: -h, --version, --option-table, did you mean, =, prefixes, a leading --" {
	for s in $(scripts); do
		echo "# $s"
		run -0 --separate-stderr "$s" -h
		[[ "$output" == "usage: $s "* ]] && [ -z "$stderr" ]
		[[ "$output" == *$'\n\noptions:\n'*$'\n  -h, --help '* ]]
		[ "$(printf '%s\n' "$output" | sed -n '/^examples:$/,$p' | grep -c '^  ')" -eq 2 ]
		run -0 "$s" --version
		[ "$output" = "$s $VERSION" ]
		diff <(table_options "$s") <(man_options "$TOP/man/$s.1")
		"$s" -h | sed -n '/^examples:$/,$s/^  //p' >"$BATS_TEST_TMPDIR/ex"
		man_examples "$TOP/man/$s.1" >"$BATS_TEST_TMPDIR/man"
		run -1 grep -vxFf "$BATS_TEST_TMPDIR/man" "$BATS_TEST_TMPDIR/ex"
		read -r typo right < <(near_miss "$s")
		run -2 --separate-stderr "$s" "$typo"
		[ -z "$output" ]
		[ "${stderr_lines[0]}" = "$s: unknown option $typo; did you mean $right?" ]
		[[ "${stderr_lines[1]}" == "usage: $s "* ]]
		# a whole-number option, by a prefix, with =, after a leading --
		local n
		n=$("$s" --option-table | awk -F '\t' '$3 == "N" { print $1; exit }')
		run -2 --separate-stderr "$s" -- "${n:0:${#n}-1}=many"
		[ "$stderr" = "$s: $n takes a whole number" ]
	done
}
