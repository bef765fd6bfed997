/*
 * article_edit.h: editing articles in any state, and their revisions
 * (article_edit.c). Strings live in the caller's arena.
 */
#ifndef AK_STORE_ARTICLE_EDIT_H
#define AK_STORE_ARTICLE_EDIT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

struct store;

/* An article as the editor shows it, whatever its state. */
struct article_draft {
    int64_t id;
    const char *slug, *title, *lede, *body_md, *author, *source;
    const char *section;        /* the primary section's slug */
    const char **sections;      /* the further sections' slugs */
    size_t nsections;
    const char **tags;          /* tag names, in order */
    size_t ntags;
    int64_t author_id;          /* 0: no newsroom user (imported) */
    int64_t image_id;           /* the featured image; 0: none */
    enum article_status status;
    int64_t published_at, created_at, updated_at;
    int breaking;               /* in the ticker (article_in.breaking) */
};
/* What store_article_save writes. */
struct article_save {
    int64_t id;                 /* the article to update; 0: a new one */
    int64_t user_id;            /* who saves (the revision's); for a new
                                   article also its author_id; 0: nobody */
    int64_t image_id;           /* the featured image; 0: none */
    const struct article_in *in;    /* everything else; body_html and body_text
                                   filled (newsroom_article_render); comments ignored.
                                   published_at 0 keeps none (NULL) on an update */
    const struct audit_entry *audit;    /* or NULL: added in the same transaction,
                                           its target the article's id when NULL */
};
/* Load article id in any state into *out (strings in a). AK_ENOTFOUND when
 * there is none. */
enum ak_err store_article_get_any(struct store *st, struct arena *a, int64_t id,
                                  struct article_draft *out);
/* Insert (sv->id 0) or update article sv->id with everything in sv, and add
 * a revision row recording the result, in one transaction; *id gets the
 * article's id. The author byline and author_id of an existing article are
 * kept. The search index follows title, lede and body_text (its triggers);
 * related lists are refreshed when a published article changes. Returns
 * AK_OK, AK_EINVAL (empty title), AK_ENOTFOUND (unknown section slug or
 * article), AK_ENOMEM, AK_EFULL (disk full) or AK_EIO; nothing changed on
 * failure, the audit entry included. Whether the
 * change is allowed is the caller's business (admin/editor.c). */
enum ak_err store_article_save(struct store *st, const struct article_save *sv, int64_t *id);

/* One saved state of an article (a row of revision). */
struct revision {
    int64_t id, article_id;
    int64_t user_id;            /* 0: unknown or since deleted */
    const char *user;           /* their name, else login; "" when unknown */
    int64_t created_at;
    const char *title, *lede, *body_md, *slug, *source;
    const char *sections;       /* section slugs, primary first, space-separated */
    const char *tags;           /* tag names, ", "-separated */
    enum article_status status;
};
#define STORE_REVISIONS_MAX 200 /* revisions a list shows, newest first */
/* Article article_id's newest STORE_REVISIONS_MAX revisions, newest first,
 * without their lede and body ("" in the list). */
enum ak_err store_revision_list(struct store *st, struct arena *a, int64_t article_id,
                                struct revision **out, size_t *n);
/* Revision id of article article_id, in full; AK_ENOTFOUND when it is not
 * one of that article's. */
enum ak_err store_revision_get(struct store *st, struct arena *a, int64_t article_id, int64_t id,
                               struct revision *out);

#endif
