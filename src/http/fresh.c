/*
 * fresh.c: the change log's reader and the purger (see fresh.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include "base/log.h"
#include "http/cache.h"
#include "http/fresh.h"
#include "store/changes.h"
#include "store/store.h"

#define FRESH_QUEUE 256         /* key lists waiting to be purged */
#define FRESH_TRIES 3
#define FRESH_PRUNE_AGE 3600    /* seconds a log entry is kept */

static struct {
    pthread_mutex_t lock;       /* last, and the reading of the log */
    int64_t last;               /* the newest log entry applied */
    int on;
    char *db_path;
    int prune;
    pthread_t watcher, purger;
    int stopping;
    pthread_mutex_t qlock;
    pthread_cond_t qcond;
    char *queue[FRESH_QUEUE];   /* a ring of key lists */
    size_t qhead, qlen;
    char *purge[FRESH_PURGE_MAX];
    size_t npurge;
    size_t sent, failed;
} fresh = { .lock = PTHREAD_MUTEX_INITIALIZER, .qlock = PTHREAD_MUTEX_INITIALIZER,
            .qcond = PTHREAD_COND_INITIALIZER };

/* One log entry: drop what shows it here, queue it for the caches in front. */
static void fresh_apply(const char *keys, void *arg)
{
    (void)arg;
    cache_invalidate(keys);
    if (!fresh.npurge)
        return;
    pthread_mutex_lock(&fresh.qlock);
    if (fresh.qlen == FRESH_QUEUE) {
        log_error("purge: %d key lists waiting; dropping the oldest", FRESH_QUEUE);
        free(fresh.queue[fresh.qhead]);
        fresh.qhead = (fresh.qhead + 1) % FRESH_QUEUE;
        fresh.qlen--;
        fresh.failed++;
    }
    char *k = strdup(keys);
    if (k) {
        fresh.queue[(fresh.qhead + fresh.qlen) % FRESH_QUEUE] = k;
        fresh.qlen++;
        pthread_cond_signal(&fresh.qcond);
    }
    pthread_mutex_unlock(&fresh.qlock);
}

void fresh_sync(struct store *st)
{
    if (!fresh.on || !st)
        return;
    pthread_mutex_lock(&fresh.lock);
    int64_t before;
    do {                        /* in pages of 500: a large import logs many */
        before = fresh.last;
        if (store_changes_since(st, &fresh.last, 500, fresh_apply, NULL) != AK_OK)
            break;
    } while (fresh.last != before);
    pthread_mutex_unlock(&fresh.lock);
}

static void fresh_sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void *fresh_watch(void *arg)
{
    struct store *st = arg;
    int64_t version = -1, v;
    time_t pruned = 0;
    while (!__atomic_load_n(&fresh.stopping, __ATOMIC_ACQUIRE)) {
        if (store_data_version(st, &v) == AK_OK && v != version) {
            version = v;
            fresh_sync(st);
        }
        time_t now = time(NULL);
        if (fresh.prune && now - pruned >= 60) {
            pruned = now;
            store_changes_prune(st, (int64_t)now - FRESH_PRUNE_AGE);
        }
        store_wait_change(st, FRESH_POLL_MS);  /* PostgreSQL: woken by NOTIFY */
    }
    store_close(st);
    return NULL;
}

/* Send PURGE with the keys to url; 0 when the cache answered 2xx. */
static int fresh_purge_one(CURL *c, const char *url, const char *keys)
{
    char header[CACHE_KEYS_MAX + 16];
    snprintf(header, sizeof header, "xkey-purge: %s", keys);
    struct curl_slist *h = curl_slist_append(NULL, header);
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PURGE");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 2000L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    if (rc != CURLE_OK || status < 200 || status > 299) {
        log_error("purge %s (%.60s): %s", url, keys,
                  rc != CURLE_OK ? curl_easy_strerror(rc) : "refused");
        return -1;
    }
    return 0;
}

static void *fresh_purge(void *arg)
{
    (void)arg;
    CURL *c = curl_easy_init();
    for (;;) {
        pthread_mutex_lock(&fresh.qlock);
        while (!fresh.qlen && !fresh.stopping)
            pthread_cond_wait(&fresh.qcond, &fresh.qlock);
        if (!fresh.qlen) {
            pthread_mutex_unlock(&fresh.qlock);
            break;
        }
        char *keys = fresh.queue[fresh.qhead];
        fresh.qhead = (fresh.qhead + 1) % FRESH_QUEUE;
        fresh.qlen--;
        int stopping = fresh.stopping;
        pthread_mutex_unlock(&fresh.qlock);
        for (size_t i = 0; i < fresh.npurge; i++) {
            int ok = 0;
            for (int t = 0; t < (stopping ? 1 : FRESH_TRIES) && !ok && c; t++) {
                if (t)
                    fresh_sleep_ms(200 << t);
                ok = fresh_purge_one(c, fresh.purge[i], keys) == 0;
            }
            pthread_mutex_lock(&fresh.qlock);
            ok ? fresh.sent++ : fresh.failed++;
            pthread_mutex_unlock(&fresh.qlock);
        }
        free(keys);
    }
    if (c)
        curl_easy_cleanup(c);
    return NULL;
}

enum ak_err fresh_start(const char *db_path, const char *const *purge, size_t npurge,
                        int read_only)
{
    struct store *st;
    if (npurge > FRESH_PURGE_MAX)
        return AK_EINVAL;
    enum ak_err rc = store_open(db_path, read_only ? STORE_READONLY : 0, &st);
    if (rc != AK_OK)
        return rc;
    if (store_changes_last(st, &fresh.last) != AK_OK) {
        store_close(st);
        return AK_EIO;
    }
    fresh.prune = !read_only;
    fresh.stopping = 0;
    fresh.npurge = 0;
    for (size_t i = 0; i < npurge; i++)
        if ((fresh.purge[i] = strdup(purge[i])))
            fresh.npurge++;
    if (fresh.npurge && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        fresh.npurge = 0;
    fresh.on = 1;
    if (pthread_create(&fresh.watcher, NULL, fresh_watch, st)) {
        fresh.on = 0;
        store_close(st);
        return AK_EIO;
    }
    if (fresh.npurge && pthread_create(&fresh.purger, NULL, fresh_purge, NULL))
        fresh.npurge = 0;
    return AK_OK;
}

void fresh_stop(void)
{
    if (!fresh.on)
        return;
    pthread_mutex_lock(&fresh.qlock);
    __atomic_store_n(&fresh.stopping, 1, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&fresh.qcond);
    pthread_mutex_unlock(&fresh.qlock);
    pthread_join(fresh.watcher, NULL);
    if (fresh.npurge) {
        pthread_join(fresh.purger, NULL);
        curl_global_cleanup();
    }
    for (size_t i = 0; i < fresh.npurge; i++)
        free(fresh.purge[i]);
    fresh.npurge = 0;
    fresh.on = 0;
}

void fresh_purge_counts(size_t *sent, size_t *failed)
{
    pthread_mutex_lock(&fresh.qlock);
    *sent = fresh.sent;
    *failed = fresh.failed;
    pthread_mutex_unlock(&fresh.qlock);
}
