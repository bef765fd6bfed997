/*
 * wp_html.c: WordPress HTML into safe Markdown (see wp.h): the tree walk;
 * the Markdown writer is wp_md.c.
 *
 * libxml2's HTML parser (no network, errors silenced) makes a tree of
 * whatever the post holds, however broken; the tree is walked once and
 * Markdown written from an allow-list: the text of every node, and of
 * attributes only href (http, https, mailto), src (http, https) and alt.
 * All text is escaped for Markdown (the characters that could start
 * emphasis, links, code, HTML or entities anywhere, and those that could
 * start a block at the start of a line), so no text can become markup.
 *
 * Paragraphs: a block element (p, div, headings...) ends the paragraph in
 * progress. In classic content (no Gutenberg block comment anywhere), a
 * blank line in text ends it too and a single newline is a line break, as
 * wpautop() does at display time; in block content newlines are spaces.
 */
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include "base/buf.h"
#include "ingest/wp.h"
#include "ingest/wp_int.h"
#include "text/utf8.h"


static void walk(struct conv *c, xmlNode *n, struct para *p, int depth);

static int name_is(const xmlNode *n, const char *name)
{
    return n->name && strcmp((const char *)n->name, name) == 0;
}

static int name_in(const xmlNode *n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (name_is(n, list[i]))
            return 1;
    return 0;
}

/* Dropped with everything inside them. */
static const char *const tag_drop[] = {
    "script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg",
    "math", "form", "input", "button", "select", "textarea", "video", "audio", "canvas",
    "map", "head", "title", "meta", "link", "base", "frameset", "frame", "noembed",
    "noframes", "xmp", "plaintext", "param", "source", "track", "option", "datalist", NULL,
};
/* End the paragraph in progress before and after; their content flows on. */
static const char *const tag_block[] = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "center",
    "figure", "address", "dl", "dt", "dd", "details", "summary", "nav", "body", "html",
    "fieldset", "legend", "hr", "caption", "tr", "tbody", "thead", "tfoot", NULL,
};

/* The attribute name of n, trimmed of ASCII whitespace and control characters,
 * when it is a URL with one of the schemes allowed (img: http and https
 * only), else NULL. The caller frees it with xmlFree. */
static xmlChar *url_allowed(xmlNode *n, const char *attr, int img)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v)
        return NULL;
    const char *s = (const char *)v;
    while (*s && (unsigned char)*s <= 0x20)
        s++;
    int ok = strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0 ||
             (!img && strncasecmp(s, "mailto:", 7) == 0);
    if (!ok || strlen(s) > 2048) {
        xmlFree(v);
        return NULL;
    }
    memmove(v, s, strlen(s) + 1);
    return v;
}

/* Render n's children into a nested paragraph of the given mode; the
 * caller reset()s q. */
static void walk_nested(struct conv *c, xmlNode *n, struct para *q, enum para_mode mode,
                        int depth)
{
    wp_para_init(q, NULL, mode);
    q->line_start = 0;
    for (xmlNode *k = n->children; k; k = k->next)
        walk(c, k, q, depth + 1);
    wp_md_trim_end(&q->md);
    size_t s = 0;
    while (s < q->md.n && q->md.p[s] == ' ')
        s++;
    if (s && q->md.p) {
        memmove(q->md.p, q->md.p + s, q->md.n - s + 1);
        q->md.n -= s;
    }
    if (q->md.err && c->err == AK_OK)
        c->err = q->md.err;
}

static void walk_image(struct conv *c, xmlNode *n, struct para *p)
{
    xmlChar *src = url_allowed(n, "src", 1);
    if (!src)
        return;
    struct para q;
    wp_para_init(&q, NULL, PARA_LINE);
    q.line_start = 0;
    xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
    if (alt)
        wp_para_text(c, &q, (const char *)alt, strlen((const char *)alt));
    xmlFree(alt);
    struct buf b;
    buf_init(&b, WP_HTML_MAX);
    buf_append(&b, "![", 2);
    buf_append(&b, q.md.p ? q.md.p : "", q.md.n);
    buf_putc(&b, ']');
    wp_md_dest(&b, (const char *)src);
    wp_para_md(p, b.p, b.n);
    xmlFree(src);
    buf_reset(&b);
    buf_reset(&q.md);
}

static void walk_link(struct conv *c, xmlNode *n, struct para *p, int depth)
{
    xmlChar *href = url_allowed(n, "href", 0);
    if (!href) {
        for (xmlNode *k = n->children; k; k = k->next)
            walk(c, k, p, depth + 1);
        return;
    }
    struct para q;
    walk_nested(c, n, &q, PARA_LINE, depth);
    if (q.md.n > 0) {
        struct buf b;
        buf_init(&b, WP_HTML_MAX);
        buf_putc(&b, '[');
        buf_append(&b, q.md.p, q.md.n);
        buf_putc(&b, ']');
        wp_md_dest(&b, (const char *)href);
        wp_para_md(p, b.p, b.n);
        buf_reset(&b);
    }
    buf_reset(&q.md);
    xmlFree(href);
}

/* Emphasis: the delimiter around the content, spaces kept outside. */
static void walk_emph(struct conv *c, xmlNode *n, struct para *p, const char *delim,
                      int depth)
{
    struct para q;
    int lead = n->children && n->children->type == XML_TEXT_NODE && n->children->content &&
               (n->children->content[0] == ' ' || n->children->content[0] == '\n');
    walk_nested(c, n, &q, PARA_NESTED, depth);
    if (q.md.n > 0) {
        if (lead)
            p->space = 1;
        struct buf b;
        buf_init(&b, WP_HTML_MAX);
        buf_puts(&b, delim);
        buf_append(&b, q.md.p, q.md.n);
        buf_puts(&b, delim);
        wp_para_md(p, b.p, b.n);
        buf_reset(&b);
        xmlNode *last = xmlGetLastChild(n);
        if (last && last->type == XML_TEXT_NODE && last->content && last->content[0]) {
            const xmlChar *t = last->content;
            size_t lt = strlen((const char *)t);
            if (t[lt - 1] == ' ' || t[lt - 1] == '\n')
                p->space = 1;
        }
    }
    buf_reset(&q.md);
}

/* A block made from a one-line rendering of n's children, with a prefix
 * ("## ") and a suffix ("*" for captions). */
static void walk_line_block(struct conv *c, xmlNode *n, struct para *p, const char *pre,
                            const char *post, int depth)
{
    wp_para_flush(c, p);
    struct para q;
    walk_nested(c, n, &q, PARA_LINE, depth);
    if (q.md.n > 0) {
        struct buf b;
        buf_init(&b, WP_HTML_MAX);
        buf_puts(&b, pre);
        buf_append(&b, q.md.p, q.md.n);
        buf_puts(&b, post);
        wp_para_block(c, p, b.p, b.n);
        buf_reset(&b);
    }
    buf_reset(&q.md);
}


/* Render n's children as blocks of their own into out (a fresh buffer). */
static void walk_blocks(struct conv *c, xmlNode *n, struct buf *out, int depth)
{
    struct para q;
    wp_para_init(&q, out, PARA_BLOCK);
    for (xmlNode *k = n->children; k; k = k->next)
        walk(c, k, &q, depth + 1);
    wp_para_flush(c, &q);
    buf_reset(&q.md);
}

static void walk_quote(struct conv *c, xmlNode *n, struct para *p, int depth)
{
    wp_para_flush(c, p);
    struct buf in, b;
    buf_init(&in, WP_HTML_MAX);
    buf_init(&b, WP_HTML_MAX);
    walk_blocks(c, n, &in, depth);
    wp_md_prefix(&b, in.p, in.n, "> ", "> ");
    wp_para_block(c, p, b.p, b.n);
    buf_reset(&in);
    buf_reset(&b);
}

static void walk_list(struct conv *c, xmlNode *n, struct para *p, int depth)
{
    wp_para_flush(c, p);
    int ordered = name_is(n, "ol");
    struct buf list, item;
    buf_init(&list, WP_HTML_MAX);
    buf_init(&item, WP_HTML_MAX);
    int num = 0;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        item.n = 0;
        if (name_is(k, "ul") || name_is(k, "ol")) {
            /* a list right inside a list: part of the previous item */
            struct para q;
            wp_para_init(&q, &item, PARA_BLOCK);
            walk(c, k, &q, depth + 1);
            wp_para_flush(c, &q);
            buf_reset(&q.md);
        } else {
            walk_blocks(c, k, &item, depth);
        }
        if (item.n == 0)
            continue;
        char marker[16] = "- ";
        if (ordered)
            snprintf(marker, sizeof marker, "%d. ", ++num < 1000000 ? num : 999999);
        char pad[16];
        memset(pad, ' ', strlen(marker));
        pad[strlen(marker)] = 0;
        if (list.n > 0)
            buf_putc(&list, '\n');
        wp_md_prefix(&list, item.p, item.n, marker, pad);
    }
    wp_para_block(c, p, list.p, list.n);
    buf_reset(&list);
    buf_reset(&item);
}

/* A table: one line per row, its cells' text joined by " | ". */
static void walk_table(struct conv *c, xmlNode *n, struct para *p, int depth)
{
    if (depth > MD_DEPTH_MAX)
        return;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(k, "tr")) {
            int cells = 0;
            for (xmlNode *td = k->children; td; td = td->next) {
                if (td->type != XML_ELEMENT_NODE)
                    continue;
                struct para q;
                walk_nested(c, td, &q, PARA_LINE, depth + 1);
                if (q.md.n > 0) {
                    if (cells++)
                        wp_para_text(c, p, " | ", 3);
                    wp_para_md(p, q.md.p, q.md.n);
                }
                buf_reset(&q.md);
            }
            if (cells)
                wp_para_break(p);
        } else if (name_is(k, "caption")) {
            walk_line_block(c, k, p, "*", "*", depth + 1);
        } else {
            walk_table(c, k, p, depth + 1);
        }
    }
}

static void walk(struct conv *c, xmlNode *n, struct para *p, int depth)
{
    if (depth > MD_DEPTH_MAX || c->err) {
        c->dropped++;
        return;
    }
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            wp_para_text(c, p, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;                                 /* comments: Gutenberg's, and all others */
    int top = p->out && p->mode == PARA_BLOCK;  /* p makes blocks */
    if (name_in(n, tag_drop)) {
        c->dropped++;
    } else if (name_is(n, "br")) {
        wp_para_break(p);
    } else if (name_is(n, "img")) {
        walk_image(c, n, p);
    } else if (name_is(n, "a")) {
        walk_link(c, n, p, depth);
    } else if (name_is(n, "em") || name_is(n, "i") || name_is(n, "cite") ||
               name_is(n, "dfn")) {
        walk_emph(c, n, p, "*", depth);
    } else if (name_is(n, "strong") || name_is(n, "b")) {
        walk_emph(c, n, p, "**", depth);
    } else if (!top) {
        /* structure inside a link, emphasis or a heading: text only */
        if (name_in(n, tag_block) || name_is(n, "li"))
            p->space = 1;
        for (xmlNode *k = n->children; k; k = k->next)
            walk(c, k, p, depth + 1);
    } else if (n->name && n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' &&
               !n->name[2]) {
        walk_line_block(c, n, p, n->name[1] <= '2' ? "## " : n->name[1] == '3' ? "### "
                                                                              : "#### ",
                        "", depth);
    } else if (name_is(n, "figcaption")) {
        walk_line_block(c, n, p, "*", "*", depth);
    } else if (name_is(n, "blockquote")) {
        walk_quote(c, n, p, depth);
    } else if (name_is(n, "ul") || name_is(n, "ol")) {
        walk_list(c, n, p, depth);
    } else if (name_is(n, "table")) {
        wp_para_flush(c, p);
        walk_table(c, n, p, depth);
        wp_para_flush(c, p);
    } else if (name_is(n, "pre")) {
        wp_para_flush(c, p);
        int was = c->pre;
        c->pre = 1;
        for (xmlNode *k = n->children; k; k = k->next)
            walk(c, k, p, depth + 1);
        c->pre = was;
        wp_para_flush(c, p);
    } else if (name_in(n, tag_block) || name_is(n, "li")) {
        wp_para_flush(c, p);
        for (xmlNode *k = n->children; k; k = k->next)
            walk(c, k, p, depth + 1);
        wp_para_flush(c, p);
    } else {
        for (xmlNode *k = n->children; k; k = k->next)
            walk(c, k, p, depth + 1);
    }
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Expand s[0..n)'s shortcodes (counted in *shortcodes) and parse the
 * result as an HTML document into *doc (NULL when empty; the caller frees
 * it with xmlFreeDoc). Returns AK_OK, AK_ETOOBIG or AK_ENOMEM. */
static enum ak_err wp_parse(const char *s, size_t n, size_t *shortcodes, htmlDocPtr *doc)
{
    *doc = NULL;
    if (n > WP_HTML_MAX)
        return AK_ETOOBIG;
    char *h = NULL;
    size_t hn = 0;
    enum ak_err rc = wp_shortcodes(s, n, &h, &hn, shortcodes);
    if (rc)
        return rc;
    xmlSetGenericErrorFunc(NULL, quiet);
    if (hn > 0 && hn <= (size_t)INT32_MAX)
        *doc = htmlReadMemory(h, (int)hn, NULL, "UTF-8",
                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                              HTML_PARSE_COMPACT);
    free(h);
    return AK_OK;
}

enum ak_err wp_html_md(struct arena *a, const char *s, size_t n, struct wp_md *out)
{
    memset(out, 0, sizeof *out);
    struct conv c = { 0 };
    c.classic = !memmem(s, n, "<!-- wp:", 8);
    htmlDocPtr doc;
    enum ak_err rc = wp_parse(s, n, &out->shortcodes, &doc);
    if (rc)
        return rc;
    struct buf md;
    buf_init(&md, WP_HTML_MAX);
    struct para p;
    wp_para_init(&p, &md, PARA_BLOCK);
    c.doc = &md;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root)
        walk(&c, root, &p, 0);
    wp_para_flush(&c, &p);
    buf_reset(&p.md);
    xmlFreeDoc(doc);
    rc = c.err ? c.err : md.err;
    if (rc == AK_OK) {
        out->md = arena_strndup(a, md.p ? md.p : "", md.n);
        out->first_end = c.first_end;
        out->dropped = c.dropped;
        if (!out->md)
            rc = AK_ENOMEM;
    }
    buf_reset(&md);
    return rc;
}

/* Append the text under n to b, whitespace collapsed. */
static void text_of(xmlNode *n, struct buf *b, int depth)
{
    for (; n && depth < MD_DEPTH_MAX; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            for (const xmlChar *t = n->content; *t; t++) {
                int ws = *t == ' ' || *t == '\n' || *t == '\t' || *t == '\r' || *t == '\f';
                if (ws && (b->n == 0 || b->p[b->n - 1] == ' '))
                    continue;
                if (*t < 0x20 && !ws)
                    continue;
                buf_putc(b, ws ? ' ' : (char)*t);
            }
        } else if (n->type == XML_ELEMENT_NODE && !name_in(n, tag_drop)) {
            if (name_in(n, tag_block) && b->n > 0 && b->p[b->n - 1] != ' ')
                buf_putc(b, ' ');
            text_of(n->children, b, depth + 1);
        }
    }
}

enum ak_err wp_html_text(struct arena *a, const char *s, size_t n, const char **out)
{
    size_t dropped = 0;
    htmlDocPtr doc;
    enum ak_err rc = wp_parse(s, n, &dropped, &doc);
    if (rc)
        return rc;
    struct buf b;
    buf_init(&b, WP_HTML_MAX);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root)
        text_of(root, &b, 0);
    xmlFreeDoc(doc);
    while (b.n > 0 && b.p[b.n - 1] == ' ')
        b.n--;
    rc = b.err;
    if (rc == AK_OK) {
        *out = arena_strndup(a, b.p ? b.p : "", b.n);
        if (*out && !utf8_valid(*out, b.n))
            *out = "";
        if (!*out)
            rc = AK_ENOMEM;
    }
    buf_reset(&b);
    return rc;
}
