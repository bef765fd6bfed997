/*
 * page_list.c: the pages that list articles: the home page, آخر الأخبار
 * (/latest), a section (/section/SLUG) and a tag (/tag/SLUG).
 */
#include <string.h>
#include "render/image.h"
#include "site/site.h"
#include "store/article.h"
#include "store/section.h"

#define HOME_LATEST 8           /* articles under آخر الأخبار on the home page */
#define HOME_PER_SECTION 4      /* articles in each section block */

enum ak_err site_page_home(struct req *r)
{
    if (site_legacy_query(r))
        return AK_ENOTFOUND;            /* /?p=ID: site_legacy_redirect's */
    struct arena *a = &r->arena;
    struct tv *v = page_new(r, NULL, NULL);
    if (!v)
        return AK_ENOMEM;
    tv_bool(a, v, "is_home", 1);
    http_shows_key(r, "l");
    page_meta_home(r, v);
    struct article_summary *list;
    size_t n;
    struct article_query q = { .limit = HOME_LATEST + 1 };
    enum ak_err rc = store_article_list(r->store, a, &q, &list, &n, NULL);
    if (rc)
        return rc;
    if (n > 0)
        page_card(r, tv_child(a, v, "lead"), &list[0], RENDER_IMAGE_EAGER);
    if (n > 1)
        page_cards(r, v, "latest", list + 1, n - 1);
    struct section *secs;
    size_t ns, nb = 0;
    if ((rc = store_section_list(r->store, a, &secs, &ns)))
        return rc;
    struct article_summary **items = arena_alloc(a, (ns + 1) * sizeof *items);
    size_t *nitems = arena_alloc(a, (ns + 1) * sizeof *nitems);
    if (!items || !nitems)
        return AK_ENOMEM;
    /* A section block shows stories not already above it (the lead, آخر
     * الأخبار, earlier blocks): ask for enough to skip those. */
    int64_t *shown = arena_alloc(a, (n + ns * HOME_PER_SECTION + 1) * sizeof *shown);
    if (!shown)
        return AK_ENOMEM;
    size_t nshown = 0;
    for (size_t j = 0; j < n; j++)
        shown[nshown++] = list[j].id;
    for (size_t i = 0; i < ns; i++) {
        struct article_query sq = { .section_id = secs[i].id,
                                    .limit = HOME_PER_SECTION + nshown };
        size_t got;
        if ((rc = store_article_list(r->store, a, &sq, &items[i], &got, NULL)))
            return rc;
        nitems[i] = 0;
        for (size_t k = 0; k < got && nitems[i] < HOME_PER_SECTION; k++) {
            size_t j = 0;
            while (j < nshown && shown[j] != items[i][k].id)
                j++;
            if (j == nshown) {
                shown[nshown++] = items[i][k].id;
                items[i][nitems[i]++] = items[i][k];
            }
        }
        nb += nitems[i] > 0;
    }
    struct tv *blocks = tv_list(a, v, "blocks", nb);
    for (size_t i = 0, k = 0; blocks && i < ns; i++) {
        if (nitems[i] == 0)
            continue;                   /* an empty section has no block */
        struct tv *b = tv_item(blocks, k++);
        tv_str(a, b, "slug", secs[i].slug);
        tv_str(a, b, "name", secs[i].name);
        page_cards(r, b, "items", items[i], nitems[i]);
    }
    return page_render(r, 200, "home", v, HTTP_PUBLIC_SHORT);
}

/* A paginated list of published articles matching q under heading title. */
static enum ak_err page_list(struct req *r, struct article_query *q, const char *title,
                             const char *kind, const char *slug, const char *current)
{
    struct arena *a = &r->arena;
    size_t page = page_number(r);
    if (page == 0)
        return AK_ENOTFOUND;
    q->limit = SITE_PAGE_SIZE;
    q->offset = (page - 1) * SITE_PAGE_SIZE;
    struct article_summary *list;
    size_t n, total;
    enum ak_err rc = store_article_list(r->store, a, q, &list, &n, &total);
    if (rc)
        return rc;
    size_t pages = (total + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
    if (page > 1 && page > pages)
        return AK_ENOTFOUND;
    const char *page_title = page > 1 ? arena_printf(a, "%s (صفحة %zu)", title, page) : title;
    struct tv *v = page_new(r, page_title, current);
    if (!v)
        return AK_ENOMEM;
    tv_str(a, v, "heading", title);
    tv_str(a, v, "kind", kind);
    tv_bool(a, v, arena_printf(a, "is_%s", kind), 1);
    tv_str(a, v, "slug", slug);
    if (slug)
        page_feed_links(r, v, "topic_feed",
                        arena_printf(a, "%s: %s", page_config(r) ? page_config(r)->v[CONFIG_NAME]
                                                                 : r->site->name, title),
                        page_path(r, kind, slug));
    tv_int(a, v, "total", (int64_t)total);
    page_cards(r, v, "items", list, n);
    page_pagination(r, v, page, pages);
    return page_render(r, 200, "list", v, HTTP_PUBLIC_SHORT);
}

enum ak_err site_page_latest(struct req *r)
{
    struct article_query q = { 0 };
    http_shows_key(r, "l");
    return page_list(r, &q, "آخر الأخبار", "latest", NULL, NULL);
}

enum ak_err site_page_section(struct req *r)
{
    struct section sec;
    enum ak_err rc = store_section_by_slug(r->store, &r->arena, r->captures[0], &sec);
    if (rc)
        return rc;
    struct article_query q = { .section_id = sec.id };
    http_shows(r, 's', sec.id);
    return page_list(r, &q, sec.name, "section", sec.slug, sec.slug);
}

enum ak_err site_page_tag(struct req *r)
{
    struct tag tag;
    enum ak_err rc = store_tag_by_slug(r->store, &r->arena, r->captures[0], &tag);
    if (rc)
        return rc;
    struct article_query q = { .tag_id = tag.id };
    http_shows(r, 't', tag.id);
    return page_list(r, &q, tag.name, "tag", tag.slug, NULL);
}
