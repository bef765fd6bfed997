/*
 * feed.h: RSS 2.0 and Atom 1.0 (RFC 4287) feeds, written with render/xml.h.
 *
 * The caller fills a struct feed and its items from the store, with absolute
 * URLs; the writer picks each format's elements: RSS gets content:encoded
 * (full text), dc:creator, categories, a permalink guid and media:content
 * for the featured image; Atom gets published/updated, author, categories,
 * summary, content and an enclosure link. Dates are written in UTC, as
 * RFC 822 ("Sun, 29 Nov 2026 07:15:00 GMT") and RFC 3339
 * ("2026-11-29T07:15:00Z").
 */
#ifndef AK_FEED_H
#define AK_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "render/xml.h"

enum feed_format { FEED_RSS, FEED_ATOM, FEED_FORMAT__MAX };
extern const char *const feed_content_types[FEED_FORMAT__MAX];

struct feed {
    const char *title;          /* "أخبار", or "أخبار: اقتصاد" for a section */
    const char *description;    /* the site's description or tagline */
    const char *url;            /* the page the feed is of (absolute) */
    const char *self;           /* the feed's own URL (absolute) */
    const char *language;       /* "ar" */
    const char *publisher;      /* the site's name: Atom's feed author */
    int64_t updated;            /* the newest change among the items, or now
                                   when there are none (Atom requires it) */
};

struct feed_image {
    const char *url;            /* absolute; NULL: the item has no image */
    const char *type;           /* "image/jpeg" */
    const char *alt;
    int width, height;
};

struct feed_item {
    const char *title;
    const char *url;            /* absolute; also the guid / id */
    const char *summary;        /* the lede, plain text */
    const char *content_html;   /* the body as HTML (escaped into the feed) */
    const char *author;         /* NULL: none */
    const char *author_url;     /* absolute; NULL: none */
    const char *const *categories;  /* section and tag names */
    size_t ncategories;
    int64_t published, updated;
    struct feed_image image;
};

/* Write the whole feed (root element to its end) into x. */
void feed_write(struct xml *x, enum feed_format f, const struct feed *feed,
                const struct feed_item *items, size_t n);

#endif
