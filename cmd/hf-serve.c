/* hf-serve - serve a frozen Hub listing with the Hub's model API on
 * loopback, with faults on demand, for tests, demos and offline CI.  What
 * a request gets back is lib/hubsrv.c's; this file carries the bytes
 * (libmicrohttpd), compresses them, cuts the bodies faults cut, and
 * locks the state requests share. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../lib/hubsrv.h"
#include "../lib/opt.h"

struct opts {
	const char *bind, *aliases, *snapshot, *url_file;
	int port, latency_ms, max_page;
	char **grant, **token;
	int ngrant, ntoken;
	uint64_t seed;
	fault_conf fault;
};

/* Everything the request threads share; the state under lock. */
struct server {
	struct opts o;
	hub h;
	hubsrv srv;
	char origin[64];
	pthread_mutex_t lock;
	hubsrv_state st;
};

/* A body that stops early: after the headers (reset) or half way
 * (truncate); MHD then closes the connection. */
struct cut {
	char *buf;
	size_t len, stop;
};

static ssize_t
cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct cut *c = cls;
	size_t n;

	if (pos >= c->stop)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = c->stop - (size_t)pos < max ? c->stop - (size_t)pos : max;
	memcpy(buf, c->buf + pos, n);
	return (ssize_t)n;
}

static void
cut_free(void *cls)
{
	struct cut *c = cls;

	free(c->buf);
	free(c);
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static int
accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = header(c, "Accept-Encoding");

	return ae && strstr(ae, "gzip");
}

static void
gzip_body(hf_out *body)
{
	z_stream z;
	uLong bound;
	char *out;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	bound = deflateBound(&z, (uLong)body->len) + 32;
	out = hf_malloc(bound);
	z.next_in = (Bytef *)body->buf;
	z.avail_in = (uInt)body->len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
		free(body->buf);
		body->buf = out;
		body->len = z.total_out;
		body->cap = bound;
	} else {
		free(out);
	}
	deflateEnd(&z);
}

static void
add_header(struct MHD_Response *resp, const char *k, const char *v)
{
	if (v)
		MHD_add_response_header(resp, k, v);
}

/* --latency: a reply leaves latency_ms after its request came, the
 * making of it (the listing, gzip) inside that time, as a remote Hub's
 * time to answer includes its own work. */
static enum MHD_Result
send_reply(struct MHD_Connection *c, hubsrv_reply *r,
           const struct timespec *due)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	int gz = r->body.len > 256 && accepts_gzip(c) && r->status != 206;

	if (gz)
		gzip_body(&r->body);
	if (r->cut != FAULT_NONE) {
		struct cut *cut = hf_malloc(sizeof *cut);

		cut->buf = r->body.buf;
		cut->len = r->body.len;
		cut->stop = r->cut == FAULT_RESET ? 0 : r->body.len / 2;
		resp = MHD_create_response_from_callback(cut->len, 4096, cut_reader,
		                                         cut, cut_free);
	} else {
		resp = MHD_create_response_from_buffer(r->body.len, r->body.buf,
		                                       MHD_RESPMEM_MUST_FREE);
	}
	r->body.buf = NULL; /* the response's now */
	if (!resp)
		return MHD_NO;
	add_header(resp, "Content-Type", r->type);
	if (gz)
		add_header(resp, "Content-Encoding", "gzip");
	for (int i = 0; i < HUBSRV_NHEADERS; i++)
		add_header(resp, hubsrv_header_name[i], r->header[i]);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, due, NULL) == EINTR)
		;
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* One request: counted and its fault drawn under the lock, in arrival
 * order; answered without the lock; its download counted, or the
 * counters read, under it again.  *due: when the reply may leave. */
static void
handle(struct server *s, struct MHD_Connection *c, const char *method,
       char *uri, hubsrv_reply *r, struct timespec *due)
{
	char *qs = strchr(uri, '?');
	hubsrv_request rq = { method, uri, NULL, header(c, "Authorization"),
	                      header(c, "Range"), header(c, "Host"),
	                      header(c, "If-None-Match") };

	if (qs) {
		*qs++ = '\0';
		rq.query = qs;
	}
	clock_gettime(CLOCK_MONOTONIC, due);
	pthread_mutex_lock(&s->lock);
	hubsrv_arrive(&s->srv, &s->st, &rq, time(NULL), r);
	pthread_mutex_unlock(&s->lock);
	if (r->route != HUBSRV_STATS) {
		long ns = due->tv_nsec + (s->o.latency_ms % 1000) * 1000000L;

		due->tv_sec += s->o.latency_ms / 1000 + ns / 1000000000L;
		due->tv_nsec = ns % 1000000000L;
	}
	hubsrv_answer(&s->srv, &rq, r);
	pthread_mutex_lock(&s->lock);
	hubsrv_settle(&s->srv, &s->st, r);
	pthread_mutex_unlock(&s->lock);
}

/* A request between the access handler's calls.  MHD calls it once the
 * headers are in and again when the (absent) body is; a reply queued in
 * the first call, after a --latency delay, made MHD close the
 * connection, so the reply waits for the second: keep-alive holds. */
struct pending {
	char *uri;          /* the raw URI, query included */
	int headers_seen;
};

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **req_cls)
{
	struct server *s = cls;
	struct pending *p = *req_cls;
	hubsrv_reply r;
	struct timespec due;
	enum MHD_Result ret;
	char *uri;

	(void)version;
	(void)upload;
	if (*upload_size) {
		*upload_size = 0; /* no bodies are expected; discard */
		return MHD_YES;
	}
	if (!p) /* no URI callback came: the decoded URL will do */
		*req_cls = p = hf_calloc(1, sizeof *p);
	if (!p->headers_seen) {
		p->headers_seen = 1;
		return MHD_YES;
	}
	uri = p->uri ? p->uri : hf_strdup(url);
	p->uri = NULL;
	handle(s, c, method, uri, &r, &due);
	ret = send_reply(c, &r, &due);
	hubsrv_reply_free(&r);
	free(uri);
	return ret;
}

/* The raw URI, which the access handler does not get whole. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct pending *p = hf_malloc(sizeof *p);

	(void)cls;
	(void)c;
	p->uri = hf_strdup(uri);
	p->headers_seen = 0;
	return p;
}

/* Each connection accepted, for /_stats: a client that keeps its
 * connections alive makes few. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
              enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;

	(void)c;
	(void)socket_ctx;
	if (code != MHD_CONNECTION_NOTIFY_STARTED)
		return;
	pthread_mutex_lock(&s->lock);
	s->st.connections++;
	pthread_mutex_unlock(&s->lock);
}

static void
on_done(void *cls, struct MHD_Connection *c, void **req_cls,
        enum MHD_RequestTerminationCode why)
{
	struct pending *p = *req_cls;

	(void)cls;
	(void)c;
	(void)why;
	if (p)
		free(p->uri);
	free(p);
	*req_cls = NULL;
}

static double
parse_rate(const char *flag, const char *s)
{
	return opt_number(flag, s, 0, 1, "a probability from 0 to 1");
}

/* --rate-limit Q/W: Q requests per W seconds. */
static void
parse_rate_limit(struct opts *o, const char *s)
{
	const char *slash = strchr(s, '/');
	char q[32];

	if (!slash || (size_t)(slash - s) >= sizeof q)
		opt_fail("--rate-limit takes Q/W, e.g. 1000/300");
	snprintf(q, sizeof q, "%.*s", (int)(slash - s), s);
	o->fault.rl_q = (int)opt_count("--rate-limit Q", q, 1, 1000000);
	o->fault.rl_w = (int)opt_count("--rate-limit W", slash + 1, 1, 86400);
}

enum { O_BIND = 256, O_PORT, O_ALIASES, O_GRANT, O_TOKEN, O_SEED,
       O_RL, O_FAIL, O_RESET, O_TRUNC, O_GARBAGE, O_LATENCY,
       O_REDIRECT, O_MAXPAGE, O_URLFILE };
static const struct option longopts[] = {
	{ "bind", required_argument, NULL, O_BIND },
	{ "port", required_argument, NULL, O_PORT },
	{ "aliases", required_argument, NULL, O_ALIASES },
	{ "grant", required_argument, NULL, O_GRANT },
	{ "token", required_argument, NULL, O_TOKEN },
	{ "seed", required_argument, NULL, O_SEED },
	{ "rate-limit", required_argument, NULL, O_RL },
	{ "fail-rate", required_argument, NULL, O_FAIL },
	{ "reset-rate", required_argument, NULL, O_RESET },
	{ "truncate-rate", required_argument, NULL, O_TRUNC },
	{ "garbage-rate", required_argument, NULL, O_GARBAGE },
	{ "latency", required_argument, NULL, O_LATENCY },
	{ "redirect-to", required_argument, NULL, O_REDIRECT },
	{ "max-page", required_argument, NULL, O_MAXPAGE },
	{ "url-file", required_argument, NULL, O_URLFILE },
	OPT_HELP_VERSION,
	{ NULL, 0, NULL, 0 }
};

static const opt_doc doc[] = {
	{ "bind", "ADDR", "the IPv4 address to listen on (default 127.0.0.1)",
	  NULL },
	{ "port", "N", "the port (default 0: a free one)", NULL },
	{ "aliases", "FILE", "renamed repositories, lines OLD<TAB>NEW", NULL },
	{ "grant", "TOKEN", "a valid token with access to gated models; "
	  "repeatable", NULL },
	{ "token", "TOKEN", "a valid token without that access; repeatable",
	  NULL },
	{ "seed", "N", "the seed of the faults (default 0)", NULL },
	{ "rate-limit", "Q/W", "allow Q requests per W seconds, then 429 "
	  "(default: no limit)", NULL },
	{ "fail-rate", "P", "answer 500, 502, 503 or 504 with probability P "
	  "(default 0)", NULL },
	{ "reset-rate", "P", "close the connection before the body (default 0)",
	  NULL },
	{ "truncate-rate", "P", "close the connection half way through the "
	  "body (default 0)", NULL },
	{ "garbage-rate", "P", "answer 200 with an HTML body (default 0)",
	  NULL },
	{ "latency", "MS", "answer MS ms after each request came (default 0)",
	  NULL },
	{ "redirect-to", "ORIGIN", "answer every request with a 307 to ORIGIN",
	  NULL },
	{ "max-page", "N", "the largest page (default 1000)", NULL },
	{ "url-file", "FILE", "also write the origin to FILE, atomically, once "
	  "listening", NULL },
	{ NULL, NULL, NULL, NULL }
};

static const opt_tool tool = {
	"hf-serve",
	"usage: hf-serve [--bind ADDR] [--port N] [--aliases FILE] [--grant TOKEN]...\n"
	"                [--token TOKEN]... [--seed N] [--rate-limit Q/W]\n"
	"                [--fail-rate P] [--reset-rate P] [--truncate-rate P]\n"
	"                [--garbage-rate P] [--latency MS] [--redirect-to ORIGIN]\n"
	"                [--max-page N] [--url-file FILE] SNAPSHOT\n",
	"Serve the models of SNAPSHOT (NDJSON) with the Hub's model API on "
	"loopback, with faults on demand; the origin is the first line on "
	"standard output.",
	"h",
	longopts,
	doc,
	"hf-serve --port 0 --url-file url tests/fixtures/hub-small.ndjson &\n"
	"hf-serve --url-file url --rate-limit 100/10 --fail-rate 0.1 --seed 7 "
	"snap.ndjson &\n"
};

static void
parse_options(struct opts *o, int argc, char **argv)
{
	int c;

	o->grant = hf_calloc((size_t)argc, sizeof *o->grant);
	o->token = hf_calloc((size_t)argc, sizeof *o->token);
	while ((c = opt_next(argc, argv)) != -1) {
		switch (c) {
		case O_BIND: o->bind = optarg; break;
		case O_PORT: o->port = (int)opt_count("--port", optarg, 0, 65535); break;
		case O_ALIASES: o->aliases = optarg; break;
		case O_GRANT: o->grant[o->ngrant++] = optarg; break;
		case O_TOKEN: o->token[o->ntoken++] = optarg; break;
		case O_SEED:
			o->seed = (uint64_t)opt_count("--seed", optarg, 0, INT64_MAX);
			break;
		case O_RL: parse_rate_limit(o, optarg); break;
		case O_FAIL: o->fault.fail = parse_rate("--fail-rate", optarg); break;
		case O_RESET: o->fault.reset = parse_rate("--reset-rate", optarg); break;
		case O_TRUNC: o->fault.trunc = parse_rate("--truncate-rate", optarg); break;
		case O_GARBAGE: o->fault.garbage = parse_rate("--garbage-rate", optarg); break;
		case O_LATENCY:
			o->latency_ms = (int)opt_count("--latency", optarg, 0, 600000);
			break;
		case O_REDIRECT: o->fault.redirect_to = optarg; break;
		case O_MAXPAGE:
			o->max_page = (int)opt_count("--max-page", optarg, 1, 100000);
			break;
		case O_URLFILE: o->url_file = optarg; break;
		}
	}
	opt_operands(argc, argv, 1, 1);
	o->snapshot = argv[optind];
	if (o->fault.fail + o->fault.reset + o->fault.trunc +
	    o->fault.garbage > 1)
		opt_fail("the fault rates add up to more than 1");
}

/* A socket listening on addr:port, bound here rather than by
 * libmicrohttpd so that a failure says why (the port in use, an address
 * not of this machine); the port it got in *bound. */
static int
listen_on(const char *addr, int port, unsigned *bound)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd, one = 1;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
		char shown[64];

		hf_die(HF_USAGE, "--bind takes an IPv4 address, not %s",
		       hf_shown(shown, sizeof shown, addr, strlen(addr)));
	}
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		hf_die(HF_STATE, "cannot make a socket:");
	/* a restarted server takes its port back at once */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 64) < 0)
		hf_die(HF_STATE, "cannot listen on %s port %d:", addr, port);
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		hf_die(HF_STATE, "cannot read the port of %s:", addr);
	*bound = ntohs(sa.sin_port);
	return fd;
}

static struct MHD_Daemon *
start(struct server *s)
{
	const char *addr = s->o.bind ? s->o.bind : "127.0.0.1";
	unsigned port;
	int fd = listen_on(addr, s->o.port, &port);
	struct MHD_Daemon *d;

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	                     MHD_USE_THREAD_PER_CONNECTION,
	                     0, NULL, NULL, on_request, s,
	                     MHD_OPTION_LISTEN_SOCKET, fd,
	                     MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
	                     MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	                     MHD_OPTION_END);
	if (!d)
		hf_die(HF_STATE, "cannot serve on %s port %u", addr, port);
	snprintf(s->origin, sizeof s->origin, "http://%s:%u", addr, port);
	return d;
}

/* The origin, once the server listens: to --url-file, replaced at once
 * (whoever waits for the file reads the whole URL or nothing), then as
 * the first line of standard output. */
static void
announce(const char *origin, const char *url_file)
{
	char line[80];
	int n = snprintf(line, sizeof line, "%s\n", origin);

	if (url_file && file_write_atomic(url_file, line, (size_t)n) < 0)
		hf_die(HF_STATE, "cannot write %s:", url_file);
	fputs(line, stdout);
	if (fflush(stdout) != 0)
		hf_die(HF_STATE, "cannot write standard output:");
}

int
main(int argc, char **argv)
{
	struct server s = { 0 }; /* shared with the request threads */
	struct MHD_Daemon *d;
	sigset_t set;
	int sig;

	opt_init(&tool, argv[0]);
	hf_init_signals();
	s.o.max_page = 1000;
	parse_options(&s.o, argc, argv);
	if (hub_load(&s.h, s.o.snapshot) < 0)
		hf_die(HF_STATE, "cannot read %s:", s.o.snapshot);
	if (s.o.aliases && hub_load_aliases(&s.h, s.o.aliases) < 0)
		hf_die(HF_STATE, "cannot read %s:", s.o.aliases);
	s.srv = (hubsrv){ &s.h, s.origin + 7, s.o.max_page, s.o.grant,
	                  s.o.ngrant, s.o.token, s.o.ntoken, s.o.fault };
	hubsrv_state_init(&s.st, &s.srv, s.o.seed);
	pthread_mutex_init(&s.lock, NULL);
	/* SIGTERM and SIGINT are taken by sigwait below, in this thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	d = start(&s);
	announce(s.origin, s.o.url_file);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	hubsrv_state_free(&s.st);
	hub_free(&s.h);
	free(s.o.grant);
	free(s.o.token);
	return HF_OK;
}
