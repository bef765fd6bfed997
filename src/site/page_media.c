/*
 * page_media.c: files served as they are: the theme's static assets at
 * /static/NAME, and uploaded images at /media/NAME, read-only, from the
 * media folder (akhbar serve --media). Only the names media_ingest gives its
 * finished files are served (media_file_type): never a temporary file, a
 * folder listing or anything else that happens to be there. The names
 * change with the content, so they are cached for a year.
 */
#include <string.h>
#include "media/image.h"
#include "site/site.h"

enum ak_err site_static(struct req *r)
{
    const struct theme_asset *a = theme_asset(r->site->theme, r->captures[0]);
    if (!a || strstr(a->name, ".html"))
        return AK_ENOTFOUND;
    /* the fonts' names carry their version (tools/fonts): cached for good */
    size_t n = strlen(a->name);
    int immutable = n > 6 && strcmp(a->name + n - 6, ".woff2") == 0;
    return http_send_static(r, a->content_type, a->data, a->size, a->etag, immutable);
}

enum ak_err site_media(struct req *r)
{
    const char *name = r->captures[0];
    const char *type = media_file_type(name);
    if (!type || !r->site->media_dir)
        return AK_ENOTFOUND;
    const char *path = arena_printf(&r->arena, "%s/%s", r->site->media_dir, name);
    return path ? http_send_file(r, path, type) : AK_ENOMEM;
}
