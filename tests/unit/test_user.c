/*
 * test_user.c: the newsroom's people and access at the store level, on a
 * real SQLite file: users and their passwords, sessions and their expiry
 * (time set with AKHBAR_NOW), login failure counting and the throttle
 * policy, the audit log, the permission table, form tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "admin/admin.h"
#include "http/csrf.h"
#include "http/perm.h"
#include "http/router.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/audit.h"
#include "store/comment.h"
#include "store/section.h"
#include "store/session.h"
#include "store/store.h"
#include "store/user.h"
#include "t.h"

static char path[64];
static const unsigned char key[32] = "0123456789abcdef0123456789abcde";
static const unsigned char other_key[32] = "fedcba9876543210fedcba987654321";

static void set_now(long long t)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", t);
    setenv("AKHBAR_NOW", v, 1);
}

static int64_t count_rows(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int64_t n = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == 0) {
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return n;
}

#define PW "correct horse battery"
#define AUTH(login, pw, res) \
    (store_user_authenticate(st, a, (login), (pw), strlen(pw), &u, &(res)) == AK_OK)

static void test_users(struct store *st, struct arena *a)
{
    int64_t admin = 0, ed = 0, id = 0;
    CHECK(store_user_add(st, "salma", "سلمى", USER_ADMIN, PW, strlen(PW), &admin) == AK_OK);
    CHECK(store_user_add(st, "ed", "", USER_EDITOR, PW "2", strlen(PW) + 1, &ed) == AK_OK);
    CHECK(admin > 0 && ed > admin);
    CHECK(store_user_add(st, "salma", "", USER_AUTHOR, PW, strlen(PW), &id) == AK_EEXIST);
    /* Bad logins, names and passwords are refused before anything is hashed. */
    testcase(1);
    CHECK(store_user_add(st, "Salma", "", USER_AUTHOR, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "-x", "", USER_AUTHOR, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "", "", USER_AUTHOR, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "x y", "", USER_AUTHOR, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "ok", "", USER_ROLE__MAX, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "ok", "a\nb", USER_AUTHOR, PW, strlen(PW), &id) == AK_EINVAL);
    CHECK(store_user_add(st, "ok", "", USER_AUTHOR, "short", 5, &id) == AK_EINVAL);
    CHECK(store_user_login_valid("a.b_c-9"));
    CHECK(!store_user_login_valid("a/b"));
    char longlogin[USER_LOGIN_MAX + 2];
    memset(longlogin, 'a', sizeof longlogin - 1);
    longlogin[USER_LOGIN_MAX] = 0;
    CHECK(store_user_login_valid(longlogin));
    longlogin[USER_LOGIN_MAX] = 'a';
    longlogin[USER_LOGIN_MAX + 1] = 0;
    CHECK(!store_user_login_valid(longlogin));
    CHECK(store_user_password_problem("", 0) != NULL);
    CHECK(store_user_password_problem("123456789", 9) != NULL);
    CHECK(store_user_password_problem("1234567890", 10) == NULL);
    /* Characters, not bytes: ten Arabic letters are enough, nine are not. */
    CHECK(store_user_password_problem("كلمةمرورطو", strlen("كلمةمرورطو")) == NULL);
    CHECK(store_user_password_problem("كلمةمرورط", strlen("كلمةمرورط")) != NULL);
    CHECK(store_user_password_problem("abc\x01" "defghijk", 12) != NULL);
    CHECK(store_user_password_problem("abcdefghij\xff", 11) != NULL);
    CHECK(store_user_role_parse("moderator") == USER_MODERATOR);
    CHECK(store_user_role_parse("boss") == -1);

    struct user u;
    enum user_auth res;
    CHECK(AUTH("salma", PW, res) && res == USER_AUTH_OK && u.id == admin);
    CHECK_STR(u.name, "سلمى");
    CHECK(u.role == USER_ADMIN && !u.disabled);
    CHECK(AUTH("salma", "wrong password", res) && res == USER_AUTH_PASSWORD);
    CHECK(AUTH("salma", PW "x", res) && res == USER_AUTH_PASSWORD);
    CHECK(AUTH("nobody", PW, res) && res == USER_AUTH_UNKNOWN && u.id == 0);
    CHECK(AUTH("nobody", PW, res) && res == USER_AUTH_UNKNOWN);    /* the dummy, again */
    CHECK(count_rows("SELECT count(*) FROM user WHERE password LIKE '$argon2id$%'") == 2);
    CHECK(count_rows("SELECT count(*) FROM user WHERE password LIKE '%correct%'") == 0);

    /* Disabled: the right password says so, a wrong one does not. */
    CHECK(store_user_set_disabled(st, ed, 1) == AK_OK);
    CHECK(AUTH("ed", PW "2", res) && res == USER_AUTH_DISABLED && u.id == ed);
    CHECK(AUTH("ed", "wrong password", res) && res == USER_AUTH_PASSWORD);
    CHECK(store_user_set_disabled(st, ed, 0) == AK_OK);
    CHECK(AUTH("ed", PW "2", res) && res == USER_AUTH_OK);
    CHECK(store_user_set_disabled(st, 999, 1) == AK_ENOTFOUND);

    /* A new password replaces the old one. */
    CHECK(store_user_set_password(st, ed, "new password!", 13) == AK_OK);
    CHECK(AUTH("ed", PW "2", res) && res == USER_AUTH_PASSWORD);
    CHECK(AUTH("ed", "new password!", res) && res == USER_AUTH_OK);
    CHECK(store_user_set_password(st, ed, "short", 5) == AK_EINVAL);
    CHECK(store_user_set_password(st, 999, "long enough pw", 14) == AK_ENOTFOUND);

    struct user *list;
    size_t n;
    CHECK(store_user_list(st, a, &list, &n) == AK_OK && n == 2);
    CHECK(n == 2 && strcmp(list[0].login, "ed") == 0 && list[1].role == USER_ADMIN);
    CHECK(store_user_by_login(st, a, "ed", &u) == AK_OK && u.id == ed);
    CHECK(store_user_by_login(st, a, "nobody", &u) == AK_ENOTFOUND);
    CHECK(store_user_by_id(st, a, admin, &u) == AK_OK && strcmp(u.login, "salma") == 0);
}

static void test_sessions(struct store *st, struct arena *a)
{
    struct user u;
    CHECK(store_user_by_login(st, a, "salma", &u) == AK_OK);
    const long long t0 = 1800000000;
    set_now(t0);
    unsigned char tok[SESSION_TOKEN_BYTES], tok2[SESSION_TOKEN_BYTES];
    struct session s, got;
    CHECK(store_session_create(st, key, u.id, "192.0.2.1", tok, &s) == AK_OK);
    CHECK(s.created_at == t0 && s.seen_at == t0);
    CHECK(store_session_create(st, key, u.id, "192.0.2.2", tok2, NULL) == AK_OK);
    CHECK(memcmp(tok, tok2, sizeof tok) != 0);
    /* Only keyed hashes of tokens are stored. */
    CHECK(count_rows("SELECT count(*) FROM session") == 2);
    CHECK(count_rows("SELECT count(*) FROM session WHERE length(id)=32 AND length(csrf)=32") == 2);

    CHECK(store_session_load(st, a, key, tok, t0 + 10, &got) == AK_OK);
    CHECK(got.user.id == u.id && strcmp(got.user.login, "salma") == 0);
    CHECK(memcmp(got.csrf, s.csrf, sizeof s.csrf) == 0);
    CHECK(got.seen_at == t0);                   /* not written: under a minute */
    CHECK(store_session_load(st, a, other_key, tok, t0 + 10, &got) == AK_ENOTFOUND);
    unsigned char wrong[SESSION_TOKEN_BYTES];
    memcpy(wrong, tok, sizeof wrong);
    wrong[0] ^= 1;
    CHECK(store_session_load(st, a, key, wrong, t0 + 10, &got) == AK_ENOTFOUND);

    /* seen_at moves at most once a minute; idle expiry counts from it. */
    testcase(1);
    CHECK(store_session_load(st, a, key, tok, t0 + SESSION_TOUCH, &got) == AK_OK);
    CHECK(got.seen_at == t0 + SESSION_TOUCH);
    long long seen = t0 + SESSION_TOUCH;
    CHECK(store_session_load(st, a, key, tok, seen + SESSION_IDLE, &got) == AK_OK);
    seen += SESSION_IDLE;
    CHECK(store_session_load(st, a, key, tok, seen + SESSION_IDLE + 1, &got) == AK_ENOTFOUND);
    CHECK(store_session_load(st, a, key, tok, seen, &got) == AK_ENOTFOUND);    /* deleted */
    CHECK(count_rows("SELECT count(*) FROM session") == 1);

    /* Absolute expiry: active all day, still over after SESSION_MAX_AGE. */
    set_now(t0);
    CHECK(store_session_create(st, key, u.id, "192.0.2.3", tok, NULL) == AK_OK);
    long long t = t0;
    int alive = 1;
    for (t = t0 + 3600; t <= t0 + SESSION_MAX_AGE; t += 3600)
        alive &= store_session_load(st, a, key, tok, t, &got) == AK_OK;
    CHECK(alive);
    CHECK(store_session_load(st, a, key, tok, t0 + SESSION_MAX_AGE + 1, &got) == AK_ENOTFOUND);

    /* A disabled user's sessions end with the disabling, and cannot come back. */
    set_now(t0);
    CHECK(store_session_create(st, key, u.id, "", tok, NULL) == AK_OK);
    int64_t n = 0;
    CHECK(store_session_delete_user(st, u.id, &n) == AK_OK && n == 2);
    CHECK(store_session_load(st, a, key, tok, t0 + 1, &got) == AK_ENOTFOUND);
    CHECK(store_session_create(st, key, u.id, "", tok, NULL) == AK_OK);
    CHECK(store_user_set_disabled(st, u.id, 1) == AK_OK);
    CHECK(count_rows("SELECT count(*) FROM session") == 0);
    CHECK(store_user_set_disabled(st, u.id, 0) == AK_OK);

    /* delete by token; purge. */
    CHECK(store_session_create(st, key, u.id, "", tok, NULL) == AK_OK);
    CHECK(store_session_delete(st, key, tok) == AK_OK);
    CHECK(store_session_delete(st, key, tok) == AK_OK);          /* twice is fine */
    CHECK(store_session_load(st, a, key, tok, t0 + 1, &got) == AK_ENOTFOUND);
    CHECK(store_session_create(st, key, u.id, "", tok, NULL) == AK_OK);
    set_now(t0 + 100);
    CHECK(store_session_create(st, key, u.id, "", tok2, NULL) == AK_OK);
    CHECK(store_session_purge(st, t0 + SESSION_IDLE + 50) == AK_OK);
    CHECK(count_rows("SELECT count(*) FROM session") == 1);
    CHECK(store_session_load(st, a, key, tok2, t0 + 200, &got) == AK_OK);
    /* A new password ends the sessions too. */
    CHECK(store_user_set_password(st, u.id, PW, strlen(PW)) == AK_OK);
    CHECK(count_rows("SELECT count(*) FROM session") == 0);
    unsetenv("AKHBAR_NOW");
}

static void test_throttle(struct store *st)
{
    int64_t n, last;
    CHECK(store_login_failure_count(st, "u:x", 0, &n, &last) == AK_OK && n == 0 && last == 0);
    CHECK(store_login_failure_add(st, "u:x", 1000, NULL) == AK_OK);
    CHECK(store_login_failure_add(st, "u:x", 1100, NULL) == AK_OK);
    CHECK(store_login_failure_add(st, "u:x", 1200, NULL) == AK_OK);
    int64_t held = 0;
    CHECK(store_login_failure_add(st, "c:abc", 1150, NULL) == AK_OK);
    CHECK(store_login_failure_add(st, "c:abc", 1160, &held) == AK_OK && held > 0);
    CHECK(store_login_failure_count(st, "c:abc", 0, &n, &last) == AK_OK && n == 2 &&
          last == 1160);
    CHECK(store_login_failure_delete(st, held) == AK_OK);   /* a reservation given back */
    CHECK(store_login_failure_count(st, "u:x", 0, &n, &last) == AK_OK && n == 3 && last == 1200);
    CHECK(store_login_failure_count(st, "u:x", 1100, &n, &last) == AK_OK && n == 2);
    CHECK(store_login_failure_count(st, "u:x", 1201, &n, NULL) == AK_OK && n == 0);
    CHECK(store_login_failure_count(st, "c:abc", 0, &n, NULL) == AK_OK && n == 1);
    CHECK(store_login_failure_purge(st, 1101) == AK_OK);
    CHECK(store_login_failure_count(st, "u:x", 0, &n, NULL) == AK_OK && n == 1);
    CHECK(store_login_failure_clear(st, "u:x") == AK_OK);
    CHECK(store_login_failure_count(st, "u:x", 0, &n, NULL) == AK_OK && n == 0);
    CHECK(store_login_failure_count(st, "c:abc", 0, &n, NULL) == AK_OK && n == 1);

    /* The policy: free failures, then a doubling wait from the last one. */
    CHECK(admin_login_wait(0, 0, 5, 5000) == 0);
    CHECK(admin_login_wait(4, 4999, 5, 5000) == 0);
    testcase(1);
    CHECK(admin_login_wait(5, 5000, 5, 5000) == LOGIN_DELAY_BASE);
    CHECK(admin_login_wait(5, 4990, 5, 5000) == LOGIN_DELAY_BASE - 10);
    CHECK(admin_login_wait(5, 4000, 5, 5000) == 0);                 /* waited long enough */
    CHECK(admin_login_wait(6, 5000, 5, 5000) == 2 * LOGIN_DELAY_BASE);
    CHECK(admin_login_wait(7, 5000, 5, 5000) == 4 * LOGIN_DELAY_BASE);
    CHECK(admin_login_wait(15, 5000, 5, 5000) == LOGIN_DELAY_MAX);  /* capped */
    CHECK(admin_login_wait(1000, 5000, 5, 5000) == LOGIN_DELAY_MAX);
    CHECK(admin_login_wait(20, 5000, LOGIN_FREE_CLIENT, 5000) == LOGIN_DELAY_BASE);
}

static void test_audit(struct store *st, struct arena *a)
{
    struct audit_entry e = { .at = 2000, .user_id = 1, .login = "salma", .action = AUDIT_LOGIN,
                             .target = "salma", .client = "192.0.2.1" };
    CHECK(store_audit_add(st, &e) == AK_OK);
    struct audit_entry f = { .at = 2001, .action = AUDIT_LOGIN_FAIL, .target = "nobody",
                             .detail = "unknown", .client = "192.0.2.9" };
    CHECK(store_audit_add(st, &f) == AK_OK);
    struct audit_entry g = { .action = AUDIT_USER_ADD, .target = "ed", .client = "cli" };
    CHECK(store_audit_add(st, &g) == AK_OK);                  /* at 0: now */
    struct audit_entry *list;
    size_t n, total;
    CHECK(store_audit_list(st, a, 0, 10, &list, &n, &total) == AK_OK && n == 3 && total == 3);
    CHECK(n == 3 && list[0].action == AUDIT_USER_ADD &&
          strcmp(list[0].code, "user.add") == 0 && list[0].at > 2001);
    CHECK(n == 3 && list[0].user_id == 0 && strcmp(list[0].login, "") == 0);
    CHECK(n == 3 && strcmp(list[1].detail, "unknown") == 0 && list[1].user_id == 0);
    CHECK(n == 3 && strcmp(list[2].client, "192.0.2.1") == 0 && list[2].user_id == 1);
    CHECK(store_audit_list(st, a, 2, 10, &list, &n, NULL) == AK_OK && n == 1);
    CHECK(n == 1 && list[0].action == AUDIT_LOGIN && strcmp(list[0].code, "login") == 0);
    /* The stored codes never change (rows outlive versions); one the
     * version reading them does not know reads as AUDIT_ACTION__MAX. */
    CHECK(strcmp(audit_action_names[AUDIT_LOGIN_FAIL], "login.fail") == 0);
    CHECK(strcmp(audit_action_names[AUDIT_ARTICLE_CREATE], "article.create") == 0);
    CHECK(audit_action_parse("comment.spam") == AUDIT_COMMENT_SPAM);
    CHECK(audit_action_parse("no.such") == AUDIT_ACTION__MAX);
    for (int i = 0; i < AUDIT_ACTION__MAX; i++)
        CHECK(audit_action_names[i] && admin_audit_labels[i] && *admin_audit_labels[i]);
    struct audit_entry bad = { .action = AUDIT_ACTION__MAX };
    CHECK(store_audit_add(st, &bad) == AK_EINVAL);
}

static void test_perm(void)
{
    CHECK(perm_allows(USER_ADMIN, PERM_PEOPLE) && perm_allows(USER_ADMIN, PERM_PUBLISH));
    CHECK(!perm_allows(USER_EDITOR, PERM_PEOPLE) && perm_allows(USER_EDITOR, PERM_PUBLISH));
    CHECK(perm_allows(USER_EDITOR, PERM_COMMENTS) && !perm_allows(USER_EDITOR, PERM_AUDIT));
    CHECK(perm_allows(USER_AUTHOR, PERM_ARTICLES_OWN) && !perm_allows(USER_AUTHOR, PERM_PUBLISH));
    CHECK(!perm_allows(USER_AUTHOR, PERM_ARTICLES_ALL) && !perm_allows(USER_AUTHOR, PERM_COMMENTS));
    CHECK(perm_allows(USER_MODERATOR, PERM_COMMENTS));
    CHECK(!perm_allows(USER_MODERATOR, PERM_ARTICLES_OWN));
    for (int r = 0; r < USER_ROLE__MAX; r++) {
        CHECK(perm_allows((enum user_role)r, PERM_NEWSROOM));
        CHECK(perm_allows((enum user_role)r, PERM_PUBLIC));
        CHECK(!perm_allows((enum user_role)r, PERM__UNSET));    /* fail closed */
    }
    CHECK(!perm_allows(USER_ROLE__MAX, PERM_NEWSROOM));
    struct user author = { .id = 7, .role = USER_AUTHOR }, editor = { .id = 8, .role = USER_EDITOR };
    struct user mod = { .id = 9, .role = USER_MODERATOR };
    CHECK(perm_may_edit(&author, 7) && !perm_may_edit(&author, 8) && !perm_may_edit(&author, 0));
    CHECK(perm_may_edit(&editor, 7) && perm_may_edit(&editor, 0));
    CHECK(!perm_may_edit(&mod, 9));
}

/* The route table: every route names a permission; everything under /admin/
 * but the login page (and the bare /admin redirect) needs a session; a
 * logged-in POST is a form, so that its CSRF field can be read. */
static void test_routes(void)
{
    int admin_routes = 0, bad = 0;
    for (const struct route *rt = routes; rt->fn; rt++) {
        if (rt->perm <= PERM__UNSET || rt->perm >= PERM__MAX) {
            fprintf(stderr, "route %s names no permission\n", rt->pattern);
            bad++;
        }
        if (strncmp(rt->pattern, "/admin/", 7) == 0 && strcmp(rt->pattern, "/admin/login") != 0) {
            admin_routes++;
            if (rt->perm == PERM_PUBLIC) {
                fprintf(stderr, "route %s is public\n", rt->pattern);
                bad++;
            }
        }
        if (rt->method == HTTP_POST && rt->perm != PERM_PUBLIC && !(rt->flags & ROUTE_FORM)) {
            fprintf(stderr, "route POST %s is not a form\n", rt->pattern);
            bad++;
        }
    }
    CHECK(bad == 0);
    CHECK(admin_routes >= 5);
}

static void test_tokens(void)
{
    char tok[CSRF_TOKEN_SIZE];
    csrf_token_make(key, "login", "abc", 10000, tok);
    CHECK(csrf_token_valid(key, "login", "abc", 10000, 100, tok));
    CHECK(csrf_token_valid(key, "login", "abc", 10100, 100, tok));
    CHECK(!csrf_token_valid(key, "login", "abc", 10101, 100, tok));     /* too old */
    CHECK(!csrf_token_valid(key, "login", "abc", 9900, 100, tok));      /* from the future */
    CHECK(!csrf_token_valid(key, "login", "abd", 10000, 100, tok));     /* other binding */
    CHECK(!csrf_token_valid(key, "comment", "abc", 10000, 100, tok));   /* other purpose */
    CHECK(!csrf_token_valid(other_key, "login", "abc", 10000, 100, tok));
    CHECK(!csrf_token_valid(key, "login", "abc", 10000, 100, NULL));
    CHECK(!csrf_token_valid(key, "login", "abc", 10000, 100, ""));
    char bad[CSRF_TOKEN_SIZE];
    memcpy(bad, tok, sizeof bad);
    size_t l = strlen(bad);
    bad[l - 1] = bad[l - 1] == '0' ? '1' : '0';
    CHECK(!csrf_token_valid(key, "login", "abc", 10000, 100, bad));
    bad[l - 1] = 0;
    CHECK(!csrf_token_valid(key, "login", "abc", 10000, 100, bad));
}

static void test_desk(struct store *st, struct arena *a)
{
    int64_t sec;
    CHECK(store_section_add(st, "world", "عالم", &sec) == AK_OK);
    struct article_in in = { .title = "مسودة", .section = "world",
                             .status = ARTICLE_DRAFT };
    CHECK(store_article_insert(st, &in, &sec) == AK_OK);
    in.title = "منشور";
    in.status = ARTICLE_PUBLISHED;
    CHECK(store_article_insert(st, &in, &sec) == AK_OK);
    int64_t counts[ARTICLE_STATUS__MAX];
    CHECK(store_article_count_status(st, 0, counts) == AK_OK);
    CHECK(counts[ARTICLE_DRAFT] == 1 && counts[ARTICLE_PUBLISHED] == 1 &&
          counts[ARTICLE_REVIEW] == 0);
    CHECK(store_article_count_status(st, 1, counts) == AK_OK && counts[ARTICLE_DRAFT] == 0);
    struct article_filter f = { .status = -1, .limit = 10 };
    struct article_row *rows;
    size_t n, total;
    CHECK(store_article_rows(st, a, &f, &rows, &n, &total) == AK_OK && n == 2 && total == 2);
    f.status = ARTICLE_DRAFT;
    CHECK(store_article_rows(st, a, &f, &rows, &n, &total) == AK_OK && n == 1 && total == 1);
    CHECK(n == 1 && strcmp(rows[0].title, "مسودة") == 0 && strcmp(rows[0].section_name, "عالم") == 0);
    f.author_id = 1;
    CHECK(store_article_rows(st, a, &f, &rows, &n, &total) == AK_OK && n == 0 && total == 0);
    int64_t pending;
    CHECK(store_comment_count_status(st, COMMENT_PENDING, &pending) == AK_OK && pending == 0);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/akhbar-test-user-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    struct arena a;
    arena_init(&a, 0);
    test_users(st, &a);
    test_sessions(st, &a);
    test_throttle(st);
    test_audit(st, &a);
    test_perm();
    test_routes();
    test_tokens();
    test_desk(st, &a);
    arena_reset(&a);
    store_close(st);
    unlink(path);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    T_DONE();
}
