/*
 * beacon.c: GET /v/ID, the view beacon. Every article page loads it as a
 * 1x1 image, so that a view counts even when the page itself came from the
 * page cache or a proxy in front (which never reach a handler), and without
 * JavaScript. The view is counted in memory (newsroom/views.h) and written
 * with the others a few seconds later; the request touches no database.
 */
#include "newsroom/views.h"
#include "site/site.h"

/* A transparent 1x1 GIF. */
static const unsigned char beacon_gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
    0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b,
};

enum ak_err site_view(struct req *r)
{
    views_hit(r->ids[0]);
    return http_send(r, 200, "image/gif", (const char *)beacon_gif, sizeof beacon_gif,
                     HTTP_NO_STORE);
}
