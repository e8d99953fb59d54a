/* Unit tests of lib/listfile.c: the one list-file format, and its
 * messages. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../lib/hf.h"
#include "../../lib/listfile.h"
#include "tap.h"

static char dir[] = "/tmp/hf-test-listfile-XXXXXX";

/* dir/name holding the n bytes of text; the path, in a static buffer. */
static const char *
file_of(const char *name, const char *text, size_t n)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fwrite(text, 1, n, f);
	fclose(f);
	return path;
}

/* The entries of l as "a|b|c" with their lines as "1,2,3". */
static void
joined(const lf_list *l, char *v, char *lines)
{
	*v = *lines = '\0';
	for (size_t i = 0; i < l->n; i++) {
		sprintf(v + strlen(v), "%s%s", i ? "|" : "", l->v[i]);
		sprintf(lines + strlen(lines), "%s%zu", i ? "," : "", l->lineno[i]);
	}
}

/* lf_parse of text gives the entries want on the lines want_lines. */
static void
parses(const char *text, const char *want, const char *want_lines,
       const char *name)
{
	lf_list l;
	char v[512], lines[128];

	lf_parse(&l, hf_strdup(text));
	joined(&l, v, lines);
	ok(strcmp(v, want) == 0 && strcmp(lines, want_lines) == 0,
	   "%s: '%s' on lines %s (got '%s' on %s)", name, want, want_lines, v,
	   lines);
	lf_free(&l);
}

/* lf_read of path fails with the message want. */
static void
read_fails(const char *path, const char *what, const char *want,
           const char *name)
{
	lf_list l;
	char err[256] = "";

	ok(lf_read(&l, path, what, err, sizeof err) < 0 &&
	   strcmp(err, want) == 0 && l.n == 0 && l.v == NULL,
	   "%s: \"%s\" (got \"%s\")", name, want, err);
}

int
main(void)
{
	static const char *const made[] = { "models", "nul", "long", "longer" };
	lf_list l;
	char err[256], v[512], lines[128], *big;
	const char *p;
	int fd, saved;

	ok(mkdtemp(dir) != NULL, "temporary directory");
	parses("a/b\nc/d\n", "a/b|c/d", "1,2", "one entry a line");
	parses("# a header\na/b  # a note\n#c/d\ne/f#g\n  # indented\n",
	       "a/b|e/f", "2,4", "comments anywhere: whole lines, after an "
	       "entry, without a space");
	parses("\n\n  \n\t\na/b\n \t \nc/d\n\n", "a/b|c/d", "5,7",
	       "blank and white-space lines are skipped, lines still counted");
	parses("  a/b\t\n\tc d  \n", "a/b|c d", "1,2",
	       "white space around an entry is not part of it, inside it is");
	parses("a/b\r\nc/d\r\n\r\n# x\r\n", "a/b|c/d", "1,2", "CR LF");
	parses("a/b  # note\r\n", "a/b", "1", "CR LF after a comment");
	parses("a/b\nc/d", "a/b|c/d", "1,2", "no final newline");
	parses("", "", "", "an empty file");
	parses("#\n# only comments\n", "", "", "only comments");

	/* what lf_read adds: files, stdin, and the lines it refuses */
	p = file_of("models", "# ids\nQwen/Qwen3-8B  # dense\ngpt2\n", 34);
	ok(lf_read(&l, p, "model list", err, sizeof err) == 0, "lf_read");
	joined(&l, v, lines);
	ok(strcmp(v, "Qwen/Qwen3-8B|gpt2") == 0 && strcmp(lines, "2,3") == 0,
	   "lf_read: the entries and their lines (got '%s' on %s)", v, lines);
	lf_free(&l);
	ok(l.v == NULL && l.text == NULL && l.n == 0, "lf_free clears the list");

	fflush(stdout);
	saved = dup(0);
	fd = open(p, O_RDONLY);
	dup2(fd, 0);
	close(fd);
	ok(lf_read(&l, "-", NULL, err, sizeof err) == 0 && l.n == 2 &&
	   strcmp(l.v[1], "gpt2") == 0, "\"-\" reads standard input");
	lf_free(&l);
	p = file_of("nul", "a/b\nc\0d\n", 8);
	fd = open(p, O_RDONLY);
	dup2(fd, 0);
	close(fd);
	read_fails("-", NULL, "<stdin>:2: a NUL byte",
	           "standard input is named <stdin> in messages");
	dup2(saved, 0);
	close(saved);

	read_fails(p, "exclude list", strcat(strcpy(err, p), ":2: a NUL byte"),
	           "a NUL byte names the file and line");
	big = hf_malloc(8192);
	memset(big, 'x', 8192);
	memcpy(big, "a/b\n", 4);
	big[4 + 4096] = '\n';
	p = file_of("long", big, 4 + 4096 + 1);
	ok(lf_read(&l, p, NULL, err, sizeof err) == 0 && l.n == 2 &&
	   strlen(l.v[1]) == 4096, "a line of 4096 bytes is taken");
	lf_free(&l);
	big[4 + 4096] = 'x';
	big[4 + 4097] = '\n';
	p = file_of("longer", big, 4 + 4097 + 1);
	read_fails(p, NULL, strcat(strcpy(err, p), ":2: line too long"),
	           "a line of 4097 bytes is refused with its line number");
	free(big);
	read_fails("/nonexistent/list", "model list",
	           "cannot read model list /nonexistent/list: No such file or "
	           "directory", "a missing file: one line naming it and why");
	read_fails("/nonexistent/list", NULL,
	           "cannot read /nonexistent/list: No such file or directory",
	           "a missing file without a name for the list");
	read_fails(dir, "adapters",
	           strcat(strcat(strcpy(err, "cannot read adapters "), dir),
	                  ": Is a directory"), "a directory");
	for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
		snprintf(v, sizeof v, "%s/%s", dir, made[i]);
		unlink(v);
	}
	rmdir(dir);
	return done_testing();
}
