/*
 * test_store.c: the store on a real SQLite file: schema, sections, articles,
 * tags, listing and visibility, related articles, comments, the authorizer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "render/markdown.h"
#include "store/article.h"
#include "store/comment.h"
#include "store/section.h"
#include "store/store.h"
#include "t.h"

static char path[64];

static int64_t add(struct store *st, const char *title, const char *section, const char **tags,
                   size_t ntags, int64_t published_at)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *html = NULL;
    CHECK(markdown_render(&a, "نص", strlen("نص"), &html) == AK_OK);
    struct article_in in = {
        .title = title, .lede = "مقدمة", .body_md = "نص", .body_html = html,
        .section = section, .tags = tags, .ntags = ntags, .status = ARTICLE_PUBLISHED,
        .published_at = published_at, .author = "كاتب", .source = "وكالة",
    };
    int64_t id = 0;
    enum ak_err rc = store_article_insert(st, &in, &id);
    CHECK(rc == AK_OK);
    arena_reset(&a);
    return id;
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/akhbar-test-store-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, 0, &st) != AK_OK);            /* no file, no create */
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    unsigned char secret[64];
    size_t n = 0;
    CHECK(store_setting_get(st, "secret", secret, sizeof secret, &n) == AK_OK && n == 32);
    CHECK(store_setting_get(st, "nope", secret, sizeof secret, &n) == AK_ENOTFOUND);

    int64_t world, eco;
    CHECK(store_section_add(st, "world", "أخبار عالمية", &world) == AK_OK);
    CHECK(store_section_add(st, "economy", "اقتصاد", &eco) == AK_OK);
    CHECK(store_section_add(st, "world", "مكرر", NULL) == AK_EEXIST);
    struct arena a;
    arena_init(&a, 0);
    struct section *secs;
    CHECK(store_section_list(st, &a, &secs, &n) == AK_OK);
    CHECK(n == 2 && strcmp(secs[0].slug, "world") == 0 && strcmp(secs[1].name, "اقتصاد") == 0);

    const char *t1[] = { "الطاقة", "النفط" };
    const char *t2[] = { "النفط" };
    int64_t a1 = add(st, "ارتفاع أسعار النفط", "economy", t1, 2, 1000);
    int64_t a2 = add(st, "قمة المناخ تختتم أعمالها", "world", NULL, 0, 2000);
    int64_t a3 = add(st, "أوبك تبقي الإنتاج دون تغيير", "world", t2, 1, 3000);
    int64_t a4 = add(st, "خبر مجدول في المستقبل", "world", NULL, 0, (int64_t)4e9);
    CHECK(a1 > 0 && a2 > a1 && a3 > a2 && a4 > a3);
    struct article_in bad = { .title = "x", .section = "nope" };
    int64_t id;
    CHECK(store_article_insert(st, &bad, &id) == AK_ENOTFOUND);
    struct article_in untitled = { .title = "", .section = "world" };
    CHECK(store_article_insert(st, &untitled, &id) == AK_EINVAL);
    int64_t count;
    CHECK(store_article_count(st, &count) == AK_OK && count == 4);   /* failures left nothing */

    struct article art;
    CHECK(store_article_load(st, &a, a1, &art) == AK_OK);
    CHECK_STR(art.title, "ارتفاع أسعار النفط");
    CHECK_STR(art.slug, "ارتفاع-أسعار-النفط");
    CHECK_STR(html_safe_str(art.body_html), "<p>نص</p>\n");
    CHECK(art.nsections == 1 && strcmp(art.sections[0].slug, "economy") == 0);
    CHECK(art.ntags == 2 && strcmp(art.tags[0].name, "الطاقة") == 0);
    CHECK(store_article_load(st, &a, a4, &art) == AK_ENOTFOUND);   /* not yet published */
    CHECK(store_article_load(st, &a, 999, &art) == AK_ENOTFOUND);

    struct article_summary *list;
    size_t total;
    struct article_query q = { .limit = 10 };
    CHECK(store_article_list(st, &a, &q, &list, &n, &total) == AK_OK);
    CHECK(n == 3 && total == 3);
    CHECK(n == 3 && list[0].id == a3 && list[2].id == a1);     /* newest first */
    q.section_id = world;
    CHECK(store_article_list(st, &a, &q, &list, &n, &total) == AK_OK && n == 2 && total == 2);
    struct tag tag;
    CHECK(store_tag_by_slug(st, &a, "النفط", &tag) == AK_OK);
    struct article_query tq = { .tag_id = tag.id, .limit = 10 };
    CHECK(store_article_list(st, &a, &tq, &list, &n, &total) == AK_OK && n == 2);
    struct article_query pq = { .limit = 1, .offset = 1 };
    CHECK(store_article_list(st, &a, &pq, &list, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 3 && list[0].id == a2);

    /* Related: shared tag (a3) or same section; never itself. */
    CHECK(store_article_load(st, &a, a1, &art) == AK_OK);
    CHECK(store_article_related(st, &a, &art, 5, &list, &n) == AK_OK);
    CHECK(n == 1 && list[0].id == a3);
    CHECK(store_article_load(st, &a, a2, &art) == AK_OK);
    CHECK(store_article_related(st, &a, &art, 5, &list, &n) == AK_OK);
    CHECK(n == 1 && list[0].id == a3);

    /* Comments: pending, approved, replies after parents, rate counting. */
    unsigned char client[16] = { 1 };
    struct comment_new c = { .article_id = a1, .author = "قارئ", .body = "تعليق",
                             .client_hash = client, .status = COMMENT_PENDING };
    int64_t c1, c2, c3;
    CHECK(store_comment_add(st, &c, &c1) == AK_OK);
    c.parent_id = c1;
    CHECK(store_comment_add(st, &c, &c2) == AK_EINVAL);    /* parent not approved */
    CHECK(store_comment_set_status(st, c1, COMMENT_APPROVED) == AK_OK);
    CHECK(store_comment_add(st, &c, &c2) == AK_OK);
    c.parent_id = c2;
    CHECK(store_comment_add(st, &c, &c3) == AK_EINVAL);    /* no reply to a reply */
    c.parent_id = 0;
    CHECK(store_comment_add(st, &c, &c3) == AK_OK);
    CHECK(store_comment_set_status(st, c2, COMMENT_APPROVED) == AK_OK);
    CHECK(store_comment_set_status(st, c3, COMMENT_APPROVED) == AK_OK);
    struct comment *cs;
    CHECK(store_comment_list_article(st, &a, a1, COMMENT_APPROVED, &cs, &n) == AK_OK);
    CHECK(n == 3 && cs[0].id == c1 && cs[1].id == c2 && cs[1].parent_id == c1 && cs[2].id == c3);
    int64_t recent;
    CHECK(store_comment_count_since(st, client, 0, &recent) == AK_OK && recent == 3);
    CHECK(store_comment_set_status(st, 999, COMMENT_SPAM) == AK_ENOTFOUND);
    CHECK(store_comment_delete(st, c1) == AK_OK);          /* its reply goes with it */
    CHECK(store_comment_list(st, &a, -1, &cs, &n) == AK_OK && n == 1 && cs[0].id == c3);
    CHECK(store_comment_delete(st, c1) == AK_ENOTFOUND);
    /* An article page gets the newest COMMENT_LIST_MAX, in thread order. */
    c.status = COMMENT_APPROVED;
    c.parent_id = 0;
    c.client_hash = NULL;
    int64_t first = 0, last = 0;
    int added = 0;
    for (int i = 0; i < COMMENT_LIST_MAX + 5; i++) {
        added += store_comment_add(st, &c, &last) == AK_OK;
        if (i == 0)
            first = last;
    }
    CHECK(added == COMMENT_LIST_MAX + 5);
    CHECK(store_comment_list_article(st, &a, a1, COMMENT_APPROVED, &cs, &n) == AK_OK);
    CHECK(n == COMMENT_LIST_MAX && cs[n - 1].id == last && cs[0].id > first);
    CHECK(cs[0].id == last - COMMENT_LIST_MAX + 1);

    /* The authorizer forbids writes on a protected connection. */
    store_protect(st, 1);
    CHECK(store_section_add(st, "sports", "رياضة", NULL) != AK_OK);
    CHECK(store_section_list(st, &a, &secs, &n) == AK_OK && n == 2);
    store_protect(st, 0);
    CHECK(store_section_add(st, "sports", "رياضة", NULL) == AK_OK);

    /* A transaction rolled back leaves nothing. */
    CHECK(store_begin(st) == AK_OK);
    add(st, "خبر سيلغى", "world", NULL, 0, 5000);
    store_rollback(st);
    CHECK(store_article_count(st, &count) == AK_OK && count == 4);
    store_close(st);

    /* Reopening keeps the data; a newer or foreign database is refused. */
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_article_count(st, &count) == AK_OK && count == 4);
    store_close(st);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sqlite3 %s 'PRAGMA user_version=99'", path);
    CHECK(system(cmd) == 0);
    CHECK(store_open(path, STORE_CREATE, &st) == AK_EINVAL);
    snprintf(cmd, sizeof cmd, "%s.garbage", path);
    FILE *f = fopen(cmd, "w");
    fputs("this is not a database, just text that is long enough to matter......", f);
    fclose(f);
    CHECK(store_open(cmd, STORE_CREATE, &st) != AK_OK);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s.foreign", path);
    unlink(cmd);
    char sh[300];
    snprintf(sh, sizeof sh, "sqlite3 %s 'CREATE TABLE t(x)'", cmd);
    CHECK(system(sh) == 0);
    CHECK(store_open(cmd, STORE_CREATE, &st) == AK_EINVAL);
    unlink(cmd);
    arena_reset(&a);
    unlink(path);
    snprintf(cmd, sizeof cmd, "%s-wal", path);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s-shm", path);
    unlink(cmd);
    T_DONE();
}
