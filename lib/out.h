/*
 * out.h - the buffered writer every tool writes through: to a descriptor
 * (a failed write is one message and exit HF_STATE, EPIPE a quiet exit 0)
 * or into memory, with JSON string and minified-copy helpers.  The
 * writer owns its buffer; out_free releases it.
 */
#ifndef HF_OUT_H
#define HF_OUT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	int fd;
	char *buf;
	size_t len, cap;
	const char *name; /* for messages: "standard output" or a path */
} hf_out;

void out_init(hf_out *w, int fd, const char *name);
/* A writer into memory: w->buf/w->len hold what was written; the buffer
 * grows as needed and is released by out_free. */
void out_init_mem(hf_out *w);
void out_write(hf_out *w, const void *p, size_t n);
void out_puts(hf_out *w, const char *s);
void out_putc(hf_out *w, char c);
void out_int(hf_out *w, int64_t v);
void out_printf(hf_out *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void out_vprintf(hf_out *w, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* A JSON string literal, quotes included, from raw UTF-8 bytes.  With
 * ascii set, non-ASCII and DEL are written as \uXXXX (surrogate pairs
 * above the BMP) as Python's json.dump does by default.  out_json_body
 * writes the same without the quotes. */
void out_json_str(hf_out *w, const char *s, size_t n, int ascii);
void out_json_body(hf_out *w, const char *s, size_t n, int ascii);
/* Copy valid JSON text without the white space outside strings. */
void out_json_minified(hf_out *w, const char *s, size_t n);
/* Write everything buffered.  On EPIPE the program exits 0 quietly; on any
 * other error it exits HF_STATE with one message. */
void out_flush(hf_out *w);
/* Flush and release; the fd is not closed. */
void out_free(hf_out *w);

#endif
