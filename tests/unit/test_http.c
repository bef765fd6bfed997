/*
 * test_http.c: the parts of http/ that need no socket: the form validators
 * and the declared-field pass (form.c), the typed accessors (req.c),
 * If-None-Match matching, the router's Allow mask, and the access log line
 * (dispatch.c), whose escaping must make every line unforgeable.
 */
#include <stdlib.h>
#include <string.h>
#include "http/dispatch.h"
#include "site/site.h"
#include "t.h"

static int valid(const struct http_field_spec *s, const char *v, int64_t *num)
{
    return http_field_valid(s, v, strlen(v), num);
}

static void test_validators(void)
{
    int64_t n;
    static const char *const dirs[] = { "up", "down" };
    const struct http_field_spec line = { "t", HTTP_VALID_LINE, 8, 0, NULL, 0 };
    const struct http_field_spec text = { "t", HTTP_VALID_TEXT, 0, 0, NULL, 0 };
    const struct http_field_spec in = { "i", HTTP_VALID_INT, 0, 0, NULL, 0 };
    const struct http_field_spec id = { "i", HTTP_VALID_ID, 0, 0, NULL, 0 };
    const struct http_field_spec en = { "e", HTTP_VALID_ENUM, 0, 0, dirs, 2 };
    const struct http_field_spec login = { "l", HTTP_VALID_LOGIN, 64, 0, NULL, 0 };
    const struct http_field_spec email = { "m", HTTP_VALID_EMAIL, 254, 0, NULL, 0 };
    const struct http_field_spec url = { "u", HTTP_VALID_URL, 0, 0, NULL, 0 };
    const struct http_field_spec tok = { "k", HTTP_VALID_TOKEN, 64, 0, NULL, 0 };

    CHECK(valid(&line, "سطر", &n));             /* 6 bytes */
    CHECK(!valid(&line, "سطر طويل", &n));        /* over 8 bytes */
    CHECK(valid(&line, "12345678", &n));
    CHECK(!valid(&line, "a\nb", &n));
    CHECK(valid(&line, "a\tb", &n));
    CHECK(!valid(&line, "a\x7f", &n));
    CHECK(valid(&text, "سطر\r\nوسطر", &n));
    CHECK(!valid(&text, "a\x01", &n));

    CHECK(valid(&in, "-42", &n) && n == -42);
    CHECK(valid(&in, "0", &n) && n == 0);
    CHECK(!valid(&in, "", &n) && !valid(&in, "4x", &n) && !valid(&in, "-", &n));
    CHECK(!valid(&in, "1234567890123456789", &n));      /* 19 digits */
    CHECK(valid(&id, "123456789012345678", &n) && n == 123456789012345678LL);
    CHECK(valid(&id, "", &n) && n == 0);                /* absent */
    CHECK(!valid(&id, "0", &n) && !valid(&id, "-3", &n) && !valid(&id, " 3", &n));

    CHECK(valid(&en, "down", &n) && n == 1);
    CHECK(valid(&en, "", &n) && n == -1);
    CHECK(!valid(&en, "sideways", &n) && !valid(&en, "Up", &n) && !valid(&en, "upx", &n));

    CHECK(valid(&login, "salma.k_2-x", &n));
    CHECK(!valid(&login, "Salma", &n) && !valid(&login, "a b", &n) && !valid(&login, "", &n));
    CHECK(valid(&email, "", &n) && valid(&email, " q@example.org ", &n));
    CHECK(!valid(&email, "not-an-email", &n) && !valid(&email, "@x", &n));
    CHECK(!valid(&email, "a b@c", &n) && !valid(&email, "a@b\n", &n));
    CHECK(valid(&url, "/admin/articles?x=1", &n) && valid(&url, "/", &n));
    CHECK(!valid(&url, "//evil.example/", &n) && !valid(&url, "/\\evil", &n));
    CHECK(!valid(&url, "https://evil.example/", &n) && !valid(&url, "/a\r\nX: 1", &n));
    CHECK(valid(&tok, "6b14c391-12cc3817194aeadd4cd44f7d3c9f9e76", &n));
    CHECK(!valid(&tok, "abc\"def", &n));
}

/* A request with form fields name=value given in pairs. */
/* A request whose form has the n fields kv (name, value...), collected as
 * the server does. */
static void req_with_form(struct req *r, const char *const *kv, size_t n)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->arena, 4u << 20);
    r->method = HTTP_POST;
    r->path = "/test";
    for (size_t i = 0; i < n; i++)
        http_form_chunk(r, kv[2 * i], kv[2 * i + 1], 0, strlen(kv[2 * i + 1]));
}

/* The collector: chunks in order make a value; a field sent twice, a gap,
 * a nameless part, a field too many or a value too long refuse the form. */
static void test_form_chunks(void)
{
    struct req r;
    req_with_form(&r, NULL, 0);
    CHECK(http_form_chunk(&r, "body", "أهلًا ", 0, strlen("أهلًا ")));
    CHECK(http_form_chunk(&r, "body", "وسهلًا", strlen("أهلًا "), strlen("وسهلًا")));
    CHECK(http_form_chunk(&r, "empty", "", 0, 0));
    CHECK(r.nform == 2 && !r.bad_form);
    CHECK_STR(r.form[0].value, "أهلًا وسهلًا");
    CHECK(r.form[1].n == 0 && r.form[1].value[0] == 0);
    CHECK(!http_form_chunk(&r, "body", "again", 0, 5) && r.bad_form);  /* sent twice */
    arena_reset(&r.arena);
    req_with_form(&r, NULL, 0);
    CHECK(!http_form_chunk(&r, "a", "x", 3, 1) && r.bad_form);          /* a gap */
    arena_reset(&r.arena);
    req_with_form(&r, NULL, 0);
    CHECK(!http_form_chunk(&r, NULL, "x", 0, 1) && r.bad_form && r.nform == 0);
    arena_reset(&r.arena);
    req_with_form(&r, NULL, 0);
    char name[16];
    for (int i = 0; i < HTTP_MAX_FIELDS; i++) {
        snprintf(name, sizeof name, "f%d", i);
        http_form_chunk(&r, name, "1", 0, 1);
    }
    CHECK(r.nform == HTTP_MAX_FIELDS && !r.bad_form);
    CHECK(!http_form_chunk(&r, "one-more", "1", 0, 1) && r.bad_form);
    arena_reset(&r.arena);
    static char big[HTTP_FIELD_MAX + 1];
    memset(big, 'a', sizeof big);
    req_with_form(&r, NULL, 0);
    CHECK(http_form_chunk(&r, "v", big, 0, HTTP_FIELD_MAX) && r.form[0].n == HTTP_FIELD_MAX);
    CHECK(!http_form_chunk(&r, "v", big, HTTP_FIELD_MAX, 1) && r.bad_form);
    arena_reset(&r.arena);
}

static void test_form(void)
{
    static const char *const actions[] = { "approve", "spam", "delete" };
    static const struct http_field_spec specs[] = {
        { "id", HTTP_VALID_ID, 0, HTTP_FIELD_REQUIRED, NULL, 0 },
        { "name", HTTP_VALID_LINE, 100, 0, NULL, 0 },
        { "action", HTTP_VALID_ENUM, 0, HTTP_FIELD_REQUIRED, actions, 3 },
        { "c", HTTP_VALID_CHECKBOX, 8, HTTP_FIELD_PREFIX, NULL, 0 },
        { NULL, 0, 0, 0, NULL, 0 },
    };
    struct req r;
    static const char *const good[] = {
        "id", "17", "name", "اسم", "action", "spam", "c5", "1", "c12", "on",
        "evil", "dropped", "csrf", "00ff", "cx", "not an id", "c0", "zero",
    };
    req_with_form(&r, good, sizeof good / sizeof good[0] / 2);
    CHECK(http_form_validate(&r, specs));
    CHECK(http_form_int(&r, "id") == 17);
    CHECK_STR(http_form(&r, "name"), "اسم");
    CHECK(http_form_enum(&r, "action") == 1);
    CHECK(http_form(&r, "evil") == NULL);           /* undeclared: dropped */
    CHECK(http_form(&r, "cx") == NULL && http_form(&r, "c0") == NULL);
    CHECK_STR(http_form(&r, "csrf"), "00ff");       /* the session token, always declared */
    CHECK(http_form_checked(&r, "c5") && !http_form_checked(&r, "c6"));
    int64_t ids[4];
    CHECK(http_form_ids(&r, "c", ids, 4) == 2 && ids[0] == 5 && ids[1] == 12);
    CHECK(http_form_enum(&r, "name") == -1);        /* not an enum field */
    CHECK(http_form_int(&r, "missing") == 0 && http_form_enum(&r, "missing") == -1);
    arena_reset(&r.arena);

    static const char *const missing[] = { "name", "x", "action", "delete" };
    req_with_form(&r, missing, 2);
    CHECK(!http_form_validate(&r, specs));          /* id is required */
    arena_reset(&r.arena);
    static const char *const empty_id[] = { "id", "", "action", "delete" };
    req_with_form(&r, empty_id, 2);
    CHECK(!http_form_validate(&r, specs));          /* "" is absent for an id */
    arena_reset(&r.arena);
    static const char *const bad_enum[] = { "id", "3", "action", "nuke" };
    req_with_form(&r, bad_enum, 2);
    CHECK(!http_form_validate(&r, specs));
    arena_reset(&r.arena);
    static const char *const bad_line[] = { "id", "3", "action", "spam", "name", "a\nb" };
    req_with_form(&r, bad_line, 3);
    CHECK(!http_form_validate(&r, specs));
    arena_reset(&r.arena);
    static const char *const bad_token[] = { "id", "3", "action", "spam", "csrf", "<x>" };
    req_with_form(&r, bad_token, 3);
    CHECK(!http_form_validate(&r, specs));
    arena_reset(&r.arena);
    static const char *const only_token[] = { "csrf", "ab", "other", "1" };
    req_with_form(&r, only_token, 2);
    CHECK(http_form_validate(&r, NULL));            /* a form without fields */
    CHECK_STR(http_form(&r, "csrf"), "ab");
    CHECK(http_form(&r, "other") == NULL);
    arena_reset(&r.arena);
}

static void test_etag(void)
{
    const char *e = "\"0f6e627dd1f1c091\"";
    CHECK(http_etag_match("\"0f6e627dd1f1c091\"", e));
    CHECK(http_etag_match("W/\"0f6e627dd1f1c091\"", e));
    CHECK(http_etag_match("\"a\", \"b\",W/\"0f6e627dd1f1c091\"", e));
    CHECK(http_etag_match(" \"a\" ,\t\"0f6e627dd1f1c091\" ", e));
    CHECK(http_etag_match("*", e) && http_etag_match(" * ", e));
    CHECK(http_etag_match("\"0f6e627dd1f1c091\"", "W/\"0f6e627dd1f1c091\""));
    CHECK(!http_etag_match("\"0f6e627dd1f1c09\"", e));
    CHECK(!http_etag_match("\"x0f6e627dd1f1c091\"", e));
    CHECK(!http_etag_match("\"x\"\"0f6e627dd1f1c091\"", e));   /* no separator */
    CHECK(!http_etag_match("\"x, \"0f6e627dd1f1c091\"", e));  /* inside another tag */
    CHECK(!http_etag_match("0f6e627dd1f1c091", e));             /* unquoted */
    CHECK(!http_etag_match("*x", e) && !http_etag_match("", e));
    CHECK(!http_etag_match(NULL, e) && !http_etag_match("*", NULL));
}

/* If-Modified-Since dates: the IMF-fixdate form only, anything else -1. */
static void test_http_date(void)
{
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(http_date_parse("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(http_date_parse("Sun, 06 Dec 2026 01:56:21 GMT") == 1796522181);
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:37 UTC") == -1);
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMTx") == -1);
    CHECK(http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT") == -1);
    CHECK(http_date_parse("Sun, 06 ovD 1994 08:49:37 GMT") == -1);   /* not on a boundary */
    CHECK(http_date_parse("Sun, 32 Nov 1994 08:49:37 GMT") == -1);
    CHECK(http_date_parse("Sun, 06 Nov 1994 24:49:37 GMT") == -1);
    CHECK(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT") == -1);  /* RFC 850: refused */
    CHECK(http_date_parse("") == -1 && http_date_parse(NULL) == -1);
}

/* The month sitemaps' names, which the one-segment route hands over. */
static void test_sitemap_names(void)
{
    int y, m;
    int64_t p;
    CHECK(site_sitemap_month_parse("sitemap-2026-11.xml", &y, &m, &p) && y == 2026 && m == 11 &&
          p == 1);
    CHECK(site_sitemap_month_parse("sitemap-2026-01-2.xml", &y, &m, &p) && m == 1 && p == 2);
    CHECK(site_sitemap_month_parse("sitemap-2026-12-999999.xml", &y, &m, &p) && p == 999999);
    static const char *const bad[] = {
        "sitemap-2026-13.xml", "sitemap-2026-00.xml", "sitemap-2026-1.xml", "sitemap-26-11.xml",
        "sitemap-2026-11-1.xml", "sitemap-2026-11-0.xml", "sitemap-2026-11-02.xml",
        "sitemap-2026-11-.xml", "sitemap-2026-11-1000000.xml", "sitemap-2026-11.xml.gz",
        "sitemap-2026-11.xm", "sitemap-+026-11.xml", "sitemap-1969-12.xml", "sitemap.xml",
        "sitemap-news.xml", "sitemap-pages.xml", "Sitemap-2026-11.xml", "", "robots.txt",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!site_sitemap_month_parse(bad[i], &y, &m, &p));
}

static enum ak_err handler(struct req *r)
{
    (void)r;
    return AK_OK;
}

static void test_router(void)
{
    static const struct route table[] = {
        { HTTP_GET, "/a/#", handler, PERM_PUBLIC, 0, 0, NULL },
        { HTTP_POST, "/a/#", handler, PERM_PUBLIC, ROUTE_FORM, 10, NULL },
        { HTTP_POST, "/b", handler, PERM_PUBLIC, ROUTE_FORM, 10, NULL },
        { 0, NULL, NULL, PERM__UNSET, 0, 0, NULL },
    };
    struct req r;
    unsigned m;
    memset(&r, 0, sizeof r);
    arena_init(&r.arena, 1u << 16);
    r.method = HTTP_HEAD;
    CHECK(router_match(table, &r, "/a/12", &m) == &table[0] && r.ids[0] == 12);
    r.method = HTTP_GET;
    CHECK(router_match(table, &r, "/b", &m) == NULL);
    CHECK(m == 1u << HTTP_POST);
    r.method = HTTP_POST;
    CHECK(router_match(table, &r, "/c", &m) == NULL && m == 0);
    r.method = (enum http_method)HTTP_METHOD__MAX;  /* one akhbar does not serve */
    CHECK(router_match(table, &r, "/a/1", &m) == NULL);
    CHECK(m == ((1u << HTTP_GET) | (1u << HTTP_HEAD) | (1u << HTTP_POST)));
    arena_reset(&r.arena);
}

static void test_log_line(void)
{
    struct req r;
    struct http_pair hs[] = {
        { "Referer", "http://a/\"b" },
        { "User-Agent", "evil\" 200 5 \"-\" \"x\x01\\\n127.0.0.1 - - [fake]" },
    };
    char line[512];
    memset(&r, 0, sizeof r);
    snprintf(r.client, sizeof r.client, "192.0.2.7");
    r.method_text = "POST";
    r.target = "/search?q=\"x\"&a=%0A";
    r.version = "HTTP/1.0";
    r.resp.status = 303;
    r.in_headers = hs;
    r.nin_headers = 2;
    setenv("TZ", "UTC", 1);
    size_t n = dispatch_log_line(&r, 1800000000, line, sizeof line);
    CHECK(n > 0 && n < sizeof line && line[n - 1] == '\n');
    line[n] = 0;
    CHECK_STR(line, "192.0.2.7 - - [15/Jan/2027:08:00:00 +0000] "
                    "\"POST /search?q=\\x22x\\x22&a=%0A HTTP/1.0\" 303 - \"http://a/\\x22b\" "
                    "\"evil\\x22 200 5 \\x22-\\x22 \\x22x\\x01\\x5c\\x0a127.0.0.1 - - [fake]\"\n");
    CHECK(strchr(line, '\n') == line + n - 1);      /* one line, whatever came in */
    r.bytes = 1234;
    r.target = NULL;                                 /* nothing known: "-" */
    r.nin_headers = 0;
    n = dispatch_log_line(&r, 1800000000, line, sizeof line);
    line[n] = 0;
    CHECK_CONTAINS(line, "\"POST - HTTP/1.0\" 303 1234 \"-\" \"-\"\n");
    r.method = HTTP_HEAD;                            /* no body went out */
    r.method_text = "HEAD";
    n = dispatch_log_line(&r, 1800000000, line, sizeof line);
    line[n] = 0;
    CHECK_CONTAINS(line, "\"HEAD - HTTP/1.0\" 303 - \"-\" \"-\"\n");
    /* A line cut short still ends with its quote and newline. */
    char small[40];
    n = dispatch_log_line(&r, 1800000000, small, sizeof small);
    CHECK(n <= sizeof small && small[n - 2] == '"' && small[n - 1] == '\n');
    /* Fields of nothing but escaped bytes (four out for each one in) keep
     * the line whole: each is bounded by what it writes. */
    static char ctl[3000], ref[1500], ua[800];
    memset(ctl, 0x12, sizeof ctl - 1);
    memset(ref, '"', sizeof ref - 1);
    memset(ua, '\\', sizeof ua - 1);
    struct http_pair big[] = { { "Referer", ref }, { "User-Agent", ua } };
    r.target = ctl;
    r.method_text = ctl;
    r.in_headers = big;
    r.nin_headers = 2;
    static char wide[4096];
    n = dispatch_log_line(&r, 1800000000, wide, sizeof wide);
    CHECK(n < sizeof wide && wide[n - 1] == '\n');
    size_t quotes = 0, ctls = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        quotes += wide[i] == '"';
        ctls += (unsigned char)wide[i] < 0x20;
    }
    CHECK(quotes == 6 && ctls == 0);
}

int main(void)
{
    test_validators();
    test_form();
    test_form_chunks();
    test_etag();
    test_http_date();
    test_sitemap_names();
    test_router();
    test_log_line();
    T_DONE();
}
