/*
 * sitemap.c: sitemaps, the sitemap index and news sitemaps (see sitemap.h).
 */
#include "render/date.h"
#include "render/sitemap.h"

#define SITEMAP_NS "http://www.sitemaps.org/schemas/sitemap/0.9"
#define SITEMAP_NEWS_NS "http://www.google.com/schemas/sitemap-news/0.9"

void sitemap_begin(struct xml *x, enum sitemap_kind kind)
{
    if (kind == SITEMAP_INDEX) {
        xml_start(x, "sitemapindex");
    } else {
        xml_start(x, "urlset");
        if (kind == SITEMAP_NEWS)
            xml_attr(x, "xmlns:news", SITEMAP_NEWS_NS);
    }
    xml_attr(x, "xmlns", SITEMAP_NS);
}

/* <lastmod>: a W3C date-time in UTC ("2026-11-29T07:15:00Z"). */
static void sitemap_date(struct xml *x, int64_t t)
{
    char iso[32];
    if (t > 0 && date_format(t, DATE_ISO, iso, sizeof iso))
        xml_elem(x, "lastmod", iso);
}

void sitemap_index_entry(struct xml *x, const char *loc, int64_t lastmod)
{
    xml_start(x, "sitemap");
    xml_elem(x, "loc", loc);
    sitemap_date(x, lastmod);
    xml_end(x);
}

void sitemap_url(struct xml *x, const char *loc, int64_t lastmod)
{
    xml_start(x, "url");
    xml_elem(x, "loc", loc);
    sitemap_date(x, lastmod);
    xml_end(x);
}

void sitemap_news_url(struct xml *x, const char *loc, const char *publication,
                      const char *language, int64_t published, const char *title)
{
    char iso[32];
    date_format(published, DATE_ISO, iso, sizeof iso);
    xml_start(x, "url");
    xml_elem(x, "loc", loc);
    xml_start(x, "news:news");
    xml_start(x, "news:publication");
    xml_elem(x, "news:name", publication);
    xml_elem(x, "news:language", language);
    xml_end(x);
    xml_elem(x, "news:publication_date", iso);
    xml_elem(x, "news:title", title);
    xml_end(x);
    xml_end(x);
}
