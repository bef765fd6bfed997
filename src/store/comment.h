/*
 * comment.h: readers' comments and the moderation queue (comment.c). Strings
 * in returned structs live in the caller's arena.
 */
#ifndef AK_STORE_COMMENT_H
#define AK_STORE_COMMENT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

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
 * their parent: the newest COMMENT_LIST_MAX of them, fewer when their bodies
 * would pass COMMENT_LIST_BYTES (a reply whose parent is older than those is
 * left out), so that an article page holds its comments within a request's
 * memory however many readers wrote (400 long ones made its page answer 500
 * for good). */
#define COMMENT_LIST_MAX 200
#define COMMENT_LIST_BYTES (1 << 20)
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
/* How many comments have status s (the moderation queue's length). */
enum ak_err store_comment_count_status(struct store *st, enum comment_status s, int64_t *n);
/* A comment in the moderation queue, with its article's title and slug. */
struct comment_queued {
    int64_t id, article_id;
    const char *author, *body;
    enum comment_status status;
    int64_t created_at;
    const char *article_title, *article_slug;
    int article_published;      /* the article is published: its page can be linked */
};
/* Comments with status s, newest first, skipping offset, at most limit;
 * *total (may be NULL) gets how many have status s. Strings in arena a. */
enum ak_err store_comment_queue(struct store *st, struct arena *a, enum comment_status s,
                                size_t offset, size_t limit, struct comment_queued **out,
                                size_t *n, size_t *total);
/* What the moderation queue does to several comments at once. */
enum comment_action { COMMENT_APPROVE, COMMENT_MARK_SPAM, COMMENT_DELETE, COMMENT_ACTION__MAX };
extern const char *const comment_action_names[COMMENT_ACTION__MAX];   /* "approve", ... */
/* Apply action to each of ids[0..n), all or none (a savepoint, so inside or
 * outside the caller's transaction). Ids that name no comment (any more: a
 * reply goes with its deleted parent) are skipped; those changed are copied
 * to done (room for n) and counted in *ndone. Returns AK_OK or AK_EIO. */
enum ak_err store_comment_bulk(struct store *st, enum comment_action action, const int64_t *ids,
                               size_t n, int64_t *done, size_t *ndone);

#endif
