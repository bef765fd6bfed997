/*
 * search.c: full-text search over article_fts (see schema.sql): the reader's
 * query (text/query.h) made into an FTS5 expression, ranking, snippets, and
 * rebuilding the index.
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
#include <string.h>
#include "base/buf.h"
#include "base/log.h"
#include "store/db.h"
#include "text/analyzer.h"
#include "text/query.h"
#include "text/utf8.h"

#define SEARCH_ALTS 8           /* alternatives kept per query word */
#define SEARCH_WORDS 32         /* words kept per phrase */
#define SEARCH_EXPR_MAX (64u << 10)     /* bytes of FTS5 expression */
#define SEARCH_REINDEX_BATCH 256        /* articles read at a time by store_reindex */

#define SEARCH_STR_(x) #x
#define SEARCH_STR(x) SEARCH_STR_(x)

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

static void search_unit_expr(struct buf *b, const struct search_unit *u)
{
    if (u->phrase) {
        /* One quoted string; the tokenizer splits it into the phrase's words. */
        buf_putc(b, '"');
        for (size_t i = 0; i < u->n; i++) {
            const char *f = u->w[i].stem ? u->w[i].stem : u->w[i].forms[0];
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

/* Build the FTS5 expression for query into *expr (arena a); "" when there is
 * nothing to search for. */
static enum ak_err search_expr(struct store *st, struct arena *a, const char *query,
                               const char **expr)
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
    int first = 1, any_exclude = 0;
    for (size_t i = 0; i < q.n; i++)
        any_exclude |= q.items[i].exclude && units[i].n > 0;
    if (any_exclude)
        buf_puts(&b, "( ");
    for (size_t i = 0; i < q.n; i++) {
        if (q.items[i].exclude || units[i].n == 0)
            continue;
        if (units[i].stopword && nkeep > 0)
            continue;                   /* a stopword beside other words */
        if (!first)
            buf_puts(&b, " AND ");
        first = 0;
        search_unit_expr(&b, &units[i]);
    }
    if (any_exclude)
        buf_puts(&b, " )");
    for (size_t i = 0; i < q.n; i++) {
        if (!q.items[i].exclude || units[i].n == 0)
            continue;
        buf_puts(&b, " NOT ");
        search_unit_expr(&b, &units[i]);
    }
    rc = b.err;
    if (rc == AK_OK && !(*expr = arena_strndup(a, b.p, b.n)))
        rc = AK_ENOMEM;
    buf_reset(&b);
    return rc;
}

enum ak_err store_search_expr(struct store *st, struct arena *a, const char *query,
                              const char **expr)
{
    return search_expr(st, a, query, expr);
}

/* ?1 the expression, ?2 now, ?3 limit, ?4 offset. The window function runs
 * over a subquery because bm25() cannot be used beside one. Recency: a factor
 * from 1.3 (published now) falling to 1 with a 30-day half-life of its
 * excess; bm25 is negative (more negative is better), so smaller is better. */
#define SEARCH_VISIBLE "a.status=3 AND a.published_at<=?2"
static const char sql_search[] =
    "WITH hit AS (SELECT a.id AS id, bm25(article_fts, 10.0, 4.0, 1.0) * "
    "(1.0 + 0.3 / (1.0 + max(?2 - a.published_at, 0) / 2592000.0)) AS score "
    "FROM article_fts CROSS JOIN article a ON a.id=article_fts.rowid "
    "WHERE article_fts MATCH ?1 AND " SEARCH_VISIBLE "), "
    "page AS (SELECT id, score, count(*) OVER () AS total FROM hit "
    "ORDER BY score, id DESC LIMIT ?3 OFFSET ?4) "
    "SELECT a.id, a.slug, a.title, a.lede, a.source, a.published_at, s.slug, s.name, "
    "page.score, page.total FROM page JOIN article a ON a.id=page.id "
    "JOIN section s ON s.id=a.section_id ORDER BY page.score, page.id DESC";
static const char sql_search_count[] =
    "SELECT count(*) FROM article_fts CROSS JOIN article a ON a.id=article_fts.rowid "
    "WHERE article_fts MATCH ?1 AND " SEARCH_VISIBLE;
/* Column 2 is body_text, 1 the lede (schema.sql's article_fts). */
static const char sql_search_snippet[] =
    "SELECT snippet(article_fts, 2, char(1), char(2), '…', "
    SEARCH_STR(STORE_SNIPPET_TOKENS) "), "
    "snippet(article_fts, 1, char(1), char(2), '…', " SEARCH_STR(STORE_SNIPPET_TOKENS) ") "
    "FROM article_fts WHERE article_fts MATCH ?1 AND rowid=?2";

struct search_row {
    struct search_hit hit;
    int64_t total;
};

static int search_row(sqlite3_stmt *s, struct arena *a, void *elem)
{
    struct search_row *o = elem;
    struct search_hit *h = &o->hit;
    h->id = sqlite3_column_int64(s, 0);
    h->slug = db_col_text(s, 1, a);
    h->title = db_col_text(s, 2, a);
    h->lede = db_col_text(s, 3, a);
    h->source = db_col_text(s, 4, a);
    h->published_at = sqlite3_column_int64(s, 5);
    h->section_slug = db_col_text(s, 6, a);
    h->section_name = db_col_text(s, 7, a);
    h->score = -sqlite3_column_double(s, 8);
    h->snippet = NULL;
    o->total = sqlite3_column_int64(s, 9);
    return h->slug && h->title && h->lede && h->source && h->section_slug && h->section_name;
}

/* The snippet column i if it holds a match and is valid UTF-8, else NULL;
 * *rc gets AK_ENOMEM when the copy fails. */
static const char *search_snippet_col(sqlite3_stmt *s, int i, struct arena *a, enum ak_err *rc)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    if (!t || !memchr(t, STORE_MARK_OPEN, n))
        return NULL;
    if (!utf8_valid(t, n))
        return NULL;                    /* NEVER: FTS5 cuts at token offsets */
    const char *copy = arena_strndup(a, t, n);
    if (!copy)
        *rc = AK_ENOMEM;
    return copy;
}

/* Fill hit->snippet: the body around the matches, else the lede's. */
static enum ak_err search_snippet(struct store *st, struct arena *a, const char *expr,
                                  struct search_hit *hit)
{
    sqlite3_stmt *s = db_stmt(st, sql_search_snippet);
    if (!s)
        return AK_EIO;
    sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, hit->id);
    enum ak_err rc = AK_OK;
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        hit->snippet = search_snippet_col(s, 0, a, &rc);
        if (!hit->snippet && rc == AK_OK)
            hit->snippet = search_snippet_col(s, 1, a, &rc);
    } else if (step != SQLITE_DONE) {
        rc = db_fail(st, "search snippet");
    }
    db_done(s);
    return rc;
}

enum ak_err store_search(struct store *st, struct arena *a, const char *query, size_t offset,
                         size_t limit, struct search_hit **out, size_t *n, size_t *total)
{
    const char *expr;
    *out = NULL;
    *n = 0;
    if (total)
        *total = 0;
    enum ak_err rc = search_expr(st, a, query, &expr);
    if (rc || !*expr || limit == 0)
        return rc;
    int64_t now = db_now();
    sqlite3_stmt *s = db_stmt(st, sql_search);
    if (!s)
        return AK_EIO;
    sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_int64(s, 3, limit > INT64_MAX ? INT64_MAX : (sqlite3_int64)limit);
    sqlite3_bind_int64(s, 4, offset > INT64_MAX ? INT64_MAX : (sqlite3_int64)offset);
    struct search_row *rows;
    size_t k;
    if ((rc = db_rows(st, s, a, sizeof *rows, search_row, (void **)&rows, &k)))
        return rc;
    struct search_hit *hits = arena_alloc(a, (k ? k : 1) * sizeof *hits);
    if (!hits)
        return AK_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        hits[i] = rows[i].hit;
        if ((rc = search_snippet(st, a, expr, &hits[i])))
            return rc;
    }
    *out = hits;
    *n = k;
    if (!total)
        return AK_OK;
    if (k > 0) {
        *total = (size_t)rows[0].total;
        return AK_OK;
    }
    if (offset == 0)
        return AK_OK;                   /* no rows at all: the total is 0 */
    if (!(s = db_stmt(st, sql_search_count)))   /* past the end: count apart */
        return AK_EIO;
    sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, now);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *total = (size_t)sqlite3_column_int64(s, 0);
    db_done(s);
    return step == SQLITE_ROW ? AK_OK : db_fail(st, "search count");
}

/* ---- rebuilding ---- */

static const char sql_reindex_rebuild[] =
    "INSERT INTO article_fts(article_fts) VALUES('rebuild')";
static const char sql_reindex_next[] =
    "SELECT id, body_md FROM article WHERE id>?1 ORDER BY id LIMIT "
    SEARCH_STR(SEARCH_REINDEX_BATCH);
/* Only a changed body_text fires the index trigger (schema.sql). */
static const char sql_reindex_set[] =
    "UPDATE article SET body_text=?2 WHERE id=?1 AND body_text IS NOT ?2";
static const char sql_reindex_optimize[] =
    "INSERT INTO article_fts(article_fts) VALUES('optimize')";
static const char sql_reindex_done[] = "DELETE FROM setting WHERE key='reindex'";

struct reindex_row {
    int64_t id;
    const char *md;
    size_t n;
};

static int reindex_row(sqlite3_stmt *s, struct arena *a, void *elem)
{
    struct reindex_row *o = elem;
    o->id = sqlite3_column_int64(s, 0);
    o->md = db_col_text(s, 1, a);
    o->n = (size_t)sqlite3_column_bytes(s, 1);
    return o->md != NULL;
}

/* The body of store_reindex, inside its transaction. The index is rebuilt
 * first, from the text as stored: then every 'delete' the update trigger
 * issues names exactly what the index holds, even if the analyzer changed
 * since the text was indexed (a mismatched 'delete' corrupts an FTS5 index). */
static enum ak_err reindex_all(struct store *st, store_plaintext_fn plaintext, size_t *count)
{
    enum ak_err rc;
    if ((rc = db_exec_stmt(st, db_stmt(st, sql_reindex_rebuild))))
        return rc;
    int64_t last = 0;
    for (;;) {
        struct arena a;
        arena_init(&a, 0);
        sqlite3_stmt *s = db_stmt(st, sql_reindex_next);
        struct reindex_row *rows = NULL;
        size_t k = 0;
        if (!s)
            rc = AK_EIO;
        else {
            sqlite3_bind_int64(s, 1, last);
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
            if (!(s = db_stmt(st, sql_reindex_set))) {
                rc = AK_EIO;
                break;
            }
            sqlite3_bind_int64(s, 1, rows[i].id);
            sqlite3_bind_text(s, 2, text, (int)ntext, SQLITE_STATIC);
            rc = db_exec_stmt(st, s);
            last = rows[i].id;
        }
        arena_reset(&a);
        if (rc)
            return rc;
        *count += k;
        if (k < SEARCH_REINDEX_BATCH)
            break;
    }
    if ((rc = db_exec_stmt(st, db_stmt(st, sql_reindex_optimize))) ||
        (rc = store_setting_set(st, "analyzer", TEXT_ANALYZER_VERSION,
                                strlen(TEXT_ANALYZER_VERSION))))
        return rc;
    return db_exec_stmt(st, db_stmt(st, sql_reindex_done));
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
