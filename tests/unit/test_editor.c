/*
 * test_editor.c: the newsroom's rule of who may do what to an article
 * (editor_transition), the line diff (text/diff.h), and saving articles with
 * their revisions (store_article_save, store_article_get_any, revisions).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "admin/admin.h"
#include "ingest/ingest.h"
#include "newsroom/article.h"
#include "store/article.h"
#include "store/article_edit.h"
#include "store/autosave.h"
#include "store/search.h"
#include "store/section.h"
#include "store/store.h"
#include "store/user.h"
#include "t.h"
#include "text/diff.h"


/* The diff of x and y as one string: each line prefixed ' ', '-' or '+'. */
static const char *diff_str(struct arena *a, const char *x, const char *y)
{
    struct diff_line *l;
    size_t n;
    if (text_diff_lines(a, x, strlen(x), y, strlen(y), &l, &n) != AK_OK)
        return NULL;
    static char out[4096];
    size_t k = 0;
    for (size_t i = 0; i < n && k + l[i].n + 3 < sizeof out; i++) {
        out[k++] = " -+"[l[i].op];
        memcpy(out + k, l[i].p, l[i].n);
        k += l[i].n;
        out[k++] = '|';
    }
    out[k] = 0;
    return out;
}

static void test_transition(void)
{
    struct user author = { .id = 7, .role = USER_AUTHOR };
    struct user editor = { .id = 8, .role = USER_EDITOR };
    struct user mod = { .id = 9, .role = USER_MODERATOR };
    CHECK(editor_transition(&author, -1, 7, EDITOR_SAVE) == ARTICLE_DRAFT);
    CHECK(editor_transition(&author, -1, 7, EDITOR_SUBMIT) == ARTICLE_REVIEW);
    CHECK(editor_transition(&author, -1, 7, EDITOR_PUBLISH) < 0);
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 7, EDITOR_SAVE) == ARTICLE_DRAFT);
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 7, EDITOR_SUBMIT) == ARTICLE_REVIEW);
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 7, EDITOR_PUBLISH) < 0);
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 7, EDITOR_SCHEDULE) < 0);
    CHECK(editor_transition(&author, ARTICLE_REVIEW, 7, EDITOR_SAVE) == ARTICLE_REVIEW);
    testcase("an author's own published article is out of their hands");
    CHECK(editor_transition(&author, ARTICLE_PUBLISHED, 7, EDITOR_SAVE) < 0);
    CHECK(editor_transition(&author, ARTICLE_PUBLISHED, 7, EDITOR_UNPUBLISH) < 0);
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 99, EDITOR_SAVE) < 0);   /* another's */
    CHECK(editor_transition(&author, ARTICLE_DRAFT, 0, EDITOR_SAVE) < 0);    /* imported */
    CHECK(editor_transition(&mod, -1, 9, EDITOR_SAVE) < 0);
    CHECK(editor_transition(&editor, ARTICLE_DRAFT, 7, EDITOR_PUBLISH) == ARTICLE_PUBLISHED);
    CHECK(editor_transition(&editor, ARTICLE_REVIEW, 7, EDITOR_SCHEDULE) == ARTICLE_SCHEDULED);
    CHECK(editor_transition(&editor, ARTICLE_PUBLISHED, 0, EDITOR_SAVE) == ARTICLE_PUBLISHED);
    CHECK(editor_transition(&editor, ARTICLE_PUBLISHED, 0, EDITOR_PUBLISH) < 0);
    CHECK(editor_transition(&editor, ARTICLE_PUBLISHED, 0, EDITOR_UNPUBLISH) ==
          ARTICLE_UNPUBLISHED);
    CHECK(editor_transition(&editor, ARTICLE_SCHEDULED, 0, EDITOR_UNPUBLISH) ==
          ARTICLE_UNPUBLISHED);
    CHECK(editor_transition(&editor, ARTICLE_DRAFT, 0, EDITOR_UNPUBLISH) < 0);
    CHECK(editor_transition(&editor, ARTICLE_UNPUBLISHED, 0, EDITOR_PUBLISH) ==
          ARTICLE_PUBLISHED);
}

static void test_diff(void)
{
    struct arena a;
    arena_init(&a, 0);
    CHECK_STR(diff_str(&a, "", ""), "");
    CHECK_STR(diff_str(&a, "a\nb\nc\n", "a\nb\nc"), " a| b| c|");
    CHECK_STR(diff_str(&a, "a\nb\nc", "a\nx\nc"), " a|-b|+x| c|");
    CHECK_STR(diff_str(&a, "", "x\ny"), "+x|+y|");
    CHECK_STR(diff_str(&a, "x\ny", ""), "-x|-y|");
    CHECK_STR(diff_str(&a, "a\nb\nc\nd", "b\nc\ne"), "-a| b| c|-d|+e|");
    CHECK_STR(diff_str(&a, "a\r\nb", "a\nb"), " a| b|");
    testcase("lines moved: the longest common run is kept");
    CHECK_STR(diff_str(&a, "1\n2\n3\n4", "3\n4\n1\n2"), "-1|-2| 3| 4|+1|+2|");
    testcase("a change too large for the table: all removed, then all added");
    static char big_x[8 * 2000], big_y[8 * 2000];
    size_t kx = 0, ky = 0;
    for (int i = 0; i < 1100; i++) {
        kx += (size_t)snprintf(big_x + kx, sizeof big_x - kx, "x%d\n", i);
        ky += (size_t)snprintf(big_y + ky, sizeof big_y - ky, "y%d\n", i);
    }
    struct diff_line *l;
    size_t n;
    CHECK(text_diff_lines(&a, big_x, kx, big_y, ky, &l, &n) == AK_OK);
    CHECK(n == 2200 && l[0].op == DIFF_DEL && l[1099].op == DIFF_DEL && l[1100].op == DIFF_ADD);
    arena_reset(&a);
}

static void test_save(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-editor-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_schema_version() >= 8);
    CHECK(store_section_add(st, "world", "أخبار عالمية", NULL) == AK_OK);
    CHECK(store_section_add(st, "sports", "رياضة", NULL) == AK_OK);
    int64_t uid;
    CHECK(store_user_add(st, "amal", "أمل", USER_AUTHOR, "correct horse battery", 21, &uid) ==
          AK_OK);
    struct arena a;
    arena_init(&a, 0);
    const char *tags[] = { "مناخ", "بيئة" };
    const char *also[] = { "sports" };
    struct article_in in = {
        .title = "عنوان أول", .lede = "مقدمة", .body_md = "سطر أول\n\nسطر ثان",
        .section = "world", .sections = also, .nsections = 1, .tags = tags, .ntags = 2,
        .author = "أمل", .status = ARTICLE_DRAFT,
    };
    CHECK(newsroom_article_render(&a, &in) == AK_OK);
    struct article_save sv = { .user_id = uid, .in = &in };
    int64_t id = 0;
    CHECK(store_article_save(st, &sv, &id) == AK_OK && id > 0);
    struct article_draft d;
    CHECK(store_article_get_any(st, &a, id, &d) == AK_OK);
    CHECK_STR(d.title, "عنوان أول");
    CHECK_STR(d.slug, "عنوان-أول");
    CHECK_STR(d.section, "world");
    CHECK(d.nsections == 1 && strcmp(d.sections[0], "sports") == 0);
    CHECK(d.ntags == 2 && strcmp(d.tags[1], "بيئة") == 0);
    CHECK(d.author_id == uid && d.status == ARTICLE_DRAFT && d.image_id == 0);
    struct article pub;
    CHECK(store_article_load(st, &a, id, &pub) == AK_ENOTFOUND);   /* a draft */

    in.title = "عنوان ثان";
    in.body_md = "سطر أول\n\nسطر جديد عن الطاقة";
    in.nsections = 0;
    in.ntags = 1;
    in.status = ARTICLE_PUBLISHED;
    in.published_at = store_now() - 10;
    CHECK(newsroom_article_render(&a, &in) == AK_OK);
    sv.id = id;
    CHECK(store_article_save(st, &sv, &id) == AK_OK);
    CHECK(store_article_load(st, &a, id, &pub) == AK_OK);
    CHECK_STR(pub.title, "عنوان ثان");
    CHECK(pub.nsections == 1 && pub.ntags == 1);
    CHECK_STR(pub.image_hash, "");
    struct search_hit *hits;
    size_t nh;
    CHECK(store_search(st, &a, "الطاقة", 0, 10, &hits, &nh, NULL) == AK_OK && nh == 1);
    CHECK(store_search(st, &a, "ثان", 0, 10, &hits, &nh, NULL) == AK_OK && nh == 1);
    CHECK(store_search(st, &a, "أول", 0, 10, &hits, &nh, NULL) == AK_OK && nh == 1);  /* body */

    struct revision *revs;
    size_t nr;
    CHECK(store_revision_list(st, &a, id, &revs, &nr) == AK_OK && nr == 2);
    CHECK(revs[0].id > revs[1].id);
    CHECK_STR(revs[0].user, "أمل");
    CHECK_STR(revs[0].body_md, "");                     /* lists leave the body out */
    CHECK_STR(revs[1].sections, "world sports");
    CHECK_STR(revs[1].tags, "مناخ, بيئة");
    struct revision r1;
    CHECK(store_revision_get(st, &a, id, revs[1].id, &r1) == AK_OK);
    CHECK_STR(r1.title, "عنوان أول");
    CHECK_STR(r1.body_md, "سطر أول\n\nسطر ثان");
    CHECK(r1.status == ARTICLE_DRAFT);
    CHECK(store_revision_get(st, &a, id + 1, revs[1].id, &r1) == AK_ENOTFOUND);

    testcase("a failed save changes nothing");
    in.section = "nowhere";
    in.title = "لن يحفظ";
    CHECK(store_article_save(st, &sv, &id) == AK_ENOTFOUND);
    CHECK(store_article_get_any(st, &a, id, &d) == AK_OK);
    CHECK_STR(d.title, "عنوان ثان");
    CHECK(store_revision_list(st, &a, id, &revs, &nr) == AK_OK && nr == 2);
    sv.id = id + 100;
    in.section = "world";
    CHECK(store_article_save(st, &sv, &id) == AK_ENOTFOUND);
    in.title = "";
    CHECK(store_article_save(st, &sv, &id) == AK_EINVAL);

    /* Autosave: one row per writer and article (0: a new one), replaced by
     * each save, no revision; gone when dropped or the writer is. */
    size_t nrev0;
    CHECK(store_revision_list(st, &a, id, &revs, &nrev0) == AK_OK);
    struct autosave as = { .user_id = uid, .article_id = id, .title = "مسودة", .body = "نص" },
                    got;
    CHECK(store_autosave_get(st, &a, uid, id, &got) == AK_ENOTFOUND);
    CHECK(store_autosave_put(st, &as) == AK_OK && as.saved_at > 0);
    as.body = "نص أطول";
    as.saved_at = 0;
    CHECK(store_autosave_put(st, &as) == AK_OK);
    CHECK(store_autosave_get(st, &a, uid, id, &got) == AK_OK);
    CHECK_STR(got.body, "نص أطول");
    CHECK_STR(got.lede, "");                            /* NULL kept as '' */
    CHECK(got.saved_at == as.saved_at && got.article_id == id);
    struct autosave fresh = { .user_id = uid, .title = "جديدة" };
    CHECK(store_autosave_put(st, &fresh) == AK_OK);
    CHECK(store_autosave_get(st, &a, uid, 0, &got) == AK_OK);
    CHECK_STR(got.title, "جديدة");
    CHECK(store_autosave_get(st, &a, uid + 1, id, &got) == AK_ENOTFOUND);   /* another's */
    CHECK(store_revision_list(st, &a, id, &revs, &nr) == AK_OK && nr == nrev0);
    CHECK(store_autosave_drop(st, uid, id) == AK_OK);
    CHECK(store_autosave_get(st, &a, uid, id, &got) == AK_ENOTFOUND);
    CHECK(store_autosave_get(st, &a, uid, 0, &got) == AK_OK);              /* the other stays */
    CHECK(store_autosave_drop(st, uid, id) == AK_OK);                      /* none: fine */
    arena_reset(&a);
    store_close(st);
    unlink(path);
}

int main(void)
{
    test_transition();
    test_diff();
    test_save();
    T_DONE();
}
