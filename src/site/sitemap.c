/*
 * sitemap.c: what tells crawlers about the site: robots.txt (RFC 9309), the
 * sitemap index (/sitemap.xml), the sitemap of the site's pages
 * (/sitemap-pages.xml), one sitemap per month of articles
 * (/sitemap-YYYY-MM.xml, and /sitemap-YYYY-MM-N.xml for the Nth page of a
 * month with more than SITEMAP_PAGE_URLS articles) and the Google News
 * sitemap (/sitemap-news.xml). Rows stream from the store into the XML
 * writer, and no document holds more than SITEMAP_PAGE_URLS URLs: memory
 * stays bounded whatever the archive's size.
 *
 * Also the two helpers of XML documents that feed.c shares.
 */
#include <string.h>
#include "base/buf.h"
#include "base/log.h"
#include "render/sitemap.h"
#include "site/site.h"
#include "store/author.h"
#include "store/pages.h"
#include "store/section.h"
#include "store/sitemap.h"
#include "store/store.h"

#define SITEMAP_PAGE_URLS 10000     /* URLs in one month's sitemap page */
#define SITEMAP_BYTES_MAX (64u << 20)   /* above any page of SITEMAP_PAGE_URLS */
#define SITEMAP_TYPE "application/xml; charset=utf-8"

static int site_xml_sink(void *ctx, const char *p, size_t n)
{
    struct buf *b = ctx;
    buf_append(b, p, n);
    return b->err != AK_OK;
}

struct xml *site_xml_new(struct buf *b)
{
    buf_init(b, SITEMAP_BYTES_MAX);
    return xml_new(site_xml_sink, b);
}

enum ak_err site_xml_send(struct req *r, struct xml *x, struct buf *b, const char *content_type,
                          int64_t modified)
{
    enum ak_err rc = x ? xml_free(x) : AK_ENOMEM;
    if (rc == AK_OK && r->arena.failed)
        rc = AK_ENOMEM;
    if (rc == AK_OK)
        rc = http_send_modified(r, content_type, b->p ? b->p : "", b->n, modified);
    else
        log_error("xml %s: %s", r->path, ak_strerror(rc));
    buf_reset(b);
    return rc;
}

/* Sitemaps show the site's URL and the lists of every article. */
static void sitemap_shows(struct req *r)
{
    http_shows_key(r, "site");
    http_shows_key(r, "l");
}

enum ak_err site_robots(struct req *r)
{
    http_shows_key(r, "site");
    const char *index = page_absolute(r, "/sitemap.xml");
    const char *news = page_absolute(r, "/sitemap-news.xml");
    const char *txt = index && news ? arena_printf(&r->arena,
        "User-agent: *\nDisallow: /admin\nDisallow: /search\n\n"
        "Sitemap: %s\nSitemap: %s\n", index, news) : NULL;
    if (!txt)
        return AK_ENOMEM;
    return http_send(r, 200, "text/plain; charset=utf-8", txt, strlen(txt), HTTP_PUBLIC_SHORT);
}

/* The name of the sitemap of page (1, 2...) of year-month, after '/'. */
static const char *sitemap_month_name(struct arena *a, int year, int month, int64_t page)
{
    return page > 1 ? arena_printf(a, "sitemap-%04d-%02d-%lld.xml", year, month, (long long)page)
                    : arena_printf(a, "sitemap-%04d-%02d.xml", year, month);
}

/* A new sitemap of kind written into b (site_xml_new). */
static struct xml *sitemap_new(struct buf *b, enum sitemap_kind kind)
{
    struct xml *x = site_xml_new(b);
    if (x)
        sitemap_begin(x, kind);
    return x;
}

/* The months with published articles, and the latest change among them
 * into *newest (0 when none). */
static enum ak_err sitemap_months(struct req *r, struct sitemap_month **months, size_t *n,
                                  int64_t *newest)
{
    enum ak_err rc = store_sitemap_months(r->store, &r->arena, store_now(), months, n);
    *newest = 0;
    for (size_t i = 0; rc == AK_OK && i < *n; i++)
        if ((*months)[i].lastmod > *newest)
            *newest = (*months)[i].lastmod;
    return rc;
}

enum ak_err site_sitemap_index(struct req *r)
{
    sitemap_shows(r);
    struct arena *a = &r->arena;
    struct sitemap_month *months;
    size_t n;
    int64_t newest;
    enum ak_err rc = sitemap_months(r, &months, &n, &newest);
    if (rc)
        return rc;
    struct buf b;
    struct xml *x = sitemap_new(&b, SITEMAP_INDEX);
    if (x) {
        sitemap_index_entry(x, page_absolute(r, "/sitemap-pages.xml"), newest);
        sitemap_index_entry(x, page_absolute(r, "/sitemap-news.xml"), newest);
        for (size_t i = 0; i < n; i++) {
            int64_t pages = (months[i].articles + SITEMAP_PAGE_URLS - 1) / SITEMAP_PAGE_URLS;
            for (int64_t p = 1; p <= pages; p++) {
                const char *name = sitemap_month_name(a, months[i].year, months[i].month, p);
                sitemap_index_entry(x, page_absolute(r, arena_printf(a, "/%s", name)),
                                    months[i].lastmod);
            }
        }
    }
    return site_xml_send(r, x, &b, SITEMAP_TYPE, newest);
}

enum ak_err site_sitemap_pages(struct req *r)
{
    sitemap_shows(r);
    struct arena *a = &r->arena;
    struct sitemap_month *months;
    struct section *secs;
    struct sitemap_tag *tags;
    struct author_entry *authors;
    struct static_page *pages;
    size_t nm, ns, nt, na, np;
    int64_t newest;
    enum ak_err rc = sitemap_months(r, &months, &nm, &newest);
    if (rc || (rc = store_section_list(r->store, a, &secs, &ns)) ||
        (rc = store_sitemap_tags(r->store, a, store_now(), &tags, &nt)) ||
        (rc = store_author_list_public(r->store, a, &authors, &na)) ||
        (rc = store_page_list_published(r->store, a, &pages, &np)))
        return rc;
    struct buf b;
    struct xml *x = sitemap_new(&b, SITEMAP_URLSET);
    if (x) {
        sitemap_url(x, page_absolute(r, "/"), newest);
        sitemap_url(x, page_absolute(r, "/latest"), newest);
        for (size_t i = 0; i < ns; i++)
            sitemap_url(x, page_absolute(r, page_path(r, "section", secs[i].slug)), 0);
        for (size_t i = 0; i < np; i++)
            sitemap_url(x, page_absolute(r, page_path(r, "page", pages[i].slug)),
                        pages[i].updated_at);
        for (size_t i = 0; i < na; i++)
            sitemap_url(x, page_absolute(r, page_path(r, "author", authors[i].slug)),
                        authors[i].updated_at);
        /* the tags last: they are many, and a sitemap holds SITEMAP_MAX_URLS */
        for (size_t i = 0; i < nt && i + 2 + ns + np + na < SITEMAP_MAX_URLS; i++)
            sitemap_url(x, page_absolute(r, page_path(r, "tag", tags[i].slug)), tags[i].lastmod);
    }
    return site_xml_send(r, x, &b, SITEMAP_TYPE, newest);
}

/* What the rows of a month or of the news go into. */
struct sitemap_out {
    struct xml *x;
    const char *base;               /* page_base_url */
    struct html url;                /* each row's URL, made in place */
    const char *name, *language;    /* news only */
    int64_t newest;                 /* the latest change written */
    size_t rows;
};

static int sitemap_row_out(void *ctx, const struct sitemap_row *row)
{
    struct sitemap_out *o = ctx;
    int64_t changed = row->updated_at > row->published_at ? row->updated_at : row->published_at;
    /* Not in the request's arena, which would grow with every row. */
    o->url.b.n = 0;
    buf_puts(&o->url.b, o->base);
    html_printf(&o->url, "/article/%D/%U", row->id, row->slug);
    const char *url = o->url.b.p;
    if (o->url.b.err || !url)
        return 1;
    if (o->name)
        sitemap_news_url(o->x, url, o->name, o->language, row->published_at, row->title);
    else
        sitemap_url(o->x, url, changed);
    if (changed > o->newest)
        o->newest = changed;
    o->rows++;
    return 0;
}

/* A sitemap of kind made of rows: the news of the last SITEMAP_NEWS_HOURS,
 * or page (from 1) of year-month's articles (none: 404). */
static enum ak_err sitemap_rows(struct req *r, struct sitemap_out *o, enum sitemap_kind kind,
                                int year, int month, int64_t page)
{
    struct buf b;
    enum ak_err rc = AK_ENOMEM;
    html_init(&o->url, 64u << 10);
    if (o->base && (o->x = sitemap_new(&b, kind))) {
        if (kind == SITEMAP_NEWS)
            rc = store_sitemap_news_each(r->store, store_now(), SITEMAP_NEWS_HOURS * 3600,
                                         SITEMAP_NEWS_MAX, sitemap_row_out, o);
        else if ((rc = store_sitemap_month_each(r->store, year, month, store_now(),
                                                (size_t)(page - 1) * SITEMAP_PAGE_URLS,
                                                SITEMAP_PAGE_URLS, sitemap_row_out, o)) ==
                     AK_OK && o->rows == 0)
            rc = AK_ENOTFOUND;          /* no such month, or past its last page */
    }
    html_reset(&o->url);
    if (rc == AK_OK)
        return site_xml_send(r, o->x, &b, SITEMAP_TYPE, o->newest);
    if (o->x)
        xml_free(o->x);
    buf_reset(&b);
    return rc;
}

/* Parse "NNNN" (exactly digits digits, no sign) at s into *v. */
static int sitemap_digits(const char *s, size_t digits, int *v)
{
    *v = 0;
    for (size_t i = 0; i < digits; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* "sitemap-YYYY-MM.xml" or "sitemap-YYYY-MM-N.xml" (N from 2, no leading
 * zero, at most 6 digits): 1 with its parts, else 0. */
int site_sitemap_month_parse(const char *s, int *year, int *month, int64_t *page)
{
    if (strncmp(s, "sitemap-", 8) != 0 || !sitemap_digits(s + 8, 4, year) || s[12] != '-' ||
        !sitemap_digits(s + 13, 2, month) || *month < 1 || *month > 12 || *year < 1970)
        return 0;
    s += 15;
    *page = 1;
    if (*s == '-') {
        size_t k = 1;
        int64_t p = 0;
        while (s[k] >= '0' && s[k] <= '9' && k <= 7)     /* up to one digit too many */
            p = p * 10 + (s[k++] - '0');
        if (k == 1 || k > 7 || s[1] == '0' || p < 2)
            return 0;
        *page = p;
        s += k;
    }
    return strcmp(s, ".xml") == 0;
}

enum ak_err site_sitemap_month(struct req *r)
{
    sitemap_shows(r);
    int year, month;
    int64_t page;
    if (!site_sitemap_month_parse(r->captures[0], &year, &month, &page))
        return AK_ENOTFOUND;
    struct sitemap_out o = { .base = page_base_url(r) };
    return sitemap_rows(r, &o, SITEMAP_URLSET, year, month, page);
}

enum ak_err site_sitemap_news(struct req *r)
{
    sitemap_shows(r);
    const struct config *c = page_config(r);
    if (!c)
        return AK_EIO;
    struct sitemap_out o = { .base = page_base_url(r), .name = c->v[CONFIG_NAME],
                             .language = c->v[CONFIG_LANGUAGE] };
    return sitemap_rows(r, &o, SITEMAP_NEWS, 0, 0, 0);
}
