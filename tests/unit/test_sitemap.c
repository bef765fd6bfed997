/*
 * test_sitemap.c: what sitemaps list: months of published articles with
 * their counts and last changes, a month's articles in order and in pages,
 * the news window, tags with published articles; nothing unpublished or
 * in the future, every published article in exactly one month.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "store/article.h"
#include "store/section.h"
#include "store/sitemap.h"
#include "store/store.h"
#include "t.h"

static int64_t add(struct store *st, const char *title, const char **tags, size_t ntags,
                   enum article_status status, int64_t published_at)
{
    struct article_in in = {
        .title = title, .lede = "مقدمة", .body_md = "نص",
        .section = "world", .tags = tags, .ntags = ntags, .status = status,
        .published_at = published_at,
    };
    int64_t id = 0;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    return id;
}

struct seen {
    int64_t ids[64];
    char titles[8][128];
    size_t n;
    size_t stop_at;             /* > 0: stop after this many rows */
};

static int collect(void *ctx, const struct sitemap_row *r)
{
    struct seen *s = ctx;
    if (s->n < 8 && r->title)
        snprintf(s->titles[s->n], sizeof s->titles[0], "%s", r->title);
    if (s->n < 64)
        s->ids[s->n] = r->id;
    s->n++;
    return s->stop_at && s->n >= s->stop_at;
}

/* 2026-01-31T23:59:59Z, 2026-02-01T00:00:00Z, 2026-02-28T12:00:00Z,
 * 2024-02-29T00:00:00Z (a leap day), 2026-12-31T23:00:00Z */
#define JAN_END 1769903999
#define FEB_START 1769904000
#define FEB_MID 1772280000
#define LEAP_DAY 1709164800
#define DEC_END 1798758000
#define NOW 1799000000          /* 2027-01-03 */

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-sitemap-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    const char *oil[] = { "النفط" }, *gas[] = { "الغاز" };
    int64_t jan = add(st, "آخر يناير", oil, 1, ARTICLE_PUBLISHED, JAN_END);
    int64_t feb1 = add(st, "أول فبراير", NULL, 0, ARTICLE_PUBLISHED, FEB_START);
    int64_t feb2 = add(st, "منتصف فبراير", NULL, 0, ARTICLE_PUBLISHED, FEB_MID);
    int64_t leap = add(st, "يوم كبيس", NULL, 0, ARTICLE_PUBLISHED, LEAP_DAY);
    int64_t dec = add(st, "آخر ديسمبر", NULL, 0, ARTICLE_PUBLISHED, DEC_END);
    add(st, "مسودة", gas, 1, ARTICLE_DRAFT, FEB_MID);
    add(st, "في المستقبل", gas, 1, ARTICLE_PUBLISHED, NOW + 3600);
    add(st, "سُحب", NULL, 0, ARTICLE_UNPUBLISHED, FEB_MID);

    struct arena a;
    arena_init(&a, 0);
    struct sitemap_month *m;
    size_t n;
    CHECK(store_sitemap_months(st, &a, NOW, &m, &n) == AK_OK);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(m[0].year == 2026 && m[0].month == 12 && m[0].articles == 1);
        CHECK(m[1].year == 2026 && m[1].month == 2 && m[1].articles == 2);
        CHECK(m[2].year == 2026 && m[2].month == 1 && m[2].articles == 1);
        CHECK(m[3].year == 2024 && m[3].month == 2 && m[3].articles == 1);
        CHECK(m[1].lastmod > 0);
    }

    struct seen s = { 0 };
    CHECK(store_sitemap_month_each(st, 2026, 2, NOW, 0, 100, collect, &s) == AK_OK);
    CHECK(s.n == 2 && s.ids[0] == feb1 && s.ids[1] == feb2);   /* oldest first */
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_month_each(st, 2026, 1, NOW, 0, 100, collect, &s) == AK_OK);
    CHECK(s.n == 1 && s.ids[0] == jan);                        /* the month's last second */
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_month_each(st, 2024, 2, NOW, 0, 100, collect, &s) == AK_OK);
    CHECK(s.n == 1 && s.ids[0] == leap);
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_month_each(st, 2026, 12, NOW, 0, 100, collect, &s) == AK_OK);
    CHECK(s.n == 1 && s.ids[0] == dec);                        /* December into January */
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_month_each(st, 2026, 2, NOW, 1, 1, collect, &s) == AK_OK);
    CHECK(s.n == 1 && s.ids[0] == feb2);                       /* a second page */
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_month_each(st, 2026, 3, NOW, 0, 100, collect, &s) == AK_OK);
    CHECK(s.n == 0);
    CHECK(store_sitemap_month_each(st, 2026, 13, NOW, 0, 100, collect, &s) == AK_EINVAL);
    memset(&s, 0, sizeof s);
    s.stop_at = 1;
    CHECK(store_sitemap_month_each(st, 2026, 2, NOW, 0, 100, collect, &s) == AK_EIO);
    CHECK(s.n == 1);                                           /* the walk stopped */

    /* The news window: the last 48 hours before FEB_MID + 1 day. */
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_news_each(st, FEB_MID + 86400, 48 * 3600, 1000, collect, &s) == AK_OK);
    CHECK(s.n == 1 && s.ids[0] == feb2 && strcmp(s.titles[0], "منتصف فبراير") == 0);
    memset(&s, 0, sizeof s);
    CHECK(store_sitemap_news_each(st, FEB_MID + 49 * 3600, 48 * 3600, 1000, collect, &s) ==
          AK_OK);
    CHECK(s.n == 0);                                           /* older than two days */

    struct sitemap_tag *tags;
    CHECK(store_sitemap_tags(st, &a, NOW, &tags, &n) == AK_OK);
    CHECK(n == 1 && strcmp(tags[0].slug, "النفط") == 0);       /* not the draft's tag */
    arena_reset(&a);
    store_close(st);
    unlink(path);
    T_DONE();
}
