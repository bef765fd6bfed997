/*
 * media.h: uploaded images as pages point at them (media.c).
 */
#ifndef AK_STORE_MEDIA_H
#define AK_STORE_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

/* Uploaded images. The files are made and named by src/media/image.h
 * (media_ingest); the store keeps what pages need to point at them. */
struct media {
    int64_t id;
    const char *hash;           /* 32 lowercase hex digits: names the files */
    int width, height;          /* of the original, upright */
    const char *mime;           /* of the original: image/jpeg, image/png or image/webp */
    const char *alt;            /* the text read instead of the image; never empty */
    int64_t bytes;              /* size of the uploaded file */
    int64_t created_at;         /* unix seconds */
    int64_t user_id;            /* who uploaded it; 0: unknown or since deleted */
    const char *caption;        /* what it shows, under it on pages; NULL or "" when none
                                   (store_media_add only) */
    const char *credit;         /* whose it is ("رسم: ..."); NULL or "" when none (idem) */
};
/* Record an image (m->id and m->created_at are not read: set here). When an
 * image with the same hash is recorded already, nothing changes (its alt
 * stays) and *id gets its id; *existed (may be NULL) says which happened.
 * Returns AK_OK, AK_EINVAL (empty alt, bad hash, size or mime, unknown user)
 * or AK_EIO. */
enum ak_err store_media_add(struct store *st, const struct media *m, int64_t *id, int *existed);
/* Load image id, strings in arena a; AK_ENOTFOUND when none. */
enum ak_err store_media_get(struct store *st, struct arena *a, int64_t id, struct media *out);
/* Images newest first, skipping offset, at most limit; *total (may be NULL)
 * gets the count of all images. */
enum ak_err store_media_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct media **out, size_t *n, size_t *total);
/* Replace image id's alt text; AK_EINVAL when empty, AK_ENOTFOUND when none. */
enum ak_err store_media_set_alt(struct store *st, int64_t id, const char *alt);

#endif
