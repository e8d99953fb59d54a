/*
 * fuzz.h - what the harnesses of tests/fuzz/ share.  Each harness NAME.c
 * defines LLVMFuzzerTestOneInput and calls lib/ only; it is linked either
 * with libFuzzer (make fuzz) or with replay.c, which feeds it the files of
 * tests/fuzz/corpus/NAME/ (make check).  A broken property is a finding:
 * fuzz_assert aborts with a message, as a sanitizer would.
 *
 * Ownership: fuzz_str's result is the caller's to free; the paths of
 * fuzz_file and fuzz_path are static and stay valid until the next call.
 * Scratch files live in a directory of the process, removed at exit.
 */
#ifndef HF_FUZZ_H
#define HF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0..size) as a NUL-terminated string, cut at its first NUL. */
char *fuzz_str(const uint8_t *data, size_t size);
/* A file holding exactly data[0..size), on a memory file system when
 * there is one (harness files are rewritten millions of times). */
const char *fuzz_file(const uint8_t *data, size_t size);
/* The path of a scratch file of the harness named name (the file is not
 * made), valid until the next call. */
const char *fuzz_path(const char *name);

/* path holding exactly data[0..size) (made, or emptied first). */
void fuzz_put(const char *path, const void *data, size_t size);
/* An input of parts separated by lines "%%" (the bytes "\n%%\n"): the
 * part at *rest, its length in *n, and *rest moved past its separator,
 * or set to NULL when it was the last part; NULL when *rest is NULL. */
const char *fuzz_part(const char **rest, const char *end, size_t *n);

#define fuzz_assert(cond) \
	((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))
_Noreturn void fuzz_fail(const char *what, const char *file, int line);

#endif
