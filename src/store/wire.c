/*
 * wire.c: wire feeds and their items (see wire.h). A feed row carries its
 * polling state (validators, last outcome, backoff, when it is next due);
 * a wire_item row remembers each item delivered by (origin, guid), with the
 * hash of its content and the sketch that near-duplicates are found by.
 */
#include <string.h>
#include "store/db.h"
#include "store/wire.h"

/* enum article_status values, for SQL text (checked below). */
#define ARTICLE_DRAFT_N 0
#define ARTICLE_REVIEW_N 1
_Static_assert(ARTICLE_DRAFT == ARTICLE_DRAFT_N && ARTICLE_REVIEW == ARTICLE_REVIEW_N,
               "the article states in WIRE_ADD_SOURCE");

#define FEED_COLUMNS \
    "f.id, f.url, s.slug, f.status, f.interval, f.title, f.etag, f.last_modified, " \
    "f.polled_at, f.ok_at, f.next_at, f.created_at, f.http_status, f.error, f.failures"

DB_SQL(FEED_ADD) =
    "INSERT INTO feed(url, section_id, status, interval, next_at, created_at) "
    "SELECT ?1, id, ?3, ?4, 0, ?5 FROM section WHERE slug = ?2";
DB_SQL(FEED_REMOVE) = "DELETE FROM feed WHERE id = ?1";
DB_SQL(FEED_BY_URL) =
    "SELECT " FEED_COLUMNS ", 0, 0 FROM feed f JOIN section s ON s.id = f.section_id "
    "WHERE f.url = ?1";
DB_SQL(FEED_LIST) =
    "SELECT " FEED_COLUMNS ", "
    "(SELECT count(*) FROM wire_item w WHERE w.feed_id = f.id), "
    "(SELECT count(*) FROM wire_item w WHERE w.feed_id = f.id AND w.duplicate_of IS NOT NULL) "
    "FROM feed f JOIN section s ON s.id = f.section_id ORDER BY f.id";
DB_SQL(FEED_DUE) =
    "SELECT " FEED_COLUMNS ", 0, 0 FROM feed f JOIN section s ON s.id = f.section_id "
    "WHERE f.next_at <= ?1 ORDER BY f.next_at, f.id LIMIT ?2";
DB_SQL(FEED_NEXT_DUE) = "SELECT min(next_at) FROM feed";
DB_SQL(FEED_POLLED) =
    "UPDATE feed SET title = ?2, etag = ?3, last_modified = ?4, polled_at = ?5, ok_at = ?6, "
    "http_status = ?7, error = ?8, failures = ?9, next_at = ?10 WHERE id = ?1";
DB_SQL(FEED_CLAIM) = "UPDATE feed SET next_at = ?3 WHERE id = ?1 AND next_at <= ?2";
DB_SQL(WIRE_ADD_SOURCE) =
    "UPDATE article SET source = CASE WHEN source = '' THEN ?2 ELSE source || '، ' || ?2 END, "
    "updated_at = ?3 WHERE id = ?1 AND status IN (" DB_STR(ARTICLE_DRAFT_N) ", "
    DB_STR(ARTICLE_REVIEW_N) ") AND ?2 <> '' AND instr(source, ?2) = 0";
DB_SQL(WIRE_FIND) =
    "SELECT id, coalesce(article_id, 0), coalesce(duplicate_of, 0), hash FROM wire_item "
    "WHERE origin = ?1 AND guid = ?2";
DB_SQL(WIRE_ADD) =
    "INSERT INTO wire_item(feed_id, origin, guid, link, title, article_id, duplicate_of, "
    "similarity, hash, sketch, seen_at, changed_at) "
    "VALUES(nullif(?1, 0), ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0), ?8, ?9, ?10, ?11, ?11)";
DB_SQL(WIRE_SET_HASH) = "UPDATE wire_item SET hash = ?2, changed_at = ?3 WHERE id = ?1";
DB_SQL(WIRE_RECENT) =
    "SELECT id, article_id, sketch FROM wire_item WHERE seen_at >= ?1 AND duplicate_of IS NULL "
    "AND article_id IS NOT NULL AND sketch IS NOT NULL ORDER BY id DESC LIMIT ?2";

enum ak_err store_feed_add(struct store *st, const char *url, const char *section,
                           enum article_status status, int64_t interval, int64_t *id)
{
    struct db_q *s = db_stmt(st, STMT_FEED_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, url);
    db_bind_text(s, 2, section);
    db_bind_int(s, 3, (int)status);
    db_bind_int64(s, 4, interval);
    db_bind_int64(s, 5, db_now());
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && db_changes(st) == 0)
        return AK_ENOTFOUND;
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_feed_remove(struct store *st, int64_t id)
{
    struct db_q *s = db_stmt(st, STMT_FEED_REMOVE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    enum ak_err rc = db_exec_stmt(st, s);
    return rc == AK_OK && db_changes(st) == 0 ? AK_ENOTFOUND : rc;
}

static int feed_row(struct db_q *s, struct arena *a, void *elem)
{
    struct feed *f = elem;
    f->id = db_col_int64(s, 0);
    f->url = db_col_text(s, 1, a);
    f->section = db_col_text(s, 2, a);
    int status = db_col_int(s, 3);
    f->status = status >= 0 && status < ARTICLE_STATUS__MAX ? (enum article_status)status
                                                            : ARTICLE_REVIEW;
    f->interval = db_col_int64(s, 4);
    f->title = db_col_text(s, 5, a);
    f->etag = db_col_text(s, 6, a);
    f->last_modified = db_col_text(s, 7, a);
    f->polled_at = db_col_int64(s, 8);
    f->ok_at = db_col_int64(s, 9);
    f->next_at = db_col_int64(s, 10);
    f->created_at = db_col_int64(s, 11);
    f->http_status = db_col_int(s, 12);
    f->error = db_col_text(s, 13, a);
    f->failures = db_col_int64(s, 14);
    f->items = db_col_int64(s, 15);
    f->duplicates = db_col_int64(s, 16);
    return f->url && f->section && f->title && f->etag && f->last_modified && f->error;
}

enum ak_err store_feed_by_url(struct store *st, struct arena *a, const char *url,
                              struct feed *out)
{
    struct db_q *s = db_stmt(st, STMT_FEED_BY_URL);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, url);
    return db_row(st, s, a, feed_row, out);
}

enum ak_err store_feed_list(struct store *st, struct arena *a, struct feed **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_FEED_LIST);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, feed_row, (void **)out, n);
}

enum ak_err store_feed_due(struct store *st, struct arena *a, int64_t now, size_t limit,
                           struct feed **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_FEED_DUE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now);
    db_bind_int64(s, 2, (int64_t)limit);
    return db_rows(st, s, a, sizeof **out, feed_row, (void **)out, n);
}

enum ak_err store_feed_next_due(struct store *st, int64_t *when)
{
    struct db_q *s = db_stmt(st, STMT_FEED_NEXT_DUE);
    return s ? db_int64(st, s, when, "feed next due") : AK_EIO;
}

enum ak_err store_feed_polled(struct store *st, const struct feed *f)
{
    struct db_q *s = db_stmt(st, STMT_FEED_POLLED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, f->id);
    db_bind_name(s, 2, f->title);
    db_bind_text(s, 3, f->etag);
    db_bind_text(s, 4, f->last_modified);
    db_bind_int64(s, 5, f->polled_at);
    db_bind_int64(s, 6, f->ok_at);
    db_bind_int(s, 7, f->http_status);
    db_bind_text(s, 8, f->error);
    db_bind_int64(s, 9, f->failures);
    db_bind_int64(s, 10, f->next_at);
    return db_exec_stmt(st, s);
}

enum ak_err store_feed_claim(struct store *st, int64_t id, int64_t now, int64_t until)
{
    struct db_q *s = db_stmt(st, STMT_FEED_CLAIM);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_int64(s, 2, now);
    db_bind_int64(s, 3, until);
    enum ak_err rc = db_exec_stmt(st, s);
    return rc == AK_OK && db_changes(st) == 0 ? AK_ENOTFOUND : rc;
}

enum ak_err store_wire_add_source(struct store *st, int64_t article_id, const char *source)
{
    struct db_q *s = db_stmt(st, STMT_WIRE_ADD_SOURCE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, article_id);
    db_bind_name(s, 2, source);
    db_bind_int64(s, 3, db_now());
    return db_exec_stmt(st, s);
}

enum ak_err store_wire_find(struct store *st, const char *origin, const char *guid,
                            struct wire_row *out)
{
    struct db_q *s = db_stmt(st, STMT_WIRE_FIND);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, origin);
    db_bind_text(s, 2, guid);
    int step = db_step(s);
    enum ak_err rc = AK_ENOTFOUND;
    if (step == DB_ROW) {
        out->id = db_col_int64(s, 0);
        out->article_id = db_col_int64(s, 1);
        out->duplicate_of = db_col_int64(s, 2);
        memset(out->hash, 0, sizeof out->hash);
        int n = db_col_bytes(s, 3);
        const void *h = db_col_blob(s, 3);
        if (h)
            memcpy(out->hash, h, n < STORE_WIRE_HASH ? (size_t)n : STORE_WIRE_HASH);
        rc = AK_OK;
    } else if (step != DB_DONE) {
        rc = db_fail(st, "wire find");
    }
    db_done(s);
    return rc;
}

enum ak_err store_wire_add(struct store *st, const struct wire_in *in, int64_t *id)
{
    struct db_q *s = db_stmt(st, STMT_WIRE_ADD);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, in->feed_id);
    db_bind_text(s, 2, in->origin);
    db_bind_text(s, 3, in->guid);
    db_bind_text(s, 4, in->link);
    db_bind_name(s, 5, in->title);
    db_bind_int64(s, 6, in->article_id);
    db_bind_int64(s, 7, in->duplicate_of);
    db_bind_double(s, 8, in->similarity);
    db_bind_blob(s, 9, in->hash, STORE_WIRE_HASH);
    if (in->sketch)
        db_bind_blob(s, 10, in->sketch, (int)in->sketch_n);
    db_bind_int64(s, 11, db_now());
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_wire_insert(struct store *st, const struct article_in *in, struct wire_in *w,
                              int64_t *id)
{
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    if (in)
        rc = store_article_insert(st, in, &w->article_id);
    if (rc == AK_OK)
        rc = store_wire_add(st, w, id);
    if (rc) {
        db_rollback_to(st);
        return rc;
    }
    return db_release(st);
}

enum ak_err store_wire_set_hash(struct store *st, int64_t id,
                                const unsigned char hash[STORE_WIRE_HASH])
{
    struct db_q *s = db_stmt(st, STMT_WIRE_SET_HASH);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_blob(s, 2, hash, STORE_WIRE_HASH);
    db_bind_int64(s, 3, db_now());
    return db_exec_stmt(st, s);
}

static int wire_sketch_row(struct db_q *s, struct arena *a, void *elem)
{
    struct wire_sketch *w = elem;
    w->id = db_col_int64(s, 0);
    w->article_id = db_col_int64(s, 1);
    w->n = (size_t)db_col_bytes(s, 2);
    const void *b = db_col_blob(s, 2);
    void *copy = arena_alloc(a, w->n ? w->n : 1);
    if (copy && b)
        memcpy(copy, b, w->n);
    w->sketch = copy;
    return copy != NULL;
}

enum ak_err store_wire_recent(struct store *st, struct arena *a, int64_t since, size_t limit,
                              struct wire_sketch **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_WIRE_RECENT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, since);
    db_bind_int64(s, 2, (int64_t)limit);
    return db_rows(st, s, a, sizeof **out, wire_sketch_row, (void **)out, n);
}

DB_SQL_CHECK(WIRE);
