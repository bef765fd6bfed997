/*
 * wxr_read.c: the streaming WXR reader (see wxr.h).
 *
 * Why a reader and not a tree: a news site's export is easily a gigabyte.
 * xmlTextReader walks the document node by node and frees what it has
 * passed, so memory holds one record (an item with its comments) at a time.
 * The text of a field is gathered from every text and CDATA node inside it,
 * so a value split into several CDATA sections (the way WordPress escapes
 * "]]>" in content) comes out whole.
 *
 * The parser never touches the network (XML_PARSE_NONET), never loads or
 * reads a DTD (a document type declaration is refused as soon as it is
 * met, before any record), and never substitutes entities
 * (XML_PARSE_NOENT is not given): only XML's five predefined entities and
 * character references are decoded.
 */
#include <stdio.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include "base/buf.h"
#include "ingest/wxr.h"
#include "text/utf8.h"

enum { WXR_FIELD_MAX = 32u << 20, WXR_ARENA_MAX = 512u << 20 };

enum ns { NS_NONE, NS_WP, NS_EXCERPT, NS_CONTENT, NS_DC, NS_OTHER };
enum rec { REC_NONE, REC_ITEM, REC_AUTHOR, REC_CATEGORY, REC_TAG, REC_TERM };
enum sub { SUB_NONE, SUB_META, SUB_COMMENT, SUB_CAT };

struct rd {
    xmlTextReaderPtr r;
    const struct wxr_sink *sink;
    struct wxr_error *e;
    struct wxr_channel ch;
    struct arena a;             /* the record's strings; cleared per record */
    struct buf text;            /* the text of the field being read */
    enum rec rec;
    enum sub sub;
    int rec_depth;
    size_t rec_line;
    struct wxr_item item;
    struct wxr_author author;
    struct wxr_term term;
    struct wxr_meta meta;
    struct wxr_comment comment;
    struct wxr_cat cat;
    size_t cap_cats, cap_meta, cap_comments;
    int xml_failed;             /* libxml2 reported an error */
};

/* The namespace of a URI: WordPress's over http or https, any 1.x version. */
static enum ns ns_of(const xmlChar *u)
{
    if (!u || !*u)
        return NS_NONE;
    const char *s = (const char *)u;
    if (strcmp(s, "http://purl.org/rss/1.0/modules/content/") == 0)
        return NS_CONTENT;
    if (strcmp(s, "http://purl.org/dc/elements/1.1/") == 0)
        return NS_DC;
    if (strncmp(s, "http://", 7) == 0)
        s += 7;
    else if (strncmp(s, "https://", 8) == 0)
        s += 8;
    else
        return NS_OTHER;
    if (strncmp(s, "wordpress.org/export/1.", 23) != 0)
        return NS_OTHER;
    s += 23;
    if (*s < '0' || *s > '9')
        return NS_OTHER;
    while (*s >= '0' && *s <= '9')
        s++;
    if (strcmp(s, "/") == 0)
        return NS_WP;
    if (strcmp(s, "/excerpt/") == 0)
        return NS_EXCERPT;
    return NS_OTHER;
}

int wxr_version_ok(const char *v)
{
    size_t i = 0, d1 = 0, d2 = 0;
    while (v[i] >= '0' && v[i] <= '9')
        i++, d1++;
    if (v[i++] != '.')
        return 0;
    while (v[i] >= '0' && v[i] <= '9')
        i++, d2++;
    return d1 > 0 && d2 > 0 && v[i] == 0;
}

static void rd_fail(struct rd *d, size_t line, const char *msg)
{
    if (d->e->msg[0])
        return;
    d->e->line = line;
    snprintf(d->e->msg, sizeof d->e->msg, "%s", msg);
}

static void rd_xml_error(void *ctx, xmlErrorPtr err)
{
    struct rd *d = ctx;
    if (!err || err->level < XML_ERR_FATAL)   /* namespace errors are not fatal */
        return;
    d->xml_failed = 1;
    char msg[200];
    snprintf(msg, sizeof msg, "not well-formed XML: %s", err->message ? err->message : "?");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
    rd_fail(d, err->line > 0 ? (size_t)err->line : 0, msg);
}

static int is(const xmlChar *name, const char *s)
{
    return name && strcmp((const char *)name, s) == 0;
}

/* The field's text, trimmed, in the record's arena ("" when out of memory:
 * the arena's failure is checked once per record). */
static const char *rd_text(struct rd *d)
{
    const char *s = d->text.p ? d->text.p : "";
    size_t n = d->text.n;
    while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                     s[n - 1] == '\t'))
        n--;
    if (!utf8_valid(s, n)) {            /* libxml2 may hand it over before it says so */
        d->xml_failed = 1;
        rd_fail(d, (size_t)xmlTextReaderGetParserLineNumber(d->r),
                "not well-formed XML: text that is not UTF-8");
        return "";
    }
    const char *c = arena_strndup(&d->a, s, n);
    return c ? c : "";
}

static int64_t rd_int(struct rd *d)
{
    const char *s = rd_text(d);
    long long v = 0;
    for (; *s >= '0' && *s <= '9' && v < 1000000000000000LL; s++)
        v = v * 10 + (*s - '0');
    return (int64_t)v;
}

/* Append *el (size sz) to the arena array *arr of *n elements (capacity *cap). */
static void rd_push(struct rd *d, void **arr, size_t *n, size_t *cap, const void *el, size_t sz)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        void *p = arena_alloc(&d->a, nc * sz);
        if (!p)
            return;
        if (*n)
            memcpy(p, *arr, *n * sz);
        *arr = p;
        *cap = nc;
    }
    memcpy((char *)*arr + *n * sz, el, sz);
    (*n)++;
}

static const char *rd_attr(struct rd *d, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(d->r, (const xmlChar *)name);
    const char *c = v ? arena_strdup(&d->a, (const char *)v) : "";
    xmlFree(v);
    return c ? c : "";
}

/* A field of a record ended: store its text where it belongs. */
static void rd_field(struct rd *d, enum ns ns, const xmlChar *n)
{
    struct wxr_item *it = &d->item;
    if (d->sub == SUB_META) {
        if (ns == NS_WP && is(n, "meta_key"))
            d->meta.key = rd_text(d);
        else if (ns == NS_WP && is(n, "meta_value"))
            d->meta.value = rd_text(d);
        return;
    }
    if (d->sub == SUB_COMMENT) {
        struct wxr_comment *c = &d->comment;
        if (ns != NS_WP)
            return;
        if (is(n, "comment_id"))
            c->id = rd_int(d);
        else if (is(n, "comment_parent"))
            c->parent = rd_int(d);
        else if (is(n, "comment_author"))
            c->author = rd_text(d);
        else if (is(n, "comment_author_email"))
            c->author_email = rd_text(d);
        else if (is(n, "comment_author_url"))
            c->author_url = rd_text(d);
        else if (is(n, "comment_date"))
            c->date = rd_text(d);
        else if (is(n, "comment_date_gmt"))
            c->date_gmt = rd_text(d);
        else if (is(n, "comment_content"))
            c->content = rd_text(d);
        else if (is(n, "comment_approved"))
            c->approved = rd_text(d);
        else if (is(n, "comment_type"))
            c->type = rd_text(d);
        return;
    }
    if (d->rec == REC_AUTHOR) {
        struct wxr_author *a = &d->author;
        if (ns != NS_WP)
            return;
        if (is(n, "author_id"))
            a->id = rd_int(d);
        else if (is(n, "author_login"))
            a->login = rd_text(d);
        else if (is(n, "author_email"))
            a->email = rd_text(d);
        else if (is(n, "author_display_name"))
            a->display_name = rd_text(d);
        else if (is(n, "author_first_name"))
            a->first_name = rd_text(d);
        else if (is(n, "author_last_name"))
            a->last_name = rd_text(d);
        return;
    }
    if (d->rec == REC_CATEGORY || d->rec == REC_TAG || d->rec == REC_TERM) {
        struct wxr_term *t = &d->term;
        if (ns != NS_WP)
            return;
        if (is(n, "term_id"))
            t->id = rd_int(d);
        else if (is(n, "category_nicename") || is(n, "tag_slug") || is(n, "term_slug"))
            t->slug = rd_text(d);
        else if (is(n, "cat_name") || is(n, "tag_name") || is(n, "term_name"))
            t->name = rd_text(d);
        else if (is(n, "category_parent") || is(n, "term_parent"))
            t->parent = rd_text(d);
        else if (is(n, "term_taxonomy"))
            t->taxonomy = rd_text(d);
        else if (is(n, "category_description") || is(n, "tag_description") ||
                 is(n, "term_description"))
            t->description = rd_text(d);
        return;
    }
    if (ns == NS_NONE) {
        if (is(n, "title"))
            it->title = rd_text(d);
        else if (is(n, "link"))
            it->link = rd_text(d);
        else if (is(n, "guid"))
            it->guid = rd_text(d);
        else if (is(n, "pubDate"))
            it->pub_date = rd_text(d);
        else if (is(n, "category")) {
            d->cat.name = rd_text(d);
            rd_push(d, (void **)&it->cats, &it->ncats, &d->cap_cats, &d->cat, sizeof d->cat);
        }
    } else if (ns == NS_DC && is(n, "creator")) {
        it->creator = rd_text(d);
    } else if (ns == NS_CONTENT && is(n, "encoded")) {
        it->content = rd_text(d);
    } else if (ns == NS_EXCERPT && is(n, "encoded")) {
        it->excerpt = rd_text(d);
    } else if (ns == NS_WP) {
        if (is(n, "post_id") && it->post_id == 0)   /* the first, as WordPress reads it */
            it->post_id = rd_int(d);
        else if (is(n, "post_parent"))
            it->post_parent = rd_int(d);
        else if (is(n, "menu_order"))
            it->menu_order = rd_int(d);
        else if (is(n, "post_date"))
            it->post_date = rd_text(d);
        else if (is(n, "post_date_gmt"))
            it->post_date_gmt = rd_text(d);
        else if (is(n, "post_name"))
            it->post_name = rd_text(d);
        else if (is(n, "status"))
            it->status = rd_text(d);
        else if (is(n, "post_type"))
            it->post_type = rd_text(d);
        else if (is(n, "attachment_url"))
            it->attachment_url = rd_text(d);
    }
}

/* Default every string of the record to "" so that sinks need no NULL checks. */
static void rd_begin(struct rd *d, enum rec rec, int depth)
{
    arena_clear(&d->a);
    d->a.failed = 0;
    d->rec = rec;
    d->sub = SUB_NONE;
    d->rec_depth = depth;
    xmlNodePtr node = xmlTextReaderCurrentNode(d->r);
    long line = node ? xmlGetLineNo(node) : -1;
    d->rec_line = line > 0 ? (size_t)line : (size_t)xmlTextReaderGetParserLineNumber(d->r);
    d->cap_cats = d->cap_meta = d->cap_comments = 0;
    memset(&d->item, 0, sizeof d->item);
    struct wxr_item *it = &d->item;
    it->title = it->link = it->guid = it->pub_date = it->creator = it->content = "";
    it->excerpt = it->post_date = it->post_date_gmt = it->post_name = it->status = "";
    it->post_type = it->attachment_url = "";
    struct wxr_author *a = &d->author;
    memset(a, 0, sizeof *a);
    a->login = a->email = a->display_name = a->first_name = a->last_name = "";
    struct wxr_term *t = &d->term;
    memset(t, 0, sizeof *t);
    t->slug = t->name = t->parent = t->description = "";
    t->kind = rec == REC_CATEGORY ? WXR_CATEGORY : rec == REC_TAG ? WXR_TAG : WXR_TERM;
    t->taxonomy = rec == REC_CATEGORY ? "category" : rec == REC_TAG ? "post_tag" : "";
}

static void rd_sub_begin(struct rd *d, enum sub sub)
{
    d->sub = sub;
    d->meta.key = d->meta.value = "";
    struct wxr_comment *c = &d->comment;
    memset(c, 0, sizeof *c);
    c->author = c->author_email = c->author_url = c->date = c->date_gmt = "";
    c->content = c->approved = c->type = "";
    if (sub == SUB_CAT) {
        d->cat.domain = rd_attr(d, "domain");
        d->cat.nicename = rd_attr(d, "nicename");
        d->cat.name = "";
    }
}

/* The record ended: hand it to the sink. */
static enum ak_err rd_deliver(struct rd *d)
{
    enum ak_err rc = AK_OK;
    if (d->xml_failed)
        return AK_EINVAL;
    if (d->a.failed) {
        rd_fail(d, d->rec_line, "record: too large");
        return AK_EINVAL;
    }
    if (d->rec == REC_ITEM) {
        d->item.line = d->rec_line;
        if (d->sink->item)
            rc = d->sink->item(d->sink->ctx, &d->ch, &d->item);
    } else if (d->rec == REC_AUTHOR) {
        d->author.line = d->rec_line;
        if (d->sink->author)
            rc = d->sink->author(d->sink->ctx, &d->ch, &d->author);
    } else {
        d->term.line = d->rec_line;
        if (d->sink->term)
            rc = d->sink->term(d->sink->ctx, &d->ch, &d->term);
    }
    d->rec = REC_NONE;
    arena_clear(&d->a);
    return rc;
}

static void rd_channel_field(struct rd *d, enum ns ns, const xmlChar *n)
{
    char *dst = NULL;
    size_t cap = 0;
    if (ns == NS_WP && is(n, "wxr_version"))
        dst = d->ch.version, cap = sizeof d->ch.version;
    else if (ns == NS_WP && is(n, "base_site_url"))
        dst = d->ch.base_site_url, cap = sizeof d->ch.base_site_url;
    else if (ns == NS_WP && is(n, "base_blog_url"))
        dst = d->ch.base_blog_url, cap = sizeof d->ch.base_blog_url;
    if (dst) {
        snprintf(dst, cap, "%s", rd_text(d));
        if (dst == d->ch.version && !dst[0])
            snprintf(dst, cap, "?");        /* present but empty: invalid */
    }
    arena_clear(&d->a);
}

/* An element starts at depth (or is empty: then it also ends). */
static enum ak_err rd_start(struct rd *d, int depth, int empty)
{
    const xmlChar *n = xmlTextReaderConstLocalName(d->r);
    enum ns ns = ns_of(xmlTextReaderConstNamespaceUri(d->r));
    d->text.n = 0;
    if (d->rec == REC_NONE) {
        enum rec rec = REC_NONE;
        if (ns == NS_NONE && is(n, "item"))
            rec = REC_ITEM;
        else if (ns == NS_WP && is(n, "author"))
            rec = REC_AUTHOR;
        else if (ns == NS_WP && is(n, "category"))
            rec = REC_CATEGORY;
        else if (ns == NS_WP && is(n, "tag"))
            rec = REC_TAG;
        else if (ns == NS_WP && is(n, "term"))
            rec = REC_TERM;
        if (rec == REC_NONE) {
            if (empty)
                rd_channel_field(d, ns, n);
            return AK_OK;
        }
        if (!wxr_version_ok(d->ch.version)) {
            size_t line = (size_t)xmlTextReaderGetParserLineNumber(d->r);
            rd_fail(d, line, d->ch.version[0]
                    ? "this does not appear to be a WXR file: invalid WXR version number"
                    : "this does not appear to be a WXR file: missing WXR version number");
            return AK_EINVAL;
        }
        rd_begin(d, rec, depth);
        return empty ? rd_deliver(d) : AK_OK;
    }
    if (depth == d->rec_depth + 1 && d->rec == REC_ITEM && d->sub == SUB_NONE) {
        if (ns == NS_WP && is(n, "postmeta"))
            rd_sub_begin(d, SUB_META);
        else if (ns == NS_WP && is(n, "comment"))
            rd_sub_begin(d, SUB_COMMENT);
        else if (ns == NS_NONE && is(n, "category"))
            rd_sub_begin(d, SUB_CAT);
    }
    if (empty) {
        if (depth == d->rec_depth + 1 && d->sub == SUB_CAT) {
            d->sub = SUB_NONE;
            rd_field(d, ns, n);
        } else if (depth == d->rec_depth + 1 && (d->sub == SUB_META || d->sub == SUB_COMMENT)) {
            d->sub = SUB_NONE;
        } else if (depth == d->rec_depth + 1 || (d->sub && depth == d->rec_depth + 2)) {
            rd_field(d, ns, n);
        }
    }
    return AK_OK;
}

static enum ak_err rd_end(struct rd *d, int depth)
{
    const xmlChar *n = xmlTextReaderConstLocalName(d->r);
    enum ns ns = ns_of(xmlTextReaderConstNamespaceUri(d->r));
    if (d->rec == REC_NONE) {
        rd_channel_field(d, ns, n);
        return AK_OK;
    }
    if (depth == d->rec_depth)
        return rd_deliver(d);
    if (depth == d->rec_depth + 1) {
        struct wxr_item *it = &d->item;
        if (d->sub == SUB_META) {
            rd_push(d, (void **)&it->meta, &it->nmeta, &d->cap_meta, &d->meta, sizeof d->meta);
            d->sub = SUB_NONE;
        } else if (d->sub == SUB_COMMENT) {
            rd_push(d, (void **)&it->comments, &it->ncomments, &d->cap_comments, &d->comment,
                    sizeof d->comment);
            d->sub = SUB_NONE;
        } else {
            d->sub = SUB_NONE;
            rd_field(d, ns, n);
        }
    } else if (depth == d->rec_depth + 2 && d->sub) {
        rd_field(d, ns, n);
    }
    return AK_OK;
}

enum ak_err wxr_read(const char *path, const char *data, size_t n,
                     const struct wxr_sink *sink, struct wxr_error *e)
{
    struct rd d;
    memset(&d, 0, sizeof d);
    d.sink = sink;
    d.e = e;
    e->line = 0;
    e->msg[0] = 0;
    int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING;
    if (data)
        d.r = xmlReaderForMemory(data, (int)(n > INT32_MAX ? INT32_MAX : n), path, NULL, opts);
    else if (strcmp(path, "-") == 0)
        d.r = xmlReaderForFd(0, "<stdin>", NULL, opts);
    else
        d.r = xmlReaderForFile(path, NULL, opts);
    if (!d.r) {
        snprintf(e->msg, sizeof e->msg, "cannot open");
        return AK_EIO;
    }
    xmlTextReaderSetStructuredErrorHandler(d.r, rd_xml_error, &d);
    arena_init(&d.a, WXR_ARENA_MAX);
    buf_init(&d.text, WXR_FIELD_MAX);
    enum ak_err rc = AK_OK;
    int ret;
    while (rc == AK_OK && (ret = xmlTextReaderRead(d.r)) == 1) {
        int type = xmlTextReaderNodeType(d.r), depth = xmlTextReaderDepth(d.r);
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
            rc = rd_start(&d, depth, xmlTextReaderIsEmptyElement(d.r) == 1);
            break;
        case XML_READER_TYPE_END_ELEMENT:
            rc = rd_end(&d, depth);
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
            const xmlChar *v = xmlTextReaderConstValue(d.r);
            if (v)
                buf_puts(&d.text, (const char *)v);
            if (d.text.err) {
                rd_fail(&d, (size_t)xmlTextReaderGetParserLineNumber(d.r),
                        "field: more than 32 MB of text");
                rc = AK_EINVAL;
            }
            break;
        }
        case XML_READER_TYPE_DOCUMENT_TYPE:
            rd_fail(&d, (size_t)xmlTextReaderGetParserLineNumber(d.r),
                    "a document type declaration (DTD) is not allowed in an export");
            rc = AK_EINVAL;
            break;
        case XML_READER_TYPE_ENTITY_REFERENCE:
            rd_fail(&d, (size_t)xmlTextReaderGetParserLineNumber(d.r),
                    "entity references are not allowed in an export");
            rc = AK_EINVAL;
            break;
        default:
            break;
        }
        if (d.xml_failed && rc == AK_OK)
            rc = AK_EINVAL;
    }
    if (rc == AK_OK && (ret < 0 || d.xml_failed)) {
        rd_fail(&d, (size_t)xmlTextReaderGetParserLineNumber(d.r), "not well-formed XML");
        rc = AK_EINVAL;
    }
    if (rc == AK_OK && !wxr_version_ok(d.ch.version)) {
        rd_fail(&d, 0, d.ch.version[0]
                ? "this does not appear to be a WXR file: invalid WXR version number"
                : "this does not appear to be a WXR file: missing WXR version number");
        rc = AK_EINVAL;
    }
    xmlFreeTextReader(d.r);
    arena_reset(&d.a);
    buf_reset(&d.text);
    return rc;
}
