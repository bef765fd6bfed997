/*
 * demo.c: the demo content compiled into the binary (demo/), loaded by
 * `akhbar serve --demo` into an empty database so that a new install shows
 * a living site.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "base/embedded.h"
#include "base/file.h"
#include "base/log.h"
#include "ingest/ingest.h"
#include "media/image.h"
#include "store/media.h"
#include "newsroom/article.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/pages.h"
#include "store/related.h"
#include "store/section.h"
#include "store/store.h"

/* Add the sections of demo/sections.tsv ("slug<TAB>name" lines). */
static enum ak_err demo_sections(struct store *st, struct arena *a)
{
    const struct embedded_file *f = embedded_find("demo/sections.tsv");
    if (!ALWAYS(f != NULL))
        return AK_EIO;
    const char *p = f->data, *end = f->data + f->size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(e - p));
        if (tab) {
            char *slug = arena_strndup(a, p, (size_t)(tab - p));
            char *name = arena_strndup(a, tab + 1, (size_t)(e - tab - 1));
            if (!slug || !name)
                return AK_ENOMEM;
            enum ak_err rc = store_section_add(st, slug, name, NULL);
            if (rc && rc != AK_EEXIST)
                return rc;
        }
        p = e + 1;
    }
    return AK_OK;
}

/* Add the static pages of demo/pages/N-SLUG.md (the first line the title,
 * the rest the Markdown body), published, in the order of N. */
static enum ak_err demo_pages(struct store *st, struct arena *a)
{
    static const char dir[] = "demo/pages/";
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        if (strncmp(f->name, dir, sizeof dir - 1) != 0)
            continue;
        const char *base = f->name + sizeof dir - 1, *dash = strchr(base, '-');
        const char *dot = strrchr(base, '.'), *nl = memchr(f->data, '\n', f->size);
        if (!dash || !dot || dot < dash || !nl)
            continue;
        struct static_page p = {
            .slug = arena_strndup(a, dash + 1, (size_t)(dot - dash - 1)),
            .title = arena_strndup(a, f->data, (size_t)(nl - f->data)),
            .body_md = nl + 1, .published = 1, .position = atoi(base),
        };
        if (!p.slug || !p.title)
            return AK_ENOMEM;
        enum ak_err rc = markdown_render(a, p.body_md, strlen(p.body_md), &p.body_html);
        if (rc == AK_OK)
            rc = store_page_add(st, &p, NULL);
        if (rc && rc != AK_EEXIST)
            return rc;
    }
    return AK_OK;
}

/* Parse every demo article; *out gets them, *latest the newest date. */
static enum ak_err demo_articles(struct arena *a, struct article_in **out, size_t *n,
                                 int64_t *latest)
{
    const struct embedded_file *f = embedded_find("demo/articles.ndjson");
    if (!ALWAYS(f != NULL))
        return AK_EIO;
    size_t cap = 1;
    for (size_t i = 0; i < f->size; i++)
        cap += f->data[i] == '\n';
    struct article_in *v = arena_alloc(a, cap * sizeof *v);
    if (!v)
        return AK_ENOMEM;
    *out = v;
    *n = 0;
    *latest = 0;
    const char *p = f->data, *end = f->data + f->size;
    for (size_t line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (e > p) {
            struct ingest_diag d = { 0 };
            struct article_in *in = &v[*n];
            if (ingest_ndjson_parse(p, (size_t)(e - p), a, in, &d) != AK_OK) {
                log_error("demo/articles.ndjson:%zu: %s", line, d.msg);
                return AK_EINVAL;
            }
            enum ak_err rc = newsroom_article_render(a, in);
            if (rc)
                return rc;
            in->status = ARTICLE_PUBLISHED;
            if (in->published_at > *latest)
                *latest = in->published_at;
            (*n)++;
        }
        p = e + 1;
    }
    return AK_OK;
}

/* The embedded file whose name ends with suffix (the demo's rendered
 * pictures are named after the build folder, which varies); NULL if none. */
static const struct embedded_file *demo_find_suffix(const char *suffix)
{
    size_t k = strlen(suffix);
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        size_t n = strlen(f->name);
        if (n >= k && strcmp(f->name + n - k, suffix) == 0 && (n == k || f->name[n - k - 1] == '/'))
            return f;
    }
    return NULL;
}

/* Store one picture (bytes of a WebP file) in media_dir and record it with
 * its alt text, caption and credit; *id gets its media id. */
static enum ak_err demo_picture(struct store *st, const char *media_dir,
                                const struct embedded_file *f, const char *alt,
                                const char *caption, const char *credit, int64_t *id)
{
    char path[4200], err[200];
    snprintf(path, sizeof path, "%s/" FILE_TMP_PREFIX "demo-XXXXXX", media_dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        log_error("demo: %s: cannot write: %m", path);
        return AK_EIO;
    }
    int ok = write(fd, f->data, f->size) == (ssize_t)f->size;
    close(fd);
    struct media_info info;
    enum ak_err rc = ok ? media_ingest(path, media_dir, &info, err, sizeof err) : AK_EIO;
    unlink(path);
    if (rc) {
        log_error("demo: %s: %s", f->name, ok ? err : "cannot write");
        return rc;
    }
    struct media m = { .hash = info.hash, .width = info.width, .height = info.height,
                       .mime = info.mime, .alt = alt, .bytes = info.bytes,
                       .caption = caption, .credit = credit };
    return store_media_add(st, &m, id, NULL);
}

/* The pictures of demo/images.tsv ("LINE<TAB>ART<TAB>ALT<TAB>CAPTION<TAB>
 * CREDIT", '#' lines are comments): each becomes the featured image of the
 * article on line LINE of articles.ndjson (arts[LINE - 1]). */
static enum ak_err demo_pictures(struct store *st, struct arena *a, const char *media_dir,
                                 struct article_in *arts, size_t n)
{
    const struct embedded_file *f = embedded_find("demo/images.tsv");
    if (!ALWAYS(f != NULL))
        return AK_EIO;
    char *text = arena_strndup(a, f->data, f->size);
    if (!text)
        return AK_ENOMEM;
    size_t count = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *col[5];
        size_t k = 0;
        if (line[0] == '#')
            continue;
        for (char *p = line; k < 5; k++) {
            col[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                k++;
                break;
            }
            *tab = 0;
            p = tab + 1;
        }
        long which = strtol(col[0], NULL, 10);
        if (k != 5 || which < 1 || (size_t)which > n) {
            log_error("demo/images.tsv: bad line for article %s", col[0]);
            return AK_EINVAL;
        }
        char name[64];
        snprintf(name, sizeof name, "demo-art/%s.webp", col[1]);
        const struct embedded_file *pic = demo_find_suffix(name);
        if (!ALWAYS(pic != NULL))
            return AK_EIO;
        enum ak_err rc = demo_picture(st, media_dir, pic, col[2], col[3], col[4],
                                      &arts[which - 1].image_id);
        if (rc)
            return rc;
        count++;
    }
    log_info("demo: %zu pictures", count);
    return AK_OK;
}

enum ak_err ingest_demo(struct store *st, const char *media_dir)
{
    int64_t count;
    enum ak_err rc = store_article_count(st, &count);
    if (rc)
        return rc;
    if (count > 0)
        return AK_EEXIST;
    struct arena a;
    arena_init(&a, 0);
    struct article_in *arts = NULL;
    size_t n = 0;
    int64_t latest = 0;
    if ((rc = store_begin(st)))
        goto done;
    if ((rc = demo_sections(st, &a)) || (rc = demo_pages(st, &a)) ||
        (rc = demo_articles(&a, &arts, &n, &latest)))
        goto done;
    if (media_dir) {
        file_batch(1, media_dir);       /* one flush for all the pictures' files */
        rc = demo_pictures(st, &a, media_dir, arts, n);
        file_batch(0, media_dir);
        if (rc)
            goto done;
    }
    /* Shift every date by the same amount so the newest is an hour old. */
    int64_t shift = (int64_t)time(NULL) - 3600 - latest;
    for (size_t i = 0; i < n && rc == AK_OK; i++) {
        struct article_in *in = &arts[i];
        in->published_at += shift;
        for (size_t k = 0; k < in->ncomments; k++) {
            struct comment_in *c = (struct comment_in *)&in->comments[k];
            if (c->created_at) {
                c->created_at += shift;
                if (c->created_at > (int64_t)time(NULL))
                    c->created_at = (int64_t)time(NULL);
            }
        }
        int64_t id;
        rc = store_article_insert(st, in, &id);
    }
    if (rc == AK_OK)
        rc = store_related_refresh(st, n);
    if (rc == AK_OK)
        rc = store_commit(st);
    if (rc == AK_OK)
        log_info("demo: loaded %zu articles", n);
done:
    if (rc)
        store_rollback(st);
    arena_reset(&a);
    return rc;
}
