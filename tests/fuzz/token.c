/*
 * token - any bytes as a token file (--token-file, HF_TOKEN_PATH, the
 * file under HF_HOME).  Properties: a token that loads is the file's
 * bytes less the white space around them, with no white space or control
 * character inside; a file that does not load says why in one line.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/token.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *token = NULL, err[512] = "";

	if (token_load(fuzz_file(data, size), &token, err, sizeof err) < 0) {
		fuzz_assert(!token && err[0] && !strchr(err, '\n'));
		return 0;
	}
	while (size && strchr(" \t\r\n", data[size - 1]) && data[size - 1])
		size--;
	while (size && strchr(" \t\r\n", data[0]) && data[0])
		data++, size--;
	fuzz_assert(token ? strlen(token) == size &&
	                    memcmp(token, data, size) == 0 : size == 0);
	for (size_t i = 0; token && i < size; i++)
		fuzz_assert((unsigned char)token[i] > ' ' && token[i] != 0x7f);
	token_free(token);
	return 0;
}
