/*
 * wire.h: wire feeds and the items they delivered (wire.c, schema 12).
 * Strings in returned structs live in the caller's arena.
 */
#ifndef AK_STORE_WIRE_H
#define AK_STORE_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

struct store;

#define STORE_WIRE_HASH 16      /* bytes of an item's content hash */

/* A feed and how its polling goes. */
struct feed {
    int64_t id;
    const char *url;
    const char *section;        /* the slug of the section its items go to */
    enum article_status status; /* what its items become: ARTICLE_REVIEW or ARTICLE_PUBLISHED */
    int64_t interval;           /* seconds between polls */
    const char *title;          /* the channel's title ("" before a good poll) */
    const char *etag, *last_modified;   /* validators of the last 200 */
    int64_t polled_at, ok_at, next_at, created_at;
    int http_status;            /* of the last attempt; 0: none or no answer */
    const char *error;          /* why the last attempt failed, "" when it did not */
    int64_t failures;           /* failed attempts in a row */
    int64_t items, duplicates;  /* items delivered; of which near-duplicates */
};

/* Add a feed of url (unique) whose items go to section slug with status,
 * polled every interval seconds (>= 60), due at once. Returns AK_OK (*id set
 * when id is not NULL), AK_EEXIST (the url is there), AK_ENOTFOUND (no such
 * section) or AK_EIO. */
enum ak_err store_feed_add(struct store *st, const char *url, const char *section,
                           enum article_status status, int64_t interval, int64_t *id);
/* Remove feed id (its items stay, so that it added again duplicates nothing).
 * AK_ENOTFOUND when there is none. */
enum ak_err store_feed_remove(struct store *st, int64_t id);
/* Feed id by url; AK_ENOTFOUND. */
enum ak_err store_feed_by_url(struct store *st, struct arena *a, const char *url,
                              struct feed *out);
/* Every feed, by id, with its counts. */
enum ak_err store_feed_list(struct store *st, struct arena *a, struct feed **out, size_t *n);
/* The feeds due at now (next_at <= now), longest due first, at most limit. */
enum ak_err store_feed_due(struct store *st, struct arena *a, int64_t now, size_t limit,
                           struct feed **out, size_t *n);
/* The earliest next_at of any feed; AK_ENOTFOUND when there are none. */
enum ak_err store_feed_next_due(struct store *st, int64_t *when);
/* Record the outcome of polling f: every field of it that a poll changes
 * (title, etag, last_modified, polled_at, ok_at, http_status, error,
 * failures, next_at). */
enum ak_err store_feed_polled(struct store *st, const struct feed *f);

/* Take feed id for a poll: when it is still due at now (another process
 * has not taken it), set its next_at to until. AK_ENOTFOUND when it is no
 * longer due. Two servers (or a server and `feed poll`) on one database so
 * never fetch a feed twice over. */
enum ak_err store_feed_claim(struct store *st, int64_t id, int64_t now, int64_t until);

/* Name source among article article_id's sources ("، "-separated) while the
 * article is a draft or in review and does not name it yet: another agency
 * told the same story. Published articles are the newsroom's: unchanged. */
enum ak_err store_wire_add_source(struct store *st, int64_t article_id, const char *source);

/* An item already delivered. */
struct wire_row {
    int64_t id;
    int64_t article_id;         /* 0 when its article is gone */
    int64_t duplicate_of;       /* 0 unless it was attached to another item's article */
    unsigned char hash[STORE_WIRE_HASH];
};
/* The item (origin, guid); AK_ENOTFOUND. */
enum ak_err store_wire_find(struct store *st, const char *origin, const char *guid,
                            struct wire_row *out);

/* A new item. */
struct wire_in {
    int64_t feed_id;            /* 0: a file import */
    const char *origin, *guid, *link, *title;
    int64_t article_id;         /* its article (a duplicate: the first one's) */
    int64_t duplicate_of;       /* 0, or the item it repeats */
    double similarity;
    unsigned char hash[STORE_WIRE_HASH];
    const void *sketch;         /* sketch_n bytes, or NULL */
    size_t sketch_n;
};
enum ak_err store_wire_add(struct store *st, const struct wire_in *in, int64_t *id);
/* Insert the article in (when not NULL: w->article_id gets its id) and the
 * item w, both or neither (a savepoint, inside the caller's transaction if
 * any); *id gets the item's id. Errors as store_article_insert's and
 * store_wire_add's (AK_EEXIST: the item is known). */
enum ak_err store_wire_insert(struct store *st, const struct article_in *in, struct wire_in *w,
                              int64_t *id);
/* Record item id's new content hash (its content changed). */
enum ak_err store_wire_set_hash(struct store *st, int64_t id,
                                const unsigned char hash[STORE_WIRE_HASH]);

/* A candidate for near-duplicates: a recent item that has its own article. */
struct wire_sketch {
    int64_t id, article_id;
    const void *sketch;         /* in the arena */
    size_t n;
};
/* Items seen since since, not duplicates themselves, with an article and a
 * sketch, newest first, at most limit. */
enum ak_err store_wire_recent(struct store *st, struct arena *a, int64_t since, size_t limit,
                              struct wire_sketch **out, size_t *n);

#endif
