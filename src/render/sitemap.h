/*
 * sitemap.h: sitemaps (sitemaps.org 0.9), the sitemap index, and Google
 * News sitemaps, written with render/xml.h so that any title or URL gives a
 * valid document. The caller streams entries one by one (a sitemap holds up
 * to SITEMAP_MAX_URLS), so memory does not grow with the archive.
 *
 *   struct xml *x = xml_new(sink, ctx);
 *   sitemap_begin(x, SITEMAP_URLSET);
 *   sitemap_url(x, "https://example.com/article/1/x", updated_at);
 *   ...
 *   xml_free(x);                        closes the document
 */
#ifndef AK_SITEMAP_H
#define AK_SITEMAP_H

#include <stdint.h>
#include "render/xml.h"

#define SITEMAP_MAX_URLS 50000      /* per sitemap, by the protocol */
#define SITEMAP_NEWS_MAX 1000       /* per news sitemap, by Google's rules */
#define SITEMAP_NEWS_HOURS 48       /* a news sitemap lists the last two days */

enum sitemap_kind {
    SITEMAP_INDEX,              /* <sitemapindex> of <sitemap> entries */
    SITEMAP_URLSET,             /* <urlset> of <url> entries */
    SITEMAP_NEWS,               /* <urlset> with the news namespace */
    SITEMAP_KIND__MAX
};

/* Open the root element of a sitemap of kind. */
void sitemap_begin(struct xml *x, enum sitemap_kind kind);
/* One <sitemap> of an index: its absolute URL and last change (0: none). */
void sitemap_index_entry(struct xml *x, const char *loc, int64_t lastmod);
/* One <url>: its absolute URL and last change (0: none). */
void sitemap_url(struct xml *x, const char *loc, int64_t lastmod);
/* One <url> of a news sitemap: the article's absolute URL, the
 * publication's name and language ("ar"), publication time and title. */
void sitemap_news_url(struct xml *x, const char *loc, const char *publication,
                      const char *language, int64_t published, const char *title);

#endif
