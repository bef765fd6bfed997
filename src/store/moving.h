/*
 * moving.h: what moving a site in needs from the store (moving.c):
 * imported articles found again by their source's guid or by a hash of
 * their record, so that an import run again (or resumed after a kill)
 * updates or skips instead of storing twice; and the old site's URLs and
 * post ids, answered with a 301 to their new place.
 */
#ifndef AK_STORE_MOVING_H
#define AK_STORE_MOVING_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

struct store;

/* What store_import_article did with a record. */
enum import_outcome { IMPORT_IMPORTED, IMPORT_UPDATED, IMPORT_UNCHANGED, IMPORT_OUTCOME__MAX };
extern const char *const import_outcome_names[IMPORT_OUTCOME__MAX];

/* Store imported article in (in the caller's transaction, if any; atomic in
 * a savepoint). Its key is a BLAKE2b hash of every field of in, the guid,
 * the comments and the legacy URLs and ids included (nothing else goes in:
 * not the time of the import).
 *  - in->guid set and known: when the stored key is the same, nothing is
 *    written (IMPORT_UNCHANGED); else the article is rewritten from in
 *    (fields, sections, tags; comments not there yet added; legacy URLs
 *    and ids added) and keeps its id and creation time (IMPORT_UPDATED).
 *  - in->guid NULL or "": an article stored from the very same record is
 *    IMPORT_UNCHANGED; else a new one.
 *  - otherwise a new article (IMPORT_IMPORTED), as store_article_insert
 *    makes it, with its guid, key, legacy URLs and ids.
 * *id gets the article's id. Returns AK_OK, AK_ENOTFOUND (an unknown
 * section), AK_EINVAL (a bad comment status or reply, an empty title or a
 * legacy URL that normalises to nothing), AK_ENOMEM or AK_EIO. */
enum ak_err store_import_article(struct store *st, const struct article_in *in, int64_t *id,
                                 enum import_outcome *out);

/* What an old URL showed. */
enum legacy_kind { LEGACY_ARTICLE, LEGACY_PAGE, LEGACY_SECTION, LEGACY_TAG, LEGACY_KIND__MAX };
extern const char *const legacy_kind_names[LEGACY_KIND__MAX];

/* Record that the old site's url (an absolute URL or a path, escaped or
 * not: text_urlpath makes it one key) showed the kind row with id target.
 * A path recorded again moves to its new target. The root "/" is refused
 * (AK_EINVAL): it is the new site's home. */
enum ak_err store_legacy_put(struct store *st, const char *url, enum legacy_kind kind,
                             int64_t target);
/* Record that the old site's post id old_id (/?p=ID, /?page_id=ID) is now
 * the kind row with id target. */
enum ak_err store_legacy_put_post(struct store *st, int64_t old_id, enum legacy_kind kind,
                                  int64_t target);

/* Where an old URL leads: its kind, the row's id and slug (in the caller's
 * arena). Only what the public may see is found: a published article whose
 * time has come, a published page, any section or tag. */
struct legacy_target {
    enum legacy_kind kind;
    int64_t id;
    const char *slug;
};
/* Look up request target url (a path with its query, as sent). AK_OK,
 * AK_ENOTFOUND (not recorded, or its row gone or not public), AK_EIO. */
enum ak_err store_legacy_find(struct store *st, struct arena *a, const char *url,
                              struct legacy_target *out);
/* Look up an old post id. */
enum ak_err store_legacy_find_post(struct store *st, struct arena *a, int64_t old_id,
                                   struct legacy_target *out);

/* The legacy paths (normal form, sorted) and old post ids (ascending) of the
 * kind row target, for an export: arrays in a. */
enum ak_err store_legacy_of(struct store *st, struct arena *a, enum legacy_kind kind,
                            int64_t target, const char ***urls, size_t *nurls,
                            int64_t **ids, size_t *nids);

#endif
