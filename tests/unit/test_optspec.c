/* Unit tests of lib/optspec.c: a script's -h text read into the
 * opt_tool lib/opt.c parses with, the mistakes a spec can make, and sh
 * quoting. */
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "../../lib/optspec.h"
#include "tap.h"

#define SPEC \
	"usage: hf-x [-o|--output DIR] [--limit N]\n" \
	"            [--full-scan]\n" \
	"\n" \
	"Do what hf-x does,\n" \
	"  in two lines.\n" \
	"\n" \
	"options:\n" \
	"  -o, --output DIR   where the files go\n" \
	"                     (default ./data)\n" \
	"  --limit N          at most N\n" \
	"  --full-scan        every model\n" \
	"  --by name|meta     how\n" \
	"\n" \
	"examples:\n" \
	"  hf-x --full-scan\n" \
	"  hf-x -o d\n"

static void
reads_a_spec(void)
{
	char err[256] = "";
	ospec s;
	const opt_tool *t = &s.tool;

	ok(ospec_parse(&s, SPEC, err, sizeof err) == 0, "a spec parses (%s)", err);
	is_str(t->name, "hf-x", "the name is the usage line's");
	is_str(t->synopsis, "usage: hf-x [-o|--output DIR] [--limit N]\n"
	       "            [--full-scan]\n", "the synopsis with its continuation");
	is_str(t->help, "Do what hf-x does, in two lines.",
	       "the paragraph, its lines joined");
	is_str(t->shortopts, "ho:", "letters: h, then o with a value");
	is_int(s.n, 4, "four options");
	is_str(t->longopts[0].name, "output", "the first option's name");
	ok(t->longopts[0].has_arg == required_argument &&
	   t->longopts[0].val == 'o', "-o, --output DIR takes a value, letter o");
	ok(t->longopts[2].has_arg == no_argument && t->longopts[2].val == 258,
	   "--full-scan: a flag, val 256 + its index");
	is_str(t->longopts[4].name, "help", "--help follows");
	is_str(t->longopts[5].name, "version", "--version last");
	ok(!t->longopts[6].name, "then the end");
	is_str(t->doc[0].arg, "DIR", "the value's name");
	is_str(t->doc[0].help, "where the files go (default ./data)",
	       "help continued on a deeper line");
	ok(t->doc[3].words && !strcmp(t->doc[3].words[0], "name") &&
	   !strcmp(t->doc[3].words[1], "meta") && !t->doc[3].words[2],
	   "name|meta: the words it takes");
	ok(!t->doc[1].words, "N: no words");
	is_str(t->examples, "hf-x --full-scan\nhf-x -o d\n", "the examples");
	ok(ospec_option(&s, 'o') == &t->longopts[0] &&
	   ospec_option(&s, 257) == &t->longopts[1] && !ospec_option(&s, 'z'),
	   "ospec_option maps getopt's values back");
	ospec_free(&s);
}

static void
one_line(void)
{
	char err[256] = "";
	ospec s;

	ok(ospec_parse(&s, "usage: hf-y", err, sizeof err) == 0 &&
	   !strcmp(s.tool.name, "hf-y") && !strcmp(s.tool.synopsis,
	   "usage: hf-y\n") && s.n == 0 && !s.tool.examples && !s.tool.help,
	   "a usage line alone, without a newline: no options, no examples");
	ospec_free(&s);
}

static void
refused(const char *spec, const char *want, const char *name)
{
	char err[256] = "";
	ospec s;

	ok(ospec_parse(&s, spec, err, sizeof err) < 0 && strcmp(err, want) == 0,
	   "%s: '%s' (got '%s')", name, want, err);
	ospec_free(&s);
}

#define HEAD "usage: hf-x\n\noptions:\n"

static void
mistakes(void)
{
	refused("hf-x --limit N\n", "line 1: the spec starts with \"usage: NAME\"",
	        "no usage line");
	refused("usage:  x\n", "line 1: the spec starts with \"usage: NAME\"",
	        "no name after usage:");
	refused(HEAD "  --limit N\n", "line 4: --limit has no help (two spaces, "
	        "then what it does)", "an option without help");
	refused(HEAD "  --limit N M  help\n", "line 4: --limit takes one value "
	        "name", "two value names");
	refused(HEAD "  --Limit N  help\n", "line 4: an option name is "
	        "[a-z0-9-]: --Limit N  help", "a capital in a name");
	refused(HEAD "  -h, --hat  help\n", "line 4: not -L, --NAME: -h, --hat  "
	        "help", "-h is every tool's");
	refused(HEAD "  --help  help\n", "line 4: --help is every tool's own",
	        "--help");
	refused(HEAD "  --a  one\n  -a, --a  two\n",
	        "line 5: --a or -a twice", "a name twice");
	refused(HEAD "  limit  help\n", "line 4: not an option line: limit  help",
	        "a line that is no option");
	refused("usage: hf-x\n\noptions:\n\n    more help\n",
	        "line 5: not an option line: more help", "help of nothing");
}

static void
quoting(void)
{
	hf_out w;

	out_init_mem(&w);
	ospec_put_word(&w, "it's $HOME `x` \"y\"\n");
	ospec_put_word(&w, "");
	out_putc(&w, '\0');
	is_str(w.buf, "'it'\\''s $HOME `x` \"y\"\n'''",
	       "single quotes, a quote as '\\'', everything else as it is");
	out_free(&w);
}

int
main(void)
{
	reads_a_spec();
	one_line();
	mistakes();
	quoting();
	return done_testing();
}
