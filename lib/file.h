/*
 * file.h - whole files in and out: reading one into memory with a size
 * limit, and replacing one atomically (a synced temporary beside it, then
 * rename and a sync of the directory), alone or several together.  What
 * file_read returns is the caller's to free.  Also: all of a buffer to a
 * descriptor.
 */
#ifndef HF_FILE_H
#define HF_FILE_H

#include <stddef.h>

/* The whole file, NUL-terminated (the NUL not counted in *len); NULL with
 * errno set on failure, EFBIG past limit bytes.  path "-" is standard
 * input. */
char *file_read(const char *path, size_t limit, size_t *len);

/* All of data to fd, however many writes it takes: 0, or -1 with errno
 * (EPIPE too: SIGPIPE is ignored). */
int file_write_fd(int fd, const void *data, size_t len);

/* Replace path with data atomically.  0, or -1 with errno set (the old
 * file is then untouched and no temporary file is left). */
int file_write_atomic(const char *path, const void *data, size_t len);
/* The two halves, for several files that must change together: stage
 * each (a synced temporary beside path, returned malloc'd; NULL and errno
 * on failure, nothing left behind), then commit each (rename; frees tmp,
 * and removes it when the rename fails). */
char *file_stage(const char *path, const void *data, size_t len);
int file_commit(char *tmp, const char *path);
/* Commit n staged files as one: every rename done, or, when one fails,
 * the files already renamed put back (a file that was not there before
 * removed) and every temporary removed.  0, or -1 with errno and *failed
 * the index of the path that failed.  Frees every tmp. */
int file_commit_all(char **tmp, char *const *path, int n, int *failed);

#endif
