/*
 * guard.h: the connection guard (guard.c). It keeps the server's pool of
 * connections whole against slow and greedy clients, which the HTTP
 * library's own limits do not: a deadline and a minimum rate for each
 * request head and body, a connection limit per address that counts the
 * clients behind a trusted proxy and not the proxy, and, when the pool is
 * full, the slot of the oldest connection without a request in progress for
 * the newcomer. No HTTP library here: http/server.c reports each
 * connection's socket and the steps of its requests.
 *
 * A connection's life: guard_open when it is accepted, then for each
 * request guard_request (its head is in), guard_work (its body too: it is
 * being handled) and guard_done (answered); guard_close when it is gone.
 * Until guard_request, and between guard_done and the first byte of the
 * next request, it is idle.
 */
#ifndef AK_HTTP_GUARD_H
#define AK_HTTP_GUARD_H

#include "base/err.h"

struct guard_limits {
    unsigned max_connections;   /* the pool: above it a new connection takes the
                                   slot of the oldest one that has no request in
                                   progress (or is answered 503) */
    unsigned max_per_client;    /* connections from one address; behind a trusted
                                   proxy, requests in flight for one client */
    unsigned max_per_proxy;     /* connections from one trusted proxy */
    unsigned head_timeout;      /* seconds for a request head from its first byte,
                                   and for a body, ... */
    unsigned min_rate;          /* ... plus one second for each min_rate bytes */
    unsigned head_max;          /* seconds a request head may take at most */
};

/* What to do with a request whose head is in. */
enum guard_verdict {
    GUARD_SERVE,
    GUARD_BUSY,                 /* it came when the pool was full of requests in
                                   progress: answer 503 and close */
    GUARD_LIMIT,                /* its client has max_per_client requests in
                                   flight already: answer 429 */
};

struct guard_conn;

/* Start guarding with limits l: at most cap connections at once (the HTTP
 * library's limit); starts the watchdog thread, which cuts the connections
 * past their deadline. Returns AK_OK or AK_ENOMEM. */
enum ak_err guard_start(const struct guard_limits *l, unsigned cap);
/* Stop the watchdog and free the tables (no connection may be left). */
void guard_stop(void);

/* A connection was accepted: its socket fd and its peer's address as text.
 * Refused at once (its socket shut down) when its address holds its limit
 * already; when the pool is full, the oldest idle connection is cut for it.
 * Returns its handle for the calls below, or NULL when the tables are full
 * (the connection is then not guarded; those calls accept NULL). */
struct guard_conn *guard_open(int fd, const char *peer);
/* The connection is gone (before its socket is closed). */
void guard_close(struct guard_conn *c);
/* The request head is in, for client (the address resolved through trusted
 * proxies): its body phase begins. */
enum guard_verdict guard_request(struct guard_conn *c, const char *client);
/* The request is being handled or answered: no deadline. */
void guard_work(struct guard_conn *c);
/* The request is answered (or abandoned): the connection is idle again. */
void guard_done(struct guard_conn *c);

#endif
