/*
 * test_ops.c: what the operator reads. The metrics' route classes, the
 * networks allowed to read them, per-thread counters summed into the
 * exposition text, the cache hook; the database time a connection counts;
 * the scheduler's heartbeat.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/clock.h"
#include "http/metrics.h"
#include "newsroom/scheduler.h"
#include "store/store.h"
#include "t.h"

static void test_classes(void)
{
    static const struct {
        const char *path;
        enum metrics_class c;
    } cases[] = {
        { "/", METRICS_HOME }, { "/article/12/slug", METRICS_ARTICLE },
        { "/article/12", METRICS_ARTICLE }, { "/article/12/comment", METRICS_COMMENT },
        { "/article/12/comment/token", METRICS_COMMENT }, { "/latest", METRICS_LIST },
        { "/section/world", METRICS_LIST }, { "/tag/oil", METRICS_LIST },
        { "/author/salma", METRICS_LIST }, { "/page/about", METRICS_PAGE },
        { "/search", METRICS_SEARCH }, { "/feed", METRICS_FEED }, { "/feed/atom", METRICS_FEED },
        { "/section/world/feed", METRICS_FEED }, { "/tag/oil/feed/atom", METRICS_FEED },
        { "/sitemap.xml", METRICS_SITEMAP }, { "/sitemap-2024-01-2.xml", METRICS_SITEMAP },
        { "/robots.txt", METRICS_SITEMAP }, { "/media/ab-480.webp", METRICS_MEDIA },
        { "/static/style.css", METRICS_STATIC }, { "/admin", METRICS_ADMIN },
        { "/admin/articles/3/edit", METRICS_ADMIN }, { "/healthz", METRICS_OPS },
        { "/metrics", METRICS_OPS }, { "/wp-login.php", METRICS_OTHER },
        { "/favicon.ico", METRICS_OTHER }, { "", METRICS_OTHER },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (metrics_class_of(cases[i].path) != cases[i].c) {
            CHECK_STR(metrics_class_names[metrics_class_of(cases[i].path)],
                      metrics_class_names[cases[i].c]);
        } else {
            CHECK(1);
        }
    CHECK(metrics_class_of(NULL) == METRICS_OTHER);
    /* Label values: distinct lower-case words, nothing to escape. */
    for (int i = 0; i < METRICS_CLASS__MAX; i++) {
        CHECK(strspn(metrics_class_names[i], "abcdefghijklmnopqrstuvwxyz") ==
              strlen(metrics_class_names[i]));
        for (int j = 0; j < i; j++)
            CHECK(strcmp(metrics_class_names[i], metrics_class_names[j]) != 0);
    }
}

static void test_networks(void)
{
    struct metrics_net n;
    CHECK(metrics_net_parse("10.0.0.0/8", &n) && n.family != 0 && n.bits == 8);
    CHECK(metrics_net_parse("192.0.2.7", &n) && n.bits == 32);
    CHECK(metrics_net_parse("2001:db8::/32", &n) && n.bits == 32);
    CHECK(metrics_net_parse("::1", &n) && n.bits == 128);
    CHECK(metrics_net_parse("0.0.0.0/0", &n) && n.bits == 0);
    static const char *const bad[] = {
        "10.0.0.0/33", "10.0.0.0/", "/8", "10.0.0.0/8x", "10.0.0.0/-1", "example.com",
        "2001:db8::/129", "", "10.0.0.0/0008", "10.0.0.0/8/8",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!metrics_net_parse(bad[i], &n));

    CHECK(metrics_allow(NULL, 0) == AK_OK);
    CHECK(!metrics_allowed("127.0.0.1"));               /* by default: nobody */
    const char *nets[] = { "10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "198.51.100.128/25" };
    CHECK(metrics_allow(nets, 4) == AK_OK);
    CHECK(metrics_allowed("10.255.1.2"));
    CHECK(!metrics_allowed("11.0.0.1"));
    CHECK(metrics_allowed("192.0.2.7"));
    CHECK(!metrics_allowed("192.0.2.8"));
    CHECK(metrics_allowed("2001:db8:1::5"));
    CHECK(!metrics_allowed("2001:db9::1"));
    CHECK(metrics_allowed("198.51.100.200"));
    CHECK(!metrics_allowed("198.51.100.127"));
    CHECK(!metrics_allowed("-"));
    CHECK(!metrics_allowed("10.0.0.1/8"));               /* a client is an address */
    CHECK(!metrics_allowed(NULL));
    const char *all4[] = { "0.0.0.0/0" };
    CHECK(metrics_allow(all4, 1) == AK_OK);
    CHECK(metrics_allowed("8.8.8.8") && !metrics_allowed("::1"));
    const char *worse[] = { "10.0.0.0/8", "ten" };
    CHECK(metrics_allow(worse, 2) == AK_EINVAL);
    CHECK(!metrics_allowed("10.0.0.1"));                 /* a bad list allows nobody */
    const char *many[METRICS_MAX_ALLOW + 1];
    for (int i = 0; i <= METRICS_MAX_ALLOW; i++)
        many[i] = "10.0.0.0/8";
    CHECK(metrics_allow(many, METRICS_MAX_ALLOW + 1) == AK_EINVAL);
    CHECK(metrics_allow(many, METRICS_MAX_ALLOW) == AK_OK);
}

/* The value of the sample line "SERIES VALUE" in text; -1 when absent. */
static double sample(const char *text, const char *series)
{
    size_t k = strlen(series);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, series, k) == 0 && p[k] == ' ')
            return strtod(p + k + 1, NULL);
    return -1;
}

static void *count_articles(void *arg)
{
    (void)arg;
    struct req r;
    memset(&r, 0, sizeof r);
    r.path = "/article/1/slug";
    r.resp.status = 200;
    r.db_ns = 1000;
    for (int i = 0; i < 1000; i++) {
        r.started_ns = clock_mono_ns();
        metrics_request(&r);
    }
    return NULL;
}

static void test_render(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, count_articles, NULL) == 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    struct req r;
    memset(&r, 0, sizeof r);
    r.path = "/wp-login.php";
    r.resp.status = 404;                /* started_ns 0: no latency, the first bucket */
    metrics_request(&r);

    struct buf b;
    buf_init(&b, 0);
    metrics_render(&b);
    CHECK(b.err == AK_OK);
    const char *s = b.p;
    /* Four threads' slots, summed. */
    CHECK(sample(s, "akhbar_http_requests_total{class=\"article\",code=\"200\"}") == 4000);
    CHECK(sample(s, "akhbar_http_request_duration_seconds_count{class=\"article\"}") == 4000);
    CHECK(sample(s, "akhbar_http_request_duration_seconds_bucket{class=\"article\",le=\"+Inf\"}")
          == 4000);
    CHECK(sample(s, "akhbar_db_seconds_total{class=\"article\"}") == 0.004);
    CHECK(sample(s, "akhbar_http_requests_total{class=\"other\",code=\"404\"}") == 1);
    CHECK(sample(s, "akhbar_http_request_duration_seconds_bucket{class=\"other\",le=\"0.001\"}")
          == 1);
    CHECK(sample(s, "akhbar_http_requests_total{class=\"home\",code=\"200\"}") == -1);
    CHECK_CONTAINS(s, "# TYPE akhbar_http_request_duration_seconds histogram\n");
    CHECK_CONTAINS(s, "# TYPE akhbar_http_requests_total counter\n");
    /* Buckets only grow with their bound. */
    double prev = 0;
    int monotone = 1;
    for (const char *p = strstr(s, "_bucket{class=\"article\""); p;
         p = strstr(p + 1, "_bucket{class=\"article\"")) {
        double v = strtod(strchr(p, '}') + 2, NULL);
        monotone &= v >= prev;
        prev = v;
    }
    CHECK(monotone && prev == 4000);
    /* Every line is a comment or NAME[{LABELS}] VALUE. */
    int shaped = 1;
    for (const char *p = s; *p; p = strchr(p, '\n') + 1) {
        size_t n = strcspn(p, "\n");
        if (p[n] != '\n') {
            shaped = 0;
            break;
        }
        if (p[0] == '#')
            shaped &= strncmp(p, "# HELP ", 7) == 0 || strncmp(p, "# TYPE ", 7) == 0;
        else
            shaped &= strspn(p, "abcdefghijklmnopqrstuvwxyz_") > 0 &&
                      memchr(p, ' ', n) != NULL;
    }
    CHECK(shaped);
    /* No cache yet: no cache series; the hook makes them appear. */
    CHECK(strstr(s, "akhbar_cache_requests_total") == NULL);
    buf_reset(&b);
    metrics_cache(1);
    metrics_cache(1);
    metrics_cache(0);
    metrics_render(&b);
    CHECK(sample(b.p, "akhbar_cache_requests_total{result=\"hit\"}") == 2);
    CHECK(sample(b.p, "akhbar_cache_requests_total{result=\"miss\"}") == 1);
    buf_reset(&b);
    metrics_gauge(&b, "akhbar_x", "A gauge.", 3);
    CHECK_STR(b.p, "# HELP akhbar_x A gauge.\n# TYPE akhbar_x gauge\nakhbar_x 3\n");
    buf_reset(&b);
}

static void test_db_time_and_heartbeat(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-ops-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    CHECK(store_busy_ns(NULL) == 0);
    uint64_t before = store_busy_ns(st);
    CHECK(store_setting_set(st, "k", "v", 1) == AK_OK);
    char v[8];
    size_t n;
    CHECK(store_setting_get(st, "k", v, sizeof v, &n) == AK_OK);
    CHECK(store_busy_ns(st) > before);      /* statements ran: time went by in them */
    uint64_t idle = store_busy_ns(st);
    CHECK(store_busy_ns(st) == idle);       /* and none runs now */
    CHECK(store_errmsg(st) != NULL);
    store_close(st);

    CHECK(scheduler_heartbeat() == 0);      /* not running */
    CHECK(scheduler_start(path) == AK_OK);
    CHECK(scheduler_heartbeat() > 0);
    scheduler_stop();
    CHECK(scheduler_heartbeat() == 0);
    unlink(path);
}

int main(void)
{
    test_classes();
    test_networks();
    test_render();
    test_db_time_and_heartbeat();
    T_DONE();
}
