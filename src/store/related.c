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
#include "base/buf.h"
#include "base/hash.h"
#include "base/log.h"
#include "store/db.h"
#include "text/tsvector.h"
#include "store/related.h"
#include "text/analyzer.h"


#define RELATED_TERMS 12        /* stems in the similarity query */
#define RELATED_KEEP 4          /* related articles stored per article */
#define RELATED_MAX_DISTINCT 4096
#define RELATED_TITLE_WEIGHT 3  /* a stem in the title counts three times */
#define RELATED_DF_EXACT 100    /* rows a stem's frequency is counted up to (rank.c) */
/* Candidates are the articles within this many ids of the article: ids follow
 * arrival, so this is a window in time, and it bounds the cost of the query
 * whatever the size of the archive (FTS5 skips postings outside it). */
#define RELATED_WINDOW 20000

DB_SQL(RELATED_TEXT) =
    "SELECT title, lede, body_text, section_id FROM article WHERE id=?1";
/* ?1 every stem ORed, ?2 ?3 the rowid span: on the first row, the number of
 * articles and each stem's document frequency (rank.c). */
DB_SQL(RELATED_DF) =
    "SELECT akhbar_df(article_fts, ?2, ?3, " DB_STR(RELATED_DF_EXACT) ") "
    "FROM article_fts WHERE article_fts MATCH ?1 LIMIT 1";
/* ?1 the chosen stems ORed, ?2 the article, ?3 now, ?4 ?5 the rowid span,
 * ?6 ?7 the window. Candidates are looked up in article_state (schema.sql),
 * not in their rows. */
DB_SQL(RELATED_QUERY) =
    "SELECT a.id, a.published_at, a.section_id, "
    "akhbar_rank(article_fts, ?4, ?5, 3.0, 2.0, 1.0) "
    "FROM article_fts CROSS JOIN article a INDEXED BY article_state "
    "ON a.id=article_fts.rowid "
    "WHERE article_fts MATCH ?1 AND article_fts.rowid BETWEEN ?6 AND ?7 "
    "AND a.id<>?2 AND a.status=3 AND a.published_at<=?3";
/* PostgreSQL has no akhbar_df: the same numbers, counted exactly on the GIN
 * index (a term a row: ?1 is their tsquery 'a' | 'b'), as text, "ndocs df1
 * df2 ..." (rel_df reads it); candidates are ranked by ts_rank with the
 * weights of BM25's columns here (3, 2, 1). */
DB_SQL_PG(RELATED_DF) =
    "SELECT (SELECT count(*) FROM article_fts) || ' ' || coalesce(string_agg("
    "(SELECT count(*) FROM article_fts WHERE tsv @@ CAST(u.t AS tsquery))::text, ' ' "
    "ORDER BY u.o), '') FROM unnest(string_to_array(?1, ' | ')) WITH ORDINALITY AS u(t, o) "
    "WHERE CAST(?2 AS bigint) <= CAST(?3 AS bigint)";
DB_SQL_PG(RELATED_QUERY) =
    "SELECT a.id, a.published_at, a.section_id, "
    "3 * ts_rank('{0.333, 0.333, 0.667, 1.0}', f.tsv, CAST(?1 AS tsquery), 1) "
    "FROM article_fts f JOIN article a ON a.id=f.rowid "
    "WHERE f.tsv @@ CAST(?1 AS tsquery) AND f.rowid BETWEEN ?6 AND ?7 "
    "AND a.id<>?2 AND a.status=3 AND a.published_at<=?3 "
    "AND CAST(?4 AS bigint) <= CAST(?5 AS bigint)";
DB_SQL(RELATED_CLEAR) = "DELETE FROM article_related WHERE article_id=?1";
DB_SQL(RELATED_ADD) =
    "INSERT INTO article_related(article_id, related_id, rank, score) VALUES(?1, ?2, ?3, ?4)";
DB_SQL(RELATED_DONE) =
    "INSERT OR REPLACE INTO related_done(article_id, at) VALUES(?1, ?2)";
DB_SQL_PG(RELATED_DONE) =
    "INSERT INTO related_done(article_id, at) VALUES(?1, ?2) "
    "ON CONFLICT(article_id) DO UPDATE SET at=excluded.at";
/* Public articles without a computed list, newest first (article_state's
 * order; each probe is a primary-key lookup). */
DB_SQL(RELATED_MISSING) =
    "SELECT a.id FROM article a INDEXED BY article_state WHERE a.status=3 AND "
    "a.published_at<=?1 AND NOT EXISTS (SELECT 1 FROM related_done d "
    "WHERE d.article_id=a.id) ORDER BY a.id DESC LIMIT ?2";
DB_SQL(RELATED_RECENT) =
    "SELECT id FROM article WHERE status=3 AND published_at<=?1 "
    "ORDER BY published_at DESC, id DESC LIMIT ?2";

struct rel_term {
    char *form;                 /* "~stem", in the arena */
    size_t n;
    int tf;
    double df;                  /* articles that have it */
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

/* Document frequencies already looked up, shared by the computations of one
 * refresh (store_related_refresh): articles of the same days share most of
 * their stems, and a frequency moves little in the meantime. Open
 * addressing over arena copies of the stems. */
#define REL_CACHE_MAX 65536     /* stems kept; more are looked up each time */

struct rel_cache {
    struct arena a;
    struct rel_slot {
        const char *form;       /* NULL: empty */
        size_t n;
        double df;
    } *slot;
    size_t cap, n;
    double ndocs;               /* articles, from the last lookup */
};

static struct rel_slot *rel_cache_find(struct rel_cache *k, const char *form, size_t n)
{
    size_t i = (size_t)hash_bytes(form, n) & (k->cap - 1);
    while (k->slot[i].form && (k->slot[i].n != n || memcmp(k->slot[i].form, form, n) != 0))
        i = (i + 1) & (k->cap - 1);
    return &k->slot[i];
}

static void rel_cache_put(struct rel_cache *k, const char *form, size_t n, double df)
{
    if (k->n >= REL_CACHE_MAX)
        return;
    if (2 * (k->n + 1) > k->cap) {      /* at most half full */
        size_t cap = k->cap ? 2 * k->cap : 1024;
        struct rel_slot *old = k->slot, *slot = arena_alloc(&k->a, cap * sizeof *slot);
        size_t oldcap = k->cap;
        if (!slot)
            return;                     /* a cache: lookups go on without it */
        memset(slot, 0, cap * sizeof *slot);
        k->slot = slot;
        k->cap = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].form)
                *rel_cache_find(k, old[i].form, old[i].n) = old[i];
    }
    struct rel_slot *sl = rel_cache_find(k, form, n);
    if (sl->form)
        return;
    if (!(sl->form = arena_strndup(&k->a, form, n)))
        return;
    sl->n = n;
    sl->df = df;
    k->n++;
}

/* Append form to the OR of terms q: FTS5's "a" OR "b", or on PostgreSQL
 * the tsquery 'a' | 'b'. */
static void rel_or(struct store *st, struct buf *q, const char *form, int first)
{
    if (st->pg) {
        if (!first)
            buf_puts(q, " | ");
        text_tsquery_lexeme(q, form, strlen(form), NULL);
    } else {
        buf_printf(q, "%s\"%s\"", first ? "" : " OR ", form);
    }
}

/* PostgreSQL's RELATED_DF: "ndocs df1 df2 ..." into doubles kept in b
 * (emptied: the query text is bound no more); their count. */
static size_t rel_df_text(const char *t, struct buf *b, const double **out)
{
    size_t n = 0;
    b->n = 0;
    for (const char *p = t ? t : ""; *p;) {
        char *e;
        double v = strtod(p, &e);
        if (e == p)
            break;
        buf_append(b, &v, sizeof v);
        n++;
        p = e;
    }
    *out = b->err ? NULL : (const double *)(void *)b->p;
    return b->err ? 0 : n;
}

/* Each term's document frequency, and the number of articles (*ndocs): from
 * the cache k (may be NULL) when it has them, the others in one statement (an
 * OR of them, asked on its first row), then kept in k. */
static enum ak_err rel_df(struct store *st, struct rel_collect *c, struct rel_cache *k,
                          int64_t lo, int64_t hi, double *ndocs)
{
    struct buf q;
    buf_init(&q, 0);
    size_t missing = 0;
    for (size_t i = 0; i < c->nterms; i++) {
        struct rel_slot *sl = k && k->cap ? rel_cache_find(k, c->terms[i].form, c->terms[i].n)
                                          : NULL;
        c->terms[i].df = sl && sl->form ? sl->df : -1;
        if (c->terms[i].df < 0)
            rel_or(st, &q, c->terms[i].form, missing++ == 0);
    }
    *ndocs = k ? k->ndocs : 0;
    if (missing == 0 && *ndocs > 0)
        return AK_OK;
    enum ak_err rc = q.err;
    struct db_q *s = rc ? NULL : db_stmt(st, STMT_RELATED_DF);
    if (!s) {
        buf_reset(&q);
        return rc ? rc : AK_EIO;
    }
    db_bind_textn(s, 1, q.n ? q.p : "\"\"", -1);
    db_bind_int64(s, 2, lo);
    db_bind_int64(s, 3, hi);
    int step = db_step(s);
    const double *df = NULL;
    size_t n = 0;
    if (step == DB_ROW && st->pg)
        n = rel_df_text(db_col_str(s, 0), &q, &df);
    else if (step == DB_ROW) {
        df = db_col_blob(s, 0);
        n = (size_t)db_col_bytes(s, 0) / sizeof *df;
    }
    if (step != DB_ROW && step != DB_DONE)
        rc = db_fail(st, "related df");
    if (n > 0)
        *ndocs = df[0];
    for (size_t i = 0, j = 1; rc == AK_OK && i < c->nterms; i++) {
        if (c->terms[i].df >= 0)
            continue;
        c->terms[i].df = j < n ? df[j] : 0;     /* no row: no article has them */
        j++;
        if (k)
            rel_cache_put(k, c->terms[i].form, c->terms[i].n, c->terms[i].df);
    }
    if (k && n > 0)
        k->ndocs = df[0];
    db_done(s);
    buf_reset(&q);
    return rc;
}

struct rel_hit {
    int64_t id;
    double score;
};

/* store_related_compute, with the frequencies cache k (may be NULL). */
static enum ak_err rel_compute(struct store *st, int64_t id, struct rel_cache *cache)
{
    struct arena a;
    arena_init(&a, 16u << 20);
    enum ak_err rc = AK_OK;
    struct rel_collect c = { .a = &a };
    struct text_analyzer *an = db_analyzer(st);
    struct db_q *s = db_stmt(st, STMT_RELATED_TEXT);
    int64_t now = db_now();
    struct buf q;
    buf_init(&q, 1 << 16);
    if (!s || !an || !(c.terms = arena_alloc(&a, RELATED_MAX_DISTINCT * sizeof *c.terms))) {
        rc = s ? AK_ENOMEM : AK_EIO;
        goto done;
    }
    db_bind_int64(s, 1, id);
    if (db_step(s) != DB_ROW) {
        db_done(s);
        rc = AK_ENOTFOUND;
        goto done;
    }
    int64_t section = db_col_int64(s, 3);
    for (int col = 0; col < 3 && rc == AK_OK; col++) {
        const char *text = (const char *)db_col_str(s, col);
        c.factor = col == 0 ? RELATED_TITLE_WEIGHT : 1;
        if (text)
            rc = text_analyze(an, TEXT_MODE_INDEX, text, (size_t)db_col_bytes(s, col),
                              rel_form, &c);
    }
    db_done(s);
    int64_t lo, hi;
    double ndocs = 0;
    if (rc || (rc = db_rank_span(st, &lo, &hi)) ||
        (c.nterms > 0 && (rc = rel_df(st, &c, cache, lo, hi, &ndocs))))
        goto done;
    ndocs += 1;
    for (size_t i = 0; i < c.nterms; i++) {
        double df = c.terms[i].df;
        /* A stem only this article has relates it to nothing; one that many
         * articles have relates it to everything (and costs the most to
         * query). */
        c.terms[i].weight = df > 1 && df <= (ndocs < 20 ? ndocs / 2 : ndocs / 10)
            ? (1 + log(c.terms[i].tf)) * log(ndocs / df) : 0;
    }
    qsort(c.terms, c.nterms, sizeof *c.terms, rel_by_weight);
    for (size_t i = 0; i < c.nterms && i < RELATED_TERMS && c.terms[i].weight > 0; i++)
        rel_or(st, &q, c.terms[i].form, i == 0);
    if ((rc = q.err))
        goto done;
    if (!(s = db_stmt(st, STMT_RELATED_CLEAR))) {
        rc = AK_EIO;
        goto done;
    }
    db_bind_int64(s, 1, id);
    if ((rc = db_exec_stmt(st, s)))
        goto done;
    if (q.n == 0)
        goto mark;                      /* nothing distinctive: an empty list */
    /* The best RELATED_KEEP, by BM25 with small preferences for recent
     * articles and the same section. */
    struct rel_hit best[RELATED_KEEP];
    size_t n = 0;
    if (!(s = db_stmt(st, STMT_RELATED_QUERY))) {
        rc = AK_EIO;
        goto done;
    }
    db_bind_textn(s, 1, q.p, (int)q.n);
    db_bind_int64(s, 2, id);
    db_bind_int64(s, 3, now);
    db_bind_int64(s, 4, lo);
    db_bind_int64(s, 5, hi);
    db_bind_int64(s, 6, id - RELATED_WINDOW);
    db_bind_int64(s, 7, id + RELATED_WINDOW);
    int step;
    while ((step = db_step(s)) == DB_ROW) {
        struct rel_hit h = {
            db_col_int64(s, 0),
            db_col_double(s, 3) * db_recency(now, db_col_int64(s, 1), 0.15) *
                (db_col_int64(s, 2) == section ? 1.2 : 1.0),
        };
        /* Insert into best[], kept in order: higher score, then newer id. */
        size_t k = n;
        while (k > 0 && (best[k - 1].score < h.score ||
                         (best[k - 1].score == h.score && best[k - 1].id < h.id)))
            k--;
        if (k == RELATED_KEEP)
            continue;
        if (n < RELATED_KEEP)
            n++;
        memmove(&best[k + 1], &best[k], (n - 1 - k) * sizeof *best);
        best[k] = h;
    }
    db_done(s);
    if (step != DB_DONE) {
        rc = db_fail(st, "related query");
        goto done;
    }
    for (size_t i = 0; i < n && rc == AK_OK; i++) {
        if (!(s = db_stmt(st, STMT_RELATED_ADD))) {
            rc = AK_EIO;
            break;
        }
        db_bind_int64(s, 1, id);
        db_bind_int64(s, 2, best[i].id);
        db_bind_int64(s, 3, (int64_t)i);
        db_bind_double(s, 4, best[i].score);
        rc = db_exec_stmt(st, s);
    }
mark:
    if (rc == AK_OK && (s = db_stmt(st, STMT_RELATED_DONE))) {
        db_bind_int64(s, 1, id);
        db_bind_int64(s, 2, now);
        rc = db_exec_stmt(st, s);
    } else if (rc == AK_OK) {
        rc = AK_EIO;
    }
done:
    buf_reset(&q);
    arena_reset(&a);
    return rc;
}

enum ak_err store_related_compute(struct store *st, int64_t id)
{
    return rel_compute(st, id, NULL);
}

/* Compute the lists of the articles statement s (bound ?1 now, ?2 max)
 * selects, at most max, with one frequency cache, under one savepoint: one
 * commit (and fsync) for all, inside or outside a caller's transaction. *n
 * (may be NULL) gets how many. */
static enum ak_err rel_compute_selected(struct store *st, enum db_stmt_id sid, size_t max,
                                        size_t *n)
{
    enum ak_err irc = db_index_pending(st);     /* PostgreSQL: what was just saved */
    if (irc)
        return irc;
    struct arena a;
    arena_init(&a, 0);
    struct db_q *s = db_stmt(st, sid);
    int64_t *ids = arena_alloc(&a, (max + 1) * sizeof *ids);
    size_t k = 0;
    if (n)
        *n = 0;
    if (!s || !ids) {
        arena_reset(&a);
        return s ? AK_ENOMEM : AK_EIO;
    }
    db_bind_int64(s, 1, db_now());
    db_bind_int64(s, 2, (int64_t)max);
    int step;
    while ((step = db_step(s)) == DB_ROW && k < max)
        ids[k++] = db_col_int64(s, 0);
    db_done(s);
    enum ak_err rc = step == DB_DONE || step == DB_ROW ? AK_OK
                                                               : db_fail(st, "related articles");
    if (rc == AK_OK && k > 0 && (rc = db_savepoint(st)) == AK_OK) {
        struct rel_cache cache = { .cap = 0 };
        arena_init(&cache.a, 0);
        for (size_t i = 0; i < k && rc == AK_OK; i++)
            rc = rel_compute(st, ids[i], &cache);
        arena_reset(&cache.a);
        if (rc)
            db_rollback_to(st);
        else
            rc = db_release(st);
    }
    if (rc == AK_OK && n)
        *n = k;
    arena_reset(&a);
    return rc;
}

enum ak_err store_related_refresh(struct store *st, size_t recent)
{
    return rel_compute_selected(st, STMT_RELATED_RECENT, recent, NULL);
}

enum ak_err store_related_backfill(struct store *st, size_t max, size_t *done)
{
    return rel_compute_selected(st, STMT_RELATED_MISSING, max, done);
}

DB_SQL_CHECK(RELATED);
