/*
 * server.c: with server_cache.c, the only file that includes the HTTP
 * library (libmicrohttpd):
 * it parses each request into the plain data of a struct req, streams the
 * body into the form parser or an upload file, calls the dispatcher
 * (dispatch.c) and turns the response recorded in req->resp into the
 * library's.
 *
 * Why these settings: libmicrohttpd's defaults have no connection timeout,
 * no connection limit and no body limit. We set all of them here, check the
 * Content-Length against the route's limit before reading a byte of body
 * (413), cap what the form parser keeps, and validate every decoded string as
 * UTF-8 (400) before a handler sees it. The library's limits cannot stop a
 * slow client nor see a client behind a proxy: the connection guard
 * (http/guard.c) does, told of each connection and request from here.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include "base/clock.h"
#include "base/log.h"
#include "render/date.h"
#include "http/cache.h"
#include "http/client.h"
#include "http/dispatch.h"
#include "http/server_cache.h"
#include "http/fresh.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/store.h"
#include "text/utf8.h"

#define REQ_ARENA_BUDGET (8u << 20)     /* bytes of memory one request may use */
#define SERVER_RETRY_AFTER 5            /* seconds, in a 503 or 429 for a full pool */

static const char *server_db_path;
static const struct http_app *server_app;
static pthread_key_t server_store_key;
static const unsigned char *server_secret;
static const char *server_upload_dir;

static void server_store_close(void *p)
{
    store_close(p);
}

/* This worker thread's database connection, opened on first use. */
static struct store *server_store(void)
{
    struct store *st = pthread_getspecific(server_store_key);
    int flags = server_app->read_only ? STORE_READONLY : 0;
    if (!st && store_open(server_db_path, flags, &st) == AK_OK)
        pthread_setspecific(server_store_key, st);
    return st;
}

/* The guard's handle of conn (http/guard.h), or NULL. */
static struct guard_conn *server_guard(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* A connection begins or ends: the guard keeps its handle in the socket
 * context. */
static void server_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        guard_close(*socket_context);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *fd =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char peer[64];
    client_peer(ci ? ci->client_addr : NULL, peer, sizeof peer);
    *socket_context = fd ? guard_open(fd->connect_fd, peer) : NULL;
}

/* ---- the request as plain data ---- */

struct server_pairs {
    struct req *r;
    struct http_pair *p;
    size_t n, cap;
    int utf8;                   /* keep only values that are valid UTF-8 */
};

static enum MHD_Result server_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct server_pairs *ps = cls;
    (void)kind;
    if (ps->n == ps->cap || !key || !value || (ps->utf8 && !utf8_valid(value, strlen(value))))
        return MHD_YES;
    struct http_pair *p = &ps->p[ps->n];
    p->name = arena_strdup(&ps->r->arena, key);
    p->value = arena_strdup(&ps->r->arena, value);
    if (p->name && p->value)
        ps->n++;
    return MHD_YES;
}

/* Copy the values of kind into an arena array in *out, *n. */
static void server_values(struct req *r, enum MHD_ValueKind kind, int utf8,
                          struct http_pair **out, size_t *n)
{
    int total = MHD_get_connection_values(r->conn, kind, NULL, NULL);
    struct server_pairs ps = { r, NULL, 0, total > 0 ? (size_t)total : 0, utf8 };
    *out = NULL;
    *n = 0;
    if (!ps.cap || !(ps.p = arena_alloc(&r->arena, ps.cap * sizeof *ps.p)))
        return;
    MHD_get_connection_values(r->conn, kind, server_pair, &ps);
    *out = ps.p;
    *n = ps.n;
}

/* ---- a request's memory ----
 * Each thread keeps its last finished request (with its arena's first
 * chunk) for the next one, so that a page cache hit allocates nothing. */

static pthread_key_t server_spare_key;
static pthread_once_t server_spare_once = PTHREAD_ONCE_INIT;

static void server_free_req(void *p)
{
    struct req *r = p;
    arena_reset(&r->arena);
    free(r);
}

static void server_spare_init(void)
{
    if (pthread_key_create(&server_spare_key, server_free_req) != 0)
        abort();
}

/* A zeroed request with an empty arena. */
static struct req *server_take(void)
{
    pthread_once(&server_spare_once, server_spare_init);
    struct req *r = pthread_getspecific(server_spare_key);
    if (r) {
        pthread_setspecific(server_spare_key, NULL);
        struct arena keep = r->arena;
        memset(r, 0, sizeof *r);
        r->arena = keep;
        return r;
    }
    if ((r = calloc(1, sizeof *r)))
        arena_init(&r->arena, REQ_ARENA_BUDGET);
    return r;
}

/* r is done with: kept as this thread's spare, or freed. */
static void server_give(struct req *r)
{
    if (pthread_getspecific(server_spare_key) == NULL) {
        arena_clear(&r->arena);
        if (pthread_setspecific(server_spare_key, r) == 0)
            return;
    }
    server_free_req(r);
}

/* Called by the library with the raw request target before it parses the
 * request: the request starts here (the target is kept for the log). */
static void *server_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    struct req *r = server_take();
    if (!r)
        return NULL;
    r->upload_fd = -1;
    r->resp.fd = -1;
    r->target = arena_strdup(&r->arena, uri ? uri : "");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    client_peer(ci ? ci->client_addr : NULL, r->client, sizeof r->client);
    return r;
}

/* ---- the response ---- */

/* Hand the recorded response to the library. A 304 carries the full
 * response's Content-Length (RFC 9110 8.6: that, or none), not the 0 the
 * library would put for an empty body: its size is the full length, and the
 * library sends no body with a 304. */
static enum MHD_Result server_respond(struct req *r)
{
    struct http_response *p = &r->resp;
    struct MHD_Response *resp;
    char num[24];
    if (p->fd >= 0) {
        resp = MHD_create_response_from_fd64(p->file_size, p->fd);
        if (resp)
            p->fd = -1;                 /* the library closes it */
    } else if (p->status == 304) {      /* headers only: the library sends no body */
        resp = MHD_create_response_from_callback(p->full_length, 4096, server_no_body, NULL,
                                                 NULL);
    } else {
        resp = MHD_create_response_from_buffer(p->n, (void *)(p->body ? p->body : ""),
                                               p->body_owned ? MHD_RESPMEM_MUST_FREE
                                                             : MHD_RESPMEM_PERSISTENT);
        if (resp)
            p->body_owned = 0;          /* the library frees it */
    }
    if (!resp)
        return MHD_NO;
    server_common_headers(resp);
    if (p->content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, p->content_type);
    if (p->cache_control)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, p->cache_control);
    if (p->etag)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, p->etag);
    if (p->location)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, p->location);
    if (p->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, p->allow);
    for (size_t i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    if (r->retry_after > 0) {
        snprintf(num, sizeof num, "%lld", (long long)r->retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, num);
    }
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)p->status, resp);
    MHD_destroy_response(resp);
    return ok;
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
    if (filename && key && (r->route->flags & ROUTE_UPLOAD))
        return server_upload_chunk(r, key, filename, data, off, size);
    return http_form_chunk(r, key, data, off, size) ? MHD_YES : MHD_NO;
}

/* The first call for a request: its headers are in. Parse them into r and
 * let the dispatcher decide whether to read the body. */
static void server_start(struct req *r, struct MHD_Connection *conn, const char *url,
                         const char *method, const char *version)
{
    r->conn = conn;
    r->app = server_app;
    r->site = server_app->ctx;
    r->store = server_store();
    r->key = server_secret;
    r->method_text = arena_strdup(&r->arena, method);
    r->version = arena_strdup(&r->arena, version);
    r->path = arena_strdup(&r->arena, url);
    int known = 0;
    for (int i = 0; i < HTTP_METHOD__MAX && !known; i++)
        if (strcmp(method, http_method_names[i]) == 0) {
            r->method = (enum http_method)i;
            known = 1;
        }
    server_values(r, MHD_HEADER_KIND, 0, &r->in_headers, &r->nin_headers);
    server_values(r, MHD_GET_ARGUMENT_KIND, 1, &r->query, &r->nquery);
    server_values(r, MHD_COOKIE_KIND, 0, &r->cookies, &r->ncookies);
    client_resolve(r);
    enum guard_verdict v = guard_request(server_guard(conn), r->client);
    if (v != GUARD_SERVE) {             /* a full pool, or a greedy client */
        r->retry_after = SERVER_RETRY_AFTER;
        http_send_error(r, v == GUARD_BUSY ? 503 : 429);
        if (v == GUARD_BUSY)
            http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
        return;
    }
    const char *cl = http_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!dispatch_begin(r, known, cl ? strtoull(cl, NULL, 10) : 0))
        return;
    if (r->route->flags & ROUTE_FORM) {
        r->pp = MHD_create_post_processor(conn, 8192, server_form_field, r);
        if (!r->pp)
            http_send_error(r, 415);
    }
}

static enum MHD_Result server_handle(void *cls, struct MHD_Connection *conn, const char *url,
                                     const char *method, const char *version,
                                     const char *upload_data, size_t *upload_data_size,
                                     void **con_cls)
{
    (void)cls;
    struct req *r = *con_cls;
    if (!r)
        return MHD_NO;
    if (!r->conn && server_cacheable(r, method)) {
        /* Look in the page cache once the request is complete (the next
         * call): a response queued before that closes the connection. */
        r->conn = conn;
        r->cache_try = 1;
        return MHD_YES;
    }
    if (r->cache_try) {
        r->cache_try = 0;
        r->conn = NULL;
        if (!*upload_data_size && server_from_cache(r, conn, url, method, version))
            return MHD_YES;
        server_start(r, conn, url, method, version);
        if (r->responded && !*upload_data_size)
            return server_respond(r);
    } else if (!r->conn) {
        server_start(r, conn, url, method, version);
        if (!r->responded)
            return MHD_YES;
        guard_work(server_guard(conn));
        return server_respond(r);
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
    if (r->pp) {                        /* it hands over a last name without '=' */
        MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
    }
    guard_work(server_guard(conn));
    dispatch_run(r);
    return server_respond(r);
}

static void server_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                             enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)toe;
    guard_done(server_guard(conn));
    struct req *r = *con_cls;
    if (!r)
        return;
    if (r->resp.status && log_access_on()) {
        char line[4096];
        size_t n = dispatch_log_line(r, (int64_t)time(NULL), line, sizeof line);
        log_access(line, n);
    }
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    if (r->upload_fd >= 0)
        close(r->upload_fd);
    if (r->upload.path && unlink(r->upload.path) != 0)
        log_error("upload: cannot remove %s: %s", r->upload.path, strerror(errno));
    if (r->resp.body_owned)
        free((void *)r->resp.body);
    if (r->resp.fd >= 0)
        close(r->resp.fd);
    server_give(r);
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

/* The library's connection limit for a pool of *max connections: room for
 * the connections the guard has cut and the library has not closed yet, and
 * for those answered 503. The process's limit of open files is raised to
 * what that needs when its ceiling allows; else *max is lowered to fit. */
static unsigned server_capacity(unsigned *max)
{
    unsigned cap = *max + *max / 8 + 16;
    rlim_t other = 128;                 /* the database, logs, uploads, pipes */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return cap;
    if (rl.rlim_cur < cap + other) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > cap + other
                          ? cap + other : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur < cap + other) {
        cap = rl.rlim_cur > other + 64 ? (unsigned)(rl.rlim_cur - other) : 64;
        unsigned pool = (cap - 16) * 8 / 9;
        log_warn("the limit of open files (%llu) allows a pool of %u connections, not %u",
                 (unsigned long long)rl.rlim_cur, pool, *max);
        *max = pool;
    }
    return cap;
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

enum ak_err server_run(const struct server_config *cfg, const struct http_app *app)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (!server_addr(cfg->listen, &ss, &sl)) {
        log_error("cannot parse listen address %s", cfg->listen);
        return AK_EINVAL;
    }
    if (client_set_proxies(cfg->trusted_proxies, cfg->ntrusted_proxies) != AK_OK)
        return AK_EINVAL;
    server_db_path = cfg->db_path;
    server_app = app;
    server_secret = cfg->secret;
    server_upload_dir = cfg->upload_dir;
    pthread_key_create(&server_store_key, server_store_close);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);     /* inherited by the workers */
    signal(SIGPIPE, SIG_IGN);
    struct guard_limits lim = cfg->limits;
    unsigned cap = server_capacity(&lim.max_connections);
    if (guard_start(&lim, cap) != AK_OK) {
        log_error("cannot start the connection guard: out of memory");
        return AK_ENOMEM;
    }

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, server_handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
        MHD_OPTION_CONNECTION_LIMIT, cap,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->conn_memory,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
        MHD_OPTION_NOTIFY_CONNECTION, server_notify, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, server_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, server_completed, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, NULL,
        MHD_OPTION_END);
    if (!d) {
        log_error("cannot listen on %s: %s", cfg->listen, strerror(errno));
        guard_stop();
        return AK_EIO;
    }
    if (cache_init(cfg->cache_bytes, &server_cache_hooks) != AK_OK ||
        fresh_start(cfg->db_path, cfg->purge, cfg->npurge, app->read_only) != AK_OK) {
        log_error("cannot start the page cache");
        MHD_stop_daemon(d);
        return AK_EIO;
    }
    log_info("serving on http://%s/ with %u threads, a page cache of %zu MB", cfg->listen,
             threads, cfg->cache_bytes >> 20);
    int sig = 0;
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
        log_reopen();
        log_info("signal %d: the log files are open again", sig);
    }
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
    guard_stop();
    fresh_stop();
    cache_shutdown();
    log_info("stopped");
    return AK_OK;
}
