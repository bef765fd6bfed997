/*
 * audit.c: the newsroom's audit log: who did what, when, from where. Rows
 * are only ever appended; the log is read newest first.
 */
#include <string.h>
#include "store/db.h"
#include "store/audit.h"

#define AUDIT_NAME_(name, code) [AUDIT_##name] = code,
const char *const audit_action_names[AUDIT_ACTION__MAX] = { AUDIT_ACTIONS(AUDIT_NAME_) };
#undef AUDIT_NAME_

enum audit_action audit_action_parse(const char *code)
{
    for (int i = 0; code && i < AUDIT_ACTION__MAX; i++)
        if (strcmp(code, audit_action_names[i]) == 0)
            return (enum audit_action)i;
    return AUDIT_ACTION__MAX;
}

DB_SQL(AUDIT_ADD) =
    "INSERT INTO audit(at, user_id, login, action, target, detail, client) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
DB_SQL(AUDIT_LIST) =
    "SELECT id, at, coalesce(user_id, 0), login, action, target, detail, client FROM audit "
    "ORDER BY at DESC, id DESC LIMIT ?1 OFFSET ?2";
DB_SQL(AUDIT_COUNT) = "SELECT count(*) FROM audit";

enum ak_err store_audit_add(struct store *st, const struct audit_entry *e)
{
    struct db_q *s = db_stmt(st, STMT_AUDIT_ADD);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, e->at ? e->at : db_now());
    if (e->user_id)
        db_bind_int64(s, 2, e->user_id);
    db_bind_text(s, 3, e->login);
    if (e->action < 0 || e->action >= AUDIT_ACTION__MAX)
        return AK_EINVAL;
    db_bind_text(s, 4, audit_action_names[e->action]);
    db_bind_text(s, 5, e->target);
    db_bind_text(s, 6, e->detail);
    db_bind_text(s, 7, e->client);
    return db_exec_stmt(st, s);
}

static int audit_row(struct db_q *s, struct arena *a, void *elem)
{
    struct audit_entry *e = elem;
    e->id = db_col_int64(s, 0);
    e->at = db_col_int64(s, 1);
    e->user_id = db_col_int64(s, 2);
    e->login = db_col_text(s, 3, a);
    e->code = db_col_text(s, 4, a);
    e->action = audit_action_parse(e->code);
    e->target = db_col_text(s, 5, a);
    e->detail = db_col_text(s, 6, a);
    e->client = db_col_text(s, 7, a);
    return e->login && e->code && e->target && e->detail && e->client;
}

enum ak_err store_audit_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct audit_entry **out, size_t *n, size_t *total)
{
    struct db_q *s;
    if (total) {
        if (!(s = db_stmt(st, STMT_AUDIT_COUNT)))
            return AK_EIO;
        int step = db_step(s);
        *total = step == DB_ROW ? (size_t)db_col_int64(s, 0) : 0;
        db_done(s);
        if (step != DB_ROW)
            return db_fail(st, "audit count");
    }
    if (!(s = db_stmt(st, STMT_AUDIT_LIST)))
        return AK_EIO;
    db_bind_int64(s, 1, (int64_t)limit);
    db_bind_int64(s, 2, (int64_t)offset);
    return db_rows(st, s, a, sizeof **out, audit_row, (void **)out, n);
}

DB_SQL_CHECK(AUDIT);
