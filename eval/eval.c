/*
 * eval.c: `make eval`: how well akhbar's search finds what Arabic readers look
 * for, measured on a judged set written for the project (corpus.ndjson,
 * queries.json; see README.md), next to SQLite FTS5's own unicode61
 * tokenizer (remove_diacritics 2) on the same articles and queries.
 *
 * For each stemmer choice (light, snowball, both) the corpus is imported with
 * the real importer into a fresh database and every query goes through the
 * real store_search(), so the figures are the product's. Metrics at 10:
 * recall, nDCG (binary gains) and MRR, per query kind and overall. Targets
 * (checked, and counted as "N passed, N failed" for the test runner): the
 * default stemmer's nDCG@10 >= 0.92, and no precision query with a wrong
 * article first.
 *
 * With AKHBAR_EVAL_PG set to the URI of an empty PostgreSQL database, the
 * default stemmer runs there too (its search: tsvectors, ts_rank) and shows
 * as the last column, held to the same nDCG@10 target and to no more than
 * 0.01 below SQLite's.
 *
 * Usage: eval [--verbose] [DIR]   (DIR holds corpus.ndjson and queries.json)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include "base/log.h"
#include "ingest/ingest.h"
#include "store/search.h"
#include "store/section.h"
#include "store/store.h"
#include "text/analyzer.h"

#define K 10
#define MAX_DOCS 1024
#define MAX_QUERIES 512
#define MAX_REL 32
#define MAX_KINDS 32

struct query {
    const char *id, *q, *kind;
    const char *rel[MAX_REL];
    size_t nrel;
};

static char *keys[MAX_DOCS];            /* corpus line i (0-based) -> key; id = i + 1 */
static size_t ndocs;
static struct query queries[MAX_QUERIES];
static size_t nqueries;
static int verbose;

struct score {
    double recall, ndcg, mrr;
    int wrong_first;                    /* a non-relevant article ranked first */
};

/* Metrics of one ranked list of keys against q's judgments. */
static struct score score_of(const struct query *q, char **ranked, size_t n)
{
    struct score s = { 0, 0, 0, 0 };
    double dcg = 0, idcg = 0;
    size_t found = 0;
    for (size_t i = 0; i < n && i < K; i++) {
        int rel = 0;
        for (size_t j = 0; j < q->nrel; j++)
            rel |= strcmp(ranked[i], q->rel[j]) == 0;
        if (rel) {
            found++;
            dcg += 1.0 / log2((double)i + 2);
            if (s.mrr == 0)
                s.mrr = 1.0 / ((double)i + 1);
        } else if (i == 0) {
            s.wrong_first = 1;
        }
    }
    for (size_t i = 0; i < q->nrel && i < K; i++)
        idcg += 1.0 / log2((double)i + 2);
    s.recall = q->nrel ? (double)found / (double)(q->nrel < K ? q->nrel : K) : 0;
    s.ndcg = idcg > 0 ? dcg / idcg : 0;
    return s;
}

static int load(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus.ndjson", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 0;
    }
    char line[65536];
    while (fgets(line, sizeof line, f) && ndocs < MAX_DOCS) {
        json_t *o = json_loads(line, 0, NULL);
        const char *key = o ? json_string_value(json_object_get(o, "key")) : NULL;
        if (!key) {
            fprintf(stderr, "%s:%zu: no key\n", path, ndocs + 1);
            return 0;
        }
        keys[ndocs++] = strdup(key);
        json_decref(o);
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/queries.json", dir);
    json_error_t err;
    json_t *arr = json_load_file(path, 0, &err);
    if (!json_is_array(arr)) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
        return 0;
    }
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o) {
        if (nqueries == MAX_QUERIES)
            break;
        struct query *q = &queries[nqueries++];
        q->id = strdup(json_string_value(json_object_get(o, "id")));
        q->q = strdup(json_string_value(json_object_get(o, "q")));
        q->kind = strdup(json_string_value(json_object_get(o, "kind")));
        size_t j;
        json_t *r;
        json_array_foreach(json_object_get(o, "relevant"), j, r)
            if (q->nrel < MAX_REL)
                q->rel[q->nrel++] = strdup(json_string_value(r));
    }
    json_decref(arr);
    return ndocs > 0 && nqueries > 0;
}

/* ---- akhbar: the real importer and store_search ---- */

/* uri: an empty PostgreSQL database, or NULL for a fresh SQLite file. */
static int run_akhbar(const char *dir, enum text_stemmer stemmer, const char *uri,
                      struct score *out)
{
    char db[256], path[1024];
    snprintf(db, sizeof db, "/tmp/akhbar-eval-%d-%d.db", (int)getpid(), (int)stemmer);
    if (uri)
        snprintf(db, sizeof db, "%s", uri);
    else
        unlink(db);
    text_set_default_stemmer(stemmer);
    struct store *st;
    if (store_open(db, STORE_CREATE, &st) != AK_OK)
        return 0;
    static const char *const secs[] = { "world", "economy", "sports", "technology", "culture" };
    for (size_t i = 0; i < 5; i++)
        store_section_add(st, secs[i], secs[i], NULL);
    snprintf(path, sizeof path, "%s/corpus.ndjson", dir);
    struct ingest_report rep = { 0 };
    if (ingest_import(st, path, INGEST_NDJSON, NULL, 1, stderr, &rep) != AK_OK ||
        rep.imported != ndocs) {
        fprintf(stderr, "eval: import failed (%zu of %zu)\n", rep.imported, ndocs);
        store_close(st);
        return 0;
    }
    /* On PostgreSQL every commit indexes what waits; one more makes sure. */
    if (store_begin(st) != AK_OK || store_commit(st) != AK_OK) {
        store_close(st);
        return 0;
    }
    for (size_t i = 0; i < nqueries; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct search_hit *hits;
        size_t n = 0, total = 0;
        char *ranked[K];
        size_t m = 0;
        if (store_search(st, &a, queries[i].q, 0, K, &hits, &n, &total) == AK_OK)
            for (size_t j = 0; j < n && m < K; j++)
                if (hits[j].id >= 1 && (size_t)hits[j].id <= ndocs)
                    ranked[m++] = keys[hits[j].id - 1];
        out[i] = score_of(&queries[i], ranked, m);
        if (verbose && (out[i].ndcg < 1 || out[i].wrong_first)) {
            printf("  %-8s %-5s %-14s %-28s got:", uri ? "pg" : text_stemmer_names[stemmer],
                   queries[i].id, queries[i].kind, queries[i].q);
            for (size_t j = 0; j < m; j++)
                printf(" %s", ranked[j]);
            printf("  want:");
            for (size_t j = 0; j < queries[i].nrel; j++)
                printf(" %s", queries[i].rel[j]);
            printf("\n");
        }
        arena_reset(&a);
    }
    store_close(st);
    if (uri)
        return 1;
    unlink(db);
    snprintf(path, sizeof path, "%s-wal", db);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db);
    unlink(path);
    return 1;
}

/* ---- the reference: FTS5 unicode61 remove_diacritics 2 ---- */

/* The same query syntax (words ANDed, "phrases", -exclusions) as FTS5 strings. */
static void baseline_match(const char *q, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = 0;
    const char *p = q;
    char excl[4096] = "";
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        int neg = *p == '-';
        if (neg)
            p++;
        const char *s, *e;
        if (*p == '"') {
            s = ++p;
            e = strchr(p, '"');
            if (!e)
                e = p + strlen(p);
            p = *e ? e + 1 : e;
        } else {
            s = p;
            while (*p && *p != ' ')
                p++;
            e = p;
        }
        char term[1024];
        size_t t = 0;
        term[t++] = '"';
        for (const char *c = s; c < e && t < sizeof term - 3; c++) {
            if (*c == '"')
                term[t++] = '"';
            term[t++] = *c;
        }
        term[t++] = '"';
        term[t] = 0;
        if (neg)
            snprintf(excl + strlen(excl), sizeof excl - strlen(excl), " NOT %s", term);
        else
            o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " AND " : "", term);
    }
    snprintf(out + o, cap - o, "%s", excl);
}

static int run_baseline(const char *dir, struct score *out)
{
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, lede, body, "
                     "tokenize='unicode61 remove_diacritics 2')", NULL, NULL, NULL);
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus.ndjson", dir);
    FILE *f = fopen(path, "r");
    char line[65536];
    sqlite3_stmt *ins;
    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, title, lede, body) VALUES(?1, ?2, ?3, ?4)", -1,
                       &ins, NULL);
    for (int64_t id = 1; f && fgets(line, sizeof line, f); id++) {
        json_t *o = json_loads(line, 0, NULL);
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, json_string_value(json_object_get(o, "title")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, json_string_value(json_object_get(o, "lede")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, json_string_value(json_object_get(o, "body")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        json_decref(o);
    }
    if (f)
        fclose(f);
    sqlite3_finalize(ins);
    sqlite3_stmt *sel;
    sqlite3_prepare_v2(db, "SELECT rowid FROM fts WHERE fts MATCH ?1 "
                           "ORDER BY bm25(fts, 10.0, 4.0, 1.0) LIMIT 10", -1, &sel, NULL);
    for (size_t i = 0; i < nqueries; i++) {
        char match[8192];
        baseline_match(queries[i].q, match, sizeof match);
        sqlite3_bind_text(sel, 1, match, -1, SQLITE_TRANSIENT);
        char *ranked[K];
        size_t m = 0;
        while (sqlite3_step(sel) == SQLITE_ROW && m < K) {
            int64_t id = sqlite3_column_int64(sel, 0);
            if (id >= 1 && (size_t)id <= ndocs)
                ranked[m++] = keys[id - 1];
        }
        sqlite3_reset(sel);
        out[i] = score_of(&queries[i], ranked, m);
    }
    sqlite3_finalize(sel);
    sqlite3_close(db);
    return 1;
}

/* ---- report ---- */

/* The last system, akhbar (light) on PostgreSQL, runs when AKHBAR_EVAL_PG
 * names an empty database. */
#define SYSTEMS (2 + TEXT_STEMMER__MAX)
#define SYS_PG (SYSTEMS - 1)
static const char *const system_names[SYSTEMS] = { "unicode61", "light", "snowball", "both",
                                                   "light, PostgreSQL" };
static struct score scores[SYSTEMS][MAX_QUERIES];
static int nsystems = SYSTEMS - 1;

static void mean(int sys, const char *kind, double *r, double *nd, double *mrr, size_t *count)
{
    *r = *nd = *mrr = 0;
    *count = 0;
    for (size_t i = 0; i < nqueries; i++) {
        if (kind && strcmp(queries[i].kind, kind) != 0)
            continue;
        *r += scores[sys][i].recall;
        *nd += scores[sys][i].ndcg;
        *mrr += scores[sys][i].mrr;
        (*count)++;
    }
    if (*count) {
        *r /= (double)*count;
        *nd /= (double)*count;
        *mrr /= (double)*count;
    }
}

static void row(const char *label, const char *kind)
{
    size_t count = 0;
    printf("%-14s", label);
    for (int sys = 0; sys < nsystems; sys++) {
        double r, nd, mrr;
        mean(sys, kind, &r, &nd, &mrr, &count);
        printf(" | %5.3f %5.3f %5.3f", r, nd, mrr);
    }
    printf(" | %3zu\n", count);
}

int main(int argc, char **argv)
{
    const char *dir = "eval";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else
            dir = argv[i];
    }
    log_threshold = LOG_WARN;
    /* The corpus runs to 2026-11-30: judge it as on 2026-12-01, every time. */
    setenv("AKHBAR_NOW", "1796083200", 1);
    if (!load(dir))
        return 1;
    if (!run_baseline(dir, scores[0]))
        return 1;
    for (int s = 0; s < TEXT_STEMMER__MAX; s++)
        if (!run_akhbar(dir, (enum text_stemmer)s, NULL, scores[1 + s]))
            return 1;
    const char *pg = getenv("AKHBAR_EVAL_PG");
    if (pg && *pg) {
        if (!run_akhbar(dir, TEXT_STEM_LIGHT, pg, scores[SYS_PG]))
            return 1;
        nsystems = SYSTEMS;
    }
    printf("eval: %zu articles, %zu queries; recall@10, nDCG@10, MRR@10\n\n", ndocs, nqueries);
    printf("%-14s", "kind");
    for (int sys = 0; sys < nsystems; sys++)
        printf(" | %-17.17s", system_names[sys]);
    printf(" | n\n");
    const char *kinds[MAX_KINDS];
    size_t nk = 0;
    for (size_t i = 0; i < nqueries; i++) {
        size_t k = 0;
        while (k < nk && strcmp(kinds[k], queries[i].kind) != 0)
            k++;
        if (k == nk && nk < MAX_KINDS)
            kinds[nk++] = queries[i].kind;
    }
    for (size_t k = 0; k < nk; k++)
        row(kinds[k], kinds[k]);
    row("ALL", NULL);

    /* Targets, for the default stemmer (light). */
    int pass = 0, fail = 0;
    double r, nd, mrr;
    size_t count;
    mean(1 + TEXT_STEM_LIGHT, NULL, &r, &nd, &mrr, &count);
    printf("\ntarget nDCG@10 >= 0.92 (light): %.3f %s\n", nd, nd >= 0.92 ? "met" : "NOT MET");
    nd >= 0.92 ? pass++ : fail++;
    size_t wrong = 0;
    for (size_t i = 0; i < nqueries; i++)
        if (strcmp(queries[i].kind, "precision") == 0 && scores[1 + TEXT_STEM_LIGHT][i].wrong_first) {
            printf("  precision query %s (%s): a wrong article first\n", queries[i].id, queries[i].q);
            wrong++;
        }
    printf("target no precision query with a wrong article first: %zu %s\n", wrong,
           wrong == 0 ? "met" : "NOT MET");
    wrong == 0 ? pass++ : fail++;
    double base;
    mean(0, NULL, &r, &base, &mrr, &count);
    mean(1 + TEXT_STEM_LIGHT, NULL, &r, &nd, &mrr, &count);
    printf("akhbar (light) above unicode61 on nDCG@10: %.3f vs %.3f\n", nd, base);
    nd > base ? pass++ : fail++;
    if (nsystems == SYSTEMS) {
        double pnd;
        mean(SYS_PG, NULL, &r, &pnd, &mrr, &count);
        printf("akhbar (light) on PostgreSQL (ts_rank, not bm25): nDCG@10 %.3f, on SQLite %.3f\n",
               pnd, nd);
        /* As good as SQLite: the same target, and no worse than SQLite by
         * more than 0.01 (issue 14). */
        printf("target on PostgreSQL: nDCG@10 >= 0.92 and >= SQLite's - 0.01: %s\n",
               pnd >= 0.92 && pnd >= nd - 0.01 ? "met" : "NOT MET");
        pnd >= 0.92 && pnd >= nd - 0.01 ? pass++ : fail++;
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
