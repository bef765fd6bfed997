/*
 * feed.c: RSS 2.0 and Atom 1.0 feeds (see feed.h).
 */
#include <stdio.h>
#include "render/date.h"
#include "render/feed.h"

const char *const feed_content_types[FEED_FORMAT__MAX] = {
    "application/rss+xml; charset=utf-8",
    "application/atom+xml; charset=utf-8",
};

/* An element holding t in style, when t is set. */
static void feed_date(struct xml *x, const char *name, int64_t t, enum date_style style)
{
    char s[48];
    if (t > 0 && date_format(t, style, s, sizeof s))
        xml_elem_(x, name, s);
}

static void feed_rss_item(struct xml *x, const struct feed_item *it)
{
    xml_start(x, "item");
    xml_elem(x, "title", it->title);
    xml_elem(x, "link", it->url);
    xml_start(x, "guid");
    xml_attr(x, "isPermaLink", "true");
    xml_text(x, it->url);
    xml_end(x);
    feed_date(x, "pubDate", it->published, DATE_RFC1123);
    if (it->author)
        xml_elem(x, "dc:creator", it->author);
    for (size_t i = 0; i < it->ncategories; i++)
        xml_elem(x, "category", it->categories[i]);
    xml_elem(x, "description", it->summary);
    if (it->content_html)
        xml_elem(x, "content:encoded", it->content_html);
    if (it->image.url) {
        xml_start(x, "media:content");
        xml_attr(x, "url", it->image.url);
        xml_attr(x, "medium", "image");
        xml_attr(x, "type", it->image.type);
        if (it->image.width > 0) {
            char w[16], h[16];
            snprintf(w, sizeof w, "%d", it->image.width);
            snprintf(h, sizeof h, "%d", it->image.height);
            xml_attr(x, "width", w);
            xml_attr(x, "height", h);
        }
        if (it->image.alt && *it->image.alt)
            xml_elem(x, "media:description", it->image.alt);
        xml_end(x);
    }
    xml_end(x);
}

static void feed_rss(struct xml *x, const struct feed *f, const struct feed_item *items,
                     size_t n)
{
    xml_start(x, "rss");
    xml_attr(x, "version", "2.0");
    xml_attr(x, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
    xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    xml_attr(x, "xmlns:atom", "http://www.w3.org/2005/Atom");
    xml_attr(x, "xmlns:media", "http://search.yahoo.com/mrss/");
    xml_start(x, "channel");
    xml_elem(x, "title", f->title);
    xml_elem(x, "link", f->url);
    xml_elem(x, "description", f->description && *f->description ? f->description : f->title);
    xml_elem(x, "language", f->language);
    feed_date(x, "lastBuildDate", f->updated, DATE_RFC1123);
    xml_start(x, "atom:link");
    xml_attr(x, "href", f->self);
    xml_attr(x, "rel", "self");
    xml_attr(x, "type", "application/rss+xml");
    xml_end(x);
    for (size_t i = 0; i < n; i++)
        feed_rss_item(x, &items[i]);
    xml_end(x);
    xml_end(x);
}

/* <link rel=REL href=HREF [type=TYPE]/> */
static void feed_atom_link(struct xml *x, const char *rel, const char *href, const char *type)
{
    xml_start(x, "link");
    xml_attr(x, "rel", rel);
    xml_attr(x, "href", href);
    xml_attr(x, "type", type);
    xml_end(x);
}

static void feed_atom_entry(struct xml *x, const struct feed_item *it)
{
    xml_start(x, "entry");
    xml_elem(x, "title", it->title);
    feed_atom_link(x, "alternate", it->url, "text/html");
    xml_elem(x, "id", it->url);
    feed_date(x, "published", it->published, DATE_ISO);
    feed_date(x, "updated", it->updated > it->published ? it->updated : it->published,
              DATE_ISO);
    if (it->author) {
        xml_start(x, "author");
        xml_elem(x, "name", it->author);
        if (it->author_url)
            xml_elem(x, "uri", it->author_url);
        xml_end(x);
    }
    for (size_t i = 0; i < it->ncategories; i++) {
        xml_start(x, "category");
        xml_attr(x, "term", it->categories[i]);
        xml_end(x);
    }
    xml_elem(x, "summary", it->summary);
    if (it->content_html) {
        xml_start(x, "content");
        xml_attr(x, "type", "html");
        xml_text(x, it->content_html);
        xml_end(x);
    }
    if (it->image.url)
        feed_atom_link(x, "enclosure", it->image.url, it->image.type);
    xml_end(x);
}

static void feed_atom(struct xml *x, const struct feed *f, const struct feed_item *items,
                      size_t n)
{
    xml_start(x, "feed");
    xml_attr(x, "xmlns", "http://www.w3.org/2005/Atom");
    xml_attr(x, "xml:lang", f->language);
    xml_elem(x, "title", f->title);
    if (f->description && *f->description)
        xml_elem(x, "subtitle", f->description);
    feed_atom_link(x, "alternate", f->url, "text/html");
    feed_atom_link(x, "self", f->self, "application/atom+xml");
    xml_elem(x, "id", f->self);
    feed_date(x, "updated", f->updated, DATE_ISO);
    xml_start(x, "author");
    xml_elem(x, "name", f->publisher);
    xml_elem(x, "uri", f->url);
    xml_end(x);
    for (size_t i = 0; i < n; i++)
        feed_atom_entry(x, &items[i]);
    xml_end(x);
}

void feed_write(struct xml *x, enum feed_format f, const struct feed *feed,
                const struct feed_item *items, size_t n)
{
    if (f == FEED_ATOM)
        feed_atom(x, feed, items, n);
    else
        feed_rss(x, feed, items, n);
}
