/*
 * ops.c: what the operator's machines read. /healthz tells a load balancer
 * or a supervisor whether this server can do its work (the database can be
 * read and written, the scheduler is alive); /metrics gives Prometheus the
 * server's counters (http/metrics.c) and the newsroom's gauges, to the
 * networks `serve --metrics-allow` names only. Plain text, never cached.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "base/clock.h"
#include "http/metrics.h"
#include "http/server.h"
#include "newsroom/scheduler.h"
#include "newsroom/views.h"
#include "site/site.h"
#include "store/article.h"
#include "store/comment.h"
#include "store/store.h"

#define OPS_PROBE_MS 1000       /* a write probe's verdict serves this long */
#define OPS_STALE_MS 30000      /* a scheduler silent for longer is stuck: its
                                   tick is a second, plus at most three waits of
                                   5 s for a locked database */
#define OPS_TEXT "text/plain; charset=utf-8"

/* The write probe: the setting "healthz" set to the time, committed (its
 * row keeps its size: the database does not grow; a commit is what finds a
 * full disk or a file system remounted read-only). At most one probe every
 * OPS_PROBE_MS in the process, whatever the rate of requests (the URL is
 * public: nobody may make the server commit at will); the others reuse its
 * verdict. why gets the reason it failed, or "". */
static pthread_mutex_t ops_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t ops_probed_ms;
static char ops_verdict[200];

static void ops_write_probe(struct store *st, int64_t now, char *why, size_t cap)
{
    pthread_mutex_lock(&ops_lock);
    if (now - ops_probed_ms >= OPS_PROBE_MS || now < ops_probed_ms) {
        unsigned char v[8];
        for (int i = 0; i < 8; i++)
            v[i] = (unsigned char)((uint64_t)now >> (8 * i));
        enum ak_err rc = store_begin(st);
        if (rc == AK_OK && (rc = store_setting_set(st, "healthz", v, sizeof v)) == AK_OK)
            rc = store_commit(st);
        ops_verdict[0] = 0;
        if (rc != AK_OK) {
            snprintf(ops_verdict, sizeof ops_verdict, "database: not writable: %s",
                     store_errmsg(st));
            store_rollback(st);
        }
        ops_probed_ms = now;
    }
    snprintf(why, cap, "%s", ops_verdict);
    pthread_mutex_unlock(&ops_lock);
}

enum ak_err site_healthz(struct req *r)
{
    char why[256] = "", v[64];
    size_t n;
    int64_t now = clock_now_ms();
    if (store_setting_get(r->store, "analyzer", v, sizeof v, &n) != AK_OK) {
        snprintf(why, sizeof why, "database: not readable: %s", store_errmsg(r->store));
    } else if (!r->app->read_only) {            /* read-only: no writes, no scheduler */
        ops_write_probe(r->store, now, why, sizeof why);
        int64_t beat = scheduler_heartbeat();
        if (!why[0] && !beat)
            snprintf(why, sizeof why, "scheduler: not running");
        else if (!why[0] && now - beat > OPS_STALE_MS)
            snprintf(why, sizeof why, "scheduler: no heartbeat for %lld s",
                     (long long)(now - beat) / 1000);
    }
    if (why[0])
        strcat(why, "\n");
    const char *body = why[0] ? why : r->app->read_only ? "ok (read-only)\n" : "ok\n";
    return http_send(r, why[0] ? 503 : 200, OPS_TEXT, body, strlen(body), HTTP_NO_STORE);
}

enum ak_err site_metrics(struct req *r)
{
    if (!metrics_allowed(r->client))
        return AK_ENOTFOUND;            /* as if there were nothing here */
    struct buf b;
    buf_init(&b, 1u << 20);
    metrics_render(&b);
    int64_t pending, next, now = clock_now_ms() / 1000;
    if (store_comment_count_status(r->store, COMMENT_PENDING, &pending) == AK_OK)
        metrics_gauge(&b, "akhbar_comments_pending", "Readers' comments awaiting moderation.",
                      (double)pending);
    enum ak_err rc = store_article_next_scheduled(r->store, &next);
    if (rc == AK_OK || rc == AK_ENOTFOUND)
        metrics_gauge(&b, "akhbar_scheduler_lag_seconds",
                      "How long the earliest scheduled article has been due and not published "
                      "(0: none is due).",
                      rc == AK_OK && next < now ? (double)(now - next) : 0);
    int64_t beat = scheduler_heartbeat();
    if (beat)
        metrics_gauge(&b, "akhbar_scheduler_heartbeat_timestamp_seconds",
                      "Unix time of the scheduler's latest tick.", (double)beat / 1000);
    struct views_stats vs;
    views_stats(&vs);
    metrics_gauge(&b, "akhbar_views_counted", "Article views counted since the start (/v/ID).",
                  (double)vs.counted);
    metrics_gauge(&b, "akhbar_views_written", "Of those, written to the database.",
                  (double)vs.written);
    metrics_gauge(&b, "akhbar_views_dropped", "Views not counted: too many articles at once.",
                  (double)vs.dropped);
    metrics_gauge(&b, "akhbar_views_flushes", "Transactions that wrote views.",
                  (double)vs.flushes);
    metrics_gauge(&b, "akhbar_views_rows", "Rows (article, day) those transactions wrote.",
                  (double)vs.rows);
    metrics_gauge(&b, "akhbar_read_only", "1 when serving read-only (serve --read-only).",
                  r->app->read_only ? 1 : 0);
    rc = b.err ? b.err : http_send(r, 200, METRICS_CONTENT_TYPE, b.p, b.n, HTTP_NO_STORE);
    buf_reset(&b);
    return rc;
}
