/*
 * media.c: the media command. `media rebuild` makes whatever is missing of
 * every stored image's variants and crops from its stored original: after
 * an upgrade that adds a size (the crops for search engines and link
 * previews came after the first images), or after files were lost.
 */
#include <stdio.h>
#include <string.h>
#include "base/arena.h"
#include "cli/cli.h"
#include "media/image.h"
#include "store/media.h"

#define CLI_MEDIA_PAGE 200              /* images read at a time */

int cli_media_rebuild(struct cli_run *r)
{
    char buf[4096], err[512];
    const char *dir = cli_media_dir(r, buf, sizeof buf);
    if (!dir) {
        fprintf(stderr, "akhbar: %s: name too long for its media folder\n", r->db);
        return CLI_EXIT_FAIL;
    }
    size_t seen = 0, made = 0, images = 0, failed = 0;
    struct arena a;
    arena_init(&a, 64 * 1024);
    for (size_t offset = 0;; offset += CLI_MEDIA_PAGE) {
        struct media *m;
        size_t n;
        arena_reset(&a);
        enum ak_err rc = store_media_list(r->st, &a, offset, CLI_MEDIA_PAGE, &m, &n, NULL);
        if (rc != AK_OK) {
            fprintf(stderr, "akhbar: %s: cannot list the images: %s\n", r->db, ak_strerror(rc));
            arena_reset(&a);
            return CLI_EXIT_FAIL;
        }
        for (size_t i = 0; i < n; i++, seen++) {
            int t = 0;
            while (t < MEDIA_TYPE__MAX && strcmp(media_type_mimes[t], m[i].mime) != 0)
                t++;
            size_t k = 0;
            rc = media_derive(dir, m[i].hash, (enum media_type)t, m[i].width, m[i].height, &k,
                              err, sizeof err);
            if (rc != AK_OK) {
                fprintf(stderr, "akhbar: image %lld: %s\n", (long long)m[i].id, err);
                failed++;
            }
            made += k;
            images += k > 0;
        }
        if (n < CLI_MEDIA_PAGE)
            break;
    }
    arena_reset(&a);
    media_shutdown();
    printf("%zu images: %zu files made for %zu of them, %zu failed\n", seen, made, images,
           failed);
    return failed ? CLI_EXIT_FAIL : 0;
}
