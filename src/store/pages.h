/*
 * pages.h: the site's static pages (pages.c): من نحن، اتصل بنا، سياسة
 * الخصوصية... Each has a slug (/page/SLUG), a title, a Markdown body and
 * the safe HTML the caller made from it (markdown_render), a published flag
 * and a position in the footer. Strings live in the caller's arena.
 */
#ifndef AK_STORE_PAGES_H
#define AK_STORE_PAGES_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

struct store;

#define PAGE_SLUG_MAX 80        /* bytes */
#define PAGE_TITLE_MAX 200      /* characters */

struct static_page {
    int64_t id;
    const char *slug, *title, *body_md;
    const struct html_safe *body_html;
    int published;
    int64_t position;           /* ascending in the footer */
    int64_t updated_at;
};

/* Add a page (id and updated_at ignored, now used; a position of 0 puts it
 * last); *id (may be NULL) gets its id. AK_EEXIST when the slug is taken,
 * AK_EINVAL for an empty slug or title. */
enum ak_err store_page_add(struct store *st, const struct static_page *p, int64_t *id);
/* Replace page p->id's fields (updated_at: now). AK_ENOTFOUND, AK_EEXIST
 * (the slug is another page's) or AK_EINVAL as for store_page_add. */
enum ak_err store_page_update(struct store *st, const struct static_page *p);
/* Delete page id; AK_ENOTFOUND when none. */
enum ak_err store_page_delete(struct store *st, int64_t id);
/* One page by id or by slug, published or not; AK_ENOTFOUND when none. */
enum ak_err store_page_get(struct store *st, struct arena *a, int64_t id,
                           struct static_page *out);
enum ak_err store_page_by_slug(struct store *st, struct arena *a, const char *slug,
                               struct static_page *out);
/* Every page by position then id, without their bodies (body_md "",
 * body_html NULL). */
enum ak_err store_page_list(struct store *st, struct arena *a, struct static_page **out,
                            size_t *n);
/* The published pages by position then id: slug, title and updated_at only
 * (the footer's links; the sitemap's URLs and lastmod). */
enum ak_err store_page_list_published(struct store *st, struct arena *a,
                                      struct static_page **out, size_t *n);

#endif
