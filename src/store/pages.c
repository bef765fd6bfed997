/*
 * pages.c: the site's static pages (see pages.h).
 */
#include <string.h>
#include "store/db.h"
#include "store/pages.h"

#define PAGE_COLS "SELECT id, slug, title, body_md, body_html, published, position, updated_at "

/* A position of 0 puts the page after every other. */
DB_SQL(PAGE_ADD) =
    "INSERT INTO page(slug, title, body_md, body_html, published, position, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, CASE WHEN ?6>0 THEN ?6 ELSE "
    "(SELECT coalesce(max(position), 0) + 1 FROM page) END, ?7)";
DB_SQL(PAGE_UPDATE) =
    "UPDATE page SET slug=?1, title=?2, body_md=?3, body_html=?4, published=?5, "
    "position=CASE WHEN ?6>0 THEN ?6 ELSE position END, updated_at=?7 WHERE id=?8";
DB_SQL(PAGE_DELETE) = "DELETE FROM page WHERE id=?1";
DB_SQL(PAGE_GET) = PAGE_COLS "FROM page WHERE id=?1";
DB_SQL(PAGE_BY_SLUG) = PAGE_COLS "FROM page WHERE slug=?1";
DB_SQL(PAGE_LIST) =
    "SELECT id, slug, title, '', NULL, published, position, updated_at FROM page "
    "ORDER BY position, id";
DB_SQL(PAGE_LIST_PUBLISHED) =
    "SELECT id, slug, title, '', NULL, published, position, updated_at FROM page "
    "WHERE published ORDER BY position, id";

static int page_row(struct db_q *s, struct arena *a, void *elem)
{
    struct static_page *o = elem;
    o->id = db_col_int64(s, 0);
    o->slug = db_col_text(s, 1, a);
    o->title = db_col_text(s, 2, a);
    o->body_md = db_col_text(s, 3, a);
    o->body_html = NULL;
    if (!db_col_null(s, 4) &&
        !(o->body_html = html_safe_from_store(a, db_col_text(s, 4, a))))
        return 0;
    o->published = db_col_int(s, 5) != 0;
    o->position = db_col_int64(s, 6);
    o->updated_at = db_col_int64(s, 7);
    return o->slug && o->title && o->body_md;
}

/* Bind p's fields (?1-?7) to s, the statement of an add or an update. */
static enum ak_err page_bind(struct db_q *s, const struct static_page *p)
{
    if (!p->slug || !*p->slug || !p->title || !*p->title)
        return AK_EINVAL;
    db_bind_text(s, 1, p->slug);
    db_bind_name(s, 2, p->title);
    db_bind_text(s, 3, p->body_md);
    db_bind_text(s, 4, p->body_html ? html_safe_str(p->body_html) : "");
    db_bind_int(s, 5, p->published != 0);
    db_bind_int64(s, 6, p->position);
    db_bind_int64(s, 7, db_now());
    return AK_OK;
}

/* Run sid, an add or an update, with p's fields. */
static enum ak_err page_write(struct store *st, enum db_stmt_id sid, const struct static_page *p)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    enum ak_err rc = page_bind(s, p);
    if (rc) {
        db_done(s);
        return rc;
    }
    if (sid == STMT_PAGE_UPDATE)
        db_bind_int64(s, 8, p->id);
    return db_exec_stmt(st, s);
}

enum ak_err store_page_add(struct store *st, const struct static_page *p, int64_t *id)
{
    enum ak_err rc = page_write(st, STMT_PAGE_ADD, p);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_page_update(struct store *st, const struct static_page *p)
{
    enum ak_err rc = page_write(st, STMT_PAGE_UPDATE, p);
    return rc || db_changes(st) ? rc : AK_ENOTFOUND;
}

enum ak_err store_page_delete(struct store *st, int64_t id)
{
    struct db_q *s = db_stmt(st, STMT_PAGE_DELETE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc)
        return rc;
    return db_changes(st) ? AK_OK : AK_ENOTFOUND;
}

enum ak_err store_page_get(struct store *st, struct arena *a, int64_t id,
                           struct static_page *out)
{
    struct db_q *s = db_stmt(st, STMT_PAGE_GET);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_row(st, s, a, page_row, out);
}

enum ak_err store_page_by_slug(struct store *st, struct arena *a, const char *slug,
                               struct static_page *out)
{
    struct db_q *s = db_stmt(st, STMT_PAGE_BY_SLUG);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    return db_row(st, s, a, page_row, out);
}

enum ak_err store_page_list(struct store *st, struct arena *a, struct static_page **out,
                            size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_PAGE_LIST);
    return s ? db_rows(st, s, a, sizeof **out, page_row, (void **)out, n) : AK_EIO;
}

enum ak_err store_page_list_published(struct store *st, struct arena *a,
                                      struct static_page **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_PAGE_LIST_PUBLISHED);
    return s ? db_rows(st, s, a, sizeof **out, page_row, (void **)out, n) : AK_EIO;
}

DB_SQL_CHECK(PAGES);
