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

CURL_LIBS = -lcurl
SERVE_LIBS = -lmicrohttpd -lz -lpthread
LIBM = -lm
UNIT_LIBS = $(CURL_LIBS) $(SERVE_LIBS) $(LIBM)
