/*
 * article.h: articles as the site shows them: inserting (imports, the demo),
 * loading, listing, the related fallback, and the scheduler's publishing
 * (article.c). Strings in returned structs live in the caller's arena.
 */
#ifndef AK_STORE_ARTICLE_H
#define AK_STORE_ARTICLE_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"
#include "store/section.h"

struct store;

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
    const char *status;         /* a comment_status_names entry (store/comment.h);
                                   NULL: "approved" */
    size_t reply_to;            /* 1-based position in the same array of the
                                   earlier comment this one answers; 0: none */
};
struct article_in {
    const char *title;          /* required, non-empty */
    const char *lede;           /* standfirst; may be empty */
    const char *body_md;        /* Markdown */
    const struct html_safe *body_html;  /* by the caller (markdown_render); NULL: empty */
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
    int64_t published_at;       /* unix seconds; 0 means now (a draft or one in
                                   review: none yet, as the editor leaves it) */
    const struct comment_in *comments;  /* imported comments (demo, importers) */
    size_t ncomments;
    /* For importers (store/moving.h: store_import_article): */
    const char *guid;           /* the source's id for the article; NULL: none */
    const char **legacy_urls;   /* its URLs on the old site (any spelling) */
    size_t nlegacy_urls;
    const int64_t *legacy_ids;  /* its old numeric ids (WordPress's ?p=ID) */
    size_t nlegacy_ids;
    const char *author_login;   /* the newsroom user who wrote it, by login;
                                   NULL or unknown: none */
    const char *image_hash;     /* the featured image, by media hash; NULL or
                                   unknown: none */
    int breaking;               /* in the ticker for ticker_hours after publication */
    int64_t image_id;           /* featured image (store/media.h); 0: none (insert only) */
};

/* An article as a page shows it. */
struct article {
    int64_t id;
    const char *slug, *title, *lede, *author, *source;
    const struct html_safe *body_html;  /* the stored output of markdown_render() */
    enum article_status status;
    int64_t published_at, updated_at;
    struct section *sections;   /* primary first */
    size_t nsections;
    struct tag *tags;
    size_t ntags;
    const char *image_hash;     /* the featured image's media hash; "" when none */
    const char *image_alt;      /* its alt text */
    int image_width, image_height;  /* of the original, upright */
    int64_t author_id;          /* the newsroom user who wrote it; 0: none (imported) */
    const char *author_slug;    /* their public profile's slug; "" when none */
    const char *image_caption, *image_credit;   /* under the picture; "" when none */
    int breaking;
    size_t words;               /* of the body, for the reading time */
};

/* A line in a list of articles. */
struct article_summary {
    int64_t id;
    const char *slug, *title, *lede, *source;
    int64_t published_at;
    const char *section_slug, *section_name;     /* its primary section */
    int64_t section_id;         /* idem; 0 where a list does not say */
    const char *image_hash;     /* the featured image's media hash; "" or NULL: none */
    const char *image_alt;
    int image_width, image_height;  /* of the original, upright */
};

/* Which published articles to list, newest first. At most one of section_id
 * and tag_id is non-zero; both zero lists every published article.
 * author_id, when non-zero, keeps only that newsroom user's articles. */
struct article_query {
    int64_t section_id;
    int64_t tag_id;
    int64_t author_id;
    int64_t exclude_id;         /* leave this article out; 0 for none */
    size_t offset, limit;
};

/* Insert an article (in the caller's transaction, if any). Unknown section
 * slugs give AK_ENOTFOUND; *id receives the new id. */
enum ak_err store_article_insert(struct store *st, const struct article_in *in, int64_t *id);
/* The tag called name (or with its slug), created when new; *id gets its
 * id. AK_OK, AK_ENOMEM or AK_EIO. */
enum ak_err store_tag_ensure(struct store *st, const char *name, int64_t *id);
/* Load a published article by id (now >= published_at). */
enum ak_err store_article_load(struct store *st, struct arena *a, int64_t id,
                               struct article *out);
/* The newest limit published articles of a section (section_id), of a tag
 * (tag_id) or of the site (both 0), whole as store_article_load gives them,
 * but that a body longer than ARTICLE_FEED_BODY_MAX bytes of HTML is left
 * empty: for feeds, which give such an article by its lede. Twenty bodies
 * near the 2 MB a body may have did not fit a request's memory: every feed
 * that listed them answered 500. */
#define ARTICLE_FEED_BODY_MAX (128u << 10)
enum ak_err store_article_feed(struct store *st, struct arena *a, int64_t section_id,
                               int64_t tag_id, size_t limit, struct article **out, size_t *n);
/* List published articles matching q; *total (may be NULL) gets the count. */
enum ak_err store_article_list(struct store *st, struct arena *a, const struct article_query *q,
                               struct article_summary **out, size_t *n, size_t *total);
/* Up to limit published articles related to art, never art itself: its
 * stored list (store_related_compute), or, for an article whose list has not
 * been computed yet, those sharing its primary section or a tag, newest
 * first. */
enum ak_err store_article_related(struct store *st, struct arena *a, const struct article *art,
                                  size_t limit, struct article_summary **out, size_t *n);
/* The ticker's articles: breaking, published after since (unix
 * seconds) and not in the future, newest first, at most limit. */
enum ak_err store_article_breaking(struct store *st, struct arena *a, int64_t since, size_t limit,
                                   struct article_summary **out, size_t *n);
/* The sidebar's lists, as store_popular_refresh (popular.h) last computed
 * them; the values are the ranking table's kinds. */
enum article_ranking {
    RANKING_READ_DAY,           /* most read today (the site's day: date_local_day) */
    RANKING_READ_WEEK,          /* most read in the last 7 days */
    RANKING_COMMENTED_WEEK,     /* most approved comments in the last 7 days */
    RANKING__MAX
};
/* The first limit articles of ranking kind that are still published. */
enum ak_err store_article_ranked(struct store *st, struct arena *a, enum article_ranking kind,
                                 size_t limit, struct article_summary **out, size_t *n);
/* Count of all articles in any state. */
enum ak_err store_article_count(struct store *st, int64_t *n);
/* Publish every scheduled article whose time has come (published_at <= now),
 * in one transaction; *n gets how many. Returns AK_OK or AK_EIO. */
enum ak_err store_article_publish_due(struct store *st, int64_t now, size_t *n);
/* The publication time of the next scheduled article, or AK_ENOTFOUND. */
enum ak_err store_article_next_scheduled(struct store *st, int64_t *when);

#endif
