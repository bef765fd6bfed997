/*
 * related.h: related articles computed from text similarity (related.c); the
 * site reads them with store_article_related (article.h).
 */
#ifndef AK_STORE_RELATED_H
#define AK_STORE_RELATED_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

struct store;

/* Compute and store article id's related articles from text similarity
 * (related.c): its most distinctive stems by tf-idf over the search index
 * make an OR query, ranked by bm25 with a small preference for recent
 * articles. Returns AK_OK, AK_ENOTFOUND, AK_ENOMEM or AK_EIO. */
enum ak_err store_related_compute(struct store *st, int64_t id);
/* Recompute the related lists of the newest `recent` published articles:
 * after new articles arrive, so that recent pages point to them. */
enum ak_err store_related_refresh(struct store *st, size_t recent);
/* Compute the lists of up to max published articles that have never had one
 * (the archive behind a large import: imports refresh only the newest),
 * newest first, in one transaction; *done gets how many (0: none left). */
enum ak_err store_related_backfill(struct store *st, size_t max, size_t *done);

#endif
