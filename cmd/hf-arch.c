/* hf-arch - add architecture, params and (with --spec) spec to each model
 * record, passing the record's own bytes through. */
#include "../lib/huberr.h"
#include "../lib/model.h"
#include "../lib/opt.h"
#include "../lib/record.h"

struct opts {
	int spec, strict, brief;
	hf_out out;
};

static const struct option longopts[] = {
	{ "spec", no_argument, NULL, 's' },
	{ "strict", no_argument, NULL, 'S' },
	{ "brief", no_argument, NULL, 'b' },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc doc[] = {
	{ "spec", NULL, "also add spec: the dimensions, MoE and modality, from "
	  "the whole config (hf-list --fetch-config)", NULL },
	{ "strict", NULL, "stop at the first bad line, status 1 (default: "
	  "report it and go on)", NULL },
	{ "brief", NULL, "write only id, downloads, architecture and params "
	  "(and spec), not the whole record", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-arch",
	"usage: hf-arch [--spec] [--brief] [--strict] [FILE ...]\n",
	"Add architecture and params (and with --spec, spec) to each model "
	"record of the FILEs (default: standard input).",
	"h",
	longopts,
	doc,
	"hf-list --task text-generation --limit 1000 | hf-arch | jq -r "
	".architecture | sort | uniq -c | sort -rn\n"
	"hf-list --fetch-config --model Qwen/Qwen3-8B | hf-arch --spec | jq .spec\n"
};

/* --brief: a record of its own with the record's id and downloads (their
 * bytes as they are, null when missing), up to "architecture": what
 * hf-report and hf-score read of a model, in a tenth of its bytes. */
static void
write_brief_open(hf_out *w, const json_doc *d)
{
	static const char *const keys[] = { "id", "downloads" };
	size_t n;

	for (int k = 0; k < 2; k++) {
		int v = json_get(d, 0, keys[k]);

		out_puts(w, k ? ",\"" : "{\"");
		out_puts(w, keys[k]);
		out_puts(w, "\":");
		if (v >= 0) {
			const char *s = json_span(d, v, &n);

			out_write(w, s, n);
		} else {
			out_puts(w, "null");
		}
	}
	out_puts(w, ",\"architecture\":");
}

static int
arch_record(void *ctx, const json_doc *d, const ndj_reader *r)
{
	static const char *const ours[] = { "architecture", "params", "spec",
	                                    NULL };
	struct opts *o = ctx;
	model_issues iss = { { 0 }, 0 };
	int arch = model_arch(d, &iss);
	int64_t params;
	int have_params = model_params(d, &params, &iss) == 0;
	size_t n;

	if (huberr_is_record(d)) { /* a model hf-list could not fetch */
		out_write(&o->out, d->js, d->len);
		out_putc(&o->out, '\n');
		return 0;
	}
	for (int i = 0; i < iss.n; i++)
		rec_warn(r, iss.msg[i]);
	if (o->brief)
		write_brief_open(&o->out, d);
	else
		out_puts(&o->out, rec_write_open(&o->out, d, ours) ?
		         ",\"architecture\":" : "\"architecture\":");
	if (arch >= 0) {
		const char *s = json_span(d, arch, &n);
		out_write(&o->out, s, n);
	} else {
		out_puts(&o->out, "null");
	}
	out_puts(&o->out, ",\"params\":");
	if (have_params)
		out_int(&o->out, params);
	else
		out_puts(&o->out, "null");
	if (o->spec) {
		model_spec s;

		model_get_spec(d, &s);
		out_puts(&o->out, ",\"spec\":");
		model_write_spec(&o->out, &s);
	}
	out_puts(&o->out, "}\n");
	return iss.n > 0;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	int c, st;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case 's': o.spec = 1; break;
		case 'S': o.strict = 1; break;
		case 'b': o.brief = 1; break;
		}
	}
	out_init(&o.out, 1, NULL);
	st = rec_each(argv + optind, argc - optind, o.strict, &o.out,
	              arch_record, &o);
	out_free(&o.out);
	return st;
}
