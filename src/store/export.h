/*
 * export.h: a whole site as records, out and back in (export.c): what
 * `akhbar export` writes and `akhbar import --format ndjson` reads besides
 * articles. Sections, tags, images (their rows: the files are the media
 * folder's), authors (users and profiles, never passwords) and static
 * pages are small tables, read whole; articles are read one at a time, so
 * an export's memory does not grow with the archive.
 */
#ifndef AK_STORE_EXPORT_H
#define AK_STORE_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"
#include "store/moving.h"

struct store;

/* The kinds of record, in the order an export writes them: each may refer
 * only to kinds before it (an author's photo is an image, an article names
 * sections, tags, an author and an image). */
enum site_record {
    SITE_SECTION, SITE_TAG, SITE_IMAGE, SITE_AUTHOR, SITE_PAGE, SITE_ARTICLE, SITE_RECORD__MAX
};
extern const char *const site_record_names[SITE_RECORD__MAX];  /* "section", ... */

/* One record that is not an article; which fields count depends on type. */
struct site_item {
    enum site_record type;
    int64_t id;                 /* exported: the row's id here (never written) */
    const char *slug;           /* section, tag, page; author: the public
                                   profile's (NULL: none) */
    const char *name;           /* section, tag; page: its title; author: the
                                   display name */
    int64_t position;           /* section, page */
    const char *login;          /* author */
    const char *role;           /* author: a user_role_names entry */
    int disabled;               /* author */
    const char *bio;            /* author */
    const char *photo;          /* author: an image's hash, or NULL */
    const char *body_md;        /* page */
    const struct html_safe *body_html;  /* page: made by the caller */
    int published;              /* page */
    const char *hash, *mime, *alt;      /* image */
    int64_t width, height, bytes;       /* image */
    int64_t created_at;         /* image, author; 0: now */
    const char **legacy_urls;   /* section, tag, page: old URLs */
    size_t nlegacy_urls;
    const int64_t *legacy_ids;  /* page: old post ids */
    size_t nlegacy_ids;
};

/* Store it unless a row with its key (slug; an author's login; an image's
 * hash) is there (IMPORT_UNCHANGED: the row is left as it is), and record
 * its legacy URLs and ids either way. An author is made without a password
 * (nobody can log in as them until `akhbar user passwd`). Returns AK_OK,
 * AK_EINVAL (a bad field: an unknown role, a bad image), AK_EIO. */
enum ak_err store_import_item(struct store *st, const struct site_item *it,
                              enum import_outcome *out);

/* Every record of type (not SITE_ARTICLE) in export order, with legacy URLs
 * and ids: an array in a. */
enum ak_err store_export_items(struct store *st, struct arena *a, enum site_record type,
                               struct site_item **out, size_t *n);

/* The article after id after (0: the first), in any state, as an importer
 * would hand it back: every field of struct article_in but body_html and
 * body_text, with its further sections, tags in order, comments (status and
 * reply_to), guid, legacy URLs and ids, author login and image hash.
 * *id gets its id; AK_ENOTFOUND after the last. Strings in a. */
enum ak_err store_export_article_next(struct store *st, struct arena *a, int64_t after,
                                      int64_t *id, struct article_in *out);

#endif
