/*
 * store.h: akhbar's storage API. Every SQL statement lives behind it.
 *
 * A struct store is one SQLite connection with its prepared-statement cache;
 * it is not shared between threads (the server opens one per worker thread).
 * Strings in returned structs are copied into the caller's arena and live as
 * long as it does. Functions return AK_OK, AK_ENOTFOUND for a missing row,
 * AK_EINVAL/AK_EEXIST for constraint failures, AK_EIO for database errors
 * (logged where they happen).
 */
#ifndef AK_STORE_H
#define AK_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

struct store;

enum store_open_flags {
    STORE_CREATE = 1,           /* create the file and schema when missing */
    STORE_READONLY = 2,         /* open read-only (and forbid writes) */
};

/* Open (and when STORE_CREATE, create or migrate) the database at path. */
enum ak_err store_open(const char *path, int flags, struct store **out);
void store_close(struct store *st);
enum ak_err store_begin(struct store *st);          /* a write transaction */
/* A read transaction: one snapshot, one lock, for all of a page's reads.
 * End it with store_commit (or store_rollback). */
enum ak_err store_begin_read(struct store *st);
enum ak_err store_commit(struct store *st);
void store_rollback(struct store *st);
/* Forbid (on != 0) or allow writes on this connection: defence in depth for
 * public GET handlers, enforced with PRAGMA query_only. */
void store_protect(struct store *st, int on);
/* The schema version this binary writes (PRAGMA user_version). */
int store_schema_version(void);

/* ---- settings: small named blobs (the server secret, site name) ---- */
/* Load setting key into out (at most cap bytes); *n gets its length. */
enum ak_err store_setting_get(struct store *st, const char *key, void *out, size_t cap,
                              size_t *n);
enum ak_err store_setting_set(struct store *st, const char *key, const void *v, size_t n);

/* ---- sections ---- */
struct section {
    int64_t id;
    const char *slug;
    const char *name;
    int position;               /* order in the navigation */
};

enum ak_err store_section_add(struct store *st, const char *slug, const char *name,
                              int64_t *id);
enum ak_err store_section_list(struct store *st, struct arena *a, struct section **out,
                               size_t *n);
enum ak_err store_section_by_slug(struct store *st, struct arena *a, const char *slug,
                                  struct section *out);

/* ---- tags ---- */
struct tag {
    int64_t id;
    const char *slug;
    const char *name;
};
enum ak_err store_tag_by_slug(struct store *st, struct arena *a, const char *slug,
                              struct tag *out);

/* ---- articles ---- */
enum article_status {
    ARTICLE_DRAFT, ARTICLE_REVIEW, ARTICLE_SCHEDULED, ARTICLE_PUBLISHED,
    ARTICLE_UNPUBLISHED, ARTICLE_STATUS__MAX
};
extern const char *const article_status_names[ARTICLE_STATUS__MAX];

/* An article as the newsroom or an importer hands it to the store. */
struct comment_in {
    const char *author;
    const char *body;
    int64_t created_at;         /* unix seconds; 0 means now */
};
struct article_in {
    const char *title;          /* required, non-empty */
    const char *lede;           /* standfirst; may be empty */
    const char *body_md;        /* Markdown */
    const char *body_html;      /* rendered by the caller (render/markdown.h) */
    const char *body_text;      /* plain text for search, by the caller
                                   (markdown_plaintext); NULL indexes no body */
    const char *slug;           /* NULL: made from the title (text/slug.h) */
    const char *section;        /* primary section slug; must exist */
    const char **sections;      /* further section slugs; each must exist */
    size_t nsections;
    const char **tags;          /* tag names; created when new */
    size_t ntags;
    const char *author;         /* byline; may be empty */
    const char *source;         /* agency; may be empty */
    enum article_status status;
    int64_t published_at;       /* unix seconds; 0 means now */
    const struct comment_in *comments;  /* approved comments (demo, migrations) */
    size_t ncomments;
};

/* An article as a page shows it. */
struct article {
    int64_t id;
    const char *slug, *title, *lede, *author, *source;
    struct html_safe body_html; /* the stored output of markdown_render() */
    enum article_status status;
    int64_t published_at, updated_at;
    struct section *sections;   /* primary first */
    size_t nsections;
    struct tag *tags;
    size_t ntags;
};

/* A line in a list of articles. */
struct article_summary {
    int64_t id;
    const char *slug, *title, *lede, *source;
    int64_t published_at;
    const char *section_slug, *section_name;     /* its primary section */
};

/* Which published articles to list, newest first. At most one of section_id
 * and tag_id is non-zero; both zero lists every published article. */
struct article_query {
    int64_t section_id;
    int64_t tag_id;
    int64_t exclude_id;         /* leave this article out; 0 for none */
    size_t offset, limit;
};

/* Insert an article (in the caller's transaction, if any). Unknown section
 * slugs give AK_ENOTFOUND; *id receives the new id. */
enum ak_err store_article_insert(struct store *st, const struct article_in *in, int64_t *id);
/* Load a published article by id (now >= published_at). */
enum ak_err store_article_load(struct store *st, struct arena *a, int64_t id,
                               struct article *out);
/* List published articles matching q; *total (may be NULL) gets the count. */
enum ak_err store_article_list(struct store *st, struct arena *a, const struct article_query *q,
                               struct article_summary **out, size_t *n, size_t *total);
/* Up to limit published articles related to art, never art itself: its
 * stored list (store_related_compute), or, for an article whose list has not
 * been computed yet, those sharing its primary section or a tag, newest
 * first. */
enum ak_err store_article_related(struct store *st, struct arena *a, const struct article *art,
                                  size_t limit, struct article_summary **out, size_t *n);
/* Compute and store article id's related articles from text similarity
 * (related.c): its most distinctive stems by tf-idf over the search index
 * make an OR query, ranked by bm25 with a small preference for recent
 * articles. Returns AK_OK, AK_ENOTFOUND, AK_ENOMEM or AK_EIO. */
enum ak_err store_related_compute(struct store *st, int64_t id);
/* Recompute the related lists of the newest `recent` published articles:
 * after new articles arrive, so that recent pages point to them. */
enum ak_err store_related_refresh(struct store *st, size_t recent);
/* Count of all articles in any state. */
enum ak_err store_article_count(struct store *st, int64_t *n);
/* Publish every scheduled article whose time has come (published_at <= now),
 * in one transaction; *n gets how many. Returns AK_OK or AK_EIO. */
enum ak_err store_article_publish_due(struct store *st, int64_t now, size_t *n);
/* The publication time of the next scheduled article, or AK_ENOTFOUND. */
enum ak_err store_article_next_scheduled(struct store *st, int64_t *when);

/* ---- search (search.c) ---- */
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

/* Search published articles for the reader's query (text/query.h's syntax:
 * words ANDed, "phrases", -exclusions; nothing in it is FTS5 syntax), ranked
 * by bm25 (title 10, lede 4, body 1) with a gentle preference for recent
 * articles. Fills up to limit hits after skipping offset, in arena a; *total
 * (may be NULL) gets the number of matching articles. A query with nothing to
 * search for (empty, or only exclusions) gives no hits. Returns AK_OK,
 * AK_EINVAL when query is not valid UTF-8, AK_ENOMEM or AK_EIO. */
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

/* ---- comments ---- */
enum comment_status { COMMENT_PENDING, COMMENT_APPROVED, COMMENT_SPAM, COMMENT_STATUS__MAX };
extern const char *const comment_status_names[COMMENT_STATUS__MAX];

struct comment {
    int64_t id, article_id, parent_id;  /* parent_id 0: top level */
    const char *author, *email, *body;
    enum comment_status status;
    int64_t created_at;
};

struct comment_new {
    int64_t article_id, parent_id;      /* parent must be an approved top-level
                                           comment of the same article, or 0 */
    const char *author, *email, *body;
    const unsigned char *client_hash;   /* 16 bytes, or NULL */
    enum comment_status status;
};

enum ak_err store_comment_add(struct store *st, const struct comment_new *c, int64_t *id);
/* Comments of an article with the given status, oldest first, replies after
 * their parent. */
enum ak_err store_comment_list_article(struct store *st, struct arena *a, int64_t article_id,
                                       enum comment_status status, struct comment **out,
                                       size_t *n);
/* All comments, newest first; status < 0 means any status. */
enum ak_err store_comment_list(struct store *st, struct arena *a, int status,
                               struct comment **out, size_t *n);
enum ak_err store_comment_set_status(struct store *st, int64_t id, enum comment_status s);
enum ak_err store_comment_delete(struct store *st, int64_t id);
/* How many comments client_hash posted since the given time. */
enum ak_err store_comment_count_since(struct store *st, const unsigned char *client_hash,
                                      int64_t since, int64_t *n);

#endif
