/*
 * file.c: whole files (see file.h): written under a temporary name in their
 * folder, flushed and renamed; copies and hard links of finished files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/file.h"

int file_path(char *path, size_t cap, const char *dir, const char *name)
{
    int k = snprintf(path, cap, "%s/%s", dir, name);
    return k > 0 && (size_t)k < cap;
}

int file_write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Set by file_batch; read by file_replace in the same thread, before any
 * other thread writes files. */
static int file_batching;

void file_batch(int on, const char *dir)
{
    file_batching = on;
    if (on)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        syncfs(fd);
        close(fd);
    }
}

int file_replace(const char *dir, const char *name, mode_t mode,
                 int (*fill)(void *ctx, int fd), void *ctx)
{
    char tmp[PATH_MAX], path[PATH_MAX];
    if (!file_path(tmp, sizeof tmp, dir, FILE_TMP_PREFIX "XXXXXX") ||
        !file_path(path, sizeof path, dir, name)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return -1;
    errno = 0;
    int ok = fill(ctx, fd) == 0 && fchmod(fd, mode) == 0 && (file_batching || fsync(fd) == 0);
    int e = errno ? errno : EIO;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && rename(tmp, path) == 0)
        return 0;
    if (ok)
        e = errno;
    unlink(tmp);
    errno = e;
    return -1;
}

/* file_replace's filler for file_copy: ctx is the source's descriptor. */
static int file_copy_fill(void *ctx, int fd)
{
    int src = *(int *)ctx;
    char buf[1 << 16];
    for (;;) {
        ssize_t r = read(src, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        if (file_write_all(fd, buf, (size_t)r))
            return -1;
    }
}

int file_copy(const char *src, const char *dir, const char *name)
{
    int fd = open(src, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0)
        return -1;
    int failed = fstat(fd, &sb) != 0;
    if (failed || !S_ISREG(sb.st_mode)) {
        int e = failed ? errno : EINVAL;
        close(fd);
        errno = e;
        return -1;
    }
    int rc = file_replace(dir, name, sb.st_mode & 0777, file_copy_fill, &fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int file_link_or_copy(const char *src, const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat sb;
    if (!file_path(path, sizeof path, dir, name)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (lstat(path, &sb) == 0) {
        errno = EEXIST;
        return -1;
    }
    if (link(src, path) == 0)
        return 0;
    if (errno != EXDEV && errno != EPERM && errno != EMLINK)
        return -1;
    return file_copy(src, dir, name);
}

void file_sync_dir(const char *dir)
{
    if (file_batching)
        return;                         /* file_batch(0, ...) flushes it all */
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}
