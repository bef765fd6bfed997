/*
 * theme.h: a theme is a set of templates (NAME.html) and static assets
 * (style.css, app.js, ...). The default theme is compiled into the binary
 * from themes/default/; a theme folder given with --theme overrides any of
 * its files by name and may add more.
 */
#ifndef AK_THEME_H
#define AK_THEME_H

#include <stddef.h>
#include "base/err.h"
#include "render/tmpl.h"

struct theme;

struct theme_asset {
    const char *name;           /* "style.css" */
    const char *data;
    size_t size;
    const char *content_type;
    char etag[24];              /* quoted hash of the bytes */
};

/* Load the default theme, overridden by the files in dir (may be NULL).
 * On failure returns NULL and writes the reason (file and line) to err. */
struct theme *theme_load(const char *dir, char *err, size_t errn);
void theme_free(struct theme *th);
/* Render template name with root value v into h; AK_ENOTFOUND if no such
 * template, else h's sticky error. */
enum ak_err theme_render(const struct theme *th, const char *name, const struct tv *v,
                         struct html *h);
const struct theme_asset *theme_asset(const struct theme *th, const char *name);
/* The assets whose names start with prefix and end with suffix (the fonts
 * to preload), at most max, into out; returns how many. */
size_t theme_assets_named(const struct theme *th, const char *prefix, const char *suffix,
                          const struct theme_asset **out, size_t max);

#endif
