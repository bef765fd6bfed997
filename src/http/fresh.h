/*
 * fresh.h: keeping cached pages fresh. The change log (store/changes.h),
 * written by triggers in every writer's transaction, names the keys of what
 * changed; fresh.c reads it and drops the cached pages that show those
 * keys, then tells the caches in front (Varnish, a CDN) with a PURGE
 * carrying "xkey-purge: KEYS" to each purge URL, retried on failure, from a
 * thread of its own so that no request waits for it.
 *
 * Reading the log happens right after each write request of this server
 * (fresh_sync, before its response goes), and every FRESH_POLL_MS in a
 * background thread when SQLite's data_version says another connection
 * committed: a change made by the command line or another server is seen
 * within a second.
 */
#ifndef AK_HTTP_FRESH_H
#define AK_HTTP_FRESH_H

#include <stddef.h>
#include "base/err.h"

#define FRESH_POLL_MS 100
#define FRESH_PURGE_MAX 8       /* purge URLs */

struct store;

/* Start watching the database at db_path (its own connection, read-only
 * when read_only) and, when npurge > 0, purging purge[0..npurge) (http://
 * URLs). Log entries over an hour old are removed, unless read_only. */
enum ak_err fresh_start(const char *db_path, const char *const *purge, size_t npurge,
                        int read_only);
/* Stop both threads (sending what is queued first, for at most a second). */
void fresh_stop(void);
/* Read the log now on st (after a write; a no-op before fresh_start). */
void fresh_sync(struct store *st);
/* Purges sent and failed (after their retries), for tests and metrics. */
void fresh_purge_counts(size_t *sent, size_t *failed);

#endif
