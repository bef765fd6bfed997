/*
 * article_desk.h: the newsroom's list of articles in any state, with its counts
 * and search (article_desk.c). Strings live in the caller's arena.
 */
#ifndef AK_STORE_ARTICLE_DESK_H
#define AK_STORE_ARTICLE_DESK_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

struct store;

/* How many articles are in each state: counts[status] for every status;
 * author_id non-zero counts only that user's articles. */
enum ak_err store_article_count_status(struct store *st, int64_t author_id,
                                       int64_t counts[ARTICLE_STATUS__MAX]);
/* A line in the newsroom's list of articles, any state. */
struct article_row {
    int64_t id;
    const char *slug, *title;
    enum article_status status;
    const char *section_name;   /* its primary section */
    int64_t author_id;          /* 0: no newsroom user (imported) */
    const char *author;         /* the user's name, else login, else the byline */
    int64_t published_at, updated_at;
};
struct article_filter {
    int status;                 /* an enum article_status, or -1 for any */
    int64_t author_id;          /* 0: anyone's */
    int64_t section_id;         /* 0: any; else primary or further section */
    const char *query;          /* NULL: no search; else store_search's syntax */
    size_t offset, limit;
};
/* Articles in any state matching f, most recently updated first; with a
 * query, only those its FTS5 expression (store_search_expr) matches, ranked
 * as store_search ranks (the newest STORE_SEARCH_MAX + 1 of them), and none
 * when it has nothing to search for. *total (may be NULL) gets the count
 * (with a query, at most STORE_SEARCH_MAX + 1). Strings in arena a. Returns
 * AK_OK, AK_EINVAL (query not valid UTF-8), AK_ENOMEM or AK_EIO. */
enum ak_err store_article_rows(struct store *st, struct arena *a, const struct article_filter *f,
                               struct article_row **out, size_t *n, size_t *total);

#endif
