/*
 * page_media.c: uploaded images at /media/NAME, read-only, from the media
 * folder (akhbar serve --media). Only the names media_ingest gives its
 * finished files are served (media_file_type): never a temporary file, a
 * folder listing or anything else that happens to be there. The names
 * change with the content, so they are cached for a year.
 */
#include "media/image.h"
#include "site/site.h"

enum ak_err site_media(struct req *r)
{
    const char *name = r->captures[0];
    const char *type = media_file_type(name);
    if (!type || !r->site->media_dir)
        return AK_ENOTFOUND;
    const char *path = arena_printf(&r->arena, "%s/%s", r->site->media_dir, name);
    return path ? http_send_file(r, path, type) : AK_ENOMEM;
}
