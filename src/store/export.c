/*
 * export.c: a whole site as records, out and back in (see export.h).
 *
 * Why records carry slugs, logins and hashes and never ids: an export is
 * read into another database, where every id is new. Each record refers to
 * others by the key a person would use (a section's slug, a tag's name, a
 * user's login, an image's hash), and comments to the one they answer by
 * position, so that exporting the imported site writes the same bytes.
 */
#include <string.h>
#include "store/comment.h"
#include "store/db.h"
#include "store/export.h"
#include "store/user.h"

const char *const site_record_names[SITE_RECORD__MAX] = {
    "section", "tag", "image", "author", "page", "article",
};

DB_SQL(EXPORT_SECTIONS) = "SELECT id, slug, name, position FROM section ORDER BY position, id";
DB_SQL(EXPORT_TAGS) = "SELECT id, slug, name FROM tag ORDER BY id";
DB_SQL(EXPORT_IMAGES) =
    "SELECT id, hash, width, height, mime, alt, bytes, created_at FROM media ORDER BY id";
DB_SQL(EXPORT_AUTHORS) =
    "SELECT u.id, u.login, u.name, u.role, u.disabled, p.slug, p.bio, m.hash, u.created_at "
    "FROM user u LEFT JOIN profile p ON p.user_id=u.id LEFT JOIN media m ON m.id=p.photo_id "
    "ORDER BY u.id";
DB_SQL(EXPORT_PAGES) =
    "SELECT id, slug, title, body_md, published, position FROM page ORDER BY position, id";
DB_SQL(EXPORT_ARTICLE_NEXT) =
    "SELECT a.id, a.guid, a.slug, a.title, a.lede, a.body_md, s.slug, a.author, a.source, "
    "a.status, a.published_at, u.login, m.hash, a.breaking FROM article a "
    "JOIN section s ON s.id=a.section_id LEFT JOIN user u ON u.id=a.author_id "
    "LEFT JOIN media m ON m.id=a.image_id WHERE a.id>?1 ORDER BY a.id LIMIT 1";
DB_SQL(EXPORT_ARTICLE_SECTIONS) =
    "SELECT s.slug FROM article_section x JOIN section s ON s.id=x.section_id "
    "JOIN article a ON a.id=x.article_id WHERE x.article_id=?1 AND x.section_id<>a.section_id "
    "ORDER BY s.position, s.id";
DB_SQL(EXPORT_ARTICLE_TAGS) =
    "SELECT t.name FROM article_tag x JOIN tag t ON t.id=x.tag_id WHERE x.article_id=?1 "
    "ORDER BY x.position, t.id";
DB_SQL(EXPORT_COMMENTS) =
    "SELECT id, coalesce(parent_id, 0), author, body, status, created_at FROM comment "
    "WHERE article_id=?1 ORDER BY id";
DB_SQL(ITEM_SECTION) =
    "INSERT INTO section(slug, name, position) VALUES(?1, ?2, ?3) ON CONFLICT(slug) DO NOTHING";
DB_SQL(ITEM_SECTION_ID) = "SELECT id FROM section WHERE slug=?1";
DB_SQL(ITEM_TAG) = "INSERT INTO tag(slug, name) VALUES(?1, ?2) ON CONFLICT DO NOTHING";
DB_SQL(ITEM_TAG_ID) = "SELECT id FROM tag WHERE slug=?1";
DB_SQL(ITEM_IMAGE) =
    "INSERT INTO media(hash, width, height, mime, alt, bytes, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(hash) DO NOTHING";
DB_SQL(ITEM_AUTHOR) =
    "INSERT INTO user(login, name, role, password, disabled, created_at, updated_at) "
    "VALUES(?1, ?2, ?3, '', ?4, ?5, ?5) ON CONFLICT(login) DO NOTHING";
DB_SQL(ITEM_PROFILE) =
    "INSERT INTO profile(user_id, slug, bio, photo_id, updated_at) "
    "SELECT id, ?2, ?3, (SELECT id FROM media WHERE hash=?4), ?5 FROM user WHERE login=?1 "
    "ON CONFLICT(user_id) DO NOTHING";
DB_SQL(ITEM_PAGE) =
    "INSERT INTO page(slug, title, body_md, body_html, published, position, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(slug) DO NOTHING";
DB_SQL(ITEM_PAGE_ID) = "SELECT id FROM page WHERE slug=?1";

/* ---- in ---- */

/* The id of the row named by slug with statement sid; 0 when none. */
static int64_t export_id(struct store *st, enum db_stmt_id sid, const char *slug)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return 0;
    db_bind_text(s, 1, slug);
    int64_t id = db_step(s) == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return id;
}

/* Run insert s, setting *out by whether it added a row. */
static enum ak_err export_insert(struct store *st, struct db_q *s, enum import_outcome *out)
{
    enum ak_err rc = db_exec_stmt(st, s);
    *out = db_changes(st) > 0 ? IMPORT_IMPORTED : IMPORT_UNCHANGED;
    return rc;
}

static enum ak_err export_author_in(struct store *st, const struct site_item *it, int64_t now,
                                    enum import_outcome *out)
{
    int role = 0;
    while (role < USER_ROLE__MAX && (!it->role || strcmp(it->role, user_role_names[role])))
        role++;
    if (role == USER_ROLE__MAX || !it->login || !*it->login)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, STMT_ITEM_AUTHOR);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, it->login);
    db_bind_name(s, 2, it->name);
    db_bind_int(s, 3, role);
    db_bind_int(s, 4, it->disabled != 0);
    db_bind_int64(s, 5, it->created_at ? it->created_at : now);
    enum ak_err rc = export_insert(st, s, out);
    if (rc || *out != IMPORT_IMPORTED || (!it->slug && !(it->bio && *it->bio) && !it->photo))
        return rc;
    if (!(s = db_stmt(st, STMT_ITEM_PROFILE)))
        return AK_EIO;
    db_bind_text(s, 1, it->login);
    if (it->slug)
        db_bind_text(s, 2, it->slug);
    db_bind_text(s, 3, it->bio);
    if (it->photo)
        db_bind_text(s, 4, it->photo);
    db_bind_int64(s, 5, now);
    return db_exec_stmt(st, s);
}

/* store_import_item inside its savepoint. */
static enum ak_err export_item_in(struct store *st, const struct site_item *it,
                                  enum import_outcome *out)
{
    int64_t now = db_now(), id = 0;
    enum legacy_kind kind = LEGACY_SECTION;
    enum db_stmt_id idq = STMT_ITEM_SECTION_ID;
    struct db_q *s;
    enum ak_err rc;
    switch (it->type) {
    case SITE_SECTION:
    case SITE_TAG:
        if (!it->slug || !*it->slug || !it->name || !*it->name)
            return AK_EINVAL;
        if (!(s = db_stmt(st, it->type == SITE_TAG ? STMT_ITEM_TAG : STMT_ITEM_SECTION)))
            return AK_EIO;
        db_bind_text(s, 1, it->slug);
        db_bind_name(s, 2, it->name);
        if (it->type == SITE_SECTION)
            db_bind_int64(s, 3, it->position);
        else
            kind = LEGACY_TAG, idq = STMT_ITEM_TAG_ID;
        rc = export_insert(st, s, out);
        break;
    case SITE_PAGE:
        if (!it->slug || !*it->slug || !it->name || !*it->name)
            return AK_EINVAL;
        if (!(s = db_stmt(st, STMT_ITEM_PAGE)))
            return AK_EIO;
        db_bind_text(s, 1, it->slug);
        db_bind_name(s, 2, it->name);
        db_bind_text(s, 3, it->body_md);
        db_bind_text(s, 4, html_safe_str(it->body_html));
        db_bind_int(s, 5, it->published != 0);
        db_bind_int64(s, 6, it->position);
        db_bind_int64(s, 7, now);
        kind = LEGACY_PAGE, idq = STMT_ITEM_PAGE_ID;
        rc = export_insert(st, s, out);
        break;
    case SITE_IMAGE:
        if (!(s = db_stmt(st, STMT_ITEM_IMAGE)))
            return AK_EIO;
        db_bind_text(s, 1, it->hash);
        db_bind_int64(s, 2, it->width);
        db_bind_int64(s, 3, it->height);
        db_bind_text(s, 4, it->mime);
        db_bind_text(s, 5, it->alt);
        db_bind_int64(s, 6, it->bytes);
        db_bind_int64(s, 7, it->created_at ? it->created_at : now);
        return export_insert(st, s, out);
    case SITE_AUTHOR:
        return export_author_in(st, it, now, out);
    default:
        return AK_EINVAL;
    }
    if (rc)
        return rc;
    if (it->nlegacy_urls + it->nlegacy_ids == 0)
        return AK_OK;
    if (!(id = export_id(st, idq, it->slug)))
        return AK_EIO;
    for (size_t i = 0; rc == AK_OK && i < it->nlegacy_urls; i++)
        rc = store_legacy_put(st, it->legacy_urls[i], kind, id);
    for (size_t i = 0; rc == AK_OK && i < it->nlegacy_ids; i++)
        rc = store_legacy_put_post(st, it->legacy_ids[i], kind, id);
    return rc;
}

enum ak_err store_import_item(struct store *st, const struct site_item *it,
                              enum import_outcome *out)
{
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    if ((rc = export_item_in(st, it, out)))
        db_rollback_to(st);
    else
        rc = db_release(st);
    return rc;
}

/* ---- out ---- */

static int export_section_row(struct db_q *s, struct arena *a, void *elem)
{
    struct site_item *o = elem;
    o->type = SITE_SECTION;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->name = db_col_text(s, 2, a);
    o->position = db_col_int64(s, 3);
    return o->slug && o->name;
}

static int export_tag_row(struct db_q *s, struct arena *a, void *elem)
{
    struct site_item *o = elem;
    o->type = SITE_TAG;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->name = db_col_text(s, 2, a);
    return o->slug && o->name;
}

static int export_image_row(struct db_q *s, struct arena *a, void *elem)
{
    struct site_item *o = elem;
    o->type = SITE_IMAGE;
    o->id = db_col_int64(s, 0);
    o->hash = db_col_text(s, 1, a);
    o->width = db_col_int64(s, 2);
    o->height = db_col_int64(s, 3);
    o->mime = db_col_text(s, 4, a);
    o->alt = db_col_text(s, 5, a);
    o->bytes = db_col_int64(s, 6);
    o->created_at = db_col_int64(s, 7);
    return o->hash && o->mime && o->alt;
}

static int export_author_row(struct db_q *s, struct arena *a, void *elem)
{
    struct site_item *o = elem;
    int role = db_col_int(s, 3);
    o->type = SITE_AUTHOR;
    o->id = db_col_int64(s, 0);
    o->login = db_col_text(s, 1, a);
    o->name = db_col_text(s, 2, a);
    o->role = user_role_names[role >= 0 && role < USER_ROLE__MAX ? role : USER_AUTHOR];
    o->disabled = db_col_int(s, 4);
    o->slug = db_col_null(s, 5) ? NULL : db_col_text(s, 5, a);
    o->bio = db_col_text(s, 6, a);
    o->photo = db_col_null(s, 7) ? NULL : db_col_text(s, 7, a);
    o->created_at = db_col_int64(s, 8);
    return o->login && o->name && o->bio;
}

static int export_page_row(struct db_q *s, struct arena *a, void *elem)
{
    struct site_item *o = elem;
    o->type = SITE_PAGE;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->name = db_col_text(s, 2, a);
    o->body_md = db_col_text(s, 3, a);
    o->published = db_col_int(s, 4);
    o->position = db_col_int64(s, 5);
    return o->slug && o->name && o->body_md;
}

enum ak_err store_export_items(struct store *st, struct arena *a, enum site_record type,
                               struct site_item **out, size_t *n)
{
    static const struct {
        enum db_stmt_id sql;
        db_row_fn row;
        int legacy;             /* enum legacy_kind + 1; 0: none */
    } kinds[SITE_ARTICLE] = {
        [SITE_SECTION] = { STMT_EXPORT_SECTIONS, export_section_row, LEGACY_SECTION + 1 },
        [SITE_TAG] = { STMT_EXPORT_TAGS, export_tag_row, LEGACY_TAG + 1 },
        [SITE_IMAGE] = { STMT_EXPORT_IMAGES, export_image_row, 0 },
        [SITE_AUTHOR] = { STMT_EXPORT_AUTHORS, export_author_row, 0 },
        [SITE_PAGE] = { STMT_EXPORT_PAGES, export_page_row, LEGACY_PAGE + 1 },
    };
    *out = NULL;
    *n = 0;
    if ((unsigned)type >= SITE_ARTICLE)
        return AK_EINVAL;
    struct db_q *s = db_stmt(st, kinds[type].sql);
    if (!s)
        return AK_EIO;
    enum ak_err rc = db_rows(st, s, a, sizeof **out, kinds[type].row, (void **)out, n);
    for (size_t i = 0; rc == AK_OK && kinds[type].legacy && i < *n; i++) {
        struct site_item *it = &(*out)[i];
        int64_t *lids;
        rc = store_legacy_of(st, a, (enum legacy_kind)(kinds[type].legacy - 1), it->id,
                             &it->legacy_urls, &it->nlegacy_urls, &lids, &it->nlegacy_ids);
        it->legacy_ids = lids;
    }
    return rc;
}

static int export_text_row(struct db_q *s, struct arena *a, void *elem)
{
    return (*(const char **)elem = db_col_text(s, 0, a)) != NULL;
}

/* The comments of article id as comment_in, with reply_to from parent ids. */
static enum ak_err export_comments(struct store *st, struct arena *a, int64_t id,
                                   struct article_in *o)
{
    struct db_q *s = db_stmt(st, STMT_EXPORT_COMMENTS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    size_t cap = 0, n = 0;
    struct comment_in *c = NULL;
    int64_t *ids = NULL;
    int step;
    while ((step = db_step(s)) == DB_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct comment_in *nc = arena_alloc(a, ncap * sizeof *nc);
            int64_t *nids = arena_alloc(a, ncap * sizeof *nids);
            if (!nc || !nids) {
                db_done(s);
                return AK_ENOMEM;
            }
            if (n) {
                memcpy(nc, c, n * sizeof *c);
                memcpy(nids, ids, n * sizeof *ids);
            }
            c = nc, ids = nids, cap = ncap;
        }
        struct comment_in *e = &c[n];
        memset(e, 0, sizeof *e);
        ids[n] = db_col_int64(s, 0);
        int64_t parent = db_col_int64(s, 1);
        for (size_t k = 0; parent && k < n; k++)
            if (ids[k] == parent)
                e->reply_to = k + 1;
        e->author = db_col_text(s, 2, a);
        e->body = db_col_text(s, 3, a);
        int status = db_col_int(s, 4);
        e->status = comment_status_names[status >= 0 && status < COMMENT_STATUS__MAX
                                         ? status : COMMENT_PENDING];
        e->created_at = db_col_int64(s, 5);
        if (!e->author || !e->body) {
            db_done(s);
            return AK_ENOMEM;
        }
        n++;
    }
    db_done(s);
    if (step != DB_DONE)
        return db_fail(st, "export comments");
    o->comments = c;
    o->ncomments = n;
    return AK_OK;
}

/* An article and its id, for db_row. */
struct export_article {
    struct article_in in;
    int64_t id;
};

static int export_article_row(struct db_q *s, struct arena *a, void *elem)
{
    struct article_in *o = &((struct export_article *)elem)->in;
    ((struct export_article *)elem)->id = db_col_int64(s, 0);
    o->guid = db_col_null(s, 1) ? NULL : db_col_text(s, 1, a);
    o->slug = db_col_text(s, 2, a);
    o->title = db_col_text(s, 3, a);
    o->lede = db_col_text(s, 4, a);
    o->body_md = db_col_text(s, 5, a);
    o->section = db_col_text(s, 6, a);
    o->author = db_col_text(s, 7, a);
    o->source = db_col_text(s, 8, a);
    int status = db_col_int(s, 9);
    o->status = status >= 0 && status < ARTICLE_STATUS__MAX ? status : ARTICLE_DRAFT;
    o->published_at = db_col_int64(s, 10);
    o->author_login = db_col_null(s, 11) ? NULL : db_col_text(s, 11, a);
    o->image_hash = db_col_null(s, 12) ? NULL : db_col_text(s, 12, a);
    o->breaking = db_col_int(s, 13) != 0;
    return o->slug && o->title && o->lede && o->body_md && o->section && o->author && o->source;
}

enum ak_err store_export_article_next(struct store *st, struct arena *a, int64_t after,
                                      int64_t *id, struct article_in *out)
{
    struct export_article row;
    memset(&row, 0, sizeof row);
    struct db_q *s = db_stmt(st, STMT_EXPORT_ARTICLE_NEXT);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, after);
    enum ak_err rc = db_row(st, s, a, export_article_row, &row);
    if (rc)
        return rc;
    *out = row.in;
    *id = row.id;
    if (!(s = db_stmt(st, STMT_EXPORT_ARTICLE_SECTIONS)))
        return AK_EIO;
    db_bind_int64(s, 1, *id);
    if ((rc = db_rows(st, s, a, sizeof *out->sections, export_text_row,
                      (void **)&out->sections, &out->nsections)))
        return rc;
    if (!(s = db_stmt(st, STMT_EXPORT_ARTICLE_TAGS)))
        return AK_EIO;
    db_bind_int64(s, 1, *id);
    if ((rc = db_rows(st, s, a, sizeof *out->tags, export_text_row, (void **)&out->tags,
                      &out->ntags)))
        return rc;
    if ((rc = export_comments(st, a, *id, out)))
        return rc;
    int64_t *lids;
    rc = store_legacy_of(st, a, LEGACY_ARTICLE, *id, &out->legacy_urls, &out->nlegacy_urls,
                         &lids, &out->nlegacy_ids);
    out->legacy_ids = lids;
    return rc;
}

DB_SQL_CHECK(EXPORT);
