/*
 * optspec - any bytes as a script's spec (hf-opt SPEC): ospec_parse
 * either refuses it with one line "line N: ..." or gives a tool that
 * lib/opt.c takes as it is (opt_init's check of doc against table
 * passes), whose help and option table print, and whose every option
 * ospec_option finds again by its getopt value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/optspec.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "", *text = fuzz_str(data, size), *buf = NULL;
	size_t len = 0;
	ospec s;

	if (ospec_parse(&s, text, err, sizeof err) == 0) {
		FILE *fp = open_memstream(&buf, &len);

		opt_init(&s.tool, s.tool.name); /* exits if doc and table disagree */
		fuzz_assert(fp != NULL);
		opt_put_help(fp);
		opt_print_table(fp);
		fclose(fp);
		fuzz_assert(strncmp(buf, "usage: ", 7) == 0);
		for (int i = 0; i < s.n; i++)
			fuzz_assert(ospec_option(&s, s.longopts[i].val) ==
			            &s.longopts[i]);
		free(buf);
	} else {
		fuzz_assert(strncmp(err, "line ", 5) == 0 && !strchr(err, '\n'));
	}
	ospec_free(&s);
	free(text);
	return 0;
}
