/*
 * files.c: the media folder's file handling (see files.h): complete files
 * only, written under a temporary name and renamed into place, and the
 * sweeping of what a crash left behind. Nothing here decodes an image.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/log.h"
#include "media/files.h"
#include "media/image.h"

/* dir/name into path (cap bytes); 0 when it does not fit. */
static int media_path(char *path, size_t cap, const char *dir, const char *name)
{
    int k = snprintf(path, cap, "%s/%s", dir, name);
    return k > 0 && (size_t)k < cap;
}

int media_file_exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat sb;
    return media_path(path, sizeof path, dir, name) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int media_file_write(const char *dir, const char *name, const void *p, size_t n)
{
    char tmp[PATH_MAX], path[PATH_MAX];
    if (!media_path(tmp, sizeof tmp, dir, ".tmp-XXXXXX") ||
        !media_path(path, sizeof path, dir, name)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return -1;
    const char *s = p;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, s + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            goto fail;
        done += (size_t)w;
    }
    if (fchmod(fd, 0644) || fsync(fd))
        goto fail;
    if (close(fd)) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path))
        goto fail;
    return 0;
fail:;
    int e = errno ? errno : EIO;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = e;
    return -1;
}

void media_dir_sync(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Remove the regular files in dir whose names start with prefix and that
 * were last modified before `before`; add their number to *removed. */
static enum ak_err media_sweep_dir(const char *dir, const char *prefix, time_t before,
                                   size_t *removed)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT)
            return AK_OK;
        log_error("media: cannot read %s: %s", dir, strerror(errno));
        return AK_EIO;
    }
    size_t plen = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[PATH_MAX];
        struct stat sb;
        if (strncmp(e->d_name, prefix, plen) != 0 ||
            !media_path(path, sizeof path, dir, e->d_name) || lstat(path, &sb) != 0 ||
            !S_ISREG(sb.st_mode) || sb.st_mtime >= before)
            continue;
        if (unlink(path) == 0)
            (*removed)++;
        else
            log_error("media: cannot remove %s: %s", path, strerror(errno));
    }
    closedir(d);
    return AK_OK;
}

enum ak_err media_sweep(const char *media_dir, const char *upload_dir, int64_t max_age,
                        size_t *removed)
{
    size_t n = 0;
    time_t before = time(NULL) - (time_t)max_age;
    enum ak_err rc = AK_OK, rc2 = AK_OK;
    if (media_dir)
        rc = media_sweep_dir(media_dir, ".tmp-", before, &n);
    if (upload_dir)
        rc2 = media_sweep_dir(upload_dir, "upload-", before, &n);
    if (removed)
        *removed = n;
    return rc ? rc : rc2;
}
