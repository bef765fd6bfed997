/*
 * test_readers.c: what readers see beside the news: relative times and
 * reading times in correct Arabic (page/side.c), views counted in memory and
 * written in batches (newsroom/views.c), the rankings they make and the
 * ticker's end in the change log (store/popular.c), on a real SQLite file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "newsroom/views.h"
#include "page/page.h"
#include "render/date.h"
#include "render/markdown.h"
#include "store/article.h"
#include "store/popular.h"
#include "store/section.h"
#include "store/store.h"
#include "t.h"

static int64_t add(struct store *st, const char *title, int64_t published_at, int breaking)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *html = NULL;
    CHECK(markdown_render(&a, "نص", strlen("نص"), &html) == AK_OK);
    struct article_in in = {
        .title = title, .lede = "مقدمة", .body_md = "نص", .body_html = html, .section = "world",
        .status = ARTICLE_PUBLISHED, .published_at = published_at, .breaking = breaking,
    };
    int64_t id = 0;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    arena_reset(&a);
    return id;
}

/* The ids of ranking kind, space-separated, into out. */
static const char *ranked(struct store *st, enum article_ranking kind, char *out, size_t cap)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_summary *s;
    size_t n = 0;
    out[0] = 0;
    CHECK(store_article_ranked(st, &a, kind, 10, &s, &n) == AK_OK);
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%lld", i ? " " : "", (long long)s[i].id);
    arena_reset(&a);
    return out;
}

int main(void)
{
    /* ---- relative times and reading times ---- */
    struct arena a;
    arena_init(&a, 0);
    int64_t now = 1796580000;
    CHECK(page_ago(&a, now, now + 5) == NULL);              /* the future */
    CHECK(page_ago(&a, now, now - 86400) == NULL);          /* a day or more: the date */
    CHECK_STR(page_ago(&a, now, now - 30), "الآن");
    CHECK_STR(page_ago(&a, now, now - 60), "منذ دقيقة");
    CHECK_STR(page_ago(&a, now, now - 150), "منذ دقيقتين");
    CHECK_STR(page_ago(&a, now, now - 3 * 60), "منذ 3 دقائق");
    CHECK_STR(page_ago(&a, now, now - 10 * 60), "منذ 10 دقائق");
    CHECK_STR(page_ago(&a, now, now - 11 * 60), "منذ 11 دقيقة");
    CHECK_STR(page_ago(&a, now, now - 3599), "منذ 59 دقيقة");
    CHECK_STR(page_ago(&a, now, now - 3600), "منذ ساعة");
    CHECK_STR(page_ago(&a, now, now - 2 * 3600 - 5), "منذ ساعتين");
    CHECK_STR(page_ago(&a, now, now - 5 * 3600), "منذ 5 ساعات");
    CHECK_STR(page_ago(&a, now, now - 23 * 3600), "منذ 23 ساعة");
    CHECK_STR(page_reading_time(&a, 0), "دقيقة واحدة للقراءة");
    CHECK_STR(page_reading_time(&a, PAGE_WORDS_A_MINUTE), "دقيقة واحدة للقراءة");
    CHECK_STR(page_reading_time(&a, PAGE_WORDS_A_MINUTE + 1), "دقيقتان للقراءة");
    CHECK_STR(page_reading_time(&a, 4 * PAGE_WORDS_A_MINUTE), "4 دقائق للقراءة");
    CHECK_STR(page_reading_time(&a, 12 * PAGE_WORDS_A_MINUTE), "12 دقيقة للقراءة");
    arena_reset(&a);

    /* ---- views: counted in memory, written in one transaction ---- */
    char path[64], ids[128];
    snprintf(path, sizeof path, "/tmp/akhbar-test-readers-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    int64_t t = (int64_t)time(NULL);
    int64_t x = add(st, "الأول", t - 3600, 0), y = add(st, "الثاني", t - 7200, 0);
    int64_t z = add(st, "الثالث", t - 9000, 0);
    for (int i = 0; i < 100000; i++)
        views_hit(i % 10 < 7 ? y : x);          /* 70,000 of y, 30,000 of x */
    views_hit(z);
    views_hit(0);                               /* not an article: not counted */
    struct views_stats vs;
    views_stats(&vs);
    CHECK(vs.counted == 100001 && vs.written == 0 && vs.flushes == 0);
    CHECK(views_flush(st) == AK_OK);
    views_stats(&vs);
    CHECK(vs.written == 100001);
    CHECK(vs.flushes == 1);                     /* 100,001 views: one transaction */
    CHECK(vs.rows == 3);                        /* of three rows */
    CHECK(views_flush(st) == AK_OK);            /* nothing new: nothing written */
    views_stats(&vs);
    CHECK(vs.flushes == 1);
    views_hit(y);
    views_hit(987654);                          /* since deleted, or never was */
    CHECK(views_flush(st) == AK_OK);
    views_stats(&vs);
    CHECK(vs.flushes == 2 && vs.written == 100003);

    /* ---- the rankings ---- */
    int changed = -1;
    CHECK(store_popular_refresh(st, t, date_local_day(t), &changed) == AK_OK);
    CHECK(changed == 2);                        /* today and the week; no comments */
    char want[64];
    snprintf(want, sizeof want, "%lld %lld %lld", (long long)y, (long long)x, (long long)z);
    CHECK_STR(ranked(st, RANKING_READ_DAY, ids, sizeof ids), want);
    CHECK_STR(ranked(st, RANKING_READ_WEEK, ids, sizeof ids), want);
    CHECK_STR(ranked(st, RANKING_COMMENTED_WEEK, ids, sizeof ids), "");
    CHECK(store_popular_refresh(st, t, date_local_day(t), &changed) == AK_OK);
    CHECK(changed == 0);                        /* the same order: nothing stored */
    for (int i = 0; i < 80000; i++)
        views_hit(z);
    CHECK(views_flush(st) == AK_OK);
    CHECK(store_popular_refresh(st, t, date_local_day(t), &changed) == AK_OK && changed == 2);
    snprintf(want, sizeof want, "%lld %lld %lld", (long long)z, (long long)y, (long long)x);
    CHECK_STR(ranked(st, RANKING_READ_WEEK, ids, sizeof ids), want);
    /* eight days later the week is empty (and the old counts pruned) */
    int64_t later = t + 8 * 86400;
    CHECK(store_popular_refresh(st, later, date_local_day(later), &changed) == AK_OK && changed == 2);
    CHECK_STR(ranked(st, RANKING_READ_WEEK, ids, sizeof ids), "");

    /* ---- the ticker ---- */
    int64_t b = add(st, "عاجل: خبر", t - 100, 1);
    struct article_summary *s;
    size_t n = 0;
    arena_init(&a, 0);
    CHECK(store_article_breaking(st, &a, t - 3600, 5, &s, &n) == AK_OK && n == 1 && s[0].id == b);
    CHECK(store_article_breaking(st, &a, t - 100, 5, &s, &n) == AK_OK && n == 0);  /* its time ended */
    arena_reset(&a);
    int ended = -1;
    CHECK(store_ticker_expire(st, t - 200, t - 101, 3600, &ended) == AK_OK && ended == 0);
    CHECK(store_ticker_expire(st, t + 3400, t + 3500, 3600, &ended) == AK_OK && ended == 1);
    CHECK(store_ticker_expire(st, t + 3500, t + 3600, 3600, &ended) == AK_OK && ended == 0);

    store_close(st);
    unlink(path);
    T_DONE();
}
