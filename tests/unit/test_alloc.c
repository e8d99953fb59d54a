/* Unit tests of lib/alloc.c: the wrappers never return NULL, and out of
 * memory is one message and exit 4. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../lib/hf.h"
#include "child.h"

/* Under AddressSanitizer (make check-san) a huge request must fail the
 * way malloc does, not abort the test (ASan warns on stderr first). */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	return n >= k && strcmp(s + n - k, end) == 0;
}

static void
huge_malloc(void *arg)
{
	(void)arg;
	hf_malloc(SIZE_MAX - 16);
}

static void
huge_calloc(void *arg)
{
	(void)arg;
	hf_calloc(SIZE_MAX / 2, 4); /* the product overflows */
}

static void
huge_realloc(void *arg)
{
	static void *volatile p; /* still reachable when the test exits */

	(void)arg;
	p = hf_malloc(8);
	hf_realloc(p, SIZE_MAX - 16);
}

static void
huge_strndup(void *arg)
{
	(void)arg;
	hf_strndup("", SIZE_MAX - 16);
}

int
main(void)
{
	static void (*const huge[])(void *) = { huge_malloc, huge_calloc,
	                                        huge_realloc, huge_strndup };
	static const char *const names[] = { "hf_malloc", "hf_calloc",
	                                     "hf_realloc", "hf_strndup" };
	const char *msg = "hf-test: out of memory\n";
	unsigned char *z;
	char *p, *q;
	child c;

	hf_setprogname("hf-test");
	p = hf_malloc(0);
	ok(p != NULL, "hf_malloc(0) is not NULL");
	p = hf_realloc(p, 0);
	ok(p != NULL, "hf_realloc(p, 0) is not NULL");
	free(p);
	z = hf_calloc(1000, 3);
	ok(z && z[0] == 0 && z[2999] == 0 && memcmp(z, z + 1, 2999) == 0,
	   "hf_calloc is zeroed");
	free(z);
	ok((z = hf_calloc(0, 0)) != NULL, "hf_calloc(0, 0) is not NULL");
	free(z);
	p = hf_strdup("model/id");
	q = hf_strdup(p);
	ok(strcmp(q, "model/id") == 0 && q != p, "hf_strdup copies");
	free(p);
	free(q);
	p = hf_strndup("Qwen/Qwen3-8B/tree", 13);
	is_str(p, "Qwen/Qwen3-8B", "hf_strndup takes n bytes and ends them");
	free(p);
	p = hf_strndup("a\0b", 3);
	ok(memcmp(p, "a\0b", 4) == 0, "hf_strndup copies NUL bytes within n");
	free(p);
	p = hf_strndup("x", 0);
	ok(p && *p == '\0', "hf_strndup of 0 bytes is the empty string");
	free(p);
	for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
		child_run(&c, huge[i], NULL);
		child_ok(&c, c.status == HF_STATE && !*c.out && ends_with(c.err, msg) &&
		         strstr(c.err, "hf-test") == c.err + strlen(c.err) - strlen(msg),
		         "%s of too much: one line and status 4", names[i]);
	}
	return done_testing();
}
