# hf-tools build configuration; override on the command line, e.g.
#   make PREFIX=$HOME/.local   or   make check SANFLAGS=-fsanitize=address
VERSION = 0.1.0
PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
DESTDIR =

CC = cc
WARN = -Wall -Wextra -Werror
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DHF_VERSION=\"$(VERSION)\"
SANFLAGS =
CFLAGS = -std=c11 -O2 -g $(WARN) $(SANFLAGS)
LDFLAGS = $(SANFLAGS)

# Sanitizers of make check-san and of the fuzz replays (SAN= builds the
# replays without, for a compiler that has none).  GCC's
# -fsanitize=undefined leaves out float-cast-overflow (a double beyond
# int64_t cast to it), so it is named; clang's includes it anyway.
SAN = -fsanitize=address,undefined,float-cast-overflow \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -O1 -g $(WARN)
# make fuzz: libFuzzer comes with clang; -O2 runs a quarter more inputs
# a second than -O1 (the replays keep -O1, quicker to build).
FUZZ_CC = clang
FUZZ_OPT = -O2
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_SECONDS = 60
FUZZ_JOBS = 1

CURL_LIBS = -lcurl
SERVE_LIBS = -lmicrohttpd -lz -lpthread
LIBM = -lm
UNIT_LIBS = $(CURL_LIBS) $(SERVE_LIBS) $(LIBM)
