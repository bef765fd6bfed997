/*
 * search.h: full-text search of published articles (search.c) and rebuilding
 * its index (reindex.c). Strings in returned structs live in the caller's
 * arena.
 */
#ifndef AK_STORE_SEARCH_H
#define AK_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

/* A search result: what an article_summary has, its score and a snippet. */
struct search_hit {
    int64_t id;
    const char *slug, *title, *lede, *source;
    int64_t published_at;
    const char *section_slug, *section_name;     /* its primary section */
    double score;               /* higher is better: -(bm25 x recency factor) */
    const char *snippet;        /* about STORE_SNIPPET_TOKENS words of the body (else
                                   the lede) around the matches, each match
                                   between STORE_MARK_OPEN and STORE_MARK_CLOSE,
                                   "…" where text was cut; valid UTF-8. NULL
                                   when neither matched (show the lede) */
};
#define STORE_MARK_OPEN '\x01'
#define STORE_MARK_CLOSE '\x02'
#define STORE_SNIPPET_TOKENS 24

/* The most matches a search ranks: more than this are counted as
 * STORE_SEARCH_MAX + 1 ("more than STORE_SEARCH_MAX"), and the newest
 * STORE_SEARCH_MAX + 1 of them are the ones ranked. */
#define STORE_SEARCH_MAX 500

/* Search published articles for the reader's query (text/query.h's syntax:
 * words ANDed, "phrases", -exclusions; nothing in it is FTS5 syntax), ranked
 * by BM25 (title 10, lede 4, body 1) with a gentle preference for recent
 * articles. Fills up to limit hits after skipping offset, in arena a; *total
 * (may be NULL) gets the number of matching articles, at most
 * STORE_SEARCH_MAX + 1 (see above). A query with nothing to search for
 * (empty, or only exclusions) gives no hits. Returns AK_OK, AK_EINVAL when
 * query is not valid UTF-8, AK_ENOMEM or AK_EIO. */
enum ak_err store_search(struct store *st, struct arena *a, const char *query, size_t offset,
                         size_t limit, struct search_hit **out, size_t *n, size_t *total);
/* The FTS5 expression store_search would run for query (for tests and
 * diagnostics), in arena a; "" when there is nothing to search for. Same
 * errors as store_search. */
enum ak_err store_search_expr(struct store *st, struct arena *a, const char *query,
                              const char **expr);

/* Make the plain text of Markdown md[0..n) into *out (arena a), *outn its
 * length: render/markdown.h's markdown_plaintext, passed in by the caller so
 * that store/ does not depend on the Markdown parser. */
typedef enum ak_err (*store_plaintext_fn)(struct arena *a, const char *md, size_t n,
                                          const char **out, size_t *outn);
/* Recompute every article's body_text from its body_md with plaintext and
 * rebuild the search index (after an upgrade or a change of the analyzer), in
 * one transaction; *count (may be NULL) gets the number of articles. An
 * article whose Markdown plaintext rejects is logged and indexed without its
 * body. Returns AK_OK, AK_ENOMEM or AK_EIO (nothing changed). */
enum ak_err store_reindex(struct store *st, store_plaintext_fn plaintext, size_t *count);
/* Non-zero when a migration left the index incomplete and store_reindex
 * should run (akhbar serve and init do it). */
int store_reindex_needed(struct store *st);

#endif
