# hf-tools - POSIX make.  Targets: all check check-san fuzz demo install
# uninstall clean.  Each area owns its own lines below (BIN_*, LIBOBJ_*,
# HDR_*, UNIT_*, FUZZ_*), so adding a tool, a lib module or a harness
# touches only its line.
.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

include config.mk

BIN_CORE = hf-arch hf-filter hf-opt
BIN_NET = hf-list
BIN_SERVE = hf-serve
BIN_REPORT = hf-score hf-report
BIN_PAGE = hf-page hf-diff
BIN = $(BIN_CORE) $(BIN_NET) $(BIN_SERVE) $(BIN_REPORT) $(BIN_PAGE)

SCRIPTS_CORE =
SCRIPTS_SERVE = scripts/mkhub
SCRIPTS_DRIVER = scripts/hf-scrape scripts/hf-import
SCRIPTS = $(SCRIPTS_CORE) $(SCRIPTS_SERVE) $(SCRIPTS_DRIVER)
# Programs with shell completion: every tool and the scripts that parse
# with hf-opt.
COMPLETE = $(BIN) hf-scrape hf-import

MAN1_CORE = man/hf-arch.1 man/hf-filter.1 man/hf-opt.1
MAN1_NET = man/hf-list.1
MAN1_SERVE = man/hf-serve.1 man/mkhub.1
MAN1_REPORT = man/hf-score.1 man/hf-report.1
MAN1_DRIVER = man/hf-scrape.1 man/hf-import.1
MAN1_PAGE = man/hf-page.1 man/hf-diff.1
MAN1 = $(MAN1_CORE) $(MAN1_NET) $(MAN1_SERVE) $(MAN1_REPORT) $(MAN1_DRIVER) \
	$(MAN1_PAGE)
MAN7 = man/hf-tools.7

LIBOBJ_CORE = lib/diag.o lib/alloc.o lib/num.o lib/file.o lib/opt.o \
	lib/near.o lib/listfile.o lib/ndjson.o lib/out.o lib/json.o lib/adapters.o \
	lib/adapters_tsv.o lib/model.o lib/record.o lib/strset.o lib/fstats.o \
	lib/optspec.o
LIBOBJ_NET = lib/http.o lib/huberr.o lib/ckpt.o lib/hubref.o lib/token.o \
	lib/listing.o lib/scan.o lib/fetch.o lib/url.o lib/progress.o
LIBOBJ_SERVE = lib/hub.o lib/fault.o lib/hubsrv.o
LIBOBJ_REPORT = lib/score.o lib/pyjson.o lib/registry.o lib/tlreg.o lib/calc.o \
	lib/summary.o
LIBOBJ_PAGE = lib/doc.o lib/regdir.o lib/regdiff.o lib/page.o \
	lib/page_assets.o
LIBOBJ = $(LIBOBJ_CORE) $(LIBOBJ_NET) $(LIBOBJ_SERVE) $(LIBOBJ_REPORT) \
	$(LIBOBJ_PAGE)

HDR_CORE = lib/hf.h lib/diag.h lib/alloc.h lib/num.h lib/file.h lib/opt.h \
	lib/near.h lib/listfile.h lib/ndjson.h lib/out.h lib/json.h lib/adapters.h \
	lib/model.h lib/record.h lib/strset.h lib/fstats.h lib/optspec.h
HDR_NET = lib/http.h lib/huberr.h lib/ckpt.h lib/hubref.h lib/token.h \
	lib/listing.h lib/scan.h lib/fetch.h lib/url.h lib/progress.h
HDR_SERVE = lib/hub.h lib/fault.h lib/hubsrv.h
HDR_REPORT = lib/score.h lib/pyjson.h lib/registry.h lib/tlreg.h lib/calc.h \
	lib/summary.h
HDR_PAGE = lib/doc.h lib/regdir.h lib/regdiff.h lib/page.h
HDR = $(HDR_CORE) $(HDR_NET) $(HDR_SERVE) $(HDR_REPORT) $(HDR_PAGE)

UNIT_CORE = tests/unit/test_json tests/unit/test_ndjson tests/unit/test_model tests/unit/test_strset tests/unit/test_adapters tests/unit/test_record \
	tests/unit/test_diag tests/unit/test_alloc tests/unit/test_num tests/unit/test_file tests/unit/test_opt \
	tests/unit/test_near tests/unit/test_listfile tests/unit/test_out \
	tests/unit/test_fstats tests/unit/test_optspec
UNIT_NET = tests/unit/test_http tests/unit/test_ckpt tests/unit/test_hubref \
	tests/unit/test_token tests/unit/test_progress tests/unit/test_listing \
	tests/unit/test_huberr tests/unit/test_scan tests/unit/test_fetch
UNIT_SERVE = tests/unit/test_url tests/unit/test_fault tests/unit/test_hub tests/unit/test_hubsrv
UNIT_REPORT = tests/unit/test_score tests/unit/test_pyjson tests/unit/test_registry \
	tests/unit/test_calc tests/unit/test_tlreg tests/unit/test_summary
UNIT_PAGE = tests/unit/test_doc tests/unit/test_regdir tests/unit/test_regdiff \
	tests/unit/test_page
UNIT = $(UNIT_CORE) $(UNIT_NET) $(UNIT_SERVE) $(UNIT_REPORT) $(UNIT_PAGE)

# Fuzz harnesses tests/fuzz/NAME.c, each built twice: NAME.replay with
# $(CC) and $(SAN), which make check runs over tests/fuzz/corpus/NAME/,
# and NAME.fuzzer with clang and libFuzzer for make fuzz.
FUZZ_CORE = tests/fuzz/record.replay tests/fuzz/json.replay \
	tests/fuzz/ndjson.replay tests/fuzz/adapters.replay \
	tests/fuzz/numbers.replay tests/fuzz/near.replay \
	tests/fuzz/listfile.replay tests/fuzz/optspec.replay
FUZZ_NET = tests/fuzz/http_header.replay tests/fuzz/hubref.replay \
	tests/fuzz/ckpt.replay tests/fuzz/token.replay \
	tests/fuzz/listings.replay
FUZZ_SERVE = tests/fuzz/hubsrv.replay tests/fuzz/hub.replay
FUZZ_REPORT = tests/fuzz/tlreg.replay tests/fuzz/calc.replay \
	tests/fuzz/summary.replay
REPLAY = $(FUZZ_CORE) $(FUZZ_NET) $(FUZZ_SERVE) $(FUZZ_REPORT)
FUZZER = $(REPLAY:.replay=.fuzzer)
LIBSRC = $(LIBOBJ:.o=.c)

# The write-fault library the bats suites preload (tests/wfault.c).
TEST_LIBS = tests/wfault.so

all: $(BIN) comp/stamp

.c.o:
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBOBJ): $(HDR) config.mk

lib/adapters_tsv.c: lib/adapters.tsv
	{ echo '/* Generated from lib/adapters.tsv by make; do not edit. */'; \
	  echo '#include "hf.h"'; \
	  echo 'const char hf_builtin_adapters[] ='; \
	  awk '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); \
	         print "\"" $$0 "\\n\"" }' lib/adapters.tsv; \
	  echo ';'; } > $@

# The page's style and script, as C strings (sed, whose replacement
# backslashes mean the same in every implementation).
lib/page_assets.c: lib/page.css lib/page.js
	{ echo '/* Generated from lib/page.css and lib/page.js by make; do not edit. */'; \
	  for f in css js; do \
	    echo "const char page_$$f[] ="; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
	        lib/page.$$f; \
	    echo ';'; \
	  done; } > $@

lib/libhf.a: $(LIBOBJ)
	rm -f $@
	$(AR) -rc $@ $(LIBOBJ)

# Tools: cmd/NAME.c holds main(); link rules name each tool's libraries.
hf-arch: cmd/hf-arch.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-arch.o lib/libhf.a
hf-filter: cmd/hf-filter.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-filter.o lib/libhf.a
hf-opt: cmd/hf-opt.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-opt.o lib/libhf.a
hf-score: cmd/hf-score.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-score.o lib/libhf.a $(LIBM)
hf-report: cmd/hf-report.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-report.o lib/libhf.a $(LIBM)
hf-list: cmd/hf-list.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-list.o lib/libhf.a $(CURL_LIBS) $(LIBM)
hf-serve: cmd/hf-serve.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-serve.o lib/libhf.a $(SERVE_LIBS) $(LIBM)
hf-page: cmd/hf-page.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-page.o lib/libhf.a $(LIBM)
hf-diff: cmd/hf-diff.o lib/libhf.a
	$(CC) $(LDFLAGS) -o $@ cmd/hf-diff.o lib/libhf.a $(LIBM)
cmd/hf-arch.o cmd/hf-filter.o cmd/hf-opt.o cmd/hf-score.o cmd/hf-report.o cmd/hf-list.o \
cmd/hf-serve.o cmd/hf-page.o cmd/hf-diff.o: $(HDR) config.mk

# Unit tests of lib/: tests/unit/NAME.c, each printing TAP; listing a name
# in a UNIT_* line is all a new one needs.
.SUFFIXES: .c
.c:
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libhf.a $(UNIT_LIBS)
$(UNIT): lib/libhf.a tests/unit/tap.h tests/unit/child.h tests/unit/scratch.h \
	tests/unit/serve.h tests/unit/regload.h $(HDR)
# these run ./hf-serve (serve.h)
tests/unit/test_scan tests/unit/test_fetch: hf-serve

# Fuzz harnesses link lib/ built again with their own flags: replays with
# the sanitizers whatever $(CFLAGS) says, fuzzers with clang's coverage.
.SUFFIXES: .replay .fuzzer
.c.replay:
	$(CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(SAN) -o $@ $< tests/fuzz/fuzz.c \
	    tests/fuzz/replay.c tests/fuzz/libhf-san.a $(UNIT_LIBS)
.c.fuzzer:
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_OPT) $(FUZZ_SAN) -fsanitize=fuzzer \
	    -o $@ $< tests/fuzz/fuzz.c tests/fuzz/libhf-fuzz.a $(UNIT_LIBS)
$(REPLAY): tests/fuzz/libhf-san.a tests/fuzz/fuzz.h tests/fuzz/fuzz.c \
	tests/fuzz/replay.c $(HDR)
$(FUZZER): tests/fuzz/libhf-fuzz.a tests/fuzz/fuzz.h tests/fuzz/fuzz.c $(HDR)
tests/fuzz/hubsrv.replay tests/fuzz/hubsrv.fuzzer tests/fuzz/hub.replay \
tests/fuzz/hub.fuzzer: tests/fuzz/hubreq.h
tests/fuzz/libhf-san.a: $(LIBSRC) $(HDR) config.mk tests/fuzz/mklib
	AR="$(AR)" sh tests/fuzz/mklib $@ "$(LIBSRC)" $(CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(SAN)
tests/fuzz/libhf-fuzz.a: $(LIBSRC) $(HDR) config.mk tests/fuzz/mklib
	AR="$(AR)" sh tests/fuzz/mklib $@ "$(LIBSRC)" $(FUZZ_CC) $(CPPFLAGS) \
	    $(FUZZ_CFLAGS) $(FUZZ_OPT) $(FUZZ_SAN) -fsanitize=fuzzer-no-link

# An LD_PRELOAD library: never sanitized (the tools it is loaded into
# may be), position-independent, with dlsym.
tests/wfault.so: tests/wfault.c
	$(CC) $(CPPFLAGS) -std=c11 -O2 $(WARN) -fPIC -shared -o $@ \
	    tests/wfault.c -ldl

# Shell completion, made from each program's own --option-table (so it
# cannot drift from the options) and the adapter table; build products.
comp/stamp: $(BIN) $(SCRIPTS_DRIVER) scripts/mkcomp lib/adapters.tsv
	rm -rf comp
	mkdir -p comp
	./hf-filter --print-adapters --adapters lib/adapters.tsv | cut -f 1 > comp/archs
	PATH="$$(pwd):$$(pwd)/scripts:$$PATH" sh scripts/mkcomp comp comp/archs $(COMPLETE)
	touch $@

deps:
	sh scripts/deps

# The browser test of hf-page needs chromium; make demo does not.
deps-browser:
	sh scripts/deps --browser

# The README's test command: every unit test, fuzz corpus and bats suite,
# the man page and script linters, ending with "N passed, M failed".
check: deps-browser all $(UNIT) $(REPLAY) $(TEST_LIBS)
	sh tests/run

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer
# ($(SAN)), from a clean build; leaves a clean tree for the next normal
# build.
check-san: deps-browser
	$(MAKE) clean
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) check SANFLAGS='$(SAN)'
	$(MAKE) clean

# Every harness under libFuzzer for FUZZ_SECONDS (clang needed); prints
# executions and findings per harness.  Findings go to tests/fuzz/findings/.
fuzz: deps $(FUZZER)
	sh tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZER)

demo: deps all
	sh scripts/demo

BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man7 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR)
	cp -f $(BIN) $(DESTDIR)$(PREFIX)/bin/
	for s in $(SCRIPTS); do cp -f $$s $(DESTDIR)$(PREFIX)/bin/; done
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/
	for p in $(COMPLETE); do \
	    cp -f comp/bash/$$p $(DESTDIR)$(BASHCOMPDIR)/ && \
	    cp -f comp/zsh/_$$p $(DESTDIR)$(ZSHCOMPDIR)/ || exit 1; done

uninstall:
	for f in $(BIN) $(SCRIPTS); do rm -f $(DESTDIR)$(PREFIX)/bin/$${f##*/}; done
	for f in $(MAN1); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${f##*/}; done
	for f in $(MAN7); do rm -f $(DESTDIR)$(MANPREFIX)/man7/$${f##*/}; done
	for p in $(COMPLETE); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$p \
	    $(DESTDIR)$(ZSHCOMPDIR)/_$$p; done

clean:
	rm -f $(BIN) cmd/*.o lib/*.o \
	    lib/libhf.a lib/adapters_tsv.c lib/page_assets.c $(UNIT) $(REPLAY) $(FUZZER) \
	    $(TEST_LIBS) tests/fuzz/libhf-san.a tests/fuzz/libhf-fuzz.a
	rm -rf tests/fuzz/libhf-san.a.d tests/fuzz/libhf-fuzz.a.d
	rm -rf comp

.PHONY: all check check-san fuzz demo deps deps-browser install uninstall clean
