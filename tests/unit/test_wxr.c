/*
 * test_wxr.c: the streaming WXR reader (ingest/wxr_read.c) on exports held
 * in memory: fields, CDATA split in sections, namespaces by URI, versions,
 * and what it refuses (DTDs, broken XML, text that is not UTF-8).
 */
#include <string.h>
#include "ingest/wxr.h"
#include "t.h"

static int nitems, nauthors;
static char title[256], content[256], login[64];

static enum ak_err on_author(void *ctx, const struct wxr_channel *ch, const struct wxr_author *a)
{
    (void)ctx, (void)ch;
    nauthors++;
    snprintf(login, sizeof login, "%s", a->login);
    return AK_OK;
}

static enum ak_err on_item(void *ctx, const struct wxr_channel *ch, const struct wxr_item *it)
{
    (void)ctx, (void)ch;
    nitems++;
    snprintf(title, sizeof title, "%s", it->title);
    snprintf(content, sizeof content, "%s", it->content);
    return AK_OK;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss xmlns:wp=\"https://wordpress.org/export/1.2/\" " \
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"

static enum ak_err run(const char *xml, struct wxr_error *e)
{
    nitems = nauthors = 0;
    title[0] = content[0] = login[0] = 0;
    struct wxr_sink sink = { NULL, on_author, NULL, on_item };
    return wxr_read("t", xml, strlen(xml), &sink, e);
}

int main(void)
{
    struct wxr_error e;
    CHECK(run(HEAD "<wp:wxr_version>1.2</wp:wxr_version><item><title>عنوان</title>"
              "<content:encoded><![CDATA[a ]]]]><![CDATA[> b]]></content:encoded></item>"
              "</channel></rss>", &e) == AK_OK);
    CHECK(nitems == 1);
    CHECK_STR(title, "عنوان");
    CHECK_STR(content, "a ]]> b");
    /* a wp prefix bound to another URI is not WordPress's */
    CHECK(run(HEAD "<wp:wxr_version>1.2</wp:wxr_version><wp:author xmlns:wp=\"http://x/\">"
              "<wp:author_login>fake</wp:author_login></wp:author><wp:author>"
              "<wp:author_login>real</wp:author_login></wp:author></channel></rss>", &e) == AK_OK);
    CHECK(nauthors == 1);
    CHECK_STR(login, "real");
    /* versions as WordPress checks them */
    CHECK(run(HEAD "<item><title>x</title></item></channel></rss>", &e) == AK_EINVAL);
    CHECK(strstr(e.msg, "missing WXR version") != NULL);
    CHECK(nitems == 0);
    CHECK(run(HEAD "<wp:wxr_version>abc</wp:wxr_version><item/></channel></rss>", &e) == AK_EINVAL);
    CHECK(strstr(e.msg, "invalid WXR version") != NULL);
    CHECK(wxr_version_ok("1.0") && wxr_version_ok("12.34") && !wxr_version_ok("1.") &&
          !wxr_version_ok(".1") && !wxr_version_ok("1.2a") && !wxr_version_ok(""));
    /* a DTD is refused before any record, entities never expanded */
    CHECK(run("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]>"
              "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
              "<wp:wxr_version>1.2</wp:wxr_version><item><title>&a;</title></item>"
              "</channel></rss>", &e) == AK_EINVAL);
    CHECK(strstr(e.msg, "DTD") != NULL);
    CHECK(nitems == 0);
    /* not well-formed: an error with its line */
    CHECK(run(HEAD "<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>x</item></channel></rss>",
              &e) == AK_EINVAL);
    CHECK(strstr(e.msg, "not well-formed") != NULL && e.line == 2);
    /* fuzz/wxr_read: bytes that are not UTF-8 inside CDATA never reach a sink */
    CHECK(run(HEAD "<wp:wxr_version>1.2</wp:wxr_version><item><title>x</title>"
              "<content:encoded><![CDATA[\xd9 \xe2\x82]]></content:encoded></item></channel></rss>",
              &e) == AK_EINVAL);
    CHECK(nitems == 0);
    T_DONE();
}
