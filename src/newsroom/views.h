/*
 * views.h: articles' views counted in memory and written in batches
 * (views.c), so that a spike of a million views is a few transactions and
 * not a million writes.
 *
 * The site's beacon (/v/ID, an image every article page loads, so that pages
 * served from the page cache or a proxy in front still count) calls
 * views_hit; the scheduler's thread calls views_flush every
 * VIEWS_FLUSH_MS, which adds the counts since the last flush to the store
 * in one transaction (store_views_add) and then recomputes the sidebar's
 * rankings (store_popular_refresh).
 */
#ifndef AK_NEWSROOM_VIEWS_H
#define AK_NEWSROOM_VIEWS_H

#include <stdint.h>
#include "base/err.h"

struct store;

#define VIEWS_FLUSH_MS 5000         /* how often views reach the database */
#define VIEWS_SLOTS 8192            /* distinct articles counted between flushes */

/* Count one view of article id now. Any thread; a mutex held for a few
 * instructions. When VIEWS_SLOTS distinct articles wait already, a view of
 * another one is dropped (and counted as dropped). */
void views_hit(int64_t id);
/* Write what was counted since the last flush to st, one transaction.
 * On failure the counts are kept for the next flush. Returns AK_OK or the
 * store's error. */
enum ak_err views_flush(struct store *st);

/* What views did since the process started, for /metrics and tests. */
struct views_stats {
    int64_t counted;            /* views counted (views_hit) */
    int64_t written;            /* of those, in the database */
    int64_t dropped;            /* not counted: the table was full */
    int64_t flushes;            /* transactions that wrote views */
    int64_t rows;               /* (article, day) rows they added to or made */
};
void views_stats(struct views_stats *out);

#endif
