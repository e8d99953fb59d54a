/* optspec.c - a script's -h text read into an opt_tool. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hf.h"
#include "optspec.h"

enum { IN_ABOUT, IN_OPTIONS, IN_EXAMPLES };

static int
fail(char *err, size_t errlen, size_t lineno, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "line %zu: ", lineno);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* a, a space and b, in a new string; a is freed. */
static char *
joined(char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;
	char *s = hf_malloc(n + strlen(b) + 2);

	if (a)
		memcpy(s, a, n);
	if (a)
		s[n++] = ' ';
	strcpy(s + n, b);
	free(a);
	return s;
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The '|' values of arg, split into s->words; a NULL-terminated run. */
static const char *const *
value_words(ospec *s, const char *arg)
{
	size_t n = 2;
	char **w, *copy, *p;

	if (!strchr(arg, '|'))
		return NULL;
	for (const char *c = arg; *c; c++)
		n += *c == '|';
	w = hf_calloc(n, sizeof *w);
	copy = hf_strdup(arg);
	n = 0;
	for (p = copy; p; ) {
		w[n++] = p;
		if ((p = strchr(p, '|')))
			*p++ = '\0';
	}
	s->words = hf_realloc(s->words, (size_t)(s->nwords + 1) * sizeof *s->words);
	s->words[s->nwords++] = (char *)w;
	return (const char *const *)w;
}

/* One option line, "[-L, ]--NAME[ ARG]  help" (leading blanks gone; it
 * starts with '-'). */
static int
option_line(ospec *s, char *line, size_t lineno, char *err, size_t errlen)
{
	struct option *o = &s->longopts[s->n];
	opt_doc *d = &s->doc[s->n];
	char *name, *end, *arg = NULL, *help;
	int letter = 0;

	if (line[0] == '-' && line[1] != '-') {
		letter = (unsigned char)line[1];
		if (!isalnum(letter) || letter == 'h' || strncmp(line + 2, ", --", 4))
			return fail(err, errlen, lineno, "not -L, --NAME: %s", line);
		line += 4;
	}
	name = line + 2;
	end = name + strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-");
	if (end == name || (*end && *end != ' '))
		return fail(err, errlen, lineno, "an option name is [a-z0-9-]: %s",
		            line);
	if (end[0] == ' ' && end[1] != ' ' && end[1])
		arg = end + 1;
	help = strstr(arg ? arg : end, "  ");
	if (!help || !*skip_blanks(help))
		return fail(err, errlen, lineno, "--%.*s has no help (two spaces, "
		            "then what it does)", (int)(end - name), name);
	*end = *help = '\0';
	help = (char *)skip_blanks(help + 1);
	if (arg && strchr(arg, ' '))
		return fail(err, errlen, lineno, "--%s takes one value name", name);
	*o = (struct option){ name, arg ? required_argument : no_argument, NULL,
	                      letter ? letter : 256 + s->n };
	*d = (opt_doc){ name, arg, hf_strdup(help), arg ? value_words(s, arg)
	                                               : NULL };
	if (!strcmp(name, "help") || !strcmp(name, "version"))
		return fail(err, errlen, lineno, "--%s is every tool's own", name);
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->longopts[i].name, name) ||
		    (letter && s->longopts[i].val == letter))
			return fail(err, errlen, lineno, "--%s or -%c twice", name,
			            letter ? letter : '-');
	if (letter) {
		size_t k = strlen(s->shortopts);

		s->shortopts[k++] = (char)letter;
		if (o->has_arg)
			s->shortopts[k++] = ':';
		s->shortopts[k] = '\0';
	}
	s->n++;
	return 0;
}

/* The usage line and its continuations, from *line on; *line is then
 * the next line (NULL at the end).  0, or -1 and err. */
static int
take_synopsis(ospec *s, char **at, size_t *lineno, char *err,
              size_t errlen)
{
	char *line = *at, *next;
	hf_out w;
	size_t n;

	if (strncmp(line, "usage: ", 7) || !(n = strcspn(line + 7, " \n")))
		return fail(err, errlen, 1, "the spec starts with \"usage: NAME\"");
	s->tool.name = hf_strndup(line + 7, n);
	out_init_mem(&w);
	do {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		out_puts(&w, line);
		out_putc(&w, '\n');
		line = next;
		(*lineno)++;
	} while (line && (*line == ' ' || *line == '\t'));
	out_putc(&w, '\0');
	s->synopsis = w.buf;
	*at = line;
	return 0;
}

int
ospec_parse(ospec *s, const char *spec, char *err, size_t errlen)
{
	size_t lineno = 0, lines = 3;
	int where = IN_ABOUT, last = -1;
	char *line, *next;
	hf_out ex;

	memset(s, 0, sizeof *s);
	for (const char *c = spec; *c; c++)
		lines += *c == '\n';
	s->text = hf_strdup(spec);
	s->longopts = hf_calloc(lines, sizeof *s->longopts);
	s->doc = hf_calloc(lines, sizeof *s->doc);
	strcpy(s->shortopts, "h");
	line = s->text;
	if (take_synopsis(s, &line, &lineno, err, errlen) < 0)
		return -1;
	out_init_mem(&ex);
	for (; line; line = next) {
		const char *t = skip_blanks(line);

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		lineno++;
		if (!*t) {
			last = -1;
		} else if (line == t && !strcmp(t, "options:")) {
			where = IN_OPTIONS;
		} else if (line == t && !strcmp(t, "examples:")) {
			where = IN_EXAMPLES;
		} else if (where == IN_ABOUT) {
			s->help = joined(s->help, t);
		} else if (where == IN_EXAMPLES) {
			out_puts(&ex, t);
			out_putc(&ex, '\n');
		} else if (*t == '-' && t - line < 4) {
			if (option_line(s, (char *)t, lineno, err, errlen) < 0) {
				free(ex.buf);
				return -1;
			}
			last = s->n - 1;
		} else if (last >= 0) {
			s->doc[last].help = joined((char *)s->doc[last].help, t);
		} else {
			free(ex.buf);
			return fail(err, errlen, lineno, "not an option line: %s", t);
		}
	}
	out_putc(&ex, '\0');
	s->examples = ex.buf;
	s->longopts[s->n] = (struct option){ "help", no_argument, NULL, 'h' };
	s->longopts[s->n + 1] = (struct option){ "version", no_argument, NULL,
	                                         OPT_VERSION };
	s->tool = (opt_tool){ s->tool.name, s->synopsis, s->help, s->shortopts,
	                      s->longopts, s->doc, *s->examples ? s->examples
	                                                         : NULL };
	return 0;
}

void
ospec_free(ospec *s)
{
	/* doc[n] is the end, or the option a failed parse stopped at */
	for (int i = 0; s->doc && i <= s->n; i++)
		free((char *)s->doc[i].help);
	for (int i = 0; i < s->nwords; i++) {
		free(((char **)s->words[i])[0]);
		free(s->words[i]);
	}
	free(s->words);
	free((char *)s->tool.name);
	free(s->text);
	free(s->longopts);
	free(s->doc);
	free(s->synopsis);
	free(s->help);
	free(s->examples);
	memset(s, 0, sizeof *s);
}

const struct option *
ospec_option(const ospec *s, int c)
{
	for (int i = 0; i < s->n; i++)
		if (s->longopts[i].val == c)
			return &s->longopts[i];
	return NULL;
}

void
ospec_put_word(hf_out *out, const char *w)
{
	out_putc(out, '\'');
	for (; *w; w++)
		if (*w == '\'')
			out_puts(out, "'\\''");
		else
			out_putc(out, *w);
	out_putc(out, '\'');
}
