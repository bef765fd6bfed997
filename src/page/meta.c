/*
 * meta.c: what an article and the home page tell machines about themselves
 * (see page.h; every page's canonical URL and description are page.c's
 * page_meta): Open Graph and Twitter cards for link previews, and schema.org JSON-LD for search engines (a NewsArticle and its
 * BreadcrumbList on an article, the WebSite with its SearchAction and the
 * publisher on the home page).
 *
 * Everything here is template values: head.html writes them, escaped for
 * attributes or, inside <script type="application/ld+json">, with the
 * |json filter (which writes '<', '>' and '&' as \u escapes, so no title can
 * close the script). Every absolute URL comes from page_absolute(): the url
 * setting or the listen address, never the request's Host header.
 */
#include <stdlib.h>
#include "media/image.h"
#include "page/page.h"
#include "store/media.h"

/* The absolute URLs of the JPEG variants of image hash (width x height),
 * widest first, as list name of obj (items: url, width, height, more); the
 * widest's also as obj.name_top. Returns the number of variants. */
static size_t meta_image(struct req *r, struct tv *obj, const char *name, const char *hash,
                         int width, int height)
{
    struct arena *a = &r->arena;
    int w[MEDIA_MAX_VARIANTS];
    size_t n = hash && media_hash_valid(hash) ? media_variant_widths(width, w) : 0;
    struct tv *list = tv_list(a, obj, name, n);
    for (size_t i = 0; list && i < n; i++) {
        char url[MEDIA_URL_MAX];
        int vw = w[n - 1 - i];
        struct tv *it = tv_item(list, i);
        tv_str(a, it, "url", page_absolute(r, media_file_url(url, hash, vw, MEDIA_JPEG)));
        tv_int(a, it, "width", vw);
        tv_int(a, it, "height", media_variant_height(width, height, vw));
        tv_bool(a, it, "more", i + 1 < n);
        tv_bool(a, it, "top", i == 0);
    }
    return n;
}

/* An article's picture for machines, as obj's values: "crops", the absolute
 * URLs of its 16:9, 4:3 and 1:1 crops (items: url, more), for the
 * NewsArticle; "card", its 1200x630 crop {url, width, height} for Open
 * Graph. Returns 0 (and sets neither) when hash names no image. */
static int meta_crops(struct req *r, struct tv *obj, const char *hash, int width, int height)
{
    static const enum media_crop ld[] = { MEDIA_CROP_16_9, MEDIA_CROP_4_3, MEDIA_CROP_1_1 };
    struct arena *a = &r->arena;
    char url[MEDIA_URL_MAX];
    int w, h;
    if (!hash || !media_hash_valid(hash) || width <= 0 || height <= 0)
        return 0;
    size_t n = sizeof ld / sizeof ld[0];
    struct tv *list = tv_list(a, obj, "crops", n);
    for (size_t i = 0; list && i < n; i++) {
        media_crop_size(width, height, ld[i], &w, &h);
        tv_str(a, tv_item(list, i), "url", page_absolute(r, media_crop_url(url, hash, w, h)));
        tv_bool(a, tv_item(list, i), "more", i + 1 < n);
    }
    struct tv *card = tv_child(a, obj, "card");
    media_crop_size(width, height, MEDIA_CROP_CARD, &w, &h);
    tv_str(a, card, "url", page_absolute(r, media_crop_url(url, hash, w, h)));
    tv_int(a, card, "width", w);
    tv_int(a, card, "height", h);
    return 1;
}

/* obj.name: a list of strings s[0..n) (items: value, more). */
static void meta_strings(struct arena *a, struct tv *obj, const char *name,
                         const char *const *s, size_t n)
{
    struct tv *list = tv_list(a, obj, name, n);
    for (size_t i = 0; list && i < n; i++) {
        tv_str(a, tv_item(list, i), "value", s[i]);
        tv_bool(a, tv_item(list, i), "more", i + 1 < n);
    }
}

/* The publisher, for both JSON-LD blocks: obj.org {name, url, logo (its
 * widest JPEG variant's absolute URL, when the logo setting names an
 * image), same_as (the social profiles that are set)}. */
static void meta_publisher(struct req *r, struct tv *obj)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    if (!c)
        return;
    struct tv *org = tv_child(a, obj, "org");
    tv_str(a, org, "name", c->v[CONFIG_NAME]);
    tv_str(a, org, "url", page_absolute(r, "/"));
    struct media m;
    if (*c->v[CONFIG_LOGO] &&
        store_media_get(r->store, a, strtoll(c->v[CONFIG_LOGO], NULL, 10), &m) == AK_OK) {
        struct tv *logo = tv_child(a, org, "logo");
        if (meta_image(r, logo, "variants", m.hash, m.width, m.height) == 0)
            tv_bool(a, org, "logo", 0);
    } else {
        tv_bool(a, org, "logo", 0);
    }
    const char *same[CONFIG__MAX];
    size_t n = 0;
    for (int k = 0; k < CONFIG__MAX; k++)
        if (config_defs[k].kind == CONFIG_PROFILE && *c->v[k])
            same[n++] = c->v[k];
    meta_strings(a, org, "same_as", same, n);
}

void page_meta_home(struct req *r, struct tv *v)
{
    struct arena *a = &r->arena;
    struct tv *ld = tv_child(a, v, "ld_home");
    tv_str(a, ld, "url", page_absolute(r, "/"));
    tv_str(a, ld, "search", page_absolute(r, "/search?q={search_term_string}"));
    const struct config *c = page_config(r);
    tv_str(a, ld, "language", c ? c->v[CONFIG_LANGUAGE] : "ar");
    meta_publisher(r, ld);
}

void page_meta_article(struct req *r, struct tv *v, const struct article *art,
                       const char *url)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    const char *canonical = page_absolute(r, url);
    tv_str(a, v, "canonical", canonical);
    if (art->lede && *art->lede)
        tv_str(a, v, "description", art->lede);
    struct tv *og = tv_child(a, v, "og_article");
    page_dates(r, og, "published", art->published_at, PAGE_DATE(DATE_ISO_LOCAL));
    page_dates(r, og, "modified", art->updated_at > art->published_at ? art->updated_at
                                                                       : art->published_at,
               PAGE_DATE(DATE_ISO_LOCAL));
    const char *section = art->nsections ? art->sections[0].name : NULL;
    tv_str(a, og, "section", section);
    const char **tags = arena_alloc(a, (art->ntags + 1) * sizeof *tags);
    for (size_t i = 0; tags && i < art->ntags; i++)
        tags[i] = art->tags[i].name;
    if (tags)
        meta_strings(a, og, "tags", tags, art->ntags);
    if (meta_crops(r, og, art->image_hash, art->image_width, art->image_height)) {
        tv_bool(a, og, "image", 1);
        tv_str(a, og, "image_alt", art->image_alt);
    } else {
        tv_bool(a, og, "image", 0);
    }
    /* JSON-LD: the NewsArticle's own fields; the rest is og_article's */
    struct tv *ld = tv_child(a, v, "ld_article");
    tv_str(a, ld, "headline", art->title);
    tv_str(a, ld, "description", art->lede && *art->lede ? art->lede
                                 : c ? c->v[CONFIG_DESCRIPTION] : "");
    tv_str(a, ld, "author", art->author && *art->author ? art->author : NULL);
    if (art->author && *art->author && art->author_slug && *art->author_slug) {
        const char *path = page_path(r, "author", art->author_slug);
        tv_str(a, ld, "author_url", path ? page_absolute(r, path) : NULL);
    }
    tv_str(a, ld, "language", c ? c->v[CONFIG_LANGUAGE] : "ar");
    meta_publisher(r, ld);
    /* the breadcrumbs: home, the primary section, the article */
    size_t n = section ? 3 : 2, k = 0;
    struct tv *crumbs = tv_list(a, ld, "crumbs", n);
    struct tv *it = tv_item(crumbs, k++);
    tv_str(a, it, "name", c ? c->v[CONFIG_NAME] : r->site->name);
    tv_str(a, it, "url", page_absolute(r, "/"));
    if (section) {
        struct html h;
        html_init(&h, 4096);
        html_printf(&h, "/section/%U", art->sections[0].slug);
        it = tv_item(crumbs, k++);
        tv_str(a, it, "name", section);
        if (!h.b.err)
            tv_str(a, it, "url", page_absolute(r, arena_strndup(a, h.b.p, h.b.n)));
        html_reset(&h);
    }
    it = tv_item(crumbs, k++);
    tv_str(a, it, "name", art->title);
    tv_str(a, it, "url", canonical);
    for (size_t i = 0; crumbs && i < n; i++) {
        tv_int(a, tv_item(crumbs, i), "position", (int64_t)i + 1);
        tv_bool(a, tv_item(crumbs, i), "more", i + 1 < n);
    }
}
