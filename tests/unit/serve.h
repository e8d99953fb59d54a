/* serve.h - the project's own hf-serve, for the unit tests of the code
 * that speaks HTTP: serve_start runs ./hf-serve (built by make all; the
 * unit tests run from the repository root) with --port 0 --url-file on
 * a snapshot, waits for the file (polling, at most SERVE_WAIT_MS) and
 * gives the origin; serve_stop ends it with SIGTERM and waits for it,
 * as does a test that exits without calling it (not its forked
 * children, which exit too).  Its standard output (the origin again)
 * goes to /dev/null.  serve_pool makes the client's pool as the tests
 * use it. */
#ifndef SERVE_H
#define SERVE_H
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../../lib/http.h"

#define SERVE_WAIT_MS 10000

typedef struct {
	pid_t pid;
	char url[128];  /* http://127.0.0.1:PORT */
} serve;

/* The origin from url_file once hf-serve wrote it (it renames a whole
 * file into place), else 0. */
static int
serve_read_url(serve *s, const char *url_file)
{
	FILE *f = fopen(url_file, "r");
	int got = 0;

	if (!f)
		return 0;
	if (fgets(s->url, sizeof s->url, f) && strncmp(s->url, "http://", 7) == 0) {
		s->url[strcspn(s->url, "\n")] = '\0';
		got = 1;
	}
	fclose(f);
	return got;
}

/* SIGTERM, then its exit status (0 when it stopped as it should). */
static int __attribute__((unused))
serve_stop(serve *s)
{
	int st;

	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	while (waitpid(s->pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	s->pid = -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static serve *serve_running;
static pid_t serve_owner;

static void
serve_at_exit(void)
{
	if (serve_running && getpid() == serve_owner)
		serve_stop(serve_running);
}

/* Start hf-serve on snapshot (a stale url_file is removed first), every
 * answer latency_ms after its request (0: at once).  0, or -1 after a
 * message on standard error (hf-serve's own, or why). */
static int __attribute__((unused))
serve_start_slow(serve *s, const char *snapshot, const char *url_file,
                 int latency_ms)
{
	char latency[16];
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int st;

	unlink(url_file);
	fflush(stdout);
	fflush(stderr);
	if ((s->pid = fork()) < 0) {
		perror("fork");
		return -1;
	}
	if (s->pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, 1) < 0)
			_exit(127);
		snprintf(latency, sizeof latency, "%d", latency_ms);
		execl("./hf-serve", "hf-serve", "--port", "0", "--latency", latency,
		      "--url-file", url_file, snapshot, (char *)NULL);
		perror("./hf-serve (make all builds it)");
		_exit(127);
	}
	if (!serve_running)
		atexit(serve_at_exit);
	serve_running = s;
	serve_owner = getpid();
	for (int ms = 0; ms < SERVE_WAIT_MS; ms += 10) {
		if (serve_read_url(s, url_file))
			return 0;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			fprintf(stderr, "hf-serve ended before it served\n");
			s->pid = -1;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "hf-serve wrote no URL within %d ms\n", SERVE_WAIT_MS);
	serve_stop(s);
	return -1;
}

static int __attribute__((unused))
serve_start(serve *s, const char *snapshot, const char *url_file)
{
	return serve_start_slow(s, snapshot, url_file, 0);
}

/* A pool on endpoint: quiet, retrying at once rather than after
 * seconds, stopped by *stop; the process exits 98 when it cannot be
 * made. */
static void __attribute__((unused))
serve_pool(http_pool *p, const char *endpoint, volatile sig_atomic_t *stop)
{
	char err[256];

	if (http_pool_init(p, endpoint, NULL, 0, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(98);
	}
	p->quiet = 1;
	p->base_wait = 0.01;
	p->stop = stop;
}
#endif
