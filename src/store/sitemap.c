/*
 * sitemap.c: what sitemaps list (see sitemap.h).
 */
#include "store/db.h"
#include "store/sitemap.h"

#define PUBLISHED "a.status=3 AND a.published_at<=?1 "

/* Months from article_state (id, status, published_at, ..., updated_at), a
 * covering index: no article row is read. */
DB_SQL(SITEMAP_MONTHS) =
    "SELECT CAST(strftime('%Y', a.published_at, 'unixepoch') AS INTEGER), "
    "CAST(strftime('%m', a.published_at, 'unixepoch') AS INTEGER), count(*), "
    "max(a.updated_at) FROM article a INDEXED BY article_state WHERE " PUBLISHED
    "GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC";
/* updated_at comes after the bodies in an article's row: reading it from the
 * row walks the row's overflow pages (an article is tens of KB), so it is
 * read from article_state, and a row is read only for its first columns
 * (slug, title), which lie on its first page. */
DB_SQL(SITEMAP_MONTH) =
    "SELECT a.id, b.slug, NULL, a.published_at, a.updated_at FROM "
    "(SELECT a.id, a.published_at, a.updated_at FROM article a INDEXED BY article_state "
    "WHERE " PUBLISHED "AND a.published_at>=?2 AND a.published_at<?3 "
    "ORDER BY a.published_at, a.id LIMIT ?4 OFFSET ?5) a "
    "JOIN article b ON b.id=a.id ORDER BY a.published_at, a.id";
DB_SQL(SITEMAP_NEWS) =
    "SELECT a.id, a.slug, a.title, a.published_at, s.updated_at FROM article a "
    "JOIN article s INDEXED BY article_state ON s.id=a.id "
    "WHERE " PUBLISHED "AND a.published_at>?2 ORDER BY a.published_at DESC, a.id DESC "
    "LIMIT ?3";
DB_SQL(SITEMAP_TAGS) =
    "SELECT t.slug, max(a.updated_at) FROM tag t "
    "JOIN article_tag x ON x.tag_id=t.id JOIN article a INDEXED BY article_state "
    "ON a.id=x.article_id WHERE " PUBLISHED "GROUP BY t.id ORDER BY t.slug";
DB_SQL_CHECK(SITEMAP);

static int sitemap_month_row(struct db_q *s, struct arena *a, void *elem)
{
    (void)a;
    struct sitemap_month *m = elem;
    m->year = db_col_int(s, 0);
    m->month = db_col_int(s, 1);
    m->articles = db_col_int64(s, 2);
    m->lastmod = db_col_int64(s, 3);
    return 1;
}

enum ak_err store_sitemap_months(struct store *st, struct arena *a, int64_t now,
                                 struct sitemap_month **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_SITEMAP_MONTHS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now);
    return db_rows(st, s, a, sizeof **out, sitemap_month_row, (void **)out, n);
}

/* Step s to the end, handing each row to fn; db_done(s) afterwards. */
static enum ak_err sitemap_each(struct store *st, struct db_q *s, sitemap_row_fn fn,
                                void *ctx)
{
    enum ak_err rc = AK_OK;
    int step;
    while ((step = db_step(s)) == DB_ROW) {
        struct sitemap_row r = {
            .id = db_col_int64(s, 0),
            .slug = (const char *)db_col_str(s, 1),
            .title = (const char *)db_col_str(s, 2),
            .published_at = db_col_int64(s, 3),
            .updated_at = db_col_int64(s, 4),
        };
        if (!r.slug)
            r.slug = "";
        if (fn(ctx, &r) != 0) {
            rc = AK_EIO;
            break;
        }
    }
    if (rc == AK_OK && step != DB_DONE)
        rc = db_fail(st, "sitemap");
    db_done(s);
    return rc;
}

/* Unix time of the first second of year-month (UTC), by the proleptic
 * Gregorian calendar (days from civil, as in Howard Hinnant's algorithm). */
static int64_t sitemap_month_start(int year, int month)
{
    int64_t y = year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

enum ak_err store_sitemap_month_each(struct store *st, int year, int month, int64_t now,
                                     size_t offset, size_t limit, sitemap_row_fn fn,
                                     void *ctx)
{
    if (month < 1 || month > 12)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, STMT_SITEMAP_MONTH);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now);
    db_bind_int64(s, 2, sitemap_month_start(year, month));
    db_bind_int64(s, 3, month == 12 ? sitemap_month_start(year + 1, 1)
                                         : sitemap_month_start(year, month + 1));
    db_bind_int64(s, 4, (int64_t)limit);
    db_bind_int64(s, 5, (int64_t)offset);
    return sitemap_each(st, s, fn, ctx);
}

enum ak_err store_sitemap_news_each(struct store *st, int64_t now, int64_t seconds,
                                    size_t limit, sitemap_row_fn fn, void *ctx)
{
    struct db_q *s = db_stmt(st, STMT_SITEMAP_NEWS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now);
    db_bind_int64(s, 2, now - seconds);
    db_bind_int64(s, 3, (int64_t)limit);
    return sitemap_each(st, s, fn, ctx);
}

static int sitemap_tag_row(struct db_q *s, struct arena *a, void *elem)
{
    struct sitemap_tag *t = elem;
    t->slug = db_col_text(s, 0, a);
    t->lastmod = db_col_int64(s, 1);
    return t->slug != NULL;
}

enum ak_err store_sitemap_tags(struct store *st, struct arena *a, int64_t now,
                               struct sitemap_tag **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_SITEMAP_TAGS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now);
    return db_rows(st, s, a, sizeof **out, sitemap_tag_row, (void **)out, n);
}
