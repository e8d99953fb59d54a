/*
 * replay.c - main() for a harness built without libFuzzer: every file
 * named, and every file of every directory named, goes once through
 * LLVMFuzzerTestOneInput, each in a child process of its own (a crash
 * ends one input, not the run) with at most 20 s.  TAP on standard
 * output, one line per input; a failing input's messages (a sanitizer's
 * report) follow its line as comments.
 *
 *	usage: HARNESS.replay FILE|DIR ...
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define INPUT_SECONDS 20

static const char *harness;
static int ntests, nfailed;

/* The whole file in a buffer of exactly its size, so that a read one
 * byte past the input is caught as libFuzzer would catch it. */
static uint8_t *
slurp(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	uint8_t *buf;
	size_t off = 0;

	if (fd < 0 || fstat(fd, &sb) < 0) {
		perror(path);
		exit(2);
	}
	buf = malloc(sb.st_size ? (size_t)sb.st_size : 1);
	while (buf && off < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + off, (size_t)sb.st_size - off);

		if (n <= 0) {
			perror(path);
			exit(2);
		}
		off += (size_t)n;
	}
	close(fd);
	*size = off;
	return buf;
}

/* Copy what the child said to standard output as TAP comments. */
static void
comment(FILE *log)
{
	char line[1024];

	rewind(log);
	while (fgets(line, sizeof line, log))
		printf("# %s%s", line, strchr(line, '\n') ? "" : "\n");
}

static void
replay(const char *path)
{
	FILE *log = tmpfile();
	pid_t pid;
	int st;

	fflush(stdout);
	if (!log || (pid = fork()) < 0) {
		perror("replay");
		exit(2);
	}
	if (pid == 0) {
		size_t size;
		uint8_t *data;

		dup2(fileno(log), 2);
		data = slurp(path, &size);
		alarm(INPUT_SECONDS);
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		exit(0);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	ntests++;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		printf("ok %d - %s %s\n", ntests, harness, path);
	} else {
		nfailed++;
		if (WIFSIGNALED(st))
			printf("not ok %d - %s %s: %s\n", ntests, harness, path,
			       WTERMSIG(st) == SIGALRM ? "took more than 20 s" :
			       strsignal(WTERMSIG(st)));
		else
			printf("not ok %d - %s %s: exit status %d\n", ntests,
			       harness, path, WEXITSTATUS(st));
		comment(log);
	}
	fclose(log);
}

static int
visible(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* A directory's files in name order, so runs compare line by line. */
static void
replay_dir(const char *dir)
{
	struct dirent **v;
	int n = scandir(dir, &v, visible, alphasort);

	if (n < 0) {
		perror(dir);
		exit(2);
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(v[i]->d_name) + 2;
		char *path = malloc(len);
		struct stat sb;

		snprintf(path, len, "%s/%s", dir, v[i]->d_name);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			replay(path);
		free(path);
		free(v[i]);
	}
	free(v);
}

int
main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	char *name = strdup(slash ? slash + 1 : argv[0]), *dot;

	if ((dot = strstr(name, ".replay")) != NULL)
		*dot = '\0';
	harness = name;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR ...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat sb;

		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			replay_dir(argv[i]);
		else
			replay(argv[i]);
	}
	if (ntests == 0) {
		printf("not ok 1 - %s: no input to replay\n", harness);
		ntests = nfailed = 1;
	}
	printf("1..%d\n", ntests);
	free(name);
	return nfailed > 0;
}
