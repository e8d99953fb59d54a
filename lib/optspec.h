/*
 * optspec.h - a script's command line, as hf-opt takes it: the text of
 * the script's -h, read into the opt_tool that lib/opt.c parses with, so
 * that scripts and C tools share one parser, one help and one option
 * table; and words quoted for sh.  An ospec owns the copy of the text it
 * is cut from and everything its tool points to; ospec_free releases
 * them.
 *
 * The text is what -h prints, with --help and --version left out:
 *
 *   usage: NAME [-o|--output DIR] [--full-scan] ...
 *               (continuation lines start with white space)
 *
 *   What NAME does, one paragraph (optional).
 *
 *   options:
 *     -o, --output DIR   what it does, and its default
 *         help goes on, on lines indented deeper
 *     --full-scan        a flag: no value between name and help
 *
 *   examples:
 *     NAME --full-scan -o data
 *
 * An option line is "  [-L, ]--NAME[ ARG]", two or more spaces, its
 * help.  ARG as opt_doc says (FILE, DIR, N...); one with '|' lists the
 * only values taken (their words also complete).
 */
#ifndef HF_OPTSPEC_H
#define HF_OPTSPEC_H

#include <stdio.h>

#include "hf.h"
#include "opt.h"

typedef struct {
	opt_tool tool;
	char *text;               /* the spec, cut in place */
	struct option *longopts;  /* the options, then --help, --version */
	opt_doc *doc;
	char **words;             /* storage of the '|' value lists */
	int n, nwords;
	char shortopts[128];
	char *synopsis, *help, *examples;
} ospec;

/* Read spec into s.  0, or -1 with "line N: what is wrong" in err;
 * either way ospec_free releases s. */
int ospec_parse(ospec *s, const char *spec, char *err, size_t errlen);
void ospec_free(ospec *s);

/* The option of s that getopt's value c stands for, or NULL. */
const struct option *ospec_option(const ospec *s, int c);

/* w as one word of sh, in single quotes ("it's" as 'it'\''s'). */
void ospec_put_word(hf_out *out, const char *w);

#endif
