/*
 * popular.c: views, the sidebar's rankings and the ticker's expiry (see
 * popular.h).
 */
#include <string.h>
#include "store/article.h"
#include "store/db.h"
#include "store/popular.h"
#include "store/store.h"

DB_SQL(VIEW_ADD) =
    "INSERT INTO article_view(article_id, day, n) SELECT ?1, ?2, ?3 "
    "WHERE EXISTS (SELECT 1 FROM article WHERE id=?1) "
    "ON CONFLICT(article_id, day) DO UPDATE SET n=n+excluded.n";
DB_SQL_PG(VIEW_ADD) =
    "INSERT INTO article_view(article_id, day, n) SELECT ?1, ?2, ?3 "
    "WHERE EXISTS (SELECT 1 FROM article WHERE id=?1) "
    "ON CONFLICT(article_id, day) DO UPDATE SET n=article_view.n+excluded.n";
/* Each ranking: ?1 today (unix days), ?2 now (unix seconds), ?3 the limit. */
#define POPULAR_READ(cond) \
    "SELECT v.article_id, sum(v.n) FROM article_view v JOIN article a ON a.id=v.article_id " \
    "WHERE " cond " AND a.status=3 AND a.published_at<=?2 " \
    "GROUP BY v.article_id ORDER BY 2 DESC, v.article_id DESC LIMIT ?3"
DB_SQL(POPULAR_READ_DAY) = POPULAR_READ("v.day=?1");
DB_SQL(POPULAR_READ_WEEK) = POPULAR_READ("v.day>?1-7");
DB_SQL(POPULAR_COMMENTED) =
    "SELECT c.article_id, count(*) FROM comment c JOIN article a ON a.id=c.article_id "
    "WHERE c.status=1 AND c.created_at>?2-7*86400 AND c.created_at<=?2 AND a.status=3 "
    "AND a.published_at<=?2 GROUP BY c.article_id ORDER BY 2 DESC, c.article_id DESC LIMIT ?3";
DB_SQL(RANKING_GET) = "SELECT article_id FROM ranking WHERE kind=?1 ORDER BY position";
DB_SQL(RANKING_CLEAR) = "DELETE FROM ranking WHERE kind=?1";
DB_SQL(RANKING_PUT) = "INSERT INTO ranking(kind, position, article_id, n) VALUES(?1, ?2, ?3, ?4)";
DB_SQL(TICKER_ENDED) =
    "SELECT count(*) FROM article WHERE breaking=1 AND status=3 "
    "AND published_at+?3>?1 AND published_at+?3<=?2";
DB_SQL(CHANGE_NOTE) = "INSERT INTO change_log(keys, at) VALUES(?1, unixepoch())";
DB_SQL(VIEW_PRUNE) = "DELETE FROM article_view WHERE day<?1-8";

enum ak_err store_views_add(struct store *st, const struct view_count *v, size_t n)
{
    if (n == 0)
        return AK_OK;
    enum ak_err rc = store_begin(st);
    for (size_t i = 0; rc == AK_OK && i < n; i++) {
        struct db_q *s = db_stmt(st, STMT_VIEW_ADD);
        if (!s) {
            rc = AK_EIO;
            break;
        }
        db_bind_int64(s, 1, v[i].article_id);
        db_bind_int64(s, 2, v[i].day);
        db_bind_int64(s, 3, v[i].n);
        rc = db_exec_stmt(st, s);
    }
    if (rc == AK_OK)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

/* Read up to POPULAR_MAX (id, n) pairs of statement sid at time now on day
 * today, or of the stored ranking kind (sid STMT_RANKING_GET, n 0). */
static enum ak_err popular_read(struct store *st, enum db_stmt_id sid, int64_t now,
                                int64_t today, int kind,
                                int64_t ids[POPULAR_MAX], int64_t ns[POPULAR_MAX], size_t *n)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    if (sid == STMT_RANKING_GET) {
        db_bind_int(s, 1, kind);
    } else {
        db_bind_int64(s, 1, today);
        db_bind_int64(s, 2, now);
        db_bind_int(s, 3, POPULAR_MAX);
    }
    int step;
    *n = 0;
    while ((step = db_step(s)) == DB_ROW && *n < POPULAR_MAX) {
        ids[*n] = db_col_int64(s, 0);
        ns[*n] = sid == STMT_RANKING_GET ? 0 : db_col_int64(s, 1);
        (*n)++;
    }
    db_done(s);
    return step == DB_ROW || step == DB_DONE ? AK_OK : db_fail(st, "popular read");
}

/* Store ranking kind as ids[0..n) when its order differs from the stored one. */
static enum ak_err popular_store(struct store *st, int kind, const int64_t *ids,
                                 const int64_t *ns, size_t n, int *changed)
{
    int64_t old[POPULAR_MAX], unused[POPULAR_MAX];
    size_t nold;
    struct db_q *s;
    enum ak_err rc = popular_read(st, STMT_RANKING_GET, 0, 0, kind, old, unused, &nold);
    if (rc || (nold == n && memcmp(old, ids, n * sizeof *ids) == 0))
        return rc;
    if (!(s = db_stmt(st, STMT_RANKING_CLEAR)))
        return AK_EIO;
    db_bind_int(s, 1, kind);
    if ((rc = db_exec_stmt(st, s)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (!(s = db_stmt(st, STMT_RANKING_PUT)))
            return AK_EIO;
        db_bind_int(s, 1, kind);
        db_bind_int64(s, 2, (int64_t)i + 1);
        db_bind_int64(s, 3, ids[i]);
        db_bind_int64(s, 4, ns[i]);
        if ((rc = db_exec_stmt(st, s)))
            return rc;
    }
    (*changed)++;
    return AK_OK;
}

enum ak_err store_popular_refresh(struct store *st, int64_t now, int64_t today, int *changed)
{
    static const enum db_stmt_id query[RANKING__MAX] = {
        [RANKING_READ_DAY] = STMT_POPULAR_READ_DAY,
        [RANKING_READ_WEEK] = STMT_POPULAR_READ_WEEK,
        [RANKING_COMMENTED_WEEK] = STMT_POPULAR_COMMENTED,
    };
    int count = 0;
    enum ak_err rc = store_begin(st);
    for (int k = 0; rc == AK_OK && k < RANKING__MAX; k++) {
        int64_t ids[POPULAR_MAX], ns[POPULAR_MAX];
        size_t n;
        if ((rc = popular_read(st, query[k], now, today, k, ids, ns, &n)) == AK_OK)
            rc = popular_store(st, k, ids, ns, n, &count);
    }
    struct db_q *s = rc ? NULL : db_stmt(st, STMT_VIEW_PRUNE);
    if (s) {
        db_bind_int64(s, 1, today);
        rc = db_exec_stmt(st, s);
    }
    if (rc == AK_OK && (rc = store_commit(st)) == AK_OK && changed)
        *changed = count;
    if (rc)
        store_rollback(st);
    return rc;
}

enum ak_err store_ticker_expire(struct store *st, int64_t from, int64_t to, int64_t window,
                                int *ended)
{
    struct db_q *s = db_stmt(st, STMT_TICKER_ENDED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, from);
    db_bind_int64(s, 2, to);
    db_bind_int64(s, 3, window);
    int step = db_step(s);
    int n = step == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    if (step != DB_ROW)
        return db_fail(st, "ticker ended");
    if (ended)
        *ended = n;
    if (n == 0)
        return AK_OK;
    if (!(s = db_stmt(st, STMT_CHANGE_NOTE)))
        return AK_EIO;
    db_bind_text(s, 1, "k");
    return db_exec_stmt(st, s);
}

DB_SQL_CHECK(POPULAR);
