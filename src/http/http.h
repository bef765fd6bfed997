/*
 * http.h: the request and response API that handlers see. Only
 * http/server.c knows the HTTP library: it parses each request into the plain
 * data of a struct req (http/req.c reads it), and turns the response a
 * handler recorded in req->resp into the library's.
 *
 * A request owns an arena (freed when the response is done) and borrows the
 * worker thread's store connection. Handlers answer with exactly one of the
 * http_send_* / http_redirect calls, or return an error and let the
 * dispatcher answer (AK_ENOTFOUND: 404 page; AK_EINVAL: 400; anything else:
 * 500 page).
 */
#ifndef AK_HTTP_H
#define AK_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"
#include "store/session.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_METHOD__MAX };
extern const char *const http_method_names[HTTP_METHOD__MAX];

struct req;
struct site;                    /* the application's state: opaque to http/ */
struct route;                   /* http/router.h */
struct http_app;                /* http/server.h */

#define HTTP_MAX_FIELDS 32
#define HTTP_MAX_CAPTURES 4
#define HTTP_MAX_HEADERS 8      /* extra response headers a handler may add */
#define HTTP_KEYS_MAX 1024      /* bytes of the keys a page shows (http_shows) */
#define HTTP_FIELD_MAX (64u << 10)  /* bytes in one form field */

/* ---- declared form fields (kcgi's kvalid) ----
 * Each form route points to a table of the fields it reads; the dispatcher
 * validates the posted form against it before the handler runs (a bad or
 * missing required field: 400 with the error page, nothing runs), drops
 * fields the table does not name, and handlers read only validated values
 * through the typed accessors below. */
enum http_valid {
    HTTP_VALID_TEXT,            /* any text, lines allowed (UTF-8 checked for all) */
    HTTP_VALID_LINE,            /* one line: no control characters */
    HTTP_VALID_INT,             /* a decimal integer, optional '-', at most 18 digits */
    HTTP_VALID_ID,              /* a positive decimal id, at most 18 digits; "" is absent */
    HTTP_VALID_ENUM,            /* one of the spec's choices; "" is absent */
    HTTP_VALID_CHECKBOX,        /* checked when present, whatever its value */
    HTTP_VALID_LOGIN,           /* a user name: a-z 0-9 . _ - */
    HTTP_VALID_EMAIL,           /* "" or one line with an '@' inside, no spaces */
    HTTP_VALID_URL,             /* "" or a local path: '/' then not '/' or '\' */
    HTTP_VALID_TOKEN,           /* "" or a form token: hex digits and '-' */
    HTTP_VALID__MAX
};
extern const char *const http_valid_names[HTTP_VALID__MAX];

#define HTTP_FIELD_REQUIRED 1   /* absent (or "" for ID): the form is refused */
#define HTTP_FIELD_PREFIX 2     /* name is a prefix, followed by a decimal id (c17) */

struct http_field_spec {
    const char *name;           /* NULL ends a table */
    enum http_valid valid;
    size_t max;                 /* bytes; 0: HTTP_FIELD_MAX */
    int flags;                  /* HTTP_FIELD_* */
    const char *const *choices; /* HTTP_VALID_ENUM: the accepted values (an enum's
                                   names array) */
    size_t nchoices;
};

struct http_field {
    const char *name;
    char *value;                /* NUL-terminated, in the request arena */
    size_t n;
    const struct http_field_spec *spec;     /* what validated it; NULL: dropped */
    int64_t num;                /* INT, ID and PREFIX ids: the number; ENUM: the index */
};

/* Check one value against spec: 1 when it passes, and *num set for INT, ID
 * and ENUM. v must be valid UTF-8 (the server checked it). */
int http_field_valid(const struct http_field_spec *spec, const char *v, size_t n,
                     int64_t *num);
/* Collect size bytes of form field key's value that start at byte off of
 * it (a chunk, as the form parser hands it out) into r->form, the field
 * made on its first chunk. Returns 1, or 0 with r->bad_form set when the
 * form is refused: a part without a name (key NULL), more than
 * HTTP_MAX_FIELDS fields, a value over HTTP_FIELD_MAX, a chunk out of order
 * (a field sent twice), or no memory. */
int http_form_chunk(struct req *r, const char *key, const char *data, uint64_t off,
                    size_t size);
/* Validate r's form against the route's table (NULL: no field is kept but
 * the session token CSRF_FIELD, which every form may carry): 1 when it
 * passes. */
int http_form_validate(struct req *r, const struct http_field_spec *specs);

/* The file of a ROUTE_UPLOAD form (one per request): its bytes are in a
 * temporary file that the server removes when the request ends. */
struct http_upload {
    const char *field;          /* the form field's name; NULL when no file came */
    const char *filename;       /* the name the browser gave (not to be trusted) */
    const char *path;           /* the temporary file, complete when the handler runs */
    uint64_t bytes;
};

struct http_pair {
    const char *name, *value;   /* NUL-terminated, in the request arena */
};

/* The response a handler recorded; http/server.c sends it. */
struct http_response {
    int status;                 /* 0 until recorded */
    const char *content_type;
    const char *body;           /* owned when body_owned (malloc), else static */
    size_t n;
    int body_owned;
    int fd;                     /* a file body when >= 0 (owned: closed after) */
    uint64_t file_size;
    uint64_t full_length;       /* a 304: the length of the full response */
    const char *cache_control;  /* NULL: none */
    const char *etag;           /* in the arena; NULL: none */
    const char *location;       /* a redirect's target */
    const char *allow;          /* a 405: the methods the path accepts */
};

struct req {
    enum http_method method;
    const char *method_text;    /* as sent, for the access log */
    const char *target;         /* the raw request target, query included */
    const char *version;        /* "HTTP/1.1" */
    const char *path;           /* percent-decoded, valid UTF-8 */
    const char *captures[HTTP_MAX_CAPTURES];   /* route pattern '*' and '#' parts */
    int64_t ids[HTTP_MAX_CAPTURES];            /* '#' parts as numbers */
    struct arena arena;
    struct store *store;        /* this thread's connection */
    const struct site *site;    /* the application (http_app.ctx), opaque to http/ */
    const struct http_app *app;
    char client[64];            /* client address as text (behind a trusted
                                   proxy: the address it forwarded for) */
    int https;                  /* came over HTTPS: from a trusted proxy that
                                   said X-Forwarded-Proto: https */
    const unsigned char *key;   /* the site secret (32 bytes): keys session ids */
    const struct session *session;  /* the logged-in user's session, or NULL:
                                   resolved before a non-public route's
                                   handler runs (http/session.c) */
    const void *app_data;       /* the application's per-request state (the
                                   page kit's settings), NULL at first */
    int denied;                 /* a 403 for want of permission (not of a
                                   valid origin or token): the page says so */
    int64_t retry_after;        /* seconds; sent as Retry-After when non-zero */
    int not_modified;           /* If-Modified-Since said the client's copy is
                                   current (http_send_modified): answer 304 */
    struct http_pair hit_headers[2];    /* a cache hit's Referer and User-Agent */
    struct http_pair *in_headers;   /* the request's headers, query and cookies */
    size_t nin_headers;
    struct http_pair *query;
    size_t nquery;
    struct http_pair *cookies;
    size_t ncookies;
    struct http_pair headers[HTTP_MAX_HEADERS];    /* extra response headers (Set-Cookie) */
    size_t nheaders;
    char keys[HTTP_KEYS_MAX];   /* what the page shows (http_shows), separated
                                   by spaces */
    size_t nkeys;               /* bytes of keys */
    int keys_full;              /* a key did not fit: the page is not cached */
    int cache_hit;              /* answered from the page cache (server.c) */
    int cache_try;              /* to look in the page cache when complete */
    uint64_t cache_generation;  /* cache_generation() before the handler read */
    struct http_field form[HTTP_MAX_FIELDS];   /* POST fields, in order */
    size_t nform;
    struct http_response resp;
    size_t bytes;               /* response body bytes, for the access log */
    int responded;
    int too_big;                /* the body was over the route's limit */
    int bad_form;               /* a field was malformed or over its limit */
    const struct route *route;  /* the matched route */
    void *conn;                 /* the library's connection (server.c only) */
    void *pp;                   /* the library's form parser (server.c only) */
    size_t body_bytes;          /* body bytes received so far */
    struct http_upload upload;  /* ROUTE_UPLOAD routes only */
    int upload_fd;              /* the upload's file while it is written, else -1
                                   (server.c only) */
    int upload_failed;          /* the temporary file could not be written */
    uint64_t started_ns;        /* when its headers were in (clock_mono_ns) */
    uint64_t db_ns;             /* time inside database statements so far */
};

/* Name something the page shows (see http/cache.h and the change log):
 * kind is a key's letter ('a' article, 'c' comments, 's' section list, 't'
 * tag list, 'u' author, 'p' static page) and id its number; http_shows_key
 * names a whole key ("site", "l"). A key already named is not repeated. */
void http_shows(struct req *r, char kind, int64_t id);
void http_shows_key(struct req *r, const char *key);

/* A GET query argument (decoded, valid UTF-8), or NULL. */
const char *http_query(const struct req *r, const char *name);
/* A request header (name compared without case), or NULL. */
const char *http_header(const struct req *r, const char *name);
/* A request cookie's value, or NULL. */
const char *http_cookie(const struct req *r, const char *name);
/* Add a response header to whatever the handler sends next. name must be a
 * literal; value (kept, not copied) must have no control characters.
 * Returns AK_OK, AK_EINVAL for a bad value or AK_ETOOBIG when
 * HTTP_MAX_HEADERS are already set. */
enum ak_err http_add_header(struct req *r, const char *name, const char *value);

/* Validated form fields (see http_field_spec). A name the route's table does
 * not declare reads as absent. */
/* The text of field name, or NULL when absent. */
const char *http_form(const struct req *r, const char *name);
/* An INT or ID field's number; 0 when absent. */
int64_t http_form_int(const struct req *r, const char *name);
/* An ENUM field's index in its choices; -1 when absent or "". */
int http_form_enum(const struct req *r, const char *name);
/* Non-zero when field name was sent (a checked checkbox). */
int http_form_checked(const struct req *r, const char *name);
/* The ids of the checked fields of PREFIX spec prefix (c17 -> 17), in form
 * order, into out[0..max); returns how many. */
size_t http_form_ids(const struct req *r, const char *prefix, int64_t *out, size_t max);

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
/* Send a public page (200, HTTP_PUBLIC_SHORT, ETag) that was last changed at
 * unix time modified, with a Last-Modified header (none when modified is 0):
 * 304 when If-None-Match matches, or, when the request has no If-None-Match,
 * when its If-Modified-Since is not earlier than modified (RFC 9110 13.1.3). */
enum ak_err http_send_modified(struct req *r, const char *content_type, const char *body,
                               size_t n, int64_t modified);
/* The unix time of an HTTP date in the IMF-fixdate form ("Sun, 06 Nov 1994
 * 08:49:37 GMT"), or -1 when s is not one. */
int64_t http_date_parse(const char *s);
/* Send static bytes that outlive the server (theme assets), with their etag;
 * cached a day, or a year as immutable when their name changes with their
 * bytes (immutable non-zero: the web fonts). */
enum ak_err http_send_static(struct req *r, const char *content_type, const char *body,
                             size_t n, const char *etag, int immutable);
/* Send the regular file at path (not following a final symlink) with
 * content_type, cached by everyone for a year as immutable: for files whose
 * name changes with their content. AK_ENOTFOUND when there is no such
 * regular file (nothing sent). */
enum ak_err http_send_file(struct req *r, const char *path, const char *content_type);
/* Redirect (301, 302, 303) to location, a path built by the caller with
 * html_printf's %U for every variable part. */
enum ak_err http_redirect(struct req *r, int status, const char *location);
/* The full error page for status (404, 400, 403, 413, 429, 500...), by the
 * application's renderer (http_app.error_page), else plain text. */
enum ak_err http_send_error(struct req *r, int status);
/* The plain-text error answer, when even the error page cannot be made. */
enum ak_err http_send_plain(struct req *r, int status);

/* Non-zero when the If-None-Match header value inm matches etag (a quoted
 * entity tag): "*", or a comma-separated list of entity tags one of which
 * equals etag under weak comparison (a W/ prefix ignored on either side). */
int http_etag_match(const char *inm, const char *etag);

/* Responses to paths under HTTP_PRIVATE_PREFIX are personal: the server
 * sends them with Cache-Control: no-store whatever the handler asked. */
#define HTTP_PRIVATE_PREFIX "/admin/"

#endif
