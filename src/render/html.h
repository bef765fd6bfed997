/*
 * html.h: the only way akhbar writes HTML and JSON-in-HTML (XML documents
 * have their own writer, render/xml.h).
 *
 * Escaping by construction: an html writer accepts untrusted text only
 * through conversions that escape it for its context, and literal markup only
 * from string literals (html_lit is a macro that rejects non-literals at
 * compile time). Safe HTML fragments have their own opaque type, struct
 * html_safe, which only the Markdown renderer makes (see below).
 *
 * html_printf conversions (there is no %s):
 *   %H  const char *   HTML text: & < > " ' escaped; control characters
 *                      (but tab, LF, CR) and U+FFFE/U+FFFF dropped
 *   %A  const char *   attribute value (quoted by the format): as %H
 *   %U  const char *   a URL path segment or query value: percent-encoded
 *                      except unreserved ASCII; UTF-8 bytes become %XX
 *   %J  const char *   a JSON string body (no quotes), safe inside <script>
 *   %d  int    %D int64_t    %z size_t
 *   %S  const struct html_safe *   a trusted fragment, copied as is
 *   %%  a percent sign
 * A NULL string argument writes nothing.
 */
#ifndef AK_HTML_H
#define AK_HTML_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/buf.h"

/* HTML that is safe to emit as is. The type is opaque: its layout is private
 * to src/render/ (render/html_private.h, which only compiles there), so no
 * other code can make one from text. Two constructors exist:
 *   markdown_render()       Markdown to HTML with cmark (render/markdown.h);
 *   html_safe_from_store()  what markdown_render() made when an article was
 *                           saved, as the store reads it back.
 * A value lives in the arena it was made in. */
struct html_safe;

/* Its bytes (NUL-terminated; "" for NULL) and their number. */
const char *html_safe_str(const struct html_safe *s);
size_t html_safe_len(const struct html_safe *s);
/* Take the C string p, read from the database, as safe HTML, because it is
 * the stored output of markdown_render() (the body_html column). For
 * src/store/ only, where the stored body HTML is read: never for anything
 * else. p must live as long as the value; NULL when p is NULL or a is out of
 * memory. */
const struct html_safe *html_safe_from_store(struct arena *a, const char *p);

struct html {
    struct buf b;               /* the output; b.err is sticky */
};

void html_init(struct html *h, size_t max);
void html_reset(struct html *h);
void html_printf_(struct html *h, const char *fmt, ...);
/* The format must be a string literal. */
#define html_printf(h, fmt, ...) html_printf_((h), "" fmt "", __VA_ARGS__)
#define html_lit(h, lit) html_lit_((h), "" lit "", sizeof(lit) - 1)
void html_lit_(struct html *h, const char *s, size_t n);
void html_text(struct html *h, const char *s, size_t n);      /* escaped text */
void html_attr(struct html *h, const char *s, size_t n);      /* escaped attribute */
void html_url(struct html *h, const char *s, size_t n);       /* percent-encoded */
void html_json(struct html *h, const char *s, size_t n);      /* JSON string body */
void html_safe(struct html *h, const struct html_safe *s);

#endif
