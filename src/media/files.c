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
#include "base/file.h"
#include "base/log.h"
#include "media/files.h"
#include "media/image.h"

int media_file_exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat sb;
    return file_path(path, sizeof path, dir, name) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

struct media_bytes {
    const void *p;
    size_t n;
};

/* file_replace's filler for media_file_write. */
static int media_fill(void *ctx, int fd)
{
    const struct media_bytes *b = ctx;
    return file_write_all(fd, b->p, b->n);
}

int media_file_write(const char *dir, const char *name, const void *p, size_t n)
{
    struct media_bytes b = { p, n };
    return file_replace(dir, name, 0644, media_fill, &b);
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
            !file_path(path, sizeof path, dir, e->d_name) || lstat(path, &sb) != 0 ||
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
        rc = media_sweep_dir(media_dir, FILE_TMP_PREFIX, before, &n);
    if (upload_dir)
        rc2 = media_sweep_dir(upload_dir, "upload-", before, &n);
    if (removed)
        *removed = n;
    return rc ? rc : rc2;
}
