/*
 * markdown.h: article bodies from Markdown to safe HTML (and to plain text for
 * search), with cmark.
 *
 * Raw HTML in the source is dropped (cmark's safe default), dangerous link
 * schemes are blanked, and headings are clamped to levels 2..4 because the
 * page's <h1> is the headline.
 *
 * Bounds. Markdown can grow many times over as HTML: each '>' of a line of
 * nested block quotes becomes "<blockquote>\n</blockquote>\n", so a 1 MB body
 * made 27 MB of HTML, an article page over the request's memory budget (8 MB)
 * that answered 500 forever. Two limits, checked here for every way a body
 * comes in (the editor, its preview, static pages, revision restores, every
 * importer), so that no body is stored whose page cannot be served:
 *  - block quotes and lists nested more than MARKDOWN_DEPTH_MAX deep are
 *    refused, not flattened: a newsroom's text never needs them (cmark-gfm
 *    and GitHub bound nesting for the same reason), and a refusal says what
 *    to fix where silently changed quotes would not;
 *  - HTML longer than MARKDOWN_HTML_MAX is refused: an article page holds
 *    its body about twice (the stored copy and the page being written), and
 *    a page with 3.5 MB of body was measured to serve, 4 MB not.
 */
#ifndef AK_MARKDOWN_H
#define AK_MARKDOWN_H

#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

#define MARKDOWN_DEPTH_MAX 32           /* block quotes and lists inside each other */
#define MARKDOWN_HTML_MAX (2u << 20)    /* bytes of HTML one body may render to */

/* Render md[0..n) into *out, which lives in arena a (render/html.h's
 * accessors give its bytes). Returns AK_OK, AK_EINVAL (invalid UTF-8),
 * AK_ETOOBIG (nested more than MARKDOWN_DEPTH_MAX deep, or more than
 * MARKDOWN_HTML_MAX bytes of HTML; markdown_too_deep tells which) or
 * AK_ENOMEM. */
enum ak_err markdown_render(struct arena *a, const char *md, size_t n,
                            const struct html_safe **out);

/* Non-zero when block quotes and lists in md[0..n) are nested more than
 * MARKDOWN_DEPTH_MAX deep: why markdown_render refused it, if it did (else
 * its HTML was too long). For messages; parses md again. */
int markdown_too_deep(const char *md, size_t n);

/* The text of md[0..n) without Markdown syntax, for the search index and its
 * snippets: the text and code of every block, a blank line between blocks,
 * soft line breaks as spaces, hard ones as newlines; raw HTML, link targets
 * and control characters (but newlines) are left out. *out (NUL-terminated)
 * lives in arena a and *outn is its length. Returns AK_OK, AK_EINVAL (invalid
 * UTF-8) or AK_ENOMEM. Its signature is store.h's store_plaintext_fn. */
enum ak_err markdown_plaintext(struct arena *a, const char *md, size_t n, const char **out,
                               size_t *outn);

#endif
