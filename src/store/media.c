/*
 * media.c: the record of uploaded images (see store.h's "media"). The files
 * themselves are src/media/'s business; a row says what they are (hash,
 * size, type), what to say instead of them (alt) and who sent them.
 */
#include "store/db.h"
#include "store/media.h"

DB_SQL(MEDIA_ADD) =
    "INSERT INTO media(hash, width, height, mime, alt, bytes, created_at, user_id, caption, "
    "credit) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(hash) DO NOTHING";
DB_SQL(MEDIA_ID_BY_HASH) = "SELECT id FROM media WHERE hash=?1";
#define MEDIA_COLS "id, hash, width, height, mime, alt, bytes, created_at, " \
    "coalesce(user_id, 0) FROM media "
DB_SQL(MEDIA_GET) = "SELECT " MEDIA_COLS "WHERE id=?1";
DB_SQL(MEDIA_LIST) =
    "SELECT " MEDIA_COLS "ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2";
DB_SQL(MEDIA_COUNT) = "SELECT count(*) FROM media";
DB_SQL(MEDIA_SET_ALT) = "UPDATE media SET alt=?2 WHERE id=?1";

enum ak_err store_media_add(struct store *st, const struct media *m, int64_t *id, int *existed)
{
    struct db_q *s = db_stmt(st, STMT_MEDIA_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, m->hash);
    db_bind_int(s, 2, m->width);
    db_bind_int(s, 3, m->height);
    db_bind_text(s, 4, m->mime);
    db_bind_text(s, 5, m->alt);
    db_bind_int64(s, 6, m->bytes);
    db_bind_int64(s, 7, db_now());
    if (m->user_id)
        db_bind_int64(s, 8, m->user_id);
    db_bind_text(s, 9, m->caption ? m->caption : "");
    db_bind_text(s, 10, m->credit ? m->credit : "");
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc)
        return rc;
    if (db_changes(st) == 1) {
        if (id)
            *id = db_last_id(st);
        if (existed)
            *existed = 0;
        return AK_OK;
    }
    /* The hash is known: the same bytes were uploaded before. */
    if (!(s = db_stmt(st, STMT_MEDIA_ID_BY_HASH)))
        return AK_EIO;
    db_bind_text(s, 1, m->hash);
    int step = db_step(s);
    if (step == DB_ROW && id)
        *id = db_col_int64(s, 0);
    db_done(s);
    if (step != DB_ROW)
        return step == DB_DONE ? AK_ENOTFOUND : db_fail(st, "media by hash");
    if (existed)
        *existed = 1;
    return AK_OK;
}

static int media_row(struct db_q *s, struct arena *a, void *elem)
{
    struct media *o = elem;
    o->id = db_col_int64(s, 0);
    o->hash = db_col_text(s, 1, a);
    o->width = db_col_int(s, 2);
    o->height = db_col_int(s, 3);
    o->mime = db_col_text(s, 4, a);
    o->alt = db_col_text(s, 5, a);
    o->bytes = db_col_int64(s, 6);
    o->created_at = db_col_int64(s, 7);
    o->user_id = db_col_int64(s, 8);
    return o->hash && o->mime && o->alt;
}

enum ak_err store_media_get(struct store *st, struct arena *a, int64_t id, struct media *out)
{
    struct db_q *s = db_stmt(st, STMT_MEDIA_GET);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_row(st, s, a, media_row, out);
}

enum ak_err store_media_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct media **out, size_t *n, size_t *total)
{
    struct db_q *s;
    if (total) {
        if (!(s = db_stmt(st, STMT_MEDIA_COUNT)))
            return AK_EIO;
        int step = db_step(s);
        *total = step == DB_ROW ? (size_t)db_col_int64(s, 0) : 0;
        db_done(s);
        if (step != DB_ROW)
            return db_fail(st, "media count");
    }
    if (!(s = db_stmt(st, STMT_MEDIA_LIST)))
        return AK_EIO;
    db_bind_int64(s, 1, (int64_t)limit);
    db_bind_int64(s, 2, (int64_t)offset);
    return db_rows(st, s, a, sizeof **out, media_row, (void **)out, n);
}

enum ak_err store_media_set_alt(struct store *st, int64_t id, const char *alt)
{
    struct db_q *s = db_stmt(st, STMT_MEDIA_SET_ALT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_text(s, 2, alt);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && db_changes(st) == 0)
        rc = AK_ENOTFOUND;
    return rc;
}

DB_SQL_CHECK(MEDIA);
