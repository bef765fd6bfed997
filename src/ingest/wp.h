/*
 * wp.h: WordPress content made into what akhbar stores.
 *
 * WordPress keeps a post's body as HTML that the browser never sees as such:
 * Gutenberg wraps blocks in HTML comments (<!-- wp:paragraph -->), the classic
 * editor leaves paragraphs as blank lines for wpautop() to turn into <p> at
 * display time, and shortcodes ([caption], [gallery], [embed]...) are expanded
 * by PHP. akhbar stores Markdown, rendered by cmark with raw HTML off, so the
 * content is converted here, once, into Markdown made only of the safe set:
 * paragraphs, headings, emphasis, links (http, https, mailto), images
 * (http, https), lists, quotes; figures become the image and its caption in
 * italics, tables one line per row (cmark has no tables). Whatever is not in
 * the set is reduced to its text or dropped with its content (scripts,
 * styles, frames, forms, media players); attributes other than href, src and
 * alt are never read, so event handlers cannot survive.
 */
#ifndef AK_INGEST_WP_H
#define AK_INGEST_WP_H

#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"

/* The most bytes of HTML converted, and of Markdown made. */
#define WP_HTML_MAX (8u << 20)

struct wp_md {
    const char *md;             /* Markdown, NUL-terminated, in the arena */
    size_t first_end;           /* md[0..first_end) is the first block when it is a
                                   paragraph of text, else 0 */
    size_t shortcodes;          /* shortcodes dropped (a [caption] made a figure: not counted) */
    size_t dropped;             /* elements dropped with their content (script, iframe...) */
};

/* Convert WordPress post content s[0..n) (HTML, UTF-8) into Markdown in arena
 * a: Gutenberg comments removed, wpautop applied when the content has no
 * blocks, shortcodes expanded or dropped (wp_shortcodes), HTML reduced to the
 * safe set (see above). Invalid UTF-8 becomes U+FFFD. Returns AK_OK,
 * AK_ETOOBIG (input or output past WP_HTML_MAX) or AK_ENOMEM. */
enum ak_err wp_html_md(struct arena *a, const char *s, size_t n, struct wp_md *out);

/* The plain text of an HTML fragment (an excerpt): tags and shortcodes
 * dropped, entities decoded, whitespace collapsed to single spaces, trimmed.
 * *out lives in arena a. Returns AK_OK, AK_ETOOBIG or AK_ENOMEM. */
enum ak_err wp_html_text(struct arena *a, const char *s, size_t n, const char **out);

/* Rewrite the shortcodes of s[0..n) into a malloc'd NUL-terminated string
 * *out (the caller frees it; *outn its length): [caption ...]<img>TEXT[/caption]
 * becomes <figure><img><figcaption>TEXT</figcaption></figure>; [[x]] becomes
 * [x] (WordPress's escape); other shortcodes are removed (a media one,
 * embed/video/audio/playlist/gallery, with its enclosed content) and counted
 * in *dropped. Brackets count as a shortcode only when the name is one
 * WordPress or a common plugin registers, or it has attributes (=) or a
 * closing [/name]: "[sic]" stays. Returns AK_OK or AK_ENOMEM. */
enum ak_err wp_shortcodes(const char *s, size_t n, char **out, size_t *outn, size_t *dropped);

#endif
