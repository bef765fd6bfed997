/*
 * markdown.h: article bodies from Markdown to safe HTML, with cmark.
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

/* Render md[0..n) into *out, whose bytes live in arena a, followed by a NUL
 * (not counted in out->n), so out->p is also a C string.
 * Returns AK_OK, AK_EINVAL (invalid UTF-8) or AK_ENOMEM. */
enum ak_err markdown_render(struct arena *a, const char *md, size_t n, struct html_safe *out);

#endif
