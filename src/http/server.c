/*
 * server.c: the only file that includes the HTTP library (libmicrohttpd).
 *
 * Why these settings: libmicrohttpd's defaults have no connection timeout,
 * no connection limit and no body limit. We set all of them here, check the
 * Content-Length against the route's limit before reading a byte of body
 * (413), cap what the form parser keeps, and validate every decoded string as
 * UTF-8 (400) before a handler sees it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <microhttpd.h>
#include "base/hash.h"
#include "base/log.h"
#include "http/csrf.h"
#include "http/perm.h"
#include "http/router.h"
#include "http/server.h"
#include "http/session.h"
#include "text/utf8.h"

const char *const http_method_names[HTTP_METHOD__MAX] = { "GET", "HEAD", "POST" };

#define REQ_ARENA_BUDGET (8u << 20)     /* bytes of memory one request may use */
#define FIELD_MAX (64u << 10)           /* bytes in one form field */

static const char *server_db_path;
static struct site *server_site;
static FILE *server_log;
static pthread_key_t server_store_key;
static const unsigned char *server_secret;
static char server_proxies[SERVER_MAX_PROXIES][INET6_ADDRSTRLEN];   /* canonical text */
static size_t server_nproxies;
static const char *server_upload_dir;

static void server_store_close(void *p)
{
    store_close(p);
}

/* This worker thread's database connection, opened on first use. */
static struct store *server_store(void)
{
    struct store *st = pthread_getspecific(server_store_key);
    if (!st && store_open(server_db_path, 0, &st) == AK_OK)
        pthread_setspecific(server_store_key, st);
    return st;
}

const char *http_query(struct req *r, const char *name)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && utf8_valid(v, strlen(v)) ? v : NULL;
}

const char *http_header(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

enum ak_err http_add_header(struct req *r, const char *name, const char *value)
{
    for (const char *p = value; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return AK_EINVAL;
    if (r->nheaders == HTTP_MAX_HEADERS)
        return AK_ETOOBIG;
    r->headers[r->nheaders].name = name;
    r->headers[r->nheaders++].value = value;
    return AK_OK;
}

/* Is the response to r personal (HTTP_PRIVATE_PREFIX): never stored by a
 * cache, whatever the handler asked for. */
static int server_private(const struct req *r)
{
    return r->path && strncmp(r->path, HTTP_PRIVATE_PREFIX, strlen(HTTP_PRIVATE_PREFIX)) == 0;
}

const char *http_form(struct req *r, const char *name)
{
    for (size_t i = 0; i < r->nform; i++)
        if (strcmp(r->form[i].name, name) == 0)
            return r->form[i].value;
    return NULL;
}

/* Headers every response carries. */
static void server_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; form-action 'self'; frame-ancestors 'self'; "
                            "base-uri 'none'");
}

static enum ak_err server_queue(struct req *r, int status, struct MHD_Response *resp)
{
    if (!resp)
        return AK_ENOMEM;
    server_common_headers(resp);
    for (size_t i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    if (r->retry_after > 0) {
        char v[24];
        snprintf(v, sizeof v, "%lld", (long long)r->retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    int ok = MHD_queue_response(r->conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r->responded = 1;
    r->status = status;
    return ok == MHD_YES ? AK_OK : AK_EIO;
}

static int server_etag_matches(struct req *r, const char *etag)
{
    const char *inm = http_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    return inm && etag && (strstr(inm, etag) || strcmp(inm, "*") == 0);
}

static enum ak_err server_send_bytes(struct req *r, int status, const char *content_type,
                                     const char *body, size_t n, const char *cache_control,
                                     const char *etag, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *resp;
    if (server_private(r)) {
        cache_control = "no-store";
        etag = NULL;
    }
    if (status == 200 && server_etag_matches(r, etag)) {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        status = 304;
    } else {
        resp = MHD_create_response_from_buffer(n, (void *)body, mode);
        r->bytes = n;
    }
    if (!resp)
        return AK_ENOMEM;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    if (etag)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    return server_queue(r, status, resp);
}

static const char *const server_cache_control[] = {
    [HTTP_NO_STORE] = "no-store",
    [HTTP_PUBLIC_SHORT] = "public, max-age=60, stale-while-revalidate=300",
    [HTTP_PUBLIC_LONG] = "public, max-age=86400",
};

enum ak_err http_send(struct req *r, int status, const char *content_type, const char *body,
                      size_t n, enum http_cache cache)
{
    char etag[24];
    snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)hash_bytes(body, n));
    return server_send_bytes(r, status, content_type, body, n, server_cache_control[cache],
                             cache == HTTP_NO_STORE ? NULL : etag, MHD_RESPMEM_MUST_COPY);
}

enum ak_err http_send_html(struct req *r, int status, struct html *h, enum http_cache cache)
{
    if (h->b.err) {
        log_error("page %s: %s", r->path, ak_strerror(h->b.err));
        return h->b.err;
    }
    return http_send(r, status, "text/html; charset=utf-8", h->b.p ? h->b.p : "", h->b.n,
                     cache);
}

enum ak_err http_send_static(struct req *r, const char *content_type, const char *body,
                             size_t n, const char *etag)
{
    return server_send_bytes(r, 200, content_type, body, n,
                             server_cache_control[HTTP_PUBLIC_LONG], etag,
                             MHD_RESPMEM_PERSISTENT);
}

enum ak_err http_send_file(struct req *r, const char *path, const char *content_type)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat sb;
    if (fd < 0)
        return AK_ENOTFOUND;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return AK_ENOTFOUND;
    }
    /* The response owns fd from here, and closes it. */
    struct MHD_Response *resp = MHD_create_response_from_fd64((uint64_t)sb.st_size, fd);
    if (!resp) {
        close(fd);
        return AK_ENOMEM;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            "public, max-age=31536000, immutable");
    r->bytes = (size_t)sb.st_size;
    return server_queue(r, 200, resp);
}

enum ak_err http_redirect(struct req *r, int status, const char *location)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return AK_ENOMEM;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, location);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            status == 301 && !server_private(r) ? "public, max-age=3600"
                                                                : "no-store");
    return server_queue(r, status, resp);
}

/* Plain-text answer when even the error page cannot be rendered. */
static enum ak_err server_send_plain(struct req *r, int status)
{
    static const char msg[] = "خطأ في الخادم\n";
    return server_send_bytes(r, status, "text/plain; charset=utf-8", msg, sizeof msg - 1,
                             "no-store", NULL, MHD_RESPMEM_PERSISTENT);
}

/* Implemented by the page kit (page/error.c): render the error page. */
enum ak_err page_error(struct req *r, int status);

enum ak_err http_send_error(struct req *r, int status)
{
    if (page_error(r, status) != AK_OK && !r->responded)
        return server_send_plain(r, status);
    return AK_OK;
}

/* ---- request life cycle ---- */

/* A chunk of the file field key of a ROUTE_UPLOAD form: appended to the
 * request's temporary file (made on the first chunk, mode 0600, in the
 * upload folder). One file per request. Returns MHD_NO to stop parsing. */
static enum MHD_Result server_upload_chunk(struct req *r, const char *key, const char *filename,
                                           const char *data, uint64_t off, size_t size)
{
    struct http_upload *u = &r->upload;
    if (!u->field) {
        char *path = server_upload_dir
                         ? arena_printf(&r->arena, "%s/upload-XXXXXX", server_upload_dir) : NULL;
        u->field = arena_strdup(&r->arena, key);
        u->filename = arena_strdup(&r->arena, filename);
        if (!path || !u->field || !u->filename || (r->upload_fd = mkstemp(path)) < 0) {
            log_error("upload: cannot make a temporary file in %s: %s",
                      server_upload_dir ? server_upload_dir : "(no upload folder)",
                      strerror(errno));
            r->upload_failed = 1;
            return MHD_NO;
        }
        u->path = path;
    }
    if (strcmp(key, u->field) != 0 || off != u->bytes) {
        r->bad_form = 1;                /* a second file, or a gap */
        return MHD_NO;
    }
    while (size) {
        ssize_t w = write(r->upload_fd, data, size);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            log_error("upload: writing %s: %s", u->path, strerror(errno));
            r->upload_failed = 1;
            return MHD_NO;
        }
        data += w;
        size -= (size_t)w;
        u->bytes += (uint64_t)w;
    }
    return MHD_YES;
}

static enum MHD_Result server_form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                         const char *filename, const char *content_type,
                                         const char *transfer_encoding, const char *data,
                                         uint64_t off, size_t size)
{
    struct req *r = cls;
    (void)kind; (void)content_type; (void)transfer_encoding;
    if (filename && (r->route->flags & ROUTE_UPLOAD))
        return server_upload_chunk(r, key, filename, data, off, size);
    struct http_field *f = NULL;
    for (size_t i = 0; i < r->nform; i++)
        if (strcmp(r->form[i].name, key) == 0)
            f = &r->form[i];
    if (!f) {
        if (r->nform == HTTP_MAX_FIELDS) {
            r->bad_form = 1;
            return MHD_NO;
        }
        f = &r->form[r->nform++];
        f->name = arena_strdup(&r->arena, key);
        f->value = arena_alloc(&r->arena, FIELD_MAX + 1);
        f->n = 0;
        if (!f->name || !f->value) {
            r->nform--;
            r->bad_form = 1;
            return MHD_NO;
        }
    }
    if (off != f->n || size > FIELD_MAX - f->n) {
        r->bad_form = 1;
        return MHD_NO;
    }
    memcpy(f->value + f->n, data, size);
    f->n += size;
    f->value[f->n] = 0;
    return MHD_YES;
}

static enum http_method server_method(const char *m, int *ok)
{
    *ok = 1;
    for (int i = 0; i < HTTP_METHOD__MAX; i++)
        if (strcmp(m, http_method_names[i]) == 0)
            return (enum http_method)i;
    *ok = 0;
    return HTTP_GET;
}

static void server_client(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "-");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    } else if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a6))   /* a dual-stack socket: show it as IPv4 */
            inet_ntop(AF_INET, a6->s6_addr + 12, out, (socklen_t)n);
        else
            inet_ntop(AF_INET6, a6, out, (socklen_t)n);
    }
}

/* The canonical text of the numeric address s[0..n) into out; 0 when it is
 * not one. */
static int server_canonical(const char *s, size_t n, char out[INET6_ADDRSTRLEN])
{
    char tmp[INET6_ADDRSTRLEN];
    unsigned char bin[sizeof(struct in6_addr)];
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    if (inet_pton(AF_INET, tmp, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) != NULL;
    if (inet_pton(AF_INET6, tmp, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) != NULL;
    return 0;
}

static int server_trusted(const char *addr)
{
    for (size_t i = 0; i < server_nproxies; i++)
        if (strcmp(addr, server_proxies[i]) == 0)
            return 1;
    return 0;
}

/* Behind a trusted front proxy (--trusted-proxy), the client is the address
 * the proxy forwarded for: the last one in X-Forwarded-For that is not itself
 * a trusted proxy (those before it were written by the client, who can write
 * anything); and the request came over HTTPS when X-Forwarded-Proto says so.
 * From anyone else these headers are ignored. */
static void server_forwarded(struct req *r)
{
    if (!server_nproxies || !server_trusted(r->client))
        return;
    const char *proto = http_header(r, "X-Forwarded-Proto");
    r->https = proto && strcasecmp(proto, "https") == 0;
    const char *xff = http_header(r, "X-Forwarded-For");
    const char *end = xff ? xff + strlen(xff) : NULL;
    while (end && end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        char canon[INET6_ADDRSTRLEN];
        if (!server_canonical(a, (size_t)(b - a), canon))
            return;                     /* not an address: keep the last good one */
        snprintf(r->client, sizeof r->client, "%s", canon);
        if (!server_trusted(canon))
            return;
        end = start > xff ? start - 1 : NULL;
    }
}

/* The permission check, before the body is read or the handler runs: an
 * anonymous request for a non-public route is sent to the login page, a
 * user without the route's permission gets 403. Returns non-zero when it
 * answered. */
static int server_guard(struct req *r, const struct route *rt)
{
    if (rt->perm == PERM_PUBLIC)
        return 0;
    if (rt->perm == PERM__UNSET || rt->perm >= PERM__MAX) {
        log_error("route %s names no permission: refused", rt->pattern);
        http_send_error(r, 403);
        return 1;
    }
    if (!r->store) {
        http_send_error(r, 500);
        return 1;
    }
    store_protect(r->store, 0);         /* the session's seen_at may be written */
    if (http_session_resolve(r, store_now()) != AK_OK) {
        http_send_error(r, 500);
        return 1;
    }
    if (!r->session) {
        struct html loc;
        html_init(&loc, 8192);
        if (r->method == HTTP_POST)
            html_lit(&loc, ROUTER_LOGIN_PATH);
        else
            html_printf(&loc, ROUTER_LOGIN_PATH "?next=%U", r->path);
        const char *l = loc.b.err ? NULL : arena_strdup(&r->arena, loc.b.p);
        html_reset(&loc);
        if (!l || http_redirect(r, 303, l) != AK_OK)
            http_send_error(r, 500);
        return 1;
    }
    if (!perm_allows(r->session->user.role, rt->perm)) {
        r->denied = 1;
        http_send_error(r, 403);
        return 1;
    }
    return 0;
}

static void server_dispatch(struct req *r, const struct route *rt)
{
    enum ak_err rc;
    if (r->method == HTTP_POST && rt->perm != PERM_PUBLIC && !csrf_session_valid(r)) {
        /* A logged-in POST not made by our own form: nothing runs. */
        log_info("csrf: %s %s from %s refused", http_method_names[r->method], r->path,
                 r->client);
        http_send_error(r, 403);
        return;
    }
    if (!r->store) {
        rc = AK_EIO;
    } else {
        int writes = rt->flags & ROUTE_WRITES;
        store_protect(r->store, !writes);       /* a no-op when unchanged */
        /* A reading handler's statements share one snapshot and one lock. */
        rc = writes ? AK_OK : store_begin_read(r->store);
        if (rc == AK_OK)
            rc = rt->fn(r);
        if (!writes)
            store_rollback(r->store);
    }
    if (!r->responded) {
        if (rc == AK_ENOTFOUND)
            http_send_error(r, 404);
        else if (rc == AK_EINVAL)
            http_send_error(r, 400);
        else
            http_send_error(r, 500);
    }
}

static enum MHD_Result server_handle(void *cls, struct MHD_Connection *conn, const char *url,
                                     const char *method, const char *version,
                                     const char *upload_data, size_t *upload_data_size,
                                     void **con_cls)
{
    (void)cls; (void)version;
    struct req *r = *con_cls;
    if (!r) {
        if (!(r = calloc(1, sizeof *r)))
            return MHD_NO;
        *con_cls = r;
        r->upload_fd = -1;
        arena_init(&r->arena, REQ_ARENA_BUDGET);
        r->conn = conn;
        r->site = server_site;
        r->store = server_store();
        r->key = server_secret;
        server_client(conn, r->client, sizeof r->client);
        server_forwarded(r);
        int known_method;
        r->method = server_method(method, &known_method);
        r->path = arena_strdup(&r->arena, url);
        if (!known_method) {
            r->path = r->path ? r->path : "";
            server_send_plain(r, 405);
            return MHD_YES;
        }
        if (!r->path || !utf8_valid(url, strlen(url))) {
            r->path = "";
            http_send_error(r, 400);
            return MHD_YES;
        }
        int path_known;
        const struct route *rt = r->route = router_match(r, r->path, &path_known);
        if (!rt) {
            http_send_error(r, path_known ? 405 : 404);
            return MHD_YES;
        }
        if (server_guard(r, rt))
            return MHD_YES;
        const char *cl = http_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > rt->max_body) {
            http_send_error(r, 413);
            return MHD_YES;
        }
        if (rt->flags & ROUTE_FORM) {
            r->pp = MHD_create_post_processor(conn, 8192, server_form_field, r);
            if (!r->pp) {
                http_send_error(r, 415);
                return MHD_YES;
            }
        }
        return MHD_YES;
    }
    if (r->responded) {                 /* an early answer: drop the body */
        *upload_data_size = 0;
        return MHD_YES;
    }
    const struct route *rt = r->route;
    if (!ALWAYS(rt != NULL))
        return MHD_NO;
    if (*upload_data_size) {
        r->body_bytes += *upload_data_size;
        if (r->body_bytes > rt->max_body)
            r->too_big = 1;
        else if (r->pp && !r->bad_form && !r->upload_failed &&
                 MHD_post_process(r->pp, upload_data, *upload_data_size) != MHD_YES &&
                 !r->upload_failed)
            r->bad_form = 1;
        *upload_data_size = 0;
        /* Over the limit without a Content-Length (chunked): the library
         * cannot answer in mid-body, and reading on would let a client make
         * us swallow any amount, so close the connection. */
        return r->too_big ? MHD_NO : MHD_YES;
    }
    if (r->upload_fd >= 0) {            /* the file is complete */
        close(r->upload_fd);
        r->upload_fd = -1;
    }
    if (r->upload_failed) {
        http_send_error(r, 500);
        return MHD_YES;
    }
    if (r->bad_form) {
        http_send_error(r, 400);
        return MHD_YES;
    }
    for (size_t i = 0; i < r->nform; i++)
        if (!utf8_valid(r->form[i].value, r->form[i].n)) {
            http_send_error(r, 400);
            return MHD_YES;
        }
    server_dispatch(r, rt);
    return MHD_YES;
}

/* Common Log Format, one write per line. */
static void server_access_log(const struct req *r)
{
    char when[64], line[2048];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S %z", &tm);
    int n = snprintf(line, sizeof line, "%s - - [%s] \"%s %.1500s HTTP/1.1\" %d %zu\n",
                     r->client, when, http_method_names[r->method], r->path ? r->path : "",
                     r->status, r->bytes);
    if (n > 0)
        fwrite(line, 1, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1, server_log);
}

static void server_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                             enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)conn; (void)toe;
    struct req *r = *con_cls;
    if (!r)
        return;
    if (server_log && r->status)
        server_access_log(r);
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    if (r->upload_fd >= 0)
        close(r->upload_fd);
    if (r->upload.path && unlink(r->upload.path) != 0)
        log_error("upload: cannot remove %s: %s", r->upload.path, strerror(errno));
    arena_reset(&r->arena);
    free(r);
    *con_cls = NULL;
}

static void server_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = 0;
    log_msg(LOG_DEBUG, "http: %s", msg);
}

/* Parse "host:port", "[v6]:port" or ":port" into a socket address. */
static int server_addr(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (!colon)
        return 0;
    size_t hl = (size_t)(colon - listen);
    if (hl >= sizeof host)
        return 0;
    memcpy(host, listen, hl);
    host[hl] = 0;
    char *h = host;
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = 0;
        h = host + 1;
    }
    struct addrinfo hints = { .ai_flags = AI_NUMERICSERV | AI_PASSIVE,
                              .ai_socktype = SOCK_STREAM }, *res;
    if (getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res) != 0)
        return 0;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 1;
}

enum ak_err server_run(const struct server_config *cfg, struct site *site)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (!server_addr(cfg->listen, &ss, &sl)) {
        log_error("cannot parse listen address %s", cfg->listen);
        return AK_EINVAL;
    }
    server_db_path = cfg->db_path;
    server_site = site;
    server_log = cfg->access_log;
    server_secret = cfg->secret;
    server_upload_dir = cfg->upload_dir;
    server_nproxies = 0;
    for (size_t i = 0; i < cfg->ntrusted_proxies; i++) {
        const char *p = cfg->trusted_proxies[i];
        if (i == SERVER_MAX_PROXIES ||
            !server_canonical(p, strlen(p), server_proxies[server_nproxies++])) {
            log_error("trusted proxy %s: not a numeric address (or too many)", p);
            return AK_EINVAL;
        }
    }
    pthread_key_create(&server_store_key, server_store_close);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);     /* inherited by the workers */
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, server_handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_client,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->conn_memory,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
        MHD_OPTION_NOTIFY_COMPLETED, server_completed, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, NULL,
        MHD_OPTION_END);
    if (!d) {
        log_error("cannot listen on %s: %s", cfg->listen, strerror(errno));
        return AK_EIO;
    }
    log_info("serving on http://%s/ with %u threads", cfg->listen, threads);
    int sig = 0;
    sigwait(&set, &sig);
    log_info("signal %d: finishing requests in flight", sig);
    MHD_quiesce_daemon(d);
    for (int i = 0; i < 100; i++) {             /* up to 5 s for in-flight requests */
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!di || di->num_connections == 0)
            break;
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    if (server_log)
        fflush(server_log);
    log_info("stopped");
    return AK_OK;
}
