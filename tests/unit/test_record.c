/* Unit tests of lib/record.c: rec_write_open keeps the record's own bytes
 * and leaves out the members named (first, middle, last, all, none). */
#include "../../lib/model.h"
#include "../../lib/record.h"
#include "tap.h"

static const char *const ours[] = { "architecture", "params", "spec", NULL };

/* rec_write_open(rec, drop) followed by "|" and the return value. */
static const char *
open_of(const char *rec, const char *const *drop)
{
	static char text[1024];
	json_doc d;
	const char *why;
	hf_out w;
	int r;

	json_init(&d);
	if (json_parse(&d, rec, strlen(rec), 1, &why) < 0) {
		json_free(&d);
		return why;
	}
	out_init_mem(&w);
	r = rec_write_open(&w, &d, drop);
	snprintf(text, sizeof text, "%.*s|%d", (int)w.len, w.buf, r);
	out_free(&w);
	json_free(&d);
	return text;
}

int
main(void)
{
	is_str(open_of("{\"id\":\"a\",\"x\":[1, 2]}", ours),
	       "{\"id\":\"a\",\"x\":[1, 2]|1", "nothing to drop: bytes as is");
	is_str(open_of("{ \"id\" : \"a\" ,\t\"x\" : { } }", ours),
	       "{ \"id\" : \"a\" ,\t\"x\" : { } |1",
	       "nothing to drop: white space kept");
	is_str(open_of("{}", ours), "{|0", "empty object");
	is_str(open_of("{ }", ours), "{ |0", "empty object with a space");
	is_str(open_of("{\"architecture\":\"X\",\"id\":\"a\",\"n\":1}", ours),
	       "{\"id\":\"a\",\"n\":1|1", "drop the first");
	is_str(open_of("{\"id\":\"a\", \"params\" : 12 ,\"n\":[1,{\"p\":2}]}", ours),
	       "{\"id\":\"a\",\"n\":[1,{\"p\":2}]|1", "drop a middle one");
	is_str(open_of("{\"id\":\"a\",\"n\":1,\"spec\":{\"a\":{\"b\":[]}}}", ours),
	       "{\"id\":\"a\",\"n\":1|1", "drop the last (an object)");
	is_str(open_of("{\"spec\":null,\"architecture\":null,\"params\":1}", ours),
	       "{|0", "drop all");
	is_str(open_of("{\"params\":1,\"id\":\"a\",\"params\":2}", ours),
	       "{\"id\":\"a\"|1", "a key present twice goes twice");
	is_str(open_of("{\"arch\\u0069tecture\":1,\"id\":\"a\"}", ours),
	       "{\"id\":\"a\"|1", "a key spelt with an escape");
	is_str(open_of("{\"config\":{\"architecture\":1,\"params\":2},\"a\":3}",
	               ours),
	       "{\"config\":{\"architecture\":1,\"params\":2},\"a\":3|1",
	       "nested keys of the same name stay");
	is_str(open_of("{\"id\" : \"x\\\"y\" ,\"params\":3, \"t\" : [\"a\" , 1]}",
	               ours),
	       "{\"id\" : \"x\\\"y\",\"t\" : [\"a\" , 1]|1",
	       "members copied from the key's quote to the value's end");
	is_str(open_of("{\"a\":1,\"b\":2}", NULL), "{\"a\":1,\"b\":2|1",
	       "a NULL drop list");
	{
		static const char *const none[] = { NULL };
		is_str(open_of("{\"a\":1}", none), "{\"a\":1|1", "an empty list");
	}
	return done_testing();
}
