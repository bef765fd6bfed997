/*
 * test_moving.c: the normal form of old URL paths (text/urlpath.h) and the
 * store's side of moving a site in (store/moving.h): imports found again by
 * guid or by record, and legacy URLs and post ids.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "render/markdown.h"
#include "store/article.h"
#include "store/comment.h"
#include "store/moving.h"
#include "store/section.h"
#include "store/store.h"
#include "text/urlpath.h"
#include "t.h"

static struct arena ta;

static const char *norm(const char *s)
{
    return text_urlpath(&ta, s, strlen(s));
}

static void test_urlpath(void)
{
    /* the escapes' case, raw UTF-8 and a trailing slash are one key */
    const char *want = "/2020/05/\xd8\xa7\xd9\x84\xd9\x86\xd9\x81\xd8\xb7";   /* النفط */
    CHECK_STR(norm("/2020/05/%d8%a7%d9%84%d9%86%d9%81%d8%b7/"), want);
    CHECK_STR(norm("/2020/05/%D8%A7%D9%84%D9%86%D9%81%D8%B7"), want);
    CHECK_STR(norm("/2020/05/النفط/"), want);
    CHECK_STR(norm("/2020/05/%D8%a7%d9%84النفط" + 0), "/2020/05/\xd8\xa7\xd9\x84النفط");
    /* scheme, host, query and fragment dropped */
    CHECK_STR(norm("https://old.example.com/2020/05/%D8%A7%D9%84%D9%86%D9%81%D8%B7/?amp=1#x"),
              want);
    CHECK_STR(norm("http://old.example.com:8080/news/a-b/"), "/news/a-b");
    CHECK_STR(norm("//cdn.example.com/x/"), "/x");
    CHECK_STR(norm("/news/a-b?utm_source=x"), "/news/a-b");
    /* ASCII case folded, runs of slashes, "." segments */
    CHECK_STR(norm("/News//Hello-World/./"), "/news/hello-world");
    /* the root and the empty path */
    CHECK_STR(norm("/"), "/");
    CHECK_STR(norm(""), "/");
    CHECK_STR(norm("http://old.example.com"), "/");
    CHECK_STR(norm("?p=12"), "/");
    CHECK_STR(norm("no-slash/x"), "/no-slash/x");
    /* not UTF-8 once decoded (Latin-1 é): the escapes stay, upper case */
    CHECK_STR(norm("/caf%e9/"), "/caf%E9");
    /* a lone or bad escape is text */
    CHECK_STR(norm("/100%/a%zz"), "/100%/a%zz");
    /* %2F decodes to a separator, %20 to a space */
    CHECK_STR(norm("/a%2Fb/c%20d"), "/a/b/c d");
    /* refused: control characters (even escaped), and very long paths */
    CHECK(norm("/a%0Ab") == NULL);
    CHECK(norm("/a%00b") != NULL);          /* NUL is not UTF-8: kept escaped */
    CHECK_STR(norm("/a%00b"), "/a%00b");
    char big[TEXT_URLPATH_MAX + 10];
    memset(big, 'a', sizeof big - 1);
    big[0] = '/';
    big[sizeof big - 1] = 0;
    CHECK(norm(big) == NULL);
    big[TEXT_URLPATH_MAX] = 0;
    CHECK(norm(big) != NULL);
}

/* An article_in with a rendered body; strings must outlive the call. */
static struct article_in article(struct arena *a, const char *title, const char *body,
                                 const char *guid)
{
    const struct html_safe *html = NULL;
    CHECK(markdown_render(a, body, strlen(body), &html) == AK_OK);
    struct article_in in = {
        .title = title, .lede = "مقدمة", .body_md = body, .body_html = html,
        .body_text = body, .section = "world", .status = ARTICLE_PUBLISHED,
        .published_at = 1700000000, .guid = guid,
    };
    return in;
}

static int64_t count(struct store *st)
{
    int64_t n = -1;
    CHECK(store_article_count(st, &n) == AK_OK);
    return n;
}

static void test_import(struct store *st)
{
    struct arena a;
    arena_init(&a, 0);
    int64_t id = 0, id2 = 0;
    enum import_outcome out = IMPORT_OUTCOME__MAX;
    const char *tags[] = { "النفط" };

    /* with a guid: imported, the same record unchanged, an edit updated */
    struct article_in in = article(&a, "خبر أول", "نص الخبر الأول", "urn:test:1");
    in.tags = tags;
    in.ntags = 1;
    CHECK(store_import_article(st, &in, &id, &out) == AK_OK && out == IMPORT_IMPORTED);
    CHECK(store_import_article(st, &in, &id2, &out) == AK_OK && out == IMPORT_UNCHANGED);
    CHECK(id2 == id && count(st) == 1);
    in = article(&a, "خبر أول معدل", "نص معدل", "urn:test:1");
    CHECK(store_import_article(st, &in, &id2, &out) == AK_OK && out == IMPORT_UPDATED);
    CHECK(id2 == id && count(st) == 1);
    struct article art;
    CHECK(store_article_load(st, &a, id, &art) == AK_OK);
    CHECK_STR(art.title, "خبر أول معدل");
    CHECK(art.ntags == 0);                  /* the new record has no tags */
    CHECK(store_import_article(st, &in, &id2, &out) == AK_OK && out == IMPORT_UNCHANGED);

    /* without a guid: the very same record once; another record is another */
    struct article_in plain = article(&a, "خبر بلا معرف", "نص", NULL);
    CHECK(store_import_article(st, &plain, &id, &out) == AK_OK && out == IMPORT_IMPORTED);
    CHECK(store_import_article(st, &plain, &id2, &out) == AK_OK && out == IMPORT_UNCHANGED);
    CHECK(id2 == id && count(st) == 2);
    plain.lede = "مقدمة أخرى";
    CHECK(store_import_article(st, &plain, &id2, &out) == AK_OK && out == IMPORT_IMPORTED);
    CHECK(id2 != id && count(st) == 3);
    /* the same content under a guid is a different article (no key clash) */
    plain.guid = "urn:test:2";
    CHECK(store_import_article(st, &plain, &id2, &out) == AK_OK && out == IMPORT_IMPORTED);
    CHECK(count(st) == 4);

    /* an unknown section changes nothing */
    struct article_in bad = article(&a, "خبر", "نص", "urn:test:3");
    bad.section = "nowhere";
    CHECK(store_import_article(st, &bad, &id, &out) == AK_ENOTFOUND);
    CHECK(count(st) == 4);

    /* comments with status and threading; run again, none doubled */
    struct comment_in cs[3] = {
        { .author = "قارئ", .body = "تعليق", .created_at = 1700000100 },
        { .author = "محرر", .body = "رد", .created_at = 1700000200, .reply_to = 1 },
        { .author = "مزعج", .body = "إعلان", .created_at = 1700000300, .status = "spam" },
    };
    struct article_in wc = article(&a, "خبر بتعليقات", "نص", "urn:test:4");
    wc.comments = cs;
    wc.ncomments = 3;
    CHECK(store_import_article(st, &wc, &id, &out) == AK_OK && out == IMPORT_IMPORTED);
    struct comment *c;
    size_t n = 0;
    CHECK(store_comment_list_article(st, &a, id, COMMENT_APPROVED, &c, &n) == AK_OK);
    CHECK(n == 2 && n == 2 && c[1].parent_id == c[0].id);
    wc.title = "خبر بتعليقات معدل";
    CHECK(store_import_article(st, &wc, &id2, &out) == AK_OK && out == IMPORT_UPDATED);
    CHECK(store_comment_list_article(st, &a, id, COMMENT_APPROVED, &c, &n) == AK_OK && n == 2);
    CHECK(store_comment_list_article(st, &a, id, COMMENT_SPAM, &c, &n) == AK_OK && n == 1);
    cs[2].status = "nonsense";
    wc.guid = "urn:test:5";
    CHECK(store_import_article(st, &wc, &id2, &out) == AK_EINVAL);
    cs[2].status = NULL;
    cs[2].reply_to = 3;                     /* itself: not earlier */
    CHECK(store_import_article(st, &wc, &id2, &out) == AK_EINVAL);
    arena_reset(&a);
}

static void test_legacy(struct store *st)
{
    struct arena a;
    arena_init(&a, 0);
    int64_t id = 0, draft = 0;
    enum import_outcome out;
    const char *urls[] = { "https://old.example/2019/03/%D8%AE%D8%A8%D8%B1/" };
    const int64_t ids[] = { 77 };
    struct article_in in = article(&a, "خبر قديم", "نص قديم", "urn:test:legacy");
    in.legacy_urls = urls;
    in.nlegacy_urls = 1;
    in.legacy_ids = ids;
    in.nlegacy_ids = 1;
    CHECK(store_import_article(st, &in, &id, &out) == AK_OK && out == IMPORT_IMPORTED);
    struct legacy_target t;
    CHECK(store_legacy_find(st, &a, "/2019/03/خبر", &t) == AK_OK);
    CHECK(t.kind == LEGACY_ARTICLE && t.id == id && t.slug && strlen(t.slug) > 0);
    CHECK(store_legacy_find(st, &a, "/2019/03/%d8%ae%d8%a8%d8%b1/?utm_source=x", &t) == AK_OK);
    CHECK(t.id == id);
    CHECK(store_legacy_find(st, &a, "/2019/03/other", &t) == AK_ENOTFOUND);
    CHECK(store_legacy_find_post(st, &a, 77, &t) == AK_OK && t.id == id);
    CHECK(store_legacy_find_post(st, &a, 78, &t) == AK_ENOTFOUND);

    /* a draft is not shown, so its old URL is not found */
    struct article_in d = article(&a, "مسودة", "نص", "urn:test:draft");
    d.status = ARTICLE_DRAFT;
    CHECK(store_import_article(st, &d, &draft, &out) == AK_OK);
    CHECK(store_legacy_put(st, "/old/draft/", LEGACY_ARTICLE, draft) == AK_OK);
    CHECK(store_legacy_find(st, &a, "/old/draft", &t) == AK_ENOTFOUND);

    /* sections and tags; a path put again moves */
    int64_t sec = 0;
    CHECK(store_section_add(st, "economy", "اقتصاد", &sec) == AK_OK);
    CHECK(store_legacy_put(st, "/category/economy/", LEGACY_SECTION, sec) == AK_OK);
    CHECK(store_legacy_find(st, &a, "/category/Economy", &t) == AK_OK);
    CHECK(t.kind == LEGACY_SECTION && t.id == sec);
    CHECK_STR(t.slug, "economy");
    CHECK(store_legacy_put(st, "/category/economy", LEGACY_ARTICLE, id) == AK_OK);
    CHECK(store_legacy_find(st, &a, "/category/economy/", &t) == AK_OK);
    CHECK(t.kind == LEGACY_ARTICLE && t.id == id);
    /* refused: the root, a bad kind or target */
    CHECK(store_legacy_put(st, "https://old.example/", LEGACY_ARTICLE, id) == AK_EINVAL);
    CHECK(store_legacy_put(st, "/x", LEGACY_KIND__MAX, id) == AK_EINVAL);
    CHECK(store_legacy_put(st, "/x", LEGACY_ARTICLE, 0) == AK_EINVAL);
    CHECK(store_legacy_put_post(st, 0, LEGACY_ARTICLE, id) == AK_EINVAL);

    /* what an export reads back */
    const char **paths;
    int64_t *olds;
    size_t np = 0, no = 0;
    CHECK(store_legacy_of(st, &a, LEGACY_ARTICLE, id, &paths, &np, &olds, &no) == AK_OK);
    CHECK(np == 2 && no == 1 && olds[0] == 77);
    if (np == 2) {
        CHECK_STR(paths[0], "/2019/03/خبر");
        CHECK_STR(paths[1], "/category/economy");
    }
    arena_reset(&a);
}

int main(void)
{
    arena_init(&ta, 0);
    test_urlpath();
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-moving-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    test_import(st);
    test_legacy(st);
    store_close(st);
    unlink(path);
    arena_reset(&ta);
    T_DONE();
}
