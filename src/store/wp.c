/*
 * wp.c: the store's side of the WordPress import (see wp.h).
 */
#include <string.h>
#include "store/db.h"
#include "store/wp.h"

/* An empty password hash: crypto_pwhash_str_verify never accepts it. */
DB_SQL(WP_USER_ADD) =
    "INSERT INTO user(login, name, role, password, disabled, created_at, updated_at) "
    "VALUES(?1, ?2, ?3, '', 1, ?4, ?4)";
DB_SQL(WP_SECTION_PARENT) = "UPDATE section SET parent_id=?2 WHERE id=?1";
DB_SQL(WP_SECTION_PARENT_OF) = "SELECT parent_id FROM section WHERE id=?1";
DB_SQL(WP_ARTICLE_IMAGE) = "UPDATE article SET image_id=?2 WHERE id=?1";

enum ak_err store_user_add_imported(struct store *st, const char *login, const char *name,
                                    enum user_role role, int64_t *id)
{
    if (!store_user_login_valid(login) || (unsigned)role >= USER_ROLE__MAX)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, STMT_WP_USER_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, login);
    db_bind_text(s, 2, name ? name : "");
    db_bind_int(s, 3, (int)role);
    db_bind_int64(s, 4, store_now());
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_section_set_parent(struct store *st, int64_t id, int64_t parent)
{
    if (id == parent)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, STMT_WP_SECTION_PARENT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    if (parent)
        db_bind_int64(s, 2, parent);
    else
        db_bind_null(s, 2);
    return db_exec_stmt(st, s);
}

enum ak_err store_section_parent(struct store *st, int64_t id, int64_t *parent)
{
    struct db_q *s = db_stmt(st, STMT_WP_SECTION_PARENT_OF);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    int step = db_step(s);
    if (step == DB_ROW)
        *parent = db_col_int64(s, 0);
    db_done(s);
    if (step == DB_ROW)
        return AK_OK;
    return step == DB_DONE ? AK_ENOTFOUND : db_fail(st, "section parent");
}

enum ak_err store_article_set_image(struct store *st, int64_t id, int64_t media_id)
{
    struct db_q *s = db_stmt(st, STMT_WP_ARTICLE_IMAGE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_int64(s, 2, media_id);
    return db_exec_stmt(st, s);
}

/* The same text as schema.sql's: store_bulk_begin checks sqlite_master,
 * where SQLite keeps it without "IF NOT EXISTS" (which lets the statement
 * prepare while the trigger is there). */
#define WP_FTS_TRIGGER_BODY \
    "article_fts_insert AFTER INSERT ON article BEGIN\n" \
    "    INSERT INTO article_fts(rowid, title, lede, body_text)\n" \
    "    VALUES(new.id, new.title, new.lede, new.body_text);\n" \
    "END"
DB_SQL(WP_FTS_TRIGGER) = "CREATE TRIGGER IF NOT EXISTS " WP_FTS_TRIGGER_BODY;
DB_SQL(WP_FTS_TRIGGER_SQL) =
    "SELECT sql FROM sqlite_master WHERE type='trigger' AND name='article_fts_insert'";
DB_SQL(WP_FTS_DROP) = "DROP TRIGGER IF EXISTS article_fts_insert";
DB_SQL(WP_FTS_INDEX) =
    "INSERT INTO article_fts(rowid, title, lede, body_text) "
    "SELECT id, title, lede, body_text FROM article WHERE id > ?1";
DB_SQL(WP_ARTICLE_MAX) = "SELECT ifnull(max(id), 0) FROM article";

enum ak_err store_bulk_begin(struct store *st, struct store_bulk *b)
{
    b->active = 0;
    struct db_q *s = db_stmt(st, STMT_WP_FTS_TRIGGER_SQL);
    if (!s)
        return AK_EIO;
    int step = db_step(s), same = 0;
    if (step == DB_ROW) {
        const char *sql = (const char *)db_col_str(s, 0);
        same = sql && strcmp(sql, "CREATE TRIGGER " WP_FTS_TRIGGER_BODY) == 0;
    }
    db_done(s);
    if (step != DB_ROW && step != DB_DONE)
        return db_fail(st, "bulk: trigger");
    if (!same)
        return AK_OK;                   /* another schema: index as usual */
    if (!(s = db_stmt(st, STMT_WP_ARTICLE_MAX)))
        return AK_EIO;
    step = db_step(s);
    if (step == DB_ROW)
        b->from = db_col_int64(s, 0);
    db_done(s);
    if (step != DB_ROW)
        return db_fail(st, "bulk: max");
    if (!(s = db_stmt(st, STMT_WP_FTS_DROP)))
        return AK_EIO;
    enum ak_err rc = db_exec_stmt(st, s);
    b->active = rc == AK_OK;
    return rc;
}

enum ak_err store_bulk_end(struct store *st, struct store_bulk *b)
{
    if (!b->active)
        return AK_OK;
    struct db_q *s = db_stmt(st, STMT_WP_FTS_INDEX);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, b->from);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && !(s = db_stmt(st, STMT_WP_FTS_TRIGGER)))
        rc = AK_EIO;
    if (rc == AK_OK)
        rc = db_exec_stmt(st, s);
    if (rc == AK_OK)
        b->active = 0;
    return rc;
}

DB_SQL(WP_NO_MMAP) = "PRAGMA mmap_size=0";

enum ak_err store_bulk_no_mmap(struct store *st)
{
    struct db_q *s = db_stmt(st, STMT_WP_NO_MMAP);
    if (!s)
        return AK_EIO;
    while (db_step(s) == DB_ROW)
        ;
    db_done(s);
    return AK_OK;
}

DB_SQL_CHECK(WP);
