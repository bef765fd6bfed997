/*
 * file.h: files that are whole or absent (file.c). A file is written under a
 * temporary name in its own folder (FILE_TMP_PREFIX + 6 random characters),
 * flushed to disk and renamed over its name, so a reader (or a crash) never
 * sees half of it. The media folder's files, backups and restored databases
 * are written this way. Functions return 0, or -1 with errno set.
 */
#ifndef AK_BASE_FILE_H
#define AK_BASE_FILE_H

#include <stddef.h>
#include <sys/types.h>

#define FILE_TMP_PREFIX ".tmp-"     /* a sweep of a folder removes old ones */

/* Write dir/name whole: fill(ctx, fd) writes the content into a new
 * temporary file in dir (returns 0, or -1 with errno set), which is then
 * given mode, flushed (fsync) and renamed to dir/name. On failure the
 * temporary file is removed and dir/name is as it was. The rename is made
 * durable by file_sync_dir(dir), which callers call once after a batch. */
int file_replace(const char *dir, const char *name, mode_t mode,
                 int (*fill)(void *ctx, int fd), void *ctx);
/* Write p[0..n) to fd entirely (retrying short writes). */
int file_write_all(int fd, const void *p, size_t n);
/* Copy the regular file src to dir/name with file_replace (mode: src's). */
int file_copy(const char *src, const char *dir, const char *name);
/* Make dir/name the same file as src: a hard link when src is on the same
 * file system (for files never changed in place once written), else a copy
 * (file_copy). An existing dir/name is left as it is (errno EEXIST). */
int file_link_or_copy(const char *src, const char *dir, const char *name);
/* Flush dir's entries (new names, renames) to disk; errors ignored. */
void file_sync_dir(const char *dir);
/* Batch mode, for one thread writing many files before anything else runs
 * (the demo's pictures at start): while on, file_replace skips its fsync of
 * each file; turning it off flushes the whole file system holding dir at
 * once (syncfs), so the batch ends as durable as if each file had been
 * flushed, at the cost of one flush instead of hundreds. */
void file_batch(int on, const char *dir);
/* dir/name into path (cap bytes); 0 when it does not fit, else 1. */
int file_path(char *path, size_t cap, const char *dir, const char *name);

#endif
