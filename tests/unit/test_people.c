/*
 * test_people.c: public profiles and static pages at the store level, on a
 * real SQLite file: saving a profile (slugs made, kept unique, refused when
 * taken; bio limit; photo), loading it by user and by slug, listing an
 * author's articles, the public authors for the sitemap; adding, updating,
 * listing and deleting pages; and migration 8 from an older database.
 * Run from the repository root (reads tests/fixtures/schema-v1.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "render/markdown.h"
#include "store/article.h"
#include "store/author.h"
#include "store/db.h"
#include "store/pages.h"
#include "store/section.h"
#include "store/store.h"
#include "store/user.h"
#include "t.h"

static char dir[64];

static void set_now(long long t)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", t);
    setenv("AKHBAR_NOW", v, 1);
}

/* A published article by user author_id (0: imported), at time t. */
static int64_t article(struct store *st, const char *title, int64_t author_id, int64_t t)
{
    struct article_in in = { .title = title, .section = "world", .status = ARTICLE_PUBLISHED,
                             .published_at = t };
    int64_t id = 0;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE article SET author_id=nullif(%lld, 0), updated_at=%lld "
             "WHERE id=%lld", (long long)author_id, (long long)t + 5, (long long)id);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    return id;
}

static void test_profiles(void)
{
    char path[96];
    snprintf(path, sizeof path, "%s/people.db", dir);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    CHECK(store_schema_version() >= 8);
    struct arena a;
    arena_init(&a, 0);
    set_now(1000);
    int64_t amal, sami, gone;
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    CHECK(store_user_add(st, "amal", "أمل", USER_AUTHOR, "correct horse battery", 21, &amal) ==
          AK_OK);
    CHECK(store_user_add(st, "sami", "", USER_AUTHOR, "correct horse battery", 21, &sami) ==
          AK_OK);
    CHECK(store_user_add(st, "gone", "غائب", USER_AUTHOR, "correct horse battery", 21, &gone) ==
          AK_OK);

    /* Never saved: empty, not public. */
    struct author au;
    CHECK(store_author_get(st, &a, amal, &au) == AK_OK);
    CHECK_STR(au.name, "أمل");
    CHECK_STR(au.slug, "");
    CHECK(au.updated_at == 0 && au.photo_id == 0 && au.articles == 0);
    CHECK(store_author_get(st, &a, 999, &au) == AK_ENOTFOUND);

    /* A slug made from the name; the same name again gets "-2". */
    const char *slug = NULL;
    struct author_in in = { .name = "أمل علي", .bio = "صحفية.\nتكتب عن المناخ." };
    CHECK(store_author_save(st, &a, amal, &in, &slug) == AK_OK);
    CHECK_STR(slug, "أمل-علي");
    struct author_in same = { .name = "أمل علي" };
    CHECK(store_author_save(st, &a, sami, &same, &slug) == AK_OK);
    CHECK_STR(slug, "أمل-علي-2");
    /* Saving again keeps one's own slug. */
    CHECK(store_author_save(st, &a, amal, &in, &slug) == AK_OK);
    CHECK_STR(slug, "أمل-علي");
    /* A given slug is made a slug; another's is refused. */
    struct author_in given = { .name = "سامي", .slug = "Sami Khalil" };
    CHECK(store_author_save(st, &a, sami, &given, &slug) == AK_OK);
    CHECK_STR(slug, "sami-khalil");
    given.slug = "أمل-علي";
    CHECK(store_author_save(st, &a, sami, &given, NULL) == AK_EEXIST);
    /* No name: the login. */
    struct author_in noname = { .name = "" };
    CHECK(store_author_save(st, &a, gone, &noname, &slug) == AK_OK);
    CHECK_STR(slug, "gone");
    /* The bio's limit counts characters, not bytes. */
    char bio[AUTHOR_BIO_MAX * 2 + 3];
    for (int i = 0; i < AUTHOR_BIO_MAX; i++)
        memcpy(bio + 2 * i, "ب", 2);
    bio[2 * AUTHOR_BIO_MAX] = 0;
    struct author_in longbio = { .name = "أمل علي", .bio = bio };
    CHECK(store_author_save(st, &a, amal, &longbio, NULL) == AK_OK);
    memcpy(bio + 2 * AUTHOR_BIO_MAX, "ب", 3);      /* one letter more, and the NUL */
    CHECK(store_author_save(st, &a, amal, &longbio, NULL) == AK_EINVAL);
    /* An unknown photo; a real one. */
    struct author_in photo = { .name = "أمل علي", .bio = "صحفية.", .photo_id = 77 };
    CHECK(store_author_save(st, &a, amal, &photo, NULL) == AK_EINVAL);
    CHECK(sqlite3_exec(st->db, "INSERT INTO media(hash, width, height, mime, alt, created_at) "
                       "VALUES('0123456789abcdef0123456789abcdef', 600, 400, 'image/jpeg', "
                       "'صورة', 1)", NULL, NULL, NULL) == SQLITE_OK);
    photo.photo_id = sqlite3_last_insert_rowid(st->db);
    set_now(2000);
    CHECK(store_author_save(st, &a, amal, &photo, NULL) == AK_OK);
    CHECK(store_author_save(st, &a, 999, &photo, NULL) == AK_ENOTFOUND);

    CHECK(store_author_by_slug(st, &a, "أمل-علي", &au) == AK_OK);
    CHECK(au.user_id == amal && au.photo_id == photo.photo_id && au.updated_at == 2000);
    CHECK_STR(au.name, "أمل علي");
    CHECK_STR(au.bio, "صحفية.");
    CHECK_STR(au.photo_hash, "0123456789abcdef0123456789abcdef");
    CHECK_STR(au.photo_alt, "صورة");
    CHECK(au.photo_width == 600 && au.photo_height == 400);
    CHECK(store_author_by_slug(st, &a, "nobody", &au) == AK_ENOTFOUND);

    /* Their articles: only theirs, newest first, published only. */
    int64_t a1 = article(st, "الأول", amal, 100), a2 = article(st, "الثاني", amal, 300);
    article(st, "لسامي", sami, 200);
    article(st, "مستورد", 0, 250);
    struct article_in draft = { .title = "مسودة", .section = "world", .status = ARTICLE_DRAFT };
    int64_t d;
    CHECK(store_article_insert(st, &draft, &d) == AK_OK);
    char sql[96];
    snprintf(sql, sizeof sql, "UPDATE article SET author_id=%lld WHERE id=%lld",
             (long long)amal, (long long)d);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    struct article_query q = { .author_id = amal, .limit = 10 };
    struct article_summary *list;
    size_t n, total;
    CHECK(store_article_list(st, &a, &q, &list, &n, &total) == AK_OK);
    CHECK(n == 2 && total == 2 && list[0].id == a2 && list[1].id == a1);
    q.limit = 1;
    q.offset = 1;
    CHECK(store_article_list(st, &a, &q, &list, &n, &total) == AK_OK);
    CHECK(n == 1 && total == 2 && list[0].id == a1);
    CHECK(store_author_get(st, &a, amal, &au) == AK_OK && au.articles == 2);

    /* An article knows its author's slug; an imported one has none. */
    struct article art;
    CHECK(store_article_load(st, &a, a1, &art) == AK_OK);
    CHECK(art.author_id == amal);
    CHECK_STR(art.author_slug, "أمل-علي");
    CHECK(store_article_load(st, &a, a2 + 2, &art) == AK_OK);
    CHECK(art.author_id == 0);
    CHECK_STR(art.author_slug, "");

    /* The public authors: a disabled one without articles is left out; the
     * date is their latest article's change, else the profile's. */
    CHECK(store_user_set_disabled(st, gone, 1) == AK_OK);
    struct author_entry *es;
    CHECK(store_author_list_public(st, &a, &es, &n) == AK_OK);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(es[0].slug, "sami-khalil");
        CHECK(es[0].updated_at == 205);
        CHECK_STR(es[1].slug, "أمل-علي");
        CHECK(es[1].updated_at == 305);
    }
    CHECK(store_user_set_disabled(st, sami, 1) == AK_OK);
    CHECK(store_author_list_public(st, &a, &es, &n) == AK_OK && n == 2);   /* has an article */
    unsetenv("AKHBAR_NOW");
    store_close(st);
    arena_reset(&a);
}

static void test_pages(void)
{
    char path[96];
    snprintf(path, sizeof path, "%s/pages.db", dir);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    struct arena a;
    arena_init(&a, 0);
    const char *md = "نص **مهم** <script>x</script>";
    struct static_page p = { .slug = "about", .title = "من نحن", .body_md = md, .published = 1 };
    CHECK(markdown_render(&a, md, strlen(md), &p.body_html) == AK_OK);
    int64_t about, contact, draft;
    set_now(500);
    CHECK(store_page_add(st, &p, &about) == AK_OK);
    struct static_page c = { .slug = "contact", .title = "اتصل بنا", .body_md = "",
                             .published = 1 };
    CHECK(store_page_add(st, &c, &contact) == AK_OK);
    struct static_page dr = { .slug = "draft", .title = "مسودة", .body_md = "" };
    CHECK(store_page_add(st, &dr, &draft) == AK_OK);
    CHECK(store_page_add(st, &dr, NULL) == AK_EEXIST);
    struct static_page bad = { .slug = "", .title = "بلا معرّف" };
    CHECK(store_page_add(st, &bad, NULL) == AK_EINVAL);
    bad.slug = "x";
    bad.title = "";
    CHECK(store_page_add(st, &bad, NULL) == AK_EINVAL);

    struct static_page got;
    CHECK(store_page_by_slug(st, &a, "about", &got) == AK_OK);
    CHECK(got.id == about && got.published && got.position == 1 && got.updated_at == 500);
    CHECK_STR(got.body_md, md);
    CHECK_CONTAINS(html_safe_str(got.body_html), "<strong>مهم</strong>");
    CHECK(strstr(html_safe_str(got.body_html), "<script>") == NULL);
    CHECK(store_page_get(st, &a, contact, &got) == AK_OK && got.position == 2);
    CHECK(store_page_get(st, &a, 999, &got) == AK_ENOTFOUND);

    /* Published only, by position. */
    struct static_page *list;
    size_t n;
    CHECK(store_page_list_published(st, &a, &list, &n) == AK_OK && n == 2);
    if (n == 2) {
        CHECK_STR(list[0].slug, "about");
        CHECK_STR(list[1].slug, "contact");
        CHECK(list[0].body_html == NULL && list[0].updated_at == 500);
    }
    CHECK(store_page_list(st, &a, &list, &n) == AK_OK && n == 3);

    /* Moved first, renamed; another's slug refused. */
    set_now(900);
    c.id = contact;
    c.position = 0;              /* kept */
    c.title = "تواصل معنا";
    CHECK(store_page_update(st, &c) == AK_OK);
    CHECK(store_page_get(st, &a, contact, &got) == AK_OK && got.position == 2 &&
          got.updated_at == 900);
    CHECK_STR(got.title, "تواصل معنا");
    c.position = 1;
    p.id = about;
    p.position = 5;
    CHECK(store_page_update(st, &p) == AK_OK && store_page_update(st, &c) == AK_OK);
    CHECK(store_page_list_published(st, &a, &list, &n) == AK_OK && n == 2);
    if (n == 2)
        CHECK_STR(list[0].slug, "contact");
    c.slug = "about";
    CHECK(store_page_update(st, &c) == AK_EEXIST);
    dr.id = 999;
    CHECK(store_page_update(st, &dr) == AK_ENOTFOUND);

    CHECK(store_page_delete(st, draft) == AK_OK);
    CHECK(store_page_delete(st, draft) == AK_ENOTFOUND);
    CHECK(store_page_list(st, &a, &list, &n) == AK_OK && n == 2);
    unsetenv("AKHBAR_NOW");
    store_close(st);
    arena_reset(&a);
}

/* A version-1 database migrates through migration 8: the same profile and
 * page tables as a new one, and they work. */
static void test_migration(void)
{
    char old[96], fresh[96];
    snprintf(old, sizeof old, "%s/v1.db", dir);
    snprintf(fresh, sizeof fresh, "%s/fresh.db", dir);
    FILE *f = fopen("tests/fixtures/schema-v1.sql", "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char schema[1 << 16];
    size_t len = fread(schema, 1, sizeof schema - 1, f);
    fclose(f);
    schema[len] = 0;
    sqlite3 *db;
    CHECK(sqlite3_open(old, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version=1; INSERT INTO setting VALUES('secret', "
                       "zeroblob(32));", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    struct store *mig, *st;
    CHECK(store_open(old, STORE_CREATE, &mig) == AK_OK);
    CHECK(store_open(fresh, STORE_CREATE, &st) == AK_OK);
    if (!mig || !st) {
        store_close(mig);
        store_close(st);
        return;
    }
    static const char q[] =
        "SELECT group_concat(x, ';') FROM (SELECT m.name || '.' || p.name || ' ' || p.type || "
        "' ' || p.\"notnull\" || ' ' || coalesce(p.dflt_value, '') || ' ' || p.pk AS x "
        "FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.name IN ('profile', 'page') "
        "UNION ALL SELECT 'fk ' || m.name || '.' || f.\"from\" || ' ' || f.\"table\" || ' ' || "
        "f.on_delete FROM sqlite_schema m, pragma_foreign_key_list(m.name) f "
        "WHERE m.name IN ('profile', 'page') UNION ALL SELECT 'index ' || tbl_name || ' ' || "
        "(sql IS NULL) FROM sqlite_schema WHERE type='index' AND tbl_name IN ('profile', 'page') "
        "ORDER BY 1)";
    char *shape[2] = { NULL, NULL };
    struct store *both[2] = { mig, st };
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *s;
        CHECK(sqlite3_prepare_v2(both[i]->db, q, -1, &s, NULL) == SQLITE_OK);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            shape[i] = strdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    CHECK(shape[0] && shape[1] && strcmp(shape[0], shape[1]) == 0);
    CHECK_CONTAINS(shape[0], "profile.slug TEXT 0");
    CHECK_CONTAINS(shape[0], "fk profile.photo_id media SET NULL");
    CHECK_CONTAINS(shape[0], "fk profile.user_id user CASCADE");
    CHECK_CONTAINS(shape[0], "page.body_html TEXT 1");
    free(shape[0]);
    free(shape[1]);
    sqlite3_stmt *s;
    CHECK(sqlite3_prepare_v2(mig->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == store_schema_version());
    sqlite3_finalize(s);
    /* The migrated database takes profiles and pages. */
    struct arena a;
    arena_init(&a, 0);
    int64_t uid;
    CHECK(store_user_add(mig, "amal", "أمل", USER_AUTHOR, "correct horse battery", 21, &uid) ==
          AK_OK);
    struct author_in in = { .name = "أمل" };
    const char *slug = NULL;
    CHECK(store_author_save(mig, &a, uid, &in, &slug) == AK_OK);
    CHECK_STR(slug, "أمل");
    struct static_page p = { .slug = "about", .title = "من نحن", .body_md = "", .published = 1 };
    CHECK(store_page_add(mig, &p, NULL) == AK_OK);
    struct static_page *list;
    size_t n;
    CHECK(store_page_list_published(mig, &a, &list, &n) == AK_OK && n == 1);
    arena_reset(&a);
    store_close(mig);
    store_close(st);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/akhbar-test-people-%d", (int)getpid());
    char cmd[192];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", dir, dir);
    if (system(cmd) != 0)
        return 1;
    test_profiles();
    test_pages();
    test_migration();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    T_DONE();
}
