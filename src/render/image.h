/*
 * image.h: an uploaded image on a page, as a <picture> that lets the
 * browser pick the size and format it needs: WebP for those that take it,
 * JPEG otherwise, each in every width media/ made (media_variant_widths),
 * with width and height set so the page does not jump as images arrive.
 *
 *   <picture><source type="image/webp" srcset="/media/H-480.webp 480w, ..."
 *   sizes="..."><img src="/media/H-960.jpg" srcset="/media/H-480.jpg 480w,
 *   ..." sizes="..." width="960" height="540" alt="..." loading="lazy"></picture>
 *
 * The URLs are /media/<hash>-<width>.<ext>, the names media/image.h gives
 * the files; serving them is the server's business.
 */
#ifndef AK_RENDER_IMAGE_H
#define AK_RENDER_IMAGE_H

#include "base/arena.h"
#include "render/html.h"
#include "render/tmpl.h"

/* The width images take on the page: the article column is at most 46rem
 * wide (themes/default/style.css's .story), else the whole viewport. */
#define RENDER_IMAGE_SIZES "(min-width: 46rem) 46rem, 100vw"
/* The width of the <img src> for browsers without srcset, when it exists. */
#define RENDER_IMAGE_DEFAULT_WIDTH 960

enum render_image_flags {
    RENDER_IMAGE_EAGER = 1,     /* above the fold: no loading="lazy" */
};

/* The variant an image of the given width is shown at by default (for src,
 * width and height): the widest variant not wider than
 * RENDER_IMAGE_DEFAULT_WIDTH, else the narrowest. 0 when width <= 0. */
int render_image_default_width(int width);

/* Write the <picture> of the image hash (width x height, upright) with the
 * given alt text into h; every attribute goes through the html writer's
 * escaping. A hash that is not a media hash, or a size <= 0, writes nothing
 * and sets h's sticky error to AK_EINVAL. */
void html_image(struct html *h, const char *hash, int width, int height, const char *alt,
                int flags);

/* The same for a template: sets obj.name to an object with src, srcset
 * (JPEG), webp_srcset, sizes, width, height, alt and lazy (true unless
 * RENDER_IMAGE_EAGER), all in arena a, for themes/default/picture.html
 * ({{#image}}{{>picture}}{{/image}}). Returns the object, or NULL when out
 * of memory or for a bad hash or size (nothing set). */
struct tv *tv_image(struct arena *a, struct tv *obj, const char *name, const char *hash,
                    int width, int height, const char *alt, int flags);

#endif
