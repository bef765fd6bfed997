/*
 * http.h: the request and response API that handlers see. Only
 * http/server.c knows the HTTP library; handlers get a struct req.
 *
 * A request owns an arena (freed when the response is done) and borrows the
 * worker thread's store connection. Handlers answer with exactly one of the
 * http_send_* / http_redirect calls, or return an error and let the server
 * answer (AK_ENOTFOUND: 404 page; anything else: 500 page).
 */
#ifndef AK_HTTP_H
#define AK_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"
#include "store/store.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_METHOD__MAX };
extern const char *const http_method_names[HTTP_METHOD__MAX];

struct site;                    /* the application's shared state (page/page.h) */
struct route;                   /* http/router.h */

#define HTTP_MAX_FIELDS 32
#define HTTP_MAX_CAPTURES 4
#define HTTP_MAX_HEADERS 4      /* extra response headers a handler may add */

struct http_field {
    const char *name;
    char *value;                /* NUL-terminated, in the request arena */
    size_t n;
};

/* The file of a ROUTE_UPLOAD form (one per request): its bytes are in a
 * temporary file that the server removes when the request ends. */
struct http_upload {
    const char *field;          /* the form field's name; NULL when no file came */
    const char *filename;       /* the name the browser gave (not to be trusted) */
    const char *path;           /* the temporary file, complete when the handler runs */
    uint64_t bytes;
};

struct req {
    enum http_method method;
    const char *path;           /* percent-decoded, valid UTF-8 */
    const char *captures[HTTP_MAX_CAPTURES];   /* route pattern '*' and '#' parts */
    int64_t ids[HTTP_MAX_CAPTURES];            /* '#' parts as numbers */
    struct arena arena;
    struct store *store;        /* this thread's connection */
    const struct site *site;
    char client[64];            /* client address as text (behind a trusted
                                   proxy: the address it forwarded for) */
    int https;                  /* came over HTTPS: from a trusted proxy that
                                   said X-Forwarded-Proto: https */
    const unsigned char *key;   /* the site secret (32 bytes): keys session ids */
    const struct session *session;  /* the logged-in user's session, or NULL:
                                   resolved before a non-public route's
                                   handler runs (http/session.c) */
    int denied;                 /* a 403 for want of permission (not of a
                                   valid origin or token): the page says so */
    int64_t retry_after;        /* seconds; sent as Retry-After when non-zero */
    struct {
        const char *name, *value;
    } headers[HTTP_MAX_HEADERS];    /* extra response headers (Set-Cookie) */
    size_t nheaders;
    struct http_field form[HTTP_MAX_FIELDS];   /* POST fields, in order */
    size_t nform;
    int status;                 /* response status, for the access log */
    size_t bytes;               /* response body bytes, for the access log */
    int responded;
    int too_big;                /* the body was over the route's limit */
    int bad_form;               /* a field was malformed or over its limit */
    const struct route *route;  /* the matched route (server.c only) */
    void *conn;                 /* the library's connection (server.c only) */
    void *pp;                   /* the library's form parser (server.c only) */
    size_t body_bytes;          /* body bytes received so far */
    struct http_upload upload;  /* ROUTE_UPLOAD routes only */
    int upload_fd;              /* the upload's file while it is written, else -1
                                   (server.c only) */
    int upload_failed;          /* the temporary file could not be written */
};

/* A GET query argument (decoded), or NULL. */
const char *http_query(struct req *r, const char *name);
/* A request header, or NULL. */
const char *http_header(struct req *r, const char *name);
/* A request cookie's value, or NULL. */
const char *http_cookie(struct req *r, const char *name);
/* Add a response header to whatever the handler sends next. name must be a
 * literal; value (kept, not copied) must have no control characters.
 * Returns AK_OK, AK_EINVAL for a bad value or AK_ETOOBIG when
 * HTTP_MAX_HEADERS are already set. */
enum ak_err http_add_header(struct req *r, const char *name, const char *value);
/* A POST form field, or NULL. Field values are valid UTF-8 (else the server
 * answered 400 before the handler ran). */
const char *http_form(struct req *r, const char *name);

enum http_cache {
    HTTP_NO_STORE,              /* personal or one-off: never cached */
    HTTP_PUBLIC_SHORT,          /* public page: caches revalidate often */
    HTTP_PUBLIC_LONG,           /* static asset */
};

/* Send h's bytes as text/html (or content_type) with status; the body is
 * copied. ETag from the bytes, and 304 when If-None-Match matches. */
enum ak_err http_send(struct req *r, int status, const char *content_type,
                      const char *body, size_t n, enum http_cache cache);
enum ak_err http_send_html(struct req *r, int status, struct html *h, enum http_cache cache);
/* Send static bytes that outlive the server (theme assets), with their etag. */
enum ak_err http_send_static(struct req *r, const char *content_type, const char *body,
                             size_t n, const char *etag);
/* Send the regular file at path (not following a final symlink) with
 * content_type, cached by everyone for a year as immutable: for files whose
 * name changes with their content. AK_ENOTFOUND when there is no such
 * regular file (nothing sent). */
enum ak_err http_send_file(struct req *r, const char *path, const char *content_type);
/* Redirect (301, 302, 303) to location, a path built by the caller with
 * html_printf's %U for every variable part. */
enum ak_err http_redirect(struct req *r, int status, const char *location);
/* The full error page for status (404, 400, 403, 413, 429, 500...). */
enum ak_err http_send_error(struct req *r, int status);

/* Responses to paths under HTTP_PRIVATE_PREFIX are personal: the server
 * sends them with Cache-Control: no-store whatever the handler asked. */
#define HTTP_PRIVATE_PREFIX "/admin/"

#endif
