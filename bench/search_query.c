/*
 * search_query.c: query latency of store_search, measured in process, for
 * bench/search.
 *
 * Why in process: the reader's latency at /search is this call plus HTTP and
 * rendering; measuring the call alone shows what the index and the ranking
 * cost, without the network and the template (bench/search drives the page
 * with wrk separately). The call is the one /search makes for a first page:
 * SITE_PAGE_SIZE (20) hits with their snippets, and the total count, in one
 * read transaction (as the server reads every page).
 *
 *   bench-search-query [-r REPEAT] [-w WARMUP] [-v] DB QUERIES
 *   bench-search-query -R N DB
 *   bench-search-query -I DB
 *
 * QUERIES has one query a line, "class<TAB>query"; blank lines and lines
 * starting with '#' are skipped. Each query runs WARMUP times unmeasured
 * (default 1: the first run reads the pages into the cache), then REPEAT times
 * (default 10), each call timed with CLOCK_MONOTONIC. The report gives, per
 * class and, for classes written "kind/band", per kind (the part before '/'):
 * queries, calls, p50, p99 and max in ms, the mean number of hits shown
 * (at most SITE_PAGE_SIZE) and the mean total of matching articles. A query that fails
 * stops the program (exit 1); so does a database that cannot be opened.
 *
 * Before the first query, one search of words not in the set runs untimed:
 * statements prepared, the analyzer made, as in a server already running.
 * With -w 0 -r 1 every query is timed once, the first time this process
 * sees it: its pages read from the OS's cache, not the connection's.
 *
 * With -v, each query's median and total go to stderr as well.
 *
 * With -R N, it times store_related_refresh(st, N) instead (it writes the
 * related lists of the N newest articles) and prints "related N MS". With -I,
 * it times store_reindex (the search index rebuilt from every article's
 * Markdown, as `akhbar reindex` does before it refreshes related articles)
 * and prints "reindex ARTICLES MS CPU_MS": the indexing alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/arena.h"
#include "render/markdown.h"
#include "site/site.h"
#include "store/related.h"
#include "store/search.h"
#include "store/store.h"

#define BQ_PAGE SITE_PAGE_SIZE  /* hits per page, as /search shows them */
#define BQ_CLASSES 64           /* distinct classes and kinds reported */
#define BQ_LINE 4096            /* bytes of a query line */

/* Timings of one class (or kind) of queries. */
struct bq_class {
    char name[64];
    double *ms;                 /* one per measured call */
    size_t n, cap;
    size_t queries;
    double hits, totals;        /* sums over queries */
};

struct bq {
    struct bq_class cls[BQ_CLASSES];
    size_t ncls;
};

static double bq_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The class named name[0..n), created when new; NULL when there are too many. */
static struct bq_class *bq_class(struct bq *b, const char *name, size_t n)
{
    if (n >= sizeof b->cls[0].name)
        n = sizeof b->cls[0].name - 1;
    for (size_t i = 0; i < b->ncls; i++)
        if (strlen(b->cls[i].name) == n && memcmp(b->cls[i].name, name, n) == 0)
            return &b->cls[i];
    if (b->ncls == BQ_CLASSES)
        return NULL;
    struct bq_class *c = &b->cls[b->ncls++];
    memset(c, 0, sizeof *c);
    memcpy(c->name, name, n);
    return c;
}

static int bq_add(struct bq_class *c, double ms)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        double *p = realloc(c->ms, cap * sizeof *p);
        if (!p)
            return -1;
        c->ms = p;
        c->cap = cap;
    }
    c->ms[c->n++] = ms;
    return 0;
}

static int bq_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The q-quantile (0..1) of sorted v[0..n), nearest rank. */
static double bq_quantile(const double *v, size_t n, double q)
{
    size_t k = (size_t)(q * (double)n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

static void bq_report(struct bq_class *c, int indent)
{
    if (c->n == 0)
        return;
    qsort(c->ms, c->n, sizeof *c->ms, bq_cmp);
    printf("%s%-*s %7zu %7zu %9.3f %9.3f %9.3f %9.1f %10.0f\n", indent ? "  " : "",
           indent ? 22 : 24, c->name, c->queries, c->n, bq_quantile(c->ms, c->n, 0.5),
           bq_quantile(c->ms, c->n, 0.99), c->ms[c->n - 1], c->hits / (double)c->queries,
           c->totals / (double)c->queries);
}

static int bq_usage(void)
{
    fprintf(stderr, "usage: bench-search-query [-r REPEAT] [-w WARMUP] [-v] DB QUERIES\n"
                    "       bench-search-query -R N DB\n"
                    "       bench-search-query -I DB\n");
    return 2;
}

/* Time store_related_refresh(st, n) on the database at db. */
static int bq_related(const char *db, long n)
{
    struct store *st;
    if (store_open(db, 0, &st) != AK_OK) {
        fprintf(stderr, "bench-search-query: %s: cannot open the database\n", db);
        return 1;
    }
    double t0 = bq_now_ms();
    enum ak_err rc = store_related_refresh(st, (size_t)n);
    double ms = bq_now_ms() - t0;
    store_close(st);
    if (rc != AK_OK) {
        fprintf(stderr, "bench-search-query: store_related_refresh: %s\n", ak_strerror(rc));
        return 1;
    }
    printf("related %ld %.1f\n", n, ms);
    return 0;
}

/* Time store_reindex on the database at db, in wall and CPU time. */
static int bq_reindex(const char *db)
{
    struct store *st;
    if (store_open(db, 0, &st) != AK_OK) {
        fprintf(stderr, "bench-search-query: %s: cannot open the database\n", db);
        return 1;
    }
    struct timespec c0, c1;
    size_t n = 0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    double t0 = bq_now_ms();
    enum ak_err rc = store_reindex(st, markdown_plaintext, &n);
    double ms = bq_now_ms() - t0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    store_close(st);
    if (rc != AK_OK) {
        fprintf(stderr, "bench-search-query: store_reindex: %s\n", ak_strerror(rc));
        return 1;
    }
    double cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
    printf("reindex %zu %.1f %.1f\n", n, ms, cpu);
    return 0;
}

int main(int argc, char **argv)
{
    long repeat = 10, warmup = 1, related = 0;
    int reindex = 0;
    int verbose = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc)
            warmup = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-R") == 0 && i + 1 < argc)
            related = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-I") == 0)
            reindex = 1;
        else
            return bq_usage();
    }
    if (related > 0 || reindex)
        return argc - i != 1 ? bq_usage()
             : reindex       ? bq_reindex(argv[i])
                             : bq_related(argv[i], related);
    if (argc - i != 2 || repeat < 1 || warmup < 0)
        return bq_usage();
    const char *db = argv[i], *qpath = argv[i + 1];

    struct store *st;
    if (store_open(db, 0, &st) != AK_OK) {
        fprintf(stderr, "bench-search-query: %s: cannot open the database\n", db);
        return 1;
    }
    FILE *f = fopen(qpath, "r");
    if (!f) {
        fprintf(stderr, "bench-search-query: %s: %s\n", qpath, strerror(errno));
        store_close(st);
        return 1;
    }

    /* A running server has prepared its statements and made its analyzer:
     * one search first, not timed, so that the first query timed does not
     * pay for that. (Its words are not in the generated queries.) */
    {
        struct arena a;
        struct search_hit *hits;
        size_t n, total;
        arena_init(&a, 0);
        store_search(st, &a, "مرحبا بكم", 0, BQ_PAGE, &hits, &n, &total);
        arena_reset(&a);
    }

    static struct bq b;
    char line[BQ_LINE];
    size_t lineno = 0;
    int status = 0;
    double t_all = bq_now_ms();
    while (status == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1]) {
            fprintf(stderr, "%s:%zu: want \"class<TAB>query\"\n", qpath, lineno);
            status = 1;
            break;
        }
        const char *query = tab + 1;
        size_t clen = (size_t)(tab - line);
        size_t klen = strcspn(line, "/\t");
        struct bq_class *c = bq_class(&b, line, clen);
        struct bq_class *k = klen < clen ? bq_class(&b, line, klen) : NULL;
        if (!c || (klen < clen && !k)) {
            fprintf(stderr, "%s:%zu: more than %d classes\n", qpath, lineno, BQ_CLASSES);
            status = 1;
            break;
        }
        size_t first = c->n;
        size_t n = 0, total = 0;
        for (long r = 0; r < warmup + repeat; r++) {
            struct arena a;
            struct search_hit *hits;
            arena_init(&a, 0);
            /* In one read transaction, as the server runs every page. */
            double t0 = bq_now_ms();
            enum ak_err rc = store_begin_read(st);
            if (rc == AK_OK) {
                rc = store_search(st, &a, query, 0, BQ_PAGE, &hits, &n, &total);
                enum ak_err rc2 = store_commit(st);
                rc = rc ? rc : rc2;
            }
            double ms = bq_now_ms() - t0;
            arena_reset(&a);
            if (rc != AK_OK) {
                fprintf(stderr, "%s:%zu: store_search(\"%s\"): %s\n", qpath, lineno, query,
                        ak_strerror(rc));
                status = 1;
                break;
            }
            if (r >= warmup && (bq_add(c, ms) || (k && bq_add(k, ms)))) {
                fprintf(stderr, "bench-search-query: out of memory\n");
                status = 1;
                break;
            }
        }
        if (status)
            break;
        c->queries++;
        c->hits += (double)n;
        c->totals += (double)total;
        if (k) {
            k->queries++;
            k->hits += (double)n;
            k->totals += (double)total;
        }
        if (verbose) {
            double *v = c->ms + first;
            size_t m = c->n - first;
            double *s = malloc(m * sizeof *s);
            if (s) {
                memcpy(s, v, m * sizeof *s);
                qsort(s, m, sizeof *s, bq_cmp);
                fprintf(stderr, "%-18.*s %9.3f ms %7zu total  %s\n", (int)clen, line, s[m / 2],
                        total, query);
                free(s);
            }
        }
    }
    fclose(f);
    store_close(st);
    if (status)
        return status;

    printf("store_search, first page of %d with the total count; %ld warm-up + %ld timed "
           "calls per query (%.1f s in all)\n", BQ_PAGE, warmup, repeat,
           (bq_now_ms() - t_all) / 1e3);
    printf("%-24s %7s %7s %9s %9s %9s %9s %10s\n", "class", "queries", "calls", "p50 ms",
           "p99 ms", "max ms", "hits", "total");
    /* Kinds (names without '/') first, each followed by its bands. */
    for (size_t x = 0; x < b.ncls; x++) {
        if (strchr(b.cls[x].name, '/'))
            continue;
        bq_report(&b.cls[x], 0);
        size_t kl = strlen(b.cls[x].name);
        for (size_t y = 0; y < b.ncls; y++)
            if (strncmp(b.cls[y].name, b.cls[x].name, kl) == 0 && b.cls[y].name[kl] == '/')
                bq_report(&b.cls[y], 1);
    }
    for (size_t x = 0; x < b.ncls; x++)
        free(b.cls[x].ms);
    return 0;
}
