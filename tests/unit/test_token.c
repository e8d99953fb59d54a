/* Unit tests of lib/token.c: where the Hub token comes from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/hf.h"
#include "../../lib/token.h"
#include "tap.h"

static char dir[] = "/tmp/hf-test-token-XXXXXX";

static const char *const vars[] = {
	"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_HOME",
	"XDG_CACHE_HOME", "HOME", "HF_HUB_DISABLE_IMPLICIT_TOKEN", NULL
};

static void
clear_env(void)
{
	for (const char *const *v = vars; *v; v++)
		unsetenv(*v);
}

/* dir/name holding text (len bytes); returns its path (static). */
static const char *
put(const char *name, const char *text, size_t len)
{
	static char path[512];
	char sub[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(sub, sizeof sub, "%s", path);
	for (char *p = sub + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(sub, 0700);
		*p = '/';
	}
	if (!(fp = fopen(path, "w")) || fwrite(text, 1, len, fp) != len ||
	    fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
	return path;
}

/* token_load gives want (NULL: no token) and status 0. */
static void
loads(const char *file, const char *want, const char *name)
{
	char err[512] = "", *t = NULL;
	int r = token_load(file, &t, err, sizeof err);

	if (want)
		ok(r == 0 && t && strcmp(t, want) == 0, "%s (got %d '%s' %s)", name,
		   r, t ? t : "(null)", err);
	else
		ok(r == 0 && t == NULL, "%s: no token (got %d %s)", name, r, err);
	token_free(t);
}

/* token_load fails with a message containing part, and no token. */
static void
refuses(const char *file, const char *part, const char *name)
{
	char err[512] = "", *t = NULL;
	int r = token_load(file, &t, err, sizeof err);

	ok(r == -1 && t == NULL && strstr(err, part), "%s (got %d '%s')", name, r,
	   err);
	token_free(t);
}

int
main(void)
{
	char home[600], path[600];

	if (!mkdtemp(dir))
		return 1;
	clear_env();
	loads(NULL, NULL, "nothing set, no HOME");

	setenv("HF_TOKEN", "  hf_env \n", 1);
	loads(NULL, "hf_env", "HF_TOKEN, white space around it removed");
	setenv("HUGGING_FACE_HUB_TOKEN", "hf_legacy", 1);
	loads(NULL, "hf_env", "HF_TOKEN before the legacy variable");
	setenv("HF_TOKEN", " \t\r\n", 1);
	loads(NULL, "hf_legacy", "HF_TOKEN of white space only counts as unset");
	setenv("HF_TOKEN", "hf_a b", 1);
	refuses(NULL, "the token from HF_TOKEN contains white space",
	        "a token with a space inside is refused, naming the variable");
	setenv("HF_TOKEN", "hf_a\001", 1);
	refuses(NULL, "control characters", "a control character is refused");
	clear_env();

	put("home/.cache/huggingface/token", "hf_home\n", 8);
	snprintf(home, sizeof home, "%s/home", dir);
	setenv("HOME", home, 1);
	loads(NULL, "hf_home", "~/.cache/huggingface/token");
	put("xdg/huggingface/token", "hf_xdg", 6);
	snprintf(path, sizeof path, "%s/xdg", dir);
	setenv("XDG_CACHE_HOME", path, 1);
	loads(NULL, "hf_xdg", "$XDG_CACHE_HOME/huggingface/token before HOME");
	put("hfhome/token", "\r\nhf_hfhome\r\n", 13);
	snprintf(path, sizeof path, "%s/hfhome", dir);
	setenv("HF_HOME", path, 1);
	loads(NULL, "hf_hfhome", "$HF_HOME/token before XDG, CR LF removed");
	snprintf(path, sizeof path, "%s/empty", dir);
	setenv("HF_HOME", path, 1);
	loads(NULL, NULL, "HF_HOME without a token file: none, not XDG's");
	put("empty/token", "  \n", 3);
	loads(NULL, NULL, "an empty token file is no token");

	setenv("HF_TOKEN_PATH", put("other/tok", "hf_path", 7), 1);
	loads(NULL, "hf_path", "HF_TOKEN_PATH before HF_HOME");
	snprintf(path, sizeof path, "%s/absent", dir);
	setenv("HF_TOKEN_PATH", path, 1);
	loads(NULL, NULL, "HF_TOKEN_PATH naming no file: no token");
	setenv("HF_TOKEN", "hf_env", 1);
	loads(NULL, "hf_env", "HF_TOKEN before HF_TOKEN_PATH");

	loads(put("given", "hf_given\n", 9), "hf_given",
	      "--token-file before everything");
	snprintf(path, sizeof path, "%s/absent", dir);
	refuses(path, "cannot read token file", "--token-file must exist");
	refuses(put("nul", "hf_a\0b", 6), "contains white space or control",
	        "a NUL byte in a token file is refused");
	refuses(put("two", "hf_a\nhf_b\n", 10), "contains white space",
	        "two lines are not one token");
	snprintf(path, sizeof path, "%s", put("unreadable", "hf_x", 4));
	chmod(path, 0);
	if (geteuid() == 0)
		ok(1, "# skip an unreadable file: root reads everything");
	else
		refuses(path, "Permission denied", "an unreadable token file");
	{
		char *big = hf_malloc(100 * 1024);

		memset(big, 'a', 100 * 1024);
		refuses(put("big", big, 100 * 1024), "too large",
		        "a token file over 64 KiB");
		free(big);
	}

	setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "True", 1);
	loads(NULL, NULL, "HF_HUB_DISABLE_IMPLICIT_TOKEN: no implicit token");
	loads(put("given", "hf_given", 8), "hf_given",
	      "but --token-file still counts");
	setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "0", 1);
	loads(NULL, "hf_env", "a false flag changes nothing");

	ok(token_env_flag("HF_HUB_DISABLE_IMPLICIT_TOKEN") == 0, "0 is false");
	setenv("X_FLAG", "yes", 1);
	ok(token_env_flag("X_FLAG"), "yes is true");
	setenv("X_FLAG", "ON", 1);
	ok(token_env_flag("X_FLAG"), "ON is true");
	setenv("X_FLAG", "", 1);
	ok(!token_env_flag("X_FLAG"), "empty is false");
	ok(!token_env_flag("X_UNSET_FLAG"), "unset is false");

	{
		char cmd[700];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return done_testing();
}
