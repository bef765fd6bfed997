/*
 * site.h: the public site's pages. They are built with the page kit
 * (page/page.h), which the newsroom (admin/) shares.
 */
#ifndef AK_SITE_H
#define AK_SITE_H

#include "page/page.h"

#define SITE_PAGE_SIZE 20       /* articles per list page */

/* Handlers (the route table is in src/routes.c). */
enum ak_err site_page_home(struct req *r);
enum ak_err site_page_latest(struct req *r);
enum ak_err site_page_section(struct req *r);
enum ak_err site_page_tag(struct req *r);
enum ak_err site_page_article(struct req *r);
enum ak_err site_page_search(struct req *r);
enum ak_err site_article_redirect(struct req *r);
enum ak_err site_comment_post(struct req *r);
enum ak_err site_static(struct req *r);
enum ak_err site_media(struct req *r);
enum ak_err site_page_author(struct req *r);       /* /author/SLUG (page_people.c) */
enum ak_err site_page_static(struct req *r);       /* /page/SLUG (page_people.c) */
/* robots.txt, sitemaps and feeds (sitemap.c, feed.c) */
enum ak_err site_robots(struct req *r);
enum ak_err site_sitemap_index(struct req *r);
enum ak_err site_sitemap_pages(struct req *r);
enum ak_err site_sitemap_news(struct req *r);
enum ak_err site_sitemap_month(struct req *r);      /* /sitemap-YYYY-MM[-N].xml */
enum ak_err site_feed_rss(struct req *r);
enum ak_err site_feed_atom(struct req *r);
enum ak_err site_section_feed_rss(struct req *r);
enum ak_err site_section_feed_atom(struct req *r);
enum ak_err site_tag_feed_rss(struct req *r);
enum ak_err site_tag_feed_atom(struct req *r);
/* for the operator's machines (ops.c): /healthz, 200 "ok" or 503 and the
 * reason; /metrics, Prometheus's text, 404 but to serve --metrics-allow */
enum ak_err site_healthz(struct req *r);
/* The old site's URLs (legacy.c): struct http_app's not_found hook; a 301
 * to the new URL of a path, or of /?p=ID or /?page_id=ID, that an import
 * recorded; AK_ENOTFOUND otherwise. */
enum ak_err site_legacy_redirect(struct req *r);
/* Non-zero when the request asks for an old post id (?p=ID, ?page_id=ID):
 * the home page leaves such a request to the hook. */
int site_legacy_query(struct req *r);
enum ak_err site_metrics(struct req *r);

/* "sitemap-YYYY-MM.xml" or "sitemap-YYYY-MM-N.xml" (N from 2, no leading
 * zero): 1 with its parts, 0 for any other name. */
int site_sitemap_month_parse(const char *s, int *year, int *month, int64_t *page);

/* XML documents (feeds, sitemaps) are written into b (site_xml_new, NULL
 * when out of memory) and sent by site_xml_send as a public page with its
 * ETag and Last-Modified modified (0: none), which frees x and b. */
struct buf;
struct xml;
struct xml *site_xml_new(struct buf *b);
enum ak_err site_xml_send(struct req *r, struct xml *x, struct buf *b, const char *content_type,
                          int64_t modified);

#endif
