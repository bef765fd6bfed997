/*
 * test_render.c: the escaping writer, the template language, Markdown and
 * dates: everything between data and the bytes of a page.
 */
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "render/date.h"
#include "render/html.h"
#include "render/markdown.h"
#include "render/tmpl.h"
#include "t.h"

static char out[65536];

/* Render src with v into out; returns the sticky error. */
static enum ak_err render(const char *src, const struct tv *v)
{
    char err[200];
    struct tmpl *t = tmpl_parse("t", src, strlen(src), err, sizeof err);
    if (!t) {
        snprintf(out, sizeof out, "PARSE: %s", err);
        return AK_EINVAL;
    }
    struct html h;
    html_init(&h, 1 << 20);
    tmpl_render(t, v, NULL, NULL, &h);
    snprintf(out, sizeof out, "%s", h.b.p ? h.b.p : "");
    enum ak_err e = h.b.err;
    html_reset(&h);
    tmpl_free(t);
    return e;
}

static void test_html(void)
{
    struct html h;
    html_init(&h, 0);
    html_printf(&h, "<a href=\"/t/%U\" title=\"%A\">%H</a> %d %D %z %%", "سلام عليكم/?&",
                "\"q\" & 'a'", "<b>&</b>", -5, (int64_t)1 << 40, (size_t)7);
    CHECK_STR(h.b.p, "<a href=\"/t/%D8%B3%D9%84%D8%A7%D9%85%20%D8%B9%D9%84%D9%8A%D9%83%D9%85"
                     "%2F%3F%26\" title=\"&quot;q&quot; &amp; &#39;a&#39;\">&lt;b&gt;&amp;&lt;"
                     "/b&gt;</a> -5 1099511627776 7 %");
    html_reset(&h);
    html_init(&h, 0);
    html_printf(&h, "{\"t\":\"%J\"}", "a\"b\\c</script>\n\x01");
    CHECK_STR(h.b.p, "{\"t\":\"a\\\"b\\\\c\\u003c/script\\u003e\\u000a\\u0001\"}");
    html_reset(&h);
    html_init(&h, 0);
    /* what HTML cannot hold is dropped: controls, U+FFFE, U+FFFF (not U+FFFD) */
    html_printf(&h, "%H|%A|%H", "a\x01" "b<\x0c\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbdz\t",
                "\x7fq\xef\xbf", (const char *)NULL);
    CHECK_STR(h.b.p, "ab&lt;\xef\xbf\xbdz\t|q\xef\xbf|");
    html_reset(&h);
    /* An unknown conversion poisons the buffer. */
    html_init(&h, 0);
    html_printf(&h, "%s", "x");
    CHECK(h.b.err == AK_EINVAL);
    html_reset(&h);
    /* The cap is sticky. */
    html_init(&h, 8);
    html_lit(&h, "12345");
    html_lit(&h, "67890");
    html_lit(&h, "x");
    CHECK(h.b.err == AK_ETOOBIG);
    CHECK(h.b.n == 5);
    html_reset(&h);
}

static void test_tmpl(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct tv *v = tv_obj(&a);
    tv_str(&a, v, "name", "<علي & \"سارة\">");
    tv_int(&a, v, "n", 42);
    tv_bool(&a, v, "yes", 1);
    tv_bool(&a, v, "no", 0);
    tv_str(&a, v, "empty", "");
    tv_str(&a, v, "slug", "خبر عاجل");
    const struct html_safe *safe = NULL;
    CHECK(markdown_render(&a, "ok", 2, &safe) == AK_OK);
    tv_safe(&a, v, "body", safe);
    struct tv *list = tv_list(&a, v, "items", 3);
    for (int i = 0; i < 3; i++)
        tv_int(&a, tv_item(list, i), "i", i);
    tv_list(&a, v, "none", 0);
    struct tv *obj = tv_child(&a, v, "obj");
    tv_str(&a, obj, "title", "عنوان");
    tv_str(&a, obj, "name", "inner");

    CHECK(render("<p>{{name}}</p>", v) == AK_OK);
    CHECK_STR(out, "<p>&lt;علي &amp; &quot;سارة&quot;&gt;</p>");
    render("{{body}}|{{body|url}}", v);
    CHECK_STR(out, "<p>ok</p>\n|%3Cp%3Eok%3C%2Fp%3E%0A");
    render("/a/{{slug|url}}", v);
    CHECK_STR(out, "/a/%D8%AE%D8%A8%D8%B1%20%D8%B9%D8%A7%D8%AC%D9%84");
    render("{{name|json}}", v);
    CHECK_STR(out, "\\u003cعلي \\u0026 \\\"سارة\\\"\\u003e");
    render("{{#items}}[{{i}}]{{/items}}", v);
    CHECK_STR(out, "[0][1][2]");
    render("{{#none}}x{{/none}}{{^none}}empty{{/none}}", v);
    CHECK_STR(out, "empty");
    render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{#empty}}E{{/empty}}", v);
    CHECK_STR(out, "Yn");
    render("{{#obj}}{{title}} {{name}} {{n}}{{/obj}}", v);
    CHECK_STR(out, "عنوان inner 42");          /* inner first, then outer */
    render("{{obj.title}}|{{obj.missing}}|{{missing.x}}|{{missing}}", v);
    CHECK_STR(out, "عنوان|||");
    render("{{#items?}}has {{n}}{{/items?}}{{#none?}}no{{/none?}}", v);
    CHECK_STR(out, "has 42");
    render("{{! a comment }}a{{!}}b", v);
    CHECK_STR(out, "ab");
    render("{{#items}}{{#obj}}{{i}}{{title}}{{/obj}}{{/items}}", v);
    CHECK_STR(out, "0عنوان1عنوان2عنوان");

    /* Parse errors name the line. */
    CHECK(render("a\n{{#x}}\nb", v) == AK_EINVAL);
    CHECK_STR(out, "PARSE: t:2: section not closed");
    CHECK(render("{{/x}}", v) == AK_EINVAL);
    CHECK_CONTAINS(out, "close without open");
    CHECK(render("{{#x}}{{/y}}", v) == AK_EINVAL);
    CHECK_CONTAINS(out, "does not match");
    CHECK(render("{{x", v) == AK_EINVAL);
    CHECK_CONTAINS(out, "unclosed");
    CHECK(render("{{x|html2}}", v) == AK_EINVAL);
    CHECK_CONTAINS(out, "unknown filter");
    CHECK(render("{{#x|url}}{{/x}}", v) == AK_EINVAL);
    CHECK(render("{{}}", v) == AK_EINVAL);
    CHECK(render("{{a b}}", v) == AK_EINVAL);
    CHECK(render("{{<script>}}", v) == AK_EINVAL);
    /* Deep nesting is refused, not overflowed. */
    char deep[1024] = "";
    for (int i = 0; i < 40; i++)
        memcpy(deep + 6 * i, "{{#x}}", 7);
    CHECK(render(deep, v) == AK_EINVAL);
    CHECK_CONTAINS(out, "too deep");
    arena_reset(&a);
}

/* A value returned by any tv_* call stays where it is, whatever is added
 * later: the article page filled its "article" object after adding fields
 * to the page, and lost what it wrote (replies posted as new comments). */
static void test_tmpl_stable(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct tv *v = tv_obj(&a);
    struct tv *child = tv_child(&a, v, "child");
    struct tv *list = tv_list(&a, v, "list", 2);
    struct tv *first = tv_str(&a, v, "first", "أول");
    for (int i = 0; i < 100; i++)
        tv_int(&a, v, arena_printf(&a, "f%d", i), i);
    struct tv *grand = tv_child(&a, child, "grand");
    tv_str(&a, child, "name", "سعاد");
    for (int i = 0; i < 40; i++)
        tv_int(&a, child, arena_printf(&a, "g%d", i), i);
    tv_int(&a, grand, "id", 7);
    tv_str(&a, tv_item(list, 0), "t", "أ");
    tv_str(&a, tv_item(list, 1), "t", "ب");
    CHECK(first != NULL && child != NULL && grand != NULL);
    CHECK(render("{{#child}}{{name}}:{{grand.id}}:{{g39}}{{/child}}|{{#list}}{{t}}{{/list}}|"
                 "{{first}}|{{f99}}", v) == AK_OK);
    CHECK_STR(out, "سعاد:7:39|أب|أول|99");
    /* A later field of the same name wins, as before. */
    tv_str(&a, v, "first", "ثان");
    render("{{first}}", v);
    CHECK_STR(out, "ثان");
    arena_reset(&a);
}

static const struct tmpl *partials[2];
static const struct tmpl *lookup(void *ctx, const char *name, size_t n)
{
    (void)ctx;
    for (int i = 0; i < 2; i++)
        if (partials[i] && strlen(tmpl_name(partials[i])) == n &&
            memcmp(tmpl_name(partials[i]), name, n) == 0)
            return partials[i];
    return NULL;
}

static void test_partials(void)
{
    char err[100];
    struct tmpl *card = tmpl_parse("card", "<{{t}}>", 7, err, sizeof err);
    struct tmpl *loop = tmpl_parse("loop", "{{>loop}}", 9, err, sizeof err);
    partials[0] = card;
    partials[1] = loop;
    struct arena a;
    arena_init(&a, 0);
    struct tv *v = tv_obj(&a);
    struct tv *l = tv_list(&a, v, "l", 2);
    tv_str(&a, tv_item(l, 0), "t", "أ");
    tv_str(&a, tv_item(l, 1), "t", "ب");
    struct tmpl *page = tmpl_parse("page", "{{#l}}{{>card}}{{/l}}{{>nope}}", 30, err, sizeof err);
    struct html h;
    html_init(&h, 0);
    tmpl_render(page, v, lookup, NULL, &h);
    CHECK_STR(h.b.p, "<أ><ب>");
    html_reset(&h);
    /* A partial that includes itself stops at the depth limit. */
    html_init(&h, 0);
    tmpl_render(loop, v, lookup, NULL, &h);
    CHECK(h.b.err == AK_ETOOBIG);
    html_reset(&h);
    tmpl_free(page);
    tmpl_free(card);
    tmpl_free(loop);
    arena_reset(&a);
}

static void test_markdown(void)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *s = NULL;
    const char *md = "# عنوان\n\nفقرة <script>alert(1)</script> و**غامق**.\n\n## فرعي\n\n"
                     "[رابط](javascript:alert(1)) <b onclick=x>b</b>\n\n###### ستة\n";
    CHECK(markdown_render(&a, md, strlen(md), &s) == AK_OK);
    CHECK_CONTAINS(html_safe_str(s), "<h2>عنوان</h2>");        /* h1 is the headline's */
    CHECK_CONTAINS(html_safe_str(s), "<h2>فرعي</h2>");
    CHECK_CONTAINS(html_safe_str(s), "<h4>ستة</h4>");
    CHECK_CONTAINS(html_safe_str(s), "<strong>غامق</strong>");
    CHECK(strstr(html_safe_str(s), "<script>") == NULL);
    CHECK(strstr(html_safe_str(s), "javascript:") == NULL);
    CHECK(strstr(html_safe_str(s), "onclick") == NULL);
    CHECK(html_safe_len(s) == strlen(html_safe_str(s)));
    CHECK(markdown_render(&a, "\xff\xfe", 2, &s) == AK_EINVAL);
    arena_reset(&a);
}

/* n copies of c, then s, in a malloc'd string. */
static char *repeat(char c, size_t n, const char *s)
{
    size_t k = strlen(s);
    char *p = malloc(n + k + 1);
    memset(p, c, n);
    memcpy(p + n, s, k + 1);
    return p;
}

/* The bounds of render/markdown.h: nesting and the HTML's size. */
static void test_markdown_bounds(void)
{
    struct arena a;
    arena_init(&a, 0);
    const struct html_safe *s = NULL;
    /* Block quotes: 32 deep render, 33 do not, and say why. */
    char *q32 = repeat('>', MARKDOWN_DEPTH_MAX, " نص"), *q33 = repeat('>', 33, " نص");
    testcase(MARKDOWN_DEPTH_MAX == 32);
    CHECK(markdown_render(&a, q32, strlen(q32), &s) == AK_OK);
    CHECK_CONTAINS(html_safe_str(s), "<blockquote>\n<p>نص</p>\n</blockquote>");
    CHECK(!markdown_too_deep(q32, strlen(q32)));
    s = NULL;
    CHECK(markdown_render(&a, q33, strlen(q33), &s) == AK_ETOOBIG);
    CHECK(s == NULL);
    CHECK(markdown_too_deep(q33, strlen(q33)));
    /* Deep only once, late in the text, after shallow quotes closed. */
    char *late = malloc(strlen(q32) + strlen(q33) + 16);
    sprintf(late, "%s\n\nفقرة\n\n%s", q32, q33);
    CHECK(markdown_render(&a, late, strlen(late), &s) == AK_ETOOBIG);
    /* Lists count as quotes do, and mixed with them. */
    struct buf b;
    buf_init(&b, 0);
    for (int i = 0; i < 33; i++) {
        for (int k = 0; k < 2 * i; k++)
            buf_putc(&b, ' ');
        buf_append(&b, "- بند\n", strlen("- بند\n"));
    }
    CHECK(markdown_render(&a, b.p, b.n, &s) == AK_ETOOBIG);
    CHECK(markdown_too_deep(b.p, b.n));
    b.n = 0;
    for (int i = 0; i < 16; i++)
        buf_append(&b, "> - ", 4);
    buf_append(&b, "x", 1);
    CHECK(markdown_render(&a, b.p, b.n, &s) == AK_OK);    /* 32 */
    b.n = 0;
    for (int i = 0; i < 16; i++)
        buf_append(&b, "- > ", 4);
    buf_append(&b, "- x", 3);
    CHECK(markdown_render(&a, b.p, b.n, &s) == AK_ETOOBIG);  /* 33 */
    /* A million nested quotes: refused quickly, not 27 MB of HTML. */
    char *q1m = repeat('>', 1000000, " x");
    CHECK(markdown_render(&a, q1m, strlen(q1m), &s) == AK_ETOOBIG);
    /* The HTML's size: just under the bound renders, just over does not,
     * and markdown_too_deep says it was not the nesting. */
    b.n = 0;
    const char *para = "\"\"\"\"\"\"\"\"\n\n";   /* 8 bytes of quote marks: 55 of HTML */
    while (b.n < 600000)
        buf_append(&b, para, strlen(para));
    enum ak_err rc = markdown_render(&a, b.p, b.n, &s);
    CHECK(rc == AK_ETOOBIG);
    CHECK(!markdown_too_deep(b.p, b.n));
    b.n = 0;
    while (b.n < 300000)
        buf_append(&b, para, strlen(para));
    CHECK(markdown_render(&a, b.p, b.n, &s) == AK_OK);
    CHECK(html_safe_len(s) > (1u << 20) && html_safe_len(s) <= MARKDOWN_HTML_MAX);
    buf_reset(&b);
    free(q32);
    free(q33);
    free(late);
    free(q1m);
    arena_reset(&a);
}

static void test_dates(void)
{
    char buf[128];
    setenv("AKHBAR_TZ", "Asia/Riyadh", 1);
    /* 2026-11-29 07:15:00 UTC = 10:15 in Riyadh; 18 Jumada al-Akhirah... by
     * Umm al-Qura 1448 begins 2026-06-16, so this is in Jumada al-Akhirah. */
    int64_t t = 1795936500;
    CHECK(date_format(t, DATE_ISO, buf, sizeof buf) > 0);
    CHECK_STR(buf, "2026-11-29T07:15:00Z");
    CHECK(date_format(t, DATE_RFC1123, buf, sizeof buf) > 0);
    CHECK_STR(buf, "Sun, 29 Nov 2026 07:15:00 GMT");
    CHECK(date_format(t, DATE_ISO_LOCAL, buf, sizeof buf) > 0);
    CHECK_STR(buf, "2026-11-29T10:15:00+03:00");     /* the same instant, Riyadh's offset */
    CHECK(date_format(t, DATE_GREGORIAN, buf, sizeof buf) > 0);
    CHECK_STR(buf, "الأحد 29 نوفمبر 2026");
    CHECK(date_format(t, DATE_GREGORIAN_TIME, buf, sizeof buf) > 0);
    CHECK_STR(buf, "29 نوفمبر 2026، 10:15 ص");
    CHECK(date_format(t, DATE_HIJRI, buf, sizeof buf) > 0);
    CHECK_CONTAINS(buf, "جمادى الآخرة 1448 هـ");
    CHECK(date_format(t, DATE_HIJRI, buf, 4) == 0);    /* too small: empty, no overflow */
    CHECK_STR(buf, "");

    /* The editor's wall-clock times, in the site's zone both ways. */
    int64_t u = 0;
    CHECK(date_local_format(t, buf, sizeof buf) > 0);
    CHECK_STR(buf, "2026-11-29T10:15");
    CHECK(date_local_parse("2026-11-29T10:15", &u) && u == t);
    CHECK(date_local_parse("2026-11-29T10:15:30", &u) && u == t + 30);
    CHECK(!date_local_parse("2027-02-29T10:15", &u));      /* no such day */
    CHECK(!date_local_parse("2026-11-29 10:15", &u));
    CHECK(!date_local_parse("2026-11-29T24:00", &u));
    CHECK(!date_local_parse("2026-11-29T10:15x", &u));
    CHECK(!date_local_parse("", &u) && !date_local_parse(NULL, &u));
    CHECK(date_local_format(t, buf, 8) == 0 && buf[0] == '\0');
    CHECK(date_zone_name(buf, sizeof buf) > 0);
    CHECK_STR(buf, "التوقيت العربي الرسمي");
    /* The readers' day: 22:30 UTC on the 29th is already the 30th in Riyadh
     * (days from 1970-01-01: the 29th is 20786), and 03:00 UTC on the 30th
     * still the 29th in New York. */
    CHECK(date_local_day(t) == 20786);
    CHECK(date_local_day(1795991400) == 20787);
    setenv("AKHBAR_TZ", "America/New_York", 1);
    CHECK(date_local_day(1796007600) == 20786);
    CHECK(date_local_day(1796007600 + 2 * 3600) == 20787);      /* 00:00 there */
    setenv("AKHBAR_TZ", "Europe/Berlin", 1);
    CHECK(date_local_parse("2027-03-28T01:30", &u) && u == 1806193800);
    CHECK(!date_local_parse("2027-03-28T02:30", &u));      /* skipped by the clocks */
    CHECK(date_local_parse("2027-03-28T03:30", &u) && u == 1806197400);
    setenv("AKHBAR_TZ", "Asia/Riyadh", 1);
}

int main(void)
{
    test_html();
    test_tmpl();
    test_tmpl_stable();
    test_partials();
    test_markdown();
    test_markdown_bounds();
    test_dates();
    T_DONE();
}
