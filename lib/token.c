/* token.c - the Hub token from a file or the environment. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hf.h"
#include "token.h"

#define TOKEN_FILE_MAX (64 * 1024)

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* raw without surrounding white space into *token (NULL when nothing is
 * left); -1 when what is left could not be a header value. */
static int
clean(const char *raw, const char *from, char **token, char *err,
      size_t errlen)
{
	const char *s = raw, *e;

	*token = NULL;
	while (space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && space(e[-1]))
		e--;
	for (const char *p = s; p < e; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			snprintf(err, errlen, "the token from %s contains white "
			         "space or control characters", from);
			return -1;
		}
	if (e > s)
		*token = hf_strndup(s, (size_t)(e - s));
	return 0;
}

static int
from_file(const char *path, int must, char **token, char *err,
          size_t errlen)
{
	size_t len;
	char *raw = file_read(path, TOKEN_FILE_MAX, &len);
	int r;

	*token = NULL;
	if (!raw) {
		if (!must && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read token file %s: %s", path,
		         errno == EFBIG ? "too large for a token" : strerror(errno));
		return -1;
	}
	if (strlen(raw) != len) {
		snprintf(err, errlen, "the token from %s contains white space or "
		         "control characters", path);
		r = -1;
	} else {
		r = clean(raw, path, token, err, errlen);
	}
	memset(raw, 0, len);
	free(raw);
	return r;
}

/* An environment variable; one of white space only counts as unset, as
 * for the Python client. */
static int
from_env(const char *name, char **token, char *err, size_t errlen)
{
	const char *v = getenv(name);

	*token = NULL;
	return v ? clean(v, name, token, err, errlen) : 0;
}

/* The implicit token file: HF_HOME, XDG_CACHE_HOME, HOME in turn. */
static int
default_file(char **token, char *err, size_t errlen)
{
	const char *v;
	char path[4096];

	*token = NULL;
	if ((v = getenv("HF_HOME")) && *v)
		snprintf(path, sizeof path, "%s/token", v);
	else if ((v = getenv("XDG_CACHE_HOME")) && *v)
		snprintf(path, sizeof path, "%s/huggingface/token", v);
	else if ((v = getenv("HOME")) && *v)
		snprintf(path, sizeof path, "%s/.cache/huggingface/token", v);
	else
		return 0;
	return from_file(path, 0, token, err, errlen);
}

int
token_load(const char *file, char **token, char *err, size_t errlen)
{
	const char *v;

	*token = NULL;
	if (file)
		return from_file(file, 1, token, err, errlen);
	if (token_env_flag("HF_HUB_DISABLE_IMPLICIT_TOKEN"))
		return 0;
	if (from_env("HF_TOKEN", token, err, errlen) < 0)
		return -1;
	if (!*token &&
	    from_env("HUGGING_FACE_HUB_TOKEN", token, err, errlen) < 0)
		return -1;
	if (*token)
		return 0;
	if ((v = getenv("HF_TOKEN_PATH")) && *v)
		return from_file(v, 0, token, err, errlen);
	return default_file(token, err, errlen);
}

void
token_free(char *token)
{
	if (token) {
		memset(token, 0, strlen(token));
		free(token);
	}
}

int
token_env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ||
	             strcasecmp(v, "yes") == 0 || strcasecmp(v, "on") == 0);
}
