/*
 * author.h: newsroom users' public profiles (author.c): the slug of their
 * page (/author/SLUG), display name (the user's name), bio and photo, apart
 * from their login. A profile is public once it has a slug. Strings in
 * returned structs live in the caller's arena.
 */
#ifndef AK_STORE_AUTHOR_H
#define AK_STORE_AUTHOR_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

#define AUTHOR_SLUG_MAX 80      /* bytes of a slug */
#define AUTHOR_BIO_MAX 600      /* characters of a bio */

struct author {
    int64_t user_id;
    const char *login;
    const char *name;           /* the user's display name; may be empty */
    const char *slug;           /* "" while the profile is not public */
    const char *bio;            /* plain text; may be empty */
    int64_t photo_id;           /* an uploaded image's media id; 0: none */
    const char *photo_hash;     /* its media hash; "" when none */
    const char *photo_alt;
    int photo_width, photo_height;
    int disabled;               /* the user is disabled */
    int64_t articles;           /* their published articles */
    int64_t updated_at;         /* of the profile; 0 when never saved */
};

/* The profile of user user_id (empty fields when it was never saved).
 * AK_ENOTFOUND when there is no such user. */
enum ak_err store_author_get(struct store *st, struct arena *a, int64_t user_id,
                             struct author *out);
/* The profile whose slug is slug; AK_ENOTFOUND when none. */
enum ak_err store_author_by_slug(struct store *st, struct arena *a, const char *slug,
                                 struct author *out);

/* What a profile's edit saves. */
struct author_in {
    const char *name;           /* display name (user.name); trimmed by the caller */
    const char *slug;           /* NULL or "": made from name (else the login) */
    const char *bio;            /* at most AUTHOR_BIO_MAX characters; NULL: "" */
    int64_t photo_id;           /* 0: none */
};
/* Save user_id's profile and display name, in the caller's transaction. A
 * slug given is passed through text_slug (so "Amal Ali" is "amal-ali"); one
 * made from the name gets "-2", "-3"... when taken; a given one that another
 * user has is AK_EEXIST. *slug_out (may be NULL) gets the slug saved.
 * AK_EINVAL for a bio too long, an unknown photo or a slug that comes out
 * empty; AK_ENOTFOUND for no such user. */
enum ak_err store_author_save(struct store *st, struct arena *a, int64_t user_id,
                              const struct author_in *in, const char **slug_out);

/* A public author for the sitemap: the slug, and the latest change of their
 * published articles (the profile's own change when they have none). */
struct author_entry {
    const char *slug;
    int64_t updated_at;
};
/* Every public profile worth a page (a slug, and the user enabled or with
 * published articles: what /author/SLUG answers 200 for), by slug. */
enum ak_err store_author_list_public(struct store *st, struct arena *a,
                                     struct author_entry **out, size_t *n);

#endif
