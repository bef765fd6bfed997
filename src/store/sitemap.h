/*
 * sitemap.h: what sitemaps and the Google News sitemap list, read so that
 * memory does not grow with the archive: months are few, and a month's
 * articles are handed to a callback one row at a time.
 *
 * "Published" is as on the site: status published and published_at not in
 * the future (now, as the caller gives it). Months are UTC calendar months.
 */
#ifndef AK_STORE_SITEMAP_H
#define AK_STORE_SITEMAP_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

struct sitemap_month {
    int year, month;            /* 2026, 11 */
    int64_t articles;           /* published articles that month */
    int64_t lastmod;            /* the latest change among them */
};

/* The months with published articles, newest first, in arena a. */
enum ak_err store_sitemap_months(struct store *st, struct arena *a, int64_t now,
                                 struct sitemap_month **out, size_t *n);

struct sitemap_row {
    int64_t id;
    const char *slug;           /* valid during the callback only */
    const char *title;          /* store_sitemap_news only, else NULL */
    int64_t published_at, updated_at;
};
/* Called once a row; a non-zero return stops the walk (and is returned as
 * AK_EIO). */
typedef int (*sitemap_row_fn)(void *ctx, const struct sitemap_row *r);

/* The published articles of year-month, oldest first, from the offset-th
 * to at most limit of them. */
enum ak_err store_sitemap_month_each(struct store *st, int year, int month, int64_t now,
                                     size_t offset, size_t limit, sitemap_row_fn fn,
                                     void *ctx);
/* The articles published in (now - seconds, now], newest first, at most
 * limit, with their titles. */
enum ak_err store_sitemap_news_each(struct store *st, int64_t now, int64_t seconds,
                                    size_t limit, sitemap_row_fn fn, void *ctx);

struct sitemap_tag {
    const char *slug;
    int64_t lastmod;            /* the latest change among its published articles */
};
/* The tags with at least one published article, by slug, in arena a. */
enum ak_err store_sitemap_tags(struct store *st, struct arena *a, int64_t now,
                               struct sitemap_tag **out, size_t *n);

#endif
