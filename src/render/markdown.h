/*
 * markdown.h: article bodies from Markdown to safe HTML (and to plain text for
 * search), with cmark.
 *
 * Raw HTML in the source is dropped (cmark's safe default), dangerous link
 * schemes are blanked, and headings are clamped to levels 2..4 because the
 * page's <h1> is the headline.
 */
#ifndef AK_MARKDOWN_H
#define AK_MARKDOWN_H

#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

/* Render md[0..n) into *out, which lives in arena a (render/html.h's
 * accessors give its bytes). Returns AK_OK, AK_EINVAL (invalid UTF-8) or
 * AK_ENOMEM. */
enum ak_err markdown_render(struct arena *a, const char *md, size_t n,
                            const struct html_safe **out);

/* The text of md[0..n) without Markdown syntax, for the search index and its
 * snippets: the text and code of every block, a blank line between blocks,
 * soft line breaks as spaces, hard ones as newlines; raw HTML, link targets
 * and control characters (but newlines) are left out. *out (NUL-terminated)
 * lives in arena a and *outn is its length. Returns AK_OK, AK_EINVAL (invalid
 * UTF-8) or AK_ENOMEM. Its signature is store.h's store_plaintext_fn. */
enum ak_err markdown_plaintext(struct arena *a, const char *md, size_t n, const char **out,
                               size_t *outn);

#endif
