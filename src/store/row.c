/*
 * row.c: the row fillers that several store modules share, so that the
 * modules reading sections, tags or users need not call each other.
 * Strings are copied into the caller's arena; each returns 0 when out of
 * memory.
 */
#include "store/db.h"
#include "store/section.h"
#include "store/user.h"

/* Columns 0-2 as an id, a slug and a name. */
static int row_named(struct db_q *s, struct arena *a, int64_t *id, const char **slug,
                     const char **name)
{
    *id = db_col_int64(s, 0);
    *slug = db_col_text(s, 1, a);
    *name = db_col_text(s, 2, a);
    return *slug && *name;
}

int db_section_row(struct db_q *s, struct arena *a, void *elem)
{
    struct section *out = elem;
    out->position = db_col_int(s, 3);
    return row_named(s, a, &out->id, &out->slug, &out->name);
}

int db_tag_row(struct db_q *s, struct arena *a, void *elem)
{
    struct tag *out = elem;
    return row_named(s, a, &out->id, &out->slug, &out->name);
}

int db_user_row(struct db_q *s, struct arena *a, void *elem)
{
    struct user *u = elem;
    u->id = db_col_int64(s, 0);
    u->login = db_col_text(s, 1, a);
    u->name = db_col_text(s, 2, a);
    int role = db_col_int(s, 3);
    /* An unknown role (a newer binary's?) gets the least powerful one. */
    u->role = role >= 0 && role < USER_ROLE__MAX ? (enum user_role)role : USER_MODERATOR;
    u->disabled = db_col_int(s, 4) != 0;
    u->created_at = db_col_int64(s, 5);
    u->updated_at = db_col_int64(s, 6);
    return u->login && u->name;
}
