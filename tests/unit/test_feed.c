/*
 * test_feed.c: feeds and sitemaps with hostile text. Sitemaps are checked
 * against the sitemaps.org and Google News schemas (../shared/schemas, or
 * $AKHBAR_SCHEMAS) with libxml2's validator; RSS and Atom are read back by
 * a real feed reader, Debian's python3-feedparser (no bozo, titles, links
 * and dates intact).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include "render/feed.h"
#include "render/sitemap.h"
#include "t.h"

#define HOSTILE "أسعار & <النفط> ]]> \"ترتفع\"\x0c \xef\xbf\xbe بنسبة 5%"
#define HOSTILE_CLEAN "أسعار & <النفط> ]]> \"ترتفع\"  بنسبة 5%"

static int file_sink(void *ctx, const char *p, size_t n)
{
    return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

/* Write a document with fill() into path; AK_OK when the writer says so. */
static enum ak_err write_doc(const char *path, void (*fill)(struct xml *))
{
    FILE *f = fopen(path, "w");
    if (!f)
        return AK_EIO;
    struct xml *x = xml_new(file_sink, f);
    fill(x);
    enum ak_err rc = xml_free(x);
    fclose(f);
    return rc;
}

static const char *schema_dir(void)
{
    const char *d = getenv("AKHBAR_SCHEMAS");
    return d && *d ? d : "../shared/schemas";
}

/* 0 when path is valid against schema file name in schema_dir(). */
static int validate(const char *path, const char *name)
{
    char xsd[512];
    snprintf(xsd, sizeof xsd, "%s/%s", schema_dir(), name);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
    xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
    if (!schema) {
        fprintf(stderr, "test_feed: cannot read the schema %s\n", xsd);
        xmlSchemaFreeParserCtxt(pc);
        return -1;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    int rc = xmlSchemaValidateFile(vc, path, 0);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return rc;
}

static void fill_index(struct xml *x)
{
    sitemap_begin(x, SITEMAP_INDEX);
    sitemap_index_entry(x, "https://example.com/sitemap-2026-11.xml", 1764400000);
    sitemap_index_entry(x, "https://example.com/sitemap-news.xml", 0);
}

static void fill_urlset(struct xml *x)
{
    sitemap_begin(x, SITEMAP_URLSET);
    sitemap_url(x, "https://example.com/article/1/%D8%A3%D8%B3%D8%B9%D8%A7%D8%B1?a=1&b=2",
                1764400000);
    sitemap_url(x, "https://example.com/section/economy", 0);
}

static void fill_news(struct xml *x)
{
    sitemap_begin(x, SITEMAP_NEWS);
    sitemap_news_url(x, "https://example.com/article/1/x", "أخبار & <شركاه>", "ar",
                     1764400000, HOSTILE);
}

static void test_sitemaps(void)
{
    char path[] = "/tmp/akhbar-sitemap-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    CHECK(write_doc(path, fill_index) == AK_OK);
    CHECK(validate(path, "siteindex.xsd") == 0);
    CHECK(write_doc(path, fill_urlset) == AK_OK);
    CHECK(validate(path, "sitemap.xsd") == 0);
    CHECK(validate(path, "siteindex.xsd") != 0);     /* the checker is not blind */
    CHECK(write_doc(path, fill_news) == AK_OK);
    CHECK(validate(path, "news-urlset.xsd") == 0);
    unlink(path);
}

static const char *cats[] = { "اقتصاد", "نفط & غاز" };
static const struct feed_item items[] = {
    {
        .title = HOSTILE, .url = "https://example.com/article/7/%D8%A3",
        .summary = "مقدمة <الخبر>", .content_html = "<p>نص <strong>مهم</strong> ]]></p>",
        .author = "سلمى", .author_url = "https://example.com/author/salma",
        .categories = cats, .ncategories = 2, .published = 1764400000, .updated = 1764403600,
        .image = { "https://example.com/media/abc-960.jpg", "image/jpeg", "صورة", 960, 540 },
    },
    {
        .title = "خبر بلا صورة", .url = "https://example.com/article/6/b",
        .summary = "مقدمة", .published = 1764300000,
    },
};

static const struct feed feed_meta = {
    .title = "أخبار", .description = "أخبار العالم بالعربية", .url = "https://example.com/",
    .self = "https://example.com/feed", .language = "ar", .publisher = "أخبار",
    .updated = 1764403600,
};

static void fill_rss(struct xml *x) { feed_write(x, FEED_RSS, &feed_meta, items, 2); }
static void fill_atom(struct xml *x) { feed_write(x, FEED_ATOM, &feed_meta, items, 2); }

/* What feedparser reads of the feed at path, one fact a line. */
static const char reader[] =
    "import feedparser, sys, time\n"
    "d = feedparser.parse(sys.argv[1])\n"
    "print('bozo', int(d.bozo))\n"
    "print('version', d.version)\n"
    "print('feed', d.feed.title)\n"
    "e = d.entries[0]\n"
    "print('title', e.title)\n"
    "print('link', e.link)\n"
    "print('author', e.get('author'))\n"
    "print('published', time.strftime('%Y-%m-%dT%H:%M:%SZ', e.published_parsed))\n"
    "print('tags', '|'.join(t.term for t in e.tags))\n"
    "print('content', e.content[0].value)\n"
    "print('entries', len(d.entries))\n";

static void test_feeds(void)
{
    char path[] = "/tmp/akhbar-feed-XXXXXX", py[] = "/tmp/akhbar-feedpy-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    fd = mkstemp(py);
    CHECK(write(fd, reader, sizeof reader - 1) == (ssize_t)(sizeof reader - 1));
    close(fd);
    for (int f = 0; f < FEED_FORMAT__MAX; f++) {
        CHECK(write_doc(path, f == FEED_RSS ? fill_rss : fill_atom) == AK_OK);
        char cmd[256], out[4096] = { 0 };
        /* Debian's python3, where python3-feedparser is installed */
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s 2>&1", py, path);
        FILE *p = popen(cmd, "r");
        CHECK(p != NULL);
        if (!p)
            continue;
        size_t n = fread(out, 1, sizeof out - 1, p);
        out[n] = 0;
        CHECK(pclose(p) == 0);
        CHECK_CONTAINS(out, "bozo 0\n");
        CHECK_CONTAINS(out, f == FEED_RSS ? "version rss20\n" : "version atom10\n");
        CHECK_CONTAINS(out, "feed أخبار\n");
        CHECK_CONTAINS(out, "title " HOSTILE_CLEAN "\n");
        CHECK_CONTAINS(out, "link https://example.com/article/7/%D8%A3\n");
        CHECK_CONTAINS(out, "author سلمى\n");
        CHECK_CONTAINS(out, "published 2025-11-29T07:06:40Z\n");
        CHECK_CONTAINS(out, "tags اقتصاد|نفط & غاز\n");
        CHECK_CONTAINS(out, "<strong>مهم</strong>");
        CHECK_CONTAINS(out, "entries 2\n");
        if (t_fail)
            fprintf(stderr, "%s\n", out);
    }
    unlink(path);
    unlink(py);
}

int main(void)
{
    test_sitemaps();
    test_feeds();
    xmlCleanupParser();
    T_DONE();
}
