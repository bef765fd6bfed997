/*
 * pg_sql.c: each statement's text for PostgreSQL (pg.h's pg_sql_text).
 *
 * Most of the store's SQL is the same on both backends: the schemas keep
 * the same tables and columns (src/store/pg/schema.sql), and the texts use
 * standard SQL. What differs is rewritten here, outside string literals
 * and quoted names, so that a module writes its statement once:
 *
 *   ?N                     $N (a bare ? takes the next number)
 *   INSERT OR IGNORE ...   INSERT ... ON CONFLICT DO NOTHING
 *   INDEXED BY name        dropped (PostgreSQL's planner chooses)
 *   IFNULL(                COALESCE(
 *   instr(                 strpos(
 *   unixepoch()            the time now, in seconds
 *   AS BLOB                AS bytea
 *   CROSS JOIN             JOIN (SQLite's hint for the order of the loops)
 *   user                   "user" (the table; a reserved word on PostgreSQL)
 *   INSERT ...             ... RETURNING id, for db_last_id (pg.c drops it
 *                          again for a table without an id column)
 *
 * A statement that needs more (SQLite's functions, FTS5, PRAGMAs) gives its
 * own text beside the SQLite one with DB_SQL_PG (stmt.h); that text is
 * rewritten the same way, so it may use ?N too.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/buf.h"
#include "store/pg.h"

/* Non-zero when s starts with word w (any case), not followed by a name
 * character. */
static int pg_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(s, w, n) == 0 && !(isalnum((unsigned char)s[n]) || s[n] == '_');
}

/* Non-zero when the text has word w outside literals (a rough check, for
 * RETURNING). */
static int pg_has_word(const char *s, const char *w)
{
    for (const char *p = s; (p = strcasestr(p, w)); p++)
        if ((p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) && pg_word(p, w))
            return 1;
    return 0;
}

const char *pg_sql_text(struct arena *a, enum db_stmt_id id, int *returning_id)
{
    return pg_sql_rewrite(a, db_sql_pg[id] ? db_sql_pg[id] : db_sql[id], returning_id);
}

const char *pg_sql_rewrite(struct arena *a, const char *s, int *returning_id)
{
    struct buf b;
    buf_init(&b, 0);
    int ignore = 0, next = 0;
    while (*s == ' ' || *s == '\n')
        s++;
    int insert = pg_word(s, "INSERT");
    for (const char *p = s; *p;) {
        int boundary = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        if (*p == '\'' || *p == '"') {          /* a literal or a quoted name, as it is */
            const char *e = p + 1;
            while (*e && !(*e == *p && e[1] != *p))
                e += *e == *p ? 2 : 1;
            size_t n = (size_t)(e - p) + (*e ? 1 : 0);
            buf_append(&b, p, n);
            p += n;
        } else if (*p == '?') {
            char num[16];
            p++;
            if (isdigit((unsigned char)*p)) {
                int k = 0;
                while (isdigit((unsigned char)*p))
                    k = 10 * k + (*p++ - '0');
                if (k > next)
                    next = k;
                snprintf(num, sizeof num, "$%d", k);
            } else {
                snprintf(num, sizeof num, "$%d", ++next);
            }
            buf_puts(&b, num);
        } else if (boundary && pg_word(p, "INSERT OR IGNORE")) {
            buf_puts(&b, "INSERT");
            p += strlen("INSERT OR IGNORE");
            ignore = 1;
        } else if (boundary && pg_word(p, "INDEXED BY")) {
            p += strlen("INDEXED BY");
            while (*p == ' ')
                p++;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
        } else if (boundary && pg_word(p, "IFNULL")) {
            buf_puts(&b, "COALESCE");
            p += strlen("IFNULL");
        } else if (boundary && pg_word(p, "instr")) {
            buf_puts(&b, "strpos");
            p += strlen("instr");
        } else if (boundary && strncmp(p, "unixepoch()", 11) == 0) {
            buf_puts(&b, "(extract(epoch from now()))::bigint");
            p += 11;
        } else if (boundary && pg_word(p, "AS BLOB")) {
            buf_puts(&b, "AS bytea");
            p += strlen("AS BLOB");
        } else if (boundary && pg_word(p, "CROSS JOIN")) {
            buf_puts(&b, "JOIN");
            p += strlen("CROSS JOIN");
        } else if (boundary && pg_word(p, "user") && (p == s || p[-1] != '.')) {
            buf_puts(&b, "\"user\"");
            p += 4;
        } else {
            buf_putc(&b, *p++);
        }
    }
    while (b.n && (b.p[b.n - 1] == ' ' || b.p[b.n - 1] == ';' || b.p[b.n - 1] == '\n'))
        b.n--;
    if (ignore)
        buf_puts(&b, " ON CONFLICT DO NOTHING");
    /* A text of its own may return the rowid a table keeps as a column. */
    size_t rn = strlen(" RETURNING rowid");
    int rowid = insert && b.n > rn && memcmp(b.p + b.n - rn, " RETURNING rowid", rn) == 0;
    *returning_id = rowid || (insert && !pg_has_word(s, "RETURNING"));
    if (*returning_id && !rowid)
        buf_puts(&b, " RETURNING id");
    const char *out = b.err ? NULL : arena_strndup(a, b.p, b.n);
    buf_reset(&b);
    return out;
}
