/*
 * wire_poll.c: polling wire feeds over HTTP with libcurl (see wire.h):
 * `akhbar feed poll` polls every due feed once; `serve` runs the same in a
 * thread of its own (wire_poller_start).
 *
 * A fetch is a conditional GET (If-None-Match with the last ETag,
 * If-Modified-Since with the last Last-Modified), accepts gzip (and whatever
 * else libcurl decodes), follows at most 5 redirects, over http and https
 * only, never to a private, loopback or link-local address (fetch_socket),
 * gives up after WIRE_CONNECT_TIMEOUT seconds to connect and
 * WIRE_TOTAL_TIMEOUT in all, and stops reading past WIRE_MAX_BYTES (counted
 * after decompression, so a gzip bomb stops there too). A 304 is a success
 * with nothing to read. A failure (no answer, a status other than 200 and
 * 304, a document that is not a feed) is recorded with its reason and the
 * feed waits interval x 2^failures (at most WIRE_BACKOFF_MAX) before the
 * next try; a success resets that. Feeds are polled one after the other:
 * the thread's work is waiting on the network, not the CPU.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "base/buf.h"
#include "base/log.h"
#include "ingest/wire.h"
#include "store/store.h"
#include "store/wire.h"

enum {
    WIRE_CONNECT_TIMEOUT = 10,      /* seconds */
    WIRE_TOTAL_TIMEOUT = 30,        /* seconds */
    WIRE_BACKOFF_MAX = 6 * 3600,    /* seconds: the longest wait after failures */
    WIRE_DUE_BATCH = 100,           /* feeds read from the store at a time */
    WIRE_TICK_MS = 1000,            /* how often the thread looks for due feeds */
};

/* One response being read. */
struct fetch {
    struct buf body;
    char etag[256];
    char last_modified[64];
    int toobig;
    int refused;                /* a connection to a private address was refused */
};

/* Is the IPv4 address a (network order) loopback, private, link-local,
 * shared (CGNAT), "this network", multicast or reserved? */
static int addr4_private(const unsigned char *a)
{
    return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
           (a[0] == 172 && (a[1] & 0xF0) == 16) || (a[0] == 192 && a[1] == 168) ||
           (a[0] == 100 && (a[1] & 0xC0) == 64) || a[0] >= 224;
}

/* libcurl's socket maker: refuses addresses inside the site's own networks
 * (a feed URL, or a redirect, naming 127.0.0.1, 10.x, 169.254.169.254,
 * ::1, fc00::/7...), so that whoever may add a feed cannot make the server
 * probe them. AKHBAR_FEED_PRIVATE=1 allows them (tests, a feed server on the
 * same network). */
static curl_socket_t fetch_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *sa)
{
    struct fetch *f = ud;
    (void)purpose;
    const char *allow = getenv("AKHBAR_FEED_PRIVATE");
    int private = 0;
    if (sa->family == AF_INET) {
        private = addr4_private((const unsigned char *)&((struct sockaddr_in *)&sa->addr)
                                    ->sin_addr);
    } else if (sa->family == AF_INET6) {
        const unsigned char *a = ((struct sockaddr_in6 *)&sa->addr)->sin6_addr.s6_addr;
        static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
        static const unsigned char zero[15] = { 0 };
        if (memcmp(a, mapped, 12) == 0)
            private = addr4_private(a + 12);
        else
            private = (memcmp(a, zero, 15) == 0 && a[15] <= 1) ||     /* ::, ::1 */
                      (a[0] & 0xFE) == 0xFC || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) ||
                      a[0] == 0xFF;
    } else {
        private = 1;
    }
    if (private && !(allow && strcmp(allow, "1") == 0)) {
        f->refused = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(sa->family, sa->socktype, sa->protocol);
}

static size_t fetch_body(char *p, size_t size, size_t nmemb, void *ud)
{
    struct fetch *f = ud;
    size_t n = size * nmemb;
    if (f->body.n + n > WIRE_MAX_BYTES) {
        f->toobig = 1;
        return 0;                       /* libcurl stops with CURLE_WRITE_ERROR */
    }
    buf_append(&f->body, p, n);
    return f->body.err ? 0 : n;
}

/* Copy the value of header line p[0..n) into out when it is name's. */
static void fetch_value(const char *p, size_t n, const char *name, char *out, size_t cap)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(p, name, k) != 0 || p[k] != ':')
        return;
    p += k + 1;
    n -= k + 1;
    while (n > 0 && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' '))
        n--;
    if (n < cap) {
        memcpy(out, p, n);
        out[n] = 0;
    }
}

static size_t fetch_header(char *p, size_t size, size_t nmemb, void *ud)
{
    struct fetch *f = ud;
    size_t n = size * nmemb;
    if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
        f->etag[0] = f->last_modified[0] = 0;   /* a new response (after a redirect) */
    fetch_value(p, n, "ETag", f->etag, sizeof f->etag);
    fetch_value(p, n, "Last-Modified", f->last_modified, sizeof f->last_modified);
    return n;
}

/* libcurl's progress callback: non-zero aborts the transfer (a stopping server). */
static int fetch_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const int *stop = ud;
    return stop && __atomic_load_n(stop, __ATOMIC_RELAXED);
}

/* GET f's URL conditionally into *fe; *status gets the HTTP status (0: no
 * answer) and why a reason on failure. Returns 1 when there is an answer. */
static int fetch_get(CURL *c, const struct feed *fd, struct fetch *fe, const int *stop,
                     long *status, char *why, size_t cap)
{
    struct curl_slist *h = NULL;
    char line[400];
    if (*fd->etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", fd->etag);
        h = curl_slist_append(h, line);
    }
    if (*fd->last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", fd->last_modified);
        h = curl_slist_append(h, line);
    }
    h = curl_slist_append(h, "Accept: application/rss+xml, application/atom+xml, "
                             "application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, "
                             "*/*;q=0.5");
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, fd->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)WIRE_CONNECT_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)WIRE_TOTAL_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)WIRE_MAX_BYTES);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "akhbar-feed-poller/1");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, fe);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, fetch_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, fe);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, fetch_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, fe);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, fetch_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, stop);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(h);
    *status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    if (fe->toobig || rc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(why, cap, "more than %d bytes", WIRE_MAX_BYTES);
        return 0;
    }
    if (rc != CURLE_OK && fe->refused) {
        snprintf(why, cap, "refused: a private, loopback or link-local address "
                 "(AKHBAR_FEED_PRIVATE=1 allows it)");
        *status = 0;
        return 0;
    }
    if (rc != CURLE_OK) {
        snprintf(why, cap, "%s", curl_easy_strerror(rc));
        *status = 0;
        return 0;
    }
    return 1;
}

/* Poll feed fd (a copy the store gave, in arena a) and record the outcome. */
static enum ak_err poll_one(struct store *st, CURL *c, struct arena *a, struct feed *fd,
                            int64_t now, const int *stop, FILE *err,
                            struct wire_poll_report *rep)
{
    struct fetch fe = { 0 };
    buf_init(&fe.body, WIRE_MAX_BYTES);
    char why[256] = "";
    long status = 0;
    int ok = 0;
    enum ak_err rc = AK_OK;
    struct wire_report wr = { 0 };
    rep->feeds++;
    if (fetch_get(c, fd, &fe, stop, &status, why, sizeof why)) {
        if (status == 304) {
            ok = 1;
            rep->not_modified++;
        } else if (status != 200) {
            snprintf(why, sizeof why, "HTTP status %ld", status);
        } else {
            struct wire_doc doc;
            rep->fetched++;
            enum ak_err prc = wire_parse(fe.body.n ? fe.body.p : "", fe.body.n, a, &doc, why,
                                         sizeof why);
            if (prc == AK_OK) {
                struct wire_target t = {
                    .name = fd->url, .feed_id = fd->id, .origin = fd->url,
                    .section = fd->section, .status = fd->status,
                    .source = *doc.title ? doc.title : fd->title,
                };
                rc = wire_store(st, &doc, &t, err, &wr);
                ok = rc == AK_OK;
                if (!ok)
                    snprintf(why, sizeof why, "store: %s", ak_strerror(rc));
                if (ok && *doc.title)
                    fd->title = doc.title;
                if (ok) {               /* read: the next poll is conditional on it */
                    fd->etag = arena_strdup(a, fe.etag);
                    fd->last_modified = arena_strdup(a, fe.last_modified);
                    if (!fd->etag || !fd->last_modified)
                        fd->etag = fd->last_modified = "";
                }
            } else if (prc == AK_ENOMEM) {
                rc = AK_ENOMEM;
            }
        }
    }
    buf_reset(&fe.body);
    fd->polled_at = now;
    fd->http_status = (int)status;
    if (ok) {
        fd->ok_at = now;
        fd->error = "";
        fd->failures = 0;
        fd->next_at = now + fd->interval;
    } else {
        rep->errors++;
        fd->error = arena_strdup(a, why);
        if (!fd->error)
            fd->error = "out of memory";
        fd->failures++;
        int64_t wait = fd->interval;
        for (int64_t k = 0; k < fd->failures && wait < WIRE_BACKOFF_MAX; k++)
            wait *= 2;
        fd->next_at = now + (wait < WIRE_BACKOFF_MAX ? wait : WIRE_BACKOFF_MAX);
    }
    rep->items.added += wr.added;
    rep->items.updated += wr.updated;
    rep->items.kept += wr.kept;
    rep->items.unchanged += wr.unchanged;
    rep->items.duplicates += wr.duplicates;
    rep->items.failed += wr.failed;
    if (err)
        fprintf(err, "%s: %s%s: %zu new, %zu updated, %zu unchanged, %zu duplicates\n", fd->url,
                ok ? (status == 304 ? "not modified" : "ok") : "failed: ", ok ? "" : why,
                wr.added, wr.updated, wr.unchanged, wr.duplicates);
    else if (!ok)
        log_warn("feed %s: %s (try %lld; next in %lld s)", fd->url, why,
                 (long long)fd->failures, (long long)(fd->next_at - now));
    else if (wr.added || wr.updated || wr.duplicates)
        log_info("feed %s: %zu new, %zu updated, %zu duplicates", fd->url, wr.added, wr.updated,
                 wr.duplicates);
    enum ak_err src = store_feed_polled(st, fd);
    return rc ? rc : src;
}

enum ak_err wire_poll_due(struct store *st, int64_t now, const int *stop, FILE *err,
                          struct wire_poll_report *rep)
{
    CURL *c = curl_easy_init();
    if (!c)
        return AK_ENOMEM;
    enum ak_err rc = AK_OK;
    int64_t last_id = -1;
    for (;;) {
        struct arena a;
        arena_init(&a, 0);
        struct feed *due;
        size_t n = 0;
        rc = store_feed_due(st, &a, now, WIRE_DUE_BATCH, &due, &n);
        size_t done = 0;
        for (size_t i = 0; rc == AK_OK && i < n; i++) {
            if (due[i].id == last_id)
                continue;
            if (stop && __atomic_load_n(stop, __ATOMIC_RELAXED))
                break;
            /* Taken for the length of a transfer; the outcome sets next_at. */
            enum ak_err crc = store_feed_claim(st, due[i].id, now,
                                               now + WIRE_TOTAL_TIMEOUT + 60);
            if (crc == AK_ENOTFOUND) {
                last_id = due[i].id;
                continue;               /* another process polls it */
            }
            rc = crc ? crc : poll_one(st, c, &a, &due[i], now, stop, err, rep);
            last_id = due[i].id;
            done++;
        }
        arena_reset(&a);
        if (rc != AK_OK || n < WIRE_DUE_BATCH || done == 0)
            break;                      /* each polled feed is now due later: the next
                                         * batch holds only feeds not polled yet */
    }
    curl_easy_cleanup(c);
    return rc;
}

/* ---- the thread of `serve` ---- */

static pthread_t poller_thread;
static pthread_mutex_t poller_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t poller_wake;
static int poller_running, poller_stopping;
static struct store *poller_store;

static void *poller_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&poller_lock);
    while (!poller_stopping) {
        pthread_mutex_unlock(&poller_lock);
        struct wire_poll_report rep = { 0 };
        enum ak_err rc = wire_poll_due(poller_store, store_now(), &poller_stopping, NULL, &rep);
        if (rc)
            log_error("feeds: polling stopped for now: %s", ak_strerror(rc));
        pthread_mutex_lock(&poller_lock);
        if (poller_stopping)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += WIRE_TICK_MS / 1000;
        while (!poller_stopping &&
               pthread_cond_timedwait(&poller_wake, &poller_lock, &ts) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&poller_lock);
    return NULL;
}

enum ak_err wire_poller_start(const char *db_path)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return AK_EIO;
    if (store_open(db_path, 0, &poller_store) != AK_OK) {
        curl_global_cleanup();
        return AK_EIO;
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&poller_wake, &ca);
    pthread_condattr_destroy(&ca);
    poller_stopping = 0;
    sigset_t all, old;                  /* the server's signals are not this thread's */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int e = pthread_create(&poller_thread, NULL, poller_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (e != 0) {
        log_error("feeds: cannot start the poller's thread");
        store_close(poller_store);
        poller_store = NULL;
        curl_global_cleanup();
        return AK_EIO;
    }
    poller_running = 1;
    return AK_OK;
}

void wire_poller_stop(void)
{
    if (!poller_running)
        return;
    pthread_mutex_lock(&poller_lock);
    __atomic_store_n(&poller_stopping, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&poller_wake);
    pthread_mutex_unlock(&poller_lock);
    pthread_join(poller_thread, NULL);
    pthread_cond_destroy(&poller_wake);
    store_close(poller_store);
    poller_store = NULL;
    poller_running = 0;
    curl_global_cleanup();
}
