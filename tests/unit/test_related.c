/*
 * test_related.c: related articles from text similarity, on a real SQLite
 * file: the closest article first whatever its section, never the article
 * itself, nothing from words every article shares, refresh after new ones,
 * and the background pass over articles that never had a list.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ingest/ingest.h"
#include "newsroom/article.h"
#include "store/article.h"
#include "store/related.h"
#include "store/section.h"
#include "store/store.h"
#include "t.h"

static struct store *st;

static int64_t add(const char *title, const char *section, const char *body, int64_t when)
{
    struct arena a;
    arena_init(&a, 0);
    struct article_in in = { .title = title, .lede = "", .body_md = body, .section = section,
                             .status = ARTICLE_PUBLISHED, .published_at = when };
    CHECK(newsroom_article_render(&a, &in) == AK_OK);
    int64_t id = 0;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    arena_reset(&a);
    return id;
}

static size_t related(int64_t id, int64_t *out)
{
    struct arena a;
    arena_init(&a, 0);
    struct article art;
    struct article_summary *list;
    size_t n = 0;
    if (store_article_load(st, &a, id, &art) == AK_OK &&
        store_article_related(st, &a, &art, 4, &list, &n) == AK_OK)
        for (size_t i = 0; i < n; i++)
            out[i] = list[i].id;
    arena_reset(&a);
    return n;
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-related-%d.db", (int)getpid());
    unlink(path);
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    store_section_add(st, "world", "أخبار عالمية", NULL);
    store_section_add(st, "economy", "اقتصاد", NULL);
    store_section_add(st, "sports", "رياضة", NULL);
    const char *common = "وقال المسؤول في بيان صدر اليوم إن الأمر يحتاج إلى وقت. ";
    char body[2048];
    snprintf(body, sizeof body, "%sارتفعت أسعار النفط الخام مع تراجع المخزونات الأمريكية، "
             "وتوقع محللون أن تواصل أسعار النفط صعودها مع دخول الشتاء.", common);
    int64_t oil1 = add("أسعار النفط ترتفع مع تراجع المخزونات", "economy", body, 1000);
    snprintf(body, sizeof body, "%sقررت منظمة أوبك خفض إنتاج النفط الخام لدعم الأسعار، "
             "وقال وزراء الطاقة إن المخزونات مرتفعة.", common);
    int64_t oil2 = add("أوبك تخفض إنتاج النفط لدعم الأسعار", "world", body, 2000);
    snprintf(body, sizeof body, "%sفاز المنتخب الوطني لكرة القدم على ضيفه بهدفين، "
             "وتأهل المنتخب إلى نهائي البطولة.", common);
    int64_t football = add("المنتخب يتأهل إلى نهائي البطولة", "sports", body, 3000);
    snprintf(body, sizeof body, "%sتعادل المنتخب مع منافسه في مباراة ودية لكرة القدم "
             "استعدادًا لنهائي البطولة.", common);
    int64_t football2 = add("تعادل المنتخب في مباراة ودية", "sports", body, 4000);

    CHECK(store_related_refresh(st, 100) == AK_OK);
    int64_t ids[4];
    size_t n = related(oil1, ids);
    CHECK(n >= 1 && ids[0] == oil2);            /* across sections, by text */
    for (size_t i = 0; i < n; i++)
        CHECK(ids[i] != oil1 && ids[i] != football && ids[i] != football2);
    n = related(football, ids);
    CHECK(n >= 1 && ids[0] == football2);
    for (size_t i = 0; i < n; i++)
        CHECK(ids[i] != football && ids[i] != oil1 && ids[i] != oil2);

    /* A new article about oil: after a refresh the oil articles point to it. */
    snprintf(body, sizeof body, "%sتراجعت المخزونات مجددًا وارتفعت أسعار النفط الخام "
             "إلى أعلى مستوى منذ أشهر بعد قرار أوبك خفض الإنتاج.", common);
    int64_t oil3 = add("النفط عند أعلى مستوى منذ أشهر", "economy", body, 5000);
    CHECK(store_related_refresh(st, 100) == AK_OK);
    n = related(oil2, ids);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found |= ids[i] == oil3;
    CHECK(found);

    /* An article with nothing distinctive in common has no stored list and
     * falls back to its section. */
    snprintf(body, sizeof body, "%s", common);
    int64_t lonely = add("بيان قصير", "world", body, 6000);
    CHECK(store_related_compute(st, lonely) == AK_OK);
    n = related(lonely, ids);
    for (size_t i = 0; i < n; i++)
        CHECK(ids[i] != lonely);
    CHECK(store_related_compute(st, 99999) == AK_ENOTFOUND);

    /* Articles that arrived without a list (an archive import refreshes only
     * the newest) get one from the background pass, each once, even when it
     * comes out empty. */
    size_t done = 9;
    CHECK(store_related_backfill(st, 10, &done) == AK_OK && done == 0);   /* all have one */
    snprintf(body, sizeof body, "%sارتفعت أسعار النفط الخام بعد قرار أوبك.", common);
    int64_t oil4 = add("أسعار النفط بعد قرار أوبك", "world", body, 500);
    add("بيان آخر", "world", common, 600);
    CHECK(store_related_backfill(st, 1, &done) == AK_OK && done == 1);
    CHECK(store_related_backfill(st, 10, &done) == AK_OK && done == 1);
    CHECK(store_related_backfill(st, 10, &done) == AK_OK && done == 0);
    n = related(oil4, ids);
    CHECK(n >= 1 && (ids[0] == oil1 || ids[0] == oil2 || ids[0] == oil3));
    store_close(st);
    unlink(path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    T_DONE();
}
