/*
 * markdown.c: Markdown to safe HTML with cmark (see markdown.h).
 *
 * cmark 0.30 omits raw HTML and blanks javascript:/vbscript:/file:/data:
 * URLs unless CMARK_OPT_UNSAFE is given; we never give it. Headings are
 * clamped to h2..h4: the page's h1 is the headline. The bounds on nesting
 * and on the HTML's size are explained in markdown.h.
 */
#include <stdlib.h>
#include <string.h>
#include <cmark.h>
#include "base/buf.h"
#include "render/html_private.h"
#include "render/markdown.h"
#include "text/utf8.h"

/* Clamp the headings of doc to h2..h4 and measure its nesting of block
 * quotes and lists into *depth, stopping at the first level past
 * MARKDOWN_DEPTH_MAX. Returns AK_OK, AK_ETOOBIG or AK_ENOMEM. */
static enum ak_err markdown_prepare(cmark_node *doc, size_t *depth)
{
    cmark_iter *it = cmark_iter_new(doc);
    if (!it)
        return AK_ENOMEM;
    size_t d = 0;
    *depth = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST) {
            if (ev == CMARK_EVENT_EXIT) {
                d--;
                continue;
            }
            if (++d > *depth)
                *depth = d;
            if (d > MARKDOWN_DEPTH_MAX)
                break;
        } else if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(node);
            cmark_node_set_heading_level(node, level < 2 ? 2 : level > 4 ? 4 : level);
        }
    }
    cmark_iter_free(it);
    return *depth > MARKDOWN_DEPTH_MAX ? AK_ETOOBIG : AK_OK;
}

enum ak_err markdown_render(struct arena *a, const char *md, size_t n,
                            const struct html_safe **out)
{
    if (!utf8_valid(md, n))
        return AK_EINVAL;
    cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT);
    if (!doc)
        return AK_ENOMEM;
    size_t depth;
    enum ak_err rc = markdown_prepare(doc, &depth);
    char *html = rc ? NULL : cmark_render_html(doc, CMARK_OPT_DEFAULT);
    cmark_node_free(doc);
    if (rc)
        return rc;
    if (!html)
        return AK_ENOMEM;
    size_t len = strlen(html);
    if (len > MARKDOWN_HTML_MAX) {
        free(html);
        return AK_ETOOBIG;
    }
    *out = html_safe_make(a, arena_strndup(a, html, len), len);
    free(html);
    return *out ? AK_OK : AK_ENOMEM;
}

int markdown_too_deep(const char *md, size_t n)
{
    cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT);
    size_t depth = 0;
    if (!doc)
        return 0;
    markdown_prepare(doc, &depth);
    cmark_node_free(doc);
    return depth > MARKDOWN_DEPTH_MAX;
}

/* Append a node's literal to b without control characters (tabs become
 * spaces), after the blank line a new block is owed. */
static void markdown_text(struct buf *b, const char *s, int *sep)
{
    if (!s || !*s)
        return;
    if (*sep && b->n > 0)
        buf_append(b, "\n\n", 2);
    *sep = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\t')
            buf_putc(b, ' ');
        else if (c >= 0x20 && c != 0x7f)
            buf_putc(b, (char)c);
        else if (c == '\n' && p[1])
            buf_putc(b, '\n');       /* inside a code block; not its last newline */
    }
}

enum ak_err markdown_plaintext(struct arena *a, const char *md, size_t n, const char **out,
                               size_t *outn)
{
    if (!utf8_valid(md, n))
        return AK_EINVAL;
    cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT);
    if (!doc)
        return AK_ENOMEM;
    struct buf b;
    buf_init(&b, 0);
    int sep = 0;                        /* a block began: a blank line is owed */
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(it);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            sep = 1;
            break;
        case CMARK_NODE_CODE_BLOCK:
            sep = 1;
            markdown_text(&b, cmark_node_get_literal(node), &sep);
            sep = 1;
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            markdown_text(&b, cmark_node_get_literal(node), &sep);
            break;
        case CMARK_NODE_SOFTBREAK:
            markdown_text(&b, " ", &sep);
            break;
        case CMARK_NODE_LINEBREAK:
            if (b.n > 0 && !sep)
                buf_putc(&b, '\n');
            break;
        default:
            break;                      /* raw HTML, breaks, containers */
        }
    }
    enum ak_err rc = it ? b.err : AK_ENOMEM;
    cmark_iter_free(it);
    cmark_node_free(doc);
    if (rc == AK_OK) {
        *out = arena_strndup(a, b.p ? b.p : "", b.n);
        *outn = b.n;
        rc = *out ? AK_OK : AK_ENOMEM;
    }
    buf_reset(&b);
    return rc;
}
