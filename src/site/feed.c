/*
 * feed.c: the feeds, RSS 2.0 and Atom 1.0 (render/feed.h), of the whole
 * site (/feed, /feed/atom), of a section (/section/SLUG/feed[/atom]) and of
 * a tag (/tag/SLUG/feed[/atom]): the newest FEED_ITEMS published articles in
 * full, with absolute URLs from the url setting; an article whose body is
 * over ARTICLE_FEED_BODY_MAX (store/article.h) is given by its lede alone.
 */
#include <string.h>
#include "media/image.h"
#include "render/feed.h"
#include "site/site.h"
#include "store/article.h"
#include "store/section.h"
#include "store/store.h"

#define FEED_ITEMS 20

static const char *const feed_tails[FEED_FORMAT__MAX] = {
    [FEED_RSS] = "/feed", [FEED_ATOM] = "/feed/atom",
};

/* The featured image of o as a feed shows it: its widest JPEG variant. */
static void feed_image(struct req *r, const struct article *o, struct feed_image *im)
{
    int widths[MEDIA_MAX_VARIANTS];
    size_t nw;
    if (!media_hash_valid(o->image_hash) ||
        (nw = media_variant_widths(o->image_width, widths)) == 0)
        return;
    char url[MEDIA_URL_MAX];
    int w = widths[nw - 1];
    im->url = page_absolute(r, media_file_url(url, o->image_hash, w, MEDIA_JPEG));
    im->type = "image/jpeg";
    im->alt = o->image_alt;
    im->width = w;
    im->height = media_variant_height(o->image_width, o->image_height, w);
}

/* One article as a feed item: its sections and tags are its categories. */
static void feed_item(struct req *r, const struct article *o, struct feed_item *it)
{
    struct arena *a = &r->arena;
    const char **cats = arena_alloc(a, (o->nsections + o->ntags + 1) * sizeof *cats);
    size_t nc = 0;
    for (size_t i = 0; cats && i < o->nsections; i++)
        cats[nc++] = o->sections[i].name;
    for (size_t i = 0; cats && i < o->ntags; i++)
        cats[nc++] = o->tags[i].name;
    memset(it, 0, sizeof *it);
    it->title = o->title;
    it->url = page_absolute(r, page_article_url(r, o->id, o->slug));
    it->summary = o->lede;
    it->content_html = html_safe_str(o->body_html);
    it->author = o->author[0] ? o->author : NULL;
    it->categories = cats;
    it->ncategories = nc;
    it->published = o->published_at;
    it->updated = o->updated_at > o->published_at ? o->updated_at : o->published_at;
    feed_image(r, o, &it->image);
}

/* The feed in format f of the articles of section_id or tag_id (both 0: the
 * site), the page it is of at path ("" for the home page), its title
 * suffixed with topic (NULL for the site). */
static enum ak_err feed_send(struct req *r, enum feed_format f, int64_t section_id,
                             int64_t tag_id, const char *path, const char *topic)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    if (!c || !path)
        return c ? AK_ENOMEM : AK_EIO;
    struct article *arts;
    size_t n;
    enum ak_err rc = store_article_feed(r->store, a, section_id, tag_id, FEED_ITEMS, &arts, &n);
    if (rc)
        return rc;
    struct feed_item *items = arena_alloc(a, (n + 1) * sizeof *items);
    if (!items)
        return AK_ENOMEM;
    int64_t updated = 0;
    /* what it shows: the site's name, its list, each article */
    http_shows_key(r, "site");
    if (section_id)
        http_shows(r, 's', section_id);
    else if (tag_id)
        http_shows(r, 't', tag_id);
    else
        http_shows_key(r, "l");
    for (size_t i = 0; i < n; i++) {
        http_shows(r, 'a', arts[i].id);
        feed_item(r, &arts[i], &items[i]);
        if (html_safe_len(arts[i].body_html) == 0)
            items[i].content_html = NULL;       /* too long for a feed: the lede alone */
        if (items[i].updated > updated)
            updated = items[i].updated;
    }
    const char *name = c->v[CONFIG_NAME];
    struct feed feed = {
        .title = topic ? arena_printf(a, "%s: %s", name, topic) : name,
        .description = c->v[CONFIG_DESCRIPTION][0] ? c->v[CONFIG_DESCRIPTION]
                                                  : c->v[CONFIG_TAGLINE],
        .url = page_absolute(r, path[0] ? path : "/"),
        .self = page_absolute(r, arena_printf(a, "%s%s", path, feed_tails[f])),
        .language = c->v[CONFIG_LANGUAGE],
        .publisher = name,
        .updated = updated ? updated : store_now(),
    };
    if (a->failed)
        return AK_ENOMEM;
    struct buf b;
    struct xml *x = site_xml_new(&b);
    if (x)
        feed_write(x, f, &feed, items, n);
    return site_xml_send(r, x, &b, feed_content_types[f], updated);
}

static enum ak_err feed_section(struct req *r, enum feed_format f)
{
    struct section sec;
    enum ak_err rc = store_section_by_slug(r->store, &r->arena, r->captures[0], &sec);
    if (rc)
        return rc;
    return feed_send(r, f, sec.id, 0, page_path(r, "section", sec.slug), sec.name);
}

static enum ak_err feed_tag(struct req *r, enum feed_format f)
{
    struct tag tag;
    enum ak_err rc = store_tag_by_slug(r->store, &r->arena, r->captures[0], &tag);
    if (rc)
        return rc;
    return feed_send(r, f, 0, tag.id, page_path(r, "tag", tag.slug), tag.name);
}

enum ak_err site_feed_rss(struct req *r) { return feed_send(r, FEED_RSS, 0, 0, "", NULL); }
enum ak_err site_feed_atom(struct req *r) { return feed_send(r, FEED_ATOM, 0, 0, "", NULL); }
enum ak_err site_section_feed_rss(struct req *r) { return feed_section(r, FEED_RSS); }
enum ak_err site_section_feed_atom(struct req *r) { return feed_section(r, FEED_ATOM); }
enum ak_err site_tag_feed_rss(struct req *r) { return feed_tag(r, FEED_RSS); }
enum ak_err site_tag_feed_atom(struct req *r) { return feed_tag(r, FEED_ATOM); }
