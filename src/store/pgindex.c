/*
 * pgindex.c: the search index on PostgreSQL. SQLite's FTS5 table is kept by
 * triggers that run akhbar's tokenizer inside SQLite; PostgreSQL cannot run
 * it, so the store makes each article's tsvector here, from the same
 * analyzer tokens (text/tsvector.h: title weighted A, lede B, body D), and
 * stores it in article_fts (pg/schema.sql), under a GIN index.
 *
 * What waits to be indexed is in article_fts_pending, which triggers fill (a
 * new article, a changed title, lede or body), each with a count of its
 * changes: an entry is removed only if no change came while it was being
 * indexed. store_commit indexes what waits after every commit on PostgreSQL
 * (db_index_pending, through st->after_commit), so a search sees an
 * article once the transaction that saved it has committed; any node may do
 * it, and doing it twice writes the same row.
 */
#include "base/log.h"
#include "store/db.h"
#include "text/tsvector.h"

#define PGINDEX_BATCH 64        /* articles indexed per transaction */
#define PGINDEX_ANALYZE_AFTER 256       /* articles indexed at once: ANALYZE */

/* On SQLite the triggers keep the index: these find and write nothing there. */
DB_SQL(PGINDEX_PENDING) = "SELECT id, title, lede, body_text, 0 FROM article WHERE 0";
DB_SQL(PGINDEX_PUT) = "SELECT ?1, ?2 WHERE 0";
DB_SQL(PGINDEX_DONE) = "SELECT ?1, ?2 WHERE 0";
DB_SQL(PGINDEX_ALL) = "SELECT 0 WHERE 0";
DB_SQL(PGINDEX_ANALYZE) = "SELECT 0 WHERE 0";
DB_SQL_PG(PGINDEX_PENDING) =
    "SELECT a.id, a.title, a.lede, a.body_text, p.n FROM article_fts_pending p "
    "JOIN article a ON a.id=p.article_id ORDER BY p.article_id LIMIT " DB_STR(PGINDEX_BATCH);
DB_SQL_PG(PGINDEX_DONE) = "DELETE FROM article_fts_pending WHERE article_id=?1 AND n=?2";
/* After many articles at once (an import): the planner's figures of the
 * index, before autovacuum gets to them. */
DB_SQL_PG(PGINDEX_ANALYZE) = "ANALYZE article_fts";
DB_SQL_PG(PGINDEX_ALL) =
    "INSERT INTO article_fts_pending(article_id) SELECT id FROM article "
    "ON CONFLICT(article_id) DO UPDATE SET n=article_fts_pending.n+1";
DB_SQL_PG(PGINDEX_PUT) =
    "INSERT INTO article_fts(rowid, tsv) SELECT ?1, CAST(?2 AS tsvector) "
    "WHERE EXISTS (SELECT 1 FROM article WHERE id=?1) "
    "ON CONFLICT(rowid) DO UPDATE SET tsv=excluded.tsv";
DB_SQL_CHECK(PGINDEX);

struct pgindex_row {
    int64_t id, n;
    struct text_tsv_column col[3];
};

static int pgindex_row(struct db_q *s, struct arena *a, void *elem)
{
    struct pgindex_row *o = elem;
    static const char weight[3] = { 'A', 'B', 'D' };
    o->id = db_col_int64(s, 0);
    for (int i = 0; i < 3; i++) {
        o->col[i].s = db_col_text(s, i + 1, a);
        o->col[i].n = (size_t)db_col_bytes(s, i + 1);
        o->col[i].weight = weight[i];
        if (!o->col[i].s)
            return 0;
    }
    o->n = db_col_int64(s, 4);
    return 1;
}

/* Index one batch, in its own transaction unless the caller has one open;
 * *n gets how many were waiting. */
static enum ak_err pgindex_batch(struct store *st, size_t *n)
{
    struct arena a;
    arena_init(&a, 0);
    struct pgindex_row *rows = NULL;
    struct db_q *s = db_stmt(st, STMT_PGINDEX_PENDING);
    enum ak_err rc = s ? db_rows(st, s, &a, sizeof *rows, pgindex_row, (void **)&rows, n)
                       : AK_EIO;
    struct text_analyzer *an = db_analyzer(st);
    if (rc == AK_OK && *n && !an)
        rc = AK_ENOMEM;
    int own = !db_in_tx(st);
    if (rc == AK_OK && *n && own)
        rc = db_exec_stmt(st, db_stmt(st, STMT_BEGIN));
    for (size_t i = 0; rc == AK_OK && i < *n; i++) {
        char *tsv = NULL;
        size_t tn = 0;
        enum ak_err e = text_tsvector(an, &a, rows[i].col, 3, &tsv, &tn, NULL);
        if (e == AK_EINVAL) {           /* stored text is UTF-8: NEVER */
            log_error("search index: article %lld: not valid text: indexed empty",
                      (long long)rows[i].id);
            tsv = "";
            tn = 0;
        } else if (e) {
            rc = e;
            break;
        }
        if (!(s = db_stmt(st, STMT_PGINDEX_PUT))) {
            rc = AK_EIO;
            break;
        }
        db_bind_int64(s, 1, rows[i].id);
        db_bind_textn(s, 2, tsv, (int)tn);
        if ((rc = db_exec_stmt(st, s)))
            break;
        if (!(s = db_stmt(st, STMT_PGINDEX_DONE))) {
            rc = AK_EIO;
            break;
        }
        db_bind_int64(s, 1, rows[i].id);
        db_bind_int64(s, 2, rows[i].n);
        rc = db_exec_stmt(st, s);
    }
    if (*n && own && rc == AK_OK)
        rc = db_exec_stmt(st, db_stmt(st, STMT_COMMIT));
    else if (*n && own && db_in_tx(st))
        db_exec_stmt(st, db_stmt(st, STMT_ROLLBACK));
    arena_reset(&a);
    return rc;
}

enum ak_err db_index_all(struct store *st)
{
    return st->pg ? db_exec_stmt(st, db_stmt(st, STMT_PGINDEX_ALL)) : AK_OK;
}

enum ak_err db_index_pending(struct store *st)
{
    if (!st->pg || st->protect)
        return AK_OK;                   /* SQLite's triggers did it; a reader writes nothing */
    size_t n, total = 0;
    enum ak_err rc;
    do {
        rc = pgindex_batch(st, &n);
        total += n;
    } while (rc == AK_OK && n == PGINDEX_BATCH);
    if (rc == AK_OK && total >= PGINDEX_ANALYZE_AFTER)
        rc = db_exec_stmt(st, db_stmt(st, STMT_PGINDEX_ANALYZE));
    if (rc)
        log_error("search index: articles wait to be indexed: %s", ak_strerror(rc));
    return rc;
}
