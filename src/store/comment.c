/*
 * comment.c: reader comments and their moderation states.
 */
#include <assert.h>
#include "store/db.h"
#include "store/article.h"
#include "store/comment.h"

const char *const comment_status_names[COMMENT_STATUS__MAX] = { "pending", "approved", "spam" };

DB_SQL(COMMENT_PARENT_OK) =
    "SELECT 1 FROM comment WHERE id=?1 AND article_id=?2 AND parent_id IS NULL AND status=?3";
DB_SQL(COMMENT_ADD) =
    "INSERT INTO comment(article_id, parent_id, author, email, body, status, created_at, "
    "client_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
#define COMMENT_COLS "id, article_id, coalesce(parent_id, 0), author, email, body, status, " \
    "created_at FROM comment "
DB_SQL(COMMENT_LIST_ARTICLE) =
    "SELECT id, article_id, coalesce(parent_id, 0), author, email, body, status, created_at "
    "FROM (SELECT *, row_number() OVER newest AS k, "
    "sum(length(CAST(body AS BLOB))) OVER newest AS bytes "
    "FROM comment WHERE article_id=?1 AND status=?2 "
    "WINDOW newest AS (ORDER BY created_at DESC, id DESC)) WHERE k<=?3 AND bytes<=?4 "
    "ORDER BY coalesce(parent_id, id), parent_id IS NOT NULL, created_at, id";
DB_SQL(COMMENT_LIST) =
    "SELECT " COMMENT_COLS "WHERE ?1<0 OR status=?1 ORDER BY created_at DESC, id DESC";
DB_SQL(COMMENT_SET_STATUS) = "UPDATE comment SET status=?2 WHERE id=?1";
DB_SQL(COMMENT_DELETE) = "DELETE FROM comment WHERE id=?1";
DB_SQL(COMMENT_COUNT_SINCE) =
    "SELECT count(*) FROM comment WHERE client_hash=?1 AND created_at>=?2";
DB_SQL(COMMENT_COUNT_STATUS) = "SELECT count(*) FROM comment WHERE status=?1";

enum ak_err store_comment_add(struct store *st, const struct comment_new *c, int64_t *id)
{
    struct db_q *s;
    if (c->parent_id) {
        if (!(s = db_stmt(st, STMT_COMMENT_PARENT_OK)))
            return AK_EIO;
        db_bind_int64(s, 1, c->parent_id);
        db_bind_int64(s, 2, c->article_id);
        db_bind_int(s, 3, COMMENT_APPROVED);
        int step = db_step(s);
        db_done(s);
        if (step == DB_DONE)
            return AK_EINVAL;
        if (step != DB_ROW)
            return db_fail(st, "comment parent");
    }
    if (!(s = db_stmt(st, STMT_COMMENT_ADD)))
        return AK_EIO;
    db_bind_int64(s, 1, c->article_id);
    if (c->parent_id)
        db_bind_int64(s, 2, c->parent_id);
    db_bind_name(s, 3, c->author);
    db_bind_text(s, 4, c->email);
    db_bind_text(s, 5, c->body);
    db_bind_int(s, 6, (int)c->status);
    db_bind_int64(s, 7, db_now());
    if (c->client_hash)
        db_bind_blob(s, 8, c->client_hash, 16);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

static int comment_row(struct db_q *s, struct arena *a, void *elem)
{
    struct comment *o = elem;
    o->id = db_col_int64(s, 0);
    o->article_id = db_col_int64(s, 1);
    o->parent_id = db_col_int64(s, 2);
    o->author = db_col_text(s, 3, a);
    o->email = db_col_text(s, 4, a);
    o->body = db_col_text(s, 5, a);
    int status = db_col_int(s, 6);
    o->status = status >= 0 && status < COMMENT_STATUS__MAX ? status : COMMENT_PENDING;
    o->created_at = db_col_int64(s, 7);
    return o->author && o->email && o->body;
}

enum ak_err store_comment_list_article(struct store *st, struct arena *a, int64_t article_id,
                                       enum comment_status status, struct comment **out,
                                       size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_COMMENT_LIST_ARTICLE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, article_id);
    db_bind_int(s, 2, (int)status);
    db_bind_int(s, 3, COMMENT_LIST_MAX);
    db_bind_int(s, 4, COMMENT_LIST_BYTES);
    return db_rows(st, s, a, sizeof **out, comment_row, (void **)out, n);
}

enum ak_err store_comment_list(struct store *st, struct arena *a, int status,
                               struct comment **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_COMMENT_LIST);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, status);
    return db_rows(st, s, a, sizeof **out, comment_row, (void **)out, n);
}

/* Run a one-row UPDATE/DELETE by id; AK_ENOTFOUND when no row changed. */
static enum ak_err comment_change(struct store *st, enum db_stmt_id sid, int64_t id, int status)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    if (status >= 0)
        db_bind_int(s, 2, status);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && db_changes(st) == 0)
        rc = AK_ENOTFOUND;
    return rc;
}

enum ak_err store_comment_set_status(struct store *st, int64_t id, enum comment_status status)
{
    return comment_change(st, STMT_COMMENT_SET_STATUS, id, (int)status);
}

enum ak_err store_comment_delete(struct store *st, int64_t id)
{
    return comment_change(st, STMT_COMMENT_DELETE, id, -1);
}

enum ak_err store_comment_count_since(struct store *st, const unsigned char *client_hash,
                                      int64_t since, int64_t *n)
{
    struct db_q *s = db_stmt(st, STMT_COMMENT_COUNT_SINCE);
    if (!s)
        return AK_EIO;
    db_bind_blob(s, 1, client_hash, 16);
    db_bind_int64(s, 2, since);
    int step = db_step(s);
    *n = step == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "comment count");
}

enum ak_err store_comment_count_status(struct store *st, enum comment_status status, int64_t *n)
{
    struct db_q *s = db_stmt(st, STMT_COMMENT_COUNT_STATUS);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, (int)status);
    int step = db_step(s);
    *n = step == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "comment count by status");
}

/* ---- the moderation queue ---- */

const char *const comment_action_names[COMMENT_ACTION__MAX] = { "approve", "spam", "delete" };

DB_SQL(COMMENT_QUEUE) =
    "SELECT c.id, c.article_id, c.author, c.body, c.status, c.created_at, a.title, a.slug, "
    "a.status FROM comment c JOIN article a ON a.id=c.article_id WHERE c.status=?1 "
    "ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3";

static int comment_queued_row(struct db_q *s, struct arena *a, void *elem)
{
    struct comment_queued *o = elem;
    o->id = db_col_int64(s, 0);
    o->article_id = db_col_int64(s, 1);
    o->author = db_col_text(s, 2, a);
    o->body = db_col_text(s, 3, a);
    int status = db_col_int(s, 4);
    o->status = status >= 0 && status < COMMENT_STATUS__MAX ? status : COMMENT_PENDING;
    o->created_at = db_col_int64(s, 5);
    o->article_title = db_col_text(s, 6, a);
    o->article_slug = db_col_text(s, 7, a);
    o->article_published = db_col_int(s, 8) == ARTICLE_PUBLISHED;
    return o->author && o->body && o->article_title && o->article_slug;
}

enum ak_err store_comment_queue(struct store *st, struct arena *a, enum comment_status status,
                                size_t offset, size_t limit, struct comment_queued **out,
                                size_t *n, size_t *total)
{
    enum ak_err rc;
    if (total) {
        int64_t t;
        if ((rc = store_comment_count_status(st, status, &t)))
            return rc;
        *total = (size_t)t;
    }
    struct db_q *s = db_stmt(st, STMT_COMMENT_QUEUE);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, (int)status);
    db_bind_int64(s, 2, (int64_t)limit);
    db_bind_int64(s, 3, (int64_t)offset);
    return db_rows(st, s, a, sizeof **out, comment_queued_row, (void **)out, n);
}

enum ak_err store_comment_bulk(struct store *st, enum comment_action action, const int64_t *ids,
                               size_t n, int64_t *done, size_t *ndone)
{
    assert((unsigned)action < COMMENT_ACTION__MAX);
    *ndone = 0;
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && rc == AK_OK; i++) {
        if (action == COMMENT_DELETE)
            rc = store_comment_delete(st, ids[i]);
        else
            rc = store_comment_set_status(st, ids[i], action == COMMENT_APPROVE
                                                          ? COMMENT_APPROVED : COMMENT_SPAM);
        if (rc == AK_OK)
            done[(*ndone)++] = ids[i];
        else if (rc == AK_ENOTFOUND)    /* gone already (a reply deleted with its parent) */
            rc = AK_OK;
    }
    if (rc) {
        db_rollback_to(st);
        *ndone = 0;
        return rc;
    }
    return db_release(st);
}

DB_SQL_CHECK(COMMENT);
