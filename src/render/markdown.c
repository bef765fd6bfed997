/*
 * markdown.c: Markdown to safe HTML with cmark (see markdown.h).
 *
 * cmark 0.30 omits raw HTML and blanks javascript:/vbscript:/file:/data:
 * URLs unless CMARK_OPT_UNSAFE is given; we never give it. Headings are
 * clamped to h2..h4: the page's h1 is the headline.
 */
#include <stdlib.h>
#include <string.h>
#include <cmark.h>
#include "render/markdown.h"
#include "text/utf8.h"

enum ak_err markdown_render(struct arena *a, const char *md, size_t n, struct html_safe *out)
{
    if (!utf8_valid(md, n))
        return AK_EINVAL;
    cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT);
    if (!doc)
        return AK_ENOMEM;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(node);
            cmark_node_set_heading_level(node, level < 2 ? 2 : level > 4 ? 4 : level);
        }
    }
    cmark_iter_free(it);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    cmark_node_free(doc);
    if (!html)
        return AK_ENOMEM;
    size_t len = strlen(html);
    out->p = arena_strndup(a, html, len);
    out->n = len;
    free(html);
    return out->p ? AK_OK : AK_ENOMEM;
}
