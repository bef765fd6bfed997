/*
 * rank.c: the FTS5 auxiliary functions of the store, registered on every
 * connection beside the tokenizer (db.c):
 *
 *   akhbar_rank(article_fts, LO, HI, W0, W1, W2)
 *       Okapi BM25 of the current row, as FTS5's bm25() computes it (k1 1.2,
 *       b 0.75, each phrase's hits weighted by column, length from all
 *       columns), but positive (higher is better) and with document
 *       frequencies that cost a bounded walk instead of a walk of every
 *       match (see rank_df). LO and HI are the smallest and largest rowid
 *       of the table; W0.. the weights of the columns.
 *
 *   akhbar_phrases(article_fts, COL)
 *       The phrases of the query that the current row has in column COL, as
 *       a bit mask (1 << phrase, the first 63 phrases): a snippet is cut only
 *       from a column that has a match, and knows which words to expect.
 *
 *   akhbar_df(article_fts, LO, HI, EXACT)
 *       The number of rows, then the document frequency of each phrase of
 *       the query, estimated as rank_df does but counting at most EXACT rows
 *       a phrase, as a blob of doubles. Called on one row of an OR of terms,
 *       it gives related.c the frequencies of many terms in one statement.
 *
 * Why not bm25(): it counts, before the first row, every row that contains
 * each phrase of the query (xQueryPhrase to the end). For a word in most of
 * the archive that alone is several milliseconds a phrase, and a query word
 * is an OR of a surface form and its stems. Here a single-word phrase's rows
 * are counted up to RANK_DF_EXACT; beyond that the count is extrapolated
 * from how far into the table's rowids the first RANK_DF_EXACT of them
 * reach. Rowids follow arrival, so this assumes the word is about as
 * frequent in the rest of the archive as in its oldest part: only the weight
 * of a frequent word (its idf is small anyway) depends on it. A phrase of
 * several words is not counted at all (finding its rows means checking the
 * positions of every row that has all its words, as costly as the query
 * itself): it is taken to be in RANK_PHRASE_DF rows, a specific phrase. When
 * a query is that one phrase, every row has it and the choice changes no
 * order; beside other words it weighs like a rare term, which quoting says.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "store/db.h"
#include "text/fts5_tokenizer.h"

#define RANK_DF_EXACT 250       /* rows of a phrase counted before extrapolating */
#define RANK_PHRASE_DF 10       /* the document frequency taken for a phrase of words */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_COLS 8             /* weights accepted */

/* What a statement's rows share: computed on its first row (xSetAuxdata). */
struct rank_stats {
    int nphrase, ncol;
    double w[RANK_COLS];        /* the columns' weights (W0..) */
    double avgdl;               /* mean tokens a row */
    double *idf;                /* per phrase */
    double *freq;               /* per phrase, scratch for each row */
};

struct rank_walk {
    sqlite3_int64 n, last, exact;
};

static int rank_walk_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
    struct rank_walk *w = ctx;
    w->last = api->xRowid(fts);
    return ++w->n == w->exact ? SQLITE_DONE : SQLITE_OK;
}

/* The number of rows containing phrase i: exact below `exact`, else
 * extrapolated over the rowids lo..hi; RANK_PHRASE_DF for a phrase of
 * several words. */
static int rank_df(const Fts5ExtensionApi *api, Fts5Context *fts, int i, sqlite3_int64 lo,
                   sqlite3_int64 hi, sqlite3_int64 exact, double *df)
{
    if (api->xPhraseSize(fts, i) > 1) {
        *df = RANK_PHRASE_DF;
        return SQLITE_OK;
    }
    struct rank_walk w = { 0, 0, exact > 0 ? exact : 1 };
    int rc = api->xQueryPhrase(fts, i, &w, rank_walk_row);
    if (rc != SQLITE_OK)
        return rc;
    if (w.n < w.exact || w.last <= lo || hi <= lo) {
        *df = (double)w.n;
        return SQLITE_OK;
    }
    /* The first n rows lie in lo..last: scale to lo..hi. */
    *df = (double)w.n * ((double)(hi - lo) + 1) / ((double)(w.last - lo) + 1);
    return SQLITE_OK;
}

/* Integer argument i, or def when it is missing or NULL. */
static sqlite3_int64 rank_arg_int(sqlite3_value **argv, int argc, int i, sqlite3_int64 def)
{
    return i < argc && sqlite3_value_type(argv[i]) != SQLITE_NULL ? sqlite3_value_int64(argv[i])
                                                                    : def;
}

static void rank_stats_free(void *p)
{
    struct rank_stats *s = p;
    if (s) {
        free(s->idf);
        free(s);
    }
}

/* The statement's rank_stats, made on its first row from akhbar_rank()'s
 * arguments; NULL after setting an error on ctx. */
static struct rank_stats *rank_stats(const Fts5ExtensionApi *api, Fts5Context *fts,
                                     sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct rank_stats *s = api->xGetAuxdata(fts, 0);
    if (s)
        return s;
    int np = api->xPhraseCount(fts);
    sqlite3_int64 nrow = 0, ntok = 0;
    int rc = SQLITE_NOMEM;
    if (!(s = calloc(1, sizeof *s)) || !(s->idf = calloc((size_t)np + 1, 2 * sizeof *s->idf)))
        goto fail;
    s->nphrase = np;
    s->ncol = api->xColumnCount(fts);
    s->freq = s->idf + np + 1;
    for (int c = 0; c < RANK_COLS; c++)
        s->w[c] = c + 2 < argc ? sqlite3_value_double(argv[c + 2]) : 1.0;
    sqlite3_int64 lo = rank_arg_int(argv, argc, 0, 1), hi = rank_arg_int(argv, argc, 1, 1);
    if ((rc = api->xRowCount(fts, &nrow)) || (rc = api->xColumnTotalSize(fts, -1, &ntok)))
        goto fail;
    s->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1;
    if (s->avgdl <= 0)
        s->avgdl = 1;
    for (int i = 0; i < np; i++) {
        double df;
        if ((rc = rank_df(api, fts, i, lo, hi, RANK_DF_EXACT, &df)))
            goto fail;
        /* FTS5's bm25(): a phrase in more than half the rows still counts a little. */
        double idf = log(((double)nrow - df + 0.5) / (df + 0.5));
        s->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }
    if ((rc = api->xSetAuxdata(fts, s, rank_stats_free)) == SQLITE_OK)
        return s;
    s = NULL;                           /* xSetAuxdata freed it */
fail:
    rank_stats_free(s);
    sqlite3_result_error_code(ctx, rc);
    return NULL;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int argc, sqlite3_value **argv)
{
    struct rank_stats *s = rank_stats(api, fts, ctx, argc, argv);
    if (!s)
        return;
    memset(s->freq, 0, (size_t)s->nphrase * sizeof *s->freq);
    int ninst = 0, len = 0, rc = api->xInstCount(fts, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, col, off;
        if ((rc = api->xInst(fts, i, &phrase, &col, &off)) == SQLITE_OK && phrase >= 0 &&
            phrase < s->nphrase && col >= 0 && col < s->ncol)
            s->freq[phrase] += col < RANK_COLS ? s->w[col] : 1.0;
    }
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &len);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double norm = RANK_K1 * (1 - RANK_B + RANK_B * (double)len / s->avgdl), score = 0;
    for (int i = 0; i < s->nphrase; i++)
        if (s->freq[i] > 0)
            score += s->idf[i] * s->freq[i] * (RANK_K1 + 1) / (s->freq[i] + norm);
    sqlite3_result_double(ctx, score);
}

static void rank_phrases_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                            sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int want = argc > 0 ? sqlite3_value_int(argv[0]) : 0;
    int ninst = 0, rc = api->xInstCount(fts, &ninst);
    sqlite3_int64 mask = 0;
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, col, off;
        if ((rc = api->xInst(fts, i, &phrase, &col, &off)) == SQLITE_OK && col == want &&
            phrase >= 0 && phrase < 63)
            mask |= (sqlite3_int64)1 << phrase;
    }
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int64(ctx, mask);
}

static void rank_df_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv)
{
    sqlite3_int64 lo = rank_arg_int(argv, argc, 0, 1), hi = rank_arg_int(argv, argc, 1, 1);
    sqlite3_int64 exact = rank_arg_int(argv, argc, 2, RANK_DF_EXACT), nrow = 0;
    int np = api->xPhraseCount(fts);
    double *df = sqlite3_malloc64(((sqlite3_uint64)np + 1) * sizeof *df);
    int rc = df ? api->xRowCount(fts, &nrow) : SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        df[0] = (double)nrow;
    for (int i = 0; rc == SQLITE_OK && i < np; i++)
        rc = rank_df(api, fts, i, lo, hi, exact, &df[i + 1]);
    if (rc != SQLITE_OK) {
        sqlite3_free(df);
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_blob64(ctx, df, ((sqlite3_uint64)np + 1) * sizeof *df, sqlite3_free);
}

double db_recency(int64_t now, int64_t published_at, double boost)
{
    int64_t age = now - published_at;
    return 1.0 + boost / (1.0 + (double)(age > 0 ? age : 0) / 2592000.0);
}

/* Two subqueries: min() and max() in one SELECT would scan the table. */
DB_SQL(RANK_SPAN) =
    "SELECT (SELECT min(id) FROM article), (SELECT max(id) FROM article)";

enum ak_err db_rank_span(struct store *st, int64_t *lo, int64_t *hi)
{
    struct db_q *s = db_stmt(st, STMT_RANK_SPAN);
    if (!s)
        return AK_EIO;
    int step = db_step(s);
    *lo = step == DB_ROW ? db_col_int64(s, 0) : 0;
    *hi = step == DB_ROW ? db_col_int64(s, 1) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "article span");
}

enum ak_err db_rank_register(sqlite3 *db)
{
    fts5_api *api = text_fts5_api(db);
    if (!api || api->iVersion < 2 ||
        api->xCreateFunction(api, "akhbar_rank", NULL, rank_fn, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "akhbar_phrases", NULL, rank_phrases_fn, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "akhbar_df", NULL, rank_df_fn, NULL) != SQLITE_OK) {
        log_error("search index: cannot register the ranking functions: %s",
                  sqlite3_errmsg(db));
        return AK_EIO;
    }
    return AK_OK;
}

DB_SQL_CHECK(RANK);
