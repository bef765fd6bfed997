/*
 * changes.h: the change log (changes.c): what changed, as the keys of the
 * pages that show it (see migrations/0009-changes.sql, written by triggers
 * in every writer's own transaction), for the page cache and Varnish.
 */
#ifndef AK_STORE_CHANGES_H
#define AK_STORE_CHANGES_H

#include <stdint.h>
#include "base/err.h"

struct store;

/* SQLite's data_version of st's connection: it changes when another
 * connection (of this process or another) commits. */
enum ak_err store_data_version(struct store *st, int64_t *out);
/* The id of the newest entry of the log (0 when empty). */
enum ak_err store_changes_last(struct store *st, int64_t *out);
/* Call fn(keys, arg) for each entry after id *after, oldest first, at most
 * limit; *after moves to the last one seen. Returns AK_OK or AK_EIO. */
enum ak_err store_changes_since(struct store *st, int64_t *after, int limit,
                                void (*fn)(const char *keys, void *arg), void *arg);
/* Remove the entries older than the unix time before. */
enum ak_err store_changes_prune(struct store *st, int64_t before);

#endif
