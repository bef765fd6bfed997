/*
 * test_xml.c: the XML writer: hostile text gives well-formed documents
 * (parsed back by libxml2 without recovery), what XML 1.0 forbids is
 * dropped, output streams in chunks, and a failing sink stops the document.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "base/buf.h"
#include "render/xml.h"
#include "t.h"

struct sink {
    struct buf b;
    int calls;
    int fail_after;             /* > 0: the call after this many fails */
};

static int sink_write(void *ctx, const char *p, size_t n)
{
    struct sink *s = ctx;
    if (s->fail_after > 0 && s->calls >= s->fail_after)
        return -1;
    s->calls++;
    buf_append(&s->b, p, n);
    return s->b.err != AK_OK;
}

/* Parse s strictly; NULL when it is not well-formed. */
static xmlDocPtr parse(const struct sink *s)
{
    return xmlReadMemory(s->b.p, (int)s->b.n, "t.xml", "UTF-8",
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The text of the first element named name (a libxml2 string), or NULL. */
static char *text_of(xmlDocPtr d, const char *name)
{
    for (xmlNodePtr n = xmlDocGetRootElement(d)->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return (char *)xmlNodeGetContent(n);
    return NULL;
}

static void test_hostile(void)
{
    struct sink s = { 0 };
    buf_init(&s.b, 0);
    struct xml *x = xml_new(sink_write, &s);
    CHECK(x != NULL);
    xml_start(x, "rss");
    xml_attr(x, "xmlns:news", "http://www.google.com/schemas/sitemap-news/0.9");
    xml_attr(x, "note", "\"quoted\" & <tag> \x01");
    xml_elem(x, "a", "أخبار & <b>عاجلة</b> ]]> نهاية");
    xml_elem(x, "b", "form\x0c" "feed \xef\xbf\xbe and \xef\xbf\xbf end");   /* U+000C, U+FFFE, U+FFFF */
    xml_elem(x, "c", "bad \xff\xfe bytes \xed\xa0\x80 and tab\tok");
    xml_elem(x, "news:title", "عنوان");
    xml_elem(x, "d", NULL);
    xml_elem_int(x, "n", -42);
    xml_start(x, "open");
    xml_text(x, "left open");
    CHECK(xml_free(x) == AK_OK);
    CHECK(s.b.err == AK_OK && s.b.n > 0);
    CHECK(strncmp(s.b.p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);
    xmlDocPtr d = parse(&s);
    CHECK(d != NULL);
    if (d) {
        char *t = text_of(d, "a");
        CHECK_STR(t, "أخبار & <b>عاجلة</b> ]]> نهاية");
        xmlFree(t);
        t = text_of(d, "b");
        CHECK_STR(t, "formfeed  and  end");
        xmlFree(t);
        t = text_of(d, "c");
        CHECK_STR(t, "bad  bytes  and tab\tok");
        xmlFree(t);
        t = text_of(d, "n");
        CHECK_STR(t, "-42");
        xmlFree(t);
        t = text_of(d, "open");
        CHECK_STR(t, "left open");   /* closed by xml_free */
        xmlFree(t);
        xmlChar *note = xmlGetProp(xmlDocGetRootElement(d), (const xmlChar *)"note");
        CHECK_STR((char *)note, "\"quoted\" & <tag> ");
        xmlFree(note);
        xmlFreeDoc(d);
    }
    CHECK(xml_chars_ok("سلام", strlen("سلام")));
    CHECK(!xml_chars_ok("\x0c", 1));
    CHECK(!xml_chars_ok("\xef\xbf\xbe", 3));
    CHECK(!xml_chars_ok("\xff", 1));
    buf_reset(&s.b);
}

/* A large document reaches the sink in many chunks, not at the end. */
static void test_streams(void)
{
    struct sink s = { 0 };
    buf_init(&s.b, 0);
    struct xml *x = xml_new(sink_write, &s);
    xml_start(x, "urlset");
    for (int i = 0; i < 20000; i++) {
        xml_start(x, "url");
        xml_elem(x, "loc", "https://example.com/article/123/عنوان-طويل-للخبر");
        xml_end(x);
    }
    CHECK(xml_free(x) == AK_OK);
    CHECK(s.calls > 100);
    xmlDocPtr d = parse(&s);
    CHECK(d != NULL);
    xmlFreeDoc(d);
    buf_reset(&s.b);

    /* A sink that fails stops the document and the error is reported. */
    struct sink f = { 0 };
    buf_init(&f.b, 0);
    f.fail_after = 3;
    x = xml_new(sink_write, &f);
    xml_start(x, "urlset");
    for (int i = 0; i < 20000; i++)
        xml_elem(x, "loc", "https://example.com/a");
    CHECK(xml_free(x) == AK_EIO);
    CHECK(f.calls == 3);
    buf_reset(&f.b);
}

int main(void)
{
    test_hostile();
    test_streams();
    xmlCleanupParser();
    T_DONE();
}
