/*
 * wire_parse.c: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents into struct
 * wire_doc (see wire.h), with libxml2.
 *
 * Feeds come from outside and are hostile. The parser context is made
 * without XML_PARSE_NOENT (entities are never substituted), DTDLOAD, DTDATTR,
 * DTDVALID, XINCLUDE or HUGE, with XML_PARSE_NONET, and its SAX handler is
 * changed so that:
 *  - any entity declaration, general or parameter, in the internal subset
 *    stops the parser at once and the document is refused ("entity
 *    declarations are refused"): no billion laughs, no quadratic blowup, no
 *    external entity, before a byte past the declaration is read;
 *  - no entity is ever looked up (getEntity answers none: only XML's five
 *    predefined ones exist) and no external entity or subset is resolved
 *    (resolveEntity answers none, externalSubset does nothing);
 * so the parser opens no file and no connection whatever the document says.
 * A DOCTYPE without declarations (old RSS 0.91 feeds have one) is accepted.
 * Documents are at most WIRE_MAX_BYTES and libxml2's own depth and text
 * limits stay on. The tree is then read element by element; every text kept
 * is cut to its field's limit and its HTML reduced by wire_html.
 */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "ingest/wire.h"
#include "text/utf8.h"

const char *const wire_kind_names[WIRE_KIND__MAX] = { "rss2", "rss1", "atom" };

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

/* What the SAX hooks saw (ctxt->_private). */
struct guard {
    int entity;                 /* an entity was declared */
};

static void guard_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                              const xmlChar *sys, xmlChar *content)
{
    (void)name, (void)type, (void)pub, (void)sys, (void)content;
    xmlParserCtxtPtr ctxt = ctx;
    ((struct guard *)ctxt->_private)->entity = 1;
    xmlStopParser(ctxt);
}

static void guard_unparsed_decl(void *ctx, const xmlChar *name, const xmlChar *pub,
                                const xmlChar *sys, const xmlChar *notation)
{
    (void)notation;
    guard_entity_decl(ctx, name, 0, pub, sys, NULL);
}

static xmlEntityPtr guard_get_entity(void *ctx, const xmlChar *name)
{
    (void)ctx, (void)name;
    return NULL;
}

static xmlParserInputPtr guard_resolve(void *ctx, const xmlChar *pub, const xmlChar *sys)
{
    (void)ctx, (void)pub, (void)sys;
    return NULL;
}

static void guard_external_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
                                  const xmlChar *sys)
{
    (void)ctx, (void)name, (void)ext, (void)sys;
}

/* libxml2 would print its errors on stderr; the caller reports them. */
static void guard_silence(void *ctx, xmlErrorPtr e)
{
    (void)ctx, (void)e;
}

/* Is n the element NAME in namespace ns (NULL: no namespace)? */
static int is(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return 0;
    if (!ns)
        return n->ns == NULL;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

/* The text and CDATA inside n, appended to b (elements walked into). */
static void text_of(const xmlNode *n, struct buf *b)
{
    for (const xmlNode *c = n->children; c && b->n <= WIRE_MAX_BYTES; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            buf_puts(b, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            text_of(c, b);
    }
}

/* Atom's type="xhtml" content: n's children written back as HTML for
 * wire_html (text escaped; of attributes, only an <a>'s href). */
static void xhtml_of(const xmlNode *n, struct buf *b)
{
    for (const xmlNode *c = n->children; c && b->n <= WIRE_MAX_BYTES; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const char *p = (const char *)c->content; *p; p++)
                buf_puts(b, *p == '<' ? "&lt;" : *p == '&' ? "&amp;" : (char[2]){ *p, 0 });
        } else if (c->type == XML_ELEMENT_NODE) {
            buf_printf(b, "<%s", (const char *)c->name);
            xmlChar *href = strcmp((const char *)c->name, "a") == 0
                ? xmlGetNoNsProp(c, (const xmlChar *)"href") : NULL;
            if (href && !strchr((const char *)href, '"'))
                buf_printf(b, " href=\"%s\"", (const char *)href);
            xmlFree(href);
            buf_putc(b, '>');
            xhtml_of(c, b);
            buf_printf(b, "</%s>", (const char *)c->name);
        }
    }
}

/* One parse in progress. */
struct wp {
    struct arena *a;
    struct buf tmp;
    int nomem;
    const char *base;           /* the feed's link, for relative item links */
};

/* Copy s into the arena as one line: white space collapsed, controls
 * dropped, at most max bytes (cut at a character). */
static const char *wp_line(struct wp *w, const char *s, size_t max)
{
    struct buf *b = &w->tmp;
    b->n = 0;
    size_t n = strlen(s);
    int space = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (len == 0 || cp <= ' ' || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 ||
            cp == 0x2029) {
            space = 1;
            i += len ? len : 1;
            continue;
        }
        if (space && b->n > 0)
            buf_putc(b, ' ');
        space = 0;
        buf_append(b, s + i, len);
        i += len;
        if (b->n > max + 4)
            break;
    }
    size_t keep = b->n > 0 ? utf8_clip(b->p, b->n, max) : 0;
    char *r = arena_strndup(w->a, b->n ? b->p : "", keep);
    if (!r || b->err)
        w->nomem = 1;
    return r ? r : "";
}

/* The text of element n as one line (see wp_line); "" for NULL. */
static const char *wp_text(struct wp *w, const xmlNode *n, size_t max)
{
    if (!n)
        return "";
    struct buf b;
    buf_init(&b, WIRE_MAX_BYTES);
    text_of(n, &b);
    const char *r = wp_line(w, b.n ? b.p : "", max);
    buf_reset(&b);
    return r;
}

/* The HTML (or, for Atom's type="text", plain text; type="xhtml", XHTML)
 * inside n reduced by wire_html; "" for NULL. */
static const char *wp_html(struct wp *w, const xmlNode *n, enum wire_html_mode mode, size_t max)
{
    if (!n)
        return "";
    struct buf b;
    buf_init(&b, WIRE_MAX_BYTES);
    xmlChar *type = xmlGetNoNsProp(n, (const xmlChar *)"type");
    if (type && strcmp((const char *)type, "xhtml") == 0) {
        xhtml_of(n, &b);
    } else if (type && strcmp((const char *)type, "text") == 0) {
        struct buf t;                   /* plain text: escape it so that it stays text */
        buf_init(&t, WIRE_MAX_BYTES);
        text_of(n, &t);
        for (size_t i = 0; i < t.n; i++)
            buf_puts(&b, t.p[i] == '<' ? "&lt;" : t.p[i] == '&' ? "&amp;"
                         : t.p[i] == '\n' && i + 1 < t.n && t.p[i + 1] == '\n' ? "<p>"
                         : (char[2]){ t.p[i], 0 });
        buf_reset(&t);
    } else {
        text_of(n, &b);
    }
    xmlFree(type);
    char *r = wire_html(b.n ? b.p : "", b.n, mode, max, w->a);
    if (!r || b.err)
        w->nomem = 1;
    buf_reset(&b);
    return r ? r : "";
}

/* An http(s) URL from s, resolved against w->base when relative; "" otherwise. */
static const char *wp_url(struct wp *w, const char *s)
{
    const char *u = wp_line(w, s, WIRE_MAX_URL);
    if (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0)
        return u;
    if (!*u || !w->base || !*w->base)
        return "";
    xmlChar *abs = xmlBuildURI((const xmlChar *)u, (const xmlChar *)w->base);
    const char *r = "";
    if (abs && (strncasecmp((const char *)abs, "http://", 7) == 0 ||
                strncasecmp((const char *)abs, "https://", 8) == 0))
        r = wp_line(w, (const char *)abs, WIRE_MAX_URL);
    xmlFree(abs);
    return r;
}

static int64_t wp_date(struct wp *w, const xmlNode *n)
{
    int64_t t = 0;
    const char *s = n ? wp_text(w, n, 100) : "";
    if (!*s || !wire_date(s, strlen(s), &t))
        t = 0;
    return t;
}

/* Fill *it from the element item (an RSS item or an Atom entry). Returns 0
 * when it has neither a title nor a body (skipped). */
static int wp_item(struct wp *w, enum wire_kind kind, const xmlNode *item, struct wire_item *it)
{
    const char *ns = kind == WIRE_ATOM ? NS_ATOM : kind == WIRE_RSS1 ? NS_RSS1 : NULL;
    const xmlNode *title = NULL, *link = NULL, *guid = NULL, *desc = NULL, *content = NULL,
                  *pub = NULL, *upd = NULL;
    const char *cats[WIRE_MAX_CATEGORIES];
    size_t ncats = 0;
    struct buf authors;
    buf_init(&authors, 4 * WIRE_MAX_LINE);
    memset(it, 0, sizeof *it);
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *cat = NULL, *who = NULL;
        if (is(c, ns, "title"))
            title = title ? title : c;
        else if (kind == WIRE_ATOM && is(c, ns, "link")) {
            xmlChar *rel = xmlGetNoNsProp(c, (const xmlChar *)"rel");
            if (!link && (!rel || strcmp((const char *)rel, "alternate") == 0))
                link = c;
            xmlFree(rel);
        } else if (is(c, ns, "link"))
            link = link ? link : c;
        else if ((kind == WIRE_RSS2 && is(c, NULL, "guid")) || (kind == WIRE_ATOM && is(c, ns, "id")))
            guid = guid ? guid : c;
        else if (is(c, ns, kind == WIRE_ATOM ? "summary" : "description"))
            desc = desc ? desc : c;
        else if (is(c, NS_CONTENT, "encoded") || (kind == WIRE_ATOM && is(c, ns, "content")))
            content = content ? content : c;
        else if (is(c, NULL, "pubDate") || is(c, NS_DC, "date") ||
                 (kind == WIRE_ATOM && is(c, ns, "published")))
            pub = pub ? pub : c;
        else if (kind == WIRE_ATOM && is(c, ns, "updated"))
            upd = upd ? upd : c;
        else if (kind == WIRE_RSS2 && is(c, NULL, "category"))
            cat = wp_text(w, c, WIRE_MAX_LINE);
        else if (is(c, NS_DC, "subject"))
            cat = wp_text(w, c, WIRE_MAX_LINE);
        else if (kind == WIRE_ATOM && is(c, ns, "category")) {
            xmlChar *v = xmlGetNoNsProp(c, (const xmlChar *)"label");
            if (!v)
                v = xmlGetNoNsProp(c, (const xmlChar *)"term");
            cat = v ? wp_line(w, (const char *)v, WIRE_MAX_LINE) : NULL;
            xmlFree(v);
        } else if (kind == WIRE_ATOM && is(c, ns, "author")) {
            for (const xmlNode *k = c->children; k; k = k->next)
                if (is(k, ns, "name"))
                    who = wp_text(w, k, WIRE_MAX_LINE);
        } else if (is(c, NULL, "author") || is(c, NS_DC, "creator"))
            who = wp_text(w, c, WIRE_MAX_LINE);
        if (cat && *cat && ncats < WIRE_MAX_CATEGORIES) {
            size_t k = 0;
            while (k < ncats && strcmp(cats[k], cat) != 0)
                k++;
            if (k == ncats)
                cats[ncats++] = cat;
        }
        if (who && *who) {
            if (authors.n)
                buf_puts(&authors, "، ");
            buf_puts(&authors, who);
        }
    }
    it->title = title ? wp_html(w, title, WIRE_HTML_TEXT, WIRE_MAX_TITLE) : "";
    if (kind == WIRE_ATOM && link) {
        xmlChar *href = xmlGetNoNsProp(link, (const xmlChar *)"href");
        it->link = href ? wp_url(w, (const char *)href) : "";
        xmlFree(href);
    } else {
        it->link = link ? wp_url(w, wp_text(w, link, WIRE_MAX_URL)) : "";
    }
    if (guid)
        it->guid = wp_text(w, guid, WIRE_MAX_URL);
    else if (kind == WIRE_RSS1) {
        xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
        it->guid = about ? wp_line(w, (const char *)about, WIRE_MAX_URL) : "";
        xmlFree(about);
    }
    if (!it->guid || !*it->guid)
        it->guid = it->link;
    if (!*it->link && guid && kind == WIRE_RSS2) {
        xmlChar *perma = xmlGetNoNsProp(guid, (const xmlChar *)"isPermaLink");
        if (!perma || strcmp((const char *)perma, "false") != 0)
            it->link = wp_url(w, it->guid);
        xmlFree(perma);
    }
    const xmlNode *bodysrc = content ? content : desc;
    it->body_md = wp_html(w, bodysrc, WIRE_HTML_MARKDOWN, WIRE_MAX_BODY);
    it->lede = content && desc ? wp_html(w, desc, WIRE_HTML_TEXT, WIRE_MAX_LEDE) : "";
    if (!*it->title && *it->body_md) {
        /* No title: the body's first words stand in. */
        const char *t = wp_html(w, bodysrc, WIRE_HTML_TEXT, 160);
        it->title = t;
    }
    it->author = authors.n ? wp_line(w, authors.p, WIRE_MAX_LINE) : "";
    buf_reset(&authors);
    it->published = wp_date(w, pub);
    it->updated = upd ? wp_date(w, upd) : 0;
    if (!it->published)
        it->published = it->updated;
    if (!it->updated)
        it->updated = it->published;
    if (ncats) {
        it->categories = arena_alloc(w->a, ncats * sizeof *it->categories);
        if (!it->categories) {
            w->nomem = 1;
            ncats = 0;
        }
        for (size_t k = 0; k < ncats; k++)
            it->categories[k] = cats[k];
    }
    it->ncategories = ncats;
    return *it->title || *it->body_md;
}

enum ak_err wire_parse(const char *s, size_t n, struct arena *a, struct wire_doc *out,
                       char *why, size_t cap)
{
    memset(out, 0, sizeof *out);
    out->title = out->link = "";
    snprintf(why, cap, "not a feed");
    if (n > WIRE_MAX_BYTES) {
        snprintf(why, cap, "more than %d bytes", WIRE_MAX_BYTES);
        return AK_ETOOBIG;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return AK_ENOMEM;
    struct guard g = { 0 };
    ctxt->_private = &g;
    ctxt->sax->entityDecl = guard_entity_decl;
    ctxt->sax->unparsedEntityDecl = guard_unparsed_decl;
    ctxt->sax->getEntity = guard_get_entity;
    ctxt->sax->getParameterEntity = guard_get_entity;
    ctxt->sax->resolveEntity = guard_resolve;
    ctxt->sax->externalSubset = guard_external_subset;
    ctxt->sax->serror = guard_silence;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, s, (int)n, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING |
                                          XML_PARSE_NOERROR);
    enum ak_err rc = AK_EINVAL;
    if (g.entity) {
        snprintf(why, cap, "entity declarations are refused");
    } else if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e && e->message)
            snprintf(why, cap, "not well-formed XML (line %d: %.*s)", e->line,
                     (int)strcspn(e->message, "\n"), e->message);
        else
            snprintf(why, cap, "not well-formed XML");
        if (e && e->code == XML_ERR_NO_MEMORY)
            rc = AK_ENOMEM;
    } else {
        const xmlNode *root = xmlDocGetRootElement(doc), *chan = NULL, *items = NULL;
        if (is(root, NULL, "rss")) {
            out->kind = WIRE_RSS2;
            for (const xmlNode *c = root->children; c && !chan; c = c->next)
                if (is(c, NULL, "channel"))
                    chan = c;
            items = chan;
        } else if (is(root, NS_RDF, "RDF")) {
            out->kind = WIRE_RSS1;
            for (const xmlNode *c = root->children; c && !chan; c = c->next)
                if (is(c, NS_RSS1, "channel"))
                    chan = c;
            items = root;
        } else if (is(root, NS_ATOM, "feed")) {
            out->kind = WIRE_ATOM;
            chan = items = root;
        }
        if (!chan) {
            snprintf(why, cap, "not a feed: the root is <%s>, not RSS 2.0, RSS 1.0 or Atom",
                     root ? (const char *)root->name : "");
        } else {
            struct wp w = { .a = a };
            buf_init(&w.tmp, 0);
            const char *ns = out->kind == WIRE_ATOM ? NS_ATOM
                           : out->kind == WIRE_RSS1 ? NS_RSS1 : NULL;
            const char *itemname = out->kind == WIRE_ATOM ? "entry" : "item";
            size_t count = 0;
            for (const xmlNode *c = chan->children; c; c = c->next) {
                if (is(c, ns, "title") && !*out->title)
                    out->title = wp_html(&w, c, WIRE_HTML_TEXT, WIRE_MAX_TITLE);
                else if (is(c, ns, "link") && !*out->link) {
                    xmlChar *href = out->kind == WIRE_ATOM
                        ? xmlGetNoNsProp(c, (const xmlChar *)"href") : NULL;
                    xmlChar *rel = out->kind == WIRE_ATOM
                        ? xmlGetNoNsProp(c, (const xmlChar *)"rel") : NULL;
                    if (out->kind != WIRE_ATOM)
                        out->link = wp_url(&w, wp_text(&w, c, WIRE_MAX_URL));
                    else if (href && (!rel || strcmp((const char *)rel, "alternate") == 0))
                        out->link = wp_url(&w, (const char *)href);
                    xmlFree(href);
                    xmlFree(rel);
                }
            }
            w.base = out->link;
            for (const xmlNode *c = items->children; c; c = c->next)
                if (is(c, ns, itemname))
                    count++;
            size_t cap_items = count < WIRE_MAX_ITEMS ? count : WIRE_MAX_ITEMS;
            out->items = cap_items ? arena_alloc(a, cap_items * sizeof *out->items) : NULL;
            if (cap_items && !out->items)
                w.nomem = 1;
            out->skipped = count - cap_items;
            for (const xmlNode *c = items->children; c && out->items && !w.nomem; c = c->next) {
                if (!is(c, ns, itemname))
                    continue;
                if (out->nitems == cap_items)
                    break;
                if (wp_item(&w, out->kind, c, &out->items[out->nitems]))
                    out->nitems++;
                else
                    out->skipped++;
            }
            buf_reset(&w.tmp);
            rc = w.nomem ? AK_ENOMEM : AK_OK;
            if (rc == AK_OK)
                why[0] = 0;
            else
                snprintf(why, cap, "out of memory");
        }
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}
