/* Unit tests of lib/file.c: whole files read with a limit, and replaced
 * atomically, alone or staged and committed together (a failing rename
 * undone); a buffer written whole to a descriptor. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../lib/hf.h"
#include "tap.h"

static char dir[] = "/tmp/hf-test-file-XXXXXX";

/* dir/name, in one of two static buffers. */
static const char *
in_dir(const char *name)
{
	static char buf[2][256];
	static int k;

	k = !k;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void
put(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "w");

	fwrite(data, 1, n, f);
	fclose(f);
}

/* The names in dir, sorted, joined by spaces. */
static const char *
listing(void)
{
	static char names[1024];
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort);

	names[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.') {
			if (*names)
				strcat(names, " ");
			strcat(names, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return names;
}

/* The file's text, or "(unreadable)". */
static const char *
text_of(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return "(unreadable)";
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static unsigned
mode_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (unsigned)(sb.st_mode & 07777) : 0;
}

static void
reading(void)
{
	char *big = hf_malloc(200001), *s;
	size_t len = 0;
	int fd, saved;

	put(in_dir("a"), "one\0two", 7);
	s = file_read(in_dir("a"), 100, &len);
	ok(s && len == 7 && memcmp(s, "one\0two", 8) == 0,
	   "the whole file, a NUL inside counted, a NUL after");
	free(s);
	put(in_dir("empty"), "", 0);
	s = file_read(in_dir("empty"), 100, &len);
	ok(s && len == 0 && *s == '\0', "an empty file is an empty string");
	free(s);

	memset(big, 'x', 200001);
	put(in_dir("big"), big, 100);
	s = file_read(in_dir("big"), 100, &len);
	ok(s && len == 100, "a file of exactly the limit is read");
	free(s);
	errno = 0;
	ok(file_read(in_dir("big"), 99, &len) == NULL && errno == EFBIG,
	   "one byte past the limit: EFBIG");
	ok(file_read(in_dir("big"), 10, &len) == NULL && errno == EFBIG,
	   "far past a small limit: EFBIG");
	put(in_dir("big"), big, 200001);
	s = file_read(in_dir("big"), 200001, &len);
	ok(s && len == 200001 && s[200000] == 'x' && s[200001] == '\0',
	   "a file bigger than the first buffer is read whole");
	free(s);
	errno = 0;
	ok(file_read(in_dir("big"), 200000, &len) == NULL && errno == EFBIG,
	   "EFBIG past the first buffer too");
	free(big);

	errno = 0;
	ok(file_read(in_dir("absent"), 100, &len) == NULL && errno == ENOENT,
	   "a missing file: NULL and ENOENT");
	errno = 0;
	ok(file_read(dir, 100, &len) == NULL && errno == EISDIR,
	   "a directory: NULL and EISDIR");

	saved = dup(0);
	fd = open(in_dir("a"), O_RDONLY);
	dup2(fd, 0);
	close(fd);
	s = file_read("-", 100, &len);
	ok(s && len == 7 && strcmp(s, "one") == 0, "\"-\" is standard input");
	free(s);
	dup2(saved, 0);
	close(saved);
	unlink(in_dir("a"));
	unlink(in_dir("empty"));
	unlink(in_dir("big"));
}

static void
replacing(void)
{
	const char *reg = in_dir("reg.json");
	mode_t mask;
	char *t1, *t2;

	put(reg, "old\n", 4);
	chmod(reg, 0640);
	ok(file_write_atomic(reg, "new\n", 4) == 0, "file_write_atomic");
	ok(strcmp(text_of(reg), "new\n") == 0, "the new text is in place");
	ok(mode_of(reg) == 0640, "the old file's mode is kept (%o)",
	   mode_of(reg));
	is_str(listing(), "reg.json", "no temporary file is left");
	unlink(reg);

	mask = umask(027);
	ok(file_write_atomic(reg, "x", 1) == 0 && mode_of(reg) == 0640,
	   "a new file honours the umask (%o)", mode_of(reg));
	umask(mask);
	unlink(reg);

	put(in_dir("a"), "old a", 5);
	t1 = file_stage(in_dir("a"), "new a", 5);
	t2 = file_stage(in_dir("b"), "new b", 5);
	ok(t1 && t2 && strncmp(t1, in_dir("a.tmp"), strlen(dir) + 6) == 0,
	   "staged beside the file (%s)", t1 ? t1 : "NULL");
	is_str(text_of(in_dir("a")), "old a",
	       "staged: the old file is untouched");
	ok(access(in_dir("b"), F_OK) < 0, "staged: a new file is not there");
	ok(file_commit(t1, in_dir("a")) == 0 && file_commit(t2, in_dir("b")) == 0,
	   "both committed");
	ok(strcmp(text_of(in_dir("a")), "new a") == 0 &&
	   strcmp(text_of(in_dir("b")), "new b") == 0, "both replaced");
	is_str(listing(), "a b", "no temporary file is left after commits");

	t1 = file_stage(in_dir("a"), "newer", 5);
	errno = 0;
	ok(t1 && file_commit(t1, in_dir("no/such/dir")) < 0 && errno == ENOENT,
	   "a failed commit is -1 with errno");
	is_str(listing(), "a b", "a failed commit removes its temporary file");
	is_str(text_of(in_dir("a")), "new a", "and leaves the file as it was");

	errno = 0;
	ok(file_stage(in_dir("no/a"), "x", 1) == NULL && errno == ENOENT,
	   "staging in a missing directory: NULL and ENOENT");
	ok(file_write_atomic(in_dir("no/a"), "x", 1) < 0 && errno == ENOENT,
	   "so is an atomic write there");
}

/* A write that fails half-way (the file size limit): the stage is NULL
 * with errno and leaves neither a temporary nor a changed file. */
static void
failed_stage(void)
{
	static char data[100000];
	struct rlimit old, small;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	char *t;

	getrlimit(RLIMIT_FSIZE, &old);
	small = old;
	small.rlim_cur = 4096;
	setrlimit(RLIMIT_FSIZE, &small);
	errno = 0;
	t = file_stage(in_dir("a"), data, sizeof data);
	ok(t == NULL && errno == EFBIG, "a stage whose write fails is NULL, "
	   "EFBIG (errno %d)", errno);
	errno = 0;
	ok(file_write_atomic(in_dir("a"), data, sizeof data) < 0 &&
	   errno == EFBIG, "so is the atomic write");
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, was);
	is_str(listing(), "a b", "nothing is left behind");
	is_str(text_of(in_dir("a")), "new a", "the file is as it was");
	unlink(in_dir("a"));
	unlink(in_dir("b"));
}

/* Three staged files committed as one, the second rename failing (over a
 * directory that is not empty): the first is put back, the third never
 * appears, nothing is left beside them. */
static void
commit_all(void)
{
	char *path[3], *tmp[3];
	const char *names[3] = { "one", "sub", "new" };
	int bad = -1;

	for (int i = 0; i < 3; i++)
		path[i] = hf_strdup(in_dir(names[i]));
	put(path[0], "old one", 7);
	mkdir(path[1], 0777);
	put(in_dir("sub/x"), "x", 1);
	tmp[0] = file_stage(path[0], "new one", 7);
	tmp[1] = file_stage(path[1], "new sub", 7);
	tmp[2] = file_stage(path[2], "new new", 7);
	ok(tmp[0] && tmp[1] && tmp[2], "three staged");
	errno = 0;
	ok(file_commit_all(tmp, path, 3, &bad) < 0 && errno == EISDIR,
	   "the second rename fails, and says why");
	ok(bad == 1, "and which (%d)", bad);
	is_str(text_of(path[0]), "old one", "the first file is put back");
	is_str(listing(), "one sub", "the third never appears, no temporary "
	       "or second name is left");

	tmp[0] = file_stage(path[0], "new one", 7);
	tmp[1] = file_stage(path[2], "new new", 7);
	ok(file_commit_all(tmp, (char *[]){ path[0], path[2] }, 2, &bad) == 0,
	   "two committed as one");
	is_str(text_of(path[0]), "new one", "the first replaced");
	is_str(text_of(path[2]), "new new", "the second made");
	is_str(listing(), "new one sub", "nothing else is left");

	tmp[0] = file_stage(path[2], "newer", 5);
	tmp[1] = file_stage(path[1], "sub", 3);
	ok(file_commit_all(tmp, (char *[]){ path[2], path[1] }, 2, &bad) < 0 &&
	   bad == 1, "an existing file, then a failing one");
	is_str(text_of(path[2]), "new new", "the existing file is put back");
	is_str(listing(), "new one sub", "and nothing is left beside it");
	unlink(in_dir("sub/x"));
	for (int i = 0; i < 3; i++) {
		if (unlink(path[i]) < 0)
			rmdir(path[i]);
		free(path[i]);
	}
}

/* file_write_fd: everything, through a pipe smaller than the data; a
 * reader gone is -1 and EPIPE, not a signal. */
static void
writing_fd(void)
{
	static char big[256 * 1024], back[sizeof big];
	int fds[2];
	size_t got = 0;
	int st = -1;
	pid_t pid;

	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7);
	ok(pipe(fds) == 0, "a pipe");
	if ((pid = fork()) == 0) {
		close(fds[0]);
		_exit(file_write_fd(fds[1], big, sizeof big) == 0 ? 0 : 1);
	}
	close(fds[1]);
	for (ssize_t n; (n = read(fds[0], back + got, sizeof back - got)) > 0;)
		got += (size_t)n;
	close(fds[0]);
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "file_write_fd: 0 for the writer");
	ok(got == sizeof big && memcmp(back, big, sizeof big) == 0,
	   "file_write_fd: all of 256 KiB through a pipe");
	signal(SIGPIPE, SIG_IGN);
	ok(pipe(fds) == 0, "another pipe");
	close(fds[0]);
	errno = 0;
	ok(file_write_fd(fds[1], "x", 1) == -1 && errno == EPIPE,
	   "file_write_fd: a reader gone is -1, EPIPE");
	close(fds[1]);
	signal(SIGPIPE, SIG_DFL);
}

int
main(void)
{
	ok(mkdtemp(dir) != NULL, "temporary directory");
	reading();
	replacing();
	failed_stage();
	commit_all();
	writing_fd();
	rmdir(dir);
	ok(access(dir, F_OK) < 0, "the directory is left empty");
	return done_testing();
}
