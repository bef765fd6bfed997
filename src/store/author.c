/*
 * author.c: newsroom users' public profiles (see author.h).
 */
#include <stdio.h>
#include <string.h>
#include "store/author.h"
#include "store/db.h"
#include "text/slug.h"
#include "text/utf8.h"

/* A user with their profile (columns 0-12); ?9 is now, for the count of
 * published articles. */
#define AUTHOR_COLS \
    "SELECT u.id, u.login, u.name, coalesce(p.slug, ''), coalesce(p.bio, ''), " \
    "coalesce(p.photo_id, 0), coalesce(m.hash, ''), coalesce(m.alt, ''), " \
    "coalesce(m.width, 0), coalesce(m.height, 0), u.disabled, " \
    "(SELECT count(*) FROM article a WHERE a.author_id=u.id AND a.status=3 " \
    "AND a.published_at<=?9), coalesce(p.updated_at, 0) " \
    "FROM user u LEFT JOIN profile p ON p.user_id=u.id LEFT JOIN media m ON m.id=p.photo_id "

DB_SQL(AUTHOR_GET) = AUTHOR_COLS "WHERE u.id=?1";
DB_SQL(AUTHOR_BY_SLUG) = AUTHOR_COLS "WHERE p.slug=?1";
DB_SQL(AUTHOR_SLUG_OWNER) = "SELECT user_id FROM profile WHERE slug=?1";
DB_SQL(AUTHOR_SAVE) =
    "INSERT INTO profile(user_id, slug, bio, photo_id, updated_at) "
    "VALUES(?1, ?2, ?3, nullif(?4, 0), ?5) ON CONFLICT(user_id) DO UPDATE SET "
    "slug=excluded.slug, bio=excluded.bio, photo_id=excluded.photo_id, "
    "updated_at=excluded.updated_at";
DB_SQL(AUTHOR_SET_NAME) = "UPDATE user SET name=?2, updated_at=?3 WHERE id=?1";
/* Enabled, or with published articles: the profiles /author/SLUG shows. */
DB_SQL(AUTHOR_LIST_PUBLIC) =
    "SELECT p.slug, coalesce((SELECT max(a.updated_at) FROM article a WHERE "
    "a.author_id=p.user_id AND a.status=3 AND a.published_at<=?9), p.updated_at) AS at "
    "FROM profile p JOIN user u ON u.id=p.user_id WHERE p.slug IS NOT NULL AND "
    "(u.disabled=0 OR EXISTS (SELECT 1 FROM article a WHERE a.author_id=p.user_id "
    "AND a.status=3 AND a.published_at<=?9)) ORDER BY p.slug";

static int author_row(struct db_q *s, struct arena *a, void *elem)
{
    struct author *o = elem;
    o->user_id = db_col_int64(s, 0);
    o->login = db_col_text(s, 1, a);
    o->name = db_col_text(s, 2, a);
    o->slug = db_col_text(s, 3, a);
    o->bio = db_col_text(s, 4, a);
    o->photo_id = db_col_int64(s, 5);
    o->photo_hash = db_col_text(s, 6, a);
    o->photo_alt = db_col_text(s, 7, a);
    o->photo_width = db_col_int(s, 8);
    o->photo_height = db_col_int(s, 9);
    o->disabled = db_col_int(s, 10) != 0;
    o->articles = db_col_int64(s, 11);
    o->updated_at = db_col_int64(s, 12);
    return o->login && o->name && o->slug && o->bio && o->photo_hash && o->photo_alt;
}

enum ak_err store_author_get(struct store *st, struct arena *a, int64_t user_id,
                             struct author *out)
{
    struct db_q *s = db_stmt(st, STMT_AUTHOR_GET);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, user_id);
    db_bind_int64(s, 9, db_now());
    return db_row(st, s, a, author_row, out);
}

enum ak_err store_author_by_slug(struct store *st, struct arena *a, const char *slug,
                                 struct author *out)
{
    struct db_q *s = db_stmt(st, STMT_AUTHOR_BY_SLUG);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    db_bind_int64(s, 9, db_now());
    return db_row(st, s, a, author_row, out);
}

/* The user whose profile has slug into *owner (0 when none). */
static enum ak_err author_slug_owner(struct store *st, const char *slug, int64_t *owner)
{
    struct db_q *s = db_stmt(st, STMT_AUTHOR_SLUG_OWNER);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    int step = db_step(s);
    *owner = step == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW || step == DB_DONE ? AK_OK : db_fail(st, "slug owner");
}

/* Characters in s, or SIZE_MAX when it is not valid UTF-8. */
static size_t author_chars(const char *s)
{
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i < n; chars++) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return SIZE_MAX;
        i += k;
    }
    return chars;
}

enum ak_err store_author_save(struct store *st, struct arena *a, int64_t user_id,
                              const struct author_in *in, const char **slug_out)
{
    const char *name = in->name ? in->name : "", *bio = in->bio ? in->bio : "";
    if (author_chars(bio) > AUTHOR_BIO_MAX || author_chars(name) == SIZE_MAX)
        return AK_EINVAL;
    struct author cur;
    enum ak_err rc = store_author_get(st, a, user_id, &cur);
    if (rc)
        return rc;
    int given = in->slug && *in->slug;
    const char *from = given ? in->slug : *name ? name : cur.login;
    if (!utf8_valid(from, strlen(from)))
        return AK_EINVAL;
    char *base = text_slug(a, from, AUTHOR_SLUG_MAX - 8);
    if (!base)
        return AK_ENOMEM;
    if (!*base)
        return AK_EINVAL;
    const char *slug = base;
    for (int k = 2;; k++) {
        int64_t owner;
        if ((rc = author_slug_owner(st, slug, &owner)))
            return rc;
        if (owner == 0 || owner == user_id)
            break;
        if (given)
            return AK_EEXIST;
        if (!(slug = arena_printf(a, "%s-%d", base, k)))
            return AK_ENOMEM;
    }
    int64_t now = db_now();
    struct db_q *s = db_stmt(st, STMT_AUTHOR_SET_NAME);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, user_id);
    db_bind_name(s, 2, name);
    db_bind_int64(s, 3, now);
    if ((rc = db_exec_stmt(st, s)))
        return rc;
    if (!(s = db_stmt(st, STMT_AUTHOR_SAVE)))
        return AK_EIO;
    db_bind_int64(s, 1, user_id);
    db_bind_text(s, 2, slug);
    db_bind_text(s, 3, bio);
    db_bind_int64(s, 4, in->photo_id);
    db_bind_int64(s, 5, now);
    if ((rc = db_exec_stmt(st, s)))
        return rc;              /* an unknown photo (foreign key): AK_EINVAL */
    if (slug_out)
        *slug_out = slug;
    return AK_OK;
}

static int author_entry_row(struct db_q *s, struct arena *a, void *elem)
{
    struct author_entry *o = elem;
    o->slug = db_col_text(s, 0, a);
    o->updated_at = db_col_int64(s, 1);
    return o->slug != NULL;
}

enum ak_err store_author_list_public(struct store *st, struct arena *a,
                                     struct author_entry **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_AUTHOR_LIST_PUBLIC);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 9, db_now());
    return db_rows(st, s, a, sizeof **out, author_entry_row, (void **)out, n);
}

DB_SQL_CHECK(AUTHOR);
