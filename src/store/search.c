/*
 * search.c: full-text search over article_fts (see schema.sql): the reader's
 * query (text/query.h) made into an FTS5 expression, ranking and snippets
 * (rebuilding the index is reindex.c).
 *
 * No user input reaches MATCH: the expression is built only from analyzer
 * forms, each in a quoted FTS5 string, joined by the operators written here.
 * A word becomes ( "surface" OR "alt" ... ), its query-mode alternatives; a
 * phrase (or a word the analyzer splits, like covid-19) becomes one quoted
 * string of each word's first stem form, so that "وزير الخارجية" also finds
 * "ووزير الخارجية"; the tokenizer (text/fts5_tokenizer.c) splits a quoted
 * string on spaces and takes the pieces verbatim. Words are ANDed and
 * exclusions follow as NOT. Stopword terms are dropped from the AND unless
 * nothing else is left; words inside phrases are always kept.
 */
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "base/log.h"
#include "store/db.h"
#include "store/search.h"
#include "text/analyzer.h"
#include "text/query.h"
#include "text/snippet.h"
#include "text/tsvector.h"
#include "text/utf8.h"

#define SEARCH_ALTS 8           /* alternatives kept per query word */
#define SEARCH_WORDS 32         /* words kept per phrase */
#define SEARCH_EXPR_MAX (64u << 10)     /* bytes of FTS5 expression */


/* One word of the query and the forms it may match. */
struct search_word {
    const char *forms[SEARCH_ALTS];     /* forms[0]: the surface form */
    size_t nforms;
    const char *stem;                   /* index mode: its first stem form, or NULL */
};

/* The words an analysis reported, collected by search_collect(). */
struct search_words {
    struct arena *a;
    enum text_mode mode;
    struct search_word *w;
    size_t n, cap;
    enum ak_err err;
};

/* A unit of the expression: one word (its alternatives) or a phrase. */
struct search_unit {
    int phrase;
    int stopword;               /* a single word that is a stopword */
    struct search_word *w;
    size_t n;
};

static int search_collect(void *ctx, const char *form, size_t n, size_t start, size_t end,
                          int colocated)
{
    (void)start;
    (void)end;
    struct search_words *sw = ctx;
    if (n == 0)
        return 0;
    if (!colocated) {
        if (sw->n == SEARCH_WORDS)
            return 1;                   /* enough: stop the analysis */
        if (sw->n == sw->cap) {
            size_t cap = sw->cap ? 2 * sw->cap : 4;
            struct search_word *w = arena_alloc(sw->a, cap * sizeof *w);
            if (!w) {
                sw->err = AK_ENOMEM;
                return 1;
            }
            if (sw->n)
                memcpy(w, sw->w, sw->n * sizeof *w);
            sw->w = w;
            sw->cap = cap;
        }
        struct search_word *w = &sw->w[sw->n++];
        memset(w, 0, sizeof *w);
        if (!(w->forms[0] = arena_strndup(sw->a, form, n))) {
            sw->err = AK_ENOMEM;
            return 1;
        }
        w->nforms = 1;
        return 0;
    }
    if (sw->n == 0)
        return 0;                       /* NEVER: a colocated form comes after a word */
    struct search_word *w = &sw->w[sw->n - 1];
    if (sw->mode == TEXT_MODE_INDEX) {
        if (!w->stem && form[0] == TEXT_STEM_MARK && !(w->stem = arena_strndup(sw->a, form, n)))
            sw->err = AK_ENOMEM;
        return sw->err != AK_OK;
    }
    if (w->nforms == SEARCH_ALTS)
        return 0;
    for (size_t i = 0; i < w->nforms; i++)
        if (strlen(w->forms[i]) == n && memcmp(w->forms[i], form, n) == 0)
            return 0;                   /* a duplicate alternative */
    if (!(w->forms[w->nforms++] = arena_strndup(sw->a, form, n)))
        sw->err = AK_ENOMEM;
    return sw->err != AK_OK;
}

/* Analyze s[0..n) in mode into *sw. */
static enum ak_err search_words(struct text_analyzer *an, struct arena *a, enum text_mode mode,
                                const char *s, size_t n, struct search_words *sw)
{
    memset(sw, 0, sizeof *sw);
    sw->a = a;
    sw->mode = mode;
    enum ak_err rc = text_analyze(an, mode, s, n, search_collect, sw);
    return rc ? rc : sw->err;
}

/* A quoted FTS5 string: the text between double quotes, quotes doubled. */
static void search_quote(struct buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

/* The form word i of phrase u is matched by. The first word's stem, so that
 * "وزير الخارجية" also finds "ووزير الخارجية"; a later word's surface form
 * when it has the article (in a phrase the article is agreement: "مشروع
 * الرئيس" is not "مشروع رئيس"; "الأمم المتحدة" not "الأمم والمتحدة"), else
 * its stem. */
static const char *search_phrase_form(const struct search_unit *u, size_t i)
{
    const struct search_word *w = &u->w[i];
    static const char al[] = "\xd8\xa7\xd9\x84";     /* ال */
    /* ال and at least two more letters (two bytes each): not الا or الي */
    if (i > 0 && strncmp(w->forms[0], al, 4) == 0 && strlen(w->forms[0]) > 6)
        return w->forms[0];
    return w->stem ? w->stem : w->forms[0];
}

/* The unit in PostgreSQL's tsquery: the same forms, each a quoted lexeme
 * (text/tsvector.h), a word's alternatives ORed with |, a phrase's words
 * joined by <-> (followed by). */
static void search_unit_tsquery(struct buf *b, const struct search_unit *u)
{
    buf_puts(b, "( ");
    size_t n = u->phrase ? u->n : u->w->nforms;
    for (size_t i = 0; i < n; i++) {
        const char *f = u->phrase ? search_phrase_form(u, i) : u->w->forms[i];
        if (i)
            buf_puts(b, u->phrase ? " <-> " : " | ");
        text_tsquery_lexeme(b, f, strlen(f), NULL);
    }
    buf_puts(b, " )");
}

/* The unit in the expression: FTS5's, or on PostgreSQL (pg) a tsquery's. */
static void search_unit_expr(struct buf *b, const struct search_unit *u, int pg)
{
    if (pg) {
        search_unit_tsquery(b, u);
        return;
    }
    if (u->phrase) {
        /* One quoted string; the tokenizer splits it into the phrase's words. */
        buf_putc(b, '"');
        for (size_t i = 0; i < u->n; i++) {
            const char *f = search_phrase_form(u, i);
            if (i)
                buf_putc(b, ' ');
            for (; *f; f++) {
                if (*f == '"')
                    buf_putc(b, '"');
                buf_putc(b, *f);
            }
        }
        buf_putc(b, '"');
        return;
    }
    buf_puts(b, "( ");
    for (size_t i = 0; i < u->w->nforms; i++) {
        if (i)
            buf_puts(b, " OR ");
        search_quote(b, u->w->forms[i]);
    }
    buf_puts(b, " )");
}

/* Make an item into a unit: a term of one word keeps its alternatives; a
 * phrase, or a term the analyzer splits, is a phrase of first stems. *u->n
 * is 0 when the item has nothing searchable. */
static enum ak_err search_unit(struct text_analyzer *an, struct arena *a,
                               const struct text_query_item *it, struct search_unit *u)
{
    struct search_words sw;
    enum ak_err rc;
    memset(u, 0, sizeof *u);
    if (it->kind == TEXT_QUERY_TERM) {
        if ((rc = search_words(an, a, TEXT_MODE_QUERY, it->s, it->n, &sw)))
            return rc;
        if (sw.n <= 1) {
            u->w = sw.w;
            u->n = sw.n;
            u->stopword = sw.n == 1 && text_is_stopword(sw.w[0].forms[0],
                                                        strlen(sw.w[0].forms[0]));
            return AK_OK;
        }
    }
    if ((rc = search_words(an, a, TEXT_MODE_INDEX, it->s, it->n, &sw)))
        return rc;
    u->phrase = 1;
    u->w = sw.w;
    u->n = sw.n;
    return AK_OK;
}

/* The terms a snippet marks, collected by search_expr(). */
struct search_terms {
    struct text_snippet_term *t;
    size_t n, cap;
    /* The unit of each phrase of the expression, in the order FTS5 numbers
     * them (the first 63: akhbar_phrases()' bits). */
    unsigned char unit_of[63];
    size_t nphrases;
};

static enum ak_err search_term_add(struct arena *a, struct search_terms *ts, const char *form,
                                   unsigned unit)
{
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 16;
        struct text_snippet_term *t = arena_alloc(a, cap * sizeof *t);
        if (!t)
            return AK_ENOMEM;
        if (ts->n)
            memcpy(t, ts->t, ts->n * sizeof *t);
        ts->t = t;
        ts->cap = cap;
    }
    ts->t[ts->n++] = (struct text_snippet_term){ form, strlen(form), unit };
    return AK_OK;
}

/* The forms of unit u (the unit-th kept) as snippet terms. */
static enum ak_err search_unit_terms(struct arena *a, const struct search_unit *u,
                                     unsigned unit, struct search_terms *ts)
{
    enum ak_err rc = AK_OK;
    if (u->phrase) {
        for (size_t i = 0; rc == AK_OK && i < u->n; i++)
            rc = search_term_add(a, ts, search_phrase_form(u, i), unit);
        return rc;
    }
    for (size_t i = 0; rc == AK_OK && i < u->w->nforms; i++)
        rc = search_term_add(a, ts, u->w->forms[i], unit);
    return rc;
}

/* Build the FTS5 expression (on PostgreSQL: the tsquery) for query into *expr (arena a); "" when there is
 * nothing to search for. When ts is not NULL, it gets the forms a snippet
 * should mark, by unit. */
static enum ak_err search_expr(struct store *st, struct arena *a, const char *query,
                               const char **expr, struct search_terms *ts)
{
    struct text_query q;
    *expr = "";
    if (text_query_parse(query, strlen(query), &q))
        return AK_EINVAL;
    if (q.n == 0)
        return AK_OK;
    struct text_analyzer *an = db_analyzer(st);
    if (!an)
        return AK_ENOMEM;
    struct search_unit units[TEXT_QUERY_ITEMS];
    size_t npos = 0, nkeep = 0;
    enum ak_err rc;
    for (size_t i = 0; i < q.n; i++) {
        if ((rc = search_unit(an, a, &q.items[i], &units[i])) != AK_OK)
            return rc;
        if (!q.items[i].exclude && units[i].n > 0) {
            npos++;
            nkeep += !units[i].stopword;
        }
    }
    if (npos == 0)
        return AK_OK;                   /* empty, or only exclusions */
    struct buf b;
    buf_init(&b, SEARCH_EXPR_MAX);
    int pg = store_on_pg(st), any_exclude = 0;
    unsigned kept = 0;
    for (size_t i = 0; i < q.n; i++)
        any_exclude |= q.items[i].exclude && units[i].n > 0;
    if (any_exclude)
        buf_puts(&b, "( ");
    rc = AK_OK;
    for (size_t i = 0; i < q.n && rc == AK_OK; i++) {
        if (q.items[i].exclude || units[i].n == 0)
            continue;
        if (units[i].stopword && nkeep > 0)
            continue;                   /* a stopword beside other words */
        if (kept)
            buf_puts(&b, pg ? " & " : " AND ");
        search_unit_expr(&b, &units[i], pg);
        if (ts) {
            rc = search_unit_terms(a, &units[i], kept, ts);
            size_t nph = units[i].phrase ? 1 : units[i].w->nforms;
            for (size_t k = 0; k < nph && ts->nphrases < sizeof ts->unit_of; k++)
                ts->unit_of[ts->nphrases++] = (unsigned char)kept;
        }
        kept++;
    }
    if (any_exclude)
        buf_puts(&b, " )");
    for (size_t i = 0; i < q.n; i++) {
        if (!q.items[i].exclude || units[i].n == 0)
            continue;
        buf_puts(&b, pg ? " & !" : " NOT ");
        search_unit_expr(&b, &units[i], pg);
    }
    if (rc == AK_OK)
        rc = b.err;
    if (rc == AK_OK && !(*expr = arena_strndup(a, b.p, b.n)))
        rc = AK_ENOMEM;
    buf_reset(&b);
    return rc;
}

enum ak_err store_search_expr(struct store *st, struct arena *a, const char *query,
                              const char **expr)
{
    return search_expr(st, a, query, expr, NULL);
}

/* Ranking. A frequent word matches most of the archive, and scoring every
 * match costs in proportion (a word in 60,000 articles took 400 ms). So the
 * candidates are the newest SEARCH_CANDIDATES + 1 public matches, found by
 * walking the index from the highest rowid down (ids follow arrival) and
 * looking each up in the small article_state index, not in its row; those
 * are scored with akhbar_rank() (BM25: title 10, lede 4, body 1; rank.c)
 * times a recency factor, and sorted here. A query with fewer matches than
 * that ranks all of them; a frequent one ranks the newest, which is what a
 * news reader asking for a common word wants. */
#define SEARCH_CANDIDATES STORE_SEARCH_MAX
/* Columns of article_fts (schema.sql). */
#define SEARCH_COL_LEDE 1
#define SEARCH_COL_BODY 2
/* ?1 the expression, ?2 now, ?3 ?4 the rowid span, ?5 how many. */
DB_SQL(SEARCH_CANDIDATES) =
    "SELECT a.id, a.published_at, akhbar_rank(article_fts, ?3, ?4, " DB_RANK_WEIGHTS "), "
    "akhbar_phrases(article_fts, " DB_STR(SEARCH_COL_LEDE) "), "
    "akhbar_phrases(article_fts, " DB_STR(SEARCH_COL_BODY) ") "
    "FROM article_fts CROSS JOIN article a INDEXED BY article_state "
    "ON a.id=article_fts.rowid "
    "WHERE article_fts MATCH ?1 AND a.status=3 AND a.published_at<=?2 "
    "ORDER BY article_fts.rowid DESC LIMIT ?5";
/* PostgreSQL: the same candidates, from the GIN index of the tsvectors
 * pgindex.c made; ts_rank with the same weights (title 10, lede 4, body 1:
 * its array is D, C, B, A, at most 1) instead of BM25, and every phrase
 * taken to be in the lede and the body (the snippet finds where). */
DB_SQL_PG(SEARCH_CANDIDATES) =
    "SELECT a.id, a.published_at, "
    "10 * ts_rank(" DB_RANK_WEIGHTS_PG ", f.tsv, CAST(?1 AS tsquery), 1), -1, -1 "
    "FROM article_fts f JOIN article a ON a.id=f.rowid "
    "WHERE f.tsv @@ CAST(?1 AS tsquery) AND a.status=3 AND a.published_at<=?2 "
    "AND CAST(?3 AS bigint) <= CAST(?4 AS bigint) "
    "ORDER BY f.rowid DESC LIMIT ?5";
DB_SQL(SEARCH_HIT) =
    "SELECT a.slug, a.title, a.lede, a.source, s.slug, s.name, a.body_text "
    "FROM article a JOIN section s ON s.id=a.section_id WHERE a.id=?1";

_Static_assert(STORE_MARK_OPEN == TEXT_SNIPPET_OPEN && STORE_MARK_CLOSE == TEXT_SNIPPET_CLOSE,
               "snippets are marked as store.h says");

struct search_cand {
    int64_t id, published_at;
    double score;
    uint64_t lede, body;        /* the phrases each has (bit 1 << phrase) */
};

/* Best first: the higher score, then the newer id. */
static int search_cand_cmp(const void *x, const void *y)
{
    const struct search_cand *a = x, *b = y;
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* The ranked candidates of expr into *out (arena a), best first. */
static enum ak_err search_rank(struct store *st, struct arena *a, const char *expr,
                               int64_t now, struct search_cand **out, size_t *n)
{
    int64_t lo, hi;
    enum ak_err rc = db_rank_span(st, &lo, &hi);
    if (rc)
        return rc;
    struct search_cand *c = arena_alloc(a, (SEARCH_CANDIDATES + 1) * sizeof *c);
    struct db_q *s = db_stmt(st, STMT_SEARCH_CANDIDATES);
    if (!c || !s)
        return c ? AK_EIO : AK_ENOMEM;
    db_bind_textn(s, 1, expr, -1);
    db_bind_int64(s, 2, now);
    db_bind_int64(s, 3, lo);
    db_bind_int64(s, 4, hi);
    db_bind_int(s, 5, SEARCH_CANDIDATES + 1);
    size_t k = 0;
    int step;
    while ((step = db_step(s)) == DB_ROW && k <= SEARCH_CANDIDATES) {
        c[k].id = db_col_int64(s, 0);
        c[k].published_at = db_col_int64(s, 1);
        c[k].lede = (uint64_t)db_col_int64(s, 3);
        c[k].body = (uint64_t)db_col_int64(s, 4);
        /* Recency: up to 1.3 for an article published now. */
        c[k].score = db_col_double(s, 2) * db_recency(now, c[k].published_at, 0.3);
        k++;
    }
    db_done(s);
    if (step != DB_ROW && step != DB_DONE)
        return db_fail(st, "search");
    qsort(c, k, sizeof *c, search_cand_cmp);
    *out = c;
    *n = k;
    return AK_OK;
}

/* The units of the phrases in mask (akhbar_phrases()' bits). */
static uint32_t search_units(const struct search_terms *ts, uint64_t mask)
{
    uint32_t units = 0;
    for (size_t i = 0; i < ts->nphrases; i++)
        if (mask & (uint64_t)1 << i)
            units |= (uint32_t)1 << (ts->unit_of[i] < 32 ? ts->unit_of[i] : 31);
    return units;
}

/* Fill hit (id, score, published_at set) from its article, with a snippet of
 * its body around the terms, else of its lede: only from a column where FTS5
 * found a match, expecting the units it found there (c: the candidate). */
static enum ak_err search_hit_load(struct store *st, struct arena *a,
                                   const struct search_terms *ts, const struct search_cand *c,
                                   struct search_hit *h)
{
    struct db_q *s = db_stmt(st, STMT_SEARCH_HIT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, h->id);
    int step = db_step(s);
    if (step != DB_ROW) {
        db_done(s);
        return step == DB_DONE ? AK_ENOTFOUND : db_fail(st, "search hit");
    }
    enum ak_err rc = AK_OK;
    h->slug = db_col_text(s, 0, a);
    h->title = db_col_text(s, 1, a);
    h->lede = db_col_text(s, 2, a);
    h->source = db_col_text(s, 3, a);
    h->section_slug = db_col_text(s, 4, a);
    h->section_name = db_col_text(s, 5, a);
    h->snippet = NULL;
    if (!h->slug || !h->title || !h->lede || !h->source || !h->section_slug ||
        !h->section_name)
        rc = AK_ENOMEM;
    struct text_analyzer *an = db_analyzer(st);
    if (rc == AK_OK && !an)
        rc = AK_ENOMEM;
    if (rc == AK_OK && c->body) {
        const char *body = (const char *)db_col_str(s, 6);
        rc = text_snippet(an, a, body ? body : "", (size_t)db_col_bytes(s, 6), ts->t,
                          ts->n, STORE_SNIPPET_TOKENS, search_units(ts, c->body),
                          &h->snippet);
    }
    if (rc == AK_OK && !h->snippet && c->lede)
        rc = text_snippet(an, a, h->lede, strlen(h->lede), ts->t, ts->n,
                          STORE_SNIPPET_TOKENS, search_units(ts, c->lede), &h->snippet);
    if (rc == AK_EINVAL) {
        h->snippet = NULL;              /* NEVER: stored text is valid UTF-8 */
        rc = AK_OK;
    }
    db_done(s);
    return rc;
}

enum ak_err store_search(struct store *st, struct arena *a, const char *query, size_t offset,
                         size_t limit, struct search_hit **out, size_t *n, size_t *total)
{
    const char *expr;
    struct search_terms ts = { 0 };
    *out = NULL;
    *n = 0;
    if (total)
        *total = 0;
    enum ak_err rc = search_expr(st, a, query, &expr, &ts);
    if (rc || !*expr)
        return rc;
    struct search_cand *c = NULL;
    size_t k = 0;
    if ((rc = search_rank(st, a, expr, db_now(), &c, &k)))
        return rc;
    if (total)
        *total = k;
    if (offset >= k || limit == 0)
        return AK_OK;
    size_t m = k - offset < limit ? k - offset : limit;
    struct search_hit *hits = arena_alloc(a, m * sizeof *hits);
    if (!hits)
        return AK_ENOMEM;
    size_t got = 0;
    for (size_t i = 0; i < m; i++) {
        struct search_hit *h = &hits[got];
        memset(h, 0, sizeof *h);
        h->id = c[offset + i].id;
        h->published_at = c[offset + i].published_at;
        h->score = c[offset + i].score;
        rc = search_hit_load(st, a, &ts, &c[offset + i], h);
        if (rc == AK_ENOTFOUND)
            continue;                   /* NEVER: same read transaction */
        if (rc)
            return rc;
        got++;
    }
    *out = hits;
    *n = got;
    return AK_OK;
}

DB_SQL_CHECK(SEARCH);
