/*
 * pyjson.h - write JSON exactly as Python's json.dump(obj, f, indent=2)
 * does: two-space indentation, ": " and "," separators, \uXXXX escapes
 * for non-ASCII (ensure_ascii), "[]"/"{}" for empty containers.  Nothing
 * is allocated that outlives a call.
 */
#ifndef HF_PYJSON_H
#define HF_PYJSON_H

#include "hf.h"

/* Token i of d, re-written at nesting level (its first line is not
 * indented; the caller has written the key or the indentation), as
 * json.dump writes what json.load read: floats as repr(), lone
 * surrogate escapes kept. */
void py_value(hf_out *w, const json_doc *d, int i, int level);
/* The same with ascii 0: non-ASCII left as UTF-8 and numbers as
 * JavaScript writes them, which is how JSON.stringify(v, null, 2) writes
 * what JSON.parse read. */
void py_value_as(hf_out *w, const json_doc *d, int i, int level, int ascii);
/* Start a member: "\n" (after "," unless first), the indentation of
 * level, the quoted key and ": ". */
void py_key(hf_out *w, int level, const char *key, int first);
/* Start an array element the same way. */
void py_item(hf_out *w, int level, int first);
void py_str(hf_out *w, const char *s, size_t n);
/* A float as Python prints round(v, 1): 99.7, 100.0, 0.0, 1e+16. */
void py_float1(hf_out *w, double v);
/* A double as Python's repr (and so json.dump) writes it: the shortest
 * digits that read back, 1.0, 1e-05, 1e+16. */
void py_repr_double(hf_out *w, double v);
/* A double as JavaScript's Number::toString writes it: 1, 1.5, 1e-7,
 * 0.00001, 100000000000000000000, 1e+21; -0 as 0, NaN and infinities as
 * null (as JSON.stringify does). */
void js_repr_double(hf_out *w, double v);
void py_close(hf_out *w, int level, char bracket);

#endif
