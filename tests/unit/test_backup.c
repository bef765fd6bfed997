/*
 * test_backup.c: copies of the database (store/backup.h) on real files: the
 * online copy and its checks, a search index that disagrees with its
 * articles, a damaged file, and the lock probe against a connection held
 * open by another process (POSIX locks belong to processes: a fork).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "render/markdown.h"
#include "store/article.h"
#include "store/backup.h"
#include "store/db.h"
#include "store/section.h"
#include "store/store.h"
#include "t.h"

static char dir[64], live[96], copy[96], shm[100];

static void add_article(struct store *st, const char *title)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *html = NULL;
    CHECK(markdown_render(&a, "نص الخبر", strlen("نص الخبر"), &html) == AK_OK);
    struct article_in in = {
        .title = title, .lede = "مقدمة", .body_md = "نص الخبر", .body_text = "نص الخبر",
        .body_html = html, .section = "world", .status = ARTICLE_PUBLISHED,
        .published_at = 1000,
    };
    int64_t id;
    CHECK(store_article_insert(st, &in, &id) == AK_OK);
    arena_reset(&a);
}

/* Open path read-write as the server would and run store_check on it;
 * returns its result, why in why. */
static enum ak_err check_file(const char *path, char *why, size_t cap)
{
    struct store *st;
    if (store_open(path, 0, &st) != AK_OK)
        return AK_EIO;
    enum ak_err rc = store_check(st, why, cap);
    store_close(st);
    return rc;
}

static void test_copy(void)
{
    struct store *st;
    char why[256];
    CHECK(store_open(live, STORE_CREATE, &st) == AK_OK);
    CHECK(store_section_add(st, "world", "العالم", NULL) == AK_OK);
    add_article(st, "قمة المناخ في الرياض");
    add_article(st, "أسعار النفط ترتفع");
    CHECK(store_backup(st, copy) == AK_OK);
    CHECK(store_backup(st, copy) == AK_EEXIST);         /* never over a file */
    add_article(st, "خبر بعد النسخة");                  /* the live file moves on */
    CHECK(store_check(st, why, sizeof why) == AK_OK);
    store_close(st);

    CHECK(check_file(copy, why, sizeof why) == AK_OK);
    CHECK(store_open(copy, STORE_READONLY, &st) == AK_OK);
    struct arena a;
    arena_init(&a, 0);
    struct article art;
    CHECK(store_article_load(st, &a, 2, &art) == AK_OK);
    CHECK_STR(art.title, "أسعار النفط ترتفع");
    CHECK(store_article_load(st, &a, 3, &art) == AK_ENOTFOUND);  /* after the copy */
    arena_reset(&a);
    store_close(st);

    /* One file: out of WAL mode, nothing beside it. */
    CHECK(store_open(copy, 0, &st) == AK_OK);
    CHECK(store_single_file(st) == AK_OK);
    store_close(st);
    char wal[110];
    snprintf(wal, sizeof wal, "%s-wal", copy);
    CHECK(access(wal, F_OK) != 0);
    FILE *f = fopen(copy, "rb");
    unsigned char head[20] = { 0 };
    CHECK(f && fread(head, 1, sizeof head, f) == sizeof head);
    if (f)
        fclose(f);
    CHECK(head[18] == 1 && head[19] == 1);              /* rollback journal, not WAL (2) */

    /* A title changed behind the index's back: the index disagrees. */
    CHECK(store_open(copy, 0, &st) == AK_OK);
    CHECK(sqlite3_exec(st->db, "DROP TRIGGER article_fts_update; "
                       "UPDATE article SET title='عنوان لا يعرفه الفهرس' WHERE id=1",
                       NULL, NULL, NULL) == SQLITE_OK);
    testcase(1);
    CHECK(store_check(st, why, sizeof why) == AK_EINVAL);
    CHECK_CONTAINS(why, "search index");
    store_close(st);

    /* Pages overwritten with garbage: integrity_check (or the open) fails. */
    unlink(copy);
    CHECK(store_open(live, 0, &st) == AK_OK);
    for (int i = 0; i < 200; i++) {
        char t[64];
        snprintf(t, sizeof t, "خبر لملء الصفحات رقم %d", i);
        add_article(st, t);
    }
    CHECK(store_backup(st, copy) == AK_OK);
    store_close(st);
    f = fopen(copy, "r+b");
    CHECK(f != NULL);
    if (f) {
        char junk[4096];
        memset(junk, 0x5a, sizeof junk);
        for (long page = 6; page < 12; page++) {
            fseek(f, page * 4096, SEEK_SET);
            fwrite(junk, 1, sizeof junk, f);
        }
        fclose(f);
    }
    enum ak_err rc = check_file(copy, why, sizeof why);
    CHECK(rc == AK_EINVAL || rc == AK_EIO);
}

static void test_lock(void)
{
    struct store_lock lk;
    long holder = -1;
    CHECK(store_lock_exclusive(live, &lk, &holder) == AK_OK && holder == 0);
    store_unlock(&lk);

    /* Another process holds the database open (idle, as a server between
     * requests): the locks cannot be had, and its pid is named. */
    int ready[2], done[2];
    CHECK(pipe(ready) == 0 && pipe(done) == 0);
    pid_t child = fork();
    if (child == 0) {
        struct store *st;
        char c = 0;
        if (store_open(live, 0, &st) != AK_OK)
            _exit(1);
        struct arena a;
        arena_init(&a, 0);
        struct article art;
        store_article_load(st, &a, 1, &art);            /* one read, then idle */
        if (write(ready[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
            _exit(1);
        store_close(st);
        _exit(0);
    }
    char c;
    CHECK(read(ready[0], &c, 1) == 1);
    CHECK(access(shm, F_OK) == 0);
    CHECK(store_lock_exclusive(live, &lk, &holder) == AK_EEXIST);
    CHECK(holder == (long)child);
    CHECK(write(done[1], "x", 1) == 1);
    int status = -1;
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
    CHECK(store_lock_exclusive(live, &lk, &holder) == AK_OK);

    /* While held, another process's connection cannot read the database:
     * busy (no busy timeout here, so it says so at once). */
    child = fork();
    if (child == 0) {
        sqlite3 *db = NULL;
        int rc = sqlite3_open_v2(live, &db, SQLITE_OPEN_READWRITE, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "SELECT count(*) FROM article", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(rc == SQLITE_BUSY ? 3 : 0);
    }
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
          WEXITSTATUS(status) == 3);
    store_unlock(&lk);
    close(ready[0]), close(ready[1]), close(done[0]), close(done[1]);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/akhbar-test-backup-%d", (int)getpid());
    snprintf(live, sizeof live, "%s/live.db", dir);
    snprintf(copy, sizeof copy, "%s/copy.db", dir);
    snprintf(shm, sizeof shm, "%s-shm", live);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir %s", dir, dir);
    CHECK(system(cmd) == 0);
    test_copy();
    test_lock();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    T_DONE();
}
