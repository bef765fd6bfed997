/*
 * router.h: one table of routes, matched in order, as cgit's def_cmd table.
 *
 * A pattern is a path of segments; "*" matches one non-empty segment and
 * "#" one segment of decimal digits (1..18), both captured in order into
 * req->captures (and req->ids for "#"); a final "**" matches the rest.
 */
#ifndef AK_ROUTER_H
#define AK_ROUTER_H

#include "http/http.h"
#include "http/perm.h"

/* Where the server sends anonymous requests for non-public routes. */
#define ROUTER_LOGIN_PATH "/admin/login"
/* The newsroom's paths ("/admin" and below): closed in read-only mode. */
#define ROUTER_NEWSROOM_PREFIX "/admin"

typedef enum ak_err (*route_fn)(struct req *r);

enum route_flags {
    ROUTE_WRITES = 1,           /* may write the database (else store_protect) */
    ROUTE_FORM = 2,             /* reads a urlencoded form body */
    ROUTE_UPLOAD = 4,           /* with ROUTE_FORM: a multipart form whose one file
                                   field is streamed to a temporary file on disk
                                   (req->upload), not kept in memory */
    ROUTE_CACHE = 8,            /* a public page the same for every reader: kept in
                                   the page cache (http/cache.h) under the keys the
                                   handler names with http_shows() */
    ROUTE_FILES = 16,           /* serves files, not the database: runs without a
                                   transaction, so the theme's assets and the
                                   pictures are served while the database cannot
                                   be reached (PostgreSQL restarting) */
};

struct route {
    enum http_method method;    /* HTTP_GET also answers HEAD */
    const char *pattern;
    route_fn fn;
    enum perm perm;             /* who may call it (http/perm.h); checked, and for
                                   a POST that is not PERM_PUBLIC the session's
                                   CSRF token too, before fn runs */
    int flags;
    size_t max_body;            /* bytes; 0: no body allowed */
    const struct http_field_spec *form; /* ROUTE_FORM: the fields it reads (http.h),
                                   validated before fn runs; ends with name NULL */
};

/* The application's table (src/routes.c), which its caller hands to the
 * server (struct http_app); http/ itself never names it. */
extern const struct route routes[];

/* The first route of table for r->method and path, with captures filled in
 * r; NULL if none, and then *methods has a bit (1 << enum http_method) for
 * each method some route of the path accepts (HEAD with GET), so that the
 * caller can answer 405 with an Allow header rather than 404. */
const struct route *router_match(const struct route *table, struct req *r, const char *path,
                                 unsigned *methods);

#endif
