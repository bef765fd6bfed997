/*
 * fuzz/http_form.c: libFuzzer target for form bodies, urlencoded and
 * multipart, as the server reads them: the HTTP library's form parser
 * (libmicrohttpd's post processor, run in this process on a socket pair)
 * hands the fields chunk by chunk to http_form_chunk (form.c), and the form
 * is then validated against the declared fields of one of the form routes
 * of src/routes.c. The input: the route's pattern ("/admin/login"; another
 * line picks one by its length), the Content-Type, each on its line, then
 * the body. Checked: the fields stay
 * within their limits; a form that passes holds only values that pass
 * their declaration, and every required field; the typed accessors agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "http/router.h"
#include "text/utf8.h"

#define FUZZ_BODY_MAX 60000     /* within a socket pair's buffer */

static struct {
    struct req *r;
    const struct route *route;
    struct MHD_PostProcessor *pp;
    int done, closed;
} f;

static enum MHD_Result fuzz_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size)
{
    struct req *r = cls;
    (void)kind; (void)content_type; (void)transfer_encoding;
    if (filename && key && (f.route->flags & ROUTE_UPLOAD))
        return MHD_YES;                 /* the server writes it to a file */
    return http_form_chunk(r, key, data, off, size) ? MHD_YES : MHD_NO;
}

/* The form as the dispatcher sees it, once the body is in. */
static void fuzz_check(struct req *r)
{
    if (r->nform > HTTP_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < r->nform; i++) {
        const struct http_field *fl = &r->form[i];
        if (!fl->name || fl->n > HTTP_FIELD_MAX || fl->value[fl->n] != 0)
            abort();
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->form[j].name, fl->name) == 0)
                abort();                /* one entry a name */
    }
    if (r->bad_form)
        return;
    for (size_t i = 0; i < r->nform; i++)
        if (!utf8_valid(r->form[i].value, r->form[i].n))
            return;                     /* the dispatcher answers 400 */
    if (!http_form_validate(r, f.route->form))
        return;
    for (size_t i = 0; i < r->nform; i++) {
        const struct http_field *fl = &r->form[i];
        int64_t num;
        if (!fl->spec)
            continue;
        if (!http_field_valid(fl->spec, fl->value, fl->n, &num) || !http_form(r, fl->name) ||
            (!(fl->spec->flags & HTTP_FIELD_PREFIX) && num != fl->num))
            abort();
        if (fl->spec->valid == HTTP_VALID_ENUM &&
            (http_form_enum(r, fl->name) < -1 ||
             http_form_enum(r, fl->name) >= (int)fl->spec->nchoices))
            abort();
    }
    for (const struct http_field_spec *s = f.route->form; s && s->name; s++)
        if ((s->flags & HTTP_FIELD_REQUIRED) && !(s->flags & HTTP_FIELD_PREFIX) &&
            !http_form(r, s->name))
            abort();
}

static enum MHD_Result fuzz_handle(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version,
                                   const char *upload_data, size_t *upload_data_size,
                                   void **con_cls)
{
    (void)cls; (void)url; (void)method; (void)version;
    struct req *r = f.r;
    if (!*con_cls) {                    /* the head */
        *con_cls = r;
        f.pp = MHD_create_post_processor(conn, 8192, fuzz_field, r);
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (f.pp && !r->bad_form && MHD_post_process(f.pp, upload_data, *upload_data_size) != MHD_YES)
            r->bad_form = 1;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (f.pp) {                         /* as the server: the parser, then the checks */
        MHD_destroy_post_processor(f.pp);
        f.pp = NULL;
        fuzz_check(r);
    }
    f.done = 1;
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"",
                                                                MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(conn, 204, resp);
    MHD_destroy_response(resp);
    return ok;
}

static void fuzz_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    (void)cls; (void)conn; (void)socket_context;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        f.closed = 1;
}

/* Write all of s[0..n) to fd (non-blocking: the daemon reads meanwhile). */
static void fuzz_send(struct MHD_Daemon *d, int fd, const char *s, size_t n)
{
    for (int spins = 0; n && spins < 10000; spins++) {
        ssize_t w = write(fd, s, n);
        if (w > 0) {
            s += w;
            n -= (size_t)w;
        }
        MHD_run(d);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct MHD_Daemon *d;
    static const struct route *forms[64];
    static size_t nforms;
    if (!d) {
        for (const struct route *rt = routes; rt->fn && nforms < 64; rt++)
            if (rt->flags & ROUTE_FORM)
                forms[nforms++] = rt;
        d = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, fuzz_handle, NULL,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
                             MHD_OPTION_NOTIFY_CONNECTION, fuzz_notify, NULL, MHD_OPTION_END);
        if (!d || !nforms)
            abort();
    }
    if (size > FUZZ_BODY_MAX)
        return 0;
    const char *pat = (const char *)data, *end = pat + size;
    const char *ct = memchr(pat, '\n', size);
    ct = ct ? ct + 1 : end;
    size_t pl = (size_t)(ct - pat) - (ct > pat && ct[-1] == '\n');
    f.route = forms[pl % nforms];
    for (size_t i = 0; i < nforms; i++)
        if (strlen(forms[i]->pattern) == pl && memcmp(forms[i]->pattern, pat, pl) == 0)
            f.route = forms[i];
    const char *nl = memchr(ct, '\n', (size_t)(end - ct));
    const char *body = nl ? nl + 1 : end;
    char head[1024];
    int hn = snprintf(head, sizeof head,
                      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\nContent-Type: ",
                      (size_t)(end - body));
    for (const char *p = ct; p < (nl ? nl : end) && hn < (int)sizeof head - 8; p++)
        head[hn++] = *p == '\r' || *p == 0 ? ' ' : *p;
    memcpy(head + hn, "\r\n\r\n", 4);
    hn += 4;

    struct req *r = calloc(1, sizeof *r);
    int sv[2];
    if (!r || socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
        abort();
    r->resp.fd = -1;
    arena_init(&r->arena, 8u << 20);
    f.r = r;
    f.pp = NULL;
    f.done = f.closed = 0;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
    if (MHD_add_connection(d, sv[0], (struct sockaddr *)&sa, sizeof sa) != MHD_YES)
        abort();
    fuzz_send(d, sv[1], head, (size_t)hn);
    fuzz_send(d, sv[1], body, (size_t)(end - body));
    for (int i = 0; i < 1000 && !f.done; i++)
        MHD_run(d);
    close(sv[1]);                       /* the client leaves: the daemon closes its end */
    for (int i = 0; i < 1000 && !f.closed; i++)
        MHD_run(d);
    if (!f.closed)
        abort();
    if (f.pp)
        MHD_destroy_post_processor(f.pp);
    arena_reset(&r->arena);
    free(r);
    return 0;
}
