#!/usr/bin/env bats
# hf-opt: a script's command line parsed by the text of its -h, with the
# parser of the C tools, into shell code; run as the scripts run it.
load helper

SPEC='usage: greet [-o|--output DIR] [--limit N] [--full-scan] [--by name|meta]

Greet.

options:
  -o, --output DIR   where (default .)
  --limit N          at most N
  --full-scan        all of them
  --by name|meta     how
  --task TASK        the task

examples:
  greet --full-scan'

# greet ARG...: what a script sees after eval: one word a line, or the
# help; the script's status.
greet() {
	local args
	args=$(hf-opt "$SPEC" "$@") || return
	eval "$args"
	printf '%s\n' "$@"
}

@test "options come out by their long names, values as the next word, as given" {
	run -0 --separate-stderr greet --lim=5 -o out --full -odir --by=meta --output=x
	[ "$output" = "$(printf '%s\n' --limit 5 --output out --full-scan --output dir --by meta --output x)" ]
	[ -z "$stderr" ]
}

@test "values keep every byte: quotes, dollars, backquotes, newlines, empty" {
	local v=$'it\'s $HOME `id` "q"\n\\ end'
	run -0 greet --output "$v" --output ''
	[ "${lines[0]}" = --output ]
	args=$(hf-opt "$SPEC" --output "$v" --output '')
	eval "$args"
	[ "$2" = "$v" ] && [ "$4" = '' ] && [ $# -eq 4 ]
}

@test "a leading -- is dropped (npm run's habit); a later one ends the options" {
	run -0 greet -- --limit=3
	[ "$output" = "$(printf '%s\n' --limit 3)" ]
	run -0 greet --limit=3 --
	run -2 --separate-stderr greet --limit=3 -- --full-scan
	[ "${stderr_lines[0]}" = "greet: unexpected argument --full-scan" ]
	run -2 --separate-stderr greet stray
	[ "${stderr_lines[0]}" = "greet: unexpected argument stray" ]
}

@test "mistakes: one line prefixed with the script's name, the usage, status 2, no code" {
	run -2 --separate-stderr hf-opt "$SPEC" --limt 5
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "greet: unknown option --limt; did you mean --limit?" ]
	[ "${stderr_lines[1]}" = "usage: greet [-o|--output DIR] [--limit N] [--full-scan] [--by name|meta]" ]
	run -2 --separate-stderr hf-opt "$SPEC" --limit
	[ "${stderr_lines[0]}" = "greet: option --limit needs a value" ]
	run -2 --separate-stderr hf-opt "$SPEC" --full-scan=1
	[ "${stderr_lines[0]}" = "greet: option --full-scan takes no value" ]
	run -2 --separate-stderr hf-opt "$SPEC" --limit=many
	[ "$stderr" = "greet: --limit takes a whole number" ]
	run -2 --separate-stderr hf-opt "$SPEC" --by size
	[ "$stderr" = "greet: --by takes name or meta" ]
	run -2 --separate-stderr hf-opt "$SPEC" -x
	[ "${stderr_lines[0]}" = "greet: unknown option -x" ]
	run -0 greet --task any-tag
}

@test "-h, --version and --option-table: the text and exit 0, from the script" {
	run -0 --separate-stderr sh -c 'eval "$(hf-opt "$1" -h)"; echo not reached' sh "$SPEC"
	[ "${lines[0]}" = "usage: greet [-o|--output DIR] [--limit N] [--full-scan] [--by name|meta]" ]
	[[ "$output" == *$'\nGreet.\n\noptions:\n  -o, --output DIR  '* ]]
	[[ "$output" == *$'\n  -h, --help '*'print this help and exit'* ]]
	[[ "$output" == *$'\nexamples:\n  greet --full-scan' ]]
	run -0 sh -c 'eval "$(hf-opt "$1" --he)"' sh "$SPEC"
	[ "${lines[0]:0:12}" = "usage: greet" ]
	run -0 sh -c 'eval "$(hf-opt "$1" --version)"' sh "$SPEC"
	[ "$output" = "greet $(sed -n 's/^VERSION = //p' "$TOP/config.mk")" ]
	run -0 sh -c 'eval "$(hf-opt "$1" --option-table)"' sh "$SPEC"
	[ "${lines[0]}" = $'--output\t-o\tDIR\t-\twhere (default .)' ]
	[ "${lines[3]}" = $'--by\t-\tname|meta\tname meta\thow' ]
	[[ "${lines[4]}" == $'--task\t-\tTASK\ttext-generation text2text-generation '* ]]
}

@test "a spec that does not read: hf-opt's own line naming the spec's line, status 2" {
	run -2 --separate-stderr hf-opt $'usage: x\n\noptions:\n  --limit N\n' --limit 3
	[ "$stderr" = "hf-opt: SPEC line 4: --limit has no help (two spaces, then what it does)" ]
	run -2 --separate-stderr hf-opt 'greet [--x]'
	[ "$stderr" = 'hf-opt: SPEC line 1: the spec starts with "usage: NAME"' ]
	run -2 --separate-stderr hf-opt
	[ "${stderr_lines[0]}" = "hf-opt: missing argument" ]
}
