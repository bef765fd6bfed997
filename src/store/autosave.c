/*
 * autosave.c: the editor's autosave (autosave.h): a table of one row per
 * writer and article, replaced by each save. Nothing public reads it, so it
 * has no change-log trigger and a save invalidates no cached page.
 */
#include "store/db.h"
#include "store/autosave.h"

DB_SQL(AUTOSAVE_PUT) =
    "INSERT OR REPLACE INTO autosave(user_id, article_id, saved_at, title, lede, body, section, "
    "tags, source, slug) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
DB_SQL(AUTOSAVE_GET) =
    "SELECT saved_at, title, lede, body, section, tags, source, slug FROM autosave "
    "WHERE user_id = ?1 AND article_id = ?2";
DB_SQL(AUTOSAVE_DROP) = "DELETE FROM autosave WHERE user_id = ?1 AND article_id = ?2";

enum ak_err store_autosave_put(struct store *st, struct autosave *s)
{
    struct db_q *q = db_stmt(st, STMT_AUTOSAVE_PUT);
    if (!q)
        return AK_EIO;
    if (!s->saved_at)
        s->saved_at = db_now();
    db_bind_int64(q, 1, s->user_id);
    db_bind_int64(q, 2, s->article_id);
    db_bind_int64(q, 3, s->saved_at);
    const char *text[] = { s->title, s->lede, s->body, s->section, s->tags, s->source, s->slug };
    for (int i = 0; i < 7; i++)
        db_bind_text(q, 4 + i, text[i]);
    return db_exec_stmt(st, q);
}

enum ak_err store_autosave_get(struct store *st, struct arena *a, int64_t user_id,
                               int64_t article_id, struct autosave *out)
{
    struct db_q *q = db_stmt(st, STMT_AUTOSAVE_GET);
    if (!q)
        return AK_EIO;
    db_bind_int64(q, 1, user_id);
    db_bind_int64(q, 2, article_id);
    int step = db_step(q);
    enum ak_err rc = AK_OK;
    if (step == DB_ROW) {
        *out = (struct autosave){ .user_id = user_id, .article_id = article_id,
                                  .saved_at = db_col_int64(q, 0) };
        const char **text[] = { &out->title, &out->lede, &out->body, &out->section, &out->tags,
                                &out->source, &out->slug };
        for (int i = 0; i < 7; i++)
            if (!(*text[i] = db_col_text(q, 1 + i, a)))
                rc = AK_ENOMEM;
    } else {
        rc = step == DB_DONE ? AK_ENOTFOUND : AK_EIO;
    }
    db_done(q);
    return rc == AK_EIO ? db_fail(st, "autosave get") : rc;
}

enum ak_err store_autosave_drop(struct store *st, int64_t user_id, int64_t article_id)
{
    struct db_q *q = db_stmt(st, STMT_AUTOSAVE_DROP);
    if (!q)
        return AK_EIO;
    db_bind_int64(q, 1, user_id);
    db_bind_int64(q, 2, article_id);
    return db_exec_stmt(st, q);
}

DB_SQL_CHECK(AUTOSAVE);
