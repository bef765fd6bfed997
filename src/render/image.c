/*
 * image.c: <picture> markup for uploaded images (see image.h). Widths come
 * from media/image.h, which made the files; nothing here touches them.
 */
#include <string.h>
#include "media/image.h"
#include "render/image.h"

int render_image_default_width(int width)
{
    int ws[MEDIA_MAX_VARIANTS];
    size_t n = media_variant_widths(width, ws);
    if (n == 0)
        return 0;
    int best = ws[0];
    for (size_t i = 0; i < n; i++)
        if (ws[i] <= RENDER_IMAGE_DEFAULT_WIDTH)
            best = ws[i];
    return best;
}

/* The srcset of hash's variants in format t (MEDIA_WEBP or MEDIA_JPEG). */
static void html_image_srcset(struct html *h, const char *hash, const int *ws, size_t n,
                              enum media_type t)
{
    char name[MEDIA_NAME_MAX];
    for (size_t i = 0; i < n; i++) {
        if (i)
            html_lit(h, ", ");
        html_printf(h, MEDIA_URL_PREFIX "%U %dw", media_file_name(name, hash, ws[i], t), ws[i]);
    }
}

void html_image(struct html *h, const char *hash, int width, int height, const char *alt,
                int flags)
{
    int ws[MEDIA_MAX_VARIANTS];
    size_t n = media_variant_widths(width, ws);
    if (!media_hash_valid(hash) || n == 0 || height <= 0) {
        if (!h->b.err)
            h->b.err = AK_EINVAL;
        return;
    }
    int w = render_image_default_width(width);
    html_lit(h, "<picture><source type=\"image/webp\" srcset=\"");
    html_image_srcset(h, hash, ws, n, MEDIA_WEBP);
    html_lit(h, "\" sizes=\"" RENDER_IMAGE_SIZES "\"><img src=\"");
    char name[MEDIA_NAME_MAX];
    html_printf(h, MEDIA_URL_PREFIX "%U\" srcset=\"", media_file_name(name, hash, w, MEDIA_JPEG));
    html_image_srcset(h, hash, ws, n, MEDIA_JPEG);
    html_lit(h, "\" sizes=\"" RENDER_IMAGE_SIZES "\"");
    html_printf(h, " width=\"%d\" height=\"%d\" alt=\"%A\"", w,
                media_variant_height(width, height, w), alt ? alt : "");
    if (!(flags & RENDER_IMAGE_EAGER))
        html_lit(h, " loading=\"lazy\"");
    html_lit(h, "></picture>");
}

/* The srcset as a plain string in arena a (it holds only the hash's hex
 * digits, digits and fixed text; the template escapes it all the same). */
static const char *tv_image_srcset(struct arena *a, const char *hash, const int *ws, size_t n,
                                   enum media_type t)
{
    const char *s = "";
    char url[MEDIA_URL_MAX];
    for (size_t i = 0; s && i < n; i++)
        s = arena_printf(a, "%s%s%s %dw", s, i ? ", " : "", media_file_url(url, hash, ws[i], t),
                         ws[i]);
    return s;
}

struct tv *tv_image(struct arena *a, struct tv *obj, const char *name, const char *hash,
                    int width, int height, const char *alt, int flags)
{
    int ws[MEDIA_MAX_VARIANTS];
    size_t n = media_variant_widths(width, ws);
    if (!media_hash_valid(hash) || n == 0 || height <= 0)
        return NULL;
    int w = render_image_default_width(width);
    char url[MEDIA_URL_MAX];
    const char *src = arena_strdup(a, media_file_url(url, hash, w, MEDIA_JPEG));
    const char *jpeg = tv_image_srcset(a, hash, ws, n, MEDIA_JPEG);
    const char *webp = tv_image_srcset(a, hash, ws, n, MEDIA_WEBP);
    struct tv *v = src && jpeg && webp ? tv_child(a, obj, name) : NULL;
    if (!v)
        return NULL;
    int h = media_variant_height(width, height, w);
    if (!tv_str(a, v, "src", src) || !tv_str(a, v, "srcset", jpeg) ||
        !tv_str(a, v, "webp_srcset", webp) || !tv_str(a, v, "sizes", RENDER_IMAGE_SIZES) ||
        !tv_int(a, v, "width", w) || !tv_int(a, v, "height", h) ||
        !tv_str(a, v, "alt", alt ? alt : "") ||
        !tv_bool(a, v, "lazy", !(flags & RENDER_IMAGE_EAGER)))
        return NULL;
    return v;
}
