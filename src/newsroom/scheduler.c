/*
 * scheduler.c: publishes scheduled articles on time, and in the background
 * computes the related lists of articles that never had one (see
 * scheduler.h).
 *
 * One thread, one database connection. It asks the store for the next
 * scheduled time and sleeps until then, but never longer than a second, so
 * that articles scheduled by another process (the CLI, a second node) are
 * seen too; the query uses a partial index and costs microseconds. The
 * sleep is a condition wait, so stopping is immediate.
 *
 * The related lists: an import computes those of its newest articles only,
 * so after a large one the archive behind them has none (its pages fall back
 * to same-section articles). Each tick computes a few more, newest first
 * (~13 ms each at 100,000 articles: about 5 % of a core); when none is
 * left it looks again a minute later.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include "base/clock.h"
#include "base/log.h"
#include "newsroom/scheduler.h"
#include "newsroom/views.h"
#include "render/date.h"
#include "store/article.h"
#include "store/config.h"
#include "store/popular.h"
#include "store/related.h"
#include "store/store.h"

#define SCHED_MAX_SLEEP_MS 1000
#define SCHED_RELATED_BATCH 4           /* related lists computed a tick */
#define SCHED_RELATED_IDLE_MS 60000     /* the wait after finding none left */

static pthread_t sched_thread;
static pthread_mutex_t sched_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sched_wake;
static int sched_running, sched_stopping;
static struct store *sched_store;
static int64_t sched_heartbeat_ms;     /* the last tick (atomic); 0: not running */

/* Publish what is due now; log it. */
static void sched_publish(void)
{
    size_t n = 0;
    enum ak_err rc = store_article_publish_due(sched_store, clock_now_ms() / 1000, &n);
    if (rc)
        log_error("scheduler: cannot publish: %s", ak_strerror(rc));
    else if (n)
        log_info("scheduler: published %zu scheduled article%s", n, n == 1 ? "" : "s");
}

/* Compute a few missing related lists when it is time (*next_ms). */
static void sched_related(int64_t *next_ms, size_t *total)
{
    int64_t now = clock_now_ms();
    if (now < *next_ms)
        return;
    size_t done = 0;
    enum ak_err rc = store_related_backfill(sched_store, SCHED_RELATED_BATCH, &done);
    if (rc)
        log_error("scheduler: related articles: %s", ak_strerror(rc));
    *total += done;
    if (done == 0 && *total > 0) {
        log_info("scheduler: related articles computed for %zu older article%s", *total,
                 *total == 1 ? "" : "s");
        *total = 0;
    }
    *next_ms = done > 0 && rc == AK_OK ? 0 : now + SCHED_RELATED_IDLE_MS;
}

/* Every VIEWS_FLUSH_MS: write the views counted, then (the leading node)
 * recompute the sidebar's rankings (at least once a minute, for the
 * comments and the turn of the day, and at start). */
static void sched_views(int64_t *next_ms, int64_t *rank_ms, int lead)
{
    int64_t now = clock_now_ms();
    if (now < *next_ms)
        return;
    *next_ms = now + VIEWS_FLUSH_MS;
    struct views_stats before, after;
    views_stats(&before);
    views_flush(sched_store);
    views_stats(&after);
    if (!lead || (after.written == before.written && now < *rank_ms))
        return;
    *rank_ms = now + 60000;
    enum ak_err rc = store_popular_refresh(sched_store, now / 1000,
                                           date_local_day(now / 1000), NULL);
    if (rc)
        log_error("scheduler: rankings: %s", ak_strerror(rc));
}

/* Once a second, the settings the scheduler's work reads: the ticker's time
 * into *window, and the site's zone, which gives the day of the views and
 * rankings (date_local_day; set for every thread, as pages set it). *at is
 * the second they were last read. */
static void sched_settings(int64_t *at, int64_t *window)
{
    int64_t now = clock_now_ms() / 1000;
    if (now <= *at)
        return;
    *at = now;
    struct arena a;
    arena_init(&a, 64 << 10);
    struct config c;
    if (config_load(sched_store, &a, &c) == AK_OK) {
        *window = config_ticker_seconds(&c);
        date_set_zone(config_zone(&c));
    }
    arena_reset(&a);
}

/* The ticker shows breaking articles for window seconds after publication:
 * when one's time ends, note it in the change log, so that every page
 * (which shows the ticker) is dropped from the caches. *from is the end of
 * the span looked at by the previous tick. */
static void sched_ticker(int64_t *from, int64_t window)
{
    int64_t now = clock_now_ms() / 1000;
    if (now <= *from)
        return;
    if (window > 0 && store_ticker_expire(sched_store, *from, now, window, NULL) != AK_OK)
        return;                         /* looked at again next tick */
    *from = now;
}

static void *sched_main(void *arg)
{
    (void)arg;
    int64_t related_next = 0, views_next = 0, rank_next = 0;
    int64_t ticker_from = clock_now_ms() / 1000, settings_at = 0, ticker_window = 0;
    size_t related_total = 0;
    pthread_mutex_lock(&sched_lock);
    while (!sched_stopping) {
        pthread_mutex_unlock(&sched_lock);
        /* Several nodes on one PostgreSQL database: every node writes the
         * views it counted; one (store_lead) does the rest. Publishing
         * would be right from all (an article's update publishes it once)
         * but related lists and rankings would be made twice. */
        int lead = store_lead(sched_store);
        sched_settings(&settings_at, &ticker_window);
        if (lead) {
            sched_publish();
            sched_related(&related_next, &related_total);
            sched_ticker(&ticker_from, ticker_window);
        }
        sched_views(&views_next, &rank_next, lead);
        int64_t next, now = clock_now_ms(), wait = SCHED_MAX_SLEEP_MS;
        __atomic_store_n(&sched_heartbeat_ms, now, __ATOMIC_RELAXED);
        if (store_article_next_scheduled(sched_store, &next) == AK_OK) {
            int64_t until = next * 1000 - now;
            if (until < wait)
                wait = until > 0 ? until : 0;
        }
        pthread_mutex_lock(&sched_lock);
        if (sched_stopping)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += wait / 1000;
        ts.tv_nsec += (long)(wait % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        while (!sched_stopping &&
               pthread_cond_timedwait(&sched_wake, &sched_lock, &ts) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&sched_lock);
    return NULL;
}

enum ak_err scheduler_start(const char *db_path)
{
    if (store_open(db_path, 0, &sched_store) != AK_OK)
        return AK_EIO;
    sched_publish();                    /* what fell due while we were down */
    __atomic_store_n(&sched_heartbeat_ms, clock_now_ms(), __ATOMIC_RELAXED);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&sched_wake, &ca);
    pthread_condattr_destroy(&ca);
    sched_stopping = 0;
    /* The thread must not take the signals the server waits for. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&sched_thread, NULL, sched_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err != 0) {
        log_error("scheduler: cannot start its thread");
        store_close(sched_store);
        sched_store = NULL;
        return AK_EIO;
    }
    sched_running = 1;
    return AK_OK;
}

void scheduler_stop(void)
{
    if (!sched_running)
        return;
    pthread_mutex_lock(&sched_lock);
    sched_stopping = 1;
    pthread_cond_signal(&sched_wake);
    pthread_mutex_unlock(&sched_lock);
    pthread_join(sched_thread, NULL);
    views_flush(sched_store);           /* what was counted since the last tick */
    __atomic_store_n(&sched_heartbeat_ms, 0, __ATOMIC_RELAXED);
    pthread_cond_destroy(&sched_wake);
    store_close(sched_store);
    sched_store = NULL;
    sched_running = 0;
}

int64_t scheduler_heartbeat(void)
{
    return __atomic_load_n(&sched_heartbeat_ms, __ATOMIC_RELAXED);
}
