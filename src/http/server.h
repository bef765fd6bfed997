/*
 * server.h: the HTTP server: libmicrohttpd with an epoll thread pool, the
 * limits it lacks by default (with http/guard.c), per-thread database
 * connections, the access log, a clean stop on SIGTERM/SIGINT, and the log
 * files opened again on SIGHUP.
 *
 * http/ knows nothing of the application above it: the caller hands it a
 * struct http_app (the route table, the error-page renderer and an opaque
 * pointer that handlers reach as req->site).
 */
#ifndef AK_SERVER_H
#define AK_SERVER_H

#include <stdio.h>
#include "base/err.h"
#include "http/guard.h"
#include "http/http.h"

struct http_app {
    const struct route *routes; /* the route table (http/router.h), ends with fn NULL */
    enum ak_err (*error_page)(struct req *r, int status);  /* renders the error page
                                   for status; on failure the server sends plain text */
    const void *ctx;            /* the application's state: req->site */
    int read_only;              /* serve --read-only: the database is opened
                                   read-only, and the newsroom and every POST
                                   answer 503 (http/dispatch.c) */
    enum ak_err (*not_found)(struct req *r);    /* NULL, or asked before a GET or
                                   HEAD is answered 404 (no route, or its handler
                                   found nothing), in a read transaction: it may
                                   answer instead (the old site's URLs: a 301);
                                   AK_ENOTFOUND or no answer lets the 404 go */
};

struct server_config {
    const char *listen;         /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
    const char *db_path;
    unsigned threads;           /* 0: one per core */
    unsigned timeout;           /* seconds of idleness before a connection closes */
    struct guard_limits limits; /* the pool, per address, deadlines (http/guard.h) */
    size_t conn_memory;         /* bytes per connection for headers and buffers */
    const unsigned char *secret;    /* the site secret (32 bytes): keys session ids */
    const char *const *trusted_proxies; /* numeric addresses of front proxies whose
                                       X-Forwarded-For and X-Forwarded-Proto count */
    size_t ntrusted_proxies;        /* at most SERVER_MAX_PROXIES */
    size_t cache_bytes;         /* the page cache's budget; 0: no cache */
    const char *const *purge;   /* URLs told of every change (PURGE, xkey-purge) */
    size_t npurge;              /* at most FRESH_PURGE_MAX */
    const char *upload_dir;     /* an existing folder for the files of ROUTE_UPLOAD
                                   routes while their request lasts; NULL: such
                                   routes answer 500 */
};
#define SERVER_MAX_PROXIES 16

/* Serve app until SIGTERM or SIGINT; then stop accepting, let requests in
 * flight finish (up to a few seconds) and close. SIGHUP opens the log files
 * again (log_reopen). Returns AK_OK after a clean
 * stop, AK_EINVAL for a bad listen or proxy address, AK_EIO when the socket
 * could not be opened (logged). */
enum ak_err server_run(const struct server_config *cfg, const struct http_app *app);

#endif
