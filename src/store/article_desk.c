/*
 * article_desk.c: articles as the newsroom sees them, in every state: how
 * many are in each, and the list behind the dashboard's counts, filtered
 * and searched (with search.c's expression, over drafts too). (article.c
 * is the public side: published articles only.)
 */
#include <string.h>
#include "store/db.h"
#include "store/article.h"
#include "store/article_desk.h"
#include "store/search.h"

DB_SQL(ARTICLE_COUNT_STATUS) =
    "SELECT status, count(*) FROM article WHERE ?1=0 OR author_id=?1 GROUP BY status";
/* ?1 status or -1, ?2 author id or 0, ?5 section id or 0 (primary or
 * further), ?6 the FTS5 expression (the _match statements only). */
#define DESK_COND "(?1<0 OR a.status=?1) AND (?2=0 OR a.author_id=?2) AND (?5=0 " \
    "OR a.section_id=?5 OR EXISTS (SELECT 1 FROM article_section x " \
    "WHERE x.article_id=a.id AND x.section_id=?5)) "
#define DESK_COLS "SELECT a.id, a.slug, a.title, a.status, s.name, coalesce(a.author_id, 0), " \
    "coalesce(nullif(u.name, ''), u.login, a.author), coalesce(a.published_at, 0), " \
    "a.updated_at "
#define DESK_JOINS "JOIN section s ON s.id=a.section_id LEFT JOIN user u ON u.id=a.author_id "
DB_SQL(ARTICLE_ROWS) =
    DESK_COLS "FROM article a " DESK_JOINS "WHERE " DESK_COND
    "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?3 OFFSET ?4";
DB_SQL(ARTICLE_ROWS_COUNT) = "SELECT count(*) FROM article a WHERE " DESK_COND;
/* Searching: as store_search does, the newest STORE_SEARCH_MAX + 1 matches
 * (here in any state, filtered in article_state, not in the rows) ranked by
 * akhbar_rank() (rank.c; ?7 ?8 its rowid span), without its preference for
 * recent articles (drafts have no publication time); the count stops there
 * too. */
#define DESK_MATCH(cols) "SELECT " cols " FROM article_fts " \
    "CROSS JOIN article a INDEXED BY article_state ON a.id=article_fts.rowid " \
    "WHERE article_fts MATCH ?6 AND " DESK_COND \
    "ORDER BY article_fts.rowid DESC LIMIT " DB_STR(STORE_SEARCH_MAX) " + 1"
DB_SQL(ARTICLE_ROWS_MATCH) =
    "WITH m AS (" DESK_MATCH("a.id AS id, a.updated_at AS upd, "
                             "akhbar_rank(article_fts, ?7, ?8, " DB_RANK_WEIGHTS ") AS score") "), "
    "page AS (SELECT id, upd, score FROM m ORDER BY score DESC, upd DESC, id DESC "
    "LIMIT ?3 OFFSET ?4) "
    DESK_COLS "FROM page CROSS JOIN article a ON a.id=page.id " DESK_JOINS
    "ORDER BY page.score DESC, page.upd DESC, page.id DESC";
/* The count needs no score (?7 ?8 are bound to it in vain). */
DB_SQL(ARTICLE_ROWS_MATCH_COUNT) =
    "SELECT count(*) FROM (" DESK_MATCH("1") ")";
/* PostgreSQL: ?6 a tsquery (store_search_expr), ranked by ts_rank. */
#define DESK_MATCH_PG(cols) "SELECT " cols " FROM article_fts " \
    "JOIN article a ON a.id=article_fts.rowid " \
    "WHERE article_fts.tsv @@ CAST(?6 AS tsquery) AND " DESK_COND \
    "AND CAST(?7 AS bigint) <= CAST(?8 AS bigint) " \
    "ORDER BY article_fts.rowid DESC LIMIT " DB_STR(STORE_SEARCH_MAX) " + 1"
DB_SQL_PG(ARTICLE_ROWS_MATCH) =
    "WITH m AS (" DESK_MATCH_PG("a.id AS id, a.updated_at AS upd, "
                                "ts_rank(" DB_RANK_WEIGHTS_PG ", article_fts.tsv, "
                                "CAST(?6 AS tsquery), 1) AS score") "), "
    "page AS (SELECT id, upd, score FROM m ORDER BY score DESC, upd DESC, id DESC "
    "LIMIT ?3 OFFSET ?4) "
    DESK_COLS "FROM page JOIN article a ON a.id=page.id " DESK_JOINS
    "ORDER BY page.score DESC, page.upd DESC, page.id DESC";
DB_SQL_PG(ARTICLE_ROWS_MATCH_COUNT) =
    "SELECT count(*) FROM (" DESK_MATCH_PG("1") ") AS m";

enum ak_err store_article_count_status(struct store *st, int64_t author_id,
                                       int64_t counts[ARTICLE_STATUS__MAX])
{
    memset(counts, 0, ARTICLE_STATUS__MAX * sizeof *counts);
    struct db_q *s = db_stmt(st, STMT_ARTICLE_COUNT_STATUS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, author_id);
    int step;
    while ((step = db_step(s)) == DB_ROW) {
        int status = db_col_int(s, 0);
        if (status >= 0 && status < ARTICLE_STATUS__MAX)
            counts[status] = db_col_int64(s, 1);
    }
    db_done(s);
    return step == DB_DONE ? AK_OK : db_fail(st, "article count by status");
}

static int article_row_fill(struct db_q *s, struct arena *a, void *elem)
{
    struct article_row *o = elem;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->title = db_col_text(s, 2, a);
    int status = db_col_int(s, 3);
    o->status = status >= 0 && status < ARTICLE_STATUS__MAX ? status : ARTICLE_DRAFT;
    o->section_name = db_col_text(s, 4, a);
    o->author_id = db_col_int64(s, 5);
    o->author = db_col_text(s, 6, a);
    o->published_at = db_col_int64(s, 7);
    o->updated_at = db_col_int64(s, 8);
    return o->slug && o->title && o->section_name && o->author;
}

static void desk_bind(struct db_q *s, const struct article_filter *f, const char *expr,
                      int64_t lo, int64_t hi)
{
    db_bind_int(s, 1, f->status);
    db_bind_int64(s, 2, f->author_id);
    db_bind_int64(s, 5, f->section_id);
    if (expr) {
        db_bind_textn(s, 6, expr, -1);
        db_bind_int64(s, 7, lo);
        db_bind_int64(s, 8, hi);
    }
}

enum ak_err store_article_rows(struct store *st, struct arena *a, const struct article_filter *f,
                               struct article_row **out, size_t *n, size_t *total)
{
    struct db_q *s;
    const char *expr = NULL;
    *out = NULL;
    *n = 0;
    if (total)
        *total = 0;
    if (f->query) {
        enum ak_err e = store_search_expr(st, a, f->query, &expr);
        if (e)
            return e;
        if (!*expr)
            return AK_OK;               /* nothing to search for: no rows */
    }
    int64_t lo = 0, hi = 0;
    enum ak_err rc;
    if (expr && (rc = db_rank_span(st, &lo, &hi)))
        return rc;
    if (total) {
        if (!(s = db_stmt(st, expr ? STMT_ARTICLE_ROWS_MATCH_COUNT : STMT_ARTICLE_ROWS_COUNT)))
            return AK_EIO;
        desk_bind(s, f, expr, lo, hi);
        int step = db_step(s);
        *total = step == DB_ROW ? (size_t)db_col_int64(s, 0) : 0;
        db_done(s);
        if (step != DB_ROW)
            return db_fail(st, "article rows count");
    }
    if (!(s = db_stmt(st, expr ? STMT_ARTICLE_ROWS_MATCH : STMT_ARTICLE_ROWS)))
        return AK_EIO;
    desk_bind(s, f, expr, lo, hi);
    db_bind_int64(s, 3, (int64_t)f->limit);
    db_bind_int64(s, 4, (int64_t)f->offset);
    return db_rows(st, s, a, sizeof **out, article_row_fill, (void **)out, n);
}

DB_SQL_CHECK(ARTICLE_DESK);
