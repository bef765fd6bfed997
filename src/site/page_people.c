/*
 * page_people.c: an author's page (/author/SLUG: name, bio, photo and their
 * published articles, newest first, paginated) and the static pages
 * (/page/SLUG: من نحن، اتصل بنا...).
 */
#include "render/image.h"
#include "site/site.h"
#include "store/author.h"
#include "store/pages.h"

enum ak_err site_page_author(struct req *r)
{
    struct arena *a = &r->arena;
    struct author au;
    enum ak_err rc = store_author_by_slug(r->store, a, r->captures[0], &au);
    if (rc)
        return rc;
    /* A disabled user keeps a page only for the articles they wrote. */
    if (au.disabled && au.articles == 0)
        return AK_ENOTFOUND;
    http_shows(r, 'u', au.user_id);
    size_t page = page_number(r);
    if (page == 0)
        return AK_ENOTFOUND;
    struct article_query q = { .author_id = au.user_id, .limit = SITE_PAGE_SIZE,
                               .offset = (page - 1) * SITE_PAGE_SIZE };
    struct article_summary *list;
    size_t n, total;
    if ((rc = store_article_list(r->store, a, &q, &list, &n, &total)))
        return rc;
    size_t pages = (total + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
    if (page > 1 && page > pages)
        return AK_ENOTFOUND;
    const char *name = *au.name ? au.name : au.slug;
    const char *title = page > 1 ? arena_printf(a, "%s (صفحة %zu)", name, page) : name;
    struct tv *v = page_new(r, title, NULL);
    if (!v)
        return AK_ENOMEM;
    struct tv *o = tv_child(a, v, "author");
    tv_str(a, o, "name", name);
    tv_str(a, o, "slug", au.slug);
    tv_str(a, o, "bio", au.bio);
    if (*au.photo_hash)
        tv_image(a, o, "image", au.photo_hash, au.photo_width, au.photo_height, au.photo_alt,
                 RENDER_IMAGE_EAGER);
    tv_str(a, v, "description", *au.bio ? au.bio : NULL);
    tv_int(a, v, "total", (int64_t)total);
    page_cards(r, v, "items", list, n);
    page_pagination(r, v, page, pages);
    if (v)
        page_sidebar(r, v);
    return page_render(r, 200, "author", v, HTTP_PUBLIC_SHORT);
}

enum ak_err site_page_static(struct req *r)
{
    struct arena *a = &r->arena;
    struct static_page p;
    enum ak_err rc = store_page_by_slug(r->store, a, r->captures[0], &p);
    if (rc)
        return rc;
    if (!p.published)
        return AK_ENOTFOUND;
    http_shows(r, 'p', p.id);
    struct tv *v = page_new(r, p.title, NULL);
    if (!v)
        return AK_ENOMEM;
    struct tv *o = tv_child(a, v, "page");
    tv_str(a, o, "title", p.title);
    tv_str(a, o, "slug", p.slug);
    tv_safe(a, o, "body", p.body_html);
    page_dates(r, o, "updated", p.updated_at, PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN));
    return page_render(r, 200, "static_page", v, HTTP_PUBLIC_SHORT);
}
