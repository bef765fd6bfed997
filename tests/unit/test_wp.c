/*
 * test_wp.c: WordPress content into safe Markdown (ingest/wp_html.c,
 * wp_shortcode.c), checked both as Markdown and as the HTML the site renders
 * from it.
 */
#include <stdlib.h>
#include <string.h>
#include "ingest/wp.h"
#include "render/markdown.h"
#include "text/utf8.h"
#include "t.h"

static struct arena A;

/* The Markdown of html, and the HTML markdown_render makes of it. */
static const char *md_of(const char *html, struct wp_md *r)
{
    if (wp_html_md(&A, html, strlen(html), r) != AK_OK)
        return NULL;
    return r->md;
}

static const char *html_of(const char *html)
{
    struct wp_md r;
    const char *md = md_of(html, &r);
    const struct html_safe *h;
    if (!md || markdown_render(&A, md, strlen(md), &h) != AK_OK)
        return NULL;
    return html_safe_str(h);
}

/* Nothing dangerous reaches the page, however the input is shaped: no
 * script or frame element, and inside any tag no event handler and no
 * javascript: or data: URL (text may mention them, escaped). */
static void check_safe(const char *html)
{
    const char *out = html_of(html);
    CHECK(out != NULL);
    if (!out)
        return;
    int bad = 0;
    for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
        const char *e = strchr(p, '>');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char tag[4096];
        snprintf(tag, sizeof tag, "%.*s", (int)n, p);
        for (char *q = tag; *q; q++)
            *q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
        if (strstr(tag, "<script") || strstr(tag, "<iframe") || strstr(tag, "<style") ||
            strstr(tag, " on") || strstr(tag, "javascript:") || strstr(tag, "data:")) {
            fprintf(stderr, "unsafe tag %s in %s\n", tag, out);
            bad = 1;
        }
    }
    CHECK(!bad);
}

static void test_classic(void)
{
    struct wp_md r;
    const char *md = md_of("السطر الأول\nوالسطر الثاني\n\nفقرة ثانية <em>مهمة</em>.\n\n\n"
                           "فقرة ثالثة", &r);
    CHECK_STR(md, "السطر الأول\\\nوالسطر الثاني\n\nفقرة ثانية *مهمة*.\n\nفقرة ثالثة");
    CHECK(r.first_end == strlen("السطر الأول\\\nوالسطر الثاني"));
    const char *h = html_of("a\n\nb");
    CHECK_STR(h, "<p>a</p>\n<p>b</p>\n");
}

static void test_gutenberg(void)
{
    struct wp_md r;
    const char *md = md_of("<!-- wp:heading -->\n<h2>عنوان فرعي</h2>\n<!-- /wp:heading -->\n\n"
                           "<!-- wp:paragraph -->\n<p>نص\nالفقرة</p>\n<!-- /wp:paragraph -->\n"
                           "<!-- wp:list --><ul><li>أ</li><li>ب <strong>غامق</strong></li></ul>"
                           "<!-- /wp:list -->", &r);
    CHECK_STR(md, "## عنوان فرعي\n\nنص الفقرة\n\n- أ\n- ب **غامق**");
    CHECK(r.first_end == 0);            /* the first block is a heading */
    CHECK(!strstr(md, "wp:"));
}

static void test_caption(void)
{
    struct wp_md r;
    const char *md = md_of("قبل\n\n[caption id=\"attachment_5\" align=\"alignnone\" width=\"300\"]"
                           "<a href=\"https://ex.com/big.jpg\"><img src=\"https://ex.com/a.jpg\" "
                           "alt=\"صورة\" onerror=\"x()\" /></a> وصف الصورة[/caption]\n\nبعد "
                           "[gallery ids=\"1,2\"] و[embed]https://youtu.be/x[/embed]!", &r);
    CHECK_CONTAINS(md, "[![صورة](<https://ex.com/a.jpg>)](<https://ex.com/big.jpg>)");
    CHECK_CONTAINS(md, "*وصف الصورة*");
    CHECK_CONTAINS(md, "بعد و\\!");
    CHECK(r.shortcodes == 2);
    md = md_of("[caption caption=\"من السمة\"]<img src=\"http://ex.com/b.png\">[/caption]", &r);
    CHECK_CONTAINS(md, "*من السمة*");
    md = md_of("نص [sic] و[[gallery]] و[1]", &r);
    CHECK_STR(md, "نص \\[sic\\] و\\[gallery\\] و\\[1\\]");
    CHECK(r.shortcodes == 0);
}

static void test_links(void)
{
    struct wp_md r;
    CHECK_STR(md_of("<a href=\"https://a.com/x y\">هنا</a> <a href=\"mailto:a@b.c\">بريد</a>",
                    &r), "[هنا](<https://a.com/x%20y>) [بريد](<mailto:a@b.c>)");
    CHECK_STR(md_of("<a href=\"javascript:alert(1)\">نص</a> <a href=\" JaVaScRiPt:x\">ب</a> "
                    "<a href=\"/relative\">ج</a> <a href=\"data:text/html,x\">د</a>", &r),
              "نص ب ج د");
    CHECK_STR(md_of("<img src=\"javascript:x\" alt=\"a\"><img src=\"data:image/png;base64,AA\">",
                    &r), "");
    /* fuzz/wp_html: bytes that are not UTF-8 in a URL are escaped, not copied */
    const char *u = md_of("<figure><img src=\"http://e\xae" "com/i.p\xd8&\xfb\xd1\x9c\x06Pb\">", &r);
    CHECK(u && utf8_valid(u, strlen(u)));
    CHECK(u && strstr(u, "![](<http://e"));
    CHECK_STR(md_of("<a href=\"https://a.com/>)<script>\">x</a>", &r),
              "[x](<https://a.com/%3E)%3Cscript%3E>)");
}

static void test_hostile(void)
{
    check_safe("<script>alert(1)</script><p onclick=\"x()\">نص</p>");
    check_safe("<img src=x onerror=alert(1)><svg onload=alert(1)><iframe src=//evil>");
    check_safe("<a href=\"java&#x09;script:alert(1)\">x</a>");
    check_safe("<a href=\"&#106;avascript:alert(1)\">x</a>");
    check_safe("&lt;script&gt;alert(1)&lt;/script&gt; <b>&lt;img src=x onerror=y&gt;</b>");
    check_safe("[x](javascript:alert(1)) ![y](data:text/html;base64,PHNjcmlwdD4=) <http://x>");
    check_safe("<style>body{}</style><form><input onfocus=x autofocus></form>");
    check_safe("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>");
    check_safe("<![CDATA[<script>x</script>]]><!--<script>-->");
    struct wp_md r;
    /* Markdown syntax in text stays text */
    CHECK_STR(md_of("# ليس عنوانًا\n\n- ليس قائمة\n\n1. ولا هذه\n\n> ولا اقتباس *x* _y_ `z`", &r),
              "\\# ليس عنوانًا\n\n\\- ليس قائمة\n\n1\\. ولا هذه\n\n\\> ولا اقتباس \\*x\\* \\_y\\_ "
              "\\`z\\`");
    CHECK_STR(html_of("&lt;b&gt;x&lt;/b&gt; &amp;amp;"), "<p>&lt;b&gt;x&lt;/b&gt; &amp;amp;</p>\n");
    /* invalid UTF-8 and control characters */
    CHECK_STR(md_of("a\xff" "b\x01" "c", &r), "a\xEF\xBF\xBD" "bc");
    /* deep nesting does not recurse without bound */
    size_t n = 20000;
    char *deep = malloc(n * 5 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(deep + i * 5, "<div>", 5);
    deep[n * 5] = 0;
    CHECK(wp_html_md(&A, deep, n * 5, &r) == AK_OK);
    for (size_t i = 0; i < n; i++)
        memcpy(deep + i * 5, "<em> ", 5);
    CHECK(wp_html_md(&A, deep, n * 5, &r) == AK_OK);
    free(deep);
}

static void test_blocks(void)
{
    struct wp_md r;
    CHECK_STR(md_of("<blockquote><p>قال</p><p>ثم قال</p></blockquote><ol><li>واحد<ul><li>فرع"
                    "</li></ul></li><li>اثنان</li></ol>", &r),
              "> قال\n>\n> ثم قال\n\n1. واحد\n\n   - فرع\n2. اثنان");
    CHECK_STR(md_of("<table><tr><th>البلد</th><th>العدد</th></tr><tr><td>مصر</td><td>3</td>"
                    "</tr></table>", &r), "البلد | العدد\\\nمصر | 3");
    CHECK_STR(md_of("<h1>أ</h1><h3>ب</h3><h6>ج</h6>", &r), "## أ\n\n### ب\n\n#### ج");
    CHECK_STR(md_of("<figure class=\"wp-block-image\"><img src=\"https://e.com/i.jpg\" alt=\"\">"
                    "<figcaption>تعليق</figcaption></figure>", &r),
              "![](<https://e.com/i.jpg>)\n\n*تعليق*");
    CHECK_STR(md_of("<p><strong> مسافة </strong>بعد</p>", &r), "**مسافة** بعد");
    CHECK_STR(md_of("", &r), "");
    const char *text;
    CHECK(wp_html_text(&A, "<p>موجز <b>الخبر</b></p>\n<p>[gallery] ثانٍ &amp; أخير</p>",
                       strlen("<p>موجز <b>الخبر</b></p>\n<p>[gallery] ثانٍ &amp; أخير</p>"), &text) == AK_OK);
    CHECK_STR(text, "موجز الخبر ثانٍ & أخير");
}

int main(void)
{
    arena_init(&A, 0);
    test_classic();
    test_gutenberg();
    test_caption();
    test_links();
    test_hostile();
    test_blocks();
    arena_reset(&A);
    T_DONE();
}
