/*
 * reindex.c: rebuilding the search index (article_fts, schema.sql) after an
 * upgrade or a change of the analyzer: every article's body_text is made
 * again from its Markdown, and the index follows through its triggers.
 */
#include <string.h>
#include "base/log.h"
#include "store/db.h"
#include "store/search.h"
#include "text/analyzer.h"

#define REINDEX_BATCH 256       /* articles read at a time by store_reindex */

DB_SQL(REINDEX_REBUILD) =
    "INSERT INTO article_fts(article_fts) VALUES('rebuild')";
DB_SQL_PG(REINDEX_REBUILD) = "SELECT 1";
DB_SQL(REINDEX_NEXT) =
    "SELECT id, body_md FROM article WHERE id>?1 ORDER BY id LIMIT "
    DB_STR(REINDEX_BATCH);
/* Only a changed body_text fires the index trigger (schema.sql). */
DB_SQL(REINDEX_SET) =
    "UPDATE article SET body_text=?2 WHERE id=?1 AND body_text IS NOT ?2";
/* PostgreSQL's index is made by the store (store_index_pending): a row
 * without its article_fts row is indexed at the next commit. */
DB_SQL_PG(REINDEX_SET) =
    "UPDATE article SET body_text=?2 WHERE id=?1 AND body_text IS DISTINCT FROM ?2";
DB_SQL(REINDEX_OPTIMIZE) =
    "INSERT INTO article_fts(article_fts) VALUES('optimize')";
DB_SQL_PG(REINDEX_OPTIMIZE) = "SELECT count(*) FROM article_fts";
DB_SQL(REINDEX_DONE) = "DELETE FROM setting WHERE key='reindex'";

struct reindex_row {
    int64_t id;
    const char *md;
    size_t n;
};

static int reindex_row(struct db_q *s, struct arena *a, void *elem)
{
    struct reindex_row *o = elem;
    o->id = db_col_int64(s, 0);
    o->md = db_col_text(s, 1, a);
    o->n = (size_t)db_col_bytes(s, 1);
    return o->md != NULL;
}

/* The body of store_reindex, inside its transaction. The index is rebuilt
 * first, from the text as stored: then every 'delete' the update trigger
 * issues names exactly what the index holds, even if the analyzer changed
 * since the text was indexed (a mismatched 'delete' corrupts an FTS5 index). */
static enum ak_err reindex_all(struct store *st, store_plaintext_fn plaintext, size_t *count)
{
    enum ak_err rc;
    if ((rc = db_exec_stmt(st, db_stmt(st, STMT_REINDEX_REBUILD))) ||
        (rc = db_index_all(st)))        /* PostgreSQL: made again after the commit */
        return rc;
    int64_t last = 0;
    for (;;) {
        struct arena a;
        arena_init(&a, 0);
        struct db_q *s = db_stmt(st, STMT_REINDEX_NEXT);
        struct reindex_row *rows = NULL;
        size_t k = 0;
        if (!s)
            rc = AK_EIO;
        else {
            db_bind_int64(s, 1, last);
            rc = db_rows(st, s, &a, sizeof *rows, reindex_row, (void **)&rows, &k);
        }
        for (size_t i = 0; rc == AK_OK && i < k; i++) {
            const char *text = "";
            size_t ntext = 0;
            enum ak_err e = plaintext(&a, rows[i].md, rows[i].n, &text, &ntext);
            if (e == AK_ENOMEM) {
                rc = e;
                break;
            }
            if (e != AK_OK) {
                log_error("reindex: article %lld: body: %s (indexed without it)",
                          (long long)rows[i].id, ak_strerror(e));
                text = "";
                ntext = 0;
            }
            if (!(s = db_stmt(st, STMT_REINDEX_SET))) {
                rc = AK_EIO;
                break;
            }
            db_bind_int64(s, 1, rows[i].id);
            db_bind_textn(s, 2, text, (int)ntext);
            rc = db_exec_stmt(st, s);
            last = rows[i].id;
        }
        arena_reset(&a);
        if (rc)
            return rc;
        *count += k;
        if (k < REINDEX_BATCH)
            break;
    }
    if ((rc = db_exec_stmt(st, db_stmt(st, STMT_REINDEX_OPTIMIZE))) ||
        (rc = store_setting_set(st, "analyzer", TEXT_ANALYZER_VERSION,
                                strlen(TEXT_ANALYZER_VERSION))))
        return rc;
    return db_exec_stmt(st, db_stmt(st, STMT_REINDEX_DONE));
}

enum ak_err store_reindex(struct store *st, store_plaintext_fn plaintext, size_t *count)
{
    size_t k = 0;
    enum ak_err rc = store_begin(st);
    if (rc)
        return rc;
    if ((rc = reindex_all(st, plaintext, &k)) == AK_OK)
        rc = store_commit(st);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if (count)
        *count = k;
    return AK_OK;
}

int store_reindex_needed(struct store *st)
{
    char v[16];
    size_t n = 0;
    if (store_setting_get(st, "reindex", v, sizeof v, &n) == AK_OK)
        return 1;                       /* a migration asked for it */
    /* An index made by another version of the analyzer is stale. */
    if (store_setting_get(st, "analyzer", v, sizeof v, &n) != AK_OK)
        return 1;
    return n != strlen(TEXT_ANALYZER_VERSION) || memcmp(v, TEXT_ANALYZER_VERSION, n) != 0;
}

DB_SQL_CHECK(REINDEX);
