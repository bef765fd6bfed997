/*
 * related.c: "مقالات ذات صلة" computed from the text itself.
 *
 * An article's most distinctive stems (tf-idf: sublinear term frequency, the
 * title's stems counted three times, document frequencies from the search
 * index's own vocabulary; stopwords, numbers and short words left out) make
 * an OR query over the index; bm25 ranks the candidates, with small
 * preferences for recent ones and for the same section; the best few, never
 * the article itself, are stored in article_related. Done when an
 * article is saved, and again for recent articles when new ones arrive, so
 * that page views only read a short list.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "store/db.h"
#include "text/analyzer.h"

#define RELATED_TERMS 12        /* stems in the similarity query */
#define RELATED_KEEP 4          /* related articles stored per article */
#define RELATED_MAX_DISTINCT 4096
#define RELATED_TITLE_WEIGHT 3  /* a stem in the title counts three times */
/* Candidates are the articles within this many ids of the article: ids follow
 * arrival, so this is a window in time, and it bounds the cost of the query
 * whatever the size of the archive (FTS5 skips postings outside it). */
#define RELATED_WINDOW 20000

static const char sql_related_text[] =
    "SELECT title, lede, body_text FROM article WHERE id=?1";
static const char sql_related_docs[] =
    "SELECT count(*) FROM article WHERE status=3";
static const char sql_related_df[] =
    "SELECT doc FROM article_fts_vocab WHERE term=?1";
static const char sql_related_query[] =
    "SELECT a.id, bm25(article_fts, 3.0, 2.0, 1.0) * "
    "(1.0 + 0.15 / (1.0 + max(0, ?3 - a.published_at) / 2592000.0)) * "
    "(CASE WHEN a.section_id=(SELECT section_id FROM article WHERE id=?2) THEN 1.2 ELSE 1.0 END) "
    "AS score "
    "FROM article_fts JOIN article a ON a.id=article_fts.rowid "
    "WHERE article_fts MATCH ?1 AND article_fts.rowid BETWEEN ?5 AND ?6 "
    "AND a.id<>?2 AND a.status=3 AND a.published_at<=?3 "
    "ORDER BY score LIMIT ?4";
static const char sql_related_clear[] = "DELETE FROM article_related WHERE article_id=?1";
static const char sql_related_add[] =
    "INSERT INTO article_related(article_id, related_id, rank, score) VALUES(?1, ?2, ?3, ?4)";
static const char sql_related_recent[] =
    "SELECT id FROM article WHERE status=3 AND published_at<=?1 "
    "ORDER BY published_at DESC, id DESC LIMIT ?2";

struct rel_term {
    char *form;                 /* "~stem", in the arena */
    size_t n;
    int tf;
    double weight;
};

struct rel_collect {
    struct arena *a;
    struct rel_term *terms;
    size_t nterms;
    int factor;                 /* RELATED_TITLE_WEIGHT for the title, else 1 */
    int skip_word;              /* the current word is a stopword or a number */
    int stem_seen;              /* the current word's first stem is counted */
};

static int rel_form(void *ctx, const char *form, size_t n, size_t start, size_t end, int col)
{
    struct rel_collect *c = ctx;
    (void)start; (void)end;
    if (!col) {
        int digits = 1;
        for (size_t i = 0; i < n && digits; i++)
            digits = form[i] >= '0' && form[i] <= '9';
        c->skip_word = digits || n < 4 || text_is_stopword(form, n);   /* n: bytes */
        c->stem_seen = 0;
        return 0;
    }
    if (c->skip_word || c->stem_seen || form[0] != TEXT_STEM_MARK)
        return 0;
    c->stem_seen = 1;
    for (size_t i = 0; i < c->nterms; i++)
        if (c->terms[i].n == n && memcmp(c->terms[i].form, form, n) == 0) {
            c->terms[i].tf += c->factor;
            return 0;
        }
    if (c->nterms == RELATED_MAX_DISTINCT)
        return 0;
    char *copy = arena_strndup(c->a, form, n);
    if (!copy)
        return 1;
    c->terms[c->nterms++] = (struct rel_term){ copy, n, c->factor, 0 };
    return 0;
}

static int rel_by_weight(const void *x, const void *y)
{
    const struct rel_term *a = x, *b = y;
    return a->weight < b->weight ? 1 : a->weight > b->weight ? -1 : strcmp(a->form, b->form);
}

enum ak_err store_related_compute(struct store *st, int64_t id)
{
    struct arena a;
    arena_init(&a, 16u << 20);
    enum ak_err rc = AK_OK;
    struct rel_collect c = { .a = &a };
    struct text_analyzer *an = db_analyzer(st);
    sqlite3_stmt *s = db_stmt(st, sql_related_text);
    if (!s || !an || !(c.terms = arena_alloc(&a, RELATED_MAX_DISTINCT * sizeof *c.terms))) {
        rc = s ? AK_ENOMEM : AK_EIO;
        goto done;
    }
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        db_done(s);
        rc = AK_ENOTFOUND;
        goto done;
    }
    for (int col = 0; col < 3 && rc == AK_OK; col++) {
        const char *text = (const char *)sqlite3_column_text(s, col);
        c.factor = col == 0 ? RELATED_TITLE_WEIGHT : 1;
        if (text)
            rc = text_analyze(an, TEXT_MODE_INDEX, text, (size_t)sqlite3_column_bytes(s, col),
                              rel_form, &c);
    }
    db_done(s);
    if (rc)
        goto done;
    /* idf from the index: how many articles have each stem. */
    double ndocs = 1;
    if ((s = db_stmt(st, sql_related_docs)) && sqlite3_step(s) == SQLITE_ROW)
        ndocs = (double)sqlite3_column_int64(s, 0) + 1;
    db_done(s);
    if (!(s = db_stmt(st, sql_related_df))) {
        rc = AK_EIO;
        goto done;
    }
    for (size_t i = 0; i < c.nterms; i++) {
        sqlite3_bind_text(s, 1, c.terms[i].form, (int)c.terms[i].n, SQLITE_STATIC);
        double df = sqlite3_step(s) == SQLITE_ROW ? (double)sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
        /* A stem only this article has relates it to nothing; one that many
         * articles have relates it to everything (and costs the most to
         * query). */
        c.terms[i].weight = df > 1 && df <= (ndocs < 20 ? ndocs / 2 : ndocs / 10)
            ? (1 + log(c.terms[i].tf)) * log(ndocs / df) : 0;
    }
    db_done(s);
    qsort(c.terms, c.nterms, sizeof *c.terms, rel_by_weight);
    struct buf q;
    buf_init(&q, 1 << 16);
    for (size_t i = 0; i < c.nterms && i < RELATED_TERMS && c.terms[i].weight > 0; i++)
        buf_printf(&q, "%s\"%s\"", i ? " OR " : "", c.terms[i].form);
    if (q.err) {
        rc = q.err;
        buf_reset(&q);
        goto done;
    }
    if (!(s = db_stmt(st, sql_related_clear))) {
        rc = AK_EIO;
        buf_reset(&q);
        goto done;
    }
    sqlite3_bind_int64(s, 1, id);
    if ((rc = db_exec_stmt(st, s)) || q.n == 0) {
        buf_reset(&q);
        goto done;
    }
    int64_t ids[RELATED_KEEP];
    double scores[RELATED_KEEP];
    size_t n = 0;
    if (!(s = db_stmt(st, sql_related_query))) {
        rc = AK_EIO;
        buf_reset(&q);
        goto done;
    }
    sqlite3_bind_text(s, 1, q.p, (int)q.n, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int64(s, 3, db_now());
    sqlite3_bind_int(s, 4, RELATED_KEEP);
    sqlite3_bind_int64(s, 5, id - RELATED_WINDOW);
    sqlite3_bind_int64(s, 6, id + RELATED_WINDOW);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && n < RELATED_KEEP) {
        ids[n] = sqlite3_column_int64(s, 0);
        scores[n++] = sqlite3_column_double(s, 1);
    }
    db_done(s);
    buf_reset(&q);
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        rc = db_fail(st, "related query");
        goto done;
    }
    for (size_t i = 0; i < n && rc == AK_OK; i++) {
        if (!(s = db_stmt(st, sql_related_add))) {
            rc = AK_EIO;
            break;
        }
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, ids[i]);
        sqlite3_bind_int64(s, 3, (int64_t)i);
        sqlite3_bind_double(s, 4, scores[i]);
        rc = db_exec_stmt(st, s);
    }
done:
    arena_reset(&a);
    return rc;
}

enum ak_err store_related_refresh(struct store *st, size_t recent)
{
    struct arena a;
    arena_init(&a, 0);
    sqlite3_stmt *s = db_stmt(st, sql_related_recent);
    if (!s)
        return AK_EIO;
    sqlite3_bind_int64(s, 1, db_now());
    sqlite3_bind_int64(s, 2, (sqlite3_int64)recent);
    int64_t *ids = arena_alloc(&a, (recent + 1) * sizeof *ids);
    size_t n = 0;
    while (ids && sqlite3_step(s) == SQLITE_ROW && n < recent)
        ids[n++] = sqlite3_column_int64(s, 0);
    db_done(s);
    enum ak_err rc = ids ? AK_OK : AK_ENOMEM;
    /* One savepoint: one commit (and fsync) for all, inside or outside a
     * caller's transaction. */
    if (rc == AK_OK && (rc = db_savepoint(st)) == AK_OK) {
        for (size_t i = 0; i < n && rc == AK_OK; i++)
            rc = store_related_compute(st, ids[i]);
        if (rc)
            db_rollback_to(st);
        else
            rc = db_release(st);
    }
    arena_reset(&a);
    return rc;
}
