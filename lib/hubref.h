/*
 * hubref.h - model references as users write them: an id (ORG/NAME, or a
 * legacy NAME) or a model page URL.  Returned strings are malloc'd and the
 * caller frees them; inputs are never freed.
 */
#ifndef HF_HUBREF_H
#define HF_HUBREF_H

/* 1 if id is a well-formed Hub model id: NAME or ORG/NAME of letters,
 * digits, '-', '_' and '.', no "--" or "..", at most 96 bytes a part. */
int ref_valid_id(const char *id);

/* The same, and ORG/NAME: a legacy NAME without an organisation is not
 * one (the calculator's hf_model_id). */
int ref_valid_org_id(const char *id);

/* The model id an argument names: the id itself, or the id of a URL such
 * as https://huggingface.co/ORG/NAME[/tree/...|/blob/...|/resolve/...]
 * (also without the scheme, and /api/models/ID).  NULL when src names no
 * model (a dataset or Space URL, a malformed id). */
char *ref_model_id(const char *src);

#endif
