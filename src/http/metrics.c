/*
 * metrics.c: the server's counters for Prometheus (see metrics.h): route
 * classes, one slot of counters per thread, the text exposition format,
 * and the networks allowed to read it.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "base/clock.h"
#include "base/log.h"
#include "http/metrics.h"

const char *const metrics_class_names[METRICS_CLASS__MAX] = {
    "home", "article", "comment", "list", "page", "search", "feed", "sitemap", "media",
    "static", "admin", "ops", "other",
};

/* The latency histogram's upper bounds, in seconds and nanoseconds. */
static const char *const metrics_le[] = {
    "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5",
    "5", "10",
};
#define METRICS_BUCKETS (sizeof metrics_le / sizeof metrics_le[0])
static const uint64_t metrics_le_ns[METRICS_BUCKETS] = {
    1000000, 2500000, 5000000, 10000000, 25000000, 50000000, 100000000, 250000000,
    500000000, 1000000000, 2500000000u, 5000000000u, 10000000000u,
};

#define METRICS_STATUSES 500    /* status codes 100..599 */

/* One thread's counters. Only its thread writes them; a scrape reads them
 * from another, so every access is atomic (relaxed: plain loads and stores
 * on x86-64 and arm64, no lock). */
struct metrics_slot {
    uint64_t requests[METRICS_CLASS__MAX][METRICS_STATUSES];
    uint64_t buckets[METRICS_CLASS__MAX][METRICS_BUCKETS + 1];  /* the last: above all */
    uint64_t duration_ns[METRICS_CLASS__MAX];
    uint64_t db_ns[METRICS_CLASS__MAX];
    uint64_t cache[2];          /* misses, hits */
    struct metrics_slot *next;
};

static pthread_mutex_t metrics_lock = PTHREAD_MUTEX_INITIALIZER;
static struct metrics_slot *metrics_slots;     /* every thread's, never freed: a
                                                 * counter must not go down when
                                                 * its thread ends */
static _Thread_local struct metrics_slot *metrics_mine;

#define METRICS_GET(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define METRICS_ADD(x, v) __atomic_store_n(&(x), METRICS_GET(x) + (v), __ATOMIC_RELAXED)

static struct metrics_slot *metrics_slot(void)
{
    if (!metrics_mine && (metrics_mine = calloc(1, sizeof *metrics_mine))) {
        pthread_mutex_lock(&metrics_lock);
        metrics_mine->next = metrics_slots;
        metrics_slots = metrics_mine;
        pthread_mutex_unlock(&metrics_lock);
    }
    return metrics_mine;
}

static int metrics_ends(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

enum metrics_class metrics_class_of(const char *path)
{
    static const struct {
        const char *prefix;
        enum metrics_class c;
    } prefixes[] = {
        { "/article/", METRICS_ARTICLE }, { "/latest", METRICS_LIST },
        { "/section/", METRICS_LIST }, { "/tag/", METRICS_LIST },
        { "/author/", METRICS_LIST }, { "/page/", METRICS_PAGE },
        { "/search", METRICS_SEARCH }, { "/feed", METRICS_FEED },
        { "/sitemap", METRICS_SITEMAP }, { "/robots.txt", METRICS_SITEMAP },
        { "/media/", METRICS_MEDIA }, { "/static/", METRICS_STATIC },
        { "/admin", METRICS_ADMIN }, { "/healthz", METRICS_OPS }, { "/metrics", METRICS_OPS },
    };
    if (!path || !*path)
        return METRICS_OTHER;
    if (strcmp(path, "/") == 0)
        return METRICS_HOME;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncmp(path, prefixes[i].prefix, strlen(prefixes[i].prefix)) != 0)
            continue;
        enum metrics_class c = prefixes[i].c;
        if (c == METRICS_LIST && (metrics_ends(path, "/feed") || metrics_ends(path, "/feed/atom")))
            return METRICS_FEED;
        if (c == METRICS_ARTICLE &&
            (metrics_ends(path, "/comment") || metrics_ends(path, "/comment/token")))
            return METRICS_COMMENT;
        return c;
    }
    return METRICS_OTHER;
}

void metrics_request(const struct req *r)
{
    struct metrics_slot *m = metrics_slot();
    if (!m)
        return;
    enum metrics_class c = metrics_class_of(r->path);
    int status = r->resp.status < 100 ? 100 : r->resp.status > 599 ? 599 : r->resp.status;
    uint64_t now = clock_mono_ns();
    uint64_t d = r->started_ns && now > r->started_ns ? now - r->started_ns : 0;
    size_t b = 0;
    while (b < METRICS_BUCKETS && d > metrics_le_ns[b])
        b++;
    METRICS_ADD(m->requests[c][status - 100], 1);
    METRICS_ADD(m->buckets[c][b], 1);
    METRICS_ADD(m->duration_ns[c], d);
    METRICS_ADD(m->db_ns[c], r->db_ns);
}

void metrics_cache(int hit)
{
    struct metrics_slot *m = metrics_slot();
    if (m)
        METRICS_ADD(m->cache[hit != 0], 1);
}

/* ---- the exposition format ---- */

static void metrics_head(struct buf *b, const char *name, const char *type, const char *help)
{
    buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metrics_gauge(struct buf *b, const char *name, const char *help, double v)
{
    metrics_head(b, name, "gauge", help);
    buf_printf(b, "%s %.15g\n", name, v);
}

void metrics_render(struct buf *b)
{
    struct metrics_slot *t = calloc(1, sizeof *t);
    if (!t) {
        b->err = b->err ? b->err : AK_ENOMEM;
        return;
    }
    /* The sum of every thread's slot. The list only grows at its head, so
     * the walk needs the lock only to read where it starts. */
    pthread_mutex_lock(&metrics_lock);
    struct metrics_slot *first = metrics_slots;
    pthread_mutex_unlock(&metrics_lock);
    /* A histogram's count is the sum of its own buckets, so that it agrees
     * with them while other threads count on. */
    uint64_t count[METRICS_CLASS__MAX] = { 0 };
    for (struct metrics_slot *m = first; m; m = m->next) {
        for (int c = 0; c < METRICS_CLASS__MAX; c++) {
            for (int s = 0; s < METRICS_STATUSES; s++)
                t->requests[c][s] += METRICS_GET(m->requests[c][s]);
            for (size_t k = 0; k <= METRICS_BUCKETS; k++) {
                uint64_t v = METRICS_GET(m->buckets[c][k]);
                t->buckets[c][k] += v;
                count[c] += v;
            }
            t->duration_ns[c] += METRICS_GET(m->duration_ns[c]);
            t->db_ns[c] += METRICS_GET(m->db_ns[c]);
        }
        t->cache[0] += METRICS_GET(m->cache[0]);
        t->cache[1] += METRICS_GET(m->cache[1]);
    }

    metrics_head(b, "akhbar_http_requests_total", "counter",
                 "Requests answered, by route class and status code.");
    for (int c = 0; c < METRICS_CLASS__MAX; c++)
        for (int s = 0; s < METRICS_STATUSES; s++)
            if (t->requests[c][s])
                buf_printf(b, "akhbar_http_requests_total{class=\"%s\",code=\"%d\"} %llu\n",
                           metrics_class_names[c], s + 100,
                           (unsigned long long)t->requests[c][s]);
    metrics_head(b, "akhbar_http_request_duration_seconds", "histogram",
                 "Time from a request's headers to its answer, by route class.");
    for (int c = 0; c < METRICS_CLASS__MAX; c++) {
        if (!count[c])
            continue;
        const char *name = metrics_class_names[c];
        uint64_t cum = 0;
        for (size_t k = 0; k < METRICS_BUCKETS; k++) {
            cum += t->buckets[c][k];
            buf_printf(b, "akhbar_http_request_duration_seconds_bucket{class=\"%s\",le=\"%s\"} "
                       "%llu\n", name, metrics_le[k], (unsigned long long)cum);
        }
        buf_printf(b, "akhbar_http_request_duration_seconds_bucket{class=\"%s\",le=\"+Inf\"} "
                   "%llu\n", name, (unsigned long long)count[c]);
        buf_printf(b, "akhbar_http_request_duration_seconds_sum{class=\"%s\"} %.9f\n", name,
                   (double)t->duration_ns[c] / 1e9);
        buf_printf(b, "akhbar_http_request_duration_seconds_count{class=\"%s\"} %llu\n", name,
                   (unsigned long long)count[c]);
    }
    metrics_head(b, "akhbar_db_seconds_total", "counter",
                 "Time spent inside database statements while answering requests, by route "
                 "class.");
    for (int c = 0; c < METRICS_CLASS__MAX; c++)
        if (count[c])
            buf_printf(b, "akhbar_db_seconds_total{class=\"%s\"} %.9f\n", metrics_class_names[c],
                       (double)t->db_ns[c] / 1e9);
    if (t->cache[0] || t->cache[1]) {
        metrics_head(b, "akhbar_cache_requests_total", "counter",
                     "Lookups in the page cache, by result.");
        buf_printf(b, "akhbar_cache_requests_total{result=\"hit\"} %llu\n"
                   "akhbar_cache_requests_total{result=\"miss\"} %llu\n",
                   (unsigned long long)t->cache[1], (unsigned long long)t->cache[0]);
    }
    free(t);
}

/* ---- who may read them ---- */

static struct metrics_net metrics_nets[METRICS_MAX_ALLOW];
static size_t metrics_nnets;

int metrics_net_parse(const char *s, struct metrics_net *out)
{
    char host[INET6_ADDRSTRLEN];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof host)
        return 0;
    memcpy(host, s, n);
    host[n] = 0;
    memset(out, 0, sizeof *out);
    if (inet_pton(AF_INET, host, out->addr) == 1)
        out->family = AF_INET, out->bits = 32;
    else if (inet_pton(AF_INET6, host, out->addr) == 1)
        out->family = AF_INET6, out->bits = 128;
    else
        return 0;
    if (!slash)
        return 1;
    const char *p = slash + 1;
    int bits = 0;
    if (!*p || strlen(p) > 3)
        return 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        bits = bits * 10 + (*p - '0');
    }
    if (bits > out->bits)
        return 0;
    out->bits = bits;
    return 1;
}

enum ak_err metrics_allow(const char *const *s, size_t n)
{
    metrics_nnets = 0;
    if (n > METRICS_MAX_ALLOW)
        return AK_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!metrics_net_parse(s[i], &metrics_nets[i])) {
            log_error("metrics: %s is not an address or network", s[i]);
            return AK_EINVAL;
        }
    metrics_nnets = n;
    return AK_OK;
}

/* Are the first bits of a and b the same? */
static int metrics_prefix_equal(const unsigned char *a, const unsigned char *b, int bits)
{
    int whole = bits / 8, rest = bits % 8;
    if (memcmp(a, b, (size_t)whole) != 0)
        return 0;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return !rest || ((a[whole] ^ b[whole]) & mask) == 0;
}

int metrics_allowed(const char *client)
{
    struct metrics_net c;
    if (!client || strchr(client, '/') || !metrics_net_parse(client, &c))
        return 0;
    for (size_t i = 0; i < metrics_nnets; i++)
        if (metrics_nets[i].family == c.family &&
            metrics_prefix_equal(metrics_nets[i].addr, c.addr, metrics_nets[i].bits))
            return 1;
    return 0;
}
