/*
 * wp.h: what the WordPress import needs from the store beyond articles and
 * legacy URLs (store/moving.h): its authors as newsroom users who cannot
 * log in yet, the hierarchy of its categories, and featured images set
 * once the attachments are known (wp.c).
 */
#ifndef AK_STORE_WP_H
#define AK_STORE_WP_H

#include <stdint.h>
#include "base/err.h"
#include "store/user.h"

struct store;

/* Add user login (store_user_login_valid) with display name name as a
 * disabled account without a password: nobody can log in as it until an
 * admin enables it and sets one (`akhbar user passwd`, then `user enable`).
 * *id (may be NULL) gets its id. AK_OK, AK_EEXIST (the login is taken),
 * AK_EINVAL (a bad login) or AK_EIO. */
enum ak_err store_user_add_imported(struct store *st, const char *login, const char *name,
                                    enum user_role role, int64_t *id);

/* Put section id under section parent (0: at the top). AK_OK, AK_EINVAL
 * (a section under itself) or AK_EIO. */
enum ak_err store_section_set_parent(struct store *st, int64_t id, int64_t parent);
/* The parent of section id into *parent (0: none). AK_OK, AK_ENOTFOUND, AK_EIO. */
enum ak_err store_section_parent(struct store *st, int64_t id, int64_t *parent);

/* Make media row media_id article id's featured image. AK_OK or AK_EIO. */
enum ak_err store_article_set_image(struct store *st, int64_t id, int64_t media_id);

/* Bulk imports index new articles for search in one statement per
 * transaction instead of one trigger run per article (five times less CPU:
 * bench/README.md). Within the caller's write transaction:
 * store_bulk_begin drops the search index's insert trigger and notes the
 * highest article id; store_bulk_end indexes every article inserted since
 * and makes the trigger again, so that what commits is the usual schema
 * (a transaction that is rolled back, or a process killed, leaves the
 * trigger as it was). Updates and deletes keep their triggers. When the
 * database's trigger is not the one this binary knows, nothing is deferred.
 * AK_OK or AK_EIO. */
struct store_bulk {
    int64_t from;               /* articles with a higher id are not indexed yet */
    int active;                 /* the trigger is dropped */
};
enum ak_err store_bulk_begin(struct store *st, struct store_bulk *b);
/* Read the database through SQLite's page cache (its size bounded) rather
 * than a memory map of the file, whose pages a long import touches all of
 * and would count in its resident memory. Outside a transaction. AK_OK or
 * AK_EIO. */
enum ak_err store_bulk_no_mmap(struct store *st);
enum ak_err store_bulk_end(struct store *st, struct store_bulk *b);

#endif
