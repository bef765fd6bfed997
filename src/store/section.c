/*
 * section.c: sections (the site's navigation) and tags.
 */
#include "store/db.h"

static const char sql_section_add[] =
    "INSERT INTO section(slug, name, position) "
    "VALUES(?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM section))";
static const char sql_section_list[] =
    "SELECT id, slug, name, position FROM section ORDER BY position, id";
static const char sql_section_by_slug[] =
    "SELECT id, slug, name, position FROM section WHERE slug=?1";
static const char sql_tag_by_slug[] = "SELECT id, slug, name FROM tag WHERE slug=?1";

enum ak_err store_section_add(struct store *st, const char *slug, const char *name,
                              int64_t *id)
{
    sqlite3_stmt *s = db_stmt(st, sql_section_add);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    db_bind_text(s, 2, name);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int db_section_row(sqlite3_stmt *s, struct arena *a, void *elem)
{
    struct section *out = elem;
    out->id = sqlite3_column_int64(s, 0);
    out->slug = db_col_text(s, 1, a);
    out->name = db_col_text(s, 2, a);
    out->position = sqlite3_column_int(s, 3);
    return out->slug && out->name;
}

int db_tag_row(sqlite3_stmt *s, struct arena *a, void *elem)
{
    struct tag *out = elem;
    out->id = sqlite3_column_int64(s, 0);
    out->slug = db_col_text(s, 1, a);
    out->name = db_col_text(s, 2, a);
    return out->slug && out->name;
}

enum ak_err store_section_list(struct store *st, struct arena *a, struct section **out,
                               size_t *n)
{
    sqlite3_stmt *s = db_stmt(st, sql_section_list);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, db_section_row, (void **)out, n);
}

enum ak_err store_section_by_slug(struct store *st, struct arena *a, const char *slug,
                                  struct section *out)
{
    sqlite3_stmt *s = db_stmt(st, sql_section_by_slug);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    return db_row(st, s, a, db_section_row, out);
}

enum ak_err store_tag_by_slug(struct store *st, struct arena *a, const char *slug,
                              struct tag *out)
{
    sqlite3_stmt *s = db_stmt(st, sql_tag_by_slug);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, slug);
    return db_row(st, s, a, db_tag_row, out);
}
