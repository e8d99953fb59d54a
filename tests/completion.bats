#!/usr/bin/env bats
# Shell completion (comp/, made by scripts/mkcomp from each program's
# --option-table): bash through compgen after sourcing the file, as bash
# runs it; zsh, when installed, through the specs it gives _arguments.
load helper

C="$TOP/comp"

# programs: every tool of cmd/ and the scripts that parse with hf-opt.
programs() {
	local f
	for f in "$TOP"/cmd/*.c; do f=${f##*/}; echo "${f%.c}"; done
	echo hf-scrape
	echo hf-import
}

# complete PROGRAM WORD...: what bash offers for the last word, one a
# line, sorted (the words as bash splits them: --opt=v is --opt = v).
complete_words() {
	local fn
	# shellcheck disable=SC1090
	source "$C/bash/$1"
	fn=_${1//-/_}
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$fn"
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

@test "every program has a bash and a zsh completion, made from its own option table" {
	for p in $(programs); do
		echo "# $p"
		[ -f "$C/bash/$p" ] && [ -f "$C/zsh/_$p" ]
		run -0 complete_words "$p" --
		diff <(printf '%s\n' "$output") <("$p" --option-table | cut -f 1 | LC_ALL=C sort)
		run -0 complete_words "$p" -
		[ "$(printf '%s\n' "$output" | grep -c '^-[a-z]$')" -eq "$("$p" --option-table | cut -f 2 | grep -vcx -- -)" ]
	done
}

@test "architectures for --arch and --architecture, from the adapter table; also after =" {
	run -0 complete_words hf-filter --arch Mixt
	[ "$output" = MixtralForCausalLM ]
	run -0 complete_words hf-filter --arch = Qwen3M
	[ "$output" = Qwen3MoeForCausalLM ]
	run -0 complete_words hf-scrape --architecture Llama
	[ "$output" = LlamaForCausalLM ]
	[ "$(complete_words hf-filter --arch '' | wc -l)" -eq "$(hf-filter --print-adapters | wc -l)" ]
}

@test "tasks for --task, words for the options that take only some" {
	run -0 complete_words hf-list --task text2
	[ "$output" = text2text-generation ]
	run -0 complete_words hf-report --task text-g
	[ "$output" = text-generation ]
	run -0 complete_words hf-scrape --task image-text
	[ "$output" = image-text-to-text ]
	run -0 complete_words hf-score --downloads ''
	[ "$output" = "$(printf '%s\n' 30d all)" ]
	run -0 complete_words hf-filter --quantized-by m
	[ "$output" = meta ]
	run -0 complete_words hf-list --sort trend
	[ "$output" = trendingScore ]
	run -0 complete_words hf-list --limit ''
	[ -z "$output" ]
}

@test "files where a file is due, directories for a directory, nothing where no operand is" {
	mkdir "$BATS_TEST_TMPDIR/dir.d"
	: > "$BATS_TEST_TMPDIR/file.tsv"
	cd "$BATS_TEST_TMPDIR"
	run -0 complete_words hf-filter --adapters fi
	[ "$output" = file.tsv ]
	run -0 complete_words hf-list --models-from = fi
	[ "$output" = file.tsv ]
	run -0 complete_words hf-scrape -o ''
	[ "$output" = dir.d ]
	run -0 complete_words hf-arch --spec ''
	[ "$output" = "$(printf '%s\n' dir.d file.tsv)" ]
	run -0 complete_words hf-serve --port 0 f
	[ "$output" = file.tsv ]
	run -0 complete_words hf-diff ''
	[ "$output" = dir.d ]
	run -0 complete_words hf-list ''
	[ -z "$output" ]
	run -0 complete_words hf-import ''
	[ -z "$output" ]
}

@test "zsh: each option's spec for _arguments, with its help and what its value completes to" {
	command -v zsh > /dev/null || skip "zsh is not installed"
	for p in $(programs); do
		zsh -n "$C/zsh/_$p"
	done
	run -0 zsh -fc '_arguments() { print -rl -- "$@" }; source "$1"' zsh "$C/zsh/_hf-filter"
	[ "${lines[0]}" = -s ] && [ "${lines[1]}" = -S ]
	assert_line '*--no-quantized[drop quantized models (by name and metadata)]'
	assert_line '*--quantized-by=[which tests --no-quantized uses (default any)]:name|meta|any:(name meta any)'
	assert_line "*--keep-canonical[with --min-downloads, keep the canonical organisations' models below it]"
	assert_line --regexp '^\*--arch=\[keep only architecture ARCH, exactly; repeatable\]:ARCH:\(.* LlamaForCausalLM .*\)$'
	assert_line '*--adapters=[read the adapter table from FILE (default: HF_ADAPTERS, else the built-in one)]:FILE:_files'
	assert_line '*:file:_files'
	run -0 zsh -fc '_arguments() { print -rl -- "$@" }; source "$1"' zsh "$C/zsh/_hf-scrape"
	assert_line '*-o+[the registry directory (default ./data)]:DIR:_files -/'
	assert_line '*--output=[the registry directory (default ./data)]:DIR:_files -/'
	refute_line '*:file:_files'
}

@test "make install puts them where bash-completion and zsh look" {
	run -0 make -s -C "$TOP" install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr
	for p in $(programs); do
		[ -f "$BATS_TEST_TMPDIR/root/usr/share/bash-completion/completions/$p" ]
		[ -f "$BATS_TEST_TMPDIR/root/usr/share/zsh/site-functions/_$p" ]
	done
	[ -x "$BATS_TEST_TMPDIR/root/usr/bin/hf-opt" ]
	run -0 make -s -C "$TOP" uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr
	[ -z "$(find "$BATS_TEST_TMPDIR/root" -type f)" ]
}
