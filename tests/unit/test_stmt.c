/*
 * test_stmt.c: the store's named statements (store/stmt.h) and the kit that
 * prepares them (store/db.c).
 *
 * Two regressions of one defect: connections used to cache prepared
 * statements in 64 slots while the store has over a hundred statements, so a
 * long-lived server thread filled the cache and every new statement failed
 * from then on. Here every named statement is prepared on one connection of
 * a new database (which also catches SQL that no longer matches the schema),
 * and one connection runs far more than 64 distinct statements through the
 * public API, each of which must succeed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "render/markdown.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/article_edit.h"
#include "store/audit.h"
#include "store/comment.h"
#include "store/db.h"
#include "store/media.h"
#include "store/related.h"
#include "store/search.h"
#include "store/section.h"
#include "store/session.h"
#include "store/store.h"
#include "store/user.h"
#include "t.h"

/* How many of st's statement slots are prepared. */
static size_t prepared(const struct store *st)
{
    size_t k = 0;
    for (size_t i = 0; i < STMT__MAX; i++)
        k += st->q[i].s != NULL || st->q[i].pg != NULL;
    return k;
}

/* A connection to a new database at path; NULL (counted as a failure) when
 * it does not open. */
static struct store *open_new(const char *path)
{
    struct store *st = NULL;
    unlink(path);
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    return st;
}

/* Every statement, by name, prepares on a new database; each is kept in its
 * slot and handed out again; the names are all there and distinct. */
static void test_prepare_all(const char *path)
{
    struct store *st = open_new(path);
    if (!st)
        return;
    CHECK(STMT__MAX > 64);              /* more than the old cache held */
    for (int i = 0; i < STMT__MAX; i++) {
        struct db_q *s = db_stmt(st, (enum db_stmt_id)i);
        if (!s)
            fprintf(stderr, "statement %s does not prepare\n", db_stmt_names[i]);
        CHECK(s != NULL);
        CHECK(db_stmt(st, (enum db_stmt_id)i) == s);
        CHECK(db_stmt_names[i] && *db_stmt_names[i]);
        for (int j = 0; j < i; j++)
            if (strcmp(db_stmt_names[i], db_stmt_names[j]) == 0)
                CHECK(!"two statements share a name");
    }
    CHECK(prepared(st) == STMT__MAX);
    CHECK_STR(db_stmt_names[STMT_BEGIN], "BEGIN");
    CHECK_STR(db_stmt_names[STMT_PAGE_LIST_PUBLISHED], "PAGE_LIST_PUBLISHED");   /* in step */
    store_close(st);
    unlink(path);
}

static enum ak_err plaintext(struct arena *a, const char *md, size_t n, const char **out,
                             size_t *outn)
{
    return markdown_plaintext(a, md, n, out, outn);
}

/* What a server thread does in a long sitting, on one connection: reads and
 * writes of every kind, each of which must succeed. */
static void test_long_sitting(const char *path)
{
    struct store *st = open_new(path);
    if (!st)
        return;
    struct arena a;
    arena_init(&a, 0);
    size_t n = 0, total = 0;
    int64_t world = 0, eco = 0, id = 0;

    /* Sections, articles, tags. */
    CHECK(store_section_add(st, "world", "العالم", &world) == AK_OK);
    CHECK(store_section_add(st, "economy", "اقتصاد", &eco) == AK_OK);
    struct section *secs;
    CHECK(store_section_list(st, &a, &secs, &n) == AK_OK && n == 2);
    struct section sec;
    CHECK(store_section_by_slug(st, &a, "economy", &sec) == AK_OK && sec.id == eco);
    const char *tags[] = { "النفط", "الطاقة" };
    const char *more[] = { "world" };
    struct comment_in cin = { .author = "قارئ", .body = "تعليق مستورد" };
    for (int i = 0; i < 6; i++) {
        char title[64];
        snprintf(title, sizeof title, "أسعار النفط ترتفع للمرة %d", i + 1);
        struct article_in in = {
            .title = title, .lede = "مقدمة عن النفط", .body_md = "نص عن أسعار النفط",
            .body_text = "نص عن أسعار النفط",
            .section = "economy", .sections = more, .nsections = 1, .tags = tags, .ntags = 2,
            .status = ARTICLE_PUBLISHED, .published_at = 1000 + i,
            .comments = &cin, .ncomments = i == 0,
        };
        CHECK(store_article_insert(st, &in, &id) == AK_OK && id > 0);
    }
    struct article_in later = {
        .title = "خبر مجدول", .section = "world",
        .status = ARTICLE_SCHEDULED, .published_at = 5000,
    };
    int64_t sched = 0;
    CHECK(store_article_insert(st, &later, &sched) == AK_OK);
    CHECK(store_related_refresh(st, 10) == AK_OK);
    size_t done = 0;
    CHECK(store_related_backfill(st, 10, &done) == AK_OK);
    CHECK(store_related_compute(st, id) == AK_OK);

    /* The public pages, in one read transaction, write-protected. */
    store_protect(st, 1);
    CHECK(store_begin_read(st) == AK_OK);
    struct article art;
    CHECK(store_article_load(st, &a, id, &art) == AK_OK && art.nsections == 2 &&
          art.ntags == 2);
    struct article_query q = { .section_id = eco, .limit = 3 };
    struct article_summary *sum;
    CHECK(store_article_list(st, &a, &q, &sum, &n, &total) == AK_OK && n == 3 &&
          total == 6);
    CHECK(store_article_related(st, &a, &art, 5, &sum, &n) == AK_OK && n > 0);
    struct tag tag;
    CHECK(store_tag_by_slug(st, &a, art.tags[0].slug, &tag) == AK_OK);
    struct search_hit *hits;
    CHECK(store_search(st, &a, "النفط", 0, 10, &hits, &n, &total) == AK_OK && n == 6);
    CHECK(store_commit(st) == AK_OK);
    store_protect(st, 0);

    /* The scheduler. */
    int64_t when = 0, count = 0;
    CHECK(store_article_next_scheduled(st, &when) == AK_OK && when == 5000);
    CHECK(store_article_publish_due(st, 6000, &n) == AK_OK && n == 1);
    CHECK(store_article_count(st, &count) == AK_OK && count == 7);

    /* People, sessions, login failures, the audit log. */
    int64_t uid = 0, uid2 = 0;
    CHECK(store_user_add(st, "editor", "محرر", USER_EDITOR, "correct horse battery", 21,
                         &uid) == AK_OK);
    CHECK(store_user_add(st, "admin", "مدير", USER_ADMIN, "correct horse battery", 21,
                         &uid2) == AK_OK);
    struct user u;
    CHECK(store_user_by_login(st, &a, "editor", &u) == AK_OK && u.id == uid);
    CHECK(store_user_by_id(st, &a, uid, &u) == AK_OK);
    struct user *users;
    CHECK(store_user_list(st, &a, &users, &n) == AK_OK && n == 2);
    CHECK(store_user_count_admins(st, &count) == AK_OK && count == 1);
    CHECK(store_user_set_role(st, uid, USER_AUTHOR) == AK_OK);
    enum user_auth res = USER_AUTH__MAX;
    CHECK(store_user_authenticate(st, &a, "editor", "correct horse battery", 21, &u, &res) ==
          AK_OK && res == USER_AUTH_OK);
    unsigned char key[32] = { 1 }, token[SESSION_TOKEN_BYTES];
    struct session sess;
    CHECK(store_session_create(st, key, uid, "127.0.0.1", token, &sess) == AK_OK);
    CHECK(store_session_load(st, &a, key, token, store_now() + SESSION_TOUCH + 1, &sess) ==
          AK_OK && sess.user.id == uid);
    CHECK(store_session_delete(st, key, token) == AK_OK);
    CHECK(store_session_purge(st, store_now()) == AK_OK);
    int64_t fid = 0;
    CHECK(store_login_failure_add(st, "u:editor", 100, NULL) == AK_OK);
    CHECK(store_login_failure_add(st, "c:x", 100, &fid) == AK_OK);
    CHECK(store_login_failure_delete(st, fid) == AK_OK);
    int64_t last = 0;
    CHECK(store_login_failure_count(st, "u:editor", 0, &count, &last) == AK_OK && count == 1 &&
          last == 100);
    CHECK(store_login_failure_clear(st, "u:editor") == AK_OK);
    CHECK(store_login_failure_purge(st, 50) == AK_OK);
    CHECK(store_user_set_password(st, uid, "another long password", 21) == AK_OK);
    CHECK(store_user_set_disabled(st, uid2, 1) == AK_OK);
    struct audit_entry e = { .login = "editor", .action = AUDIT_LOGIN, .client = "cli" }, *log;
    CHECK(store_audit_add(st, &e) == AK_OK);
    CHECK(store_audit_list(st, &a, 0, 10, &log, &n, &total) == AK_OK && n >= 2 && total == n);

    /* Comments and their moderation. */
    int64_t c1 = 0, c2 = 0;
    struct comment_new cn = { .article_id = id, .author = "سارة", .body = "تعليق",
                              .status = COMMENT_APPROVED };
    CHECK(store_comment_add(st, &cn, &c1) == AK_OK);
    cn.parent_id = c1;
    cn.status = COMMENT_PENDING;
    CHECK(store_comment_add(st, &cn, &c2) == AK_OK);
    struct comment *cs;
    CHECK(store_comment_list_article(st, &a, id, COMMENT_APPROVED, &cs, &n) == AK_OK && n == 1);
    CHECK(store_comment_list(st, &a, -1, &cs, &n) == AK_OK && n == 3);
    CHECK(store_comment_count_status(st, COMMENT_PENDING, &count) == AK_OK && count == 1);
    unsigned char client[16] = { 0 };
    CHECK(store_comment_count_since(st, client, 0, &count) == AK_OK && count == 0);
    struct comment_queued *queue;
    CHECK(store_comment_queue(st, &a, COMMENT_PENDING, 0, 10, &queue, &n, &total) == AK_OK &&
          n == 1);
    int64_t ids[] = { c2 }, changed[1];
    CHECK(store_comment_bulk(st, COMMENT_APPROVE, ids, 1, changed, &n) == AK_OK && n == 1);
    CHECK(store_comment_set_status(st, c2, COMMENT_SPAM) == AK_OK);
    CHECK(store_comment_delete(st, c2) == AK_OK);

    /* The newsroom: its lists, the editor, revisions, sections and tags. */
    int64_t counts[ARTICLE_STATUS__MAX];
    CHECK(store_article_count_status(st, 0, counts) == AK_OK &&
          counts[ARTICLE_PUBLISHED] == 7);
    struct article_filter f = { .status = -1, .limit = 5 };
    struct article_row *rows;
    CHECK(store_article_rows(st, &a, &f, &rows, &n, &total) == AK_OK && total == 7);
    f.query = "النفط";
    CHECK(store_article_rows(st, &a, &f, &rows, &n, &total) == AK_OK && total == 6);
    struct article_in draft = {
        .title = "مسودة", .body_md = "نص", .body_text = "نص",
        .section = "world", .tags = tags, .ntags = 1, .status = ARTICLE_DRAFT,
    };
    struct article_save sv = { .user_id = uid, .in = &draft };
    int64_t did = 0;
    CHECK(store_article_save(st, &sv, &did) == AK_OK && did > 0);
    sv.id = did;
    draft.title = "مسودة ثانية";
    CHECK(store_article_save(st, &sv, &did) == AK_OK);
    struct article_draft d;
    CHECK(store_article_get_any(st, &a, did, &d) == AK_OK &&
          strcmp(d.title, "مسودة ثانية") == 0);
    struct revision *revs, rev;
    CHECK(store_revision_list(st, &a, did, &revs, &n) == AK_OK && n == 2);
    CHECK(store_revision_get(st, &a, did, revs[1].id, &rev) == AK_OK);
    struct section_count *sc;
    CHECK(store_section_counts(st, &a, &sc, &n) == AK_OK && n == 2);
    CHECK(store_section_rename(st, world, "أخبار العالم") == AK_OK);
    CHECK(store_section_move(st, eco, 1) == AK_OK);
    struct tag_count *tc;
    CHECK(store_tag_counts(st, &a, &tc, &n) == AK_OK && n == 2);
    CHECK(store_tag_by_id(st, &a, tc[0].tag.id, &tag) == AK_OK);
    CHECK(store_tag_rename(st, tc[0].tag.id, "طاقة") == AK_OK);
    CHECK(store_tag_merge(st, tc[0].tag.id, tc[1].tag.id) == AK_OK);
    CHECK(store_tag_delete_unused(st, tc[1].tag.id) == AK_EINVAL);   /* still in use */

    /* Media. */
    struct media m = { .hash = "0123456789abcdef0123456789abcdef", .width = 10, .height = 10,
                       .mime = "image/jpeg", .alt = "صورة", .bytes = 100 };
    int64_t mid = 0, mid2 = 0;
    int existed = -1;
    CHECK(store_media_add(st, &m, &mid, &existed) == AK_OK && existed == 0);
    CHECK(store_media_add(st, &m, &mid2, &existed) == AK_OK && existed == 1 && mid2 == mid);
    struct media got, *ms;
    CHECK(store_media_get(st, &a, mid, &got) == AK_OK);
    CHECK(store_media_list(st, &a, 0, 10, &ms, &n, &total) == AK_OK && n == 1 && total == 1);
    CHECK(store_media_set_alt(st, mid, "صورة أخرى") == AK_OK);

    /* Settings and the index rebuilt. */
    CHECK(store_setting_set(st, "name", "أخبار", strlen("أخبار")) == AK_OK);
    char name[32];
    CHECK(store_setting_get(st, "name", name, sizeof name, &n) == AK_OK && n == strlen("أخبار"));
    size_t reindexed = 0;
    CHECK(store_reindex(st, plaintext, &reindexed) == AK_OK && reindexed == 8);
    CHECK(!store_reindex_needed(st));

    /* Still answering after all that, on the same connection. */
    CHECK(store_article_load(st, &a, id, &art) == AK_OK);
    CHECK(store_search(st, &a, "النفط", 0, 10, &hits, &n, &total) == AK_OK && n == 6);
    /* The sitting above would have overflowed the old 64-slot cache. */
    size_t k = prepared(st);
    if (k <= 64)
        fprintf(stderr, "only %zu statements ran\n", k);
    CHECK(k > 64);
    arena_reset(&a);
    store_close(st);
    unlink(path);
}

/* pg_sql.c's rewriting of SQLite's texts for PostgreSQL, rule by rule. */
static void test_pg_rewrite(void)
{
    struct arena a;
    arena_init(&a, 0);
    int rid = -1;
    static const struct {
        const char *in, *out;
        int returning_id;
    } cases[] = {
        { "SELECT a FROM t WHERE x=?1 AND y=?12", "SELECT a FROM t WHERE x=$1 AND y=$12", 0 },
        { "SELECT ? , ?", "SELECT $1 , $2", 0 },
        /* literals and quoted names as they are */
        { "SELECT '?1 user', \"?2\" FROM t WHERE k='it''s ?3' AND v=?1",
          "SELECT '?1 user', \"?2\" FROM t WHERE k='it''s ?3' AND v=$1", 0 },
        { "INSERT OR IGNORE INTO tag(name) VALUES(?1)",
          "INSERT INTO tag(name) VALUES($1) ON CONFLICT DO NOTHING RETURNING id", 1 },
        { "INSERT INTO x(a) VALUES(?1) RETURNING a", "INSERT INTO x(a) VALUES($1) RETURNING a", 0 },
        { "INSERT INTO f(k) VALUES(?1) RETURNING rowid", "INSERT INTO f(k) VALUES($1) RETURNING rowid", 1 },
        { "SELECT id FROM article a INDEXED BY article_state WHERE a.id=?1",
          "SELECT id FROM article a  WHERE a.id=$1", 0 },
        { "SELECT ifnull(max(id), 0) FROM t", "SELECT COALESCE(max(id), 0) FROM t", 0 },
        { "SELECT u.login FROM user u JOIN session s ON s.user_id=u.id",
          "SELECT u.login FROM \"user\" u JOIN session s ON s.user_id=u.id", 0 },
        { "SELECT instr(a, b), unixepoch() FROM t",
          "SELECT strpos(a, b), (extract(epoch from now()))::bigint FROM t", 0 },
        { "SELECT length(CAST(b AS BLOB)) FROM t CROSS JOIN u ON u.id=t.id",
          "SELECT length(CAST(b AS bytea)) FROM t JOIN u ON u.id=t.id", 0 },
        { "DELETE FROM t WHERE id=?1;", "DELETE FROM t WHERE id=$1", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = pg_sql_rewrite(&a, cases[i].in, &rid);
        CHECK_STR(got, cases[i].out);
        CHECK(rid == cases[i].returning_id);
    }
    arena_reset(&a);
}

/* On PostgreSQL (AKHBAR_TEST_PG, a URI of an empty database): every
 * statement prepares from its text made PostgreSQL's. */
static void test_prepare_pg(const char *uri)
{
    struct store *st = NULL;
    CHECK(store_open(uri, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    CHECK(store_on_pg(st));
    for (int i = 0; i < STMT__MAX; i++) {
        enum ak_err rc = pg_prepare_now(st, (enum db_stmt_id)i);
        if (rc)
            fprintf(stderr, "statement %s does not prepare on PostgreSQL: %s\n",
                    db_stmt_names[i], store_errmsg(st));
        CHECK(rc == AK_OK);
    }
    /* A protected connection writes nothing; unprotected, it writes. */
    store_protect(st, 1);
    CHECK(store_setting_set(st, "test.protect", "1", 1) != AK_OK);
    char v[4];
    size_t n = 0;
    CHECK(store_setting_get(st, "test.protect", v, sizeof v, &n) == AK_ENOTFOUND);
    store_protect(st, 0);
    CHECK(store_setting_set(st, "test.protect", "1", 1) == AK_OK);
    CHECK(store_setting_get(st, "test.protect", v, sizeof v, &n) == AK_OK && n == 1);

    /* The connection lost inside a transaction (its server process ended):
     * nothing of the transaction stays, nothing more of it runs on the
     * next connection outside any transaction, and once rolled back the
     * store works again. */
    struct store *other = NULL;
    int64_t killed = 0;
    CHECK(store_begin(st) == AK_OK);
    CHECK(store_setting_set(st, "test.lost", "1", 1) == AK_OK);
    CHECK(store_open(uri, 0, &other) == AK_OK);
    if (other)
        CHECK(pg_int(other, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE application_name='akhbar' AND pid<>pg_backend_pid() "
                            "AND state LIKE 'idle in transaction%'",
                     &killed) == AK_OK);
    CHECK(killed == 1);
    store_close(other);
    CHECK(store_setting_set(st, "test.lost2", "1", 1) != AK_OK);
    CHECK(store_setting_set(st, "test.lost3", "1", 1) != AK_OK);
    CHECK(store_commit(st) != AK_OK);
    store_rollback(st);
    CHECK(store_setting_get(st, "test.lost", v, sizeof v, &n) == AK_ENOTFOUND);
    CHECK(store_setting_get(st, "test.lost3", v, sizeof v, &n) == AK_ENOTFOUND);
    CHECK(store_setting_set(st, "test.after", "1", 1) == AK_OK);
    CHECK(store_setting_get(st, "test.after", v, sizeof v, &n) == AK_OK);
    store_close(st);
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-stmt-%d.db", (int)getpid());
    setenv("AKHBAR_NOW", "10000", 1);
    test_prepare_all(path);
    test_long_sitting(path);
    test_pg_rewrite();
    const char *pg = getenv("AKHBAR_TEST_PG");
    if (pg && *pg)
        test_prepare_pg(pg);
    T_DONE();
}
