/*
 * guard.c: the connection guard (see guard.h).
 *
 * Why: libmicrohttpd's connection timeout restarts with every byte, so a
 * client sending one byte every few seconds holds its connection forever;
 * at its connection limit the library stops accepting and new connections
 * wait in the kernel's backlog; and its per-address limit counts the peer,
 * so behind a proxy every reader shares one address. The library has no
 * call to close a connection from outside its callbacks, so the guard cuts
 * one by shutting its socket down (shutdown(2)): the library then reads
 * the end of the stream and closes it as if the client had left. The table
 * lock is held from guard_open to guard_close, which the library calls
 * before it closes the socket, so a socket number is never shut down after
 * it was closed and reused.
 *
 * The watchdog thread looks at every connection twice a second. A request
 * head or body that has taken longer than head_timeout seconds plus one
 * second for each min_rate bytes received (the kernel's count, TCP_INFO)
 * is cut, and a head also after head_max seconds (Apache's mod_reqtimeout
 * rule). An idle connection has no deadline here (the library's idle
 * timeout closes it); the first byte received after a request makes it a
 * head, whose clock starts then.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/tcp.h>
#include "base/hash.h"
#include "base/log.h"
#include "http/client.h"
#include "http/guard.h"

#define GUARD_NONE UINT32_MAX
#define GUARD_TICK_MS 500

enum guard_phase { GUARD_IDLE, GUARD_HEAD, GUARD_BODY, GUARD_WORK };

struct guard_conn {
    int fd;                     /* -1: the slot is free */
    enum guard_phase phase;
    int cut;                    /* shut down by the guard: closing */
    int busy;                   /* came when nothing could make room: 503 */
    double since;               /* when the phase began (a head: its first byte) */
    uint64_t base;              /* bytes received when the phase began */
    uint32_t peer;              /* its address's entry */
    uint32_t client;            /* the entry of the client its request is counted
                                   for (behind a proxy), or GUARD_NONE */
    uint32_t next_free;
};

/* An address: its connections and (behind a proxy) its requests in flight. */
struct guard_addr {
    char text[64];
    unsigned refs;              /* connections that point to it */
    unsigned conns, requests;   /* what its limit counts */
    uint32_t next;              /* in its hash chain, or in the free list */
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    int running;
    struct guard_limits lim;
    struct guard_conn *conns;
    uint32_t nconns, free_conn;
    unsigned live;              /* open and not cut */
    struct guard_addr *addrs;
    uint32_t naddrs, free_addr;
    uint32_t *buckets;
    uint32_t nbuckets;          /* a power of two */
    unsigned slow, evicted, refused;    /* since the last report */
} g = { .lock = PTHREAD_MUTEX_INITIALIZER };

static double guard_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes the kernel has received on socket fd; 0 when it cannot say. */
static uint64_t guard_received(int fd)
{
    struct tcp_info ti;
    socklen_t n = sizeof ti;
    memset(&ti, 0, sizeof ti);
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &n) != 0 ||
        n < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof ti.tcpi_bytes_received)
        return 0;
    return ti.tcpi_bytes_received;
}

/* ---- addresses ---- */

static uint32_t *guard_bucket(const char *text)
{
    return &g.buckets[hash_fnv1a(text, strlen(text)) & (g.nbuckets - 1)];
}

/* A reference to the entry of address text, made when absent; GUARD_NONE
 * when the table is full. */
static uint32_t guard_addr_get(const char *text)
{
    uint32_t *b = guard_bucket(text);
    uint32_t i = *b;
    while (i != GUARD_NONE && strcmp(g.addrs[i].text, text) != 0)
        i = g.addrs[i].next;
    if (i == GUARD_NONE) {
        if ((i = g.free_addr) == GUARD_NONE)
            return GUARD_NONE;
        struct guard_addr *a = &g.addrs[i];
        g.free_addr = a->next;
        snprintf(a->text, sizeof a->text, "%s", text);
        a->refs = a->conns = a->requests = 0;
        a->next = *b;
        *b = i;
    }
    g.addrs[i].refs++;
    return i;
}

/* Drop a reference to entry i, which is freed with the last. */
static void guard_addr_put(uint32_t i)
{
    struct guard_addr *a = &g.addrs[i];
    if (--a->refs)
        return;
    uint32_t *p = guard_bucket(a->text);
    while (*p != i)
        p = &g.addrs[*p].next;
    *p = a->next;
    a->next = g.free_addr;
    g.free_addr = i;
}

/* ---- connections ---- */

/* Cut connection c: the library will find its stream ended and close it.
 * It counts no more, for the pool or for its address. */
static void guard_cut(struct guard_conn *c)
{
    shutdown(c->fd, SHUT_RDWR);
    c->cut = 1;
    g.live--;
    g.addrs[c->peer].conns--;
}

/* Make room for newcomer: cut the connection without a request in progress
 * (idle, or sending its head) that has been so the longest. Returns 0 when
 * every other connection has a request in progress. */
static int guard_evict(const struct guard_conn *newcomer)
{
    struct guard_conn *old = NULL;
    for (uint32_t i = 0; i < g.nconns; i++) {
        struct guard_conn *c = &g.conns[i];
        if (c->fd >= 0 && !c->cut && c != newcomer &&
            (c->phase == GUARD_IDLE || c->phase == GUARD_HEAD) &&
            (!old || c->since < old->since))
            old = c;
    }
    if (!old)
        return 0;
    guard_cut(old);
    g.evicted++;
    return 1;
}

struct guard_conn *guard_open(int fd, const char *peer)
{
    pthread_mutex_lock(&g.lock);
    struct guard_conn *c = NULL;
    uint32_t a = g.running ? guard_addr_get(peer) : GUARD_NONE;
    if (a != GUARD_NONE && g.free_conn != GUARD_NONE) {
        c = &g.conns[g.free_conn];
        g.free_conn = c->next_free;
        *c = (struct guard_conn){ .fd = fd, .phase = GUARD_HEAD, .since = guard_now(),
                                  .peer = a, .client = GUARD_NONE, .next_free = GUARD_NONE };
        g.addrs[a].conns++;
        g.live++;
        unsigned limit = client_is_proxy(peer) ? g.lim.max_per_proxy : g.lim.max_per_client;
        if (g.addrs[a].conns > limit) {
            guard_cut(c);
            g.refused++;
        } else if (g.live > g.lim.max_connections && !guard_evict(c)) {
            c->busy = 1;
        }
    } else if (a != GUARD_NONE) {
        guard_addr_put(a);
    }
    pthread_mutex_unlock(&g.lock);
    return c;
}

/* Stop counting c's request for its client. */
static void guard_release(struct guard_conn *c)
{
    if (c->client == GUARD_NONE)
        return;
    g.addrs[c->client].requests--;
    guard_addr_put(c->client);
    c->client = GUARD_NONE;
}

void guard_close(struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g.lock);
    guard_release(c);
    if (!c->cut) {
        g.live--;
        g.addrs[c->peer].conns--;
    }
    guard_addr_put(c->peer);
    c->fd = -1;
    c->next_free = g.free_conn;
    g.free_conn = (uint32_t)(c - g.conns);
    pthread_mutex_unlock(&g.lock);
}

/* Start phase p of c now. */
static void guard_phase(struct guard_conn *c, enum guard_phase p)
{
    c->phase = p;
    c->since = guard_now();
    c->base = guard_received(c->fd);
}

enum guard_verdict guard_request(struct guard_conn *c, const char *client)
{
    enum guard_verdict v = GUARD_SERVE;
    if (!c)
        return v;
    pthread_mutex_lock(&g.lock);
    guard_release(c);
    guard_phase(c, GUARD_BODY);
    if (c->busy) {
        v = GUARD_BUSY;
    } else if (strcmp(client, g.addrs[c->peer].text) != 0) {
        /* Behind a proxy: the client's requests in flight are its connections. */
        uint32_t a = guard_addr_get(client);
        if (a == GUARD_NONE || g.addrs[a].requests >= g.lim.max_per_client) {
            v = GUARD_LIMIT;
            if (a != GUARD_NONE)
                guard_addr_put(a);
        } else {
            g.addrs[a].requests++;
            c->client = a;
        }
    }
    pthread_mutex_unlock(&g.lock);
    return v;
}

void guard_work(struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g.lock);
    c->phase = GUARD_WORK;
    pthread_mutex_unlock(&g.lock);
}

void guard_done(struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g.lock);
    guard_release(c);
    guard_phase(c, GUARD_IDLE);
    pthread_mutex_unlock(&g.lock);
}

/* ---- the watchdog ---- */

/* Look at every connection once: a head or body past its deadline is cut,
 * and an idle connection that has received a byte starts a head. */
static void guard_check(double now)
{
    for (uint32_t i = 0; i < g.nconns; i++) {
        struct guard_conn *c = &g.conns[i];
        if (c->fd < 0 || c->cut || c->phase == GUARD_WORK)
            continue;
        uint64_t got = guard_received(c->fd);
        if (c->phase == GUARD_IDLE) {
            if (got > c->base) {
                c->phase = GUARD_HEAD;
                c->since = now;
            }
            continue;
        }
        uint64_t more = got > c->base ? got - c->base : 0;
        double allowed = g.lim.head_timeout + (double)more / g.lim.min_rate;
        if (c->phase == GUARD_HEAD && allowed > g.lim.head_max)
            allowed = g.lim.head_max;
        if (now - c->since > allowed) {
            guard_cut(c);
            g.slow++;
        }
    }
}

static void *guard_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g.lock);
    while (g.running) {
        struct timespec ts;             /* the condition waits on this clock */
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += GUARD_TICK_MS * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&g.wake, &g.lock, &ts);
        if (!g.running)
            break;
        guard_check(guard_now());
        unsigned slow = g.slow, evicted = g.evicted, refused = g.refused;
        g.slow = g.evicted = g.refused = 0;
        pthread_mutex_unlock(&g.lock);
        if (slow)
            log_info("http: closed %u slow connection%s (a request head or body past its "
                     "deadline)", slow, slow == 1 ? "" : "s");
        if (evicted)
            log_info("http: the pool was full: closed %u idle or unfinished connection%s for "
                     "new ones", evicted, evicted == 1 ? "" : "s");
        if (refused)
            log_info("http: refused %u connection%s over the limit of their address", refused,
                     refused == 1 ? "" : "s");
        pthread_mutex_lock(&g.lock);
    }
    pthread_mutex_unlock(&g.lock);
    return NULL;
}

enum ak_err guard_start(const struct guard_limits *l, unsigned cap)
{
    g.lim = *l;
    if (!g.lim.min_rate)
        g.lim.min_rate = 1;
    g.nconns = cap;
    g.naddrs = 2 * cap;
    for (g.nbuckets = 64; g.nbuckets < g.naddrs; g.nbuckets *= 2)
        ;
    g.conns = calloc(g.nconns, sizeof *g.conns);
    g.addrs = calloc(g.naddrs, sizeof *g.addrs);
    g.buckets = malloc(g.nbuckets * sizeof *g.buckets);
    if (!g.conns || !g.addrs || !g.buckets) {
        guard_stop();
        return AK_ENOMEM;
    }
    for (uint32_t i = 0; i < g.nconns; i++) {
        g.conns[i].fd = -1;
        g.conns[i].next_free = i + 1 < g.nconns ? i + 1 : GUARD_NONE;
    }
    for (uint32_t i = 0; i < g.naddrs; i++)
        g.addrs[i].next = i + 1 < g.naddrs ? i + 1 : GUARD_NONE;
    for (uint32_t i = 0; i < g.nbuckets; i++)
        g.buckets[i] = GUARD_NONE;
    g.free_conn = 0;
    g.free_addr = 0;
    g.live = 0;
    pthread_condattr_t ca;              /* ticks by the monotonic clock: a change of */
    pthread_condattr_init(&ca);         /* the wall clock must not stall the watchdog */
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g.wake, &ca);
    pthread_condattr_destroy(&ca);
    g.running = 1;
    if (pthread_create(&g.thread, NULL, guard_main, NULL) != 0) {
        g.running = 0;
        guard_stop();
        return AK_ENOMEM;
    }
    return AK_OK;
}

void guard_stop(void)
{
    pthread_mutex_lock(&g.lock);
    int was = g.running;
    g.running = 0;
    pthread_cond_signal(&g.wake);
    pthread_mutex_unlock(&g.lock);
    if (was) {
        pthread_join(g.thread, NULL);
        pthread_cond_destroy(&g.wake);
    }
    free(g.conns);
    free(g.addrs);
    free(g.buckets);
    g.conns = NULL;
    g.addrs = NULL;
    g.buckets = NULL;
    g.nconns = g.naddrs = 0;
}
