/*
 * article.c: what the article template (themes/default/article.html) shows
 * of an article itself, filled in one place for its public page
 * (site/page_article.c) and the newsroom's preview (admin/editor.c), so
 * that the preview is the real page and not a copy of it.
 */
#include "page/page.h"
#include "render/image.h"

struct tv *page_article(struct req *r, struct tv *v, const struct article *art)
{
    struct arena *a = &r->arena;
    struct tv *ar = tv_child(a, v, "article");
    tv_int(a, ar, "id", art->id);
    tv_str(a, ar, "slug", art->slug);
    tv_str(a, ar, "title", art->title);
    tv_str(a, ar, "lede", art->lede);
    tv_str(a, ar, "author", art->author);
    tv_str(a, ar, "author_slug", art->author_slug);
    tv_str(a, ar, "source", art->source);
    if (art->body_html)
        tv_safe(a, ar, "body", art->body_html);
    if (art->image_hash && *art->image_hash)    /* above the fold: not lazy */
        tv_image(a, ar, "image", art->image_hash, art->image_width, art->image_height,
                 art->image_alt, RENDER_IMAGE_EAGER);
    tv_str(a, ar, "caption", art->image_caption);
    tv_str(a, ar, "credit", art->image_credit);
    tv_str(a, ar, "url", page_article_url(r, art->id, art->slug));
    tv_str(a, ar, "share_url", page_absolute(r, page_article_url(r, art->id, art->slug)));
    tv_str(a, ar, "reading", page_reading_time(a, art->words));
    page_when(r, ar, "published", art->published_at);
    page_dates(r, ar, "published", art->published_at,
               PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME) | PAGE_DATE(DATE_HIJRI));
    if (art->updated_at > art->published_at + 60)
        page_dates(r, ar, "updated", art->updated_at,
                   PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN_TIME));
    struct tv *secs = tv_list(a, v, "sections", art->nsections);
    for (size_t i = 0; secs && i < art->nsections; i++) {
        tv_str(a, tv_item(secs, i), "slug", art->sections[i].slug);
        tv_str(a, tv_item(secs, i), "name", art->sections[i].name);
    }
    struct tv *tags = tv_list(a, v, "tags", art->ntags);
    for (size_t i = 0; tags && i < art->ntags; i++) {
        tv_str(a, tv_item(tags, i), "slug", art->tags[i].slug);
        tv_str(a, tv_item(tags, i), "name", art->tags[i].name);
    }
    return ar;
}
