/*
 * moving.c: imports that can run again, and the old site's URLs (see
 * moving.h).
 *
 * Why a key made from the whole record: an import killed halfway has
 * committed some batches and not others, and a file run twice should change
 * nothing. A record that carries its source's guid is found by it (and
 * rewritten only when its key differs: an edited story); one without a guid
 * can only be recognised by being the very same record, so the key hashes
 * every field the store keeps of it (the guid too: two records that differ
 * only by guid are two articles and must not collide on the unique key).
 */
#include <sodium.h>
#include <string.h>
#include "store/db.h"
#include "store/moving.h"
#include "store/section.h"
#include "text/slug.h"
#include "text/urlpath.h"

const char *const import_outcome_names[IMPORT_OUTCOME__MAX] = {
    "imported", "updated", "unchanged",
};
const char *const legacy_kind_names[LEGACY_KIND__MAX] = { "article", "page", "section", "tag" };

DB_SQL(MOVING_BY_GUID) = "SELECT id, import_key FROM article WHERE guid=?1";
DB_SQL(MOVING_BY_KEY) = "SELECT id FROM article WHERE import_key=?1";
DB_SQL(MOVING_SET_KEY) = "UPDATE article SET import_key=?2 WHERE id=?1";
DB_SQL(MOVING_UPDATE) =
    "UPDATE article SET slug=?2, title=?3, lede=?4, body_md=?5, body_html=?6, section_id=?7, "
    "author=?8, source=?9, status=?10, published_at=nullif(?11, 0), updated_at=?12, "
    "body_text=?13, "
    "import_key=?14, author_id=(SELECT id FROM user WHERE login=?15), "
    "image_id=(SELECT id FROM media WHERE hash=?16), breaking=?17 WHERE id=?1";
DB_SQL(MOVING_UNLINK_SECTIONS) = "DELETE FROM article_section WHERE article_id=?1";
DB_SQL(MOVING_UNLINK_TAGS) = "DELETE FROM article_tag WHERE article_id=?1";
DB_SQL(LEGACY_URL_PUT) =
    "INSERT INTO legacy_url(path, kind, target) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(path) DO UPDATE SET kind=excluded.kind, target=excluded.target";
DB_SQL(LEGACY_POST_PUT) =
    "INSERT INTO legacy_post(old_id, kind, target) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(old_id) DO UPDATE SET kind=excluded.kind, target=excluded.target";
/* The slug of what a legacy row names, when the public may see it; the
 * kinds are enum legacy_kind's values, ?2 is now. */
#define LEGACY_SLUG \
    "CASE l.kind " \
    "WHEN 0 THEN (SELECT slug FROM article WHERE id=l.target AND status=3 " \
    "AND published_at<=?2) " \
    "WHEN 1 THEN (SELECT slug FROM page WHERE id=l.target AND published=1) " \
    "WHEN 2 THEN (SELECT slug FROM section WHERE id=l.target) " \
    "WHEN 3 THEN (SELECT slug FROM tag WHERE id=l.target) END"
DB_SQL(LEGACY_URL_FIND) =
    "SELECT l.kind, l.target, " LEGACY_SLUG " FROM legacy_url l WHERE l.path=?1";
DB_SQL(LEGACY_POST_FIND) =
    "SELECT l.kind, l.target, " LEGACY_SLUG " FROM legacy_post l WHERE l.old_id=?1";
DB_SQL(LEGACY_URLS_OF) =
    "SELECT path FROM legacy_url WHERE kind=?1 AND target=?2 ORDER BY path";
DB_SQL(LEGACY_POSTS_OF) =
    "SELECT old_id FROM legacy_post WHERE kind=?1 AND target=?2 ORDER BY old_id";

/* Hash a tag byte, then s with its length (NULL is told apart from ""). */
static void moving_hash_str(crypto_generichash_state *h, unsigned char tag, const char *s)
{
    unsigned char head[9];
    uint64_t n = s ? strlen(s) : UINT64_MAX;
    head[0] = tag;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)(n >> (8 * i));
    crypto_generichash_update(h, head, sizeof head);
    if (s)
        crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

static void moving_hash_int(crypto_generichash_state *h, unsigned char tag, int64_t v)
{
    unsigned char b[9];
    b[0] = tag;
    for (int i = 0; i < 8; i++)
        b[1 + i] = (unsigned char)((uint64_t)v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

/* The import key of in: every field the store keeps of it, in a fixed order,
 * each tagged and length-prefixed so that no two records share a stream. */
static void moving_key(const struct article_in *in, unsigned char key[DB_IMPORT_KEY_BYTES])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, DB_IMPORT_KEY_BYTES);
    moving_hash_str(&h, 'g', in->guid && *in->guid ? in->guid : NULL);
    moving_hash_str(&h, 't', in->title);
    moving_hash_str(&h, 'l', in->lede);
    moving_hash_str(&h, 'b', in->body_md);
    moving_hash_str(&h, 's', in->slug);
    moving_hash_str(&h, 'S', in->section);
    for (size_t i = 0; i < in->nsections; i++)
        moving_hash_str(&h, 'x', in->sections[i]);
    for (size_t i = 0; i < in->ntags; i++)
        moving_hash_str(&h, 'T', in->tags[i]);
    moving_hash_str(&h, 'a', in->author);
    moving_hash_str(&h, 'o', in->source);
    moving_hash_int(&h, 'z', (int64_t)in->status);
    moving_hash_int(&h, 'p', in->published_at);
    moving_hash_str(&h, 'w', in->author_login);
    moving_hash_str(&h, 'm', in->image_hash);
    for (size_t i = 0; i < in->ncomments; i++) {
        const struct comment_in *c = &in->comments[i];
        moving_hash_str(&h, 'c', c->author);
        moving_hash_str(&h, 'C', c->body);
        moving_hash_int(&h, 'd', c->created_at);
        moving_hash_str(&h, 'k', c->status);
        moving_hash_int(&h, 'r', (int64_t)c->reply_to);
    }
    for (size_t i = 0; i < in->nlegacy_urls; i++)
        moving_hash_str(&h, 'u', in->legacy_urls[i]);
    for (size_t i = 0; i < in->nlegacy_ids; i++)
        moving_hash_int(&h, 'i', in->legacy_ids[i]);
    crypto_generichash_final(&h, key, DB_IMPORT_KEY_BYTES);
}

/* Rewrite article id from in (see store_import_article). */
static enum ak_err moving_update(struct store *st, struct arena *a, int64_t id,
                                 const struct article_in *in, const unsigned char *key)
{
    struct section sec;
    enum ak_err rc = store_section_by_slug(st, a, in->section ? in->section : "", &sec);
    if (rc)
        return rc;
    const char *slug = in->slug && *in->slug ? in->slug : text_slug(a, in->title, 90);
    if (!slug)
        return AK_ENOMEM;
    int64_t now = db_now();
    struct db_q *s = db_stmt(st, STMT_MOVING_UPDATE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    db_bind_text(s, 2, slug);
    db_bind_name(s, 3, in->title);
    db_bind_text(s, 4, in->lede);
    db_bind_text(s, 5, in->body_md);
    db_bind_text(s, 6, html_safe_str(in->body_html));
    db_bind_int64(s, 7, sec.id);
    db_bind_name(s, 8, in->author);
    db_bind_name(s, 9, in->source);
    db_bind_int(s, 10, (int)in->status);
    int untimed = in->status == ARTICLE_DRAFT || in->status == ARTICLE_REVIEW;
    db_bind_int64(s, 11, in->published_at || untimed ? in->published_at : now);
    db_bind_int64(s, 12, now);
    db_bind_text(s, 13, in->body_text);
    db_bind_blob(s, 14, key, DB_IMPORT_KEY_BYTES);
    if (in->author_login)
        db_bind_text(s, 15, in->author_login);
    if (in->image_hash)
        db_bind_text(s, 16, in->image_hash);
    db_bind_int(s, 17, in->breaking != 0);
    if ((rc = db_exec_stmt(st, s)))
        return rc;
    for (int k = 0; k < 2; k++) {
        if (!(s = db_stmt(st, k ? STMT_MOVING_UNLINK_TAGS : STMT_MOVING_UNLINK_SECTIONS)))
            return AK_EIO;
        db_bind_int64(s, 1, id);
        if ((rc = db_exec_stmt(st, s)))
            return rc;
    }
    if ((rc = db_article_links(st, a, id, sec.id, in)))
        return rc;
    return db_article_comments(st, a, id, in, now, 1);
}

/* Find the article stored from in: by guid (*stored gets its key, or zeros)
 * or, without one, by key. *id gets 0 when there is none. */
static enum ak_err moving_find(struct store *st, const struct article_in *in,
                               const unsigned char *key, int64_t *id, unsigned char *stored)
{
    int by_guid = in->guid && *in->guid;
    struct db_q *s = db_stmt(st, by_guid ? STMT_MOVING_BY_GUID : STMT_MOVING_BY_KEY);
    if (!s)
        return AK_EIO;
    if (by_guid)
        db_bind_text(s, 1, in->guid);
    else
        db_bind_blob(s, 1, key, DB_IMPORT_KEY_BYTES);
    *id = 0;
    memset(stored, 0, DB_IMPORT_KEY_BYTES);
    int step = db_step(s);
    if (step == DB_ROW) {
        *id = db_col_int64(s, 0);
        if (by_guid && db_col_bytes(s, 1) == DB_IMPORT_KEY_BYTES)
            memcpy(stored, db_col_blob(s, 1), DB_IMPORT_KEY_BYTES);
        else if (!by_guid)
            memcpy(stored, key, DB_IMPORT_KEY_BYTES);
    }
    db_done(s);
    return step == DB_ROW || step == DB_DONE ? AK_OK : db_fail(st, "import find");
}

/* store_import_article inside its savepoint. */
static enum ak_err moving_import(struct store *st, struct arena *a, const struct article_in *in,
                                 int64_t *id, enum import_outcome *out)
{
    unsigned char key[DB_IMPORT_KEY_BYTES], stored[DB_IMPORT_KEY_BYTES];
    moving_key(in, key);
    enum ak_err rc = moving_find(st, in, key, id, stored);
    if (rc)
        return rc;
    if (*id && memcmp(stored, key, sizeof key) == 0) {
        *out = IMPORT_UNCHANGED;
        return AK_OK;
    }
    if (*id) {
        *out = IMPORT_UPDATED;
        rc = moving_update(st, a, *id, in, key);
    } else {
        *out = IMPORT_IMPORTED;
        rc = db_article_insert(st, a, in, key, id);
    }
    for (size_t i = 0; rc == AK_OK && i < in->nlegacy_urls; i++)
        rc = store_legacy_put(st, in->legacy_urls[i], LEGACY_ARTICLE, *id);
    for (size_t i = 0; rc == AK_OK && i < in->nlegacy_ids; i++)
        rc = store_legacy_put_post(st, in->legacy_ids[i], LEGACY_ARTICLE, *id);
    return rc;
}

enum ak_err store_import_article(struct store *st, const struct article_in *in, int64_t *id,
                                 enum import_outcome *out)
{
    if (!in->title || !*in->title)
        return AK_EINVAL;
    struct arena a;
    arena_init(&a, 0);
    enum ak_err rc = db_savepoint(st);
    if (rc == AK_OK) {
        rc = moving_import(st, &a, in, id, out);
        if (rc)
            db_rollback_to(st);
        else
            rc = db_release(st);
    }
    arena_reset(&a);
    return rc;
}

/* Run put statement sid with ?1 bound by the caller. */
static enum ak_err moving_put(struct store *st, struct db_q *s, enum legacy_kind kind,
                              int64_t target)
{
    if ((unsigned)kind >= LEGACY_KIND__MAX || target <= 0) {
        db_done(s);
        return AK_EINVAL;
    }
    db_bind_int(s, 2, (int)kind);
    db_bind_int64(s, 3, target);
    return db_exec_stmt(st, s);
}

enum ak_err store_legacy_put(struct store *st, const char *url, enum legacy_kind kind,
                             int64_t target)
{
    struct arena a;
    arena_init(&a, 0);
    const char *path = url ? text_urlpath(&a, url, strlen(url)) : NULL;
    enum ak_err rc = AK_EINVAL;
    if (path && strcmp(path, "/") != 0) {
        struct db_q *s = db_stmt(st, STMT_LEGACY_URL_PUT);
        if (!s) {
            rc = AK_EIO;
        } else {
            db_bind_text(s, 1, path);
            rc = moving_put(st, s, kind, target);
        }
    }
    arena_reset(&a);
    return rc;
}

enum ak_err store_legacy_put_post(struct store *st, int64_t old_id, enum legacy_kind kind,
                                  int64_t target)
{
    if (old_id <= 0)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, STMT_LEGACY_POST_PUT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, old_id);
    return moving_put(st, s, kind, target);
}

static int legacy_target_row(struct db_q *s, struct arena *a, void *elem)
{
    struct legacy_target *o = elem;
    int kind = db_col_int(s, 0);
    o->kind = kind >= 0 && kind < LEGACY_KIND__MAX ? (enum legacy_kind)kind : LEGACY_ARTICLE;
    o->id = db_col_int64(s, 1);
    /* NULL: the row is gone or not public (told apart by the caller) */
    o->slug = db_col_null(s, 2) ? NULL : db_col_text(s, 2, a);
    return 1;
}

/* Step find statement s (?1 bound) into *out. */
static enum ak_err moving_find_target(struct store *st, struct db_q *s, struct arena *a,
                                      struct legacy_target *out)
{
    db_bind_int64(s, 2, db_now());
    enum ak_err rc = db_row(st, s, a, legacy_target_row, out);
    if (rc == AK_OK && !out->slug)
        rc = AK_ENOTFOUND;
    return rc;
}

enum ak_err store_legacy_find(struct store *st, struct arena *a, const char *url,
                              struct legacy_target *out)
{
    const char *path = text_urlpath(a, url, strlen(url));
    if (!path)
        return AK_ENOTFOUND;            /* too long or a control character: never put */
    struct db_q *s = db_stmt(st, STMT_LEGACY_URL_FIND);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, path);
    return moving_find_target(st, s, a, out);
}

enum ak_err store_legacy_find_post(struct store *st, struct arena *a, int64_t old_id,
                                   struct legacy_target *out)
{
    struct db_q *s = db_stmt(st, STMT_LEGACY_POST_FIND);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, old_id);
    return moving_find_target(st, s, a, out);
}

static int moving_text_row(struct db_q *s, struct arena *a, void *elem)
{
    return (*(const char **)elem = db_col_text(s, 0, a)) != NULL;
}

static int moving_int_row(struct db_q *s, struct arena *a, void *elem)
{
    (void)a;
    *(int64_t *)elem = db_col_int64(s, 0);
    return 1;
}

enum ak_err store_legacy_of(struct store *st, struct arena *a, enum legacy_kind kind,
                            int64_t target, const char ***urls, size_t *nurls,
                            int64_t **ids, size_t *nids)
{
    struct db_q *s = db_stmt(st, STMT_LEGACY_URLS_OF);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, (int)kind);
    db_bind_int64(s, 2, target);
    enum ak_err rc = db_rows(st, s, a, sizeof **urls, moving_text_row, (void **)urls, nurls);
    if (rc)
        return rc;
    if (!(s = db_stmt(st, STMT_LEGACY_POSTS_OF)))
        return AK_EIO;
    db_bind_int(s, 1, (int)kind);
    db_bind_int64(s, 2, target);
    return db_rows(st, s, a, sizeof **ids, moving_int_row, (void **)ids, nids);
}

DB_SQL_CHECK(MOVING);
