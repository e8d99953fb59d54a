/*
 * token.h - where the Hub token comes from, in the Python client's
 * order: --token-file, HF_TOKEN, the legacy HUGGING_FACE_HUB_TOKEN,
 * HF_TOKEN_PATH, else the token file under HF_HOME (defaulting to
 * $XDG_CACHE_HOME/huggingface, then ~/.cache/huggingface), unless
 * HF_HUB_DISABLE_IMPLICIT_TOKEN is set.  The token is never part of a
 * message.  token_load's result is the caller's: token_free wipes and
 * frees it.
 */
#ifndef HF_TOKEN_H
#define HF_TOKEN_H

#include <stddef.h>

/* The token, or NULL for none, in *token.  file is --token-file (NULL:
 * none), which must be readable; the implicit token file may be absent.
 * Returns 0, or -1 with a one-line reason in err: an unreadable file,
 * or a token that could not be sent as a header (white space or control
 * characters inside it), naming where it came from. */
int token_load(const char *file, char **token, char *err, size_t errlen);
/* Zero the token's bytes and free it. */
void token_free(char *token);

/* An environment flag in the Python client's spelling: 1, true, yes or
 * on (case ignored). */
int token_env_flag(const char *name);

#endif
