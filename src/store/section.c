/*
 * section.c: sections (the site's navigation) and tags.
 */
#include "store/db.h"
#include "store/section.h"

DB_SQL(SECTION_ADD) =
    "INSERT INTO section(slug, name, position) "
    "VALUES(?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM section))";
DB_SQL(SECTION_LIST) =
    "SELECT id, slug, name, position FROM section ORDER BY position, id";
DB_SQL(SECTION_BY_SLUG) =
    "SELECT id, slug, name, position FROM section WHERE slug=?1";
DB_SQL(TAG_BY_SLUG) = "SELECT id, slug, name FROM tag WHERE slug=?1";

enum ak_err store_section_add(struct store *st, const char *slug, const char *name,
                              int64_t *id)
{
    struct db_q *s = db_stmt(st, STMT_SECTION_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    db_bind_name(s, 2, name);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_section_list(struct store *st, struct arena *a, struct section **out,
                               size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_SECTION_LIST);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, db_section_row, (void **)out, n);
}

enum ak_err store_section_by_slug(struct store *st, struct arena *a, const char *slug,
                                  struct section *out)
{
    struct db_q *s = db_stmt(st, STMT_SECTION_BY_SLUG);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    return db_row(st, s, a, db_section_row, out);
}

enum ak_err store_tag_by_slug(struct store *st, struct arena *a, const char *slug,
                              struct tag *out)
{
    struct db_q *s = db_stmt(st, STMT_TAG_BY_SLUG);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    return db_row(st, s, a, db_tag_row, out);
}

/* ---- the newsroom's management of sections and tags ---- */

DB_SQL(SECTION_COUNTS) =
    "SELECT s.id, s.slug, s.name, s.position, "
    "(SELECT count(*) FROM article_section x WHERE x.section_id=s.id) "
    "FROM section s ORDER BY s.position, s.id";
DB_SQL(SECTION_RENAME) = "UPDATE section SET name=?2 WHERE id=?1";
DB_SQL(SECTION_IDS) = "SELECT id FROM section ORDER BY position, id";
DB_SQL(SECTION_SET_POSITION) = "UPDATE section SET position=?2 WHERE id=?1";
DB_SQL(TAG_COUNTS) =
    "SELECT t.id, t.slug, t.name, (SELECT count(*) FROM article_tag x WHERE x.tag_id=t.id) "
    "FROM tag t ORDER BY t.name";
DB_SQL(TAG_BY_ID) = "SELECT id, slug, name FROM tag WHERE id=?1";
DB_SQL(TAG_RENAME) = "UPDATE tag SET name=?2 WHERE id=?1";
DB_SQL(TAG_MERGE_LINKS) =
    "INSERT OR IGNORE INTO article_tag(article_id, tag_id, position) "
    "SELECT article_id, ?2, position FROM article_tag WHERE tag_id=?1";
DB_SQL(TAG_UNLINK) = "DELETE FROM article_tag WHERE tag_id=?1";
DB_SQL(TAG_DELETE) = "DELETE FROM tag WHERE id=?1";
DB_SQL(TAG_DELETE_UNUSED) =
    "DELETE FROM tag WHERE id=?1 AND NOT EXISTS(SELECT 1 FROM article_tag WHERE tag_id=?1)";

static int section_count_row(struct db_q *s, struct arena *a, void *elem)
{
    struct section_count *o = elem;
    o->articles = db_col_int64(s, 4);
    return db_section_row(s, a, &o->section);
}

enum ak_err store_section_counts(struct store *st, struct arena *a, struct section_count **out,
                                 size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_SECTION_COUNTS);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, section_count_row, (void **)out, n);
}

/* Run a one-row statement binding ?1 id and ?2 text (or nothing when text
 * is NULL); AK_ENOTFOUND when no row changed. */
static enum ak_err section_change(struct store *st, enum db_stmt_id sid, int64_t id,
                                  const char *text)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    if (text)
        db_bind_name(s, 2, text);       /* a section's or a tag's new name */
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && db_changes(st) == 0)
        rc = AK_ENOTFOUND;
    return rc;
}

enum ak_err store_section_rename(struct store *st, int64_t id, const char *name)
{
    return section_change(st, STMT_SECTION_RENAME, id, name);
}

/* The body of store_section_move, inside its savepoint. */
static enum ak_err section_move(struct store *st, int64_t id, int up)
{
    struct db_q *s = db_stmt(st, STMT_SECTION_IDS);
    if (!s)
        return AK_EIO;
    int64_t ids[STORE_SECTIONS_MAX];
    size_t n = 0, at = STORE_SECTIONS_MAX;
    int step;
    while ((step = db_step(s)) == DB_ROW && n < STORE_SECTIONS_MAX) {
        ids[n] = db_col_int64(s, 0);
        if (ids[n] == id)
            at = n;
        n++;
    }
    db_done(s);
    if (step != DB_DONE && step != DB_ROW)
        return db_fail(st, "section order");
    if (step == DB_ROW)
        return AK_ETOOBIG;
    if (at == STORE_SECTIONS_MAX)
        return AK_ENOTFOUND;
    size_t other = up ? at - 1 : at + 1;
    if ((up && at == 0) || (!up && at + 1 == n))
        return AK_OK;                   /* first already (or last): nothing to do */
    int64_t t = ids[at];
    ids[at] = ids[other];
    ids[other] = t;
    for (size_t i = 0; i < n; i++) {
        if (!(s = db_stmt(st, STMT_SECTION_SET_POSITION)))
            return AK_EIO;
        db_bind_int64(s, 1, ids[i]);
        db_bind_int64(s, 2, (int64_t)i + 1);
        enum ak_err rc = db_exec_stmt(st, s);
        if (rc)
            return rc;
    }
    return AK_OK;
}

enum ak_err store_section_move(struct store *st, int64_t id, int up)
{
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    if ((rc = section_move(st, id, up))) {
        db_rollback_to(st);
        return rc;
    }
    return db_release(st);
}

static int tag_count_row(struct db_q *s, struct arena *a, void *elem)
{
    struct tag_count *o = elem;
    o->articles = db_col_int64(s, 3);
    return db_tag_row(s, a, &o->tag);
}

enum ak_err store_tag_counts(struct store *st, struct arena *a, struct tag_count **out,
                             size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_TAG_COUNTS);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, tag_count_row, (void **)out, n);
}

enum ak_err store_tag_by_id(struct store *st, struct arena *a, int64_t id, struct tag *out)
{
    struct db_q *s = db_stmt(st, STMT_TAG_BY_ID);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_row(st, s, a, db_tag_row, out);
}

enum ak_err store_tag_rename(struct store *st, int64_t id, const char *name)
{
    return section_change(st, STMT_TAG_RENAME, id, name);
}

/* AK_OK when tag id exists, else AK_ENOTFOUND (or AK_EIO). */
static enum ak_err tag_exists(struct store *st, int64_t id)
{
    struct db_q *s = db_stmt(st, STMT_TAG_BY_ID);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    int step = db_step(s);
    db_done(s);
    if (step == DB_DONE)
        return AK_ENOTFOUND;
    return step == DB_ROW ? AK_OK : db_fail(st, "tag exists");
}

/* The body of store_tag_merge, inside its savepoint. */
static enum ak_err tag_merge(struct store *st, int64_t from, int64_t into)
{
    enum ak_err rc = tag_exists(st, into);
    if (rc)
        return rc;
    struct db_q *s = db_stmt(st, STMT_TAG_MERGE_LINKS);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, from);
    db_bind_int64(s, 2, into);
    rc = db_exec_stmt(st, s);
    if (rc == AK_OK)
        rc = section_change(st, STMT_TAG_UNLINK, from, NULL);
    if (rc == AK_ENOTFOUND)
        rc = AK_OK;                     /* an unused tag merges too */
    if (rc == AK_OK)
        rc = section_change(st, STMT_TAG_DELETE, from, NULL);
    return rc;
}

enum ak_err store_tag_merge(struct store *st, int64_t from, int64_t into)
{
    if (from == into)
        return AK_EINVAL;
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    if ((rc = tag_merge(st, from, into))) {
        db_rollback_to(st);
        return rc;
    }
    return db_release(st);
}

enum ak_err store_tag_delete_unused(struct store *st, int64_t id)
{
    struct db_q *s = db_stmt(st, STMT_TAG_DELETE_UNUSED);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc || db_changes(st) > 0)
        return rc;
    rc = tag_exists(st, id);
    return rc == AK_OK ? AK_EINVAL : rc;    /* there, so in use */
}

DB_SQL_CHECK(SECTION);
