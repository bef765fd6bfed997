/*
 * popular.h: what readers see beside the news, as the store keeps it
 * (popular.c): views counted a day per article, the sidebar's rankings
 * computed from them and from the comments, and the end of a breaking
 * article's time in the ticker noted in the change log.
 *
 * Views are counted in memory by the servers (newsroom/views.c) and added
 * here in batches: a spike of a million views is a handful of transactions,
 * not a million writes. The rankings are a small table the pages read
 * (store_article_ranked); it is rewritten only when a list's order changes,
 * and each rewrite is one change-log entry "r", so pages showing the
 * sidebar are dropped from the caches then and only then.
 */
#ifndef AK_STORE_POPULAR_H
#define AK_STORE_POPULAR_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

struct store;

/* Views of one article in one UTC day (unix time / 86400). */
struct view_count {
    int64_t article_id;
    int64_t day;
    int64_t n;
};

/* The number of articles each ranking keeps. */
#define POPULAR_MAX 5

/* Add v[0..n) to the counts, in one transaction (articles since deleted are
 * skipped). Returns AK_OK or AK_EIO (logged). */
enum ak_err store_views_add(struct store *st, const struct view_count *v, size_t n);
/* Compute the rankings (enum article_ranking in article.h) at unix time now,
 * on day today (the day of article_view rows: date_local_day), and store
 * those whose order changed, in one transaction; drop counts older than 8
 * days. *changed (may be NULL) gets how many lists were stored. */
enum ak_err store_popular_refresh(struct store *st, int64_t now, int64_t today, int *changed);
/* Note in the change log ("k") that the ticker changed when a breaking
 * article's time there (window seconds after its publication) ended in
 * (from, to]. *ended (may be NULL) gets how many did. */
enum ak_err store_ticker_expire(struct store *st, int64_t from, int64_t to, int64_t window,
                                int *ended);

#endif
