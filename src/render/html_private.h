/*
 * html_private.h: the layout of struct html_safe and its one constructor,
 * for src/render/ only. The Makefile defines AK_RENDER_PRIVATE when it
 * compiles a file of src/render/, so that anywhere else including this
 * header fails to compile: nothing outside the renderer and the Markdown
 * module can make safe HTML from text (tests/http/test_layers.sh checks it).
 */
#ifndef AK_HTML_PRIVATE_H
#define AK_HTML_PRIVATE_H

#ifndef AK_RENDER_PRIVATE
#error "render/html_private.h is private to src/render/"
#endif

#include "render/html.h"

struct html_safe {
    const char *p;              /* NUL-terminated */
    size_t n;                   /* bytes, without the NUL */
};

/* Trust the C string p[0..n) as safe HTML: a value in arena a pointing at p
 * (not copied), or NULL when p is NULL or a is out of memory. */
const struct html_safe *html_safe_make(struct arena *a, const char *p, size_t n);

#endif
