/*
 * theme.c: loads templates and assets from the embedded default theme and an
 * optional override folder (see theme.h). Loaded once at start-up and then
 * shared read-only by every server thread.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/embedded.h"
#include "base/hash.h"
#include "render/theme.h"

#define THEME_MAX_FILES 64      /* files in a theme: the default's and a folder's together */
#define THEME_MAX_FILE (4u << 20)   /* bytes in one theme file */
#define THEME_PREFIX "themes/default/"

struct theme_file {
    char *name;                 /* file name, e.g. "article.html" */
    char *data;                 /* owned when from the folder */
    size_t size;
    int owned;
};

struct theme {
    struct theme_file files[THEME_MAX_FILES];
    size_t nfiles;
    struct {
        const char *name;       /* without ".html" */
        struct tmpl *t;
    } tmpls[THEME_MAX_FILES];
    size_t ntmpls;
    struct theme_asset assets[THEME_MAX_FILES];
    size_t nassets;
};

static int theme_ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Add or replace a file by name. Returns AK_OK, AK_ETOOBIG (THEME_MAX_FILES
 * files already) or AK_ENOMEM. */
static enum ak_err theme_put(struct theme *th, const char *name, char *data, size_t size,
                             int owned)
{
    struct theme_file *f = NULL;
    for (size_t i = 0; i < th->nfiles; i++)
        if (strcmp(th->files[i].name, name) == 0)
            f = &th->files[i];
    if (!f) {
        if (th->nfiles == THEME_MAX_FILES)
            return AK_ETOOBIG;
        if (!(name = strdup(name)))
            return AK_ENOMEM;
        f = &th->files[th->nfiles++];
        f->name = (char *)name;
    } else if (f->owned) {
        free(f->data);
    }
    f->data = data;
    f->size = size;
    f->owned = owned;
    return AK_OK;
}

/* Read the theme file at path into *data (malloc'd, NUL-terminated) and
 * *size. Returns AK_OK; AK_ENOTFOUND for what is not a regular file (a
 * folder inside the theme's: not the theme's, skipped); else an error with
 * its reason in err (the file cannot be read, or is over THEME_MAX_FILE). */
static enum ak_err theme_read(const char *path, char **data, size_t *size, char *err,
                              size_t errn)
{
    FILE *fp = fopen(path, "rb");
    struct stat sb;
    if (!fp || fstat(fileno(fp), &sb) != 0) {
        snprintf(err, errn, "%s: cannot read: %s", path, strerror(errno));
        if (fp)
            fclose(fp);
        return AK_EIO;
    }
    enum ak_err rc = AK_OK;
    *data = NULL;
    if (!S_ISREG(sb.st_mode)) {
        rc = AK_ENOTFOUND;
    } else if (sb.st_size > THEME_MAX_FILE) {
        snprintf(err, errn, "%s: %lld bytes, more than a theme file's %u", path,
                 (long long)sb.st_size, THEME_MAX_FILE);
        rc = AK_ETOOBIG;
    } else if (!(*data = malloc((size_t)sb.st_size + 1))) {
        snprintf(err, errn, "%s: out of memory for %lld bytes", path, (long long)sb.st_size);
        rc = AK_ENOMEM;
    } else {
        *size = fread(*data, 1, (size_t)sb.st_size, fp);
        (*data)[*size] = 0;
        if (ferror(fp)) {
            snprintf(err, errn, "%s: cannot read: %s", path, strerror(errno));
            free(*data);
            *data = NULL;
            rc = AK_EIO;
        }
    }
    fclose(fp);
    return rc;
}

static const char *theme_content_type(const char *name)
{
    if (theme_ends(name, ".css"))
        return "text/css; charset=utf-8";
    if (theme_ends(name, ".js"))
        return "text/javascript; charset=utf-8";
    if (theme_ends(name, ".svg"))
        return "image/svg+xml";
    if (theme_ends(name, ".png"))
        return "image/png";
    if (theme_ends(name, ".ico"))
        return "image/x-icon";
    if (theme_ends(name, ".woff2"))
        return "font/woff2";
    return "application/octet-stream";
}

static const struct tmpl *theme_lookup(void *ctx, const char *name, size_t n)
{
    const struct theme *th = ctx;
    for (size_t i = 0; i < th->ntmpls; i++)
        if (strlen(th->tmpls[i].name) == n && memcmp(th->tmpls[i].name, name, n) == 0)
            return th->tmpls[i].t;
    return NULL;
}

struct theme *theme_load(const char *dir, char *err, size_t errn)
{
    struct theme *th = calloc(1, sizeof *th);
    if (!th) {
        snprintf(err, errn, "out of memory");
        return NULL;
    }
    enum ak_err rc;
    for (const struct embedded_file *e = embedded_files; e->name; e++)
        if (strncmp(e->name, THEME_PREFIX, strlen(THEME_PREFIX)) == 0 &&
            (rc = theme_put(th, e->name + strlen(THEME_PREFIX), (char *)e->data, e->size, 0)))
            goto oom;           /* the default theme fits: built so */
    if (dir) {
        DIR *d = opendir(dir);
        if (!d) {
            snprintf(err, errn, "%s: cannot open theme folder", dir);
            goto fail;
        }
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            size_t size;
            char *data;
            if ((rc = theme_read(path, &data, &size, err, errn)) == AK_ENOTFOUND)
                continue;
            if (rc == AK_OK && (rc = theme_put(th, de->d_name, data, size, 1)) != AK_OK) {
                free(data);
                if (rc == AK_ETOOBIG)
                    snprintf(err, errn, "more than %d files in %s (the default theme's "
                             "and the folder's together; at %s)", THEME_MAX_FILES, dir,
                             de->d_name);
                else
                    snprintf(err, errn, "out of memory");
            }
            if (rc) {
                closedir(d);
                goto fail;
            }
        }
        closedir(d);
    }
    for (size_t i = 0; i < th->nfiles; i++) {
        struct theme_file *f = &th->files[i];
        if (theme_ends(f->name, ".html")) {
            struct tmpl *t = tmpl_parse(f->name, f->data, f->size, err, errn);
            if (!t)
                goto fail;
            f->name[strlen(f->name) - 5] = 0;
            th->tmpls[th->ntmpls].name = f->name;
            th->tmpls[th->ntmpls++].t = t;
        } else {
            struct theme_asset *a = &th->assets[th->nassets++];
            a->name = f->name;
            a->data = f->data;
            a->size = f->size;
            a->content_type = theme_content_type(f->name);
            snprintf(a->etag, sizeof a->etag, "\"%016llx\"",
                     (unsigned long long)hash_bytes(f->data, f->size));
        }
    }
    return th;
oom:
    snprintf(err, errn, "out of memory");
fail:
    theme_free(th);
    return NULL;
}

void theme_free(struct theme *th)
{
    if (!th)
        return;
    for (size_t i = 0; i < th->ntmpls; i++)
        tmpl_free(th->tmpls[i].t);
    for (size_t i = 0; i < th->nfiles; i++) {
        free(th->files[i].name);
        if (th->files[i].owned)
            free(th->files[i].data);
    }
    free(th);
}

enum ak_err theme_render(const struct theme *th, const char *name, const struct tv *v,
                         struct html *h)
{
    const struct tmpl *t = theme_lookup((void *)th, name, strlen(name));
    if (!t)
        return AK_ENOTFOUND;
    tmpl_render(t, v, theme_lookup, (void *)th, h);
    return h->b.err;
}

size_t theme_assets_named(const struct theme *th, const char *prefix, const char *suffix,
                          const struct theme_asset **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < th->nassets && n < max; i++)
        if (strncmp(th->assets[i].name, prefix, strlen(prefix)) == 0 &&
            theme_ends(th->assets[i].name, suffix))
            out[n++] = &th->assets[i];
    return n;
}

const struct theme_asset *theme_asset(const struct theme *th, const char *name)
{
    for (size_t i = 0; i < th->nassets; i++)
        if (strcmp(th->assets[i].name, name) == 0)
            return &th->assets[i];
    return NULL;
}
